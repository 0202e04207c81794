/*
 * layer/libc-tests/check.h: the CHECK macros of the libc test programs.
 *
 * Built on the libc under test itself (fprintf, exit), so a failure can be
 * reported in detail: "FAIL file:line: expression" plus both values.  A
 * program that passes prints "passed" as its last line (the convention of
 * scripts/run-guest) and exits 0.
 */
#ifndef LIBC_TESTS_CHECK_H
#define LIBC_TESTS_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
			exit(1); \
		} \
	} while (0)

#define CHECK_EQ(got, want) \
	do { \
		long long got_ = (long long)(got), want_ = (long long)(want); \
		if (got_ != want_) { \
			fprintf(stderr, "FAIL %s:%d: %s == %s (got %lld, want %lld)\n", \
			    __FILE__, __LINE__, #got, #want, got_, want_); \
			exit(1); \
		} \
	} while (0)

#define CHECK_STR(got, want) \
	do { \
		const char *got_ = (got), *want_ = (want); \
		if (got_ == NULL || strcmp(got_, want_) != 0) { \
			fprintf(stderr, "FAIL %s:%d: %s == \"%s\" (got \"%s\")\n", \
			    __FILE__, __LINE__, #got, want_, got_ ? got_ : "(null)"); \
			exit(1); \
		} \
	} while (0)

static inline int
test_passed(void)
{
	puts("passed");
	return 0;
}

#endif
