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
#include <poll.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/uio.h>
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

/*
 * With more than one process, a read or write that would block the host
 * must not: the process it waits for runs in this same vkrun.  If the host
 * descriptor is not ready (a pipe, a terminal; regular files always are),
 * the caller blocks in the scheduler until it is, unless the descriptor is
 * non-blocking, where the host's EAGAIN is the answer.  A write to a pipe is
 * cut to the room the pipe has, as a blocking write may be (partial writes
 * to pipes are what C libraries' write loops expect); this keeps a large
 * write from blocking vkrun while the reader is one of its own processes.
 */
int
vk_io_would_block(struct vk_proc *p, int hostfd, int writing, uint32_t *n)
{
	struct pollfd pf = { .fd = hostfd, .events = writing ? POLLOUT : POLLIN };
	struct stat st;
	int used, size, fl;

	if (!vk_sched_can_block(p) || poll(&pf, 1, 0) < 0)
		return 0;
	fl = fcntl(hostfd, F_GETFL);
	if (pf.revents == 0)
		return fl >= 0 && (fl & O_NONBLOCK) ? 0 : vk_sched_block_fd(p, hostfd, pf.events);
	if (writing && fstat(hostfd, &st) == 0 && S_ISFIFO(st.st_mode) &&
	    ioctl(hostfd, FIONREAD, &used) == 0 && (size = fcntl(hostfd, F_GETPIPE_SZ)) > 0 &&
	    size > used && *n > (uint32_t)(size - used))
		*n = (uint32_t)(size - used);
	return 0;
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
	if (vk_io_would_block(p, f->hostfd, 0, &n) != 0)
		return VK_BLOCK;
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
	if (vk_io_would_block(p, f->hostfd, 1, &n) != 0)
		return VK_BLOCK;
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

#define VK_AT_FDCWD	(-100)
#define VK_IOV_MAX	1024

/* The host descriptor behind an *at call's DIRFD (-1 for the cwd), or -EBADF. */
static int
at_dir(struct vk_proc *p, int32_t dirfd)
{
	struct vk_file *f;

	if (dirfd == VK_AT_FDCWD)
		return -1;
	f = vk_fd_get(&p->fds, dirfd);
	return f == NULL ? -VK_EBADF : f->hostfd;
}

/* The guest path for (DIRFD, guest PATH pointer). */
static int
at_path(struct vk_proc *p, int32_t dirfd, uint32_t upath, char out[VK_PATH_MAX])
{
	char path[VK_PATH_MAX];
	int e, host;

	if ((e = vk_copyinstr(&p->vm, path, upath, sizeof(path))) != 0)
		return e;
	if (path[0] == '\0')
		return VK_ENOENT;
	host = at_dir(p, dirfd);
	if (host < -1)
		return -host;
	return vk_fs_at(&p->fs, host, path, out);
}

int
vk_sys_openat(struct vk_proc *p, struct vk_msg_openat *m)
{
	char path[VK_PATH_MAX];
	int flags, hostfd, fd, e;

	if ((e = at_path(p, m->dirfd, m->path, path)) != 0)
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
vk_sys_faccessat(struct vk_proc *p, struct vk_msg_faccessat *m)
{
	char path[VK_PATH_MAX];
	int fd, e;

	if ((m->mode & ~7) != 0 || (m->flags & ~0x200) != 0)	/* R/W/X_OK; AT_EACCESS */
		return VK_EINVAL;
	if ((e = at_path(p, m->dirfd, m->path, path)) != 0)
		return e;
	if ((e = vk_fs_open(&p->fs, path, O_PATH, 0, &fd)) != 0)
		return e;
	e = faccessat(fd, "", m->mode, AT_EMPTY_PATH | ((m->flags & 0x200) ? AT_EACCESS : 0)) != 0 ?
	    vk_errno_host(errno) : 0;
	close(fd);
	return e;
}

/* Guest iovecs (u32 base, u32 len) to host ones, each buffer checked. */
static int
host_iov(struct vk_proc *p, uint32_t uiov, int cnt, int access, struct iovec *iov)
{
	uint32_t v[2];

	if (cnt < 0 || cnt > VK_IOV_MAX)
		return VK_EINVAL;
	for (int i = 0; i < cnt; i++) {
		if (vk_copyin(&p->vm, v, uiov + 8 * (uint32_t)i, sizeof(v)) != 0)
			return VK_EFAULT;
		iov[i].iov_base = vk_guest_ptr(&p->vm, v[0], v[1], access);
		iov[i].iov_len = v[1];
		if (iov[i].iov_base == NULL)
			return VK_EFAULT;
	}
	return 0;
}

static int
rw_vector(struct vk_proc *p, int32_t fd, uint32_t uiov, int32_t cnt, int writing, int64_t *result)
{
	struct vk_file *f = vk_fd_get(&p->fds, fd);
	struct iovec iov[VK_IOV_MAX];
	ssize_t r;
	int e;

	if (f == NULL)
		return VK_EBADF;
	if ((e = host_iov(p, uiov, cnt, writing ? VK_ACC_READ : VK_ACC_WRITE, iov)) != 0)
		return e;
	if (vk_sched_can_block(p)) {
		uint32_t room = UINT32_MAX, total = 0;

		if (vk_io_would_block(p, f->hostfd, writing, &room) != 0)
			return VK_BLOCK;
		/* Cut the vector to the room a pipe has (see vk_io_would_block). */
		for (int i = 0; i < cnt; i++) {
			if (total + iov[i].iov_len > room) {
				iov[i].iov_len = room - total;
				cnt = i + 1;
				break;
			}
			total += (uint32_t)iov[i].iov_len;
		}
	}
	do
		r = writing ? writev(f->hostfd, iov, cnt) : readv(f->hostfd, iov, cnt);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return vk_errno_host(errno);
	*result = r;
	return 0;
}

int
vk_sys_writev(struct vk_proc *p, struct vk_msg_writev *m)
{
	return rw_vector(p, m->fd, m->iov, m->iovcnt, 1, &m->hdr.ms_result);
}

int
vk_sys_readv(struct vk_proc *p, struct vk_msg_readv *m)
{
	return rw_vector(p, m->fd, m->iov, m->iovcnt, 0, &m->hdr.ms_result);
}

/*
 * ioctl: only requests whose argument layout is known and the same for an
 * i386 guest and this host reach the host, so the answers are honest:
 * TCGETS (struct termios, 36 bytes), TIOCGWINSZ (struct winsize, 8),
 * FIONREAD (int).  A non-terminal gives ENOTTY from the host itself; any
 * other request is ENOTTY.
 */
int
vk_sys_ioctl(struct vk_proc *p, struct vk_msg_ioctl *m)
{
	struct vk_file *f = vk_fd_get(&p->fds, m->fd);
	unsigned char buf[64];
	uint32_t size;

	if (f == NULL)
		return VK_EBADF;
	switch (m->cmd) {
	case 0x5401: size = 36; break;	/* TCGETS */
	case 0x5413: size = 8; break;	/* TIOCGWINSZ */
	case 0x541b: size = 4; break;	/* FIONREAD */
	default: return VK_ENOTTY;
	}
	if (vk_guest_ptr(&p->vm, m->arg, size, VK_ACC_WRITE) == NULL)
		return VK_EFAULT;
	memset(buf, 0, sizeof(buf));
	if (ioctl(f->hostfd, m->cmd, buf) != 0)
		return vk_errno_host(errno);
	return vk_copyout(&p->vm, m->arg, buf, size);
}

#define VK_AT_SYMLINK_NOFOLLOW	0x100
#define VK_AT_EMPTY_PATH	0x1000

/* The birth time of NAME in directory FD (or FD itself, NAME ""), if the
 * host filesystem keeps one: 0 in BT->tv_sec and -1 in tv_nsec otherwise. */
static void
btime_of(int fd, const char *name, int nofollow, struct timespec *bt)
{
	struct statx sx;

	bt->tv_sec = 0;
	bt->tv_nsec = -1;
	if (statx(fd, name, (name[0] == '\0' ? AT_EMPTY_PATH : 0) | (nofollow ? AT_SYMLINK_NOFOLLOW : 0),
	    STATX_BTIME, &sx) == 0 && (sx.stx_mask & STATX_BTIME)) {
		bt->tv_sec = sx.stx_btime.tv_sec;
		bt->tv_nsec = sx.stx_btime.tv_nsec;
	}
}

int
vk_stat_at(struct vk_proc *p, int32_t dirfd, uint32_t upath, uint32_t flags, struct stat *st,
    struct timespec *bt)
{
	char path[VK_PATH_MAX], full[VK_PATH_MAX], name[NAME_MAX + 1];
	int fd, e, host, nofollow = (flags & VK_AT_SYMLINK_NOFOLLOW) != 0;

	if ((flags & ~(uint32_t)(VK_AT_SYMLINK_NOFOLLOW | VK_AT_EMPTY_PATH | 0x800)) != 0)
		return VK_EINVAL;	/* 0x800: AT_NO_AUTOMOUNT, meaningless here */
	if ((e = vk_copyinstr(&p->vm, path, upath, sizeof(path))) != 0)
		return e;
	if (path[0] == '\0' && (flags & VK_AT_EMPTY_PATH)) {
		if (dirfd == VK_AT_FDCWD)
			snprintf(path, sizeof(path), ".");
		else {
			struct vk_file *f = vk_fd_get(&p->fds, dirfd);

			if (f == NULL)
				return VK_EBADF;
			if (fstat(f->hostfd, st) != 0)
				return vk_errno_host(errno);
			if (bt != NULL)
				btime_of(f->hostfd, "", 0, bt);
			return 0;
		}
	}
	if (path[0] == '\0')
		return VK_ENOENT;
	if (dirfd == VK_AT_FDCWD)
		memcpy(full, path, strlen(path) + 1);	/* vk_fs_open and vk_fs_parent take the cwd */
	else {
		host = at_dir(p, dirfd);
		if (host < -1)
			return -host;
		if ((e = vk_fs_at(&p->fs, host, path, full)) != 0)
			return e;
	}
	if (nofollow) {
		if ((e = vk_fs_parent(&p->fs, full, &fd, name)) != 0)
			return e;
		e = fstatat(fd, name, st, AT_SYMLINK_NOFOLLOW) != 0 ? vk_errno_host(errno) : 0;
	} else {
		if ((e = vk_fs_open(&p->fs, full, O_PATH, 0, &fd)) != 0)
			return e;
		e = fstat(fd, st) != 0 ? vk_errno_host(errno) : 0;
		name[0] = '\0';
	}
	if (e == 0 && bt != NULL)
		btime_of(fd, name, nofollow, bt);
	close(fd);
	return e;
}

/* fstatat: stat with a directory descriptor; AT_SYMLINK_NOFOLLOW is lstat,
 * AT_EMPTY_PATH with "" is fstat of DIRFD. */
int
vk_sys_fstatat(struct vk_proc *p, struct vk_msg_fstatat *m)
{
	struct stat st;
	int e = vk_stat_at(p, m->dirfd, m->path, m->flags, &st, NULL);

	if (e == 0)
		FILL_STAT(m, st);
	return e;
}

int
vk_sys_readlinkat(struct vk_proc *p, struct vk_msg_readlinkat *m)
{
	char full[VK_PATH_MAX], name[NAME_MAX + 1];
	void *buf;
	ssize_t n;
	int fd, e;

	if ((int32_t)m->size <= 0)
		return VK_EINVAL;
	if ((e = at_path(p, m->dirfd, m->path, full)) != 0)
		return e;
	if ((buf = vk_guest_ptr(&p->vm, m->buf, m->size, VK_ACC_WRITE)) == NULL)
		return VK_EFAULT;
	if ((e = vk_fs_parent(&p->fs, full, &fd, name)) != 0)
		return e;
	n = readlinkat(fd, name, buf, m->size);
	e = n < 0 ? vk_errno_host(errno) : 0;
	close(fd);
	if (e == 0)
		m->hdr.ms_result = n;
	return e;
}
