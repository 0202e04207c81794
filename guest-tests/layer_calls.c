/*
 * guest-tests/layer_calls.c: a helper for layer.sh that calls each function
 * the layer serves from the shared page N times (argument 1, default 1000):
 * getpid, getppid, getuid, geteuid, getgid, getegid, time, gettimeofday, and
 * clock_gettime for CLOCK_MONOTONIC and for CLOCK_REALTIME (so 2N of those),
 * and nothing else: no stdio, and argument parsing by hand.  Its only
 * message is its exit.  Exit 0, or 1 if a call failed.
 */
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct timespec ts;
	struct timeval tv;
	unsigned n = 0, bad = 0;

	if (argc > 1)
		for (const char *s = argv[1]; *s >= '0' && *s <= '9'; s++)
			n = n * 10 + (unsigned)(*s - '0');
	else
		n = 1000;
	for (unsigned i = 0; i < n; i++) {
		bad |= getpid() != 1;
		bad |= getppid() < 0;
		bad |= getuid() != geteuid();
		bad |= getgid() != getegid();
		bad |= time(NULL) <= 0;
		bad |= gettimeofday(&tv, NULL) != 0;
		bad |= clock_gettime(CLOCK_MONOTONIC, &ts) != 0;
		bad |= clock_gettime(CLOCK_REALTIME, &ts) != 0;
	}
	return bad != 0;
}
