/*
 * timegm, mktime: broken-down UTC time to seconds since the epoch.
 *
 * Fields out of their usual ranges are allowed (tm_mon 14, tm_mday 0,
 * tm_sec -30, ...) and carried over; the struct is then rewritten with the
 * normalized date, tm_wday and tm_yday.  Without time zones mktime is
 * timegm: tm_isdst is ignored and set to 0.  Returns -1 with EOVERFLOW
 * when the result is out of range.
 */
#include <errno.h>

#include "time_impl.h"

time_t
timegm(struct tm *tm)
{
	int64_t year = (int64_t)tm->tm_year + 1900 + __vk_floor_div(tm->tm_mon, 12);
	int mon = (int)__vk_floor_mod(tm->tm_mon, 12);
	int64_t days = __vk_days_to_year(year) + __vk_days_before_month(mon, __vk_is_leap(year)) +
	    (int64_t)tm->tm_mday - 1;
	time_t t = days * SECS_PER_DAY + (int64_t)tm->tm_hour * 3600 + (int64_t)tm->tm_min * 60 +
	    tm->tm_sec;

	if (gmtime_r(&t, tm) == NULL) {
		errno = EOVERFLOW;
		return -1;
	}
	return t;
}

time_t
mktime(struct tm *tm)
{
	return timegm(tm);
}
