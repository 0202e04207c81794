/*
 * layer/ly_file.c: file calls whose program-side shape differs from their
 * message: stat, lstat and fstat fill the program ABI's struct stat from the
 * message's outputs; getcwd returns the buffer as POSIX wants, where the
 * message returns a length; rmdir and rename are the *at messages with the
 * current directory.
 */
#include "layer/ly.h"

#define STAT_OUT(st, m) do {						\
	(st)->st_dev = (dev_t)(m).dev;		(st)->st_ino = (ino_t)(m).ino;	\
	(st)->st_mode = (m).mode;		(st)->st_nlink = (m).nlink;	\
	(st)->st_uid = (m).uid;			(st)->st_gid = (m).gid;		\
	(st)->st_rdev = (dev_t)(m).rdev;	(st)->st_size = (m).size;	\
	(st)->st_blksize = (m).blksize;		(st)->__pad0 = 0;		\
	(st)->st_blocks = (m).blocks;					\
	(st)->st_atim.tv_sec = (m).atime;	(st)->st_atim.tv_nsec = (m).atime_nsec; \
	(st)->st_mtim.tv_sec = (m).mtime;	(st)->st_mtim.tv_nsec = (m).mtime_nsec; \
	(st)->st_ctim.tv_sec = (m).ctime;	(st)->st_ctim.tv_nsec = (m).ctime_nsec; \
	(st)->st_atim.__pad = (st)->st_mtim.__pad = (st)->st_ctim.__pad = 0; \
} while (0)

int
ly_stat(const char *path, struct stat *st)
{
	struct vk_msg_stat m;

	ly_hdr(&m.hdr, VK_SYS_stat, sizeof(m));
	m.path = (uint32_t)path;
	if (ly_call(&m.hdr) < 0)
		return -1;
	STAT_OUT(st, m);
	return 0;
}

int
ly_lstat(const char *path, struct stat *st)
{
	struct vk_msg_lstat m;

	ly_hdr(&m.hdr, VK_SYS_lstat, sizeof(m));
	m.path = (uint32_t)path;
	if (ly_call(&m.hdr) < 0)
		return -1;
	STAT_OUT(st, m);
	return 0;
}

int
ly_fstat(int fd, struct stat *st)
{
	struct vk_msg_fstat m;

	ly_hdr(&m.hdr, VK_SYS_fstat, sizeof(m));
	m.fd = fd;
	if (ly_call(&m.hdr) < 0)
		return -1;
	STAT_OUT(st, m);
	return 0;
}

char *
ly_getcwd(char *buf, uint32_t size)
{
	struct vk_msg_getcwd m;

	if (buf == 0) {
		ly_set_errno(VK_EINVAL);	/* the layer cannot allocate for the caller */
		return 0;
	}
	ly_hdr(&m.hdr, VK_SYS_getcwd, sizeof(m));
	m.buf = (uint32_t)buf;
	m.size = size;
	return ly_call(&m.hdr) < 0 ? 0 : buf;
}

#define LY_AT_FDCWD	(-100)
#define LY_AT_REMOVEDIR	0x200

int
ly_rmdir(const char *path)
{
	struct vk_msg_unlinkat m;

	ly_hdr(&m.hdr, VK_SYS_unlinkat, sizeof(m));
	m.dirfd = LY_AT_FDCWD;
	m.path = (uint32_t)path;
	m.flags = LY_AT_REMOVEDIR;
	return ly_call(&m.hdr) < 0 ? -1 : 0;
}

int
ly_rename(const char *from, const char *to)
{
	struct vk_msg_renameat2 m;

	ly_hdr(&m.hdr, VK_SYS_renameat2, sizeof(m));
	m.olddirfd = LY_AT_FDCWD;
	m.oldpath = (uint32_t)from;
	m.newdirfd = LY_AT_FDCWD;
	m.newpath = (uint32_t)to;
	m.flags = 0;
	return ly_call(&m.hdr) < 0 ? -1 : 0;
}
