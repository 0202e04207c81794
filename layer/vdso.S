/*
 * layer/vdso.S: the vDSO offered to Linux programs at AT_SYSINFO_EHDR: a tiny
 * ELF shared object (linked at VK_VDSO_ADDR by vdso.ld, exported names in
 * vdso.lds) whose functions enter the personality through the address the
 * kernel leaves in the shared page (sh_vsyscall), as __kernel_vsyscall does.
 * C libraries find __vdso_clock_gettime and friends here, and since the
 * personality serves the clocks from the shared page, those calls cost no
 * trap at all.
 */
#include "vkernel/vk_layer.h"

	.text
	.globl	__kernel_vsyscall
	.type	__kernel_vsyscall, @function
__kernel_vsyscall:
	jmp	*VK_SHARED_VSYSCALL
	.size	__kernel_vsyscall, . - __kernel_vsyscall

/* name, Linux call number: a cdecl function of two arguments made a call. */
#define VDSO_CALL2(name, nr)			\
	.globl	name;				\
	.type	name, @function;		\
name:						\
	pushl	%ebx;				\
	movl	8(%esp), %ebx;			\
	movl	12(%esp), %ecx;			\
	movl	$nr, %eax;			\
	call	*VK_SHARED_VSYSCALL;		\
	popl	%ebx;				\
	ret;					\
	.size	name, . - name

VDSO_CALL2(__vdso_clock_gettime, 265)
VDSO_CALL2(__vdso_clock_gettime64, 403)
VDSO_CALL2(__vdso_gettimeofday, 78)
VDSO_CALL2(__vdso_clock_getres, 266)
VDSO_CALL2(__vdso_time, 13)
