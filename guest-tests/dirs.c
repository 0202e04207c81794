/*
 * guest-tests/dirs.c: directories made by mkdir hold files, nest, and are
 * walked by relative paths with "." and "..".
 *
 * Pins down: mkdir returns 0 and the directory can hold a new file (written
 * and read back with stdio); directories nest three deep and stat sees them
 * as directories with the mode asked for; "a/./b/../b/f" reaches the same
 * file as "a/b/f"; mkdir under a missing parent is ENOENT, under a regular
 * file ENOTDIR; a directory opens read-only, and reading it is EISDIR;
 * unlink removes a file inside a nested directory.  (There is no rmdir
 * command yet: run-guest removes the scratch directory.)
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

static void
put(const char *path, const char *text)
{
	FILE *f = fopen(path, "wx");

	CHECK(f != NULL);
	CHECK(fputs(text, f) >= 0);
	CHECK_EQ(fclose(f), 0);
}

static void
expect(const char *path, const char *text)
{
	char buf[64];
	FILE *f = fopen(path, "r");

	CHECK(f != NULL);
	CHECK(fgets(buf, sizeof(buf), f) != NULL);
	CHECK(strcmp(buf, text) == 0);
	CHECK(fgets(buf, sizeof(buf), f) == NULL);
	CHECK(feof(f));
	CHECK_EQ(fclose(f), 0);
}

static void
is_dir(const char *path, mode_t perm)
{
	struct stat st;

	CHECK_EQ(stat(path, &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	CHECK_EQ(st.st_mode & perm, perm);
}

int
main(void)
{
	char c;
	int fd;

	CHECK_EQ(mkdir("a", 0755), 0);
	CHECK_EQ(mkdir("a/b", 0755), 0);
	CHECK_EQ(mkdir("a/b/c", 0700), 0);
	is_dir("a", 0700);
	is_dir("a/b/c", 0700);
	put("a/b/f", "in b\n");
	put("a/b/c/g", "in c\n");
	expect("a/b/f", "in b\n");
	expect("a/./b/../b/f", "in b\n");
	expect("a/b/c/../../b/c/g", "in c\n");

	CHECK_ERR(mkdir("x/y", 0755), ENOENT);
	CHECK_ERR(mkdir("a/b/f/z", 0755), ENOTDIR);

	fd = open("a/b", O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 3);
	CHECK_ERR(read(fd, &c, 1), EISDIR);
	CHECK_EQ(close(fd), 0);

	CHECK_EQ(unlink("a/b/c/g"), 0);
	CHECK_ERR(open("a/b/c/g", O_RDONLY), ENOENT);
	CHECK_EQ(unlink("a/b/f"), 0);
	CHECK_ERR(unlink("a/b/f"), ENOENT);
	return test_passed();
}
