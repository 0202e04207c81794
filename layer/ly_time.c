/*
 * layer/ly_time.c: the native slots clock_gettime, gettimeofday and time,
 * served in the layer from the shared page (ly_clock.c).  Clocks the
 * shared page does not carry (CPU time) become a clock_gettime message.
 */
#include "layer/ly.h"

static int
by_message(int32_t clk, struct timespec *ts)
{
	struct vk_msg_clock_gettime m;

	ly_hdr(&m.hdr, VK_SYS_clock_gettime, sizeof(m));
	m.clock = clk;
	if (ly_call(&m.hdr) < 0)
		return -1;
	ts->tv_sec = m.sec;
	ts->tv_nsec = m.nsec;
	ts->__pad = 0;
	return 0;
}

int
ly_clock_gettime(int32_t clk, struct timespec *ts)
{
	if (clk != VK_CLOCK_REALTIME && clk != VK_CLOCK_MONOTONIC)
		return by_message(clk, ts);
	ly_counts[LY_SLOT_clock_gettime]++;
	ly_now(clk == VK_CLOCK_REALTIME, ts);
	return 0;
}

int
ly_gettimeofday(struct timeval *tv, void *tz)
{
	struct timespec ts;

	ly_counts[LY_SLOT_gettimeofday]++;
	if (tz != 0) {
		ly_set_errno(VK_EINVAL);	/* there are no time zones */
		return -1;
	}
	if (tv != 0) {
		ly_now(1, &ts);
		tv->tv_sec = ts.tv_sec;
		tv->tv_usec = ts.tv_nsec / 1000;
		tv->__pad = 0;
	}
	return 0;
}

time_t
ly_time(time_t *t)
{
	struct timespec ts;

	ly_counts[LY_SLOT_time]++;
	ly_now(1, &ts);
	if (t != 0)
		*t = ts.tv_sec;
	return ts.tv_sec;
}
