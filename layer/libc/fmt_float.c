/*
 * fmt_float.c: printf's floating-point conversions %e %f %g %a (and their
 * upper-case forms), for double and long double.
 *
 * The output is exact: the binary value m * 2^e is turned into its full
 * decimal expansion with a small big-number routine (base 10^9 limbs,
 * multiplying m by 2^e, or by 5^-e and moving the decimal point), then
 * rounded to the digits asked for, halfway cases to even, which is what
 * glibc prints under the default rounding mode.  A double never needs more
 * than about 770 digits, an x87 long double up to about 11,500, so the
 * buffers live on the stack (about 17 KiB while a conversion runs).
 *
 * %a prints the bits themselves: a double as 0x1.hhh...p+e (subnormals as
 * 0x0.hhh...p-1022), a long double with the leading hex digit holding the
 * top four mantissa bits (0x8p-3 is 1.0), as glibc does.  Infinities and
 * NaNs print as inf and nan (INF, NAN), with a sign when negative.
 */
#include <stdint.h>
#include <string.h>

#include "format.h"

#define LIMB_BASE	1000000000u	/* 10^9 */
#define LIMB_DIGITS	9
#define MAX_LIMBS	1300		/* m * 5^16445, the smallest long double */
#define POW5_STEP	13		/* 5^13 < 2^32 */
#define POW2_STEP	29		/* 2^29 * 10^9 < 2^64 */

enum fclass { FC_FINITE, FC_ZERO, FC_INF, FC_NAN };

/* A float taken apart: the value is (neg ? -1 : 1) * mant * 2^e2. */
struct fbits {
	enum fclass	cls;
	int		neg;
	uint64_t	mant;
	int		e2;
};

/* The decimal value 0.d[0]d[1]...d[n-1] * 10^decpt, without trailing
 * zeros; zero is n == 0 with decpt == 1. */
struct decimal {
	int	n;
	int	decpt;
	char	d[MAX_LIMBS * LIMB_DIGITS + 1];
};

/* The pieces of one converted number, measured before they are sent. */
struct layout {
	char		sign;		/* '-', '+', ' ' or 0 */
	const char	*prefix;	/* "0x" for %a, else "" */
	size_t		body;		/* bytes the body will take */
};

/*
 * Taking the value apart.  V is a long double even for a double argument
 * (the conversion is exact).  x87 80-bit layout: a 64-bit mantissa with an
 * explicit integer bit, then the sign and a 15-bit biased exponent.
 */
static void
take_apart(long double v, struct fbits *b)
{
	union {
		long double	ld;
		struct {
			uint64_t	mant;
			uint16_t	se;
		} __attribute__((packed)) x;
	} u;
	uint16_t se;
	int exp;

	u.ld = v;
	b->mant = u.x.mant;
	se = u.x.se;
	b->neg = se >> 15;
	exp = se & 0x7fff;
	b->cls = FC_FINITE;
	if (exp == 0x7fff)
		b->cls = (b->mant << 1) == 0 ? FC_INF : FC_NAN;
	else if (b->mant == 0)
		b->cls = FC_ZERO;
	b->e2 = (exp == 0 ? 1 : exp) - 16383 - 63;
}

/* Exact decimal expansion. */

/*
 * T / 10^9 and T % 10^9 with one divl.  The quotient must fit 32 bits,
 * which holds in mul_small (T < 10^9 * (M + 1) there) and in big_value
 * (the high half of T is below 10^9).  A 64-bit C division would be a
 * libgcc call per limb.
 */
static uint32_t
div_limb(uint64_t t, uint32_t *rem)
{
	uint32_t q, r;

	__asm__ ("divl %4"
	    : "=a" (q), "=d" (r)
	    : "a" ((uint32_t)t), "d" ((uint32_t)(t >> 32)), "rm" (LIMB_BASE));
	*rem = r;
	return q;
}

