/*
 * strcasecmp: compare two strings ignoring the case of ASCII letters.
 */
#include <ctype.h>
#include <strings.h>

int
strcasecmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

	while (*p != '\0' && tolower(*p) == tolower(*q))
		p++, q++;
	return tolower(*p) - tolower(*q);
}
