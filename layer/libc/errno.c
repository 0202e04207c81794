/*
 * errno.c: where errno lives.
 *
 * The kernel sets up each thread's TLS block before the thread's first
 * instruction; the word at %gs:0x20 points at that thread's errno int, and
 * the layer sets errno through the same pointer (docs/abi.md, contract 7).
 */
#include <errno.h>

#define VK_TLS_ERRNO_PTR	0x20	/* %gs offset of the errno pointer */

int *
__errno_location(void)
{
	int *p;

	__asm__ ("movl %%gs:%c1, %0" : "=r" (p) : "i" (VK_TLS_ERRNO_PTR));
	return p;
}
