/*
 * layer/libc-tests/abi_types.c: the sizes and layouts of program ABI 1's
 * types, as the kernel-interfacing layer will fill them.
 *
 * Checked at compile time (so a drift breaks the build) and once more at
 * run time: 64-bit off_t, time_t, ino_t, blkcnt_t, dev_t; 32-bit ids and
 * mode_t; 16-byte struct timespec and struct timeval with their padding;
 * the 112-byte struct stat with every field at its documented offset; the
 * Linux values of O_*, PROT_*, MAP_*, SEEK_*, CLOCK_* and S_IF*; errno's
 * storage (one int per thread, here a static one); and that assert
 * compiles away under NDEBUG.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#define NDEBUG
#include <assert.h>

#include "check.h"

#define SA(cond) _Static_assert(cond, #cond)

SA(sizeof(off_t) == 8 && (off_t)-1 < 0);
SA(sizeof(time_t) == 8 && (time_t)-1 < 0);
SA(sizeof(blkcnt_t) == 8);
SA(sizeof(ino_t) == 8 && (ino_t)-1 > 0);
SA(sizeof(dev_t) == 8);
SA(sizeof(size_t) == 4 && sizeof(ssize_t) == 4 && (ssize_t)-1 < 0);
SA(sizeof(pid_t) == 4 && sizeof(uid_t) == 4 && sizeof(gid_t) == 4 && sizeof(mode_t) == 4);
SA(sizeof(struct timespec) == 16);
SA(offsetof(struct timespec, tv_nsec) == 8);
SA(sizeof(struct timeval) == 16);
SA(offsetof(struct timeval, tv_usec) == 8);
SA(sizeof(struct stat) == 112);
SA(offsetof(struct stat, st_dev) == 0);
SA(offsetof(struct stat, st_ino) == 8);
SA(offsetof(struct stat, st_mode) == 16);
SA(offsetof(struct stat, st_nlink) == 20);
SA(offsetof(struct stat, st_uid) == 24);
SA(offsetof(struct stat, st_gid) == 28);
SA(offsetof(struct stat, st_rdev) == 32);
SA(offsetof(struct stat, st_size) == 40);
SA(offsetof(struct stat, st_blksize) == 48);
SA(offsetof(struct stat, st_blocks) == 56);
SA(offsetof(struct stat, st_atim) == 64);
SA(offsetof(struct stat, st_mtim) == 80);
SA(offsetof(struct stat, st_ctim) == 96);
SA(O_RDONLY == 0 && O_WRONLY == 1 && O_RDWR == 2 && O_CREAT == 0100 && O_EXCL == 0200);
SA(O_TRUNC == 01000 && O_APPEND == 02000 && O_NONBLOCK == 04000 && O_DIRECTORY == 0200000);
SA(O_CLOEXEC == 02000000 && O_NOFOLLOW == 0400000);
SA(PROT_READ == 1 && PROT_WRITE == 2 && PROT_EXEC == 4);
SA(MAP_SHARED == 1 && MAP_PRIVATE == 2 && MAP_FIXED == 0x10 && MAP_ANONYMOUS == 0x20);
SA(SEEK_SET == 0 && SEEK_CUR == 1 && SEEK_END == 2);
SA(CLOCK_REALTIME == 0 && CLOCK_MONOTONIC == 1);
SA(S_IFREG == 0100000 && S_IFDIR == 0040000 && S_IFLNK == 0120000);
SA(PATH_MAX == 4096 && INT_MAX == 2147483647);
SA(EPERM == 1 && ENOENT == 2 && EAGAIN == 11 && ENOSYS == 38 && ERANGE == 34);

int
main(void)
{
	struct stat st;
	int *e1, *e2;

	memset(&st, 0, sizeof(st));
	st.st_mode = S_IFDIR | 0755;
	st.st_mtim.tv_sec = 12345;
	CHECK(S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode));
	CHECK_EQ(st.st_mtime, 12345);
	CHECK(MAP_FAILED == (void *)-1);
	e1 = &errno;
	e2 = __errno_location();
	CHECK(e1 == e2);
	errno = 7;
	CHECK_EQ(*e2, 7);
	assert(0);				/* NDEBUG: no effect */
	return test_passed();
}
