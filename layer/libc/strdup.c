/*
 * strdup: a copy of S in memory from malloc, or NULL (errno ENOMEM).
 */
#include <stdlib.h>
#include <string.h>

char *
strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	return d != NULL ? memcpy(d, s, n) : NULL;
}
