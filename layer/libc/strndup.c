/*
 * strndup: a copy of at most N bytes of S, always terminated, in memory from
 * malloc, or NULL (errno ENOMEM).
 */
#include <stdlib.h>
#include <string.h>

char *
strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *d = malloc(len + 1);

	if (d == NULL)
		return NULL;
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}
