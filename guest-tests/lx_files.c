/*
 * guest-tests/lx_files.c: the Linux file and directory calls, as an ordinary
 * static glibc program (gcc -m32 -static, no vkcc) sees them, under vkrun's
 * Linux personality and natively alike.  It must pass natively too, which
 * is how its expectations are known to be Linux's:
 *
 *     gcc -m32 -static -O2 lx_files.c -o lx_files && (cd "$(mktemp -d)" && ./lx_files)
 *
 * It works in the current directory (a fresh scratch directory), makes
 * nothing outside it and removes what it made.  One function per area:
 *
 *  - directories: readdir sees exactly what was made, with d_type, and a
 *    32-bit program's readdir works (its d_off fit in 32 bits); rewinddir,
 *    telldir/seekdir; raw getdents64 with a small buffer returns the same
 *    names in several calls, EINVAL for a buffer too small for one record,
 *    ENOTDIR on a file, EBADF;
 *  - mkdir, mkdirat, rmdir, unlinkat (AT_REMOVEDIR) and their errors:
 *    EEXIST, ENOENT, ENOTDIR, EISDIR, ENOTEMPTY, EINVAL ("." and bad flags),
 *    ENAMETOOLONG, trailing slashes;
 *  - rename, renameat, renameat2 (RENAME_NOREPLACE), over files and
 *    directories: EISDIR, ENOTDIR, ENOTEMPTY, EINVAL (into itself), EBUSY;
 *  - link, linkat (AT_SYMLINK_FOLLOW or not), symlink, symlinkat, readlink,
 *    ELOOP, EPERM for a directory;
 *  - chmod, fchmod, fchmodat (and fchmodat2 where the host has it), chown,
 *    lchown, fchown, fchownat to the caller's own ids, and the 16-bit owner
 *    calls with -1;
 *  - utimensat (times, UTIME_NOW, UTIME_OMIT, NULL, AT_SYMLINK_NOFOLLOW),
 *    futimens, utimes, utime, futimesat and the 32-bit utimensat call;
 *  - umask, honoured by open(O_CREAT), mkdir and mknod;
 *  - dup, dup2, dup3, fcntl (F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_SETFD,
 *    F_GETFL, F_SETFL, F_GETLK/F_SETLK, OFD locks), flock, close_range:
 *    shared offsets and status flags, per-descriptor close-on-exec;
 *  - pipe and pipe2 (O_CLOEXEC, O_NONBLOCK), ESPIPE;
 *  - pread/pwrite (and past 4 GiB), preadv/pwritev (and the v2 forms),
 *    truncate, ftruncate (and their 64-bit forms), fallocate, posix_fadvise,
 *    fsync, fdatasync, sync, syncfs, sendfile, statfs, fstatfs, mknod
 *    (FIFO, regular), creat;
 *  - chdir, fchdir, getcwd, through symlinks and "..".
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <sys/file.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "check.h"

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE	1
#endif

/* Make NAME with CONTENT (NULL: empty). */
static void
make_file(const char *name, const char *content)
{
	int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	CHECK(fd >= 0);
	if (content != NULL)
		CHECK_EQ(write(fd, content, strlen(content)), (long long)strlen(content));
	CHECK_EQ(close(fd), 0);
}

/* NAME's whole content (up to 255 bytes), or "" if it cannot be read. */
static const char *
read_file(const char *name)
{
	static char buf[256];
	int fd = open(name, O_RDONLY);
	ssize_t n = fd < 0 ? 0 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	buf[n < 0 ? 0 : n] = '\0';
	return buf;
}

static struct stat64
st_of(const char *name)
{
	struct stat64 st;

	CHECK_EQ(stat64(name, &st), 0);
	return st;
}

static struct stat64
lst_of(const char *name)
{
	struct stat64 st;

	CHECK_EQ(lstat64(name, &st), 0);
	return st;
}

/* ---- directories ---- */

