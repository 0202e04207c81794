/*
 * guest-tests/args_env.c: the initial process stack, as Linux lays it out,
 * seen through vkcc's crt0 and libc.
 *
 * Pins down: argc and argv as main gets them (run-guest passes the words of
 * args_env.args after the program name, which is the absolute path of
 * args_env.gx), envp and environ (the host environment passes through, so
 * run-guest's GUEST_TEST_NAME=args_env is there, and getenv finds it), the
 * entry %esp (just below argv: it holds argc) 16-byte aligned, and the
 * auxiliary vector after envp: AT_PAGESZ, AT_ENTRY == _start,
 * AT_PHDR/AT_PHENT/AT_PHNUM describing our own program headers, AT_RANDOM
 * (16 readable bytes), AT_EXECFN, AT_PLATFORM "i686", the ids (equal to what
 * the layer's getuid... return), AT_SECURE, AT_HWCAP, AT_CLKTCK and AT_BASE
 * (0: no interpreter).  All strings and vectors sit above the entry %esp, on
 * the stack.
 */
#include <stdint.h>
#include <unistd.h>

#include "check.h"

extern char _start[];

/* An i386 ELF program header. */
struct phdr {
	uint32_t p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align;
};
#define PT_LOAD		1
#define PT_GNU_EH_FRAME	0x6474e550u
#define PT_GNU_STACK	0x6474e551u
#define PT_GNU_RELRO	0x6474e552u
#define PT_GNU_PROPERTY	0x6474e553u
#define PF_X		1

/* Auxv types (Linux i386 values). */
#define AT_NULL		0
#define AT_PHDR		3
#define AT_PHENT	4
#define AT_PHNUM	5
#define AT_PAGESZ	6
#define AT_BASE		7
#define AT_FLAGS	8
#define AT_ENTRY	9
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_PLATFORM	15
#define AT_HWCAP	16
#define AT_CLKTCK	17
#define AT_SECURE	23
#define AT_RANDOM	25
#define AT_EXECFN	31

static uint32_t entry_sp;		/* the initial %esp: it points at argc */
static const uint32_t *auxv;		/* the first auxv pair */

static int
getaux(uint32_t type, uint32_t *value)
{
	for (const uint32_t *a = auxv; a[0] != AT_NULL; a += 2)
		if (a[0] == type) {
			*value = a[1];
			return 1;
		}
	return 0;
}

/* The value of an auxv entry that must be present. */
#define AUX(type) aux(type, "auxv has " #type, __LINE__)

static uint32_t
aux(uint32_t type, const char *what, int line)
{
	uint32_t v = 0;

	if (!getaux(type, &v))
		check_failed(CHECK_FILE, line, what);
	return v;
}

static int
above_sp(const void *p)
{
	return (uint32_t)p > entry_sp;
}

static int
endswith(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void
check_args(int argc, char **argv)
{
	CHECK_EQ(argc, 4);
	CHECK(argv[0][0] == '/');
	CHECK(endswith(argv[0], "/args_env.gx"));
	CHECK(strcmp(argv[1], "alpha") == 0);
	CHECK(strcmp(argv[2], "beta") == 0);
	CHECK(strcmp(argv[3], "--gamma") == 0);
	CHECK(argv[4] == NULL);
	CHECK_EQ(*(uint32_t *)entry_sp, argc);
	for (int i = 0; i < argc; i++)
		CHECK(above_sp(argv[i]));
}

static void
check_env(int argc, char **argv, char **envp)
{
	int found = 0, n = 0;
	const char *v;

	CHECK(envp == argv + argc + 1);
	CHECK(environ == envp);
	for (; envp[n] != NULL; n++) {
		CHECK(above_sp(envp[n]));
		if (strcmp(envp[n], "GUEST_TEST_NAME=args_env") == 0)
			found++;
	}
	CHECK_EQ(found, 1);
	v = getenv("GUEST_TEST_NAME");
	CHECK(v != NULL && strcmp(v, "args_env") == 0);
	CHECK(getenv("GUEST_TEST_NAME_NOT_SET") == NULL);
	auxv = (const uint32_t *)(envp + n + 1);
}

static void
check_phdrs(void)
{
	const struct phdr *ph = (const struct phdr *)AUX(AT_PHDR);
	uint32_t phnum = AUX(AT_PHNUM), i, nload = 0, entry_x = 0, in_load = 0;
	uint32_t start = (uint32_t)_start, phaddr = (uint32_t)ph;

	CHECK_EQ(AUX(AT_PHENT), sizeof(struct phdr));
	CHECK(phnum >= 1 && phnum <= 32);
	for (i = 0; i < phnum; i++) {
		uint32_t t = ph[i].p_type;

		CHECK(t <= 7 || t == PT_GNU_EH_FRAME || t == PT_GNU_STACK ||
		    t == PT_GNU_RELRO || t == PT_GNU_PROPERTY);
		if (t != PT_LOAD)
			continue;
		nload++;
		CHECK(ph[i].p_filesz <= ph[i].p_memsz);
		if (start >= ph[i].p_vaddr && start < ph[i].p_vaddr + ph[i].p_memsz)
			entry_x = ph[i].p_flags & PF_X;
		if (phaddr >= ph[i].p_vaddr && phaddr < ph[i].p_vaddr + ph[i].p_memsz)
			in_load = 1;
	}
	CHECK(nload >= 1);
	CHECK(entry_x);
	CHECK(in_load);
}

static void
check_auxv(void)
{
	const unsigned char *rnd;
	const char *s;
	uint32_t v;
	int i, nonzero = 0;

	CHECK_EQ(AUX(AT_PAGESZ), 4096);
	CHECK_EQ(AUX(AT_ENTRY), (uint32_t)_start);
	CHECK_EQ(AUX(AT_BASE), 0);
	CHECK_EQ(AUX(AT_SECURE), 0);
	CHECK_EQ(AUX(AT_CLKTCK), 100);
	(void)AUX(AT_FLAGS);
	(void)AUX(AT_HWCAP);
	CHECK_EQ(AUX(AT_UID), getuid());
	CHECK_EQ(AUX(AT_EUID), geteuid());
	CHECK_EQ(AUX(AT_GID), getgid());
	CHECK_EQ(AUX(AT_EGID), getegid());

	rnd = (const unsigned char *)AUX(AT_RANDOM);
	CHECK(above_sp(rnd));
	for (i = 0; i < 16; i++)
		nonzero |= rnd[i];
	CHECK(nonzero != 0);

	s = (const char *)AUX(AT_PLATFORM);
	CHECK(above_sp(s));
	CHECK(strcmp(s, "i686") == 0);

	s = (const char *)AUX(AT_EXECFN);
	CHECK(above_sp(s));
	CHECK(endswith(s, "args_env.gx"));

	CHECK(!getaux(0x7fffffff, &v));
	check_phdrs();
}

int
main(int argc, char **argv, char **envp)
{
	/* The kernel started us with %esp at argc, just below argv. */
	entry_sp = (uint32_t)argv - 4;
	CHECK_EQ(entry_sp % 16, 0);
	check_args(argc, argv);
	check_env(argc, argv, envp);
	check_auxv();
	return test_passed();
}
