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
 *   - Linux's i386 frames (sigframe and rt_sigframe, with the fxsave image)
 *     and sigreturn/rt_sigreturn, which resume through the kernel's upret;
 *   - kill, tkill, tgkill, rt_sigpending, rt_sigsuspend, pause.
 * Signals with the default action that are not blocked stay out of the
 * kernel's set, so the kernel applies the default action itself.
 */
#include "layer/lx.h"

#define NSIG_L		64
#define BIT(s)		(1ull << ((s) - 1))
#define UNBLOCKABLE	(BIT(VK_SIGKILL) | BIT(VK_SIGSTOP))

#define SIG_DFL_L	0u
#define SIG_IGN_L	1u

#define SA_SIGINFO_L	0x00000004u
#define SA_ONSTACK_L	0x08000000u
#define SA_RESTART_L	0x10000000u
#define SA_NODEFER_L	0x40000000u
#define SA_RESETHAND_L	0x80000000u
#define SA_RESTORER_L	0x04000000u

#define SS_ONSTACK_L	1
#define SS_DISABLE_L	2
#define SS_AUTODISARM_L	(1u << 31)
#define MINSIGSTKSZ_L	2048

#define EFL_TF		0x00000100u
#define EFL_DF		0x00000400u

#define NR_sigreturn	119
#define NR_rt_sigreturn	173

#define PORT_RING	64
#define UPSTACK_SIZE	32768

/* Linux i386's struct sigaction as rt_sigaction passes it. */
struct lx_sigaction {
	uint32_t	handler;
	uint32_t	flags;
	uint32_t	restorer;
	uint32_t	mask[2];
};

/* Linux i386's stack_t. */
struct lx_stack {
	uint32_t	sp;
	int32_t		flags;
	uint32_t	size;
};

/* struct sigcontext (i386), in Linux's order. */
struct lx_sigcontext {
	uint32_t	gs, fs, es, ds;
	uint32_t	edi, esi, ebp, esp, ebx, edx, ecx, eax;
	uint32_t	trapno, err, eip, cs, eflags, esp_at_signal, ss;
	uint32_t	fpstate, oldmask, cr2;
};

struct lx_ucontext {
	uint32_t	uc_flags;
	uint32_t	uc_link;
	struct lx_stack	uc_stack;
	struct lx_sigcontext uc_mcontext;
	uint32_t	uc_sigmask[2];
};

/* The frames Linux pushes (arch/x86/include/asm/sigframe.h, 32-bit). */
struct lx_rt_sigframe {
	uint32_t	pretcode;
	int32_t		sig;
	uint32_t	pinfo;
	uint32_t	puc;
	uint32_t	info[32];	/* siginfo_t, 128 bytes */
	struct lx_ucontext uc;
	uint8_t		retcode[8];
};

struct lx_sigframe {
	uint32_t	pretcode;
	int32_t		sig;
	struct lx_sigcontext sc;
	uint8_t		fpstate_unused[624];
	uint32_t	extramask[1];
	uint8_t		retcode[8];
};

_Static_assert(sizeof(struct lx_sigcontext) == 88, "sigcontext is 88 bytes");
_Static_assert(sizeof(struct lx_ucontext) == 116, "ucontext is 116 bytes");
_Static_assert(__builtin_offsetof(struct lx_rt_sigframe, uc) == 144, "uc at 144");
_Static_assert(__builtin_offsetof(struct lx_sigframe, extramask) == 720, "extramask at 720");

/* struct _fpstate_32: a 112-byte fsave-format header, then the fxsave image. */
#define FP_LEGACY	112
#define FP_SIZE		(FP_LEGACY + 512)
#define FP_MAGIC_OFF	110
#define FX_MXCSR	24
#define FX_ST		32
#define FX_XMM		160

/* The live sigreq and the upcall port its answers (and the timers') land on. */
struct lx_port {
	struct vk_portabi h;
	uint32_t	ring[PORT_RING];
};

