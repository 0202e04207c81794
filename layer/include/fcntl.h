/*
 * fcntl.h: open flags (Linux i386 values, as the kernel's VK_O_* in native
 * ABI 1), open(), provided by the kernel-interfacing layer, and creat(),
 * which libc builds on it.  There is no fcntl() yet: the kernel has no such
 * message.
 */
#ifndef _FCNTL_H
#define _FCNTL_H

#pragma GCC system_header

#include <bits/vktypes.h>

#ifdef __cplusplus
extern "C" {
#endif

#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_NDELAY	O_NONBLOCK
#define O_DSYNC		00010000
#define O_ASYNC		00020000
#define O_DIRECT	00040000
#define O_LARGEFILE	00100000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_NOATIME	01000000
#define O_CLOEXEC	02000000
#define O_SYNC		04010000
#define O_RSYNC		O_SYNC
#define O_PATH		010000000
#define O_TMPFILE	020200000

#ifndef SEEK_SET
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#endif

int open(const char *path, int flags, ...);
int creat(const char *path, mode_t mode);

#ifdef __cplusplus
}
#endif

#endif
