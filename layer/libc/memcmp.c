/*
 * memcmp: compare N bytes as unsigned chars; the sign of the first
 * difference, or 0.
 */
#include <string.h>

int
memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n > 0; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}
