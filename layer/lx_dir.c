/*
 * layer/lx_dir.c: Linux file and directory calls whose shape differs from
 * their message (vkernel/sys_dir.c): the calls without a directory
 * descriptor (AT_FDCWD) or without flags, the 16-bit owner calls, 32-bit
 * timespecs, timevals and utimbufs, 64-bit offsets and lengths split into
 * two registers (low, high), 32-bit sendfile offsets, Linux i386's struct
 * flock, flock64, statfs and statfs64, dup2 and pipe.  Guest structs are
 * read and written in place, as the rest of the personality does.
 */
#include "layer/lx.h"

#define AT_FDCWD_LINUX		(-100)
#define AT_SYMLINK_NOFOLLOW_LINUX 0x100
#define AT_REMOVEDIR_LINUX	0x200
#define OFF32_MAX		0x7fffffffll

/* ---- directory entries ---- */

static int32_t
unlink_at(uint32_t dirfd, uint32_t path, uint32_t flags)
{
	struct vk_msg_unlinkat m;

	ly_hdr(&m.hdr, VK_SYS_unlinkat, sizeof(m));
	m.dirfd = (int32_t)dirfd;
	m.path = path;
	m.flags = flags;
	return (int32_t)lx_call(&m.hdr);
}

LX_DECL(rmdir)
{
	return unlink_at((uint32_t)AT_FDCWD_LINUX, a1, AT_REMOVEDIR_LINUX);
}

static int32_t
rename_at(uint32_t odir, uint32_t old, uint32_t ndir, uint32_t new, uint32_t flags)
{
	struct vk_msg_renameat2 m;

	ly_hdr(&m.hdr, VK_SYS_renameat2, sizeof(m));
	m.olddirfd = (int32_t)odir;
	m.oldpath = old;
	m.newdirfd = (int32_t)ndir;
	m.newpath = new;
	m.flags = flags;
	return (int32_t)lx_call(&m.hdr);
}

LX_DECL(rename)
{
	return rename_at((uint32_t)AT_FDCWD_LINUX, a1, (uint32_t)AT_FDCWD_LINUX, a2, 0);
}

LX_DECL(renameat)
{
	return rename_at(a1, a2, a3, a4, 0);
}

LX_DECL(link)
{
	struct vk_msg_linkat m;

	ly_hdr(&m.hdr, VK_SYS_linkat, sizeof(m));
	m.olddirfd = AT_FDCWD_LINUX;
	m.oldpath = a1;
	m.newdirfd = AT_FDCWD_LINUX;
	m.newpath = a2;
	m.flags = 0;
	return (int32_t)lx_call(&m.hdr);
}

LX_DECL(symlink)
{
	struct vk_msg_symlinkat m;

	ly_hdr(&m.hdr, VK_SYS_symlinkat, sizeof(m));
	m.target = a1;
	m.newdirfd = AT_FDCWD_LINUX;
	m.linkpath = a2;
	return (int32_t)lx_call(&m.hdr);
}

LX_DECL(mknod)
{
	struct vk_msg_mknodat m;

	ly_hdr(&m.hdr, VK_SYS_mknodat, sizeof(m));
	m.dirfd = AT_FDCWD_LINUX;
	m.path = a1;
	m.mode = a2;
	m.dev = a3;
	return (int32_t)lx_call(&m.hdr);
}

/* creat: open(path, O_CREAT | O_WRONLY | O_TRUNC, mode). */
LX_DECL(creat)
{
	struct vk_msg_openat m;

	ly_hdr(&m.hdr, VK_SYS_openat, sizeof(m));
	m.dirfd = AT_FDCWD_LINUX;
	m.path = a1;
	m.flags = VK_O_CREAT | VK_O_WRONLY | VK_O_TRUNC;
	m.mode = a2;
	return (int32_t)lx_call(&m.hdr);
}

/* ---- mode and owner ---- */

static int32_t
chmod_at(uint32_t dirfd, uint32_t path, uint32_t mode, uint32_t flags)
{
	struct vk_msg_fchmodat m;

	ly_hdr(&m.hdr, VK_SYS_fchmodat, sizeof(m));
	m.dirfd = (int32_t)dirfd;
	m.path = path;
	m.mode = mode;
	m.flags = flags;
	return (int32_t)lx_call(&m.hdr);
}

