/*
 * vkernel/kernel.h: the virtual kernel's internal API, shared by the files of
 * vkernel/ and by its unit tests.  Conventions: every function that can fail
 * returns 0 or a positive *guest* errno (VK_E*); host errno values are turned
 * into guest ones only by vk_errno_host().  Guest memory is reached only
 * through the copy helpers of vm.c.
 */
#ifndef VK_KERNEL_H
#define VK_KERNEL_H

#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include "vkernel/vk_abi.h"
#include "vkernel/vk_layer.h"
#include "vk_sysmsg.h"

struct cpu;

/* ---- Guest address-space layout (see docs/architecture.md). ---- */
#define VK_PAGE			4096u
#define VK_STACK_TOP		0xff000000u	/* initial stack ends here */
#define VK_STACK_SIZE		(8u << 20)	/* RLIMIT_STACK default */
#define VK_MMAP_TOP		(VK_STACK_TOP - VK_STACK_SIZE - (1u << 20))
#define VK_MMAP_MIN		0x00010000u	/* lowest address mmap may hand out */
#define VK_MAX_REGIONS		65530		/* like vm.max_map_count, for ENOMEM */
#define VK_PHYS_MERGE		256		/* Unicorn regions before they are merged */
#define VK_PHYS_MAX		2000		/* Unicorn aborts the host near 4096 sections */
#define VK_PHYS_CHUNK		(16u << 20)	/* largest region a merge makes */

/* ---- errno.c ---- */
/* vk_errno_host: the guest errno for host errno E (EIO for one with no equivalent). */
int vk_errno_host(int e);
/* vk_errno_name / vk_errno_text: "ENOENT" / "No such file or directory", or NULL. */
const char *vk_errno_name(int guest_errno);
const char *vk_errno_text(int guest_errno);

/* ---- vm.c: the guest address space ---- */
struct vk_region {
	uint32_t	start, end;	/* page-aligned, end exclusive */
	int		prot;		/* VK_PROT_* */
};

struct vk_vm {
	unsigned char	*base;		/* host view: guest address a is base + a */
	struct cpu	*cpu;
	int		nreg, capreg;
	struct vk_region *reg;		/* guest mappings: sorted, disjoint, coalesced */
	int		nphys, capphys;
	struct vk_region *phys;		/* Unicorn's regions: sorted, disjoint */
	int		phys_merge_at;	/* merge again when nphys passes this */
	uint32_t	brk_start;	/* first brk address (end of the program) */
	uint32_t	brk;		/* current break */
	uint64_t	code_id;	/* names the bytes of the executable mappings (see vk_vm_code_changed) */
};

#define VK_ACC_READ	1
#define VK_ACC_WRITE	2

/*
 * vk_vm_init: reserve the host view of a 4 GiB guest space (no memory is
 * committed until mapped).  CPU receives every mapping change.  0 or ENOMEM.
 */
int vk_vm_init(struct vk_vm *vm, struct cpu *cpu);
void vk_vm_free(struct vk_vm *vm);
/*
 * vk_vm_map: make [ADDR, ADDR+LEN) (page-aligned) mapped with PROT, zero-filled,
 * replacing whatever was there.  0, ENOMEM (too many regions or Unicorn refused).
 */
int vk_vm_map(struct vk_vm *vm, uint32_t addr, uint32_t len, int prot);
/* vk_vm_protect: change the permissions of [ADDR, ADDR+LEN), keeping its contents.
 * EINVAL for an unaligned range, ENOMEM if part of it is not mapped. */
int vk_vm_protect(struct vk_vm *vm, uint32_t addr, uint32_t len, int prot);
/* vk_vm_unmap: unmap [ADDR, ADDR+LEN) (page-aligned); unmapped parts are fine.  0 or ENOMEM. */
int vk_vm_unmap(struct vk_vm *vm, uint32_t addr, uint32_t len);
/* vk_vm_is_free: 1 if no page of [ADDR, ADDR+LEN) is mapped. */
int vk_vm_is_free(const struct vk_vm *vm, uint32_t addr, uint32_t len);
/* vk_vm_find_free: highest free page-aligned range of LEN below TOP and at or above
 * BOTTOM; 0 when there is none. */
uint32_t vk_vm_find_free(const struct vk_vm *vm, uint32_t len, uint32_t bottom, uint32_t top);
/*
 * vk_guest_ptr: the host address of guest [ADDR, ADDR+LEN) if every byte is
 * mapped with ACCESS (VK_ACC_*), else NULL.  LEN 0 yields a non-NULL pointer
 * for any ADDR.  The pointer is valid until the next mapping change.
 */
