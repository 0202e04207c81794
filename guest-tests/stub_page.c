/*
 * guest-tests/stub_page.c: the program's stub page as the kernel fills it
 * (docs/abi.md section 6), read by the program itself.
 *
 * Pins down: __vk_stubs is page-aligned and each system call symbol of
 * program ABI 1 is its slot, __vk_stubs + 8*N, in the table's order; each of
 * the 53 slots holds `jmp rel32' (0xe9) to an entry inside the layer's range
 * [0xff100000, 0xff800000), then three int3; the rest of the page, slots 53
 * to 511, is int3; and the page is readable (stub_faults.sh checks that it is
 * neither writable nor executable past the table).
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <sys/utsname.h>
#include <vkrun/proc.h>
#include <vkrun/upcall.h>

#include "check.h"

#define SLOT		8		/* bytes per slot */
#define NSLOTS		512		/* slots per page */
#define ABI1_SLOTS	53		/* slots program ABI 1 names */
#define LAYER_MIN	0xff100000u
#define LAYER_MAX	0xff800000u

extern unsigned char __vk_stubs[];
ssize_t __vk_getdents64(int fd, void *buf, size_t count);

/* Program ABI 1's table: slot N's symbol. */
static const struct {
	const void *fn;
	const char *name;
} table[ABI1_SLOTS] = {
	{ (const void *)_exit, "_exit" },
	{ (const void *)read, "read" },
	{ (const void *)write, "write" },
	{ (const void *)open, "open" },
	{ (const void *)close, "close" },
	{ (const void *)lseek, "lseek" },
	{ (const void *)unlink, "unlink" },
	{ (const void *)mkdir, "mkdir" },
	{ (const void *)__vk_brk, "__vk_brk" },
	{ (const void *)mmap, "mmap" },
	{ (const void *)munmap, "munmap" },
	{ (const void *)getpid, "getpid" },
	{ (const void *)getppid, "getppid" },
	{ (const void *)getuid, "getuid" },
	{ (const void *)geteuid, "geteuid" },
	{ (const void *)getgid, "getgid" },
	{ (const void *)getegid, "getegid" },
	{ (const void *)clock_gettime, "clock_gettime" },
	{ (const void *)gettimeofday, "gettimeofday" },
	{ (const void *)time, "time" },
	{ (const void *)stat, "stat" },
	{ (const void *)lstat, "lstat" },
	{ (const void *)fstat, "fstat" },
	{ (const void *)getcwd, "getcwd" },
	{ (const void *)__vk_getdents64, "__vk_getdents64" },
	{ (const void *)chdir, "chdir" },
	{ (const void *)rmdir, "rmdir" },
	{ (const void *)rename, "rename" },
	{ (const void *)fork, "fork" },
	{ (const void *)execve, "execve" },
	{ (const void *)waitpid, "waitpid" },
	{ (const void *)pipe, "pipe" },
	{ (const void *)nanosleep, "nanosleep" },
	{ (const void *)kill, "kill" },
	{ (const void *)vk_aread, "vk_aread" },
	{ (const void *)vk_awrite, "vk_awrite" },
	{ (const void *)vk_asleep, "vk_asleep" },
	{ (const void *)vk_awaitpid, "vk_awaitpid" },
	{ (const void *)vk_wait, "vk_wait" },
	{ (const void *)vk_abort, "vk_abort" },
	{ (const void *)vk_done, "vk_done" },
	{ (const void *)vk_result, "vk_result" },
	{ (const void *)rfork, "rfork" },
	{ (const void *)vk_asignal, "vk_asignal" },
	{ (const void *)vk_sigset, "vk_sigset" },
	{ (const void *)vk_siginfo, "vk_siginfo" },
	{ (const void *)vk_release, "vk_release" },
	{ (const void *)vk_atimer, "vk_atimer" },
	{ (const void *)vk_port_upcall, "vk_port_upcall" },
	{ (const void *)vk_flush, "vk_flush" },
	{ (const void *)vk_procinfo, "vk_procinfo" },
	{ (const void *)uname, "uname" },
	{ (const void *)pread, "pread" },
};

int
main(void)
{
	const volatile unsigned char *page = __vk_stubs;
	uint32_t base = (uint32_t)__vk_stubs;

	CHECK_EQ(base % 4096, 0);
	for (uint32_t n = 0; n < ABI1_SLOTS; n++) {
		const volatile unsigned char *s = page + n * SLOT;
		uint32_t rel, target;

		if ((uint32_t)table[n].fn != base + n * SLOT)
			check_failed(CHECK_FILE, __LINE__, table[n].name);
		CHECK_EQ(s[0], 0xe9);
		rel = (uint32_t)s[1] | (uint32_t)s[2] << 8 | (uint32_t)s[3] << 16 | (uint32_t)s[4] << 24;
		target = base + n * SLOT + 5 + rel;
		CHECK(target >= LAYER_MIN && target < LAYER_MAX);
		CHECK_EQ(s[5], 0xcc);
		CHECK_EQ(s[6], 0xcc);
		CHECK_EQ(s[7], 0xcc);
	}
	for (uint32_t i = ABI1_SLOTS * SLOT; i < NSLOTS * SLOT; i++)
		CHECK_EQ(page[i], 0xcc);
	return test_passed();
}
