/*
 * vkernel/sys_dir.c: handlers for the messages about directories, names and
 * inodes (getdents64, chdir, the *at calls that create, remove, rename, link
 * and change files, truncate, statfs) and about the descriptor table and
 * open files (dup, fcntl, close_range, pipes, positioned and vector I/O,
 * sendfile, fallocate, fadvise, fsync, syncfs).
 *
 * Confinement: every path is resolved by path.c inside the guest root, and
 * the host is then handed either a descriptor of the resolved object or a
 * directory descriptor plus one final name that it will not follow:
 *
 *   - calls that act on an inode (chmod, chown, utimensat, truncate, statfs,
 *     link with AT_SYMLINK_FOLLOW) resolve it to an O_PATH descriptor and act
 *     through it (AT_EMPTY_PATH, or /proc/self/fd/N, which names exactly that
 *     inode and nothing the guest chose);
 *   - calls that act on a directory entry (unlink, rmdir, mkdir, rename, link,
 *     symlink, mknod) resolve the parent and give the host the last component
 *     alone.  "." and ".." never reach the host as a last component (they get
 *     Linux's errors here), and a trailing slash is kept so that the host makes
 *     Linux's ENOTDIR/EISDIR/ENOENT checks on the entry without following it.
 *
 * The process's umask is the host process's own (one guest per vkrun
 * process), so every create the host does for the guest honours it.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vkernel/kernel.h"
#include "vk_sysproto.h"

#define MAX_IO			0x7ffff000u	/* Linux's largest single transfer */

/* Linux's values (the guest ABI's), named apart from the host's. */
#define G_AT_FDCWD		(-100)
#define G_AT_SYMLINK_NOFOLLOW	0x100
#define G_AT_REMOVEDIR		0x200
#define G_AT_SYMLINK_FOLLOW	0x400
#define G_AT_EMPTY_PATH		0x1000
#define G_RENAME_NOREPLACE	1
#define G_RENAME_EXCHANGE	2
#define G_UTIME_NOW		((1l << 30) - 1)
#define G_UTIME_OMIT		((1l << 30) - 2)
#define G_S_IFMT		0170000
#define G_S_IFSOCK		0140000
#define G_S_IFREG		0100000
#define G_S_IFBLK		0060000
#define G_S_IFDIR		0040000
#define G_S_IFCHR		0020000
#define G_S_IFIFO		0010000
#define G_F_DUPFD		0
#define G_F_GETFD		1
#define G_F_SETFD		2
#define G_F_GETFL		3
#define G_F_SETFL		4
#define G_F_GETLK		5
#define G_F_SETLK		6
#define G_F_SETLKW		7
#define G_F_OFD_GETLK		36
#define G_F_OFD_SETLK		37
#define G_F_OFD_SETLKW		38
#define G_F_DUPFD_CLOEXEC	1030
#define G_F_SETPIPE_SZ		1031
#define G_F_GETPIPE_SZ		1032
#define G_F_ADD_SEALS		1033
#define G_F_GET_SEALS		1034
#define G_FD_CLOEXEC		1

/* ---- paths ---- */

/*
 * The guest path that guest string PATH names for an *at call on DIRFD
 * (AT_FDCWD or a guest descriptor): absolute paths as they are, relative ones
 * under the cwd or the directory.  "" is ENOENT; a relative path needs DIRFD
 * to be an open directory (EBADF, ENOTDIR), as on Linux.
 */
static int
at_guest_path(struct vk_proc *p, int32_t dirfd, const char *path, char out[VK_PATH_MAX])
{
	struct vk_file *f;
	struct stat st;

	if (path[0] == '\0')
		return VK_ENOENT;
	if (path[0] == '/' || dirfd == G_AT_FDCWD)
		return vk_fs_at(&p->fs, -1, path, out);
	if ((f = vk_fd_get(&p->fds, dirfd)) == NULL)
		return VK_EBADF;
	if (fstat(f->hostfd, &st) != 0)
		return vk_errno_host(errno);
	if (!S_ISDIR(st.st_mode))
		return VK_ENOTDIR;
	return vk_fs_at(&p->fs, f->hostfd, path, out);
}

/* Copy in the guest path at UPATH and make it an *at path. */
static int
at_copy_path(struct vk_proc *p, int32_t dirfd, uint32_t upath, char out[VK_PATH_MAX])
{
	char path[VK_PATH_MAX];
	int e;

	if ((e = vk_copyinstr(&p->vm, path, upath, sizeof(path))) != 0)
		return e;
	return at_guest_path(p, dirfd, path, out);
}

/*
 * An O_PATH host descriptor (the caller closes it) of the inode that (DIRFD,
 * guest string PATH) names: a final symlink is followed unless NOFOLLOW; with
 * EMPTY, "" names DIRFD itself (the cwd for AT_FDCWD), as AT_EMPTY_PATH does.
 */
static int
at_object(struct vk_proc *p, int32_t dirfd, const char *path, int nofollow, int empty, int *fd)
{
	char full[VK_PATH_MAX];
	struct vk_file *f;
	int e;

	if (path[0] == '\0' && empty) {
		if (dirfd == G_AT_FDCWD)
			return vk_fs_open(&p->fs, ".", O_PATH, 0, fd);
		if ((f = vk_fd_get(&p->fds, dirfd)) == NULL)
			return VK_EBADF;
		*fd = fcntl(f->hostfd, F_DUPFD_CLOEXEC, 0);
		return *fd < 0 ? vk_errno_host(errno) : 0;
	}
	if ((e = at_guest_path(p, dirfd, path, full)) != 0)
		return e;
	return vk_fs_open(&p->fs, full, O_PATH | (nofollow ? O_NOFOLLOW : 0), 0, fd);
}

