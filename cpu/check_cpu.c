/*
 * cpu/check_cpu.c: unit tests for the cpu module, on hand-assembled i386
 * snippets: the guest runs at ring 3, the gates reach the trap function with
 * their registers and are answered without stopping, exceptions and bad
 * memory accesses end the run as faults with the right vector and address,
 * a TLS descriptor makes %gs-relative loads work, an engine reused after
 * cpu_free starts as a new one would (no code, region, descriptor or register
 * of its last life left), and idle engines and the TLB warm-up leave little
 * resident memory behind.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "cpu/cpu.h"

#define CODE	0x00400000u
#define DATA	0x00500000u
#define RODATA	0x00600000u
#define STACK	0x00700000u
#define PAGE	4096u

struct rig {
	struct cpu	*cpu;
	unsigned char	*code, *data, *rodata, *stack;
	int		traps;
	uint32_t	last_vector, a, c, d;
	int		stop_on_trap;
	void		(*on_1234)(struct rig *, struct cpu *);	/* eax 0x1234 traps call it */
};

static void
trap(void *ctx, struct cpu *cpu, uint32_t vector)
{
	struct rig *r = ctx;

	r->traps++;
	r->last_vector = vector;
	cpu_gate_args(cpu, &r->a, &r->c, &r->d);
	if (r->a == 0x1234 && r->on_1234 != NULL) {
		r->on_1234(r, cpu);
		return;
	}
	if (r->a == 0xdead || r->stop_on_trap) {
		cpu_request_stop(cpu);
		return;
	}
	cpu_set_eax(cpu, r->a + 1);
}

static unsigned char *
page(void)
{
	unsigned char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ck_assert_ptr_ne(p, MAP_FAILED);
	return p;
}

static struct rig *
rig_new(const unsigned char *code, size_t n)
{
	static struct rig r;
	char err[256];

	memset(&r, 0, sizeof(r));
	r.cpu = cpu_new(trap, &r, err, sizeof(err));
	ck_assert_msg(r.cpu != NULL, "cpu_new: %s", err);
	r.code = page(); r.data = page(); r.rodata = page(); r.stack = page();
	memcpy(r.code, code, n);
	ck_assert_int_eq(cpu_map(r.cpu, CODE, PAGE, CPU_PROT_R | CPU_PROT_X, r.code), 0);
	ck_assert_int_eq(cpu_map(r.cpu, DATA, PAGE, CPU_PROT_R | CPU_PROT_W, r.data), 0);
	ck_assert_int_eq(cpu_map(r.cpu, RODATA, PAGE, CPU_PROT_R, r.rodata), 0);
	ck_assert_int_eq(cpu_map(r.cpu, STACK, PAGE, CPU_PROT_R | CPU_PROT_W, r.stack), 0);
	return &r;
}

static enum cpu_exit
run(struct rig *r, struct cpu_fault *f)
{
	ck_assert_int_eq(cpu_start(r->cpu, CODE, STACK + PAGE, 0), 0);
	return cpu_run(r->cpu, f);
}

/* mov $0xdead,%eax; int $0x81 */
#define STOP_SEQ 0xb8, 0xad, 0xde, 0x00, 0x00, 0xcd, 0x81

START_TEST(guest_runs_at_ring_3)
{
	/* mov %cs,%eax; mov %eax,(DATA); mov %ss,%eax; mov %eax,(DATA+4); stop */
	const unsigned char code[] = { 0x8c, 0xc8, 0xa3, 0x00, 0x00, 0x50, 0x00,
	    0x8c, 0xd0, 0xa3, 0x04, 0x00, 0x50, 0x00, STOP_SEQ };
	struct rig *r = rig_new(code, sizeof(code));
	struct cpu_fault f;
	uint32_t cs, ss;

	ck_assert_int_eq(run(r, &f), CPU_EXIT_STOP);
	memcpy(&cs, r->data, 4);
	memcpy(&ss, r->data + 4, 4);
	ck_assert_uint_eq(cs & 0xffff, CPU_SEL_UCODE);
	ck_assert_uint_eq(ss & 0xffff, CPU_SEL_UDATA);
	cpu_free(r->cpu);
}
END_TEST

/* A process starts with the FPU state Linux gives one (fninit's, and the
 * default MXCSR): double-extended precision, every exception masked, an
 * empty x87 stack.  Unicorn's own reset leaves all three at 0. */
