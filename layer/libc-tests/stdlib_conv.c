/*
 * layer/libc-tests/stdlib_conv.c: number conversions, sorting and
 * searching, integer helpers and rand.
 *
 * strtol, strtoul, strtoll, strtoull: every base, prefixes, signs, white
 * space, *endptr (including "no digits" and a "0x" without hex digits),
 * overflow to the limits with ERANGE, EINVAL for bad bases.  atoi/atol/
 * atoll.  strtod/strtof/strtold and atof: decimal and hexadecimal forms,
 * exponents, inf/nan, *endptr, overflow and underflow with ERANGE, and a
 * list of values that must come out exactly as the compiler rounds them.
 * qsort: random, sorted, reversed and all-equal input, element sizes that
 * are not a multiple of 4, and a comparison count that shows sorted input
 * is not quadratic.  bsearch hits and misses.  abs/labs/llabs/div/ldiv.
 * rand/srand/rand_r determinism and range.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static char *end;

/* strtol on S in BASE must give WANT, consume USED bytes and leave errno
 * at ERR. */
#define L(s, base, want, used, err) \
	do { \
		errno = 0; \
		CHECK_EQ(strtol(s, &end, base), want); \
		CHECK_EQ(end - (s), used); \
		CHECK_EQ(errno, err); \
	} while (0)

static void
strtol_family(void)
{
	L("0", 10, 0, 1, 0);
	L("  42", 10, 42, 4, 0);
	L("\t\n -17xyz", 10, -17, 6, 0);
	L("+9", 10, 9, 2, 0);
	L("", 10, 0, 0, 0);
	L("   ", 10, 0, 0, 0);
	L("-", 10, 0, 0, 0);
	L("+-3", 10, 0, 0, 0);
	L("abc", 10, 0, 0, 0);
	L("0x1F", 16, 31, 4, 0);
	L("0X1f", 0, 31, 4, 0);
	L("1f", 16, 31, 2, 0);
	L("0x", 16, 0, 1, 0);
	L("0xg", 0, 0, 1, 0);
	L("017", 0, 15, 3, 0);
	L("019", 0, 1, 2, 0);
	L("08", 10, 8, 2, 0);
	L("101102", 2, 22, 5, 0);
	L("zZ", 36, 35 * 36 + 35, 2, 0);
	L("2147483647", 10, LONG_MAX, 10, 0);
	L("2147483648", 10, LONG_MAX, 10, ERANGE);
	L("-2147483648", 10, LONG_MIN, 11, 0);
	L("-2147483649", 10, LONG_MIN, 11, ERANGE);
	L("99999999999999999999999 rest", 10, LONG_MAX, 23, ERANGE);
	L("7fffffff", 16, LONG_MAX, 8, 0);
	L("10", 1, 0, 0, EINVAL);
	L("10", 37, 0, 0, EINVAL);

	errno = 0;
	CHECK_EQ(strtoul("4294967295", &end, 10), ULONG_MAX);
	CHECK_EQ(errno, 0);
	CHECK_EQ(strtoul("4294967296", &end, 10), ULONG_MAX);
	CHECK_EQ(errno, ERANGE);
	errno = 0;
	CHECK_EQ(strtoul("-1", &end, 10), ULONG_MAX);		/* negated, no error */
	CHECK_EQ(errno, 0);
	CHECK_EQ(strtoul("-4294967296", &end, 10), ULONG_MAX);
	CHECK_EQ(errno, ERANGE);
	errno = 0;
	CHECK_EQ(strtoul("0xffffffff", NULL, 0), 0xffffffffUL);
	CHECK_EQ(errno, 0);

	CHECK_EQ(strtoll("9223372036854775807", &end, 10), LLONG_MAX);
	CHECK_EQ(*end, '\0');
	errno = 0;
	CHECK_EQ(strtoll("9223372036854775808", &end, 10), LLONG_MAX);
	CHECK_EQ(errno, ERANGE);
	errno = 0;
	CHECK_EQ(strtoll("-9223372036854775808", &end, 10), LLONG_MIN);
	CHECK_EQ(errno, 0);
	CHECK_EQ(strtoll("-9223372036854775809", &end, 10), LLONG_MIN);
	CHECK_EQ(errno, ERANGE);
	errno = 0;
	CHECK(strtoull("18446744073709551615", &end, 10) == ULLONG_MAX);
	CHECK_EQ(errno, 0);
	CHECK(strtoull("18446744073709551616", &end, 10) == ULLONG_MAX);
	CHECK_EQ(errno, ERANGE);
	errno = 0;
	CHECK(strtoull("-1", &end, 0) == ULLONG_MAX);
	CHECK_EQ(errno, 0);
	CHECK(strtoull("0x123456789abcdef0", &end, 0) == 0x123456789abcdef0ULL);
	CHECK(strtoull("01777777777777777777777", &end, 0) == ULLONG_MAX);	/* octal */
	CHECK_EQ(errno, 0);
	CHECK_EQ(strtoimax("-12", NULL, 10), -12);
	CHECK(strtoumax("12", NULL, 10) == 12);

	errno = 0;
	CHECK_EQ(atoi("  -123abc"), -123);
	CHECK_EQ(atoi("junk"), 0);
	CHECK_EQ(atol("2147483647"), 2147483647L);
	CHECK_EQ(atoll("-9000000000"), -9000000000LL);
	CHECK_EQ(errno, 0);
}

