/*
 * vkernel/sys_elist.c: the calls that answer with element lists (seed 003;
 * vkernel/vk_elist.h): statel, direl, unameel, procinfo.
 *
 * What a list holds is the kernel ABI's business, and the two ABIs differ
 * the way kernels do (docs/abi.md section 11):
 *   - kernel ABI 1 sends inode numbers and sizes as 32-bit values (EOVERFLOW
 *     when they do not fit, as an old stat would) and no birth time;
 *   - kernel ABI 2 sends 64-bit values, the birth time where the host
 *     filesystem has one, and the stat elements in another order.
 * A layer reads either; a program that assumed one fixed layout would not.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "vkernel/kernel.h"
#include "vkernel/vk_elist.h"

#define EL_MAX		(64u << 10)	/* largest list one call writes */
#define DIRENT_MAX	(32u << 10)	/* host directory records read per direl */

static int
abi2(const struct vk_proc *p)
{
	return p->k->opt.kernel_abi >= 2;
}

/* ---- stat ---- */

/* Element TAG of ST as N bytes (the value of a time: 12). */
static int
put_field(void *buf, uint32_t cap, uint32_t *off, const struct stat *st, uint16_t tag, uint16_t n)
{
	switch (tag) {
	case VK_EL_ST_DEV:	return vk_el_put_uint(buf, cap, off, tag, (uint64_t)st->st_dev, n);
	case VK_EL_ST_INO:	return vk_el_put_uint(buf, cap, off, tag, (uint64_t)st->st_ino, n);
	case VK_EL_ST_MODE:	return vk_el_put_uint(buf, cap, off, tag, st->st_mode, n);
	case VK_EL_ST_NLINK:	return vk_el_put_uint(buf, cap, off, tag, (uint64_t)st->st_nlink, n);
	case VK_EL_ST_UID:	return vk_el_put_uint(buf, cap, off, tag, st->st_uid, n);
	case VK_EL_ST_GID:	return vk_el_put_uint(buf, cap, off, tag, st->st_gid, n);
	case VK_EL_ST_RDEV:	return vk_el_put_uint(buf, cap, off, tag, (uint64_t)st->st_rdev, n);
	case VK_EL_ST_SIZE:	return vk_el_put_uint(buf, cap, off, tag, (uint64_t)st->st_size, n);
	case VK_EL_ST_BLKSIZE:	return vk_el_put_uint(buf, cap, off, tag, (uint64_t)st->st_blksize, n);
	case VK_EL_ST_BLOCKS:	return vk_el_put_uint(buf, cap, off, tag, (uint64_t)st->st_blocks, n);
	case VK_EL_ST_ATIME:	return vk_el_put_time(buf, cap, off, tag, st->st_atim.tv_sec, (uint32_t)st->st_atim.tv_nsec);
	case VK_EL_ST_MTIME:	return vk_el_put_time(buf, cap, off, tag, st->st_mtim.tv_sec, (uint32_t)st->st_mtim.tv_nsec);
	case VK_EL_ST_CTIME:	return vk_el_put_time(buf, cap, off, tag, st->st_ctim.tv_sec, (uint32_t)st->st_ctim.tv_nsec);
	}
	return -1;
}

/* The list for ST (and birth time BT, tv_nsec -1: none) into BUF (CAP
 * bytes) at *OFF, as the kernel ABI's layout says (vk_elist.h); 0,
 * VK_EOVERFLOW, or -1 (no room). */
static int
put_stat(struct vk_proc *p, const struct stat *st, const struct timespec *bt, void *buf, uint32_t cap,
    uint32_t *off)
{
	int r = 0;

#define PUT(name, n) r |= put_field(buf, cap, off, st, VK_EL_##name, n);
	if (!abi2(p)) {
		if ((uint64_t)st->st_ino > UINT32_MAX || (uint64_t)st->st_size > UINT32_MAX)
			return VK_EOVERFLOW;
		VK_EL_STAT_K1(PUT)
	} else {
		VK_EL_STAT_K2(PUT)
	}
#undef PUT
	if (bt != NULL && bt->tv_nsec >= 0)
		r |= vk_el_put_time(buf, cap, off, VK_EL_ST_BTIME, bt->tv_sec, (uint32_t)bt->tv_nsec);
	return r != 0 ? -1 : 0;
}

int
vk_sys_statel(struct vk_proc *p, struct vk_msg_statel *m)
{
	unsigned char buf[256];
	struct timespec bt;
	struct stat st;
	uint32_t off = 0, n = m->size > sizeof(buf) ? sizeof(buf) : m->size;
	int e;

	if ((e = vk_stat_at(p, m->dirfd, m->path, m->flags, &st, abi2(p) ? &bt : NULL)) != 0)
		return e;
	e = put_stat(p, &st, abi2(p) ? &bt : NULL, buf, n, &off);
	if (e > 0)
		return e;
	if (e < 0)
		return VK_ERANGE;
	if ((e = vk_copyout(&p->vm, m->buf, buf, off)) != 0)
		return e;
	m->hdr.ms_result = off;
	return 0;
}

/* ---- directories ---- */

struct dirent64_host {
	uint64_t	d_ino;
	int64_t		d_off;
	uint16_t	d_reclen;
	uint8_t		d_type;
	char		d_name[];
};

