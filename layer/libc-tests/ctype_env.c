/*
 * layer/libc-tests/ctype_env.c: character classes, the environment, and
 * atexit.
 *
 * Every ctype function over all 256 byte values and EOF, against the
 * "C" locale's definition written out here.  The environment crt0 passes:
 * main's envp is environ, and getenv finds each of its entries (run-dev.sh
 * and scripts/run-guest both set GUEST_TEST_NAME to the test's name).
 * setenv with and without overwrite, putenv, unsetenv (of every copy),
 * EINVAL for bad names, many variables added (environ grows) and removed.
 * atexit: 40 handlers (more than the 32 in the static block) run last
 * registered first, after main returns, before stdio is flushed; the last
 * one to run prints "passed".
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static int
in(const char *set, int c)
{
	return c > 0 && c < 256 && strchr(set, c) != NULL;
}

static void
classes(void)
{
	static const char upper[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	static const char lower[] = "abcdefghijklmnopqrstuvwxyz";
	static const char digit[] = "0123456789";
	static const char xdigit[] = "0123456789abcdefABCDEF";
	static const char space[] = " \t\n\v\f\r";
	static const char punct[] = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
	int c;

	for (c = -1; c < 256; c++) {
		int u = in(upper, c), l = in(lower, c), d = in(digit, c), p = in(punct, c);

		CHECK_EQ(!!isupper(c), u);
		CHECK_EQ(!!islower(c), l);
		CHECK_EQ(!!isalpha(c), u || l);
		CHECK_EQ(!!isdigit(c), d);
		CHECK_EQ(!!isalnum(c), u || l || d);
		CHECK_EQ(!!isxdigit(c), in(xdigit, c));
		CHECK_EQ(!!isspace(c), in(space, c));
		CHECK_EQ(!!isblank(c), c == ' ' || c == '\t');
		CHECK_EQ(!!ispunct(c), p);
		CHECK_EQ(!!isgraph(c), u || l || d || p);
		CHECK_EQ(!!isprint(c), u || l || d || p || c == ' ');
		CHECK_EQ(!!iscntrl(c), (c >= 0 && c < 32) || c == 127);
		CHECK_EQ(!!isascii(c), c >= 0 && c < 128);
		CHECK_EQ(toupper(c), l ? c - 32 : c);
		CHECK_EQ(tolower(c), u ? c + 32 : c);
	}
}

static void
initial_environment(char **envp)
{
	char name[256];
	size_t i, n;

	CHECK(environ == envp);
	for (i = 0; environ[i] != NULL; i++) {
		const char *eq = strchr(environ[i], '=');

		if (eq == NULL)
			continue;
		n = (size_t)(eq - environ[i]);
		if (n == 0 || n >= sizeof(name))
			continue;
		memcpy(name, environ[i], n);
		name[n] = '\0';
		CHECK(getenv(name) != NULL);
	}
	CHECK_STR(getenv("GUEST_TEST_NAME"), "ctype_env");
	CHECK(getenv("VKC_SURELY_NOT_SET") == NULL);
	CHECK(getenv("GUEST_TEST_NAME=ctype_env") == NULL);
	CHECK(getenv("") == NULL);
}

static void
changing_the_environment(void)
{
	static char put[] = "VKC_PUT=from putenv";
	char name[32], value[32];
	int i;

	CHECK_EQ(setenv("VKC_A", "1", 0), 0);
	CHECK_STR(getenv("VKC_A"), "1");
	CHECK_EQ(setenv("VKC_A", "2", 0), 0);		/* no overwrite */
	CHECK_STR(getenv("VKC_A"), "1");
	CHECK_EQ(setenv("VKC_A", "3", 1), 0);
	CHECK_STR(getenv("VKC_A"), "3");
	CHECK_EQ(setenv("VKC_B", "", 1), 0);
	CHECK_STR(getenv("VKC_B"), "");
	CHECK_EQ(setenv("VKC_C", "x=y", 1), 0);
	CHECK_STR(getenv("VKC_C"), "x=y");
	CHECK_STR(getenv("GUEST_TEST_NAME"), "ctype_env");	/* old ones kept */

	errno = 0;
	CHECK_EQ(setenv("", "v", 1), -1);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK_EQ(setenv("A=B", "v", 1), -1);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK_EQ(unsetenv("A=B"), -1);
	CHECK_EQ(errno, EINVAL);

	CHECK_EQ(putenv(put), 0);
	CHECK_STR(getenv("VKC_PUT"), "from putenv");
	put[8] = 'F';					/* putenv keeps the string */
	CHECK_STR(getenv("VKC_PUT"), "From putenv");

	CHECK_EQ(unsetenv("VKC_A"), 0);
	CHECK(getenv("VKC_A") == NULL);
	CHECK_EQ(unsetenv("VKC_A"), 0);			/* absent: still fine */
	CHECK_EQ(unsetenv("VKC_PUT"), 0);
	CHECK(getenv("VKC_PUT") == NULL);
	CHECK_STR(getenv("VKC_C"), "x=y");

	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "VKC_MANY_%d", i);
		snprintf(value, sizeof(value), "value %d", i * i);
		CHECK_EQ(setenv(name, value, 1), 0);
	}
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "VKC_MANY_%d", i);
		snprintf(value, sizeof(value), "value %d", i * i);
		CHECK_STR(getenv(name), value);
		if (i % 2 == 0)
			CHECK_EQ(unsetenv(name), 0);
	}
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "VKC_MANY_%d", i);
		CHECK_EQ(getenv(name) == NULL, i % 2 == 0);
	}
	for (i = 0; i < 1000; i++)			/* replacing frees the old copy */
		CHECK_EQ(setenv("VKC_SAME", i % 2 ? "odd" : "even", 1), 0);
	CHECK_STR(getenv("VKC_SAME"), "odd");
}

