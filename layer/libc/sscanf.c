/*
 * sscanf, vsscanf: formatted input from a string.
 *
 * Supported: white space (matches any amount, none included), ordinary
 * characters, and the conversions d i u o x X p (integers, via the strtol
 * parser), e f g a and upper-case forms (via the strtod parser), s, c, [set]
 * (with ^ and ranges), n and %%, each with '*' (assign nothing), a maximum
 * field width and the length modifiers hh h l ll j z t L.  Numeric fields
 * are read through a local copy of at most 63 (integers) or 127 (floats)
 * characters, which bounds a field without a width.  Integer overflow
 * stores whatever strtoull gives, as C leaves it undefined.
 *
 * Returns the number of fields assigned, or EOF when the input ends before
 * the first conversion.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "libc_private.h"

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_BIG_L };

#define MATCH_FAILURE	1	/* the input did not fit the format */
#define INPUT_FAILURE	2	/* the input ended first */

struct scan {
	const char	*in;		/* the input not consumed yet */
	const char	*start;		/* for %n */
	va_list		ap;
	int		assigned;
	int		done;		/* conversions completed, %n excepted */
};

struct field {
	int		suppress;
	int		width;		/* 0: none */
	enum length	len;
	char		conv;
};

static void
skip_space(struct scan *sc)
{
	while (isspace((unsigned char)*sc->in))
		sc->in++;
}

/* Copy the next field of at most WIDTH (or MAX) bytes into BUF. */
static void
field_text(const struct scan *sc, int width, char *buf, size_t max)
{
	size_t n = width > 0 && (size_t)width < max ? (size_t)width : max;

	n = strnlen(sc->in, n);
	memcpy(buf, sc->in, n);
	buf[n] = '\0';
}

static void
store_int(struct scan *sc, const struct field *f, unsigned long long v)
{
	if (f->suppress)
		return;
	switch (f->len) {
	case LEN_HH:
		*va_arg(sc->ap, unsigned char *) = (unsigned char)v;
		break;
	case LEN_H:
		*va_arg(sc->ap, unsigned short *) = (unsigned short)v;
		break;
	case LEN_LL:
		*va_arg(sc->ap, unsigned long long *) = v;
		break;
	case LEN_L:
		*va_arg(sc->ap, unsigned long *) = (unsigned long)v;
		break;
	default:
		*va_arg(sc->ap, unsigned *) = (unsigned)v;
		break;
	}
	sc->assigned++;
}

static int
scan_int(struct scan *sc, const struct field *f)
{
	char buf[64], *end;
	int base = f->conv == 'i' ? 0 : f->conv == 'o' ? 8 : f->conv == 'x' || f->conv == 'p' ? 16 : 10;
	unsigned long long v;

	field_text(sc, f->width, buf, sizeof(buf) - 1);
	v = __vk_strtox(buf, &end, base, UINT64_MAX, 0);
	if (end == buf)
		return -1;
	sc->in += end - buf;
	if (f->conv == 'p' && !f->suppress) {
		*va_arg(sc->ap, void **) = (void *)(uintptr_t)v;
		sc->assigned++;
	} else
		store_int(sc, f, v);
	return 0;
}

static int
scan_float(struct scan *sc, const struct field *f)
{
	char buf[128], *end;
	long double v;

	field_text(sc, f->width, buf, sizeof(buf) - 1);
	v = __vk_strtold(buf, &end, NULL);
	if (end == buf)
		return -1;
	sc->in += end - buf;
	if (f->suppress)
		return 0;
	if (f->len == LEN_BIG_L)
		*va_arg(sc->ap, long double *) = v;
	else if (f->len == LEN_L)
		*va_arg(sc->ap, double *) = (double)v;
	else
		*va_arg(sc->ap, float *) = (float)v;
	sc->assigned++;
	return 0;
}

/* Is C in the scan set SET (the text after '[', up to its ']')? */
static int
in_set(const char *set, const char *set_end, unsigned char c)
{
	int neg = *set == '^', hit = 0;
	const char *p = set + neg;

	if (p < set_end && *p == ']') {
		hit = c == ']';
		p++;
	}
	for (; p < set_end && !hit; p++) {
		if (p[1] == '-' && p + 2 < set_end) {
			hit = c >= (unsigned char)p[0] && c <= (unsigned char)p[2];
			p += 2;
		} else
			hit = c == (unsigned char)*p;
	}
	return hit != neg;
}

