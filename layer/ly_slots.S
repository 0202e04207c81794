/* ly_slots.S: GENERATED from vkernel/syscalls.master by scripts/gensyscalls.awk; do not edit. */
#include "vkernel/vk_layer.h"
	.section .rodata
	.balign 4
	.globl ly_slots
ly_slots:
	.long ly_exit
	.long ly_read
	.long ly_write
	.long ly_open
	.long ly_close
	.long ly_lseek
	.long ly_unlink
	.long ly_mkdir
	.long ly_brk
	.long ly_mmap
	.long ly_munmap
	.long ly_getpid
	.long ly_getppid
	.long ly_getuid
	.long ly_geteuid
	.long ly_getgid
	.long ly_getegid
	.long ly_clock_gettime
	.long ly_gettimeofday
	.long ly_time
	.long ly_stat
	.long ly_lstat
	.long ly_fstat
	.long ly_getcwd
	.bss
	.balign 4
	.globl ly_counts
ly_counts:
	.zero 96
	.section .note.vkrun, "a", @note
	.balign 4
	.long 6, VK_LAYER_NOTE_DESCSZ, VK_NT_LAYER
	.asciz "vkrun"
	.balign 4
	.long LY_PROGRAM_ABI, LY_KERNEL_ABI, LY_VERSION, 24, ly_slots, ly_counts, 24
	.section .note.GNU-stack, "", @progbits
