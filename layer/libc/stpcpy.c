/*
 * stpcpy: copy S, with its NUL, to D; returns the address of the NUL
 * written in D.
 */
#include <string.h>

char *
stpcpy(char *__restrict d, const char *__restrict s)
{
	while ((*d = *s) != '\0')
		d++, s++;
	return d;
}
