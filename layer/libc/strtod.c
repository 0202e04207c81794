/*
 * strtod, strtof, strtold, atof: text to floating point.
 *
 * Accepted, after white space and a sign: decimal numbers with an optional
 * fraction and exponent, hexadecimal ones ("0x1.8p3"), "inf", "infinity"
 * and "nan" (optionally "nan(chars)"), without regard to case.
 *
 * Decimal conversion keeps the first 19 significant digits in a 64-bit
 * integer and scales it in x87 extended precision by a product of powers of
 * ten that are themselves correctly rounded constants.  The relative error
 * before the final rounding stays below about 1e-18, so a double result is
 * the correctly rounded one except when the decimal value lies within that
 * distance of a halfway point between two doubles (and digits after the
 * 19th are ignored).  Results are therefore accurate to within one ulp but
 * NOT guaranteed to be correctly rounded; strtold is accurate to a few
 * ulps of long double.  Hexadecimal input is converted exactly up to the
 * final rounding.
 *
 * ERANGE: on overflow (the result is then +-HUGE_VAL) and when a non-zero
 * value comes out as zero or subnormal in the requested type.
 */
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <stdint.h>
#include <stdlib.h>

#include "libc_private.h"

#define MAX_DIGITS	19		/* significant decimal digits kept */
#define EXP_CLAMP	100000		/* larger exponents saturate */

/* 10^(2^k), correctly rounded to long double. */
static const long double pow10_2k[] = {
	0xa000000000000000p-60L,	/* 1e1 */
	0xc800000000000000p-57L,	/* 1e2 */
	0x9c40000000000000p-50L,	/* 1e4 */
	0xbebc200000000000p-37L,	/* 1e8 */
	0x8e1bc9bf04000000p-10L,	/* 1e16 */
	0x9dc5ada82b70b59ep+43L,	/* 1e32 */
	0xc2781f49ffcfa6d5p+149L,	/* 1e64 */
	0x93ba47c980e98ce0p+362L,	/* 1e128 */
	0xaa7eebfb9df9de8ep+787L,	/* 1e256 */
	0xe319a0aea60e91c7p+1637L,	/* 1e512 */
	0xc976758681750c17p+3338L,	/* 1e1024 */
	0x9e8b3b5dc53d5de5p+6740L,	/* 1e2048 */
	0xc46052028a20979bp+13543L,	/* 1e4096 */
};

/* 10^E for 0 <= E < 8192. */
static long double
pow10_of(int e)
{
	long double p = 1.0L;
	int k;

	for (k = 0; e != 0; k++, e >>= 1)
		if (e & 1)
			p *= pow10_2k[k];
	return p;
}

/* X * 2^E, with the x87's fscale (exact unless the result over- or
 * underflows). */
static long double
scale2(long double x, long e)
{
	long double f = (long double)(e > 20000 ? 20000 : e < -20000 ? -20000 : e);

	__asm__ ("fscale" : "+t" (x) : "u" (f));
	return x;
}

/* M * 10^E. */
static long double
scale10(uint64_t m, long e)
{
	long double x = (long double)m;

	if (e > 5000)
		return x * pow10_2k[12] * pow10_2k[12];	/* overflows to inf */
	if (e < -5000 - MAX_DIGITS)
		return 0.0L;
	for (; e >= 4096; e -= 4096)
		x *= pow10_2k[12];
	for (; e <= -4096; e += 4096)
		x /= pow10_2k[12];
	return e >= 0 ? x * pow10_of((int)e) : x / pow10_of((int)-e);
}

/* Does S start with WORD (lower case), ignoring case? */
static int
starts_ci(const char *s, const char *word)
{
	for (; *word != '\0'; s++, word++)
		if (tolower((unsigned char)*s) != *word)
			return 0;
	return 1;
}

/* An exponent after 'e' or 'p' at P: adds it to *EXP and returns the end,
 * or returns P unchanged when no digits follow. */
static const char *
exponent(const char *p, long *exp)
{
	const char *q = p + 1;
	long v = 0;
	int neg = 0;

	if (*q == '+' || *q == '-')
		neg = *q++ == '-';
	if (!isdigit((unsigned char)*q))
		return p;
	for (; isdigit((unsigned char)*q); q++)
		if (v < EXP_CLAMP)
			v = v * 10 + (*q - '0');
	*exp += neg ? -v : v;
	return q;
}

