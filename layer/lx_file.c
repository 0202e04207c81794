/*
 * layer/lx_file.c: Linux file calls whose shape differs from a message:
 * 32-bit and split 64-bit offsets (lseek, _llseek), the stat64 family (the
 * message's outputs into Linux i386's struct stat64), access.
 */
#include "layer/lx.h"

#define AT_FDCWD_LINUX	(-100)

static int64_t
seek(int32_t fd, int64_t off, int32_t whence)
{
	struct vk_msg_lseek m;

	ly_hdr(&m.hdr, VK_SYS_lseek, sizeof(m));
	m.fd = fd;
	m.offset = off;
	m.whence = whence;
	return lx_call(&m.hdr);
}

LX_DECL(lseek)
{
	int64_t r = seek((int32_t)a1, (int32_t)a2, (int32_t)a3);

	(void)a4; (void)a5; (void)a6;
	if (r > 0x7fffffff)
		return -VK_EOVERFLOW;
	return (int32_t)r;
}

LX_DECL(_llseek)
{
	int64_t r = seek((int32_t)a1, (int64_t)((uint64_t)a2 << 32 | a3), (int32_t)a5);

	(void)a6;
	if (r < 0)
		return (int32_t)r;
	*(int64_t *)a4 = r;
	return 0;
}

LX_DECL(faccessat)
{
	struct vk_msg_faccessat m;

	(void)a4; (void)a5; (void)a6;
	ly_hdr(&m.hdr, VK_SYS_faccessat, sizeof(m));
	m.dirfd = (int32_t)a1;
	m.path = a2;
	m.mode = (int32_t)a3;
	m.flags = 0;
	return (int32_t)lx_call(&m.hdr);
}

LX_DECL(access)
{
	return lx_faccessat((uint32_t)AT_FDCWD_LINUX, a1, a2, a3, a4, a5);
}

/* Linux i386 struct stat64: 96 bytes, 64-bit fields only 4-aligned. */
struct lx_stat64 {
	uint64_t	dev;
	uint32_t	pad0;
	uint32_t	ino32;
	uint32_t	mode;
	uint32_t	nlink;
	uint32_t	uid;
	uint32_t	gid;
	uint64_t	rdev;
	uint32_t	pad3;
	int64_t		size;
	uint32_t	blksize;
	uint64_t	blocks;
	uint32_t	atime, atime_nsec;
	uint32_t	mtime, mtime_nsec;
	uint32_t	ctime, ctime_nsec;
	uint64_t	ino;
} __attribute__((packed));
_Static_assert(sizeof(struct lx_stat64) == 96, "Linux i386 struct stat64");

#define STAT64_OUT(st, m) do {						\
	(st)->dev = (uint64_t)(m).dev;		(st)->pad0 = 0;			\
	(st)->ino32 = (uint32_t)(m).ino;	(st)->mode = (m).mode;		\
	(st)->nlink = (m).nlink;		(st)->uid = (m).uid;		\
	(st)->gid = (m).gid;			(st)->rdev = (uint64_t)(m).rdev;	\
	(st)->pad3 = 0;				(st)->size = (m).size;		\
	(st)->blksize = (uint32_t)(m).blksize;	(st)->blocks = (uint64_t)(m).blocks; \
	(st)->atime = (uint32_t)(m).atime;	(st)->atime_nsec = (uint32_t)(m).atime_nsec; \
	(st)->mtime = (uint32_t)(m).mtime;	(st)->mtime_nsec = (uint32_t)(m).mtime_nsec; \
	(st)->ctime = (uint32_t)(m).ctime;	(st)->ctime_nsec = (uint32_t)(m).ctime_nsec; \
	(st)->ino = (uint64_t)(m).ino;						\
} while (0)

static int64_t
fstatat_msg(struct vk_msg_fstatat *m, uint32_t dirfd, uint32_t path, uint32_t flags)
{
	ly_hdr(&m->hdr, VK_SYS_fstatat, sizeof(*m));
	m->dirfd = (int32_t)dirfd;
	m->path = path;
	m->flags = flags;
	return lx_call(&m->hdr);
}

/* stat64, lstat64 and fstat64 are fstatat's three cases (a command every
 * kernel ABI has). */
LX_DECL(stat64)
{
	struct vk_msg_fstatat m;
	int64_t r = fstatat_msg(&m, (uint32_t)-100, a1, 0);

	(void)a3; (void)a4; (void)a5; (void)a6;
	if (r < 0)
		return (int32_t)r;
	STAT64_OUT((struct lx_stat64 *)a2, m);
	return 0;
}

LX_DECL(lstat64)
{
	struct vk_msg_fstatat m;
	int64_t r = fstatat_msg(&m, (uint32_t)-100, a1, 0x100);

	(void)a3; (void)a4; (void)a5; (void)a6;
	if (r < 0)
		return (int32_t)r;
	STAT64_OUT((struct lx_stat64 *)a2, m);
	return 0;
}

LX_DECL(fstat64)
{
	struct vk_msg_fstatat m;
	int64_t r = fstatat_msg(&m, a1, (uint32_t)"", 0x1000);

	(void)a3; (void)a4; (void)a5; (void)a6;
	if (r < 0)
		return (int32_t)r;
	STAT64_OUT((struct lx_stat64 *)a2, m);
	return 0;
}

LX_DECL(fstatat64)
{
	struct vk_msg_fstatat m;
	int64_t r = fstatat_msg(&m, a1, a2, a4);

	if (r < 0)
		return (int32_t)r;
	STAT64_OUT((struct lx_stat64 *)a3, m);
	return 0;
}

