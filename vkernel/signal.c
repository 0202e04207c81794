/*
 * vkernel/signal.c: signals and timers as live messages (seed 004).
 *
 * A program asks for signals by sending a sigreq message with MSGF_ASYNC: it
 * is queued like any request (async.c) but stays live after each answer.
 * When a signal in its set arrives, the kernel writes the signal's
 * information into the program's message, answers it (MSGF_DONE, with
 * MSGF_QUEUED still set: it is live) and puts it on its reply port, which
 * may upcall (upcall.c).  The program takes the answer and clears MSGF_DONE;
 * until then further signals wait in the request (a standard signal once,
 * real-time ones queued).  A periodic timer message is live the same way and
 * carries the number of expiries.  abortmsg ends either.
 *
 * A signal no live request takes is discarded if the process ignores it
 * (sigign: a set that fork and execve keep, as POSIX keeps ignored
 * dispositions), else gets its default action: most end the process with
 * that signal's wait status; SIGCHLD, SIGCONT, SIGURG and
 * SIGWINCH are discarded; the stop signals stop the process until SIGCONT
 * (its parent's wait4 with WUNTRACED/WCONTINUED sees both).  The first
 * process's group is orphaned (its parent is outside vkrun): there SIGSTOP
 * stops vkrun itself and the terminal's stop signals are discarded.
 *
 * Sources: kill (any process), faults (a live request whose port upcalls
 * can take SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP; otherwise the process
 * dies), SIGCHLD when a child ends, SIGPIPE with EPIPE, and SIGINT, SIGQUIT,
 * SIGTERM and SIGHUP that vkrun itself receives, forwarded to the first
 * process's group.
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "cpu/cpu.h"
#include "vkernel/kernel.h"

#define BIT(sig)	(1ull << ((sig) - 1))
#define UNCATCHABLE	(BIT(VK_SIGKILL) | BIT(VK_SIGSTOP))

enum dfl { DFL_TERM, DFL_IGN, DFL_STOP };

static enum dfl
default_action(int sig)
{
	switch (sig) {
	case VK_SIGCHLD: case VK_SIGCONT: case VK_SIGURG: case VK_SIGWINCH:
		return DFL_IGN;
	case VK_SIGSTOP: case VK_SIGTSTP: case VK_SIGTTIN: case VK_SIGTTOU:
		return DFL_STOP;
	}
	return DFL_TERM;
}

/* The live sigreq of T that takes SIG, oldest first; NULL if none. */
static struct vk_req *
taker(struct vk_proc *t, int sig)
{
	for (struct vk_req *r = t->reqs; r != NULL; r = r->next)
		if (r->live && !r->held && r->w.kind == VK_WAIT_SIGNAL && (r->w.sigset & BIT(sig)))
			return r;
	return NULL;
}

/* Fill sigreq message M's outputs from SI. */
static void
put_info(struct vk_msg_sigreq *m, const struct vk_siginfo *si)
{
	m->signo = si->signo;
	m->code = si->code;
	m->pid = si->pid;
	m->uid = si->uid;
	m->status = si->status;
	m->addr = si->addr;
	m->value = si->value;
	m->hdr.ms_result = si->signo;
}

/* Answer R with its oldest waiting signal, if the program has taken the last. */
static void
sig_answer(struct vk_proc *p, struct vk_req *r)
{
	union {
		struct vk_msg_sigreq s;
		unsigned char	b[VK_MSG_MAX];
	} m;

	if (r->returned || r->nq == 0)
		return;
	memcpy(m.b, r->m.b, r->size);
	put_info(&m.s, &r->q[0]);
	memmove(&r->q[0], &r->q[1], (size_t)(r->nq - 1) * sizeof(r->q[0]));
	r->nq--;
	vk_live_answer(p, r, m.b);
}

static void
timer_answer(struct vk_proc *p, struct vk_req *r)
{
	union {
		struct vk_msghdr h;
		unsigned char	b[VK_MSG_MAX];
	} m;

	if (r->returned || r->expiries == 0)
		return;
	memcpy(m.b, r->m.b, r->size);
	m.h.ms_result = (int64_t)r->expiries;
	r->expiries = 0;
	vk_live_answer(p, r, m.b);
}

