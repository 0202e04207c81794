/*
 * loader/check_loader.c: unit tests for the ELF loader and the initial stack.
 *
 * ELF files are built in memory from an elfspec (an ELF header, program
 * headers and a file size; the rest of the file is a known byte pattern), so
 * every malformation is one field away from a good file.  Each refusal test
 * checks the errno, a piece of the message and that the image is left empty;
 * each accepted file is checked against the invariants loader.h promises.
 * A real static i386 program is loaded too when VK_TEST_I386_BINARY names
 * one.  Stack tests decode the built stack the way a guest's libc would.
 * Run with CK_TAP_LOG_FILE_NAME=- to get TAP.
 */
#include "loader/loader.h"

#include <check.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The images are assembled from host structures. */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "little-endian host expected");

#define MAXPH		24
#define PAGE		LD_PAGE_SIZE
#define RWX		(PF_R | PF_W | PF_X)

struct elfspec {
	Elf32_Ehdr	eh;
	Elf32_Phdr	ph[MAXPH];
	size_t		size;
};

static unsigned char
pattern(size_t i)
{
	return (unsigned char)(i * 7 + 3);
}

static Elf32_Phdr
phdr(uint32_t type, uint32_t off, uint32_t vaddr, uint32_t filesz, uint32_t memsz,
    uint32_t flags)
{
	return (Elf32_Phdr){ .p_type = type, .p_offset = off, .p_vaddr = vaddr,
	    .p_paddr = vaddr, .p_filesz = filesz, .p_memsz = memsz, .p_flags = flags,
	    .p_align = PAGE };
}

static void
base_header(struct elfspec *s, int type, uint32_t entry, int phnum)
{
	memset(s, 0, sizeof(*s));
	memcpy(s->eh.e_ident, ELFMAG, SELFMAG);
	s->eh.e_ident[EI_CLASS] = ELFCLASS32;
	s->eh.e_ident[EI_DATA] = ELFDATA2LSB;
	s->eh.e_ident[EI_VERSION] = EV_CURRENT;
	s->eh.e_type = type;
	s->eh.e_machine = EM_386;
	s->eh.e_version = EV_CURRENT;
	s->eh.e_entry = entry;
	s->eh.e_phoff = sizeof(Elf32_Ehdr);
	s->eh.e_ehsize = sizeof(Elf32_Ehdr);
	s->eh.e_phentsize = sizeof(Elf32_Phdr);
	s->eh.e_phnum = phnum;
}

/* Text, data with bss, and a non-executable stack: the usual static program. */
static void
good_exec(struct elfspec *s)
{
	base_header(s, ET_EXEC, 0x08048100, 3);
	s->ph[0] = phdr(PT_LOAD, 0, 0x08048000, 0x1800, 0x1800, PF_R | PF_X);
	s->ph[1] = phdr(PT_LOAD, 0x2100, 0x0804c100, 0x200, 0x3000, PF_R | PF_W);
	s->ph[2] = phdr(PT_GNU_STACK, 0, 0, 0, 0, PF_R | PF_W);
	s->size = 0x2300;
}

/* A static-PIE: linked at 0, with PT_PHDR and an executable stack. */
static void
good_pie(struct elfspec *s)
{
	base_header(s, ET_DYN, 0x1100, 4);
	s->ph[0] = phdr(PT_PHDR, 52, 52, 4 * 32, 4 * 32, PF_R);
	s->ph[1] = phdr(PT_LOAD, 0, 0, 0x1800, 0x1800, PF_R | PF_X);
	s->ph[2] = phdr(PT_LOAD, 0x2100, 0x3100, 0x200, 0x1000, PF_R | PF_W);
	s->ph[3] = phdr(PT_GNU_STACK, 0, 0, 0, 0, RWX);
	s->size = 0x2300;
}

/* Three loads meeting in page 0x11000; the middle one lies wholly inside it. */
static void
good_shared(struct elfspec *s)
{
	base_header(s, ET_EXEC, 0x10000, 3);
	s->ph[0] = phdr(PT_LOAD, 0, 0x10000, 0x1100, 0x1100, PF_R | PF_X);
	s->ph[1] = phdr(PT_LOAD, 0x1100, 0x11100, 0x80, 0x100, PF_R);
	s->ph[2] = phdr(PT_LOAD, 0x1200, 0x11200, 0x100, 0x1000, PF_R | PF_W);
	s->size = 0x1300;
}

/* The file bytes: the pattern, then the headers where the spec puts them. */
static unsigned char *
build(const struct elfspec *s)
{
	unsigned char *buf = malloc(s->size ? s->size : 1);
	uint64_t phlen = (uint64_t)s->eh.e_phnum * sizeof(Elf32_Phdr);
	size_t i;

	ck_assert_ptr_nonnull(buf);
	for (i = 0; i < s->size; i++)
		buf[i] = pattern(i);
	memcpy(buf, &s->eh, s->size < sizeof(s->eh) ? s->size : sizeof(s->eh));
	if (s->eh.e_phnum <= MAXPH && s->eh.e_phoff + phlen <= s->size)
		memcpy(buf + s->eh.e_phoff, s->ph, phlen);
	return buf;
}

