/*
 * vkernel/sched.c: many processes in one vkrun: the process table, the run
 * loop, and the calls that make and end processes: fork, execve, wait4.
 * docs/processes-plan.md is the design.
 *
 * A process runs until it exits, blocks or execs.  A handler that cannot
 * finish now returns VK_BLOCK: the gate leaves the message unanswered and
 * stops the CPU, and here EIP is moved back onto the int 0x81, so that the
 * message is simply sent again once the process is woken (seed 004's
 * "synchronous requests block the sender").  When nothing can run, vkrun
 * sleeps in poll() on the host descriptors the blocked processes wait for.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cpu/cpu.h"
#include "loader/loader.h"
#include "vkernel/kernel.h"
#include "vk_sysproto.h"

#define VK_MAX_PROCS	4096
#define VK_WNOHANG	1
#define VK_WUNTRACED	2
#define VK_WCONTINUED	8

static int wake_blocked(struct vk_kernel *k, int sleep);

struct vk_exec {
	struct ld_image	img;
	char		*name;
	char		**argv, **envp;	/* each a NULL-terminated vector of owned strings */
};

void
vk_sched_add(struct vk_kernel *k, struct vk_proc *p)
{
	p->next = k->procs;
	k->procs = p;
	k->nprocs++;
	p->run = VK_RUNNABLE;
	if (k->init == NULL)
		k->init = p;
}

int
vk_sched_slice_over(struct vk_proc *p)
{
	if (p->k->nprocs < 2 || vk_rdtsc() < p->slice_end)
		return 0;
	wake_blocked(p->k, 0);	/* a sleeper's deadline, a pipe's data */
	for (struct vk_proc *q = p->k->procs; q != NULL; q = q->next)
		if (q != p && q->run == VK_RUNNABLE && !q->stopped)
			return 1;
	p->slice_end = vk_rdtsc() + VK_SLICE_TICKS;	/* nobody else: a fresh slice */
	return 0;
}

int
vk_sched_can_block(const struct vk_proc *p)
{
	return p->k->nprocs > 1 || p->in_async;
}

int
vk_sched_block_fd(struct vk_proc *p, int hostfd, short events)
{
	struct pollfd pf = { .fd = hostfd, .events = events };

	return vk_sched_block_poll(p, &pf, 1, -1);
}

int
vk_sched_block_poll(struct vk_proc *p, const struct pollfd *fds, int n, int timeout_ms)
{
	p->w.kind = VK_WAIT_FD;
	p->w.n = 0;
	for (int i = 0; i < n && p->w.n < VK_WAIT_MAX; i++)
		if (fds[i].fd >= 0)
			p->w.pfd[p->w.n++] = (struct pollfd){ .fd = fds[i].fd, .events = fds[i].events };
	p->w.deadline = timeout_ms < 0 ? 0 : vk_now_ns() + (uint64_t)timeout_ms * 1000000u;
	p->w.timed_out = p->w.ready = 0;
	return VK_BLOCK;
}

int
vk_sched_block_until(struct vk_proc *p, uint64_t deadline)
{
	p->w.kind = VK_WAIT_FD;
	p->w.n = 0;
	p->w.deadline = deadline != 0 ? deadline : 1;
	p->w.timed_out = p->w.ready = 0;
	return VK_BLOCK;
}

static void
free_vector(char **v)
{
	for (char **s = v; s != NULL && *s != NULL; s++)
		free(*s);
	free(v);
}

static void
free_exec(struct vk_exec *x)
{
	if (x == NULL)
		return;
	ld_free(&x->img);
	free(x->name);
	free_vector(x->argv);
	free_vector(x->envp);
	free(x);
}

/* ---- ending ---- */