void
vk_live_ack(struct vk_proc *p)
{
	for (struct vk_req *r = p->reqs; r != NULL; r = r->next) {
		const struct vk_msghdr *g;

		if (!r->live || !r->returned)
			continue;
		g = vk_guest_ptr(&p->vm, r->umsg, sizeof(*g), VK_ACC_READ);
		if (g == NULL || (g->ms_flags & MSGF_DONE))
			continue;
		r->returned = 0;
		p->nunacked--;
		if (r->w.kind == VK_WAIT_SIGNAL)
			sig_answer(p, r);
		else
			timer_answer(p, r);
	}
}

void
vk_timer_fire(struct vk_proc *p, struct vk_req *r)
{
	uint64_t now = vk_now_ns(), n = 1;

	if (now > r->w.deadline)
		n += (now - r->w.deadline) / r->w.period;
	r->w.deadline += n * r->w.period;
	r->w.ready = r->w.timed_out = 0;
	r->expiries += n;
	timer_answer(p, r);
}

/* End T as SIG's default action does. */
static void
terminate(struct vk_proc *t, int sig)
{
	if (t->in_hook) {
		vk_trace_line(t, "killed by signal %d", sig);
		vk_proc_exit(t, sig);
	} else if (t == t->k->current) {
		vk_trace_line(t, "killed by signal %d", sig);
		t->exited = 1;		/* the run loop makes it a zombie */
		t->status = sig;
	} else
		vk_sched_kill(t, sig);
}

/* Stop T (STOP) or continue it, and tell its parent: a wait4 with
 * WUNTRACED or WCONTINUED reports it once, and SIGCHLD says it. */
static void
stop_or_continue(struct vk_proc *t, int stop)
{
	struct vk_proc *parent = t->parent;

	t->stopped = stop;
	t->stop_report = stop;
	t->cont_report = !stop;
	vk_trace_line(t, stop ? "stopped by signal %d" : "continued (signal %d)", stop ? t->stop_sig : VK_SIGCONT);
	if (stop && t->in_hook)
		cpu_request_stop(t->cpu);	/* it stops now, its call answered */
	if (parent == NULL)
		return;
	if (parent->run == VK_BLOCKED && parent->w.kind == VK_WAIT_CHILD)
		parent->run = VK_RUNNABLE;	/* its wait4 looks again */
	vk_async_child_ended(parent);
	vk_signal_send(parent, &(struct vk_siginfo){ .signo = VK_SIGCHLD, .pid = t->pid,
	    .uid = (int32_t)t->k->opt.uid, .code = stop ? VK_CLD_STOPPED : VK_CLD_CONTINUED,
	    .status = stop ? t->stop_sig : VK_SIGCONT });
}

/* Add SI to queue Q of *N (a standard signal once, real-time ones in
 * order): 0, or EAGAIN when it had to be added and Q is full. */
static int
enqueue(struct vk_siginfo *q, int *n, const struct vk_siginfo *si)
{
	int i;

	for (i = 0; i < *n && (si->signo >= VK_SIGRTMIN || q[i].signo != si->signo); i++)
		;
	if (i < *n)
		return 0;
	if (*n == VK_SIGQ_MAX)
		return VK_EAGAIN;
	q[(*n)++] = *si;
	return 0;
}

int
vk_signal_send(struct vk_proc *t, const struct vk_siginfo *si)
{
	int sig = si->signo, e;
	struct vk_req *r;

	if (t->run == VK_ZOMBIE || t->exited || sig < 1 || sig > VK_NSIG)
		return 0;
	t->stats.signals++;
	/* SIGCONT continues a stopped process whatever becomes of it next. */
	if (sig == VK_SIGCONT && t->stopped)
		stop_or_continue(t, 0);
	if (!(BIT(sig) & UNCATCHABLE)) {
		/* A synchronous sigreq sleeping for it. */
		if (t->run == VK_BLOCKED && t->w.kind == VK_WAIT_SIGNAL && (t->w.sigset & BIT(sig))) {
			t->w.si = *si;
			t->w.kind = VK_WAIT_NONE;
			t->run = VK_RUNNABLE;
			return 0;
		}
		if ((r = taker(t, sig)) != NULL) {
			e = enqueue(r->q, &r->nq, si);
			sig_answer(t, r);
			return e;
		}
	}
	if (t->sigign & BIT(sig)) {
		vk_trace_line(t, "signal %d: ignored", sig);
		return 0;
	}
	if (t->sigblock & BIT(sig)) {
		/* Held until a live request takes it or the set stops blocking it. */
		e = enqueue(t->held, &t->nheld, si);
		vk_trace_line(t, e == 0 ? "signal %d: blocked, held" : "signal %d: blocked, no room to hold it", sig);
		return e;
	}
	switch (default_action(sig)) {
	case DFL_IGN:
		vk_trace_line(t, "signal %d: default action: discarded", sig);
		return 0;
	case DFL_STOP:
		if (t == t->k->init) {
			/* The first process's group is orphaned (its parent is
			 * outside vkrun): SIGSTOP stops vkrun itself, the
			 * terminal's stop signals are discarded, as Linux does. */
			if (sig == VK_SIGSTOP) {
				vk_trace_line(t, "stopped by signal %d: vkrun stops until SIGCONT", sig);
				kill(getpid(), SIGSTOP);
			} else
				vk_trace_line(t, "signal %d: default action (stop): discarded, the group is orphaned", sig);
		} else if (!t->stopped) {
			t->stop_sig = sig;
			stop_or_continue(t, 1);
		}
		return 0;
	case DFL_TERM:
		terminate(t, sig);
		return 0;
	}
	return 0;
}

