/*
 * guest-tests/fault_hlt.c: a helper for faults.sh that executes hlt, a
 * privileged instruction, in ring 3 (#GP).  As on Linux, the process must die
 * as if by SIGSEGV (exit status 139); the host must not halt or hang.
 */
#include "guest-tests/rt/vkrt.h"

int
main(void)
{
	__asm__ volatile ("hlt");
	vk_puts("still alive after hlt\n");
	return 0;
}