/* Everything loader.h promises about a loaded image, whatever the file was. */
static void
check_invariants(const struct ld_image *img)
{
	const unsigned char *file_end = img->file + img->file_size;
	unsigned long sum = 0;
	int i, in_x = 0;

	ck_assert_int_ge(img->nseg, 1);
	ck_assert_int_le(img->nseg, LD_MAX_SEGS);
	ck_assert_ptr_nonnull(img->name);
	for (i = 0; i < img->nseg; i++) {
		const struct ld_segment *s = &img->seg[i];
		uint64_t end = (uint64_t)s->vaddr + s->memsz;
		uint32_t k;

		ck_assert_uint_eq(s->vaddr % PAGE, 0);
		ck_assert_uint_eq(s->memsz % PAGE, 0);
		ck_assert_uint_gt(s->memsz, 0);
		ck_assert_uint_ge(s->vaddr, LD_USER_MIN);
		ck_assert(end <= LD_USER_MAX);
		ck_assert(i == 0 || img->seg[i - 1].vaddr + img->seg[i - 1].memsz <= s->vaddr);
		ck_assert_int_eq(s->prot & ~(LD_PROT_R | LD_PROT_W | LD_PROT_X), 0);
		ck_assert_uint_ge(s->data_vaddr, s->vaddr);
		ck_assert((uint64_t)s->data_vaddr + s->filesz <= end);
		ck_assert(s->data >= img->file);
		if (s->data < file_end)
			ck_assert(s->filesz <= (size_t)(file_end - s->data));
		else
			ck_assert_uint_eq(s->filesz, PAGE);
		for (k = 0; k < s->filesz; k++)	/* ASan checks every byte is ours */
			sum += s->data[k];
		if ((s->prot & LD_PROT_X) && img->entry >= s->vaddr && img->entry < end)
			in_x = 1;
	}
	(void)sum;
	ck_assert_msg(in_x, "entry 0x%08x not in an executable segment", img->entry);
	ck_assert_uint_eq(img->lowest, img->seg[0].vaddr);
	ck_assert_uint_eq(img->brk, img->seg[img->nseg - 1].vaddr + img->seg[img->nseg - 1].memsz);
	ck_assert(img->type == ET_EXEC || img->type == ET_DYN);
}

static int
load_bytes(const unsigned char *buf, size_t size, struct ld_image *img, char *err)
{
	memset(img, 0x5a, sizeof(*img));
	return ld_load_mem("test", buf, size, img, err);
}

static void
expect_empty(const struct ld_image *img)
{
	ck_assert_ptr_null(img->file);
	ck_assert_ptr_null(img->name);
	ck_assert_int_eq(img->nseg, 0);
}

static void
expect_error(int rc, int want_rc, const char *err, const char *want)
{
	ck_assert_int_eq(rc, want_rc);
	ck_assert_msg(strstr(err, want) != NULL, "message '%s' lacks '%s'", err, want);
	ck_assert_ptr_null(strchr(err, '\n'));
}

static void
expect_refusal_bytes(const unsigned char *buf, size_t size, const char *want)
{
	struct ld_image img;
	char err[LD_ERRLEN] = "";
	int rc = load_bytes(buf, size, &img, err);

	expect_error(rc, ENOEXEC, err, want);
	expect_empty(&img);
	ld_free(&img);
}

static void
expect_refusal(const struct elfspec *s, const char *want)
{
	unsigned char *buf = build(s);

	expect_refusal_bytes(buf, s->size, want);
	free(buf);
}

static void
load_spec(const struct elfspec *s, struct ld_image *img)
{
	unsigned char *buf = build(s);
	char err[LD_ERRLEN];
	int rc = load_bytes(buf, s->size, img, err);

	ck_assert_msg(rc == 0, "load failed: %s", err);
	ck_assert_str_eq(err, "");
	ck_assert_int_eq(memcmp(img->file, buf, s->size), 0);
	free(buf);
	check_invariants(img);
}

static void
expect_segment(const struct ld_image *img, int i, uint32_t vaddr, uint32_t memsz, int prot,
    uint32_t data_vaddr, uint32_t filesz, size_t file_off)
{
	const struct ld_segment *s = &img->seg[i];

	ck_assert_uint_eq(s->vaddr, vaddr);
	ck_assert_uint_eq(s->memsz, memsz);
	ck_assert_int_eq(s->prot, prot);
	ck_assert_uint_eq(s->data_vaddr, data_vaddr);
	ck_assert_uint_eq(s->filesz, filesz);
	if (filesz > 0)
		ck_assert_ptr_eq(s->data, img->file + file_off);
}

/* ---- accepted files ---- */

START_TEST(t_exec)
{
	struct elfspec s;
	struct ld_image img;

	good_exec(&s);
	load_spec(&s, &img);
	ck_assert_str_eq(img.name, "test");
	ck_assert_uint_eq(img.file_size, 0x2300);
	ck_assert_int_eq(img.type, ET_EXEC);
	ck_assert_uint_eq(img.bias, 0);
	ck_assert_uint_eq(img.entry, 0x08048100);
	ck_assert_uint_eq(img.phdr, 0x08048034);
	ck_assert_uint_eq(img.phent, 32);
	ck_assert_uint_eq(img.phnum, 3);
	ck_assert_uint_eq(img.brk, 0x08050000);
	ck_assert_uint_eq(img.lowest, 0x08048000);
	ck_assert_int_eq(img.stack_exec, 0);
	ck_assert_int_eq(img.nseg, 2);
	expect_segment(&img, 0, 0x08048000, 0x2000, LD_PROT_R | LD_PROT_X, 0x08048000, 0x1800, 0);
	expect_segment(&img, 1, 0x0804c000, 0x4000, LD_PROT_R | LD_PROT_W, 0x0804c100, 0x200, 0x2100);
	ck_assert_int_eq(img.seg[1].data[0], pattern(0x2100));
	ld_free(&img);
	expect_empty(&img);
	ld_free(&img);
}
END_TEST

