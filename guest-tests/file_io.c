/*
 * guest-tests/file_io.c: regular-file I/O with Linux semantics, in the
 * scratch directory run-guest gives every test as its working directory.
 *
 * Pins down: open O_CREAT|O_TRUNC returns a new fd above the standard three;
 * write returns the byte count; lseek SEEK_SET/SEEK_CUR/SEEK_END return the new
 * offset, 64-bit offsets beyond 4 GiB survive the round trip; read returns
 * what was written, a short count near the end and 0 at EOF; writing past the
 * end leaves a zero-filled hole; O_EXCL on an existing file fails EEXIST;
 * O_APPEND writes land at the end whatever the offset; O_TRUNC empties;
 * close frees the fd (a second close is EBADF); unlink removes the name.
 */
#include "guest-tests/rt/vkrt.h"

#define NAME	"file_io.tmp"
#define TEXT	"hello, world\n"	/* 13 bytes */

static void
write_file(void)
{
	int fd = vk_open(NAME, VK_O_CREAT | VK_O_WRONLY | VK_O_TRUNC, 0644);

	CHECK(fd >= 3);
	CHECK_EQ(vk_write(fd, TEXT, 13), 13);
	CHECK_EQ(vk_lseek(fd, 0, VK_SEEK_CUR), 13);
	CHECK_EQ(vk_write(fd, "", 0), 0);
	CHECK_EQ(vk_close(fd), 0);
	CHECK_ERR(vk_close(fd), VK_EBADF);
}

static void
read_and_seek(void)
{
	char buf[64];
	int fd = vk_open(NAME, VK_O_RDWR, 0);

	CHECK(fd >= 3);
	CHECK_EQ(vk_read(fd, buf, 5), 5);
	CHECK(memcmp(buf, "hello", 5) == 0);
	CHECK_EQ(vk_lseek(fd, 2, VK_SEEK_CUR), 7);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(vk_read(fd, buf, sizeof(buf)), 6);		/* short read */
	CHECK(memcmp(buf, "world\n", 6) == 0);
	CHECK_EQ(vk_read(fd, buf, sizeof(buf)), 0);		/* EOF */
	CHECK_EQ(vk_lseek(fd, -6, VK_SEEK_END), 7);
	CHECK_EQ(vk_read(fd, buf, 1), 1);
	CHECK_EQ(buf[0], 'w');
	CHECK_EQ(vk_lseek(fd, 0, VK_SEEK_SET), 0);
	CHECK_EQ(vk_read(fd, buf, sizeof(buf)), 13);
	CHECK(memcmp(buf, TEXT, 13) == 0);

	/* A 64-bit offset is carried whole, both ways. */
	CHECK_EQ(vk_lseek(fd, 0x140000000LL, VK_SEEK_SET), 0x140000000LL);
	CHECK_EQ(vk_lseek(fd, 3, VK_SEEK_CUR), 0x140000003LL);
	CHECK_EQ(vk_lseek(fd, 0, VK_SEEK_END), 13);

	/* Writing past the end leaves a hole that reads as zeros. */
	CHECK_EQ(vk_lseek(fd, 20, VK_SEEK_SET), 20);
	CHECK_EQ(vk_write(fd, "X", 1), 1);
	CHECK_EQ(vk_lseek(fd, 0, VK_SEEK_END), 21);
	CHECK_EQ(vk_lseek(fd, 13, VK_SEEK_SET), 13);
	memset(buf, 0x55, sizeof(buf));
	CHECK_EQ(vk_read(fd, buf, sizeof(buf)), 8);
	CHECK(memcmp(buf, "\0\0\0\0\0\0\0X", 8) == 0);
	CHECK_EQ(vk_close(fd), 0);
}

static void
excl_append_trunc(void)
{
	char buf[32];
	int fd;

	CHECK_ERR(vk_open(NAME, VK_O_CREAT | VK_O_EXCL | VK_O_WRONLY, 0644), VK_EEXIST);

	fd = vk_open(NAME, VK_O_WRONLY | VK_O_APPEND, 0);
	CHECK(fd >= 3);
	CHECK_EQ(vk_lseek(fd, 0, VK_SEEK_SET), 0);
	CHECK_EQ(vk_write(fd, "tail", 4), 4);
	CHECK_EQ(vk_lseek(fd, 0, VK_SEEK_CUR), 25);
	CHECK_EQ(vk_close(fd), 0);

	fd = vk_open(NAME, VK_O_RDONLY, 0);
	CHECK(fd >= 3);
	CHECK_EQ(vk_lseek(fd, 21, VK_SEEK_SET), 21);
	CHECK_EQ(vk_read(fd, buf, sizeof(buf)), 4);
	CHECK(memcmp(buf, "tail", 4) == 0);
	CHECK_EQ(vk_close(fd), 0);

	fd = vk_open(NAME, VK_O_RDWR | VK_O_TRUNC, 0);
	CHECK(fd >= 3);
	CHECK_EQ(vk_lseek(fd, 0, VK_SEEK_END), 0);
	CHECK_EQ(vk_read(fd, buf, sizeof(buf)), 0);
	CHECK_EQ(vk_close(fd), 0);
}

static void
fds_are_reused(void)
{
	int a = vk_open(NAME, VK_O_RDONLY, 0);
	int b = vk_open(NAME, VK_O_RDONLY, 0);

	CHECK(a >= 3);
	CHECK(b >= 3 && b != a);
	CHECK_EQ(vk_close(a), 0);
	CHECK_EQ(vk_open(NAME, VK_O_RDONLY, 0), a);	/* lowest free fd */
	CHECK_EQ(vk_close(a), 0);
	CHECK_EQ(vk_close(b), 0);
}

int
main(void)
{
	write_file();
	read_and_seek();
	excl_append_trunc();
	fds_are_reused();
	CHECK_EQ(vk_unlink(NAME), 0);
	CHECK_ERR(vk_open(NAME, VK_O_RDONLY, 0), VK_ENOENT);
	CHECK_ERR(vk_unlink(NAME), VK_ENOENT);
	return vk_test_passed();
}
