/*
 * guest-tests/fault_ud2.c: a helper for faults.sh that executes ud2, the
 * architecturally undefined instruction (what __builtin_trap emits on x86).
 * The process must die as if by SIGILL (exit status 132).
 */
#include <stdio.h>

int
main(void)
{
	__builtin_trap();
	puts("still alive after ud2");
	return 0;
}
