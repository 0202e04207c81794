/*
 * limits.h: gcc's own limits.h (INT_MAX and the rest, found next on the
 * include path) plus the POSIX limits libc itself promises.
 *
 * Defining _LIBC_LIMITS_H_ tells gcc's header that a C library is present,
 * so it does not look for a system limits.h behind itself.
 */
#ifndef _VK_LIMITS_H
#define _VK_LIMITS_H

#pragma GCC system_header

#define _LIBC_LIMITS_H_ 1
#include_next <limits.h>

#define PATH_MAX	4096	/* the kernel's largest path, with its NUL */
#define NAME_MAX	255
#define SSIZE_MAX	INT_MAX
#define ATEXIT_MAX	2147483647	/* bounded only by memory */

#endif
