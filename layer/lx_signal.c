/*
 * layer/lx_signal.c: POSIX signals for Linux programs, built in the
 * personality on the kernel's live signal messages and upcalls (seed 004;
 * docs/linux-signals.md has the design).  The kernel knows nothing of Linux
 * signal semantics: it answers one live sigreq for the signals this process
 * handles, ignores or blocks, and upcalls lx_upcall on the personality's
 * private stack.  Everything else is here:
 *
 *   - dispositions (rt_sigaction), the mask, pending signals, sigaltstack;
 *   - the dispatcher: it takes the answers off the port and either builds
 *     a Linux signal frame on the interrupted program at once, or, when the
 *     program is in the middle of a Linux call, leaves the signal pending
 *     for the call's exit path (lx_sig_leave), which restarts the call
 *     (SA_RESTART) or returns EINTR;
 *   - resuming a context the personality holds (after a call's signals,
 *     or a sigreturn), in user mode;
 *   - rt_sigpending, rt_sigsuspend, pause, rt_sigtimedwait.
 * Signals with the default action that are not blocked stay out of the
 * kernel's set, so the kernel applies the default action itself.  Linux's
 * frames, sigreturn and sigaltstack are lx_sigframe.c's; kill and the
 * other sending calls lx_sigsend.c's.
 */
#include "layer/lx_signal.h"

#define NSIG_L		64
#define BIT(s)		(1ull << ((s) - 1))
#define UNBLOCKABLE	(BIT(VK_SIGKILL) | BIT(VK_SIGSTOP))

#define SIG_DFL_L	0u
#define SIG_IGN_L	1u

#define RT_SIGS		(~0ull << (VK_SIGRTMIN - 1))	/* 32..64 */
#define RTQ_LIMIT	64		/* queued real-time signals (RLIMIT_SIGPENDING) */
#define RTQ_SIZE	(RTQ_LIMIT + NSIG_L - VK_SIGRTMIN + 1)

#define PORT_RING	64
#define UPSTACK_SIZE	32768

/* The live sigreq and the upcall port its answers (and the timers') land on. */
struct lx_port {
	struct vk_portabi h;
	uint32_t	ring[PORT_RING];
};

static struct {
	struct lx_sigaction act[NSIG_L + 1];
	uint64_t	blocked;
	uint64_t	pending;		/* taken, not yet delivered */
	struct lx_sinfo	info[NSIG_L + 1];	/* of each pending standard signal */
	uint64_t	saved;			/* sigsuspend: the mask the frame restores */
	int		have_saved;
	int		sync;			/* a fault's signal: delivered first */
	uint64_t	reqset;			/* the live sigreq's set (0: none in flight) */
	uint64_t	handled;		/* signals whose disposition is not SIG_DFL */
	int		intr;			/* the current call was interrupted (EINTR) */
} sig;

/*
 * Real-time signals queue, each instance with its information, in the
 * order they came: up to RTQ_LIMIT, and then one more of each signal that
 * has none queued.  While the queue is that full, the kernel keeps the
 * real-time signals we already have queued (they are out of the request's
 * set and in its sigblock set, see held_by_kernel), so none is lost on the
 * way and a sigqueue that finds the kernel's queue full too is EAGAIN.
 */
static struct lx_sinfo rtq[RTQ_SIZE];
static int nrtq;
static uint64_t kheld;			/* the kernel's sigblock set, as we last set it */
static int handover;			/* execve: the kernel holds our signals now */

static _Alignas(8) struct vk_msg_sigreq sigreq;
static _Alignas(64) struct lx_port port;
static _Alignas(16) struct vk_upctl ctl;
static _Alignas(16) uint8_t upstack[UPSTACK_SIZE];
static int armed;				/* port and control block registered */

/* Nonzero while a Linux call is being served (lx_core.c sets and clears it):
 * a signal that comes then waits for the call's exit path. */
volatile uint32_t lx_busy;
/* Nonzero when the exit path has signals to deliver (pending & ~blocked). */
volatile uint32_t lx_sigwork;

/* The saved frame of the Linux call in progress (lx_entry.S). */
extern const uint32_t *volatile lx_cur_frame;

extern void lx_vsyscall(void);

static int32_t
msg(struct vk_msghdr *m)
{
	return (int32_t)lx_call(m);
}

int32_t
lx_sig_kill_msg(int32_t pid, int32_t s)
{
	struct vk_msg_kill m;

	ly_hdr(&m.hdr, VK_SYS_kill, sizeof(m));
	m.pid = pid;
	m.sig = s;
	m.how = 0;
	return msg(&m.hdr);
}

