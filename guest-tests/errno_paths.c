/*
 * guest-tests/errno_paths.c: the file commands' error paths report the errno
 * Linux would, through the layer and libc's errno, and never crash the
 * kernel or the guest.
 *
 * Pins down: ENOENT for a missing file or parent; EBADF for unknown fds and
 * for reading a write-only / writing a read-only fd; EFAULT for buffers and
 * path pointers in unmapped memory (also a path that runs off the end of a
 * mapping without a NUL); EINVAL for a bad whence or a negative resulting
 * offset; EISDIR for unlink of a directory and for opening one for writing;
 * ENOTDIR for a path through a regular file; EEXIST for mkdir of an existing
 * name; ENAMETOOLONG for a path longer than PATH_MAX.  Runs in run-guest's
 * scratch directory.  (errno_libc.c checks the errno mechanism itself.)
 */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

#define UNMAPPED	((void *)0x10)

static char longpath[5000];

static int
make_file(const char *name)
{
	int fd = open(name, O_CREAT | O_RDWR | O_TRUNC, 0644);

	CHECK(fd >= 3);
	CHECK_EQ(write(fd, "0123456789", 10), 10);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	return fd;
}

static void
bad_fds(void)
{
	char c;
	int fd;

	CHECK_ERR(close(999), EBADF);
	CHECK_ERR(close(-1), EBADF);
	CHECK_ERR(read(999, &c, 1), EBADF);
	CHECK_ERR(write(-5, "x", 1), EBADF);
	CHECK_ERR(lseek(999, 0, SEEK_SET), EBADF);

	fd = open("ro.tmp", O_CREAT | O_WRONLY, 0644);
	CHECK(fd >= 3);
	CHECK_ERR(read(fd, &c, 1), EBADF);
	CHECK_EQ(close(fd), 0);
	fd = open("ro.tmp", O_RDONLY);
	CHECK(fd >= 3);
	CHECK_ERR(write(fd, "x", 1), EBADF);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink("ro.tmp"), 0);
}

static void
bad_addresses(int fd)
{
	char *page;

	CHECK_ERR(read(fd, UNMAPPED, 4), EFAULT);
	CHECK_ERR(write(fd, UNMAPPED, 4), EFAULT);
	CHECK_ERR(open(UNMAPPED, O_RDONLY), EFAULT);
	CHECK_ERR(unlink(UNMAPPED), EFAULT);
	CHECK_ERR(mkdir(UNMAPPED, 0755), EFAULT);
	/* The failed read and write moved nothing. */
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0);

	/* A path that reaches the end of its mapping without a NUL. */
	page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(page != MAP_FAILED);
	CHECK_EQ(munmap(page + 4096, 4096), 0);
	memset(page, 'a', 4096);
	CHECK_ERR(open(page + 4096 - 8, O_RDONLY), EFAULT);
	CHECK_EQ(munmap(page, 4096), 0);
}

static void
bad_seeks(int fd)
{
	CHECK_ERR(lseek(fd, 0, 7), EINVAL);
	CHECK_ERR(lseek(fd, 0, -1), EINVAL);
	CHECK_ERR(lseek(fd, -1, SEEK_SET), EINVAL);
	CHECK_ERR(lseek(fd, -11, SEEK_END), EINVAL);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0);
}

static void
bad_names(void)
{
	CHECK_ERR(open("missing.tmp", O_RDONLY), ENOENT);
	CHECK_ERR(open("nodir.tmp/x", O_CREAT | O_WRONLY, 0644), ENOENT);
	CHECK_ERR(open("", O_RDONLY), ENOENT);
	CHECK_ERR(unlink("missing.tmp"), ENOENT);
	CHECK_ERR(open("data.tmp/x", O_RDONLY), ENOTDIR);

	CHECK_EQ(mkdir("dir.tmp", 0755), 0);
	CHECK_ERR(mkdir("dir.tmp", 0755), EEXIST);
	CHECK_ERR(mkdir("data.tmp", 0755), EEXIST);
	CHECK_ERR(unlink("dir.tmp"), EISDIR);
	CHECK_ERR(open("dir.tmp", O_WRONLY), EISDIR);
	CHECK_ERR(open("data.tmp", O_RDONLY | O_DIRECTORY), ENOTDIR);

	memset(longpath, 'a', sizeof(longpath) - 1);
	CHECK_ERR(open(longpath, O_RDONLY), ENAMETOOLONG);
}

int
main(void)
{
	int fd = make_file("data.tmp");

	bad_fds();
	bad_addresses(fd);
	bad_seeks(fd);
	bad_names();
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink("data.tmp"), 0);
	return test_passed();
}