/* Linux's dev_t encoding (new_encode_dev) split into major and minor. */
static uint32_t dev_major(uint64_t d) { return (uint32_t)(((d >> 8) & 0xfff) | ((d >> 32) & ~0xfffu)); }
static uint32_t dev_minor(uint64_t d) { return (uint32_t)((d & 0xff) | ((d >> 12) & ~0xffu)); }

LX_DECL(statx)
{
	struct vk_msg_fstatat m;
	unsigned char *b = (unsigned char *)a5;
	int64_t r = fstatat_msg(&m, a1, a2, a3 & (0x100 | 0x1000 | 0x800));
	uint32_t w;

	if ((a3 & ~(uint32_t)(0x100 | 0x1000 | 0x800 | 0x6000)) != 0)
		return -VK_EINVAL;
	if (r < 0)
		return (int32_t)r;
	for (int i = 0; i < 256; i++)
		b[i] = 0;
#define PUT32(off, v) (w = (uint32_t)(v), __builtin_memcpy(b + (off), &w, 4))
#define PUT64(off, v) do { uint64_t q = (uint64_t)(v); __builtin_memcpy(b + (off), &q, 8); } while (0)
	PUT32(0, 0x7ff);			/* STATX_BASIC_STATS */
	PUT32(4, m.blksize);
	PUT32(16, m.nlink);
	PUT32(20, m.uid);
	PUT32(24, m.gid);
	b[28] = (unsigned char)m.mode;
	b[29] = (unsigned char)(m.mode >> 8);
	PUT64(32, m.ino);
	PUT64(40, m.size);
	PUT64(48, m.blocks);
	PUT64(64, m.atime);
	PUT32(72, m.atime_nsec);
	PUT64(96, m.ctime);
	PUT32(104, m.ctime_nsec);
	PUT64(112, m.mtime);
	PUT32(120, m.mtime_nsec);
	PUT32(128, dev_major((uint64_t)m.rdev));
	PUT32(132, dev_minor((uint64_t)m.rdev));
	PUT32(136, dev_major((uint64_t)m.dev));
	PUT32(140, dev_minor((uint64_t)m.dev));
#undef PUT32
#undef PUT64
	return 0;
}

LX_DECL(readlink)
{
	struct vk_msg_readlinkat m;

	ly_hdr(&m.hdr, VK_SYS_readlinkat, sizeof(m));
	m.dirfd = AT_FDCWD_LINUX;
	m.path = a1;
	m.buf = a2;
	m.size = a3;
	return (int32_t)lx_call(&m.hdr);
}

/* The limits: RESOURCE's (cur, max) from the kernel, or -errno. */
static int32_t
limits(uint32_t resource, int64_t *cur, int64_t *max)
{
	struct vk_msg_getrlimit m;
	int64_t r;

	ly_hdr(&m.hdr, VK_SYS_getrlimit, sizeof(m));
	m.resource = (int32_t)resource;
	if ((r = lx_call(&m.hdr)) < 0)
		return (int32_t)r;
	*cur = m.cur;
	*max = m.max;
	return 0;
}

/* 32-bit limits: "infinite" (-1) and anything larger is INF (ugetrlimit's ~0). */
static uint32_t
lim32(int64_t v, uint32_t inf)
{
	return v < 0 || v >= (int64_t)inf ? inf : (uint32_t)v;
}

LX_DECL(ugetrlimit)
{
	int64_t cur, max;
	int32_t r = limits(a1, &cur, &max);

	if (r != 0)
		return r;
	((uint32_t *)a2)[0] = lim32(cur, 0xffffffffu);
	((uint32_t *)a2)[1] = lim32(max, 0xffffffffu);
	return 0;
}

LX_DECL(getrlimit)
{
	int64_t cur, max;
	int32_t r = limits(a1, &cur, &max);

	if (r != 0)
		return r;
	((uint32_t *)a2)[0] = lim32(cur, 0x7fffffffu);	/* the old call's infinity */
	((uint32_t *)a2)[1] = lim32(max, 0x7fffffffu);
	return 0;
}

/* prlimit64 for this process: NEW (64-bit words, ~0 infinite) goes to the
 * setrlimit message, which returns the old limits too; reading alone is getrlimit. */
LX_DECL(prlimit64)
{
	int64_t cur, max;
	int32_t r;

	(void)a5; (void)a6;
	if (a1 != 0 && a1 != ly_shared()->sh_pid)
		return -VK_ESRCH;
	if (a3 != 0) {
		const uint64_t *n = (const uint64_t *)a3;
		struct vk_msg_setrlimit m;
		int64_t e;

		ly_hdr(&m.hdr, VK_SYS_setrlimit, sizeof(m));
		m.resource = (int32_t)a2;
		m.cur = n[0] == ~0ull ? -1 : (int64_t)n[0];
		m.max = n[1] == ~0ull ? -1 : (int64_t)n[1];
		if ((e = lx_call(&m.hdr)) < 0)
			return (int32_t)e;
		cur = m.oldcur;
		max = m.oldmax;
	} else if ((r = limits(a2, &cur, &max)) != 0)
		return r;
	if (a4 != 0) {
		((uint64_t *)a4)[0] = cur < 0 ? ~0ull : (uint64_t)cur;
		((uint64_t *)a4)[1] = max < 0 ? ~0ull : (uint64_t)max;
	}
	return 0;
}
