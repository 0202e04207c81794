/*
 * strcspn: the length of S's prefix made only of bytes not in REJECT.
 */
#include <string.h>

size_t
strcspn(const char *s, const char *reject)
{
	size_t n = 0;

	while (s[n] != '\0' && strchr(reject, s[n]) == NULL)
		n++;
	return n;
}