LX_DECL(chmod)
{
	return chmod_at((uint32_t)AT_FDCWD_LINUX, a1, a2, 0);
}

/* fchmodat has no flags argument (fchmodat2 has). */
LX_DECL(fchmodat)
{
	return chmod_at(a1, a2, a3, 0);
}

static int32_t
chown_at(uint32_t dirfd, uint32_t path, uint32_t uid, uint32_t gid, uint32_t flags)
{
	struct vk_msg_fchownat m;

	ly_hdr(&m.hdr, VK_SYS_fchownat, sizeof(m));
	m.dirfd = (int32_t)dirfd;
	m.path = path;
	m.uid = (int32_t)uid;
	m.gid = (int32_t)gid;
	m.flags = flags;
	return (int32_t)lx_call(&m.hdr);
}

static int32_t
chown_fd(uint32_t fd, uint32_t uid, uint32_t gid)
{
	struct vk_msg_fchown m;

	ly_hdr(&m.hdr, VK_SYS_fchown, sizeof(m));
	m.fd = (int32_t)fd;
	m.uid = (int32_t)uid;
	m.gid = (int32_t)gid;
	return (int32_t)lx_call(&m.hdr);
}

LX_DECL(chown32)	{ return chown_at((uint32_t)AT_FDCWD_LINUX, a1, a2, a3, 0); }
LX_DECL(lchown32)	{ return chown_at((uint32_t)AT_FDCWD_LINUX, a1, a2, a3, AT_SYMLINK_NOFOLLOW_LINUX); }

/* The 16-bit owner calls: the id is the register's low half, and 0xffff is -1 (unchanged). */
static uint32_t
id32(uint32_t id)
{
	id &= 0xffff;
	return id == 0xffff ? 0xffffffffu : id;
}

LX_DECL(chown)	{ return chown_at((uint32_t)AT_FDCWD_LINUX, a1, id32(a2), id32(a3), 0); }
LX_DECL(lchown)	{ return chown_at((uint32_t)AT_FDCWD_LINUX, a1, id32(a2), id32(a3), AT_SYMLINK_NOFOLLOW_LINUX); }
LX_DECL(fchown)	{ return chown_fd(a1, id32(a2), id32(a3)); }

/* ---- times ---- */

/* The message's times: two { s64 sec; s64 nsec } (TS NULL: now). */
static int32_t
utimens_at(uint32_t dirfd, uint32_t path, const int64_t *ts, uint32_t flags)
{
	struct vk_msg_utimensat m;

	ly_hdr(&m.hdr, VK_SYS_utimensat, sizeof(m));
	m.dirfd = (int32_t)dirfd;
	m.path = path;
	m.times = (uint32_t)ts;
	m.flags = flags;
	return (int32_t)lx_call(&m.hdr);
}

/* utimensat with Linux i386's 32-bit struct timespec. */
LX_DECL(utimensat)
{
	const int32_t *t = (const int32_t *)a3;
	int64_t ts[4];

	if (t == 0)
		return utimens_at(a1, a2, 0, a4);
	for (int i = 0; i < 4; i++)
		ts[i] = t[i];
	return utimens_at(a1, a2, ts, a4);
}

/* utimes and futimesat: two 32-bit struct timeval; microseconds are checked. */
static int32_t
utimes_at(uint32_t dirfd, uint32_t path, const int32_t *tv)
{
	int64_t ts[4];

	if (tv == 0)
		return utimens_at(dirfd, path, 0, 0);
	for (int i = 0; i < 2; i++) {
		if (tv[2 * i + 1] < 0 || tv[2 * i + 1] >= 1000000)
			return -VK_EINVAL;
		ts[2 * i] = tv[2 * i];
		ts[2 * i + 1] = (int64_t)tv[2 * i + 1] * 1000;
	}
	return utimens_at(dirfd, path, ts, 0);
}

LX_DECL(utimes)		{ return utimes_at((uint32_t)AT_FDCWD_LINUX, a1, (const int32_t *)a2); }
LX_DECL(futimesat)	{ return utimes_at(a1, a2, (const int32_t *)a3); }

/* utime: struct utimbuf { time32 actime, modtime; }, whole seconds. */
LX_DECL(utime)
{
	const int32_t *u = (const int32_t *)a2;
	int64_t ts[4];

	if (u == 0)
		return utimens_at((uint32_t)AT_FDCWD_LINUX, a1, 0, 0);
	ts[0] = u[0];
	ts[1] = 0;
	ts[2] = u[1];
	ts[3] = 0;
	return utimens_at((uint32_t)AT_FDCWD_LINUX, a1, ts, 0);
}