START_TEST(t_pie)
{
	struct elfspec s;
	struct ld_image img;

	good_pie(&s);
	load_spec(&s, &img);
	ck_assert_int_eq(img.type, ET_DYN);
	ck_assert_uint_eq(img.bias, LD_DYN_BASE);
	ck_assert_uint_eq(img.entry, LD_DYN_BASE + 0x1100);
	ck_assert_uint_eq(img.phdr, LD_DYN_BASE + 52);
	ck_assert_uint_eq(img.phnum, 4);
	ck_assert_uint_eq(img.lowest, LD_DYN_BASE);
	ck_assert_uint_eq(img.brk, LD_DYN_BASE + 0x5000);
	ck_assert_int_eq(img.stack_exec, 1);
	ck_assert_int_eq(img.nseg, 2);
	expect_segment(&img, 0, LD_DYN_BASE, 0x2000, LD_PROT_R | LD_PROT_X, LD_DYN_BASE, 0x1800, 0);
	expect_segment(&img, 1, LD_DYN_BASE + 0x3000, 0x2000, LD_PROT_R | LD_PROT_W,
	    LD_DYN_BASE + 0x3100, 0x200, 0x2100);
	ld_free(&img);
}
END_TEST

/* A PIE linked above LD_DYN_BASE: the bias is "negative", modulo 2^32. */
START_TEST(t_pie_linked_high)
{
	struct elfspec s;
	struct ld_image img;

	good_pie(&s);
	s.eh.e_entry += 0x70000000;
	s.ph[0].p_vaddr += 0x70000000;
	s.ph[1].p_vaddr += 0x70000000;
	s.ph[2].p_vaddr += 0x70000000;
	load_spec(&s, &img);
	ck_assert_uint_eq(img.bias, (uint32_t)(LD_DYN_BASE - 0x70000000u));
	ck_assert_uint_eq(img.entry, LD_DYN_BASE + 0x1100);
	ck_assert_uint_eq(img.phdr, LD_DYN_BASE + 52);
	ck_assert_uint_eq(img.seg[1].vaddr, LD_DYN_BASE + 0x3000);
	ld_free(&img);
}
END_TEST

START_TEST(t_shared_pages)
{
	struct elfspec s;
	struct ld_image img;
	unsigned char want[PAGE];
	size_t i;

	good_shared(&s);
	load_spec(&s, &img);
	ck_assert_int_eq(img.nseg, 3);
	expect_segment(&img, 0, 0x10000, 0x1000, LD_PROT_R | LD_PROT_X, 0x10000, 0x1000, 0);
	ck_assert_uint_eq(img.seg[1].vaddr, 0x11000);
	ck_assert_uint_eq(img.seg[1].memsz, PAGE);
	ck_assert_int_eq(img.seg[1].prot, LD_PROT_R | LD_PROT_W | LD_PROT_X);
	ck_assert_uint_eq(img.seg[1].data_vaddr, 0x11000);
	ck_assert_uint_eq(img.seg[1].filesz, PAGE);
	ck_assert_ptr_eq(img.seg[1].data, img.file + img.file_size);
	memset(want, 0, sizeof(want));
	for (i = 0; i < 0x100; i++)
		want[i] = pattern(0x1000 + i);		/* end of load 0 */
	for (i = 0x100; i < 0x180; i++)
		want[i] = pattern(0x1000 + i);		/* load 1; its bss stays 0 */
	for (i = 0x200; i < 0x300; i++)
		want[i] = pattern(0x1000 + i);		/* start of load 2 */
	ck_assert_int_eq(memcmp(img.seg[1].data, want, PAGE), 0);
	expect_segment(&img, 2, 0x12000, 0x1000, LD_PROT_R | LD_PROT_W, 0x12000, 0, 0);
	ck_assert_uint_eq(img.brk, 0x13000);
	ld_free(&img);
}
END_TEST

/* Program headers out of address order, and a PT_LOAD of size 0. */
START_TEST(t_unsorted_and_empty_loads)
{
	struct elfspec s;
	struct ld_image img;
	Elf32_Phdr text;

	good_exec(&s);
	text = s.ph[0];
	s.ph[0] = s.ph[1];
	s.ph[1] = text;
	s.ph[2] = phdr(PT_LOAD, 0, 0x00001000, 0, 0, PF_R);
	load_spec(&s, &img);
	ck_assert_int_eq(img.nseg, 2);
	ck_assert_uint_eq(img.seg[0].vaddr, 0x08048000);
	ck_assert_uint_eq(img.seg[1].vaddr, 0x0804c000);
	ck_assert_int_eq(img.stack_exec, 0);		/* no PT_GNU_STACK now */
	ld_free(&img);
}
END_TEST

/* The program header table is in no load and there is no PT_PHDR: phdr is 0. */
START_TEST(t_phdr_not_loaded)
{
	struct elfspec s;
	struct ld_image img;

	good_exec(&s);
	s.ph[0].p_offset = 0x1000;
	s.ph[0].p_vaddr = 0x08049000;
	s.ph[0].p_filesz = s.ph[0].p_memsz = 0x800;
	s.eh.e_entry = 0x08049100;
	load_spec(&s, &img);
	ck_assert_uint_eq(img.phdr, 0);
	ck_assert_uint_eq(img.lowest, 0x08049000);
	ld_free(&img);
}
END_TEST

START_TEST(t_null_name_and_err)
{
	struct elfspec s;
	struct ld_image img;
	unsigned char *buf;

	good_exec(&s);
	buf = build(&s);
	ck_assert_int_eq(ld_load_mem(NULL, buf, s.size, &img, NULL), 0);
	ck_assert_str_eq(img.name, "");
	ld_free(&img);
	ck_assert_int_eq(ld_load_mem("x", buf, 10, &img, NULL), ENOEXEC);
	free(buf);
	ld_free(NULL);
}
END_TEST

