/*
 * layer/ly_time.c: clock_gettime, gettimeofday and time, served in the layer
 * the way a vDSO serves them: read the TSC (Unicorn passes the host's
 * through) and convert the ticks since the kernel's last published base with
 * the published mult/shift.  Clocks the
 * shared page does not carry (CPU time) become a clock_gettime message.
 */
#include "layer/ly.h"

static inline uint64_t
rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/* (delta * mult) >> shift without a 96-bit type; shift <= 32. */
static uint64_t
scale(uint64_t delta, uint32_t mult, uint32_t shift)
{
	uint64_t lo = (uint64_t)(uint32_t)delta * mult;
	uint64_t hi = (uint64_t)(uint32_t)(delta >> 32) * mult;

	return (hi << (32 - shift)) + (lo >> shift);
}

/* BASE + NS, normalised.  NS is almost always below a second or two (the
 * kernel republishes the base on every trap after ~1 ms), so the 64-bit
 * division, costly on i386, is taken only for long stretches without traps. */
static void
add_ns(struct timespec *ts, int64_t sec, uint32_t nsec, uint64_t ns)
{
	if (ns >= 4000000000u) {
		sec += (int64_t)(ns / 1000000000u);
		ns %= 1000000000u;
	}
	nsec += (uint32_t)ns;
	while (nsec >= 1000000000u) {
		nsec -= 1000000000u;
		sec++;
	}
	ts->tv_sec = sec;
	ts->tv_nsec = (long)nsec;
	ts->__pad = 0;
}

/* The rare path: over ~1.5 s of ticks since the kernel's last update. */
static __attribute__((noinline)) void
slow_now(const struct vk_shared *sh, uint64_t d, int realtime, struct timespec *ts)
{
	add_ns(ts, realtime ? sh->sh_real_sec : sh->sh_mono_sec,
	    realtime ? sh->sh_real_nsec : sh->sh_mono_nsec, scale(d, sh->sh_mult, sh->sh_shift));
}

/*
 * CLOCK_MONOTONIC or CLOCK_REALTIME from the shared page.  The usual case is
 * kept to 32-bit arithmetic and one multiply: every emulated instruction
 * counts here (it is what makes the call cheaper than a trap).  The kernel
 * updates the page only while this process is stopped in the gate, so a
 * reading is never torn, and it never moves the monotonic line backwards
 * (shared.c), so no retry loop or clamp is needed here.
 */
static void
now(int realtime, struct timespec *ts)
{
	const struct vk_shared *sh = ly_shared();
	uint32_t lo, hi, d, nsec, ns;
	int64_t sec;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	d = lo - (uint32_t)sh->sh_tsc_base;
	if (hi - (uint32_t)(sh->sh_tsc_base >> 32) - (lo < (uint32_t)sh->sh_tsc_base) != 0 ||
	    sh->sh_shift != 32) {
		slow_now(sh, ((uint64_t)hi << 32 | lo) - sh->sh_tsc_base, realtime, ts);
		return;
	}
	__asm__("mull %2" : "=d"(ns), "=a"(lo) : "rm"(sh->sh_mult), "a"(d));
	sec = realtime ? sh->sh_real_sec : sh->sh_mono_sec;
	nsec = (realtime ? sh->sh_real_nsec : sh->sh_mono_nsec) + ns;
	while (nsec >= 1000000000u) {
		nsec -= 1000000000u;
		sec++;
	}
	ts->tv_sec = sec;
	ts->tv_nsec = (long)nsec;
	ts->__pad = 0;
}

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
	now(clk == VK_CLOCK_REALTIME, ts);
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
		now(1, &ts);
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
	now(1, &ts);
	if (t != 0)
		*t = ts.tv_sec;
	return ts.tv_sec;
}
