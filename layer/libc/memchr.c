/*
 * memchr: the first byte equal to (unsigned char)C in the N bytes at S, or
 * NULL.
 */
#include <string.h>

void *
memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n > 0; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}
