/*
 * bits/vktypes.h: the POSIX scalar types of program ABI 1, shared by every
 * header that needs one of them.  Not for programs to include directly.
 *
 * File offsets, times, block counts and inode numbers are 64-bit so that
 * the ABI does not need a second "large file" or "time64" set of calls;
 * size_t is gcc's unsigned int, ssize_t its signed twin; ids and modes are
 * 32-bit.  The kernel-interfacing layer converts between these and whatever
 * the kernel speaks.
 */
#ifndef _BITS_VKTYPES_H
#define _BITS_VKTYPES_H

#pragma GCC system_header

/* The program ABI the headers describe: vkcc --abi N defines it. */
#ifndef __VK_PROGRAM_ABI
#define __VK_PROGRAM_ABI	1
#endif

#define __need_size_t
#define __need_NULL
#include <stddef.h>

typedef int			ssize_t;
typedef __INT64_TYPE__		off_t;
typedef __INT64_TYPE__		time_t;
typedef __INT64_TYPE__		blkcnt_t;
typedef __UINT64_TYPE__		ino_t;
typedef __UINT64_TYPE__		dev_t;
typedef unsigned int		nlink_t;
typedef int			blksize_t;
typedef int			pid_t;
typedef unsigned int		uid_t;
typedef unsigned int		gid_t;
typedef unsigned int		id_t;
typedef unsigned int		mode_t;
typedef int			clockid_t;
typedef long			clock_t;
typedef long			suseconds_t;
typedef unsigned int		useconds_t;

#endif
