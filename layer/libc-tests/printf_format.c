/*
 * layer/libc-tests/printf_format.c: printf's conversions, flags, widths,
 * precisions and length modifiers produce exactly the text glibc produces.
 *
 * Every expected string below was printed by glibc on the host for the same
 * format and arguments (x86_64, whose long double is the same x87 type).
 * Covers: %d %i %u %o %x %X %c %s %p %n %m %% with - + space # 0, * widths
 * and precisions, hh h l ll j z t L; %f %e %g %a and upper-case forms,
 * including halfway rounding, the largest and smallest doubles, long
 * doubles, inf and nan; snprintf truncation and return values; sprintf,
 * vsnprintf through a wrapper, and dprintf to a file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "check.h"

/* Some formats here are deliberately odd ("%5%", '0' with a precision):
 * they pin down what glibc does with them. */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-overflow"

static char buf[8192];

/* snprintf FMT into buf; it must give WANT and return WANT_LEN. */
#define T(want, want_len, ...) \
	do { \
		int r_ = snprintf(buf, sizeof(buf), __VA_ARGS__); \
		CHECK_STR(buf, want); \
		CHECK_EQ(r_, want_len); \
	} while (0)

static void
integers_strings_and_floats(void)
{
	T("0", 1, "%d", 0);
	T("42", 2, "%d", 42);
	T("-42", 3, "%d", -42);
	T("2147483647", 10, "%i", 2147483647);
	T("-2147483648", 11, "%d", (int)-2147483647 - 1);
	T("   42|42   |00042", 17, "%5d|%-5d|%05d", 42, 42, 42);
	T("+5  5 -5 -5", 11, "%+d % d %+d % d", 5, 5, -5, -5);
	T("007||1| -007|0012    |", 22, "%.3d|%.0d|%.0d|%5.3d|%-8.4d|", 7, 0, 1, -7, 12);
	T("     005|+03", 12, "%08.3d|%+.2d", 5, 3);
	T("4294967295", 10, "%u", 4294967295u);
	T("10 010 0 010", 12, "%o %#o %#o %#.3o", 8u, 8u, 0u, 8u);
	T("ff FF 0xff 0XFF 0", 17, "%x %X %#x %#X %#x", 255u, 255u, 255u, 255u, 0u);
	T("0x000abc|0xabc   |00000ABC", 26, "%#08x|%-#8x|%08X", 0xabcu, 0xabcu, 0xabcu);
	T("44 44 4464 4464", 15, "%hhd %hhu %hd %hu", 300, 300, 70000, 70000);
	T("-123456789 123456789 deadbeef", 29, "%ld %lu %lx", -123456789L, 123456789UL, 0xdeadbeefUL);
	T("-9223372036854775808 18446744073709551615", 41, "%lld %llu", -9223372036854775807LL - 1, 18446744073709551615ULL);
	T("123456789abcdef FEDCBA9876543210 0777777777777", 46, "%llx %llX %#llo", 0x123456789abcdefULL, 0xfedcba9876543210ULL, 0777777777777ULL);
	T("       1234567890123|-1234567890123      |-0000001234567890123", 62, "%20lld|%-20lld|%020lld", 1234567890123LL, -1234567890123LL, -1234567890123LL);
	T("-5 4000000000 -3 -9", 19, "%jd %zu %zd %td", (intmax_t)-5, (size_t)4000000000u, (ssize_t)-3, (ptrdiff_t)-9);
	T("abc|  x|y  |", 12, "%c%c%c|%3c|%-3c|", 'a', 'b', 'c', 'x', 'y');
	T("hello|        hi|hi        |he|       hel|", 42, "%s|%10s|%-10s|%.2s|%10.3s|", "hello", "hi", "hi", "hello", "hello");
	T("(null)  (null)", 14, "%s %.3s %.8s", (char *)NULL, (char *)NULL, (char *)NULL);
	T("    42|42    |42    |", 21, "%*d|%-*d|%*d|", 6, 42, 6, 42, -6, 42);
	T("00003|ab|3.142", 14, "%.*d|%.*s|%.*f", 5, 3, 2, "abcdef", 3, 3.14159);
	T("      3.14|", 11, "%*.*f|", 10, 2, 3.14159);
	T("%|%|", 4, "%%|%5%|");
	T("0.000000", 8, "%f", 0.0);
	T("1.000000", 8, "%f", 1.0);
	T("-1.500000", 9, "%f", -1.5);
	T("3.141593", 8, "%f", 3.14159265358979);
	T("10000000000.000000", 18, "%f", 1e10);
	T("100000000000000000000.000000", 28, "%f", 1e20);
	T("123456789.125000", 16, "%f", 123456789.125);
	T("0.100000", 8, "%f", 0.1);
	T("0.000000", 8, "%f", 1e-7);
	T("0.000000", 8, "%f", 0.0000005);
	T("0.000002", 8, "%f", 0.0000015);
	T("0.000000", 8, "%f", 2.5e-7);
	T("0 2 2 4 -0", 10, "%.0f %.0f %.0f %.0f %.0f", 0.5, 1.5, 2.5, 3.5, -0.5);
	T("2.67 1.00 0.12", 14, "%.2f %.2f %.2f", 2.675, 1.005, 0.125);
	T("0.1 0.2 0.3", 11, "%.1f %.1f %.1f", 0.05, 0.25, 0.35);
	T("1000.000", 8, "%.3f", 999.9996);
	T("0.3333333333", 12, "%.10f", 1.0 / 3.0);
	T("0.10000000000000000555", 22, "%.20f", 0.1);
	T("0.000000000000000000010000000000", 32, "%.30f", 1e-20);
	T("3.|3.e+00|1.00000|100.", 22, "%#.0f|%#.0e|%#g|%#.3g", 3.0, 3.0, 1.0, 100.0);
	T("+1.000000| 1.000000|-0.00", 25, "%+f|% f|%+.2f", 1.0, 1.0, -0.0);
	T("     3.142|3.142     |-00003.142|+000002.50", 43, "%10.3f|%-10.3f|%010.3f|%+010.2f", 3.14159, 3.14159, -3.14159, 2.5);
	T("179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.000000", 316, "%f", 1.7976931348623157e308);
	T("0.000", 5, "%.3f", 4.9406564584124654e-324);
	T("0.000000e+00", 12, "%e", 0.0);
	T("1.000000e+00", 12, "%e", 1.0);
	T("1.234568e+05", 12, "%e", 123456.789);
	T("-1.234568e-04", 13, "%e", -0.000123456789);
	T("1.000000E+100", 13, "%E", 1e100);
	T("1.000000e-100", 13, "%e", 1e-100);
	T("1e+04 1.2e+04 1.23e+04", 22, "%.0e %.1e %.2e", 12345.0, 12345.0, 12345.0);
	T("9.999e+00", 9, "%.3e", 9.9995);
	T("1.000e+01", 9, "%.3e", 9.9996);
	T("1.797693e+308", 13, "%e", 1.7976931348623157e308);
	T("2.225074e-308", 13, "%e", 2.2250738585072014e-308);
	T("4.940656e-324", 13, "%e", 4.9406564584124654e-324);
	T("1.0000000000000001e-01", 22, "%.16e", 0.1);
	T("  3.1416e+00|3.1416e+00  |-03.1416e+00", 38, "%12.4e|%-12.4e|%012.4e", 3.14159, 3.14159, -3.14159);
	T("0", 1, "%g", 0.0);
	T("1", 1, "%g", 1.0);
	T("100000", 6, "%g", 100000.0);
	T("1e+06", 5, "%g", 1000000.0);
	T("1.23457e+06", 11, "%g", 1234567.0);
	T("0.0001", 6, "%g", 0.0001);
	T("1e-05", 5, "%g", 0.00001);
	T("0.000123456", 11, "%g", 0.000123456);
	T("3.14159", 7, "%g", 3.14159265358979);
	T("1e+100", 6, "%g", 1e100);
	T("-2.5e-10", 8, "%g", -2.5e-10);
	T("1E-10", 5, "%G", 1e-10);
	T("1e+02 1e+02 1.2e+02 123", 23, "%.0g %.1g %.2g %.3g", 123.456, 123.456, 123.456, 123.456);
	T("0.3333333333", 12, "%.10g", 1.0 / 3.0);
	T("0.10000000000000001", 19, "%.17g", 0.1);
	T("10 1e+06", 8, "%g %g", 9.9999995, 999999.5);
	T("       1.5|1.5       |-0000001.5", 32, "%10g|%-10g|%010g", 1.5, 1.5, -1.5);
	T("inf -inf inf", 12, "%f %e %g", 1.0 / 0.0, -1.0 / 0.0, 1.0 / 0.0);
	T("INF -INF -NAN", 13, "%F %E %G", 1.0 / 0.0, -1.0 / 0.0, 0.0 / 0.0);
	T("  inf|inf   |   inf|+inf", 24, "%5f|%-6f|%06f|%+f", 1.0 / 0.0, 1.0 / 0.0, 1.0 / 0.0, 1.0 / 0.0);
	T("nan", 3, "%f", __builtin_nan(""));
	T("3.141593", 8, "%Lf", 3.14159265358979323846L);
	T("0.10000000000000000000", 22, "%.20Lf", 0.1L);
	T("1.000000e+4000", 14, "%Le", 1.0e4000L);
	T("1e-4000", 7, "%Lg", 1.0e-4000L);
	T("1.1897314953572317650212639e+4932", 33, "%.25Le", 1.18973149535723176502e+4932L);
	T("0x1p+0", 6, "%a", 1.0);
	T("0x1p-1", 6, "%a", 0.5);
	T("0x1.921f9f01b866ep+1", 20, "%a", 3.14159);
	T("-0x0p+0", 7, "%a", -0.0);
	T("0x0.0000000000001p-1022", 23, "%a", 4.9406564584124654e-324);
	T("0X1.FEP+7", 9, "%A", 255.0);
	T("0x2.0p+0", 8, "%.1a", 1.96875);
	T("0x2p+0", 6, "%.0a", 1.5);
	T("0x1.000p+0", 10, "%.3a", 1.0);
	T("0x8p-3", 6, "%La", 1.0L);
	T("0xcp-2", 6, "%La", 3.0L);
	T("4.940656e-324|0.000000|4.94066e-324", 35, "%e|%f|%g", 5e-324, 5e-324, 5e-324);
	T("0.666666666666667|0.6666666666666666|0.66666666666666663", 56, "%.15g|%.16g|%.17g", 2.0 / 3.0, 2.0 / 3.0, 2.0 / 3.0);
	T("9007199254740992.000000", 23, "%f", 9007199254740993.0);
	T("10000000000000000000000", 23, "%.0f", 1e22);
	T("99999999999999991611392", 23, "%.0f", 1e23);
	T("x=1, y= 99.4%", 13, "%s=%d, %s=%5.1f%%", "x", 1, "y", 99.44);
}