/* L (N limbs, least significant first) *= M. */
static void
mul_small(uint32_t *l, int *n, uint32_t m)
{
	uint32_t carry = 0;
	int i;

	for (i = 0; i < *n; i++)
		carry = div_limb((uint64_t)l[i] * m + carry, &l[i]);
	while (carry != 0 && *n < MAX_LIMBS) {
		l[(*n)++] = carry % LIMB_BASE;
		carry /= LIMB_BASE;
	}
}

static uint32_t
pow5(int k)
{
	uint32_t p = 1;

	while (k-- > 0)
		p *= 5;
	return p;
}

/* The limbs of MANT * 2^E2 (E2 >= 0) or MANT * 5^-E2 (E2 < 0); returns the
 * number of limbs. */
static int
big_value(uint32_t *l, uint64_t mant, int e2)
{
	uint32_t hi;
	int n = 0, k;

	do {				/* mant % 10^9 and mant / 10^9, in two divl */
		hi = (uint32_t)(mant >> 32);
		k = (int)(hi % LIMB_BASE);
		mant = (uint64_t)(hi / LIMB_BASE) << 32 |
		    div_limb((uint64_t)(uint32_t)k << 32 | (uint32_t)mant, &l[n++]);
	} while (mant != 0);
	for (; e2 > 0; e2 -= k) {
		k = e2 < POW2_STEP ? e2 : POW2_STEP;
		mul_small(l, &n, 1u << k);
	}
	for (; e2 < 0; e2 += k) {
		k = -e2 < POW5_STEP ? -e2 : POW5_STEP;
		mul_small(l, &n, pow5(k));
	}
	return n;
}

/* Write the 9 digits of LIMB (with leading zeros) at S. */
static void
limb_digits(char *s, uint32_t limb)
{
	int i;

	for (i = LIMB_DIGITS - 1; i >= 0; i--) {
		s[i] = (char)('0' + limb % 10);
		limb /= 10;
	}
}

/* D = the exact decimal value of MANT * 2^E2 (MANT != 0). */
static void
to_decimal(struct decimal *d, uint64_t mant, int e2)
{
	uint32_t l[MAX_LIMBS];
	char top[LIMB_DIGITS];
	int n, i, skip;

	while ((mant & 1) == 0) {
		mant >>= 1;
		e2++;
	}
	n = big_value(l, mant, e2);
	limb_digits(top, l[n - 1]);
	for (skip = 0; top[skip] == '0'; skip++)
		;
	d->n = LIMB_DIGITS - skip;
	memcpy(d->d, top + skip, (size_t)d->n);
	for (i = n - 2; i >= 0; i--, d->n += LIMB_DIGITS)
		limb_digits(d->d + d->n, l[i]);
	d->decpt = d->n + (e2 < 0 ? e2 : 0);
	while (d->d[d->n - 1] == '0')
		d->n--;
}

/* Round D to KEEP significant digits, halfway cases to even. */
static void
round_to(struct decimal *d, long long keep)
{
	int up, i;

	if (d->n == 0 || keep >= d->n)
		return;
	if (keep < 0) {
		d->n = 0;
		d->decpt = 1;
		return;
	}
	if (d->d[keep] != '5')
		up = d->d[keep] > '5';
	else if (d->n > keep + 1)
		up = 1;				/* more non-zero digits follow */
	else
		up = keep > 0 && (d->d[keep - 1] - '0') % 2 == 1;
	d->n = (int)keep;
	if (up) {
		for (i = d->n - 1; i >= 0 && d->d[i] == '9'; i--)
			;
		if (i < 0) {
			d->d[0] = '1';
			d->n = 1;
			d->decpt++;
		} else {
			d->d[i]++;
			d->n = i + 1;
		}
	}
	while (d->n > 0 && d->d[d->n - 1] == '0')
		d->n--;
	if (d->n == 0)
		d->decpt = 1;
}

/* Digit I of D, '0' outside the stored digits. */
static char
digit_at(const struct decimal *d, long long i)
{
	return i >= 0 && i < d->n ? d->d[i] : '0';
}

