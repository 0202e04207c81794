/*
 * vkernel/async.c: asynchronous messages (seed 004): MSGF_ASYNC requests in
 * flight, reply ports, waitsys and abortmsg.
 *
 * A handler that cannot finish now records what it waits for in P->w and
 * returns VK_BLOCK.  For a synchronous message the gate then blocks the
 * sender (sched.c).  For an MSGF_ASYNC message the request is queued here
 * instead: the kernel keeps its own copy of the message, takes over the wait
 * record, marks the guest's copy MSGF_QUEUED, and sendsys returns VK_EASYNC.
 * When the wait is over (a descriptor is ready, a deadline passes, a child
 * ends), the handler runs again on the kernel's copy; once it finishes, the
 * reply is written into the guest's message (MSGF_DONE) and the message's
 * address is appended to its reply port, if it has one.  Requests are
 * checked by the scheduler between processes, when it sleeps in poll(), and
 * from the gate at most once a millisecond.
 *
 * A reply port is guest memory (struct vk_portabi and a ring of message
 * addresses) that only the program consumes; the kernel validates it every
 * time it writes to it, so a port the program has unmapped or scribbled on
 * costs the program its replies, never the kernel its safety.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "vkernel/kernel.h"

#define POLL_MAX	1024	/* descriptors one check looks at */

/* ---- reply ports ---- */

/* The host view of reply port PORT and its ring, checked; NULL with *ERR. */
static struct vk_portabi *
port_map(struct vk_proc *p, uint32_t port, uint32_t **ring, int *err)
{
	struct vk_portabi *h = vk_guest_ptr(&p->vm, port, sizeof(*h), VK_ACC_READ | VK_ACC_WRITE);

	*err = VK_EFAULT;
	if (h == NULL)
		return NULL;
	*err = VK_EOPNOTSUPP;
	if (h->vp_action != VK_PORT_QUEUE && h->vp_action != VK_PORT_UPCALL && h->vp_action != VK_PORT_UPCALL_CS)
		return NULL;
	*err = VK_EINVAL;
	if (h->vp_size == 0 || h->vp_size > VK_PORT_RING_MAX ||
	    (h->vp_action != VK_PORT_QUEUE && h->vp_upcall == 0))
		return NULL;
	*err = VK_EFAULT;
	*ring = vk_guest_ptr(&p->vm, port + (uint32_t)sizeof(*h), h->vp_size * 4, VK_ACC_READ | VK_ACC_WRITE);
	return *ring != NULL ? h : NULL;
}

int
vk_async_port_ok(struct vk_proc *p, uint32_t port)
{
	uint32_t *ring;
	int e;

	return port_map(p, port, &ring, &e) != NULL ? 0 : e;
}

/* Append UMSG to PORT: 0, 1 when the ring is full, or a guest errno (unusable port). */
static int
port_put(struct vk_proc *p, uint32_t port, uint32_t umsg)
{
	uint32_t *ring;
	int e;
	struct vk_portabi *h = port_map(p, port, &ring, &e);

	if (h == NULL)
		return e;
	if (h->vp_head - h->vp_tail >= h->vp_size)
		return 1;
	ring[h->vp_head % h->vp_size] = umsg;
	h->vp_head++;
	if (h->vp_action != VK_PORT_QUEUE)
		vk_upcall_due(p, port);
	return 0;
}

/* Whether PORT's ring holds a message the program has not taken. */
static int
port_nonempty(struct vk_proc *p, uint32_t port)
{
	const struct vk_portabi *h = vk_guest_ptr(&p->vm, port, sizeof(*h), VK_ACC_READ);

	return h != NULL && h->vp_head != h->vp_tail;
}

/* ---- the request list ---- */

/* R stops being live (aborted, or its process ends). */
static void
unlive(struct vk_proc *p, struct vk_req *r)
{
	if (!r->live)
		return;
	r->live = 0;
	p->nlive--;
	p->k->nlive--;
	if (r->returned)
		p->nunacked--;
	r->returned = 0;
}

