/*
 * layer/libc-tests/string_funcs.c: the string.h and strings.h functions.
 *
 * memcpy, memset, memmove (both overlap directions) and memcmp over every
 * small length and alignment, checked byte by byte against simple loops;
 * the str* family on ordinary, empty and boundary inputs (unsigned
 * comparison of bytes above 127, strncpy padding, strncat termination,
 * strtok/strtok_r, strstr, strspn/strcspn/strpbrk, strdup/strndup);
 * strerror for known and unknown numbers, strerror_r's truncation, and
 * strsignal.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"

#define AREA	96

static unsigned char src[AREA], dst[AREA], ref[AREA];

static void
fill(unsigned char *p, size_t n, unsigned seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 7 + (i >> 3));
}

static void
memcpy_memset_all_alignments(void)
{
	size_t so, d, n, i;

	fill(src, AREA, 1);
	for (so = 0; so < 4; so++)
		for (d = 0; d < 4; d++)
			for (n = 0; n < 40; n++) {
				fill(dst, AREA, 99);
				memcpy(ref, dst, AREA);
				for (i = 0; i < n; i++)
					ref[d + i] = src[so + i];
				CHECK(memcpy(dst + d, src + so, n) == dst + d);
				CHECK(memcmp(dst, ref, AREA) == 0);
				memcpy(ref, dst, AREA);
				for (i = 0; i < n; i++)
					ref[d + i] = 0xa5;
				CHECK(memset(dst + d, 0x1a5, n) == dst + d);
				CHECK(memcmp(dst, ref, AREA) == 0);
			}
}

static void
memmove_overlaps(void)
{
	size_t from, to, n, i;

	for (from = 0; from < 12; from++)
		for (to = 0; to < 12; to++)
			for (n = 0; n < 40; n++) {
				fill(dst, AREA, 5);
				memcpy(ref, dst, AREA);
				for (i = 0; i < n; i++)
					src[i] = dst[from + i];
				for (i = 0; i < n; i++)
					ref[to + i] = src[i];
				CHECK(memmove(dst + to, dst + from, n) == dst + to);
				CHECK(memcmp(dst, ref, AREA) == 0);
			}
}

static void
comparisons(void)
{
	CHECK(memcmp("abc", "abd", 3) < 0);
	CHECK(memcmp("abc", "abd", 2) == 0);
	CHECK(memcmp("\x80", "\x7f", 1) > 0);
	CHECK(memcmp("", "", 0) == 0);
	CHECK(strcmp("abc", "abc") == 0);
	CHECK(strcmp("abc", "abd") < 0);
	CHECK(strcmp("abcd", "abc") > 0);
	CHECK(strcmp("", "a") < 0);
	CHECK(strcmp("\xff", "a") > 0);
	CHECK(strncmp("abcX", "abcY", 3) == 0);
	CHECK(strncmp("abcX", "abcY", 4) < 0);
	CHECK(strncmp("ab", "abc", 5) < 0);
	CHECK(strncmp("x", "y", 0) == 0);
	CHECK(strcoll("apple", "banana") < 0);
	CHECK(strcasecmp("Hello", "hELLO") == 0);
	CHECK(strcasecmp("abc", "ABD") < 0);
	CHECK(strcasecmp("ab", "A") > 0);
	CHECK(strncasecmp("HELLOworld", "helloWORLD!", 10) == 0);
	CHECK(strncasecmp("HELLOworld", "helloWORLD!", 11) < 0);
}

static void
lengths_and_copies(void)
{
	char b[32];

	CHECK_EQ(strlen(""), 0);
	CHECK_EQ(strlen("hello"), 5);
	CHECK_EQ(strnlen("hello", 3), 3);
	CHECK_EQ(strnlen("hi", 10), 2);
	CHECK(strcpy(b, "copy") == b);
	CHECK_STR(b, "copy");
	CHECK(stpcpy(b, "xy") == b + 2);
	memset(b, 'z', sizeof(b));
	CHECK(strncpy(b, "ab", 6) == b);
	CHECK(memcmp(b, "ab\0\0\0\0z", 7) == 0);
	memset(b, 'z', sizeof(b));
	strncpy(b, "abcdef", 3);
	CHECK(memcmp(b, "abcz", 4) == 0);
	strcpy(b, "foo");
	CHECK(strcat(b, "bar") == b);
	CHECK_STR(b, "foobar");
	CHECK(strncat(b, "bazqux", 3) == b);
	CHECK_STR(b, "foobarbaz");
	strncat(b, "", 5);
	CHECK_STR(b, "foobarbaz");
}

static void
searches(void)
{
	const char *s = "hello, world";

	CHECK(memchr(s, 'o', 12) == s + 4);
	CHECK(memchr(s, 'o', 4) == NULL);
	CHECK(memchr("a\0b", 'b', 3) != NULL);
	CHECK(memchr("\xfe", 0xfe, 1) != NULL);
	CHECK(strchr(s, 'o') == s + 4);
	CHECK(strchr(s, 'z') == NULL);
	CHECK(strchr(s, '\0') == s + 12);
	CHECK(strrchr(s, 'o') == s + 8);
	CHECK(strrchr(s, 'h') == s);
	CHECK(strrchr(s, '\0') == s + 12);
	CHECK(strrchr(s, 'q') == NULL);
	CHECK(strstr(s, "world") == s + 7);
	CHECK(strstr(s, "") == s);
	CHECK(strstr(s, "worlds") == NULL);
	CHECK(strstr("aaab", "aab") != NULL);
	CHECK(strstr("", "a") == NULL);
	CHECK_EQ(strspn("abcabcxyz", "abc"), 6);
	CHECK_EQ(strspn("xyz", "abc"), 0);
	CHECK_EQ(strspn("", "abc"), 0);
	CHECK_EQ(strcspn("abcxyz", "zyx"), 3);
	CHECK_EQ(strcspn("abc", ""), 3);
	CHECK(strpbrk(s, " ,") == s + 5);
	CHECK(strpbrk(s, "XYZ") == NULL);
}

static void
tokens(void)
{
	char line[] = "  alpha,beta;;gamma ";
	char other[] = "one two";
	char *save = NULL, *save2 = NULL, *t;

	CHECK_STR(strtok(line, " ,;"), "alpha");
	CHECK_STR(strtok(NULL, " ,;"), "beta");
	CHECK_STR(strtok(NULL, " ,;"), "gamma");
	CHECK(strtok(NULL, " ,;") == NULL);
	CHECK(strtok(NULL, " ,;") == NULL);

	strcpy(line, "a:b:c");
	t = strtok_r(line, ":", &save);
	CHECK_STR(t, "a");
	CHECK_STR(strtok_r(other, " ", &save2), "one");	/* interleaved */
	CHECK_STR(strtok_r(NULL, ":", &save), "b");
	CHECK_STR(strtok_r(NULL, " ", &save2), "two");
	CHECK_STR(strtok_r(NULL, ":", &save), "c");
	CHECK(strtok_r(NULL, ":", &save) == NULL);
	CHECK(strtok_r(NULL, " ", &save2) == NULL);
	strcpy(line, ":::");
	CHECK(strtok_r(line, ":", &save) == NULL);
}

