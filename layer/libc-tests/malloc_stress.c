/*
 * layer/libc-tests/malloc_stress.c: the allocator under a long random
 * workload never hands out overlapping or misaligned memory, never loses
 * contents, and reuses what is freed.
 *
 * 2,000 slots and 40,000 random operations: malloc of sizes from 0 bytes
 * to 1 MiB (small ones most often, every size class, and blocks of 128 KiB
 * or more that are mmap'd), free, realloc up and down (contents checked up
 * to the smaller size), calloc (zero even where freed memory was dirty),
 * aligned_alloc and posix_memalign with alignments up to 64 KiB.  Every
 * block is filled with a pattern of its own and checked before it is
 * freed or resized, so an overlap or a stray write shows up.  The same
 * workload then runs a second time: the heap must not grow much further
 * (freed memory is reused), and after everything is freed most of the
 * heap must have gone back to the kernel.  Neighbours freed in any order
 * merge into one block.  Also the edge cases: malloc(0),
 * free(NULL), realloc(NULL, n), realloc(p, 0), impossible sizes (ENOMEM),
 * and bad alignments (EINVAL).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

#define SLOTS	2000
#define OPS	40000

struct slot {
	unsigned char	*p;
	size_t		size;
	unsigned	tag;
};

static struct slot slots[SLOTS];
static uint32_t rng = 12345;

static uint32_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

/* A size: mostly small, sometimes medium, rarely mmap-sized. */
static size_t
random_size(void)
{
	uint32_t r = next() % 1000;

	if (r < 700)
		return next() % 257;
	if (r < 950)
		return next() % 8192;
	if (r < 995)
		return next() % 120000;
	return 128 * 1024 + next() % (900 * 1024);
}

static unsigned char
pattern(unsigned tag, size_t i)
{
	return (unsigned char)(tag * 131 + i * 7 + (i >> 9));
}

static void
fill(struct slot *s)
{
	size_t i;

	for (i = 0; i < s->size; i++)
		s->p[i] = pattern(s->tag, i);
}

static void
verify(const struct slot *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s->p[i] != pattern(s->tag, i)) {
			fprintf(stderr, "FAIL block %p size %u tag %u: byte %u is %u, want %u\n",
			    (void *)s->p, (unsigned)s->size, s->tag, (unsigned)i, s->p[i],
			    pattern(s->tag, i));
			exit(1);
		}
}

static void
check_aligned(const void *p, size_t align)
{
	CHECK(p != NULL);
	CHECK_EQ((uintptr_t)p % align, 0);
}

static void
allocate(struct slot *s, unsigned tag)
{
	size_t size = random_size(), i;
	uint32_t how = next() % 20;
	void *p = NULL;

	if (how == 0) {
		s->p = calloc(1, size);
		check_aligned(s->p, 16);
		for (i = 0; i < size; i++)
			CHECK_EQ(s->p[i], 0);
	} else if (how == 1) {
		size_t align = (size_t)32 << (next() % 12);	/* 32 .. 64 KiB */

		s->p = aligned_alloc(align, size);
		check_aligned(s->p, align);
	} else if (how == 2) {
		size_t align = (size_t)4 << (next() % 10);

		CHECK_EQ(posix_memalign(&p, align, size), 0);
		s->p = p;
		check_aligned(s->p, align < 16 ? 16 : align);
	} else {
		s->p = malloc(size);
		check_aligned(s->p, 16);
	}
	s->size = size;
	s->tag = tag;
	fill(s);
}

static void
resize(struct slot *s, unsigned tag)
{
	size_t size = random_size(), keep = size < s->size ? size : s->size;
	unsigned char *p;

	if (size == 0)
		size = 1;
	p = realloc(s->p, size);
	check_aligned(p, 16);
	s->p = p;
	verify(s, keep);
	s->size = size;
	s->tag = tag;
	fill(s);
}

/* The highest break seen while the workload runs. */
static char *peak;

