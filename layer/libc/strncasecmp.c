/*
 * strncasecmp: compare at most N bytes of two strings ignoring the case of
 * ASCII letters.
 */
#include <ctype.h>
#include <strings.h>

int
strncasecmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

	for (; n > 0; n--, p++, q++)
		if (tolower(*p) != tolower(*q) || *p == '\0')
			return tolower(*p) - tolower(*q);
	return 0;
}
