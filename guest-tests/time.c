/*
 * guest-tests/time.c: clock_gettime for the clocks of program ABI 1.
 *
 * Pins down: CLOCK_MONOTONIC (served in the layer) never goes backwards and
 * does advance within a bounded number of reads; CLOCK_REALTIME is after
 * 2020-01-01 (1577836800) and before 2100; the CPU-time clocks answer too,
 * by message (as on Linux); tv_nsec is always in [0, 1e9) and struct
 * timespec is program ABI 1's 16 bytes with a 64-bit tv_sec; an unknown
 * clock id is -1 with EINVAL and leaves the timespec unwritten.
 * (layer_values.sh compares the clocks with the host's.)
 */
#include <time.h>

#include "check.h"

static long long
ns(const struct timespec *ts)
{
	return ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

static void
monotonic_advances(void)
{
	struct timespec t0, t;
	long long prev;
	int i;

	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &t0), 0);
	CHECK(t0.tv_sec >= 0);
	CHECK(t0.tv_nsec >= 0 && t0.tv_nsec < 1000000000);
	prev = ns(&t0);
	for (i = 0; i < 1000000; i++) {
		CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &t), 0);
		CHECK(t.tv_nsec >= 0 && t.tv_nsec < 1000000000);
		CHECK(ns(&t) >= prev);
		if (ns(&t) > ns(&t0))
			break;
		prev = ns(&t);
	}
	CHECK(i < 1000000);
}

static void
realtime_is_now(void)
{
	struct timespec t;

	CHECK_EQ(clock_gettime(CLOCK_REALTIME, &t), 0);
	CHECK(t.tv_sec > 1577836800LL);
	CHECK(t.tv_sec < 4102444800LL);
	CHECK(t.tv_nsec >= 0 && t.tv_nsec < 1000000000);
}

static void
cputime_clocks(void)
{
	struct timespec t;

	CHECK_EQ(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t), 0);
	CHECK(t.tv_sec >= 0 && t.tv_sec < 3600);
	CHECK(t.tv_nsec >= 0 && t.tv_nsec < 1000000000);
	CHECK_EQ(clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t), 0);
	CHECK(t.tv_sec >= 0 && t.tv_sec < 3600);
	CHECK(t.tv_nsec >= 0 && t.tv_nsec < 1000000000);
}

static void
bad_clocks(void)
{
	static const int bad[] = { 12, 99, -1, 0x7fffffff };
	struct timespec t;

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		t.tv_sec = 12345;
		t.tv_nsec = 678;
		CHECK_ERR(clock_gettime(bad[i], &t), EINVAL);
		CHECK_EQ(t.tv_sec, 12345);
		CHECK_EQ(t.tv_nsec, 678);
	}
}

int
main(void)
{
	CHECK_EQ(sizeof(struct timespec), 16);
	CHECK_EQ(sizeof(time_t), 8);
	monotonic_advances();
	realtime_is_now();
	cputime_clocks();
	bad_clocks();
	return test_passed();
}
