/*
 * guest-tests/rt/crt0.S: the entry point of every test guest (i386, no libc).
 *
 * The virtual kernel starts a process the way Linux does: %esp points at argc,
 * followed by argv[], NULL, envp[], NULL and the auxiliary vector.  _start
 * records that initial %esp in vk_entry_sp (tests check its alignment and walk
 * the auxv from it), calls main(argc, argv, envp) with the stack 16-byte
 * aligned at the call, and passes main's return value to the exit command.
 * Nothing else is set up: no TLS, no constructors, no stdio.
 */
	.text
	.globl	_start
	.type	_start, @function
_start:
	xorl	%ebp, %ebp		/* outermost frame for debuggers */
	movl	%esp, vk_entry_sp
	movl	(%esp), %eax		/* argc */
	leal	4(%esp), %ecx		/* argv */
	leal	8(%esp,%eax,4), %edx	/* envp = argv + argc + 1 */
	andl	$-16, %esp
	subl	$4, %esp		/* 4 + 3 pushes = 16: aligned at the call */
	pushl	%edx
	pushl	%ecx
	pushl	%eax
	call	main
	movl	%eax, (%esp)		/* %esp is still 16-byte aligned here */
	call	vk_exit
	ud2				/* vk_exit never returns */
	.size	_start, . - _start

	.bss
	.align	4
	.globl	vk_entry_sp
	.type	vk_entry_sp, @object
vk_entry_sp:
	.zero	4
	.size	vk_entry_sp, 4

	.section .note.GNU-stack, "", @progbits