void *vk_guest_ptr(const struct vk_vm *vm, uint32_t addr, uint32_t len, int access);
/* Checked copies: 0 or VK_EFAULT. */
int vk_copyin(const struct vk_vm *vm, void *dst, uint32_t src, uint32_t len);
int vk_copyout(const struct vk_vm *vm, uint32_t dst, const void *src, uint32_t len);
/* vk_copyinstr: a NUL-terminated string of at most MAX-1 bytes into DST.
 * 0, VK_EFAULT, or VK_ENAMETOOLONG when no NUL within MAX bytes. */
int vk_copyinstr(const struct vk_vm *vm, char *dst, uint32_t src, size_t max);
/* vk_host_write: the kernel's own write into guest memory, ignoring guest
 * permissions (loading segments, building the stack).  0 or VK_EFAULT if unmapped. */
int vk_host_write(struct vk_vm *vm, uint32_t dst, const void *src, uint32_t len);
/*
 * vk_vm_code_changed: the bytes of [ADDR, ADDR+LEN) have changed other than
 * through the guest's own stores (a host write, a page dropped).  If any of
 * it is executable, the code translated from it is dropped and the address
 * space's code id (cpu_set_code_id) is renewed.  Every mapping change that
 * involves executable memory renews it too; a fork child's is its parent's.
 */
void vk_vm_code_changed(struct vk_vm *vm, uint32_t addr, uint32_t len);
/* vk_vm_set_code_id: give VM (a fork child's, once its memory is a copy) the code id ID. */
void vk_vm_set_code_id(struct vk_vm *vm, uint64_t id);

/* ---- path.c: guest paths confined to the guest root ---- */
#define VK_PATH_MAX	4096

struct vk_fs {
	int	rootfd;		/* O_PATH descriptor of the guest root */
	char	*root;		/* its host path, for messages */
	char	cwd[VK_PATH_MAX];	/* guest path of the cwd: absolute, canonical */
};

/* vk_fs_init: open ROOT; cwd is the host cwd if it lies inside ROOT, else "/". 0 or guest errno. */
int vk_fs_init(struct vk_fs *fs, const char *root);
void vk_fs_free(struct vk_fs *fs);
/*
 * vk_fs_open: open guest PATH (relative to the guest cwd) with host open FLAGS
 * and MODE, never leaving the root: absolute paths, `..' and symlinks are all
 * resolved as if the root were /.  Returns 0 and *FD, or a guest errno.
 */
int vk_fs_open(struct vk_fs *fs, const char *path, int flags, mode_t mode, int *fd);
/*
 * vk_fs_parent: resolve all but the last component of PATH inside the root;
 * return an O_PATH descriptor of that directory in *DIRFD and the last
 * component in NAME (trailing slashes removed; "." or ".." left as they are for
 * the caller to refuse).  0 or guest errno (ENOENT for "", ENAMETOOLONG).
 */
int vk_fs_parent(struct vk_fs *fs, const char *path, int *dirfd, char name[NAME_MAX + 1]);
/*
 * vk_fs_at: the guest path that PATH names relative to the directory open on
 * host descriptor HOSTDIRFD (-1: the cwd), for the *at calls: absolute paths
 * are returned as they are, relative ones joined to the directory's guest
 * path.  0 or guest errno (ENOENT for a directory outside the root).
 */
int vk_fs_at(struct vk_fs *fs, int hostdirfd, const char *path, char out[VK_PATH_MAX]);

/* ---- file.c: descriptors ---- */
#define VK_NOFILE	1024

struct vk_file {
	int	hostfd;
	int	refs;
};

struct vk_fdtab {
	struct vk_file	*fd[VK_NOFILE];
	unsigned char	cloexec[VK_NOFILE];
};

/* vk_fd_init: guest 0, 1, 2 share the host's 0, 1, 2 (duplicated, so closing them is private). */
int vk_fd_init(struct vk_fdtab *t);
void vk_fd_free(struct vk_fdtab *t);
/* vk_fd_install: give HOSTFD (now owned by the table) the lowest free guest fd. fd or -VK_EMFILE. */
int vk_fd_install(struct vk_fdtab *t, int hostfd, int cloexec);
/* vk_fd_get: the file behind guest FD, or NULL (EBADF). */
struct vk_file *vk_fd_get(struct vk_fdtab *t, int fd);
/* vk_fd_close: 0 or VK_EBADF. */
int vk_fd_close(struct vk_fdtab *t, int fd);
/*
 * vk_fd_dup: the lowest free guest descriptor at or above MINFD, naming FD's
 * open file (shared: one more reference), with close-on-exec CLOEXEC.  The new
 * fd, or -VK_EBADF (FD not open), -VK_EINVAL (MINFD outside the table),
 * -VK_EMFILE (none free).
 */