/* Send digits FROM .. FROM + COUNT - 1 of D. */
static void
put_digits(struct vk_sink *out, const struct decimal *d, long long from, long long count)
{
	long long stored_from = from < 0 ? 0 : from;
	long long stored_end = from + count < d->n ? from + count : d->n;

	if (stored_from >= stored_end) {
		__vk_pad(out, '0', (size_t)count);
		return;
	}
	__vk_pad(out, '0', (size_t)(stored_from - from));
	__vk_out(out, d->d + stored_from, (size_t)(stored_end - stored_from));
	__vk_pad(out, '0', (size_t)(from + count - stored_end));
}

/* Bodies: fixed (%f) and exponent (%e) notation. */

static size_t
fixed_len(const struct decimal *d, int prec, int alt)
{
	return (size_t)(d->decpt > 0 ? d->decpt : 1) + (prec > 0 || alt) + (size_t)prec;
}

static void
fixed_put(struct vk_sink *out, const struct decimal *d, int prec, int alt)
{
	if (d->decpt > 0)
		put_digits(out, d, 0, d->decpt);
	else
		__vk_out(out, "0", 1);
	if (prec > 0 || alt)
		__vk_out(out, ".", 1);
	put_digits(out, d, d->decpt, prec);
}

/* The exponent of D in %e notation, and its text ("e+05") in BUF. */
static size_t
exp_text(const struct decimal *d, int upper, char *buf)
{
	int x = d->n > 0 ? d->decpt - 1 : 0;
	char digits[12], *p = digits + sizeof(digits);
	unsigned u = x < 0 ? (unsigned)-x : (unsigned)x;
	size_t n = 0;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (digits + sizeof(digits) - p < 2)
		*--p = '0';
	buf[n++] = upper ? 'E' : 'e';
	buf[n++] = x < 0 ? '-' : '+';
	memcpy(buf + n, p, (size_t)(digits + sizeof(digits) - p));
	return n + (size_t)(digits + sizeof(digits) - p);
}

static size_t
expo_len(const struct decimal *d, int prec, int alt)
{
	char e[16];

	return 1 + (prec > 0 || alt) + (size_t)prec + exp_text(d, 0, e);
}

static void
expo_put(struct vk_sink *out, const struct decimal *d, int prec, int alt, int upper)
{
	char e[16];

	__vk_out(out, &(char){ digit_at(d, 0) }, 1);
	if (prec > 0 || alt)
		__vk_out(out, ".", 1);
	put_digits(out, d, 1, prec);
	__vk_out(out, e, exp_text(d, upper, e));
}

/* Padding around a body: spaces, sign and prefix, zeros, body, spaces. */

static size_t
lead_len(const struct layout *lay)
{
	return (lay->sign != 0) + strlen(lay->prefix);
}

/* Everything before the body. */
static void
before(struct vk_sink *out, const struct vk_spec *sp, const struct layout *lay, int zero_ok)
{
	size_t len = lead_len(lay) + lay->body;
	size_t pad = sp->width > 0 && (size_t)sp->width > len ? (size_t)sp->width - len : 0;
	int zeros = zero_ok && (sp->flags & (FL_ZERO | FL_LEFT)) == FL_ZERO;

	if (!(sp->flags & FL_LEFT) && !zeros)
		__vk_pad(out, ' ', pad);
	if (lay->sign != 0)
		__vk_out(out, &lay->sign, 1);
	__vk_out(out, lay->prefix, strlen(lay->prefix));
	if (zeros)
		__vk_pad(out, '0', pad);
}

/* Everything after the body. */
static void
after(struct vk_sink *out, const struct vk_spec *sp, const struct layout *lay)
{
	size_t len = lead_len(lay) + lay->body;

	if ((sp->flags & FL_LEFT) && sp->width > 0 && (size_t)sp->width > len)
		__vk_pad(out, ' ', (size_t)sp->width - len);
}

