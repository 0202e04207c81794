/*
 * layer/libc-tests/startup.c: what crt0 and __libc_start set up before
 * main, and what exit does after it.
 *
 * main gets argc, argv (NULL-terminated) and envp (right after argv, and
 * equal to environ); the stack is 16-byte aligned in main (a 16-aligned
 * local really is); constructors (.init_array) ran before main, in order,
 * with argc and argv; stdio works at once; destructors (.fini_array) run
 * at exit after the atexit handlers, and the last of them prints "passed"
 * into a stdout buffer that exit then flushes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static int constructed[2], ctor_argc = -1, atexit_ran;

__attribute__((constructor)) static void
first_constructor(int argc, char **argv, char **envp)
{
	(void)argv;
	(void)envp;
	ctor_argc = argc;
	constructed[0] = 1;
}

__attribute__((constructor)) static void
second_constructor(void)
{
	constructed[1] = constructed[0] + 1;
}

__attribute__((destructor)) static void
destructor(void)
{
	if (!atexit_ran) {
		fprintf(stderr, "FAIL destructor ran before the atexit handler\n");
		_exit(1);
	}
	printf("passed\n");
}

static void
handler(void)
{
	atexit_ran = 1;
}

int
main(int argc, char **argv, char **envp)
{
	long double aligned __attribute__((aligned(16))) = 1.0L;
	volatile long double *pa = &aligned;

	CHECK(argc >= 1);
	CHECK(argv[0] != NULL);
	CHECK(argv[argc] == NULL);
	CHECK(envp == argv + argc + 1);
	CHECK(envp == environ);
	CHECK_EQ((uintptr_t)pa % 16, 0);
	CHECK_EQ(constructed[0], 1);
	CHECK_EQ(constructed[1], 2);
	CHECK_EQ(ctor_argc, argc);
	CHECK_EQ(atexit(handler), 0);
	CHECK_EQ(setvbuf(stdout, NULL, _IOFBF, 0), 0);
	return 0;
}
