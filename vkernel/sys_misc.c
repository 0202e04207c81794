/*
 * vkernel/sys_misc.c: handlers for the process's own state and for waiting:
 * prctl, resource limits, supplementary groups, process group and session,
 * priority, sysinfo/times/getrusage, sleeping on a clock, futexes of a
 * single-threaded process, poll, signals sent to oneself, madvise and mremap.
 *
 * Per-process state.  What Linux keeps per process and these calls change
 * (limits, the name prctl sets, the group list, pgid and sid, ...) is struct
 * vk_pstate in struct vk_proc, filled on first use from the host's values
 * (fork will copy it, exec keep it).
 *
 * Waiting.  Every message completes synchronously (docs/abi.md), so sleeping,
 * poll and a futex wait block the whole vkrun process on the host: there is
 * nothing else to run yet.  A futex wait that nothing could end (no timeout,
 * no other thread, no signal delivery) answers EDEADLK instead of hanging.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <time.h>
#include <unistd.h>

#include "vkernel/kernel.h"
#include "vk_sysproto.h"

#define NLIMITS		VK_NLIMITS	/* Linux's RLIM_NLIMITS */
#define NGROUPS_LINUX	65536		/* NGROUPS_MAX */
#define NSIG_LINUX	64
#define VK_FUTEX_TIME64	0x40000000u	/* the futex timeout is a 64-bit timespec (syscalls.master) */

/* ---- per-process state (struct vk_pstate in vk_proc, made on first use) ---- */

static void
state_init(struct vk_pstate *s, struct vk_proc *p)
{
	const char *base = p->name != NULL ? strrchr(p->name, '/') : NULL;
	struct rlimit r;

	memset(s, 0, sizeof(*s));
	s->ready = 1;
	for (int i = 0; i < NLIMITS; i++) {
		if (getrlimit(i, &r) != 0)
			r.rlim_cur = r.rlim_max = RLIM_INFINITY;
		s->cur[i] = r.rlim_cur == RLIM_INFINITY ? -1 : (int64_t)r.rlim_cur;
		s->max[i] = r.rlim_max == RLIM_INFINITY ? -1 : (int64_t)r.rlim_max;
	}
	/* The guest's own: its stack is fixed, its descriptor table VK_NOFILE long. */
	s->cur[RLIMIT_STACK] = s->max[RLIMIT_STACK] = VK_STACK_SIZE;
	for (int i = 0; i < 2; i++) {
		int64_t *v = i == 0 ? &s->cur[RLIMIT_NOFILE] : &s->max[RLIMIT_NOFILE];

		if (*v < 0 || *v > VK_NOFILE)
			*v = VK_NOFILE;
	}
	/* Linux names a process after the file it executed, in 15 bytes. */
	base = base != NULL ? base + 1 : p->name != NULL ? p->name : "";
	strncpy(s->comm, base, sizeof(s->comm) - 1);
	s->dumpable = 1;
	s->timerslack = 50000;
	/* Process 1 leads its group and session, like a container's first process. */
	s->pgid = s->sid = p->pid;
	s->ngroups = -1;
}

static struct vk_pstate *
state(struct vk_proc *p)
{
	if (!p->ps.ready)
		state_init(&p->ps, p);
	return &p->ps;
}

struct vk_pstate *
vk_pstate(struct vk_proc *p)
{
	return state(p);
}

int
vk_pstate_fork(struct vk_proc *c, struct vk_proc *p)
{
	struct vk_pstate *s = state(p);

	c->ps = *s;
	c->ps.groups = NULL;
	if (s->groups != NULL && s->ngroups > 0) {
		if ((c->ps.groups = malloc((size_t)s->ngroups * sizeof(uint32_t))) == NULL)
			return VK_ENOMEM;
		memcpy(c->ps.groups, s->groups, (size_t)s->ngroups * sizeof(uint32_t));
	}
	return 0;
}

static int
is_root(const struct vk_proc *p)
{
	return p->k->opt.euid == 0;
}

/*
 * vk_rlimit_get: the process's limit RESOURCE (-1: infinity), for the
 * getrlimit message (vkernel/sys_proc.c) so that it reads what setrlimit set.
 * 0 or VK_EINVAL.
 */
int vk_rlimit_get(struct vk_proc *p, int resource, int64_t *cur, int64_t *max);

int
vk_rlimit_get(struct vk_proc *p, int resource, int64_t *cur, int64_t *max)
{
	struct vk_pstate *s;

	if (resource < 0 || resource >= NLIMITS)
		return VK_EINVAL;
	s = state(p);
	*cur = s->cur[resource];
	*max = s->max[resource];
	return 0;
}

/* ---- time helpers ---- */

/*
 * The host clock for guest clock ID (both use Linux's numbering): fixed ids
 * pass through (the host refuses the ones it lacks); a CPU-time clock of
 * this process (negative, pid encoded) becomes the host's own; other
 * processes' CPU clocks and clock descriptors do not exist here.
 */
static int
host_clock(const struct vk_proc *p, int32_t id, clockid_t *out)
{
	int32_t pid;

	if (id >= 0) {
		*out = id;
		return 0;
	}
	if ((id & 7) == 3)
		return VK_EINVAL;		/* CLOCKFD */
	pid = ~(id >> 3);
	if (pid != 0 && pid != p->pid)
		return VK_EINVAL;
	*out = (clockid_t)((id & 7) | ~7);	/* the same clock, pid 0: the caller */
	return 0;
}

/* Read a Linux i386 timespec (32-bit, or 64-bit with T64) at ADDR, checked as
 * Linux checks it: 0, EFAULT or EINVAL. */
static int
read_ts(const struct vk_proc *p, uint32_t addr, int t64, struct timespec *ts)
{
	int64_t sec, nsec;
	int e;

	if (t64) {
		int64_t v[2];

		if ((e = vk_copyin(&p->vm, v, addr, sizeof(v))) != 0)
			return e;
		sec = v[0];
		nsec = (uint32_t)v[1];		/* a 32-bit process's padding is ignored */
	} else {
		int32_t v[2];

		if ((e = vk_copyin(&p->vm, v, addr, sizeof(v))) != 0)
			return e;
		sec = v[0];
		nsec = v[1];
	}
	if (sec < 0 || nsec < 0 || nsec >= 1000000000)
		return VK_EINVAL;
	ts->tv_sec = (time_t)sec;
	ts->tv_nsec = (long)nsec;
	return 0;
}

