/*
 * cpu/cpu.c: one Unicorn engine per guest process, brought to ring 3 with a
 * Linux-shaped GDT, and the run loop.
 *
 * The kernel page (CPU_KERNEL_BASE) holds the GDT, a one-instruction iret
 * trampoline and the iret frame; the guest sees it read+execute, so it can
 * read its own descriptors but never change them.  The first cpu_run after
 * cpu_start begins at the trampoline in ring 0 and irets into the guest; every
 * later run simply resumes at the guest's EIP in ring 3.
 *
 * Hot path: int 0x81 reaches on_intr, which calls the owner's trap function
 * inside emulation.  Emulation stops only when the owner asks (exit, block,
 * switch) or on a fault.  The `until' address given to uc_emu_start is the
 * last word of the kernel page, which holds no code the guest can reach
 * without first faulting on the page's data.
 *
 * Preemption (cpu_preempt): a stop requested from outside the emulator can
 * land in the middle of a translated block (Unicorn checks for it after
 * guest loads and stores), and resuming at the reported EIP then runs part
 * of the block twice.  A UC_HOOK_BLOCK callback runs before its block's own
 * exit check, so a stop from there leaves EIP exactly at the block's start
 * with none of it executed.  The hook costs a call per executed block
 * (measured 10-50% on tight loops), so it is installed only on an engine
 * whose owner asks for preemption, and it looks at the clock only once
 * every CPU_PREEMPT_BLOCKS blocks.
 *
 * Reuse (cpu_free, cpu_new): building an engine (uc_open and its first
 * mapping) and closing it cost about 1 ms together, twice per fork+exec.  So
 * cpu_free scrubs a healthy engine and keeps it, up to CPU_POOL_MAX of them,
 * and cpu_new hands one out before it builds any.  Scrubbing unmaps every
 * guest region, which also drops the code translated from it and its TLB
 * entries (Unicorn's uc_mem_unmap does both, page by page; see scrub for
 * the mappings without code, which wait to be mapped again), removes the
 * preemption hook, clears the kernel page and restores the CPU state the
 * engine had when it was built (registers, flags, segments, FPU/SSE).  The
 * engine's translation buffer is never flushed (see TCG_BUFFER_SIZE), so the
 * code of each life stays in it, dead but resident: an engine is closed after
 * CPU_REUSE_MAX lives that translated their code anew (a life that runs the
 * code kept from the last one adds little; CPU_REUSE_ALL bounds those), which
 * bounds that, and an engine with many regions is closed rather than
 * scrubbed region by region.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <time.h>
#include <unicorn/unicorn.h>

#include "cpu/cpu.h"

#define GDT_ENTRIES	32
#define KP_GDT		0x000		/* GDT: 32 descriptors */
#define KP_TRAMPOLINE	0x800		/* iret */
#define KP_WARM		0x900		/* the TLB warm-up loop */
#define KP_WARM_LEN	11
#define KP_CODE		0xc00		/* the owner's code (cpu_set_code) */
#define KP_CODE_LEN	0x200
#define KP_FRAME	0xf00		/* eip, cs, eflags, esp, ss for the iret */
#define KP_UNTIL	0xffc		/* never executed: the run's stop address */
#define CPU_PREEMPT_BLOCKS 1024		/* blocks between two looks at the clock */
#define WARM_PAGE	0x1000		/* the warm-up loop's stride (add $0x1000,%esi) */
#define WARM_FIRST	184		/* the first round: just over 70% of 256 entries */
/* Unicorn shrinks a TLB only at a flush at least 100 ms after it last
 * resized it: within this much of a warm-up it is still as grown. */
#define WARM_KEEP_NS	(80ull * 1000 * 1000)

/*
 * The translation buffer of each engine: 1 GiB of host address space, of
 * which only the pages holding translated code become resident.  It must
 * never fill: Unicorn 2.1.1 corrupts an engine the first time its buffer
 * fills (the code generator starts over at the buffer's start without
 * flushing the blocks already translated, and the next chained jump writes
 * through a stale one: a host SIGSEGV).  A smaller buffer is safe only if it
 * is flushed once as soon as the engine exists, and that flush zero-fills the
 * whole buffer, making all of it resident.  1 GiB is Unicorn's own default;
 * it is set here so that the promise holds whatever a Unicorn build defaults
 * to.  The figures are in docs/architecture.md, "Platform findings".
 */
#define TCG_BUFFER_SIZE	(1u << 30)

#define CPU_POOL_MAX	4	/* idle engines kept for the next cpu_new */
#define CPU_REUSE_MAX	16	/* lives of one engine that translated its code anew */
#define CPU_REUSE_ALL	64	/* lives of one engine, in all */
#define CPU_REUSE_REGIONS 64	/* more regions than this: close, do not scrub */