int vk_fd_dup(struct vk_fdtab *t, int fd, int minfd, int cloexec);
/*
 * vk_fd_dup2: make NEWFD name FD's open file with close-on-exec CLOEXEC,
 * closing what NEWFD named.  NEWFD, or -VK_EBADF (FD not open, NEWFD outside
 * the table).  FD == NEWFD changes nothing.
 */
int vk_fd_dup2(struct vk_fdtab *t, int fd, int newfd, int cloexec);
/* vk_fd_cloexec: set FD's close-on-exec flag to ON (-1: leave it); the flag (0 or 1), or -VK_EBADF. */
int vk_fd_cloexec(struct vk_fdtab *t, int fd, int on);

/* ---- sys_file.c ---- */
struct vk_proc;
/*
 * vk_io_would_block: with other processes in this vkrun, whether transferring
 * on host descriptor HOSTFD (WRITING or reading) would block the host: then
 * P blocks in the scheduler instead (VK_BLOCK is returned), unless the
 * descriptor is non-blocking (0: the host's EAGAIN will answer).  A write to
 * a pipe has *N cut to the room the pipe has.  0 when the transfer may go on.
 */
int vk_io_would_block(struct vk_proc *p, int hostfd, int writing, uint32_t *n);

struct stat;
/*
 * vk_stat_at: fstatat for P: DIRFD (a guest descriptor or AT_FDCWD), the
 * guest path at UPATH, FLAGS AT_SYMLINK_NOFOLLOW (0x100) and AT_EMPTY_PATH
 * (0x1000, with "": DIRFD itself).  With BT, also the birth time (tv_nsec
 * -1 when the host filesystem keeps none).  0 or a guest errno.
 */
int vk_stat_at(struct vk_proc *p, int32_t dirfd, uint32_t upath, uint32_t flags, struct stat *st,
    struct timespec *bt);

/* ---- sys_dir.c ---- */
/* vk_getdents: Linux linux_dirent64 records of the directory open on HOSTFD
 * into BUF (N bytes), as a 32-bit process gets them; bytes, or -1 with errno. */
long vk_getdents(int hostfd, void *buf, uint32_t n);

/* ---- stats.c ---- */
struct vk_stats {
	uint64_t	traps_gate;	/* int 0x81 */
	uint64_t	traps_linux;	/* int 0x80 */
	uint64_t	gate_refused;	/* sendsys rejected before dispatch */
	uint64_t	waits, flushes;
	uint64_t	async_queued;	/* MSGF_ASYNC messages that could not finish at once */
	uint64_t	async_done;	/* queued messages answered later */
	uint64_t	async_aborted;	/* queued messages ended by abortmsg */
	uint64_t	preempted;	/* runs ended by the time slice's timer, not by a call */
	uint64_t	warmups;	/* TLB warm-ups of images already replaced (cpu_warmups) */
	uint64_t	signals;	/* signals sent to the process */
	uint64_t	upcalls;	/* upcalls delivered */
	uint64_t	msgs[VK_SYS_NSLOTS];
	uint64_t	errors[VK_SYS_NSLOTS];
	uint64_t	ns[VK_SYS_NSLOTS];
	uint64_t	unknown;	/* messages with a command outside the table */
	struct timespec	start;
};

/* A handler's "cannot finish now": the gate leaves the message unanswered,
 * stops the process, and the scheduler rewinds it to re-send the message
 * when what it waits for is ready (docs/processes-plan.md). */
#define VK_BLOCK		0x10000
#define VK_WAIT_MAX		64	/* descriptors one blocked call may wait on */

enum vk_run { VK_RUNNABLE, VK_BLOCKED, VK_ZOMBIE };
enum vk_wait { VK_WAIT_NONE, VK_WAIT_CHILD, VK_WAIT_FD, VK_WAIT_MSG, VK_WAIT_SIGNAL, VK_WAIT_TIMER };

/* One signal's information, as a sigreq answer carries it (signal.c). */
struct vk_siginfo {
	int32_t		signo, code, pid, uid, status;
	uint32_t	addr;
	int32_t		value;
};

/* What a blocked process, or a queued request, waits for. */
struct vk_waitrec {
	enum vk_wait	kind;
	int		n;		/* VK_WAIT_FD: host descriptors and poll events */
	struct pollfd	pfd[VK_WAIT_MAX];
	uint64_t	deadline;	/* CLOCK_MONOTONIC ns to give up at; 0: none */
	int		timed_out;	/* the deadline passed: the re-sent call times out */
	int		ready;		/* woken (a child ended, a descriptor is ready) */
	uint64_t	sigset;		/* VK_WAIT_SIGNAL: bit N-1 for signal N */
	struct vk_siginfo si;		/* VK_WAIT_SIGNAL: the signal that woke it (signo 0: none) */
	uint64_t	period;		/* VK_WAIT_TIMER: ns between expiries, 0: one-shot */
};

