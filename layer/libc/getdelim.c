/*
 * getdelim, getline: read up to and including DELIM ('\n' for getline)
 * into *LINE, a malloc'd buffer of *CAP bytes that grows as needed (both
 * may start as NULL and 0).  Returns the number of bytes read, without the
 * terminating NUL, or -1 at end of file with nothing read or on error.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "stdio_impl.h"

/* Make *LINE hold at least NEED bytes. */
static int
reserve(char **line, size_t *cap, size_t need)
{
	size_t ncap = *cap < 64 ? 64 : *cap;
	char *p;

	if (need <= *cap && *line != NULL)
		return 0;
	while (ncap < need)
		ncap *= 2;
	p = realloc(*line, ncap);
	if (p == NULL)
		return -1;
	*line = p;
	*cap = ncap;
	return 0;
}

ssize_t
getdelim(char **__restrict line, size_t *__restrict cap, int delim, FILE *__restrict f)
{
	size_t len = 0, k;
	unsigned char *end;

	if (line == NULL || cap == NULL) {
		errno = EINVAL;
		return -1;
	}
	if (reserve(line, cap, 1) != 0)
		return -1;
	for (;;) {
		if ((f->mode != M_READ || f->rpos == f->rend) && __vk_fill(f) != 0) {
			if ((f->flags & F_ERR) || len == 0)
				return -1;
			break;
		}
		k = (size_t)(f->rend - f->rpos);
		end = memchr(f->rpos, delim, k);
		if (end != NULL)
			k = (size_t)(end - f->rpos) + 1;
		if (reserve(line, cap, len + k + 1) != 0)
			return -1;
		memcpy(*line + len, f->rpos, k);
		f->rpos += k;
		len += k;
		if (end != NULL)
			break;
	}
	(*line)[len] = '\0';
	return (ssize_t)len;
}

ssize_t
getline(char **__restrict line, size_t *__restrict cap, FILE *__restrict f)
{
	return getdelim(line, cap, '\n', f);
}
