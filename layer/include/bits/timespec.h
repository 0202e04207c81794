/*
 * bits/timespec.h: struct timespec of program ABI 1, shared by time.h and
 * sys/stat.h.  Not for programs to include directly.
 *
 * 16 bytes: a 64-bit tv_sec, then tv_nsec and explicit padding, so the
 * layout is the same whether 64-bit fields are 4- or 8-aligned (i386 gcc
 * aligns them to 4, the x86_64 host to 8).
 */
#ifndef _BITS_TIMESPEC_H
#define _BITS_TIMESPEC_H

#pragma GCC system_header

#include <bits/vktypes.h>

struct timespec {
	time_t	tv_sec;
	long	tv_nsec;
	long	__pad;
};

#endif
