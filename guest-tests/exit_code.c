/*
 * guest-tests/exit_code.c: a helper for cli.sh that exits with the number
 * given as its argument (through libc's exit, so atexit and stdio run
 * first), so the shell can check that the guest's exit status passes
 * through vkrun unchanged.  No argument or a bad one: exit 99.
 */
#include <stdlib.h>

int
main(int argc, char **argv)
{
	char *end;
	long code;

	if (argc != 2 || argv[1][0] == '\0')
		return 99;
	code = strtol(argv[1], &end, 10);
	if (*end != '\0')
		return 99;
	exit((int)code);
}
