/*
 * loader/loader.h: the ELF loader's whole API.
 *
 * The loader turns the bytes of an i386 ELF executable into an ld_image: a
 * validated list of segments to map (addresses, sizes, permissions, the file
 * bytes each one starts with), the entry point, the program-header address
 * for AT_PHDR and the first brk address.  It also lays out the initial stack
 * exactly as Linux does (argc, argv, envp, auxv, strings).  It uses libelf
 * and knows nothing of Unicorn or of the virtual kernel: the caller maps what
 * it describes.  Nothing is mapped until ld_load has accepted the whole file.
 */
#ifndef VK_LOADER_H
#define VK_LOADER_H

#include <stddef.h>
#include <stdint.h>

#define LD_PAGE_SIZE	4096u
#define LD_MAX_SEGS	16		/* PT_LOAD segments we accept */
#define LD_MAX_PHNUM	128		/* more program headers is absurd */
#define LD_MAX_FILE	(512u << 20)	/* largest executable we read */
#define LD_USER_MIN	0x00010000u	/* lowest address a segment may use */
#define LD_USER_MAX	0xf0000000u	/* segments must end at or below this */
#define LD_DYN_BASE	0x56555000u	/* where a static-PIE (ET_DYN) is placed */
#define LD_LAYER_MIN	0xff100000u	/* layer images are linked in here (vk_layer.h) */
#define LD_LAYER_MAX	0xff800000u
#define LD_ERRLEN	256

/* Segment permissions. */
#define LD_PROT_R	1
#define LD_PROT_W	2
#define LD_PROT_X	4

struct ld_segment {
	uint32_t	vaddr;		/* page-aligned guest start (bias applied) */
	uint32_t	memsz;		/* page-aligned length in bytes, > 0 */
	int		prot;		/* LD_PROT_* */
	uint32_t	data_vaddr;	/* where the file bytes go (inside the segment) */
	uint32_t	filesz;		/* how many file bytes; the rest is zero */
	const unsigned char *data;	/* points into ld_image.file */
};

struct ld_image {
	char		*name;		/* the name used in messages (owned) */
	unsigned char	*file;		/* the whole file (owned) */
	size_t		file_size;
	int		type;		/* ET_EXEC or ET_DYN */
	uint32_t	bias;		/* load bias: 0 for ET_EXEC */
	uint32_t	entry;		/* entry point, bias applied */
	uint32_t	phdr;		/* guest address of the program headers (AT_PHDR) */
	uint32_t	phent;		/* AT_PHENT */
	uint32_t	phnum;		/* AT_PHNUM */
	uint32_t	brk;		/* first address after the highest segment, page-aligned */
	uint32_t	lowest;		/* lowest mapped address */
	int		stack_exec;	/* PT_GNU_STACK asks for an executable stack */
	int		nseg;
	struct ld_segment seg[LD_MAX_SEGS];	/* sorted by vaddr, non-overlapping */
	uint64_t	file_key;	/* names the file's bytes (ld_load_fd); 0: unknown */

	/* Native programs (the vkrun ABI note and the stub section, both present). */
	int		native;
	uint32_t	abi;		/* program ABI version from the note */
	uint32_t	stubs;		/* guest address of the stub page, bias applied */
	/* vkcc --no-layer programs (the vkrun raw note): abi too. */
	int		raw;
	uint32_t	raw_kabi;	/* the kernel ABI whose numbers it traps with */

	/* Layer images (ld_load_layer_fd): the layer note. */
	struct ld_layer {
		uint32_t	pabi, kabi, version;	/* program ABI, kernel ABI, layer version */
		uint32_t	nslots;			/* entries in the slot table */
		uint32_t	slots;			/* guest address of the u32 entry table */
		uint32_t	counts;			/* guest address of the u32 call counters */
		uint32_t	ncounts;
	} layer;
};

/*
 * ld_load_mem: validate BUF (SIZE bytes) as an i386 executable and describe it
 * in *IMG.  The loader takes a copy of BUF and of NAME; the caller keeps its own.
 * Checks, all before anything is described: ELF magic, class 32, little endian,
 * version, machine EM_386, type ET_EXEC or ET_DYN (static-PIE only: PT_INTERP is
 * refused), header and program-header table inside the file, at most
 * LD_MAX_PHNUM headers and LD_MAX_SEGS loads, each PT_LOAD inside the file
 * (offset + filesz), filesz <= memsz, no address wrap, inside
 * [LD_USER_MIN, LD_USER_MAX), vaddr and offset congruent modulo the page size,
 * no two loads overlapping (sharing a page is allowed: the page gets the union of
 * the permissions), entry inside an executable segment.
 * Returns 0, or a positive host errno (ENOEXEC for every format problem,
 * ENOMEM) with a one-line reason in ERR (no file name, no newline).
 * On failure *IMG holds nothing to free.
 */
int ld_load_mem(const char *name, const void *buf, size_t size,
    struct ld_image *img, char err[LD_ERRLEN]);

