/*
 * guest-tests/stat.c: stat, lstat, fstat and getcwd, whose messages the layer
 * translates into program ABI 1's shapes (struct stat, getcwd's buffer).
 *
 * Pins down: struct stat is 112 bytes; a new regular file: S_ISREG, the
 * size written, one link, a non-zero inode, our uid and gid, the
 * permissions asked for at most (the host umask may take some away) and at
 * least rw for the owner, a positive st_blksize, an mtime within a few
 * seconds of time() and nsec fields in [0, 1e9); fstat and lstat agree with
 * stat; fstat follows the file as it grows; "." is a directory with at least
 * two links; /dev/null is a character device; getcwd returns its buffer,
 * holding an absolute path (run-guest's scratch directory ".../work") that
 * names the same directory as "."; a buffer of exactly strlen + 1 bytes is
 * enough and one byte less is ERANGE.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define NAME	"stat.tmp"

static void
check_times(const struct stat *st, time_t now)
{
	CHECK(st->st_mtime >= now - 5 && st->st_mtime <= now + 5);
	CHECK(st->st_mtim.tv_nsec >= 0 && st->st_mtim.tv_nsec < 1000000000);
	CHECK(st->st_atim.tv_nsec >= 0 && st->st_atim.tv_nsec < 1000000000);
	CHECK(st->st_ctim.tv_nsec >= 0 && st->st_ctim.tv_nsec < 1000000000);
}

static void
same_file(const struct stat *a, const struct stat *b)
{
	CHECK(a->st_dev == b->st_dev);
	CHECK(a->st_ino == b->st_ino);
	CHECK_EQ(a->st_mode, b->st_mode);
	CHECK_EQ(a->st_nlink, b->st_nlink);
	CHECK_EQ(a->st_size, b->st_size);
	CHECK_EQ(a->st_uid, b->st_uid);
	CHECK_EQ(a->st_mtime, b->st_mtime);
}

static void
regular_file(void)
{
	struct stat st, fst, lst;
	int fd = open(NAME, O_CREAT | O_EXCL | O_RDWR, 0644);

	CHECK(fd >= 3);
	CHECK_EQ(write(fd, "hello, world\n", 13), 13);
	CHECK_EQ(stat(NAME, &st), 0);
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_size, 13);
	CHECK_EQ(st.st_nlink, 1);
	CHECK(st.st_ino != 0);
	CHECK_EQ(st.st_uid, getuid());
	CHECK_EQ(st.st_gid, getegid());
	CHECK_EQ(st.st_mode & 0777 & ~0644, 0);
	CHECK_EQ(st.st_mode & 0600, 0600);
	CHECK(st.st_blksize > 0);
	CHECK(st.st_blocks >= 0);
	check_times(&st, time(NULL));

	CHECK_EQ(fstat(fd, &fst), 0);
	same_file(&st, &fst);
	CHECK_EQ(lstat(NAME, &lst), 0);
	same_file(&st, &lst);

	CHECK_EQ(lseek(fd, 99, SEEK_SET), 99);
	CHECK_EQ(write(fd, "!", 1), 1);
	CHECK_EQ(fstat(fd, &fst), 0);
	CHECK_EQ(fst.st_size, 100);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(NAME), 0);
}

static void
other_kinds(void)
{
	struct stat st;

	CHECK_EQ(stat(".", &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	CHECK(st.st_nlink >= 2);
	CHECK_EQ(stat("/dev/null", &st), 0);
	CHECK(S_ISCHR(st.st_mode));
}

static void
cwd(void)
{
	char buf[4096], small[4096];
	struct stat a, b;
	size_t n;

	CHECK(getcwd(buf, sizeof(buf)) == buf);
	n = strlen(buf);
	CHECK(buf[0] == '/');
	CHECK(n >= 5 && strcmp(buf + n - 5, "/work") == 0);
	CHECK_EQ(stat(buf, &a), 0);
	CHECK_EQ(stat(".", &b), 0);
	same_file(&a, &b);

	CHECK(getcwd(small, n + 1) == small);
	CHECK(strcmp(small, buf) == 0);
	errno = 0;
	CHECK(getcwd(small, n) == NULL);
	CHECK_EQ(errno, ERANGE);
}

int
main(void)
{
	CHECK_EQ(sizeof(struct stat), 112);
	regular_file();
	other_kinds();
	cwd();
	return test_passed();
}
