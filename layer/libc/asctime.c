/*
 * asctime, asctime_r, ctime, ctime_r: the fixed 26-byte form
 * "Thu Jan  1 00:00:00 1970\n".  asctime and ctime share one static
 * buffer; the _r forms need a buffer of at least 26 bytes.  NULL (errno
 * EOVERFLOW) if the year needs more than four digits.
 */
#include <errno.h>
#include <stdio.h>
#include <time.h>

static char shared[26];

char *
asctime_r(const struct tm *tm, char *buf)
{
	static const char days[] = "SunMonTueWedThuFriSat";
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	int wd = tm->tm_wday >= 0 && tm->tm_wday < 7 ? tm->tm_wday : 0;
	int mo = tm->tm_mon >= 0 && tm->tm_mon < 12 ? tm->tm_mon : 0;

	if (tm->tm_year > 9999 - 1900 || tm->tm_year < -1900) {
		errno = EOVERFLOW;
		return NULL;
	}
	snprintf(buf, 26, "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n", days + 3 * wd, months + 3 * mo,
	    tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec, tm->tm_year + 1900);
	return buf;
}

char *
asctime(const struct tm *tm)
{
	return asctime_r(tm, shared);
}

char *
ctime_r(const time_t *t, char *buf)
{
	struct tm tm;

	return gmtime_r(t, &tm) != NULL ? asctime_r(&tm, buf) : NULL;
}

char *
ctime(const time_t *t)
{
	return ctime_r(t, shared);
}
