/*
 * guest-tests/layer_values.c: a helper for layer_values.sh: the values the
 * layer serves from the shared page, without a trap, are the right ones.
 *
 * Usage: layer_values HOST_SECONDS, with HOST_UID, HOST_EUID, HOST_GID and
 * HOST_EGID in the environment (the shell's `id -u` and so on; HOST_SECONDS
 * is the shell's `date +%s` just before the run).
 *
 * Checks: getpid() is 1; the four ids are the host's; CLOCK_REALTIME is
 * within 2 s of HOST_SECONDS; CLOCK_MONOTONIC never decreases over 100000
 * reads and nsec stays in [0, 1e9); gettimeofday and time, read between two
 * CLOCK_REALTIME readings, lie between them (gettimeofday truncated to the
 * microsecond, tv_usec in [0, 1e6)); gettimeofday with a time zone is EINVAL
 * (there are none).  Prints "passed" last, or "FAIL ..." on stderr and exits
 * 1.
 */
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static long long
number(const char *s, const char *what)
{
	char *end;
	long long v;

	if (s == NULL || *s == '\0')
		check_failed(CHECK_FILE, __LINE__, what);
	v = strtoll(s, &end, 10);
	if (*end != '\0')
		check_failed(CHECK_FILE, __LINE__, what);
	return v;
}

static long long
ns(const struct timespec *ts)
{
	return ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

static void
ids(void)
{
	CHECK_EQ(getpid(), 1);
	CHECK_EQ(getuid(), number(getenv("HOST_UID"), "HOST_UID is a number"));
	CHECK_EQ(geteuid(), number(getenv("HOST_EUID"), "HOST_EUID is a number"));
	CHECK_EQ(getgid(), number(getenv("HOST_GID"), "HOST_GID is a number"));
	CHECK_EQ(getegid(), number(getenv("HOST_EGID"), "HOST_EGID is a number"));
}

static void
realtime_is_the_hosts(long long host)
{
	struct timespec t;

	CHECK_EQ(clock_gettime(CLOCK_REALTIME, &t), 0);
	if (t.tv_sec < host - 2 || t.tv_sec > host + 2)
		check_eq_failed(CHECK_FILE, __LINE__, "CLOCK_REALTIME within 2 s of the host",
		    t.tv_sec, host);
	CHECK(t.tv_nsec >= 0 && t.tv_nsec < 1000000000);
}

static void
monotonic_never_decreases(void)
{
	struct timespec t;
	long long prev, first;

	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &t), 0);
	first = prev = ns(&t);
	for (int i = 0; i < 100000; i++) {
		CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &t), 0);
		CHECK(t.tv_nsec >= 0 && t.tv_nsec < 1000000000);
		if (ns(&t) < prev)
			check_eq_failed(CHECK_FILE, __LINE__, "CLOCK_MONOTONIC never decreases",
			    ns(&t), prev);
		prev = ns(&t);
	}
	CHECK(prev > first);
}

static void
gettimeofday_and_time_agree(void)
{
	struct timespec r1, r2;
	struct timeval tv;
	time_t t, t2;
	long long tv_ns;

	for (int i = 0; i < 1000; i++) {
		CHECK_EQ(clock_gettime(CLOCK_REALTIME, &r1), 0);
		CHECK_EQ(gettimeofday(&tv, NULL), 0);
		t = time(&t2);
		CHECK_EQ(clock_gettime(CLOCK_REALTIME, &r2), 0);

		CHECK(tv.tv_usec >= 0 && tv.tv_usec < 1000000);
		tv_ns = tv.tv_sec * 1000000000LL + tv.tv_usec * 1000LL;
		CHECK(tv_ns > ns(&r1) - 1000);
		CHECK(tv_ns <= ns(&r2));
		CHECK_EQ(t, t2);
		CHECK(t >= r1.tv_sec && t <= r2.tv_sec);
	}
	CHECK_ERR(gettimeofday(&tv, &tv), EINVAL);
}

int
main(int argc, char **argv)
{
	CHECK_EQ(argc, 2);
	ids();
	realtime_is_the_hosts(number(argv[1], "HOST_SECONDS is a number"));
	monotonic_never_decreases();
	gettimeofday_and_time_agree();
	return test_passed();
}
