/*
 * strcpy: copy S, with its NUL, to D; returns D.
 */
#include <string.h>

char *
strcpy(char *__restrict d, const char *__restrict s)
{
	stpcpy(d, s);
	return d;
}
