/*
 * loader/testdata/native.S: tiny i386 programs, one per -D variant, that
 * carry the native-program marks right or wrong, for check_native.  Each is
 * linked by the guest toolchain exactly as a real program would be, so the
 * tests see real section and note layouts.
 *
 *   (default)        a well-formed native program, ABI 1
 *   NO_NOTE          the stub section without the ABI note
 *   NO_STUBS         the ABI note without the stub section
 *   STUBS_SMALL      a 2048-byte stub section
 *   STUBS_PROGBITS   a stub section with bytes in the file
 *   STUBS_MISALIGNED a stub section that is not page-aligned
 *   NOTE_LONG        an ABI note with an 8-byte descriptor
 *   ABI_ZERO         an ABI note naming program ABI 0
 *   ABI_SEVEN        a well-formed program for ABI 7 (no layer exists)
 *   PLAIN            neither mark: a Linux or raw program
 */
	.text
	.globl	_start
_start:
	movl	$0, %ebx
	movl	$1, %eax
	int	$0x80

#if !defined(NO_STUBS) && !defined(PLAIN)
#if defined(STUBS_PROGBITS)
	.section .vkstubs, "aw", @progbits
	.balign	4096
	.fill	4096, 1, 0xcc
#elif defined(STUBS_MISALIGNED)
	.bss				/* 16 bytes first, so the stub section */
	.skip	16			/* lands mid-page */
	.section .vkstubs, "aw", @nobits
	.balign	16
	.skip	4096
#elif defined(STUBS_SMALL)
	.section .vkstubs, "aw", @nobits
	.balign	4096
	.skip	2048
#else
	.section .vkstubs, "aw", @nobits
	.balign	4096
	.skip	4096
#endif
#endif

#if !defined(NO_NOTE) && !defined(PLAIN)
	.section .note.vkrun, "a", @note
	.balign	4
#if defined(NOTE_LONG)
	.long	6, 8, 1
#else
	.long	6, 4, 1
#endif
	.asciz	"vkrun"
	.balign	4
#if defined(ABI_ZERO)
	.long	0
#elif defined(ABI_SEVEN)
	.long	7
#else
	.long	1
#endif
#if defined(NOTE_LONG)
	.long	0
#endif
#endif
	.section .note.GNU-stack, "", @progbits
