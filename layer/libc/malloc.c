/*
 * malloc.c: the memory allocator (malloc, free, calloc, realloc,
 * aligned_alloc, posix_memalign).
 *
 * A boundary-tag allocator with segregated free lists:
 *
 * - Every block ("chunk") starts with one size word whose low bits are
 *   flags: INUSE (this chunk), PREV_INUSE (the chunk just below it) and
 *   MMAPPED.  Chunk sizes are multiples of 16 and chunks start 4 bytes
 *   before a 16-byte boundary, so user memory is 16-byte aligned and costs
 *   4 bytes of overhead.  A free chunk also holds its list links and, in its
 *   last word, a copy of its size (the footer), which lets free() find the
 *   chunk below and merge with it.  Two free chunks are never adjacent.
 * - Free chunks sit in 152 bins: exact sizes in steps of 16 below 1 KiB,
 *   then four bins per power of two.  A bitmap of non-empty bins finds the
 *   smallest bin that can serve a request in a few instructions; inside a
 *   large bin the first chunk that fits is taken, and the rest of a chunk
 *   that is bigger than needed goes back to a bin.
 * - The heap grows through sbrk at its "top" chunk, by at least 64 KiB or
 *   an eighth of its size, whichever is more, and gives memory back when
 *   more than 256 KiB (or twice that step) are free at the top.  Growing
 *   geometrically keeps the number of brk calls logarithmic, which matters
 *   because vkrun's brk costs time in proportion to the heap's size.
 *   If something else moved the break, a new heap segment starts; the old
 *   top is freed and capped with a permanently used 16-byte sentinel so no
 *   merge runs past a segment's end.
 * - Requests of 128 KiB and more get their own anonymous mmap and go back
 *   with munmap.  The word before such a chunk records the mapping's
 *   length; the mapping starts in the page of the chunk's memory minus 16.
 *   If the kernel refuses the munmap (its table of regions is full), the
 *   block is simply not returned: free() cannot report an error.
 *
 * free() checks what it can cheaply (alignment, the INUSE bit, the next
 * chunk's PREV_INUSE) and aborts with a message on a bad or double free
 * rather than corrupt the heap.  Not thread-safe: there are no threads yet.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define ALIGN		16u
#define HDR		4u			/* the size word */
#define MIN_CHUNK	16u			/* head, two links, footer */
#define MMAP_THRESHOLD	(128u * 1024)		/* requests this big are mmap'd */
#define GROW_MIN	(64u * 1024)		/* least heap growth */
#define GROW_SHIFT	3			/* ... or 1/8 of the segment */
#define TRIM_THRESHOLD	(256u * 1024)		/* free top beyond this is returned */
#define PAGE		4096u
#define MAX_REQUEST	(0x7fffffffu - 2 * PAGE)

#define INUSE		1u
#define PREV_INUSE	2u
#define MMAPPED		4u
#define FLAGS		7u

#define NSMALL		64u			/* exact bins: sizes 16 .. 1008 */
#define NBINS		152u
#define NWORDS		((NBINS + 31) / 32)

typedef struct chunk chunk;
struct chunk {
	size_t	head;		/* size | flags */
	chunk	*next;		/* free chunks only: bin list */
	chunk	*prev;
};

static chunk *bins[NBINS];
static uint32_t binmap[NWORDS];
static chunk *top;		/* the chunk that ends the current segment, or NULL */
static char *heap_start;	/* the start of the current segment */
static char *heap_end;		/* the end of the current segment */

/* Chunk geometry. */

static size_t
csize(const chunk *c)
{
	return c->head & ~(size_t)FLAGS;
}

static chunk *
at(const void *p, ptrdiff_t off)
{
	return (chunk *)((char *)p + off);
}

static chunk *
next_chunk(const chunk *c)
{
	return at(c, (ptrdiff_t)csize(c));
}

static void *
mem(const chunk *c)
{
	return (char *)c + HDR;
}

static chunk *
chunk_of(const void *p)
{
	return (chunk *)((char *)p - HDR);
}

/* The word just below C: the footer of a free chunk below, or the mapping
 * offset of an mmap'd chunk. */
static size_t *
below(const chunk *c)
{
	return (size_t *)((char *)c - sizeof(size_t));
}

static void
set_footer(chunk *c)
{
	*below(next_chunk(c)) = csize(c);
}

static size_t
top_size(void)
{
	return (size_t)(heap_end - (char *)top);
}

static size_t
page_up(size_t n)
{
	return (n + PAGE - 1) & ~(size_t)(PAGE - 1);
}

