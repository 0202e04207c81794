/*
 * layer/ly_clock.c: CLOCK_REALTIME and CLOCK_MONOTONIC without a trap, the
 * way a vDSO serves them: read the TSC (Unicorn passes the host's through)
 * and convert the ticks since the kernel's last published base (shared
 * page) with the published mult/shift.  Used by the native slots and the
 * Linux personality alike.
 */
#include "layer/ly.h"

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
void
ly_now(int realtime, struct timespec *ts)
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

void
ly_clock_read(int realtime, int64_t *sec, uint32_t *nsec)
{
	struct timespec ts;

	ly_now(realtime, &ts);
	*sec = ts.tv_sec;
	*nsec = (uint32_t)ts.tv_nsec;
}