static char
sign_of(const struct vk_spec *sp, int neg)
{
	if (neg)
		return '-';
	if (sp->flags & FL_PLUS)
		return '+';
	if (sp->flags & FL_SPACE)
		return ' ';
	return 0;
}

/* The conversions. */

static void
special(struct vk_sink *out, const struct vk_spec *sp, const struct fbits *b)
{
	const char *word = b->cls == FC_INF ? "inf" : "nan";
	struct layout lay = { sign_of(sp, b->neg), "", 3 };

	if (sp->flags & FL_UPPER)
		word = b->cls == FC_INF ? "INF" : "NAN";
	before(out, sp, &lay, 0);
	__vk_out(out, word, 3);
	after(out, sp, &lay);
}

static void
decimal_of(struct decimal *d, const struct fbits *b)
{
	if (b->cls == FC_ZERO) {
		d->n = 0;
		d->decpt = 1;
	} else
		to_decimal(d, b->mant, b->e2);
}

/* %f */
static void
conv_f(struct vk_sink *out, const struct vk_spec *sp, const struct fbits *b, int prec)
{
	struct decimal d;
	struct layout lay = { sign_of(sp, b->neg), "", 0 };
	int alt = (sp->flags & FL_ALT) != 0;

	decimal_of(&d, b);
	round_to(&d, (long long)d.decpt + prec);
	lay.body = fixed_len(&d, prec, alt);
	before(out, sp, &lay, 1);
	fixed_put(out, &d, prec, alt);
	after(out, sp, &lay);
}

/* %e */
static void
conv_e(struct vk_sink *out, const struct vk_spec *sp, const struct fbits *b, int prec)
{
	struct decimal d;
	struct layout lay = { sign_of(sp, b->neg), "", 0 };
	int alt = (sp->flags & FL_ALT) != 0;

	decimal_of(&d, b);
	round_to(&d, (long long)prec + 1);
	lay.body = expo_len(&d, prec, alt);
	before(out, sp, &lay, 1);
	expo_put(out, &d, prec, alt, (sp->flags & FL_UPPER) != 0);
	after(out, sp, &lay);
}

/* %g: %e or %f by the exponent, trailing zeros removed unless '#'. */
static void
conv_g(struct vk_sink *out, const struct vk_spec *sp, const struct fbits *b, int prec)
{
	struct decimal d;
	struct layout lay = { sign_of(sp, b->neg), "", 0 };
	int alt = (sp->flags & FL_ALT) != 0, p = prec == 0 ? 1 : prec, x, digits;

	decimal_of(&d, b);
	round_to(&d, p);
	x = d.n > 0 ? d.decpt - 1 : 0;
	if (x < p && x >= -4) {
		prec = p - 1 - x;
		digits = d.n - d.decpt > 0 ? d.n - d.decpt : 0;
		if (!alt && digits < prec)
			prec = digits;
		lay.body = fixed_len(&d, prec, alt);
		before(out, sp, &lay, 1);
		fixed_put(out, &d, prec, alt);
	} else {
		prec = p - 1;
		if (!alt && d.n - 1 < prec)
			prec = d.n - 1;
		lay.body = expo_len(&d, prec, alt);
		before(out, sp, &lay, 1);
		expo_put(out, &d, prec, alt, (sp->flags & FL_UPPER) != 0);
	}
	after(out, sp, &lay);
}

/* %a: hexadecimal mantissa, binary exponent. */

struct hexfloat {
	unsigned	lead;		/* the digit before the point */
	uint64_t	frac;		/* NIB hex digits after it */
	int		nib;
	int		exp;
};

/* The hex form of a non-zero finite B: a double's (IS_LONG == 0) or a long
 * double's. */
