/*
 * guest-tests/fault_ud2.c: a helper for faults.sh that executes ud2, the
 * architecturally undefined instruction.  The process must die as if by
 * SIGILL (exit status 132).
 */
#include "guest-tests/rt/vkrt.h"

int
main(void)
{
	__asm__ volatile ("ud2");
	vk_puts("still alive after ud2\n");
	return 0;
}
