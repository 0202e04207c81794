/*
 * strncmp: compare at most N bytes of two strings as unsigned chars.
 */
#include <string.h>

int
strncmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; n--, a++, b++)
		if (*a != *b || *a == '\0')
			return (unsigned char)*a - (unsigned char)*b;
	return 0;
}