struct cpu {
	uc_engine	*uc;
	uc_hook		intr_hook;
	uc_hook		mem_hook;
	uc_hook		block_hook;	/* installed by the first cpu_preempt */
	int		has_block_hook;
	volatile uint64_t deadline;	/* CLOCK_MONOTONIC ns to stop at; UINT64_MAX: never */
	uint32_t	countdown;	/* blocks until the next look at the clock */
	int		preempted;	/* the last run ended at the deadline */
	cpu_trap_fn	trap;
	void		*trap_ctx;
	unsigned char	*kpage;		/* host backing of the kernel page */
	int		entering;	/* next run starts at the iret trampoline */
	int		faulted;	/* a hook recorded .fault and stopped */
	uint32_t	entry_eip;	/* where the guest starts */
	uint32_t	warm_addr, warm_pages;	/* TLB warm-up range (see cpu_set_warmup) */
	void		*warm_host;	/* its host backing, given back after a warm-up */
	int		warm_first;	/* warm up before the first instruction */
	int		rewarm;		/* Unicorn may have shrunk the TLB: warm up again */
	int		ip_written;	/* the trap being handled moved EIP */
	int		stop_asked;	/* the owner asked this run to stop */
	int		ran;		/* this life has run (cpu_run) */
	unsigned	warmups;	/* warm-ups in this life (cpu_warmups) */
	uint64_t	warmed_ns;	/* when the last warm-up ended (CLOCK_MONOTONIC) */
	uint32_t	warmed_round;	/* the pages its largest round read */
	struct cpu_fault fault;
	struct cpu_mapping {
		uint32_t	addr, size;
		int		prot;	/* CPU_PROT_* */
		int		kept;	/* left from the last life, not mapped again yet */
		int		recheck;	/* code kept from the last life, taken back:
					 * it stays only if the code ids agree */
		void		*host;
	} maps[CPU_REUSE_REGIONS];	/* the engine's guest mappings, while they fit */
	int		nmaps;
	int		nkept;		/* of them, kept from the last life */
	int		nrecheck;	/* of them, taken back with their code */
	uint64_t	code_id;	/* what the read-only code mappings hold (cpu_set_code_id) */
	uint64_t	kept_id;	/* the code id of the last life's, kept */
	int		untracked;	/* more mappings than maps[] holds: never reused */
	uc_context	*pristine;	/* the CPU state right after the engine was built */
	int		lives;		/* processes this engine has served */
	int		fresh_lives;	/* of them, lives that did not run kept code */
	int		broken;		/* a run faulted or failed: never reused */
	char		err[256];
};

/* Idle, scrubbed engines (see the top of the file). */
static struct cpu *pool[CPU_POOL_MAX];
static int npool;

/* Flat descriptors (limit 4 GiB, 32-bit, granularity 4 KiB, accessed bit set). */
#define DESC_KCODE	0x00cf9b000000ffffULL
#define DESC_KDATA	0x00cf93000000ffffULL
#define DESC_UCODE	0x00cffb000000ffffULL
#define DESC_UDATA	0x00cff3000000ffffULL

/* The one place Unicorn errors are turned into text. */
static int
uc_ok(struct cpu *c, uc_err e, const char *call)
{
	if (e == UC_ERR_OK)
		return 1;
	snprintf(c->err, sizeof(c->err), "%s: %s", call, uc_strerror(e));
	return 0;
}

static uint64_t
make_data_desc(uint32_t base, uint32_t limit, int pages)
{
	uint64_t d = 0;

	d |= (uint64_t)(limit & 0xffff);
	d |= (uint64_t)(base & 0xffffff) << 16;
	d |= (uint64_t)0xf3 << 40;		/* present, DPL 3, data RW, accessed */
	d |= (uint64_t)((limit >> 16) & 0xf) << 48;
	d |= (uint64_t)(pages ? 0xc : 0x4) << 52;	/* G when pages, D/B 32-bit */
	d |= (uint64_t)(base >> 24) << 56;
	return d;
}

static void
gdt_write(struct cpu *c, int idx, uint64_t desc)
{
	memcpy(c->kpage + KP_GDT + idx * 8, &desc, 8);
}

static uint64_t
gdt_read(struct cpu *c, int idx)
{
	uint64_t d;

	memcpy(&d, c->kpage + KP_GDT + idx * 8, 8);
	return d;
}

static void
record_fault(struct cpu *c, enum cpu_fault_kind kind, uint32_t vector, uint32_t addr, int prot)
{
	uint32_t eip = 0;

	uc_reg_read(c->uc, UC_X86_REG_EIP, &eip);
	c->fault = (struct cpu_fault){ .kind = kind, .vector = vector, .eip = eip,
	    .addr = addr, .prot = prot };
	c->faulted = 1;
}

/*
 * The interrupt hook: classifies, nothing more.  0x80 and 0x81 are the two
 * gates and go to the owner; anything else is a CPU exception (or an int n the
 * guest has no business issuing) and ends the run as a fault.
 */
static void
on_intr(uc_engine *uc, uint32_t intno, void *ud)
{
	struct cpu *c = ud;

	if (intno == 0x81 || intno == 0x80) {
		c->ip_written = 0;
		c->trap(c->trap_ctx, c, intno);
		/* A mapping change may have shrunk the TLB: stop, so that cpu_run
		 * grows it again before the guest goes on.  Not when the trap moved
		 * EIP: Unicorn would lose the move or the stop, so the next trap
		 * stops instead. */
		if (c->rewarm && !c->ip_written)
			uc_emu_stop(uc);
		return;
	}
	record_fault(c, intno == 6 ? CPU_FAULT_INSN : CPU_FAULT_VECTOR, intno, 0, 0);
	uc_emu_stop(uc);
}

/* Invalid-memory hook: runs only when an access fails, so it is free otherwise. */
static bool
on_bad_mem(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value, void *ud)
{
	struct cpu *c = ud;
	enum cpu_fault_kind kind;
	int prot = 0;

	switch (type) {
	case UC_MEM_READ_PROT:	prot = 1; /* fall through */
	case UC_MEM_READ_UNMAPPED:	kind = CPU_FAULT_READ; break;
	case UC_MEM_WRITE_PROT:	prot = 1; /* fall through */
	case UC_MEM_WRITE_UNMAPPED:	kind = CPU_FAULT_WRITE; break;
	case UC_MEM_FETCH_PROT:	prot = 1; /* fall through */
	default:			kind = CPU_FAULT_FETCH; break;
	}
	record_fault(c, kind, 14, (uint32_t)addr, prot);
	return false;
}

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Before every block while preemption is installed (see the top of the file). */
static void
on_block(uc_engine *uc, uint64_t addr, uint32_t size, void *ud)
{
	struct cpu *c = ud;

	(void)addr;
	(void)size;
	if (--c->countdown != 0)
		return;
	c->countdown = CPU_PREEMPT_BLOCKS;
	if (c->deadline != UINT64_MAX && now_ns() >= c->deadline) {
		c->deadline = UINT64_MAX;
		c->preempted = 1;
		uc_emu_stop(uc);
	}
}