static void
unlink_req(struct vk_proc *p, struct vk_req *r)
{
	unlive(p, r);
	for (struct vk_req **rp = &p->reqs; *rp != NULL; rp = &(*rp)->next)
		if (*rp == r) {
			*rp = r->next;
			break;
		}
	p->nreqs--;
	p->k->nreqs--;
	free(r);
}

static void
append_req(struct vk_proc *p, struct vk_req *r)
{
	struct vk_req **rp = &p->reqs;

	while (*rp != NULL)
		rp = &(*rp)->next;
	*rp = r;
	p->nreqs++;
	p->k->nreqs++;
}

static struct vk_req *
find_req(struct vk_proc *p, uint32_t umsg)
{
	for (struct vk_req *r = p->reqs; r != NULL; r = r->next)
		if (r->umsg == umsg && !r->held)
			return r;
	return NULL;
}

int
vk_async_inflight(struct vk_proc *p, uint32_t umsg)
{
	return find_req(p, umsg) != NULL;
}

struct vk_req *
vk_async_find(struct vk_proc *p, uint32_t umsg)
{
	return find_req(p, umsg);
}

/* P got a reply: wake it if it sleeps in waitsys. */
static void
wake(struct vk_proc *p)
{
	if (p->run == VK_BLOCKED && p->w.kind == VK_WAIT_MSG) {
		p->run = VK_RUNNABLE;
		p->w.kind = VK_WAIT_NONE;
	}
}

void
vk_async_post(struct vk_proc *p, uint32_t port, uint32_t umsg)
{
	struct vk_req *r;
	int e;

	if (port == 0)
		return;
	if ((e = port_put(p, port, umsg)) == 0)
		return;
	if (e != 1 || p->nreqs >= VK_REQ_MAX || (r = calloc(1, sizeof(*r))) == NULL) {
		vk_trace_line(p, "reply to port 0x%08x for message 0x%08x dropped: %s", port, umsg,
		    e == 1 ? "the port is full and nothing more can be held" : "the port is unusable");
		return;
	}
	r->umsg = umsg;
	r->port = port;
	r->held = 1;
	append_req(p, r);
}

/* Answer R with ERROR (FLAGS added to ms_flags) and hand it to its port. */
static void
complete(struct vk_proc *p, struct vk_req *r, int error, uint32_t flags)
{
	unlive(p, r);
	vk_gate_reply(p, r->umsg, r->m.b, r->size, error, flags);
	p->stats.async_done++;
	if (r->port != 0 && port_put(p, r->port, r->umsg) == 1)
		r->held = 1;		/* posted when the program makes room */
	else
		unlink_req(p, r);
	wake(p);
}

int
vk_async_queue(struct vk_proc *p, uint32_t umsg, uint32_t size)
{
	struct vk_req *r;
	struct vk_msghdr *g;

	if (p->nreqs >= VK_REQ_MAX) {
		p->w.kind = VK_WAIT_NONE;
		return VK_EAGAIN;
	}
	if ((r = calloc(1, sizeof(*r))) == NULL) {
		p->w.kind = VK_WAIT_NONE;
		return VK_ENOMEM;
	}
	if (vk_copyin(&p->vm, r->m.b, umsg, size) != 0 ||
	    (g = vk_guest_ptr(&p->vm, umsg, sizeof(*g), VK_ACC_WRITE)) == NULL) {
		free(r);
		p->w.kind = VK_WAIT_NONE;
		return VK_EFAULT;
	}
	r->umsg = umsg;
	r->size = size;
	r->port = r->m.h.ms_reply;
	r->w = p->w;
	r->w.ready = 0;
	p->w.kind = VK_WAIT_NONE;
	p->w.timed_out = 0;
	g->ms_flags = (g->ms_flags & MSGF_SENDER_MASK) | MSGF_QUEUED;
	append_req(p, r);
	if (r->w.kind == VK_WAIT_SIGNAL || r->w.kind == VK_WAIT_TIMER) {
		r->live = 1;
		p->nlive++;
		p->k->nlive++;
		if (r->w.kind == VK_WAIT_SIGNAL && p->nheld > 0)
			vk_signal_release(p);	/* held signals it takes */
	}
	/* A deadline, or a signal from the host, must be able to stop this
	 * process even if it never traps again: the run loop sets that up. */
	if (r->live || r->w.deadline != 0)
		p->resched = 1;
	p->stats.async_queued++;
	vk_trace_line(p, "message 0x%08x (command %u) queued: %d in flight", umsg, r->m.h.ms_cmd, p->nreqs);
	return VK_EASYNC;
}

