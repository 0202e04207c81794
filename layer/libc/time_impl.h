/*
 * time_impl.h: the calendar arithmetic shared by the time functions
 * (proleptic Gregorian calendar, UTC, days counted from 1970-01-01).
 */
#ifndef VK_TIME_IMPL_H
#define VK_TIME_IMPL_H

#include <stdint.h>
#include <time.h>

#define SECS_PER_DAY	86400

/* Is Y (the real year, not minus 1900) a leap year? */
int __vk_is_leap(int64_t y);
/* The number of days from 1970-01-01 to January 1st of year Y. */
int64_t __vk_days_to_year(int64_t y);
/* Days before month M (0-11) in a year, LEAP or not. */
int __vk_days_before_month(int m, int leap);
/* floor(a / b) and the matching remainder (0 <= r < b), for b > 0. */
int64_t __vk_floor_div(int64_t a, int64_t b);
int64_t __vk_floor_mod(int64_t a, int64_t b);

#endif
