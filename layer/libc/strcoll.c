/*
 * strcoll: collation in the "C" locale, the only one there is, is plain
 * byte order.
 */
#include <string.h>

int
strcoll(const char *a, const char *b)
{
	return strcmp(a, b);
}