static int
setup_gdt(struct cpu *c)
{
	uc_x86_mmr gdtr = { .base = CPU_KERNEL_BASE + KP_GDT, .limit = GDT_ENTRIES * 8 - 1 };
	uint32_t sel;

	gdt_write(c, CPU_GDT_KCODE, DESC_KCODE);
	gdt_write(c, CPU_GDT_KDATA, DESC_KDATA);
	gdt_write(c, CPU_GDT_UCODE, DESC_UCODE);
	gdt_write(c, CPU_GDT_UDATA, DESC_UDATA);
	if (!uc_ok(c, uc_reg_write(c->uc, UC_X86_REG_GDTR, &gdtr), "uc_reg_write(GDTR)"))
		return -1;
	/* A 32-bit SS first: any later push (and %gs) needs it. */
	sel = CPU_SEL(CPU_GDT_KDATA, 0);
	if (!uc_ok(c, uc_reg_write(c->uc, UC_X86_REG_SS, &sel), "uc_reg_write(SS)"))
		return -1;
	return 0;
}

/*
 * Make an idle engine from the pool look as cpu_new builds one: the CPU
 * state it had when built, a kernel page holding only the GDT, no hook but
 * the two cpu_new installs, an empty TLB.  0, or -1 if Unicorn refuses.
 */
static int
reuse(struct cpu *c, cpu_trap_fn trap, void *ctx, uint64_t code_id)
{
	c->code_id = code_id;
	c->trap = trap;
	c->trap_ctx = ctx;
	c->deadline = UINT64_MAX;
	c->countdown = CPU_PREEMPT_BLOCKS;
	c->preempted = c->entering = c->faulted = 0;
	c->entry_eip = c->warm_addr = c->warm_pages = 0;
	c->warm_host = NULL;
	c->warm_first = c->rewarm = 0;
	c->warmups = 0;
	c->ran = 0;
	memset(&c->fault, 0, sizeof(c->fault));
	c->err[0] = '\0';
	memset(c->kpage, 0, CPU_KERNEL_SIZE);
	if (!uc_ok(c, uc_context_restore(c->uc, c->pristine), "uc_context_restore") ||
	    setup_gdt(c) != 0)
		return -1;
	uc_ctl_flush_tlb(c->uc);
	return 0;
}

/*
 * Take an engine out of the pool for a life whose code will have CODE_ID:
 * the one that kept code with that id, else the one that waited longest
 * (the pool is in the order engines came back), so that an engine whose
 * code the next fork may want again is not the first to lose it.  NULL
 * (build one) rather than take the only engine there when it kept code: a
 * fork+exec loop then settles on two, one for the children up to their
 * execve and one for the programs they run.
 */
static struct cpu *
pool_take(uint64_t code_id)
{
	int pick = 0;
	struct cpu *c;

	for (int i = npool - 1; i >= 0 && code_id != 0; i--)
		if (pool[i]->kept_id == code_id) {
			pick = i;
			break;
		}
	if (pool[pick]->kept_id != code_id && npool == 1 && pool[0]->kept_id != 0)
		return NULL;
	c = pool[pick];
	memmove(&pool[pick], &pool[pick + 1], (size_t)(npool - pick - 1) * sizeof(pool[0]));
	npool--;
	return c;
}

struct cpu *
cpu_new(cpu_trap_fn trap, void *ctx, char *err, size_t errlen)
{
	return cpu_new_code(trap, ctx, 0, err, errlen);
}

struct cpu *
cpu_new_code(cpu_trap_fn trap, void *ctx, uint64_t code_id, char *err, size_t errlen)
{
	struct cpu *c;
	uc_err e;

	while (npool > 0 && (c = pool_take(code_id)) != NULL) {
		if (reuse(c, trap, ctx, code_id) == 0)
			return c;
		c->broken = 1;
		cpu_free(c);
	}
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	c->code_id = code_id;
	c->trap = trap;
	c->trap_ctx = ctx;
	c->deadline = UINT64_MAX;
	c->countdown = CPU_PREEMPT_BLOCKS;
	/*
	 * Unicorn asks for transparent huge pages on the translation buffer,
	 * which would make an engine's first translated block cost a whole 2 MiB
	 * page.  This is process-wide; vkrun asks for huge pages nowhere else.  A
	 * kernel older than 3.15 does not know the option (EINVAL): only memory
	 * is at stake then, so the engine is made all the same.
	 */
	if (prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0) != 0 && errno != EINVAL) {
		snprintf(err, errlen, "prctl(PR_SET_THP_DISABLE): %s", strerror(errno));
		goto fail;
	}
	c->kpage = mmap(NULL, CPU_KERNEL_SIZE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (c->kpage == MAP_FAILED) {
		c->kpage = NULL;
		snprintf(err, errlen, "mmap of the kernel page failed");
		goto fail;
	}
	e = uc_open(UC_ARCH_X86, UC_MODE_32, &c->uc);
	if (!uc_ok(c, e, "uc_open"))
		goto fail;
	/* Before any other call: the first one that needs the engine builds it. */
	if (!uc_ok(c, uc_ctl_set_tcg_buffer_size(c->uc, TCG_BUFFER_SIZE),
	    "uc_ctl_set_tcg_buffer_size"))
		goto fail;
	if (!uc_ok(c, uc_mem_map_ptr(c->uc, CPU_KERNEL_BASE, CPU_KERNEL_SIZE,
	    UC_PROT_READ | UC_PROT_EXEC, c->kpage), "uc_mem_map_ptr(kernel page)"))
		goto fail;
	if (!uc_ok(c, uc_hook_add(c->uc, &c->intr_hook, UC_HOOK_INTR, (void *)on_intr,
	    c, 1, 0), "uc_hook_add(UC_HOOK_INTR)"))
		goto fail;
	if (!uc_ok(c, uc_hook_add(c->uc, &c->mem_hook, UC_HOOK_MEM_INVALID,
	    (void *)on_bad_mem, c, 1, 0), "uc_hook_add(UC_HOOK_MEM_INVALID)"))
		goto fail;
	if (setup_gdt(c) != 0)
		goto fail;
	if (!uc_ok(c, uc_context_alloc(c->uc, &c->pristine), "uc_context_alloc") ||
	    !uc_ok(c, uc_context_save(c->uc, c->pristine), "uc_context_save"))
		goto fail;
	return c;
fail:
	if (c->err[0] != '\0')
		snprintf(err, errlen, "%s", c->err);
	c->broken = 1;
	cpu_free(c);
	return NULL;
}

