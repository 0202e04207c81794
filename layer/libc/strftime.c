/*
 * strftime: format broken-down time, "C" locale, UTC.
 *
 * Conversions: %a %A %b %B %c %C %d %D %e %F %g %G %h %H %I %j %k %l %m %M
 * %n %p %P %r %R %s %S %t %T %u %U %V %w %W %x %X %y %Y %z %Z %%; the E and
 * O modifiers are accepted and ignored, as the "C" locale allows.  %z is
 * always +0000 and %Z the struct's tm_zone, or "UTC".  An unknown
 * conversion is copied as written.  Returns the length written without the
 * NUL, or 0 (contents unspecified) when the result does not fit in MAX.
 */
#include <stdint.h>
#include <string.h>

#include "time_impl.h"

static const char *const day_names[7] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

struct out {
	char	*s;
	size_t	len;
	size_t	max;
	int	full;		/* something did not fit */
};

static void
put(struct out *o, const char *s, size_t n)
{
	if (o->len + n >= o->max) {
		o->full = 1;
		return;
	}
	memcpy(o->s + o->len, s, n);
	o->len += n;
}

static void
put_str(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

/* V in decimal, at least WIDTH digits, padded with PAD ('0' or ' '). */
static void
put_num(struct out *o, int64_t v, int width, char pad)
{
	char buf[24], *p = buf + sizeof(buf);
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
	int n = 0;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
		n++;
	} while (u != 0);
	for (; n < width; n++)
		*--p = pad;
	if (v < 0)
		*--p = '-';
	put(o, p, (size_t)(buf + sizeof(buf) - p));
}

/* The ISO 8601 week number of TM (1-53) and the year it belongs to. */
static int
iso_week(const struct tm *tm, int64_t *iso_year)
{
	int64_t year = (int64_t)tm->tm_year + 1900;
	int wd = (tm->tm_wday + 6) % 7;			/* Monday = 0 */
	int week = (tm->tm_yday - wd + 10) / 7;
	int jan1 = (int)__vk_floor_mod(wd - tm->tm_yday, 7);	/* weekday of Jan 1 */
	int prev_jan1, weeks;

	*iso_year = year;
	if (week < 1) {
		prev_jan1 = (int)__vk_floor_mod(jan1 - (__vk_is_leap(year - 1) ? 366 : 365), 7);
		*iso_year = year - 1;
		return prev_jan1 == 3 || (prev_jan1 == 2 && __vk_is_leap(year - 1)) ? 53 : 52;
	}
	weeks = jan1 == 3 || (jan1 == 2 && __vk_is_leap(year)) ? 53 : 52;
	if (week > weeks) {
		*iso_year = year + 1;
		return 1;
	}
	return week;
}

static void format(struct out *o, const char *fmt, const struct tm *tm);

/* One conversion letter C. */
static void
convert(struct out *o, char c, const struct tm *tm)
{
	int64_t year = (int64_t)tm->tm_year + 1900, iso_year;
	int hour12 = tm->tm_hour % 12 == 0 ? 12 : tm->tm_hour % 12;
	struct tm copy;

	switch (c) {
	case 'a': put(o, day_names[tm->tm_wday % 7], 3); break;
	case 'A': put_str(o, day_names[tm->tm_wday % 7]); break;
	case 'b':
	case 'h': put(o, month_names[tm->tm_mon % 12], 3); break;
	case 'B': put_str(o, month_names[tm->tm_mon % 12]); break;
	case 'c': format(o, "%a %b %e %H:%M:%S %Y", tm); break;
	case 'C': put_num(o, __vk_floor_div(year, 100), 1, '0'); break;
	case 'd': put_num(o, tm->tm_mday, 2, '0'); break;
	case 'D': format(o, "%m/%d/%y", tm); break;
	case 'e': put_num(o, tm->tm_mday, 2, ' '); break;
	case 'F': format(o, "%Y-%m-%d", tm); break;
	case 'g': iso_week(tm, &iso_year); put_num(o, __vk_floor_mod(iso_year, 100), 2, '0'); break;
	case 'G': iso_week(tm, &iso_year); put_num(o, iso_year, 1, '0'); break;
	case 'H': put_num(o, tm->tm_hour, 2, '0'); break;
	case 'I': put_num(o, hour12, 2, '0'); break;
	case 'j': put_num(o, tm->tm_yday + 1, 3, '0'); break;
	case 'k': put_num(o, tm->tm_hour, 2, ' '); break;
	case 'l': put_num(o, hour12, 2, ' '); break;
	case 'm': put_num(o, tm->tm_mon + 1, 2, '0'); break;
	case 'M': put_num(o, tm->tm_min, 2, '0'); break;
	case 'n': put(o, "\n", 1); break;
	case 'p': put_str(o, tm->tm_hour < 12 ? "AM" : "PM"); break;
	case 'P': put_str(o, tm->tm_hour < 12 ? "am" : "pm"); break;
	case 'r': format(o, "%I:%M:%S %p", tm); break;
	case 'R': format(o, "%H:%M", tm); break;
	case 's': copy = *tm; put_num(o, timegm(&copy), 1, '0'); break;
	case 'S': put_num(o, tm->tm_sec, 2, '0'); break;
	case 't': put(o, "\t", 1); break;
	case 'T': format(o, "%H:%M:%S", tm); break;
	case 'u': put_num(o, tm->tm_wday == 0 ? 7 : tm->tm_wday, 1, '0'); break;
	case 'U': put_num(o, (tm->tm_yday + 7 - tm->tm_wday) / 7, 2, '0'); break;
	case 'V': put_num(o, iso_week(tm, &iso_year), 2, '0'); break;
	case 'w': put_num(o, tm->tm_wday, 1, '0'); break;
	case 'W': put_num(o, (tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7, 2, '0'); break;
	case 'x': format(o, "%m/%d/%y", tm); break;
	case 'X': format(o, "%H:%M:%S", tm); break;
	case 'y': put_num(o, __vk_floor_mod(year, 100), 2, '0'); break;
	case 'Y': put_num(o, year, 1, '0'); break;
	case 'z': put(o, "+0000", 5); break;
	case 'Z': put_str(o, tm->tm_zone != NULL ? tm->tm_zone : "UTC"); break;
	case '%': put(o, "%", 1); break;
	default: put(o, "%", 1); put(o, &c, 1); break;
	}
}

static void
format(struct out *o, const char *fmt, const struct tm *tm)
{
	const char *p;

	for (p = fmt; *p != '\0'; p++) {
		if (*p != '%') {
			put(o, p, 1);
			continue;
		}
		p++;
		if (*p == 'E' || *p == 'O')
			p++;
		if (*p == '\0') {
			put(o, "%", 1);
			return;
		}
		convert(o, *p, tm);
	}
}

size_t
strftime(char *s, size_t max, const char *fmt, const struct tm *tm)
{
	struct out o = { s, 0, max, 0 };

	if (max == 0)
		return 0;
	format(&o, fmt, tm);
	if (o.full)
		return 0;
	s[o.len] = '\0';
	return o.len;
}