int32_t
lx_sig_queue_msg(int32_t pid, int32_t s, int32_t code, int32_t value)
{
	struct vk_msg_sigqueue m;

	ly_hdr(&m.hdr, VK_SYS_sigqueue, sizeof(m));
	m.pid = pid;
	m.sig = s;
	m.code = code;
	m.value = value;
	return msg(&m.hdr);
}

int32_t
lx_sig_self(void)
{
	return (int32_t)ly_shared()->sh_pid;
}

int
lx_sig_taken(int s)
{
	return s >= 1 && s <= NSIG_L && (sig.reqset & BIT(s)) != 0;
}

static uint64_t
mask_of(const uint32_t w[2])
{
	return (w[0] | (uint64_t)w[1] << 32) & ~UNBLOCKABLE;
}

/* Ignored by default (the kernel discards them too). */
static int
dfl_ignores(int s)
{
	return s == VK_SIGCHLD || s == VK_SIGCONT || s == VK_SIGURG || s == VK_SIGWINCH;
}

static int
ignored(int s)
{
	uint32_t h = sig.act[s].handler;

	return h == SIG_IGN_L || (h == SIG_DFL_L && dfl_ignores(s));
}

static int
caught(int s)
{
	return sig.act[s].handler != SIG_DFL_L && sig.act[s].handler != SIG_IGN_L;
}

static void
update_work(void)
{
	lx_sigwork = (sig.pending & ~sig.blocked) != 0;
}

/* ---- the live request ---- */

/* The real-time signals the kernel holds for us while our queue is full:
 * those we have queued already (any other still has a place). */
static uint64_t
held_by_kernel(void)
{
	return nrtq >= RTQ_LIMIT ? sig.pending & RT_SIGS : 0;
}

/* The signals the kernel must hand to us: caught, ignored or blocked. */
static uint64_t
wanted(void)
{
	return (sig.blocked | sig.handled) & ~UNBLOCKABLE & ~held_by_kernel();
}

/*
 * The kernel keeps the set of ignored signals across execve (sigign), as
 * Linux keeps SIG_IGN dispositions; a new image learns it on its first
 * signal call, and every change of a SIG_IGN disposition is sent back.
 */
static uint64_t ign_sent;		/* the set the kernel holds, as last seen */
static int ign_known;

/* sigign or sigblock (command CMD: the same layout): the kernel's set
 * before the call; HOW 1 replaces it with SET. */
_Static_assert(sizeof(struct vk_msg_sigign) == sizeof(struct vk_msg_sigblock), "one layout");
_Static_assert(__builtin_offsetof(struct vk_msg_sigign, oldhi) ==
    __builtin_offsetof(struct vk_msg_sigblock, oldhi), "one layout");

static uint64_t
set_msg(uint32_t cmd, uint64_t set, int how)
{
	struct vk_msg_sigign m;

	ly_hdr(&m.hdr, cmd, sizeof(m));
	m.setlo = (uint32_t)set;
	m.sethi = (uint32_t)(set >> 32);
	m.how = how;
	if (msg(&m.hdr) != 0)
		return 0;
	return m.oldlo | (uint64_t)m.oldhi << 32;
}

#define sigign_msg(set, how)	set_msg(VK_SYS_sigign, set, how)
#define sigblock_msg(set, how)	set_msg(VK_SYS_sigblock, set, how)

static void set_handler(int s, uint32_t h);

static void sync_set(void);
static void send_set(uint64_t want);

/*
 * On the first signal call of this image: the signals it was started
 * ignoring are SIG_IGN here too, and the mask it was started with (which
 * the kernel kept across execve, holding blocked signals meanwhile) is its
 * mask.  The kernel's set is cleared only once our request takes what it
 * blocks, so a held signal passes to us rather than to a default action.
 */
static void
learn_ignored(void)
{
	uint64_t blocked;

	if (ign_known)
		return;
	ign_known = 1;
	ign_sent = sigign_msg(0, 0);
	for (int s = 1; s <= NSIG_L; s++)
		if ((ign_sent & BIT(s)) && sig.act[s].handler == SIG_DFL_L)
			set_handler(s, SIG_IGN_L);
	if ((blocked = sigblock_msg(0, 0)) != 0) {
		sig.blocked |= blocked & ~UNBLOCKABLE;
		sync_set();
		sigblock_msg(0, 1);
	}
}

static void unpend(int s, struct lx_sinfo *si);

