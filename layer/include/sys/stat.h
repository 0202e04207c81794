/*
 * sys/stat.h: struct stat of program ABI 1 (or 2, below), the file type
 * and permission bits (Linux values), and the stat/mkdir calls.
 *
 * The layout is pinned for the kernel-interfacing layer, which fills it:
 * every 64-bit field sits at an offset that is a multiple of 8, with the
 * padding written out, so i386 and x86_64 compilers agree (112 bytes):
 *
 *    0 st_dev (u64)     8 st_ino (u64)    16 st_mode     20 st_nlink
 *   24 st_uid          28 st_gid          32 st_rdev (u64)
 *   40 st_size (s64)   48 st_blksize      52 (padding)   56 st_blocks (s64)
 *   64 st_atim         80 st_mtim         96 st_ctim     (struct timespec, 16 each)
 *
 * stat, fstat, lstat and mkdir are system calls provided by the layer.
 */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H

#pragma GCC system_header

#include <bits/vktypes.h>
#include <bits/timespec.h>

#ifdef __cplusplus
extern "C" {
#endif

#if __VK_PROGRAM_ABI >= 2
/*
 * Program ABI 2: the fields in another order, and the birth time (0 where
 * the kernel or the filesystem has none).  128 bytes:
 *
 *    0 st_mode          4 st_nlink         8 st_uid          12 st_gid
 *   16 st_ino (u64)    24 st_dev (u64)    32 st_rdev (u64)   40 st_size (s64)
 *   48 st_blocks (s64) 56 st_blksize      60 (padding)
 *   64 st_atim         80 st_mtim         96 st_ctim        112 st_birthtim
 */
struct stat {
	mode_t		st_mode;
	nlink_t		st_nlink;
	uid_t		st_uid;
	gid_t		st_gid;
	ino_t		st_ino;
	dev_t		st_dev;
	dev_t		st_rdev;
	off_t		st_size;
	blkcnt_t	st_blocks;
	blksize_t	st_blksize;
	int		__pad0;
	struct timespec	st_atim;
	struct timespec	st_mtim;
	struct timespec	st_ctim;
	struct timespec	st_birthtim;
};
#define st_birthtime	st_birthtim.tv_sec
#else
struct stat {
	dev_t		st_dev;
	ino_t		st_ino;
	mode_t		st_mode;
	nlink_t		st_nlink;
	uid_t		st_uid;
	gid_t		st_gid;
	dev_t		st_rdev;
	off_t		st_size;
	blksize_t	st_blksize;
	int		__pad0;
	blkcnt_t	st_blocks;
	struct timespec	st_atim;
	struct timespec	st_mtim;
	struct timespec	st_ctim;
};
#endif

#define st_atime	st_atim.tv_sec
#define st_mtime	st_mtim.tv_sec
#define st_ctime	st_ctim.tv_sec

#define S_IFMT		0170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000

#define S_ISSOCK(m)	(((m) & S_IFMT) == S_IFSOCK)
#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)

#define S_ISUID		04000
#define S_ISGID		02000
#define S_ISVTX		01000
#define S_IRWXU		00700
#define S_IRUSR		00400
#define S_IWUSR		00200
#define S_IXUSR		00100
#define S_IRWXG		00070
#define S_IRGRP		00040
#define S_IWGRP		00020
#define S_IXGRP		00010
#define S_IRWXO		00007
#define S_IROTH		00004
#define S_IWOTH		00002
#define S_IXOTH		00001

int stat(const char *path, struct stat *st);
int fstat(int fd, struct stat *st);
int lstat(const char *path, struct stat *st);
int mkdir(const char *path, mode_t mode);

#ifdef __cplusplus
}
#endif

#endif