/* ---- sys_misc.c: per-process state of the calls it serves ---- */
#define VK_NLIMITS	16		/* Linux's RLIM_NLIMITS */

struct vk_pstate {
	int		ready;		/* filled on first use from the host's values */
	int64_t		cur[VK_NLIMITS], max[VK_NLIMITS];	/* -1: infinity */
	char		comm[16];	/* prctl PR_SET_NAME / PR_GET_NAME */
	int		dumpable, pdeathsig, nnp, keepcaps, subreaper;
	uint32_t	timerslack;
	int		pgid, sid;
	int		ngroups;	/* -1: the host's groups */
	uint32_t	*groups;	/* set by setgroups, sorted; freed with the process */
};

/* ---- proc.c: processes ---- */
struct vk_kernel;

struct ld_image;
struct ld_layer;
struct vk_exec;
struct vk_layerimg;
struct vk_req;

#define VK_UPC_MAX	16		/* ports one process may have upcalls due on */

struct vk_proc {
	struct vk_kernel *k;
	int		pid, ppid;
	char		*name;		/* the program as named on the command line */
	struct cpu	*cpu;
	struct vk_vm	vm;
	struct vk_fdtab	fds;
	struct vk_fs	fs;
	int		exited;		/* the guest has ended */
	int		status;		/* wait status: exit code << 8, or signal */
	struct vk_stats	stats;
	uint32_t	warm_addr, warm_pages;	/* the TLB warm-up range (cpu_set_warmup) */
	/* Native processes: the layer, the shared page, the TLS selector. */
	const struct ld_layer *layer;	/* NULL: no layer (a raw or Linux program) */
	struct vk_shared *shared;	/* host view of the shared page */
	uint64_t	shared_tsc;	/* TSC of its last refresh */
	uint16_t	gs;		/* initial %gs */
	uint32_t	lx_int80;	/* Linux programs: where int 0x80 is reflected to */
	uint32_t	lx_frame;	/* where the personality keeps the current call's frame */
	struct vk_pstate ps;		/* limits, names, groups, process group (sys_misc.c) */
	int		lx_depth;	/* inside a traced Linux call */
	/* The process table and the scheduler (sched.c). */
	struct vk_proc	*next;		/* in k->procs */
	struct vk_proc	*parent;	/* NULL for the first process */
	enum vk_run	run;
	struct vk_waitrec w;		/* what a VK_BLOCKED process waits for */
	/* Asynchronous messages in flight (async.c). */
	struct vk_req	*reqs;		/* queued, oldest first */
	int		nreqs;
	int		in_async;	/* dispatching an MSGF_ASYNC message: never block the host */
	int		rewind;		/* re-send the blocked int 0x81 when resumed */
	uint64_t	slice_end;	/* vk_rdtsc() at which its time slice is used up */
	int		detached_end;	/* ended with no parent to wait for it: to be freed */
	struct vk_exec	*exec;		/* an execve validated inside the gate, done after it */
	uint32_t	cur_msg;	/* guest address of the message being handled */
	/* Signals and upcalls (signal.c, upcall.c). */
	uint32_t	upctl;		/* guest address of the control block (struct vk_upctl), or 0 */
	int		nupc;		/* ports with an upcall due */
	uint32_t	upc[VK_UPC_MAX];
	int		nlive;		/* live requests (sigreq, timers) */
	int		nunacked;	/* live requests answered and not yet taken */
	int		in_hook;	/* inside the gate (registers are the hook's) */
	int		regs_set;	/* the gate call restored the registers itself (upret) */
	int		blocked_send;	/* a VK_BLOCKED process sits on a sendsys (of cur_msg) */
	int		intr;		/* woken from a blocked call for an upcall (upcall.c) */
	int		resched;	/* stop after this call: the run loop re-arms preemption */
	uint64_t	sigign;		/* signals it ignores (sigign): kept by fork and execve */
	uint64_t	sigblock;	/* signals it blocks while no request takes them (sigblock) */
	uint32_t	sigflags;	/* VK_SIGF_* (sigflags): kept by fork, cleared by execve */
	int		nheld;		/* signals held because sigblock blocks them */
	struct vk_siginfo held[VK_SIGQ_MAX];
	int		stopped;	/* stopped by a signal: not run until SIGCONT */
	int		stop_sig;	/* the signal that stopped it */
	int		stop_report;	/* a stop its parent's wait4(WUNTRACED) has not seen */
	int		cont_report;	/* a continue its parent's wait4(WCONTINUED) has not seen */
	uint32_t	upentry;	/* the upcall entry code on the kernel page */
	char		exe[VK_PATH_MAX];	/* guest path of the program (/proc/self/exe) */
};