void
lx_sig_before_exec(void)
{
	struct lx_sinfo si;

	learn_ignored();
	sigblock_msg(sig.blocked, 1);
	kheld = sig.blocked;
	handover = 1;		/* no request until the new image (or a failure) */
	if ((sig.pending & sig.blocked) == 0)
		return;
	/* Pending signals go back to the kernel, which holds them (they are
	 * blocked) for the new image: first stop taking them. */
	if (sig.reqset != 0) {
		struct vk_msg_abortmsg a;

		ly_hdr(&a.hdr, VK_SYS_abortmsg, sizeof(a));
		a.msg = (uint32_t)&sigreq;
		msg(&a.hdr);
		sig.reqset = 0;
	}
	for (int s = 1; s <= NSIG_L; s++)
		while (sig.pending & sig.blocked & BIT(s)) {
			unpend(s, &si);
			lx_sig_queue_msg(lx_sig_self(), s, si.code, si.value);
		}
}

void
lx_sig_exec_failed(void)
{
	handover = 0;
	sync_set();		/* take back what the kernel holds */
}

/* Send the SIG_IGN dispositions to the kernel when they changed. */
static void
sync_ignored(void)
{
	uint64_t set = 0;

	for (int s = 1; s <= NSIG_L; s++)
		if (sig.act[s].handler == SIG_IGN_L)
			set |= BIT(s);
	set &= ~UNBLOCKABLE;
	if (set != ign_sent) {
		sigign_msg(set, 1);
		ign_sent = set;
	}
}

/* SA_NOCLDWAIT on SIGCHLD is the kernel's to apply (it reaps the children
 * at once): sent when it changes (sigflags, command 137; fork keeps it,
 * execve clears it, as Linux clears sa_flags). */
static void
sync_nocldwait(void)
{
	static uint32_t sent;
	uint32_t f = (sig.act[VK_SIGCHLD].flags & SA_NOCLDWAIT_L) ? VK_SIGF_NOCLDWAIT : 0;
	struct vk_msg_sigflags m;

	if (f == sent)
		return;
	ly_hdr(&m.hdr, VK_SYS_sigflags, sizeof(m));
	m.flags = f;
	m.how = 1;
	if (msg(&m.hdr) == 0)
		sent = f;
}

/* Set SIG's handler (keeping sig.handled in step). */
static void
set_handler(int s, uint32_t h)
{
	sig.act[s].handler = h;
	if (h == SIG_DFL_L)
		sig.handled &= ~BIT(s);
	else
		sig.handled |= BIT(s);
}

static void
arm(void)
{
	struct vk_msg_upctl m;

	if (armed)
		return;
	ctl.uc_crit = 0;
	ctl.uc_pending = 0;
	ctl.uc_altstack = (uint32_t)upstack;
	ctl.uc_altsize = sizeof(upstack);
	ly_hdr(&m.hdr, VK_SYS_upctl, sizeof(m));
	m.ctl = (uint32_t)&ctl;
	msg(&m.hdr);
	lx_zero(&port, sizeof(port));
	port.h.vp_action = VK_PORT_UPCALL_CS;
	port.h.vp_size = PORT_RING;
	port.h.vp_upcall = (uint32_t)lx_upcall;
	armed = 1;
}

/* Make the kernel's set what it must be now: send, change or end the
 * sigreq.  Signals leaving it for the kernel to hold are in its sigblock
 * set first, and leave that set only once the request takes them again. */
static void
sync_set(void)
{
	uint64_t want = wanted(), hold = held_by_kernel();

	if (handover)
		return;
	if (hold & ~kheld)
		sigblock_msg(kheld |= hold, 1);
	if (want != sig.reqset)
		send_set(want);
	if (kheld != hold)
		sigblock_msg(kheld = hold, 1);
}

/* Send, change or end the sigreq for the set WANT. */
static void
send_set(uint64_t want)
{
	if (want == 0) {
		struct vk_msg_abortmsg a;

		ly_hdr(&a.hdr, VK_SYS_abortmsg, sizeof(a));
		a.msg = (uint32_t)&sigreq;
		msg(&a.hdr);
	} else if (sig.reqset != 0) {
		struct vk_msg_sigset m;

		ly_hdr(&m.hdr, VK_SYS_sigset, sizeof(m));
		m.msg = (uint32_t)&sigreq;
		m.setlo = (uint32_t)want;
		m.sethi = (uint32_t)(want >> 32);
		msg(&m.hdr);
	} else {
		arm();
		ly_hdr(&sigreq.hdr, VK_SYS_sigreq, sizeof(sigreq));
		sigreq.hdr.ms_flags = MSGF_ASYNC;
		sigreq.hdr.ms_reply = (uint32_t)&port;
		sigreq.setlo = (uint32_t)want;
		sigreq.sethi = (uint32_t)(want >> 32);
		msg(&sigreq.hdr);
	}
	sig.reqset = want;
}

