/*
 * guest-tests/time.c: clock_gettime for the two supported clocks.
 *
 * Pins down: CLOCK_MONOTONIC never goes backwards and does advance (within a
 * bounded number of reads); CLOCK_REALTIME is after 2020-01-01 (1577836800)
 * and before 2100; the CPU-time clocks answer too (as on Linux); nsec is
 * always in [0, 1e9); an unknown clock id is EINVAL, in eax and ms_error,
 * and leaves the outputs unwritten.
 */
#include "guest-tests/rt/vkrt.h"

static int64_t
ns(int64_t sec, int32_t nsec)
{
	return sec * 1000000000LL + nsec;
}

static void
monotonic_advances(void)
{
	int64_t s0, s;
	int32_t n0, n;
	int64_t prev, now;
	int i;

	CHECK_EQ(vk_clock_gettime(VK_CLOCK_MONOTONIC, &s0, &n0), 0);
	CHECK(s0 >= 0);
	CHECK(n0 >= 0 && n0 < 1000000000);
	prev = ns(s0, n0);
	for (i = 0; i < 1000000; i++) {
		CHECK_EQ(vk_clock_gettime(VK_CLOCK_MONOTONIC, &s, &n), 0);
		CHECK(n >= 0 && n < 1000000000);
		now = ns(s, n);
		CHECK(now >= prev);
		if (now > ns(s0, n0))
			break;
		prev = now;
	}
	CHECK(i < 1000000);
}

static void
realtime_is_now(void)
{
	int64_t s;
	int32_t n;

	CHECK_EQ(vk_clock_gettime(VK_CLOCK_REALTIME, &s, &n), 0);
	CHECK(s > 1577836800LL);
	CHECK(s < 4102444800LL);
	CHECK(n >= 0 && n < 1000000000);
}

static void
cputime_clocks(void)
{
	int64_t s;
	int32_t n;

	CHECK_EQ(vk_clock_gettime(VK_CLOCK_PROCESS_CPUTIME_ID, &s, &n), 0);
	CHECK(s >= 0 && s < 3600);
	CHECK(n >= 0 && n < 1000000000);
	CHECK_EQ(vk_clock_gettime(VK_CLOCK_THREAD_CPUTIME_ID, &s, &n), 0);
	CHECK(s >= 0 && s < 3600);
	CHECK(n >= 0 && n < 1000000000);
}

static void
bad_clocks(void)
{
	static const int bad[] = { 12, 99, -1, 0x7fffffff };
	struct vk_msg_clock_gettime m;

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&m, 0, sizeof(m));
		m.hdr.ms_cmd = VK_SYS_clock_gettime;
		m.hdr.ms_size = sizeof(m);
		m.clock = bad[i];
		m.sec = 12345;
		m.nsec = 678;
		CHECK_EQ(vk_sendsys(&m, sizeof(m)), VK_EINVAL);
		CHECK_EQ(m.hdr.ms_error, VK_EINVAL);
		CHECK_EQ(m.hdr.ms_result, -1);
		CHECK_EQ(m.sec, 12345);
		CHECK_EQ(m.nsec, 678);
	}
}

int
main(void)
{
	monotonic_advances();
	realtime_is_now();
	cputime_clocks();
	bad_clocks();
	return vk_test_passed();
}
