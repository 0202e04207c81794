/*
 * remove, rename: remove or rename a file.
 *
 * remove is unlink: the kernel has no rmdir message yet, so removing a
 * directory fails (with the error unlink gives, EISDIR).  rename has no
 * kernel message either and always fails with ENOSYS.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

int
remove(const char *path)
{
	return unlink(path);
}

int
rename(const char *from, const char *to)
{
	(void)from;
	(void)to;
	errno = ENOSYS;
	return -1;
}