static void
hex_parts(const struct fbits *b, int is_long, struct hexfloat *h)
{
	uint64_t m = b->mant;
	int e = b->e2;
	int shift;

	while ((m >> 63) == 0) {
		m <<= 1;
		e--;
	}
	if (is_long) {
		h->lead = (unsigned)(m >> 60);
		h->frac = m & ((1ull << 60) - 1);
		h->nib = 15;
		h->exp = e + 60;
		return;
	}
	h->exp = e + 63;
	if (h->exp < -1022) {			/* a subnormal double */
		shift = -1022 - h->exp;
		m = shift < 64 ? m >> shift : 0;
		h->exp = -1022;
	}
	h->lead = (unsigned)(m >> 63);
	h->frac = (m >> 11) & ((1ull << 52) - 1);
	h->nib = 13;
}

/* Round H to PREC hex digits after the point, halfway to even. */
static void
hex_round(struct hexfloat *h, int prec)
{
	int drop = 4 * (h->nib - prec);
	uint64_t half, rest, odd;

	if (prec >= h->nib)
		return;
	half = 1ull << (drop - 1);
	rest = h->frac & ((half << 1) - 1);
	h->frac = drop >= 64 ? 0 : h->frac >> drop;
	h->nib = prec;
	odd = prec == 0 ? h->lead & 1 : h->frac & 1;	/* the last digit kept */
	if (rest > half || (rest == half && odd)) {
		h->frac++;
		if (prec == 0 || (h->frac >> (4 * prec)) != 0) {
			h->frac &= prec == 0 ? 0 : (1ull << (4 * prec)) - 1;
			h->lead++;
			if (h->lead == 16) {
				h->lead = 1;
				h->exp += 4;
			}
		}
	}
}

static void
conv_a(struct vk_sink *out, const struct vk_spec *sp, const struct fbits *b, int is_long)
{
	const char *hex = (sp->flags & FL_UPPER) ? "0123456789ABCDEF" : "0123456789abcdef";
	struct hexfloat h = { 0, 0, 0, 0 };
	struct layout lay = { sign_of(sp, b->neg), (sp->flags & FL_UPPER) ? "0X" : "0x", 0 };
	char body[40], num[12], *p = num + sizeof(num);
	unsigned u;
	size_t n = 0;
	int i, prec = sp->prec, extra = 0;

	if (b->cls != FC_ZERO)
		hex_parts(b, is_long, &h);
	if (prec < 0)
		while (h.nib > 0 && (h.frac & 15) == 0) {
			h.frac >>= 4;
			h.nib--;
		}
	else
		hex_round(&h, prec);
	if (prec > h.nib)
		extra = prec - h.nib;
	body[n++] = hex[h.lead];
	if (h.nib > 0 || extra > 0 || (sp->flags & FL_ALT))
		body[n++] = '.';
	for (i = h.nib - 1; i >= 0; i--)
		body[n++] = hex[(h.frac >> (4 * i)) & 15];
	u = h.exp < 0 ? (unsigned)-h.exp : (unsigned)h.exp;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	lay.body = n + (size_t)extra + 2 + (size_t)(num + sizeof(num) - p);
	before(out, sp, &lay, 1);
	__vk_out(out, body, n);
	__vk_pad(out, '0', (size_t)extra);
	__vk_out(out, (sp->flags & FL_UPPER) ? "P" : "p", 1);
	__vk_out(out, h.exp < 0 ? "-" : "+", 1);
	__vk_out(out, p, (size_t)(num + sizeof(num) - p));
	after(out, sp, &lay);
}

void
__vk_format_float(struct vk_sink *out, const struct vk_spec *spec, long double v, int is_long)
{
	struct fbits b;
	int prec = spec->prec < 0 ? 6 : spec->prec;

	take_apart(v, &b);
	if (b.cls == FC_INF || b.cls == FC_NAN) {
		special(out, spec, &b);
		return;
	}
	switch (spec->conv) {
	case 'f':
		conv_f(out, spec, &b, prec);
		break;
	case 'e':
		conv_e(out, spec, &b, prec);
		break;
	case 'g':
		conv_g(out, spec, &b, prec);
		break;
	default:
		conv_a(out, spec, &b, is_long);
		break;
	}
}
