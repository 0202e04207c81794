/* ly_gen.h: GENERATED from vkernel/syscalls.master by scripts/gensyscalls.awk; do not edit. */
#ifndef LY_GEN_H
#define LY_GEN_H

#define LY_NSLOTS	24	/* stub slots in program ABI 1 */
#define LY_SLOT_exit	0
#define LY_SLOT_read	1
#define LY_SLOT_write	2
#define LY_SLOT_open	3
#define LY_SLOT_close	4
#define LY_SLOT_lseek	5
#define LY_SLOT_unlink	6
#define LY_SLOT_mkdir	7
#define LY_SLOT_brk	8
#define LY_SLOT_mmap	9
#define LY_SLOT_munmap	10
#define LY_SLOT_getpid	11
#define LY_SLOT_getppid	12
#define LY_SLOT_getuid	13
#define LY_SLOT_geteuid	14
#define LY_SLOT_getgid	15
#define LY_SLOT_getegid	16
#define LY_SLOT_clock_gettime	17
#define LY_SLOT_gettimeofday	18
#define LY_SLOT_time	19
#define LY_SLOT_stat	20
#define LY_SLOT_lstat	21
#define LY_SLOT_fstat	22
#define LY_SLOT_getcwd	23

#endif