static void
check_readdir(void)
{
	const char *want[] = { ".", "..", "f1", "f2", "sub", "ln" };
	unsigned char type[] = { DT_DIR, DT_DIR, DT_REG, DT_REG, DT_DIR, DT_LNK };
	int seen[6] = { 0 }, n = 0, fd;
	struct dirent *e;
	long pos = -1;
	char second[256] = "";
	DIR *d;

	CHECK_EQ(mkdir("rd", 0755), 0);
	make_file("rd/f1", "1");
	make_file("rd/f2", "2");
	CHECK_EQ(mkdir("rd/sub", 0755), 0);
	CHECK_EQ(symlink("f1", "rd/ln"), 0);

	CHECK((d = opendir("rd")) != NULL);
	errno = 0;
	while ((e = readdir(d)) != NULL) {	/* a 32-bit off_t readdir: d_off must fit */
		int i;

		for (i = 0; i < 6 && strcmp(e->d_name, want[i]) != 0; i++)
			;
		CHECK(i < 6);
		CHECK_EQ(seen[i], 0);
		seen[i] = 1;
		if (e->d_type != DT_UNKNOWN)
			CHECK_EQ(e->d_type, type[i]);
		if (++n == 1)
			pos = telldir(d);
		else if (n == 2)
			snprintf(second, sizeof(second), "%s", e->d_name);
	}
	CHECK_EQ(errno, 0);
	CHECK_EQ(n, 6);
	seekdir(d, pos);			/* back to the second entry */
	CHECK((e = readdir(d)) != NULL);
	CHECK(strcmp(e->d_name, second) == 0);
	rewinddir(d);
	for (n = 0; readdir(d) != NULL; n++)
		;
	CHECK_EQ(n, 6);
	CHECK_EQ(closedir(d), 0);

	/* Raw getdents64 with room for two records (24 bytes each here) a call. */
	CHECK((fd = open("rd", O_RDONLY | O_DIRECTORY)) >= 0);
	{
		char buf[56] __attribute__((aligned(8)));
		long r;
		int calls = 0;

		n = 0;
		while ((r = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
			calls++;
			for (long off = 0; off < r;) {
				unsigned short reclen;

				memcpy(&reclen, buf + off + 16, 2);
				CHECK(reclen >= 20 && off + reclen <= r);
				n++;
				off += reclen;
			}
		}
		CHECK_EQ(r, 0);
		CHECK_EQ(n, 6);
		CHECK(calls >= 3);
		CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
		CHECK_ERR(syscall(SYS_getdents64, fd, buf, 8), EINVAL);	/* too small for one */
	}
	CHECK_EQ(close(fd), 0);
	CHECK((fd = open("rd/f1", O_RDONLY)) >= 0);
	{
		char buf[4096];

		CHECK_ERR(syscall(SYS_getdents64, fd, buf, sizeof(buf)), ENOTDIR);
		CHECK_EQ(close(fd), 0);
		CHECK_ERR(syscall(SYS_getdents64, fd, buf, sizeof(buf)), EBADF);
	}
	CHECK_PTR_ERR(opendir("rd/f1"), NULL, ENOTDIR);
	CHECK_PTR_ERR(opendir("rd/none"), NULL, ENOENT);
}

/* ---- mkdir, rmdir, unlinkat ---- */

static void
check_mkdir_rmdir(void)
{
	char longname[300];
	int dfd;

	CHECK_EQ(mkdir("md", 0755), 0);
	CHECK_ERR(mkdir("md", 0755), EEXIST);
	CHECK_ERR(mkdir("md/", 0755), EEXIST);
	CHECK_ERR(mkdir("md/.", 0755), EEXIST);
	CHECK_ERR(mkdir("none/x", 0755), ENOENT);
	make_file("md/file", "x");
	CHECK_ERR(mkdir("md/file/x", 0755), ENOTDIR);
	CHECK_EQ(mkdir("md/trail/", 0755), 0);		/* a trailing slash is fine for mkdir */
	CHECK(S_ISDIR(st_of("md/trail").st_mode));
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	CHECK_ERR(mkdir(longname, 0755), ENAMETOOLONG);

	CHECK((dfd = open("md", O_RDONLY | O_DIRECTORY)) >= 0);
	CHECK_EQ(mkdirat(dfd, "at", 0755), 0);
	CHECK(S_ISDIR(st_of("md/at").st_mode));
	CHECK_ERR(mkdirat(dfd, "at", 0755), EEXIST);
	CHECK_ERR(mkdirat(9999, "x", 0755), EBADF);
	{
		int ffd = open("md/file", O_RDONLY);

		CHECK(ffd >= 0);
		CHECK_ERR(mkdirat(ffd, "x", 0755), ENOTDIR);	/* relative to a file */
		CHECK_EQ(close(ffd), 0);
	}

	/* rmdir and its errors. */
	CHECK_ERR(rmdir("md"), ENOTEMPTY);
	CHECK_ERR(rmdir("md/file"), ENOTDIR);
	CHECK_ERR(rmdir("md/none"), ENOENT);
	CHECK_ERR(rmdir("."), EINVAL);
	CHECK_ERR(rmdir("md/at/."), EINVAL);
	CHECK_ERR(rmdir("md/at/.."), ENOTEMPTY);
	CHECK_ERR(rmdir(""), ENOENT);
	CHECK_EQ(rmdir("md/trail/"), 0);

	/* unlinkat: files, and directories with AT_REMOVEDIR only. */
	CHECK_ERR(unlinkat(dfd, "at", 0), EISDIR);
	CHECK_ERR(unlinkat(dfd, "at", 0x1234), EINVAL);
	CHECK_ERR(unlinkat(dfd, "file", AT_REMOVEDIR), ENOTDIR);
	CHECK_ERR(unlinkat(dfd, "file/", 0), ENOTDIR);
	CHECK_ERR(unlinkat(dfd, "none", 0), ENOENT);
	CHECK_ERR(unlinkat(dfd, ".", AT_REMOVEDIR), EINVAL);
	CHECK_ERR(unlinkat(AT_FDCWD, "md/.", 0), EISDIR);
	CHECK_EQ(unlinkat(dfd, "at", AT_REMOVEDIR), 0);
	CHECK_EQ(unlinkat(dfd, "file", 0), 0);
	CHECK_ERR(access("md/file", F_OK), ENOENT);
	CHECK_EQ(close(dfd), 0);
	CHECK_EQ(unlinkat(AT_FDCWD, "md", AT_REMOVEDIR), 0);
	CHECK_ERR(access("md", F_OK), ENOENT);
}

/* ---- rename ---- */

static void
check_rename(void)
{
	int a, b;

	CHECK_EQ(mkdir("rn", 0755), 0);
	make_file("rn/a", "A");
	CHECK_EQ(rename("rn/a", "rn/b"), 0);
	CHECK_ERR(access("rn/a", F_OK), ENOENT);
	CHECK(strcmp(read_file("rn/b"), "A") == 0);
	make_file("rn/c", "C");
	CHECK_EQ(rename("rn/c", "rn/b"), 0);		/* replaces a file */
	CHECK(strcmp(read_file("rn/b"), "C") == 0);
	CHECK_ERR(rename("rn/none", "rn/x"), ENOENT);
	CHECK_ERR(rename("rn/b", "rn/none/x"), ENOENT);

	CHECK_EQ(mkdir("rn/d1", 0755), 0);
	CHECK_EQ(mkdir("rn/d2", 0755), 0);
	CHECK_EQ(rename("rn/d1", "rn/d2"), 0);		/* onto an empty directory */
	CHECK_ERR(access("rn/d1", F_OK), ENOENT);
	CHECK_EQ(mkdir("rn/d1", 0755), 0);
	make_file("rn/d2/in", NULL);
	CHECK_ERR(rename("rn/d1", "rn/d2"), ENOTEMPTY);
	CHECK_ERR(rename("rn/b", "rn/d1"), EISDIR);
	CHECK_ERR(rename("rn/d1", "rn/b"), ENOTDIR);
	CHECK_ERR(rename("rn/d2", "rn/d2/in2"), EINVAL);	/* into itself */
	CHECK_ERR(rename("rn/b", "rn/b2/"), ENOTDIR);	/* a file cannot take a slash */
	CHECK_ERR(rename("rn/b/", "rn/b2"), ENOTDIR);
	CHECK_EQ(rename("rn/d1/", "rn/d3/"), 0);		/* a directory can */
	CHECK(S_ISDIR(st_of("rn/d3").st_mode));
	CHECK_ERR(rename("rn/.", "rn/x"), EBUSY);
	CHECK_ERR(rename("rn/b", "rn/d3/.."), EBUSY);
	CHECK_EQ(rename("rn/b", "rn/b"), 0);		/* the same file: nothing to do */

	/* renameat with directory descriptors, renameat2. */
	CHECK((a = open("rn/d2", O_RDONLY | O_DIRECTORY)) >= 0);
	CHECK((b = open("rn/d3", O_RDONLY | O_DIRECTORY)) >= 0);
	CHECK_EQ(renameat(a, "in", b, "moved"), 0);
	CHECK_EQ(access("rn/d3/moved", F_OK), 0);
	CHECK_ERR(renameat(a, "in", b, "x"), ENOENT);
	CHECK_ERR(renameat(12345, "in", b, "x"), EBADF);
	make_file("rn/d2/other", NULL);
	CHECK_ERR(renameat2(a, "other", b, "moved", RENAME_NOREPLACE), EEXIST);
	CHECK_ERR(renameat2(a, "other", b, "moved", 0x80), EINVAL);
	CHECK_EQ(renameat2(a, "other", b, "new", 0), 0);
	CHECK_EQ(renameat2(b, "new", a, "back", RENAME_NOREPLACE), 0);
	CHECK_EQ(access("rn/d2/back", F_OK), 0);
	CHECK_EQ(close(a), 0);
	CHECK_EQ(close(b), 0);

	CHECK_EQ(unlink("rn/d2/back"), 0);
	CHECK_EQ(unlink("rn/d3/moved"), 0);
	CHECK_EQ(unlink("rn/b"), 0);
	CHECK_EQ(rmdir("rn/d2"), 0);
	CHECK_EQ(rmdir("rn/d3"), 0);
	CHECK_EQ(rmdir("rn"), 0);
}

/* ---- links ---- */

static void
check_links(void)
{
	char buf[64];
	struct stat64 a, b;
	int dfd;

	CHECK_EQ(mkdir("lk", 0755), 0);
	make_file("lk/t", "target");
	CHECK_EQ(link("lk/t", "lk/h"), 0);
	a = st_of("lk/t");
	b = st_of("lk/h");
	CHECK_EQ(a.st_ino, b.st_ino);
	CHECK_EQ(a.st_nlink, 2);
	CHECK_ERR(link("lk/t", "lk/h"), EEXIST);
	CHECK_ERR(link("lk/none", "lk/x"), ENOENT);
	CHECK_ERR(link("lk", "lk/dirlink"), EPERM);
	CHECK_ERR(link("lk/t", "lk/none/x"), ENOENT);
	CHECK_ERR(link("lk/t", "lk/x/"), ENOENT);
	CHECK_ERR(link("lk/t/", "lk/x"), ENOTDIR);

	/* symlink, readlink, lstat, stat through it. */
	CHECK_EQ(symlink("t", "lk/s"), 0);
	CHECK_EQ(readlink("lk/s", buf, sizeof(buf)), 1);
	CHECK_EQ(buf[0], 't');
	CHECK_EQ(readlink("lk/s", buf, 1), 1);		/* truncated, no NUL */
	CHECK(S_ISLNK(lst_of("lk/s").st_mode));
	CHECK_EQ(st_of("lk/s").st_ino, a.st_ino);
	CHECK_ERR(symlink("t", "lk/s"), EEXIST);
	CHECK_ERR(symlink("t", "lk/none/s"), ENOENT);
	CHECK_ERR(symlink("", "lk/empty"), ENOENT);
	CHECK_ERR(readlink("lk/t", buf, sizeof(buf)), EINVAL);
	CHECK_EQ(symlink("nowhere", "lk/dangling"), 0);
	{
		struct stat64 st;

		CHECK_ERR(stat64("lk/dangling", &st), ENOENT);
		CHECK_EQ(symlink("loop", "lk/loop"), 0);
		CHECK_ERR(stat64("lk/loop", &st), ELOOP);
		CHECK_ERR(chmod("lk/loop", 0644), ELOOP);
	}

	/* linkat: a symlink itself, or (AT_SYMLINK_FOLLOW) what it names. */
	CHECK((dfd = open("lk", O_RDONLY | O_DIRECTORY)) >= 0);
	CHECK_EQ(linkat(dfd, "s", dfd, "s_hard", 0), 0);
	CHECK(S_ISLNK(lst_of("lk/s_hard").st_mode));
	CHECK_EQ(linkat(dfd, "s", dfd, "t_hard", AT_SYMLINK_FOLLOW), 0);
	CHECK(S_ISREG(lst_of("lk/t_hard").st_mode));
	CHECK_EQ(lst_of("lk/t_hard").st_ino, a.st_ino);
	CHECK_EQ(st_of("lk/t").st_nlink, 3);
	CHECK_ERR(linkat(dfd, "s", dfd, "x", 0x8000), EINVAL);
	CHECK_ERR(linkat(dfd, "t", dfd, ".", 0), EEXIST);

	/* symlinkat relative to a directory descriptor. */
	CHECK_EQ(symlinkat("t", dfd, "s2"), 0);
	CHECK_EQ(readlinkat(dfd, "s2", buf, sizeof(buf)), 1);
	CHECK(strcmp(read_file("lk/s2"), "target") == 0);
	CHECK_ERR(symlinkat("t", 4321, "s3"), EBADF);
	CHECK_EQ(close(dfd), 0);

	const char *names[] = { "t", "h", "s", "dangling", "loop", "s_hard", "t_hard", "s2" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char p[32];

		snprintf(p, sizeof(p), "lk/%s", names[i]);
		CHECK_EQ(unlink(p), 0);
	}
	CHECK_EQ(rmdir("lk"), 0);
}

/* ---- mode and owner ---- */

static void
check_mode_owner(void)
{
	uid_t uid = getuid();
	gid_t gid = getgid();
	int fd, dfd;
	long r;

	CHECK_EQ(mkdir("mo", 0755), 0);
	make_file("mo/f", "x");
	CHECK_EQ(chmod("mo/f", 0640), 0);
	CHECK_EQ(st_of("mo/f").st_mode & 07777, 0640);
	CHECK_EQ(chmod("mo/f", 04751), 0);		/* set-id bits kept for the owner */
	CHECK_EQ(st_of("mo/f").st_mode & 07777, 04751);
	CHECK_ERR(chmod("mo/none", 0644), ENOENT);
	CHECK_ERR(chmod("mo/f/x", 0644), ENOTDIR);
	CHECK_EQ(symlink("f", "mo/s"), 0);
	CHECK_EQ(chmod("mo/s", 0604), 0);			/* follows the link */
	CHECK_EQ(st_of("mo/f").st_mode & 07777, 0604);
	CHECK(S_ISLNK(lst_of("mo/s").st_mode));

	CHECK((fd = open("mo/f", O_RDONLY)) >= 0);
	CHECK_EQ(fchmod(fd, 0600), 0);
	CHECK_EQ(st_of("mo/f").st_mode & 07777, 0600);
	CHECK_ERR(fchmod(777, 0600), EBADF);
	CHECK((dfd = open("mo", O_RDONLY | O_DIRECTORY)) >= 0);
	CHECK_EQ(fchmodat(dfd, "f", 0644, 0), 0);
	CHECK_EQ(st_of("mo/f").st_mode & 07777, 0644);
	CHECK_ERR(fchmodat(dfd, "none", 0644, 0), ENOENT);
	/* fchmodat's system call has no flags; fchmodat2 (Linux 6.6) has. */
	r = syscall(SYS_fchmodat, dfd, "f", 0640, AT_SYMLINK_NOFOLLOW);
	CHECK_EQ(r, 0);
	CHECK_EQ(st_of("mo/f").st_mode & 07777, 0640);
	errno = 0;
	r = syscall(452, dfd, "s", 0600, AT_SYMLINK_NOFOLLOW);
	if (r != 0 || errno != ENOSYS) {		/* the host has fchmodat2 */
		CHECK_EQ(r, -1);
		CHECK_EQ(errno, EOPNOTSUPP);		/* a symlink's mode cannot change */
		CHECK_EQ(syscall(452, dfd, "f", 0600, AT_SYMLINK_NOFOLLOW), 0);
		CHECK_EQ(st_of("mo/f").st_mode & 07777, 0600);
		CHECK_ERR(syscall(452, dfd, "f", 0600, 0x8000), EINVAL);
	}

	/* Owners: to the caller's own ids, which is always allowed. */
	CHECK_EQ(chown("mo/f", uid, gid), 0);
	CHECK_EQ(chown("mo/f", (uid_t)-1, (gid_t)-1), 0);
	CHECK_EQ(lchown("mo/s", uid, gid), 0);
	CHECK_EQ(fchown(fd, uid, (gid_t)-1), 0);
	CHECK_EQ(fchownat(dfd, "s", uid, gid, AT_SYMLINK_NOFOLLOW), 0);
	CHECK_EQ(fchownat(dfd, "f", (uid_t)-1, gid, 0), 0);
	CHECK_EQ(fchownat(fd, "", uid, gid, AT_EMPTY_PATH), 0);
	CHECK_ERR(fchownat(dfd, "f", uid, gid, 0x8000), EINVAL);
	CHECK_ERR(chown("mo/none", uid, gid), ENOENT);
	CHECK_ERR(lchown("mo/none", uid, gid), ENOENT);
	CHECK_ERR(fchown(777, uid, gid), EBADF);
	CHECK_EQ(st_of("mo/f").st_uid, uid);
	CHECK_EQ(st_of("mo/f").st_gid, gid);
	/* The 16-bit calls: 0xffff is -1, "unchanged". */
	CHECK_EQ(syscall(SYS_chown, "mo/f", 0xffff, 0xffff), 0);
	CHECK_EQ(syscall(SYS_lchown, "mo/s", 0xffff, 0xffff), 0);
	CHECK_EQ(syscall(SYS_fchown, fd, 0xffff, 0xffff), 0);
	CHECK_ERR(syscall(SYS_chown, "mo/none", 0xffff, 0xffff), ENOENT);
	CHECK_EQ(st_of("mo/f").st_uid, uid);

	CHECK_EQ(close(fd), 0);
	CHECK_EQ(close(dfd), 0);
	CHECK_EQ(unlink("mo/s"), 0);
	CHECK_EQ(unlink("mo/f"), 0);
	CHECK_EQ(rmdir("mo"), 0);
}

/* ---- times ---- */

static void
check_times(void)
{
	struct timespec ts[2];
	struct stat64 st;
	time_t now = time(NULL);
	int fd;

	make_file("tm", "x");
	ts[0].tv_sec = 1000000000;
	ts[0].tv_nsec = 500000000;
	ts[1].tv_sec = 1200000000;
	ts[1].tv_nsec = 250000000;
	CHECK_EQ(utimensat(AT_FDCWD, "tm", ts, 0), 0);
	st = st_of("tm");
	CHECK_EQ(st.st_atime, 1000000000);
	CHECK_EQ(st.st_atim.tv_nsec, 500000000);
	CHECK_EQ(st.st_mtime, 1200000000);
	CHECK_EQ(st.st_mtim.tv_nsec, 250000000);

	ts[0].tv_nsec = UTIME_OMIT;			/* atime stays */
	ts[1].tv_sec = 1300000000;
	ts[1].tv_nsec = 0;
	CHECK_EQ(utimensat(AT_FDCWD, "tm", ts, 0), 0);
	st = st_of("tm");
	CHECK_EQ(st.st_atime, 1000000000);
	CHECK_EQ(st.st_mtime, 1300000000);
	ts[0].tv_nsec = UTIME_NOW;
	ts[1].tv_nsec = UTIME_OMIT;
	CHECK_EQ(utimensat(AT_FDCWD, "tm", ts, 0), 0);
	st = st_of("tm");
	CHECK(st.st_atime >= now - 5 && st.st_atime <= now + 5);
	CHECK_EQ(st.st_mtime, 1300000000);
	CHECK_EQ(utimensat(AT_FDCWD, "tm", NULL, 0), 0);
	CHECK(st_of("tm").st_mtime >= now - 5);

	ts[0].tv_nsec = 1000000000;			/* out of range */
	CHECK_ERR(utimensat(AT_FDCWD, "tm", ts, 0), EINVAL);
	ts[0].tv_nsec = 0;
	ts[1].tv_nsec = 0;
	CHECK_ERR(utimensat(AT_FDCWD, "tm", ts, 0x8000), EINVAL);
	CHECK_ERR(utimensat(AT_FDCWD, "none", ts, 0), ENOENT);
	CHECK_ERR(utimensat(AT_FDCWD, "", ts, 0), ENOENT);

	/* AT_SYMLINK_NOFOLLOW: the link's own times. */
	CHECK_EQ(symlink("tm", "tm_link"), 0);
	ts[0].tv_sec = ts[1].tv_sec = 1100000000;
	CHECK_EQ(utimensat(AT_FDCWD, "tm_link", ts, AT_SYMLINK_NOFOLLOW), 0);
	CHECK_EQ(lst_of("tm_link").st_mtime, 1100000000);
	CHECK(st_of("tm").st_mtime != 1100000000);
	CHECK_EQ(utimensat(AT_FDCWD, "tm_link", ts, 0), 0);
	CHECK_EQ(st_of("tm").st_mtime, 1100000000);

	/* futimens, and utimensat on a descriptor with AT_EMPTY_PATH. */
	CHECK((fd = open("tm", O_RDONLY)) >= 0);
	ts[1].tv_sec = 1400000000;
	CHECK_EQ(futimens(fd, ts), 0);
	CHECK_EQ(st_of("tm").st_mtime, 1400000000);
	ts[1].tv_sec = 1410000000;
	CHECK_EQ(utimensat(fd, "", ts, AT_EMPTY_PATH), 0);
	CHECK_EQ(st_of("tm").st_mtime, 1410000000);
	CHECK_ERR(futimens(999, ts), EBADF);
	CHECK_EQ(close(fd), 0);

	/* utimes, utime, futimesat and the 32-bit utimensat, as system calls. */
	{
		struct timeval tv[2] = { { 1500000000, 1 }, { 1500000001, 999999 } };
		struct utimbuf ub = { 1600000000, 1600000001 };
		int32_t t32[4] = { 1700000000, 5, 1700000001, 7 };

		CHECK_EQ(syscall(SYS_utimes, "tm", tv), 0);
		st = st_of("tm");
		CHECK_EQ(st.st_atime, 1500000000);
		CHECK_EQ(st.st_atim.tv_nsec, 1000);
		CHECK_EQ(st.st_mtime, 1500000001);
		CHECK_EQ(st.st_mtim.tv_nsec, 999999000);
		tv[0].tv_usec = 1000000;
		CHECK_ERR(syscall(SYS_utimes, "tm", tv), EINVAL);
		tv[0].tv_usec = 0;
		CHECK_EQ(syscall(SYS_futimesat, AT_FDCWD, "tm", tv), 0);
		CHECK_EQ(st_of("tm").st_atime, 1500000000);
		CHECK_EQ(syscall(SYS_utime, "tm", &ub), 0);
		st = st_of("tm");
		CHECK_EQ(st.st_atime, 1600000000);
		CHECK_EQ(st.st_mtime, 1600000001);
		CHECK_EQ(st.st_mtim.tv_nsec, 0);
		CHECK_ERR(syscall(SYS_utime, "none", &ub), ENOENT);
		CHECK_EQ(syscall(SYS_utimensat, AT_FDCWD, "tm", t32, 0), 0);
		st = st_of("tm");
		CHECK_EQ(st.st_atime, 1700000000);
		CHECK_EQ(st.st_atim.tv_nsec, 5);
		CHECK_EQ(st.st_mtime, 1700000001);
		CHECK_EQ(st.st_mtim.tv_nsec, 7);
		t32[1] = -1;
		CHECK_ERR(syscall(SYS_utimensat, AT_FDCWD, "tm", t32, 0), EINVAL);
	}
	CHECK_EQ(unlink("tm_link"), 0);
	CHECK_EQ(unlink("tm"), 0);
}

/* ---- umask ---- */

static void
check_umask(void)
{
	mode_t old = umask(022);
	int fd;

	CHECK_EQ(umask(077), 022);
	CHECK((fd = open("um_file", O_WRONLY | O_CREAT | O_EXCL, 0666)) >= 0);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(st_of("um_file").st_mode & 0777, 0600);
	CHECK_EQ(mkdir("um_dir", 0777), 0);
	CHECK_EQ(st_of("um_dir").st_mode & 0777, 0700);
	CHECK_EQ(umask(027), 077);
	CHECK_EQ(mkfifo("um_fifo", 0666), 0);
	CHECK(S_ISFIFO(st_of("um_fifo").st_mode));
	CHECK_EQ(st_of("um_fifo").st_mode & 0777, 0640);
	CHECK((fd = creat("um_creat", 0666)) >= 0);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(st_of("um_creat").st_mode & 0777, 0640);
	CHECK_EQ(umask(01777), 027);			/* only the permission bits are kept */
	CHECK_EQ(umask(022), 0777);
	CHECK_EQ(chmod("um_dir", 0755), 0);		/* chmod ignores the umask */
	CHECK_EQ(st_of("um_dir").st_mode & 0777, 0755);
	CHECK_EQ(rmdir("um_dir"), 0);
	CHECK_EQ(unlink("um_file"), 0);
	CHECK_EQ(unlink("um_fifo"), 0);
	CHECK_EQ(unlink("um_creat"), 0);
	umask(old);
}

/* ---- descriptors ---- */

static void
check_dup_fcntl(void)
{
	int fd, fd2, fd3, fl;
	char buf[16];

	CHECK((fd = open("du", O_RDWR | O_CREAT | O_TRUNC, 0644)) >= 0);
	CHECK((fd2 = dup(fd)) > fd);
	CHECK_EQ(write(fd, "abc", 3), 3);
	CHECK_EQ(lseek(fd2, 0, SEEK_CUR), 3);		/* one open file: one offset */
	CHECK_EQ(lseek(fd2, 1, SEEK_SET), 1);
	CHECK_EQ(read(fd, buf, 2), 2);
	CHECK(memcmp(buf, "bc", 2) == 0);
	CHECK_ERR(dup(-1), EBADF);
	CHECK_ERR(dup(999), EBADF);
	CHECK_EQ(close(fd2), 0);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 3);		/* still open after its dup closed */

	/* dup2: same descriptor, onto an open one, errors. */
	CHECK_EQ(dup2(fd, fd), fd);
	CHECK_ERR(dup2(999, 999), EBADF);
	CHECK_ERR(dup2(999, 20), EBADF);
	CHECK_ERR(dup2(fd, -1), EBADF);
	make_file("du2", "other");
	CHECK((fd2 = open("du2", O_RDONLY)) >= 0);
	CHECK_EQ(dup2(fd, fd2), fd2);			/* fd2 now names "du" */
	CHECK_EQ(lseek(fd2, 0, SEEK_SET), 0);
	CHECK_EQ(read(fd2, buf, 3), 3);
	CHECK(memcmp(buf, "abc", 3) == 0);
	CHECK_EQ(dup2(fd, 40), 40);
	CHECK_EQ(fcntl(40, F_GETFD), 0);
	CHECK_EQ(close(40), 0);

	/* dup3 and close-on-exec, which belongs to each descriptor. */
	CHECK_ERR(dup3(fd, fd, 0), EINVAL);
	CHECK_ERR(dup3(fd, 41, O_NONBLOCK), EINVAL);
	CHECK_ERR(dup3(999, 41, 0), EBADF);
	CHECK_EQ(dup3(fd, 41, O_CLOEXEC), 41);
	CHECK_EQ(fcntl(41, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(fd, F_GETFD), 0);
	CHECK_EQ(fcntl(41, F_SETFD, 0), 0);
	CHECK_EQ(fcntl(41, F_GETFD), 0);
	CHECK_EQ(fcntl(fd, F_SETFD, FD_CLOEXEC), 0);
	CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(41, F_GETFD), 0);
	CHECK_EQ(fcntl(fd, F_SETFD, 0), 0);
	CHECK_EQ(close(41), 0);

	/* F_DUPFD, F_DUPFD_CLOEXEC: the lowest free at or above the argument. */
	CHECK_EQ(fcntl(fd, F_DUPFD, 30), 30);
	CHECK_EQ(fcntl(fd, F_DUPFD, 30), 31);
	CHECK_EQ(fcntl(fd, F_GETFD), 0);
	CHECK_EQ(fcntl(fd, F_DUPFD_CLOEXEC, 30), 32);
	CHECK_EQ(fcntl(32, F_GETFD), FD_CLOEXEC);
	CHECK_ERR(fcntl(fd, F_DUPFD, -1), EINVAL);
	CHECK_EQ(close(30), 0);
	CHECK_EQ(close(31), 0);
	CHECK_EQ(close(32), 0);

	/* close_range: close-on-exec, or close, every open one in the range. */
	CHECK_EQ(dup2(fd, 50), 50);
	CHECK_EQ(dup2(fd, 51), 51);
	CHECK_EQ(dup2(fd, 53), 53);
	CHECK_EQ(close_range(51, 53, CLOSE_RANGE_CLOEXEC), 0);
	CHECK_EQ(fcntl(50, F_GETFD), 0);
	CHECK_EQ(fcntl(51, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(53, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(close_range(50, ~0u, 0), 0);
	CHECK_ERR(fcntl(50, F_GETFD), EBADF);
	CHECK_ERR(fcntl(53, F_GETFD), EBADF);
	CHECK_EQ(fcntl(fd, F_GETFD), 0);
	CHECK_ERR(close_range(5, 4, 0), EINVAL);
	CHECK_ERR(close_range(50, 60, 0x80), EINVAL);

	/* F_GETFL / F_SETFL: the status flags are the open file's, shared by dups. */
	CHECK_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
	CHECK_EQ(fcntl(fd, F_GETFL) & (O_APPEND | O_NONBLOCK), 0);
	CHECK((fd3 = dup(fd)) >= 0);
	CHECK_EQ(fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK), 0);
	fl = fcntl(fd3, F_GETFL);
	CHECK_EQ(fl & (O_APPEND | O_NONBLOCK), O_APPEND | O_NONBLOCK);
	CHECK_EQ(fl & O_ACCMODE, O_RDWR);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(write(fd3, "Z", 1), 1);		/* O_APPEND: at the end */
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 4);
	CHECK(strcmp(read_file("du"), "abcZ") == 0);
	CHECK_EQ(fcntl(fd, F_SETFL, O_RDONLY), 0);	/* the access mode cannot change */
	CHECK_EQ(fcntl(fd3, F_GETFL) & (O_ACCMODE | O_APPEND), O_RDWR);
	CHECK_EQ(close(fd3), 0);
	CHECK_ERR(fcntl(999, F_GETFL), EBADF);
	CHECK_ERR(fcntl(999, F_GETFD), EBADF);
	CHECK_ERR(fcntl(fd, 12345), EINVAL);

	/* Record locks: a process's own locks never conflict with each other. */
	{
		struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10 };
		struct flock64 lk64;
		int other;

		CHECK_EQ(fcntl(fd, F_SETLK, &lk), 0);
		lk.l_type = F_RDLCK;
		CHECK_EQ(fcntl(fd, F_GETLK, &lk), 0);
		CHECK_EQ(lk.l_type, F_UNLCK);
		lk.l_type = F_UNLCK;
		CHECK_EQ(fcntl(fd, F_SETLK, &lk), 0);
		lk.l_type = 99;
		CHECK_ERR(fcntl(fd, F_SETLK, &lk), EINVAL);
		/* OFD locks belong to the open file: a second open conflicts.
		 * (glibc's fcntl takes a struct flock for them, fcntl64 a flock64.) */
		CHECK((other = open("du", O_RDWR)) >= 0);
		lk.l_type = F_WRLCK;
		lk.l_whence = SEEK_SET;
		lk.l_start = 5;
		lk.l_len = 5;
		lk.l_pid = 0;
		CHECK_EQ(fcntl(fd, F_OFD_SETLK, &lk), 0);
		memset(&lk64, 0, sizeof(lk64));
		lk64.l_type = F_RDLCK;
		lk64.l_len = 0;
		CHECK_EQ(fcntl64(other, F_OFD_GETLK, &lk64), 0);
		CHECK_EQ(lk64.l_type, F_WRLCK);
		CHECK_EQ(lk64.l_start, 5);
		CHECK_EQ(lk64.l_len, 5);
		CHECK_EQ(lk64.l_pid, -1);
		lk64.l_type = F_RDLCK;
		lk64.l_start = 0;
		lk64.l_len = 0;
		lk64.l_pid = 0;
		CHECK_ERR(fcntl64(other, F_OFD_SETLK, &lk64), EAGAIN);
		lk64.l_pid = 1;
		lk64.l_len = 5;
		CHECK_ERR(fcntl64(other, F_OFD_SETLK, &lk64), EINVAL);	/* OFD: l_pid must be 0 */
		lk64.l_pid = 0;
		CHECK_EQ(fcntl64(other, F_OFD_SETLK, &lk64), 0);	/* no overlap */
		lk.l_type = F_WRLCK;
		lk.l_start = 0;
		lk.l_len = 0;
		CHECK_EQ(fcntl(other, F_OFD_GETLK, &lk), 0);
		CHECK_EQ(lk.l_type, F_WRLCK);
		CHECK_EQ(lk.l_start, 5);
		/* Classic locks are the process's: the OFD ones above conflict with them. */
		lk64.l_type = F_RDLCK;
		lk64.l_start = 0;
		lk64.l_len = 0;
		CHECK_EQ(fcntl64(other, F_GETLK64, &lk64), 0);
		CHECK_EQ(lk64.l_type, F_WRLCK);
		CHECK_EQ(lk64.l_start, 5);
		/* The plain fcntl call takes F_GETLK64 but not the OFD commands. */
		CHECK_ERR(syscall(SYS_fcntl, other, F_OFD_GETLK, &lk64), EINVAL);
		lk64.l_type = F_RDLCK;
		lk64.l_start = 0;
		lk64.l_len = 0;
		CHECK_EQ(syscall(SYS_fcntl, other, F_GETLK64, &lk64), 0);
		CHECK_EQ(lk64.l_type, F_WRLCK);
		CHECK_EQ(lk64.l_len, 5);
		lk.l_type = F_RDLCK;
		lk.l_start = 0;
		lk.l_len = 0;
		CHECK_EQ(syscall(SYS_fcntl, other, F_GETLK, &lk), 0);
		CHECK_EQ(lk.l_type, F_WRLCK);
		CHECK_EQ(lk.l_len, 5);
		CHECK_EQ(syscall(SYS_fcntl, other, F_GETFD), 0);

		/* flock: per open file too. */
		CHECK_EQ(flock(fd, LOCK_EX), 0);
		CHECK_ERR(flock(other, LOCK_EX | LOCK_NB), EWOULDBLOCK);
		CHECK_EQ(flock(fd, LOCK_UN), 0);
		CHECK_EQ(flock(other, LOCK_SH | LOCK_NB), 0);
		CHECK_ERR(flock(other, 0x40), EINVAL);
		CHECK_ERR(flock(999, LOCK_SH), EBADF);
		CHECK_EQ(close(other), 0);
	}

	CHECK_EQ(close(fd2), 0);
	CHECK_EQ(close(fd), 0);
	CHECK_ERR(close(fd), EBADF);
	CHECK_EQ(unlink("du"), 0);
	CHECK_EQ(unlink("du2"), 0);
}

