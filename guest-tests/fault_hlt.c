/*
 * guest-tests/fault_hlt.c: a helper for faults.sh that executes hlt, a
 * privileged instruction, in ring 3 (#GP).  As on Linux, the process must die
 * as if by SIGSEGV (exit status 139); the host must not halt or hang.  C has
 * no way to say hlt, hence the one instruction of inline assembly.
 */
#include <stdio.h>

int
main(void)
{
	__asm__ volatile ("hlt");
	puts("still alive after hlt");
	return 0;
}
