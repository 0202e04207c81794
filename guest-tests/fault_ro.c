/*
 * guest-tests/fault_ro.c: a helper for faults.sh that writes into its own
 * read-only memory: a string in .rodata, or with the argument "text" the
 * code of main itself.  Either way the process must die as if by SIGSEGV
 * (exit status 139) and the bytes must not change.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char message[] = "read-only";

int
main(int argc, char **argv)
{
	volatile char *target = (volatile char *)(uintptr_t)message;

	if (argc > 1 && strcmp(argv[1], "text") == 0)
		target = (volatile char *)(uintptr_t)main;
	*target = 'X';
	puts("still alive after writing read-only memory");
	return 0;
}
