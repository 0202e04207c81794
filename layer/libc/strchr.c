/*
 * strchr: the first (char)C in S, or NULL; C may be the terminating NUL.
 */
#include <string.h>

char *
strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (*s == '\0')
			return NULL;
	}
}
