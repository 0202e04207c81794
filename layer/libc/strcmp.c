/*
 * strcmp: compare two strings as unsigned chars.
 */
#include <string.h>

int
strcmp(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}