struct dcase {
	const char	*text;
	double		want;
};

/* Values the compiler rounds correctly; strtod must agree exactly. */
static const struct dcase exact[] = {
	{ "0", 0.0 }, { "1", 1.0 }, { "-1", -1.0 }, { "0.1", 0.1 }, { "0.2", 0.2 },
	{ "0.3", 0.3 }, { "3.14159265358979", 3.14159265358979 }, { "2.718281828459045", 2.718281828459045 },
	{ "1e10", 1e10 }, { "1E-10", 1e-10 }, { "123.456e7", 123.456e7 }, { "6.02214076e23", 6.02214076e23 },
	{ "6.62607015e-34", 6.62607015e-34 }, { "1.7976931348623157e308", 1.7976931348623157e308 },
	{ "2.2250738585072014e-308", 2.2250738585072014e-308 }, { "4.9406564584124654e-324", 4.9406564584124654e-324 },
	{ "1e22", 1e22 }, { "1e23", 1e23 }, { "9007199254740993", 9007199254740993.0 },
	{ "0.000001", 0.000001 }, { "123456789012345678901234567890", 123456789012345678901234567890.0 },
	{ "0.1234567890123456789012345", 0.1234567890123456789012345 }, { "1.5", 1.5 },
	{ ".5", 0.5 }, { "5.", 5.0 }, { "00000000000000000000000000001.25", 1.25 },
	{ "0.000000000000000000000000000000000000000001", 1e-42 }, { "1e-300", 1e-300 },
	{ "8.98846567431158e307", 8.98846567431158e307 }, { "5e-324", 5e-324 }, { "1e308", 1e308 },
	{ "0x1p0", 1.0 }, { "0x1.8p1", 3.0 }, { "0X.8", 0.5 }, { "0xffp-4", 15.9375 },
	{ "0x1.fffffffffffffp1023", 1.7976931348623157e308 }, { "0x1p-1074", 4.9406564584124654e-324 },
	{ "1234.5678", 1234.5678 }, { "-0.0", -0.0 }, { "+7e+2", 700.0 },
};

