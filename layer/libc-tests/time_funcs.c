/*
 * layer/libc-tests/time_funcs.c: calendar conversions and formatting.
 *
 * gmtime_r on dates from year 1 to 9999 and beyond (leap days, century
 * years, negative times, 2038), checked field by field, and timegm back to
 * the same time; strftime with every supported conversion on each of them,
 * including ISO 8601 week numbers around New Year.  Every expected value
 * was produced by glibc on the host with TZ=UTC.  Then: timegm normalizing
 * out-of-range fields, mktime as timegm, gmtime's EOVERFLOW, strftime's 0
 * when the result does not fit, asctime/ctime, difftime, and the clocks
 * (time, clock_gettime, gettimeofday, clock, timespec_get) giving sane,
 * consistent values.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "check.h"

struct when {
	long long	t;
	int		year, mon, mday, hour, min, sec, wday, yday;
	const char	*text;
};

#define FORMAT "%a %A %b %B %C %d %D %e %F %g %G %H %I %j %k %l %m %M %p %P %r %R %s %S %T " \
	"%u %U %V %w %W %x %X %y %Y %z %% %c|%h|%n|%t|%Ey|%Od"

static const struct when cases[] = {
	{ 0LL, 70, 0, 1, 0, 0, 0, 4, 0,
	    "Thu Thursday Jan January 19 01 01/01/70  1 1970-01-01 70 1970 00 12 001  0 12 01 00 AM am 12:00:00 AM 00:00 0 00 00:00:00 4 00 01 4 00 01/01/70 00:00:00 70 1970 +0000 % Thu Jan  1 00:00:00 1970|Jan|\n|\t|70|01" },
	{ 951782400LL, 100, 1, 29, 0, 0, 0, 2, 59,
	    "Tue Tuesday Feb February 20 29 02/29/00 29 2000-02-29 00 2000 00 12 060  0 12 02 00 AM am 12:00:00 AM 00:00 951782400 00 00:00:00 2 09 09 2 09 02/29/00 00:00:00 00 2000 +0000 % Tue Feb 29 00:00:00 2000|Feb|\n|\t|00|29" },
	{ 951868799LL, 100, 1, 29, 23, 59, 59, 2, 59,
	    "Tue Tuesday Feb February 20 29 02/29/00 29 2000-02-29 00 2000 23 11 060 23 11 02 59 PM pm 11:59:59 PM 23:59 951868799 59 23:59:59 2 09 09 2 09 02/29/00 23:59:59 00 2000 +0000 % Tue Feb 29 23:59:59 2000|Feb|\n|\t|00|29" },
	{ 1700000000LL, 123, 10, 14, 22, 13, 20, 2, 317,
	    "Tue Tuesday Nov November 20 14 11/14/23 14 2023-11-14 23 2023 22 10 318 22 10 11 13 PM pm 10:13:20 PM 22:13 1700000000 20 22:13:20 2 46 46 2 46 11/14/23 22:13:20 23 2023 +0000 % Tue Nov 14 22:13:20 2023|Nov|\n|\t|23|14" },
	{ -1LL, 69, 11, 31, 23, 59, 59, 3, 364,
	    "Wed Wednesday Dec December 19 31 12/31/69 31 1969-12-31 70 1970 23 11 365 23 11 12 59 PM pm 11:59:59 PM 23:59 -1 59 23:59:59 3 52 01 3 52 12/31/69 23:59:59 69 1969 +0000 % Wed Dec 31 23:59:59 1969|Dec|\n|\t|69|31" },
	{ -31536000LL, 69, 0, 1, 0, 0, 0, 3, 0,
	    "Wed Wednesday Jan January 19 01 01/01/69  1 1969-01-01 69 1969 00 12 001  0 12 01 00 AM am 12:00:00 AM 00:00 -31536000 00 00:00:00 3 00 01 3 00 01/01/69 00:00:00 69 1969 +0000 % Wed Jan  1 00:00:00 1969|Jan|\n|\t|69|01" },
	{ 2147483648LL, 138, 0, 19, 3, 14, 8, 2, 18,
	    "Tue Tuesday Jan January 20 19 01/19/38 19 2038-01-19 38 2038 03 03 019  3  3 01 14 AM am 03:14:08 AM 03:14 2147483648 08 03:14:08 2 03 03 2 03 01/19/38 03:14:08 38 2038 +0000 % Tue Jan 19 03:14:08 2038|Jan|\n|\t|38|19" },
	{ 253402300799LL, 8099, 11, 31, 23, 59, 59, 5, 364,
	    "Fri Friday Dec December 99 31 12/31/99 31 9999-12-31 99 9999 23 11 365 23 11 12 59 PM pm 11:59:59 PM 23:59 253402300799 59 23:59:59 5 52 52 5 52 12/31/99 23:59:59 99 9999 +0000 % Fri Dec 31 23:59:59 9999|Dec|\n|\t|99|31" },
	{ -62135596800LL, -1899, 0, 1, 0, 0, 0, 1, 0,
	    "Mon Monday Jan January 0 01 01/01/01  1 1-01-01 01 1 00 12 001  0 12 01 00 AM am 12:00:00 AM 00:00 -62135596800 00 00:00:00 1 00 01 1 01 01/01/01 00:00:00 01 1 +0000 % Mon Jan  1 00:00:00 1|Jan|\n|\t|01|01" },
	{ 4102444800LL, 200, 0, 1, 0, 0, 0, 5, 0,
	    "Fri Friday Jan January 21 01 01/01/00  1 2100-01-01 99 2099 00 12 001  0 12 01 00 AM am 12:00:00 AM 00:00 4102444800 00 00:00:00 5 00 53 5 00 01/01/00 00:00:00 00 2100 +0000 % Fri Jan  1 00:00:00 2100|Jan|\n|\t|00|01" },
	{ 1104451200LL, 104, 11, 31, 0, 0, 0, 5, 365,
	    "Fri Friday Dec December 20 31 12/31/04 31 2004-12-31 04 2004 00 12 366  0 12 12 00 AM am 12:00:00 AM 00:00 1104451200 00 00:00:00 5 52 53 5 52 12/31/04 00:00:00 04 2004 +0000 % Fri Dec 31 00:00:00 2004|Dec|\n|\t|04|31" },
	{ 1104537600LL, 105, 0, 1, 0, 0, 0, 6, 0,
	    "Sat Saturday Jan January 20 01 01/01/05  1 2005-01-01 04 2004 00 12 001  0 12 01 00 AM am 12:00:00 AM 00:00 1104537600 00 00:00:00 6 00 53 6 00 01/01/05 00:00:00 05 2005 +0000 % Sat Jan  1 00:00:00 2005|Jan|\n|\t|05|01" },
	{ 1230681600LL, 108, 11, 31, 0, 0, 0, 3, 365,
	    "Wed Wednesday Dec December 20 31 12/31/08 31 2008-12-31 09 2009 00 12 366  0 12 12 00 AM am 12:00:00 AM 00:00 1230681600 00 00:00:00 3 52 01 3 52 12/31/08 00:00:00 08 2008 +0000 % Wed Dec 31 00:00:00 2008|Dec|\n|\t|08|31" },
	{ 1262217600LL, 109, 11, 31, 0, 0, 0, 4, 364,
	    "Thu Thursday Dec December 20 31 12/31/09 31 2009-12-31 09 2009 00 12 365  0 12 12 00 AM am 12:00:00 AM 00:00 1262217600 00 00:00:00 4 52 53 4 52 12/31/09 00:00:00 09 2009 +0000 % Thu Dec 31 00:00:00 2009|Dec|\n|\t|09|31" },
	{ 1293753600LL, 110, 11, 31, 0, 0, 0, 5, 364,
	    "Fri Friday Dec December 20 31 12/31/10 31 2010-12-31 10 2010 00 12 365  0 12 12 00 AM am 12:00:00 AM 00:00 1293753600 00 00:00:00 5 52 52 5 52 12/31/10 00:00:00 10 2010 +0000 % Fri Dec 31 00:00:00 2010|Dec|\n|\t|10|31" },
	{ 1609372800LL, 120, 11, 31, 0, 0, 0, 4, 365,
	    "Thu Thursday Dec December 20 31 12/31/20 31 2020-12-31 20 2020 00 12 366  0 12 12 00 AM am 12:00:00 AM 00:00 1609372800 00 00:00:00 4 52 53 4 52 12/31/20 00:00:00 20 2020 +0000 % Thu Dec 31 00:00:00 2020|Dec|\n|\t|20|31" },
	{ 1609459200LL, 121, 0, 1, 0, 0, 0, 5, 0,
	    "Fri Friday Jan January 20 01 01/01/21  1 2021-01-01 20 2020 00 12 001  0 12 01 00 AM am 12:00:00 AM 00:00 1609459200 00 00:00:00 5 00 53 5 00 01/01/21 00:00:00 21 2021 +0000 % Fri Jan  1 00:00:00 2021|Jan|\n|\t|21|01" },
	{ 1136073600LL, 106, 0, 1, 0, 0, 0, 0, 0,
	    "Sun Sunday Jan January 20 01 01/01/06  1 2006-01-01 05 2005 00 12 001  0 12 01 00 AM am 12:00:00 AM 00:00 1136073600 00 00:00:00 7 01 52 0 00 01/01/06 00:00:00 06 2006 +0000 % Sun Jan  1 00:00:00 2006|Jan|\n|\t|06|01" },
	{ -2208988800LL, 0, 0, 1, 0, 0, 0, 1, 0,
	    "Mon Monday Jan January 19 01 01/01/00  1 1900-01-01 00 1900 00 12 001  0 12 01 00 AM am 12:00:00 AM 00:00 -2208988800 00 00:00:00 1 00 01 1 01 01/01/00 00:00:00 00 1900 +0000 % Mon Jan  1 00:00:00 1900|Jan|\n|\t|00|01" },
	{ -12219292800LL, -318, 9, 15, 0, 0, 0, 5, 287,
	    "Fri Friday Oct October 15 15 10/15/82 15 1582-10-15 82 1582 00 12 288  0 12 10 00 AM am 12:00:00 AM 00:00 -12219292800 00 00:00:00 5 41 41 5 41 10/15/82 00:00:00 82 1582 +0000 % Fri Oct 15 00:00:00 1582|Oct|\n|\t|82|15" },
	{ 1000000000000LL, 31758, 8, 27, 1, 46, 40, 5, 269,
	    "Fri Friday Sep September 336 27 09/27/58 27 33658-09-27 58 33658 01 01 270  1  1 09 46 AM am 01:46:40 AM 01:46 1000000000000 40 01:46:40 5 38 39 5 38 09/27/58 01:46:40 58 33658 +0000 % Fri Sep 27 01:46:40 33658|Sep|\n|\t|58|27" },
	{ 1420070400LL, 115, 0, 1, 0, 0, 0, 4, 0,
	    "Thu Thursday Jan January 20 01 01/01/15  1 2015-01-01 15 2015 00 12 001  0 12 01 00 AM am 12:00:00 AM 00:00 1420070400 00 00:00:00 4 00 01 4 00 01/01/15 00:00:00 15 2015 +0000 % Thu Jan  1 00:00:00 2015|Jan|\n|\t|15|01" },
	{ 1451606400LL, 116, 0, 1, 0, 0, 0, 5, 0,
	    "Fri Friday Jan January 20 01 01/01/16  1 2016-01-01 15 2015 00 12 001  0 12 01 00 AM am 12:00:00 AM 00:00 1451606400 00 00:00:00 5 00 53 5 00 01/01/16 00:00:00 16 2016 +0000 % Fri Jan  1 00:00:00 2016|Jan|\n|\t|16|01" },
	{ 1483228800LL, 117, 0, 1, 0, 0, 0, 0, 0,
	    "Sun Sunday Jan January 20 01 01/01/17  1 2017-01-01 16 2016 00 12 001  0 12 01 00 AM am 12:00:00 AM 00:00 1483228800 00 00:00:00 7 01 52 0 00 01/01/17 00:00:00 17 2017 +0000 % Sun Jan  1 00:00:00 2017|Jan|\n|\t|17|01" },
};

static void
known_times(void)
{
	char buf[512];
	struct tm tm;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct when *w = &cases[i];
		time_t t = w->t;

		CHECK(gmtime_r(&t, &tm) == &tm);
		CHECK_EQ(tm.tm_year, w->year);
		CHECK_EQ(tm.tm_mon, w->mon);
		CHECK_EQ(tm.tm_mday, w->mday);
		CHECK_EQ(tm.tm_hour, w->hour);
		CHECK_EQ(tm.tm_min, w->min);
		CHECK_EQ(tm.tm_sec, w->sec);
		CHECK_EQ(tm.tm_wday, w->wday);
		CHECK_EQ(tm.tm_yday, w->yday);
		CHECK_EQ(tm.tm_isdst, 0);
		strftime(buf, sizeof(buf), FORMAT, &tm);
		CHECK_STR(buf, w->text);
		CHECK_EQ(strftime(buf, sizeof(buf), FORMAT, &tm), strlen(w->text));
		CHECK_EQ(timegm(&tm), w->t);
	}
}

static void
normalizing(void)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = 100;		/* 2000 */
	tm.tm_mon = 13;			/* February 2001 */
	tm.tm_mday = 29;		/* is March 1st */
	tm.tm_hour = 25;		/* plus a day and an hour */
	tm.tm_min = -30;
	tm.tm_sec = 61;
	CHECK_EQ(timegm(&tm), 983493061LL);	/* 2001-03-02 00:31:01 */
	CHECK_EQ(tm.tm_year, 101);
	CHECK_EQ(tm.tm_mon, 2);
	CHECK_EQ(tm.tm_mday, 2);
	CHECK_EQ(tm.tm_hour, 0);
	CHECK_EQ(tm.tm_min, 31);
	CHECK_EQ(tm.tm_sec, 1);
	CHECK_EQ(tm.tm_wday, 5);
	CHECK_EQ(tm.tm_yday, 60);

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = 70;
	tm.tm_mday = 0;			/* 1969-12-31 */
	tm.tm_mon = -1 + 1;
	tm.tm_isdst = 1;
	CHECK_EQ(mktime(&tm), -86400LL);
	CHECK_EQ(tm.tm_isdst, 0);
	CHECK_EQ(tm.tm_year, 69);
	CHECK_EQ(tm.tm_mon, 11);
	CHECK_EQ(tm.tm_mday, 31);
}