void
vk_live_answer(struct vk_proc *p, struct vk_req *r, void *msg)
{
	vk_gate_reply(p, r->umsg, msg, r->size, 0, MSGF_QUEUED);
	p->stats.async_done++;
	r->returned = 1;
	p->nunacked++;
	vk_async_post(p, r->port, r->umsg);
	wake(p);
}

/* Run R's handler again: 1 when it finished (R is answered and may be gone). */
static int
rerun(struct vk_proc *p, struct vk_req *r)
{
	union {
		struct vk_msghdr h;
		unsigned char	b[VK_MSG_MAX];
		uint64_t	align;
	} m;
	struct vk_waitrec saved = p->w;
	uint32_t cur = p->cur_msg;
	int in = p->in_async, e;

	memcpy(m.b, r->m.b, r->size);
	p->w = r->w;
	p->w.kind = VK_WAIT_NONE;
	p->cur_msg = r->umsg;
	p->in_async = 1;
	e = vk_gate_dispatch(p, m.b, r->size);
	p->in_async = in;
	p->cur_msg = cur;
	if (e == VK_BLOCK) {
		r->w = p->w;
		r->w.ready = 0;
		p->w = saved;
		return 0;
	}
	p->w = saved;
	memcpy(r->m.b, m.b, r->size);
	complete(p, r, e, 0);
	return 1;
}

/* ---- checking what requests wait for ---- */

/* One pass over every request: the first that can go on runs; 1 if one did. */
static int
run_one_ready(struct vk_kernel *k)
{
	struct pollfd fds[POLL_MAX];
	struct vk_req *who[POLL_MAX];
	uint64_t now = vk_now_ns();
	int n = 0;

	for (struct vk_proc *p = k->procs; p != NULL; p = p->next)
		for (struct vk_req *r = p->reqs; r != NULL; r = r->next) {
			if (r->held) {
				if (port_put(p, r->port, r->umsg) != 1) {
					unlink_req(p, r);	/* posted (or the port is gone) */
					wake(p);
					return 1;
				}
				continue;
			}
			if (r->live) {
				if (r->w.kind == VK_WAIT_TIMER && r->w.deadline <= now) {
					vk_timer_fire(p, r);
					return 1;
				}
				continue;
			}
			if (r->w.deadline != 0 && r->w.deadline <= now)
				r->w.timed_out = r->w.ready = 1;
			if (r->w.ready) {
				rerun(p, r);
				return 1;
			}
			if (r->w.kind == VK_WAIT_FD)
				for (int i = 0; i < r->w.n && n < POLL_MAX; i++) {
					fds[n] = r->w.pfd[i];
					fds[n].revents = 0;
					who[n++] = r;
				}
		}
	if (n == 0)
		return 0;
	while (poll(fds, (nfds_t)n, 0) < 0)
		if (errno != EINTR)
			return 0;
	for (int i = 0; i < n; i++)
		if (fds[i].revents != 0)
			who[i]->w.ready = 1;
	/* Run the first ready one; the caller loops for the rest (a handler may
	 * reap a process, so the lists are walked afresh each time). */
	for (struct vk_proc *p = k->procs; p != NULL; p = p->next)
		for (struct vk_req *r = p->reqs; r != NULL; r = r->next)
			if (!r->held && r->w.ready) {
				rerun(p, r);
				return 1;
			}
	return 0;
}

void
vk_async_run(struct vk_kernel *k)
{
	/* Bounded: a request that is ready but blocks again must not spin here. */
	for (int i = 0; i < 4 * VK_REQ_MAX && k->nreqs > 0 && run_one_ready(k); i++)
		;
}