/* The host path that names exactly the inode open on host descriptor FD. */
static void
fd_path(int fd, char buf[32])
{
	snprintf(buf, 32, "/proc/self/fd/%d", fd);
}

/* The kinds of last component, as Linux's path walk tells them apart. */
enum { LAST_NORM, LAST_DOT, LAST_DOTDOT, LAST_ROOT };

/* The kind of FULL's last component; *SLASH: it had trailing slashes. */
static int
last_kind(const char *full, int *slash)
{
	size_t n = strlen(full), s;

	*slash = 0;
	while (n > 0 && full[n - 1] == '/') {
		n--;
		*slash = 1;
	}
	if (n == 0)
		return LAST_ROOT;
	for (s = n; s > 0 && full[s - 1] != '/'; s--)
		;
	if (n - s == 1 && full[s] == '.')
		return LAST_DOT;
	if (n - s == 2 && full[s] == '.' && full[s + 1] == '.')
		return LAST_DOTDOT;
	return LAST_NORM;
}

/*
 * For calls on a directory entry: the parent of guest path FULL as an O_PATH
 * host descriptor in *DIRFD (the caller closes it) and the last component in
 * NAME, with one trailing slash kept if FULL had any; *KIND is its kind
 * (anything but LAST_NORM must not reach the host).
 */
static int
at_entry(struct vk_proc *p, const char *full, int *dirfd, char name[NAME_MAX + 2], int *kind)
{
	int slash, e;

	*kind = last_kind(full, &slash);
	if ((e = vk_fs_parent(&p->fs, full, dirfd, name)) != 0)
		return e;
	if (slash && *kind == LAST_NORM)
		strcat(name, "/");
	return 0;
}

/* ---- directories ---- */

#if defined(__x86_64__)
/*
 * getdents64 through the host's 32-bit entry.  Directory offsets (d_off) are
 * filesystem cookies, and some filesystems (ext4's hashed directories) hand
 * out 64-bit ones to 64-bit callers but 32-bit ones to 32-bit processes.
 * glibc's readdir for programs with a 32-bit off_t refuses a d_off that does
 * not fit (EOVERFLOW), so the guest must get what an i386 process would: the
 * host's compat getdents64, reached with int 0x80 on a bounce buffer below
 * 4 GiB.  lseek then works on the same cookies.  Whether the host takes
 * int 0x80 from a 64-bit process (IA32 emulation, seccomp) is probed once, in
 * a child that may die trying; without it the native call is used.
 */
#define COMPAT_BUF	(64u << 10)

static int compat_state;		/* 0: not probed, 1: usable, -1: not */
static unsigned char *compat_buf;

