/*
 * clock, timespec_get: processor time and the C11 calendar-time call,
 * both on clock_gettime.  clock() is in microseconds (CLOCKS_PER_SEC is
 * 10^6) and, clock_t being a 32-bit long, wraps after about 36 minutes of
 * CPU time; it returns -1 when the time is unavailable.
 */
#include <time.h>

clock_t
clock(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
		return (clock_t)-1;
	return (clock_t)(ts.tv_sec * 1000000 + ts.tv_nsec / 1000);
}

int
timespec_get(struct timespec *ts, int base)
{
	if (base != TIME_UTC || clock_gettime(CLOCK_REALTIME, ts) != 0)
		return 0;
	return base;
}
