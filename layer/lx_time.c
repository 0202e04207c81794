/*
 * layer/lx_time.c: Linux's clock calls, served from the shared page like the
 * native ones (no trap) for CLOCK_REALTIME and CLOCK_MONOTONIC (and their
 * COARSE/RAW/BOOTTIME relatives); other clocks become a message.  Linux i386
 * has 32-bit time_t structs (clock_gettime, gettimeofday, time) and the
 * 64-bit clock_gettime64.
 */
#include "layer/lx.h"

/* 0: REALTIME-like, 1: MONOTONIC-like, -1: ask the kernel. */
static int
kind(uint32_t clk)
{
	switch (clk) {
	case 0: case 5: return 0;		/* REALTIME, REALTIME_COARSE */
	case 1: case 4: case 6: case 7: return 1;	/* MONOTONIC, _RAW, _COARSE, BOOTTIME */
	default: return -1;
	}
}

static int32_t
read_clock(uint32_t clk, int64_t *sec, uint32_t *nsec)
{
	struct vk_msg_clock_gettime m;
	int k = kind(clk);
	int64_t r;

	if (k >= 0) {
		ly_clock_read(k == 0, sec, nsec);
		return 0;
	}
	ly_hdr(&m.hdr, VK_SYS_clock_gettime, sizeof(m));
	m.clock = (int32_t)clk;
	if ((r = lx_call(&m.hdr)) < 0)
		return (int32_t)r;
	*sec = m.sec;
	*nsec = (uint32_t)m.nsec;
	return 0;
}

LX_DECL(clock_gettime)
{
	int32_t *ts = (int32_t *)a2;
	int64_t sec;
	uint32_t nsec;
	int32_t r;

	(void)a3; (void)a4; (void)a5; (void)a6;
	if ((r = read_clock(a1, &sec, &nsec)) != 0)
		return r;
	if (sec > 0x7fffffff)
		return -VK_EOVERFLOW;
	ts[0] = (int32_t)sec;
	ts[1] = (int32_t)nsec;
	return 0;
}

LX_DECL(clock_gettime64)
{
	int64_t *ts = (int64_t *)a2;
	int64_t sec;
	uint32_t nsec;
	int32_t r;

	(void)a3; (void)a4; (void)a5; (void)a6;
	if ((r = read_clock(a1, &sec, &nsec)) != 0)
		return r;
	ts[0] = sec;
	ts[1] = nsec;
	return 0;
}

LX_DECL(gettimeofday)
{
	int32_t *tv = (int32_t *)a1;
	int64_t sec;
	uint32_t nsec;

	(void)a3; (void)a4; (void)a5; (void)a6;
	if (tv != 0) {
		ly_clock_read(1, &sec, &nsec);
		tv[0] = (int32_t)sec;
		tv[1] = (int32_t)(nsec / 1000);
	}
	if (a2 != 0)
		((int32_t *)a2)[0] = ((int32_t *)a2)[1] = 0;	/* UTC, no DST */
	return 0;
}

LX_DECL(time)
{
	int64_t sec;
	uint32_t nsec;

	(void)a2; (void)a3; (void)a4; (void)a5; (void)a6;
	ly_clock_read(1, &sec, &nsec);
	if (a1 != 0)
		*(int32_t *)a1 = (int32_t)sec;
	return (int32_t)sec;
}