static int32_t
int80(uint32_t nr, uint32_t a1, uint32_t a2, uint32_t a3)
{
	uint64_t r = nr;

	__asm__ volatile("int $0x80"
	    : "+a"(r)
	    : "b"(a1), "c"(a2), "d"(a3)
	    : "memory", "cc", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15");
	return (int32_t)r;
}

static int
compat_probe(void)
{
	pid_t pid;
	int st;

	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0)
		_exit(int80(20, 0, 0, 0) == (int32_t)syscall(SYS_getpid) ? 0 : 1);	/* i386 getpid */
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return -1;
	compat_buf = mmap(NULL, COMPAT_BUF, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	if (compat_buf == MAP_FAILED) {
		compat_buf = NULL;
		return -1;
	}
	return 1;
}

/* The host's getdents64 as a 32-bit process gets it; -2 when that is not possible. */
static long
getdents_compat(int fd, void *buf, uint32_t n)
{
	int32_t r;

	if (compat_state == 0)
		compat_state = compat_probe();
	if (compat_state < 0)
		return -2;
	r = int80(220, (uint32_t)fd, (uint32_t)(uintptr_t)compat_buf, n > COMPAT_BUF ? COMPAT_BUF : n);
	if (r < 0) {
		errno = -r;
		return -1;
	}
	memcpy(buf, compat_buf, (size_t)r);
	return r;
}
#else
static long
getdents_compat(int fd, void *buf, uint32_t n)
{
	(void)fd; (void)buf; (void)n;
	return -2;
}
#endif

/* getdents64: Linux's struct linux_dirent64 records are the same for the guest
 * and the host, so the host writes them straight into the guest's buffer. */
long
vk_getdents(int hostfd, void *buf, uint32_t n)
{
	long r = getdents_compat(hostfd, buf, n);

	if (r == -2)
		r = syscall(SYS_getdents64, hostfd, buf, n);
	return r;
}

int
vk_sys_getdents64(struct vk_proc *p, struct vk_msg_getdents64 *m)
{
	struct vk_file *f = vk_fd_get(&p->fds, m->fd);
	uint32_t n = m->count > MAX_IO ? MAX_IO : m->count;
	void *buf;
	long r;

	if (f == NULL)
		return VK_EBADF;
	if ((buf = vk_guest_ptr(&p->vm, m->buf, n, VK_ACC_WRITE)) == NULL)
		return VK_EFAULT;
	if ((r = vk_getdents(f->hostfd, buf, n)) < 0)
		return vk_errno_host(errno);
	m->hdr.ms_result = r;
	return 0;
}

/* Make the directory open on HOSTFD the cwd: its guest path, canonical. */
static int
set_cwd(struct vk_proc *p, int hostfd)
{
	char g[VK_PATH_MAX];
	struct stat st;
	size_t n;
	int e;

	if (fstat(hostfd, &st) != 0)
		return vk_errno_host(errno);
	if (!S_ISDIR(st.st_mode))
		return VK_ENOTDIR;
	if (faccessat(hostfd, "", X_OK, AT_EMPTY_PATH | AT_EACCESS) != 0)
		return vk_errno_host(errno);
	if ((e = vk_fs_at(&p->fs, hostfd, ".", g)) != 0)	/* "DIR/." */
		return e;
	n = strlen(g);
	g[n - 2] = '\0';
	snprintf(p->fs.cwd, sizeof(p->fs.cwd), "%s", g[0] != '\0' ? g : "/");
	return 0;
}

int
vk_sys_chdir(struct vk_proc *p, struct vk_msg_chdir *m)
{
	char path[VK_PATH_MAX];
	int fd, e;

	if ((e = vk_copyinstr(&p->vm, path, m->path, sizeof(path))) != 0)
		return e;
	if ((e = vk_fs_open(&p->fs, path, O_PATH | O_DIRECTORY, 0, &fd)) != 0)
		return e;
	e = set_cwd(p, fd);
	close(fd);
	return e;
}

int
vk_sys_fchdir(struct vk_proc *p, struct vk_msg_fchdir *m)
{
	struct vk_file *f = vk_fd_get(&p->fds, m->fd);

	if (f == NULL)
		return VK_EBADF;
	return set_cwd(p, f->hostfd);
}

/* ---- directory entries: create, remove, rename, link ---- */

int
vk_sys_unlinkat(struct vk_proc *p, struct vk_msg_unlinkat *m)
{
	char full[VK_PATH_MAX], name[NAME_MAX + 2];
	int rmdir = (m->flags & G_AT_REMOVEDIR) != 0;
	int dirfd, kind, e;

	if ((m->flags & ~(uint32_t)G_AT_REMOVEDIR) != 0)
		return VK_EINVAL;
	if ((e = at_copy_path(p, m->dirfd, m->path, full)) != 0)
		return e;
	if ((e = at_entry(p, full, &dirfd, name, &kind)) != 0)
		return e;
	if (kind != LAST_NORM)	/* Linux: unlink EISDIR; rmdir "." EINVAL, ".." ENOTEMPTY, "/" EBUSY */
		e = !rmdir ? VK_EISDIR : kind == LAST_DOT ? VK_EINVAL :
		    kind == LAST_DOTDOT ? VK_ENOTEMPTY : VK_EBUSY;
	else if (unlinkat(dirfd, name, rmdir ? AT_REMOVEDIR : 0) != 0)
		e = vk_errno_host(errno);
	close(dirfd);
	return e;
}

int
vk_sys_mkdirat(struct vk_proc *p, struct vk_msg_mkdirat *m)
{
	char full[VK_PATH_MAX], name[NAME_MAX + 2];
	int dirfd, kind, e;

	if ((e = at_copy_path(p, m->dirfd, m->path, full)) != 0)
		return e;
	if ((e = at_entry(p, full, &dirfd, name, &kind)) != 0)
		return e;
	if (kind != LAST_NORM)
		e = VK_EEXIST;
	else if (mkdirat(dirfd, name, (mode_t)(m->mode & 07777)) != 0)
		e = vk_errno_host(errno);
	close(dirfd);
	return e;
}

/*
 * mknodat: regular files, FIFOs and sockets.  Device nodes are refused with
 * EPERM, as for an unprivileged Linux user: a guest's device node would open
 * a host device, whatever the guest root.
 */
int
vk_sys_mknodat(struct vk_proc *p, struct vk_msg_mknodat *m)
{
	char full[VK_PATH_MAX], name[NAME_MAX + 2];
	uint32_t type = m->mode & G_S_IFMT;
	mode_t hmode;
	int dirfd, kind, e;

	switch (type) {
	case 0: case G_S_IFREG:	hmode = S_IFREG; break;
	case G_S_IFIFO:		hmode = S_IFIFO; break;
	case G_S_IFSOCK:	hmode = S_IFSOCK; break;
	case G_S_IFCHR: case G_S_IFBLK: hmode = 0; break;
	case G_S_IFDIR:		return VK_EPERM;
	default:		return VK_EINVAL;
	}
	if ((e = at_copy_path(p, m->dirfd, m->path, full)) != 0)
		return e;
	if ((e = at_entry(p, full, &dirfd, name, &kind)) != 0)
		return e;
	if (kind != LAST_NORM)
		e = VK_EEXIST;
	else if (hmode == 0) {
		/* Linux makes the name's checks first: EEXIST, or ENOENT for "new/". */
		struct stat st;
		size_t n = strlen(name);
		int slash = name[n - 1] == '/';

		name[n - slash] = '\0';
		e = fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? VK_EEXIST :
		    errno != ENOENT ? vk_errno_host(errno) : slash ? VK_ENOENT : VK_EPERM;
	} else if (mknodat(dirfd, name, hmode | (mode_t)(m->mode & 07777), 0) != 0)
		e = vk_errno_host(errno);
	close(dirfd);
	return e;
}

/* renameat2: flags 0, RENAME_NOREPLACE or RENAME_EXCHANGE (done by the host). */
int
vk_sys_renameat2(struct vk_proc *p, struct vk_msg_renameat2 *m)
{
	char ofull[VK_PATH_MAX], nfull[VK_PATH_MAX], oname[NAME_MAX + 2], nname[NAME_MAX + 2];
	int odir, ndir, okind, nkind, e;
	unsigned int flags = 0;

	/* RENAME_WHITEOUT (overlay filesystems' business) is refused like an unknown flag. */
	if ((m->flags & ~(uint32_t)(G_RENAME_NOREPLACE | G_RENAME_EXCHANGE)) != 0 ||
	    (m->flags & (G_RENAME_NOREPLACE | G_RENAME_EXCHANGE)) == (G_RENAME_NOREPLACE | G_RENAME_EXCHANGE))
		return VK_EINVAL;
	if (m->flags & G_RENAME_NOREPLACE)
		flags |= RENAME_NOREPLACE;
	if (m->flags & G_RENAME_EXCHANGE)
		flags |= RENAME_EXCHANGE;
	if ((e = at_copy_path(p, m->olddirfd, m->oldpath, ofull)) != 0)
		return e;
	if ((e = at_copy_path(p, m->newdirfd, m->newpath, nfull)) != 0)
		return e;
	if ((e = at_entry(p, ofull, &odir, oname, &okind)) != 0)
		return e;
	if ((e = at_entry(p, nfull, &ndir, nname, &nkind)) != 0) {
		close(odir);
		return e;
	}
	if (okind != LAST_NORM)
		e = VK_EBUSY;
	else if (nkind != LAST_NORM)
		e = (m->flags & G_RENAME_NOREPLACE) ? VK_EEXIST : VK_EBUSY;
	else if ((flags != 0 ? renameat2(odir, oname, ndir, nname, flags) :
	    renameat(odir, oname, ndir, nname)) != 0)
		e = vk_errno_host(errno);
	close(odir);
	close(ndir);
	return e;
}

/*
 * linkat: the old name is linked as an entry of its parent (never followed),
 * or, with AT_SYMLINK_FOLLOW (or a trailing slash, or "." or ".."), resolved
 * inside the root and linked through /proc/self/fd; AT_EMPTY_PATH links the
 * file open on OLDDIRFD (the host then wants what Linux wants for it).
 */
int
vk_sys_linkat(struct vk_proc *p, struct vk_msg_linkat *m)
{
	char old[VK_PATH_MAX], ofull[VK_PATH_MAX], nfull[VK_PATH_MAX];
	char oname[NAME_MAX + 2], nname[NAME_MAX + 2], link[32];
	int src = -1, odir = -1, ndir, okind, nkind, slash, e;

	if ((m->flags & ~(uint32_t)(G_AT_SYMLINK_FOLLOW | G_AT_EMPTY_PATH)) != 0)
		return VK_EINVAL;
	if ((e = vk_copyinstr(&p->vm, old, m->oldpath, sizeof(old))) != 0)
		return e;
	if ((e = at_copy_path(p, m->newdirfd, m->newpath, nfull)) != 0)
		return e;
	if (old[0] == '\0' && (m->flags & G_AT_EMPTY_PATH))
		e = at_object(p, m->olddirfd, old, 0, 1, &src);
	else if ((e = at_guest_path(p, m->olddirfd, old, ofull)) == 0) {
		okind = last_kind(ofull, &slash);
		if ((m->flags & G_AT_SYMLINK_FOLLOW) || slash || okind != LAST_NORM)
			e = vk_fs_open(&p->fs, ofull, O_PATH, 0, &src);
		else
			e = at_entry(p, ofull, &odir, oname, &okind);
	}
	if (e != 0)
		return e;
	if ((e = at_entry(p, nfull, &ndir, nname, &nkind)) != 0)
		goto out;
	if (nkind != LAST_NORM)
		e = VK_EEXIST;
	else if (odir >= 0)
		e = linkat(odir, oname, ndir, nname, 0) != 0 ? vk_errno_host(errno) : 0;
	else if (old[0] == '\0')
		e = linkat(src, "", ndir, nname, AT_EMPTY_PATH) != 0 ? vk_errno_host(errno) : 0;
	else {
		fd_path(src, link);
		e = linkat(AT_FDCWD, link, ndir, nname, AT_SYMLINK_FOLLOW) != 0 ? vk_errno_host(errno) : 0;
	}
	close(ndir);
out:
	if (src >= 0)
		close(src);
	if (odir >= 0)
		close(odir);
	return e;
}

/* symlinkat: TARGET is stored as the guest wrote it; following it later
 * resolves it inside the root like any other guest path. */
int
vk_sys_symlinkat(struct vk_proc *p, struct vk_msg_symlinkat *m)
{
	char target[VK_PATH_MAX], full[VK_PATH_MAX], name[NAME_MAX + 2];
	int dirfd, kind, e;

	if ((e = vk_copyinstr(&p->vm, target, m->target, sizeof(target))) != 0)
		return e;
	if (target[0] == '\0')
		return VK_ENOENT;
	if ((e = at_copy_path(p, m->newdirfd, m->linkpath, full)) != 0)
		return e;
	if ((e = at_entry(p, full, &dirfd, name, &kind)) != 0)
		return e;
	if (kind != LAST_NORM)
		e = VK_EEXIST;
	else if (symlinkat(target, dirfd, name) != 0)
		e = vk_errno_host(errno);
	close(dirfd);
	return e;
}

/* ---- inodes: mode, owner, times, size ---- */

int
vk_sys_fchmodat(struct vk_proc *p, struct vk_msg_fchmodat *m)
{
	char path[VK_PATH_MAX], link[32];
	struct stat st;
	int fd, e;

	if ((m->flags & ~(uint32_t)(G_AT_SYMLINK_NOFOLLOW | G_AT_EMPTY_PATH)) != 0)
		return VK_EINVAL;
	if ((e = vk_copyinstr(&p->vm, path, m->path, sizeof(path))) != 0)
		return e;
	if ((e = at_object(p, m->dirfd, path, (m->flags & G_AT_SYMLINK_NOFOLLOW) != 0,
	    (m->flags & G_AT_EMPTY_PATH) != 0, &fd)) != 0)
		return e;
	fd_path(fd, link);
	if (fstat(fd, &st) != 0)
		e = vk_errno_host(errno);
	else if (S_ISLNK(st.st_mode))
		e = VK_EOPNOTSUPP;	/* Linux cannot change a symlink's mode */
	else if (fchmodat(AT_FDCWD, link, (mode_t)(m->mode & 07777), 0) != 0)
		e = vk_errno_host(errno);
	close(fd);
	return e;
}

int
vk_sys_fchmod(struct vk_proc *p, struct vk_msg_fchmod *m)
{
	struct vk_file *f = vk_fd_get(&p->fds, m->fd);

	if (f == NULL)
		return VK_EBADF;
	return fchmod(f->hostfd, (mode_t)(m->mode & 07777)) != 0 ? vk_errno_host(errno) : 0;
}

int
vk_sys_fchownat(struct vk_proc *p, struct vk_msg_fchownat *m)
{
	char path[VK_PATH_MAX];
	int fd, e;

	if ((m->flags & ~(uint32_t)(G_AT_SYMLINK_NOFOLLOW | G_AT_EMPTY_PATH)) != 0)
		return VK_EINVAL;
	if ((e = vk_copyinstr(&p->vm, path, m->path, sizeof(path))) != 0)
		return e;
	if ((e = at_object(p, m->dirfd, path, (m->flags & G_AT_SYMLINK_NOFOLLOW) != 0,
	    (m->flags & G_AT_EMPTY_PATH) != 0, &fd)) != 0)
		return e;
	e = fchownat(fd, "", (uid_t)m->uid, (gid_t)m->gid, AT_EMPTY_PATH) != 0 ? vk_errno_host(errno) : 0;
	close(fd);
	return e;
}

int
vk_sys_fchown(struct vk_proc *p, struct vk_msg_fchown *m)
{
	struct vk_file *f = vk_fd_get(&p->fds, m->fd);

	if (f == NULL)
		return VK_EBADF;
	return fchown(f->hostfd, (uid_t)m->uid, (gid_t)m->gid) != 0 ? vk_errno_host(errno) : 0;
}

/* The two guest timespecs at UTIMES (NULL: now), checked as Linux checks them. */
static int
get_times(struct vk_proc *p, uint32_t utimes, struct timespec ts[2], struct timespec **tsp)
{
	int64_t v[4];
	int e;

	*tsp = NULL;
	if (utimes == 0)
		return 0;
	if ((e = vk_copyin(&p->vm, v, utimes, sizeof(v))) != 0)
		return e;
	for (int i = 0; i < 2; i++) {
		long ns = (int32_t)(uint32_t)v[2 * i + 1];	/* a 32-bit process's nsec */

		if (ns != G_UTIME_NOW && ns != G_UTIME_OMIT && (ns < 0 || ns > 999999999))
			return VK_EINVAL;
		ts[i].tv_sec = (time_t)v[2 * i];
		ts[i].tv_nsec = ns == G_UTIME_NOW ? UTIME_NOW : ns == G_UTIME_OMIT ? UTIME_OMIT : ns;
	}
	*tsp = ts;
	return 0;
}

int
vk_sys_utimensat(struct vk_proc *p, struct vk_msg_utimensat *m)
{
	char path[VK_PATH_MAX];
	struct timespec ts[2], *tsp;
	struct vk_file *f;
	int nofollow = (m->flags & G_AT_SYMLINK_NOFOLLOW) != 0;
	int fd, e;

	if ((e = get_times(p, m->times, ts, &tsp)) != 0)
		return e;
	if ((m->flags & ~(uint32_t)(G_AT_SYMLINK_NOFOLLOW | G_AT_EMPTY_PATH)) != 0)
		return VK_EINVAL;
	if (m->path == 0) {	/* Linux's futimens: the descriptor itself */
		if (m->dirfd == G_AT_FDCWD)
			return VK_EFAULT;
		if (m->flags != 0)
			return VK_EINVAL;
		if ((f = vk_fd_get(&p->fds, m->dirfd)) == NULL)
			return VK_EBADF;
		return futimens(f->hostfd, tsp) != 0 ? vk_errno_host(errno) : 0;
	}
	if ((e = vk_copyinstr(&p->vm, path, m->path, sizeof(path))) != 0)
		return e;
	if ((e = at_object(p, m->dirfd, path, nofollow, (m->flags & G_AT_EMPTY_PATH) != 0, &fd)) != 0)
		return e;
	e = utimensat(fd, "", tsp, AT_EMPTY_PATH | (nofollow ? AT_SYMLINK_NOFOLLOW : 0)) != 0 ?
	    vk_errno_host(errno) : 0;
	close(fd);
	return e;
}

int
vk_sys_umask(struct vk_proc *p, struct vk_msg_umask *m)
{
	(void)p;
	m->hdr.ms_result = umask((mode_t)(m->mask & 0777));
	return 0;
}

/* truncate: the host truncates the inode resolved in the root (never opened,
 * so a FIFO does not block: it gets EINVAL, a directory EISDIR). */
int
vk_sys_truncate(struct vk_proc *p, struct vk_msg_truncate *m)
{
	char path[VK_PATH_MAX], link[32];
	int fd, e;

	if ((e = vk_copyinstr(&p->vm, path, m->path, sizeof(path))) != 0)
		return e;
	if (m->length < 0)
		return VK_EINVAL;
	if ((e = vk_fs_open(&p->fs, path, O_PATH, 0, &fd)) != 0)
		return e;
	fd_path(fd, link);
	e = truncate(link, (off_t)m->length) != 0 ? vk_errno_host(errno) : 0;
	close(fd);
	return e;
}

int
vk_sys_ftruncate(struct vk_proc *p, struct vk_msg_ftruncate *m)
{
	struct vk_file *f = vk_fd_get(&p->fds, m->fd);

	if (f == NULL)
		return VK_EBADF;
	return ftruncate(f->hostfd, (off_t)m->length) != 0 ? vk_errno_host(errno) : 0;
}

/* The statfs outputs both messages share. */
#define FILL_STATFS(m, s) do {						\
	(m)->type = (int64_t)(s).f_type;	(m)->bsize = (int64_t)(s).f_bsize;	\
	(m)->blocks = (int64_t)(s).f_blocks;	(m)->bfree = (int64_t)(s).f_bfree;	\
	(m)->bavail = (int64_t)(s).f_bavail;	(m)->files = (int64_t)(s).f_files;	\
	(m)->ffree = (int64_t)(s).f_ffree;					\
	memcpy(&(m)->fsid0, (const char *)&(s).f_fsid, 4);			\
	memcpy(&(m)->fsid1, (const char *)&(s).f_fsid + 4, 4);			\
	(m)->namelen = (int64_t)(s).f_namelen;	(m)->frsize = (int64_t)(s).f_frsize;	\
	(m)->flags = (int64_t)(s).f_flags;					\
} while (0)

