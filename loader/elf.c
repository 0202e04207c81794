/*
 * loader/elf.c: turn the bytes of an i386 ELF executable into an ld_image.
 *
 * The file is checked completely before anything is described: e_ident by
 * hand (so that a shell script or an x86-64 program gets a precise message
 * rather than a libelf one), then the ELF and program headers through libelf,
 * then every PT_LOAD.  Only when the whole file has been accepted are the
 * segments laid out; a failure at any stage goes through one cleanup path and
 * leaves the caller's ld_image empty.  Every sum of values taken from the file
 * is done in uint64_t, where it cannot overflow.
 *
 * Pages shared between segments.  Two PT_LOADs may meet inside one page (the
 * first ends and the next begins in it); a small PT_LOAD may even lie wholly
 * inside such a page, between two others.  loader.h promises ld_segments whose
 * page ranges are disjoint and non-empty, with the file bytes of each inside
 * its own range, so a shared page cannot be given to either neighbour.
 * Instead each shared page becomes a one-page ld_segment of its own:
 *
 *   - its prot is the union of the prots of every PT_LOAD that touches it;
 *   - its data is a page composed here with the initial contents the page
 *     must have (each PT_LOAD's file bytes in their place, zero elsewhere),
 *     data_vaddr is the page itself and filesz is LD_PAGE_SIZE;
 *   - the composed pages live in the same allocation as the file, after its
 *     last byte (ld_image.file stays the whole file, file_size its size), so
 *     ld_segment.data still points into ld_image.file and ld_free frees both;
 *   - the PT_LOADs that meet there keep the rest of their pages as ordinary
 *     ld_segments, with data, data_vaddr and filesz cut to those pages.
 *
 * So a consumer that maps every ld_segment's [vaddr, vaddr + memsz) with prot,
 * zero-filled, and copies filesz bytes from data to data_vaddr builds the
 * right memory, in any order.  Splitting can turn at most LD_MAX_SEGS loads
 * into more than LD_MAX_SEGS ld_segments; such a file is refused.
 */
#include "loader/loader.h"

#include <errno.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PAGE		((uint64_t)LD_PAGE_SIZE)
#define ADDR_SPACE	((uint64_t)1 << 32)
#define MAX_PIECES	(2 * LD_MAX_SEGS)

/* One non-empty PT_LOAD as the file states it, before the bias. */
struct load {
	int		index;		/* program header index, for messages */
	uint64_t	vaddr;
	uint64_t	memsz;
	uint64_t	offset;
	uint64_t	filesz;
	int		prot;
};

/* What is kept of the headers once libelf is done with them. */
struct hdrs {
	int		type;
	uint64_t	entry;
	uint64_t	phoff;
	uint32_t	phentsize;
	uint32_t	phnum;
	Elf32_Phdr	ph[LD_MAX_PHNUM];
};

/* The accepted loads, sorted by vaddr, and where they go. */
struct plan {
	struct load	load[LD_MAX_SEGS];
	int		nload;
	uint64_t	low;		/* lowest page, file addresses */
	uint64_t	base;		/* where LOW goes in the guest */
	uint32_t	bias;		/* base - low, modulo 2^32 */
	uint64_t	min, max;	/* where segments may go: program or layer range */
};

/* A page range of the final layout: part of one load, or a shared page. */
struct piece {
	uint64_t	start;
	uint64_t	end;
	int		prot;
	int		load;		/* the load it belongs to; -1 for a shared page */
};

static int fail(char *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(char *err, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, LD_ERRLEN, fmt, ap);
	va_end(ap);
	return code;
}

static uint64_t
page_down(uint64_t a)
{
	return a & ~(PAGE - 1);
}

static uint64_t
page_up(uint64_t a)
{
	return page_down(a + PAGE - 1);
}

static int
refuse_type(int type, char *err)
{
	switch (type) {
	case ET_NONE:	return fail(err, ENOEXEC, "not an executable (ET_NONE)");
	case ET_REL:	return fail(err, ENOEXEC, "not an executable (ET_REL)");
	case ET_CORE:	return fail(err, ENOEXEC, "not an executable (ET_CORE)");
	default:	return fail(err, ENOEXEC, "not an executable (type 0x%x)", type);
	}
}

static int
prot_of(uint32_t flags)
{
	return ((flags & PF_R) ? LD_PROT_R : 0) |
	    ((flags & PF_W) ? LD_PROT_W : 0) |
	    ((flags & PF_X) ? LD_PROT_X : 0);
}