/* P has ended: keep only its status for its parent; its children go to init. */
static void
make_zombie(struct vk_kernel *k, struct vk_proc *p)
{
	if (k->opt.stats != NULL)
		vk_stats_print(p, k->opt.stats);
	vk_async_free(p);
	vk_fd_free(&p->fds);
	cpu_free(p->cpu);	/* first: a reused engine unmaps guest memory still there */
	p->cpu = NULL;
	vk_vm_free(&p->vm);
	p->shared = NULL;
	free_exec(p->exec);
	p->exec = NULL;
	p->run = VK_ZOMBIE;
	k->nprocs--;
	for (struct vk_proc *c = k->procs; c != NULL; c = c->next)
		if (c->parent == p) {
			c->parent = p == k->init ? NULL : k->init;
			c->ppid = c->parent != NULL ? c->parent->pid : 0;
			if (c->shared != NULL)
				c->shared->sh_ppid = (uint32_t)c->ppid;
		}
	if (p->parent != NULL) {
		struct vk_proc *parent = p->parent;

		if (parent->run == VK_BLOCKED && parent->w.kind == VK_WAIT_CHILD)
			parent->run = VK_RUNNABLE;	/* its wait4 looks again */
		if (vk_signal_autoreap(parent)) {
			/* POSIX: a parent that ignores SIGCHLD (or asked for
			 * SA_NOCLDWAIT) leaves no zombies: its wait4 sees the
			 * child gone, ECHILD once none is left. */
			vk_trace_line(p, "reaped at once: its parent does not wait for children");
			p->parent = NULL;
			p->detached_end = 1;
			k->ndetached++;
		}
		vk_async_child_ended(parent);
		if (!(parent->sigign & (1ull << (VK_SIGCHLD - 1))))
			vk_signal_child(parent, p);
	} else if (p != k->init) {
		p->detached_end = 1;	/* nobody will wait: the run loop frees it */
		k->ndetached++;
	}
}

void
vk_sched_kill(struct vk_proc *t, int sig)
{
	if (t->run == VK_ZOMBIE || t->exited)
		return;
	vk_trace_line(t, "killed by signal %d (sent by another process)", sig);
	t->exited = 1;
	t->status = sig;
	make_zombie(t->k, t);
}

static void
reap(struct vk_kernel *k, struct vk_proc *z)
{
	for (struct vk_proc **pp = &k->procs; *pp != NULL; pp = &(*pp)->next)
		if (*pp == z) {
			*pp = z->next;
			break;
		}
	if (k->last == z)
		k->last = NULL;
	vk_proc_free(z);
}

void
vk_sched_free(struct vk_kernel *k)
{
	while (k->procs != NULL) {
		struct vk_proc *p = k->procs;

		k->procs = p->next;
		free_exec(p->exec);
		vk_proc_free(p);
	}
	k->init = NULL;
	k->nprocs = 0;
}

/* ---- exec, after the gate ---- */

static void
do_exec(struct vk_proc *p)
{
	struct vk_exec *x = p->exec;
	char err[512], cerr[256];
	int e;

	p->exec = NULL;
	vk_async_free(p);	/* their messages are gone with the old image */
	for (int i = 0; i < VK_NOFILE; i++)
		if (p->fds.fd[i] != NULL && p->fds.cloexec[i])
			vk_fd_close(&p->fds, i);
	p->stats.warmups += cpu_warmups(p->cpu);
	cpu_free(p->cpu);	/* kept for reuse: the cpu_new below takes it back */
	vk_vm_free(&p->vm);
	p->layer = NULL;
	p->shared = NULL;
	p->lx_int80 = p->lx_frame = 0;
	p->gs = 0;
	p->upctl = 0;		/* the new image registers its own */
	p->sigflags = 0;	/* Linux clears sa_flags at execve */
	p->nupc = 0;
	p->intr = 0;
	free(p->name);
	p->name = x->name;
	x->name = NULL;
	vk_proc_set_exe(p, p->name);
	p->cpu = cpu_new_code(vk_gate, p, vk_image_code_id(p->k, &x->img), cerr, sizeof(cerr));
	if (p->cpu == NULL || vk_vm_init(&p->vm, p->cpu) != 0) {
		snprintf(err, sizeof(err), "%s: cannot create a CPU: %s", p->name, cerr);
		e = 125;
	} else
		e = vk_proc_image(p, &x->img, x->argv, x->envp, err, sizeof(err));
	free_exec(x);
	if (e != 0) {
		/* Past the point of no return, as on Linux: the process dies. */
		fprintf(stderr, "vkrun: %s\n", err);
		p->exited = 1;
		p->status = VK_SIGSEGV;
	}
	vk_trace_line(p, "execve done: %s", p->name);
}

/* ---- the run loop ---- */