START_TEST(fpu_starts_as_after_fninit)
{
	/* fnstcw (DATA); stmxcsr (DATA+4); fnstenv (DATA+16); stop */
	const unsigned char code[] = { 0xd9, 0x3d, 0x00, 0x00, 0x50, 0x00,
	    0x0f, 0xae, 0x1d, 0x04, 0x00, 0x50, 0x00, 0xd9, 0x35, 0x10, 0x00, 0x50, 0x00, STOP_SEQ };
	struct rig *r = rig_new(code, sizeof(code));
	struct cpu_fault f;
	uint16_t cw, tag;
	uint32_t mxcsr;

	ck_assert_int_eq(run(r, &f), CPU_EXIT_STOP);
	memcpy(&cw, r->data, 2);
	memcpy(&mxcsr, r->data + 4, 4);
	memcpy(&tag, r->data + 16 + 8, 2);
	ck_assert_uint_eq(cw, 0x37f);
	ck_assert_uint_eq(mxcsr, 0x1f80);
	ck_assert_uint_eq(tag, 0xffff);
	cpu_free(r->cpu);
}
END_TEST

START_TEST(gate_is_answered_inside_the_hook)
{
	/* mov $5,%eax; mov $6,%ecx; mov $7,%edx; int $0x81; mov %eax,(DATA);
	 * int $0x80; mov %eax,(DATA+4); stop */
	const unsigned char code[] = { 0xb8, 5, 0, 0, 0, 0xb9, 6, 0, 0, 0, 0xba, 7, 0, 0, 0,
	    0xcd, 0x81, 0xa3, 0x00, 0x00, 0x50, 0x00, 0xcd, 0x80, 0xa3, 0x04, 0x00, 0x50, 0x00,
	    STOP_SEQ };
	struct rig *r = rig_new(code, sizeof(code));
	struct cpu_fault f;
	uint32_t v1, v2;

	ck_assert_int_eq(run(r, &f), CPU_EXIT_STOP);
	memcpy(&v1, r->data, 4);
	memcpy(&v2, r->data + 4, 4);
	ck_assert_uint_eq(v1, 6);		/* 5 + 1 from the trap */
	ck_assert_uint_eq(v2, 7);		/* the 0x80 gate too */
	ck_assert_int_eq(r->traps, 3);
	ck_assert_uint_eq(r->last_vector, 0x81);
	ck_assert_uint_eq(cpu_get_eip(r->cpu), CODE + sizeof(code));
	cpu_free(r->cpu);
}
END_TEST

START_TEST(run_resumes_after_a_stop)
{
	/* int $0x81 (stops); mov $1,(DATA); stop */
	const unsigned char code[] = { 0xcd, 0x81, 0xc7, 0x05, 0x00, 0x00, 0x50, 0x00, 1, 0, 0, 0,
	    STOP_SEQ };
	struct rig *r = rig_new(code, sizeof(code));
	struct cpu_fault f;

	r->stop_on_trap = 1;
	ck_assert_int_eq(run(r, &f), CPU_EXIT_STOP);
	ck_assert_int_eq(r->data[0], 0);
	r->stop_on_trap = 0;
	ck_assert_int_eq(cpu_run(r->cpu, &f), CPU_EXIT_STOP);
	ck_assert_int_eq(r->data[0], 1);
	cpu_free(r->cpu);
}
END_TEST

static void
expect_fault(const unsigned char *code, size_t n, enum cpu_fault_kind kind, uint32_t vector,
    uint32_t addr)
{
	struct rig *r = rig_new(code, n);
	struct cpu_fault f;

	ck_assert_int_eq(run(r, &f), CPU_EXIT_FAULT);
	ck_assert_int_eq(f.kind, kind);
	if (kind == CPU_FAULT_VECTOR)
		ck_assert_uint_eq(f.vector, vector);
	if (kind >= CPU_FAULT_READ)
		ck_assert_uint_eq(f.addr, addr);
	cpu_free(r->cpu);
}

START_TEST(divide_error_is_vector_0)
{
	/* xor %ecx,%ecx; div %ecx */
	const unsigned char code[] = { 0x31, 0xc9, 0xf7, 0xf1, STOP_SEQ };

	expect_fault(code, sizeof(code), CPU_FAULT_VECTOR, 0, 0);
}
END_TEST

START_TEST(privileged_instruction_is_a_general_protection_fault)
{
	const unsigned char code[] = { 0xf4, STOP_SEQ };	/* hlt */

	expect_fault(code, sizeof(code), CPU_FAULT_VECTOR, 13, 0);
}
END_TEST