/* ---- sizes and positioned I/O: 64-bit values in two registers (low, high) ---- */

static int64_t
off64(uint32_t low, uint32_t high)
{
	return (int64_t)((uint64_t)high << 32 | low);
}

static int32_t
truncate_path(uint32_t path, int64_t len)
{
	struct vk_msg_truncate m;

	ly_hdr(&m.hdr, VK_SYS_truncate, sizeof(m));
	m.path = path;
	m.length = len;
	return (int32_t)lx_call(&m.hdr);
}

static int32_t
truncate_fd(uint32_t fd, int64_t len)
{
	struct vk_msg_ftruncate m;

	ly_hdr(&m.hdr, VK_SYS_ftruncate, sizeof(m));
	m.fd = (int32_t)fd;
	m.length = len;
	return (int32_t)lx_call(&m.hdr);
}

LX_DECL(truncate)	{ return truncate_path(a1, (int32_t)a2); }
LX_DECL(ftruncate)	{ return truncate_fd(a1, (int32_t)a2); }
LX_DECL(truncate64)	{ return truncate_path(a1, off64(a2, a3)); }
LX_DECL(ftruncate64)	{ return truncate_fd(a1, off64(a2, a3)); }

/*
 * pread64: kernel ABI 2 has a positioned read; kernel ABI 1 does not, so
 * there it is made of lseek, read and lseek (the file position is the
 * process's own: no other thread can see it move).
 */
LX_DECL(pread64)
{
#ifdef VK_SYS_pread
	struct vk_msg_pread m;

	ly_hdr(&m.hdr, VK_SYS_pread, sizeof(m));
	m.fd = (int32_t)a1;
	m.buf = a2;
	m.count = a3;
	m.offset = off64(a4, a5);
	return (int32_t)lx_call(&m.hdr);
#else
	struct vk_msg_lseek s;
	struct vk_msg_read r;
	int64_t here, n;

	if (off64(a4, a5) < 0)
		return -VK_EINVAL;
	ly_hdr(&s.hdr, VK_SYS_lseek, sizeof(s));
	s.fd = (int32_t)a1;
	s.offset = 0;
	s.whence = VK_SEEK_CUR;
	if ((here = lx_call(&s.hdr)) < 0)
		return (int32_t)here;		/* a pipe: ESPIPE, as pread says */
	s.offset = off64(a4, a5);
	s.whence = VK_SEEK_SET;
	if ((n = lx_call(&s.hdr)) < 0)
		return (int32_t)n;
	ly_hdr(&r.hdr, VK_SYS_read, sizeof(r));
	r.fd = (int32_t)a1;
	r.buf = a2;
	r.count = a3;
	n = lx_call(&r.hdr);
	s.offset = here;
	s.whence = VK_SEEK_SET;
	lx_call(&s.hdr);
	return (int32_t)n;
#endif
}

LX_DECL(pwrite64)
{
	struct vk_msg_pwrite m;

	ly_hdr(&m.hdr, VK_SYS_pwrite, sizeof(m));
	m.fd = (int32_t)a1;
	m.buf = a2;
	m.count = a3;
	m.offset = off64(a4, a5);
	return (int32_t)lx_call(&m.hdr);
}

/* preadv, pwritev (a negative offset is EINVAL) and preadv2, pwritev2
 * (-1: the file's position; RWF_* flags). */
static int32_t
rw_vec(uint32_t cmd, uint32_t fd, uint32_t iov, uint32_t cnt, int64_t off, uint32_t flags)
{
	struct vk_msg_preadv m;		/* the same layout as pwritev's */

	_Static_assert(sizeof(struct vk_msg_preadv) == sizeof(struct vk_msg_pwritev), "preadv/pwritev");
	ly_hdr(&m.hdr, cmd, sizeof(m));
	m.fd = (int32_t)fd;
	m.iov = iov;
	m.iovcnt = (int32_t)cnt;
	m.offset = off;
	m.flags = flags;
	return (int32_t)lx_call(&m.hdr);
}

LX_DECL(preadv)
{
	int64_t off = off64(a4, a5);

	return off < 0 ? -VK_EINVAL : rw_vec(VK_SYS_preadv, a1, a2, a3, off, 0);
}

