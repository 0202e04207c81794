/*
 * guest-tests/fault_segv.c: a helper for faults.sh that stores through a
 * NULL pointer.  The process must die as if by SIGSEGV (exit status 139),
 * with one line on stderr naming the signal, the eip and address 0x00000000.
 */
#include "guest-tests/rt/vkrt.h"

int
main(void)
{
	__asm__ volatile ("movl $0, %%eax\n\tmovl $1, (%%eax)" : : : "eax", "memory");
	vk_puts("still alive after a NULL store\n");
	return 0;
}