/* VK_TEST_I386_BINARY may name a static i386 program; without it, nothing to do. */
START_TEST(t_real_binary)
{
	const char *path = getenv("VK_TEST_I386_BINARY");
	struct ld_image img;
	char err[LD_ERRLEN];
	int fd, rc, i, mapped = 0;

	if (path == NULL || *path == '\0')
		return;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	ck_assert_msg(fd >= 0, "cannot open %s", path);
	rc = ld_load_fd(path, fd, &img, err);
	close(fd);
	ck_assert_msg(rc == 0, "%s: %s", path, err);
	check_invariants(&img);
	ck_assert_int_eq(img.phent, sizeof(Elf32_Phdr));
	ck_assert_uint_ge(img.phnum, 1);
	for (i = 0; i < img.nseg; i++)
		if (img.phdr >= img.seg[i].vaddr && img.phdr - img.seg[i].vaddr < img.seg[i].memsz)
			mapped = 1;
	ck_assert_msg(mapped, "AT_PHDR 0x%08x is not mapped", img.phdr);
	ld_free(&img);
}
END_TEST

/* ---- refused headers ---- */

START_TEST(t_not_elf)
{
	static const char script[] = "#!/bin/sh\necho hello\n";

	expect_refusal_bytes((const unsigned char *)script, sizeof(script) - 1, "not an ELF file");
	expect_refusal_bytes((const unsigned char *)"\x7f", 1, "truncated ELF header");
	expect_refusal_bytes((const unsigned char *)"MZ", 2, "not an ELF file");
}
END_TEST

START_TEST(t_too_short)
{
	struct elfspec s;

	good_exec(&s);
	s.size = 20;
	expect_refusal(&s, "truncated ELF header");
	s.size = sizeof(Elf32_Ehdr) - 1;
	expect_refusal(&s, "truncated ELF header");
}
END_TEST

START_TEST(t_empty)
{
	unsigned char one = 0;

	expect_refusal_bytes(&one, 0, "empty file");
	expect_refusal_bytes(NULL, 0, "empty file");
}
END_TEST

START_TEST(t_class64)
{
	struct elfspec s;

	good_exec(&s);
	s.eh.e_ident[EI_CLASS] = ELFCLASS64;
	expect_refusal(&s, "not a 32-bit ELF file (ELFCLASS64)");
	s.eh.e_ident[EI_CLASS] = 7;
	expect_refusal(&s, "not a 32-bit ELF file");
}
END_TEST

START_TEST(t_big_endian)
{
	struct elfspec s;

	good_exec(&s);
	s.eh.e_ident[EI_DATA] = ELFDATA2MSB;
	expect_refusal(&s, "not little-endian");
}
END_TEST

START_TEST(t_machine)
{
	struct elfspec s;

	good_exec(&s);
	s.eh.e_machine = EM_X86_64;
	expect_refusal(&s, "not an i386 program (machine 62)");
}
END_TEST

START_TEST(t_type)
{
	struct elfspec s;

	good_exec(&s);
	s.eh.e_type = ET_REL;
	expect_refusal(&s, "not an executable (ET_REL)");
	s.eh.e_type = ET_CORE;
	expect_refusal(&s, "not an executable (ET_CORE)");
	s.eh.e_type = 0x1234;
	expect_refusal(&s, "not an executable");
}
END_TEST

START_TEST(t_version)
{
	struct elfspec s;

	good_exec(&s);
	s.eh.e_version = 2;
	expect_refusal(&s, "unsupported ELF version");
	good_exec(&s);
	s.eh.e_ident[EI_VERSION] = 0;
	expect_refusal(&s, "unsupported ELF version");
}
END_TEST

START_TEST(t_interp)
{
	static const char interp[] = "/lib/ld-linux.so.2";
	struct elfspec s;
	unsigned char *buf;

	good_exec(&s);
	s.eh.e_phnum = 4;
	s.ph[3] = phdr(PT_INTERP, 0x2200, 0x0804c200, sizeof(interp), sizeof(interp), PF_R);
	buf = build(&s);
	memcpy(buf + 0x2200, interp, sizeof(interp));
	expect_refusal_bytes(buf, s.size,
	    "dynamically linked (interpreter /lib/ld-linux.so.2); only static programs are supported");
	free(buf);
	s.ph[3].p_offset = 0xfffffff0;		/* a name outside the file is not read */
	expect_refusal(&s, "dynamically linked");
}
END_TEST

START_TEST(t_phentsize)
{
	struct elfspec s;

	good_exec(&s);
	s.eh.e_phentsize = 40;
	expect_refusal(&s, "program header size 40");
}
END_TEST

START_TEST(t_phdr_past_eof)
{
	struct elfspec s;

	good_exec(&s);
	s.eh.e_phoff = s.size - 40;
	expect_refusal(&s, "program header table past end of file");
	s.eh.e_phoff = 0xffffffe0;			/* would wrap in 32 bits */
	expect_refusal(&s, "program header table past end of file");
}
END_TEST

START_TEST(t_huge_phnum)
{
	struct elfspec s;

	good_exec(&s);
	s.eh.e_phnum = 0xffff;
	expect_refusal(&s, "too many program headers");
	s.eh.e_phnum = LD_MAX_PHNUM + 1;
	expect_refusal(&s, "too many program headers");
}
END_TEST

/* ---- refused segments ---- */

START_TEST(t_segment_past_eof)
{
	struct elfspec s;

	good_exec(&s);
	s.ph[1].p_offset = 0x2200;
	s.ph[1].p_vaddr = 0x0804c200;
	expect_refusal(&s, "segment 1 extends past end of file");
	s.ph[1].p_offset = 0xfffff100;			/* offset + filesz wraps */
	s.ph[1].p_vaddr = 0x0804c100;
	expect_refusal(&s, "segment 1 extends past end of file");
}
END_TEST

START_TEST(t_filesz_gt_memsz)
{
	struct elfspec s;

	good_exec(&s);
	s.ph[1].p_memsz = 0x100;
	expect_refusal(&s, "segment 1: file size larger than memory size");
}
END_TEST

