/*
 * cpu/cpu.h: the i386 CPU of one guest process, on one Unicorn engine.
 *
 * The cpu module owns the engine, the GDT (flat ring-0 and ring-3 code and
 * data, and the three TLS entries Linux hands out, 12-14), guest memory
 * registration, the single interrupt hook and the run loop.  It knows nothing
 * of the virtual kernel: software interrupts 0x80 and 0x81 go to a trap
 * function the owner registers, answered inside the hook; every other vector,
 * and every bad memory access, stops the run and is reported as a fault.
 * Every Unicorn error passes through one wrapper that names the failing call;
 * cpu_error() returns that text.
 */
#ifndef VK_CPU_H
#define VK_CPU_H

#include <stddef.h>
#include <stdint.h>

struct cpu;

/* The reserved top of the guest address space: GDT and entry trampoline. */
#define CPU_KERNEL_BASE		0xffff0000u
#define CPU_KERNEL_SIZE		0x00001000u

/* GDT layout, as an x86_64 Linux kernel presents it to 32-bit processes. */
#define CPU_GDT_KCODE		1
#define CPU_GDT_KDATA		2
#define CPU_GDT_UCODE		4
#define CPU_GDT_UDATA		5
#define CPU_GDT_TLS_MIN		12
#define CPU_GDT_TLS_MAX		14
#define CPU_SEL(idx, rpl)	((uint16_t)(((idx) << 3) | (rpl)))
#define CPU_SEL_UCODE		CPU_SEL(CPU_GDT_UCODE, 3)	/* 0x23 */
#define CPU_SEL_UDATA		CPU_SEL(CPU_GDT_UDATA, 3)	/* 0x2b */

/* Guest memory permissions for cpu_map. */
#define CPU_PROT_R	1
#define CPU_PROT_W	2
#define CPU_PROT_X	4

/* Register file exchanged with the owner. */
struct cpu_regs {
	uint32_t eax, ebx, ecx, edx, esi, edi, ebp, esp, eip, eflags;
};

/* Why cpu_run returned. */
enum cpu_exit {
	CPU_EXIT_STOP,		/* cpu_request_stop() was called from a trap, or the cpu_preempt deadline came */
	CPU_EXIT_FAULT,		/* the guest faulted: see struct cpu_fault */
	CPU_EXIT_ERROR,		/* Unicorn failed: cpu_error() says how */
};

enum cpu_fault_kind {
	CPU_FAULT_VECTOR,	/* a CPU exception or unexpected int n: .vector */
	CPU_FAULT_INSN,		/* invalid or unsupported instruction (#UD) */
	CPU_FAULT_READ,		/* read of unmapped or unreadable memory at .addr */
	CPU_FAULT_WRITE,	/* write to unmapped or read-only memory at .addr */
	CPU_FAULT_FETCH,	/* execution of unmapped or non-executable memory */
};

struct cpu_fault {
	enum cpu_fault_kind kind;
	uint32_t	vector;	/* CPU_FAULT_VECTOR: 0 #DE, 3 #BP, 13 #GP, ... */
	uint32_t	eip;	/* the faulting instruction; for memory faults only the
				 * start of its translated block (Unicorn 2.1.1 syncs EIP
				 * per instruction only under a code hook) */
	uint32_t	addr;	/* faulting data address, for memory faults */
	int		prot;	/* memory faults: 1 if the page was mapped (a permission fault) */
};

/*
 * The trap function: called from inside emulation for int 0x80 and int 0x81,
 * with EIP already past the instruction.  It reads and writes registers with
 * cpu_regs_*, may redirect EIP/ESP (reflection), or call cpu_request_stop() to end the
 * run; it must not do both (Unicorn then loses one of the two).
 */
typedef void (*cpu_trap_fn)(void *ctx, struct cpu *cpu, uint32_t vector);

/*
 * cpu_new: open a 32-bit x86 engine, map the kernel page (GDT and trampoline,
 * read+execute for the guest, so it can neither patch the GDT nor hide a
 * stop), install the one interrupt hook and the invalid-memory hook (which
 * costs nothing until a fault).  TRAP and CTX are called for int 0x80/0x81.
 * Returns NULL and fills ERR (ERRLEN bytes) on failure.  An engine kept by
 * cpu_free is taken before a new one is built (about 1 ms saved).
 *
 * Memory: an idle engine costs about 1 MiB of resident host memory, plus the
 * code it has translated.  Its translation buffer is 1 GiB of address space
 * (committed, not resident) that is never flushed: Unicorn 2.1.1 corrupts an
 * engine whose buffer fills, and a buffer small enough to fill safely would
 * have to be resident in full (cpu.c says why).  cpu_new also turns
 * transparent huge pages off for the whole host process (prctl), so that a
 * few translated blocks never cost a 2 MiB page.
 */
