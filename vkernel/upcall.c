/*
 * vkernel/upcall.c: upcalls and userland critical sections (seed 004).
 *
 * A reply that lands on a port whose action is VK_PORT_UPCALL or
 * VK_PORT_UPCALL_CS makes the port "due" (vk_upcall_due).  A due port is
 * delivered at the next point where the process stands at an instruction
 * boundary with its registers in the kernel's hands: the end of one of its
 * gate calls (inside the hook), or just before the scheduler runs it.  A
 * process blocked in a call is woken for it: the call is answered EINTR and
 * the frame says so (VK_UF_INTR), so that a caller can restart it.
 *
 * Delivery pushes a struct vk_upframe_abi (vk_abi.h) and continues at the entry
 * code below, which the kernel page carries.  The interlock of the seed:
 *   - a port whose upcall is running (VP_INUPCALL) is not delivered again
 *     until its upret, which clears the flag in the same message that
 *     restores the registers, so nothing can land between the two;
 *   - VK_PORT_UPCALL_CS ports wait while the control block's uc_crit is
 *     above 0 (the handler itself runs one level up); the kernel only sets
 *     uc_pending, and the layer's flushsys() on leaving its outermost
 *     section delivers what waited.
 * Everything the kernel reads from the program (port, control block, frame)
 * is checked at each use; a bad one costs the program its upcall, never the
 * kernel its safety.
 */
#include "config.h"

#include <string.h>

#include "cpu/cpu.h"
#include "vkernel/kernel.h"

/* The upcall entry, on the kernel page (i386; frame offsets from vk_abi.h):
 *	fxsave	(%esp)			save the FPU/SSE state into uf_fx
 *	mov	%esp, %ebx		the frame
 *	sub	$8, %esp		16-aligned at the call
 *	push	%ebx			arg 2: the frame
 *	pushl	552(%ebx)		arg 1: uf_port
 *	call	*556(%ebx)		uf_handler
 *	mov	%ebx, %esp
 *	fxrstor	(%esp)
 *	lea	512(%esp), %ecx		uf_msg: upret(frame)
 *	mov	$40, %edx
 *	xor	%eax, %eax
 *	int	$0x81
 *	ud2				upret refused the frame: SIGILL
 */
static const unsigned char entry_code[] = {
	0x0f, 0xae, 0x04, 0x24, 0x89, 0xe3, 0x83, 0xec, 0x08, 0x53,
	0xff, 0xb3, 0x28, 0x02, 0x00, 0x00, 0xff, 0x93, 0x2c, 0x02, 0x00, 0x00,
	0x89, 0xdc, 0x0f, 0xae, 0x0c, 0x24, 0x8d, 0x8c, 0x24, 0x00, 0x02, 0x00, 0x00,
	0xba, 0x28, 0x00, 0x00, 0x00, 0x31, 0xc0, 0xcd, 0x81, 0x0f, 0x0b,
};

VK_STATIC_ASSERT(sizeof(struct vk_msg_upret) == 40, "the entry code sends 40 bytes");
VK_STATIC_ASSERT(__builtin_offsetof(struct vk_upframe_abi, uf_port) == 0x228, "entry code: uf_port");
VK_STATIC_ASSERT(__builtin_offsetof(struct vk_upframe_abi, uf_handler) == 0x22c, "entry code: uf_handler");

#define EFL_TF		0x00000100u
#define EFL_DF		0x00000400u
#define EFL_AC		0x00040000u
#define FX_SIZE		512u

int
vk_upcall_init(struct vk_proc *p)
{
	return cpu_set_code(p->cpu, entry_code, sizeof(entry_code), &p->upentry) == 0 ? 0 : VK_ENOMEM;
}

/* The process's control block, checked; NULL when it has none (or a bad one). */
static struct vk_upctl *
ctl_map(struct vk_proc *p)
{
	if (p->upctl == 0)
		return NULL;
	return vk_guest_ptr(&p->vm, p->upctl, sizeof(struct vk_upctl), VK_ACC_READ | VK_ACC_WRITE);
}