static void
pointers(void)
{
	T("0x1234", 6, "%p", (void *)0x1234);
	T("0xdeadbeef", 10, "%p", (void *)0xdeadbeefu);
	T("(nil)", 5, "%p", (void *)0);
	T("    0x10|0x10    |", 18, "%8p|%-8p|", (void *)0x10, (void *)0x10);
}

static void
count_stores(void)
{
	int n = -1;
	signed char hh = -1;
	short h = -1;
	long long ll = -1;

	T("hello", 5, "hel%nlo", &n);
	CHECK_EQ(n, 3);
	T("abcdef", 6, "abc%hhnde%hnf%lln", &hh, &h, &ll);
	CHECK_EQ(hh, 3);
	CHECK_EQ(h, 5);
	CHECK_EQ(ll, 6);
}

static void
errno_text(void)
{
	errno = ENOENT;
	T("open: No such file or directory", 31, "open: %m");
	errno = 9999;
	T("Unknown error 9999", 18, "%m");
}

static void
truncation(void)
{
	char small[8];

	memset(small, 'x', sizeof(small));
	CHECK_EQ(snprintf(small, sizeof(small), "%s", "0123456789"), 10);
	CHECK_STR(small, "0123456");
	memset(small, 'x', sizeof(small));
	CHECK_EQ(snprintf(small, 1, "%d", 12345), 5);
	CHECK_EQ(small[0], '\0');
	CHECK_EQ(small[1], 'x');
	CHECK_EQ(snprintf(NULL, 0, "%d-%s", 42, "abc"), 6);
	CHECK_EQ(snprintf(small, 4, "%.3f", 2.0), 5);
	CHECK_STR(small, "2.0");
	CHECK_EQ(sprintf(buf, "%s %05.1f %c", "ok", 2.25, '!'), 10);
	CHECK_STR(buf, "ok 002.2 !");
}

