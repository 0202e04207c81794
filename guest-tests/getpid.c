/*
 * guest-tests/getpid.c: the first (and for now only) process is pid 1, its
 * parent is 0 (nothing started it inside the guest), and getpid gives the
 * same answer every time.  The layer answers from the shared page without a
 * message: layer.sh checks that no trap is taken.
 */
#include <unistd.h>

#include "check.h"

int
main(void)
{
	CHECK_EQ(getpid(), 1);
	CHECK_EQ(getpid(), 1);
	CHECK_EQ(getppid(), 0);
	return test_passed();
}