static struct vk_portabi *
port_hdr(struct vk_proc *p, uint32_t port)
{
	return vk_guest_ptr(&p->vm, port, sizeof(struct vk_portabi), VK_ACC_READ | VK_ACC_WRITE);
}

static void
drop_due(struct vk_proc *p, int i)
{
	p->upc[i] = p->upc[--p->nupc];
}

/*
 * Whether port PORT can be delivered now: 1 yes, 0 not now (it stays due),
 * -1 never (drop it: unusable, no longer an upcall port, or nothing on it).
 */
static int
can_deliver(struct vk_proc *p, uint32_t port, struct vk_portabi **hp)
{
	struct vk_portabi *h = port_hdr(p, port);
	struct vk_upctl *ctl;

	*hp = h;
	if (h == NULL || (h->vp_action != VK_PORT_UPCALL && h->vp_action != VK_PORT_UPCALL_CS) ||
	    h->vp_upcall == 0 || h->vp_head == h->vp_tail)
		return -1;
	if (h->vp_flags & VP_INUPCALL)
		return 0;		/* delivered again when that one returns */
	if (h->vp_action == VK_PORT_UPCALL_CS && (ctl = ctl_map(p)) != NULL && ctl->uc_crit > 0) {
		ctl->uc_pending = 1;	/* the layer calls flushsys() */
		return 0;
	}
	return 1;
}

int
vk_upcall_deliverable(struct vk_proc *p)
{
	struct vk_portabi *h;

	for (int i = 0; i < p->nupc; i++) {
		int d = can_deliver(p, p->upc[i], &h);

		if (d > 0)
			return 1;
		if (d < 0)
			drop_due(p, i--);
	}
	return 0;
}

void
vk_upcall_due(struct vk_proc *p, uint32_t port)
{
	int i;

	for (i = 0; i < p->nupc && p->upc[i] != port; i++)
		;
	if (i == p->nupc) {
		if (p->nupc == VK_UPC_MAX) {
			vk_trace_line(p, "upcall through port 0x%08x dropped: %d ports already due", port, VK_UPC_MAX);
			return;
		}
		p->upc[p->nupc++] = port;
	}
	/* A process blocked in a call is woken to take it (vk_upcall_run
	 * answers the call EINTR first). */
	if (p->run == VK_BLOCKED && p->cpu != NULL && vk_upcall_deliverable(p)) {
		p->run = VK_RUNNABLE;
		p->w.kind = VK_WAIT_NONE;
		p->intr = 1;
	}
}

/*
 * The SSE half of the fxsave image (MXCSR at 24, XMM0-7 at 160): the entry
 * code's fxsave writes only the x87 half on Unicorn (cpu_get_sse says why),
 * so the kernel fills these at delivery and loads them back at upret, from
 * where a handler (or a Linux ucontext) may have changed them.
 */
#define FX_MXCSR	24
#define FX_XMM		160

static void
save_sse(struct vk_proc *p, uint32_t frame)
{
	unsigned char xmm[8][16];
	uint32_t mxcsr;

	if (cpu_get_sse(p->cpu, xmm, &mxcsr) != 0)
		return;
	vk_copyout(&p->vm, frame + FX_MXCSR, &mxcsr, 4);
	vk_copyout(&p->vm, frame + FX_XMM, xmm, sizeof(xmm));
}

static void
load_sse(struct vk_proc *p, uint32_t frame)
{
	unsigned char xmm[8][16];
	uint32_t mxcsr;

	if (vk_copyin(&p->vm, &mxcsr, frame + FX_MXCSR, 4) == 0 &&
	    vk_copyin(&p->vm, xmm, frame + FX_XMM, sizeof(xmm)) == 0)
		cpu_set_sse(p->cpu, xmm, mxcsr);
}