int
vk_signal_unqueue(struct vk_req *r, struct vk_siginfo *q)
{
	int n = r->live && r->w.kind == VK_WAIT_SIGNAL ? r->nq : 0;

	memcpy(q, r->q, (size_t)n * sizeof(*q));
	r->nq = 0;
	return n;
}

void
vk_signal_raise(struct vk_proc *t, int sig, int code)
{
	struct vk_siginfo si = { .signo = sig, .code = code, .pid = t->pid, .uid = (int32_t)t->k->opt.uid };

	vk_signal_send(t, &si);
}

void
vk_signal_child(struct vk_proc *parent, const struct vk_proc *c)
{
	struct vk_siginfo si = { .signo = VK_SIGCHLD, .pid = c->pid, .uid = (int32_t)c->k->opt.uid };

	if ((c->status & 0x7f) == 0) {
		si.code = VK_CLD_EXITED;
		si.status = (c->status >> 8) & 0xff;
	} else {
		si.code = (c->status & 0x80) ? VK_CLD_DUMPED : VK_CLD_KILLED;
		si.status = c->status & 0x7f;
	}
	vk_signal_send(parent, &si);
}

int
vk_signal_fault(struct vk_proc *p, int sig, int code, uint32_t addr)
{
	struct vk_siginfo si = { .signo = sig, .code = code, .addr = addr };
	struct vk_req *r = taker(p, sig);

	/* Only a handler that runs now can take a fault: the process cannot go
	 * on past it.  The answer must be the next thing the port gets. */
	if (r == NULL || r->returned || r->nq > 0)
		return 0;
	r->q[r->nq++] = si;
	sig_answer(p, r);
	if (!vk_upcall_deliver(p, VK_UF_FAULT)) {
		vk_trace_line(p, "signal %d for a fault could not be delivered now", sig);
		return 0;
	}
	return 1;
}

/* ---- the messages ---- */

int
vk_sys_sigreq(struct vk_proc *p, struct vk_msg_sigreq *m)
{
	uint64_t set = m->setlo | (uint64_t)m->sethi << 32;

	if (p->w.si.signo != 0 && !p->in_async) {
		/* A synchronous sigreq, woken by its signal and sent again. */
		put_info(m, &p->w.si);
		p->w.si.signo = 0;
		return 0;
	}
	if (set == 0 || (set & UNCATCHABLE))
		return VK_EINVAL;
	if (!p->in_async && p->k->nprocs == 1 && p->k->nlive == 0 && !(set & VK_HOSTSIGS))
		return VK_EDEADLK;	/* alone, nothing could ever send it */
	p->w.kind = VK_WAIT_SIGNAL;
	p->w.sigset = set;
	p->w.n = 0;
	p->w.deadline = 0;
	p->w.ready = p->w.timed_out = 0;
	p->w.si.signo = 0;
	return VK_BLOCK;
}

int
vk_sys_sigset(struct vk_proc *p, struct vk_msg_sigset *m)
{
	uint64_t set = m->setlo | (uint64_t)m->sethi << 32;
	struct vk_req *r = vk_async_find(p, m->msg);

	if (r == NULL || !r->live || r->w.kind != VK_WAIT_SIGNAL)
		return VK_ENOENT;
	if (set == 0 || (set & UNCATCHABLE))
		return VK_EINVAL;
	r->w.sigset = set;
	/* Signals waiting here that the request no longer takes go elsewhere. */
	for (int i = 0; i < r->nq; i++)
		if (!(set & BIT(r->q[i].signo))) {
			struct vk_siginfo si = r->q[i];

			memmove(&r->q[i], &r->q[i + 1], (size_t)(r->nq - i - 1) * sizeof(r->q[0]));
			r->nq--;
			i--;
			vk_signal_send(p, &si);
		}
	if (p->nheld > 0)
		vk_signal_release(p);
	return 0;
}