static void
limits(void)
{
	time_t huge = (time_t)1 << 62;
	struct tm tm, *p;
	char small[8];

	errno = 0;
	CHECK(gmtime_r(&huge, &tm) == NULL);
	CHECK_EQ(errno, EOVERFLOW);
	huge = 67768036191676800LL;		/* year 2147485548: too big for tm_year */
	CHECK(gmtime(&huge) == NULL);
	huge = 67768036191676799LL;		/* the last second that fits */
	p = gmtime(&huge);
	CHECK(p != NULL);
	CHECK_EQ(p->tm_year, 2147483647);
	CHECK_EQ(p->tm_mon, 11);
	CHECK_EQ(p->tm_mday, 31);
	CHECK_EQ(p->tm_sec, 59);

	huge = 0;
	p = gmtime(&huge);
	CHECK(p != NULL);
	CHECK_EQ(strftime(small, sizeof(small), "%Y-%m-%d", p), 0);	/* does not fit */
	CHECK_EQ(strftime(small, sizeof(small), "%Y-%m", p), 7);
	CHECK_STR(small, "1970-01");
	CHECK_EQ(strftime(small, sizeof(small), "%Z", p), 3);
	CHECK_STR(small, "UTC");
	CHECK_EQ(strftime(small, sizeof(small), "%Q%", p), 3);		/* unknown, lone % */
	CHECK_STR(small, "%Q%");
	CHECK_EQ(strftime(small, 0, "x", p), 0);
}