/* Push the frame for PORT (header H) on P's stack and enter the handler. */
static int
deliver(struct vk_proc *p, uint32_t port, struct vk_portabi *h, uint32_t flags, uint32_t sysarg)
{
	struct vk_upctl *ctl = ctl_map(p);
	struct vk_upframe_abi f;
	struct cpu_regs r;
	uint32_t sp;

	cpu_regs_get(p->cpu, &r);
	sp = r.esp;
	if (ctl != NULL && ctl->uc_altstack != 0 && ctl->uc_altsize >= sizeof(f) &&
	    (sp <= ctl->uc_altstack || sp > ctl->uc_altstack + ctl->uc_altsize))
		sp = ctl->uc_altstack + ctl->uc_altsize;
	sp = (sp - (uint32_t)sizeof(f)) & ~15u;
	memset(&f, 0, sizeof(f));
	f.uf_msg.ms_cmd = vk_sys_wire(p->k, VK_SYS_upret);
	f.uf_msg.ms_size = sizeof(struct vk_msg_upret);
	f.uf_frame = sp;
	f.uf_magic = VK_UF_MAGIC;
	f.uf_port = port;
	f.uf_handler = h->vp_upcall;
	f.uf_eax = r.eax;
	f.uf_ebx = r.ebx;
	f.uf_ecx = r.ecx;
	f.uf_edx = r.edx;
	f.uf_esi = r.esi;
	f.uf_edi = r.edi;
	f.uf_ebp = r.ebp;
	f.uf_esp = r.esp;
	f.uf_eip = r.eip;
	f.uf_eflags = r.eflags;
	f.uf_gs = cpu_get_gs(p->cpu);
	f.uf_crit = ctl != NULL ? ctl->uc_crit : 0;
	f.uf_flags = flags;
	f.uf_sysarg = sysarg;
	/* The whole frame must be writable, the fxsave area included. */
	if (sp < VK_PAGE || vk_guest_ptr(&p->vm, sp, sizeof(f), VK_ACC_WRITE) == NULL) {
		vk_proc_kill(p, VK_SIGSEGV, "no room for an upcall frame on the stack");
		return 0;
	}
	vk_copyout(&p->vm, sp + FX_SIZE, (unsigned char *)&f + FX_SIZE, sizeof(f) - FX_SIZE);
	save_sse(p, sp);
	h->vp_flags |= VP_INUPCALL;
	if (ctl != NULL)
		ctl->uc_crit++;
	r.esp = sp;
	r.eip = p->upentry;
	r.eflags &= ~(EFL_TF | EFL_DF | EFL_AC);
	cpu_regs_set(p->cpu, &r);
	p->stats.upcalls++;
	vk_trace_line(p, "upcall through port 0x%08x: handler 0x%08x, frame 0x%08x%s", port, f.uf_handler, sp,
	    (flags & VK_UF_INTR) ? ", call interrupted (EINTR)" : (flags & VK_UF_FAULT) ? ", for a fault" : "");
	return 1;
}

/* The first due port that can be delivered now, taken off the due list
 * (dropping those that never can); 0 if none. */
static uint32_t
take_deliverable(struct vk_proc *p, struct vk_portabi **hp)
{
	for (int i = 0; i < p->nupc; i++) {
		uint32_t port = p->upc[i];
		int d = can_deliver(p, port, hp);

		if (d != 0)
			drop_due(p, i--);
		if (d > 0)
			return port;
	}
	return 0;
}

int
vk_upcall_deliver(struct vk_proc *p, uint32_t flags)
{
	struct vk_portabi *h;
	uint32_t port = take_deliverable(p, &h);

	return port != 0 ? deliver(p, port, h, flags, 0) : 0;
}

/*
 * P, woken from a blocked call for an upcall: answer the call EINTR (EIP is
 * back on its int 0x81, see sched.c) and deliver with VK_UF_INTR.
 */
static void
interrupt_call(struct vk_proc *p)
{
	struct vk_portabi *h;
	struct cpu_regs r;
	struct vk_msghdr m;
	uint32_t sysarg, port;

	p->intr = 0;
	if ((port = take_deliverable(p, &h)) != 0) {
		cpu_regs_get(p->cpu, &r);
		sysarg = r.eax;
		if (p->blocked_send && vk_copyin(&p->vm, &m, p->cur_msg, sizeof(m)) == 0) {
			m.ms_error = VK_EINTR;
			m.ms_result = -1;
			m.ms_flags = (m.ms_flags & MSGF_SENDER_MASK) | MSGF_DONE;
			vk_copyout(&p->vm, p->cur_msg, &m, sizeof(m));
		}
		r.eip += 2;
		r.eax = VK_EINTR;
		cpu_regs_set(p->cpu, &r);
		p->w.si.signo = 0;
		p->w.timed_out = 0;
		deliver(p, port, h, VK_UF_INTR, sysarg);
	}
	/* Else nothing is deliverable after all: the call is simply sent again. */
}

