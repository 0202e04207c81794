/*
 * layer/lx.h: the Linux personality (seeds 002, 003): Linux i386 system
 * calls served in (kernel-protected) user space by turning them into native
 * messages.  It is reached by int 0x80, which the kernel reflects into
 * lx_int80_entry, or by a call through AT_SYSINFO (%gs:0x10 in glibc and
 * musl) into lx_vsyscall, without a trap.  Handlers get the six Linux
 * argument registers (ebx, ecx, edx, esi, edi, ebp) as a1..a6 and return the
 * Linux result: a value, or -errno.  The program's C library owns %gs and
 * errno, so nothing here touches either.
 */
#ifndef LX_H
#define LX_H

#include "layer/ly.h"

typedef int32_t (*lx_fn)(uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5, uint32_t a6);

/* Generated from layer/linux.master: lx_table[NR] (NULL: ENOSYS). */
extern const lx_fn lx_table[LX_NCALLS];

/* lx_call: send M and return ms_result, or -errno (no errno is touched). */
int64_t lx_call(struct vk_msghdr *m);

/* Memory helpers (the layer has no libc): whole words with rep stos/movs,
 * which the emulator runs far faster than a loop of byte accesses. */
static inline void
lx_zero(void *p, uint32_t n)
{
	uint32_t w = n / 4;
	uint8_t *d = (uint8_t *)p + (n & ~3u);

	__asm__ volatile("rep stosl" : "+D"(p), "+c"(w) : "a"(0) : "memory");
	for (n &= 3; n > 0; n--)
		*d++ = 0;
}

static inline void
lx_copy(void *to, const void *from, uint32_t n)
{
	uint32_t w = n / 4;
	uint8_t *d = (uint8_t *)to + (n & ~3u);
	const uint8_t *s = (const uint8_t *)from + (n & ~3u);

	__asm__ volatile("rep movsl" : "+D"(to), "+S"(from), "+c"(w) :: "memory");
	for (n &= 3; n > 0; n--)
		*d++ = *s++;
}

/* lx_timespec_ns: the 32-bit (T64 0) or 64-bit timespec at ADDR in ns:
 * 0, -EFAULT (ADDR 0; an unreadable one faults into EFAULT, docs/abi.md
 * §10) or -EINVAL (negative, or nanoseconds out of range), as Linux checks. */
int32_t lx_timespec_ns(uint32_t addr, int t64, int64_t *ns);

/* Signals (lx_signal.c, lx_sigframe.c, lx_itimer.c; docs/linux-signals.md;
 * lx_signal.h has what only the signal files share). */
struct lx_sinfo {
	int32_t		signo, code, pid, uid, status;
	uint32_t	addr;
	int32_t		value, tid, overrun;
};
/* lx_busy: a Linux call is being served (set by lx_dispatch). */
extern volatile uint32_t lx_busy;
/* lx_sig_begin, lx_sig_leave: the start and the exit path of every Linux
 * call.  lx_sig_leave delivers the signals that wait (it does not return
 * then: the program resumes in the handler, or restarts the call), else
 * returns R. */
void lx_sig_begin(void);
int32_t lx_sig_leave(uint32_t nr, const uint32_t *frame, int32_t r);
/* lx_sig_quiet_restart: whether the call NR, answered R, was interrupted by
 * a signal that needs no handler now, so it is simply made again. */
int lx_sig_quiet_restart(uint32_t nr, int32_t r);
/* lx_sig_arrive: a signal came (SI); lx_sig_port: the upcall port timers
 * reply to; lx_timer_answer: a timer message M was answered on it. */
void lx_sig_arrive(const struct lx_sinfo *si);
struct vk_portabi *lx_sig_port(void);
void lx_timer_answer(struct vk_msghdr *m);
/* lx_upcall: the port's upcall function (the kernel calls it). */
void lx_upcall(struct vk_portabi *port, struct vk_upframe_abi *f);
/* In a forked child: re-arm what the kernel did not copy. */
void lx_sig_fork_child(void);
/* lx_sig_before_exec: hand the signal mask to the kernel (sigblock), which
 * keeps it across execve and holds blocked signals for the new image. */
void lx_sig_before_exec(void);
/* lx_sig_exec_failed: execve failed: take the signals back. */
void lx_sig_exec_failed(void);
void lx_timer_fork_child(void);
/* lx_timeout_start: arm the timeout of a signal wait, NS (> 0) from now, a
 * one-shot timer message on the signal port: 0, or -errno when the kernel
 * refuses it.  lx_timeout_over: it has expired (its answer was taken).
 * lx_timeout_stop: disarm it (harmless when it is not armed). */
int32_t lx_timeout_start(int64_t ns);
int lx_timeout_over(void);
void lx_timeout_stop(void);

#define LX_ARGS uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5, uint32_t a6
#define LX_DECL(name) int32_t lx_##name(LX_ARGS)

#endif
