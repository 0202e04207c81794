/*
 * __vk_write_all: write a whole buffer to a descriptor, looping over short
 * writes and EINTR; the bytes written, short only after an error (errno
 * set by write) or a write that made no progress.
 */
#include <errno.h>
#include <unistd.h>

#include "stdio_impl.h"

size_t
__vk_write_all(int fd, const void *p, size_t len)
{
	const char *s = p;
	size_t done = 0;
	ssize_t n;

	while (done < len) {
		n = write(fd, s + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	return done;
}