/* SIG's default action, by the kernel: out of our set first, then sent. */
static void
default_action(int s)
{
	sync_set();
	lx_sig_kill_msg(lx_sig_self(), s);
}

/* ---- pending signals ---- */

/* A POSIX timer's signal already queued takes another expiry as an
 * overrun, as Linux queues a timer's signal once. */
static int
merge_timer(const struct lx_sinfo *si)
{
	for (int i = 0; i < nrtq; i++)
		if (rtq[i].signo == si->signo && rtq[i].code == VK_SI_TIMER && rtq[i].tid == si->tid) {
			rtq[i].overrun += si->overrun + 1;
			return 1;
		}
	return 0;
}

/* SI is pending: a standard signal once (its first information kept), a
 * real-time one queued.  Past the queue's room (only a signal that bypassed
 * the kernel can find it full) it is pending without its information, as
 * on Linux past RLIMIT_SIGPENDING. */
static void
pend(const struct lx_sinfo *si)
{
	int s = si->signo;

	if (s < VK_SIGRTMIN) {
		if (!(sig.pending & BIT(s)))
			sig.info[s] = *si;
	} else if (!(si->code == VK_SI_TIMER && merge_timer(si)) &&
	    (nrtq < RTQ_LIMIT || (!(sig.pending & BIT(s)) && nrtq < RTQ_SIZE)))
		rtq[nrtq++] = *si;
	sig.pending |= BIT(s);
	update_work();
	if (s >= VK_SIGRTMIN && nrtq >= RTQ_LIMIT)
		sync_set();
}

/* Take the first queued instance of real-time signal S into *SI: 1 if
 * another stays queued. */
static int
rt_take(int s, struct lx_sinfo *si)
{
	int i, more = 0;

	for (i = 0; i < nrtq && rtq[i].signo != s; i++)
		;
	if (i == nrtq) {
		/* pending without its information */
		lx_zero(si, sizeof(*si));
		si->signo = s;
		return 0;
	}
	*si = rtq[i];
	for (nrtq--; i < nrtq; i++) {
		rtq[i] = rtq[i + 1];
		more |= rtq[i].signo == s;
	}
	return more;
}

/* Take one instance of pending signal S off the pending set, its
 * information into *SI. */
static void
unpend(int s, struct lx_sinfo *si)
{
	uint64_t hold = held_by_kernel();

	if (s >= VK_SIGRTMIN && rt_take(s, si))
		;		/* still pending */
	else {
		if (s < VK_SIGRTMIN)
			*si = sig.info[s];
		sig.pending &= ~BIT(s);
	}
	if (s == sig.sync)
		sig.sync = 0;
	update_work();
	if (held_by_kernel() != hold)
		sync_set();	/* room again: the kernel hands them over */
}

/* Discard every pending instance of S. */
static void
discard(int s)
{
	struct lx_sinfo si;

	while (sig.pending & BIT(s))
		unpend(s, &si);
}

/* Pending signals now unblocked that have no handler: ignored ones are
 * dropped, default ones go to the kernel's default action. */
static void
settle(void)
{
	uint64_t ready = sig.pending & ~sig.blocked;

	for (int s = 1; ready != 0 && s <= NSIG_L; s++)
		if ((ready & BIT(s)) && !caught(s)) {
			discard(s);
			ready &= ~BIT(s);
			if (!ignored(s))
				default_action(s);
		}
	update_work();
}

static void
set_mask(uint64_t m)
{
	sig.blocked = m & ~UNBLOCKABLE;
	sync_set();
	settle();
}

/* A signal has come (from the kernel, or from a timer of the layer). */
void
lx_sig_arrive(const struct lx_sinfo *si)
{
	int s = si->signo;

	if (s < 1 || s > NSIG_L)
		return;
	if (!(sig.blocked & BIT(s))) {
		if (ignored(s))
			return;
		if (!caught(s)) {
			default_action(s);
			return;
		}
	}
	pend(si);
}

/* A fault's signal: delivered now if a handler can take it; otherwise the
 * default action, as Linux forces it (the block faults again and the
 * kernel ends the process). */
