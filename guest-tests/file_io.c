/*
 * guest-tests/file_io.c: regular-file I/O with Linux semantics, through the
 * POSIX calls of the layer, in the scratch directory run-guest gives every
 * test as its working directory.
 *
 * Pins down: open O_CREAT|O_TRUNC returns a new fd above the standard three;
 * write returns the byte count; lseek SEEK_SET/SEEK_CUR/SEEK_END return the
 * new offset, and 64-bit offsets beyond 4 GiB survive the round trip through
 * off_t; read returns what was written, a short count near the end and 0 at
 * EOF; writing past the end leaves a zero-filled hole; O_EXCL on an existing
 * file fails EEXIST; O_APPEND writes land at the end whatever the offset;
 * O_TRUNC empties; close frees the fd (a second close is EBADF) and the
 * lowest free fd is reused; unlink removes the name.
 */
#include <fcntl.h>
#include <unistd.h>

#include "check.h"

#define NAME	"file_io.tmp"
#define TEXT	"hello, world\n"	/* 13 bytes */

static void
write_file(void)
{
	int fd = open(NAME, O_CREAT | O_WRONLY | O_TRUNC, 0644);

	CHECK(fd >= 3);
	CHECK_EQ(write(fd, TEXT, 13), 13);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 13);
	CHECK_EQ(write(fd, "", 0), 0);
	CHECK_EQ(close(fd), 0);
	CHECK_ERR(close(fd), EBADF);
}

static void
read_and_seek(void)
{
	char buf[64];
	int fd = open(NAME, O_RDWR);

	CHECK(fd >= 3);
	CHECK_EQ(read(fd, buf, 5), 5);
	CHECK(memcmp(buf, "hello", 5) == 0);
	CHECK_EQ(lseek(fd, 2, SEEK_CUR), 7);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), 6);		/* short read */
	CHECK(memcmp(buf, "world\n", 6) == 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);		/* EOF */
	CHECK_EQ(lseek(fd, -6, SEEK_END), 7);
	CHECK_EQ(read(fd, buf, 1), 1);
	CHECK_EQ(buf[0], 'w');
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 13);
	CHECK(memcmp(buf, TEXT, 13) == 0);

	/* A 64-bit offset is carried whole, both ways. */
	CHECK_EQ(sizeof(off_t), 8);
	CHECK_EQ(lseek(fd, 0x140000000LL, SEEK_SET), 0x140000000LL);
	CHECK_EQ(lseek(fd, 3, SEEK_CUR), 0x140000003LL);
	CHECK_EQ(lseek(fd, 0, SEEK_END), 13);

	/* Writing past the end leaves a hole that reads as zeros. */
	CHECK_EQ(lseek(fd, 20, SEEK_SET), 20);
	CHECK_EQ(write(fd, "X", 1), 1);
	CHECK_EQ(lseek(fd, 0, SEEK_END), 21);
	CHECK_EQ(lseek(fd, 13, SEEK_SET), 13);
	memset(buf, 0x55, sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), 8);
	CHECK(memcmp(buf, "\0\0\0\0\0\0\0X", 8) == 0);
	CHECK_EQ(close(fd), 0);
}

static void
excl_append_trunc(void)
{
	char buf[32];
	int fd;

	CHECK_ERR(open(NAME, O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);

	fd = open(NAME, O_WRONLY | O_APPEND);
	CHECK(fd >= 3);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(write(fd, "tail", 4), 4);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 25);
	CHECK_EQ(close(fd), 0);

	fd = open(NAME, O_RDONLY);
	CHECK(fd >= 3);
	CHECK_EQ(lseek(fd, 21, SEEK_SET), 21);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 4);
	CHECK(memcmp(buf, "tail", 4) == 0);
	CHECK_EQ(close(fd), 0);

	fd = open(NAME, O_RDWR | O_TRUNC);
	CHECK(fd >= 3);
	CHECK_EQ(lseek(fd, 0, SEEK_END), 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
	CHECK_EQ(close(fd), 0);
}

static void
fds_are_reused(void)
{
	int a = open(NAME, O_RDONLY);
	int b = open(NAME, O_RDONLY);

	CHECK(a >= 3);
	CHECK(b >= 3 && b != a);
	CHECK_EQ(close(a), 0);
	CHECK_EQ(open(NAME, O_RDONLY), a);	/* lowest free fd */
	CHECK_EQ(close(a), 0);
	CHECK_EQ(close(b), 0);
}

int
main(void)
{
	write_file();
	read_and_seek();
	excl_append_trunc();
	fds_are_reused();
	CHECK_EQ(unlink(NAME), 0);
	CHECK_ERR(open(NAME, O_RDONLY), ENOENT);
	CHECK_ERR(unlink(NAME), ENOENT);
	return test_passed();
}