static struct {
	struct lx_sigaction act[NSIG_L + 1];
	uint64_t	blocked;
	uint64_t	pending;		/* taken, not yet delivered */
	struct lx_sinfo	info[NSIG_L + 1];	/* of each pending signal */
	uint64_t	saved;			/* sigsuspend: the mask the frame restores */
	int		have_saved;
	int		sync;			/* a fault's signal: delivered first */
	uint64_t	reqset;			/* the live sigreq's set (0: none in flight) */
	uint64_t	handled;		/* signals whose disposition is not SIG_DFL */
	int		intr;			/* the current call was interrupted (EINTR) */
	struct lx_stack	alt;
} sig = { .alt = { 0, SS_DISABLE_L, 0 } };

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

/* Trampolines for handlers without SA_RESTORER (lx_entry.S). */
extern const uint8_t lx_sigreturn_tramp[], lx_rt_sigreturn_tramp[];
extern void lx_vsyscall(void);

/* Memory helpers (the layer has no libc): whole words with rep stos/movs,
 * which the emulator runs far faster than a loop of byte accesses. */
static void
zero(void *p, uint32_t n)
{
	uint32_t w = n / 4;
	uint8_t *d = (uint8_t *)p + (n & ~3u);

	__asm__ volatile("rep stosl" : "+D"(p), "+c"(w) : "a"(0) : "memory");
	for (n &= 3; n > 0; n--)
		*d++ = 0;
}

static void
copy(void *to, const void *from, uint32_t n)
{
	uint32_t w = n / 4;
	uint8_t *d = (uint8_t *)to + (n & ~3u);
	const uint8_t *s = (const uint8_t *)from + (n & ~3u);

	__asm__ volatile("rep movsl" : "+D"(to), "+S"(from), "+c"(w) :: "memory");
	for (n &= 3; n > 0; n--)
		*d++ = *s++;
}

static int32_t
msg(struct vk_msghdr *m)
{
	return (int32_t)lx_call(m);
}