START_TEST(t_wrapping_segment)
{
	struct elfspec s;

	good_exec(&s);
	s.ph[1].p_vaddr = 0xfffff100;
	expect_refusal(&s, "segment 1 at 0xfffff100 outside the user address range");
}
END_TEST

START_TEST(t_below_user_min)
{
	struct elfspec s;

	good_exec(&s);
	s.ph[0].p_vaddr = 0x1000;
	s.eh.e_entry = 0x1100;
	expect_refusal(&s, "segment 0 at 0x00001000 outside the user address range");
}
END_TEST

START_TEST(t_above_user_max)
{
	struct elfspec s;

	good_exec(&s);
	s.ph[1].p_vaddr = LD_USER_MAX - 0x2f00;		/* ends 0x100 past the limit */
	expect_refusal(&s, "segment 1 at 0xefffd100 outside the user address range");
	good_pie(&s);
	s.ph[2].p_vaddr = LD_USER_MAX - LD_DYN_BASE + 0x100;	/* fine until biased */
	s.ph[2].p_offset = 0x2100;
	expect_refusal(&s, "segment 2 at 0xf0000100 outside the user address range");
}
END_TEST

START_TEST(t_overlap)
{
	struct elfspec s;
	Elf32_Phdr t;

	good_exec(&s);
	s.ph[1].p_vaddr = 0x08049100;
	expect_refusal(&s, "segments 0 and 1 overlap");
	t = s.ph[0];
	s.ph[0] = s.ph[1];
	s.ph[1] = t;
	expect_refusal(&s, "segments 0 and 1 overlap");
	good_exec(&s);
	s.ph[1] = s.ph[0];				/* identical */
	expect_refusal(&s, "segments 0 and 1 overlap");
}
END_TEST

START_TEST(t_misaligned)
{
	struct elfspec s;

	good_exec(&s);
	s.ph[1].p_vaddr = 0x0804c200;
	expect_refusal(&s, "misaligned");
}
END_TEST

START_TEST(t_no_load)
{
	struct elfspec s;

	good_exec(&s);
	s.ph[0].p_type = PT_NOTE;
	s.ph[1].p_type = PT_NOTE;
	expect_refusal(&s, "no loadable segment");
	s.ph[0] = phdr(PT_LOAD, 0, 0x08048000, 0, 0, PF_R | PF_X);
	expect_refusal(&s, "no loadable segment");
	s.eh.e_phnum = 0;
	expect_refusal(&s, "no loadable segment");
}
END_TEST

START_TEST(t_entry_not_executable)
{
	struct elfspec s;

	good_exec(&s);
	s.eh.e_entry = 0x0804c100;
	expect_refusal(&s, "entry point 0x0804c100 is not in an executable segment");
	s.eh.e_entry = 0;
	expect_refusal(&s, "entry point 0x00000000 is not in an executable segment");
	s.eh.e_entry = 0x08048000 + 0x1800;		/* first byte after the text */
	expect_refusal(&s, "is not in an executable segment");
}
END_TEST

START_TEST(t_too_many_loads)
{
	struct elfspec s;
	int i;

	base_header(&s, ET_EXEC, 0x10000, LD_MAX_SEGS + 1);
	for (i = 0; i <= LD_MAX_SEGS; i++)
		s.ph[i] = phdr(PT_LOAD, 0, 0x10000 + 0x10000 * i, 0x100, 0x100, PF_R | PF_X);
	s.size = 0x1000;
	expect_refusal(&s, "too many loadable segments");
}
END_TEST

/* Nine loads meeting pairwise in pages make seventeen page ranges. */
START_TEST(t_too_many_after_split)
{
	struct elfspec s;
	int i, n = LD_MAX_SEGS / 2 + 1;

	base_header(&s, ET_EXEC, 0x10800, n);
	for (i = 0; i < n; i++)
		s.ph[i] = phdr(PT_LOAD, 0x800 + 0x2000 * i, 0x10800 + 0x2000 * i, 0x10, 0x2000,
		    PF_R | PF_X);
	s.size = 0x2000 * n;
	expect_refusal(&s, "too many segments once shared pages are split");
	s.eh.e_phnum = n - 1;				/* sixteen fit */
	{
		struct ld_image img;

		load_spec(&s, &img);
		ck_assert_int_eq(img.nseg, LD_MAX_SEGS - 1);
		ld_free(&img);
	}
}
END_TEST

/* ---- descriptors ---- */

static int
temp_file(const unsigned char *buf, size_t size)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/check_loader.XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	unlink(path);
	ck_assert_int_eq(write(fd, buf, size), (ssize_t)size);
	return fd;
}

START_TEST(t_fd_good)
{
	struct elfspec s;
	struct ld_image img;
	char err[LD_ERRLEN];
	unsigned char *buf;
	int fd;

	good_exec(&s);
	buf = build(&s);
	fd = temp_file(buf, s.size);		/* the offset is left at the end */
	ck_assert_int_eq(ld_load_fd("prog", fd, &img, err), 0);
	ck_assert_int_eq(lseek(fd, 0, SEEK_CUR), (off_t)s.size);
	close(fd);
	check_invariants(&img);
	ck_assert_str_eq(img.name, "prog");
	ck_assert_uint_eq(img.file_size, s.size);
	ck_assert_int_eq(memcmp(img.file, buf, s.size), 0);
	ck_assert_uint_eq(img.entry, 0x08048100);
	ld_free(&img);
	free(buf);
}
END_TEST

/* The file key names the bytes: the same file read twice has the same key,
 * and any write gives it another. */