LX_DECL(pwritev)
{
	int64_t off = off64(a4, a5);

	return off < 0 ? -VK_EINVAL : rw_vec(VK_SYS_pwritev, a1, a2, a3, off, 0);
}

LX_DECL(preadv2)	{ return rw_vec(VK_SYS_preadv, a1, a2, a3, off64(a4, a5), a6); }
LX_DECL(pwritev2)	{ return rw_vec(VK_SYS_pwritev, a1, a2, a3, off64(a4, a5), a6); }

LX_DECL(fallocate)
{
	struct vk_msg_fallocate m;

	ly_hdr(&m.hdr, VK_SYS_fallocate, sizeof(m));
	m.fd = (int32_t)a1;
	m.mode = (int32_t)a2;
	m.offset = off64(a3, a4);
	m.len = off64(a5, a6);
	return (int32_t)lx_call(&m.hdr);
}

static int32_t
fadvise(uint32_t fd, int64_t off, int64_t len, uint32_t advice)
{
	struct vk_msg_fadvise m;

	ly_hdr(&m.hdr, VK_SYS_fadvise, sizeof(m));
	m.fd = (int32_t)fd;
	m.offset = off;
	m.len = len;
	m.advice = (int32_t)advice;
	return (int32_t)lx_call(&m.hdr);
}

/* fadvise64's length is a 32-bit size_t; fadvise64_64's is 64-bit. */
LX_DECL(fadvise64)	{ return fadvise(a1, off64(a2, a3), (int64_t)a4, a5); }
LX_DECL(fadvise64_64)	{ return fadvise(a1, off64(a2, a3), off64(a4, a5), a6); }

/* sendfile with a 32-bit offset: the transfer stops at 2^31-1, as Linux's does. */
LX_DECL(sendfile)
{
	struct vk_msg_sendfile m;
	int32_t *op = (int32_t *)a3;
	int64_t off = 0, r;
	uint32_t count = a4;

	if (op != 0) {
		off = *op;
		if (off >= OFF32_MAX)
			return -VK_EOVERFLOW;
		if (off >= 0 && (int64_t)count > OFF32_MAX - off)
			count = (uint32_t)(OFF32_MAX - off);
	}
	ly_hdr(&m.hdr, VK_SYS_sendfile, sizeof(m));
	m.outfd = (int32_t)a1;
	m.infd = (int32_t)a2;
	m.offset = op != 0 ? (uint32_t)&off : 0;
	m.count = count;
	if ((r = lx_call(&m.hdr)) < 0)
		return (int32_t)r;
	if (op != 0)
		*op = (int32_t)off;
	return (int32_t)r;
}

/* ---- descriptors ---- */

static int32_t
fcntl_msg(uint32_t fd, uint32_t cmd, uint32_t arg)
{
	struct vk_msg_fcntl m;

	ly_hdr(&m.hdr, VK_SYS_fcntl, sizeof(m));
	m.fd = (int32_t)fd;
	m.cmd = (int32_t)cmd;
	m.arg = arg;
	return (int32_t)lx_call(&m.hdr);
}

LX_DECL(dup2)
{
	struct vk_msg_dup3 m;
	int32_t r;

	if (a1 == a2)	/* nothing to do, if A1 is open */
		return (r = fcntl_msg(a1, 1 /* F_GETFD */, 0)) < 0 ? r : (int32_t)a1;
	ly_hdr(&m.hdr, VK_SYS_dup3, sizeof(m));
	m.oldfd = (int32_t)a1;
	m.newfd = (int32_t)a2;
	m.flags = 0;
	return (int32_t)lx_call(&m.hdr);
}

LX_DECL(pipe)
{
	struct vk_msg_pipe2 m;

	ly_hdr(&m.hdr, VK_SYS_pipe2, sizeof(m));
	m.fds = a1;
	m.flags = 0;
	return (int32_t)lx_call(&m.hdr);
}

/* Linux i386's struct flock (32-bit offsets) and struct flock64 (packed). */
struct lx_flock {
	int16_t		type, whence;
	int32_t		start, len, pid;
};
_Static_assert(sizeof(struct lx_flock) == 16, "Linux i386 struct flock");

struct lx_flock64 {
	int16_t		type, whence;
	int64_t		start, len;
	int32_t		pid;
} __attribute__((packed));
_Static_assert(sizeof(struct lx_flock64) == 24, "Linux i386 struct flock64");

