/*
 * __vk_assert_fail: what a failed assert() does.
 *
 * Prints "Assertion failed: EXPR (file:line: func)" on stderr, as one
 * write (stderr is unbuffered, and fprintf assembles a line before writing
 * to an unbuffered stream), then aborts.  Pending stdout output is flushed
 * first, since abort() does not flush and it would be lost; that output is
 * often what explains the failure.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

void
__vk_assert_fail(const char *expr, const char *file, int line, const char *func)
{
	fflush(NULL);
	fprintf(stderr, "Assertion failed: %s (%s:%d: %s)\n", expr, file, line, func);
	abort();
}