/* Forget mapping I of C's list (Unicorn's side is the caller's). */
static void
forget_mapping(struct cpu *c, int i)
{
	if (c->maps[i].kept)
		c->nkept--;
	if (c->maps[i].recheck)
		c->nrecheck--;
	c->maps[i] = c->maps[--c->nmaps];
}

/* Unmap from Unicorn every mapping kept from the last life that the new one
 * has not mapped again: before the guest runs, and where a new mapping
 * overlaps one (just [ADDR, ADDR+SIZE) then; SIZE 0: all).  0 or -1. */
static int
drop_kept(struct cpu *c, uint32_t addr, uint32_t size)
{
	for (int i = c->nmaps - 1; i >= 0 && c->nkept > 0; i--) {
		struct cpu_mapping *m = &c->maps[i];

		if (!m->kept || (size != 0 && ((uint64_t)m->addr + m->size <= addr ||
		    (uint64_t)addr + size <= m->addr)))
			continue;
		if (!uc_ok(c, uc_mem_unmap(c->uc, m->addr, m->size), "uc_mem_unmap(kept mapping)"))
			return -1;
		forget_mapping(c, i);
	}
	return 0;
}

/* Remove the preemption hook; Unicorn drops the code it instrumented.  0 or -1. */
static int
drop_block_hook(struct cpu *c)
{
	if (uc_hook_del(c->uc, c->block_hook) != UC_ERR_OK)
		return -1;
	c->has_block_hook = 0;
	return 0;
}

/*
 * Before the first run of a life: the code mappings taken back from the last
 * life keep the code translated from them only if this life's code id is
 * that life's (the owner vouches that the bytes are the same); otherwise
 * that code is dropped, the mappings stay.
 */
static void
settle_code(struct cpu *c)
{
	int keep = c->code_id != 0 && c->code_id == c->kept_id;

	if (!keep)
		c->fresh_lives++;

	/* The preemption hook kept with the code: a life that neither runs that
	 * code nor wants preemption is better off without it. */
	if (!keep && c->has_block_hook && c->deadline == UINT64_MAX)
		(void)drop_block_hook(c);

	for (int i = 0; i < c->nmaps && c->nrecheck > 0; i++) {
		struct cpu_mapping *m = &c->maps[i];

		if (!m->recheck)
			continue;
		if (!keep)
			uc_ctl_remove_cache(c->uc, m->addr, (uint64_t)m->addr + m->size);
		m->recheck = 0;
		c->nrecheck--;
	}
	c->kept_id = 0;
}

/*
 * Make C fit for another life: remove the preemption hook and take every
 * executable guest mapping out of the engine, which drops the code
 * translated from it and its TLB entries, unless the life has a code id
 * (cpu_set_code_id) and the mapping is read-only: such code cannot have
 * changed under Unicorn, and a next life with the same id (a fork child of
 * the same parent, typically, running the same path to its execve) runs it
 * without translating it again.  Mappings without execute permission hold
 * no translated code: they stay, marked kept, because Unicorn unmaps page
 * by page (an 8 MiB stack costs ~0.3 ms) and the next life usually maps the
 * same range with the same host memory again (its address space is a new
 * reservation, which the host tends to place where the last one was);
 * cpu_map then only takes it back, and drop_kept unmaps the rest before the
 * guest runs.  Returns 0, or -1 if C must be closed.
 */
static int
scrub(struct cpu *c)
{
	if (c->broken || c->untracked || c->uc == NULL || c->pristine == NULL ||
	    ++c->lives >= CPU_REUSE_ALL || c->fresh_lives >= CPU_REUSE_MAX || drop_kept(c, 0, 0) != 0)
		return -1;
	/* Code kept for the next life was translated with the hook's calls in
	 * it: the hook stays with it (see settle_code). */
	if (c->has_block_hook && c->code_id == 0 && drop_block_hook(c) != 0)
		return -1;
	for (int i = c->nmaps - 1; i >= 0; i--) {
		struct cpu_mapping *m = &c->maps[i];

		if ((m->prot & CPU_PROT_X) && (c->code_id == 0 || (m->prot & CPU_PROT_W))) {
			if (uc_mem_unmap(c->uc, m->addr, m->size) != UC_ERR_OK)
				return -1;
			forget_mapping(c, i);
		} else {
			m->kept = 1;
			c->nkept++;
		}
	}
	c->kept_id = c->code_id;
	return 0;
}

void
cpu_free(struct cpu *c)
{
	if (c == NULL)
		return;
	if (npool < CPU_POOL_MAX && scrub(c) == 0) {
		pool[npool++] = c;
		return;
	}
	if (c->pristine != NULL)
		uc_context_free(c->pristine);
	if (c->uc != NULL)
		uc_close(c->uc);
	if (c->kpage != NULL)
		munmap(c->kpage, CPU_KERNEL_SIZE);
	free(c);
}

const char *
cpu_error(const struct cpu *c)
{
	return c->err;
}

static uint32_t
to_uc_prot(int prot)
{
	return ((prot & CPU_PROT_R) ? UC_PROT_READ : 0) |
	    ((prot & CPU_PROT_W) ? UC_PROT_WRITE : 0) |
	    ((prot & CPU_PROT_X) ? UC_PROT_EXEC : 0);
}

static int still_warm(const struct cpu *c, uint32_t pages);

/* Unicorn has just flushed C's TLB (every mapping change does), which may
 * have shrunk it (see still_warm): once the guest runs, a warm-up is due. */