START_TEST(cli_at_ring_3_faults)
{
	const unsigned char code[] = { 0xfa, STOP_SEQ };	/* cli */

	expect_fault(code, sizeof(code), CPU_FAULT_VECTOR, 13, 0);
}
END_TEST

START_TEST(invalid_opcode_is_reported)
{
	const unsigned char code[] = { 0x0f, 0x0b, STOP_SEQ };	/* ud2 */

	expect_fault(code, sizeof(code), CPU_FAULT_INSN, 6, 0);
}
END_TEST

START_TEST(unmapped_read_reports_the_address)
{
	const unsigned char code[] = { 0xa1, 0x34, 0x12, 0x00, 0x00, STOP_SEQ };	/* mov 0x1234,%eax */

	expect_fault(code, sizeof(code), CPU_FAULT_READ, 0, 0x1234);
}
END_TEST

START_TEST(write_to_read_only_page_faults)
{
	/* movl $1,(RODATA+8) */
	const unsigned char code[] = { 0xc7, 0x05, 0x08, 0x00, 0x60, 0x00, 1, 0, 0, 0, STOP_SEQ };

	expect_fault(code, sizeof(code), CPU_FAULT_WRITE, 0, RODATA + 8);
}
END_TEST

START_TEST(write_to_kernel_page_faults)
{
	/* movl $1,(CPU_KERNEL_BASE) */
	const unsigned char code[] = { 0xc7, 0x05, 0x00, 0x00, 0xff, 0xff, 1, 0, 0, 0, STOP_SEQ };

	expect_fault(code, sizeof(code), CPU_FAULT_WRITE, 0, CPU_KERNEL_BASE);
}
END_TEST

START_TEST(jump_to_unmapped_memory_is_a_fetch_fault)
{
	/* mov $0x900000,%eax; jmp *%eax */
	const unsigned char code[] = { 0xb8, 0x00, 0x00, 0x90, 0x00, 0xff, 0xe0 };

	expect_fault(code, sizeof(code), CPU_FAULT_FETCH, 0, 0x900000);
}
END_TEST

START_TEST(tls_descriptor_backs_gs)
{
	/* mov %gs:8,%eax; mov %eax,(DATA); stop */
	const unsigned char code[] = { 0x65, 0xa1, 0x08, 0x00, 0x00, 0x00, 0xa3, 0x00, 0x00, 0x50, 0x00,
	    STOP_SEQ };
	struct rig *r = rig_new(code, sizeof(code));
	struct cpu_fault f;
	uint32_t v = 0x11223344, got, base, limit;
	int pages, present;

	memcpy(r->rodata + 8, &v, 4);
	ck_assert_int_eq(cpu_set_tls(r->cpu, 12, RODATA, 0xfff, 0, 1), 0);
	ck_assert_int_eq(cpu_get_tls(r->cpu, 12, &base, &limit, &pages, &present), 0);
	ck_assert_uint_eq(base, RODATA);
	ck_assert_uint_eq(limit, 0xfff);
	ck_assert_int_eq(present, 1);
	ck_assert_int_eq(cpu_start(r->cpu, CODE, STACK + PAGE, CPU_SEL(12, 3)), 0);
	ck_assert_int_eq(cpu_run(r->cpu, &f), CPU_EXIT_STOP);
	memcpy(&got, r->data, 4);
	ck_assert_uint_eq(got, v);
	cpu_free(r->cpu);
}
END_TEST

START_TEST(tls_entries_outside_12_to_14_are_refused)
{
	struct rig *r = rig_new((const unsigned char[]){ STOP_SEQ }, 7);

	ck_assert_int_eq(cpu_set_tls(r->cpu, CPU_GDT_UCODE, 0, 0xfffff, 1, 1), -1);
	ck_assert_int_eq(cpu_set_tls(r->cpu, 11, 0, 0xfffff, 1, 1), -1);
	ck_assert_int_eq(cpu_set_tls(r->cpu, 15, 0, 0xfffff, 1, 1), -1);
	cpu_free(r->cpu);
}
END_TEST

START_TEST(map_refuses_the_kernel_page)
{
	struct rig *r = rig_new((const unsigned char[]){ STOP_SEQ }, 7);

	ck_assert_int_eq(cpu_map(r->cpu, CPU_KERNEL_BASE, PAGE, CPU_PROT_R, r->data), -1);
	ck_assert(strstr(cpu_error(r->cpu), "kernel page") != NULL);
	cpu_free(r->cpu);
}
END_TEST

