/*
 * layer/lx_misc.c: Linux calls about the process's state and about waiting,
 * whose shape differs from their message (vkernel/sys_misc.c): 32- and
 * 64-bit timespecs, 16-bit gids, the i386 rlimit struct, select's fd_sets
 * over the poll message, socketcall; and the calls this single-CPU,
 * network-less system answers itself: personality, affinity,
 * capabilities (none) and the socket family (no address family exists).
 */
#include "layer/lx.h"

#define VK_FUTEX_TIME64	0x40000000u	/* see syscalls.master: futex */

#define POLLIN_L	0x001
#define POLLPRI_L	0x002
#define POLLOUT_L	0x004
#define POLLERR_L	0x008
#define POLLHUP_L	0x010
#define POLLNVAL_L	0x020
#define POLLRDNORM_L	0x040
#define POLLRDBAND_L	0x080
#define POLLWRNORM_L	0x100
#define POLLWRBAND_L	0x200

#define NFDS_MAX	1024		/* the kernel's descriptor table (VK_NOFILE) */
#define INT32_MAX_L	0x7fffffff

/* Linux's struct pollfd. */
struct lx_pollfd {
	int32_t	fd;
	int16_t	events, revents;
};

static int64_t
mono_ns(void)
{
	int64_t sec;
	uint32_t nsec;

	ly_clock_read(0, &sec, &nsec);
	return sec * 1000000000 + nsec;
}

/* ---- sleeping and clocks ---- */

static int32_t
sleep_msg(uint32_t clk, uint32_t flags, uint32_t req, uint32_t rem, int32_t t64)
{
	struct vk_msg_nanosleep m;

	ly_hdr(&m.hdr, VK_SYS_nanosleep, sizeof(m));
	m.clock = (int32_t)clk;
	m.flags = flags;
	m.req = req;
	m.rem = rem;
	m.time64 = t64;
	return (int32_t)lx_call(&m.hdr);
}

LX_DECL(nanosleep)			{ (void)a3; (void)a4; (void)a5; (void)a6; return sleep_msg(1, 0, a1, a2, 0); }
LX_DECL(clock_nanosleep)		{ (void)a5; (void)a6; return sleep_msg(a1, a2, a3, a4, 0); }
LX_DECL(clock_nanosleep_time64)		{ (void)a5; (void)a6; return sleep_msg(a1, a2, a3, a4, 1); }

static int32_t
getres_msg(uint32_t clk, uint32_t res, int32_t t64)
{
	struct vk_msg_clock_getres m;

	ly_hdr(&m.hdr, VK_SYS_clock_getres, sizeof(m));
	m.clock = (int32_t)clk;
	m.res = res;
	m.time64 = t64;
	return (int32_t)lx_call(&m.hdr);
}

LX_DECL(clock_getres)		{ (void)a3; (void)a4; (void)a5; (void)a6; return getres_msg(a1, a2, 0); }
LX_DECL(clock_getres_time64)	{ (void)a3; (void)a4; (void)a5; (void)a6; return getres_msg(a1, a2, 1); }

/* ---- groups and limits ---- */

static int32_t
groups_msg(uint32_t cmd, uint32_t size, uint32_t list, int32_t gid16)
{
	struct vk_msg_getgroups m;	/* setgroups has the same layout */

	_Static_assert(sizeof(struct vk_msg_getgroups) == sizeof(struct vk_msg_setgroups), "groups messages");
	ly_hdr(&m.hdr, cmd, sizeof(m));
	m.size = (int32_t)size;
	m.list = list;
	m.gid16 = gid16;
	return (int32_t)lx_call(&m.hdr);
}

LX_DECL(getgroups32)	{ (void)a3; (void)a4; (void)a5; (void)a6; return groups_msg(VK_SYS_getgroups, a1, a2, 0); }
LX_DECL(getgroups)	{ (void)a3; (void)a4; (void)a5; (void)a6; return groups_msg(VK_SYS_getgroups, a1, a2, 1); }
LX_DECL(setgroups32)	{ (void)a3; (void)a4; (void)a5; (void)a6; return groups_msg(VK_SYS_setgroups, a1, a2, 0); }
LX_DECL(setgroups)	{ (void)a3; (void)a4; (void)a5; (void)a6; return groups_msg(VK_SYS_setgroups, a1, a2, 1); }

