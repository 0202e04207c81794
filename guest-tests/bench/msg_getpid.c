/*
 * guest-tests/bench/msg_getpid.c: the message round trip of a native vkrun
 * guest.  N getpid messages through the int 0x81 gate (fill the message,
 * send, read the reply: what the layer's message wrappers do), timed by
 * clock_gettime(CLOCK_MONOTONIC) messages before and after.  Built with
 * -DBENCH_VK only (see bench.h): the messages are sent with int $0x81 here,
 * not through the layer, which would answer getpid without a message.
 *
 * Usage: msg_getpid [N]  (default 2000000).  Prints
 * "msg_getpid calls N total_ns T ns_per_call X.YY" on fd 1; exits 1 if a
 * call fails or the pid changes.
 */
#include "guest-tests/bench/bench.h"

#ifndef BENCH_VK
#error "msg_getpid.c is a native vkrun guest only: build it with -DBENCH_VK"
#endif

static __attribute__((noinline)) int
vk_getpid(void)
{
	struct vk_msg_getpid m = { .hdr = { .ms_cmd = VK_SYS_getpid, .ms_size = sizeof(m) } };

	return bench_send(&m.hdr) != 0 ? -1 : (int)m.hdr.ms_result;
}

static int64_t
now_ns(void)
{
	struct vk_msg_clock_gettime m = {
		.hdr = { .ms_cmd = VK_SYS_clock_gettime, .ms_size = sizeof(m) },
		.clock = VK_CLOCK_MONOTONIC,
	};

	if (bench_send(&m.hdr) != 0)
		return -1;
	return m.sec * 1000000000LL + m.nsec;
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