/*
 * Whether P, about to run, must be preemptible: another process wants the
 * CPU now, or could want it while P runs without P's help (a sleeper's
 * deadline, a descriptor the host may make ready, a queued request).
 * Processes waiting for a child or a reply need nothing from the clock.
 */
static int
needs_preemption(struct vk_kernel *k, struct vk_proc *p)
{
	if (k->nreqs > 0 || k->nlive > 0)
		return 1;
	for (struct vk_proc *q = k->procs; q != NULL; q = q->next)
		if (q != p && !q->stopped && (q->run == VK_RUNNABLE || (q->run == VK_BLOCKED && q->w.kind == VK_WAIT_FD)))
			return 1;
	return 0;
}

static void
run_one(struct vk_kernel *k, struct vk_proc *p)
{
	p->slice_end = vk_rdtsc() + VK_SLICE_TICKS;
	/* A process alone runs without the block hook (at full speed); once it
	 * has company (or a live request: a timer, a signal from the host) it
	 * gets one, and keeps it.  A timer due before the slice ends stops it
	 * then. */
	if (needs_preemption(k, p)) {
		uint64_t end = vk_now_ns() + VK_SLICE_NS, t = vk_async_next_timer(k);

		cpu_preempt(p->cpu, t != 0 && t < end ? t : end);
	} else
		cpu_preempt(p->cpu, UINT64_MAX);
	/* Upcalls due (and a blocked call they interrupt) start before it runs. */
	if (p->nupc > 0 || p->intr || p->nunacked > 0)
		vk_upcall_run(p);
	k->current = p;
	if (!p->exited)
		vk_proc_step(p);
	k->current = NULL;
	if (p->cpu != NULL && cpu_preempted(p->cpu)) {
		p->stats.preempted++;
		wake_blocked(k, 0);	/* a sleeper's deadline, a pipe's data */
	}
	if (p->rewind && !p->exited) {
		struct cpu_regs r;

		cpu_regs_get(p->cpu, &r);
		r.eip -= 2;		/* back onto the int 0x81 (cd 81) */
		cpu_regs_set(p->cpu, &r);
	}
	p->rewind = 0;
	if (p->exec != NULL && !p->exited)
		do_exec(p);
	if (p->exited)
		make_zombie(k, p);
}

/*
 * Wake the blocked processes whose descriptor is ready or whose deadline has
 * passed.  With SLEEP (nothing is runnable), first sleep in poll() until one
 * of them, or a queued request, could go on.  Returns -1 when sleeping was
 * asked for but nothing could ever wake anyone, else 0.
 */
static int
wake_blocked(struct vk_kernel *k, int sleep)
{
	static struct pollfd fds[VK_MAX_PROCS];
	static struct vk_proc *who[VK_MAX_PROCS];
	uint64_t now, next = 0;
	int n = 0, nproc, r, timeout = -1;

	for (struct vk_proc *p = k->procs; p != NULL; p = p->next) {
		if (p->run != VK_BLOCKED || p->w.kind != VK_WAIT_FD)
			continue;
		for (int i = 0; i < p->w.n && n < VK_MAX_PROCS; i++) {
			fds[n] = p->w.pfd[i];
			fds[n].revents = 0;
			who[n++] = p;
		}
		if (p->w.deadline != 0 && (next == 0 || p->w.deadline < next))
			next = p->w.deadline;
	}
	nproc = n;
	if (sleep && k->nreqs > 0)
		vk_async_pollset(k, fds, VK_MAX_PROCS, &n, &next);
	/* With live requests, a signal vkrun receives can still wake someone:
	 * poll() with nothing to watch sleeps until one comes. */
	if (n == 0 && next == 0 && (!sleep || k->nlive == 0))
		return sleep ? -1 : 0;
	if (!sleep)
		timeout = 0;
	else if (next != 0) {
		now = vk_now_ns();
		timeout = next <= now ? 0 : (int)((next - now + 999999) / 1000000);
	}
	if (n > 0 || timeout != 0) {
		do
			r = poll(fds, (nfds_t)n, timeout);
		while (r < 0 && errno == EINTR && !vk_signal_host_pending());
		if (r < 0)
			return 0;	/* a host signal: the run loop forwards it */
	}
	for (int i = 0; i < nproc; i++)
		if (fds[i].revents != 0 && who[i]->run == VK_BLOCKED) {
			who[i]->run = VK_RUNNABLE;
			who[i]->w.kind = VK_WAIT_NONE;
		}
	now = vk_now_ns();
	for (struct vk_proc *p = k->procs; p != NULL; p = p->next)
		if (p->run == VK_BLOCKED && p->w.kind == VK_WAIT_FD && p->w.deadline != 0 &&
		    p->w.deadline <= now) {
			p->run = VK_RUNNABLE;
			p->w.kind = VK_WAIT_NONE;
			p->w.timed_out = 1;
		}
	return 0;	/* the requests' descriptors are looked at by vk_async_run */
}