static int
write_ts(const struct vk_proc *p, uint32_t addr, int t64, const struct timespec *ts)
{
	if (t64) {
		int64_t v[2] = { ts->tv_sec, ts->tv_nsec };

		return vk_copyout(&p->vm, addr, v, sizeof(v));
	} else {
		int32_t v[2] = { (int32_t)ts->tv_sec, (int32_t)ts->tv_nsec };

		return vk_copyout(&p->vm, addr, v, sizeof(v));
	}
}

/* Sleep on host clock CLK until DEADLINE (absolute); EINTR is waited out. */
static void
sleep_until(clockid_t clk, const struct timespec *deadline)
{
	while (clock_nanosleep(clk, TIMER_ABSTIME, deadline, NULL) == EINTR)
		;
}

/* ---- prctl ---- */

#define PR_SET_PDEATHSIG_L	1
#define PR_GET_PDEATHSIG_L	2
#define PR_GET_DUMPABLE_L	3
#define PR_SET_DUMPABLE_L	4
#define PR_GET_KEEPCAPS_L	7
#define PR_SET_KEEPCAPS_L	8
#define PR_SET_NAME_L		15
#define PR_GET_NAME_L		16
#define PR_GET_SECCOMP_L	21
#define PR_SET_SECCOMP_L	22
#define PR_CAPBSET_READ_L	23
#define PR_CAPBSET_DROP_L	24
#define PR_GET_SECUREBITS_L	27
#define PR_SET_SECUREBITS_L	28
#define PR_SET_TIMERSLACK_L	29
#define PR_GET_TIMERSLACK_L	30
#define PR_SET_CHILD_SUBREAPER_L 36
#define PR_GET_CHILD_SUBREAPER_L 37
#define PR_SET_NO_NEW_PRIVS_L	38
#define PR_GET_NO_NEW_PRIVS_L	39
#define PR_CAP_AMBIENT_L	47
#define CAP_LAST_CAP_L		40

/* prctl: the options a C library and ordinary programs use; the rest, and
 * seccomp (this kernel has none), are EINVAL as on a kernel without them. */
int
vk_sys_prctl(struct vk_proc *p, struct vk_msg_prctl *m)
{
	struct vk_pstate *s = state(p);
	int32_t v;

	switch (m->option) {
	case PR_SET_NAME_L: {
		char name[16] = { 0 };

		for (int i = 0; i < 15; i++) {
			if (vk_copyin(&p->vm, &name[i], m->arg2 + (uint32_t)i, 1) != 0)
				return VK_EFAULT;
			if (name[i] == '\0')
				break;
		}
		memcpy(s->comm, name, sizeof(s->comm));
		return 0;
	}
	case PR_GET_NAME_L:
		return vk_copyout(&p->vm, m->arg2, s->comm, sizeof(s->comm));
	case PR_GET_DUMPABLE_L:
		m->hdr.ms_result = s->dumpable;
		return 0;
	case PR_SET_DUMPABLE_L:
		if (m->arg2 > 1)
			return VK_EINVAL;
		s->dumpable = (int)m->arg2;
		return 0;
	case PR_SET_PDEATHSIG_L:
		if (m->arg2 > NSIG_LINUX)
			return VK_EINVAL;
		s->pdeathsig = (int)m->arg2;
		return 0;
	case PR_GET_PDEATHSIG_L:
		v = s->pdeathsig;
		return vk_copyout(&p->vm, m->arg2, &v, sizeof(v));
	case PR_GET_KEEPCAPS_L:
		m->hdr.ms_result = s->keepcaps;
		return 0;
	case PR_SET_KEEPCAPS_L:
		if (m->arg2 > 1)
			return VK_EINVAL;
		s->keepcaps = (int)m->arg2;
		return 0;
	case PR_CAPBSET_READ_L:
		if (m->arg2 > CAP_LAST_CAP_L)
			return VK_EINVAL;
		m->hdr.ms_result = 0;	/* no capabilities (see capget in the layer) */
		return 0;
	case PR_CAPBSET_DROP_L:
		return m->arg2 > CAP_LAST_CAP_L ? VK_EINVAL : VK_EPERM;	/* needs CAP_SETPCAP */
	case PR_GET_SECUREBITS_L:
		m->hdr.ms_result = 0;
		return 0;
	case PR_SET_SECUREBITS_L:
		return VK_EPERM;	/* needs CAP_SETPCAP */
	case PR_CAP_AMBIENT_L:
		if (m->arg2 == 4)	/* PR_CAP_AMBIENT_CLEAR_ALL */
			return m->arg3 != 0 || m->arg4 != 0 || m->arg5 != 0 ? VK_EINVAL : 0;
		if (m->arg3 > CAP_LAST_CAP_L || m->arg4 != 0 || m->arg5 != 0)
			return VK_EINVAL;
		switch (m->arg2) {
		case 1:	m->hdr.ms_result = 0; return 0;	/* IS_SET: the ambient set is empty */
		case 2:	return VK_EPERM;	/* RAISE: not in the permitted set */
		case 3:	return 0;		/* LOWER */
		default: return VK_EINVAL;
		}
	case PR_SET_TIMERSLACK_L:
		s->timerslack = m->arg2 != 0 ? m->arg2 : 50000;
		return 0;
	case PR_GET_TIMERSLACK_L:
		m->hdr.ms_result = s->timerslack;
		return 0;
	case PR_SET_CHILD_SUBREAPER_L:
		s->subreaper = m->arg2 != 0;
		return 0;
	case PR_GET_CHILD_SUBREAPER_L:
		v = s->subreaper;
		return vk_copyout(&p->vm, m->arg2, &v, sizeof(v));
	case PR_SET_NO_NEW_PRIVS_L:
		if (m->arg2 != 1 || m->arg3 != 0 || m->arg4 != 0 || m->arg5 != 0)
			return VK_EINVAL;
		s->nnp = 1;
		return 0;
	case PR_GET_NO_NEW_PRIVS_L:
		if (m->arg2 != 0 || m->arg3 != 0 || m->arg4 != 0 || m->arg5 != 0)
			return VK_EINVAL;
		m->hdr.ms_result = s->nnp;
		return 0;
	case PR_GET_SECCOMP_L:
	case PR_SET_SECCOMP_L:
	default:
		return VK_EINVAL;
	}
}

