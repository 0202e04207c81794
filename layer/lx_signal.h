/*
 * layer/lx_signal.h: what the personality's signal files share: Linux's
 * struct sigaction and its flags, and the calls between the dispositions
 * and delivery (lx_signal.c) and the Linux i386 frames (lx_sigframe.c).
 * docs/linux-signals.md describes the design.
 */
#ifndef LX_SIGNAL_H
#define LX_SIGNAL_H

#include "layer/lx.h"

#define SA_NOCLDWAIT_L	0x00000002u
#define SA_SIGINFO_L	0x00000004u
#define SA_RESTORER_L	0x04000000u
#define SA_ONSTACK_L	0x08000000u
#define SA_RESTART_L	0x10000000u
#define SA_NODEFER_L	0x40000000u
#define SA_RESETHAND_L	0x80000000u

/* Linux i386's struct sigaction as rt_sigaction passes it. */
struct lx_sigaction {
	uint32_t	handler;
	uint32_t	flags;
	uint32_t	restorer;
	uint32_t	mask[2];
};

/*
 * lx_frame_push: make context C (a native frame: registers and an fxsave
 * image) enter the handler of signal S, with action A and information SI:
 * Linux's rt_sigframe (SA_SIGINFO) or sigframe, with the FPU state, on the
 * alternate stack when A asks for it, else below C's stack pointer and
 * below LIMIT when LIMIT is not 0 (the lowest address the caller still uses
 * on that stack).  OLD is the mask the frame's sigreturn restores.  C's
 * registers become the handler's entry state.  Never fails: a frame that
 * cannot be written faults in the personality (docs/abi.md §10).
 */
void lx_frame_push(struct vk_upframe_abi *c, int s, const struct lx_sinfo *si, const struct lx_sigaction *a,
    uint64_t old, uint32_t limit);

/* lx_put_siginfo: Linux's 128-byte siginfo_t for SI at INFO. */
void lx_put_siginfo(uint32_t *info, const struct lx_sinfo *si);

/* lx_fx_save: the FPU/SSE state now, as an fxsave image at FX (16-aligned).
 * lx_fx_load: load the x87 half of image FX (MXCSR and XMM are the
 * caller's). */
void lx_fx_save(uint8_t *fx);
void lx_fx_load(const uint8_t *fx);

/* lx_sig_kill_msg: kill (command 90) S to PID.  lx_sig_queue_msg: sigqueue
 * (command 136) S to PID with CODE and VALUE.  Both: 0 or -errno. */
int32_t lx_sig_kill_msg(int32_t pid, int32_t s);
int32_t lx_sig_queue_msg(int32_t pid, int32_t s, int32_t code, int32_t value);
/* lx_sig_self: this process's pid.  lx_sig_taken: whether the live request
 * takes signal S now (it is caught, ignored or blocked, and the kernel
 * would hand it back to us). */
int32_t lx_sig_self(void);
int lx_sig_taken(int s);

/* lx_sig_return: sigreturn's end: resume context C with the signal mask
 * MASK, delivering first what MASK lets through.  Never returns. */
void lx_sig_return(struct vk_upframe_abi *c, uint64_t mask) __attribute__((noreturn));

#endif