int
vk_sched_run(struct vk_kernel *k)
{
	k->last = NULL;
	while (k->init->run != VK_ZOMBIE) {
		struct vk_proc *p = NULL;

		if (vk_signal_host_pending())
			vk_signal_host_run(k);
		if (k->nreqs > 0)
			vk_async_run(k);
		while (k->ndetached > 0)
			for (struct vk_proc *q = k->procs; q != NULL; q = q->next)
				if (q->run == VK_ZOMBIE && q->detached_end) {
					k->ndetached--;
					reap(k, q);
					break;
				}
		/* Round robin: the first runnable process after the last one run. */
		for (struct vk_proc *q = k->last != NULL ? k->last->next : k->procs; q != NULL; q = q->next)
			if (q->run == VK_RUNNABLE && !q->stopped) {
				p = q;
				break;
			}
		for (struct vk_proc *q = k->procs; p == NULL && q != NULL; q = q->next)
			if (q->run == VK_RUNNABLE && !q->stopped)
				p = q;
		if (p == NULL) {
			if (wake_blocked(k, 1) != 0) {
				fprintf(stderr, "vkrun: every process waits and nothing can wake them\n");
				return 125 << 8;
			}
			continue;
		}
		k->last = p;
		run_one(k, p);
	}
	return k->init->status;
}

/* ---- fork ---- */

/* Copy P's memory into C's address space: every mapping, but only the pages
 * the host has resident (an untouched page is zero in both; the TLB warm-up
 * gives back the stack pages it only read, see cpu_set_warmup). */
/* Copy a run of resident pages into pages the child has not touched yet:
 * allocating them in one call first spares a page fault each, which costs
 * more than the copy (Linux >= 5.14; where refused, the faults happen). */
static void
copy_run(unsigned char *to, const unsigned char *from, size_t len)
{
#ifdef MADV_POPULATE_WRITE
	(void)madvise(to, len, MADV_POPULATE_WRITE);
#endif
	memcpy(to, from, len);
}

static int
copy_memory(struct vk_vm *to, const struct vk_vm *from)
{
	unsigned char vec[256];

	for (int i = 0; i < from->nreg; i++) {
		const struct vk_region *r = &from->reg[i];

		if (vk_vm_map(to, r->start, r->end - r->start, r->prot) != 0)
			return VK_ENOMEM;
		for (uint32_t a = r->start; a < r->end; a += 256 * VK_PAGE) {
			uint32_t len = r->end - a < 256 * VK_PAGE ? r->end - a : 256 * VK_PAGE;

			if (mincore(from->base + a, len, vec) != 0)
				memset(vec, 1, sizeof(vec));
			for (uint32_t pg = 0, n; pg < len / VK_PAGE; pg += n + 1) {
				for (n = 0; pg + n < len / VK_PAGE && (vec[pg + n] & 1); n++)
					;
				if (n == 0)
					continue;
				copy_run(to->base + a + pg * VK_PAGE, from->base + a + pg * VK_PAGE,
				    (size_t)n * VK_PAGE);
			}
		}
	}
	to->brk_start = from->brk_start;
	to->brk = from->brk;
	vk_vm_set_code_id(to, from->code_id);	/* the same bytes: the same code */
	return 0;
}

/*
 * A new process, a copy of P, with FLAGS (VK_RF*, already checked): RFFDG
 * gives it a copy of P's descriptor table, RFCFDG an empty one; RFNOWAIT
 * makes it nobody's child (it is freed when it ends).  HDR is P's message:
 * its result becomes the child's pid; the child's copy says 0.
 */
