/*
 * strtol, strtoul, strtoll, strtoull, strtoimax, strtoumax: text to
 * integers, in base 0 or 2-36, with ERANGE and the type's limit on
 * overflow (see strtox.c for the parsing rules).  strtoul and strtoull
 * accept a '-' and negate the value in the unsigned type, as C requires.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>

#include "libc_private.h"

long
strtol(const char *__restrict s, char **__restrict end, int base)
{
	return (long)__vk_strtox(s, end, base, LONG_MAX, 1);
}

unsigned long
strtoul(const char *__restrict s, char **__restrict end, int base)
{
	return (unsigned long)__vk_strtox(s, end, base, ULONG_MAX, 0);
}

long long
strtoll(const char *__restrict s, char **__restrict end, int base)
{
	return (long long)__vk_strtox(s, end, base, LLONG_MAX, 1);
}

unsigned long long
strtoull(const char *__restrict s, char **__restrict end, int base)
{
	return __vk_strtox(s, end, base, ULLONG_MAX, 0);
}

intmax_t
strtoimax(const char *__restrict s, char **__restrict end, int base)
{
	return (intmax_t)__vk_strtox(s, end, base, INTMAX_MAX, 1);
}

uintmax_t
strtoumax(const char *__restrict s, char **__restrict end, int base)
{
	return (uintmax_t)__vk_strtox(s, end, base, UINTMAX_MAX, 0);
}