/* A record-lock command on FD: CMD is 5-7 (F_GETLK, F_SETLK, F_SETLKW) or
 * 36-38 (the OFD ones); ARG a struct flock64 if WIDE, else a struct flock. */
static int32_t
lock(uint32_t fd, uint32_t cmd, uint32_t arg, int wide)
{
	struct vk_msg_fcntl_lock m;
	int64_t r;

	ly_hdr(&m.hdr, VK_SYS_fcntl_lock, sizeof(m));
	m.fd = (int32_t)fd;
	m.cmd = (int32_t)cmd;
	if (wide) {
		const struct lx_flock64 *l = (const struct lx_flock64 *)arg;

		if (cmd >= 36 && l->pid != 0)
			return -VK_EINVAL;	/* an OFD lock's l_pid must be 0 */
		m.type = l->type;
		m.whence = (uint32_t)l->whence;
		m.start = l->start;
		m.len = l->len;
	} else {
		const struct lx_flock *l = (const struct lx_flock *)arg;

		m.type = l->type;
		m.whence = (uint32_t)l->whence;
		m.start = l->start;
		m.len = l->len;
	}
	if ((r = lx_call(&m.hdr)) < 0)
		return (int32_t)r;
	if (cmd != 5 && cmd != 36)
		return 0;	/* only the GETLK commands answer in the struct */
	if (wide) {
		struct lx_flock64 *l = (struct lx_flock64 *)arg;

		l->type = (int16_t)m.otype;
		l->whence = (int16_t)m.owhence;
		l->start = m.ostart;
		l->len = m.olen;
		l->pid = m.opid;
	} else {
		struct lx_flock *l = (struct lx_flock *)arg;

		if (m.ostart > OFF32_MAX)
			return -VK_EOVERFLOW;
		l->type = (int16_t)m.otype;
		l->whence = (int16_t)m.owhence;
		l->start = (int32_t)m.ostart;
		l->len = (int32_t)(m.olen > OFF32_MAX ? OFF32_MAX : m.olen);
		l->pid = m.opid;
	}
	return 0;
}

/* F_GETLK64 (12-14) and the OFD locks (36-38) take a struct flock64;
 * the plain fcntl call refuses the OFD ones, as Linux does for an i386
 * process. */
static int32_t
fcntl_any(uint32_t fd, uint32_t cmd, uint32_t arg, int is64)
{
	switch (cmd) {
	case 5: case 6: case 7:
		return lock(fd, cmd, arg, 0);
	case 12: case 13: case 14:
		return lock(fd, cmd - 7, arg, 1);
	case 36: case 37: case 38:
		return is64 ? lock(fd, cmd, arg, 1) : -VK_EINVAL;
	default:
		return fcntl_msg(fd, cmd, arg);
	}
}

LX_DECL(fcntl)		{ return fcntl_any(a1, a2, a3, 0); }
LX_DECL(fcntl64)	{ return fcntl_any(a1, a2, a3, 1); }

/* ---- statfs ---- */

/* Linux i386's struct statfs (32-bit counts) and struct statfs64 (packed). */
struct lx_statfs {
	uint32_t	type, bsize, blocks, bfree, bavail, files, ffree;
	int32_t		fsid[2];
	uint32_t	namelen, frsize, flags, spare[4];
};
_Static_assert(sizeof(struct lx_statfs) == 64, "Linux i386 struct statfs");

struct lx_statfs64 {
	uint32_t	type, bsize;
	uint64_t	blocks, bfree, bavail, files, ffree;
	int32_t		fsid[2];
	uint32_t	namelen, frsize, flags, spare[4];
} __attribute__((packed));
_Static_assert(sizeof(struct lx_statfs64) == 84, "Linux i386 struct statfs64");

/* The counts both statfs messages return, by field name. */
struct fs_counts {
	int64_t		type, bsize, blocks, bfree, bavail, files, ffree, namelen, frsize, flags;
	int32_t		fsid0, fsid1;
};

#define FS_COUNTS(c, m) do {							\
	(c)->type = (m).type; (c)->bsize = (m).bsize; (c)->blocks = (m).blocks;	\
	(c)->bfree = (m).bfree; (c)->bavail = (m).bavail; (c)->files = (m).files;	\
	(c)->ffree = (m).ffree; (c)->namelen = (m).namelen; (c)->frsize = (m).frsize;	\
	(c)->flags = (m).flags; (c)->fsid0 = (m).fsid0; (c)->fsid1 = (m).fsid1;	\
} while (0)

