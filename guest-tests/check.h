/*
 * guest-tests/check.h: the CHECK macros of the guest test programs.
 *
 * The programs are ordinary C programs built with layer/vkcc against the
 * SDK's libc; this header is all they share.  A failed check prints
 * "FAIL file:line: what" (CHECK_EQ adds both values) on stderr and exits 1.
 * A test that reaches its end returns test_passed() from main: it prints
 * "passed" on stdout, the last line scripts/run-guest wants, so a test passes
 * only if the guest really ran to its end.
 */
#ifndef GUEST_CHECK_H
#define GUEST_CHECK_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef __FILE_NAME__
#define CHECK_FILE __FILE_NAME__
#else
#define CHECK_FILE __FILE__
#endif

static __attribute__((noreturn, unused)) void
check_failed(const char *file, int line, const char *what)
{
	fprintf(stderr, "FAIL %s:%d: %s\n", file, line, what);
	exit(1);
}

static __attribute__((noreturn, unused)) void
check_eq_failed(const char *file, int line, const char *what, long long got, long long want)
{
	fprintf(stderr, "FAIL %s:%d: %s (got %lld, want %lld)\n", file, line, what, got, want);
	exit(1);
}

#define CHECK(cond) \
	do { if (!(cond)) check_failed(CHECK_FILE, __LINE__, #cond); } while (0)

/* CHECK_EQ also prints both values: "FAIL f.c:12: got == want (got 3, want 4)". */
#define CHECK_EQ(got, want) \
	do { long long ck_g_ = (long long)(got), ck_w_ = (long long)(want); \
	     if (ck_g_ != ck_w_) \
		check_eq_failed(CHECK_FILE, __LINE__, #got " == " #want, ck_g_, ck_w_); \
	} while (0)

/* CHECK_ERR: the call returned -1 and set errno to ERR. */
#define CHECK_ERR(call, err) \
	do { errno = 0; long long ck_r_ = (long long)(call); \
	     int ck_e_ = errno; \
	     CHECK_EQ(ck_r_, -1); CHECK_EQ(ck_e_, err); } while (0)

/* CHECK_PTR_ERR: the call returned the pointer FAIL (NULL, or MAP_FAILED for
 * mmap) and set errno to ERR. */
#define CHECK_PTR_ERR(call, fail, err) \
	do { errno = 0; void *ck_p_ = (void *)(call); \
	     int ck_e_ = errno; \
	     CHECK(ck_p_ == (void *)(fail)); CHECK_EQ(ck_e_, err); } while (0)

/* CLOCK_MONOTONIC in milliseconds, for tests that order events in time. */
static __attribute__((unused)) long long
check_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The end of a test that passed: "passed" on stdout; 0 for main to return. */
static __attribute__((unused)) int
test_passed(void)
{
	return puts("passed") < 0 || fflush(stdout) != 0;
}

#endif