/* The chunk size for a request of N bytes, or 0 if it is impossibly big. */
static size_t
request_size(size_t n)
{
	size_t s;

	if (n > MAX_REQUEST)
		return 0;
	s = (n + HDR + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	return s < MIN_CHUNK ? MIN_CHUNK : s;
}

/* Heap corruption or a bad pointer from the program: stop at once. */
static void __attribute__((noreturn))
corrupt(const char *what)
{
	static const char pre[] = "malloc: ";

	write(2, pre, sizeof(pre) - 1);
	write(2, what, strlen(what));
	write(2, "\n", 1);
	abort();
}

/* Bins. */

static unsigned
bin_of(size_t size)
{
	unsigned lg;

	if (size < NSMALL * ALIGN)
		return (unsigned)(size / ALIGN);
	lg = 31u - (unsigned)__builtin_clz(size);
	return NSMALL + (lg - 10) * 4 + (unsigned)((size >> (lg - 2)) & 3);
}

/* The first non-empty bin at or after B, or NBINS. */
static unsigned
next_nonempty(unsigned b)
{
	unsigned w;
	uint32_t m;

	for (w = b / 32; w < NWORDS; w++) {
		m = binmap[w];
		if (w == b / 32)
			m &= ~0u << (b % 32);
		if (m != 0)
			return w * 32 + (unsigned)__builtin_ctz(m);
	}
	return NBINS;
}

static void
bin_insert(chunk *c)
{
	unsigned b = bin_of(csize(c));

	c->prev = NULL;
	c->next = bins[b];
	if (c->next != NULL)
		c->next->prev = c;
	bins[b] = c;
	binmap[b / 32] |= 1u << (b % 32);
}

static void
bin_remove(chunk *c)
{
	unsigned b = bin_of(csize(c));

	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		bins[b] = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	if (bins[b] == NULL)
		binmap[b / 32] &= ~(1u << (b % 32));
}

/* Freeing. */

static void trim_top(void);

/*
 * Release the in-use heap chunk C: merge it with free neighbours (or into
 * the top) and file it in its bin.  The chunk after C must have PREV_INUSE
 * set, as it does for any in-use chunk.
 */
static void
release(chunk *c)
{
	size_t size = csize(c);
	chunk *next = next_chunk(c);

	if ((c->head & PREV_INUSE) == 0) {
		chunk *prev = at(c, -(ptrdiff_t)*below(c));

		bin_remove(prev);
		size += csize(prev);
		c = prev;
	}
	if (next == top) {
		top = c;
		top->head = top_size() | PREV_INUSE;
		trim_top();
		return;
	}
	if ((next->head & INUSE) == 0) {
		bin_remove(next);
		size += csize(next);
	}
	c->head = size | PREV_INUSE;
	set_footer(c);
	next_chunk(c)->head &= ~(size_t)PREV_INUSE;
	bin_insert(c);
}

/* How much the heap grows at least: GROW_MIN or an eighth of the current
 * segment, in whole pages. */
static size_t
growth_step(void)
{
	size_t step = top != NULL ? (size_t)(heap_end - heap_start) >> GROW_SHIFT : 0;

	return page_up(step > GROW_MIN ? step : GROW_MIN);
}

/* Give the free memory at the top of the heap back to the kernel, keeping
 * one growth step, when more than TRIM_THRESHOLD and two steps are free and
 * the break is still where the heap left it. */
static void
trim_top(void)
{
	size_t step = growth_step(), extra;

	if (top_size() <= TRIM_THRESHOLD || top_size() <= 2 * step || sbrk(0) != heap_end)
		return;
	extra = (top_size() - step) & ~(size_t)(PAGE - 1);
	if (sbrk(-(intptr_t)extra) == (void *)-1)
		return;
	heap_end -= extra;
	top->head = top_size() | PREV_INUSE;
}

/* Mark the heap chunk C in use (its size already set). */
static void
mark_used(chunk *c)
{
	c->head |= INUSE;
	next_chunk(c)->head |= PREV_INUSE;
}

/* Cut the in-use heap chunk C down to S bytes, releasing the rest if it is
 * big enough to be a chunk of its own. */
static void
shrink(chunk *c, size_t s)
{
	size_t size = csize(c);
	chunk *rest;

	if (size - s < MIN_CHUNK)
		return;
	c->head = s | (c->head & FLAGS);
	rest = at(c, (ptrdiff_t)s);
	rest->head = (size - s) | INUSE | PREV_INUSE;
	release(rest);
}

/* Growing the heap. */

/* Cap the old top when a new segment starts: free all of it but a 16-byte
 * in-use sentinel at its end. */
static void
seal_segment(void)
{
	size_t size = top_size(), prev_flag = top->head & PREV_INUSE;
	chunk *old = top, *sentinel = at(heap_end, -(ptrdiff_t)MIN_CHUNK);

	top = NULL;
	if (size == MIN_CHUNK) {
		sentinel->head = MIN_CHUNK | INUSE | prev_flag;
		return;
	}
	sentinel->head = MIN_CHUNK | INUSE | PREV_INUSE;
	old->head = (size - MIN_CHUNK) | INUSE | prev_flag;
	release(old);
}

/*
 * Make the top chunk at least S + MIN_CHUNK bytes, growing the current
 * segment or starting a new one.  Returns 0 when the kernel gives no more.
 */
static int
grow(size_t s)
{
	char *cur = sbrk(0);
	size_t want = s + MIN_CHUNK, step = growth_step(), have = 0, inc, pad;

	if (top != NULL && cur == heap_end) {
		have = top_size();
		inc = page_up(want - have > step ? want - have : step);
		if (sbrk((intptr_t)inc) == (void *)-1)
			return 0;
		heap_end += inc;
		top->head = top_size() | (top->head & PREV_INUSE);
		return 1;
	}
	pad = (12u - (uintptr_t)cur) & (ALIGN - 1);
	inc = page_up(want > GROW_MIN ? want : GROW_MIN);
	if (inc < want)
		return 0;
	if (inc + pad < inc || sbrk((intptr_t)(inc + pad)) == (void *)-1)
		return 0;
	if (top != NULL)
		seal_segment();
	top = at(cur, (ptrdiff_t)pad);
	heap_start = (char *)top;
	heap_end = cur + pad + inc;
	top->head = inc | PREV_INUSE;
	return 1;
}

/* Allocation paths. */

/* A chunk of S bytes from the bins, or NULL. */
static chunk *
from_bins(size_t s)
{
	unsigned b = bin_of(s);
	chunk *c = NULL;

	if (b >= NSMALL) {
		for (c = bins[b]; c != NULL && csize(c) < s; c = c->next)
			;
		b++;
	} else
		c = bins[b];
	if (c == NULL) {
		b = next_nonempty(b);
		if (b == NBINS)
			return NULL;
		c = bins[b];
	}
	bin_remove(c);
	c->head |= INUSE;
	next_chunk(c)->head |= PREV_INUSE;
	shrink(c, s);
	return c;
}

/* A chunk of S bytes cut from the top, growing it if needed, or NULL. */
static chunk *
from_top(size_t s)
{
	chunk *c;

	if ((top == NULL || top_size() < s + MIN_CHUNK) && !grow(s))
		return NULL;
	c = top;
	c->head = s | INUSE | (c->head & PREV_INUSE);
	top = at(c, (ptrdiff_t)s);
	top->head = top_size() | PREV_INUSE;
	return c;
}

/*
 * A chunk of at least S bytes in its own mapping, whose memory is aligned
 * to ALIGNMENT (a power of two, at least 16), or NULL.  Whole pages before
 * the chunk are unmapped again, so the mapping starts in the page of
 * mem(c) - 16.  The word below the chunk holds the mapping's length.
 */
static chunk *
from_mmap(size_t s, size_t alignment)
{
	size_t len = page_up(s + alignment + ALIGN), lead;
	char *base, *user;
	chunk *c;

	if (len < s)
		return NULL;
	base = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED)
		return NULL;
	user = (char *)(((uintptr_t)base + ALIGN + alignment - 1) & ~(uintptr_t)(alignment - 1));
	lead = (size_t)(user - ALIGN - base) & ~(size_t)(PAGE - 1);
	if (lead > 0) {
		munmap(base, lead);
		base += lead;
		len -= lead;
	}
	c = chunk_of(user);
	*below(c) = len;
	c->head = ((size_t)(base + len - (char *)c) & ~(size_t)(ALIGN - 1)) | MMAPPED | INUSE;
	return c;
}

