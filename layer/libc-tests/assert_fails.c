/*
 * layer/libc-tests/assert_fails.c: a failing assert prints
 * "Assertion failed: EXPR (file:line: func)" on stderr and ends the
 * program with status 134 (abort: 128 + SIGABRT), after flushing the
 * stdout output before it.  assert_fails.sh runs it expecting exactly that.
 */
#include <assert.h>
#include <stdio.h>

static void
checked(int x)
{
	assert(x == 2 && "x must be two");
}

int
main(void)
{
	printf("before the assertion\n");
	checked(1);
	printf("passed\n");		/* never reached */
	return 0;
}