struct cpu *cpu_new(cpu_trap_fn trap, void *ctx, char *err, size_t errlen);

/*
 * cpu_new_code: cpu_new for a life whose code will have CODE_ID (see
 * cpu_set_code_id; 0: none): an engine kept by cpu_free whose last life had
 * that id is taken first, with the code it translated from its read-only
 * executable mappings, which then runs again without being translated again
 * if this life maps the same ranges, with the same protection and host
 * memory, and still has CODE_ID at its first cpu_run.
 */
struct cpu *cpu_new_code(cpu_trap_fn trap, void *ctx, uint64_t code_id, char *err, size_t errlen);

/*
 * cpu_set_code_id: declare what the guest's read-only executable mappings
 * hold: ID names their bytes and layout, and the owner vouches that two lives
 * given the same nonzero ID hold the same bytes at the same addresses (a
 * fork child holds its parent's).  0: nothing to vouch for (never reused).
 * Set it whenever such a mapping or its bytes change; writable executable
 * mappings are never reused.
 */
void cpu_set_code_id(struct cpu *cpu, uint64_t id);

/*
 * cpu_free: end CPU's use.  Every guest mapping is removed and the engine is
 * either kept, scrubbed, for a later cpu_new (at most a few, each for a
 * bounded number of lives, and never one whose last run faulted or failed),
 * or closed.  A cpu_new that reuses it gives the guest what a new engine
 * gives: no mapping, no translated code or TLB entry of the last life, the
 * GDT without TLS entries, and the registers, flags and FPU/SSE state of a
 * new engine.  Memory registered with cpu_map stays the owner's; it may be
 * released after cpu_free, not before.  Must not be called from inside
 * CPU's own cpu_run.
 */
void cpu_free(struct cpu *cpu);

/* cpu_error: the text of the last failure (names the Unicorn call). */
const char *cpu_error(const struct cpu *cpu);

/*
 * cpu_map: back guest [ADDR, ADDR+SIZE) with host memory HOST (owner-managed,
 * must stay valid until unmapped), with CPU_PROT_* permissions.  ADDR and SIZE
 * page-aligned, below CPU_KERNEL_BASE, not overlapping another mapping.
 * Returns 0 or -1 (cpu_error).
 */
int cpu_map(struct cpu *cpu, uint32_t addr, uint32_t size, int prot, void *host);

/* cpu_unmap: remove a mapping made by cpu_map (exactly one or more whole ones). */
int cpu_unmap(struct cpu *cpu, uint32_t addr, uint32_t size);

/* cpu_flush_code: forget translated code for [ADDR, ADDR+SIZE) after the host
 * wrote there.  Before the life's first cpu_run there is none: the code kept
 * from the last life stays or goes by the code id then (cpu_set_code_id). */
void cpu_flush_code(struct cpu *cpu, uint32_t addr, uint32_t size);

/*
 * cpu_set_tls: set GDT entry IDX (CPU_GDT_TLS_MIN..MAX) to a ring-3 read/write
 * data segment with BASE and LIMIT (in bytes if !PAGES, else in 4 KiB units, as
 * Linux's user_desc limit_in_pages), or clear it when !PRESENT.  Only data
 * descriptors can be made: a guest-chosen value can never yield a code, system
 * or ring-0 descriptor.  Returns 0 or -1 for a bad index.
 */
int cpu_set_tls(struct cpu *cpu, int idx, uint32_t base, uint32_t limit, int pages, int present);

/* cpu_get_tls: read back entry IDX as cpu_set_tls took it; -1 for a bad index. */
int cpu_get_tls(struct cpu *cpu, int idx, uint32_t *base, uint32_t *limit, int *pages, int *present);

/*
 * cpu_get_sse / cpu_set_sse: the eight XMM registers and MXCSR.  Guest
 * fxsave/fxrstor do not cover them on Unicorn (CR4.OSFXSR is clear), so a
 * kernel that saves a process's state must.  0 or -1 (cpu_error).
 */
int cpu_get_sse(struct cpu *cpu, unsigned char xmm[8][16], uint32_t *mxcsr);
int cpu_set_sse(struct cpu *cpu, unsigned char xmm[8][16], uint32_t mxcsr);

/* cpu_get_gs: the %gs selector. */
uint16_t cpu_get_gs(struct cpu *cpu);

/*
 * cpu_set_code: copy LEN bytes of the owner's ring-3 code onto the kernel
 * page (read+execute to the guest; at most 512 bytes) and return its guest
 * address in *ADDR.  The copy goes with the page to a fork (cpu_copy_state).
 * 0 or -1 (cpu_error).
 */
int cpu_set_code(struct cpu *cpu, const void *code, size_t len, uint32_t *addr);

