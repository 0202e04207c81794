/*
 * guest-tests/errno_paths.c: the file commands' error paths report the errno
 * Linux would, and never crash the kernel or the guest.
 *
 * Pins down: ENOENT for a missing file or parent; EBADF for unknown fds and for
 * reading a write-only / writing a read-only fd; EFAULT for buffers and path
 * pointers in unmapped memory (also a path that runs off the end of a mapping
 * without a NUL); EINVAL for a bad whence or a negative resulting offset;
 * EISDIR for unlink of a directory and for opening one for writing; ENOTDIR
 * for a path through a regular file; EEXIST for mkdir of an existing name;
 * ENAMETOOLONG for a path longer than PATH_MAX.  Runs in run-guest's scratch
 * directory.
 */
#include "guest-tests/rt/vkrt.h"

#define UNMAPPED	((void *)0x10)

static char longpath[5000];

static int
make_file(const char *name)
{
	int fd = vk_open(name, VK_O_CREAT | VK_O_RDWR | VK_O_TRUNC, 0644);

	CHECK(fd >= 3);
	CHECK_EQ(vk_write(fd, "0123456789", 10), 10);
	CHECK_EQ(vk_lseek(fd, 0, VK_SEEK_SET), 0);
	return fd;
}

static void
bad_fds(void)
{
	char c;
	int fd;

	CHECK_ERR(vk_close(999), VK_EBADF);
	CHECK_ERR(vk_close(-1), VK_EBADF);
	CHECK_ERR(vk_read(999, &c, 1), VK_EBADF);
	CHECK_ERR(vk_write(-5, "x", 1), VK_EBADF);
	CHECK_ERR(vk_lseek(999, 0, VK_SEEK_SET), VK_EBADF);

	fd = vk_open("ro.tmp", VK_O_CREAT | VK_O_WRONLY, 0644);
	CHECK(fd >= 3);
	CHECK_ERR(vk_read(fd, &c, 1), VK_EBADF);
	CHECK_EQ(vk_close(fd), 0);
	fd = vk_open("ro.tmp", VK_O_RDONLY, 0);
	CHECK(fd >= 3);
	CHECK_ERR(vk_write(fd, "x", 1), VK_EBADF);
	CHECK_EQ(vk_close(fd), 0);
	CHECK_EQ(vk_unlink("ro.tmp"), 0);
}

static void
bad_addresses(int fd)
{
	char *page;

	CHECK_ERR(vk_read(fd, UNMAPPED, 4), VK_EFAULT);
	CHECK_ERR(vk_write(fd, UNMAPPED, 4), VK_EFAULT);
	CHECK_ERR(vk_open(UNMAPPED, VK_O_RDONLY, 0), VK_EFAULT);
	CHECK_ERR(vk_unlink(UNMAPPED), VK_EFAULT);
	CHECK_ERR(vk_mkdir(UNMAPPED, 0755), VK_EFAULT);
	/* The failed read and write moved nothing. */
	CHECK_EQ(vk_lseek(fd, 0, VK_SEEK_CUR), 0);

	/* A path that reaches the end of its mapping without a NUL. */
	page = vk_mmap(NULL, 8192, VK_PROT_READ | VK_PROT_WRITE,
	    VK_MAP_PRIVATE | VK_MAP_ANONYMOUS, -1, 0);
	CHECK(page != (void *)VK_MAP_FAILED);
	CHECK_EQ(vk_munmap(page + 4096, 4096), 0);
	memset(page, 'a', 4096);
	CHECK_ERR(vk_open(page + 4096 - 8, VK_O_RDONLY, 0), VK_EFAULT);
	CHECK_EQ(vk_munmap(page, 4096), 0);
}

static void
bad_seeks(int fd)
{
	CHECK_ERR(vk_lseek(fd, 0, 7), VK_EINVAL);
	CHECK_ERR(vk_lseek(fd, 0, -1), VK_EINVAL);
	CHECK_ERR(vk_lseek(fd, -1, VK_SEEK_SET), VK_EINVAL);
	CHECK_ERR(vk_lseek(fd, -11, VK_SEEK_END), VK_EINVAL);
	CHECK_EQ(vk_lseek(fd, 0, VK_SEEK_CUR), 0);
}

static void
bad_names(void)
{
	CHECK_ERR(vk_open("missing.tmp", VK_O_RDONLY, 0), VK_ENOENT);
	CHECK_ERR(vk_open("nodir.tmp/x", VK_O_CREAT | VK_O_WRONLY, 0644), VK_ENOENT);
	CHECK_ERR(vk_open("", VK_O_RDONLY, 0), VK_ENOENT);
	CHECK_ERR(vk_unlink("missing.tmp"), VK_ENOENT);
	CHECK_ERR(vk_open("data.tmp/x", VK_O_RDONLY, 0), VK_ENOTDIR);

	CHECK_EQ(vk_mkdir("dir.tmp", 0755), 0);
	CHECK_ERR(vk_mkdir("dir.tmp", 0755), VK_EEXIST);
	CHECK_ERR(vk_mkdir("data.tmp", 0755), VK_EEXIST);
	CHECK_ERR(vk_unlink("dir.tmp"), VK_EISDIR);
	CHECK_ERR(vk_open("dir.tmp", VK_O_WRONLY, 0), VK_EISDIR);
	CHECK_ERR(vk_open("data.tmp", VK_O_RDONLY | VK_O_DIRECTORY, 0), VK_ENOTDIR);

	memset(longpath, 'a', sizeof(longpath) - 1);
	CHECK_ERR(vk_open(longpath, VK_O_RDONLY, 0), VK_ENAMETOOLONG);
}

int
main(void)
{
	int fd = make_file("data.tmp");

	bad_fds();
	bad_addresses(fd);
	bad_seeks(fd);
	bad_names();
	CHECK_EQ(vk_close(fd), 0);
	CHECK_EQ(vk_unlink("data.tmp"), 0);
	return vk_test_passed();
}
