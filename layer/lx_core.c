/*
 * layer/lx_core.c: the personality's dispatcher and its way into the kernel.
 * lx_dispatch is what both entries call; lx_call is ly_call without errno.
 * Every call ends through lx_sig_leave, which delivers waiting signals
 * Linux-style before the program sees the result (lx_signal.c).
 */
#include "layer/lx.h"

int64_t
lx_call(struct vk_msghdr *m)
{
	uint32_t err;

	__asm__ volatile("int $0x81"
	    : "=a"(err)
	    : "a"(0), "c"(m), "d"(m->ms_size)
	    : "memory");
	return err != 0 ? -(int64_t)err : m->ms_result;
}

/* With --trace, report the call (PHASE 0: entering, 1: done; +2: AT_SYSINFO). */
static void
report(uint32_t nr, uint32_t phase, const uint32_t *args, int32_t result)
{
	struct vk_msg_lxtrace m;

	ly_hdr(&m.hdr, VK_SYS_lxtrace, sizeof(m));
	m.nr = nr;
	m.phase = phase;
	m.args = (uint32_t)args;
	m.result = result;
	lx_call(&m.hdr);
}

/* FRAME: ebx ecx edx esi edi ebp flags origin return-address (lx_entry.S). */
int32_t lx_dispatch(uint32_t nr, const uint32_t *frame);
extern const uint32_t *volatile lx_cur_frame;

int32_t
lx_dispatch(uint32_t nr, const uint32_t *frame)
{
	lx_fn f = nr < LX_NCALLS ? lx_table[nr] : 0;
	uint32_t origin = frame[7] ? 2 : 0;
	int trace = ly_shared()->sh_trace != 0;
	int32_t r;

	lx_busy = 1;
	lx_sig_begin();
	if (trace)
		report(nr, origin, frame, 0);
	lx_cur_frame = frame;
	do
		r = f != 0 ? f(frame[0], frame[1], frame[2], frame[3], frame[4], frame[5]) : -VK_ENOSYS;
	while (r == -VK_EINTR && lx_sig_quiet_restart(nr, r));
	lx_cur_frame = 0;
	if (trace)
		report(nr, origin | 1, frame, r);
	return lx_sig_leave(nr, frame, r);
}
