/*
 * vkernel/sys_file.c: handlers for file messages: open, close, read, write,
 * lseek, unlink, mkdir.  Paths come in through vk_copyinstr and are resolved
 * by path.c inside the guest root; buffers are reached through vk_guest_ptr,
 * so the host reads and writes the guest's memory in place.  Guest flags
 * are translated to host flags here and nowhere else.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include "vkernel/kernel.h"
#include "vk_sysproto.h"

#define MAX_IO		0x7ffff000u	/* Linux's largest single transfer */

static const struct { int guest, host; } oflag_map[] = {
	{ VK_O_CREAT, O_CREAT }, { VK_O_EXCL, O_EXCL }, { VK_O_NOCTTY, O_NOCTTY },
	{ VK_O_TRUNC, O_TRUNC }, { VK_O_APPEND, O_APPEND }, { VK_O_NONBLOCK, O_NONBLOCK },
	{ VK_O_DSYNC, O_DSYNC }, { VK_O_DIRECTORY, O_DIRECTORY }, { VK_O_NOFOLLOW, O_NOFOLLOW },
	{ VK_O_NOATIME, O_NOATIME }, { VK_O_CLOEXEC, O_CLOEXEC }, { VK_O_SYNC, O_SYNC },
	{ VK_O_PATH, O_PATH }, { VK_O_LARGEFILE, 0 }, { VK_O_DIRECT, O_DIRECT }, { VK_O_ASYNC, 0 },
};

/* Guest open flags to host ones; EINVAL for bits the guest ABI does not define. */
static int
host_oflags(uint32_t g, int *h)
{
	uint32_t known = VK_O_ACCMODE;

	*h = (int)(g & VK_O_ACCMODE);
	if ((g & VK_O_ACCMODE) == 3)
		return VK_EINVAL;
	for (size_t i = 0; i < sizeof(oflag_map) / sizeof(oflag_map[0]); i++) {
		known |= (uint32_t)oflag_map[i].guest;
		if ((g & (uint32_t)oflag_map[i].guest) == (uint32_t)oflag_map[i].guest)
			*h |= oflag_map[i].host;
	}
	if ((g & VK_O_TMPFILE) == VK_O_TMPFILE)
		*h |= O_TMPFILE;
	known |= VK_O_TMPFILE;
	return (g & ~known) != 0 ? VK_EINVAL : 0;
}

int
vk_sys_open(struct vk_proc *p, struct vk_msg_open *m)
{
	char path[VK_PATH_MAX];
	int flags, hostfd, fd, e;

	if ((e = vk_copyinstr(&p->vm, path, m->path, sizeof(path))) != 0)
		return e;
	if ((e = host_oflags(m->flags, &flags)) != 0)
		return e;
	if ((e = vk_fs_open(&p->fs, path, flags & ~O_CLOEXEC, (mode_t)m->mode, &hostfd)) != 0)
		return e;
	fd = vk_fd_install(&p->fds, hostfd, (m->flags & VK_O_CLOEXEC) != 0);
	if (fd < 0) {
		close(hostfd);
		return -fd;
	}
	m->hdr.ms_result = fd;
	return 0;
}

int
vk_sys_close(struct vk_proc *p, struct vk_msg_close *m)
{
	return vk_fd_close(&p->fds, m->fd);
}

int
vk_sys_read(struct vk_proc *p, struct vk_msg_read *m)
{
	struct vk_file *f = vk_fd_get(&p->fds, m->fd);
	uint32_t n = m->count > MAX_IO ? MAX_IO : m->count;
	void *buf;
	ssize_t r;

	if (f == NULL)
		return VK_EBADF;
	if ((buf = vk_guest_ptr(&p->vm, m->buf, n, VK_ACC_WRITE)) == NULL)
		return VK_EFAULT;
	do
		r = read(f->hostfd, buf, n);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return vk_errno_host(errno);
	m->hdr.ms_result = r;
	return 0;
}

int
vk_sys_write(struct vk_proc *p, struct vk_msg_write *m)
{
	struct vk_file *f = vk_fd_get(&p->fds, m->fd);
	uint32_t n = m->count > MAX_IO ? MAX_IO : m->count;
	const void *buf;
	ssize_t r;

	if (f == NULL)
		return VK_EBADF;
	if ((buf = vk_guest_ptr(&p->vm, m->buf, n, VK_ACC_READ)) == NULL)
		return VK_EFAULT;
	do
		r = write(f->hostfd, buf, n);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return vk_errno_host(errno);
	m->hdr.ms_result = r;
	return 0;
}

int
vk_sys_lseek(struct vk_proc *p, struct vk_msg_lseek *m)
{
	struct vk_file *f = vk_fd_get(&p->fds, m->fd);
	int whence;
	off_t r;

	if (f == NULL)
		return VK_EBADF;
	switch (m->whence) {
	case VK_SEEK_SET: whence = SEEK_SET; break;
	case VK_SEEK_CUR: whence = SEEK_CUR; break;
	case VK_SEEK_END: whence = SEEK_END; break;
	default: return VK_EINVAL;
	}
	r = lseek(f->hostfd, (off_t)m->offset, whence);
	if (r < 0)
		return vk_errno_host(errno);
	m->hdr.ms_result = r;
	return 0;
}

