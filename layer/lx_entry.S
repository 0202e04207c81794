/*
 * layer/lx_entry.S: the two ways into the Linux personality, and the note
 * that tells the kernel where they are.
 *
 *   lx_int80_entry  the kernel reflects an int 0x80 here, having pushed the
 *                   EIP after the int as a return address (seed 002);
 *   lx_vsyscall     __kernel_vsyscall: C libraries call it through
 *                   AT_SYSINFO (%gs:0x10), so the return address is theirs.
 *
 * Both save every register but eax and the flags, as Linux leaves them,
 * pass ebx, ecx, edx, esi, edi, ebp to the handler as six cdecl arguments
 * (copies: a C callee may reuse its argument slots), and return the result
 * in eax.  When the kernel asks (shared page sh_trace), each call is also
 * reported to it, with its origin, before and after.
 */
#include "vkernel/vk_layer.h"

	.text
	.globl	lx_int80_entry
	.type	lx_int80_entry, @function
lx_int80_entry:
	pushl	$0			/* origin: int 0x80 */
	jmp	lx_common

	.globl	lx_vsyscall
	.type	lx_vsyscall, @function
lx_vsyscall:
	pushl	$1			/* origin: AT_SYSINFO */

lx_common:
	pushfl
	pushl	%ebp
	pushl	%edi
	pushl	%esi
	pushl	%edx
	pushl	%ecx
	pushl	%ebx			/* saved frame: ebx ecx edx esi edi ebp flags origin ret */
	movl	%esp, %ecx		/* the saved frame */
	pushl	%ecx
	pushl	%eax			/* the call number */
	call	lx_dispatch		/* lx_dispatch(nr, frame) */
	addl	$8, %esp
	popl	%ebx
	popl	%ecx
	popl	%edx
	popl	%esi
	popl	%edi
	popl	%ebp
	popfl
	leal	4(%esp), %esp		/* drop the origin, keep the flags as restored */
	ret
	.size	lx_int80_entry, . - lx_int80_entry

/* Where a signal handler without SA_RESTORER returns (lx_signal.c): the
 * code Linux's vDSO has for it, sigreturn for the old frame (which pops the
 * signal number first) and rt_sigreturn for the SA_SIGINFO one. */
	.globl	lx_sigreturn_tramp
	.type	lx_sigreturn_tramp, @function
lx_sigreturn_tramp:
	popl	%eax
	movl	$119, %eax
	int	$0x80
	.size	lx_sigreturn_tramp, . - lx_sigreturn_tramp

	.globl	lx_rt_sigreturn_tramp
	.type	lx_rt_sigreturn_tramp, @function
lx_rt_sigreturn_tramp:
	movl	$173, %eax
	int	$0x80
	.size	lx_rt_sigreturn_tramp, . - lx_rt_sigreturn_tramp

	.section .rodata
	.balign	4
	.globl	lx_slots
lx_slots:
	.long	lx_int80_entry, lx_vsyscall, lx_vdso, lx_cur_frame

/* The vDSO image (layer/vdso.S), linked for VK_VDSO_ADDR; the layer is
 * linked with this section there. */
	.section .lx_vdso, "ax", @progbits
	.globl	lx_vdso
lx_vdso:
	.incbin	"vdso.so"

	.bss
	.balign	4
	.globl	lx_counts
lx_counts:
	.zero	4 * VK_LX_NSLOTS
/* The saved frame of the Linux call in progress (0: none): if a handler
 * faults on a bad pointer the program passed, the kernel unwinds to it and
 * returns -EFAULT, as Linux's copy_to_user fixups do. */
	.globl	lx_cur_frame
lx_cur_frame:
	.long	0

	.section .note.vkrun, "a", @note
	.balign	4
	.long	6, VK_LAYER_NOTE_DESCSZ, VK_NT_LAYER
	.asciz	"vkrun"
	.balign	4
	.long	VK_PROGRAM_ABI_LINUX, LY_KERNEL_ABI, LY_VERSION, VK_LX_NSLOTS, lx_slots, lx_counts, VK_LX_NSLOTS
	.section .note.GNU-stack, "", @progbits
