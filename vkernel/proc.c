/*
 * vkernel/proc.c: a guest process from program file to exit status.
 *
 * vk_proc_spawn follows exec's rule: validate everything, then commit.  The
 * program is opened inside the guest root, the loader checks and describes it
 * in full, and only then is a CPU created and memory mapped.  vk_proc_run
 * runs the CPU until the process exits (from inside the gate) or faults; a
 * fault kills it as the matching signal would, with one line on stderr.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cpu/cpu.h"
#include "loader/loader.h"
#include "vkernel/kernel.h"

/* What a Pentium Pro-class guest CPU offers: FPU TSC CX8 CMOV MMX FXSR SSE SSE2. */
#define VK_HWCAP	(1u | 1u << 4 | 1u << 8 | 1u << 15 | 1u << 23 | 1u << 24 | 1u << 25 | 1u << 26)

static int
fail(char *err, size_t errlen, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return status;
}

static int
lprot(int ldprot)
{
	return ((ldprot & LD_PROT_R) ? VK_PROT_READ : 0) | ((ldprot & LD_PROT_W) ? VK_PROT_WRITE : 0) |
	    ((ldprot & LD_PROT_X) ? VK_PROT_EXEC : 0);
}

/* Open and validate the program; nothing of the process exists yet. */
static int
load_program(struct vk_proc *p, const char *program, struct ld_image *img, char *err, size_t errlen)
{
	char why[LD_ERRLEN];
	struct stat st;
	int fd, e;

	e = vk_fs_open(&p->fs, program, O_RDONLY, 0, &fd);
	if (e != 0)
		return fail(err, errlen, e == VK_ENOENT || e == VK_ENOTDIR ? 127 : 126, "%s: %s",
		    program, vk_errno_text(e));
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111) == 0) {
		close(fd);
		return fail(err, errlen, 126, "%s: %s", program, vk_errno_text(VK_EACCES));
	}
	e = ld_load_fd(program, fd, img, why);
	close(fd);
	if (e != 0)
		return fail(err, errlen, 126, "%s: %s", program, why);
	return 0;
}

uint64_t
vk_image_code_id(const struct vk_kernel *k, const struct ld_image *img)
{
	uint64_t v[] = { (uint64_t)(img->native ? 1 : img->raw ? 2 : 3), img->abi, img->raw_kabi,
	    k->opt.kernel_abi, img->bias }, h = img->file_key;

	if (h == 0)
		return 0;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		h = (h ^ v[i]) * 0x100000001b3ull;
	return h | 1ull << 63;	/* never one of vm.c's counted ids */
}