int
vk_sys_direl(struct vk_proc *p, struct vk_msg_direl *m)
{
	static unsigned char raw[DIRENT_MAX], out[EL_MAX];
	struct vk_file *f = vk_fd_get(&p->fds, m->fd);
	uint32_t cap = m->size > EL_MAX ? EL_MAX : m->size, off = 0, used = 0;
	int64_t resume = -1;
	long n;
	int e;

	if (f == NULL)
		return VK_EBADF;
	if (vk_guest_ptr(&p->vm, m->buf, cap, VK_ACC_WRITE) == NULL)
		return VK_EFAULT;
	/* Never more records than could fit as elements: each takes at least
	 * its name plus 44 bytes of element headers and values. */
	if ((n = vk_getdents(f->hostfd, raw, cap < DIRENT_MAX ? cap : DIRENT_MAX)) < 0)
		return vk_errno_host(errno);
	while (used < (uint32_t)n) {
		const struct dirent64_host *d = (const void *)(raw + used);
		uint32_t start = off;
		uint16_t len = (uint16_t)strnlen(d->d_name, d->d_reclen - 19);
		int r = 0;

		r |= vk_el_put(out, cap, &off, VK_EL_ENTRY, NULL, 0);
		if (!abi2(p) && d->d_ino > UINT32_MAX)
			return VK_EOVERFLOW;
		r |= vk_el_put_uint(out, cap, &off, VK_EL_DE_INO, d->d_ino, abi2(p) ? 8 : 4);
		r |= vk_el_put_uint(out, cap, &off, VK_EL_DE_OFF, (uint64_t)d->d_off, 8);
		r |= vk_el_put_uint(out, cap, &off, VK_EL_DE_TYPE, d->d_type, 1);
		r |= vk_el_put(out, cap, &off, VK_EL_DE_NAME, d->d_name, len);
		if (r != 0) {
			off = start;	/* this one does not fit: the next call reads it again */
			break;
		}
		resume = d->d_off;
		used += d->d_reclen;
	}
	if (used < (uint32_t)n) {
		if (off == 0)
			return VK_EINVAL;	/* not even one entry fits */
		if (lseek(f->hostfd, resume, SEEK_SET) < 0)
			return vk_errno_host(errno);
	}
	if ((e = vk_copyout(&p->vm, m->buf, out, off)) != 0)
		return e;
	m->hdr.ms_result = off;
	return 0;
}

/* ---- uname ---- */

int
vk_sys_unameel(struct vk_proc *p, struct vk_msg_unameel *m)
{
	unsigned char buf[512];
	struct utsname u;
	uint32_t off = 0, cap = m->size > sizeof(buf) ? sizeof(buf) : m->size;
	const char *v[] = { u.sysname, u.nodename, u.release, u.version, "i686" };
	static const uint16_t tags[] = { VK_EL_UN_SYSNAME, VK_EL_UN_NODENAME, VK_EL_UN_RELEASE,
	    VK_EL_UN_VERSION, VK_EL_UN_MACHINE };
	int e;

	if (uname(&u) != 0)
		return vk_errno_host(errno);
	for (int i = 0; i < 5; i++)
		if (vk_el_put(buf, cap, &off, tags[i], v[i], (uint16_t)strnlen(v[i], 64)) != 0)
			return VK_ERANGE;
	if ((e = vk_copyout(&p->vm, m->buf, buf, off)) != 0)
		return e;
	m->hdr.ms_result = off;
	return 0;
}

/* ---- processes ---- */

static char
state_of(const struct vk_proc *t)
{
	if (t->run == VK_ZOMBIE)
		return 'Z';
	if (t->stopped)
		return 'T';
	return t->run == VK_BLOCKED ? 'S' : 'R';
}

int
vk_sys_procinfo(struct vk_proc *p, struct vk_msg_procinfo *m)
{
	static unsigned char out[EL_MAX];
	uint32_t cap = m->size > EL_MAX ? EL_MAX : m->size, off = 0;
	int found = 0, e;

	if (m->pid < 0)
		return VK_EINVAL;
	for (struct vk_proc *t = p->k->procs; t != NULL; t = t->next) {
		const char *name = vk_pstate(t)->comm;
		uint64_t msgs = 0;
		int r = 0;

		if (m->pid != 0 && t->pid != m->pid)
			continue;
		found = 1;
		for (int i = 0; i < VK_SYS_NSLOTS; i++)
			msgs += t->stats.msgs[i];
		r |= vk_el_put(out, cap, &off, VK_EL_ENTRY, NULL, 0);
		r |= vk_el_put_uint(out, cap, &off, VK_EL_PI_PID, (uint64_t)t->pid, 4);
		r |= vk_el_put_uint(out, cap, &off, VK_EL_PI_PPID, (uint64_t)t->ppid, 4);
		r |= vk_el_put_uint(out, cap, &off, VK_EL_PI_PGID, (uint64_t)vk_pstate(t)->pgid, 4);
		r |= vk_el_put_uint(out, cap, &off, VK_EL_PI_STATE, (uint64_t)state_of(t), 1);
		r |= vk_el_put_uint(out, cap, &off, VK_EL_PI_UID, p->k->opt.uid, 4);
		r |= vk_el_put(out, cap, &off, VK_EL_PI_NAME, name, (uint16_t)strnlen(name, 15));
		r |= vk_el_put_time(out, cap, &off, VK_EL_PI_START, t->stats.start.tv_sec,
		    (uint32_t)t->stats.start.tv_nsec);
		if (abi2(p))
			r |= vk_el_put_uint(out, cap, &off, VK_EL_PI_MSGS, msgs, 8);
		if (r != 0)
			return VK_ERANGE;
	}
	if (!found)
		return VK_ESRCH;
	if ((e = vk_copyout(&p->vm, m->buf, out, off)) != 0)
		return e;
	m->hdr.ms_result = off;
	return 0;
}
