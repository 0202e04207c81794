/*
 * guest-tests/errno_libc.c: errno, as a program sees it through libc and the
 * layer (docs/abi.md sections 6 and 7).
 *
 * Pins down: errno is 0 when main starts; &errno is the pointer at %gs:0x20,
 * the TLS block's errno word 0xff001040; each error path sets errno and
 * returns the failure value of its call: open of a missing file ENOENT,
 * O_CREAT|O_EXCL of an existing one EEXIST, close(999) EBADF, read into an
 * unmapped address EFAULT, mkdir of an existing directory EEXIST, unlink of
 * a directory EISDIR, lseek with a bad whence EINVAL, stat of a missing file
 * ENOENT (and the struct is left alone), fstat of a bad fd EBADF, getcwd into
 * a too-small buffer NULL and ERANGE, munmap of an unaligned address EINVAL,
 * mmap of length 0 MAP_FAILED and EINVAL, clock_gettime of an unknown clock
 * EINVAL (the timespec left alone); and a successful call of every kind (by
 * message, translated, or served in the layer) leaves errno untouched.
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define UNMAPPED	((void *)0x10)
#define SENTINEL	0x5eed

/* STMT succeeds (its own CHECKs say so) and leaves errno as it was. */
#define KEEPS_ERRNO(stmt) \
	do { errno = SENTINEL; stmt; CHECK_EQ(errno, SENTINEL); } while (0)

static void
where_errno_lives(void)
{
	int *gs_errno;

	__asm__("movl %%gs:0x20, %0" : "=r"(gs_errno));
	CHECK(gs_errno == &errno);
	CHECK_EQ((uint32_t)&errno, 0xff001040u);
	errno = 77;
	CHECK_EQ(*gs_errno, 77);
	errno = 0;
}

static void
error_paths(void)
{
	struct stat st;
	struct timespec ts;
	char small[2];
	int fd;

	CHECK_ERR(open("missing.tmp", O_RDONLY), ENOENT);

	fd = open("exists.tmp", O_CREAT | O_WRONLY, 0644);
	CHECK(fd >= 3);
	CHECK_EQ(close(fd), 0);
	CHECK_ERR(open("exists.tmp", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);

	CHECK_ERR(close(999), EBADF);

	fd = open("exists.tmp", O_RDWR);
	CHECK(fd >= 3);
	CHECK_EQ(write(fd, "abcd", 4), 4);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_ERR(read(fd, UNMAPPED, 4), EFAULT);
	CHECK_ERR(lseek(fd, 0, 3), EINVAL);
	CHECK_EQ(close(fd), 0);

	CHECK_EQ(mkdir("dir.tmp", 0755), 0);
	CHECK_ERR(mkdir("dir.tmp", 0755), EEXIST);
	CHECK_ERR(unlink("dir.tmp"), EISDIR);

	memset(&st, 0x5a, sizeof(st));
	CHECK_ERR(stat("missing.tmp", &st), ENOENT);
	CHECK_EQ(st.st_size, 0x5a5a5a5a5a5a5a5aLL);
	CHECK_ERR(fstat(999, &st), EBADF);

	errno = 0;
	CHECK(getcwd(small, sizeof(small)) == NULL);
	CHECK_EQ(errno, ERANGE);

	CHECK_ERR(munmap((void *)0x40000123, 4096), EINVAL);
	CHECK_PTR_ERR(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
	    MAP_FAILED, EINVAL);

	ts.tv_sec = 12345;
	ts.tv_nsec = 678;
	CHECK_ERR(clock_gettime(99, &ts), EINVAL);
	CHECK_EQ(ts.tv_sec, 12345);
	CHECK_EQ(ts.tv_nsec, 678);

	CHECK_EQ(unlink("exists.tmp"), 0);
}

static void
successes_keep_errno(void)
{
	struct stat st;
	struct timespec ts;
	struct timeval tv;
	char buf[512], c;
	void *m;
	int fd;

	KEEPS_ERRNO(fd = open("ok.tmp", O_CREAT | O_RDWR | O_TRUNC, 0644); CHECK(fd >= 3));
	KEEPS_ERRNO(CHECK_EQ(write(fd, "x", 1), 1));
	KEEPS_ERRNO(CHECK_EQ(lseek(fd, 0, SEEK_SET), 0));
	KEEPS_ERRNO(CHECK_EQ(read(fd, &c, 1), 1));
	KEEPS_ERRNO(CHECK_EQ(read(fd, &c, 1), 0));		/* end of file is no error */
	KEEPS_ERRNO(CHECK_EQ(fstat(fd, &st), 0); CHECK_EQ(st.st_size, 1));
	KEEPS_ERRNO(CHECK_EQ(close(fd), 0));
	KEEPS_ERRNO(CHECK_EQ(stat("ok.tmp", &st), 0));
	KEEPS_ERRNO(CHECK_EQ(lstat("ok.tmp", &st), 0));
	KEEPS_ERRNO(CHECK_EQ(mkdir("okdir.tmp", 0755), 0));
	KEEPS_ERRNO(CHECK(getcwd(buf, sizeof(buf)) == buf));
	KEEPS_ERRNO(m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	    CHECK(m != MAP_FAILED));
	KEEPS_ERRNO(CHECK_EQ(munmap(m, 4096), 0));
	KEEPS_ERRNO(CHECK_EQ(unlink("ok.tmp"), 0));
	KEEPS_ERRNO(CHECK(__vk_brk(NULL) != NULL));
	KEEPS_ERRNO(CHECK_EQ(getpid(), 1));
	KEEPS_ERRNO(CHECK_EQ(getuid(), geteuid()));
	KEEPS_ERRNO(CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &ts), 0));
	KEEPS_ERRNO(CHECK_EQ(clock_gettime(CLOCK_REALTIME, &ts), 0));
	KEEPS_ERRNO(CHECK_EQ(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts), 0));
	KEEPS_ERRNO(CHECK_EQ(gettimeofday(&tv, NULL), 0));
	KEEPS_ERRNO(CHECK(time(NULL) > 0));
}

int
main(void)
{
	CHECK_EQ(errno, 0);
	where_errno_lives();
	error_paths();
	successes_keep_errno();
	return test_passed();
}
