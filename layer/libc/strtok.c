/*
 * strtok: strtok_r with one hidden, process-wide position.
 */
#include <string.h>

char *
strtok(char *__restrict s, const char *__restrict delim)
{
	static char *save;

	return strtok_r(s, delim, &save);
}
