/*
 * calendar.c: Gregorian calendar arithmetic for the time functions (see
 * time_impl.h).  Leap years are counted with the 4/100/400 rule, so any
 * year that fits an int64 works, including years before 1 (year 0 is 1 BC,
 * a leap year).
 */
#include "time_impl.h"

int64_t
__vk_floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && a < 0) ? q - 1 : q;
}

int64_t
__vk_floor_mod(int64_t a, int64_t b)
{
	return a - __vk_floor_div(a, b) * b;
}

int
__vk_is_leap(int64_t y)
{
	return __vk_floor_mod(y, 4) == 0 && (__vk_floor_mod(y, 100) != 0 || __vk_floor_mod(y, 400) == 0);
}

/* Leap years from year 1 to year Y - 1 (negative for Y < 1). */
static int64_t
leaps_before(int64_t y)
{
	y -= 1;
	return __vk_floor_div(y, 4) - __vk_floor_div(y, 100) + __vk_floor_div(y, 400);
}

int64_t
__vk_days_to_year(int64_t y)
{
	return 365 * (y - 1970) + leaps_before(y) - leaps_before(1970);
}

int
__vk_days_before_month(int m, int leap)
{
	static const short before[12] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };

	return before[m] + (leap && m >= 2);
}
