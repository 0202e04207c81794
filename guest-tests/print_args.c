/*
 * guest-tests/print_args.c: a helper for cli.sh that prints its arguments
 * after argv[0], one per line, so the shell can see exactly what vkrun handed
 * the guest.
 */
#include "guest-tests/rt/vkrt.h"

int
main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		vk_puts(argv[i]);
		vk_puts("\n");
	}
	return 0;
}