static void
unmap_chunk(chunk *c)
{
	char *base = (char *)(((uintptr_t)mem(c) - ALIGN) & ~(uintptr_t)(PAGE - 1));
	size_t len = *below(c);

	if (len % PAGE != 0 || base + len < (char *)c + csize(c) || base + len - PAGE >= (char *)c + csize(c))
		corrupt("free(): invalid mapped chunk");
	munmap(base, len);
}

/* The chunk of P, a pointer the program got from us and wants to free or
 * resize; aborts on what cannot be one. */
static chunk *
checked_chunk(void *p)
{
	chunk *c = chunk_of(p);
	size_t size = csize(c);

	if ((uintptr_t)p % ALIGN != 0 || (c->head & INUSE) == 0)
		corrupt("free(): invalid pointer or double free");
	if ((c->head & MMAPPED) != 0)
		return c;
	if (size < MIN_CHUNK || size % ALIGN != 0 || (next_chunk(c)->head & PREV_INUSE) == 0)
		corrupt("free(): corrupted chunk");
	return c;
}

/* The public interface. */

void *
malloc(size_t n)
{
	size_t s = request_size(n);
	chunk *c = NULL;

	if (s == 0) {
		errno = ENOMEM;
		return NULL;
	}
	if (s < MMAP_THRESHOLD) {
		c = from_bins(s);
		if (c == NULL)
			c = from_top(s);
	}
	if (c == NULL)
		c = from_mmap(s, ALIGN);
	if (c == NULL) {
		errno = ENOMEM;
		return NULL;
	}
	return mem(c);
}

