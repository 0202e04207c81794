/*
 * layer/ly_file.c: file calls whose program-side shape differs from their
 * message: stat, lstat and fstat fill the program ABI's struct stat from the
 * element list the kernel answers with; getcwd returns the buffer as POSIX wants, where the
 * message returns a length; rmdir and rename are the *at messages with the
 * current directory.
 */
#include "layer/ly.h"
#include "vkernel/vk_elist.h"

/*
 * stat, lstat and fstat are one statel message (fstatat's arguments) whose
 * answer is an element list (vkernel/vk_elist.h): whatever the kernel ABI
 * put in it, in whatever order and width, becomes program ABI 1's struct
 * stat here.  A list the layer cannot read fails with EBADMSG.
 */
/* By position when the list is laid out as this layer's kernel ABI writes
 * it, else tag by tag. */
#if LY_KERNEL_ABI >= 2
VK_EL_STAT_DECODER(stat_decode, VK_EL_STAT_K2)
#else
VK_EL_STAT_DECODER(stat_decode, VK_EL_STAT_K1)
#endif

static int
stat_el(int32_t dirfd, const char *path, uint32_t flags, struct stat *st)
{
	struct vk_msg_statel m;
	struct vk_el_stat s;
	uint8_t buf[256];
	int64_t n;

	ly_hdr(&m.hdr, VK_SYS_statel, sizeof(m));
	m.dirfd = dirfd;
	m.path = (uint32_t)path;
	m.flags = flags;
	m.buf = (uint32_t)buf;
	m.size = sizeof(buf);
	if ((n = ly_call(&m.hdr)) < 0)
		return -1;
	if (stat_decode(buf, (uint32_t)n, &s) != 0) {
		ly_set_errno(VK_EBADMSG);
		return -1;
	}
	st->st_dev = s.dev;
	st->st_ino = s.ino;
	st->st_mode = s.mode;
	st->st_nlink = s.nlink;
	st->st_uid = s.uid;
	st->st_gid = s.gid;
	st->st_rdev = s.rdev;
	st->st_size = (off_t)s.size;
	st->st_blksize = (blksize_t)s.blksize;
	st->__pad0 = 0;
	st->st_blocks = (blkcnt_t)s.blocks;
	st->st_atim.tv_sec = s.atime;
	st->st_atim.tv_nsec = s.atime_nsec;
	st->st_mtim.tv_sec = s.mtime;
	st->st_mtim.tv_nsec = s.mtime_nsec;
	st->st_ctim.tv_sec = s.ctime;
	st->st_ctim.tv_nsec = s.ctime_nsec;
	st->st_atim.__pad = st->st_mtim.__pad = st->st_ctim.__pad = 0;
#if LY_PROGRAM_ABI >= 2
	/* Program ABI 2's birth time: 0 when the list has none (kernel ABI 1). */
	st->st_birthtim.tv_sec = (s.have & VK_ELS_HAVE(VK_EL_ST_BTIME)) ? s.btime : 0;
	st->st_birthtim.tv_nsec = (s.have & VK_ELS_HAVE(VK_EL_ST_BTIME)) ? s.btime_nsec : 0;
	st->st_birthtim.__pad = 0;
#endif
	return 0;
}

#define AT_FDCWD_		(-100)
#define AT_SYMLINK_NOFOLLOW_	0x100
#define AT_EMPTY_PATH_		0x1000

int
ly_stat(const char *path, struct stat *st)
{
	return stat_el(AT_FDCWD_, path, 0, st);
}

int
ly_lstat(const char *path, struct stat *st)
{
	return stat_el(AT_FDCWD_, path, AT_SYMLINK_NOFOLLOW_, st);
}

int
ly_fstat(int fd, struct stat *st)
{
	return stat_el(fd, "", AT_EMPTY_PATH_, st);
}

/*
 * getdents64 (slot 24): program ABI 1's directory records are Linux's
 * linux_dirent64 (d_ino u64, d_off s64, d_reclen u16, d_type u8, the name
 * and a NUL, 8-aligned); program ABI 2's have d_namlen (u16) before d_type.  The kernel answers direl with an element list per
 * entry; each record is smaller than the elements it comes from, so a list
 * asked for COUNT bytes always fits COUNT bytes of records.
 */
#define DIREL_MAX	8192
#define REC_TYPE	VK_DIRREC_TYPE(LY_PROGRAM_ABI)
#define REC_NAME	VK_DIRREC_NAME(LY_PROGRAM_ABI)

int32_t
ly_getdents64(int fd, void *buf, uint32_t count)
{
	struct vk_msg_direl m;
	uint8_t list[DIREL_MAX], *out = buf;
	uint32_t off = 0, put = 0, namelen = 0;
	uint64_t ino = 0, doff = 0, type = 0;
	const uint8_t *name = 0;
	struct vk_el e;
	int64_t n;
	int r, in = 0;

	ly_hdr(&m.hdr, VK_SYS_direl, sizeof(m));
	m.fd = (uint32_t)fd;
	m.buf = (uint32_t)list;
	m.size = count < DIREL_MAX ? count : DIREL_MAX;
	if ((n = ly_call(&m.hdr)) < 0)
		return -1;
	for (;;) {
		r = vk_el_next(list, (uint32_t)n, &off, &e);
		if (r < 0)
			goto bad;
		if ((r == 0 || e.tag == VK_EL_ENTRY) && in) {
			uint32_t reclen = (REC_NAME + namelen + 1 + 7) & ~7u;

			if (name == 0 || put + reclen > count)
				goto bad;
			for (int i = 0; i < 8; i++) {
				out[put + i] = (uint8_t)(ino >> (8 * i));
				out[put + 8 + i] = (uint8_t)(doff >> (8 * i));
			}
			out[put + 16] = (uint8_t)reclen;
			out[put + 17] = (uint8_t)(reclen >> 8);
#if LY_PROGRAM_ABI >= 2
			out[put + 18] = (uint8_t)namelen;
			out[put + 19] = (uint8_t)(namelen >> 8);
#endif
			out[put + REC_TYPE] = (uint8_t)type;
			for (uint32_t i = 0; i < reclen - REC_NAME; i++)
				out[put + REC_NAME + i] = i < namelen ? name[i] : 0;
			put += reclen;
			name = 0;
			ino = doff = type = 0;
		}
		if (r == 0)
			break;
		switch (e.tag) {
		case VK_EL_ENTRY:	in = 1; break;
		case VK_EL_DE_INO:	ino = vk_el_uint(&e); break;
		case VK_EL_DE_OFF:	doff = vk_el_uint(&e); break;
		case VK_EL_DE_TYPE:	type = vk_el_uint(&e); break;
		case VK_EL_DE_NAME:	name = e.val; namelen = e.len; break;
		}
		if (namelen > 255)
			goto bad;
	}
	return (int32_t)put;
bad:
	ly_set_errno(VK_EBADMSG);
	return -1;
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
