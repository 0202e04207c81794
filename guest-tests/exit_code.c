/*
 * guest-tests/exit_code.c: a helper for cli.sh that exits with the number
 * given as its argument, so the shell can check that the guest's exit status
 * passes through vkrun unchanged.  No argument or a bad one: exit 99.
 */
#include "guest-tests/rt/vkrt.h"

int
main(int argc, char **argv)
{
	int32_t code;

	if (argc != 2 || !vk_atoi(argv[1], &code))
		return 99;
	vk_exit(code);
}
