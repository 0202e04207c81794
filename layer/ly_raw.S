/* ly_raw.S: GENERATED from vkernel/syscalls.master by scripts/gensyscalls.awk; do not edit. */
#include "vkernel/vk_layer.h"
	.text
	.globl _exit
	.type _exit, @function
_exit:
	jmp ly_exit
	.globl read
	.type read, @function
read:
	jmp ly_read
	.globl write
	.type write, @function
write:
	jmp ly_write
	.globl open
	.type open, @function
open:
	jmp ly_open
	.globl close
	.type close, @function
close:
	jmp ly_close
	.globl lseek
	.type lseek, @function
lseek:
	jmp ly_lseek
	.globl unlink
	.type unlink, @function
unlink:
	jmp ly_unlink
	.globl mkdir
	.type mkdir, @function
mkdir:
	jmp ly_mkdir
	.globl __vk_brk
	.type __vk_brk, @function
__vk_brk:
	jmp ly_brk
	.globl mmap
	.type mmap, @function
mmap:
	jmp ly_mmap
	.globl munmap
	.type munmap, @function
munmap:
	jmp ly_munmap
	.globl getpid
	.type getpid, @function
getpid:
	jmp ly_getpid
	.globl getppid
	.type getppid, @function
getppid:
	jmp ly_getppid
	.globl getuid
	.type getuid, @function
getuid:
	jmp ly_getuid
	.globl geteuid
	.type geteuid, @function
geteuid:
	jmp ly_geteuid
	.globl getgid
	.type getgid, @function
getgid:
	jmp ly_getgid
	.globl getegid
	.type getegid, @function
getegid:
	jmp ly_getegid
	.globl clock_gettime
	.type clock_gettime, @function
clock_gettime:
	jmp ly_clock_gettime
	.globl gettimeofday
	.type gettimeofday, @function
gettimeofday:
	jmp ly_gettimeofday
	.globl time
	.type time, @function
time:
	jmp ly_time
	.globl stat
	.type stat, @function
stat:
	jmp ly_stat
	.globl lstat
	.type lstat, @function
lstat:
	jmp ly_lstat
	.globl fstat
	.type fstat, @function
fstat:
	jmp ly_fstat
	.globl getcwd
	.type getcwd, @function
getcwd:
	jmp ly_getcwd
	.globl __vk_getdents64
	.type __vk_getdents64, @function
__vk_getdents64:
	jmp ly_getdents64
	.globl chdir
	.type chdir, @function
chdir:
	jmp ly_chdir
	.globl rmdir
	.type rmdir, @function
rmdir:
	jmp ly_rmdir
	.globl rename
	.type rename, @function
rename:
	jmp ly_rename
	.globl fork
	.type fork, @function
fork:
	jmp ly_fork
	.globl execve
	.type execve, @function
execve:
	jmp ly_execve
	.globl waitpid
	.type waitpid, @function
waitpid:
	jmp ly_waitpid
	.globl pipe
	.type pipe, @function
pipe:
	jmp ly_pipe
	.globl nanosleep
	.type nanosleep, @function
nanosleep:
	jmp ly_nanosleep
	.globl kill
	.type kill, @function
kill:
	jmp ly_kill
	.globl vk_aread
	.type vk_aread, @function
vk_aread:
	jmp ly_aread
	.globl vk_awrite
	.type vk_awrite, @function
vk_awrite:
	jmp ly_awrite
	.globl vk_asleep
	.type vk_asleep, @function
vk_asleep:
	jmp ly_asleep
	.globl vk_awaitpid
	.type vk_awaitpid, @function
vk_awaitpid:
	jmp ly_awaitpid
	.globl vk_wait
	.type vk_wait, @function
vk_wait:
	jmp ly_wait
	.globl vk_abort
	.type vk_abort, @function
vk_abort:
	jmp ly_abort
	.globl vk_done
	.type vk_done, @function
vk_done:
	jmp ly_done
	.globl vk_result
	.type vk_result, @function
vk_result:
	jmp ly_result
	.globl rfork
	.type rfork, @function
rfork:
	jmp ly_rfork
	.globl vk_asignal
	.type vk_asignal, @function
vk_asignal:
	jmp ly_asignal
	.globl vk_sigset
	.type vk_sigset, @function
vk_sigset:
	jmp ly_asigset
	.globl vk_siginfo
	.type vk_siginfo, @function
vk_siginfo:
	jmp ly_siginfo
	.globl vk_release
	.type vk_release, @function
vk_release:
	jmp ly_release
	.globl vk_atimer
	.type vk_atimer, @function
vk_atimer:
	jmp ly_atimer
	.globl vk_port_upcall
	.type vk_port_upcall, @function
vk_port_upcall:
	jmp ly_port_upcall
	.globl vk_flush
	.type vk_flush, @function
vk_flush:
	jmp ly_flush
	.globl vk_procinfo
	.type vk_procinfo, @function
vk_procinfo:
	jmp ly_procinfo
	.globl uname
	.type uname, @function
uname:
	jmp ly_uname
	.globl pread
	.type pread, @function
pread:
	jmp ly_pread
	.bss
	.balign 4
	.globl ly_counts
ly_counts:
	.zero 212
	.section .note.vkrun, "a", @note
	.balign 4
	.long 6, 8, VK_NT_RAW
	.asciz "vkrun"
	.balign 4
	.long VK_PROGRAM_ABI, VK_KERNEL_ABI
	.section .note.GNU-stack, "", @progbits