/* Map the validated image and its stack, and point the CPU at the entry. */
int
vk_proc_image(struct vk_proc *p, const struct ld_image *img, char *const argv[], char *const envp[],
    char *err, size_t errlen)
{
	const struct vk_options *o = &p->k->opt;
	struct ld_stack_params sp = { 0 };
	struct ld_stack st;
	char why[LD_ERRLEN];
	uint32_t esp, unused;
	int e;

	for (int i = 0; i < img->nseg; i++) {
		const struct ld_segment *s = &img->seg[i];

		if (vk_vm_map(&p->vm, s->vaddr, s->memsz, lprot(s->prot)) != 0)
			return fail(err, errlen, 125, "%s: cannot map segment at 0x%08x: %s", p->name,
			    s->vaddr, cpu_error(p->cpu));
	}
	for (int i = 0; i < img->nseg; i++) {
		const struct ld_segment *s = &img->seg[i];

		if (s->filesz > 0 && vk_host_write(&p->vm, s->data_vaddr, s->data, s->filesz) != 0)
			return fail(err, errlen, 125, "%s: segment data outside its mapping", p->name);
	}
	p->vm.brk_start = p->vm.brk = img->brk;
	if (vk_vm_map(&p->vm, VK_STACK_TOP - VK_STACK_SIZE, VK_STACK_SIZE,
	    VK_PROT_READ | VK_PROT_WRITE | (img->stack_exec ? VK_PROT_EXEC : 0)) != 0)
		return fail(err, errlen, 125, "%s: cannot map the stack: %s", p->name, cpu_error(p->cpu));

	/* The layer first: a Linux program's personality adds to the auxv. */
	if (img->native)
		e = vk_layer_attach(p, img, err, errlen);
	else if (img->raw)
		e = vk_layer_attach_raw(p, img, err, errlen);
	else
		e = vk_layer_attach_linux(p, sp.aux_extra, &sp.naux_extra, err, errlen);
	if (e != 0)
		return e;

	sp.stack_top = VK_STACK_TOP;
	sp.argv = argv;
	sp.envp = envp;
	sp.execfn = p->name;
	sp.platform = "i686";
	sp.uid = o->uid;
	sp.euid = o->euid;
	sp.gid = o->gid;
	sp.egid = o->egid;
	sp.hwcap = VK_HWCAP;
	sp.clktck = 100;
	if (getrandom(sp.random, sizeof(sp.random), 0) != (ssize_t)sizeof(sp.random))
		memset(sp.random, 0x5a, sizeof(sp.random));
	e = ld_build_stack(img, &sp, &st, why);
	if (e != 0)
		return fail(err, errlen, 126, "%s: %s", p->name, why);
	e = vk_host_write(&p->vm, st.sp, st.data, (uint32_t)st.size);
	esp = st.sp;
	ld_stack_free(&st);
	if (e != 0)
		return fail(err, errlen, 125, "%s: initial stack does not fit", p->name);
	/* Grow Unicorn's TLB over the stack's pages before the first instruction
	 * (see cpu_set_warmup): a working set of a few MiB then stays cheap.  Only
	 * the pages below the initial stack pointer's page, which nothing wrote. */
	unused = (esp & ~(VK_PAGE - 1)) - (VK_STACK_TOP - VK_STACK_SIZE);
	p->warm_addr = VK_STACK_TOP - VK_STACK_SIZE;
	p->warm_pages = unused / VK_PAGE;
	cpu_set_warmup(p->cpu, p->warm_addr, p->warm_pages, vk_guest_ptr(&p->vm, p->warm_addr, unused, 0));
	if (vk_upcall_init(p) != 0 || cpu_start(p->cpu, img->entry, esp, p->gs) != 0)
		return fail(err, errlen, 125, "%s: %s", p->name, cpu_error(p->cpu));
	/* Everything executable is in place, and came from the file and the layer. */
	if (vk_image_code_id(p->k, img) != 0)
		vk_vm_set_code_id(&p->vm, vk_image_code_id(p->k, img));
	return 0;
}

struct vk_proc *
vk_proc_spawn(struct vk_kernel *k, const char *program, char *const argv[], char *const envp[],
    char *err, size_t errlen, int *status)
{
	struct vk_proc *p = calloc(1, sizeof(*p));
	struct ld_image img = { 0 };
	char cerr[256];
	int e;

	if (p == NULL || (p->name = strdup(program)) == NULL) {
		free(p);
		*status = fail(err, errlen, 125, "out of memory");
		return NULL;
	}
	p->k = k;
	p->fs.rootfd = -1;
	e = vk_fs_init(&p->fs, k->opt.root);
	if (e != 0) {
		*status = fail(err, errlen, 125, "%s: %s", k->opt.root, vk_errno_text(e));
		goto out;
	}
	if ((*status = load_program(p, program, &img, err, errlen)) != 0)
		goto out;
	vk_proc_set_exe(p, program);
	p->pid = k->next_pid;
	p->ppid = 0;
	/* Committed: the program is valid.  Now build the process. */
	p->cpu = cpu_new(vk_gate, p, cerr, sizeof(cerr));
	if (p->cpu == NULL) {
		*status = fail(err, errlen, 125, "cannot create a CPU: %s", cerr);
		goto out;
	}
	if (vk_vm_init(&p->vm, p->cpu) != 0) {
		*status = fail(err, errlen, 125, "cannot reserve guest address space");
		goto out;
	}
	if ((*status = vk_proc_image(p, &img, argv, envp, err, errlen)) != 0)
		goto out;
	if ((e = vk_fd_init(&p->fds)) != 0) {
		*status = fail(err, errlen, 125, "descriptor table: %s", vk_errno_text(e));
		goto out;
	}
	k->next_pid++;
	clock_gettime(CLOCK_MONOTONIC, &p->stats.start);
	ld_free(&img);
	return p;
out:
	ld_free(&img);
	vk_proc_free(p);
	return NULL;
}