START_TEST(t_fd_file_key)
{
	struct elfspec s;
	struct ld_image a, b, c;
	char err[LD_ERRLEN];
	unsigned char *buf;
	int fd;

	struct timespec wait = { 2, 100 * 1000 * 1000 };

	good_exec(&s);
	buf = build(&s);
	fd = temp_file(buf, s.size);
	ck_assert_int_eq(ld_load_fd("prog", fd, &a, err), 0);
	ck_assert_uint_eq(a.file_key, 0);		/* just written: no key yet */
	ld_free(&a);
	nanosleep(&wait, NULL);
	ck_assert_int_eq(ld_load_fd("prog", fd, &a, err), 0);
	ck_assert_int_eq(ld_load_fd("prog", fd, &b, err), 0);
	ck_assert_uint_ne(a.file_key, 0);
	ck_assert_uint_eq(a.file_key, b.file_key);
	ck_assert_int_eq(pwrite(fd, buf, 1, 0), 1);	/* the same byte: still a write */
	nanosleep(&wait, NULL);
	ck_assert_int_eq(ld_load_fd("prog", fd, &c, err), 0);
	ck_assert_uint_ne(c.file_key, 0);
	ck_assert_uint_ne(c.file_key, a.file_key);
	close(fd);
	ld_free(&a);
	ld_free(&b);
	ld_free(&c);
	free(buf);
}
END_TEST

START_TEST(t_fd_not_regular)
{
	struct ld_image img;
	char err[LD_ERRLEN];
	int fd, p[2];

	fd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ck_assert_int_ge(fd, 0);
	expect_error(ld_load_fd("dir", fd, &img, err), EACCES, err, "not a regular file");
	expect_empty(&img);
	close(fd);
	ck_assert_int_eq(pipe(p), 0);
	expect_error(ld_load_fd("pipe", p[0], &img, err), EACCES, err, "not a regular file");
	close(p[0]);
	close(p[1]);
}
END_TEST

START_TEST(t_fd_empty)
{
	struct ld_image img;
	char err[LD_ERRLEN];
	int fd = temp_file((const unsigned char *)"", 0);

	expect_error(ld_load_fd("empty", fd, &img, err), ENOEXEC, err, "empty file");
	expect_empty(&img);
	close(fd);
}
END_TEST

START_TEST(t_fd_bad)
{
	struct ld_image img;
	char err[LD_ERRLEN];

	expect_error(ld_load_fd("bad", -1, &img, err), EBADF, err, "cannot stat");
	expect_empty(&img);
}
END_TEST

START_TEST(t_fd_malformed)
{
	struct elfspec s;
	struct ld_image img;
	char err[LD_ERRLEN];
	unsigned char *buf;
	int fd;

	good_exec(&s);
	s.eh.e_machine = EM_ARM;
	buf = build(&s);
	fd = temp_file(buf, s.size);
	expect_error(ld_load_fd("arm", fd, &img, err), ENOEXEC, err, "not an i386 program");
	expect_empty(&img);
	close(fd);
	free(buf);
}
END_TEST

/* ---- corrupted headers ---- */

static void
load_any(const unsigned char *buf, size_t size)
{
	struct ld_image img;
	char err[LD_ERRLEN];
	int rc = load_bytes(buf, size, &img, err);

	ck_assert_msg(rc == 0 || rc == ENOEXEC, "rc %d: %s", rc, err);
	if (rc == 0) {
		check_invariants(&img);
	} else {
		ck_assert_msg(err[0] != '\0' && strchr(err, '\n') == NULL, "bad message");
		expect_empty(&img);
	}
	ld_free(&img);
}

/* Every bit of every header byte flipped, and each byte set to 0x00 and 0xff. */
static void
flip_every_header_byte(const struct elfspec *s)
{
	unsigned char *buf = build(s);
	size_t end = s->eh.e_phoff + (size_t)s->eh.e_phnum * sizeof(Elf32_Phdr), i;
	int m;

	for (i = 0; i < end; i++) {
		unsigned char orig = buf[i];

		for (m = 0; m < 10; m++) {
			buf[i] = m < 8 ? orig ^ (1u << m) : m == 8 ? 0xff : 0x00;
			load_any(buf, s->size);
		}
		buf[i] = orig;
	}
	free(buf);
}

START_TEST(t_fuzz_flips)
{
	struct elfspec s;

	good_exec(&s);
	flip_every_header_byte(&s);
	good_pie(&s);
	flip_every_header_byte(&s);
	good_shared(&s);
	flip_every_header_byte(&s);
}
END_TEST

static uint32_t
xorshift(uint32_t *st)
{
	*st ^= *st << 13;
	*st ^= *st >> 17;
	*st ^= *st << 5;
	return *st;
}

/* Several random bytes and 32-bit words at once, and random truncation. */
START_TEST(t_fuzz_random)
{
	struct elfspec s;
	unsigned char *good, *buf;
	uint32_t st = 0x12345678;
	size_t end;
	int round, k;

	good_shared(&s);
	good = build(&s);
	buf = malloc(s.size);
	ck_assert_ptr_nonnull(buf);
	end = s.eh.e_phoff + (size_t)s.eh.e_phnum * sizeof(Elf32_Phdr);
	for (round = 0; round < 20000; round++) {
		memcpy(buf, good, s.size);
		for (k = 1 + (int)(xorshift(&st) % 4); k > 0; k--) {
			size_t at = xorshift(&st) % (end - 3);
			uint32_t v = xorshift(&st);

			if (v & 1)
				memcpy(buf + at, &v, 4);
			else
				buf[at] = (unsigned char)(v >> 8);
		}
		load_any(buf, round % 16 == 0 ? xorshift(&st) % s.size : s.size);
	}
	free(buf);
	free(good);
}
END_TEST

/* ---- the initial stack ---- */

#define TOP 0xc0000000u

static char *test_argv[] = { "prog", "a", NULL };
static char *test_envp[] = { "X=1", NULL };