struct vk_options {
	const char	*root;		/* guest root, default "/" */
	FILE		*trace;		/* NULL: no trace */
	FILE		*stats;		/* NULL: no stats */
	uint32_t	uid, euid, gid, egid;
	uint32_t	kernel_abi;	/* the message ABI this kernel speaks */
	const char	*layer_dir;	/* NULL: the default search (layer.c) */
};

struct vk_kernel {
	struct vk_options opt;
	struct vk_proc	*procs;		/* every process, zombies included */
	struct vk_proc	*init;		/* the first process: its end is vkrun's */
	struct vk_proc	*last;		/* the process the scheduler ran last (NULL once reaped) */
	int		nprocs;		/* live (not zombie) processes */
	int		next_pid;
	int		nreqs;		/* asynchronous requests in flight, all processes */
	int		ndetached;	/* ended processes nobody will wait for (rfork RFNOWAIT) */
	int		nlive;		/* live requests (sigreq, periodic timers), all processes */
	struct vk_proc	*current;	/* the process whose CPU runs now, or NULL */
	uint64_t	async_check;	/* vk_now_ns() of the next check from the gate */
	uint64_t	tsc0;		/* TSC and CLOCK_MONOTONIC ns at start: */
	int64_t		mono0;		/* the baseline of the TSC rate */
	struct vk_layerimg *layers;	/* layer images loaded so far */
};

#define VK_KERNEL_ABI_NEWEST	VK_KERNEL_ABIS	/* from the prototype file */
#define VK_KERNEL_ABI_OLDEST	1

/*
 * vk_proc_spawn: create the first process: open PROGRAM inside the guest root,
 * load it (validating it completely first), map it, build its stack from ARGV
 * and ENVP.  Returns the process, or NULL with a one-line message in ERR and the
 * exit status vkrun should use in *STATUS (127 not found, 126 cannot execute,
 * 125 internal).
 */
struct vk_proc *vk_proc_spawn(struct vk_kernel *k, const char *program, char *const argv[],
    char *const envp[], char *err, size_t errlen, int *status);
/*
 * vk_proc_step: run P's CPU until it stops (exit, block, exec) or faults.  A
 * fault kills it with the matching signal and one line on stderr, except a
 * fault of the Linux personality on a bad pointer, which becomes EFAULT.
 */
void vk_proc_step(struct vk_proc *p);
/*
 * vk_image_code_id: the code id (vk_vm_code_changed) an address space built
 * from IMG starts with: the program file's bytes and the layer chosen for it
 * make all of its executable mappings, so images of the same file (the same
 * ld_image file_key), kind and ABIs share it, and a later exec of the same
 * program runs the code the last one translated.  0 when the file's bytes
 * are not known (no key).
 */
uint64_t vk_image_code_id(const struct vk_kernel *k, const struct ld_image *img);
/*
 * vk_proc_image: build P's memory from the validated IMG (segments, layer,
 * stack with ARGV and ENVP) on P's fresh CPU and address space.  0, or an
 * exit status with a message in ERR.
 */
int vk_proc_image(struct vk_proc *p, const struct ld_image *img, char *const argv[],
    char *const envp[], char *err, size_t errlen);
void vk_proc_free(struct vk_proc *p);
/* vk_proc_set_exe: remember PROGRAM (as the guest named it, relative to its cwd) as /proc/self/exe. */
void vk_proc_set_exe(struct vk_proc *p, const char *program);
/* vk_proc_exit: end P with wait status STATUS and stop its CPU (from inside the gate). */
void vk_proc_exit(struct vk_proc *p, int status);
/* vk_proc_kill: end P as signal SIG would (from inside the gate), saying WHY on stderr. */
void vk_proc_kill(struct vk_proc *p, int sig, const char *why);

/* ---- sys_misc.c ---- */
/* vk_pstate: P's per-process state, filled on first use. */
struct vk_pstate *vk_pstate(struct vk_proc *p);
/* vk_pstate_fork: give child C a copy of P's per-process state (limits, name,
 * groups, process group and session, which a child inherits).  0 or VK_ENOMEM. */
int vk_pstate_fork(struct vk_proc *c, struct vk_proc *p);
/* vk_rlimit_get: P's limit RESOURCE as setrlimit left it (-1: infinity).  0 or VK_EINVAL. */
int vk_rlimit_get(struct vk_proc *p, int resource, int64_t *cur, int64_t *max);