static int
do_fork(struct vk_proc *p, struct vk_msghdr *hdr, uint32_t flags)
{
	struct vk_kernel *k = p->k;
	struct vk_proc *c;
	struct vk_msghdr reply = *hdr;
	char cerr[256];
	uint32_t zero = 0;
	int e = VK_ENOMEM;

	if (k->nprocs >= VK_MAX_PROCS)
		return VK_EAGAIN;
	if ((c = calloc(1, sizeof(*c))) == NULL || (c->name = strdup(p->name)) == NULL) {
		free(c);
		return VK_ENOMEM;
	}
	c->k = k;
	c->pid = k->next_pid;
	c->ppid = (flags & VK_RFNOWAIT) ? 0 : p->pid;
	c->parent = (flags & VK_RFNOWAIT) ? NULL : p;
	c->fs = p->fs;
	c->fs.root = strdup(p->fs.root);
	c->fs.rootfd = fcntl(p->fs.rootfd, F_DUPFD_CLOEXEC, 3);
	snprintf(c->exe, sizeof(c->exe), "%s", p->exe);
	for (int i = 0; i < VK_NOFILE && (flags & VK_RFFDG); i++)
		if ((c->fds.fd[i] = p->fds.fd[i]) != NULL) {
			c->fds.fd[i]->refs++;
			c->fds.cloexec[i] = p->fds.cloexec[i];
		}
	c->layer = p->layer;
	c->sigign = p->sigign;		/* ignored and blocked signals are inherited */
	c->sigblock = p->sigblock;
	c->sigflags = p->sigflags;
	c->lx_int80 = p->lx_int80;
	c->lx_frame = p->lx_frame;
	c->gs = p->gs;
	c->upentry = p->upentry;	/* the kernel page (and its entry code) is copied */
	c->upctl = p->upctl;		/* the control block too: it is in copied memory */
	if (c->fs.root == NULL || c->fs.rootfd < 0 || vk_pstate_fork(c, p) != 0)
		goto fail;
	/* An engine whose last life had this code (an earlier child, typically)
	 * runs it without translating it again. */
	if ((c->cpu = cpu_new_code(vk_gate, c, p->vm.code_id, cerr, sizeof(cerr))) == NULL ||
	    vk_vm_init(&c->vm, c->cpu) != 0 || copy_memory(&c->vm, &p->vm) != 0 ||
	    cpu_copy_state(c->cpu, p->cpu) != 0)
		goto fail;
	/* The child keeps the TLB grown over the same range, in its own memory. */
	c->warm_addr = p->warm_addr;
	c->warm_pages = p->warm_pages;
	if (c->warm_pages != 0)
		cpu_set_warmup(c->cpu, c->warm_addr, c->warm_pages,
		    vk_guest_ptr(&c->vm, c->warm_addr, c->warm_pages * VK_PAGE, 0));
	if (p->shared != NULL) {
		c->shared = vk_guest_ptr(&c->vm, VK_SHARED_ADDR, VK_PAGE, 0);
		c->shared->sh_pid = (uint32_t)c->pid;
		c->shared->sh_ppid = (uint32_t)c->ppid;
	}
	/* The child sees the fork answered with 0: in its copy of the message and in eax. */
	reply.ms_error = 0;
	reply.ms_result = 0;
	reply.ms_flags = (reply.ms_flags & MSGF_SENDER_MASK) | MSGF_DONE;
	if (vk_host_write(&c->vm, p->cur_msg, &reply, sizeof(reply)) != 0)
		goto fail;
	cpu_set_eax(c->cpu, zero);
	clock_gettime(CLOCK_MONOTONIC, &c->stats.start);
	k->next_pid++;
	vk_sched_add(k, c);
	vk_trace_line(p, "fork: child %d%s%s", c->pid, (flags & VK_RFCFDG) ? ", no descriptors" : "",
	    (flags & VK_RFNOWAIT) ? ", detached" : "");
	hdr->ms_result = c->pid;
	return 0;
fail:
	vk_proc_free(c);
	return e;
}

int
vk_sys_fork(struct vk_proc *p, struct vk_msg_fork *m)
{
	if (m->newsp != 0)
		return VK_ENOSYS;	/* a child on a new stack: threads and posix_spawn's clone */
	return do_fork(p, &m->hdr, VK_RFPROC | VK_RFFDG);
}