/* A decimal number at P; *END past it, or NULL if there are no digits. */
static long double
decimal(const char *p, const char **end)
{
	uint64_t m = 0;
	long exp = 0;
	int ndigits = 0, any = 0, frac = 0;

	for (;; p++) {
		if (*p == '.' && !frac) {
			frac = 1;
			continue;
		}
		if (!isdigit((unsigned char)*p))
			break;
		any = 1;
		if (ndigits < MAX_DIGITS) {
			m = m * 10 + (uint64_t)(*p - '0');
			ndigits += m != 0;
			exp -= frac;
		} else
			exp += !frac;
	}
	if (!any) {
		*end = NULL;
		return 0.0L;
	}
	if (*p == 'e' || *p == 'E')
		p = exponent(p, &exp);
	*end = p;
	return m == 0 ? 0.0L : scale10(m, exp);
}

/* A hexadecimal number at P (after "0x"); *END past it, or NULL. */
static long double
hexadecimal(const char *p, const char **end)
{
	uint64_t m = 0;
	long exp = 0;
	int any = 0, frac = 0, d;

	for (;; p++) {
		if (*p == '.' && !frac) {
			frac = 1;
			continue;
		}
		if (!isxdigit((unsigned char)*p))
			break;
		any = 1;
		d = isdigit((unsigned char)*p) ? *p - '0' : tolower((unsigned char)*p) - 'a' + 10;
		if (m >> 60 == 0) {
			m = m * 16 + (uint64_t)d;
			exp -= 4 * frac;
		} else {
			m |= d != 0;		/* sticky bit for rounding */
			exp += 4 * !frac;
		}
	}
	if (!any) {
		*end = NULL;
		return 0.0L;
	}
	if (*p == 'p' || *p == 'P')
		p = exponent(p, &exp);
	*end = p;
	return scale2((long double)m, exp);
}

/* "nan" or "nan(chars)" at P; returns the end. */
static const char *
nan_text(const char *p)
{
	const char *q = p + 3;

	if (*q == '(') {
		for (q++; isalnum((unsigned char)*q) || *q == '_'; q++)
			;
		if (*q == ')')
			return q + 1;
	}
	return p + 3;
}

/* Does the number text [P, E) have a non-zero digit in its mantissa? */
static int
nonzero_digits(const char *p, const char *e)
{
	int hex = p[0] == '0' && (p[1] == 'x' || p[1] == 'X');

	for (p += hex ? 2 : 0; p < e; p++) {
		if (hex ? (*p == 'p' || *p == 'P') : (*p == 'e' || *p == 'E'))
			return 0;
		if (*p >= '1' && *p <= '9')
			return 1;
		if (hex && isxdigit((unsigned char)*p) && *p != '0')
			return 1;
	}
	return 0;
}

long double
__vk_strtold(const char *s, char **end, int *range)
{
	const char *p = s, *e;
	long double v;
	int neg = 0, finite = 1;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (starts_ci(p, "inf")) {
		e = p + (starts_ci(p, "infinity") ? 8 : 3);
		v = __builtin_infl();
		finite = 0;
	} else if (starts_ci(p, "nan")) {
		e = nan_text(p);
		v = __builtin_nanl("");
		finite = 0;
	} else if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    (v = hexadecimal(p + 2, &e), e != NULL)) {
		;
	} else
		v = decimal(p, &e);
	if (end != NULL)
		*end = (char *)(e != NULL ? e : s);
	if (e == NULL)
		return 0.0L;
	if (range != NULL)
		*range = finite && (__builtin_isinf(v) || (v == 0.0L && nonzero_digits(p, e)));
	return neg ? -v : v;
}

long double
strtold(const char *__restrict s, char **__restrict end)
{
	int range;
	long double v = __vk_strtold(s, end, &range);
	long double a = __builtin_fabsl(v);

	if (range || (a != 0.0L && a < LDBL_MIN))
		errno = ERANGE;
	return v;
}

double
strtod(const char *__restrict s, char **__restrict end)
{
	int range;
	long double v = __vk_strtold(s, end, &range);
	volatile double d = (double)v;		/* rounded to double here */
	double a = __builtin_fabs(d);

	if (range || (__builtin_isinf(a) && !__builtin_isinf(v)) || (v != 0.0L && a < DBL_MIN))
		errno = ERANGE;
	return d;
}

float
strtof(const char *__restrict s, char **__restrict end)
{
	int range;
	long double v = __vk_strtold(s, end, &range);
	volatile float f = (float)v;
	float a = __builtin_fabsf(f);

	if (range || (__builtin_isinf(a) && !__builtin_isinf(v)) || (v != 0.0L && a < FLT_MIN))
		errno = ERANGE;
	return f;
}

double
atof(const char *s)
{
	return strtod(s, NULL);
}