/*
 * The state code2 leaves in a data page, run on ENGINE (mapped at CODE, DATA
 * and STACK): the x87 control word, MXCSR, EFLAGS, the x87 tag word, EBX and
 * %gs as the guest sees them when it starts.
 */
static void
run_state_probe(struct cpu *cpu, unsigned char *data)
{
	/* fnstcw DATA; stmxcsr DATA+4; pushf; pop %eax; mov %eax,DATA+8;
	 * mov %ebx,DATA+12; mov %gs,%eax; mov %eax,DATA+16; fnstenv DATA+32; stop */
	static const unsigned char code2[] = { 0xd9, 0x3d, 0x00, 0x00, 0x50, 0x00,
	    0x0f, 0xae, 0x1d, 0x04, 0x00, 0x50, 0x00, 0x9c, 0x58, 0xa3, 0x08, 0x00, 0x50, 0x00,
	    0x89, 0x1d, 0x0c, 0x00, 0x50, 0x00, 0x8c, 0xe8, 0xa3, 0x10, 0x00, 0x50, 0x00,
	    0xd9, 0x35, 0x20, 0x00, 0x50, 0x00, STOP_SEQ };
	unsigned char *code = page(), *stack = page();
	struct cpu_fault f;

	memcpy(code, code2, sizeof(code2));
	ck_assert_int_eq(cpu_map(cpu, CODE, PAGE, CPU_PROT_R | CPU_PROT_X, code), 0);
	ck_assert_int_eq(cpu_map(cpu, DATA, PAGE, CPU_PROT_R | CPU_PROT_W, data), 0);
	ck_assert_int_eq(cpu_map(cpu, STACK, PAGE, CPU_PROT_R | CPU_PROT_W, stack), 0);
	ck_assert_int_eq(cpu_start(cpu, CODE, STACK + PAGE, 0), 0);
	ck_assert_int_eq(cpu_run(cpu, &f), CPU_EXIT_STOP);
	ck_assert_uint_eq(cpu_get_eip(cpu), CODE + sizeof(code2));
}

START_TEST(a_reused_engine_is_indistinguishable_from_a_new_one)
{
	/* Life 1 leaves as much behind as it can: code at CODE, ebx, a pushed
	 * x87 register, a changed x87 control word and MXCSR, DF set, a TLS
	 * descriptor in %gs, a preemption hook, and a mapping at RODATA.
	 * mov $0x11111111,%ebx; fld1; fldcw DATA; ldmxcsr DATA+4; std;
	 * mov $0x63,%eax; mov %eax,%gs; stop */
	const unsigned char code1[] = { 0xbb, 0x11, 0x11, 0x11, 0x11, 0xd9, 0xe8,
	    0xd9, 0x2d, 0x00, 0x00, 0x50, 0x00, 0x0f, 0xae, 0x15, 0x04, 0x00, 0x50, 0x00, 0xfd,
	    0xb8, 0x63, 0x00, 0x00, 0x00, 0x8e, 0xe8, STOP_SEQ };
	struct rig *r = rig_new(code1, sizeof(code1));
	unsigned char *fresh_data = page(), *reused_data = page();
	struct cpu *old = r->cpu, *fresh, *reused;
	uint32_t cw = 0x0c7f, mxcsr = 0x3f80, base, limit, eflags;
	int pages, present;
	struct cpu_fault f;
	char err[256];

	memcpy(r->data, &cw, 4);
	memcpy(r->data + 4, &mxcsr, 4);
	ck_assert_int_eq(cpu_set_tls(r->cpu, CPU_GDT_TLS_MIN, DATA, 0xfff, 0, 1), 0);
	ck_assert_int_eq(cpu_preempt(r->cpu, UINT64_MAX - 1), 0);
	ck_assert_int_eq(run(r, &f), CPU_EXIT_STOP);
	ck_assert_uint_eq(cpu_get_eip(r->cpu), CODE + sizeof(code1));

	cpu_free(old);
	reused = cpu_new(trap, r, err, sizeof(err));
	ck_assert_msg(reused != NULL, "cpu_new: %s", err);
	ck_assert_ptr_eq(reused, old);		/* the engine really was reused */
	fresh = cpu_new(trap, r, err, sizeof(err));
	ck_assert_msg(fresh != NULL, "cpu_new: %s", err);

	/* No region is left: each of life 1's addresses can be mapped again,
	 * and RODATA, which life 2 leaves unmapped, faults. */
	ck_assert_int_eq(cpu_get_tls(reused, CPU_GDT_TLS_MIN, &base, &limit, &pages, &present), 0);
	ck_assert_int_eq(present, 0);
	run_state_probe(fresh, fresh_data);
	run_state_probe(reused, reused_data);
	ck_assert_int_eq(memcmp(fresh_data, reused_data, 64), 0);
	memcpy(&eflags, reused_data + 8, 4);
	ck_assert_uint_eq(eflags & 0x402, 0x002);	/* the probe ran; DF is clear */
	cpu_free(fresh);
	cpu_free(reused);
}
END_TEST

