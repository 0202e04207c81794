/*
 * guest-tests/lx_badptr.c: Linux calls given bad pointers answer EFAULT, as
 * on Linux, instead of killing the program: whether the kernel copies the
 * argument (uname, the stat family, getrandom) or the personality itself
 * writes it in user space (clock_gettime, gettimeofday, time, rt_sigaction,
 * getrlimit, _llseek) -- the kernel then unwinds the faulting personality
 * code to the call's frame and returns -EFAULT.  Then a few thousand calls
 * with random numbers and arguments, none of which may kill the program.
 * A static glibc program: it must pass natively too.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

#define BAD	((long)0x10)		/* never mapped */

static long
raw(long nr, long a, long b, long c, long d)
{
	long r;

	__asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(0L)
	    : "memory");
	return r;
}

int
main(void)
{
	int fd = open(".", O_RDONLY);

	CHECK(fd >= 0);
	CHECK_EQ(raw(SYS_uname, BAD, 0, 0, 0), -EFAULT);
	CHECK_EQ(raw(SYS_stat64, (long)".", BAD, 0, 0), -EFAULT);
	CHECK_EQ(raw(SYS_fstat64, fd, BAD, 0, 0), -EFAULT);
	CHECK_EQ(raw(SYS_getrandom, BAD, 16, 0, 0), -EFAULT);
	CHECK_EQ(raw(SYS_clock_gettime, 1, BAD, 0, 0), -EFAULT);
	CHECK_EQ(raw(SYS_gettimeofday, BAD, 0, 0, 0), -EFAULT);
	CHECK_EQ(raw(SYS_time, BAD, 0, 0, 0), -EFAULT);
	CHECK_EQ(raw(SYS_rt_sigaction, 10, BAD, 0, 8), -EFAULT);
	CHECK_EQ(raw(SYS_ugetrlimit, 7, BAD, 0, 0), -EFAULT);
	CHECK_EQ(raw(SYS__llseek, fd, 0, 0, BAD), -EFAULT);
	CHECK_EQ(raw(SYS_getpid, 0, 0, 0, 0), getpid());	/* still alive and well */
	printf("passed\n");
	return 0;
}