/* setrlimit (75): Linux i386's struct rlimit of two 32-bit words, ~0 infinite. */
LX_DECL(setrlimit)
{
	const uint32_t *r = (const uint32_t *)a2;
	struct vk_msg_setrlimit m;

	(void)a3; (void)a4; (void)a5; (void)a6;
	if (r == 0)
		return -VK_EFAULT;
	ly_hdr(&m.hdr, VK_SYS_setrlimit, sizeof(m));
	m.resource = (int32_t)a1;
	m.cur = r[0] == 0xffffffffu ? -1 : (int64_t)r[0];
	m.max = r[1] == 0xffffffffu ? -1 : (int64_t)r[1];
	return (int32_t)lx_call(&m.hdr);
}

/* ---- futex ---- */

static int32_t
futex_msg(uint32_t uaddr, uint32_t op, uint32_t val, uint32_t timeout, uint32_t uaddr2, uint32_t val3)
{
	struct vk_msg_futex m;

	ly_hdr(&m.hdr, VK_SYS_futex, sizeof(m));
	m.uaddr = uaddr;
	m.op = op;
	m.val = val;
	m.timeout = timeout;
	m.uaddr2 = uaddr2;
	m.val3 = val3;
	return (int32_t)lx_call(&m.hdr);
}

/* The kernel's time64 bit is never a Linux op bit: a program that sets it gets ENOSYS, as on Linux. */
LX_DECL(futex)
{
	return (a2 & VK_FUTEX_TIME64) ? -VK_ENOSYS : futex_msg(a1, a2, a3, a4, a5, a6);
}

LX_DECL(futex_time64)
{
	return (a2 & VK_FUTEX_TIME64) ? -VK_ENOSYS : futex_msg(a1, a2 | VK_FUTEX_TIME64, a3, a4, a5, a6);
}

/* ---- the alternate signal stack (recorded for signal delivery) ---- */

/* ---- processes: no children, one group, one session ---- */

#define WNOHANG_L	0x00000001
#define WUNTRACED_L	0x00000002
#define WSTOPPED_L	0x00000002
#define WEXITED_L	0x00000004
#define WCONTINUED_L	0x00000008
#define WNOWAIT_L	0x01000000
#define WNOTHREAD_L	0x20000000
#define WALL_L		0x40000000
#define WCLONE_L	0x80000000

/* wait4, waitpid, waitid: the options are checked as Linux checks them;
 * there is never a child to wait for (ECHILD). */
/* wait4: the kernel's wait4 message (children, zombies, WNOHANG); rusage is
 * zeroed (no per-child accounting yet). */
LX_DECL(wait4)
{
	struct vk_msg_wait4 m;
	int64_t r;

	(void)a5; (void)a6;
	if (a3 & ~(uint32_t)(WNOHANG_L | WUNTRACED_L | WCONTINUED_L | WNOTHREAD_L | WALL_L | WCLONE_L))
		return -VK_EINVAL;
	if (a1 == 0x80000000u)
		return -VK_ESRCH;	/* -INT_MIN is not a process group */
	ly_hdr(&m.hdr, VK_SYS_wait4, sizeof(m));
	m.pid = (int32_t)a1;
	m.status = a2;
	m.options = a3 & (WNOHANG_L | WUNTRACED_L | WCONTINUED_L);
	r = lx_call(&m.hdr);
	if (r > 0 && a4 != 0)
		for (int i = 0; i < 18; i++)
			((uint32_t *)a4)[i] = 0;	/* struct rusage: 72 bytes */
	return (int32_t)r;
}

LX_DECL(waitpid)	{ return lx_wait4(a1, a2, a3, 0, a5, a6); }