/*
 * rfork (seed 004's "rfork-style" call, with FreeBSD's flag values): RFPROC
 * and exactly one of RFFDG and RFCFDG, optionally RFNOWAIT.  What this
 * kernel cannot share yet is refused: memory (RFMEM: threads) with
 * EOPNOTSUPP, a shared descriptor table (neither RFFDG nor RFCFDG) and
 * changes to the caller alone (no RFPROC) with EINVAL.
 */
int
vk_sys_rfork(struct vk_proc *p, struct vk_msg_rfork *m)
{
	uint32_t f = m->flags;

	if (f & ~(uint32_t)(VK_RFPROC | VK_RFFDG | VK_RFCFDG | VK_RFNOWAIT | VK_RFMEM))
		return VK_EINVAL;
	if (f & VK_RFMEM)
		return VK_EOPNOTSUPP;
	if (!(f & VK_RFPROC) || !(f & VK_RFFDG) == !(f & VK_RFCFDG))
		return VK_EINVAL;
	return do_fork(p, &m->hdr, f);
}

/* ---- wait4 ---- */

int
vk_sys_wait4(struct vk_proc *p, struct vk_msg_wait4 *m)
{
	struct vk_kernel *k = p->k;
	struct vk_proc *z = NULL;
	int any = 0, status;

	if ((m->options & ~(uint32_t)(VK_WNOHANG | VK_WUNTRACED | VK_WCONTINUED | 0x40000000 | 0x80000000)) != 0)
		return VK_EINVAL;	/* WNOHANG, WUNTRACED, WCONTINUED, __WNOTHREAD, __WALL */
	for (struct vk_proc *c = k->procs; c != NULL; c = c->next) {
		/* A parent with children has its state filled (vk_pstate_fork). */
		if (c->parent != p || (m->pid > 0 && c->pid != m->pid) ||
		    (m->pid == 0 && c->ps.pgid != p->ps.pgid) ||
		    (m->pid < -1 && (int64_t)c->ps.pgid != -(int64_t)m->pid))
			continue;
		any = 1;
		if (c->run == VK_ZOMBIE) {
			z = c;
			break;
		}
		/* A stop or a continue is reported once, to a parent that asks. */
		if ((c->stop_report && (m->options & VK_WUNTRACED)) ||
		    (c->cont_report && (m->options & VK_WCONTINUED))) {
			status = c->stop_report && (m->options & VK_WUNTRACED) ? c->stop_sig << 8 | 0x7f : 0xffff;
			if (status == 0xffff)
				c->cont_report = 0;
			else
				c->stop_report = 0;
			if (m->status != 0 && vk_copyout(&p->vm, m->status, &status, sizeof(status)) != 0)
				return VK_EFAULT;
			m->hdr.ms_result = c->pid;
			return 0;
		}
	}
	if (!any)
		return VK_ECHILD;
	if (z == NULL) {
		if (m->options & VK_WNOHANG)
			return 0;
		p->w.kind = VK_WAIT_CHILD;
		p->w.n = 0;
		p->w.deadline = 0;
		p->w.ready = 0;
		return VK_BLOCK;
	}
	status = z->status;
	if (m->status != 0 && vk_copyout(&p->vm, m->status, &status, sizeof(status)) != 0)
		return VK_EFAULT;
	m->hdr.ms_result = z->pid;
	reap(k, z);
	return 0;
}

/* ---- execve ---- */

/* A guest vector of string pointers into a NULL-terminated vector of copies. */
static int
copy_vector(struct vk_proc *p, uint32_t uvec, char ***out, size_t *bytes)
{
	char **v = calloc(1, sizeof(char *));
	char s[VK_PATH_MAX * 32];
	size_t n = 0;
	uint32_t ptr;
	int e;

	if (v == NULL)
		return VK_ENOMEM;
	for (; uvec != 0; n++) {
		char **grown;

		if ((e = vk_copyin(&p->vm, &ptr, uvec + 4 * (uint32_t)n, 4)) != 0)
			goto fail;
		if (ptr == 0)
			break;
		if ((e = vk_copyinstr(&p->vm, s, ptr, sizeof(s))) != 0) {
			e = e == VK_ENAMETOOLONG ? VK_E2BIG : e;
			goto fail;
		}
		*bytes += strlen(s) + 1;
		if (*bytes > LD_MAX_ARGBYTES || n > 100000) {
			e = VK_E2BIG;
			goto fail;
		}
		if ((grown = realloc(v, (n + 2) * sizeof(char *))) == NULL) {
			e = VK_ENOMEM;
			goto fail;
		}
		v = grown;
		v[n + 1] = NULL;
		if ((v[n] = strdup(s)) == NULL) {
			e = VK_ENOMEM;
			goto fail;
		}
	}
	*out = v;
	return 0;
fail:
	free_vector(v);
	return e;
}