static void
note_peak(void)
{
	char *now = sbrk(0);

	if (now > peak)
		peak = now;
}

static void
workload(void)
{
	unsigned op;

	for (op = 0; op < OPS; op++) {
		struct slot *s = &slots[next() % SLOTS];

		if (s->p == NULL) {
			allocate(s, op);
			note_peak();
		} else {
			verify(s, s->size);
			if (next() % 3 == 0)
				resize(s, op);
			else {
				free(s->p);
				s->p = NULL;
			}
		}
	}
}

static void
free_all(void)
{
	size_t i;

	for (i = 0; i < SLOTS; i++) {
		if (slots[i].p != NULL)
			verify(&slots[i], slots[i].size);
		free(slots[i].p);
		slots[i].p = NULL;
	}
}

static void
edge_cases(void)
{
	void *a = malloc(0), *b = malloc(0), *p;
	char *s;

	CHECK(a != NULL && b != NULL && a != b);
	free(a);
	free(b);
	free(NULL);
	s = realloc(NULL, 10);
	CHECK(s != NULL);
	memcpy(s, "123456789", 10);
	s = realloc(s, 100000);
	CHECK_STR(s, "123456789");
	s = realloc(s, 300000);			/* into an mmap'd block */
	CHECK_STR(s, "123456789");
	s = realloc(s, 5);
	CHECK(memcmp(s, "12345", 5) == 0);
	CHECK(realloc(s, 0) == NULL);
	errno = 0;
	CHECK(malloc((size_t)-1) == NULL);
	CHECK_EQ(errno, ENOMEM);
	errno = 0;
	CHECK(malloc((size_t)-1 / 2) == NULL);
	CHECK_EQ(errno, ENOMEM);
	errno = 0;
	CHECK(calloc((size_t)1 << 20, (size_t)1 << 13) == NULL);
	CHECK_EQ(errno, ENOMEM);
	errno = 0;
	CHECK(aligned_alloc(24, 100) == NULL);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(posix_memalign(&p, 2, 100), EINVAL);
	CHECK_EQ(posix_memalign(&p, 48, 100), EINVAL);
	p = aligned_alloc(1 << 20, 10);		/* bigger than the mmap threshold */
	check_aligned(p, 1 << 20);
	memset(p, 1, 10);
	free(p);
}

/* Many neighbours freed in an order that needs merging on both sides make
 * one free region, which serves a request of nearly its whole size. */
static void
coalescing(void)
{
	enum { N = 100 };
	static char *b[N];
	char *guard, *big;
	int i;

	for (i = 0; i < N; i++)
		b[i] = malloc(1000);
	guard = malloc(16);			/* keeps the region away from the top */
	for (i = 0; i < N; i++)
		CHECK(i == 0 || b[i] == b[i - 1] + 1008);	/* carved in a row */
	for (i = 0; i < N; i += 2)
		free(b[i]);
	for (i = 1; i < N; i += 2)
		free(b[i]);
	big = malloc(N * 1000);
	CHECK(big == b[0]);
	memset(big, 7, N * 1000);
	free(big);
	free(guard);
}

int
main(void)
{
	char *brk0, *peak1, *peak2;

	edge_cases();
	coalescing();
	brk0 = peak = sbrk(0);
	workload();
	free_all();
	peak1 = peak;
	workload();
	free_all();
	peak2 = peak;
	printf("heap peak after round 1: %ld KiB, after round 2: %ld KiB, now %ld KiB\n",
	    (long)(peak1 - brk0) / 1024, (long)(peak2 - brk0) / 1024,
	    (long)((char *)sbrk(0) - brk0) / 1024);
	CHECK(peak2 - brk0 <= (peak1 - brk0) + (peak1 - brk0) / 4);
	/* Freed memory went back to the kernel, but for one growth step. */
	CHECK((char *)sbrk(0) - brk0 <= (peak2 - brk0) / 4 + 256 * 1024);
	return test_passed();
}
