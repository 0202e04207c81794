/*
 * layer/lx_sigsend.c: the Linux calls that send signals: kill, tkill,
 * tgkill, rt_sigqueueinfo and rt_tgsigqueueinfo.  The kernel finds the
 * targets and delivers (command 90, kill, or 136, sigqueue, which carries
 * the sender's si_code and si_value); a signal the process sends itself
 * is taken at once when its own request would only hand it back
 * (lx_signal.c files it).  One process is one thread, so a thread id is
 * the pid.  docs/linux-signals.md, "Sending".
 */
#include "layer/lx_signal.h"

/*
 * A signal this process sends itself (CODE and VALUE its information).
 * When the kernel would only hand it straight back through the live
 * request (the signal is caught, ignored or blocked: in the request's set),
 * it is taken here at once, with the same information, which saves the
 * kernel's answer and an upcall; the call's exit path delivers it.
 * Anything else (the default action, a real-time signal the kernel holds
 * while our queue is full) goes to the kernel.
 */
static int32_t
send_self(int32_t s, int32_t code, int32_t value)
{
	struct lx_sinfo si = { .signo = s, .code = code, .value = value };
	int32_t me = lx_sig_self();

	if (!lx_sig_taken(s))
		return code == VK_SI_USER ? lx_sig_kill_msg(me, s) : lx_sig_queue_msg(me, s, code, value);
	si.pid = me;
	si.uid = (int32_t)ly_shared()->sh_uid;
	lx_sig_arrive(&si);
	return 0;
}

/*
 * kill, tkill, tgkill: the kernel finds the targets and delivers (to a
 * process that takes the signal, through its live request; otherwise the
 * default action).  One process is one thread, so a thread id is the pid.
 */
LX_DECL(kill)
{
	(void)a3; (void)a4; (void)a5; (void)a6;
	if ((int32_t)a1 == lx_sig_self())
		return send_self((int32_t)a2, VK_SI_USER, 0);
	return lx_sig_kill_msg((int32_t)a1, (int32_t)a2);
}

LX_DECL(tkill)
{
	(void)a3; (void)a4; (void)a5; (void)a6;
	if ((int32_t)a1 <= 0)
		return -VK_EINVAL;
	if ((int32_t)a1 == lx_sig_self())
		return send_self((int32_t)a2, VK_SI_TKILL, 0);
	return lx_sig_kill_msg((int32_t)a1, (int32_t)a2);
}

LX_DECL(tgkill)
{
	(void)a4; (void)a5; (void)a6;
	if ((int32_t)a1 <= 0 || (int32_t)a2 <= 0)
		return -VK_EINVAL;
	if (a1 != a2)
		return -VK_ESRCH;
	if ((int32_t)a2 == lx_sig_self())
		return send_self((int32_t)a3, VK_SI_TKILL, 0);
	return lx_sig_kill_msg((int32_t)a2, (int32_t)a3);
}

/*
 * rt_sigqueueinfo(tgid, sig, info) and rt_tgsigqueueinfo(tgid, tid, sig,
 * info): S with the caller's si_code and si_value (Linux's siginfo_t INFO:
 * si_code at 8, si_value at 20).  The sender's pid and uid are the true
 * ones, whatever INFO says.  Only the process itself may use a code of 0
 * or above, or SI_TKILL (EPERM), as Linux rules.
 */
static int32_t
sigqueueinfo(int32_t tgid, int32_t pid, int32_t s, uint32_t uinfo)
{
	const int32_t *info = (const int32_t *)uinfo;
	int32_t code = info[2], value = info[5];

	if (pid != lx_sig_self() && (code >= 0 || code == VK_SI_TKILL))
		return -VK_EPERM;
	if (tgid != pid)
		return -VK_ESRCH;	/* one thread per process */
	if (pid == lx_sig_self())
		return send_self(s, code, value);
	return lx_sig_queue_msg(pid, s, code, value);
}

LX_DECL(rt_sigqueueinfo)
{
	(void)a4; (void)a5; (void)a6;
	return sigqueueinfo((int32_t)a1, (int32_t)a1, (int32_t)a2, a3);
}

LX_DECL(rt_tgsigqueueinfo)
{
	(void)a5; (void)a6;
	if ((int32_t)a1 <= 0 || (int32_t)a2 <= 0)
		return -VK_EINVAL;
	return sigqueueinfo((int32_t)a1, (int32_t)a2, (int32_t)a3, a4);
}