/* ---- system and process accounting ---- */

/* Linux i386's struct sysinfo. */
struct sysinfo32 {
	int32_t		uptime;
	uint32_t	loads[3];
	uint32_t	totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	uint16_t	procs, pad;
	uint32_t	totalhigh, freehigh, mem_unit;
	char		f[8];
};
_Static_assert(sizeof(struct sysinfo32) == 64, "Linux i386 struct sysinfo");

/* sysinfo: the host's uptime, loads, memory and swap; one process.  Sizes
 * that do not fit 32 bits are given in pages (mem_unit 4096), as Linux does
 * for 32-bit processes. */
int
vk_sys_sysinfo(struct vk_proc *p, struct vk_msg_sysinfo *m)
{
	struct sysinfo si;
	struct sysinfo32 o;
	uint64_t unit, div = 1;

	if (sysinfo(&si) != 0)
		return vk_errno_host(errno);
	unit = si.mem_unit != 0 ? si.mem_unit : 1;
	if ((uint64_t)si.totalram * unit > UINT32_MAX || (uint64_t)si.totalswap * unit > UINT32_MAX)
		div = VK_PAGE;
#define MEM(v) ((uint64_t)(v) * unit / div > UINT32_MAX ? UINT32_MAX : (uint32_t)((uint64_t)(v) * unit / div))
	memset(&o, 0, sizeof(o));
	o.uptime = si.uptime > INT32_MAX ? INT32_MAX : (int32_t)si.uptime;
	for (int i = 0; i < 3; i++)
		o.loads[i] = (uint32_t)si.loads[i];
	o.totalram = MEM(si.totalram);
	o.freeram = MEM(si.freeram);
	o.sharedram = MEM(si.sharedram);
	o.bufferram = MEM(si.bufferram);
	o.totalswap = MEM(si.totalswap);
	o.freeswap = MEM(si.freeswap);
	o.totalhigh = MEM(si.totalhigh);
	o.freehigh = MEM(si.freehigh);
#undef MEM
	o.procs = 1;
	o.mem_unit = (uint32_t)div;
	return vk_copyout(&p->vm, m->info, &o, sizeof(o));
}

static int32_t
ticks(const struct timeval *tv)
{
	return (int32_t)(tv->tv_sec * 100 + tv->tv_usec / 10000);
}

/* times: the CPU times of vkrun (emulation included) in 100 Hz ticks; returns
 * the ticks elapsed since vkrun started. */
int
vk_sys_times(struct vk_proc *p, struct vk_msg_times *m)
{
	struct rusage self, kids;
	int32_t t[4];
	int e;

	if (getrusage(RUSAGE_SELF, &self) != 0 || getrusage(RUSAGE_CHILDREN, &kids) != 0)
		return vk_errno_host(errno);
	t[0] = ticks(&self.ru_utime);
	t[1] = ticks(&self.ru_stime);
	t[2] = ticks(&kids.ru_utime);
	t[3] = ticks(&kids.ru_stime);
	if (m->buf != 0 && (e = vk_copyout(&p->vm, m->buf, t, sizeof(t))) != 0)
		return e;
	m->hdr.ms_result = (int32_t)((vk_now_ns() - (uint64_t)p->k->mono0) / 10000000u);
	return 0;
}

/* Linux i386's struct rusage: two 32-bit timevals and fourteen longs. */
struct rusage32 {
	int32_t		utime[2], stime[2];
	int32_t		rest[14];
};

int
vk_sys_getrusage(struct vk_proc *p, struct vk_msg_getrusage *m)
{
	struct rusage r;
	struct rusage32 o;
	int who;

	switch (m->who) {
	case 0:		who = RUSAGE_SELF; break;
	case -1:	who = RUSAGE_CHILDREN; break;
	case 1:		who = RUSAGE_THREAD; break;
	default:	return VK_EINVAL;
	}
	if (getrusage(who, &r) != 0)
		return vk_errno_host(errno);
	o.utime[0] = (int32_t)r.ru_utime.tv_sec;
	o.utime[1] = (int32_t)r.ru_utime.tv_usec;
	o.stime[0] = (int32_t)r.ru_stime.tv_sec;
	o.stime[1] = (int32_t)r.ru_stime.tv_usec;
	o.rest[0] = (int32_t)r.ru_maxrss;
	o.rest[1] = (int32_t)r.ru_ixrss;
	o.rest[2] = (int32_t)r.ru_idrss;
	o.rest[3] = (int32_t)r.ru_isrss;
	o.rest[4] = (int32_t)r.ru_minflt;
	o.rest[5] = (int32_t)r.ru_majflt;
	o.rest[6] = (int32_t)r.ru_nswap;
	o.rest[7] = (int32_t)r.ru_inblock;
	o.rest[8] = (int32_t)r.ru_oublock;
	o.rest[9] = (int32_t)r.ru_msgsnd;
	o.rest[10] = (int32_t)r.ru_msgrcv;
	o.rest[11] = (int32_t)r.ru_nsignals;
	o.rest[12] = (int32_t)r.ru_nvcsw;
	o.rest[13] = (int32_t)r.ru_nivcsw;
	return vk_copyout(&p->vm, m->usage, &o, sizeof(o));
}

/* ---- clocks: sleeping and resolution ---- */