static void
tlb_flushed(struct cpu *c)
{
	if (c->warm_pages != 0 && !c->entering && !still_warm(c, c->warm_pages))
		c->rewarm = 1;
}

int
cpu_map(struct cpu *c, uint32_t addr, uint32_t size, int prot, void *host)
{
	if ((uint64_t)addr + size > CPU_KERNEL_BASE) {
		snprintf(c->err, sizeof(c->err), "cpu_map: 0x%08x+0x%x reaches the kernel page", addr, size);
		return -1;
	}
	for (int i = 0; i < c->nmaps && c->nkept > 0; i++) {
		struct cpu_mapping *m = &c->maps[i];

		if (m->kept && m->addr == addr && m->size == size && m->prot == prot && m->host == host) {
			m->kept = 0;	/* the same as the last life's: taken back as it is */
			c->nkept--;
			if (prot & CPU_PROT_X) {
				m->recheck = 1;	/* with its code, if settle_code agrees */
				c->nrecheck++;
			}
			return 0;
		}
	}
	if (drop_kept(c, addr, size) != 0 ||
	    !uc_ok(c, uc_mem_map_ptr(c->uc, addr, size, to_uc_prot(prot), host), "uc_mem_map_ptr"))
		return -1;
	tlb_flushed(c);
	if (c->nmaps == CPU_REUSE_REGIONS)
		c->untracked = 1;
	else
		c->maps[c->nmaps++] = (struct cpu_mapping){ .addr = addr, .size = size, .prot = prot,
		    .host = host };
	return 0;
}

int
cpu_unmap(struct cpu *c, uint32_t addr, uint32_t size)
{
	if (!uc_ok(c, uc_mem_unmap(c->uc, addr, size), "uc_mem_unmap"))
		return -1;
	tlb_flushed(c);
	for (int i = c->nmaps - 1; i >= 0; i--)
		if (c->maps[i].addr >= addr && (uint64_t)c->maps[i].addr + c->maps[i].size <=
		    (uint64_t)addr + size)
			forget_mapping(c, i);
	return 0;
}

void
cpu_flush_code(struct cpu *c, uint32_t addr, uint32_t size)
{
	/* Before its first run a life has translated nothing; the code kept
	 * from the last one stays or goes by the code ids (settle_code). */
	if (c->ran)
		uc_ctl_remove_cache(c->uc, (uint64_t)addr, (uint64_t)addr + size);
}

int
cpu_set_tls(struct cpu *c, int idx, uint32_t base, uint32_t limit, int pages, int present)
{
	if (idx < CPU_GDT_TLS_MIN || idx > CPU_GDT_TLS_MAX)
		return -1;
	gdt_write(c, idx, present ? make_data_desc(base, limit & 0xfffff, pages) : 0);
	return 0;
}

int
cpu_get_tls(struct cpu *c, int idx, uint32_t *base, uint32_t *limit, int *pages, int *present)
{
	uint64_t d;

	if (idx < CPU_GDT_TLS_MIN || idx > CPU_GDT_TLS_MAX)
		return -1;
	d = gdt_read(c, idx);
	*present = (d >> 47) & 1;
	*base = (uint32_t)(((d >> 16) & 0xffffff) | ((d >> 56) << 24));
	*limit = (uint32_t)((d & 0xffff) | (((d >> 48) & 0xf) << 16));
	*pages = (d >> 55) & 1;
	return 0;
}

/* Unicorn runs with CR4.OSFXSR clear, so fxsave and fxrstor leave the SSE
 * registers and MXCSR out; these move them through the register API. */
int
cpu_get_sse(struct cpu *c, unsigned char xmm[8][16], uint32_t *mxcsr)
{
	int ids[9];
	void *vals[9];

	for (int i = 0; i < 8; i++) {
		ids[i] = UC_X86_REG_XMM0 + i;
		vals[i] = xmm[i];
	}
	ids[8] = UC_X86_REG_MXCSR;
	vals[8] = mxcsr;
	*mxcsr = 0;
	return uc_ok(c, uc_reg_read_batch(c->uc, ids, vals, 9), "uc_reg_read_batch(XMM)") ? 0 : -1;
}

int
cpu_set_sse(struct cpu *c, unsigned char xmm[8][16], uint32_t mxcsr)
{
	int ids[9];
	void *vals[9];

	for (int i = 0; i < 8; i++) {
		ids[i] = UC_X86_REG_XMM0 + i;
		vals[i] = xmm[i];
	}
	mxcsr &= 0xffff;	/* the defined bits: a reserved one would #GP on real hardware */
	ids[8] = UC_X86_REG_MXCSR;
	vals[8] = &mxcsr;
	return uc_ok(c, uc_reg_write_batch(c->uc, ids, vals, 9), "uc_reg_write_batch(XMM)") ? 0 : -1;
}

uint16_t
cpu_get_gs(struct cpu *c)
{
	uint32_t sel = 0;

	uc_reg_read(c->uc, UC_X86_REG_GS, &sel);
	return (uint16_t)sel;
}

int
cpu_set_code(struct cpu *c, const void *code, size_t len, uint32_t *addr)
{
	if (len > KP_CODE_LEN) {
		snprintf(c->err, sizeof(c->err), "cpu_set_code: %zu bytes, room for %d", len, KP_CODE_LEN);
		return -1;
	}
	memcpy(c->kpage + KP_CODE, code, len);
	uc_ctl_remove_cache(c->uc, CPU_KERNEL_BASE + KP_CODE, CPU_KERNEL_BASE + KP_CODE + KP_CODE_LEN);
	*addr = CPU_KERNEL_BASE + KP_CODE;
	return 0;
}

int
cpu_load_gs(struct cpu *c, uint16_t selector)
{
	uint32_t sel = selector;

	return uc_ok(c, uc_reg_write(c->uc, UC_X86_REG_GS, &sel), "uc_reg_write(GS)") ? 0 : -1;
}