void
vk_proc_set_exe(struct vk_proc *p, const char *program)
{
	const char *dir = program[0] == '/' || strcmp(p->fs.cwd, "/") == 0 ? "" : p->fs.cwd;
	int n = snprintf(p->exe, sizeof(p->exe), "%s%s%s", dir, program[0] == '/' ? "" : "/", program);

	if (n < 0 || (size_t)n >= sizeof(p->exe))
		snprintf(p->exe, sizeof(p->exe), "%s", program);	/* too long to join: as given */
}

void
vk_proc_free(struct vk_proc *p)
{
	if (p == NULL)
		return;
	vk_async_free(p);
	vk_fd_free(&p->fds);
	cpu_free(p->cpu);
	vk_vm_free(&p->vm);
	vk_fs_free(&p->fs);
	free(p->ps.groups);
	free(p->name);
	free(p);
}

void
vk_proc_exit(struct vk_proc *p, int status)
{
	p->exited = 1;
	p->status = status;
	cpu_request_stop(p->cpu);
}

static const struct {
	int		sig;
	const char	*name, *text;
} signals[] = {
	{ VK_SIGILL, "SIGILL", "Illegal instruction" },
	{ VK_SIGTRAP, "SIGTRAP", "Trace/breakpoint trap" },
	{ VK_SIGBUS, "SIGBUS", "Bus error" },
	{ VK_SIGFPE, "SIGFPE", "Floating point exception" },
	{ VK_SIGSEGV, "SIGSEGV", "Segmentation fault" },
};

/* The signal Linux sends for a CPU fault, and a few words on the cause. */
static int
fault_signal(const struct cpu_fault *f, const char **cause)
{
	switch (f->kind) {
	case CPU_FAULT_INSN:	*cause = "invalid opcode"; return VK_SIGILL;
	case CPU_FAULT_READ:	*cause = f->prot ? "read, not permitted" : "read, not mapped"; return VK_SIGSEGV;
	case CPU_FAULT_WRITE:	*cause = f->prot ? "write, not permitted" : "write, not mapped"; return VK_SIGSEGV;
	case CPU_FAULT_FETCH:	*cause = f->prot ? "execute, not permitted" : "execute, not mapped"; return VK_SIGSEGV;
	case CPU_FAULT_VECTOR:	break;
	}
	switch (f->vector) {
	case 0:		*cause = "divide error"; return VK_SIGFPE;
	case 1: case 3:	*cause = "breakpoint"; return VK_SIGTRAP;
	case 16: case 19: *cause = "floating-point exception"; return VK_SIGFPE;
	case 11: case 12: case 17: *cause = "bus error"; return VK_SIGBUS;
	case 13:	*cause = "general protection (privileged instruction)"; return VK_SIGSEGV;
	default:	*cause = "unexpected interrupt"; return VK_SIGSEGV;
	}
}

static const char *
signame(int sig, const char **text)
{
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		if (signals[i].sig == sig) {
			*text = signals[i].text;
			return signals[i].name;
		}
	*text = "";
	return "SIG?";
}

void
vk_proc_kill(struct vk_proc *p, int sig, const char *why)
{
	const char *text, *name = signame(sig, &text);

	fprintf(stderr, "vkrun: %s: %s (%s): %s\n", p->name, name, text, why);
	vk_trace_line(p, "killed by %s: %s", name, why);
	p->exited = 1;
	p->status = sig;
	cpu_request_stop(p->cpu);
}

