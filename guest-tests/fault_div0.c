/*
 * guest-tests/fault_div0.c: a helper for faults.sh that divides by zero
 * (an integer division by a zero the compiler cannot see: #DE).  The process
 * must die as if by SIGFPE (exit status 136).
 */
#include <stdio.h>

static volatile unsigned divisor;

int
main(void)
{
	unsigned q = 1000u / divisor;

	printf("still alive after a division by zero (%u)\n", q);
	return 0;
}