/*
 * Unicorn's TLB starts at 256 entries (1 MiB of guest memory) per privilege
 * level and is resized only when it is flushed, by doubling when more than
 * 70% of it was in use.  A guest that never causes a flush would keep missing
 * on a working set of a few MiB, so the first run begins with a warm-up at
 * ring 3: a loop on the kernel page reads a growing number of pages of a
 * readable range, with a flush after each round.
 *
 * Reading a page the owner never wrote maps the host's shared zero page.
 * That costs no memory, but mincore() reports such a page as resident, and
 * fork copies resident pages: every child would get megabytes of zeros.  So
 * the pages read are given back to the host afterwards (MADV_DONTNEED), which
 * is why the range must hold nothing yet.
 */
int
cpu_set_warmup(struct cpu *c, uint32_t addr, uint32_t pages, void *host)
{
	/* 1: mov (%esi),%al; add $0x1000,%esi; dec %ecx; jnz 1b */
	static const unsigned char loop[] = { 0x8a, 0x06, 0x81, 0xc6, 0x00, 0x10, 0x00, 0x00,
	    0x49, 0x75, 0xf5 };

	memcpy(c->kpage + KP_WARM, loop, sizeof(loop));
	c->warm_addr = addr;
	c->warm_pages = pages;
	c->warm_host = host;
	return 0;
}

/* The pages the largest warm-up round over PAGES pages reads (0: none). */
static uint32_t
warm_round(uint32_t pages)
{
	uint32_t last = 0;

	for (uint32_t n = WARM_FIRST; n <= pages; n *= 2)
		last = n;
	return last;
}

/*
 * Whether C's TLB is still as large as a warm-up over PAGES pages would make
 * it.  An engine back from the pool was warmed up in an earlier life, and
 * Unicorn resizes a TLB only when flushing it: it grows one whose use went
 * above 70%, and shrinks one only when its last resize is over 100 ms old
 * (tlb_mmu_resize_locked).  Within WARM_KEEP_NS of its warm-up the TLB has
 * therefore kept its size through every flush since (scrubbing and mapping
 * flush it), and the warm-up, ~0.5 ms, would only repeat itself: a fork+exec
 * loop then warms its engines once every 80 ms rather than at every exec.
 */
static int
still_warm(const struct cpu *c, uint32_t pages)
{
	return c->warmed_round != 0 && c->warmed_round >= warm_round(pages) &&
	    now_ns() - c->warmed_ns < WARM_KEEP_NS;
}

/* Give back to the host the first PAGES pages of the warm-up range, but for
 * those RESIDENT (mincore's vector; NULL: none) says held data before. */
static int
give_back(struct cpu *c, uint32_t pages, const unsigned char *resident)
{
	for (uint32_t i = 0; i < pages; ) {
		uint32_t n = 0;

		while (i + n < pages && (resident == NULL || !(resident[i + n] & 1)))
			n++;
		if (n > 0 && madvise((char *)c->warm_host + (size_t)i * WARM_PAGE,
		    (size_t)n * WARM_PAGE, MADV_DONTNEED) != 0) {
			snprintf(c->err, sizeof(c->err),
			    "madvise(MADV_DONTNEED) after the TLB warm-up: %s", strerror(errno));
			return -1;
		}
		i += n + 1;
	}
	return 0;
}

/*
 * Run the warm-up rounds from BEGIN (the trampoline before the first
 * instruction, whose iret starts the first round at ring 3; else the loop
 * itself, at ring 3 already), then give the pages they read back to the host,
 * except those RESIDENT marks.  Each round reads the pages of the one before,
 * and more.  A new engine's TLB has 256 entries, and rounds of 184, 368, 736
 * and 1472 pages, each above 70% of the size it has then, double it four
 * times.  Any other may have any size from 64 to 4096 entries: two more
 * rounds of 184 pages first take any size below 512 there (and a round too
 * small for the TLB may shrink it, if its last resize is old, but never
 * below 512: the round's own 184 entries count).
 */
static int
warm_up(struct cpu *c, uint64_t begin, const unsigned char *resident)
{
	uint64_t end = CPU_KERNEL_BASE + KP_WARM + KP_WARM_LEN;
	uint32_t last = warm_round(c->warm_pages);
	int repeat = (c->lives > 0 || c->warmed_round != 0) ? 2 : 0;

#ifdef MADV_POPULATE_READ
	/* Map the pages the rounds will read to the host's zero page in one call
	 * rather than one fault each (~1 ms per exec; Linux >= 5.14, and
	 * harmless to skip where it is refused). */
	if (c->warm_host != NULL && last > 0)
		(void)madvise(c->warm_host, (size_t)last * WARM_PAGE, MADV_POPULATE_READ);
#endif
	for (uint32_t n = WARM_FIRST; n <= c->warm_pages; ) {
		uint32_t esi = c->warm_addr, ecx = n;

		uc_reg_write(c->uc, UC_X86_REG_ESI, &esi);
		uc_reg_write(c->uc, UC_X86_REG_ECX, &ecx);
		if (!uc_ok(c, uc_emu_start(c->uc, begin, end, 0, 0), "uc_emu_start(TLB warm-up)"))
			return -1;
		uc_ctl_flush_tlb(c->uc);
		begin = CPU_KERNEL_BASE + KP_WARM;
		if (repeat > 0)
			repeat--;
		else
			n *= 2;
	}
	c->warmed_ns = now_ns();
	c->warmed_round = last;
	c->warmups++;
	return c->warm_host != NULL && last > 0 ? give_back(c, last, resident) : 0;
}

/* Whether all of [ADDR, ADDR + PAGES pages) is mapped readable in Unicorn. */
static int
readable(struct cpu *c, uint32_t addr, uint32_t pages)
{
	uint64_t at = addr, end = (uint64_t)addr + (uint64_t)pages * WARM_PAGE;
	uc_mem_region *regs;
	uint32_t n;
	int moved = 1;

	if (uc_mem_regions(c->uc, &regs, &n) != UC_ERR_OK)
		return 0;
	while (at < end && moved) {
		moved = 0;
		for (uint32_t i = 0; i < n && at < end; i++)
			if (regs[i].begin <= at && at <= regs[i].end && (regs[i].perms & UC_PROT_READ)) {
				at = regs[i].end + 1;
				moved = 1;
			}
	}
	uc_free(regs);
	return at >= end;
}