void
vk_async_tick(struct vk_kernel *k)
{
	uint64_t now = vk_now_ns();

	if (now < k->async_check)
		return;
	k->async_check = now + 1000000;
	vk_async_run(k);
}

void
vk_async_pollset(struct vk_kernel *k, struct pollfd *fds, int max, int *n, uint64_t *next)
{
	for (struct vk_proc *p = k->procs; p != NULL; p = p->next)
		for (struct vk_req *r = p->reqs; r != NULL; r = r->next) {
			if (r->held)
				continue;
			if (r->w.ready)
				*next = 1;	/* already due: do not sleep */
			if (r->w.deadline != 0 && (*next == 0 || r->w.deadline < *next))
				*next = r->w.deadline;
			if (r->w.kind == VK_WAIT_FD)
				for (int i = 0; i < r->w.n && *n < max; i++) {
					fds[*n] = r->w.pfd[i];
					fds[*n].revents = 0;
					(*n)++;
				}
		}
}

uint64_t
vk_async_next_timer(struct vk_kernel *k)
{
	uint64_t next = 0;

	if (k->nlive == 0)
		return 0;
	for (struct vk_proc *p = k->procs; p != NULL; p = p->next)
		for (struct vk_req *r = p->reqs; r != NULL; r = r->next)
			if (r->live && r->w.kind == VK_WAIT_TIMER && (next == 0 || r->w.deadline < next))
				next = r->w.deadline;
	return next;
}

void
vk_async_child_ended(struct vk_proc *p)
{
	for (struct vk_req *r = p->reqs; r != NULL; r = r->next)
		if (r->w.kind == VK_WAIT_CHILD)
			r->w.ready = 1;
}

void
vk_async_free(struct vk_proc *p)
{
	while (p->reqs != NULL)
		unlink_req(p, p->reqs);
}

/* ---- waitsys and abortmsg ---- */

/*
 * waitsys(port, msg): 0 once MSG is done or PORT has a message to take;
 * blocks while a request that could make either true is in flight; EDEADLK
 * when nothing could (a message never sent, a port nothing will reply to).
 */
int
vk_async_waitsys(struct vk_proc *p, uint32_t port, uint32_t umsg)
{
	struct vk_msghdr h;
	int e, could = 0;

	if (p->nunacked > 0)
		vk_live_ack(p);
	if (port != 0) {
		if ((e = vk_async_port_ok(p, port)) != 0)
			return e;
		if (p->k->nreqs > 0)
			vk_async_run(p->k);	/* replies due now, and room for held ones */
		if (port_nonempty(p, port))
			return 0;
		for (struct vk_req *r = p->reqs; r != NULL; r = r->next)
			could |= r->port == port;
	}
	if (umsg != 0) {
		if ((e = vk_copyin(&p->vm, &h, umsg, sizeof(h))) != 0)
			return e;
		if (h.ms_flags & MSGF_DONE)
			return 0;
		if (find_req(p, umsg) != NULL)
			could = 1;
	}
	if (!could)
		return VK_EDEADLK;
	p->w.kind = VK_WAIT_MSG;
	p->w.n = 0;
	p->w.deadline = 0;
	p->w.timed_out = p->w.ready = 0;
	return VK_BLOCK;
}

int
vk_sys_abortmsg(struct vk_proc *p, struct vk_msg_abortmsg *m)
{
	struct vk_req *r = find_req(p, m->msg);
	struct vk_siginfo waiting[VK_SIGQ_MAX];
	int n;

	if (r == NULL)
		return VK_ENOENT;	/* not in flight: done already, or never sent */
	p->stats.async_aborted++;
	vk_trace_line(p, "message 0x%08x aborted", m->msg);
	n = vk_signal_unqueue(r, waiting);
	complete(p, r, VK_ECANCELED, MSGF_ABORTED);
	for (int i = 0; i < n; i++)
		vk_signal_send(p, &waiting[i]);	/* to whatever takes them now */
	return 0;
}
