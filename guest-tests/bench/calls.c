/*
 * guest-tests/bench/calls.c: the cost of three calls a C program makes, the
 * same source built twice: with vkcc (a native vkrun guest: getpid and
 * clock_gettime are served inside the layer, write is one message) and as a
 * static glibc i386 program (run natively and under qemu-i386: real system
 * calls).  Prints nanoseconds per call, timed with CLOCK_MONOTONIC:
 *
 *   getpid NS
 *   clock_gettime NS
 *   write NS        (one byte to /dev/null)
 *
 * Usage: calls [N]   (default 1000000 calls of each)
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static long long
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	volatile long sink = 0;
	struct timespec ts;
	long long t0, t1, t2, t3;
	int fd = open("/dev/null", O_WRONLY);

	if (n <= 0 || fd < 0)
		return 1;
	t0 = now();
	for (long i = 0; i < n; i++)
		sink += getpid();
	t1 = now();
	for (long i = 0; i < n; i++) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		sink += ts.tv_nsec;
	}
	t2 = now();
	for (long i = 0; i < n; i++)
		sink += write(fd, "x", 1);
	t3 = now();
	printf("getpid %.1f\nclock_gettime %.1f\nwrite %.1f\n", (double)(t1 - t0) / n,
	    (double)(t2 - t1) / n, (double)(t3 - t2) / n);
	return sink == 0;
}