/* ---- pipes ---- */

static void
check_pipes(void)
{
	int p[2], q[2];
	char buf[16];

	CHECK_EQ(pipe(p), 0);
	CHECK_EQ(write(p[1], "hello", 5), 5);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 5);
	CHECK(memcmp(buf, "hello", 5) == 0);
	CHECK_EQ(fcntl(p[0], F_GETFD), 0);
	CHECK_EQ(fcntl(p[0], F_GETFL) & O_ACCMODE, O_RDONLY);
	CHECK_EQ(fcntl(p[1], F_GETFL) & O_ACCMODE, O_WRONLY);
	CHECK_ERR(lseek(p[0], 0, SEEK_SET), ESPIPE);
	CHECK_ERR(pread(p[0], buf, 1, 0), ESPIPE);
	CHECK_ERR(fsync(p[1]), EINVAL);
	CHECK_ERR(write(p[0], "x", 1), EBADF);
	CHECK_EQ(close(p[1]), 0);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 0);	/* no writer: end of file */
	CHECK_EQ(close(p[0]), 0);

	CHECK_EQ(pipe2(q, O_CLOEXEC | O_NONBLOCK), 0);
	CHECK_EQ(fcntl(q[0], F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(q[1], F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(q[0], F_GETFL) & O_NONBLOCK, O_NONBLOCK);
	CHECK_ERR(read(q[0], buf, sizeof(buf)), EAGAIN);
	CHECK_EQ(fcntl(q[0], F_SETFL, 0), 0);
	CHECK_EQ(fcntl(q[0], F_GETFL) & O_NONBLOCK, 0);
	CHECK(fcntl(q[0], F_GETPIPE_SZ) >= 4096);
	CHECK_EQ(close(q[0]), 0);
	CHECK_EQ(close(q[1]), 0);
	CHECK_ERR(pipe2(q, O_APPEND), EINVAL);
}

/* ---- sizes, positioned I/O, sync, sendfile, statfs ---- */

static void
check_io(void)
{
	const long long big = 5LL << 30;	/* past 4 GiB */
	struct stat64 st;
	char buf[16];
	int fd, ro, out;
	off64_t off64v;
	off_t off;

	/* O_LARGEFILE, as a 64-bit off_t program opens: past 2 GiB is allowed. */
	CHECK((fd = open("io", O_RDWR | O_CREAT | O_TRUNC | O_LARGEFILE, 0644)) >= 0);
	CHECK_EQ(write(fd, "0123456789", 10), 10);
	CHECK_EQ(pwrite(fd, "AB", 2, 3), 2);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 10);		/* pwrite moves no offset */
	CHECK_EQ(pread(fd, buf, 4, 2), 4);
	CHECK(memcmp(buf, "2AB5", 4) == 0);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 10);
	CHECK_EQ(pread(fd, buf, 4, 100), 0);		/* past the end */
	CHECK_ERR(pread(fd, buf, 4, -1), EINVAL);
	CHECK_ERR(pwrite(fd, buf, 4, -1), EINVAL);
	CHECK_ERR(pread(999, buf, 4, 0), EBADF);
	CHECK_EQ(pwrite64(fd, "x", 1, big), 1);		/* a sparse file past 4 GiB */
	CHECK_EQ(pread64(fd, buf, 2, big), 1);
	CHECK_EQ(buf[0], 'x');
	CHECK_EQ(fstat64(fd, &st), 0);
	CHECK_EQ(st.st_size, big + 1);

	CHECK_EQ(ftruncate(fd, 5), 0);
	CHECK_EQ(st_of("io").st_size, 5);
	CHECK_EQ(ftruncate64(fd, big), 0);
	CHECK_EQ(st_of("io").st_size, big);
	CHECK_EQ(truncate("io", 8), 0);
	CHECK_EQ(st_of("io").st_size, 8);
	CHECK_EQ(truncate64("io", big + 2), 0);
	CHECK_EQ(st_of("io").st_size, big + 2);
	CHECK_EQ(truncate("io", 12), 0);		/* growing reads back as zeros */
	CHECK_EQ(pread(fd, buf, 12, 0), 12);
	CHECK(memcmp(buf, "012AB\0\0\0\0\0\0\0", 12) == 0);
	CHECK_ERR(truncate("io", -1), EINVAL);
	CHECK_ERR(ftruncate(fd, -1), EINVAL);
	CHECK_ERR(truncate("none", 0), ENOENT);
	CHECK_ERR(truncate(".", 0), EISDIR);
	CHECK_ERR(truncate("io/x", 0), ENOTDIR);
	CHECK_ERR(ftruncate(999, 0), EBADF);
	CHECK((ro = open("io", O_RDONLY)) >= 0);
	CHECK_ERR(ftruncate(ro, 0), EINVAL);		/* not open for writing */
	CHECK_ERR(pwrite(ro, "x", 1, 0), EBADF);
	CHECK_EQ(syscall(SYS_truncate, "io", 10), 0);	/* the 32-bit calls too */
	CHECK_EQ(syscall(SYS_ftruncate, fd, 11), 0);
	CHECK_EQ(st_of("io").st_size, 11);

	CHECK_EQ(fsync(fd), 0);
	CHECK_EQ(fdatasync(fd), 0);
	CHECK_ERR(fsync(999), EBADF);
	CHECK_ERR(fdatasync(-1), EBADF);
	sync();
	CHECK_EQ(syncfs(fd), 0);
	CHECK_ERR(syncfs(999), EBADF);

	/* sendfile, with and without an offset of its own. */
	CHECK((out = open("io_copy", O_WRONLY | O_CREAT | O_TRUNC, 0644)) >= 0);
	off = 1;
	CHECK_EQ(sendfile(out, ro, &off, 4), 4);
	CHECK_EQ(off, 5);
	CHECK_EQ(lseek(ro, 0, SEEK_CUR), 0);		/* its own offset did not move */
	CHECK_EQ(sendfile(out, ro, NULL, 2), 2);
	CHECK_EQ(lseek(ro, 0, SEEK_CUR), 2);
	off64v = 0;
	CHECK_EQ(sendfile64(out, ro, &off64v, 1), 1);
	CHECK_EQ(off64v, 1);
	CHECK(memcmp(read_file("io_copy"), "12AB010", 7) == 0);
	CHECK_ERR(sendfile(out, 999, NULL, 1), EBADF);
	CHECK_EQ(close(out), 0);
	CHECK_EQ(close(ro), 0);

	/* preadv, pwritev, preadv2 at the file's position, fallocate, posix_fadvise. */
	{
		char x[3], y[4];
		struct iovec w[2] = { { "abc", 3 }, { "defg", 4 } }, r[2] = { { x, 3 }, { y, 4 } };

		CHECK_EQ(pwritev(fd, w, 2, 20), 7);
		CHECK_EQ(preadv(fd, r, 2, 20), 7);
		CHECK(memcmp(x, "abc", 3) == 0 && memcmp(y, "defg", 4) == 0);
		CHECK_ERR(preadv(fd, r, 2, -1), EINVAL);
		CHECK_ERR(syscall(SYS_preadv, fd, r, -1, 0, 0), EINVAL);
		CHECK_ERR(pwritev(999, w, 2, 0), EBADF);
		CHECK_EQ(lseek(fd, 21, SEEK_SET), 21);
		CHECK_EQ(preadv2(fd, r, 2, -1, 0), 6);		/* from the position, moving it */
		CHECK(memcmp(x, "bcd", 3) == 0);
		CHECK_EQ(lseek(fd, 0, SEEK_CUR), 27);
		CHECK_EQ(pwritev2(fd, w, 1, 0, 0), 3);
		CHECK_EQ(lseek(fd, 0, SEEK_CUR), 27);
		CHECK_EQ(fallocate(fd, 0, 0, 100000), 0);
		CHECK_EQ(st_of("io").st_size, 100000);
		CHECK_ERR(fallocate(fd, 0, -1, 10), EINVAL);
		CHECK_ERR(fallocate(999, 0, 0, 10), EBADF);
		CHECK_EQ(posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL), 0);
		CHECK_EQ(posix_fadvise(fd, 0, 0, 99), EINVAL);	/* the error is the result */
		CHECK_EQ(posix_fadvise(999, 0, 0, POSIX_FADV_NORMAL), EBADF);
		CHECK_EQ(syscall(SYS_fadvise64_64, fd, 0, 0, 4096, 0, POSIX_FADV_WILLNEED), 0);
		CHECK_ERR(syscall(SYS_fadvise64_64, fd, 0, 0, 0, 0x80000000u, POSIX_FADV_NORMAL), EINVAL);
	}

	/* statfs: the same filesystem by path and by descriptor. */
	{
		struct statfs64 a, b;
		struct statfs c;

		CHECK_EQ(statfs64(".", &a), 0);
		CHECK_EQ(fstatfs64(fd, &b), 0);
		CHECK_EQ(a.f_type, b.f_type);
		CHECK(a.f_bsize > 0 && a.f_blocks > 0 && a.f_namelen > 0);
		CHECK_EQ(memcmp(&a.f_fsid, &b.f_fsid, sizeof(a.f_fsid)), 0);
		CHECK_ERR(statfs64("none", &a), ENOENT);
		CHECK_ERR(fstatfs64(999, &a), EBADF);
		CHECK_ERR(syscall(SYS_fstatfs64, fd, 80, &a), EINVAL);	/* the size is checked */
		if (syscall(SYS_statfs, ".", &c) == 0)		/* or EOVERFLOW on a huge filesystem */
			CHECK_EQ(c.f_type, a.f_type);
		else
			CHECK_EQ(errno, EOVERFLOW);
		if (syscall(SYS_fstatfs, fd, &c) == 0)
			CHECK_EQ(c.f_bsize, a.f_bsize);
		else
			CHECK_EQ(errno, EOVERFLOW);
		CHECK_ERR(syscall(SYS_statfs, "none", &c), ENOENT);
	}
	CHECK_EQ(close(fd), 0);

	/* mknod: a FIFO, a regular file; creat. */
	CHECK_EQ(syscall(SYS_mknod, "io_fifo", S_IFIFO | 0600, 0), 0);
	CHECK(S_ISFIFO(st_of("io_fifo").st_mode));
	CHECK_ERR(mknod("io_fifo", S_IFIFO | 0600, 0), EEXIST);
	CHECK_EQ(mknod("io_reg", S_IFREG | 0600, 0), 0);
	CHECK(S_ISREG(st_of("io_reg").st_mode));
	CHECK_ERR(mknod("io_dir", S_IFDIR | 0700, 0), EPERM);
	CHECK_ERR(mknod("io_bad", 0170000 | 0600, 0), EINVAL);
	CHECK_ERR(truncate("io_fifo", 0), EINVAL);	/* not a regular file, and no block */
	CHECK((fd = (int)syscall(SYS_creat, "io", 0644)) >= 0);	/* truncates */
	CHECK_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_WRONLY);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(st_of("io").st_size, 0);

	CHECK_EQ(unlink("io_fifo"), 0);
	CHECK_EQ(unlink("io_reg"), 0);
	CHECK_EQ(unlink("io_copy"), 0);
	CHECK_EQ(unlink("io"), 0);
}