#define NS	1000000000ll

int
vk_sys_timer(struct vk_proc *p, struct vk_msg_timer *m)
{
	struct timespec ts;
	int64_t deadline, now = (int64_t)vk_now_ns();

	if (p->w.timed_out) {
		/* One expiry: a one-shot timer, or a synchronous wait. */
		p->w.timed_out = 0;
		m->hdr.ms_result = 1;
		return 0;
	}
	if ((m->clock != VK_CLOCK_REALTIME && m->clock != VK_CLOCK_MONOTONIC) ||
	    (m->flags & ~(uint32_t)VK_TIMER_ABSTIME) || m->value < 0 || m->interval < 0)
		return VK_EINVAL;
	if (!(m->flags & VK_TIMER_ABSTIME))
		deadline = now + m->value;
	else if (m->clock == VK_CLOCK_MONOTONIC)
		deadline = m->value;
	else {
		/* Realtime: converted once, at arming (a clock step later is not followed). */
		clock_gettime(CLOCK_REALTIME, &ts);
		deadline = now + (m->value - ((int64_t)ts.tv_sec * NS + ts.tv_nsec));
	}
	if (deadline < now)
		deadline = now;
	vk_sched_block_until(p, (uint64_t)deadline);
	if (m->interval > 0 && p->in_async) {
		p->w.kind = VK_WAIT_TIMER;
		p->w.period = (uint64_t)m->interval;
	}
	return VK_BLOCK;
}

void
vk_signal_release(struct vk_proc *p)
{
	for (int i = 0; i < p->nheld; i++) {
		struct vk_siginfo si = p->held[i];

		if (taker(p, si.signo) == NULL && (p->sigblock & BIT(si.signo)))
			continue;
		memmove(&p->held[i], &p->held[i + 1], (size_t)(p->nheld - i - 1) * sizeof(p->held[0]));
		p->nheld--;
		i--;
		vk_signal_send(p, &si);
	}
}

/* sigign and sigblock: read or replace one of P's sets (HOW 0 or 1). */
static int
signal_set(uint64_t *set, uint32_t lo, uint32_t hi, int32_t how, uint32_t *oldlo, uint32_t *oldhi)
{
	uint64_t n = lo | (uint64_t)hi << 32;

	if (how != 0 && how != 1)
		return VK_EINVAL;
	if (how == 1 && (n & UNCATCHABLE))
		return VK_EINVAL;
	*oldlo = (uint32_t)*set;
	*oldhi = (uint32_t)(*set >> 32);
	if (how == 1)
		*set = n;
	return 0;
}

int
vk_sys_sigblock(struct vk_proc *p, struct vk_msg_sigblock *m)
{
	int e = signal_set(&p->sigblock, m->setlo, m->sethi, m->how, &m->oldlo, &m->oldhi);

	if (e == 0 && p->nheld > 0)
		vk_signal_release(p);
	return e;
}

int
vk_sys_sigign(struct vk_proc *p, struct vk_msg_sigign *m)
{
	return signal_set(&p->sigign, m->setlo, m->sethi, m->how, &m->oldlo, &m->oldhi);
}

int
vk_sys_sigflags(struct vk_proc *p, struct vk_msg_sigflags *m)
{
	if ((m->how != 0 && m->how != 1) || (m->flags & ~(uint32_t)VK_SIGF_NOCLDWAIT))
		return VK_EINVAL;
	m->old = p->sigflags;
	if (m->how == 1)
		p->sigflags = m->flags;
	return 0;
}

int
vk_signal_autoreap(const struct vk_proc *p)
{
	return (p->sigign & BIT(VK_SIGCHLD)) || (p->sigflags & VK_SIGF_NOCLDWAIT);
}

/* ---- kill ---- */

/* T is no longer there for kill: reaped, or about to be freed unwaited
 * (a zombie its parent will wait for is still there). */
static int
gone(const struct vk_proc *t)
{
	return t->detached_end;
}

