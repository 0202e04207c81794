/*
 * sys/types.h: the POSIX data types of program ABI 1 (see bits/vktypes.h for
 * their sizes and why).
 */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H

#pragma GCC system_header

#include <bits/vktypes.h>

#endif
