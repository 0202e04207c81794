/*
 * loader/testdata/hello32.c: the smallest real static i386 program, built
 * with the guest compiler so that check_loader can load a file produced by a
 * real toolchain (through VK_TEST_I386_BINARY) as well as its synthetic ones.
 */
#include <stdio.h>

int
main(int argc, char **argv)
{
	printf("hello from %s (%d arguments)\n", argc > 0 ? argv[0] : "?", argc);
	return 0;
}