/*
 * clock_nanosleep (nanosleep is CLOCK_MONOTONIC, relative).  With other
 * processes in this vkrun, or as an MSGF_ASYNC message, the sleep is a wait in
 * the scheduler until the deadline; otherwise the host sleeps.  REM gets the
 * time left when a host signal interrupts a relative host sleep.
 */
int
vk_sys_nanosleep(struct vk_proc *p, struct vk_msg_nanosleep *m)
{
	struct timespec req, rem, now;
	clockid_t clk;
	int e, abs = (m->flags & TIMER_ABSTIME) != 0;

	if ((e = host_clock(p, m->clock, &clk)) != 0)
		return e;
	if (clock_getres(clk, NULL) != 0)
		return vk_errno_host(errno);	/* Linux checks the clock first */
	if ((e = read_ts(p, m->req, m->time64, &req)) != 0)
		return e;
	if (req.tv_nsec < 0 || req.tv_nsec >= 1000000000 || req.tv_sec < 0)
		return VK_EINVAL;
	if (vk_sched_can_block(p)) {
		int64_t left;

		if (p->w.timed_out) {
			p->w.timed_out = 0;	/* woken at the deadline */
			return 0;
		}
		left = (int64_t)req.tv_sec * 1000000000 + req.tv_nsec;
		if (abs) {
			if (clock_gettime(clk, &now) != 0)
				return vk_errno_host(errno);
			left -= (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
		}
		if (left <= 0)
			return 0;
		return vk_sched_block_until(p, vk_now_ns() + (uint64_t)left);
	}
	e = clock_nanosleep(clk, abs ? TIMER_ABSTIME : 0, &req, &rem);
	if (e == EINTR && !abs && m->rem != 0 && write_ts(p, m->rem, m->time64, &rem) != 0)
		return VK_EFAULT;
	return e != 0 ? vk_errno_host(e) : 0;
}

int
vk_sys_clock_getres(struct vk_proc *p, struct vk_msg_clock_getres *m)
{
	struct timespec ts;
	clockid_t clk;
	int e;

	if ((e = host_clock(p, m->clock, &clk)) != 0)
		return e;
	if (clock_getres(clk, &ts) != 0)
		return vk_errno_host(errno);
	return m->res != 0 ? write_ts(p, m->res, m->time64, &ts) : 0;
}

/* ---- identity: supplementary groups ---- */

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* getgroups: the host's groups, or those setgroups set; SIZE 0 counts them.
 * The 16-bit call shows gids above 65535 as the overflow gid. */
int
vk_sys_getgroups(struct vk_proc *p, struct vk_msg_getgroups *m)
{
	struct vk_pstate *s = state(p);
	uint32_t w = m->gid16 ? 2 : 4, *list = s->groups;
	gid_t *host = NULL;
	unsigned char *out;
	int n = s->ngroups, e = 0;

	if (m->size < 0)
		return VK_EINVAL;
	if (n < 0) {
		if ((n = getgroups(0, NULL)) < 0)
			return vk_errno_host(errno);
		if (n > 0 && ((host = calloc((size_t)n, sizeof(*host))) == NULL ||
		    (n = getgroups(n, host)) < 0)) {
			e = host == NULL ? VK_ENOMEM : vk_errno_host(errno);
			free(host);
			return e;
		}
	}
	m->hdr.ms_result = n;
	if (m->size == 0 || n == 0)
		goto out;
	if (m->size < n) {
		e = VK_EINVAL;
		goto out;
	}
	if ((out = vk_guest_ptr(&p->vm, m->list, (uint32_t)n * w, VK_ACC_WRITE)) == NULL) {
		e = VK_EFAULT;
		goto out;
	}
	for (int i = 0; i < n; i++) {
		uint32_t g = host != NULL ? (uint32_t)host[i] : list[i];
		uint16_t g16 = g > 65535 ? 65534 : (uint16_t)g;

		if (w == 2)
			memcpy(out + 2 * i, &g16, 2);
		else
			memcpy(out + 4 * i, &g, 4);
	}
out:
	free(host);
	return e;
}

/* setgroups: only root (the guest's euid 0) may; the list is kept for this
 * process, sorted as Linux keeps it, and the host's groups are not changed. */
int
vk_sys_setgroups(struct vk_proc *p, struct vk_msg_setgroups *m)
{
	struct vk_pstate *s;
	uint32_t w = m->gid16 ? 2 : 4, *list = NULL;
	const unsigned char *in;

	if (!is_root(p))
		return VK_EPERM;
	if (m->size < 0 || m->size > NGROUPS_LINUX)
		return VK_EINVAL;
	if ((in = vk_guest_ptr(&p->vm, m->list, (uint32_t)m->size * w, VK_ACC_READ)) == NULL)
		return VK_EFAULT;
	if (m->size > 0 && (list = calloc((size_t)m->size, sizeof(*list))) == NULL)
		return VK_ENOMEM;
	for (int i = 0; i < m->size; i++) {
		uint16_t g16;

		if (w == 2) {
			memcpy(&g16, in + 2 * i, 2);
			list[i] = g16 == 0xffff ? 0xffffffffu : g16;
		} else
			memcpy(&list[i], in + 4 * i, 4);
	}
	if (m->size > 1)
		qsort(list, (size_t)m->size, sizeof(*list), cmp_u32);
	s = state(p);
	free(s->groups);
	s->groups = list;
	s->ngroups = m->size;
	return 0;
}

/* ---- resource limits ---- */

/*
 * setrlimit: Linux's prlimit rules on this process's limits: CUR above MAX is
 * EINVAL; raising MAX needs root (CAP_SYS_RESOURCE); RLIMIT_NOFILE cannot
 * pass the descriptor table (Linux's nr_open); -1 (or any negative) is
 * infinity.  The old limits come back in the outputs.  Nothing is enforced
 * here: each owner of a resource reads the limit (poll reads RLIMIT_NOFILE).
 */
int
vk_sys_setrlimit(struct vk_proc *p, struct vk_msg_setrlimit *m)
{
	uint64_t cur = m->cur < 0 ? UINT64_MAX : (uint64_t)m->cur;
	uint64_t max = m->max < 0 ? UINT64_MAX : (uint64_t)m->max;
	struct vk_pstate *s;
	int r = m->resource;

	if (r < 0 || r >= NLIMITS)
		return VK_EINVAL;
	if (cur > max)
		return VK_EINVAL;
	if (r == RLIMIT_NOFILE && max > VK_NOFILE)
		return VK_EPERM;
	s = state(p);
	if (max > (s->max[r] < 0 ? UINT64_MAX : (uint64_t)s->max[r]) && !is_root(p))
		return VK_EPERM;
	m->oldcur = s->cur[r];
	m->oldmax = s->max[r];
	s->cur[r] = m->cur < 0 ? -1 : m->cur;
	s->max[r] = m->max < 0 ? -1 : m->max;
	return 0;
}

/* ---- futex, for a process with one thread ---- */

#define FUTEX_WAIT_L		0
#define FUTEX_WAKE_L		1
#define FUTEX_REQUEUE_L		3
#define FUTEX_CMP_REQUEUE_L	4
#define FUTEX_WAKE_OP_L		5
#define FUTEX_LOCK_PI_L		6
#define FUTEX_UNLOCK_PI_L	7
#define FUTEX_TRYLOCK_PI_L	8
#define FUTEX_WAIT_BITSET_L	9
#define FUTEX_WAKE_BITSET_L	10
#define FUTEX_WAIT_REQUEUE_PI_L	11
#define FUTEX_CMP_REQUEUE_PI_L	12
#define FUTEX_LOCK_PI2_L	13
#define FUTEX_PRIVATE_L		128
#define FUTEX_CLOCK_REALTIME_L	256
#define FUTEX_TID_MASK_L	0x3fffffffu
#define FUTEX_OWNER_DIED_L	0x40000000u

static int
futex_word(struct vk_proc *p, uint32_t addr, uint32_t **w)
{
	if (addr % 4 != 0)
		return VK_EINVAL;
	*w = vk_guest_ptr(&p->vm, addr, 4, VK_ACC_READ | VK_ACC_WRITE);
	return *w == NULL ? VK_EFAULT : 0;
}

/* FUTEX_WAKE_OP's operation on *W; returns the old value in *OLD, or ENOSYS
 * for an unknown operation or comparison (as Linux). */
static int
wake_op(uint32_t *w, uint32_t enc, int *cmp_true)
{
	uint32_t op = (enc >> 28) & 7, cmp = (enc >> 24) & 15, old = *w, nv;
	int32_t oparg = (int32_t)(enc << 8) >> 20, cmparg = (int32_t)(enc << 20) >> 20;

	if ((enc >> 28) & 8) {		/* FUTEX_OP_OPARG_SHIFT */
		if (oparg < 0 || oparg > 31)
			oparg &= 31;	/* Linux warns and masks */
		oparg = (int32_t)(1u << oparg);
	}
	switch (op) {
	case 0: nv = (uint32_t)oparg; break;		/* SET */
	case 1: nv = old + (uint32_t)oparg; break;	/* ADD */
	case 2: nv = old | (uint32_t)oparg; break;	/* OR */
	case 3: nv = old & ~(uint32_t)oparg; break;	/* ANDN */
	case 4: nv = old ^ (uint32_t)oparg; break;	/* XOR */
	default: return VK_ENOSYS;
	}
	switch (cmp) {
	case 0: *cmp_true = (int32_t)old == cmparg; break;
	case 1: *cmp_true = (int32_t)old != cmparg; break;
	case 2: *cmp_true = (int32_t)old < cmparg; break;
	case 3: *cmp_true = (int32_t)old >= cmparg; break;
	case 4: *cmp_true = (int32_t)old <= cmparg; break;
	case 5: *cmp_true = (int32_t)old > cmparg; break;
	default: return VK_ENOSYS;
	}
	*w = nv;
	return 0;
}

/*
 * futex: Linux's operations for a process whose only thread is the caller.
 * There is never a waiter, so the wakes wake nobody (0) and the compares
 * compare.  A wait whose value matches can only end by its timeout: with one,
 * the host sleeps until it (ETIMEDOUT); without, nothing could ever wake it,
 * and the answer is EDEADLK (noted in the trace) rather than a hang.  The PI
 * locks are taken and released in the word when free or ours; a lock held
 * by any other tid has no such owner here (ESRCH).
 */
int
vk_sys_futex(struct vk_proc *p, struct vk_msg_futex *m)
{
	uint32_t op = m->op, cmd = op & 0x7f, *w, *w2, tid = (uint32_t)p->pid;
	int t64 = (op & VK_FUTEX_TIME64) != 0, rt = (op & FUTEX_CLOCK_REALTIME_L) != 0;
	int e, has_to = 0, relative = 0, cmp_true;
	clockid_t clk = rt ? CLOCK_REALTIME : CLOCK_MONOTONIC;
	struct timespec to, now;

	if ((op & ~(uint32_t)(0x7f | FUTEX_PRIVATE_L | FUTEX_CLOCK_REALTIME_L | VK_FUTEX_TIME64)) != 0)
		return VK_ENOSYS;
	if (rt && cmd != FUTEX_WAIT_BITSET_L && cmd != FUTEX_WAIT_REQUEUE_PI_L && cmd != FUTEX_LOCK_PI2_L)
		return VK_ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT_L: relative = 1; /* FALLTHROUGH */
	case FUTEX_WAIT_BITSET_L: case FUTEX_WAIT_REQUEUE_PI_L:
	case FUTEX_LOCK_PI_L: case FUTEX_LOCK_PI2_L:
		if (m->timeout != 0) {
			if ((e = read_ts(p, m->timeout, t64, &to)) != 0)
				return e;
			has_to = 1;
		}
		if (cmd == FUTEX_LOCK_PI_L)
			clk = CLOCK_REALTIME;	/* LOCK_PI's deadline is always CLOCK_REALTIME */
		break;
	}
	switch (cmd) {
	case FUTEX_WAIT_L:
	case FUTEX_WAIT_BITSET_L:
	case FUTEX_WAIT_REQUEUE_PI_L:
		if (cmd == FUTEX_WAIT_BITSET_L && m->val3 == 0)
			return VK_EINVAL;
		if (cmd == FUTEX_WAIT_REQUEUE_PI_L && m->uaddr == m->uaddr2)
			return VK_EINVAL;
		if ((e = futex_word(p, m->uaddr, &w)) != 0)
			return e;
		if (*w != m->val)
			return VK_EAGAIN;
		if (!has_to) {
			vk_trace_line(p, "futex wait on 0x%08x: no other thread or signal could wake it: EDEADLK",
			    m->uaddr);
			return VK_EDEADLK;
		}
		if (relative) {
			clock_gettime(clk, &now);
			to.tv_sec += now.tv_sec;
			if ((to.tv_nsec += now.tv_nsec) >= 1000000000) {
				to.tv_nsec -= 1000000000;
				to.tv_sec++;
			}
		}
		sleep_until(clk, &to);
		return VK_ETIMEDOUT;
	case FUTEX_WAKE_L:
	case FUTEX_WAKE_BITSET_L:
		if (cmd == FUTEX_WAKE_BITSET_L && m->val3 == 0)
			return VK_EINVAL;
		if (m->uaddr % 4 != 0)
			return VK_EINVAL;
		return 0;
	case FUTEX_REQUEUE_L:
	case FUTEX_CMP_REQUEUE_L:
	case FUTEX_CMP_REQUEUE_PI_L:
		/* val = how many to wake, the timeout word = how many to requeue. */
		if ((int32_t)m->val < 0 || (int32_t)m->timeout < 0)
			return VK_EINVAL;
		if (cmd == FUTEX_CMP_REQUEUE_PI_L && (m->val != 1 || m->uaddr == m->uaddr2))
			return VK_EINVAL;
		if (m->uaddr % 4 != 0 || m->uaddr2 % 4 != 0)
			return VK_EINVAL;
		if (cmd == FUTEX_REQUEUE_L)
			return 0;
		if ((e = futex_word(p, m->uaddr, &w)) != 0)
			return e;
		return *w != m->val3 ? VK_EAGAIN : 0;
	case FUTEX_WAKE_OP_L:
		if (m->uaddr % 4 != 0)
			return VK_EINVAL;
		if ((e = futex_word(p, m->uaddr2, &w2)) != 0)
			return e;
		return wake_op(w2, m->val3, &cmp_true);
	case FUTEX_LOCK_PI_L:
	case FUTEX_LOCK_PI2_L:
	case FUTEX_TRYLOCK_PI_L:
		if ((e = futex_word(p, m->uaddr, &w)) != 0)
			return e;
		if ((*w & FUTEX_TID_MASK_L) == 0) {
			*w = (*w & FUTEX_OWNER_DIED_L) | tid;
			return 0;
		}
		if ((*w & FUTEX_TID_MASK_L) == tid)
			return VK_EDEADLK;
		return VK_ESRCH;
	case FUTEX_UNLOCK_PI_L:
		if ((e = futex_word(p, m->uaddr, &w)) != 0)
			return e;
		if ((*w & FUTEX_TID_MASK_L) != tid)
			return VK_EPERM;
		*w = 0;
		return 0;
	default:
		return VK_ENOSYS;
	}
}