static void
fixed_forms(void)
{
	time_t t = 1700000000;
	char buf[26];
	struct tm tm;

	CHECK_STR(asctime(gmtime(&t)), "Tue Nov 14 22:13:20 2023\n");
	CHECK_STR(ctime(&t), "Tue Nov 14 22:13:20 2023\n");
	CHECK_STR(ctime_r(&t, buf), "Tue Nov 14 22:13:20 2023\n");
	CHECK(localtime_r(&t, &tm) == &tm);
	CHECK_EQ(tm.tm_hour, 22);
	CHECK_STR(asctime_r(&tm, buf), "Tue Nov 14 22:13:20 2023\n");
	CHECK(localtime(&t)->tm_min == 13);
	CHECK(difftime(10, 4) == 6.0);
	CHECK(difftime(0, 1700000000) == -1700000000.0);
}

static void
clocks(void)
{
	struct timespec a, b, m1, m2;
	struct timeval tv;
	time_t t, t2;
	clock_t c;

	t = time(&t2);
	CHECK(t > 1600000000);			/* after September 2020 */
	CHECK_EQ(t, t2);
	CHECK_EQ(clock_gettime(CLOCK_REALTIME, &a), 0);
	CHECK(a.tv_sec >= t && a.tv_sec < t + 10);
	CHECK(a.tv_nsec >= 0 && a.tv_nsec < 1000000000);
	CHECK_EQ(gettimeofday(&tv, NULL), 0);
	CHECK(tv.tv_sec >= a.tv_sec && tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	CHECK_EQ(timespec_get(&b, TIME_UTC), TIME_UTC);
	CHECK(b.tv_sec >= a.tv_sec);
	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &m1), 0);
	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &m2), 0);
	CHECK(m2.tv_sec > m1.tv_sec || (m2.tv_sec == m1.tv_sec && m2.tv_nsec >= m1.tv_nsec));
	errno = 0;
	CHECK_EQ(clock_gettime(99, &a), -1);
	CHECK_EQ(errno, EINVAL);
	c = clock();
	CHECK(c != (clock_t)-1 && c >= 0);
}

int
main(void)
{
	known_times();
	normalizing();
	limits();
	fixed_forms();
	clocks();
	return test_passed();
}