START_TEST(a_reused_engine_has_no_region_left)
{
	/* mov (RODATA),%eax */
	const unsigned char code[] = { 0xa1, 0x00, 0x00, 0x60, 0x00, STOP_SEQ };
	struct rig *r = rig_new(code, sizeof(code));
	struct cpu *old = r->cpu;
	unsigned char *text = page(), *stack = page();
	struct cpu_fault f;
	char err[256];

	ck_assert_int_eq(run(r, &f), CPU_EXIT_STOP);
	cpu_free(old);
	r->cpu = cpu_new(trap, r, err, sizeof(err));
	ck_assert_msg(r->cpu != NULL, "cpu_new: %s", err);
	ck_assert_ptr_eq(r->cpu, old);
	memcpy(text, code, sizeof(code));
	ck_assert_int_eq(cpu_map(r->cpu, CODE, PAGE, CPU_PROT_R | CPU_PROT_X, text), 0);
	ck_assert_int_eq(cpu_map(r->cpu, STACK, PAGE, CPU_PROT_R | CPU_PROT_W, stack), 0);
	ck_assert_int_eq(cpu_map(r->cpu, DATA, PAGE, CPU_PROT_R | CPU_PROT_W, r->data), 0);
	ck_assert_int_eq(run(r, &f), CPU_EXIT_FAULT);
	ck_assert_int_eq(f.kind, CPU_FAULT_READ);
	ck_assert_uint_eq(f.addr, RODATA);
	ck_assert_int_eq(f.prot, 0);
	cpu_free(r->cpu);
}
END_TEST

/* The host process's resident memory, in KiB (VmRSS). */
static long
rss_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kib = -1;

	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "VmRSS:", 6) == 0)
			kib = atol(line + 6);
	fclose(f);
	ck_assert_int_gt(kib, 0);
	return kib;
}

#define ENGINES	16

START_TEST(idle_engines_cost_under_2_mib_each)
{
	/* Each engine runs a block, so its translation buffer is in use.  A 2 MiB
	 * huge page under the buffer, or a buffer made resident in full, would
	 * cost 2 MiB or more per engine. */
	const unsigned char code[] = { STOP_SEQ };
	struct cpu *cpus[ENGINES];
	unsigned char *text = page(), *stack = page();
	struct rig r = { 0 };
	struct cpu_fault f;
	char err[256];
	long before;

	memcpy(text, code, sizeof(code));
	before = rss_kib();
	for (int i = 0; i < ENGINES; i++) {
		cpus[i] = cpu_new(trap, &r, err, sizeof(err));
		ck_assert_msg(cpus[i] != NULL, "cpu_new: %s", err);
		ck_assert_int_eq(cpu_map(cpus[i], CODE, PAGE, CPU_PROT_R | CPU_PROT_X, text), 0);
		ck_assert_int_eq(cpu_map(cpus[i], STACK, PAGE, CPU_PROT_R | CPU_PROT_W, stack), 0);
		ck_assert_int_eq(cpu_start(cpus[i], CODE, STACK + PAGE, 0), 0);
		ck_assert_int_eq(cpu_run(cpus[i], &f), CPU_EXIT_STOP);
	}
	ck_assert_int_lt(rss_kib() - before, ENGINES * 2048L);
	for (int i = 0; i < ENGINES; i++)
		cpu_free(cpus[i]);
}
END_TEST

#define WARM_PAGES	512
#define WARM_BASE	0x01000000u