/* ---- process group and session ---- */

static int
is_self(const struct vk_proc *p, int pid)
{
	return pid == 0 || pid == p->pid;
}

int
vk_sys_getpgid(struct vk_proc *p, struct vk_msg_getpgid *m)
{
	if (!is_self(p, m->pid))
		return VK_ESRCH;
	m->hdr.ms_result = state(p)->pgid;
	return 0;
}

int
vk_sys_getsid(struct vk_proc *p, struct vk_msg_getsid *m)
{
	if (!is_self(p, m->pid))
		return VK_ESRCH;
	m->hdr.ms_result = state(p)->sid;
	return 0;
}

/* setpgid: Linux's rules with one process: a session leader cannot move
 * (EPERM), and the only group it could join is its own. */
int
vk_sys_setpgid(struct vk_proc *p, struct vk_msg_setpgid *m)
{
	struct vk_pstate *s = state(p);
	int pgid = m->pgid == 0 ? p->pid : m->pgid;

	if (m->pgid < 0)
		return VK_EINVAL;
	if (!is_self(p, m->pid))
		return VK_ESRCH;
	if (s->sid == p->pid)
		return VK_EPERM;
	if (pgid != p->pid && pgid != s->pgid)
		return VK_EPERM;	/* no such group in the session */
	s->pgid = pgid;
	return 0;
}