static void
arrive_fault(const struct lx_sinfo *si)
{
	int s = si->signo;

	if (s < 1 || s > NSIG_L)
		return;
	if (!caught(s) || (sig.blocked & BIT(s))) {
		set_handler(s, SIG_DFL_L);
		sig.blocked &= ~BIT(s);
		discard(s);
		sync_set();
		return;
	}
	discard(s);
	pend(si);
	sig.sync = s;
}

/* Take the sigreq's answer (if it holds one) and acknowledge it. */
static void
take_sigreq(int fault)
{
	volatile struct vk_msg_sigreq *m = &sigreq;
	struct lx_sinfo si;

	if (!(m->hdr.ms_flags & MSGF_DONE))
		return;
	if (m->hdr.ms_error != 0) {
		m->hdr.ms_flags &= ~MSGF_DONE;
		return;			/* aborted */
	}
	lx_zero(&si, sizeof(si));
	si.signo = m->signo;
	si.code = m->code;
	si.pid = m->pid;
	si.uid = m->uid;
	si.status = m->status;
	si.addr = m->addr;
	si.value = m->value;
	if (fault)
		arrive_fault(&si);
	else
		lx_sig_arrive(&si);
	/* Taken: the kernel may answer again, with the set as filing it left
	 * it (a full queue leaves the real-time signals to the kernel). */
	m->hdr.ms_flags &= ~MSGF_DONE;
}

/* ---- delivery ---- */

/*
 * Make context C enter the handler of signal S (information SI): the Linux
 * frame (lx_sigframe.c), then the handler's mask; a one-shot handler
 * reverts.  LIMIT: see lx_frame_push.
 */
static void
enter_handler(struct vk_upframe_abi *c, int s, const struct lx_sinfo *si, uint32_t limit)
{
	struct lx_sigaction *a = &sig.act[s];

	lx_frame_push(c, s, si, a, sig.have_saved ? sig.saved : sig.blocked, limit);
	sig.have_saved = 0;
	sig.blocked |= mask_of(a->mask) | ((a->flags & SA_NODEFER_L) ? 0 : BIT(s));
	sig.blocked &= ~UNBLOCKABLE;
	if (a->flags & SA_RESETHAND_L) {
		set_handler(s, SIG_DFL_L);
		a->flags &= ~SA_SIGINFO_L;
	}
	sync_set();
}

/* The next pending signal of AMONG (the fault's first, then the lowest
 * number), or 0. */
static int
next_in(uint64_t among)
{
	uint64_t p = sig.pending & among;

	if (p == 0)
		return 0;
	if (sig.sync != 0 && (p & BIT(sig.sync)))
		return sig.sync;
	return __builtin_ctzll(p) + 1;
}

/* The next pending signal to deliver now, or 0. */
static int
next_ready(void)
{
	return next_in(~sig.blocked);
}


/* Deliver every signal that can be now, over context C (LIMIT: see lx_frame_push). */
static void
deliver_all(struct vk_upframe_abi *c, uint32_t limit)
{
	struct lx_sinfo si;
	int s;

	while ((s = next_ready()) != 0) {
		unpend(s, &si);
		if (caught(s))
			enter_handler(c, s, &si, limit);
		else if (!ignored(s))
			default_action(s);
	}
}

/* ---- the dispatcher ---- */

/*
 * The port's upcall (called by the kernel's entry code on upstack, with
 * the critical-section depth one up): take every answer, then deliver at
 * once unless a Linux call is in progress, whose exit path will.
 */
void
lx_upcall(struct vk_portabi *p, struct vk_upframe_abi *f)
{
	int fault = (f->uf_flags & VK_UF_FAULT) != 0;

	while (p->vp_tail != p->vp_head) {
		struct vk_msghdr *m = (struct vk_msghdr *)port.ring[p->vp_tail % PORT_RING];

		p->vp_tail++;
		if (m == &sigreq.hdr)
			take_sigreq(fault);
		else
			lx_timer_answer(m);
	}
	if (f->uf_flags & VK_UF_INTR)
		sig.intr = 1;
	if (lx_busy && !fault)
		return;
	deliver_all(f, 0);
}

/* ---- the exit path of a Linux call ---- */

/* Calls Linux never restarts once a handler ran (ERESTARTNOHAND and
 * restart_block): they return EINTR. */
static int
restartable(uint32_t nr)
{
	switch (nr) {
	case 29: case 72: case 179:			/* pause, sigsuspend, rt_sigsuspend */
	case 162: case 267: case 407:			/* nanosleep, clock_nanosleep(_time64) */
	case 82: case 142: case 308: case 413:		/* select, _newselect, pselect6(_time64) */
	case 168: case 309: case 414:			/* poll, ppoll(_time64) */
	case 177: case 421:				/* rt_sigtimedwait(_time64) */
		return 0;
	}
	return 1;
}


