/*
 * format.c: the printf engine (contract in format.h).
 *
 * One pass over the format: literal text goes straight to the sink; each
 * conversion is parsed into a struct vk_spec (flags, width, precision) plus
 * a length modifier, its argument is fetched with the matching va_arg type,
 * and a small function per kind (integer, character, string, pointer,
 * floating point) lays out sign, prefix, padding and digits.  Output is
 * measured before it is sent, so padding never needs a temporary copy.
 *
 * Behaviour follows C99 and glibc where C leaves a choice: "(nil)" for a
 * null %p, "(null)" for a null %s (empty when the precision is below 6),
 * %m prints strerror(errno), and an unknown conversion is printed as it
 * was written.  Not supported: positional arguments (%1$d) and wide
 * characters (%lc, %ls print nothing useful: they are taken as %c and %s).
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "format.h"

/* Length modifiers. */
enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_J, LEN_Z, LEN_T, LEN_BIG_L };

void
__vk_out(struct vk_sink *out, const char *s, size_t n)
{
	if (n > 0)
		out->put(out, s, n);
}

void
__vk_pad(struct vk_sink *out, char c, size_t n)
{
	char block[32];
	size_t k;

	if (n == 0)
		return;
	memset(block, c, n < sizeof(block) ? n : sizeof(block));
	for (; n > 0; n -= k) {
		k = n < sizeof(block) ? n : sizeof(block);
		out->put(out, block, k);
	}
}

/* Spaces before (or after, for '-') a field of LEN bytes. */
static size_t
field_pad(const struct vk_spec *sp, size_t len)
{
	return sp->width > 0 && (size_t)sp->width > len ? (size_t)sp->width - len : 0;
}

/* Integers. */

/* The digits of V in BASE (8, 10 or 16), written backwards ending at END;
 * returns the first digit.  64-bit division is a libgcc call on i386, so
 * it is used only while V does not fit 32 bits; each base gets its own
 * loop so the compiler can divide by a constant. */
static char *
digits(char *end, unsigned long long v, unsigned base, int upper)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	uint32_t w;

	while (v > UINT32_MAX) {
		*--end = set[v % base];
		v /= base;
	}
	w = (uint32_t)v;
	if (base == 10)
		do {
			*--end = (char)('0' + w % 10);
			w /= 10;
		} while (w != 0);
	else if (base == 16)
		do {
			*--end = set[w & 15];
			w >>= 4;
		} while (w != 0);
	else
		do {
			*--end = (char)('0' + (w & 7));
			w >>= 3;
		} while (w != 0);
	return end;
}

static void
format_int(struct vk_sink *out, const struct vk_spec *sp, unsigned long long mag,
    int neg, unsigned base)
{
	char buf[24], prefix[3];
	char *end = buf + sizeof(buf), *d = end;
	size_t ndig, npre = 0, zeros = 0, len, pad;

	if (!(mag == 0 && sp->prec == 0))
		d = digits(end, mag, base, sp->flags & FL_UPPER);
	ndig = (size_t)(end - d);
	if (sp->conv == 'd' || sp->conv == 'i') {
		if (neg)
			prefix[npre++] = '-';
		else if (sp->flags & FL_PLUS)
			prefix[npre++] = '+';
		else if (sp->flags & FL_SPACE)
			prefix[npre++] = ' ';
	} else if ((sp->flags & FL_ALT) && base == 16 && mag != 0) {
		prefix[npre++] = '0';
		prefix[npre++] = (sp->flags & FL_UPPER) ? 'X' : 'x';
	}
	if (sp->prec >= 0 && (size_t)sp->prec > ndig)
		zeros = (size_t)sp->prec - ndig;
	if ((sp->flags & FL_ALT) && base == 8 && zeros == 0 && (ndig == 0 || *d != '0'))
		zeros = 1;
	len = npre + zeros + ndig;
	pad = field_pad(sp, len);
	if ((sp->flags & (FL_ZERO | FL_LEFT)) == FL_ZERO && sp->prec < 0) {
		zeros += pad;
		pad = 0;
	}
	if (!(sp->flags & FL_LEFT))
		__vk_pad(out, ' ', pad);
	__vk_out(out, prefix, npre);
	__vk_pad(out, '0', zeros);
	__vk_out(out, d, ndig);
	if (sp->flags & FL_LEFT)
		__vk_pad(out, ' ', pad);
}

