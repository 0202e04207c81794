/*
 * guest-tests/getpid.c: the first (and for now only) process is pid 1, and
 * getpid gives the same answer every time.
 */
#include "guest-tests/rt/vkrt.h"

int
main(void)
{
	CHECK_EQ(vk_getpid(), 1);
	CHECK_EQ(vk_getpid(), 1);
	return vk_test_passed();
}