/* ---- sched.c ---- */
/* vk_sched_run: run every process until the first one has ended; returns its
 * wait status.  Sleeps in poll() when every process waits. */
int vk_sched_run(struct vk_kernel *k);
/* vk_sched_free: free every process (at vkrun's end). */
void vk_sched_free(struct vk_kernel *k);
/* vk_sched_kill: end T, which is not the running process, as signal SIG's
 * default action does: it becomes a zombie with wait status SIG. */
void vk_sched_kill(struct vk_proc *t, int sig);
/* A time slice: 10 ms, and about that in TSC ticks at 2 GHz for the cheap
 * check at gate traps. */
#define VK_SLICE_NS		10000000ull
#define VK_SLICE_TICKS		(20ull * VK_SHARED_REFRESH_TICKS)
/* vk_sched_slice_over: from the gate: P's slice is used up and another
 * process could run, so P should stop (it stays runnable). */
int vk_sched_slice_over(struct vk_proc *p);
/* vk_sched_add: put P in the process table (runnable). */
void vk_sched_add(struct vk_kernel *k, struct vk_proc *p);
/* vk_sched_can_block: 1 when another process could make a blocked one ready. */
int vk_sched_can_block(const struct vk_proc *p);
/* vk_sched_block_fd: make P wait until host HOSTFD has EVENTS; returns VK_BLOCK. */
int vk_sched_block_fd(struct vk_proc *p, int hostfd, short events);
/* vk_sched_block_poll: make P wait until one of FDS (N) is ready or TIMEOUT_MS
 * (< 0: none) passes, when P->w.timed_out is set; returns VK_BLOCK. */
int vk_sched_block_poll(struct vk_proc *p, const struct pollfd *fds, int n, int timeout_ms);
/* vk_sched_block_until: make P wait until CLOCK_MONOTONIC ns DEADLINE, when
 * P->w.timed_out is set; returns VK_BLOCK. */
int vk_sched_block_until(struct vk_proc *p, uint64_t deadline);

/* ---- async.c: MSGF_ASYNC requests, reply ports, waitsys, abort ---- */
#define VK_REQ_MAX	64		/* requests one process may have in flight */
/* A request in flight: the kernel's copy of an MSGF_ASYNC message. */
struct vk_req {
	struct vk_req	*next;
	uint32_t	umsg;		/* the guest's message */
	uint32_t	size;
	uint32_t	port;		/* its reply port, or 0 */
	int		held;		/* answered; waits for room on its port */
	int		live;		/* answered again and again until aborted (signal.c) */
	int		returned;	/* live: answered, and the program has not yet
					 * cleared MSGF_DONE to take the answer */
	int		nq;		/* live sigreq: signals waiting for that */
	struct vk_siginfo q[VK_SIGQ_MAX];
	uint64_t	expiries;	/* live timer: expiries waiting for that */
	struct vk_waitrec w;
	union {
		struct vk_msghdr h;
		unsigned char	b[VK_MSG_MAX];
		uint64_t	align;
	} m;				/* the kernel's copy, as sent */
};

/*
 * vk_async_queue: the MSGF_ASYNC message at guest UMSG (SIZE bytes) could not
 * finish now, and its handler recorded in P->w what it waits for.  Queue it:
 * the kernel keeps its own copy of the message, the request takes over P->w,
 * the guest's copy is marked MSGF_QUEUED, and the reply comes when the wait is
 * over.  Returns VK_EASYNC, or a guest errno (the message is then answered
 * with it).
 */
int vk_async_queue(struct vk_proc *p, uint32_t umsg, uint32_t size);
/* vk_async_post: put the done message UMSG on reply port PORT (guest addresses;
 * PORT 0: none).  A full port keeps it in the kernel until there is room. */
void vk_async_post(struct vk_proc *p, uint32_t port, uint32_t umsg);
/* vk_async_inflight: 1 when P's message at guest UMSG is queued and unanswered. */
int vk_async_inflight(struct vk_proc *p, uint32_t umsg);
/* vk_async_port_ok: 0 when guest address PORT is a usable reply port, else a guest errno. */
int vk_async_port_ok(struct vk_proc *p, uint32_t port);
/* vk_async_waitsys: waitsys(PORT, UMSG) for P: 0, a guest errno, or VK_BLOCK. */
int vk_async_waitsys(struct vk_proc *p, uint32_t port, uint32_t umsg);
/* vk_async_run: complete every request whose wait is over, in every process. */
void vk_async_run(struct vk_kernel *k);
/* vk_async_tick: from the gate, while requests are in flight: vk_async_run at
 * most once a millisecond, so a process that never blocks still sees replies. */