/* Text: %s, %c, %m, and the fixed words of %p. */
static void
format_text(struct vk_sink *out, const struct vk_spec *sp, const char *s, size_t n)
{
	size_t pad = field_pad(sp, n);

	if (!(sp->flags & FL_LEFT))
		__vk_pad(out, ' ', pad);
	__vk_out(out, s, n);
	if (sp->flags & FL_LEFT)
		__vk_pad(out, ' ', pad);
}

static void
format_string(struct vk_sink *out, const struct vk_spec *sp, const char *s)
{
	if (s == NULL)
		s = sp->prec < 0 || sp->prec >= 6 ? "(null)" : "";
	format_text(out, sp, s, sp->prec >= 0 ? strnlen(s, (size_t)sp->prec) : strlen(s));
}

static void
format_pointer(struct vk_sink *out, struct vk_spec *sp, const void *p)
{
	if (p == NULL) {
		sp->prec = -1;
		format_string(out, sp, "(nil)");
		return;
	}
	sp->flags |= FL_ALT;
	sp->flags &= ~(unsigned)FL_UPPER;
	format_int(out, sp, (uintptr_t)p, 0, 16);
}

/* Parsing and arguments. */

/* A decimal number at *P (advanced past it), saturating at INT_MAX. */
static int
number(const char **p)
{
	int v = 0;

	for (; **p >= '0' && **p <= '9'; (*p)++)
		v = v > (INT_MAX - 9) / 10 ? INT_MAX : v * 10 + (**p - '0');
	return v;
}

static enum length
length_modifier(const char **p)
{
	switch (*(*p)++) {
	case 'h':
		if (**p == 'h') {
			(*p)++;
			return LEN_HH;
		}
		return LEN_H;
	case 'l':
		if (**p == 'l') {
			(*p)++;
			return LEN_LL;
		}
		return LEN_L;
	case 'q':
		return LEN_LL;
	case 'j':
		return LEN_J;
	case 'z':
		return LEN_Z;
	case 't':
		return LEN_T;
	case 'L':
		return LEN_BIG_L;
	}
	(*p)--;
	return LEN_NONE;
}

/* A signed integer argument of length LEN. */
static long long
signed_arg(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_HH:
		return (signed char)va_arg(*ap, int);
	case LEN_H:
		return (short)va_arg(*ap, int);
	case LEN_L:
		return va_arg(*ap, long);
	case LEN_LL:
	case LEN_BIG_L:
		return va_arg(*ap, long long);
	case LEN_J:
		return va_arg(*ap, intmax_t);
	case LEN_Z:
		return va_arg(*ap, ptrdiff_t);	/* ssize_t: same size as size_t */
	case LEN_T:
		return va_arg(*ap, ptrdiff_t);
	default:
		return va_arg(*ap, int);
	}
}

/* An unsigned integer argument of length LEN. */
static unsigned long long
unsigned_arg(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_HH:
		return (unsigned char)va_arg(*ap, unsigned);
	case LEN_H:
		return (unsigned short)va_arg(*ap, unsigned);
	case LEN_L:
		return va_arg(*ap, unsigned long);
	case LEN_LL:
	case LEN_BIG_L:
		return va_arg(*ap, unsigned long long);
	case LEN_J:
		return va_arg(*ap, uintmax_t);
	case LEN_Z:
		return va_arg(*ap, size_t);
	case LEN_T:
		return (size_t)va_arg(*ap, ptrdiff_t);
	default:
		return va_arg(*ap, unsigned);
	}
}

/* %n: store the count so far through the pointer argument. */
static void
store_count(va_list *ap, enum length len, size_t count)
{
	switch (len) {
	case LEN_HH:
		*va_arg(*ap, signed char *) = (signed char)count;
		break;
	case LEN_H:
		*va_arg(*ap, short *) = (short)count;
		break;
	case LEN_LL:
	case LEN_J:
		*va_arg(*ap, long long *) = (long long)count;
		break;
	case LEN_L:
		*va_arg(*ap, long *) = (long)count;
		break;
	default:
		*va_arg(*ap, int *) = (int)count;
		break;
	}
}

