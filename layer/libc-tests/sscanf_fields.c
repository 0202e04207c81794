/*
 * layer/libc-tests/sscanf_fields.c: sscanf's conversions and its return
 * value.
 *
 * Integers in every base with widths, signs and length modifiers, %i's
 * prefixes, floats (%f %e %g %lf %Lf), %s, %c with widths, scan sets with
 * ranges, negation and a leading ']', %n, %%, '*' suppression, literal
 * matching and white space; the count returned on a matching failure, and
 * EOF when the input ends before the first conversion.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

#pragma GCC diagnostic ignored "-Wformat-zero-length"	/* sscanf("", "") */

static void
integers(void)
{
	int a = 0, b = 0, c = 0;
	unsigned u = 0;
	long l = 0;
	long long ll = 0;
	short h = 0;
	signed char hh = 0;
	unsigned long long ull = 0;
	void *p = NULL;

	CHECK_EQ(sscanf("42 -17 +5", "%d %d %d", &a, &b, &c), 3);
	CHECK_EQ(a, 42);
	CHECK_EQ(b, -17);
	CHECK_EQ(c, 5);
	CHECK_EQ(sscanf("0x1f 017 99", "%i %i %i", &a, &b, &c), 3);
	CHECK_EQ(a, 31);
	CHECK_EQ(b, 15);
	CHECK_EQ(c, 99);
	CHECK_EQ(sscanf("ff 777 1010", "%x %o %u", &a, &b, &u), 3);
	CHECK_EQ(a, 255);
	CHECK_EQ(b, 511);
	CHECK_EQ(u, 1010);
	CHECK_EQ(sscanf("12345678", "%3d%2d%d", &a, &b, &c), 3);
	CHECK_EQ(a, 123);
	CHECK_EQ(b, 45);
	CHECK_EQ(c, 678);
	CHECK_EQ(sscanf("-2000000000 9000000000 70000 300", "%ld %lld %hd %hhd", &l, &ll, &h, &hh), 4);
	CHECK_EQ(l, -2000000000L);
	CHECK_EQ(ll, 9000000000LL);
	CHECK_EQ(h, (short)70000);
	CHECK_EQ(hh, (signed char)300);
	CHECK_EQ(sscanf("18446744073709551615", "%llu", &ull), 1);
	CHECK(ull == UINT64_MAX);
	CHECK_EQ(sscanf("0x1234", "%p", &p), 1);
	CHECK(p == (void *)0x1234);
}

static void
floats(void)
{
	float f = 0;
	double d = 0, e = 0;
	long double ld = 0;

	CHECK_EQ(sscanf("3.5 -1e3 0x1p4 2.5", "%f %lf %le %Lf", &f, &d, &e, &ld), 4);
	CHECK(f == 3.5f);
	CHECK(d == -1000.0);
	CHECK(e == 16.0);
	CHECK(ld == 2.5L);
	CHECK_EQ(sscanf("1.25e2x", "%lg", &d), 1);
	CHECK(d == 125.0);
	CHECK_EQ(sscanf("123.456", "%4lf", &d), 1);	/* width */
	CHECK(d == 123.0);
	CHECK_EQ(sscanf("inf nan", "%lf %lf", &d, &e), 2);
	CHECK(__builtin_isinf(d));
	CHECK(e != e);
}

static void
strings_and_sets(void)
{
	char s[32], t[32], c[4];
	int n = 0, m = 0;

	CHECK_EQ(sscanf("  hello world", "%s %s", s, t), 2);
	CHECK_STR(s, "hello");
	CHECK_STR(t, "world");
	CHECK_EQ(sscanf("abcdef", "%3s%s", s, t), 2);
	CHECK_STR(s, "abc");
	CHECK_STR(t, "def");
	memset(c, 'z', sizeof(c));
	CHECK_EQ(sscanf(" xy", "%c%2c", &c[0], &c[1]), 2);
	CHECK_EQ(c[0], ' ');				/* %c does not skip space */
	CHECK(memcmp(c + 1, "xyz", 3) == 0);		/* and does not terminate */
	CHECK_EQ(sscanf("key=value;rest", "%[a-z]=%[^;]", s, t), 2);
	CHECK_STR(s, "key");
	CHECK_STR(t, "value");
	CHECK_EQ(sscanf("]]ab", "%[]a]", s), 1);
	CHECK_STR(s, "]]a");
	CHECK_EQ(sscanf("a-b-c!", "%[-a-c]", s), 1);
	CHECK_STR(s, "a-b-c");
	CHECK_EQ(sscanf("12 apples", "%d%n %s%n", &m, &n, s, &m), 2);
	CHECK_EQ(n, 2);
	CHECK_EQ(m, 9);
	CHECK_STR(s, "apples");
}

static void
matching_and_results(void)
{
	int a = -1, b = -1;
	char s[8];

	CHECK_EQ(sscanf("x=1, y=2", "x=%d, y=%d", &a, &b), 2);
	CHECK_EQ(a, 1);
	CHECK_EQ(b, 2);
	CHECK_EQ(sscanf("100%", "%d%%", &a), 1);
	CHECK_EQ(sscanf("1 2", "%*d %d", &a), 1);
	CHECK_EQ(a, 2);
	CHECK_EQ(sscanf("7 x", "%d %d", &a, &b), 1);	/* matching failure */
	CHECK_EQ(a, 7);
	CHECK_EQ(sscanf("abc", "%d", &a), 0);
	CHECK_EQ(sscanf("a1", "b%d", &a), 0);
	CHECK_EQ(sscanf("", "%d", &a), EOF);
	CHECK_EQ(sscanf("   ", "%s", s), EOF);
	CHECK_EQ(sscanf("5", "%d %d", &a, &b), 1);	/* input ends after one */
	CHECK_EQ(sscanf("", ""), 0);
	CHECK_EQ(sscanf("-", "%d", &a), 0);
}

int
main(void)
{
	integers();
	floats();
	strings_and_sets();
	matching_and_results();
	return test_passed();
}
