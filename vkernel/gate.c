/*
 * vkernel/gate.c: the int 0x81 gate (seed 004) and message dispatch.
 *
 * The trap classifies the call by its registers exactly as the seed gives it:
 *   sendsys(port, msg, size)  eax = port, ecx = msg, edx = size > 0
 *   waitsys(port, msg)        edx = 0, eax or ecx non-zero
 *   flushsys()                eax = ecx = edx = 0
 * and answers in eax with 0 or a guest errno.  sendsys copies the message
 * in, checks the header, looks the command up in the generated vk_sysent[]
 * table and calls its handler, then writes the reply (header and outputs)
 * back into the guest's message.  All of it happens inside the interrupt
 * hook; the CPU is stopped only when a handler ends the process, blocks it
 * or replaces its image.  Asynchronous messages (MSGF_ASYNC) and waitsys are
 * async.c's.
 */
#include "config.h"

#include <string.h>

#include "cpu/cpu.h"
#include "vkernel/kernel.h"
#include "vkernel/sysent.h"

uint32_t
vk_sys_cmd(const struct vk_kernel *k, uint32_t wire)
{
	return wire < VK_SYS_NWIRE ? vk_cmdmap[k->opt.kernel_abi][wire] : 0;
}

uint32_t
vk_sys_wire(const struct vk_kernel *k, uint32_t cmd)
{
	for (uint32_t w = 1; w < VK_SYS_NWIRE; w++)
		if (vk_cmdmap[k->opt.kernel_abi][w] == cmd)
			return w;
	return 0;
}

int
vk_gate_dispatch(struct vk_proc *p, void *msg, uint32_t size)
{
	struct vk_msghdr *h = msg;
	uint32_t cmd = vk_sys_cmd(p->k, h->ms_cmd);
	const struct vk_sysent *e = cmd < VK_SYS_NSLOTS ? &vk_sysent[cmd] : NULL;
	int error;

	if (e == NULL || e->call == NULL)
		return VK_ENOSYS;
	if (size < (uint32_t)e->msgsize)
		return VK_EINVAL;
	h->ms_result = 0;
	if ((error = e->call(p, msg)) == VK_EPIPE)
		vk_signal_raise(p, VK_SIGPIPE, VK_SI_USER);	/* a write to a pipe nobody reads */
	return error;
}

void
vk_gate_reply(struct vk_proc *p, uint32_t umsg, void *msg, uint32_t size, int error, uint32_t flags)
{
	struct vk_msghdr *h = msg;
	uint32_t cmd = vk_sys_cmd(p->k, h->ms_cmd);
	const struct vk_sysent *e = cmd != 0 && cmd < VK_SYS_NSLOTS && vk_sysent[cmd].call != NULL ?
	    &vk_sysent[cmd] : NULL;
	unsigned char *guest;

	h->ms_error = error;
	if (error != 0)
		h->ms_result = -1;
	h->ms_flags = (h->ms_flags & MSGF_SENDER_MASK) | MSGF_DONE | flags;
	/* The header always, the outputs on success.  The handler may have
	 * changed the mappings, so the message is looked up again. */
	guest = vk_guest_ptr(&p->vm, umsg, size, VK_ACC_WRITE);
	if (guest != NULL) {
		memcpy(guest, msg, sizeof(struct vk_msghdr));
		if (error == 0 && e != NULL && e->outoff < e->msgsize)
			memcpy(guest + e->outoff, (unsigned char *)msg + e->outoff, e->msgsize - e->outoff);
	}
	if (e != NULL) {
		p->stats.msgs[cmd]++;
		p->stats.errors[cmd] += error != 0;
	} else
		p->stats.unknown++;
	if (p->k->opt.trace != NULL)
		vk_trace_msg(p, e, e != NULL ? cmd : h->ms_cmd, msg, error);
}

/*
 * sendsys: copy the message in, check the header, dispatch, reply.  The port
 * in eax (the "system port") is ignored for now (seed 004: "the kernel will
 * initially ignore the userland version of the system port"); it is traced.
 * An MSGF_ASYNC message that cannot finish now is queued (VK_EASYNC); one
 * that finishes at once is also put on its reply port, so a program that
 * collects from its port sees every request it sent there.
 */