static uint32_t
get_gs(void)
{
	uint32_t gs;

	__asm__ volatile("movl %%gs, %0" : "=r"(gs));
	return gs & 0xffff;
}

/* Leave a critical section of the personality's own: flushsys() delivers
 * what the kernel held back meanwhile. */
static void
flushsys(void)
{
	uint32_t e = 0;

	__asm__ volatile("int $0x81" : "+a"(e) : "c"(0), "d"(0) : "memory");
}

static void
crit_exit(void)
{
	if (--ctl.uc_crit == 0 && ctl.uc_pending)
		flushsys();
}

/*
 * Resume context C, delivering first what can be: never returns.  A context
 * the personality holds is resumed in user mode, as a C library's
 * setcontext would (no message: the kernel's upret is for the frames its
 * upcalls push): the FPU/SSE state and %gs, then the general registers
 * and the flags from a few words left below the context's stack pointer
 * (the interrupted program owns nothing there: Linux writes its frames
 * there too).  The caller has raised the critical-section depth, so no
 * upcall comes in between; it is lowered just before the last
 * instructions, and a signal that comes then is delivered on this code,
 * which its sigreturn resumes.
 */
static void __attribute__((noreturn))
resume(struct vk_upframe_abi *c)
{
	uint32_t r[6], *t;

	lx_busy = 0;
	lx_cur_frame = 0;
	deliver_all(c, (uint32_t)__builtin_frame_address(0) - 2048);
	lx_fx_load(c->uf_fx);
	__asm__ volatile("ldmxcsr 24(%0)\n\t"
	    "movups 160(%0), %%xmm0\n\tmovups 176(%0), %%xmm1\n\t"
	    "movups 192(%0), %%xmm2\n\tmovups 208(%0), %%xmm3\n\t"
	    "movups 224(%0), %%xmm4\n\tmovups 240(%0), %%xmm5\n\t"
	    "movups 256(%0), %%xmm6\n\tmovups 272(%0), %%xmm7"
	    :: "r"(c->uf_fx) : "memory");
	if (c->uf_gs != get_gs())
		__asm__ volatile("movl %0, %%gs" :: "r"(c->uf_gs));
	t = (uint32_t *)(c->uf_esp - 16);
	t[0] = c->uf_ecx;
	t[1] = c->uf_eax;
	t[2] = (c->uf_eflags & VK_UF_EFLAGS) | 0x202;
	t[3] = c->uf_eip;
	r[0] = c->uf_ebx;
	r[1] = c->uf_edx;
	r[2] = c->uf_esi;
	r[3] = c->uf_edi;
	r[4] = c->uf_ebp;
	r[5] = (uint32_t)t;
	crit_exit();
	__asm__ volatile("movl 0(%0), %%ebx\n\t"
	    "movl 4(%0), %%edx\n\t"
	    "movl 8(%0), %%esi\n\t"
	    "movl 12(%0), %%edi\n\t"
	    "movl 16(%0), %%ebp\n\t"
	    "movl 20(%0), %%esp\n\t"
	    "popl %%ecx\n\t"
	    "popl %%eax\n\t"
	    "popfl\n\t"
	    "ret"
	    :: "a"(r) : "memory");
	__builtin_unreachable();
}

/* Whether a pending signal with a handler waits behind the call's EINTR. */
static int
handler_ready(void)
{
	int s = next_ready();

	return s != 0 && caught(s);
}

int
lx_sig_quiet_restart(uint32_t nr, int32_t r)
{
	if (r != -VK_EINTR || !sig.intr || nr == 29 || nr == 72 || nr == 179)
		return 0;
	settle();
	if (handler_ready())
		return 0;
	sig.intr = 0;
	return 1;
}

void
lx_sig_begin(void)
{
	sig.intr = 0;
}

/* The interrupted call's context, from lx_entry.S's saved FRAME and the
 * result R, delivered to (the caller holds a critical section). */