/*
 * ld_load_fd: read the regular file open on FD (not closed here) and call
 * ld_load_mem.  Also fails with EACCES for a non-regular file, EIO for a read
 * error, ENOEXEC for an empty file or one larger than LD_MAX_FILE.  Sets
 * IMG->file_key from the file's identity (device, inode, size, modification
 * and change times), the same before and after the read, so that two loads
 * with the same key read the same bytes (a write changes the change time,
 * which no caller can set); 0 if the file changed during the read or in
 * the last second or two (file times have a coarse clock: a change in the
 * same tick as the last one may leave them as they were).
 */
int ld_load_fd(const char *name, int fd, struct ld_image *img, char err[LD_ERRLEN]);

/*
 * ld_load_layer_fd: like ld_load_fd, for a layer image: an ET_EXEC linked inside
 * [LD_LAYER_MIN, LD_LAYER_MAX) that carries the vkrun layer note (type 2, 28
 * bytes: program ABI, kernel ABI, layer version, slot count, slot table address,
 * counter table address, counter count), whose tables lie inside its segments.
 * Fills IMG->layer.  A missing or malformed note is ENOEXEC.
 */
int ld_load_layer_fd(const char *name, int fd, struct ld_image *img, char err[LD_ERRLEN]);

/*
 * ld_read_notes: (used by the ld_load_* functions) find the vkrun notes and the
 * stub section in IMG's file.  A program with the ABI note (type 1, 4 bytes) and
 * a ".vkstubs" section (SHT_NOBITS, SHF_ALLOC, page-aligned, exactly one page,
 * inside a PT_LOAD) is native; one with neither is not; one with only one of
 * them, a malformed note, a malformed section or program ABI 0 is refused
 * (ENOEXEC).  LAYER asks for the layer note instead.
 */
int ld_read_notes(struct ld_image *img, char err[LD_ERRLEN], int layer);

/* ld_free: release what ld_load_* allocated; IMG may be zeroed or loaded. */
void ld_free(struct ld_image *img);

/* Auxiliary vector entry types (Linux i386 values). */
#define LD_AT_NULL		0
#define LD_AT_PHDR		3
#define LD_AT_PHENT		4
#define LD_AT_PHNUM		5
#define LD_AT_PAGESZ		6
#define LD_AT_BASE		7
#define LD_AT_FLAGS		8
#define LD_AT_ENTRY		9
#define LD_AT_UID		11
#define LD_AT_EUID		12
#define LD_AT_GID		13
#define LD_AT_EGID		14
#define LD_AT_PLATFORM		15
#define LD_AT_HWCAP		16
#define LD_AT_CLKTCK		17
#define LD_AT_SECURE		23
#define LD_AT_RANDOM		25
#define LD_AT_HWCAP2		26
#define LD_AT_EXECFN		31
#define LD_AT_SYSINFO		32
#define LD_AT_SYSINFO_EHDR	33

#define LD_MAX_AUX_EXTRA	8
#define LD_MAX_ARGBYTES	(2u << 20)	/* argv + envp strings, like Linux's 1/4 of 8 MiB */

struct ld_stack_params {
	uint32_t	stack_top;	/* guest address just past the stack; 16-aligned */
	char *const	*argv;		/* NULL-terminated, host strings */
	char *const	*envp;		/* NULL-terminated, host strings */
	const char	*execfn;	/* AT_EXECFN string */
	const char	*platform;	/* AT_PLATFORM string, e.g. "i686" */
	uint32_t	uid, euid, gid, egid;
	uint32_t	secure;
	uint32_t	hwcap;
	uint32_t	clktck;
	unsigned char	random[16];	/* AT_RANDOM bytes */
	int		naux_extra;	/* further (type, value) pairs, e.g. AT_SYSINFO */
	uint32_t	aux_extra[LD_MAX_AUX_EXTRA][2];
};

struct ld_stack {
	unsigned char	*data;		/* bytes for [sp, stack_top); owned */
	size_t		size;
	uint32_t	sp;		/* initial %esp: points at argc, 16-aligned */
	uint32_t	argv;		/* guest address of argv[0] pointer */
	uint32_t	envp;		/* guest address of envp[0] pointer */
	uint32_t	auxv;		/* guest address of the first auxv entry */
};

/*
 * ld_build_stack: lay out the initial process stack as Linux's binfmt_elf does,
 * from the top down: the AT_EXECFN string, the envp and argv strings, the
 * AT_PLATFORM string, the 16 AT_RANDOM bytes, then (16-aligned) argc, argv[],
 * NULL, envp[], NULL, auxv pairs ending with AT_NULL.  The auxv holds AT_PHDR,
 * AT_PHENT, AT_PHNUM, AT_PAGESZ, AT_BASE (0), AT_FLAGS, AT_ENTRY, AT_UID,
 * AT_EUID, AT_GID, AT_EGID, AT_SECURE, AT_RANDOM, AT_HWCAP, AT_CLKTCK,
 * AT_PLATFORM, AT_EXECFN and P->aux_extra.  Returns 0, or E2BIG when the
 * strings exceed LD_MAX_ARGBYTES, or ENOMEM; ERR says why.  OUT->data is
 * freed with ld_stack_free.
 */
int ld_build_stack(const struct ld_image *img, const struct ld_stack_params *p,
    struct ld_stack *out, char err[LD_ERRLEN]);

void ld_stack_free(struct ld_stack *st);

#endif
