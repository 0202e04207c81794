/*
 * layer/lx_proc.c: Linux calls about the process: identity from the shared
 * page (no trap), and the bookkeeping calls a C library makes at start-up.
 * Signal dispositions and the mask are recorded here so that a program reads
 * back what it set; delivery is the signals issue's work.
 */
#include "layer/lx.h"

#define NSIG_LINUX	64

static uint32_t sigmask[2];			/* the blocked set */
static uint32_t sigact[NSIG_LINUX + 1][4];	/* handler, flags, restorer, mask (first word) */

LX_DECL(getpid)		{ (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return (int32_t)ly_shared()->sh_pid; }
LX_DECL(gettid)		{ (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return (int32_t)ly_shared()->sh_pid; }
LX_DECL(getppid)	{ (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return (int32_t)ly_shared()->sh_ppid; }
LX_DECL(getuid32)	{ (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return (int32_t)ly_shared()->sh_uid; }
LX_DECL(geteuid32)	{ (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return (int32_t)ly_shared()->sh_euid; }
LX_DECL(getgid32)	{ (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return (int32_t)ly_shared()->sh_gid; }
LX_DECL(getegid32)	{ (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return (int32_t)ly_shared()->sh_egid; }

/* The 16-bit uid calls: ids above 65535 show as the overflow id, as on Linux. */
static int32_t
id16(uint32_t id)
{
	return id > 65535 ? 65534 : (int32_t)id;
}

LX_DECL(getuid)		{ (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return id16(ly_shared()->sh_uid); }
LX_DECL(geteuid)	{ (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return id16(ly_shared()->sh_euid); }
LX_DECL(getgid)		{ (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return id16(ly_shared()->sh_gid); }
LX_DECL(getegid)	{ (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return id16(ly_shared()->sh_egid); }

/* set_tid_address: no threads yet, so nothing will ever clear *tidptr; the tid is the pid. */
LX_DECL(set_tid_address)
{
	(void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6;
	return (int32_t)ly_shared()->sh_pid;
}

/* set_robust_list: single-threaded, so the list is never walked; Linux checks the length. */
LX_DECL(set_robust_list)
{
	(void)a1; (void)a3; (void)a4; (void)a5; (void)a6;
	return a2 == 12 ? 0 : -VK_EINVAL;
}

LX_DECL(rt_sigaction)
{
	int sig = (int)a1;
	uint32_t *act = (uint32_t *)a2, *oact = (uint32_t *)a3;

	(void)a5; (void)a6;
	if (sig < 1 || sig > NSIG_LINUX || a4 != 8)
		return -VK_EINVAL;
	if ((sig == 9 || sig == 19) && act != 0)
		return -VK_EINVAL;	/* SIGKILL and SIGSTOP cannot be caught */
	if (oact != 0) {
		oact[0] = sigact[sig][0];
		oact[1] = sigact[sig][1];
		oact[2] = sigact[sig][2];
		oact[3] = sigact[sig][3];
		oact[4] = 0;
	}
	if (act != 0) {
		sigact[sig][0] = act[0];
		sigact[sig][1] = act[1];
		sigact[sig][2] = act[2];
		sigact[sig][3] = act[3];
	}
	return 0;
}

LX_DECL(rt_sigprocmask)
{
	const uint32_t *set = (const uint32_t *)a2;
	uint32_t *oset = (uint32_t *)a3;
	uint32_t w0, w1;

	(void)a5; (void)a6;
	if (a4 != 8)
		return -VK_EINVAL;
	if (oset != 0) {
		oset[0] = sigmask[0];
		oset[1] = sigmask[1];
	}
	if (set == 0)
		return 0;
	w0 = set[0] & ~((1u << 8) | (1u << 18));	/* SIGKILL and SIGSTOP stay unblocked */
	w1 = set[1];
	switch (a1) {
	case 0: sigmask[0] |= w0; sigmask[1] |= w1; break;	/* SIG_BLOCK */
	case 1: sigmask[0] &= ~w0; sigmask[1] &= ~w1; break;	/* SIG_UNBLOCK */
	case 2: sigmask[0] = w0; sigmask[1] = w1; break;	/* SIG_SETMASK */
	default: return -VK_EINVAL;
	}
	return 0;
}
