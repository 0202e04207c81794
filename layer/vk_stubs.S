/* vk_stubs.S: GENERATED from vkernel/syscalls.master by scripts/gensyscalls.awk; do not edit. */
#include "vkernel/vk_layer.h"
	.section .vkstubs, "aw", @nobits
	.balign 4096
	.globl __vk_stubs
__vk_stubs:
	.skip 4096
	.globl _exit
	.type _exit, @function
	.set _exit, __vk_stubs + 0 * VK_STUB_SLOT
	.globl read
	.type read, @function
	.set read, __vk_stubs + 1 * VK_STUB_SLOT
	.globl write
	.type write, @function
	.set write, __vk_stubs + 2 * VK_STUB_SLOT
	.globl open
	.type open, @function
	.set open, __vk_stubs + 3 * VK_STUB_SLOT
	.globl close
	.type close, @function
	.set close, __vk_stubs + 4 * VK_STUB_SLOT
	.globl lseek
	.type lseek, @function
	.set lseek, __vk_stubs + 5 * VK_STUB_SLOT
	.globl unlink
	.type unlink, @function
	.set unlink, __vk_stubs + 6 * VK_STUB_SLOT
	.globl mkdir
	.type mkdir, @function
	.set mkdir, __vk_stubs + 7 * VK_STUB_SLOT
	.globl __vk_brk
	.type __vk_brk, @function
	.set __vk_brk, __vk_stubs + 8 * VK_STUB_SLOT
	.globl mmap
	.type mmap, @function
	.set mmap, __vk_stubs + 9 * VK_STUB_SLOT
	.globl munmap
	.type munmap, @function
	.set munmap, __vk_stubs + 10 * VK_STUB_SLOT
	.globl getpid
	.type getpid, @function
	.set getpid, __vk_stubs + 11 * VK_STUB_SLOT
	.globl getppid
	.type getppid, @function
	.set getppid, __vk_stubs + 12 * VK_STUB_SLOT
	.globl getuid
	.type getuid, @function
	.set getuid, __vk_stubs + 13 * VK_STUB_SLOT
	.globl geteuid
	.type geteuid, @function
	.set geteuid, __vk_stubs + 14 * VK_STUB_SLOT
	.globl getgid
	.type getgid, @function
	.set getgid, __vk_stubs + 15 * VK_STUB_SLOT
	.globl getegid
	.type getegid, @function
	.set getegid, __vk_stubs + 16 * VK_STUB_SLOT
	.globl clock_gettime
	.type clock_gettime, @function
	.set clock_gettime, __vk_stubs + 17 * VK_STUB_SLOT
	.globl gettimeofday
	.type gettimeofday, @function
	.set gettimeofday, __vk_stubs + 18 * VK_STUB_SLOT
	.globl time
	.type time, @function
	.set time, __vk_stubs + 19 * VK_STUB_SLOT
	.globl stat
	.type stat, @function
	.set stat, __vk_stubs + 20 * VK_STUB_SLOT
	.globl lstat
	.type lstat, @function
	.set lstat, __vk_stubs + 21 * VK_STUB_SLOT
	.globl fstat
	.type fstat, @function
	.set fstat, __vk_stubs + 22 * VK_STUB_SLOT
	.globl getcwd
	.type getcwd, @function
	.set getcwd, __vk_stubs + 23 * VK_STUB_SLOT
	.section .note.vkrun, "a", @note
	.balign 4
	.long 6, 4, VK_NT_ABI
	.asciz "vkrun"
	.balign 4
	.long VK_PROGRAM_ABI
	.section .note.GNU-stack, "", @progbits