/*
 * Warm the TLB up again in the middle of a life (see tlb_flushed): the
 * guest's state is saved around the rounds, and the pages they read that
 * held nothing before are given back.  A range the guest has unmapped or
 * made unreadable since is left alone, and the guest goes on without.
 */
static int
rewarm(struct cpu *c)
{
	uint32_t last = warm_round(c->warm_pages);
	unsigned char *resident = NULL;
	uint64_t deadline = c->deadline;
	uc_context *ctx = NULL;
	int r = -1;

	c->rewarm = 0;
	if (last == 0 || !readable(c, c->warm_addr, last))
		return 0;
	if (c->warm_host != NULL && ((resident = malloc(last)) == NULL ||
	    mincore(c->warm_host, (size_t)last * WARM_PAGE, resident) != 0)) {
		free(resident);
		return 0;	/* not knowing what to keep, read nothing */
	}
	if (uc_ok(c, uc_context_alloc(c->uc, &ctx), "uc_context_alloc") &&
	    uc_ok(c, uc_context_save(c->uc, ctx), "uc_context_save")) {
		c->deadline = UINT64_MAX;	/* the warm-up is not the guest's time */
		r = warm_up(c, CPU_KERNEL_BASE + KP_WARM, resident);
		c->deadline = deadline;
		if (!uc_ok(c, uc_context_restore(c->uc, ctx), "uc_context_restore"))
			r = -1;
	}
	if (ctx != NULL)
		uc_context_free(ctx);
	free(resident);
	return r;
}

/* The FPU state a new Linux process has: fninit's control word (double-
 * extended precision, exceptions masked) and empty x87 stack, and the
 * default MXCSR.  Unicorn resets all three to 0, which would run x87 code
 * at single precision with exceptions unmasked. */
static int
fpu_reset(struct cpu *c)
{
	uint32_t cw = 0x37f, sw = 0, tag = 0xffff, mxcsr = 0x1f80;
	int ids[] = { UC_X86_REG_FPCW, UC_X86_REG_FPSW, UC_X86_REG_FPTAG, UC_X86_REG_MXCSR };
	void *vals[] = { &cw, &sw, &tag, &mxcsr };

	return uc_ok(c, uc_reg_write_batch(c->uc, ids, vals, 4), "uc_reg_write_batch(FPU)") ? 0 : -1;
}

int
cpu_start(struct cpu *c, uint32_t eip, uint32_t esp, uint16_t gs)
{
	c->warm_first = c->warm_pages != 0 && !still_warm(c, c->warm_pages);
	uint32_t frame[5] = { c->warm_first ? CPU_KERNEL_BASE + KP_WARM : eip, CPU_SEL_UCODE, 0x202,
	    esp, CPU_SEL_UDATA };
	uint32_t udata = CPU_SEL_UDATA, kstack = CPU_KERNEL_BASE + KP_FRAME;
	int segs[] = { UC_X86_REG_DS, UC_X86_REG_ES, UC_X86_REG_FS };

	memcpy(c->kpage + KP_FRAME, frame, sizeof(frame));
	c->kpage[KP_TRAMPOLINE] = 0xcf;		/* iret */
	for (size_t i = 0; i < sizeof(segs) / sizeof(segs[0]); i++)
		if (!uc_ok(c, uc_reg_write(c->uc, segs[i], &udata), "uc_reg_write(DS/ES/FS)"))
			return -1;
	if (cpu_load_gs(c, gs) != 0 || fpu_reset(c) != 0)
		return -1;
	if (!uc_ok(c, uc_reg_write(c->uc, UC_X86_REG_ESP, &kstack), "uc_reg_write(ESP)"))
		return -1;
	c->entry_eip = eip;
	c->entering = 1;
	return 0;
}

enum cpu_exit
cpu_run(struct cpu *c, struct cpu_fault *fault)
{
	uint64_t begin;
	uint32_t eip;
	uc_err e;

	if (c->nkept > 0 && drop_kept(c, 0, 0) != 0) {
		c->broken = 1;
		return CPU_EXIT_ERROR;
	}
	if (!c->ran)
		settle_code(c);
	c->ran = 1;
	if (c->entering) {
		begin = CPU_KERNEL_BASE + KP_TRAMPOLINE;
		c->entering = 0;
		if (c->warm_first) {
			uint64_t deadline = c->deadline;
			uint32_t zero = 0;

			c->deadline = UINT64_MAX;	/* the warm-up is not the guest's time */
			c->warm_first = 0;
			if (warm_up(c, begin, NULL) != 0) {
				c->broken = 1;
				return CPU_EXIT_ERROR;
			}
			c->deadline = deadline;
			uc_reg_write(c->uc, UC_X86_REG_ESI, &zero);
			uc_reg_write(c->uc, UC_X86_REG_ECX, &zero);
			begin = c->entry_eip;
		}
	} else {
		uc_reg_read(c->uc, UC_X86_REG_EIP, &eip);
		begin = eip;
	}
	c->stop_asked = 0;
	c->faulted = 0;
	for (;;) {
		if (c->rewarm) {
			if (rewarm(c) != 0) {
				c->broken = 1;
				return CPU_EXIT_ERROR;
			}
			uc_reg_read(c->uc, UC_X86_REG_EIP, &eip);
			begin = eip;
		}
		e = uc_emu_start(c->uc, begin, CPU_KERNEL_BASE + KP_UNTIL, 0, 0);
		/* Stopped only for a warm-up (see on_intr): do it and go on. */
		if (e != UC_ERR_OK || !c->rewarm || c->faulted || c->stop_asked || c->preempted)
			break;
		uc_reg_read(c->uc, UC_X86_REG_EIP, &eip);
		if (eip == CPU_KERNEL_BASE + KP_UNTIL)
			break;
	}
	if (c->faulted) {
		c->broken = 1;	/* rare: not worth proving the engine clean for reuse */
		*fault = c->fault;
		return CPU_EXIT_FAULT;
	}
	switch (e) {
	case UC_ERR_OK:
		uc_reg_read(c->uc, UC_X86_REG_EIP, &eip);
		if (eip != CPU_KERNEL_BASE + KP_UNTIL)
			return CPU_EXIT_STOP;
		/* The guest jumped to the stop address itself: that is a fetch fault. */
		record_fault(c, CPU_FAULT_FETCH, 14, eip, 1);
		break;
	case UC_ERR_INSN_INVALID:
		record_fault(c, CPU_FAULT_INSN, 6, 0, 0);
		break;
	case UC_ERR_EXCEPTION:
		record_fault(c, CPU_FAULT_VECTOR, 13, 0, 0);
		break;
	default:
		uc_ok(c, e, "uc_emu_start");
		c->broken = 1;
		return CPU_EXIT_ERROR;
	}
	c->broken = 1;
	*fault = c->fault;
	return CPU_EXIT_FAULT;
}