int
vk_sys_statfs(struct vk_proc *p, struct vk_msg_statfs *m)
{
	char path[VK_PATH_MAX];
	struct statfs s;
	int fd, e;

	if ((e = vk_copyinstr(&p->vm, path, m->path, sizeof(path))) != 0)
		return e;
	if ((e = vk_fs_open(&p->fs, path, O_PATH, 0, &fd)) != 0)
		return e;
	e = fstatfs(fd, &s) != 0 ? vk_errno_host(errno) : 0;
	close(fd);
	if (e == 0)
		FILL_STATFS(m, s);
	return e;
}

int
vk_sys_fstatfs(struct vk_proc *p, struct vk_msg_fstatfs *m)
{
	struct vk_file *f = vk_fd_get(&p->fds, m->fd);
	struct statfs s;

	if (f == NULL)
		return VK_EBADF;
	if (fstatfs(f->hostfd, &s) != 0)
		return vk_errno_host(errno);
	FILL_STATFS(m, s);
	return 0;
}

/* ---- the descriptor table ---- */

int
vk_sys_dup(struct vk_proc *p, struct vk_msg_dup *m)
{
	int fd = vk_fd_dup(&p->fds, m->fd, 0, 0);

	if (fd < 0)
		return -fd;
	m->hdr.ms_result = fd;
	return 0;
}

