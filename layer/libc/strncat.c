/*
 * strncat: append at most N bytes of S to the string D, then a NUL (so up
 * to N + 1 bytes are written); returns D.
 */
#include <string.h>

char *
strncat(char *__restrict d, const char *__restrict s, size_t n)
{
	char *end = d + strlen(d);
	size_t len = strnlen(s, n);

	memcpy(end, s, len);
	end[len] = '\0';
	return d;
}
