/*
 * strncpy: copy at most N bytes of S to D and pad with NULs up to N bytes;
 * D is not terminated when S is N bytes or longer.
 */
#include <string.h>

char *
strncpy(char *__restrict d, const char *__restrict s, size_t n)
{
	size_t len = strnlen(s, n);

	memcpy(d, s, len);
	memset(d + len, 0, n - len);
	return d;
}
