/*
 * guest-tests/fault_div0.c: a helper for faults.sh that divides by zero
 * (divl by a zeroed register: #DE).  The process must die as if by SIGFPE
 * (exit status 136).
 */
#include "guest-tests/rt/vkrt.h"

int
main(void)
{
	__asm__ volatile ("xorl %%ecx, %%ecx\n\tmovl $1, %%eax\n\txorl %%edx, %%edx\n\tdivl %%ecx"
	    : : : "eax", "ecx", "edx");
	vk_puts("still alive after a division by zero\n");
	return 0;
}