/* Resolve PATH's parent inside the root and run OP on it; "." and ".." as the last
 * component get DOT_ERR, as Linux gives for them. */
static int
at_parent(struct vk_proc *p, uint32_t upath, int dot_err, int *dirfd, char name[NAME_MAX + 1])
{
	char path[VK_PATH_MAX];
	int e;

	if ((e = vk_copyinstr(&p->vm, path, upath, sizeof(path))) != 0)
		return e;
	if ((e = vk_fs_parent(&p->fs, path, dirfd, name)) != 0)
		return e;
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
		close(*dirfd);
		return dot_err;
	}
	return 0;
}

int
vk_sys_unlink(struct vk_proc *p, struct vk_msg_unlink *m)
{
	char name[NAME_MAX + 1];
	int dirfd, e;

	if ((e = at_parent(p, m->path, VK_EISDIR, &dirfd, name)) != 0)
		return e;
	e = unlinkat(dirfd, name, 0) != 0 ? vk_errno_host(errno) : 0;
	close(dirfd);
	return e;
}

int
vk_sys_mkdir(struct vk_proc *p, struct vk_msg_mkdir *m)
{
	char name[NAME_MAX + 1];
	int dirfd, e;

	if ((e = at_parent(p, m->path, VK_EEXIST, &dirfd, name)) != 0)
		return e;
	e = mkdirat(dirfd, name, (mode_t)(m->mode & 07777)) != 0 ? vk_errno_host(errno) : 0;
	close(dirfd);
	return e;
}

/* The stat outputs all three stat messages share (same field names). */
#define FILL_STAT(m, st) do {						\
	(m)->dev = (int64_t)(st).st_dev;	(m)->ino = (int64_t)(st).st_ino;	\
	(m)->mode = (st).st_mode;		(m)->nlink = (uint32_t)(st).st_nlink;	\
	(m)->uid = (st).st_uid;			(m)->gid = (st).st_gid;		\
	(m)->rdev = (int64_t)(st).st_rdev;	(m)->size = (st).st_size;	\
	(m)->blksize = (int32_t)(st).st_blksize; (m)->blocks = (st).st_blocks;	\
	(m)->atime = (st).st_atim.tv_sec;	(m)->atime_nsec = (int32_t)(st).st_atim.tv_nsec; \
	(m)->mtime = (st).st_mtim.tv_sec;	(m)->mtime_nsec = (int32_t)(st).st_mtim.tv_nsec; \
	(m)->ctime = (st).st_ctim.tv_sec;	(m)->ctime_nsec = (int32_t)(st).st_ctim.tv_nsec; \
} while (0)

int
vk_sys_stat(struct vk_proc *p, struct vk_msg_stat *m)
{
	char path[VK_PATH_MAX];
	struct stat st;
	int fd, e;

	if ((e = vk_copyinstr(&p->vm, path, m->path, sizeof(path))) != 0)
		return e;
	if ((e = vk_fs_open(&p->fs, path, O_PATH, 0, &fd)) != 0)
		return e;
	e = fstat(fd, &st) != 0 ? vk_errno_host(errno) : 0;
	close(fd);
	if (e == 0)
		FILL_STAT(m, st);
	return e;
}

int
vk_sys_lstat(struct vk_proc *p, struct vk_msg_lstat *m)
{
	char path[VK_PATH_MAX], name[NAME_MAX + 1];
	struct stat st;
	int dirfd, e;

	if ((e = vk_copyinstr(&p->vm, path, m->path, sizeof(path))) != 0)
		return e;
	if ((e = vk_fs_parent(&p->fs, path, &dirfd, name)) != 0)
		return e;
	e = fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 ? vk_errno_host(errno) : 0;
	close(dirfd);
	if (e == 0)
		FILL_STAT(m, st);
	return e;
}

int
vk_sys_fstat(struct vk_proc *p, struct vk_msg_fstat *m)
{
	struct vk_file *f = vk_fd_get(&p->fds, m->fd);
	struct stat st;

	if (f == NULL)
		return VK_EBADF;
	if (fstat(f->hostfd, &st) != 0)
		return vk_errno_host(errno);
	FILL_STAT(m, st);
	return 0;
}

/* getcwd: Linux's system call semantics: the length including the NUL. */
int
vk_sys_getcwd(struct vk_proc *p, struct vk_msg_getcwd *m)
{
	size_t n = strlen(p->fs.cwd) + 1;
	int e;

	if (n > m->size)
		return VK_ERANGE;
	if ((e = vk_copyout(&p->vm, m->buf, p->fs.cwd, (uint32_t)n)) != 0)
		return e;
	m->hdr.ms_result = (int64_t)n;
	return 0;
}
