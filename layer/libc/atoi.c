/*
 * atoi, atol, atoll: decimal text to integers.  Like strtol in base 10
 * except that errno is left alone (the result on overflow is undefined by
 * C; here it is the clamped value).
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

#include "libc_private.h"

static long long
decimal(const char *s, long long limit)
{
	int saved = errno;
	long long v = (long long)__vk_strtox(s, NULL, 10, (unsigned long long)limit, 1);

	errno = saved;
	return v;
}

int
atoi(const char *s)
{
	return (int)decimal(s, INT_MAX);
}

long
atol(const char *s)
{
	return (long)decimal(s, LONG_MAX);
}

long long
atoll(const char *s)
{
	return decimal(s, LLONG_MAX);
}