static void
stack_params(struct ld_stack_params *p)
{
	int i;

	memset(p, 0, sizeof(*p));
	p->stack_top = TOP;
	p->argv = test_argv;
	p->envp = test_envp;
	p->execfn = "/bin/prog";
	p->platform = "i686";
	p->uid = 1000;
	p->euid = 1001;
	p->gid = 1002;
	p->egid = 1003;
	p->secure = 0;
	p->hwcap = 0x178bfbff;
	p->clktck = 100;
	for (i = 0; i < 16; i++)
		p->random[i] = (unsigned char)(0xa0 + i);
	p->naux_extra = 1;
	p->aux_extra[0][0] = LD_AT_SYSINFO_EHDR;
	p->aux_extra[0][1] = 0xffffe000;
}

static void
loaded_exec(struct ld_image *img)
{
	struct elfspec s;

	good_exec(&s);
	load_spec(&s, img);
}

/* A 32-bit little-endian word at guest address A, which must be on the stack. */
static uint32_t
rd32(const struct ld_stack *st, uint32_t a)
{
	const unsigned char *q;

	ck_assert_msg(a >= st->sp && (uint64_t)a + 4 <= (uint64_t)st->sp + st->size,
	    "0x%08x is off the stack", a);
	q = st->data + (a - st->sp);
	return q[0] | q[1] << 8 | q[2] << 16 | (uint32_t)q[3] << 24;
}

static const char *
str_at(const struct ld_stack *st, uint32_t a)
{
	const char *s;

	ck_assert_msg(a >= st->sp && a < st->sp + st->size, "0x%08x is off the stack", a);
	s = (const char *)st->data + (a - st->sp);
	ck_assert_ptr_nonnull(memchr(s, '\0', st->size - (a - st->sp)));
	return s;
}

struct auxv {
	int		seen[64];
	uint32_t	val[64];
	int		n;
};

static void
read_auxv(const struct ld_stack *st, struct auxv *av)
{
	uint32_t a = st->auxv, type;

	memset(av, 0, sizeof(*av));
	for (;; a += 8) {
		type = rd32(st, a);
		if (type == LD_AT_NULL)
			break;
		ck_assert_uint_lt(type, 64);
		ck_assert_msg(!av->seen[type], "auxv type %u twice", type);
		av->seen[type] = 1;
		av->val[type] = rd32(st, a + 4);
		av->n++;
	}
	ck_assert_uint_le((uint64_t)a + 8, (uint64_t)st->sp + st->size);
}

static void
expect_aux(const struct auxv *av, uint32_t type, uint32_t val)
{
	ck_assert_msg(av->seen[type], "auxv type %u missing", type);
	ck_assert_msg(av->val[type] == val, "auxv type %u is 0x%x, not 0x%x", type,
	    av->val[type], val);
}

START_TEST(t_stack_layout)
{
	struct ld_stack_params p;
	struct ld_image img;
	struct ld_stack st;
	struct auxv av;
	char err[LD_ERRLEN];
	uint32_t argv, envp, rnd;

	loaded_exec(&img);
	stack_params(&p);
	ck_assert_int_eq(ld_build_stack(&img, &p, &st, err), 0);
	ck_assert_uint_eq(st.sp % 16, 0);
	ck_assert_uint_eq(st.sp + st.size, TOP);
	ck_assert_uint_eq(rd32(&st, st.sp), 2);
	argv = st.sp + 4;
	ck_assert_uint_eq(st.argv, argv);
	ck_assert_str_eq(str_at(&st, rd32(&st, argv)), "prog");
	ck_assert_str_eq(str_at(&st, rd32(&st, argv + 4)), "a");
	ck_assert_uint_eq(rd32(&st, argv + 8), 0);
	envp = argv + 12;
	ck_assert_uint_eq(st.envp, envp);
	ck_assert_str_eq(str_at(&st, rd32(&st, envp)), "X=1");
	ck_assert_uint_eq(rd32(&st, envp + 4), 0);
	ck_assert_uint_eq(st.auxv, envp + 8);

	read_auxv(&st, &av);
	ck_assert_int_eq(av.n, 18);
	expect_aux(&av, LD_AT_PHDR, img.phdr);
	expect_aux(&av, LD_AT_PHENT, 32);
	expect_aux(&av, LD_AT_PHNUM, 3);
	expect_aux(&av, LD_AT_PAGESZ, 4096);
	expect_aux(&av, LD_AT_BASE, 0);
	expect_aux(&av, LD_AT_FLAGS, 0);
	expect_aux(&av, LD_AT_ENTRY, 0x08048100);
	expect_aux(&av, LD_AT_UID, 1000);
	expect_aux(&av, LD_AT_EUID, 1001);
	expect_aux(&av, LD_AT_GID, 1002);
	expect_aux(&av, LD_AT_EGID, 1003);
	expect_aux(&av, LD_AT_SECURE, 0);
	expect_aux(&av, LD_AT_HWCAP, 0x178bfbff);
	expect_aux(&av, LD_AT_CLKTCK, 100);
	expect_aux(&av, LD_AT_SYSINFO_EHDR, 0xffffe000);
	ck_assert(av.seen[LD_AT_RANDOM] && av.seen[LD_AT_PLATFORM] && av.seen[LD_AT_EXECFN]);
	rnd = av.val[LD_AT_RANDOM];
	rd32(&st, rnd + 12);
	ck_assert_int_eq(memcmp(st.data + (rnd - st.sp), p.random, 16), 0);
	ck_assert_str_eq(str_at(&st, av.val[LD_AT_PLATFORM]), "i686");
	ck_assert_str_eq(str_at(&st, av.val[LD_AT_EXECFN]), "/bin/prog");

	/* The string area, as Linux lays it out, ends 4 zero bytes below the top. */
	ck_assert_uint_eq(av.val[LD_AT_EXECFN] + sizeof("/bin/prog") + 4, TOP);
	ck_assert_uint_eq(rd32(&st, TOP - 4), 0);
	ck_assert_uint_eq(rd32(&st, envp) + sizeof("X=1"), av.val[LD_AT_EXECFN]);
	ck_assert_uint_eq(rd32(&st, argv + 4) + sizeof("a"), rd32(&st, envp));
	ck_assert_uint_lt(rnd + 16, av.val[LD_AT_PLATFORM] + 1);
	ck_assert_uint_lt(st.auxv + 8 * 19, rnd + 1);
	ld_stack_free(&st);
	ck_assert_ptr_null(st.data);
	ld_stack_free(&st);
	ld_free(&img);
}
END_TEST

