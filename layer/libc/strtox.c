/*
 * __vk_strtox: the integer parser behind strtol, strtoul, strtoll, strtoull,
 * strtoimax and strtoumax (the contract is in libc_private.h).
 *
 * Base 0 picks 16 for a "0x" prefix, 8 for a leading 0, else 10; base 16
 * also accepts the prefix.  A prefix not followed by a hex digit is not one:
 * "0x" parses as the 0 before the x.  Digits past an overflow are still
 * consumed, as the standard requires for *END.
 */
#include <ctype.h>
#include <errno.h>

#include "libc_private.h"

/* The value of the digit C in bases up to 36, or 99. */
static int
digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/* Skip a "0x" prefix at *P if base 0 or 16 allows one; returns the base. */
static int
take_prefix(const char **p, int base)
{
	const char *s = *p;

	if ((base == 0 || base == 16) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
	    isxdigit((unsigned char)s[2])) {
		*p = s + 2;
		return 16;
	}
	if (base == 0)
		return s[0] == '0' ? 8 : 10;
	return base;
}

unsigned long long
__vk_strtox(const char *s, char **end, int base, unsigned long long limit, int signed_result)
{
	const char *p = s;
	unsigned long long v = 0, max;
	int neg = 0, any = 0, over = 0, d;

	if (base < 0 || base == 1 || base > 36) {
		if (end != NULL)
			*end = (char *)s;
		errno = EINVAL;
		return 0;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	base = take_prefix(&p, base);
	max = limit + (unsigned long long)(neg && signed_result);
	for (; (d = digit_value((unsigned char)*p)) < base; p++) {
		any = 1;
		if (over || v > (max - (unsigned)d) / (unsigned)base)
			over = 1;
		else
			v = v * (unsigned)base + (unsigned)d;
	}
	if (end != NULL)
		*end = (char *)(any ? p : s);
	if (over) {
		errno = ERANGE;
		return signed_result && neg ? -max : (signed_result ? limit : max);
	}
	return neg ? -v : v;
}