static void
kill_on_fault(struct vk_proc *p, const struct cpu_fault *f)
{
	const char *cause, *name = "SIG?", *text = "";
	int sig = fault_signal(f, &cause);

	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		if (signals[i].sig == sig) {
			name = signals[i].name;
			text = signals[i].text;
		}
	if (f->kind == CPU_FAULT_VECTOR || f->kind == CPU_FAULT_INSN)
		fprintf(stderr, "vkrun: %s: %s (%s) at eip 0x%08x: %s (vector %u)\n", p->name, name, text,
		    f->eip, cause, f->vector);
	else
		fprintf(stderr, "vkrun: %s: %s (%s) in the block at eip 0x%08x, address 0x%08x (%s)\n", p->name, name,
		    text, f->eip, f->addr, cause);
	vk_trace_line(p, "killed by %s at eip 0x%08x", name, f->eip);
	p->exited = 1;
	p->status = sig;
}

/*
 * A fault inside the Linux personality while it serves a call is the
 * program's bad pointer, not the program's crash: Linux would answer EFAULT.
 * Unwind to the call's saved frame (lx_entry.S: ebx ecx edx esi edi ebp
 * flags origin return-address), restore the registers and return -EFAULT to
 * the instruction after the int 0x80 (or to the __kernel_vsyscall caller).
 * Returns 1 if it did, 0 if the fault is the program's own.
 */
static int
lx_fixup(struct vk_proc *p, const struct cpu_fault *f)
{
	uint32_t fp, frame[9], zero = 0;
	struct cpu_regs r;

	if (p->lx_frame == 0 || f->kind < CPU_FAULT_READ || f->kind == CPU_FAULT_FETCH ||
	    f->eip < VK_LAYER_MIN || f->eip >= VK_LAYER_MAX)
		return 0;
	if (vk_copyin(&p->vm, &fp, p->lx_frame, 4) != 0 || fp == 0 ||
	    vk_copyin(&p->vm, frame, fp, sizeof(frame)) != 0)
		return 0;
	r = (struct cpu_regs){ .eax = (uint32_t)-VK_EFAULT, .ebx = frame[0], .ecx = frame[1],
	    .edx = frame[2], .esi = frame[3], .edi = frame[4], .ebp = frame[5], .eflags = frame[6],
	    .esp = fp + sizeof(frame), .eip = frame[8] };
	vk_copyout(&p->vm, p->lx_frame, &zero, 4);
	cpu_regs_set(p->cpu, &r);
	vk_trace_line(p, "linux call faulted at address 0x%08x in the personality: -1 EFAULT", f->addr);
	return 1;
}

/* A fault a live signal request with an upcall port takes: 1 if delivered. */
static int
fault_handled(struct vk_proc *p, const struct cpu_fault *f)
{
	const char *cause;
	int sig = fault_signal(f, &cause), mem = f->kind >= CPU_FAULT_READ;

	if (p->nlive == 0)
		return 0;
	return vk_signal_fault(p, sig, mem ? (f->prot ? VK_SEGV_ACCERR : VK_SEGV_MAPERR) : VK_SI_KERNEL,
	    mem ? f->addr : f->eip);
}

void
vk_proc_step(struct vk_proc *p)
{
	struct cpu_fault f;

	switch (cpu_run(p->cpu, &f)) {
	case CPU_EXIT_STOP:
		break;
	case CPU_EXIT_FAULT:
		if (!lx_fixup(p, &f) && !fault_handled(p, &f))
			kill_on_fault(p, &f);
		break;
	case CPU_EXIT_ERROR:
		fprintf(stderr, "vkrun: %s: emulation failed: %s\n", p->name, cpu_error(p->cpu));
		p->exited = 1;
		p->status = 125 << 8;
		break;
	}
}
