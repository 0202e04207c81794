/*
 * strstr: the first occurrence of NEEDLE in HAY, or NULL; an empty needle
 * matches at HAY.
 *
 * A plain scan that tries each position whose first byte matches: simple,
 * and fast for the short needles programs use, though its worst case is
 * len(hay) * len(needle).
 */
#include <string.h>

char *
strstr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (n == 0)
		return (char *)hay;
	for (; (hay = strchr(hay, needle[0])) != NULL; hay++)
		if (strncmp(hay, needle, n) == 0)
			return (char *)hay;
	return NULL;
}