/* e_ident is byte-oriented, so it is checked before libelf sees the file. */
static int
check_ident(const unsigned char *f, size_t size, char *err)
{
	size_t n = size < SELFMAG ? size : SELFMAG;

	if (size == 0)
		return fail(err, ENOEXEC, "empty file");
	if (memcmp(f, ELFMAG, n) != 0)
		return fail(err, ENOEXEC, "not an ELF file");
	if (size < sizeof(Elf32_Ehdr))
		return fail(err, ENOEXEC, "truncated ELF header");
	if (f[EI_CLASS] == ELFCLASS64)
		return fail(err, ENOEXEC, "not a 32-bit ELF file (ELFCLASS64)");
	if (f[EI_CLASS] != ELFCLASS32)
		return fail(err, ENOEXEC, "not a 32-bit ELF file (class %d)", f[EI_CLASS]);
	if (f[EI_DATA] != ELFDATA2LSB)
		return fail(err, ENOEXEC, "not little-endian (data encoding %d)", f[EI_DATA]);
	if (f[EI_VERSION] != EV_CURRENT)
		return fail(err, ENOEXEC, "unsupported ELF version %d", f[EI_VERSION]);
	return 0;
}

static int
check_ehdr(const Elf32_Ehdr *eh, size_t size, char *err)
{
	uint64_t phend;

	if (eh->e_machine != EM_386)
		return fail(err, ENOEXEC, "not an i386 program (machine %u)", eh->e_machine);
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return refuse_type(eh->e_type, err);
	if (eh->e_version != EV_CURRENT)
		return fail(err, ENOEXEC, "unsupported ELF version %u", eh->e_version);
	if (eh->e_phnum > LD_MAX_PHNUM)
		return fail(err, ENOEXEC, "too many program headers (%u; at most %u)",
		    eh->e_phnum, LD_MAX_PHNUM);
	if (eh->e_phnum == 0)
		return 0;
	if (eh->e_phentsize != sizeof(Elf32_Phdr))
		return fail(err, ENOEXEC, "unexpected program header size %u (expected %zu)",
		    eh->e_phentsize, sizeof(Elf32_Phdr));
	phend = (uint64_t)eh->e_phoff + (uint64_t)eh->e_phnum * eh->e_phentsize;
	if (phend > size)
		return fail(err, ENOEXEC, "program header table past end of file");
	return 0;
}

static int
copy_phdrs(Elf *e, struct hdrs *h, char *err)
{
	Elf32_Phdr *ph;
	size_t n;

	if (h->phnum == 0)
		return 0;
	if (elf_getphdrnum(e, &n) != 0 || n != h->phnum)
		return fail(err, ENOEXEC, "unreadable program header table");
	ph = elf32_getphdr(e);
	if (ph == NULL)
		return fail(err, ENOEXEC, "unreadable program header table: %s", elf_errmsg(-1));
	memcpy(h->ph, ph, n * sizeof(*ph));
	return 0;
}

/* libelf reads the headers (and converts their byte order if need be). */
static int
read_headers(unsigned char *f, size_t size, struct hdrs *h, char *err)
{
	Elf32_Ehdr *eh;
	Elf *e;
	int rc;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return fail(err, ENOEXEC, "libelf refuses ELF version %d", EV_CURRENT);
	e = elf_memory((char *)f, size);
	if (e == NULL)
		return fail(err, ENOEXEC, "malformed ELF file: %s", elf_errmsg(-1));
	eh = elf_kind(e) == ELF_K_ELF ? elf32_getehdr(e) : NULL;
	rc = eh == NULL ? fail(err, ENOEXEC, "malformed ELF header: %s", elf_errmsg(-1)) :
	    check_ehdr(eh, size, err);
	if (rc == 0) {
		h->type = eh->e_type;
		h->entry = eh->e_entry;
		h->phoff = eh->e_phoff;
		h->phentsize = eh->e_phentsize;
		h->phnum = eh->e_phnum;
		rc = copy_phdrs(e, h, err);
	}
	elf_end(e);
	return rc;
}