/* ---- the working directory ---- */

static void
check_cwd(void)
{
	char top[PATH_MAX], here[PATH_MAX], want[PATH_MAX + 16];
	int dfd, ffd;

	CHECK(getcwd(top, sizeof(top)) != NULL);
	CHECK_EQ(mkdir("cw", 0755), 0);
	CHECK_EQ(mkdir("cw/sub", 0755), 0);
	CHECK_EQ(symlink("cw/sub", "cw_link"), 0);

	CHECK_EQ(chdir("cw/sub"), 0);
	CHECK(getcwd(here, sizeof(here)) != NULL);
	snprintf(want, sizeof(want), "%s/cw/sub", top);
	CHECK(strcmp(here, want) == 0);
	make_file("inside", "in");			/* relative names follow the cwd */
	CHECK_EQ(chdir(".."), 0);
	CHECK(strcmp(read_file("sub/inside"), "in") == 0);
	CHECK_EQ(chdir("sub/../.."), 0);
	CHECK(getcwd(here, sizeof(here)) != NULL);
	CHECK(strcmp(here, top) == 0);

	CHECK_EQ(chdir("cw_link"), 0);			/* the cwd is the directory, not the link */
	CHECK(getcwd(here, sizeof(here)) != NULL);
	CHECK(strcmp(here, want) == 0);
	CHECK_EQ(chdir(top), 0);

	CHECK((dfd = open("cw", O_RDONLY | O_DIRECTORY)) >= 0);
	CHECK_EQ(fchdir(dfd), 0);
	CHECK(getcwd(here, sizeof(here)) != NULL);
	snprintf(want, sizeof(want), "%s/cw", top);
	CHECK(strcmp(here, want) == 0);
	CHECK_EQ(access("sub/inside", F_OK), 0);
	CHECK_EQ(chdir(top), 0);
	{
		int pfd = open("cw/sub", O_PATH);	/* O_PATH descriptors work for fchdir */

		CHECK(pfd >= 0);
		CHECK_EQ(fchdir(pfd), 0);
		CHECK_EQ(access("inside", F_OK), 0);
		CHECK_EQ(close(pfd), 0);
	}
	CHECK_EQ(chdir(top), 0);

	CHECK_ERR(chdir("cw/none"), ENOENT);
	CHECK_ERR(chdir(""), ENOENT);
	CHECK_ERR(chdir("cw/sub/inside"), ENOTDIR);
	CHECK((ffd = open("cw/sub/inside", O_RDONLY)) >= 0);
	CHECK_ERR(fchdir(ffd), ENOTDIR);
	CHECK_EQ(close(ffd), 0);
	CHECK_ERR(fchdir(999), EBADF);
	CHECK(getcwd(here, sizeof(here)) != NULL);
	CHECK(strcmp(here, top) == 0);			/* failures change nothing */
	CHECK_PTR_ERR(getcwd(here, 2), NULL, ERANGE);

	/* The *at calls relative to a directory descriptor. */
	CHECK((ffd = openat(dfd, "sub/inside", O_RDONLY)) >= 0);
	CHECK_EQ(close(ffd), 0);
	CHECK_EQ(faccessat(dfd, "sub", F_OK, 0), 0);
	CHECK_ERR(openat(dfd, "none", O_RDONLY), ENOENT);
	CHECK_EQ(close(dfd), 0);

	CHECK_EQ(unlink("cw/sub/inside"), 0);
	CHECK_EQ(unlink("cw_link"), 0);
	CHECK_EQ(rmdir("cw/sub"), 0);
	CHECK_EQ(rmdir("cw"), 0);
}

int
main(void)
{
	check_readdir();
	check_mkdir_rmdir();
	check_rename();
	check_links();
	check_mode_owner();
	check_times();
	check_umask();
	check_dup_fcntl();
	check_pipes();
	check_io();
	check_cwd();

	/* Everything made is gone: the scratch directory is as it was. */
	{
		const char *rd[] = { "rd/f1", "rd/f2", "rd/ln" };
		DIR *d;
		struct dirent *e;
		int n = 0;

		for (size_t i = 0; i < 3; i++)
			CHECK_EQ(unlink(rd[i]), 0);
		CHECK_EQ(rmdir("rd/sub"), 0);
		CHECK_EQ(rmdir("rd"), 0);
		CHECK((d = opendir(".")) != NULL);
		while ((e = readdir(d)) != NULL)
			n++;
		CHECK_EQ(closedir(d), 0);
		CHECK_EQ(n, 2);
	}
	return test_passed();
}
