/*
 * guest-tests/bench/linux_getpid.c: the Linux i386 counterpart of
 * msg_getpid.c.  N getpid system calls through a raw int $0x80 (so neither
 * glibc's caching nor the vDSO's sysenter path is involved), timed by
 * clock_gettime(CLOCK_MONOTONIC) before and after.  Built static against
 * glibc; run natively and under qemu-i386.
 *
 * Usage: linux_getpid [N]  (default 2000000).  Prints
 * "linux_getpid calls N total_ns T ns_per_call X.YY" on fd 1.
 */
#include <time.h>

#include "guest-tests/bench/bench.h"

static inline int
raw_getpid(void)
{
	int ret;

	__asm__ volatile ("int $0x80" : "=a" (ret) : "a" (20) : "memory");	/* __NR_getpid */
	return ret;
}

static int64_t
now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return -1;
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int
main(int argc, char **argv)
{
	uint32_t n = bench_arg(argc > 1 ? argv[1] : 0, 2000000);
	int pid = raw_getpid();
	int64_t t0, t1, total;
	uint32_t i, bad = 0;

	if (pid <= 0)
		return 1;
	t0 = now_ns();
	for (i = 0; i < n; i++)
		bad |= (uint32_t)(raw_getpid() ^ pid);
	t1 = now_ns();
	if (bad != 0 || t0 < 0 || t1 < t0 || n == 0)
		return 1;
	total = t1 - t0;
	bench_puts("linux_getpid calls ");
	bench_putu(n);
	bench_puts(" total_ns ");
	bench_putu((uint64_t)total);
	bench_puts(" ns_per_call ");
	bench_putu((uint64_t)total / n);
	bench_puts(".");
	bench_putu((uint64_t)total * 100 / n % 100 / 10);
	bench_putu((uint64_t)total * 100 / n % 10);
	bench_puts("\n");
	return 0;
}