int
vk_sys_dup3(struct vk_proc *p, struct vk_msg_dup3 *m)
{
	int fd;

	if ((m->flags & ~(uint32_t)VK_O_CLOEXEC) != 0 || m->oldfd == m->newfd)
		return VK_EINVAL;
	fd = vk_fd_dup2(&p->fds, m->oldfd, m->newfd, (m->flags & VK_O_CLOEXEC) != 0);
	if (fd < 0)
		return -fd;
	m->hdr.ms_result = fd;
	return 0;
}

/* Open-file status flags between the host's and the guest's values (F_GETFL,
 * F_SETFL); O_LARGEFILE, which the host sets on every 64-bit open, is left out. */
static const struct { int guest, host; } flmap[] = {
	{ VK_O_APPEND, O_APPEND }, { VK_O_NONBLOCK, O_NONBLOCK }, { VK_O_DSYNC, O_DSYNC },
	{ VK_O_SYNC, O_SYNC }, { VK_O_ASYNC, O_ASYNC }, { VK_O_DIRECT, O_DIRECT },
	{ VK_O_DIRECTORY, O_DIRECTORY }, { VK_O_NOFOLLOW, O_NOFOLLOW }, { VK_O_NOATIME, O_NOATIME },
	{ VK_O_PATH, O_PATH }, { VK_O_TMPFILE & ~VK_O_DIRECTORY, O_TMPFILE & ~O_DIRECTORY },
};