void vk_async_tick(struct vk_kernel *k);
/* vk_async_pollset: add the descriptors the requests wait on to FDS (at most MAX,
 * starting at *N), and lower *NEXT to the nearest deadline (0: none). */
void vk_async_pollset(struct vk_kernel *k, struct pollfd *fds, int max, int *n, uint64_t *next);
/* vk_async_next_timer: the earliest deadline of a live timer, any process (0: none). */
uint64_t vk_async_next_timer(struct vk_kernel *k);
/* vk_async_child_ended: P's child has ended: wake P's requests that wait for one. */
void vk_async_child_ended(struct vk_proc *p);
/* vk_async_free: drop P's requests unanswered (P ends or execs). */
void vk_async_free(struct vk_proc *p);
/* vk_async_find: P's request in flight for the message at guest UMSG, or NULL. */
struct vk_req *vk_async_find(struct vk_proc *p, uint32_t umsg);
/* vk_live_answer: answer live request R again with MSG (the kernel's copy,
 * outputs and ms_result filled in): into the guest's message, with MSGF_DONE
 * and MSGF_QUEUED (still live), and onto its port.  R waits for the program
 * to clear MSGF_DONE before the next answer (vk_live_ack). */
void vk_live_answer(struct vk_proc *p, struct vk_req *r, void *msg);

/* ---- signal.c: signals and timers as live messages ---- */
#define VK_HOSTSIGS	((1ull << (VK_SIGINT - 1)) | (1ull << (VK_SIGQUIT - 1)) | \
			 (1ull << (VK_SIGTERM - 1)) | (1ull << (VK_SIGHUP - 1)))
/* vk_signal_send: signal T with SI: to the live request that takes it, else
 * its default action.  From any process's gate, or the run loop.  0, or
 * EAGAIN when the signal had to be queued and its queue was full (it is
 * lost then). */
int vk_signal_send(struct vk_proc *t, const struct vk_siginfo *si);
/* vk_signal_unqueue: the signals waiting in live sigreq R (none if R is
 * something else), moved into Q (VK_SIGQ_MAX entries): how many.  An
 * aborted request's signals are sent again, not lost. */
int vk_signal_unqueue(struct vk_req *r, struct vk_siginfo *q);
/* vk_signal_autoreap: whether P's ended children are reaped at once
 * instead of waiting as zombies (it ignores SIGCHLD, or VK_SIGF_NOCLDWAIT). */
int vk_signal_autoreap(const struct vk_proc *p);
/* vk_signal_raise: signal SIG (si_code CODE) from T to itself. */
void vk_signal_raise(struct vk_proc *t, int sig, int code);
/* vk_signal_child: C has ended: SIGCHLD to PARENT with C's status. */
void vk_signal_child(struct vk_proc *parent, const struct vk_proc *c);
/* vk_signal_fault: P faulted (SIG, si_code CODE, address ADDR): 1 when a
 * handler takes it now (an upcall is set up), 0 when P must die of it. */
int vk_signal_fault(struct vk_proc *p, int sig, int code, uint32_t addr);
/* vk_signal_release: signals P holds that a live request now takes, or that
 * sigblock no longer blocks, are sent again (a sigreq was queued, a set changed). */
void vk_signal_release(struct vk_proc *p);
/* vk_live_ack: P's live requests whose last answer the program took
 * (MSGF_DONE cleared) are answered with what waited meanwhile. */
void vk_live_ack(struct vk_proc *p);
/* vk_timer_fire: live timer R's deadline passed: count the expiries, re-arm, answer. */
void vk_timer_fire(struct vk_proc *p, struct vk_req *r);
/* vk_signal_host_init: forward SIGINT, SIGQUIT, SIGTERM and SIGHUP that vkrun
 * gets to the first process's group (vkrun dies of them while no process has
 * a live request, as its guests would). */
void vk_signal_host_init(struct vk_kernel *k);
/* vk_signal_host_pending: a host signal waits for vk_signal_host_run. */
int vk_signal_host_pending(void);
void vk_signal_host_run(struct vk_kernel *k);

/* ---- upcall.c: upcalls and critical sections ---- */
/* vk_upcall_init: put the upcall entry code on P's (new) kernel page.  0 or VK_ENOMEM. */
int vk_upcall_init(struct vk_proc *p);
/* vk_upcall_due: a reply landed on P's upcall port PORT: deliver when possible;
 * a process blocked in a call is woken for it. */
void vk_upcall_due(struct vk_proc *p, uint32_t port);
/* vk_upcall_deliverable: 1 when one of P's due upcalls could be delivered now. */
int vk_upcall_deliverable(struct vk_proc *p);
/* vk_upcall_deliver: deliver the first deliverable due upcall (frame flags
 * FLAGS): 1 if one was, with P's registers now at the handler. */
