/*
 * guest-tests/print_args.c: a helper for cli.sh that prints its arguments
 * after argv[0], one per line (stdio), so the shell can see exactly what
 * vkrun handed the guest.
 */
#include <stdio.h>

int
main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (puts(argv[i]) < 0)
			return 1;
	return 0;
}