/* atexit: handler i appends i to the record; handler 0 runs last. */
#define HANDLERS	40

static int record[HANDLERS], nrecord;

#define H(i) static void h##i(void) { record[nrecord++] = i; }
H(1) H(2) H(3) H(4) H(5) H(6) H(7) H(8) H(9) H(10) H(11) H(12) H(13)
H(14) H(15) H(16) H(17) H(18) H(19) H(20) H(21) H(22) H(23) H(24) H(25)
H(26) H(27) H(28) H(29) H(30) H(31) H(32) H(33) H(34) H(35) H(36) H(37)
H(38) H(39)

static void (*const handlers[HANDLERS])(void) = {
	NULL, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, h11, h12, h13, h14, h15,
	h16, h17, h18, h19, h20, h21, h22, h23, h24, h25, h26, h27, h28, h29,
	h30, h31, h32, h33, h34, h35, h36, h37, h38, h39,
};

static int main_returned;

static void
last_handler(void)
{
	int i;

	if (!main_returned || nrecord != HANDLERS - 1) {
		fprintf(stderr, "FAIL atexit: %d handlers ran before the first one\n", nrecord);
		_exit(1);
	}
	for (i = 0; i < HANDLERS - 1; i++)
		if (record[i] != HANDLERS - 1 - i) {
			fprintf(stderr, "FAIL atexit: handler %d ran in place %d\n", record[i], i);
			_exit(1);
		}
	printf("atexit: %d handlers in reverse order\n", HANDLERS);
	printf("passed\n");		/* stdout is flushed after the handlers */
}

static void
register_handlers(void)
{
	int i;

	CHECK_EQ(atexit(last_handler), 0);
	for (i = 1; i < HANDLERS; i++)
		CHECK_EQ(atexit(handlers[i]), 0);
}

int
main(int argc, char **argv, char **envp)
{
	(void)argc;
	(void)argv;
	classes();
	initial_environment(envp);
	changing_the_environment();
	register_handlers();
	CHECK_EQ(setvbuf(stdout, NULL, _IOFBF, 0), 0);
	main_returned = 1;
	return 0;
}
