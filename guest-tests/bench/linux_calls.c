/*
 * guest-tests/bench/linux_calls.c: a static glibc i386 program measuring a
 * Linux getpid two ways: a raw int $0x80 (under vkrun: reflected into the
 * personality) and a call through AT_SYSINFO (__kernel_vsyscall: under vkrun,
 * no trap at all; qemu-i386 offers none, which prints n/a).  Prints
 * nanoseconds per call, timed with CLOCK_MONOTONIC:
 *
 *   int80 NS
 *   sysinfo NS|n/a
 *
 * Usage: linux_calls [N]   (default 1000000)
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <time.h>

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
	void *sysinfo = (void *)getauxval(AT_SYSINFO);
	long long t0, t1;
	int pid, first = -1, bad = 0;

	if (n <= 0)
		return 1;
	t0 = now();
	for (long i = 0; i < n; i++) {
		__asm__ volatile("int $0x80" : "=a"(pid) : "a"(20) : "memory");
		bad |= first >= 0 && pid != first;
		first = pid;
	}
	t1 = now();
	printf("int80 %.1f\n", (double)(t1 - t0) / n);
	if (sysinfo == NULL) {
		printf("sysinfo n/a\n");
		return bad;
	}
	t0 = now();
	for (long i = 0; i < n; i++) {
		__asm__ volatile("call *%1" : "=a"(pid) : "r"(sysinfo), "a"(20) : "memory", "ecx", "edx");
		bad |= pid != first;
	}
	t1 = now();
	printf("sysinfo %.1f\n", (double)(t1 - t0) / n);
	return bad;
}