static uint32_t
guest_fl(int h)
{
	uint32_t g = (uint32_t)(h & O_ACCMODE);

	for (size_t i = 0; i < sizeof(flmap) / sizeof(flmap[0]); i++)
		if ((h & flmap[i].host) == flmap[i].host)
			g |= (uint32_t)flmap[i].guest;
	return g;
}

/* F_SETFL: the flags Linux lets a program change (O_ASYNC is accepted and
 * ignored: there is no SIGIO for a guest yet). */
static int
host_setfl(uint32_t g)
{
	int h = 0;

	if (g & VK_O_APPEND)	h |= O_APPEND;
	if (g & VK_O_NONBLOCK)	h |= O_NONBLOCK;
	if (g & VK_O_DIRECT)	h |= O_DIRECT;
	if (g & VK_O_NOATIME)	h |= O_NOATIME;
	return h;
}

int
vk_sys_fcntl(struct vk_proc *p, struct vk_msg_fcntl *m)
{
	struct vk_file *f = vk_fd_get(&p->fds, m->fd);
	int r;

	if (f == NULL)
		return VK_EBADF;
	switch (m->cmd) {
	case G_F_DUPFD:
	case G_F_DUPFD_CLOEXEC:
		if (m->arg >= VK_NOFILE)
			return VK_EINVAL;
		r = vk_fd_dup(&p->fds, m->fd, (int)m->arg, m->cmd == G_F_DUPFD_CLOEXEC);
		break;
	case G_F_GETFD:
		r = vk_fd_cloexec(&p->fds, m->fd, -1) > 0 ? G_FD_CLOEXEC : 0;
		break;
	case G_F_SETFD:
		r = vk_fd_cloexec(&p->fds, m->fd, (m->arg & G_FD_CLOEXEC) != 0);
		r = r < 0 ? r : 0;
		break;
	case G_F_GETFL:
		if ((r = fcntl(f->hostfd, F_GETFL)) < 0)
			return vk_errno_host(errno);
		r = (int)guest_fl(r);
		break;
	case G_F_SETFL:
		if (fcntl(f->hostfd, F_SETFL, host_setfl(m->arg)) != 0)
			return vk_errno_host(errno);
		r = 0;
		break;
	case G_F_SETPIPE_SZ: case G_F_GETPIPE_SZ: case G_F_ADD_SEALS: case G_F_GET_SEALS:
		if ((r = fcntl(f->hostfd, m->cmd == G_F_SETPIPE_SZ ? F_SETPIPE_SZ :
		    m->cmd == G_F_GETPIPE_SZ ? F_GETPIPE_SZ : m->cmd == G_F_ADD_SEALS ? F_ADD_SEALS :
		    F_GET_SEALS, (int)m->arg)) < 0)
			return vk_errno_host(errno);
		break;
	default:
		return VK_EINVAL;	/* owners, signals, leases, notify: not for a guest yet */
	}
	if (r < 0)
		return -r;
	m->hdr.ms_result = r;
	return 0;
}

