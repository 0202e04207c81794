/*
 * layer/lx_sigframe.c: the Linux i386 signal frames of the personality
 * (docs/linux-signals.md, "Frames").  Its one job is the machine state a
 * handler sees and gives back: it builds Linux's sigframe and rt_sigframe
 * (arch/x86/include/asm/sigframe.h, 32-bit) over an interrupted context,
 * converts the FPU state between fxsave images and struct _fpstate_32,
 * keeps the alternate signal stack, and reads a frame back for sigreturn
 * and rt_sigreturn.  Which signal to deliver, and the mask, are
 * lx_signal.c's.
 */
#include "layer/lx_signal.h"

#define SS_ONSTACK_L	1
#define SS_DISABLE_L	2
#define SS_AUTODISARM_L	(1u << 31)
#define MINSIGSTKSZ_L	2048

#define EFL_TF		0x00000100u
#define EFL_DF		0x00000400u

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

/* The alternate signal stack (sigaltstack). */
static struct lx_stack alt = { 0, SS_DISABLE_L, 0 };

/* The saved frame of the Linux call in progress (lx_entry.S). */
extern const uint32_t *volatile lx_cur_frame;

/* Trampolines for handlers without SA_RESTORER (lx_entry.S). */
extern const uint8_t lx_sigreturn_tramp[], lx_rt_sigreturn_tramp[];

static int
on_altstack(uint32_t sp)
{
	return alt.size != 0 && sp > alt.sp && sp - alt.sp <= alt.size;
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
		lx_zero(fx, sizeof(*x));
		x->mxcsr = 0x1f80;
		lx_zero(fx + FX_XMM, 128);
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

void
lx_put_siginfo(uint32_t *info, const struct lx_sinfo *si)
{
	lx_zero(info, 128);
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
put_sigcontext(struct lx_sigcontext *sc, const struct vk_upframe_abi *c, const struct lx_sinfo *si, uint32_t fp,
    uint64_t mask)
{
	int s = si->signo;
	int fault = si->code > 0 && (s == VK_SIGSEGV || s == VK_SIGBUS || s == VK_SIGFPE ||
	    s == VK_SIGILL || s == VK_SIGTRAP) && si->pid == 0;

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
	sc->cr2 = fault ? si->addr : 0;
}

/* Where a frame of SIZE bytes goes below SP: as if called, (sp + 4) % 16 == 0. */
static uint32_t
frame_below(uint32_t sp, uint32_t size)
{
	return ((sp - size + 4) & ~15u) - 4;
}

void
lx_frame_push(struct vk_upframe_abi *c, int s, const struct lx_sinfo *si, const struct lx_sigaction *a,
    uint64_t old, uint32_t limit)
{
	uint32_t sp = c->uf_esp, fp;
	int rt = (a->flags & SA_SIGINFO_L) != 0;
	struct lx_stack st = { alt.sp, alt.size == 0 ? SS_DISABLE_L : on_altstack(sp) ? SS_ONSTACK_L : 0,
	    alt.size };
	uint32_t ret = (a->flags & SA_RESTORER_L) ? a->restorer :
	    rt ? (uint32_t)lx_rt_sigreturn_tramp : (uint32_t)lx_sigreturn_tramp;

	if ((a->flags & SA_ONSTACK_L) && alt.size != 0 && !on_altstack(sp)) {
		sp = alt.sp + alt.size;
		if ((uint32_t)alt.flags & SS_AUTODISARM_L) {
			alt.sp = alt.size = 0;
			alt.flags = SS_DISABLE_L;
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
		lx_put_siginfo(f->info, si);
		f->uc.uc_flags = 0;
		f->uc.uc_link = 0;
		f->uc.uc_stack = st;
		put_sigcontext(&f->uc.uc_mcontext, c, si, fp, old);
		f->uc.uc_sigmask[0] = (uint32_t)old;
		f->uc.uc_sigmask[1] = (uint32_t)(old >> 32);
		/* movl $173, %eax; int $0x80: what debuggers recognise */
		lx_copy(f->retcode, "\xb8\xad\x00\x00\x00\xcd\x80\x00", 8);
		c->uf_edx = f->pinfo;
		c->uf_ecx = f->puc;
	} else {
		struct lx_sigframe *f = (struct lx_sigframe *)(sp = frame_below(sp, sizeof(*f)));

		put_sigcontext(&f->sc, c, si, fp, old);
		f->extramask[0] = (uint32_t)(old >> 32);
		/* popl %eax; movl $119, %eax; int $0x80 */
		lx_copy(f->retcode, "\x58\xb8\x77\x00\x00\x00\xcd\x80", 8);
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
}

/*
 * Save the FPU/SSE state into FX as an fxsave image.  fxsave leaves the SSE
 * half out on Unicorn (see cpu_get_sse), so MXCSR and XMM are stored
 * directly.  At a system call the x87 stack is almost always empty, and
 * then the environment (fnstenv: a quarter of fxsave's memory accesses,
 * which the emulator does one by one) is all there is to keep.
 */
void
lx_fx_save(uint8_t *fx)
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
void
lx_fx_load(const uint8_t *fx)
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
	lx_sig_return(&c, mask);
}

LX_DECL(rt_sigreturn)
{
	const struct lx_rt_sigframe *f = (const struct lx_rt_sigframe *)(caller_sp() - 4);

	(void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6;
	alt.flags &= (int32_t)~SS_AUTODISARM_L;
	sigreturn_to(&f->uc.uc_mcontext, f->uc.uc_sigmask[0] | (uint64_t)f->uc.uc_sigmask[1] << 32);
}

LX_DECL(sigreturn)
{
	const struct lx_sigframe *f = (const struct lx_sigframe *)(caller_sp() - 8);

	(void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6;
	sigreturn_to(&f->sc, f->sc.oldmask | (uint64_t)f->extramask[0] << 32);
}

/* ---- the alternate stack ---- */

LX_DECL(sigaltstack)
{
	const struct lx_stack *ss = (const struct lx_stack *)a1;
	struct lx_stack *oss = (struct lx_stack *)a2, old;
	int on = on_altstack(caller_sp());

	(void)a3; (void)a4; (void)a5; (void)a6;
	old.sp = alt.sp;
	old.size = alt.size;
	old.flags = (alt.size == 0 ? SS_DISABLE_L : on ? SS_ONSTACK_L : 0) |
	    (int32_t)((uint32_t)alt.flags & SS_AUTODISARM_L);
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
		alt = n;
	}
	if (oss != 0)
		*oss = old;
	return 0;
}