static int32_t
kill_msg(int32_t pid, int32_t s)
{
	struct vk_msg_kill m;

	ly_hdr(&m.hdr, VK_SYS_kill, sizeof(m));
	m.pid = pid;
	m.sig = s;
	m.how = 0;
	return msg(&m.hdr);
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

/* The signals the kernel must hand to us: caught, ignored or blocked. */
static uint64_t
wanted(void)
{
	return (sig.blocked | sig.handled) & ~UNBLOCKABLE;
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

void
lx_sig_before_exec(void)
{
	learn_ignored();
	sigblock_msg(sig.blocked, 1);
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
		if (sig.pending & sig.blocked & BIT(s))
			kill_msg((int32_t)ly_shared()->sh_pid, s);
	sig.pending &= ~sig.blocked;
	update_work();
}

void
lx_sig_exec_failed(void)
{
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
	zero(&port, sizeof(port));
	port.h.vp_action = VK_PORT_UPCALL_CS;
	port.h.vp_size = PORT_RING;
	port.h.vp_upcall = (uint32_t)lx_upcall;
	armed = 1;
}

/* Make the kernel's set what it must be now: send, change or end the sigreq. */
static void
sync_set(void)
{
	uint64_t want = wanted();

	if (want == sig.reqset)
		return;
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
	kill_msg((int32_t)ly_shared()->sh_pid, s);
}

/* Pending signals now unblocked that have no handler: ignored ones are
 * dropped, default ones go to the kernel's default action. */
static void
settle(void)
{
	uint64_t ready = sig.pending & ~sig.blocked;

	for (int s = 1; ready != 0 && s <= NSIG_L; s++)
		if ((ready & BIT(s)) && !caught(s)) {
			sig.pending &= ~BIT(s);
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
	sig.pending |= BIT(s);
	sig.info[s] = *si;
	update_work();
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
		sig.pending &= ~BIT(s);
		sync_set();
		update_work();
		return;
	}
	sig.pending |= BIT(s);
	sig.info[s] = *si;
	sig.sync = s;
	update_work();
}

/* Take the sigreq's answer (if it holds one) and acknowledge it. */
static void
take_sigreq(int fault)
{
	volatile struct vk_msg_sigreq *m = &sigreq;
	struct lx_sinfo si;

	if (!(m->hdr.ms_flags & MSGF_DONE))
		return;
	m->hdr.ms_flags &= ~MSGF_DONE;	/* the kernel may answer again */
	if (m->hdr.ms_error != 0)
		return;			/* aborted */
	zero(&si, sizeof(si));
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
}

/* ---- Linux frames ---- */

static int
on_altstack(uint32_t sp)
{
	return sig.alt.size != 0 && sp > sig.alt.sp && sp - sig.alt.sp <= sig.alt.size;
}

/* The start of an fxsave image, and Linux's struct _fpstate_32 header. */
struct lx_fxhdr {
	uint16_t	fcw, fsw;
	uint8_t		ftw, pad0;
	uint16_t	fop;
	uint32_t	fip;
	uint16_t	fcs, pad1;
	uint32_t	foo;
	uint16_t	fos, pad2;
	uint32_t	mxcsr, mxcsr_mask;
};

struct lx_st10 {
	uint32_t	lo, hi;
	uint16_t	exp;
} __attribute__((packed));

struct lx_fplegacy {
	uint32_t	cw, sw, tag, ipoff, cssel, dataoff, datasel;
	struct lx_st10	st[8];
	uint16_t	status, magic;		/* magic 0: the fxsave image follows */
};

_Static_assert(sizeof(struct lx_fxhdr) == 32, "fxsave header");
_Static_assert(sizeof(struct lx_fplegacy) == FP_LEGACY, "_fpstate_32 header");

/* Copy N bytes (a multiple of 16) in 16-byte steps: each step is a few
 * emulated instructions, where a byte or rep loop costs a block each. */
static void
copy16(void *to, const void *from, uint32_t n)
{
	uint32_t *d = to;
	const uint32_t *s = from;

	for (; n >= 16; n -= 16, d += 4, s += 4) {
		d[0] = s[0];
		d[1] = s[1];
		d[2] = s[2];
		d[3] = s[3];
	}
}

/* The x87 registers of an image with tag byte FTW: any in use? */
#define ANY_VALID(ftw)	((ftw) != 0)

/*
 * The fxsave image FX as Linux's struct _fpstate_32 at FP: the fsave-format
 * header, then the image.  Only what the state holds is copied: the header,
 * the x87 registers when some are in use, and the XMM registers; the
 * image's reserved tail is left as it is.
 */
static void
put_fpstate(uint8_t *fp, const uint8_t *fx)
{
	const struct lx_fxhdr *x = (const struct lx_fxhdr *)fx;
	struct lx_fplegacy *l = (struct lx_fplegacy *)fp;
	uint32_t tag = 0;

	for (int i = 0; i < 8; i++)
		tag |= (uint32_t)((x->ftw >> i) & 1 ? 0 : 3) << (2 * i);	/* valid or empty */
	l->cw = 0xffff0000u | x->fcw;
	l->sw = 0xffff0000u | x->fsw;
	l->tag = 0xffff0000u | tag;
	l->ipoff = x->fip;
	l->cssel = x->fcs | (uint32_t)x->fop << 16;
	l->dataoff = x->foo;
	l->datasel = 0xffff0000u | x->fos;
	l->status = x->fsw;
	l->magic = 0;
	copy16(fp + FP_LEGACY, fx, sizeof(*x));
	if (ANY_VALID(x->ftw)) {
		for (int i = 0; i < 8; i++)
			l->st[i] = *(const struct lx_st10 *)(fx + FX_ST + 16 * i);
		copy16(fp + FP_LEGACY + FX_ST, fx + FX_ST, 128);
	}
	copy16(fp + FP_LEGACY + FX_XMM, fx + FX_XMM, 128);
}

/* The reverse, as Linux restores it: the image, with the x87 environment
 * and registers of the fsave-format header over it. */
static void
get_fpstate(uint8_t *fx, const uint8_t *fp)
{
	const struct lx_fplegacy *l = (const struct lx_fplegacy *)fp;
	struct lx_fxhdr *x = (struct lx_fxhdr *)fx;
	uint8_t ftw = 0;

	if (l->magic == 0) {
		copy16(fx, fp + FP_LEGACY, sizeof(*x));
		copy16(fx + FX_XMM, fp + FP_LEGACY + FX_XMM, 128);
	} else {
		/* x87 state only: SSE at its defaults */
		zero(fx, sizeof(*x));
		x->mxcsr = 0x1f80;
		zero(fx + FX_XMM, 128);
	}
	for (int i = 0; i < 8; i++)
		if (((l->tag >> (2 * i)) & 3) != 3)
			ftw |= (uint8_t)(1u << i);
	x->fcw = (uint16_t)l->cw;
	x->fsw = (uint16_t)l->sw;
	x->ftw = ftw;
	x->fop = (uint16_t)(l->cssel >> 16);
	x->fip = l->ipoff;
	x->fcs = (uint16_t)l->cssel;
	x->foo = l->dataoff;
	x->fos = (uint16_t)l->datasel;
	if (ANY_VALID(ftw))
		for (int i = 0; i < 8; i++)
			*(struct lx_st10 *)(fx + FX_ST + 16 * i) = l->st[i];
}

/* The FPU/SSE state a handler starts with, as Linux's: the x87 and SSE
 * control words at their defaults, every x87 register empty (the register
 * contents are not cleared). */
static void
fx_init(uint8_t *fx)
{
	struct lx_fxhdr *x = (struct lx_fxhdr *)fx;

	*x = (struct lx_fxhdr){ .fcw = 0x37f, .mxcsr = 0x1f80 };
}

static void
put_siginfo(uint32_t *info, const struct lx_sinfo *si)
{
	zero(info, 128);
	info[0] = (uint32_t)si->signo;
	info[2] = (uint32_t)si->code;
	switch (si->signo) {
	case VK_SIGSEGV: case VK_SIGBUS: case VK_SIGILL: case VK_SIGFPE: case VK_SIGTRAP:
		if (si->code > 0) {
			info[3] = si->addr;
			return;
		}
		break;
	case VK_SIGCHLD:
		info[3] = (uint32_t)si->pid;
		info[4] = (uint32_t)si->uid;
		info[5] = (uint32_t)si->status;
		return;
	}
	if (si->code == VK_SI_TIMER) {
		info[3] = (uint32_t)si->tid;
		info[4] = (uint32_t)si->overrun;
		info[5] = (uint32_t)si->value;
		return;
	}
	info[3] = (uint32_t)si->pid;
	info[4] = (uint32_t)si->uid;
	info[5] = (uint32_t)si->value;
}

static void
put_sigcontext(struct lx_sigcontext *sc, const struct vk_upframe_abi *c, int s, uint32_t fp, uint64_t mask)
{
	int fault = sig.info[s].code > 0 && (s == VK_SIGSEGV || s == VK_SIGBUS || s == VK_SIGFPE ||
	    s == VK_SIGILL || s == VK_SIGTRAP) && sig.info[s].pid == 0;

	sc->gs = c->uf_gs;
	sc->fs = 0;
	sc->es = sc->ds = sc->ss = 0x2b;
	sc->cs = 0x23;
	sc->edi = c->uf_edi;
	sc->esi = c->uf_esi;
	sc->ebp = c->uf_ebp;
	sc->esp = c->uf_esp;
	sc->ebx = c->uf_ebx;
	sc->edx = c->uf_edx;
	sc->ecx = c->uf_ecx;
	sc->eax = c->uf_eax;
	sc->trapno = !fault ? 0 : s == VK_SIGSEGV || s == VK_SIGBUS ? 14 : s == VK_SIGFPE ? 0 : s == VK_SIGILL ? 6 : 3;
	sc->err = fault && (s == VK_SIGSEGV || s == VK_SIGBUS) ? 4 : 0;
	sc->eip = c->uf_eip;
	sc->eflags = c->uf_eflags;
	sc->esp_at_signal = c->uf_esp;
	sc->fpstate = fp;
	sc->oldmask = (uint32_t)mask;
	sc->cr2 = fault ? sig.info[s].addr : 0;
}

/* Where a frame of SIZE bytes goes below SP: as if called, (sp + 4) % 16 == 0. */
static uint32_t
frame_below(uint32_t sp, uint32_t size)
{
	return ((sp - size + 4) & ~15u) - 4;
}

/*
 * Build the Linux frame for signal S over the context C (a native frame:
 * registers and fxsave image) and make C enter the handler.  LIMIT, when
 * not 0, is the lowest address the caller still uses on the program's stack
 * (the personality runs there): the frame goes below it.
 */
static void
setup_frame(struct vk_upframe_abi *c, int s, uint32_t limit)
{
	struct lx_sigaction *a = &sig.act[s];
	uint64_t old = sig.have_saved ? sig.saved : sig.blocked;
	uint32_t sp = c->uf_esp, fp;
	int rt = (a->flags & SA_SIGINFO_L) != 0;
	struct lx_stack st = { sig.alt.sp, sig.alt.size == 0 ? SS_DISABLE_L : on_altstack(sp) ? SS_ONSTACK_L : 0,
	    sig.alt.size };
	uint32_t ret = (a->flags & SA_RESTORER_L) ? a->restorer :
	    rt ? (uint32_t)lx_rt_sigreturn_tramp : (uint32_t)lx_sigreturn_tramp;

	if ((a->flags & SA_ONSTACK_L) && sig.alt.size != 0 && !on_altstack(sp)) {
		sp = sig.alt.sp + sig.alt.size;
		if ((uint32_t)sig.alt.flags & SS_AUTODISARM_L) {
			sig.alt.sp = sig.alt.size = 0;
			sig.alt.flags = SS_DISABLE_L;
		}
	} else if (limit != 0 && limit < sp)
		sp = limit;
	sp = ((sp - 512) & ~63u) - FP_LEGACY;
	fp = sp;
	put_fpstate((uint8_t *)fp, c->uf_fx);
	if (rt) {
		struct lx_rt_sigframe *f = (struct lx_rt_sigframe *)(sp = frame_below(sp, sizeof(*f)));

		f->pinfo = (uint32_t)f->info;
		f->puc = (uint32_t)&f->uc;
		put_siginfo(f->info, &sig.info[s]);
		f->uc.uc_flags = 0;
		f->uc.uc_link = 0;
		f->uc.uc_stack = st;
		put_sigcontext(&f->uc.uc_mcontext, c, s, fp, old);
		f->uc.uc_sigmask[0] = (uint32_t)old;
		f->uc.uc_sigmask[1] = (uint32_t)(old >> 32);
		/* movl $173, %eax; int $0x80: what debuggers recognise */
		copy(f->retcode, "\xb8\xad\x00\x00\x00\xcd\x80\x00", 8);
		c->uf_edx = f->pinfo;
		c->uf_ecx = f->puc;
	} else {
		struct lx_sigframe *f = (struct lx_sigframe *)(sp = frame_below(sp, sizeof(*f)));

		put_sigcontext(&f->sc, c, s, fp, old);
		f->extramask[0] = (uint32_t)(old >> 32);
		/* popl %eax; movl $119, %eax; int $0x80 */
		copy(f->retcode, "\x58\xb8\x77\x00\x00\x00\xcd\x80", 8);
		c->uf_edx = c->uf_ecx = 0;
	}
	/* Both frames start with the return address and the signal number. */
	((uint32_t *)sp)[0] = ret;
	((uint32_t *)sp)[1] = (uint32_t)s;
	c->uf_esp = sp;
	c->uf_eip = a->handler;
	c->uf_eax = (uint32_t)s;
	c->uf_eflags &= ~(EFL_DF | EFL_TF);
	fx_init(c->uf_fx);
	/* The handler's mask; a one-shot handler reverts. */
	sig.have_saved = 0;
	sig.blocked |= mask_of(a->mask) | ((a->flags & SA_NODEFER_L) ? 0 : BIT(s));
	sig.blocked &= ~UNBLOCKABLE;
	if (a->flags & SA_RESETHAND_L) {
		set_handler(s, SIG_DFL_L);
		a->flags &= ~SA_SIGINFO_L;
	}
	sync_set();
}

/* The next pending signal to deliver now (the fault's first), or 0. */
static int
next_ready(void)
{
	uint64_t ready = sig.pending & ~sig.blocked;

	if (ready == 0)
		return 0;
	if (sig.sync != 0 && (ready & BIT(sig.sync)))
		return sig.sync;
	return __builtin_ctzll(ready) + 1;
}

/* Deliver every signal that can be now, over context C (LIMIT: see setup_frame). */
static void
deliver_all(struct vk_upframe_abi *c, uint32_t limit)
{
	int s;

	while ((s = next_ready()) != 0) {
		sig.pending &= ~BIT(s);
		if (s == sig.sync)
			sig.sync = 0;
		if (caught(s))
			setup_frame(c, s, limit);
		else if (!ignored(s))
			default_action(s);
	}
	update_work();
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

/*
 * Save the FPU/SSE state into FX as an fxsave image.  fxsave leaves the SSE
 * half out on Unicorn (see cpu_get_sse), so MXCSR and XMM are stored
 * directly.  At a system call the x87 stack is almost always empty, and
 * then the environment (fnstenv: a quarter of fxsave's memory accesses,
 * which the emulator does one by one) is all there is to keep.
 */
static void
fx_save(uint8_t *fx)
{
	struct lx_fxhdr *x = (struct lx_fxhdr *)fx;
	uint32_t env[7];

	__asm__ volatile("fnstenv %0\n\tfldcw %0" : "=m"(env) :: "memory");	/* fnstenv masks exceptions */
	if ((env[2] & 0xffff) == 0xffff)
		*x = (struct lx_fxhdr){ .fcw = (uint16_t)env[0], .fsw = (uint16_t)env[1], .ftw = 0,
		    .fop = (uint16_t)((env[4] >> 16) & 0x7ff), .fip = env[3], .fcs = (uint16_t)env[4],
		    .foo = env[5], .fos = (uint16_t)env[6] };
	else
		__asm__ volatile("fxsave (%0)" :: "r"(fx) : "memory");
	__asm__ volatile("stmxcsr 24(%0)\n\t"
	    "movups %%xmm0, 160(%0)\n\tmovups %%xmm1, 176(%0)\n\t"
	    "movups %%xmm2, 192(%0)\n\tmovups %%xmm3, 208(%0)\n\t"
	    "movups %%xmm4, 224(%0)\n\tmovups %%xmm5, 240(%0)\n\t"
	    "movups %%xmm6, 256(%0)\n\tmovups %%xmm7, 272(%0)"
	    :: "r"(fx) : "memory");
}

/* Load the x87 half of image FX (the kernel's upret loads the SSE half):
 * with every register empty, the environment alone (fldenv). */
static void
fx_load(const uint8_t *fx)
{
	const struct lx_fxhdr *x = (const struct lx_fxhdr *)fx;
	uint32_t env[7];

	if (ANY_VALID(x->ftw)) {
		__asm__ volatile("fxrstor (%0)" :: "r"(fx) : "memory");
		return;
	}
	env[0] = x->fcw;
	env[1] = x->fsw;
	env[2] = 0xffff;
	env[3] = x->fip;
	env[4] = x->fcs | (uint32_t)(x->fop & 0x7ff) << 16;
	env[5] = x->foo;
	env[6] = x->fos;
	__asm__ volatile("fldenv %0" :: "m"(env) : "memory");
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
crit_exit(void)
{
	if (--ctl.uc_crit == 0 && ctl.uc_pending) {
		uint32_t e = 0;

		__asm__ volatile("int $0x81" : "+a"(e) : "c"(0), "d"(0) : "memory");
	}
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
	fx_load(c->uf_fx);
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

	fx_save(c.uf_fx);
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

/* ---- sigreturn ---- */

/* The program's stack pointer at its int 0x80 (lx_entry.S's saved frame). */
static uint32_t
caller_sp(void)
{
	return (uint32_t)(lx_cur_frame + 9);
}

static void __attribute__((noreturn))
sigreturn_to(const struct lx_sigcontext *sc, uint64_t mask)
{
	_Alignas(64) struct vk_upframe_abi c;

	if (sc->fpstate != 0)
		get_fpstate(c.uf_fx, (const uint8_t *)sc->fpstate);
	else
		fx_init(c.uf_fx);
	c.uf_eax = sc->eax;
	c.uf_ebx = sc->ebx;
	c.uf_ecx = sc->ecx;
	c.uf_edx = sc->edx;
	c.uf_esi = sc->esi;
	c.uf_edi = sc->edi;
	c.uf_ebp = sc->ebp;
	c.uf_esp = sc->esp;
	c.uf_eip = sc->eip;
	c.uf_eflags = sc->eflags;
	c.uf_gs = sc->gs & 0xffff;
	ctl.uc_crit++;
	set_mask(mask);
	resume(&c);
}

LX_DECL(rt_sigreturn)
{
	const struct lx_rt_sigframe *f = (const struct lx_rt_sigframe *)(caller_sp() - 4);

	(void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6;
	sig.alt.flags &= (int32_t)~SS_AUTODISARM_L;
	sigreturn_to(&f->uc.uc_mcontext, mask_of(f->uc.uc_sigmask));
}

LX_DECL(sigreturn)
{
	const struct lx_sigframe *f = (const struct lx_sigframe *)(caller_sp() - 8);
	uint32_t m[2] = { f->sc.oldmask, f->extramask[0] };

	(void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6;
	sigreturn_to(&f->sc, mask_of(m));
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
		sig.pending &= ~BIT(s);	/* POSIX: pending ones are discarded */
	sync_ignored();
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

/* Wait until a signal with a handler can be delivered: EINTR for the exit
 * path to deliver it. */
static int32_t
wait_signal(void)
{
	uint32_t e;

	for (;;) {
		ctl.uc_crit++;
		settle();
		if (handler_ready()) {
			crit_exit();
			return -VK_EINTR;
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
	uint64_t m;

	(void)a3; (void)a4; (void)a5; (void)a6;
	if (a2 != 8)
		return -VK_EINVAL;
	m = mask_of(set);
	sig.saved = sig.blocked;
	sig.have_saved = 1;
	set_mask(m);
	return wait_signal();
}

LX_DECL(pause)
{
	(void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6;
	return wait_signal();
}

/* ---- the alternate stack ---- */

LX_DECL(sigaltstack)
{
	const struct lx_stack *ss = (const struct lx_stack *)a1;
	struct lx_stack *oss = (struct lx_stack *)a2, old;
	int on = on_altstack(caller_sp());

	(void)a3; (void)a4; (void)a5; (void)a6;
	old.sp = sig.alt.sp;
	old.size = sig.alt.size;
	old.flags = (sig.alt.size == 0 ? SS_DISABLE_L : on ? SS_ONSTACK_L : 0) |
	    (int32_t)((uint32_t)sig.alt.flags & SS_AUTODISARM_L);
	if (ss != 0) {
		uint32_t mode = (uint32_t)ss->flags & ~SS_AUTODISARM_L;
		struct lx_stack n = *ss;

		if (on)
			return -VK_EPERM;
		if (mode != 0 && mode != SS_ONSTACK_L && mode != SS_DISABLE_L)
			return -VK_EINVAL;
		if (mode == SS_DISABLE_L) {
			n.sp = 0;
			n.size = 0;
		} else if (n.size < MINSIGSTKSZ_L)
			return -VK_ENOMEM;
		sig.alt = n;
	}
	if (oss != 0)
		*oss = old;
	return 0;
}

/* ---- sending ---- */

#define SI_TKILL_L	(-6)

/*
 * A signal this process sends itself.  When the kernel would only hand it
 * straight back through the live request (the signal is caught, ignored or
 * blocked: in the request's set), it is taken here at once, with the same
 * information, which saves the kernel's answer and an upcall; the call's
 * exit path delivers it.  Anything else (the default action) goes to the
 * kernel.
 */
static int32_t
send_self(int32_t s, int32_t code)
{
	struct lx_sinfo si = { .signo = s, .code = code };

	if (s < 1 || s > NSIG_L || !(sig.reqset & BIT(s)))
		return kill_msg((int32_t)ly_shared()->sh_pid, s);
	si.pid = (int32_t)ly_shared()->sh_pid;
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
	if (a1 == ly_shared()->sh_pid)
		return send_self((int32_t)a2, VK_SI_USER);
	return kill_msg((int32_t)a1, (int32_t)a2);
}

LX_DECL(tkill)
{
	(void)a3; (void)a4; (void)a5; (void)a6;
	if ((int32_t)a1 <= 0)
		return -VK_EINVAL;
	if (a1 == ly_shared()->sh_pid)
		return send_self((int32_t)a2, SI_TKILL_L);
	return kill_msg((int32_t)a1, (int32_t)a2);
}

LX_DECL(tgkill)
{
	(void)a4; (void)a5; (void)a6;
	if ((int32_t)a1 <= 0 || (int32_t)a2 <= 0)
		return -VK_EINVAL;
	if (a1 != a2)
		return -VK_ESRCH;
	if (a2 == ly_shared()->sh_pid)
		return send_self((int32_t)a3, SI_TKILL_L);
	return kill_msg((int32_t)a2, (int32_t)a3);
}

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