static void
strtod_family(void)
{
	size_t i;
	double d;
	long double ld;

	for (i = 0; i < sizeof(exact) / sizeof(exact[0]); i++) {
		d = strtod(exact[i].text, &end);
		if (d != exact[i].want || *end != '\0') {
			fprintf(stderr, "FAIL strtod(\"%s\") = %.17g (want %.17g), end at \"%s\"\n",
			    exact[i].text, d, exact[i].want, end);
			exit(1);
		}
	}
	CHECK(__builtin_signbit(strtod("-0.0", NULL)));

	d = strtod("  12.5e1xyz", &end);
	CHECK(d == 125.0);
	CHECK_STR(end, "xyz");
	CHECK(strtod("1e", &end) == 1.0 && strcmp(end, "e") == 0);
	CHECK(strtod("1e+", &end) == 1.0 && strcmp(end, "e+") == 0);
	CHECK(strtod("-.e1", &end) == 0.0 && strcmp(end, "-.e1") == 0);
	CHECK(strtod("", &end) == 0.0 && *end == '\0');
	CHECK(strtod("0x", &end) == 0.0 && strcmp(end, "x") == 0);
	CHECK(strtod("0x.p1", &end) == 0.0 && strcmp(end, "x.p1") == 0);

	CHECK(__builtin_isinf(strtod("inf", &end)) && *end == '\0');
	CHECK(strtod("-Infinity!", &end) < 0 && strcmp(end, "!") == 0);
	CHECK(__builtin_isinf(strtod("INFINITE", &end)) && strcmp(end, "INITE") == 0);
	d = strtod("nan", &end);
	CHECK(d != d && *end == '\0');
	d = strtod("NaN(123abc)rest", &end);
	CHECK(d != d && strcmp(end, "rest") == 0);
	d = strtod("nan(", &end);
	CHECK(d != d && strcmp(end, "(") == 0);

	errno = 0;
	CHECK(__builtin_isinf(strtod("1e309", NULL)));
	CHECK_EQ(errno, ERANGE);
	errno = 0;
	CHECK(strtod("-1e99999999999", NULL) == -__builtin_inf());
	CHECK_EQ(errno, ERANGE);
	errno = 0;
	CHECK(strtod("1e-400", NULL) == 0.0);
	CHECK_EQ(errno, ERANGE);
	errno = 0;
	CHECK(strtod("1e-310", NULL) > 0.0);		/* subnormal */
	CHECK_EQ(errno, ERANGE);
	errno = 0;
	CHECK(strtod("0e-999999", NULL) == 0.0);
	CHECK_EQ(errno, 0);
	CHECK(__builtin_isinf(strtod("inf", NULL)));
	CHECK_EQ(errno, 0);

	errno = 0;
	CHECK(strtof("3.5", &end) == 3.5f);
	CHECK(strtof("0.1", NULL) == 0.1f);
	CHECK(strtof("3.4028235e38", NULL) == 3.4028235e38f);
	CHECK(__builtin_isinf(strtof("1e39", NULL)));
	CHECK_EQ(errno, ERANGE);
	CHECK(strtold("0.1", NULL) == 0.1L);
	ld = strtold("1e4000", NULL) / 1e4000L - 1;	/* a few ulps, not exact */
	CHECK(ld < 1e-17L && ld > -1e-17L);
	CHECK(strtold("0x1p-16445", NULL) > 0.0L);
	CHECK(atof("2.5") == 2.5);
	CHECK(atof("x") == 0.0);
}

/* Sorting. */

static unsigned long comparisons;

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	comparisons++;
	return (x > y) - (x < y);
}

struct odd {
	char	key[3];		/* 7 bytes in all: never word-aligned */
	int	index;
} __attribute__((packed));