void
free(void *p)
{
	chunk *c;

	if (p == NULL)
		return;
	c = checked_chunk(p);
	if ((c->head & MMAPPED) != 0)
		unmap_chunk(c);
	else
		release(c);
}

void *
calloc(size_t count, size_t size)
{
	size_t n;
	void *p;

	if (__builtin_mul_overflow(count, size, &n)) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(n);
	if (p != NULL && (chunk_of(p)->head & MMAPPED) == 0)
		memset(p, 0, n);	/* fresh mappings are zero already */
	return p;
}

/* Try to make the in-use heap chunk C at least S bytes without moving it. */
static int
resize_in_place(chunk *c, size_t s)
{
	size_t size = csize(c);
	chunk *next = next_chunk(c);

	if (s <= size) {
		shrink(c, s);
		return 1;
	}
	if (next == top && top_size() < s - size + MIN_CHUNK)
		grow(s - size);
	if (next == top && top_size() >= s - size + MIN_CHUNK) {
		top = at(c, (ptrdiff_t)s);
		c->head = s | (c->head & FLAGS);
		top->head = top_size() | PREV_INUSE;
		return 1;
	}
	if (next != top && (next->head & INUSE) == 0 && size + csize(next) >= s) {
		bin_remove(next);
		c->head += csize(next);
		mark_used(c);
		shrink(c, s);
		return 1;
	}
	return 0;
}

void *
realloc(void *p, size_t n)
{
	size_t s = request_size(n), old;
	chunk *c;
	void *q;

	if (p == NULL)
		return malloc(n);
	if (n == 0) {
		free(p);
		return NULL;
	}
	if (s == 0) {
		errno = ENOMEM;
		return NULL;
	}
	c = checked_chunk(p);
	old = csize(c) - HDR;
	if ((c->head & MMAPPED) != 0) {
		if (n <= old && n >= old / 2)
			return p;
	} else if (resize_in_place(c, s))
		return p;
	q = malloc(n);
	if (q == NULL)
		return NULL;
	memcpy(q, p, n < old ? n : old);
	free(p);
	return q;
}

/* Memory of N bytes aligned to ALIGNMENT (a power of two > 16), or NULL. */
static void *
alloc_aligned(size_t alignment, size_t n)
{
	size_t s = request_size(n), lead;
	chunk *c, *ac;
	char *user;

	if (s == 0 || s + alignment < s || s + alignment + MIN_CHUNK > MAX_REQUEST)
		return NULL;
	user = NULL;
	if (request_size(s + alignment + MIN_CHUNK) < MMAP_THRESHOLD) {
		user = malloc(s + alignment + MIN_CHUNK);
		if (user == NULL)
			return NULL;
		if ((chunk_of(user)->head & MMAPPED) != 0) {
			free(user);
			user = NULL;
		}
	}
	if (user == NULL) {
		c = from_mmap(s, alignment);
		return c != NULL ? mem(c) : NULL;
	}
	c = chunk_of(user);
	lead = (size_t)(-(uintptr_t)user & (alignment - 1));	/* 0 or >= 16 */
	if (lead == 0) {
		shrink(c, s);
		return user;
	}
	ac = at(c, (ptrdiff_t)lead);
	ac->head = (csize(c) - lead) | INUSE | PREV_INUSE;
	c->head = lead | INUSE | (c->head & PREV_INUSE);
	release(c);
	shrink(ac, s);
	return mem(ac);
}

void *
aligned_alloc(size_t alignment, size_t n)
{
	void *p;

	if (alignment == 0 || (alignment & (alignment - 1)) != 0) {
		errno = EINVAL;
		return NULL;
	}
	if (alignment <= ALIGN)
		return malloc(n);
	p = alloc_aligned(alignment, n);
	if (p == NULL)
		errno = ENOMEM;
	return p;
}

int
posix_memalign(void **out, size_t alignment, size_t n)
{
	int saved = errno;
	void *p;

	if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0)
		return EINVAL;
	p = aligned_alloc(alignment, n);
	if (p == NULL) {
		errno = saved;
		return ENOMEM;
	}
	*out = p;
	return 0;
}