/* setsid: EPERM for a group leader (process 1 is one from the start). */
int
vk_sys_setsid(struct vk_proc *p, struct vk_msg_setsid *m)
{
	struct vk_pstate *s = state(p);

	if (s->pgid == p->pid)
		return VK_EPERM;
	s->pgid = s->sid = p->pid;
	m->hdr.ms_result = p->pid;
	return 0;
}

/* ---- priority: vkrun is the process, so its own nice value is the guest's ---- */

/* The process WHICH/WHO names: the caller (0) or nobody (ESRCH); EINVAL for WHICH. */
static int
prio_target(struct vk_proc *p, int which, int who)
{
	switch (which) {
	case PRIO_PROCESS:	return is_self(p, who) ? 0 : VK_ESRCH;
	case PRIO_PGRP:		return who == 0 || who == state(p)->pgid ? 0 : VK_ESRCH;
	case PRIO_USER:		return who == 0 || (uint32_t)who == p->k->opt.uid ? 0 : VK_ESRCH;
	default:		return VK_EINVAL;
	}
}

/* getpriority: Linux's system call answers 20 - nice (1..40). */
int
vk_sys_getpriority(struct vk_proc *p, struct vk_msg_getpriority *m)
{
	int e, nice;

	if ((e = prio_target(p, m->which, m->who)) != 0)
		return e;
	errno = 0;
	nice = getpriority(PRIO_PROCESS, 0);
	if (nice == -1 && errno != 0)
		return vk_errno_host(errno);
	m->hdr.ms_result = 20 - nice;
	return 0;
}

