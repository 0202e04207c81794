/*
 * remove: remove a file or an empty directory (C's remove is POSIX's unlink,
 * or rmdir for a directory).  rename is a system call (a stub slot).
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

int
remove(const char *path)
{
	if (unlink(path) == 0)
		return 0;
	if (errno != EISDIR)
		return -1;
	return rmdir(path);
}