static void
duplicates(void)
{
	char *a = strdup("duplicate me"), *b = strndup("truncate", 5), *c = strndup("ab", 10);

	CHECK(a != NULL && b != NULL && c != NULL);
	CHECK_STR(a, "duplicate me");
	CHECK_STR(b, "trunc");
	CHECK_STR(c, "ab");
	free(a);
	free(b);
	free(c);
}

static void
messages(void)
{
	char small[8];
	char big[64];

	CHECK_STR(strerror(0), "Success");
	CHECK_STR(strerror(ENOENT), "No such file or directory");
	CHECK_STR(strerror(EACCES), "Permission denied");
	CHECK_STR(strerror(ENOSYS), "Function not implemented");
	CHECK_STR(strerror(ENOTRECOVERABLE), "State not recoverable");
	CHECK_STR(strerror(41), "Unknown error 41");
	CHECK_STR(strerror(-3), "Unknown error -3");
	CHECK_STR(strerror(100000), "Unknown error 100000");
	CHECK_EQ(strerror_r(EINVAL, big, sizeof(big)), 0);
	CHECK_STR(big, "Invalid argument");
	CHECK_EQ(strerror_r(EINVAL, small, sizeof(small)), ERANGE);
	CHECK_STR(small, "Invalid");
	CHECK_EQ(strerror_r(500, big, sizeof(big)), EINVAL);
	CHECK_STR(big, "Unknown error 500");
	CHECK_STR(strsignal(11), "Segmentation fault");
	CHECK_STR(strsignal(6), "Aborted");
	CHECK_STR(strsignal(99), "Unknown signal");
}

static void
every_errno_has_a_message(void)
{
	static const int known[] = {
		EPERM, ENOENT, ESRCH, EINTR, EIO, ENXIO, E2BIG, ENOEXEC, EBADF, ECHILD,
		EAGAIN, ENOMEM, EACCES, EFAULT, ENOTBLK, EBUSY, EEXIST, EXDEV, ENODEV,
		ENOTDIR, EISDIR, EINVAL, ENFILE, EMFILE, ENOTTY, ETXTBSY, EFBIG, ENOSPC,
		ESPIPE, EROFS, EMLINK, EPIPE, EDOM, ERANGE, EDEADLK, ENAMETOOLONG, ENOLCK,
		ENOSYS, ENOTEMPTY, ELOOP, ENOMSG, EIDRM, ENOSTR, ENODATA, ETIME, ENOSR,
		ENOLINK, EPROTO, EMULTIHOP, EBADMSG, EOVERFLOW, EILSEQ, EUSERS, ENOTSOCK,
		EDESTADDRREQ, EMSGSIZE, EPROTOTYPE, ENOPROTOOPT, EPROTONOSUPPORT,
		ESOCKTNOSUPPORT, EOPNOTSUPP, EPFNOSUPPORT, EAFNOSUPPORT, EADDRINUSE,
		EADDRNOTAVAIL, ENETDOWN, ENETUNREACH, ENETRESET, ECONNABORTED, ECONNRESET,
		ENOBUFS, EISCONN, ENOTCONN, ESHUTDOWN, ETOOMANYREFS, ETIMEDOUT,
		ECONNREFUSED, EHOSTDOWN, EHOSTUNREACH, EALREADY, EINPROGRESS, ESTALE,
		EDQUOT, ECANCELED, EOWNERDEAD, ENOTRECOVERABLE,
	};
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		CHECK(strncmp(strerror(known[i]), "Unknown", 7) != 0);
	CHECK_EQ(EWOULDBLOCK, EAGAIN);
	CHECK_EQ(ENOTSUP, EOPNOTSUPP);
}

int
main(void)
{
	memcpy_memset_all_alignments();
	memmove_overlaps();
	comparisons();
	lengths_and_copies();
	searches();
	tokens();
	duplicates();
	messages();
	every_errno_has_a_message();
	return test_passed();
}