int
vk_sys_setpriority(struct vk_proc *p, struct vk_msg_setpriority *m)
{
	int e, nice = m->prio < -20 ? -20 : m->prio > 19 ? 19 : m->prio;

	if ((e = prio_target(p, m->which, m->who)) != 0)
		return e;
	if (setpriority(PRIO_PROCESS, 0, nice) != 0)
		return vk_errno_host(errno);
	return 0;
}

/* ---- poll over the guest's descriptors ---- */

/*
 * poll: the host's poll on the host descriptors behind the guest's.  A
 * negative fd is skipped; one that is not open gets POLLNVAL (and counts),
 * as Linux does.  More entries than RLIMIT_NOFILE is EINVAL.  The timeout is
 * honoured across host interruptions.
 */
int
vk_sys_poll(struct vk_proc *p, struct vk_msg_poll *m)
{
	struct pollfd h[VK_NOFILE];
	struct { int32_t fd; int16_t events, revents; } g[VK_NOFILE];
	uint32_t n = m->nfds;
	int64_t cur = state(p)->cur[RLIMIT_NOFILE], deadline = 0;
	int r, e, nval = 0, timeout = m->timeout;

	_Static_assert(sizeof(g[0]) == 8, "Linux struct pollfd");
	if ((cur >= 0 && n > (uint64_t)cur) || n > VK_NOFILE)
		return VK_EINVAL;
	if (vk_guest_ptr(&p->vm, m->fds, n * 8, VK_ACC_WRITE) == NULL)
		return VK_EFAULT;
	if ((e = vk_copyin(&p->vm, g, m->fds, n * 8)) != 0)
		return e;
	for (uint32_t i = 0; i < n; i++) {
		struct vk_file *f = g[i].fd >= 0 ? vk_fd_get(&p->fds, g[i].fd) : NULL;

		h[i].fd = f != NULL ? f->hostfd : -1;
		h[i].events = g[i].events;
		h[i].revents = 0;
		nval += g[i].fd >= 0 && f == NULL;
	}
	if (nval > 0)
		timeout = 0;
	if (timeout != 0 && vk_sched_can_block(p)) {
		/* Other processes run in this vkrun: never wait in the host. */
		while ((r = poll(h, n, 0)) < 0 && errno == EINTR)
			;
		if (r == 0 && !p->w.timed_out)
			return vk_sched_block_poll(p, h, (int)n, timeout);
		p->w.timed_out = 0;
		timeout = 0;		/* ready now, or the deadline has passed */
	}
	if (timeout > 0)
		deadline = (int64_t)vk_now_ns() + (int64_t)timeout * 1000000;
	while ((r = poll(h, n, timeout)) < 0 && errno == EINTR)
		if (timeout > 0) {
			int64_t left = deadline - (int64_t)vk_now_ns();

			timeout = left <= 0 ? 0 : (int)((left + 999999) / 1000000);
		}
	if (r < 0)
		return vk_errno_host(errno);
	r = 0;
	for (uint32_t i = 0; i < n; i++) {
		if (g[i].fd >= 0 && h[i].fd < 0)
			g[i].revents = POLLNVAL;
		else
			g[i].revents = h[i].fd < 0 ? 0 : h[i].revents;
		r += g[i].revents != 0;
	}
	if ((e = vk_copyout(&p->vm, m->fds, g, n * 8)) != 0)
		return e;
	m->hdr.ms_result = r;
	return 0;
}

/* ---- memory: madvise and mremap ---- */

static uint64_t
page_up64(uint64_t a)
{
	return (a + VK_PAGE - 1) & ~(uint64_t)(VK_PAGE - 1);
}

/* The region of P's address space containing ADDR, or NULL. */
static const struct vk_region *
region_at(const struct vk_vm *vm, uint32_t addr)
{
	for (int i = 0; i < vm->nreg; i++)
		if (vm->reg[i].start <= addr && addr < vm->reg[i].end)
			return &vm->reg[i];
	return NULL;
}

/*
 * madvise: Linux's advice values are accepted (EINVAL for the rest, EPERM
 * for the memory-failure ones, which need CAP_SYS_ADMIN).  Memory is
 * anonymous, so MADV_DONTNEED and MADV_FREE give zero pages, as on Linux;
 * MADV_REMOVE needs a shared file mapping (EINVAL).  A range with unmapped
 * holes is advised where mapped and answers ENOMEM.  The layer, shared page
 * and kernel page (above the stack) are left alone, like file-backed text.
 */
int
vk_sys_madvise(struct vk_proc *p, struct vk_msg_madvise *m)
{
	uint64_t end, len = page_up64(m->len), at;
	int a = m->advice, hole = 0;

	if (m->addr % VK_PAGE != 0)
		return VK_EINVAL;
	switch (a) {
	case 0: case 1: case 2: case 3: case 4: case 8:
	case 10: case 11: case 12: case 13: case 14: case 15: case 16: case 17:
	case 18: case 19: case 20: case 21: case 22: case 23: case 24: case 25:
		break;
	case 9:		/* MADV_REMOVE */
		return VK_EINVAL;
	case 100: case 101:	/* MADV_HWPOISON, MADV_SOFT_OFFLINE */
		return VK_EPERM;
	default:
		return VK_EINVAL;
	}
	end = (uint64_t)m->addr + len;
	if (end > (1ull << 32))
		return VK_EINVAL;
	for (at = m->addr; at < end;) {
		const struct vk_region *r = region_at(&p->vm, (uint32_t)at);
		uint64_t stop;
		int i;

		if (r == NULL) {
			hole = 1;
			for (i = 0; i < p->vm.nreg && p->vm.reg[i].start <= at; i++)
				;
			at = i < p->vm.nreg ? p->vm.reg[i].start : end;
			continue;
		}
		stop = r->end < end ? r->end : end;
		if ((a == 4 || a == 8 || a == 24) && stop <= VK_STACK_TOP) {
			madvise(vk_guest_ptr(&p->vm, (uint32_t)at, (uint32_t)(stop - at), 0), (size_t)(stop - at),
			    MADV_DONTNEED);
			vk_vm_code_changed(&p->vm, (uint32_t)at, (uint32_t)(stop - at));
		}
		at = stop;
	}
	return hole ? VK_ENOMEM : 0;
}

