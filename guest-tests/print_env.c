/*
 * guest-tests/print_env.c: a helper for env.sh that prints its environment
 * (libc's environ), one VAR=VALUE per line, in the order the guest received
 * it.
 */
#include <stdio.h>
#include <unistd.h>

int
main(void)
{
	for (char **e = environ; *e != NULL; e++)
		if (puts(*e) < 0)
			return 1;
	return 0;
}