/* %s, %c, %[: copy matching characters. */
static int
scan_chars(struct scan *sc, const struct field *f, const char *set, const char *set_end)
{
	size_t max = f->width > 0 ? (size_t)f->width : f->conv == 'c' ? 1 : (size_t)-1;
	size_t n = 0;
	char *d = f->suppress ? NULL : va_arg(sc->ap, char *);

	for (; n < max && sc->in[n] != '\0'; n++) {
		unsigned char c = (unsigned char)sc->in[n];

		if ((f->conv == 's' && isspace(c)) || (f->conv == '[' && !in_set(set, set_end, c)))
			break;
	}
	if (n == 0 || (f->conv == 'c' && n < max))
		return -1;
	if (d != NULL) {
		memcpy(d, sc->in, n);
		if (f->conv != 'c')
			d[n] = '\0';
		sc->assigned++;
	}
	sc->in += n;
	return 0;
}

static enum length
length_of(const char **p)
{
	switch (**p) {
	case 'h':
		(*p)++;
		if (**p == 'h') {
			(*p)++;
			return LEN_HH;
		}
		return LEN_H;
	case 'l':
		(*p)++;
		if (**p == 'l') {
			(*p)++;
			return LEN_LL;
		}
		return LEN_L;
	case 'j':
	case 'q':
		(*p)++;
		return LEN_LL;
	case 'z':
	case 't':
		(*p)++;
		return LEN_NONE;
	case 'L':
		(*p)++;
		return LEN_BIG_L;
	}
	return LEN_NONE;
}

/* One conversion at *P (after the %).  0; INPUT_FAILURE when the input
 * ended first; MATCH_FAILURE when it did not match. */
static int
conversion(struct scan *sc, const char **p)
{
	struct field f = { 0, 0, LEN_NONE, 0 };
	const char *set = NULL, *set_end = NULL;

	if (**p == '*') {
		f.suppress = 1;
		(*p)++;
	}
	while (isdigit((unsigned char)**p))
		f.width = f.width * 10 + (*(*p)++ - '0');
	f.len = length_of(p);
	f.conv = *(*p)++;
	if (f.conv == '[') {
		set = *p;
		set_end = set + (*set == '^') + (set[*set == '^'] == ']');
		while (*set_end != '\0' && *set_end != ']')
			set_end++;
		if (*set_end == '\0')
			return MATCH_FAILURE;
		*p = set_end + 1;
	}
	if (f.conv >= 'A' && f.conv <= 'Z')
		f.conv = (char)tolower((unsigned char)f.conv);
	if (f.conv == 'n') {
		if (!f.suppress)
			*va_arg(sc->ap, int *) = (int)(sc->in - sc->start);
		return 0;
	}
	if (f.conv != 'c' && f.conv != '[')
		skip_space(sc);
	if (*sc->in == '\0')
		return INPUT_FAILURE;
	if (f.conv == '%') {
		if (*sc->in != '%')
			return MATCH_FAILURE;
		sc->in++;
		return 0;
	}
	if (strchr("diouxp", f.conv) != NULL ? scan_int(sc, &f) :
	    strchr("efga", f.conv) != NULL ? scan_float(sc, &f) :
	    strchr("sc[", f.conv) != NULL ? scan_chars(sc, &f, set, set_end) : -1)
		return MATCH_FAILURE;
	sc->done++;
	return 0;
}

int
vsscanf(const char *__restrict s, const char *__restrict fmt, va_list ap)
{
	struct scan sc;
	const char *p = fmt;
	int failure = 0;

	sc.in = sc.start = s;
	sc.assigned = sc.done = 0;
	va_copy(sc.ap, ap);
	while (*p != '\0') {
		if (isspace((unsigned char)*p)) {
			skip_space(&sc);
			p++;
		} else if (*p != '%') {
			if (*sc.in != *p) {
				failure = *sc.in == '\0' ? INPUT_FAILURE : MATCH_FAILURE;
				break;
			}
			sc.in++;
			p++;
		} else {
			p++;
			if ((failure = conversion(&sc, &p)) != 0)
				break;
		}
	}
	va_end(sc.ap);
	if (failure == INPUT_FAILURE && sc.done == 0)
		return EOF;
	return sc.assigned;
}

int
sscanf(const char *__restrict s, const char *__restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsscanf(s, fmt, ap);
	va_end(ap);
	return r;
}
