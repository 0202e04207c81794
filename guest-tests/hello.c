/*
 * guest-tests/hello.c: the README's demo guest, and the smallest test of the
 * whole path: load, map the layer behind the stub page, enter at _start, one
 * write(2) to stdout through the layer, exit 0.
 *
 * It pins down that a native program built with vkcc runs at all and that
 * write() on fd 1 reaches the host's stdout: run-guest compares stdout with
 * hello.out.  It calls write() directly rather than stdio, so that its trace
 * is exactly the one in the README (stdio would first allocate its buffer
 * with brk): trace.sh and stats.sh rely on it making exactly one write
 * message and one exit message.
 */
#include <string.h>
#include <unistd.h>

static const char greeting[] = "hello from a vkrun guest\n";

int
main(void)
{
	return write(STDOUT_FILENO, greeting, strlen(greeting)) == (ssize_t)strlen(greeting) ? 0 : 1;
}