void
cpu_request_stop(struct cpu *c)
{
	c->stop_asked = 1;
	uc_emu_stop(c->uc);
}

void
cpu_set_code_id(struct cpu *c, uint64_t id)
{
	c->code_id = id;
}

unsigned
cpu_warmups(const struct cpu *c)
{
	return c->warmups;
}

int
cpu_preempt(struct cpu *c, uint64_t deadline_ns)
{
	uc_mem_region *regs;
	uint32_t n;

	if (deadline_ns != UINT64_MAX && !c->has_block_hook) {
		if (!uc_ok(c, uc_hook_add(c->uc, &c->block_hook, UC_HOOK_BLOCK, (void *)on_block,
		    c, 1, 0), "uc_hook_add(UC_HOOK_BLOCK)"))
			return -1;
		c->has_block_hook = 1;
		/* Code translated before the hook existed does not call it. */
		if (!uc_ok(c, uc_mem_regions(c->uc, &regs, &n), "uc_mem_regions"))
			return -1;
		for (uint32_t i = 0; i < n; i++)
			uc_ctl_remove_cache(c->uc, regs[i].begin, regs[i].end + 1);
		uc_free(regs);
	}
	c->deadline = deadline_ns;
	c->countdown = CPU_PREEMPT_BLOCKS;
	return 0;
}

void
cpu_preempt_now(struct cpu *c)
{
	if (c->has_block_hook)
		c->deadline = 0;
}

int
cpu_preempted(struct cpu *c)
{
	int was = c->preempted;

	c->preempted = 0;
	return was;
}

static int reg_ids[10] = {
	UC_X86_REG_EAX, UC_X86_REG_EBX, UC_X86_REG_ECX, UC_X86_REG_EDX,
	UC_X86_REG_ESI, UC_X86_REG_EDI, UC_X86_REG_EBP, UC_X86_REG_ESP,
	UC_X86_REG_EIP, UC_X86_REG_EFLAGS,
};

void
cpu_regs_get(struct cpu *c, struct cpu_regs *r)
{
	void *v[10] = { &r->eax, &r->ebx, &r->ecx, &r->edx, &r->esi, &r->edi,
	    &r->ebp, &r->esp, &r->eip, &r->eflags };

	uc_reg_read_batch(c->uc, reg_ids, v, 10);
}

void
cpu_regs_set(struct cpu *c, const struct cpu_regs *r)
{
	const void *v[10] = { &r->eax, &r->ebx, &r->ecx, &r->edx, &r->esi, &r->edi,
	    &r->ebp, &r->esp, &r->eip, &r->eflags };

	uc_reg_write_batch(c->uc, reg_ids, (void *const *)v, 10);
	c->ip_written = 1;
}

void
cpu_gate_args(struct cpu *c, uint32_t *eax, uint32_t *ecx, uint32_t *edx)
{
	static int ids[3] = { UC_X86_REG_EAX, UC_X86_REG_ECX, UC_X86_REG_EDX };
	void *v[3] = { eax, ecx, edx };

	uc_reg_read_batch(c->uc, ids, v, 3);
}

void
cpu_set_eax(struct cpu *c, uint32_t eax)
{
	uc_reg_write(c->uc, UC_X86_REG_EAX, &eax);
}

uint32_t
cpu_get_eip(struct cpu *c)
{
	uint32_t eip = 0;

	uc_reg_read(c->uc, UC_X86_REG_EIP, &eip);
	return eip;
}

void
cpu_get_sp_ip(struct cpu *c, uint32_t *esp, uint32_t *eip)
{
	static int ids[2] = { UC_X86_REG_ESP, UC_X86_REG_EIP };
	void *v[2] = { esp, eip };

	uc_reg_read_batch(c->uc, ids, v, 2);
}

void
cpu_set_sp_ip(struct cpu *c, uint32_t esp, uint32_t eip)
{
	static int ids[2] = { UC_X86_REG_ESP, UC_X86_REG_EIP };
	const void *v[2] = { &esp, &eip };

	uc_reg_write_batch(c->uc, ids, (void *const *)v, 2);
	c->ip_written = 1;
}

int
cpu_copy_state(struct cpu *dst, struct cpu *src)
{
	uc_context *ctx;
	int ok;

	if (!uc_ok(dst, uc_context_alloc(src->uc, &ctx), "uc_context_alloc"))
		return -1;
	ok = uc_ok(dst, uc_context_save(src->uc, ctx), "uc_context_save") &&
	    uc_ok(dst, uc_context_restore(dst->uc, ctx), "uc_context_restore");
	uc_context_free(ctx);
	if (!ok)
		return -1;
	memcpy(dst->kpage, src->kpage, CPU_KERNEL_SIZE);	/* GDT (TLS entries) and trampoline */
	dst->entering = 0;
	dst->warm_pages = 0;
	dst->warm_host = NULL;
	return 0;
}