/* Flags, width and precision of the conversion at *P (just after the %). */
static void
parse_spec(const char **p, va_list *ap, struct vk_spec *sp)
{
	const char *s = *p;
	int w;

	sp->flags = 0;
	for (;; s++) {
		if (*s == '-')
			sp->flags |= FL_LEFT;
		else if (*s == '+')
			sp->flags |= FL_PLUS;
		else if (*s == ' ')
			sp->flags |= FL_SPACE;
		else if (*s == '#')
			sp->flags |= FL_ALT;
		else if (*s == '0')
			sp->flags |= FL_ZERO;
		else if (*s != '\'')		/* grouping: accepted, ignored */
			break;
	}
	sp->width = 0;
	if (*s == '*') {
		s++;
		w = va_arg(*ap, int);
		if (w < 0) {
			sp->flags |= FL_LEFT;
			w = w == INT_MIN ? INT_MAX : -w;
		}
		sp->width = w;
	} else
		sp->width = number(&s);
	sp->prec = -1;
	if (*s == '.') {
		s++;
		if (*s == '*') {
			s++;
			sp->prec = va_arg(*ap, int);
			if (sp->prec < 0)
				sp->prec = -1;
		} else
			sp->prec = number(&s);
	}
	*p = s;
}

/* One conversion; *P is just after the %, and is left after the letter. */
static void
convert(struct vk_sink *out, const char **p, va_list *ap, int saved_errno)
{
	const char *start = *p - 1;
	struct vk_spec sp;
	enum length len;
	long long sv;
	char c;

	parse_spec(p, ap, &sp);
	len = length_modifier(p);
	c = *(*p)++;
	if (c >= 'A' && c <= 'Z' && c != 'C' && c != 'S') {
		sp.flags |= FL_UPPER;
		c = (char)(c - 'A' + 'a');
	}
	sp.conv = c;
	switch (c) {
	case 'd':
	case 'i':
		sv = signed_arg(ap, len);
		format_int(out, &sp, sv < 0 ? -(unsigned long long)sv : (unsigned long long)sv, sv < 0, 10);
		return;
	case 'u':
		format_int(out, &sp, unsigned_arg(ap, len), 0, 10);
		return;
	case 'o':
		format_int(out, &sp, unsigned_arg(ap, len), 0, 8);
		return;
	case 'x':
		format_int(out, &sp, unsigned_arg(ap, len), 0, 16);
		return;
	case 'c':
	case 'C': {
		char ch = (char)va_arg(*ap, int);

		format_text(out, &sp, &ch, 1);
		return;
	}
	case 's':
	case 'S':
		format_string(out, &sp, va_arg(*ap, const char *));
		return;
	case 'p':
		format_pointer(out, &sp, va_arg(*ap, const void *));
		return;
	case 'm':
		format_string(out, &sp, strerror(saved_errno));
		return;
	case 'n':
		store_count(ap, len, out->count);
		return;
	case 'e':
	case 'f':
	case 'g':
	case 'a':
		if (len == LEN_BIG_L)
			__vk_format_float(out, &sp, va_arg(*ap, long double), 1);
		else
			__vk_format_float(out, &sp, va_arg(*ap, double), 0);
		return;
	case '%':
		__vk_out(out, "%", 1);
		return;
	case '\0':
		(*p)--;
		__vk_out(out, start, (size_t)(*p - start));
		return;
	default:
		__vk_out(out, start, (size_t)(*p - start));
		return;
	}
}

int
__vk_format(struct vk_sink *out, const char *fmt, va_list ap)
{
	int saved_errno = errno;
	const char *p = fmt, *lit;
	va_list args;

	va_copy(args, ap);
	while (*p != '\0') {
		lit = p;
		while (*p != '\0' && *p != '%')
			p++;
		__vk_out(out, lit, (size_t)(p - lit));
		if (*p == '%') {
			p++;
			convert(out, &p, &args, saved_errno);
		}
	}
	va_end(args);
	if (out->error)
		return -1;
	if (out->count > INT_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	return (int)out->count;
}
