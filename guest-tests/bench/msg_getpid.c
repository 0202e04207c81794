/*
 * guest-tests/bench/msg_getpid.c: the message round trip of a native vkrun
 * guest.  N getpid messages through the int 0x81 gate (vk_getpid: fill the
 * message, send, read the reply), timed by clock_gettime(CLOCK_MONOTONIC)
 * messages before and after.
 *
 * Usage: msg_getpid [N]  (default 2000000).  Prints
 * "msg_getpid calls N total_ns T ns_per_call X.YY" on fd 1; exits 1 if a
 * call fails or the pid changes.
 */
#include "guest-tests/bench/bench.h"

static int64_t
now_ns(void)
{
	int64_t sec;
	int32_t nsec;

	if (vk_clock_gettime(VK_CLOCK_MONOTONIC, &sec, &nsec) != 0)
		return -1;
	return sec * 1000000000LL + nsec;
}

int
main(int argc, char **argv)
{
	uint32_t n = bench_arg(argc > 1 ? argv[1] : 0, 2000000);
	int pid = vk_getpid();
	int64_t t0, t1, total;
	uint32_t i, bad = 0;

	if (pid <= 0)
		return 1;
	t0 = now_ns();
	for (i = 0; i < n; i++)
		bad |= (uint32_t)(vk_getpid() ^ pid);
	t1 = now_ns();
	if (bad != 0 || t0 < 0 || t1 < t0 || n == 0)
		return 1;
	total = t1 - t0;
	bench_puts("msg_getpid calls ");
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