static int
cmp_odd(const void *a, const void *b)
{
	return memcmp(((const struct odd *)a)->key, ((const struct odd *)b)->key, 3);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

#define N	20000

static int v[N];

static void
check_sorted(size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		CHECK(v[i - 1] <= v[i]);
}

static void
sorting(void)
{
	static struct odd o[1000];
	const char *words[] = { "pear", "apple", "fig", "banana", "cherry", "apple" };
	unsigned long limit = 3UL * N * 15;		/* ~3 n log2 n */
	long sum = 0, sum2 = 0;
	size_t i;

	for (i = 0; i < N; i++) {
		v[i] = (int)((i * 2654435761u) % 100003) - 50000;
		sum += v[i];
	}
	qsort(v, N, sizeof(int), cmp_int);
	check_sorted(N);
	for (i = 0; i < N; i++)
		sum2 += v[i];
	CHECK_EQ(sum, sum2);

	comparisons = 0;
	qsort(v, N, sizeof(int), cmp_int);		/* already sorted */
	check_sorted(N);
	CHECK(comparisons < limit);

	for (i = 0; i < N; i++)
		v[i] = (int)(N - i);
	comparisons = 0;
	qsort(v, N, sizeof(int), cmp_int);		/* reversed */
	check_sorted(N);
	CHECK(comparisons < limit);

	for (i = 0; i < N; i++)
		v[i] = 7;
	comparisons = 0;
	qsort(v, N, sizeof(int), cmp_int);		/* all equal */
	CHECK(comparisons < limit);

	for (i = 0; i < N; i++)				/* organ pipe */
		v[i] = (int)(i < N / 2 ? i : N - i);
	comparisons = 0;
	qsort(v, N, sizeof(int), cmp_int);
	check_sorted(N);
	CHECK(comparisons < limit);

	for (i = 0; i < 1000; i++) {
		o[i].key[0] = (char)('a' + (i * 7) % 26);
		o[i].key[1] = (char)('a' + (i * 11) % 26);
		o[i].key[2] = (char)('a' + i % 26);
		o[i].index = (int)i;
	}
	qsort(o, 1000, sizeof(o[0]), cmp_odd);
	for (i = 1; i < 1000; i++)
		CHECK(memcmp(o[i - 1].key, o[i].key, 3) <= 0);

	qsort(words, 6, sizeof(words[0]), cmp_str);
	CHECK_STR(words[0], "apple");
	CHECK_STR(words[1], "apple");
	CHECK_STR(words[2], "banana");
	CHECK_STR(words[5], "pear");
	qsort(v, 0, sizeof(int), cmp_int);
	qsort(v, 1, sizeof(int), cmp_int);
}

static void
searching(void)
{
	int sorted[100], key, i;

	for (i = 0; i < 100; i++)
		sorted[i] = i * 3;
	for (i = 0; i < 100; i++) {
		key = i * 3;
		CHECK(bsearch(&key, sorted, 100, sizeof(int), cmp_int) == &sorted[i]);
		key = i * 3 + 1;
		CHECK(bsearch(&key, sorted, 100, sizeof(int), cmp_int) == NULL);
	}
	key = -1;
	CHECK(bsearch(&key, sorted, 100, sizeof(int), cmp_int) == NULL);
	CHECK(bsearch(&key, sorted, 0, sizeof(int), cmp_int) == NULL);
}

static void
integer_helpers(void)
{
	div_t d = div(-7, 2);
	ldiv_t ld = ldiv(7L, -2L);
	lldiv_t lld = lldiv(-9000000000LL, 7LL);

	CHECK_EQ(abs(-5), 5);
	CHECK_EQ(abs(5), 5);
	CHECK_EQ(labs(-70000L), 70000L);
	CHECK_EQ(llabs(-9000000000LL), 9000000000LL);
	CHECK_EQ(imaxabs(-3), 3);
	CHECK_EQ(d.quot, -3);
	CHECK_EQ(d.rem, -1);
	CHECK_EQ(ld.quot, -3);
	CHECK_EQ(ld.rem, 1);
	CHECK_EQ(lld.quot, -1285714285LL);
	CHECK_EQ(lld.rem, -5LL);
}

static void
random_numbers(void)
{
	int first[5], i, r;
	unsigned seed = 42, seed2 = 42;

	srand(1);
	for (i = 0; i < 5; i++)
		first[i] = rand();
	srand(1);
	for (i = 0; i < 5; i++)
		CHECK_EQ(rand(), first[i]);
	CHECK(first[0] != first[1]);
	srand(2);
	CHECK(rand() != first[0]);
	for (i = 0; i < 10000; i++) {
		r = rand();
		CHECK(r >= 0 && r <= RAND_MAX);
	}
	CHECK_EQ(rand_r(&seed), rand_r(&seed2));
	CHECK_EQ(seed, seed2);
}

int
main(void)
{
	strtol_family();
	strtod_family();
	sorting();
	searching();
	integer_helpers();
	random_numbers();
	return test_passed();
}
