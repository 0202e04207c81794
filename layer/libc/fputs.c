/*
 * fputs, puts: write a string (puts adds a newline, on stdout).  A
 * non-negative number on success, EOF on error.
 */
#include <string.h>

#include "stdio_impl.h"

int
fputs(const char *__restrict s, FILE *__restrict f)
{
	size_t n = strlen(s);

	return __vk_fwrite(f, s, n) == n ? 0 : EOF;
}

int
puts(const char *s)
{
	if (fputs(s, stdout) == EOF || __vk_fwrite(stdout, "\n", 1) != 1)
		return EOF;
	return 0;
}
