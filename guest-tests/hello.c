/*
 * guest-tests/hello.c: the README's demo guest, and the smallest test of the
 * whole path: load, enter at _start, one write to stdout, exit 0.
 *
 * It pins down that a guest runs at all and that write() on fd 1 reaches the
 * host's stdout: run-guest compares stdout with hello.out.  trace.sh and
 * stats.sh also rely on it making exactly one write and one exit.
 */
#include "guest-tests/rt/vkrt.h"

int
main(void)
{
	return vk_puts("hello from a vkrun guest\n") == 25 ? 0 : 1;
}