START_TEST(warm_up_gives_the_pages_it_read_back)
{
	const unsigned char code[] = { STOP_SEQ };
	struct rig *r = rig_new(code, sizeof(code));
	unsigned char *area = mmap(NULL, WARM_PAGES * PAGE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char vec[WARM_PAGES];
	struct cpu_fault f;
	int resident = 0;

	ck_assert_ptr_ne(area, MAP_FAILED);
	ck_assert_int_eq(cpu_map(r->cpu, WARM_BASE, WARM_PAGES * PAGE, CPU_PROT_R | CPU_PROT_W, area), 0);
	ck_assert_int_eq(cpu_set_warmup(r->cpu, WARM_BASE, WARM_PAGES, area), 0);
	ck_assert_int_eq(run(r, &f), CPU_EXIT_STOP);
	ck_assert_uint_eq(cpu_get_eip(r->cpu), CODE + sizeof(code));
	ck_assert_int_eq(mincore(area, WARM_PAGES * PAGE, vec), 0);
	for (int i = 0; i < WARM_PAGES; i++)
		resident += vec[i] & 1;
	ck_assert_int_eq(resident, 0);
	cpu_free(r->cpu);
	munmap(area, WARM_PAGES * PAGE);
}
END_TEST

/* Unicorn may shrink a TLB at a flush 100 ms after it grew it: wait longer. */
static void
outlast_the_warm_up(void)
{
	struct timespec t = { 0, 120 * 1000 * 1000 };

	nanosleep(&t, NULL);
}

static unsigned char *spare;

/* A trap that changes the mapping (which flushes the TLB) after 120 ms. */
static void
map_late(struct rig *r, struct cpu *cpu)
{
	(void)r;
	outlast_the_warm_up();
	ck_assert_int_eq(cpu_map(cpu, 0x02000000u, PAGE, CPU_PROT_R | CPU_PROT_W, spare), 0);
}

/* The same without the wait: the TLB cannot have shrunk. */
static void
map_now(struct rig *r, struct cpu *cpu)
{
	(void)r;
	ck_assert_int_eq(cpu_map(cpu, 0x02000000u, PAGE, CPU_PROT_R | CPU_PROT_W, spare), 0);
}

/* After 120 ms, take the warm-up range away. */
static void
unmap_range_late(struct rig *r, struct cpu *cpu)
{
	(void)r;
	outlast_the_warm_up();
	ck_assert_int_eq(cpu_unmap(cpu, WARM_BASE, WARM_PAGES * PAGE), 0);
}

/*
 * The guest sets registers and the carry flag, stores a word into page 3 of
 * the warm-up range, traps (the trap maps a page: ON), then stops.  Returns
 * the number of warm-ups; the registers, flags and the stored word must have
 * survived whatever warm-up the trap caused, and only page 3 of the range
 * may stay resident.
 */
static unsigned
warm_around_a_trap(void (*on)(struct rig *, struct cpu *))
{
	const unsigned char code[] = {
		0xbb, 0x11, 0x11, 0x11, 0x11,			/* mov $0x11111111,%ebx */
		0xbe, 0x22, 0x22, 0x22, 0x22,			/* mov $0x22222222,%esi */
		0xbf, 0x33, 0x33, 0x33, 0x33,			/* mov $0x33333333,%edi */
		0xbd, 0x44, 0x44, 0x44, 0x44,			/* mov $0x44444444,%ebp */
		0xb9, 0x55, 0x55, 0x55, 0x55,			/* mov $0x55555555,%ecx */
		0xc7, 0x05, 0x00, 0x30, 0x00, 0x01,		/* movl $0x5a5a5a5a,WARM_BASE+0x3000 */
		0x5a, 0x5a, 0x5a, 0x5a,
		0xf9,						/* stc */
		0xb8, 0x34, 0x12, 0x00, 0x00, 0xcd, 0x81,	/* mov $0x1234,%eax; int $0x81 */
		STOP_SEQ,
	};
	struct rig *r = rig_new(code, sizeof(code));
	unsigned char *area = mmap(NULL, WARM_PAGES * PAGE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char vec[WARM_PAGES];
	struct cpu_regs regs;
	struct cpu_fault f;
	unsigned warmups;
	int resident = 0;

	ck_assert_ptr_ne(area, MAP_FAILED);
	spare = page();
	r->on_1234 = on;
	outlast_the_warm_up();	/* an engine from the pool must not skip the first one */
	ck_assert_int_eq(cpu_map(r->cpu, WARM_BASE, WARM_PAGES * PAGE, CPU_PROT_R | CPU_PROT_W, area), 0);
	ck_assert_int_eq(cpu_set_warmup(r->cpu, WARM_BASE, WARM_PAGES, area), 0);
	ck_assert_int_eq(run(r, &f), CPU_EXIT_STOP);
	ck_assert_uint_eq(cpu_get_eip(r->cpu), CODE + sizeof(code));
	cpu_regs_get(r->cpu, &regs);
	ck_assert_uint_eq(regs.ebx, 0x11111111u);
	ck_assert_uint_eq(regs.esi, 0x22222222u);
	ck_assert_uint_eq(regs.edi, 0x33333333u);
	ck_assert_uint_eq(regs.ebp, 0x44444444u);
	ck_assert_uint_eq(regs.ecx, 0x55555555u);
	ck_assert_uint_eq(regs.esp, STACK + PAGE);
	ck_assert_uint_eq(regs.eflags & 1, 1);
	ck_assert_int_eq(r->traps, 2);
	if (on != unmap_range_late) {
		ck_assert_uint_eq(*(uint32_t *)(area + 0x3000), 0x5a5a5a5au);
		ck_assert_int_eq(mincore(area, WARM_PAGES * PAGE, vec), 0);
		for (int i = 0; i < WARM_PAGES; i++)
			resident += vec[i] & 1;
		ck_assert_int_eq(resident, 1);
		ck_assert_int_eq(vec[3] & 1, 1);
	}
	warmups = cpu_warmups(r->cpu);
	cpu_free(r->cpu);
	munmap(area, WARM_PAGES * PAGE);
	munmap(spare, PAGE);
	return warmups;
}

START_TEST(a_mapping_change_long_after_the_warm_up_warms_up_again)
{
	ck_assert_uint_eq(warm_around_a_trap(map_late), 2);
}
END_TEST

START_TEST(a_mapping_change_soon_after_the_warm_up_does_not)
{
	ck_assert_uint_eq(warm_around_a_trap(map_now), 1);
}
END_TEST

START_TEST(a_warm_up_range_gone_is_skipped)
{
	ck_assert_uint_eq(warm_around_a_trap(unmap_range_late), 1);
}
END_TEST

/*
 * A life returns 1, 2 or 3 in eax from code at CODE, with CODE_ID.  The host
 * page is the same for every life and its bytes change behind Unicorn's
 * back: the value seen tells whether the code translated in the last life
 * ran (the owner vouched for the same bytes, wrongly here on purpose) or the
 * code was translated again.
 */
static uint32_t
run_life_prot(unsigned char *code_page, uint32_t value, uint64_t code_id, int preempt, int prot)
{
	static struct rig r;
	struct cpu_fault f;
	char err[256];
	unsigned char code[] = { 0xb8, 0, 0, 0, 0, 0xcd, 0x81 };	/* mov $value,%eax; int $0x81 */
	uint32_t eax;

	memcpy(code + 1, &value, 4);
	memcpy(code_page, code, sizeof(code));
	memset(&r, 0, sizeof(r));
	r.stop_on_trap = 1;
	r.cpu = cpu_new_code(trap, &r, code_id, err, sizeof(err));
	ck_assert_msg(r.cpu != NULL, "cpu_new_code: %s", err);
	if (r.stack == NULL)
		r.stack = page();
	ck_assert_int_eq(cpu_map(r.cpu, CODE, PAGE, prot, code_page), 0);
	ck_assert_int_eq(cpu_map(r.cpu, STACK, PAGE, CPU_PROT_R | CPU_PROT_W, r.stack), 0);
	ck_assert_int_eq(cpu_start(r.cpu, CODE, STACK + PAGE, 0), 0);
	if (preempt)
		ck_assert_int_eq(cpu_preempt(r.cpu, UINT64_MAX - 1), 0);
	ck_assert_int_eq(cpu_run(r.cpu, &f), CPU_EXIT_STOP);
	eax = r.a;
	cpu_free(r.cpu);
	munmap(r.stack, PAGE);
	return eax;
}

/* A life with read-only code (the kind the pool keeps). */
static uint32_t
run_life(unsigned char *code_page, uint32_t value, uint64_t code_id, int preempt)
{
	return run_life_prot(code_page, value, code_id, preempt, CPU_PROT_R | CPU_PROT_X);
}

START_TEST(code_with_the_same_id_is_not_translated_again)
{
	unsigned char *code_page = page();

	ck_assert_uint_eq(run_life(code_page, 1, 77, 0), 1);
	ck_assert_uint_eq(run_life(code_page, 2, 77, 0), 1);	/* the last life's code ran */
	ck_assert_uint_eq(run_life(code_page, 3, 78, 0), 3);	/* another id: translated anew */
	ck_assert_uint_eq(run_life(code_page, 4, 0, 0), 4);	/* no id: never reused */
	ck_assert_uint_eq(run_life(code_page, 5, 0, 0), 5);
	munmap(code_page, PAGE);
}
END_TEST

/* Code translated with the preemption hook's calls keeps its hook: a next
 * life that is preemptible too runs it as it is. */
START_TEST(code_is_kept_with_its_preemption_hook)
{
	unsigned char *code_page = page();

	ck_assert_uint_eq(run_life(code_page, 1, 55, 1), 1);
	ck_assert_uint_eq(run_life(code_page, 2, 55, 1), 1);
	ck_assert_uint_eq(run_life(code_page, 3, 56, 0), 3);
	ck_assert_uint_eq(run_life(code_page, 4, 56, 1), 4);	/* the hook came back: code again */
	munmap(code_page, PAGE);
}
END_TEST

/* Writable code is never kept, whatever the id says. */
START_TEST(writable_code_is_never_reused)
{
	unsigned char *code_page = page();
	int rwx = CPU_PROT_R | CPU_PROT_W | CPU_PROT_X;

	ck_assert_uint_eq(run_life_prot(code_page, 1, 99, 0, rwx), 1);
	ck_assert_uint_eq(run_life_prot(code_page, 2, 99, 0, rwx), 2);
	munmap(code_page, PAGE);
}
END_TEST

/* An engine back from the pool soon after its warm-up skips the next one;
 * one that has waited longer warms up again. */
START_TEST(a_pooled_engine_still_warm_skips_the_warm_up)
{
	const unsigned char code[] = { STOP_SEQ };
	unsigned char *area = mmap(NULL, WARM_PAGES * PAGE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct rig *r;
	struct cpu_fault f;

	ck_assert_ptr_ne(area, MAP_FAILED);
	for (int life = 0; life < 3; life++) {
		if (life != 1)
			outlast_the_warm_up();
		r = rig_new(code, sizeof(code));
		ck_assert_int_eq(cpu_map(r->cpu, WARM_BASE, WARM_PAGES * PAGE, CPU_PROT_R | CPU_PROT_W, area), 0);
		ck_assert_int_eq(cpu_set_warmup(r->cpu, WARM_BASE, WARM_PAGES, area), 0);
		ck_assert_int_eq(run(r, &f), CPU_EXIT_STOP);
		ck_assert_uint_eq(cpu_warmups(r->cpu), life == 1 ? 0 : 1);
		cpu_free(r->cpu);
	}
	munmap(area, WARM_PAGES * PAGE);
}
END_TEST

static Suite *
cpu_suite(void)
{
	Suite *s = suite_create("cpu");
	TCase *t = tcase_create("ring3_and_gates");

	tcase_add_test(t, guest_runs_at_ring_3);
	tcase_add_test(t, fpu_starts_as_after_fninit);
	tcase_add_test(t, gate_is_answered_inside_the_hook);
	tcase_add_test(t, run_resumes_after_a_stop);
	suite_add_tcase(s, t);
	t = tcase_create("faults");
	tcase_add_test(t, divide_error_is_vector_0);
	tcase_add_test(t, privileged_instruction_is_a_general_protection_fault);
	tcase_add_test(t, cli_at_ring_3_faults);
	tcase_add_test(t, invalid_opcode_is_reported);
	tcase_add_test(t, unmapped_read_reports_the_address);
	tcase_add_test(t, write_to_read_only_page_faults);
	tcase_add_test(t, write_to_kernel_page_faults);
	tcase_add_test(t, jump_to_unmapped_memory_is_a_fetch_fault);
	suite_add_tcase(s, t);
	t = tcase_create("tls");
	tcase_add_test(t, tls_descriptor_backs_gs);
	tcase_add_test(t, tls_entries_outside_12_to_14_are_refused);
	tcase_add_test(t, map_refuses_the_kernel_page);
	suite_add_tcase(s, t);
	t = tcase_create("reuse");
	tcase_add_test(t, a_reused_engine_is_indistinguishable_from_a_new_one);
	tcase_add_test(t, a_reused_engine_has_no_region_left);
	tcase_add_test(t, code_with_the_same_id_is_not_translated_again);
	tcase_add_test(t, code_is_kept_with_its_preemption_hook);
	tcase_add_test(t, writable_code_is_never_reused);
	suite_add_tcase(s, t);
	t = tcase_create("memory");
	tcase_add_test(t, idle_engines_cost_under_2_mib_each);
	tcase_add_test(t, warm_up_gives_the_pages_it_read_back);
	tcase_add_test(t, a_mapping_change_long_after_the_warm_up_warms_up_again);
	tcase_add_test(t, a_mapping_change_soon_after_the_warm_up_does_not);
	tcase_add_test(t, a_warm_up_range_gone_is_skipped);
	tcase_add_test(t, a_pooled_engine_still_warm_skips_the_warm_up);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(cpu_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