/* cpu_load_gs: load %gs with SELECTOR (0 or a ring-3 TLS selector); -1 if Unicorn refuses. */
int cpu_load_gs(struct cpu *cpu, uint16_t selector);

/*
 * cpu_set_warmup: keep Unicorn's TLB grown over PAGES pages from ADDR (it
 * starts at 1 MiB of reach and is resized only when flushed: grown when over
 * 70% of it is in use, shrunk when its last resize is over 100 ms old and
 * little of it is).  A warm-up reads pages of the range at ring 3, in rounds
 * with a flush after each, which grows it to up to 4096 entries.  It runs
 * before the first instruction (cpu_start), unless the engine, back from the
 * pool, was warmed so recently that its TLB cannot have shrunk since; and
 * again whenever a mapping change (which flushes) may have shrunk it, once
 * the guest stops at its next trap (the run goes on by itself after it).
 * The range must be readable then (a range that is not is skipped), and
 * HOST, its host backing as given to cpu_map, is where the pages read are
 * given back to the host afterwards (madvise MADV_DONTNEED; a page only read
 * maps the host's zero page, which mincore reports as resident), except
 * those that held data before.  With HOST NULL nothing is given back.  Call
 * before cpu_start, or after cpu_copy_state.  Returns 0; a failed madvise
 * makes cpu_run return CPU_EXIT_ERROR.
 */
int cpu_set_warmup(struct cpu *cpu, uint32_t addr, uint32_t pages, void *host);

/* cpu_warmups: how many TLB warm-ups (see cpu_set_warmup) this life has had. */
unsigned cpu_warmups(const struct cpu *cpu);

/*
 * cpu_start: prepare the first entry into the guest: ring 3 with flat user
 * code and data, %gs = GS (0 for none), EIP and ESP as given, EFLAGS 0x202.
 * The switch from ring 0 happens through an iret on the kernel page when
 * cpu_run next runs.  Returns 0 or -1.
 */
int cpu_start(struct cpu *cpu, uint32_t eip, uint32_t esp, uint16_t gs);

/*
 * cpu_preempt: make the next cpu_run stop by itself once CLOCK_MONOTONIC
 * reaches DEADLINE_NS (UINT64_MAX: never), at a block boundary, so that it
 * resumes exactly where it stopped (CPU_EXIT_STOP, and cpu_preempted says
 * so).  The first call with a deadline installs a block hook on this engine
 * (which makes guest code ~10-50% slower from then on) and retranslates the
 * code; later calls only move the deadline.  0 or -1 (cpu_error).
 */
int cpu_preempt(struct cpu *cpu, uint64_t deadline_ns);
/* cpu_preempt_now: make a run with the block hook installed stop at its next
 * look at the clock, as if its deadline had passed.  Async-signal-safe: for a
 * host signal handler.  Without the hook it does nothing. */
void cpu_preempt_now(struct cpu *cpu);
/* cpu_preempted: 1 if the last cpu_run ended at the cpu_preempt deadline (and clears it). */
int cpu_preempted(struct cpu *cpu);

/*
 * cpu_run: run the guest until a trap calls cpu_request_stop, the guest faults, or
 * Unicorn fails.  Fills *FAULT for CPU_EXIT_FAULT.  No per-instruction hook and
 * no instruction count are ever used.
 */
enum cpu_exit cpu_run(struct cpu *cpu, struct cpu_fault *fault);

/*
 * cpu_copy_state: give DST (a fresh engine whose guest memory the caller has
 * already made a copy of SRC's) SRC's whole CPU state: registers, segments,
 * FPU/SSE, the GDT with its TLS entries; DST then resumes where SRC stands
 * (fork).  May be called from inside SRC's trap.  0 or -1 (cpu_error(DST)).
 */
int cpu_copy_state(struct cpu *dst, struct cpu *src);

/* cpu_request_stop: make the running cpu_run return CPU_EXIT_STOP; safe from a trap or a timer. */
void cpu_request_stop(struct cpu *cpu);

/* Register access; batched, a few ns each.  cpu_regs_get/set move all ten. */
void cpu_regs_get(struct cpu *cpu, struct cpu_regs *r);
void cpu_regs_set(struct cpu *cpu, const struct cpu_regs *r);
/* The three registers of the int 0x81 gate, and its eax result: the hot path. */
void cpu_gate_args(struct cpu *cpu, uint32_t *eax, uint32_t *ecx, uint32_t *edx);
void cpu_set_eax(struct cpu *cpu, uint32_t eax);
uint32_t cpu_get_eip(struct cpu *cpu);
/* ESP and EIP together (reflection: push a return address, jump). */
void cpu_get_sp_ip(struct cpu *cpu, uint32_t *esp, uint32_t *eip);
void cpu_set_sp_ip(struct cpu *cpu, uint32_t esp, uint32_t eip);

#endif