static int
sendsys(struct vk_proc *p, uint32_t port, uint32_t umsg, uint32_t size)
{
	union {
		struct vk_msghdr h;
		unsigned char	b[VK_MSG_MAX];
		uint64_t	align;
	} m;
	unsigned char *guest;
	uint64_t t0 = 0;
	uint32_t cmd;
	int error, async;

	if (size < sizeof(struct vk_msghdr) || size > VK_MSG_MAX) {
		p->stats.gate_refused++;
		vk_trace_gate(p, "sendsys", port, umsg, size, VK_EINVAL, "message size out of range");
		return VK_EINVAL;
	}
	guest = vk_guest_ptr(&p->vm, umsg, size, VK_ACC_READ | VK_ACC_WRITE);
	if (guest == NULL) {
		p->stats.gate_refused++;
		vk_trace_gate(p, "sendsys", port, umsg, size, VK_EFAULT, "message not in writable memory");
		return VK_EFAULT;
	}
	memcpy(m.b, guest, size);
	if (m.h.ms_size != size || (m.h.ms_flags & ~(MSGF_SENDER_MASK | MSGF_DONE | MSGF_QUEUED | MSGF_ABORTED)) != 0) {
		p->stats.gate_refused++;
		vk_trace_gate(p, "sendsys", port, umsg, size, VK_EINVAL,
		    m.h.ms_size != size ? "ms_size differs from the size given" : "reserved flag bits set");
		return VK_EINVAL;
	}
	if (p->nreqs > 0 && vk_async_inflight(p, umsg)) {
		p->stats.gate_refused++;
		vk_trace_gate(p, "sendsys", port, umsg, size, VK_EBUSY, "the message is in flight");
		return VK_EBUSY;
	}
	async = (m.h.ms_flags & MSGF_ASYNC) != 0;
	if (async && m.h.ms_reply != 0 && (error = vk_async_port_ok(p, m.h.ms_reply)) != 0) {
		p->stats.gate_refused++;
		vk_trace_gate(p, "sendsys", port, umsg, size, error, "unusable reply port");
		return error;
	}
	cmd = vk_sys_cmd(p->k, m.h.ms_cmd);
	if (p->k->opt.stats != NULL)
		t0 = vk_now_ns();
	p->cur_msg = umsg;
	p->in_async = async;
	error = vk_gate_dispatch(p, m.b, size);
	p->in_async = 0;
	if (error == VK_BLOCK) {
		if (!async)
			return VK_BLOCK;	/* unanswered: re-sent when the process resumes */
		if ((error = vk_async_queue(p, umsg, size)) == VK_EASYNC)
			return VK_EASYNC;
	}
	vk_gate_reply(p, umsg, m.b, size, error, 0);
	if (t0 != 0 && cmd < VK_SYS_NSLOTS)
		p->stats.ns[cmd] += vk_now_ns() - t0;
	if (async)
		vk_async_post(p, m.h.ms_reply, umsg);
	return error;
}

static int
waitsys(struct vk_proc *p, uint32_t port, uint32_t umsg)
{
	int error;

	p->stats.waits++;
	error = vk_async_waitsys(p, port, umsg);
	if (error != VK_BLOCK)
		vk_trace_gate(p, "waitsys", port, umsg, 0, error, NULL);
	return error;
}

/* flushsys: deliver what waited for the program to leave its critical
 * section (the gate delivers due upcalls after every call). */
static int
flushsys(struct vk_proc *p)
{
	p->stats.flushes++;
	vk_trace_gate(p, "flushsys", 0, 0, 0, 0, NULL);
	return vk_upcall_flush(p);
}

/*
 * int 0x80 from a Linux program (seed 002): not a kernel entry at all, but a
 * user-space interrupt into the personality.  Push the return EIP on the
 * guest's stack, as a call would, and continue at the personality's entry in
 * guest mode; it returns with `ret' to the instruction after the int 0x80.
 * A process without a personality (a native program) gets ENOSYS.
 */
static void
reflect(struct vk_proc *p, struct cpu *cpu)
{
	uint32_t esp, eip;

	p->stats.traps_linux++;
	if (p->lx_int80 == 0) {
		cpu_set_eax(cpu, (uint32_t)-VK_ENOSYS);
		return;
	}
	cpu_get_sp_ip(cpu, &esp, &eip);
	esp -= 4;
	if (vk_copyout(&p->vm, esp, &eip, 4) != 0) {
		vk_proc_kill(p, VK_SIGSEGV, "int 0x80 with an unusable stack pointer");
		return;
	}
	cpu_set_sp_ip(cpu, esp, p->lx_int80);
}

void
vk_gate(void *ctx, struct cpu *cpu, uint32_t vector)
{
	struct vk_proc *p = ctx;
	uint32_t eax, ecx, edx;
	int error;

	if (vector != VK_GATE_VECTOR) {
		reflect(p, cpu);
		return;
	}
	p->stats.traps_gate++;
	p->in_hook = 1;
	vk_shared_tick(p);
	if (p->k->nreqs > 0)
		vk_async_tick(p->k);
	if (p->nunacked > 0)
		vk_live_ack(p);
	cpu_gate_args(cpu, &eax, &ecx, &edx);
	if (edx != 0)
		error = sendsys(p, eax, ecx, edx);
	else if (eax == 0 && ecx == 0)
		error = flushsys(p);
	else
		error = waitsys(p, eax, ecx);
	p->in_hook = 0;
	if (error == VK_BLOCK) {
		/* Stop here; the scheduler moves EIP back onto this int 0x81
		 * (outside the hook: a callback cannot both redirect and stop). */
		p->run = VK_BLOCKED;
		p->rewind = 1;
		p->blocked_send = edx != 0;
		cpu_request_stop(cpu);
		return;
	}
	if (p->exec != NULL)
		cpu_request_stop(cpu);	/* the run loop replaces the image */
	else if (!p->exited) {
		if (!p->regs_set)
			cpu_set_eax(cpu, (uint32_t)error);
		p->regs_set = 0;
		/* An upcall due now starts here, the call answered in its frame.
		 * Otherwise, if its time slice is over and another process is
		 * ready, or it has just armed a deadline (the run loop must make
		 * it preemptible), stop after this call (EIP is past the int).
		 * Never both: the hook cannot redirect and stop. */
		if ((p->nupc == 0 || !vk_upcall_deliver(p, 0)) && !p->exited &&
		    (p->resched || vk_sched_slice_over(p))) {
			p->resched = 0;
			cpu_request_stop(cpu);
		}
	}
}
