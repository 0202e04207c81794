/*
 * layer/lx_itimer.c: Linux's timers that signal (alarm, setitimer and
 * getitimer, the timer_create family) on the kernel's timer messages
 * (command 129).  Each armed timer is one asynchronous timer message on the
 * personality's upcall port (lx_signal.c); its answers become signals
 * through lx_sig_arrive, exactly as signals from the kernel do.
 *
 * Approximations: ITIMER_VIRTUAL and ITIMER_PROF count on CLOCK_MONOTONIC
 * (elapsed, not CPU, time), and so do the CPU-time clocks of timer_create;
 * a realtime absolute timer is converted once, when armed.  SIGEV_THREAD
 * needs threads: EINVAL.
 */
#include "layer/lx.h"

#define NS		1000000000ll
#define NITIMER		3		/* ITIMER_REAL, _VIRTUAL, _PROF */
#define NPOSIX		8
#define TMO		(NITIMER + NPOSIX)	/* a signal wait's timeout */
#define NTMR		(TMO + 1)
#define SIGEV_SIGNAL_L	0
#define SIGEV_NONE_L	1
#define TIMER_ABSTIME_L	1
#define SI_KERNEL_L	0x80

struct lx_tmr {
	_Alignas(8) struct vk_msg_timer m;
	int		used;		/* POSIX timers: created */
	int		inflight;	/* the message is with the kernel */
	uint32_t	clock;		/* the kernel's clock */
	int		signo;		/* 0: SIGEV_NONE */
	int32_t		value;		/* sigev_value */
	int64_t		deadline;	/* next expiry, CLOCK_MONOTONIC ns (0: disarmed) */
	int64_t		interval;
	int32_t		overrun;
};

static struct lx_tmr tmr[NTMR];

static int64_t
now_ns(int realtime)
{
	int64_t sec;
	uint32_t nsec;

	ly_clock_read(realtime, &sec, &nsec);
	return sec * NS + nsec;
}

static int32_t
send(struct vk_msghdr *m)
{
	return (int32_t)lx_call(m);
}

/* Stop T (its message answered ECANCELED, which lx_timer_answer ignores). */
static void
disarm(struct lx_tmr *t)
{
	if (t->inflight) {
		struct vk_msg_abortmsg a;

		ly_hdr(&a.hdr, VK_SYS_abortmsg, sizeof(a));
		a.msg = (uint32_t)&t->m;
		send(&a.hdr);
		t->inflight = 0;
	}
	t->deadline = 0;
}

/* Arm T to expire VALUE ns from now (or at VALUE on its clock with
 * ABS), then every INTERVAL ns; VALUE 0 disarms. */
static int32_t
arm(struct lx_tmr *t, int64_t value, int64_t interval, int abs)
{
	int32_t r;

	disarm(t);
	t->interval = interval;
	t->overrun = 0;
	if (value == 0 && !abs)
		return 0;
	if (abs) {
		value -= now_ns(t->clock == VK_CLOCK_REALTIME);
		if (value < 0)
			value = 0;
	}
	ly_hdr(&t->m.hdr, VK_SYS_timer, sizeof(t->m));
	t->m.hdr.ms_flags = MSGF_ASYNC;
	t->m.hdr.ms_reply = (uint32_t)lx_sig_port();
	t->m.clock = VK_CLOCK_MONOTONIC;
	t->m.flags = 0;
	t->m.value = value;
	t->m.interval = interval;
	t->deadline = now_ns(0) + value;
	t->inflight = 1;
	r = send(&t->m.hdr);
	if (r < 0 && r != -VK_EASYNC) {
		t->inflight = 0;
		t->deadline = 0;
		return r;
	}
	return 0;
}

/* What is left of T, and its interval, in ns. */
static void
remaining(const struct lx_tmr *t, int64_t *value, int64_t *interval)
{
	int64_t left = t->deadline != 0 ? t->deadline - now_ns(0) : 0;

	*value = t->deadline == 0 ? 0 : left > 0 ? left : 1;
	*interval = t->interval;
}

void
lx_timer_answer(struct vk_msghdr *m)
{
	volatile struct vk_msghdr *h = m;
	struct lx_tmr *t = 0;
	struct lx_sinfo si = { .signo = 0 };
	int64_t n;
	int i;

	for (i = 0; i < NTMR; i++)
		if (m == &tmr[i].m.hdr)
			t = &tmr[i];
	if (t == 0 || !(h->ms_flags & MSGF_DONE))
		return;
	h->ms_flags &= ~MSGF_DONE;	/* taken (and a periodic one acknowledged) */
	if (h->ms_error != 0 || !t->inflight)
		return;
	n = h->ms_result > 0 ? h->ms_result : 1;
	if (t->interval > 0)
		t->deadline += n * t->interval;
	else {
		t->deadline = 0;
		t->inflight = 0;
	}
	t->overrun = (int32_t)(n - 1);
	if (t->signo == 0)
		return;
	si.signo = t->signo;
	if (t >= &tmr[NITIMER]) {
		si.code = VK_SI_TIMER;
		si.tid = (int32_t)(t - &tmr[NITIMER]);
		si.overrun = t->overrun;
		si.value = t->value;
	} else
		si.code = SI_KERNEL_L;
	lx_sig_arrive(&si);
}

