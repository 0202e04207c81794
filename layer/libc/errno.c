/*
 * errno.c: where errno lives.
 *
 * The kernel sets up each thread's TLS block before the thread's first
 * instruction; the word at %gs:0x20 points at that thread's errno int (the
 * layer sets errno through the same pointer).  Builds for development
 * before the kernel provides TLS define VK_LIBC_NO_TLS and use one static
 * int instead; the real build must not.
 */
#include <errno.h>

#define VK_TLS_ERRNO_PTR	0x20	/* %gs offset of the errno pointer */

int *
__errno_location(void)
{
#ifdef VK_LIBC_NO_TLS
	static int errno_value;

	return &errno_value;
#else
	int *p;

	__asm__ ("movl %%gs:%c1, %0" : "=r" (p) : "i" (VK_TLS_ERRNO_PTR));
	return p;
#endif
}