void
vk_upcall_run(struct vk_proc *p)
{
	if (p->nunacked > 0)
		vk_live_ack(p);
	if (p->intr)
		interrupt_call(p);
	else if (p->nupc > 0)
		vk_upcall_deliver(p, 0);
}

/* ---- the messages ---- */

static int
gs_ok(uint32_t sel)
{
	if (sel == 0 || sel == CPU_SEL_UDATA)
		return 1;
	return (sel & 7) == 3 && (sel >> 3) >= CPU_GDT_TLS_MIN && (sel >> 3) <= CPU_GDT_TLS_MAX;
}

int
vk_sys_upret(struct vk_proc *p, struct vk_msg_upret *m)
{
	struct vk_upframe_abi f;
	struct vk_upctl *ctl;
	struct vk_portabi *h;
	struct cpu_regs r;

	/* A frame that cannot be resumed leaves nothing to return to: the
	 * process dies of SIGSEGV, as from a bad Linux sigreturn frame. */
	if (vk_copyin(&p->vm, (unsigned char *)&f + FX_SIZE, m->frame + FX_SIZE, sizeof(f) - FX_SIZE) != 0) {
		vk_proc_kill(p, VK_SIGSEGV, "upret: the frame is not readable");
		return VK_EFAULT;
	}
	if (f.uf_magic != VK_UF_MAGIC || !gs_ok(f.uf_gs) ||
	    (f.uf_gs != cpu_get_gs(p->cpu) && cpu_load_gs(p->cpu, (uint16_t)f.uf_gs) != 0)) {
		vk_proc_kill(p, VK_SIGSEGV, f.uf_magic != VK_UF_MAGIC ? "upret: not an upcall frame" :
		    "upret: the frame's %gs is not a user data selector");
		return VK_EINVAL;
	}
	cpu_regs_get(p->cpu, &r);
	r = (struct cpu_regs){ .eax = f.uf_eax, .ebx = f.uf_ebx, .ecx = f.uf_ecx, .edx = f.uf_edx,
	    .esi = f.uf_esi, .edi = f.uf_edi, .ebp = f.uf_ebp, .esp = f.uf_esp, .eip = f.uf_eip,
	    .eflags = (r.eflags & ~VK_UF_EFLAGS) | (f.uf_eflags & VK_UF_EFLAGS) };
	cpu_regs_set(p->cpu, &r);
	load_sse(p, m->frame);
	p->regs_set = 1;
	if ((ctl = ctl_map(p)) != NULL)
		ctl->uc_crit = f.uf_crit;
	if (f.uf_port != 0 && (h = port_hdr(p, f.uf_port)) != NULL) {
		h->vp_flags &= ~VP_INUPCALL;
		/* Replies that came after the handler last looked. */
		if (h->vp_head != h->vp_tail && h->vp_action != VK_PORT_QUEUE)
			vk_upcall_due(p, f.uf_port);
	}
	return 0;
}

int
vk_sys_upctl(struct vk_proc *p, struct vk_msg_upctl *m)
{
	if (m->ctl != 0 && vk_guest_ptr(&p->vm, m->ctl, sizeof(struct vk_upctl), VK_ACC_READ | VK_ACC_WRITE) == NULL)
		return VK_EFAULT;
	p->upctl = m->ctl;
	return 0;
}

int
vk_upcall_flush(struct vk_proc *p)
{
	struct vk_upctl *ctl = ctl_map(p);

	if (ctl != NULL)
		ctl->uc_pending = 0;
	if (p->nunacked > 0)
		vk_live_ack(p);
	return 0;
}