/* BYPATH: statfs of the path ARG, else fstatfs of descriptor ARG. */
static int32_t
fs_counts(int bypath, uint32_t arg, struct fs_counts *c)
{
	int64_t r;

	if (bypath) {
		struct vk_msg_statfs m;

		ly_hdr(&m.hdr, VK_SYS_statfs, sizeof(m));
		m.path = arg;
		if ((r = lx_call(&m.hdr)) < 0)
			return (int32_t)r;
		FS_COUNTS(c, m);
	} else {
		struct vk_msg_fstatfs m;

		ly_hdr(&m.hdr, VK_SYS_fstatfs, sizeof(m));
		m.fd = (int32_t)arg;
		if ((r = lx_call(&m.hdr)) < 0)
			return (int32_t)r;
		FS_COUNTS(c, m);
	}
	return 0;
}

static int32_t
statfs64_out(int32_t r, const struct fs_counts *c, struct lx_statfs64 *b)
{
	if (r < 0)
		return r;
	b->type = (uint32_t)c->type;
	b->bsize = (uint32_t)c->bsize;
	b->blocks = (uint64_t)c->blocks;
	b->bfree = (uint64_t)c->bfree;
	b->bavail = (uint64_t)c->bavail;
	b->files = (uint64_t)c->files;
	b->ffree = (uint64_t)c->ffree;
	b->fsid[0] = c->fsid0;
	b->fsid[1] = c->fsid1;
	b->namelen = (uint32_t)c->namelen;
	b->frsize = (uint32_t)c->frsize;
	b->flags = (uint32_t)c->flags;
	for (int i = 0; i < 4; i++)
		b->spare[i] = 0;
	return 0;
}

/* The 32-bit struct: EOVERFLOW for sizes that do not fit, as Linux's
 * put_compat_statfs (an unlimited file count, -1, passes as -1). */
static int32_t
statfs_out(int32_t r, const struct fs_counts *c, struct lx_statfs *b)
{
	const uint64_t hi = 0xffffffff00000000ull;

	if (r < 0)
		return r;
	if ((((uint64_t)c->blocks | (uint64_t)c->bfree | (uint64_t)c->bavail |
	    (uint64_t)c->bsize | (uint64_t)c->frsize) & hi) != 0 ||
	    (c->files != -1 && ((uint64_t)c->files & hi) != 0) ||
	    (c->ffree != -1 && ((uint64_t)c->ffree & hi) != 0))
		return -VK_EOVERFLOW;
	b->type = (uint32_t)c->type;
	b->bsize = (uint32_t)c->bsize;
	b->blocks = (uint32_t)c->blocks;
	b->bfree = (uint32_t)c->bfree;
	b->bavail = (uint32_t)c->bavail;
	b->files = (uint32_t)c->files;
	b->ffree = (uint32_t)c->ffree;
	b->fsid[0] = c->fsid0;
	b->fsid[1] = c->fsid1;
	b->namelen = (uint32_t)c->namelen;
	b->frsize = (uint32_t)c->frsize;
	b->flags = (uint32_t)c->flags;
	for (int i = 0; i < 4; i++)
		b->spare[i] = 0;
	return 0;
}

LX_DECL(statfs)
{
	struct fs_counts c;

	return statfs_out(fs_counts(1, a1, &c), &c, (struct lx_statfs *)a2);
}

LX_DECL(fstatfs)
{
	struct fs_counts c;

	return statfs_out(fs_counts(0, a1, &c), &c, (struct lx_statfs *)a2);
}

/* statfs64 and fstatfs64 take the struct's size, which must be Linux's. */
LX_DECL(statfs64)
{
	struct fs_counts c;

	if (a2 != sizeof(struct lx_statfs64))
		return -VK_EINVAL;
	return statfs64_out(fs_counts(1, a1, &c), &c, (struct lx_statfs64 *)a3);
}

LX_DECL(fstatfs64)
{
	struct fs_counts c;

	if (a2 != sizeof(struct lx_statfs64))
		return -VK_EINVAL;
	return statfs64_out(fs_counts(0, a1, &c), &c, (struct lx_statfs64 *)a3);
}
