/*
 * guest-tests/fault_segv.c: a helper for faults.sh that stores through a
 * NULL pointer.  The process must die as if by SIGSEGV (exit status 139),
 * with one line on stderr naming the signal, the eip and address 0x00000000.
 */
#include <stdio.h>

/* volatile: the compiler cannot see that the pointer is NULL. */
static int *volatile target;

int
main(void)
{
	*target = 1;
	puts("still alive after a NULL store");
	return 0;
}
