/*
 * time.h: calendar time, clocks and struct tm.
 *
 * time, clock_gettime are system calls provided by the kernel-interfacing
 * layer; the rest is libc.  There are no time zones: local time is UTC
 * (localtime == gmtime, mktime == timegm, tm_isdst is always 0, %Z is
 * "UTC").  time_t is 64-bit in program ABI 1.
 */
#ifndef _TIME_H
#define _TIME_H

#pragma GCC system_header

#include <bits/vktypes.h>
#include <bits/timespec.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CLOCKS_PER_SEC		1000000L
#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID	3
#define TIME_UTC		1

struct tm {
	int	tm_sec;		/* 0-60 */
	int	tm_min;		/* 0-59 */
	int	tm_hour;	/* 0-23 */
	int	tm_mday;	/* 1-31 */
	int	tm_mon;		/* 0-11 */
	int	tm_year;	/* years since 1900 */
	int	tm_wday;	/* 0-6, Sunday = 0 */
	int	tm_yday;	/* 0-365 */
	int	tm_isdst;	/* always 0 */
	long	tm_gmtoff;	/* always 0 */
	const char *tm_zone;	/* always "UTC" */
};

/* System calls (the layer). */
time_t time(time_t *t);
int clock_gettime(clockid_t clk, struct timespec *ts);
int nanosleep(const struct timespec *req, struct timespec *rem);

/* libc. */
clock_t clock(void);
int timespec_get(struct timespec *ts, int base);
double difftime(time_t t1, time_t t0);
struct tm *gmtime(const time_t *t);
struct tm *gmtime_r(const time_t *t, struct tm *tm);
struct tm *localtime(const time_t *t);
struct tm *localtime_r(const time_t *t, struct tm *tm);
time_t timegm(struct tm *tm);
time_t mktime(struct tm *tm);
size_t strftime(char *s, size_t max, const char *fmt, const struct tm *tm);
char *asctime(const struct tm *tm);
char *asctime_r(const struct tm *tm, char *buf);
char *ctime(const time_t *t);
char *ctime_r(const time_t *t, char *buf);

#ifdef __cplusplus
}
#endif

#endif