LX_DECL(waitid)
{
	(void)a3; (void)a5; (void)a6;
	if (a4 & ~(uint32_t)(WNOHANG_L | WNOWAIT_L | WEXITED_L | WSTOPPED_L | WCONTINUED_L | WNOTHREAD_L |
	    WALL_L | WCLONE_L))
		return -VK_EINVAL;
	if ((a4 & (WEXITED_L | WSTOPPED_L | WCONTINUED_L)) == 0)
		return -VK_EINVAL;
	switch (a1) {
	case 0:	break;					/* P_ALL */
	case 1: if ((int32_t)a2 <= 0) return -VK_EINVAL; break;	/* P_PID */
	case 2: if ((int32_t)a2 < 0) return -VK_EINVAL; break;	/* P_PGID */
	case 3: break;					/* P_PIDFD: no pidfd can exist */
	default: return -VK_EINVAL;
	}
	return a1 == 3 ? -VK_EBADF : -VK_ECHILD;
}

LX_DECL(getpgrp)
{
	struct vk_msg_getpgid m;

	(void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6;
	ly_hdr(&m.hdr, VK_SYS_getpgid, sizeof(m));
	m.pid = 0;
	return (int32_t)lx_call(&m.hdr);
}

/* personality: PER_LINUX (0) and PER_LINUX32 (8), with any of the flag
 * bits, are recorded and the old value returned; 0xffffffff only asks.
 * Other execution domains do not exist here (EINVAL). */
static uint32_t persona;

LX_DECL(personality)
{
	uint32_t old = persona;

	(void)a2; (void)a3; (void)a4; (void)a5; (void)a6;
	if (a1 == 0xffffffffu)
		return (int32_t)old;
	if ((a1 & 0xff) != 0 && (a1 & 0xff) != 8)
		return -VK_EINVAL;
	persona = a1;
	return (int32_t)old;
}

/* ---- scheduling: one CPU ---- */

LX_DECL(sched_yield)	{ (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return 0; }

LX_DECL(sched_getaffinity)
{
	(void)a4; (void)a5; (void)a6;
	if (a2 == 0 || (a2 & 3) != 0)
		return -VK_EINVAL;
	if (a1 != 0 && a1 != ly_shared()->sh_pid)
		return -VK_ESRCH;
	if (a3 == 0)
		return -VK_EFAULT;
	*(uint32_t *)a3 = 1;		/* CPU 0 */
	return 4;
}

LX_DECL(sched_setaffinity)
{
	(void)a4; (void)a5; (void)a6;
	if (a1 != 0 && a1 != ly_shared()->sh_pid)
		return -VK_ESRCH;
	if (a2 == 0)
		return -VK_EINVAL;
	if (a3 == 0)
		return -VK_EFAULT;
	return (*(const uint8_t *)a3 & 1) ? 0 : -VK_EINVAL;	/* the set must hold CPU 0 */
}

LX_DECL(getcpu)
{
	(void)a3; (void)a4; (void)a5; (void)a6;
	if (a1 != 0)
		*(uint32_t *)a1 = 0;
	if (a2 != 0)
		*(uint32_t *)a2 = 0;
	return 0;
}

/* sched_setscheduler and friends: the one CPU runs every process in
 * SCHED_OTHER-like fashion.  SCHED_OTHER, SCHED_BATCH and SCHED_IDLE (at
 * priority 0) are recorded; the real-time policies need CAP_SYS_NICE, which
 * no process has here (EPERM). */
#define SCHED_OTHER_L		0
#define SCHED_FIFO_L		1
#define SCHED_RR_L		2
#define SCHED_BATCH_L		3
#define SCHED_IDLE_L		5
#define SCHED_DEADLINE_L	6
#define SCHED_RESET_ON_FORK_L	0x40000000u

static uint32_t sched_policy;	/* SCHED_OTHER */

/* 0 when PID names this process, else -EINVAL (negative) or -ESRCH. */
static int32_t
sched_pid(uint32_t pid)
{
	if ((int32_t)pid < 0)
		return -VK_EINVAL;
	return pid == 0 || pid == ly_shared()->sh_pid ? 0 : -VK_ESRCH;
}

LX_DECL(sched_getscheduler)
{
	int32_t r = sched_pid(a1);

	(void)a2; (void)a3; (void)a4; (void)a5; (void)a6;
	return r != 0 ? r : (int32_t)sched_policy;
}

LX_DECL(sched_getparam)
{
	int32_t r;

	(void)a3; (void)a4; (void)a5; (void)a6;
	if (a2 == 0)
		return -VK_EINVAL;
	if ((r = sched_pid(a1)) != 0)
		return r;
	*(int32_t *)a2 = 0;	/* sched_priority */
	return 0;
}

static int32_t
sched_set(uint32_t pid, uint32_t policy, uint32_t param, int keep_policy)
{
	int32_t r, prio;

	if (param == 0 || (int32_t)pid < 0)
		return -VK_EINVAL;
	if ((r = sched_pid(pid)) != 0)
		return r;
	prio = *(const int32_t *)param;
	if (keep_policy)
		policy = sched_policy;
	switch (policy & ~SCHED_RESET_ON_FORK_L) {
	case SCHED_OTHER_L: case SCHED_BATCH_L: case SCHED_IDLE_L:
		if (prio != 0)
			return -VK_EINVAL;
		sched_policy = policy & ~SCHED_RESET_ON_FORK_L;
		return 0;
	case SCHED_FIFO_L: case SCHED_RR_L:
		return prio < 1 || prio > 99 ? -VK_EINVAL : -VK_EPERM;
	default:
		return -VK_EINVAL;
	}
}

LX_DECL(sched_setscheduler)	{ (void)a4; (void)a5; (void)a6; return sched_set(a1, a2, a3, 0); }
LX_DECL(sched_setparam)		{ (void)a3; (void)a4; (void)a5; (void)a6; return sched_set(a1, 0, a2, 1); }

LX_DECL(sched_get_priority_max)
{
	(void)a2; (void)a3; (void)a4; (void)a5; (void)a6;
	switch (a1) {
	case SCHED_FIFO_L: case SCHED_RR_L: return 99;
	case SCHED_OTHER_L: case SCHED_BATCH_L: case SCHED_IDLE_L: case SCHED_DEADLINE_L: return 0;
	default: return -VK_EINVAL;
	}
}

LX_DECL(sched_get_priority_min)
{
	(void)a2; (void)a3; (void)a4; (void)a5; (void)a6;
	switch (a1) {
	case SCHED_FIFO_L: case SCHED_RR_L: return 1;
	case SCHED_OTHER_L: case SCHED_BATCH_L: case SCHED_IDLE_L: case SCHED_DEADLINE_L: return 0;
	default: return -VK_EINVAL;
	}
}

/* getresuid, getresgid: real, effective and saved ids from the shared page;
 * the saved id is the effective one, as exec leaves it.  The 16-bit calls
 * show ids above 65535 as the overflow id. */
static int32_t
getres(uint32_t r, uint32_t e, uint32_t s, uint32_t real, uint32_t eff, int id16)
{
	uint32_t v[3] = { real, eff, eff }, at[3] = { r, e, s };

	for (int i = 0; i < 3; i++) {
		if (at[i] == 0)
			return -VK_EFAULT;
		if (id16)
			*(uint16_t *)at[i] = (uint16_t)(v[i] > 65535 ? 65534 : v[i]);
		else
			*(uint32_t *)at[i] = v[i];
	}
	return 0;
}

LX_DECL(getresuid32)	{ (void)a4; (void)a5; (void)a6; return getres(a1, a2, a3, ly_shared()->sh_uid, ly_shared()->sh_euid, 0); }
LX_DECL(getresgid32)	{ (void)a4; (void)a5; (void)a6; return getres(a1, a2, a3, ly_shared()->sh_gid, ly_shared()->sh_egid, 0); }
LX_DECL(getresuid)	{ (void)a4; (void)a5; (void)a6; return getres(a1, a2, a3, ly_shared()->sh_uid, ly_shared()->sh_euid, 1); }
LX_DECL(getresgid)	{ (void)a4; (void)a5; (void)a6; return getres(a1, a2, a3, ly_shared()->sh_gid, ly_shared()->sh_egid, 1); }

/* nice (34): Linux's old call, over the priority messages: returns 0. */
LX_DECL(nice)
{
	struct vk_msg_getpriority g;
	struct vk_msg_setpriority s;
	int32_t inc = (int32_t)a1, cur, r;

	(void)a2; (void)a3; (void)a4; (void)a5; (void)a6;
	ly_hdr(&g.hdr, VK_SYS_getpriority, sizeof(g));
	g.which = 0;
	g.who = 0;
	if ((r = (int32_t)lx_call(&g.hdr)) < 0)
		return r;
	cur = 20 - r;
	inc = inc < -40 ? -40 : inc > 40 ? 40 : inc;
	cur += inc;
	ly_hdr(&s.hdr, VK_SYS_setpriority, sizeof(s));
	s.which = 0;
	s.who = 0;
	s.prio = cur < -20 ? -20 : cur > 19 ? 19 : cur;
	r = (int32_t)lx_call(&s.hdr);
	return r == -VK_EACCES ? -VK_EPERM : r;
}

LX_DECL(sync)	{ (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return 0; }

/* ---- capabilities: none ---- */

#define CAP_V1	0x19980330u
#define CAP_V2	0x20071026u
#define CAP_V3	0x20080522u

/* The number of data structs for header HDR's version, or -EINVAL (with the
 * preferred version written back, as Linux does). */
static int32_t
cap_words(uint32_t *hdr)
{
	if (hdr == 0)
		return -VK_EFAULT;
	if (hdr[0] == CAP_V1)
		return 1;
	if (hdr[0] == CAP_V2 || hdr[0] == CAP_V3)
		return 2;
	hdr[0] = CAP_V3;
	return -VK_EINVAL;
}

LX_DECL(capget)
{
	uint32_t *hdr = (uint32_t *)a1, *data = (uint32_t *)a2;
	int32_t n = cap_words(hdr);

	(void)a3; (void)a4; (void)a5; (void)a6;
	if (data == 0)
		return n == -VK_EINVAL || n > 0 ? 0 : n;
	if (n < 0)
		return n;
	if ((int32_t)hdr[1] < 0)
		return -VK_EINVAL;
	if (hdr[1] != 0 && hdr[1] != ly_shared()->sh_pid)
		return -VK_ESRCH;
	for (int32_t i = 0; i < 3 * n; i++)
		data[i] = 0;
	return 0;
}

LX_DECL(capset)
{
	uint32_t *hdr = (uint32_t *)a1;
	const uint32_t *data = (const uint32_t *)a2;
	int32_t n = cap_words(hdr);

	(void)a3; (void)a4; (void)a5; (void)a6;
	if (n < 0)
		return n;
	if (hdr[1] != 0 && hdr[1] != ly_shared()->sh_pid)
		return -VK_EPERM;
	if (data == 0)
		return -VK_EFAULT;
	for (int32_t i = 0; i < 3 * n; i++)
		if (data[i] != 0)
			return -VK_EPERM;	/* nothing can be added to an empty set */
	return 0;
}

/* ---- sockets: no address family exists ---- */

#define SOCK_TYPE_MASK_L	0xf
#define SOCK_CLOEXEC_L		02000000
#define SOCK_NONBLOCK_L		04000
#define SOCK_MAX_L		11
#define AF_MAX_L		46

/* socket, socketpair: Linux's checks, then no family: EAFNOSUPPORT. */
static int32_t
sock_create(uint32_t domain, uint32_t type)
{
	if ((type & ~(uint32_t)SOCK_TYPE_MASK_L) & ~(uint32_t)(SOCK_CLOEXEC_L | SOCK_NONBLOCK_L))
		return -VK_EINVAL;
	if (domain >= AF_MAX_L)
		return -VK_EAFNOSUPPORT;
	if ((type & SOCK_TYPE_MASK_L) >= SOCK_MAX_L)
		return -VK_EINVAL;
	return -VK_EAFNOSUPPORT;
}

/* The calls on a socket descriptor: no descriptor is a socket, so EBADF for
 * one that is not open and ENOTSOCK for the rest. */
static int32_t
sock_fd(uint32_t fd)
{
	struct vk_msg_fcntl m;
	int64_t r;

	ly_hdr(&m.hdr, VK_SYS_fcntl, sizeof(m));	/* F_GETFD: is it open? */
	m.fd = (int32_t)fd;
	m.cmd = 1;
	m.arg = 0;
	r = lx_call(&m.hdr);
	return r < 0 ? (int32_t)r : -VK_ENOTSOCK;
}

LX_DECL(socket)		{ (void)a3; (void)a4; (void)a5; (void)a6; return sock_create(a1, a2); }
LX_DECL(socketpair)	{ (void)a3; (void)a4; (void)a5; (void)a6; return sock_create(a1, a2); }
LX_DECL(bind)		{ (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return sock_fd(a1); }
LX_DECL(connect)	{ (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return sock_fd(a1); }
LX_DECL(listen)		{ (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return sock_fd(a1); }
LX_DECL(getsockopt)	{ (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return sock_fd(a1); }
LX_DECL(setsockopt)	{ (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return sock_fd(a1); }
LX_DECL(getsockname)	{ (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return sock_fd(a1); }
LX_DECL(getpeername)	{ (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return sock_fd(a1); }
LX_DECL(sendto)		{ (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return sock_fd(a1); }
LX_DECL(sendmsg)	{ (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return sock_fd(a1); }
LX_DECL(recvfrom)	{ (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return sock_fd(a1); }
LX_DECL(recvmsg)	{ (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return sock_fd(a1); }
LX_DECL(shutdown)	{ (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return sock_fd(a1); }
LX_DECL(sendmmsg)	{ (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return sock_fd(a1); }
LX_DECL(recvmmsg)	{ (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return sock_fd(a1); }
LX_DECL(recvmmsg_time64) { (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return sock_fd(a1); }

LX_DECL(accept4)
{
	(void)a2; (void)a3; (void)a5; (void)a6;
	if (a4 & ~(uint32_t)(SOCK_CLOEXEC_L | SOCK_NONBLOCK_L))
		return -VK_EINVAL;
	return sock_fd(a1);
}

/* socketcall (102): Linux's multiplexer; CALL's arguments are in memory. */
LX_DECL(socketcall)
{
	const uint32_t *v = (const uint32_t *)a2;

	(void)a3; (void)a4; (void)a5; (void)a6;
	if (a1 < 1 || a1 > 20)
		return -VK_EINVAL;
	if (v == 0)
		return -VK_EFAULT;
	switch (a1) {
	case 1:		return sock_create(v[0], v[1]);		/* SYS_SOCKET */
	case 8:		return sock_create(v[0], v[1]);		/* SYS_SOCKETPAIR */
	case 18:	return lx_accept4(v[0], v[1], v[2], v[3], 0, 0);	/* SYS_ACCEPT4 */
	default:	return sock_fd(v[0]);
	}
}

/* ---- poll and select ---- */

static int32_t
poll_msg(uint32_t fds, uint32_t n, int32_t ms)
{
	struct vk_msg_poll m;

	ly_hdr(&m.hdr, VK_SYS_poll, sizeof(m));
	m.fds = fds;
	m.nfds = n;
	m.timeout = ms;
	return (int32_t)lx_call(&m.hdr);
}

/* Poll for up to TIMEOUT ns (negative: no limit), in the message's
 * milliseconds (rounded up), as many times as a long timeout needs. */
static int32_t
poll_ns(uint32_t fds, uint32_t n, int64_t timeout)
{
	int64_t deadline, left;
	int32_t r;

	if (timeout < 0)
		return poll_msg(fds, n, -1);
	deadline = mono_ns() + timeout;
	for (left = timeout;;) {
		int64_t ms = (left + 999999) / 1000000;

		r = poll_msg(fds, n, ms > INT32_MAX_L ? INT32_MAX_L : (int32_t)ms);
		if (r != 0 || ms <= INT32_MAX_L)
			return r;
		if ((left = deadline - mono_ns()) <= 0)
			return 0;
	}
}

/* The time left of a TIMEOUT ns wait that began at START, never negative. */
static int64_t
time_left(int64_t start, int64_t timeout)
{
	int64_t left = timeout - (mono_ns() - start);

	return left > 0 ? left : 0;
}

int32_t
lx_timespec_ns(uint32_t addr, int t64, int64_t *ns)
{
	int64_t sec, nsec;

	if (addr == 0)
		return -VK_EFAULT;
	if (t64) {
		sec = ((const int64_t *)addr)[0];
		nsec = (uint32_t)((const int64_t *)addr)[1];
	} else {
		sec = ((const int32_t *)addr)[0];
		nsec = ((const int32_t *)addr)[1];
	}
	if (sec < 0 || nsec < 0 || nsec >= 1000000000)
		return -VK_EINVAL;
	*ns = sec > 9000000000ll ? 9000000000ll * 1000000000 : sec * 1000000000 + nsec;
	return 0;
}

static void
put_timespec(uint32_t addr, int t64, int64_t ns)
{
	if (t64) {
		((int64_t *)addr)[0] = ns / 1000000000;
		((int64_t *)addr)[1] = ns % 1000000000;
	} else {
		((int32_t *)addr)[0] = (int32_t)(ns / 1000000000);
		((int32_t *)addr)[1] = (int32_t)(ns % 1000000000);
	}
}

/* ppoll: poll with a timespec; the signal mask would only matter during a
 * delivery, and there is none yet.  The time left is written back. */
static int32_t
ppoll_common(uint32_t fds, uint32_t n, uint32_t tsp, uint32_t sigmask, uint32_t sigsetsize, int t64)
{
	int64_t timeout = -1, start = 0;
	int32_t r;

	if (tsp != 0) {
		if ((r = lx_timespec_ns(tsp, t64, &timeout)) != 0)
			return r;
		start = mono_ns();
	}
	if (sigmask != 0 && sigsetsize != 8)
		return -VK_EINVAL;
	r = poll_ns(fds, n, timeout);
	if (tsp != 0 && timeout > 0)
		put_timespec(tsp, t64, time_left(start, timeout));
	return r;
}

LX_DECL(ppoll)		{ (void)a6; return ppoll_common(a1, a2, a3, a4, a5, 0); }
LX_DECL(ppoll_time64)	{ (void)a6; return ppoll_common(a1, a2, a3, a4, a5, 1); }

/*
 * select over the poll message: the fd_sets (arrays of 32-bit words) become
 * pollfds for the descriptors named, and the results come back as Linux sets
 * them (POLLIN_SET, POLLOUT_SET, POLLEX_SET); a descriptor that is not open
 * is EBADF.  N beyond the descriptor table is cut to it, as Linux cuts it
 * to its table.
 */
static int32_t
select_ns(int32_t n, uint32_t *rd, uint32_t *wr, uint32_t *ex, int64_t timeout)
{
	struct lx_pollfd p[NFDS_MAX];
	uint32_t np = 0, words;
	int32_t r, count = 0;

	if (n < 0)
		return -VK_EINVAL;
	if (n > NFDS_MAX)
		n = NFDS_MAX;
	words = ((uint32_t)n + 31) / 32;
	for (int32_t fd = 0; fd < n; fd++) {
		uint32_t bit = 1u << (fd % 32), w = (uint32_t)fd / 32;
		int16_t ev = 0;

		if (rd != 0 && (rd[w] & bit))
			ev |= POLLIN_L | POLLRDNORM_L | POLLRDBAND_L;
		if (wr != 0 && (wr[w] & bit))
			ev |= POLLOUT_L | POLLWRNORM_L | POLLWRBAND_L;
		if (ex != 0 && (ex[w] & bit))
			ev |= POLLPRI_L;
		if (ev != 0) {
			p[np].fd = fd;
			p[np].events = ev;
			p[np].revents = 0;
			np++;
		}
	}
	r = poll_ns((uint32_t)p, np, timeout);
	if (r < 0)
		return r;
	for (uint32_t i = 0; i < np; i++)
		if (p[i].revents & POLLNVAL_L)
			return -VK_EBADF;
	for (uint32_t w = 0; w < words; w++) {
		if (rd != 0)
			rd[w] = 0;
		if (wr != 0)
			wr[w] = 0;
		if (ex != 0)
			ex[w] = 0;
	}
	for (uint32_t i = 0; i < np; i++) {
		uint32_t bit = 1u << (p[i].fd % 32), w = (uint32_t)p[i].fd / 32;
		int16_t rev = p[i].revents, ev = p[i].events;

		if ((ev & POLLIN_L) && (rev & (POLLIN_L | POLLRDNORM_L | POLLRDBAND_L | POLLHUP_L | POLLERR_L))) {
			rd[w] |= bit;
			count++;
		}
		if ((ev & POLLOUT_L) && (rev & (POLLOUT_L | POLLWRNORM_L | POLLWRBAND_L | POLLERR_L))) {
			wr[w] |= bit;
			count++;
		}
		if ((ev & POLLPRI_L) && (rev & POLLPRI_L)) {
			ex[w] |= bit;
			count++;
		}
	}
	return count;
}

/* select with Linux's struct timeval (32-bit): microseconds past a second
 * carry into the seconds; the time left is written back. */
static int32_t
select_tv(uint32_t n, uint32_t rd, uint32_t wr, uint32_t ex, uint32_t tvp)
{
	int64_t timeout = -1, start = 0;
	int32_t r;

	if (tvp != 0) {
		int32_t *tv = (int32_t *)tvp;
		int64_t sec = (int64_t)tv[0] + tv[1] / 1000000, nsec = (int64_t)(tv[1] % 1000000) * 1000;

		if (sec < 0 || nsec < 0)
			return -VK_EINVAL;
		timeout = sec * 1000000000 + nsec;
		start = mono_ns();
	}
	r = select_ns((int32_t)n, (uint32_t *)rd, (uint32_t *)wr, (uint32_t *)ex, timeout);
	if (tvp != 0 && timeout > 0) {
		int64_t left = time_left(start, timeout);

		((int32_t *)tvp)[0] = (int32_t)(left / 1000000000);
		((int32_t *)tvp)[1] = (int32_t)(left % 1000000000 / 1000);
	}
	return r;
}

LX_DECL(_newselect)	{ (void)a6; return select_tv(a1, a2, a3, a4, a5); }

/* select (82): the old call, its five arguments in memory. */
LX_DECL(select)
{
	const uint32_t *v = (const uint32_t *)a1;

	(void)a2; (void)a3; (void)a4; (void)a5; (void)a6;
	if (v == 0)
		return -VK_EFAULT;
	return select_tv(v[0], v[1], v[2], v[3], v[4]);
}

/* pselect6: a timespec, and a {sigset pointer, size} pair for the mask to
 * wait under (checked; without delivery it changes nothing). */
static int32_t
pselect_common(uint32_t n, uint32_t rd, uint32_t wr, uint32_t ex, uint32_t tsp, uint32_t sig, int t64)
{
	int64_t timeout = -1, start = 0;
	int32_t r;

	if (tsp != 0) {
		if ((r = lx_timespec_ns(tsp, t64, &timeout)) != 0)
			return r;
		start = mono_ns();
	}
	if (sig != 0 && ((const uint32_t *)sig)[0] != 0 && ((const uint32_t *)sig)[1] != 8)
		return -VK_EINVAL;
	r = select_ns((int32_t)n, (uint32_t *)rd, (uint32_t *)wr, (uint32_t *)ex, timeout);
	if (tsp != 0 && timeout > 0)
		put_timespec(tsp, t64, time_left(start, timeout));
	return r;
}

LX_DECL(pselect6)		{ return pselect_common(a1, a2, a3, a4, a5, a6, 0); }
LX_DECL(pselect6_time64)	{ return pselect_common(a1, a2, a3, a4, a5, a6, 1); }