/* Quote the interpreter's name, but only as much of it as is sane to print. */
static int
refuse_interp(const unsigned char *f, size_t size, const Elf32_Phdr *ph, char *err)
{
	char name[96];
	uint64_t len = ph->p_filesz, i;

	if ((uint64_t)ph->p_offset + len > size)
		len = 0;
	if (len > sizeof(name) - 1)
		len = sizeof(name) - 1;
	for (i = 0; i < len && f[ph->p_offset + i] != '\0'; i++) {
		unsigned char c = f[ph->p_offset + i];
		name[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	name[i] = '\0';
	return fail(err, ENOEXEC, "dynamically linked (interpreter %s); "
	    "only static programs are supported", i ? name : "unknown");
}

static int
check_load(const Elf32_Phdr *ph, int i, size_t size, char *err)
{
	if ((uint64_t)ph->p_offset + ph->p_filesz > size)
		return fail(err, ENOEXEC, "segment %d extends past end of file", i);
	if (ph->p_filesz > ph->p_memsz)
		return fail(err, ENOEXEC, "segment %d: file size larger than memory size", i);
	if (ph->p_memsz == 0)
		return 0;
	if ((uint64_t)ph->p_vaddr + ph->p_memsz > ADDR_SPACE)
		return fail(err, ENOEXEC, "segment %d at 0x%08x outside the user address range",
		    i, ph->p_vaddr);
	if ((ph->p_vaddr ^ ph->p_offset) & (LD_PAGE_SIZE - 1))
		return fail(err, ENOEXEC, "segment %d: address 0x%08x and file offset 0x%x "
		    "are misaligned", i, ph->p_vaddr, ph->p_offset);
	return 0;
}

static int
collect_loads(const struct hdrs *h, const unsigned char *f, size_t size,
    struct plan *pl, char *err)
{
	uint32_t i;
	int rc;

	for (i = 0; i < h->phnum; i++)
		if (h->ph[i].p_type == PT_INTERP)
			return refuse_interp(f, size, &h->ph[i], err);
	for (i = 0; i < h->phnum; i++) {
		const Elf32_Phdr *ph = &h->ph[i];

		if (ph->p_type != PT_LOAD)
			continue;
		rc = check_load(ph, (int)i, size, err);
		if (rc != 0)
			return rc;
		if (ph->p_memsz == 0)
			continue;
		if (pl->nload == LD_MAX_SEGS)
			return fail(err, ENOEXEC, "too many loadable segments (more than %u)",
			    LD_MAX_SEGS);
		pl->load[pl->nload] = (struct load){ (int)i, ph->p_vaddr, ph->p_memsz, ph->p_offset,
		    ph->p_filesz, prot_of(ph->p_flags) };
		pl->nload++;
	}
	if (pl->nload == 0)
		return fail(err, ENOEXEC, "no loadable segment");
	return 0;
}

static void
sort_loads(struct plan *pl)
{
	int i, j;

	for (i = 1; i < pl->nload; i++) {
		struct load l = pl->load[i];

		for (j = i; j > 0 && pl->load[j - 1].vaddr > l.vaddr; j--)
			pl->load[j] = pl->load[j - 1];
		pl->load[j] = l;
	}
}

/* Sorted by vaddr, any overlap shows up between neighbours. */
static int
check_overlap(const struct plan *pl, char *err)
{
	int i, a, b;

	for (i = 1; i < pl->nload; i++) {
		const struct load *p = &pl->load[i - 1], *l = &pl->load[i];

		if (p->vaddr + p->memsz <= l->vaddr)
			continue;
		a = p->index < l->index ? p->index : l->index;
		b = p->index < l->index ? l->index : p->index;
		return fail(err, ENOEXEC, "segments %d and %d overlap", a, b);
	}
	return 0;
}

/* The guest address of file address A (A is at or above pl->low). */
static uint64_t
place(const struct plan *pl, uint64_t a)
{
	return a - pl->low + pl->base;
}

static int
place_loads(struct plan *pl, int type, char *err)
{
	int i;

	pl->low = page_down(pl->load[0].vaddr);
	pl->base = type == ET_DYN ? LD_DYN_BASE : pl->low;
	pl->bias = (uint32_t)(pl->base - pl->low);
	for (i = 0; i < pl->nload; i++) {
		const struct load *l = &pl->load[i];
		uint64_t start = place(pl, l->vaddr);

		if (start < pl->min || start + l->memsz > pl->max)
			return fail(err, ENOEXEC, "segment %d at 0x%08llx outside the %s "
			    "address range", l->index, (unsigned long long)start,
			    pl->min == LD_USER_MIN ? "user" : "layer");
	}
	return 0;
}

static int
check_entry(const struct plan *pl, uint64_t entry, char *err)
{
	int i;

	for (i = 0; i < pl->nload; i++) {
		const struct load *l = &pl->load[i];

		if ((l->prot & LD_PROT_X) && entry >= l->vaddr && entry - l->vaddr < l->memsz)
			return 0;
	}
	return fail(err, ENOEXEC, "entry point 0x%08llx is not in an executable segment",
	    (unsigned long long)entry);
}

static int
add_piece(struct piece *pc, int *n, uint64_t start, uint64_t end, int prot, int load)
{
	if (*n == MAX_PIECES)
		return -1;
	pc[(*n)++] = (struct piece){ start, end, prot, load };
	return 0;
}

/*
 * Cut the loads' page ranges into disjoint pieces: each load keeps the pages
 * it has to itself, and every page where loads meet becomes a piece of its
 * own carrying the union of their prots.  DONE is the end of what has been
 * given out, so a load that lies wholly inside a shared page adds nothing.
 */
static int
cut_pieces(const struct plan *pl, struct piece *pc, int *npc)
{
	uint64_t done = 0;
	int i, j, rc = 0;

	*npc = 0;
	for (i = 0; i < pl->nload && rc == 0; i++) {
		const struct load *l = &pl->load[i];
		uint64_t lo = page_down(place(pl, l->vaddr));
		uint64_t hi = page_up(place(pl, l->vaddr + l->memsz));
		uint64_t own_hi = hi;
		int prot = l->prot;

		lo = lo > done ? lo : done;
		if (lo >= hi)
			continue;
		for (j = i + 1; j < pl->nload &&
		    page_down(place(pl, pl->load[j].vaddr)) < hi; j++) {
			prot |= pl->load[j].prot;
			own_hi = hi - PAGE;
		}
		if (lo < own_hi)
			rc = add_piece(pc, npc, lo, own_hi, l->prot, i);
		if (rc == 0 && own_hi < hi)
			rc = add_piece(pc, npc, own_hi, hi, prot, -1);
		done = hi;
	}
	return rc;
}

/* Copy into PAGE_BUF (the page at guest address PA) the file bytes loads put there. */
static void
compose_page(const struct plan *pl, const unsigned char *f, uint64_t pa,
    unsigned char *page_buf)
{
	int i;

	for (i = 0; i < pl->nload; i++) {
		const struct load *l = &pl->load[i];
		uint64_t ds = place(pl, l->vaddr), de = ds + l->filesz;

		ds = ds > pa ? ds : pa;
		de = de < pa + PAGE ? de : pa + PAGE;
		if (de > ds)
			memcpy(page_buf + (ds - pa),
			    f + l->offset + (ds - place(pl, l->vaddr)), de - ds);
	}
}

/* The part of load L's file bytes that falls in [pc->start, pc->end). */
static void
own_data(const struct plan *pl, const unsigned char *f, const struct piece *pc,
    struct ld_segment *s)
{
	const struct load *l = &pl->load[pc->load];
	uint64_t v = place(pl, l->vaddr);
	uint64_t ds = v > pc->start ? v : pc->start;
	uint64_t de = v + l->filesz < pc->end ? v + l->filesz : pc->end;

	s->data_vaddr = (uint32_t)pc->start;
	s->filesz = 0;
	s->data = f;
	if (de <= ds)
		return;
	s->data_vaddr = (uint32_t)ds;
	s->filesz = (uint32_t)(de - ds);
	s->data = f + l->offset + (ds - v);
}

/* Turn the pieces into ld_segments; shared pages are composed after the file. */
static int
fill_segments(struct ld_image *img, const struct plan *pl, const struct piece *pc,
    int npc, char *err)
{
	unsigned char *f, *extra;
	size_t nshared = 0;
	int i;

	for (i = 0; i < npc; i++)
		nshared += pc[i].load < 0;
	if (nshared > 0) {
		f = realloc(img->file, img->file_size + nshared * LD_PAGE_SIZE);
		if (f == NULL)
			return fail(err, ENOMEM, "out of memory");
		img->file = f;
		memset(f + img->file_size, 0, nshared * LD_PAGE_SIZE);
	}
	extra = img->file + img->file_size;
	for (i = 0; i < npc; i++) {
		struct ld_segment *s = &img->seg[i];

		s->vaddr = (uint32_t)pc[i].start;
		s->memsz = (uint32_t)(pc[i].end - pc[i].start);
		s->prot = pc[i].prot;
		if (pc[i].load >= 0) {
			own_data(pl, img->file, &pc[i], s);
			continue;
		}
		compose_page(pl, img->file, pc[i].start, extra);
		s->data_vaddr = s->vaddr;
		s->filesz = LD_PAGE_SIZE;
		s->data = extra;
		extra += LD_PAGE_SIZE;
	}
	img->nseg = npc;
	return 0;
}

/*
 * AT_PHDR: PT_PHDR when there is one; otherwise the load that maps the
 * program header table from the file; otherwise 0 (the table is not in
 * memory, and a static libc then finds no PT_TLS: it is up to the program).
 */
static uint32_t
find_phdr(const struct hdrs *h, const struct plan *pl)
{
	uint64_t len = (uint64_t)h->phnum * h->phentsize;
	uint32_t i;
	int j;

	for (i = 0; i < h->phnum; i++)
		if (h->ph[i].p_type == PT_PHDR)
			return h->ph[i].p_vaddr + pl->bias;
	for (j = 0; j < pl->nload; j++) {
		const struct load *l = &pl->load[j];

		if (l->offset <= h->phoff && h->phoff + len <= l->offset + l->filesz)
			return (uint32_t)place(pl, l->vaddr + (h->phoff - l->offset));
	}
	return 0;
}

/* No PT_GNU_STACK means a non-executable stack here (Linux/i386 would allow exec). */
static int
find_stack_exec(const struct hdrs *h)
{
	uint32_t i;

	for (i = 0; i < h->phnum; i++)
		if (h->ph[i].p_type == PT_GNU_STACK)
			return (h->ph[i].p_flags & PF_X) != 0;
	return 0;
}

static int
describe(struct ld_image *img, const struct hdrs *h, const struct plan *pl, char *err)
{
	const struct load *last = &pl->load[pl->nload - 1];
	struct piece pc[MAX_PIECES];
	int npc, rc;

	if (cut_pieces(pl, pc, &npc) != 0 || npc > LD_MAX_SEGS)
		return fail(err, ENOEXEC, "too many segments once shared pages are split "
		    "(at most %u)", LD_MAX_SEGS);
	rc = fill_segments(img, pl, pc, npc, err);
	if (rc != 0)
		return rc;
	img->type = h->type;
	img->bias = pl->bias;
	img->entry = (uint32_t)place(pl, h->entry);
	img->phdr = find_phdr(h, pl);
	img->phent = h->phentsize;
	img->phnum = h->phnum;
	img->brk = (uint32_t)page_up(place(pl, last->vaddr + last->memsz));
	img->lowest = img->seg[0].vaddr;
	img->stack_exec = find_stack_exec(h);
	return 0;
}

static int
validate(unsigned char *f, size_t size, struct hdrs *h, struct plan *pl, char *err)
{
	int rc;

	rc = check_ident(f, size, err);
	if (rc == 0)
		rc = read_headers(f, size, h, err);
	if (rc == 0)
		rc = collect_loads(h, f, size, pl, err);
	if (rc == 0) {
		sort_loads(pl);
		rc = check_overlap(pl, err);
	}
	if (rc == 0)
		rc = place_loads(pl, h->type, err);
	if (rc == 0)
		rc = check_entry(pl, h->entry, err);
	return rc;
}

/* Load from FILE, which is ours from now on whatever happens.  LAYER selects
 * the layer address range and requires the layer note. */
static int
load_owned(const char *name, unsigned char *file, size_t size, struct ld_image *img,
    char *err, int layer)
{
	struct ld_image tmp = { .file = file, .file_size = size };
	struct hdrs h = { .phnum = 0 };
	struct plan pl = { .nload = 0, .min = LD_USER_MIN, .max = LD_USER_MAX };
	int rc;

	if (layer) {
		pl.min = LD_LAYER_MIN;
		pl.max = LD_LAYER_MAX;
	}
	tmp.name = strdup(name != NULL ? name : "");
	rc = file == NULL || tmp.name == NULL ?
	    fail(err, ENOMEM, "out of memory") : validate(file, size, &h, &pl, err);
	if (rc == 0)
		rc = describe(&tmp, &h, &pl, err);
	if (rc == 0)
		rc = ld_read_notes(&tmp, err, layer);
	if (rc != 0) {
		ld_free(&tmp);
		return rc;
	}
	*img = tmp;
	err[0] = '\0';
	return 0;
}

int
ld_load_mem(const char *name, const void *buf, size_t size, struct ld_image *img,
    char err[LD_ERRLEN])
{
	char scratch[LD_ERRLEN];
	unsigned char *copy;

	if (err == NULL)
		err = scratch;
	memset(img, 0, sizeof(*img));
	if (buf == NULL || size == 0)
		return fail(err, ENOEXEC, "empty file");
	if (size > SIZE_MAX - MAX_PIECES * (size_t)LD_PAGE_SIZE)
		return fail(err, ENOEXEC, "file too large");
	copy = malloc(size);
	if (copy != NULL)
		memcpy(copy, buf, size);
	return load_owned(name, copy, size, img, err, 0);
}

/* pread from 0: the descriptor's offset is neither used nor moved. */
static int
read_all(int fd, unsigned char *buf, size_t size, char *err)
{
	size_t got = 0;
	ssize_t n;

	while (got < size) {
		n = pread(fd, buf + got, size - got, (off_t)got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return fail(err, EIO, "read error: %s", strerror(errno));
		if (n == 0)
			return fail(err, EIO, "file shrank while being read");
		got += (size_t)n;
	}
	return 0;
}

static int load_fd(const char *name, int fd, struct ld_image *img, char *err, int layer);

int
ld_load_fd(const char *name, int fd, struct ld_image *img, char err[LD_ERRLEN])
{
	return load_fd(name, fd, img, err, 0);
}

int
ld_load_layer_fd(const char *name, int fd, struct ld_image *img, char err[LD_ERRLEN])
{
	return load_fd(name, fd, img, err, 1);
}

/* Mix V into the 64-bit key H (FNV-1a over V's bytes). */
static uint64_t
mix(uint64_t h, uint64_t v)
{
	for (int i = 0; i < 8; i++, v >>= 8)
		h = (h ^ (v & 0xff)) * 0x100000001b3ull;
	return h;
}

/*
 * The identity of the file open on FD, read as BEFORE said: 0 if it changed
 * since, or so recently that a next change could keep its times (file times
 * come from a clock that ticks every few milliseconds: two writes within one
 * tick leave the same times; see ld_load_fd).
 */
static uint64_t
file_key(int fd, const struct stat *before)
{
	struct stat st;
	struct timespec now;
	uint64_t h = 0xcbf29ce484222325ull;

	if (clock_gettime(CLOCK_REALTIME, &now) != 0 || now.tv_sec - before->st_ctim.tv_sec < 2)
		return 0;
	if (fstat(fd, &st) != 0 || st.st_dev != before->st_dev || st.st_ino != before->st_ino ||
	    st.st_size != before->st_size || st.st_mtim.tv_sec != before->st_mtim.tv_sec ||
	    st.st_mtim.tv_nsec != before->st_mtim.tv_nsec || st.st_ctim.tv_sec != before->st_ctim.tv_sec ||
	    st.st_ctim.tv_nsec != before->st_ctim.tv_nsec)
		return 0;
	h = mix(h, (uint64_t)st.st_dev);
	h = mix(h, (uint64_t)st.st_ino);
	h = mix(h, (uint64_t)st.st_size);
	h = mix(h, (uint64_t)st.st_mtim.tv_sec);
	h = mix(h, (uint64_t)st.st_mtim.tv_nsec);
	h = mix(h, (uint64_t)st.st_ctim.tv_sec);
	h = mix(h, (uint64_t)st.st_ctim.tv_nsec);
	return h != 0 ? h : 1;
}

static int
load_fd(const char *name, int fd, struct ld_image *img, char *err, int layer)
{
	char scratch[LD_ERRLEN];
	unsigned char *buf;
	struct stat st;
	int rc;

	if (err == NULL)
		err = scratch;
	memset(img, 0, sizeof(*img));
	if (fstat(fd, &st) != 0) {
		rc = errno;
		return fail(err, rc, "cannot stat: %s", strerror(rc));
	}
	if (!S_ISREG(st.st_mode))
		return fail(err, EACCES, "not a regular file");
	if (st.st_size == 0)
		return fail(err, ENOEXEC, "empty file");
	if ((uint64_t)st.st_size > LD_MAX_FILE)
		return fail(err, ENOEXEC, "file too large (%lld bytes; at most %u)",
		    (long long)st.st_size, LD_MAX_FILE);
	buf = malloc((size_t)st.st_size);
	if (buf == NULL)
		return fail(err, ENOMEM, "out of memory");
	rc = read_all(fd, buf, (size_t)st.st_size, err);
	if (rc != 0) {
		free(buf);
		return rc;
	}
	rc = load_owned(name, buf, (size_t)st.st_size, img, err, layer);
	if (rc == 0)
		img->file_key = file_key(fd, &st);
	return rc;
}

void
ld_free(struct ld_image *img)
{
	if (img == NULL)
		return;
	free(img->name);
	free(img->file);
	memset(img, 0, sizeof(*img));
}
