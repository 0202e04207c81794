/*
 * vkernel/shared.c: the shared page of a native process (seed 000): identity
 * and time the layer reads without trapping.  Time is published as a base
 * (TSC, CLOCK_MONOTONIC) and a TSC-to-ns rate, which the kernel measures
 * against the host clock from the moment vkrun started and refines at every
 * refresh; between refreshes the layer interpolates with the TSC.  Updates
 * happen only while the process is stopped in the gate, so the guest never
 * sees a half-written page (sh_seq is kept for writers that may come later),
 * and the monotonic line never restarts below what the guest could already
 * have read.
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "vkernel/kernel.h"

static int64_t
clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void
vk_clock_init(struct vk_kernel *k)
{
	k->tsc0 = vk_rdtsc();
	k->mono0 = clock_ns(CLOCK_MONOTONIC);
}

/* mult/shift so that ns = ticks * mult >> shift, from the longest baseline we have. */
static void
rate(const struct vk_kernel *k, uint64_t tsc, int64_t mono, uint32_t *mult, uint32_t *shift)
{
	uint64_t dt = tsc - k->tsc0, dn = (uint64_t)(mono - k->mono0);
	unsigned __int128 m;
	uint32_t s = 32;

	if (dt == 0 || dn == 0) {
		*mult = 1u << 31;		/* 0.5 ns per tick until measured */
		*shift = 32;
		return;
	}
	for (;;) {
		m = ((unsigned __int128)dn << s) / dt;
		if (m <= UINT32_MAX || s == 0)
			break;
		s--;
	}
	*mult = (uint32_t)m;
	*shift = s;
}

/* What the layer computes for CLOCK_MONOTONIC at TSC with the page as it is. */
static int64_t
layer_mono(const struct vk_shared *sh, uint64_t tsc)
{
	unsigned __int128 d = (unsigned __int128)(tsc - sh->sh_tsc_base) * sh->sh_mult;

	return sh->sh_mono_sec * 1000000000 + sh->sh_mono_nsec + (int64_t)(d >> sh->sh_shift);
}

void
vk_shared_refresh(struct vk_proc *p)
{
	struct vk_shared *sh = p->shared;
	struct timespec real;
	uint64_t tsc;
	int64_t mono;

	if (sh == NULL)
		return;
	mono = clock_ns(CLOCK_MONOTONIC);
	tsc = vk_rdtsc();
	clock_gettime(CLOCK_REALTIME, &real);
	/* The layer interpolated with the old rate until now: never restart the
	 * monotonic line below where that left the guest. */
	if (sh->sh_mult != 0 && layer_mono(sh, tsc) > mono)
		mono = layer_mono(sh, tsc);
	sh->sh_seq++;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	sh->sh_tsc_base = tsc;
	sh->sh_mono_sec = mono / 1000000000;
	sh->sh_mono_nsec = (uint32_t)(mono % 1000000000);
	sh->sh_real_sec = real.tv_sec;
	sh->sh_real_nsec = (uint32_t)real.tv_nsec;
	rate(p->k, tsc, mono, &sh->sh_mult, &sh->sh_shift);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	sh->sh_seq++;
	p->shared_tsc = tsc;
}

void
vk_shared_init(struct vk_proc *p, struct vk_shared *sh)
{
	const struct vk_options *o = &p->k->opt;

	memset(sh, 0, sizeof(*sh));
	sh->sh_version = VK_SHARED_VERSION;
	sh->sh_pid = (uint32_t)p->pid;
	sh->sh_ppid = (uint32_t)p->ppid;
	sh->sh_uid = o->uid;
	sh->sh_euid = o->euid;
	sh->sh_gid = o->gid;
	sh->sh_egid = o->egid;
	p->shared = sh;
	vk_shared_refresh(p);
}

void
vk_shared_tick(struct vk_proc *p)
{
	/* Every trap costs one compare; the clock is re-read at most every ~1 ms. */
	if (p->shared != NULL && vk_rdtsc() - p->shared_tsc > VK_SHARED_REFRESH_TICKS)
		vk_shared_refresh(p);
}
