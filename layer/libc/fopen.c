/*
 * fopen, fdopen and what they share: parsing a mode string and making a
 * new stream.
 *
 * Modes: r, w, a, r+, w+, a+; 'b' is accepted and ignored (there is no
 * text mode), 'x' adds O_EXCL and 'e' O_CLOEXEC.  New files get mode 0666
 * (before the umask).  Streams on files are fully buffered.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stdio_impl.h"

int
__vk_parse_mode(const char *mode, int *oflags, unsigned *fflags)
{
	const char *p;

	switch (mode[0]) {
	case 'r':
		*oflags = O_RDONLY;
		*fflags = F_READ;
		break;
	case 'w':
		*oflags = O_WRONLY | O_CREAT | O_TRUNC;
		*fflags = F_WRITE;
		break;
	case 'a':
		*oflags = O_WRONLY | O_CREAT | O_APPEND;
		*fflags = F_WRITE | F_APPEND;
		break;
	default:
		errno = EINVAL;
		return -1;
	}
	for (p = mode + 1; *p != '\0'; p++) {
		if (*p == '+') {
			*oflags = (*oflags & ~O_ACCMODE) | O_RDWR;
			*fflags |= F_READ | F_WRITE;
		} else if (*p == 'x')
			*oflags |= O_EXCL;
		else if (*p == 'e')
			*oflags |= O_CLOEXEC;
	}
	return 0;
}

FILE *
__vk_fnew(int fd, unsigned fflags)
{
	FILE *f = malloc(sizeof(*f));

	if (f == NULL)
		return NULL;
	memset(f, 0, sizeof(*f));
	f->fd = fd;
	f->flags = fflags;
	f->mode = M_IDLE;
	__vk_stdio_link(f);
	return f;
}

FILE *
fopen(const char *__restrict path, const char *__restrict mode)
{
	int oflags, fd;
	unsigned fflags;
	FILE *f;

	if (__vk_parse_mode(mode, &oflags, &fflags) != 0)
		return NULL;
	fd = open(path, oflags, 0666);
	if (fd < 0)
		return NULL;
	f = __vk_fnew(fd, fflags);
	if (f == NULL)
		close(fd);
	return f;
}

/*
 * fdopen: a stream on an open descriptor.  There is no fcntl yet to check
 * the descriptor's own flags, so the mode is trusted; for "a" modes the
 * offset is moved to the end once (the descriptor's O_APPEND, if any,
 * does the rest).
 */
FILE *
fdopen(int fd, const char *mode)
{
	int oflags;
	unsigned fflags;

	if (__vk_parse_mode(mode, &oflags, &fflags) != 0)
		return NULL;
	if (fd < 0) {
		errno = EBADF;
		return NULL;
	}
	if (fflags & F_APPEND)
		lseek(fd, 0, SEEK_END);
	return __vk_fnew(fd, fflags);
}
