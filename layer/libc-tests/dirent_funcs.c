/*
 * layer/libc-tests/dirent_funcs.c: directories through the libc on the
 * layer: opendir/readdir list exactly what was created (with d_type),
 * rewinddir starts over, rename moves a file, rmdir and remove delete an
 * empty directory and refuse a full one (ENOTEMPTY), chdir changes what
 * getcwd and relative paths see, opendir of a missing path is ENOENT.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

static int
count(DIR *d, int *files, int *dirs)
{
	struct dirent *e;
	int n = 0;

	*files = *dirs = 0;
	errno = 0;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		n++;
		*files += e->d_type == DT_REG && strncmp(e->d_name, "f", 1) == 0;
		*dirs += e->d_type == DT_DIR && strcmp(e->d_name, "sub") == 0;
	}
	CHECK_EQ(errno, 0);
	return n;
}

int
main(void)
{
	char name[32], cwd[256];
	int files, dirs, fd;
	struct stat st;
	DIR *d;

	CHECK_EQ(mkdir("d", 0755), 0);
	CHECK_EQ(mkdir("d/sub", 0755), 0);
	for (int i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "d/f%03d", i);
		fd = open(name, O_WRONLY | O_CREAT, 0644);
		CHECK(fd >= 0);
		CHECK_EQ(close(fd), 0);
	}
	d = opendir("d");
	CHECK(d != NULL);
	CHECK_EQ(count(d, &files, &dirs), 101);
	CHECK_EQ(files, 100);
	CHECK_EQ(dirs, 1);
	rewinddir(d);
	CHECK_EQ(count(d, &files, &dirs), 101);
	CHECK_EQ(closedir(d), 0);

	CHECK_EQ(rename("d/f000", "d/sub/moved"), 0);
	CHECK_EQ(stat("d/sub/moved", &st), 0);
	CHECK_EQ(stat("d/f000", &st) == -1 && errno == ENOENT, 1);
	CHECK_EQ(rmdir("d/sub") == -1 && errno == ENOTEMPTY, 1);
	CHECK_EQ(unlink("d/sub/moved"), 0);
	CHECK_EQ(remove("d/sub"), 0);
	CHECK_EQ(rmdir("d/sub") == -1 && errno == ENOENT, 1);

	CHECK_EQ(chdir("d"), 0);
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	CHECK_EQ(strcmp(cwd + strlen(cwd) - 2, "/d"), 0);
	CHECK_EQ(stat("f001", &st), 0);
	CHECK_EQ(chdir(".."), 0);

	errno = 0;
	CHECK(opendir("missing") == NULL);
	CHECK_EQ(errno, ENOENT);
	printf("passed\n");
	return 0;
}
