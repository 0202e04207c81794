/*
 * crt0.S: _start, the entry point of every native vkrun program.
 *
 * The kernel starts a process the way Linux does: %esp points at argc,
 * followed by argv[], NULL, envp[], NULL and the auxiliary vector; every
 * other register is zero and %gs already selects the thread's TLS block.
 * _start stores envp in environ, puts the x87 unit in its documented
 * initial state (extended precision, all exceptions masked), aligns the
 * stack to 16 bytes as the i386 System V ABI wants at a call, and calls
 * __libc_start(argc, argv, envp), which never returns.
 */
	.text
	.globl	_start
	.type	_start, @function
_start:
	xorl	%ebp, %ebp		/* outermost frame, for debuggers */
	movl	(%esp), %eax		/* argc */
	leal	4(%esp), %ecx		/* argv */
	leal	8(%esp,%eax,4), %edx	/* envp = argv + argc + 1 */
	movl	%edx, environ
	fninit
	andl	$-16, %esp
	subl	$4, %esp		/* 4 + 3 pushes = 16: aligned at the call */
	pushl	%edx
	pushl	%ecx
	pushl	%eax
	call	__libc_start
	ud2				/* __libc_start never returns */
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