static void __attribute__((noreturn))
exit_deliver(uint32_t nr, const uint32_t *frame, int32_t r)
{
	_Alignas(64) struct vk_upframe_abi c;
	int s = next_ready();

	lx_fx_save(c.uf_fx);
	c.uf_ebx = frame[0];
	c.uf_ecx = frame[1];
	c.uf_edx = frame[2];
	c.uf_esi = frame[3];
	c.uf_edi = frame[4];
	c.uf_ebp = frame[5];
	c.uf_eflags = frame[6];
	c.uf_eip = frame[8];
	c.uf_esp = (uint32_t)(frame + 9);
	c.uf_eax = (uint32_t)r;
	c.uf_gs = get_gs();
	if (r == -VK_EINTR && sig.intr && (sig.act[s].flags & SA_RESTART_L) && restartable(nr)) {
		/* Back onto the call, as Linux rewinds onto its int 0x80. */
		c.uf_eax = nr;
		if (frame[7] == 0)
			c.uf_eip -= 2;
		else {
			c.uf_eip = (uint32_t)lx_vsyscall;
			c.uf_esp -= 4;
		}
	}
	sig.intr = 0;
	resume(&c);
}

int32_t
lx_sig_leave(uint32_t nr, const uint32_t *frame, int32_t r)
{
	ctl.uc_crit++;
	lx_busy = 0;
	if (lx_sigwork) {
		settle();
		if (handler_ready())
			exit_deliver(nr, frame, r);
	}
	crit_exit();
	return r;
}

void
lx_sig_return(struct vk_upframe_abi *c, uint64_t mask)
{
	ctl.uc_crit++;
	set_mask(mask);
	resume(c);
}

/* ---- dispositions and the mask ---- */

LX_DECL(rt_sigaction)
{
	int s = (int)a1;
	const struct lx_sigaction *act = (const struct lx_sigaction *)a2;
	struct lx_sigaction *oact = (struct lx_sigaction *)a3, n;

	(void)a5; (void)a6;
	if (s < 1 || s > NSIG_L || a4 != 8)
		return -VK_EINVAL;
	if ((s == VK_SIGKILL || s == VK_SIGSTOP) && act != 0)
		return -VK_EINVAL;	/* they cannot be caught or ignored */
	learn_ignored();
	if (act != 0)
		n = *act;		/* read before oact is written: they may be one */
	if (oact != 0)
		*oact = sig.act[s];
	if (act == 0)
		return 0;
	sig.act[s] = n;
	set_handler(s, n.handler);
	if (ignored(s))
		discard(s);		/* POSIX: pending ones are discarded */
	sync_ignored();
	if (s == VK_SIGCHLD)
		sync_nocldwait();
	sync_set();
	settle();
	return 0;
}

LX_DECL(rt_sigprocmask)
{
	const uint32_t *set = (const uint32_t *)a2;
	uint32_t *oset = (uint32_t *)a3;
	uint64_t m, old = sig.blocked;

	(void)a5; (void)a6;
	if (a4 != 8)
		return -VK_EINVAL;
	learn_ignored();
	old = sig.blocked;
	if (set != 0) {
		m = mask_of(set);
		switch (a1) {
		case 0: m = old | m; break;		/* SIG_BLOCK */
		case 1: m = old & ~m; break;		/* SIG_UNBLOCK */
		case 2: break;				/* SIG_SETMASK */
		default: return -VK_EINVAL;
		}
	}
	if (oset != 0) {
		oset[0] = (uint32_t)old;
		oset[1] = (uint32_t)(old >> 32);
	}
	if (set != 0)
		set_mask(m);
	return 0;
}

LX_DECL(rt_sigpending)
{
	uint32_t *set = (uint32_t *)a1;
	uint64_t p;

	(void)a3; (void)a4; (void)a5; (void)a6;
	if (a2 != 8)
		return -VK_EINVAL;
	learn_ignored();
	p = sig.pending & sig.blocked;
	set[0] = (uint32_t)p;
	set[1] = (uint32_t)(p >> 32);
	return 0;
}

/* The timeout of a signal wait: none, a poll, or a timer message (lx_itimer.c). */
enum wait_limit { WAIT_FOREVER, WAIT_POLL, WAIT_TIMER };

/*
 * Wait until a signal of SET is pending (taken into *SI: its number), a
 * signal with a handler can be delivered (EINTR, for the exit path to
 * deliver it), or the time LIMIT allows is over (EAGAIN).  A poll first
 * lets the kernel hand over what it holds for us (flushsys).
 */