int vk_upcall_deliver(struct vk_proc *p, uint32_t flags);
/* vk_upcall_run: before P runs (or at the end of its gate call): take acks,
 * answer an interrupted call EINTR, deliver a due upcall. */
void vk_upcall_run(struct vk_proc *p);
/* vk_upcall_flush: flushsys(): clear uc_pending and take acks (the gate then delivers). */
int vk_upcall_flush(struct vk_proc *p);

/* ---- gate.c ---- */
/* vk_sys_cmd: the command identity (vk_sysent index) of wire number WIRE in
 * the kernel ABI K speaks; 0 when that ABI has no such command. */
uint32_t vk_sys_cmd(const struct vk_kernel *k, uint32_t wire);
/* vk_sys_wire: the wire number of command identity CMD in K's ABI (0: none). */
uint32_t vk_sys_wire(const struct vk_kernel *k, uint32_t cmd);
/* vk_gate: the int 0x81 trap function for cpu_new (CTX is the vk_proc). */
void vk_gate(void *ctx, struct cpu *cpu, uint32_t vector);
/*
 * vk_gate_dispatch: run the handler of the checked message MSG (SIZE bytes,
 * the kernel's copy) for P.  Returns 0, a guest errno, or VK_BLOCK.
 */
int vk_gate_dispatch(struct vk_proc *p, void *msg, uint32_t size);
/*
 * vk_gate_reply: answer MSG with ERROR: the header (MSGF_DONE, ms_error,
 * ms_result) and, on success, the outputs go back to guest address UMSG;
 * counted and traced.  FLAGS are added to ms_flags (MSGF_ABORTED).
 */
void vk_gate_reply(struct vk_proc *p, uint32_t umsg, void *msg, uint32_t size, int error, uint32_t flags);

/* ---- trace.c ---- */
struct vk_sysent;
/* vk_trace_msg: one line for a dispatched message (after its reply). */
void vk_trace_msg(struct vk_proc *p, const struct vk_sysent *e, uint32_t cmd,
    const void *msg, int error);
/* vk_trace_gate: one line for a gate call refused before dispatch, or waitsys/flushsys. */
void vk_trace_gate(struct vk_proc *p, const char *what, uint32_t eax, uint32_t ecx,
    uint32_t edx, int error, const char *why);
/* vk_trace_line: a free-form event line ("[pid] ..."). */
void vk_trace_line(struct vk_proc *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- layer.c ---- */
/*
 * vk_layer_attach: give native process P (program image PROG) its layer: find
 * the image for (PROG->abi, kernel ABI), map it, the shared page and the TLS
 * block, and fill the program's stub page.  0, or an exit status (126: no image
 * for the pair; 125: mapping failed) with a one-line message in ERR.
 */
int vk_layer_attach(struct vk_proc *p, const struct ld_image *prog, char *err, size_t errlen);
/*
 * vk_layer_attach_raw: give P, a vkcc --no-layer program (PROG), what its
 * own layer code needs from the kernel: the shared page and the TLS block,
 * but no layer image.  0, or 125 with a message in ERR.
 */
int vk_layer_attach_raw(struct vk_proc *p, const struct ld_image *prog, char *err, size_t errlen);
/*
 * vk_layer_attach_linux: give a program without the native marks the Linux
 * personality: map its image and the shared page, set P->lx_int80, and return
 * the auxv entries to add (AT_SYSINFO, AT_SYSINFO_EHDR) in AUX/NAUX.  0 or an
 * exit status with a message, as vk_layer_attach.
 */
int vk_layer_attach_linux(struct vk_proc *p, uint32_t aux[][2], int *naux, char *err, size_t errlen);
/* vk_layer_counts: the layer's per-slot "served in the layer" counters; returns how many. */
int vk_layer_counts(struct vk_proc *p, uint32_t *counts, uint32_t max);
void vk_layers_free(struct vk_kernel *k);

/* ---- shared.c ---- */
#define VK_SHARED_REFRESH_TICKS	(1u << 21)	/* ~1 ms at 2 GHz */
/* vk_rdtsc: the host's time-stamp counter (cheap; the rate is calibrated in shared.c). */
static inline uint64_t
vk_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}
void vk_clock_init(struct vk_kernel *k);
void vk_shared_init(struct vk_proc *p, struct vk_shared *sh);
void vk_shared_refresh(struct vk_proc *p);
void vk_shared_tick(struct vk_proc *p);

/* ---- stats.c ---- */
uint64_t vk_now_ns(void);
void vk_stats_print(struct vk_proc *p, FILE *f);

#endif