#define MREMAP_MAYMOVE_L	1
#define MREMAP_FIXED_L		2
#define MREMAP_DONTUNMAP_L	4

/* Move [OLD, OLD+OLDLEN) (one region, PROT) to NEW, NEWLEN long: map, copy, unmap
 * (or, with DONTUNMAP, leave the old range mapped and empty). */
static int
move_range(struct vk_vm *vm, uint32_t old, uint32_t oldlen, uint32_t new, uint32_t newlen, int prot,
    int dontunmap)
{
	uint32_t n = oldlen < newlen ? oldlen : newlen;
	void *to, *from;
	int e;

	if ((e = vk_vm_map(vm, new, newlen, prot)) != 0)
		return e;
	/* Access 0: whatever the guest's permissions, both ranges are mapped. */
	to = vk_guest_ptr(vm, new, n, 0);
	from = vk_guest_ptr(vm, old, n, 0);
	if (to == NULL || from == NULL)
		return VK_EFAULT;
	memcpy(to, from, n);
	return dontunmap ? vk_vm_map(vm, old, oldlen, prot) : vk_vm_unmap(vm, old, oldlen);
}

/*
 * mremap: Linux's rules on anonymous memory.  Shrinking unmaps the tail in
 * place; growing extends in place when the pages after the region are free,
 * else moves with MREMAP_MAYMOVE (map, copy, unmap) or fails with ENOMEM.
 * The old range must lie in one mapping (EFAULT).  MREMAP_FIXED moves to
 * NEWADDR, replacing what is there; MREMAP_DONTUNMAP leaves the old range
 * mapped, zero-filled.  Nothing above the stack (the layer's pages) moves.
 */
int
vk_sys_mremap(struct vk_proc *p, struct vk_msg_mremap *m)
{
	struct vk_vm *vm = &p->vm;
	uint32_t addr = m->addr, flags = m->flags, naddr = m->newaddr, oldlen, newlen, rend;
	uint64_t ol = page_up64(m->oldlen), nl = page_up64(m->newlen);
	const struct vk_region *r;
	int e, prot;

	if ((flags & ~(uint32_t)(MREMAP_MAYMOVE_L | MREMAP_FIXED_L | MREMAP_DONTUNMAP_L)) != 0)
		return VK_EINVAL;
	if ((flags & MREMAP_FIXED_L) && !(flags & MREMAP_MAYMOVE_L))
		return VK_EINVAL;
	if ((flags & MREMAP_DONTUNMAP_L) && (!(flags & MREMAP_MAYMOVE_L) || m->oldlen != m->newlen))
		return VK_EINVAL;
	if (addr % VK_PAGE != 0 || nl == 0 || nl > VK_STACK_TOP || ol > VK_STACK_TOP)
		return VK_EINVAL;
	oldlen = (uint32_t)ol;
	newlen = (uint32_t)nl;
	if (oldlen == 0)
		return VK_EINVAL;	/* "duplicate the mapping": shared mappings only */
	if ((uint64_t)addr + oldlen > VK_STACK_TOP)
		return VK_EINVAL;

	if (flags & (MREMAP_FIXED_L | MREMAP_DONTUNMAP_L)) {
		if (flags & MREMAP_FIXED_L) {
			if (naddr % VK_PAGE != 0 || naddr < VK_MMAP_MIN || (uint64_t)naddr + newlen > VK_STACK_TOP)
				return VK_EINVAL;
			if ((uint64_t)addr + oldlen > naddr && (uint64_t)naddr + newlen > addr)
				return VK_EINVAL;	/* overlapping */
		}
		if ((r = region_at(vm, addr)) == NULL || (uint64_t)addr + oldlen > r->end)
			return VK_EFAULT;
		prot = r->prot;
		if (flags & MREMAP_FIXED_L) {
			if ((e = vk_vm_unmap(vm, naddr, newlen)) != 0)
				return e;
			if (oldlen > newlen) {
				if ((e = vk_vm_unmap(vm, addr + newlen, oldlen - newlen)) != 0)
					return e;
				oldlen = newlen;
			}
		} else if ((naddr = vk_vm_find_free(vm, newlen, VK_MMAP_MIN, VK_MMAP_TOP)) == 0)
			return VK_ENOMEM;
		if ((e = move_range(vm, addr, oldlen, naddr, newlen, prot, (flags & MREMAP_DONTUNMAP_L) != 0)) != 0)
			return e;
		m->hdr.ms_result = naddr;
		return 0;
	}

	if (oldlen >= newlen) {
		if (oldlen > newlen && (e = vk_vm_unmap(vm, addr + newlen, oldlen - newlen)) != 0)
			return e;
		m->hdr.ms_result = addr;
		return 0;
	}
	if ((r = region_at(vm, addr)) == NULL || (uint64_t)addr + oldlen > r->end)
		return VK_EFAULT;
	prot = r->prot;
	rend = r->end;
	/* In place: the old range ends its mapping and the pages after it are free. */
	if (addr + oldlen == rend && (uint64_t)addr + newlen <= VK_STACK_TOP &&
	    vk_vm_is_free(vm, rend, addr + newlen - rend)) {
		if ((e = vk_vm_map(vm, rend, addr + newlen - rend, prot)) != 0)
			return e;
		m->hdr.ms_result = addr;
		return 0;
	}
	if (!(flags & MREMAP_MAYMOVE_L))
		return VK_ENOMEM;
	if ((naddr = vk_vm_find_free(vm, newlen, VK_MMAP_MIN, VK_MMAP_TOP)) == 0)
		return VK_ENOMEM;
	if ((e = move_range(vm, addr, oldlen, naddr, newlen, prot, 0)) != 0)
		return e;
	m->hdr.ms_result = naddr;
	return 0;
}