void
lx_timer_fork_child(void)
{
	/* Linux: a child inherits neither itimers nor POSIX timers, and the
	 * kernel copied none of our timer messages. */
	for (int i = 0; i < NTMR; i++) {
		tmr[i].inflight = 0;
		tmr[i].deadline = 0;
		tmr[i].used = 0;
	}
}

/* ---- the timeout of a signal wait (rt_sigtimedwait) ---- */

int32_t
lx_timeout_start(int64_t ns)
{
	struct lx_tmr *t = &tmr[TMO];

	t->signo = 0;
	t->clock = VK_CLOCK_MONOTONIC;
	return arm(t, ns, 0, 0);
}

int
lx_timeout_over(void)
{
	return !tmr[TMO].inflight;
}

void
lx_timeout_stop(void)
{
	disarm(&tmr[TMO]);
}

/* ---- alarm, setitimer, getitimer ---- */

static const int itimer_sig[NITIMER] = { VK_SIGALRM, VK_SIGVTALRM, VK_SIGPROF };

/* Linux i386's struct itimerval: two struct timeval of 32-bit longs. */
struct lx_itimerval {
	int32_t		int_sec, int_usec, val_sec, val_usec;
};

static void
put_itimerval(struct lx_itimerval *v, const struct lx_tmr *t)
{
	int64_t value, interval;

	remaining(t, &value, &interval);
	v->int_sec = (int32_t)(interval / NS);
	v->int_usec = (int32_t)(interval % NS / 1000);
	v->val_sec = (int32_t)(value / NS);
	v->val_usec = (int32_t)((value % NS + 999) / 1000);
	if (v->val_usec == 1000000) {
		v->val_sec++;
		v->val_usec = 0;
	}
}

LX_DECL(getitimer)
{
	(void)a3; (void)a4; (void)a5; (void)a6;
	if (a1 >= NITIMER)
		return -VK_EINVAL;
	put_itimerval((struct lx_itimerval *)a2, &tmr[a1]);
	return 0;
}

LX_DECL(setitimer)
{
	const struct lx_itimerval *nv = (const struct lx_itimerval *)a2;
	struct lx_itimerval n, old;
	struct lx_tmr *t;

	(void)a4; (void)a5; (void)a6;
	if (a1 >= NITIMER)
		return -VK_EINVAL;
	t = &tmr[a1];
	if (nv != 0) {
		n = *nv;
		if (n.int_usec < 0 || n.int_usec >= 1000000 || n.val_usec < 0 || n.val_usec >= 1000000 ||
		    n.int_sec < 0 || n.val_sec < 0)
			return -VK_EINVAL;
	}
	put_itimerval(&old, t);
	if (a3 != 0)
		*(struct lx_itimerval *)a3 = old;
	if (nv == 0)
		return 0;
	t->signo = itimer_sig[a1];
	t->clock = VK_CLOCK_MONOTONIC;
	return arm(t, n.val_sec * NS + n.val_usec * 1000ll, n.int_sec * NS + n.int_usec * 1000ll, 0);
}

LX_DECL(alarm)
{
	struct lx_tmr *t = &tmr[0];
	int64_t value, interval;
	int32_t left;

	(void)a2; (void)a3; (void)a4; (void)a5; (void)a6;
	remaining(t, &value, &interval);
	left = (int32_t)((value + NS / 2) / NS);
	if (left == 0 && value > 0)
		left = 1;
	t->signo = VK_SIGALRM;
	t->clock = VK_CLOCK_MONOTONIC;
	arm(t, a1 * NS, 0, 0);
	return left;
}

/* ---- timer_create and friends ---- */

/* Linux i386's struct sigevent (the part read here). */
struct lx_sigevent {
	int32_t		value;
	int32_t		signo;
	int32_t		notify;
};

static struct lx_tmr *
posix_timer(uint32_t id)
{
	if (id >= NPOSIX || !tmr[NITIMER + id].used)
		return 0;
	return &tmr[NITIMER + id];
}