/* Record locks, POSIX (per process: vkrun's) or OFD (per open file), done by
 * the host; F_GETLK reports a conflicting lock's holder as the host sees it. */
int
vk_sys_fcntl_lock(struct vk_proc *p, struct vk_msg_fcntl_lock *m)
{
	struct vk_file *f = vk_fd_get(&p->fds, m->fd);
	struct flock fl;
	int cmd, r;

	if (f == NULL)
		return VK_EBADF;
	switch (m->cmd) {
	case G_F_GETLK:		cmd = F_GETLK; break;
	case G_F_SETLK:		cmd = F_SETLK; break;
	case G_F_SETLKW:	cmd = F_SETLKW; break;
	case G_F_OFD_GETLK:	cmd = F_OFD_GETLK; break;
	case G_F_OFD_SETLK:	cmd = F_OFD_SETLK; break;
	case G_F_OFD_SETLKW:	cmd = F_OFD_SETLKW; break;
	default:		return VK_EINVAL;
	}
	memset(&fl, 0, sizeof(fl));
	fl.l_type = (short)m->type;	/* F_RDLCK, F_WRLCK, F_UNLCK and whence: the same numbers */
	fl.l_whence = (short)m->whence;
	fl.l_start = (off_t)m->start;
	fl.l_len = (off_t)m->len;
	do
		r = fcntl(f->hostfd, cmd, &fl);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return vk_errno_host(errno);
	m->otype = fl.l_type;
	m->owhence = fl.l_whence;
	m->ostart = fl.l_start;
	m->olen = fl.l_len;
	m->opid = fl.l_pid;
	return 0;
}

int
vk_sys_flock(struct vk_proc *p, struct vk_msg_flock *m)
{
	struct vk_file *f = vk_fd_get(&p->fds, m->fd);
	int r;

	if (f == NULL)
		return VK_EBADF;
	do
		r = flock(f->hostfd, m->op);	/* LOCK_SH 1, LOCK_EX 2, LOCK_NB 4, LOCK_UN 8: Linux's */
	while (r < 0 && errno == EINTR);
	return r != 0 ? vk_errno_host(errno) : 0;
}

/* pipe2: a host pipe, both ends in the table; O_CLOEXEC is per descriptor. */
int
vk_sys_pipe2(struct vk_proc *p, struct vk_msg_pipe2 *m)
{
	int h[2], g[2], e;

	if ((m->flags & ~(uint32_t)(VK_O_CLOEXEC | VK_O_NONBLOCK | VK_O_DIRECT)) != 0)
		return VK_EINVAL;
	if (vk_guest_ptr(&p->vm, m->fds, sizeof(g), VK_ACC_WRITE) == NULL)
		return VK_EFAULT;
	if (pipe2(h, O_CLOEXEC | ((m->flags & VK_O_NONBLOCK) ? O_NONBLOCK : 0) |
	    ((m->flags & VK_O_DIRECT) ? O_DIRECT : 0)) != 0)
		return vk_errno_host(errno);
	if ((g[0] = vk_fd_install(&p->fds, h[0], (m->flags & VK_O_CLOEXEC) != 0)) < 0) {
		close(h[0]);
		close(h[1]);
		return -g[0];
	}
	if ((g[1] = vk_fd_install(&p->fds, h[1], (m->flags & VK_O_CLOEXEC) != 0)) < 0) {
		vk_fd_close(&p->fds, g[0]);
		close(h[1]);
		return -g[1];
	}
	if ((e = vk_copyout(&p->vm, m->fds, g, sizeof(g))) != 0) {
		vk_fd_close(&p->fds, g[0]);
		vk_fd_close(&p->fds, g[1]);
		return e;
	}
	return 0;
}

/* ---- open files: positioned I/O, sendfile, space, sync ---- */

int
vk_sys_pread(struct vk_proc *p, struct vk_msg_pread *m)
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
		r = pread(f->hostfd, buf, n, (off_t)m->offset);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return vk_errno_host(errno);
	m->hdr.ms_result = r;
	return 0;
}

int
vk_sys_pwrite(struct vk_proc *p, struct vk_msg_pwrite *m)
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
		r = pwrite(f->hostfd, buf, n, (off_t)m->offset);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return vk_errno_host(errno);
	m->hdr.ms_result = r;
	return 0;
}

int
vk_sys_sendfile(struct vk_proc *p, struct vk_msg_sendfile *m)
{
	struct vk_file *out = vk_fd_get(&p->fds, m->outfd), *in = vk_fd_get(&p->fds, m->infd);
	uint32_t n = m->count > MAX_IO ? MAX_IO : m->count;
	int64_t off = 0;
	off_t hoff;
	ssize_t r;
	int e;

	if (out == NULL || in == NULL)
		return VK_EBADF;
	if (m->offset != 0 && (e = vk_copyin(&p->vm, &off, m->offset, sizeof(off))) != 0)
		return e;
	/* Never block the host while other processes could feed or drain a pipe. */
	if (vk_io_would_block(p, in->hostfd, 0, &n) != 0 || vk_io_would_block(p, out->hostfd, 1, &n) != 0)
		return VK_BLOCK;
	hoff = (off_t)off;
	do
		r = sendfile(out->hostfd, in->hostfd, m->offset != 0 ? &hoff : NULL, n);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return vk_errno_host(errno);
	off = hoff;
	if (m->offset != 0 && (e = vk_copyout(&p->vm, m->offset, &off, sizeof(off))) != 0)
		return e;
	m->hdr.ms_result = r;
	return 0;
}

