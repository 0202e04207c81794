/*
 * guest-tests/print_env.c: a helper for env.sh that prints its environment,
 * one VAR=VALUE per line, in the order the guest received it.
 */
#include "guest-tests/rt/vkrt.h"

int
main(int argc, char **argv, char **envp)
{
	(void)argc;
	(void)argv;
	for (; *envp != NULL; envp++) {
		vk_puts(*envp);
		vk_puts("\n");
	}
	return 0;
}