/* Does kill's PID (as the caller P sees it) name T? */
static int
kill_names(struct vk_proc *p, struct vk_proc *t, int pid)
{
	if (pid > 0)
		return t->pid == pid;
	if (pid == 0)
		return vk_pstate(t)->pgid == vk_pstate(p)->pgid;
	if (pid == -1)
		return t != p && t->pid != 1;	/* everyone else but init */
	return vk_pstate(t)->pgid == -pid;
}

/*
 * kill: PID names one process, the caller's group (0), every process but
 * init and the caller (-1), or group -PID; ESRCH when it names none.  The
 * signal goes to each (vk_signal_send), the caller last, so "kill 0" reaches
 * the rest of its group before the caller's own default action ends it.
 * HOW is not used (it served before signals were delivered).
 */
int
vk_sys_kill(struct vk_proc *p, struct vk_msg_kill *m)
{
	struct vk_siginfo si = { .signo = m->sig, .code = VK_SI_USER, .pid = p->pid,
	    .uid = (int32_t)p->k->opt.uid };
	int pid = m->pid, self = 0, found = 0;

	if (m->sig < 0 || m->sig > VK_NSIG)
		return VK_EINVAL;
	if (pid == INT32_MIN)
		return VK_ESRCH;
	for (struct vk_proc *t = p->k->procs; t != NULL; t = t->next) {
		if (gone(t) || !kill_names(p, t, pid))
			continue;
		found = 1;	/* a zombie too, as on Linux; it gets nothing */
		if (t->run == VK_ZOMBIE || t->exited)
			continue;
		if (t == p)
			self = 1;
		else if (m->sig != 0)
			vk_signal_send(t, &si);
	}
	if (!found)
		return VK_ESRCH;
	if (self && m->sig != 0)
		vk_signal_send(p, &si);
	return 0;
}

/*
 * sigqueue: one process, with the sender's code and value.  Linux's rule:
 * nobody may pass a signal off as the kernel's (si_code 0 and above) or
 * as a tkill's to another process.  Unlike kill, a real-time signal that
 * finds its queue full is EAGAIN.
 */
int
vk_sys_sigqueue(struct vk_proc *p, struct vk_msg_sigqueue *m)
{
	struct vk_siginfo si = { .signo = m->sig, .code = m->code, .pid = p->pid,
	    .uid = (int32_t)p->k->opt.uid, .value = m->value };

	if (m->sig < 0 || m->sig > VK_NSIG)
		return VK_EINVAL;
	if ((m->code >= 0 || m->code == VK_SI_TKILL) && m->pid != p->pid)
		return VK_EPERM;
	for (struct vk_proc *t = p->k->procs; t != NULL; t = t->next)
		if (m->pid > 0 && t->pid == m->pid && !gone(t))
			return m->sig == 0 ? 0 : vk_signal_send(t, &si);	/* nothing for a zombie */
	return VK_ESRCH;
}

/* ---- signals vkrun itself receives ---- */

static struct vk_kernel *host_k;
static volatile sig_atomic_t host_pending;

static void
on_host_signal(int sig)
{
	struct vk_kernel *k = host_k;

	/* Nobody could catch it: vkrun ends as its guests would. */
	if (k == NULL || k->nlive == 0) {
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	host_pending |= 1 << sig;
	if (k->current != NULL && k->current->cpu != NULL)
		cpu_preempt_now(k->current->cpu);
}

void
vk_signal_host_init(struct vk_kernel *k)
{
	static const int sigs[] = { SIGINT, SIGQUIT, SIGTERM, SIGHUP };
	struct sigaction sa;

	host_k = k;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_host_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction old;

		/* A signal vkrun was started ignoring stays ignored (nohup, &). */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

int
vk_signal_host_pending(void)
{
	return host_pending != 0;
}

void
vk_signal_host_run(struct vk_kernel *k)
{
	static const int map[][2] = {
		{ SIGINT, VK_SIGINT }, { SIGQUIT, VK_SIGQUIT }, { SIGTERM, VK_SIGTERM }, { SIGHUP, VK_SIGHUP },
	};
	int pend = host_pending;

	host_pending = 0;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		struct vk_siginfo si = { .signo = map[i][1], .code = VK_SI_KERNEL };
		int pgid;

		if (!(pend & (1 << map[i][0])) || k->init == NULL || k->init->run == VK_ZOMBIE)
			continue;
		pgid = vk_pstate(k->init)->pgid;
		for (struct vk_proc *t = k->procs; t != NULL; t = t->next)
			if (t->run != VK_ZOMBIE && !t->exited && vk_pstate(t)->pgid == pgid)
				vk_signal_send(t, &si);
	}
}
