/*
 * guest-tests/args_env.c: the initial process stack, as Linux lays it out.
 *
 * Pins down: argc and argv (run-guest passes the words of args_env.args after
 * the program name, which is the absolute path of args_env.gx), envp (the host
 * environment passes through, so run-guest's GUEST_TEST_NAME=args_env is
 * there), %esp 16-byte aligned at entry, and the auxiliary vector: AT_PAGESZ,
 * AT_ENTRY == _start, AT_PHDR/AT_PHENT/AT_PHNUM describing our own program
 * headers, AT_RANDOM (16 readable bytes), AT_EXECFN, AT_PLATFORM "i686", the
 * ids, AT_SECURE, AT_HWCAP, AT_CLKTCK and AT_BASE (0: no interpreter).  All
 * strings and vectors sit above the entry %esp, on the stack.
 */
#include "guest-tests/rt/vkrt.h"

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

/* The value of an auxv entry that must be present. */
#define AUX(type) aux(type, "auxv has " #type, __LINE__)

static uint32_t
aux(uint32_t type, const char *what, int line)
{
	uint32_t v = 0;

	if (!vk_getauxval(type, &v))
		vk_check_failed(VK_FILE, line, what);
	return v;
}

static int
above_sp(const void *p)
{
	return (uint32_t)p > vk_entry_sp;
}

static void
check_args(int argc, char **argv)
{
	CHECK_EQ(argc, 4);
	CHECK(argv[0][0] == '/');
	CHECK(vk_endswith(argv[0], "/args_env.gx"));
	CHECK(strcmp(argv[1], "alpha") == 0);
	CHECK(strcmp(argv[2], "beta") == 0);
	CHECK(strcmp(argv[3], "--gamma") == 0);
	CHECK(argv[4] == NULL);
	CHECK((uint32_t)argv == vk_entry_sp + 4);
	CHECK_EQ(*(uint32_t *)vk_entry_sp, argc);
	for (int i = 0; i < argc; i++)
		CHECK(above_sp(argv[i]));
}

static void
check_env(int argc, char **argv, char **envp)
{
	int found = 0, n = 0;

	CHECK(envp == argv + argc + 1);
	for (; envp[n] != NULL; n++) {
		CHECK(above_sp(envp[n]));
		if (strcmp(envp[n], "GUEST_TEST_NAME=args_env") == 0)
			found++;
	}
	CHECK_EQ(found, 1);
	CHECK(vk_auxv() == (const uint32_t *)(envp + n + 1));
}

static void
check_phdrs(void)
{
	const struct phdr *ph = (const struct phdr *)AUX(VK_AT_PHDR);
	uint32_t phnum = AUX(VK_AT_PHNUM), i, nload = 0, entry_x = 0, in_load = 0;
	uint32_t start = (uint32_t)_start, phaddr = (uint32_t)ph;

	CHECK_EQ(AUX(VK_AT_PHENT), sizeof(struct phdr));
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

	CHECK_EQ(AUX(VK_AT_PAGESZ), 4096);
	CHECK_EQ(AUX(VK_AT_ENTRY), (uint32_t)_start);
	CHECK_EQ(AUX(VK_AT_BASE), 0);
	CHECK_EQ(AUX(VK_AT_SECURE), 0);
	CHECK_EQ(AUX(VK_AT_CLKTCK), 100);
	(void)AUX(VK_AT_FLAGS);
	(void)AUX(VK_AT_HWCAP);
	v = AUX(VK_AT_UID);
	CHECK_EQ(AUX(VK_AT_EUID), v);
	v = AUX(VK_AT_GID);
	CHECK_EQ(AUX(VK_AT_EGID), v);

	rnd = (const unsigned char *)AUX(VK_AT_RANDOM);
	CHECK(above_sp(rnd));
	for (i = 0; i < 16; i++)
		nonzero |= rnd[i];
	CHECK(nonzero != 0);

	s = (const char *)AUX(VK_AT_PLATFORM);
	CHECK(above_sp(s));
	CHECK(strcmp(s, "i686") == 0);

	s = (const char *)AUX(VK_AT_EXECFN);
	CHECK(above_sp(s));
	CHECK(vk_endswith(s, "args_env.gx"));

	CHECK(!vk_getauxval(0x7fffffff, &v));
	check_phdrs();
}

int
main(int argc, char **argv, char **envp)
{
	CHECK_EQ(vk_entry_sp % 16, 0);
	check_args(argc, argv);
	check_env(argc, argv, envp);
	check_auxv();
	return vk_test_passed();
}
