/*
 * gmtime_r, gmtime, localtime_r, localtime: seconds since the epoch to
 * broken-down UTC time.  There are no time zones, so local time is UTC.
 * Fails with EOVERFLOW (NULL) when the year does not fit tm_year.  gmtime
 * and localtime return one shared static struct tm.
 */
#include <errno.h>
#include <limits.h>

#include "time_impl.h"

/* The year holding day DAYS (days since 1970-01-01). */
static int64_t
year_of(int64_t days)
{
	int64_t y = 1970 + __vk_floor_div(days * 400, 146097);

	while (__vk_days_to_year(y) > days)
		y--;
	while (__vk_days_to_year(y + 1) <= days)
		y++;
	return y;
}

struct tm *
gmtime_r(const time_t *t, struct tm *tm)
{
	int64_t days = __vk_floor_div(*t, SECS_PER_DAY);
	int64_t secs = __vk_floor_mod(*t, SECS_PER_DAY);
	int64_t year;
	int yday, leap, m;

	if (days > 800000000000LL || days < -800000000000LL)	/* beyond +-2^31 years */
		goto overflow;
	year = year_of(days);
	if (year - 1900 > INT_MAX || year - 1900 < INT_MIN)
		goto overflow;
	yday = (int)(days - __vk_days_to_year(year));
	leap = __vk_is_leap(year);
	for (m = 11; __vk_days_before_month(m, leap) > yday; m--)
		;
	tm->tm_year = (int)(year - 1900);
	tm->tm_yday = yday;
	tm->tm_mon = m;
	tm->tm_mday = yday - __vk_days_before_month(m, leap) + 1;
	tm->tm_wday = (int)__vk_floor_mod(days + 4, 7);	/* 1970-01-01 was a Thursday */
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
	tm->tm_isdst = 0;
	tm->tm_gmtoff = 0;
	tm->tm_zone = "UTC";
	return tm;
overflow:
	errno = EOVERFLOW;
	return NULL;
}

static struct tm shared_tm;

struct tm *
gmtime(const time_t *t)
{
	return gmtime_r(t, &shared_tm);
}

struct tm *
localtime_r(const time_t *t, struct tm *tm)
{
	return gmtime_r(t, tm);
}

struct tm *
localtime(const time_t *t)
{
	return gmtime_r(t, &shared_tm);
}
