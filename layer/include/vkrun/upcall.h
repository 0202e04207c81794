/*
 * <vkrun/upcall.h>: signals and timers as live messages, upcalls and
 * userland critical sections (seed 004).
 *
 * A signal request (vk_asignal) names a set of signals.  It stays in flight
 * after it is answered: every time one of its signals arrives the kernel
 * answers it again and puts it on its port.  Read the signal with
 * vk_siginfo, then vk_release the request to let the next answer come (until
 * then, further signals wait in the kernel: a standard signal once, real-time
 * ones queued).  vk_abort ends it.  A periodic timer (vk_atimer with an
 * interval) works the same way; vk_result is the number of expiries.
 *
 * A port made with vk_port_upcall calls a function of the program when a
 * reply lands on it, interrupting whatever the program was doing (or a
 * blocked call, which then fails with EINTR).  The function runs on the
 * interrupted stack (or the alternate stack of vk_upcall_altstack) and
 * returns normally; every register, the flags and the FPU/SSE state are then
 * as they were.  No upcall of a port nests onto one of the same port.  With
 * VK_PORT_UPCALL_CS the upcall also waits while the thread is inside a
 * critical section (vk_crit_enter/vk_crit_exit): leaving the outermost one
 * delivers what waited.
 *
 *   static void on_signal(struct vk_port *port, struct vk_upframe *f)
 *   {
 *       struct vk_req *r;
 *       struct vk_siginfo si;
 *       while ((r = vk_port_get(port)) != NULL) {
 *           vk_siginfo(r, &si);
 *           ... si.si_signo ...
 *           vk_release(r);
 *       }
 *   }
 *   ...
 *   vk_port_upcall(&port, VK_PORT_UPCALL, on_signal);
 *   vk_asignal(&req, &port, VK_SIGBIT(SIGUSR1) | VK_SIGBIT(SIGTERM));
 *
 * docs/signals.md has the full description.
 */
#ifndef _VKRUN_UPCALL_H
#define _VKRUN_UPCALL_H

#pragma GCC system_header

#include <vkrun/async.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Port actions (struct vk_port's vp_action). */
#define VK_PORT_QUEUE		0	/* queue replies without notification */
#define VK_PORT_UPCALL		1	/* queue, then call the port's function */
#define VK_PORT_UPCALL_CS	2	/* the same, but not inside a critical section */
#define VP_INUPCALL		0x1u	/* vp_flags: the port's function runs */

/* The state an upcall interrupted, on the stack below the function's frame.
 * Changing a register here changes it on return. */
struct vk_upframe {
	unsigned char	uf_fx[512];	/* FPU/SSE state (fxsave) */
	unsigned int	uf_msg[8];	/* the return message (the kernel's) */
	unsigned int	uf_frame, uf_magic, uf_port, uf_handler;
	unsigned int	uf_eax, uf_ebx, uf_ecx, uf_edx, uf_esi, uf_edi, uf_ebp, uf_esp;
	unsigned int	uf_eip, uf_eflags;
	unsigned int	uf_gs;
	int		uf_crit;	/* the critical-section depth on return */
	unsigned int	uf_flags;	/* VK_UF_INTR, VK_UF_FAULT */
	unsigned int	uf_sysarg;
	unsigned int	uf_resv[6];
} __attribute__((__aligned__(16)));
#define VK_UF_INTR	0x1u	/* a blocked call was interrupted: it returns EINTR */
#define VK_UF_FAULT	0x2u	/* delivered for a fault (uf_eip: the faulting block) */

typedef void vk_upcall_fn(struct vk_port *port, struct vk_upframe *frame);

/* vk_port_upcall: make PORT (initialised with vk_port_init) call FN when a
 * reply lands on it; ACTION is VK_PORT_UPCALL or VK_PORT_UPCALL_CS.  0, or
 * -1 with errno EINVAL. */
int vk_port_upcall(struct vk_port *port, int action, vk_upcall_fn *fn);

/* Signals. */
#define VK_SIGBIT(sig)	(1ull << ((sig) - 1))

struct vk_siginfo {
	int		si_signo;
	int		si_code;	/* SI_USER (0) for kill; CLD_* for SIGCHLD; SEGV_* for faults */
	pid_t		si_pid;		/* the sender, or the child for SIGCHLD */
	uid_t		si_uid;
	int		si_status;	/* SIGCHLD: exit code or signal */
	void		*si_addr;	/* faults: the address */
	int		si_value;
};

/*
 * vk_asignal: a live request for the signals in SET (VK_SIGBIT; not SIGKILL
 * or SIGSTOP).  Signals in no request's set get their default action.
 * Returns 1 (in flight), or -1 with errno (EINVAL: a bad set; as vk_aread).
 * vk_sigset changes the set of a request in flight (ENOENT if it is not).
 */
int vk_asignal(struct vk_req *req, struct vk_port *port, unsigned long long set);
int vk_sigset(struct vk_req *req, unsigned long long set);
/* vk_siginfo: the signal REQ was last answered with (its number; 0 if none yet). */
int vk_siginfo(const struct vk_req *req, struct vk_siginfo *si);
/* vk_release: the answer of live request REQ is taken: the next may come. */
int vk_release(struct vk_req *req);

/*
 * vk_atimer: a timer request on CLOCK (CLOCK_MONOTONIC or CLOCK_REALTIME),
 * answered VALUE from now (or at VALUE with VK_TIMER_ABSTIME), then every
 * INTERVAL (NULL or zero: once).  vk_result is the number of expiries since
 * the last answer; vk_release each answer of a periodic timer.
 */
#define VK_TIMER_ABSTIME	0x1
int vk_atimer(struct vk_req *req, struct vk_port *port, int clock, int flags,
    const struct timespec *value, const struct timespec *interval);

/* vk_flush: flushsys(): deliver upcalls held back by a critical section. */
int vk_flush(void);

/*
 * Critical sections: a per-thread depth in the thread's control block
 * (%gs:0x30: depth, %gs:0x34: pending flag).  Cheap: no trap unless an upcall
 * waited.
 */
static __inline__ void
vk_crit_enter(void)
{
	__asm__ __volatile__("incl %%gs:0x30" ::: "memory");
}

static __inline__ void
vk_crit_exit(void)
{
	int depth, pending;

	__asm__ __volatile__("decl %%gs:0x30\n\tmovl %%gs:0x30, %0\n\tmovl %%gs:0x34, %1"
	    : "=r"(depth), "=r"(pending) :: "memory");
	if (depth == 0 && pending)
		vk_flush();
}

/* vk_upcall_altstack: run upcalls on [BASE, BASE+SIZE) unless already on it
 * (BASE NULL: on the interrupted stack). */
static __inline__ void
vk_upcall_altstack(void *base, size_t size)
{
	__asm__ __volatile__("movl %0, %%gs:0x38\n\tmovl %1, %%gs:0x3c"
	    :: "r"(base), "r"(size) : "memory");
}

#ifdef __cplusplus
}
#endif

#endif