START_TEST(t_stack_minimal)
{
	struct ld_stack_params p;
	struct ld_image img;
	struct ld_stack st;
	struct auxv av;
	char err[LD_ERRLEN];

	loaded_exec(&img);
	stack_params(&p);
	p.argv = NULL;
	p.envp = NULL;
	p.execfn = NULL;
	p.platform = NULL;
	p.naux_extra = 0;
	ck_assert_int_eq(ld_build_stack(&img, &p, &st, err), 0);
	ck_assert_uint_eq(st.sp % 16, 0);
	ck_assert_uint_eq(rd32(&st, st.sp), 0);
	ck_assert_uint_eq(rd32(&st, st.argv), 0);
	ck_assert_uint_eq(st.envp, st.argv + 4);
	ck_assert_uint_eq(rd32(&st, st.envp), 0);
	read_auxv(&st, &av);
	ck_assert_int_eq(av.n, 16);
	ck_assert(!av.seen[LD_AT_PLATFORM]);
	ck_assert_str_eq(str_at(&st, av.val[LD_AT_EXECFN]), "");
	ld_stack_free(&st);
	ld_free(&img);
}
END_TEST

START_TEST(t_stack_e2big)
{
	struct ld_stack_params p;
	struct ld_image img;
	struct ld_stack st;
	char err[LD_ERRLEN];
	char *big = malloc(LD_MAX_ARGBYTES + 1);
	char *argv[] = { big, NULL };

	ck_assert_ptr_nonnull(big);
	loaded_exec(&img);
	stack_params(&p);
	p.argv = argv;
	p.envp = NULL;
	memset(big, 'a', LD_MAX_ARGBYTES);
	big[LD_MAX_ARGBYTES] = '\0';
	expect_error(ld_build_stack(&img, &p, &st, err), E2BIG, err, "too long");
	ck_assert_ptr_null(st.data);
	big[LD_MAX_ARGBYTES - 1] = '\0';		/* exactly the limit, NUL included */
	ck_assert_int_eq(ld_build_stack(&img, &p, &st, err), 0);
	ck_assert_uint_eq(strlen(str_at(&st, rd32(&st, st.argv))), LD_MAX_ARGBYTES - 1);
	ld_stack_free(&st);
	p.envp = test_envp;				/* one more string breaks it */
	expect_error(ld_build_stack(&img, &p, &st, err), E2BIG, err, "too long");
	free(big);
	ld_free(&img);
}
END_TEST

START_TEST(t_stack_bad_params)
{
	struct ld_stack_params p;
	struct ld_image img;
	struct ld_stack st;
	char err[LD_ERRLEN];

	loaded_exec(&img);
	stack_params(&p);
	p.stack_top = TOP - 4;
	expect_error(ld_build_stack(&img, &p, &st, err), EINVAL, err, "16-aligned");
	stack_params(&p);
	p.naux_extra = LD_MAX_AUX_EXTRA + 1;
	expect_error(ld_build_stack(&img, &p, &st, err), EINVAL, err, "extra auxv");
	stack_params(&p);
	p.stack_top = 0x40;
	expect_error(ld_build_stack(&img, &p, &st, err), EINVAL, err, "too low");
	ck_assert_ptr_null(st.data);
	ld_free(&img);
}
END_TEST

static Suite *
suite(const char *name, const TTest *const *tests, size_t n)
{
	Suite *s = suite_create(name);
	TCase *tc = tcase_create(name);
	size_t i;

	tcase_set_timeout(tc, 60);
	for (i = 0; i < n; i++)
		tcase_add_test(tc, tests[i]);
	suite_add_tcase(s, tc);
	return s;
}

#define SUITE(name, ...) do { \
	const TTest *const t_[] = { __VA_ARGS__ }; \
	srunner_add_suite(sr, suite(name, t_, sizeof(t_) / sizeof(t_[0]))); \
} while (0)

int
main(void)
{
	SRunner *sr = srunner_create(NULL);
	int failed;

	SUITE("accepts well-formed executables", t_exec, t_pie, t_pie_linked_high,
	    t_shared_pages, t_unsorted_and_empty_loads, t_phdr_not_loaded,
	    t_null_name_and_err, t_real_binary);
	SUITE("refuses malformed ELF headers", t_not_elf, t_too_short, t_empty, t_class64,
	    t_big_endian, t_machine, t_type, t_version, t_interp, t_phentsize,
	    t_phdr_past_eof, t_huge_phnum);
	SUITE("refuses malformed segments", t_segment_past_eof, t_filesz_gt_memsz,
	    t_wrapping_segment, t_below_user_min, t_above_user_max, t_overlap,
	    t_misaligned, t_no_load, t_entry_not_executable, t_too_many_loads,
	    t_too_many_after_split);
	SUITE("reads executables from descriptors", t_fd_good, t_fd_file_key, t_fd_not_regular, t_fd_empty,
	    t_fd_bad, t_fd_malformed);
	SUITE("survives corrupted headers", t_fuzz_flips, t_fuzz_random);
	SUITE("lays out the initial stack", t_stack_layout, t_stack_minimal, t_stack_e2big,
	    t_stack_bad_params);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
