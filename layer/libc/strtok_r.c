/*
 * strtok_r: split a string into tokens separated by runs of bytes from
 * DELIM.  The first call passes the string in S, later ones NULL; *SAVE
 * holds the position between calls.  The string is modified (each token is
 * terminated in place).  Returns the next token, or NULL at the end.
 */
#include <string.h>

char *
strtok_r(char *__restrict s, const char *__restrict delim, char **__restrict save)
{
	char *tok;

	if (s == NULL)
		s = *save;
	if (s == NULL)
		return NULL;
	s += strspn(s, delim);
	if (*s == '\0') {
		*save = NULL;
		return NULL;
	}
	tok = s;
	s += strcspn(s, delim);
	if (*s != '\0')
		*s++ = '\0';
	else
		s = NULL;
	*save = s;
	return tok;
}
