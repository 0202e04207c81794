/*
 * guest-tests/bench/linux_signal.c: the signal round trip of a Linux i386
 * program: kill(getpid(), SIGUSR1) to itself, the handler runs, returns
 * through glibc's restorer (sigreturn), and kill returns.  Static glibc;
 * run natively, under qemu-i386 and under vkrun.
 *
 * Usage: linux_signal [N]  (default 100000).  Prints "signal X.Y" (ns per
 * round trip) on fd 1; exits 1 if a delivery went missing.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void
on_usr1(int s)
{
	(void)s;
	got++;
}

static long long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100000;
	struct sigaction sa;
	pid_t me = getpid();
	long long t0, t1;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	if (n <= 0 || sigaction(SIGUSR1, &sa, NULL) != 0)
		return 1;
	t0 = now_ns();
	for (long i = 0; i < n; i++)
		kill(me, SIGUSR1);
	t1 = now_ns();
	if (got != n)
		return 1;
	printf("signal %.1f\n", (double)(t1 - t0) / n);
	return 0;
}
