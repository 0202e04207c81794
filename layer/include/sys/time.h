/*
 * sys/time.h: struct timeval of program ABI 1 (16 bytes, 64-bit tv_sec,
 * explicit padding, like struct timespec) and gettimeofday, a system call
 * provided by the kernel-interfacing layer.  TZ must be NULL: there are no
 * time zones.
 */
#ifndef _SYS_TIME_H
#define _SYS_TIME_H

#pragma GCC system_header

#include <bits/vktypes.h>

#ifdef __cplusplus
extern "C" {
#endif

struct timeval {
	time_t	tv_sec;
	long	tv_usec;
	long	__pad;
};

int gettimeofday(struct timeval *tv, void *tz);

#ifdef __cplusplus
}
#endif

#endif