LX_DECL(timer_create)
{
	const struct lx_sigevent *ev = (const struct lx_sigevent *)a2;
	int32_t *id = (int32_t *)a3;
	struct lx_sigevent e;
	uint32_t i;

	(void)a4; (void)a5; (void)a6;
	switch (a1) {
	case VK_CLOCK_REALTIME: case VK_CLOCK_MONOTONIC:
	case 2: case 3: case 7:		/* the CPU-time clocks and BOOTTIME: on the monotonic line */
		break;
	default:
		return -VK_EINVAL;
	}
	for (i = 0; i < NPOSIX && tmr[NITIMER + i].used; i++)
		;
	if (i == NPOSIX)
		return -VK_EAGAIN;
	if (ev != 0)
		e = *ev;
	else {
		e.value = (int32_t)i;
		e.signo = VK_SIGALRM;
		e.notify = SIGEV_SIGNAL_L;
	}
	if (e.notify != SIGEV_NONE_L && (e.notify != SIGEV_SIGNAL_L || e.signo < 1 || e.signo > 64))
		return -VK_EINVAL;
	*id = (int32_t)i;
	tmr[NITIMER + i] = (struct lx_tmr){ .used = 1,
	    .clock = a1 == VK_CLOCK_REALTIME ? VK_CLOCK_REALTIME : VK_CLOCK_MONOTONIC,
	    .signo = e.notify == SIGEV_NONE_L ? 0 : e.signo, .value = e.value };
	return 0;
}

/* An itimerspec of 32-bit (T64 0) or 64-bit timespecs, to and from ns. */
static int
get_its(uint32_t p, int t64, int64_t *interval, int64_t *value)
{
	int64_t v[4];

	if (t64) {
		const int64_t *q = (const int64_t *)p;

		v[0] = q[0];
		v[1] = (int32_t)q[1];
		v[2] = q[2];
		v[3] = (int32_t)q[3];
	} else {
		const int32_t *q = (const int32_t *)p;

		v[0] = q[0];
		v[1] = q[1];
		v[2] = q[2];
		v[3] = q[3];
	}
	if (v[0] < 0 || v[2] < 0 || v[1] < 0 || v[1] >= NS || v[3] < 0 || v[3] >= NS)
		return -VK_EINVAL;
	*interval = v[0] * NS + v[1];
	*value = v[2] * NS + v[3];
	return 0;
}

static void
put_its(uint32_t p, int t64, const struct lx_tmr *t)
{
	int64_t value, interval;

	remaining(t, &value, &interval);
	if (t64) {
		int64_t *q = (int64_t *)p;

		q[0] = interval / NS;
		q[1] = interval % NS;
		q[2] = value / NS;
		q[3] = value % NS;
	} else {
		int32_t *q = (int32_t *)p;

		q[0] = (int32_t)(interval / NS);
		q[1] = (int32_t)(interval % NS);
		q[2] = (int32_t)(value / NS);
		q[3] = (int32_t)(value % NS);
	}
}

static int32_t
settime(uint32_t id, uint32_t flags, uint32_t nv, uint32_t ov, int t64)
{
	struct lx_tmr *t = posix_timer(id);
	int64_t interval, value;
	int e;

	if (t == 0)
		return -VK_EINVAL;
	if ((e = get_its(nv, t64, &interval, &value)) != 0)
		return e;
	if (ov != 0)
		put_its(ov, t64, t);
	if (value == 0) {
		disarm(t);
		return 0;
	}
	return arm(t, value, interval, (flags & TIMER_ABSTIME_L) != 0);
}

static int32_t
gettime(uint32_t id, uint32_t cur, int t64)
{
	struct lx_tmr *t = posix_timer(id);

	if (t == 0)
		return -VK_EINVAL;
	put_its(cur, t64, t);
	return 0;
}

LX_DECL(timer_settime)		{ (void)a5; (void)a6; return settime(a1, a2, a3, a4, 0); }
LX_DECL(timer_settime64)	{ (void)a5; (void)a6; return settime(a1, a2, a3, a4, 1); }
LX_DECL(timer_gettime)		{ (void)a3; (void)a4; (void)a5; (void)a6; return gettime(a1, a2, 0); }
LX_DECL(timer_gettime64)	{ (void)a3; (void)a4; (void)a5; (void)a6; return gettime(a1, a2, 1); }

LX_DECL(timer_getoverrun)
{
	struct lx_tmr *t = posix_timer(a1);

	(void)a2; (void)a3; (void)a4; (void)a5; (void)a6;
	return t != 0 ? t->overrun : -VK_EINVAL;
}

LX_DECL(timer_delete)
{
	struct lx_tmr *t = posix_timer(a1);

	(void)a2; (void)a3; (void)a4; (void)a5; (void)a6;
	if (t == 0)
		return -VK_EINVAL;
	disarm(t);
	t->used = 0;
	return 0;
}