#define G_UIO_MAXIOV	1024

/* Guest iovecs (u32 base, u32 len) to host ones, every buffer checked. */
static int
guest_iov(struct vk_proc *p, uint32_t uiov, int32_t cnt, int access, struct iovec *iov)
{
	uint32_t v[2];

	if (cnt < 0 || cnt > G_UIO_MAXIOV)
		return VK_EINVAL;
	for (int32_t i = 0; i < cnt; i++) {
		if (vk_copyin(&p->vm, v, uiov + 8 * (uint32_t)i, sizeof(v)) != 0)
			return VK_EFAULT;
		if ((int32_t)v[1] < 0)
			return VK_EINVAL;
		if ((iov[i].iov_base = vk_guest_ptr(&p->vm, v[0], v[1], access)) == NULL)
			return VK_EFAULT;
		iov[i].iov_len = v[1];
	}
	return 0;
}

/* preadv2/pwritev2: offset -1 is the file's own position. */
static int
rw_at(struct vk_proc *p, int32_t fd, uint32_t uiov, int32_t cnt, int64_t off, uint32_t flags,
    int writing, int64_t *result)
{
	struct vk_file *f = vk_fd_get(&p->fds, fd);
	struct iovec iov[G_UIO_MAXIOV];
	ssize_t r;
	int e;

	if (f == NULL)
		return VK_EBADF;
	if (off < -1)
		return VK_EINVAL;
	if ((e = guest_iov(p, uiov, cnt, writing ? VK_ACC_READ : VK_ACC_WRITE, iov)) != 0)
		return e;
	do
		r = writing ? pwritev2(f->hostfd, iov, cnt, (off_t)off, (int)flags) :
		    preadv2(f->hostfd, iov, cnt, (off_t)off, (int)flags);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return vk_errno_host(errno);
	*result = r;
	return 0;
}

int
vk_sys_preadv(struct vk_proc *p, struct vk_msg_preadv *m)
{
	return rw_at(p, m->fd, m->iov, m->iovcnt, m->offset, m->flags, 0, &m->hdr.ms_result);
}

int
vk_sys_pwritev(struct vk_proc *p, struct vk_msg_pwritev *m)
{
	return rw_at(p, m->fd, m->iov, m->iovcnt, m->offset, m->flags, 1, &m->hdr.ms_result);
}

int
vk_sys_fallocate(struct vk_proc *p, struct vk_msg_fallocate *m)
{
	struct vk_file *f = vk_fd_get(&p->fds, m->fd);

	if (f == NULL)
		return VK_EBADF;
	return fallocate(f->hostfd, m->mode, (off_t)m->offset, (off_t)m->len) != 0 ?
	    vk_errno_host(errno) : 0;	/* FALLOC_FL_*: Linux's values */
}

int
vk_sys_fadvise(struct vk_proc *p, struct vk_msg_fadvise *m)
{
	struct vk_file *f = vk_fd_get(&p->fds, m->fd);
	int e;

	if (f == NULL)
		return VK_EBADF;
	e = posix_fadvise(f->hostfd, (off_t)m->offset, (off_t)m->len, m->advice);	/* POSIX_FADV_*: the same */
	return e != 0 ? vk_errno_host(e) : 0;
}

#define G_CLOSE_RANGE_UNSHARE	2
#define G_CLOSE_RANGE_CLOEXEC	4

/* close_range: close (or mark close-on-exec) every open descriptor in
 * [FIRST, LAST]; the table is never shared, so CLOSE_RANGE_UNSHARE is moot. */
int
vk_sys_close_range(struct vk_proc *p, struct vk_msg_close_range *m)
{
	if ((m->flags & ~(uint32_t)(G_CLOSE_RANGE_UNSHARE | G_CLOSE_RANGE_CLOEXEC)) != 0 ||
	    m->first > m->last)
		return VK_EINVAL;
	for (uint32_t i = m->first; i <= m->last && i < VK_NOFILE; i++) {
		if (vk_fd_get(&p->fds, (int)i) == NULL)
			continue;
		if (m->flags & G_CLOSE_RANGE_CLOEXEC)
			vk_fd_cloexec(&p->fds, (int)i, 1);
		else
			vk_fd_close(&p->fds, (int)i);
	}
	return 0;
}

/* FN (fsync, fdatasync, syncfs) on guest descriptor FD's host descriptor. */
static int
sync_fd(struct vk_proc *p, int32_t fd, int (*fn)(int))
{
	struct vk_file *f = vk_fd_get(&p->fds, fd);

	if (f == NULL)
		return VK_EBADF;
	return fn(f->hostfd) != 0 ? vk_errno_host(errno) : 0;
}

int
vk_sys_fsync(struct vk_proc *p, struct vk_msg_fsync *m)
{
	return sync_fd(p, m->fd, fsync);
}

int
vk_sys_fdatasync(struct vk_proc *p, struct vk_msg_fdatasync *m)
{
	return sync_fd(p, m->fd, fdatasync);
}

int
vk_sys_syncfs(struct vk_proc *p, struct vk_msg_syncfs *m)
{
	return sync_fd(p, m->fd, syncfs);
}
