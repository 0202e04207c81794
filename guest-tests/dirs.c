/*
 * guest-tests/dirs.c: directories made by mkdir hold files, nest, and are
 * walked by relative paths with "." and "..".
 *
 * Pins down: mkdir returns 0 and the directory can hold a new file;
 * directories nest three deep; "a/./b/../b/f" reaches the same file as
 * "a/b/f"; mkdir under a missing parent is ENOENT, under a regular file
 * ENOTDIR; a directory opens read-only, and reading it is EISDIR; unlink
 * removes a file inside a nested directory.  (There is no rmdir command yet:
 * run-guest removes the scratch directory.)
 */
#include "guest-tests/rt/vkrt.h"

static void
put(const char *path, const char *text)
{
	int fd = vk_open(path, VK_O_CREAT | VK_O_EXCL | VK_O_WRONLY, 0644);

	CHECK(fd >= 3);
	CHECK_EQ(vk_write(fd, text, strlen(text)), (int32_t)strlen(text));
	CHECK_EQ(vk_close(fd), 0);
}

static void
expect(const char *path, const char *text)
{
	char buf[64];
	int fd = vk_open(path, VK_O_RDONLY, 0);

	CHECK(fd >= 3);
	CHECK_EQ(vk_read(fd, buf, sizeof(buf)), (int32_t)strlen(text));
	CHECK(memcmp(buf, text, strlen(text)) == 0);
	CHECK_EQ(vk_close(fd), 0);
}

int
main(void)
{
	char c;
	int fd;

	CHECK_EQ(vk_mkdir("a", 0755), 0);
	CHECK_EQ(vk_mkdir("a/b", 0755), 0);
	CHECK_EQ(vk_mkdir("a/b/c", 0700), 0);
	put("a/b/f", "in b\n");
	put("a/b/c/g", "in c\n");
	expect("a/b/f", "in b\n");
	expect("a/./b/../b/f", "in b\n");
	expect("a/b/c/../../b/c/g", "in c\n");

	CHECK_ERR(vk_mkdir("x/y", 0755), VK_ENOENT);
	CHECK_ERR(vk_mkdir("a/b/f/z", 0755), VK_ENOTDIR);

	fd = vk_open("a/b", VK_O_RDONLY | VK_O_DIRECTORY, 0);
	CHECK(fd >= 3);
	CHECK_ERR(vk_read(fd, &c, 1), VK_EISDIR);
	CHECK_EQ(vk_close(fd), 0);

	CHECK_EQ(vk_unlink("a/b/c/g"), 0);
	CHECK_ERR(vk_open("a/b/c/g", VK_O_RDONLY, 0), VK_ENOENT);
	CHECK_EQ(vk_unlink("a/b/f"), 0);
	CHECK_ERR(vk_unlink("a/b/f"), VK_ENOENT);
	return vk_test_passed();
}