static int32_t
wait_signal(uint64_t set, struct lx_sinfo *si, enum wait_limit limit)
{
	int polled = 0, s;
	uint32_t e;

	for (;;) {
		ctl.uc_crit++;
		settle();
		if ((s = next_in(set)) != 0) {
			unpend(s, si);
			crit_exit();
			return s;
		}
		if (handler_ready()) {
			crit_exit();
			return -VK_EINTR;
		}
		if ((limit == WAIT_POLL && polled) || (limit == WAIT_TIMER && lx_timeout_over())) {
			crit_exit();
			return -VK_EAGAIN;
		}
		if (limit == WAIT_POLL) {
			crit_exit();
			flushsys();
			polled = 1;
			continue;
		}
		e = VK_EDEADLK;
		if (armed) {
			/* waitsys: until an answer lands on the port */
			e = (uint32_t)&port;
			__asm__ volatile("int $0x81" : "+a"(e) : "c"(0), "d"(0) : "memory");
		}
		crit_exit();
		if (e == VK_EDEADLK) {
			/* Nothing in flight could answer: only the kernel's
			 * default action can end the wait. */
			struct vk_msg_nanosleep m = { .clock = VK_CLOCK_MONOTONIC };
			struct { int32_t sec, nsec; } t = { 3600, 0 };

			ly_hdr(&m.hdr, VK_SYS_nanosleep, sizeof(m));
			m.req = (uint32_t)&t;
			msg(&m.hdr);
		}
	}
}

LX_DECL(rt_sigsuspend)
{
	const uint32_t *set = (const uint32_t *)a1;
	struct lx_sinfo si;
	uint64_t m;

	(void)a3; (void)a4; (void)a5; (void)a6;
	if (a2 != 8)
		return -VK_EINVAL;
	m = mask_of(set);
	sig.saved = sig.blocked;
	sig.have_saved = 1;
	set_mask(m);
	return wait_signal(0, &si, WAIT_FOREVER);
}

LX_DECL(pause)
{
	struct lx_sinfo si;

	(void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6;
	return wait_signal(0, &si, WAIT_FOREVER);
}

/* Fault now, before anything changes, if the N bytes at P cannot be
 * written: the caller's EFAULT (docs/abi.md §10). */
static void
probe_write(uint32_t p, uint32_t n)
{
	volatile uint8_t *b = (volatile uint8_t *)p;

	b[0] = b[0];
	b[n - 1] = b[n - 1];
}

/*
 * rt_sigtimedwait(set, info, timeout, sigsetsize), TIMEOUT a 32-bit (T64
 * 0) or 64-bit timespec: take a pending signal of SET without running its
 * handler, as Linux does; NULL waits for ever, {0, 0} polls.  EAGAIN when
 * the time is over, EINTR when a handler ran.  Every pointer is checked
 * before a signal is taken, so a bad one costs none.
 */
static int32_t
sigtimedwait(uint32_t uset, uint32_t uinfo, uint32_t uts, uint32_t size, int t64)
{
	enum wait_limit limit = WAIT_FOREVER;
	struct lx_sinfo si;
	uint64_t set;
	int64_t ns;
	int32_t r;

	if (size != 8)
		return -VK_EINVAL;
	set = mask_of((const uint32_t *)uset);
	if (uts != 0) {
		if ((r = lx_timespec_ns(uts, t64, &ns)) != 0)
			return r;
		limit = ns == 0 ? WAIT_POLL : WAIT_TIMER;
	}
	if (uinfo != 0)
		probe_write(uinfo, 128);
	learn_ignored();
	if (limit == WAIT_TIMER && (r = lx_timeout_start(ns)) != 0)
		return r;
	r = wait_signal(set, &si, limit);
	lx_timeout_stop();
	if (r > 0 && uinfo != 0)
		lx_put_siginfo((uint32_t *)uinfo, &si);
	return r;
}

LX_DECL(rt_sigtimedwait)	{ (void)a5; (void)a6; return sigtimedwait(a1, a2, a3, a4, 0); }
LX_DECL(rt_sigtimedwait_time64)	{ (void)a5; (void)a6; return sigtimedwait(a1, a2, a3, a4, 1); }

/* ---- fork ---- */

/* The port the layer's timers reply to (armed on first use). */
struct vk_portabi *
lx_sig_port(void)
{
	arm();
	return &port.h;
}

/*
 * In a new child: the kernel copied none of the parent's requests, and its
 * copy of our sigreq only says MSGF_QUEUED.  Register again and re-send;
 * pending signals are not inherited (Linux clears them).
 */
void
lx_sig_fork_child(void)
{
	sig.pending = 0;
	nrtq = 0;
	sig.sync = 0;
	sig.intr = 0;
	update_work();
	if (!armed)
		return;
	armed = 0;
	sig.reqset = 0;
	sync_set();
	if (!armed)
		arm();
}