/* Open and validate PATH as exec would; "#!" lines are followed once. */
static int
load_exec(struct vk_proc *p, struct vk_exec *x, const char *path, int depth)
{
	char why[LD_ERRLEN], line[256];
	struct stat st;
	ssize_t n;
	int fd, e;

	if ((e = vk_fs_open(&p->fs, path, O_RDONLY, 0, &fd)) != 0)
		return e;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (st.st_mode & 0111) == 0) {
		close(fd);
		return VK_EACCES;
	}
	n = pread(fd, line, sizeof(line) - 1, 0);
	if (n > 2 && line[0] == '#' && line[1] == '!' && depth == 0) {
		char *interp, *arg, *end, **argv;
		size_t argc = 0;

		close(fd);
		line[n] = '\0';
		if ((end = strchr(line, '\n')) == NULL)
			return VK_ENOEXEC;
		*end = '\0';
		interp = line + 2 + strspn(line + 2, " \t");
		arg = interp + strcspn(interp, " \t");
		if (*arg != '\0') {
			*arg++ = '\0';
			arg += strspn(arg, " \t");
			arg[strcspn(arg, " \t")] = '\0';
		}
		if (*interp == '\0')
			return VK_ENOEXEC;
		/* argv becomes: interpreter, [argument], path, argv[1...]. */
		while (x->argv[argc] != NULL)
			argc++;
		if ((argv = calloc(argc + 4, sizeof(char *))) == NULL)
			return VK_ENOMEM;
		size_t i = 0;
		argv[i++] = strdup(interp);
		if (*arg != '\0')
			argv[i++] = strdup(arg);
		argv[i++] = strdup(path);
		for (size_t j = 1; j < argc; j++)
			argv[i++] = x->argv[j];
		free(x->argv[0]);
		free(x->argv);
		x->argv = argv;
		free(x->name);
		x->name = strdup(interp);
		return load_exec(p, x, interp, depth + 1);
	}
	e = ld_load_fd(path, fd, &x->img, why);
	close(fd);
	if (e != 0)
		return e == ENOEXEC ? VK_ENOEXEC : vk_errno_host(e);
	return 0;
}

int
vk_sys_execve(struct vk_proc *p, struct vk_msg_execve *m)
{
	char path[VK_PATH_MAX];
	struct vk_exec *x = calloc(1, sizeof(*x));
	size_t bytes = 0;
	int e;

	if (x == NULL)
		return VK_ENOMEM;
	if ((e = vk_copyinstr(&p->vm, path, m->path, sizeof(path))) != 0)
		goto fail;
	/* /proc/self/exe is the program this process runs (a C library's, or
	 * busybox's, way of running itself again). */
	if (strcmp(path, "/proc/self/exe") == 0)
		snprintf(path, sizeof(path), "%s", p->exe);
	if ((e = copy_vector(p, m->argv, &x->argv, &bytes)) != 0 ||
	    (e = copy_vector(p, m->envp, &x->envp, &bytes)) != 0)
		goto fail;
	if (x->argv[0] == NULL) {
		char **v = realloc(x->argv, 2 * sizeof(char *));

		if (v == NULL) {
			e = VK_ENOMEM;
			goto fail;
		}
		x->argv = v;
		x->argv[0] = strdup(path);
		x->argv[1] = NULL;
	}
	if ((x->name = strdup(path)) == NULL) {
		e = VK_ENOMEM;
		goto fail;
	}
	if ((e = load_exec(p, x, path, 0)) != 0)
		goto fail;
	/* Validated: the gate stops the CPU and the run loop builds the new image. */
	p->exec = x;
	return 0;
fail:
	free_exec(x);
	return e;
}