static int
wrapper(char *d, size_t n, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(d, n, fmt, ap);
	va_end(ap);
	return r;
}

static void
through_va_list(void)
{
	CHECK_EQ(wrapper(buf, sizeof(buf), "%d %s %.2f %lld", -1, "two", 3.0, 4LL), 13);
	CHECK_STR(buf, "-1 two 3.00 4");
}

static void
long_output(void)
{
	int r = snprintf(buf, sizeof(buf), "%1000d|%-1000s|%.500f", 7, "x", 1.0);

	CHECK_EQ(r, 1000 + 1 + 1000 + 1 + 502);
	CHECK_EQ(buf[998], ' ');
	CHECK_EQ(buf[999], '7');
	CHECK_EQ(buf[1001], 'x');
	CHECK_EQ(buf[2001], '|');
	CHECK_STR(buf + 2002 + 482, "00000000000000000000");
}

static void
dprintf_to_a_file(void)
{
	int fd = open("dprintf.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char back[64];
	ssize_t n;

	CHECK(fd >= 0);
	CHECK_EQ(dprintf(fd, "%s %d %x\n", "fd", 12, 255u), 9);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	n = read(fd, back, sizeof(back) - 1);
	CHECK_EQ(n, 9);
	back[n] = '\0';
	CHECK_STR(back, "fd 12 ff\n");
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink("dprintf.txt"), 0);
}

int
main(void)
{
	integers_strings_and_floats();
	pointers();
	count_stores();
	errno_text();
	truncation();
	through_va_list();
	long_output();
	dprintf_to_a_file();
	CHECK_EQ(printf("printf to stdout: %d%%\n", 100), 23);
	return test_passed();
}
