/*
 * guest-tests/lx_misc.c: a static glibc program (gcc -m32 -static, no vkcc)
 * for the Linux personality's process-state, waiting and memory calls
 * (vkernel/sys_misc.c, layer/lx_misc.c).  It must pass natively too:
 *   gcc -m32 -static -O2 lx_misc.c -o lxm && ./lxm
 * Where vkrun legitimately differs from a Linux host (sockets exist there,
 * the process may or may not lead its group, root has capabilities), the
 * test accepts what Linux itself could answer, decided by behaviour.
 *
 * Pins down, through glibc:
 *  - prctl: the name round trip (and its 15-byte cut), dumpable,
 *    pdeathsig, no_new_privs, EINVAL for bad values, seccomp modes and
 *    unknown options;
 *  - sysinfo, times and getrusage give sane values, CPU time advances;
 *  - nanosleep, clock_nanosleep (relative and TIMER_ABSTIME) sleep ~20 ms,
 *    measured with clock_gettime; EINVAL for a bad timespec or clock;
 *    clock_getres;
 *  - getgroups (count, list, EINVAL for a short list);
 *  - setrlimit lowers RLIMIT_NOFILE (soft, then hard) and getrlimit reads
 *    it back; cur > max is EINVAL; raising the hard limit needs root; poll
 *    with more entries than the limit is EINVAL;
 *  - futex: FUTEX_WAIT on a changed word is EAGAIN, with a timeout it is
 *    ETIMEDOUT after the time (32- and 64-bit timespecs, WAIT_BITSET's
 *    absolute deadline), FUTEX_WAKE wakes nobody, unaligned is EINVAL;
 *  - sigaltstack set/get/disable, ENOMEM below MINSIGSTKSZ;
 *  - kill(getpid(), 0), ESRCH for a pid that cannot exist, EINVAL for a bad
 *    signal, ignored signals (SIG_IGN, or ignored by default) are harmless;
 *  - socket creation fails with EAFNOSUPPORT (or works, natively), bad
 *    flags are EINVAL, socket calls on a file are ENOTSOCK, on a closed
 *    descriptor EBADF;
 *  - madvise (advice accepted, MADV_DONTNEED zero-fills, EINVAL, ENOMEM);
 *  - mremap: growing keeps the content, shrinking stays in place, ENOMEM
 *    without MREMAP_MAYMOVE, MREMAP_FIXED, EINVAL and EFAULT;
 *  - waitpid/wait4: ECHILD, EINVAL for bad options;
 *  - getpgrp, getpgid, getsid, setsid (EPERM exactly for a group leader);
 *  - sched_yield, sched_getaffinity, sched_getcpu, personality, getpriority
 *    and setpriority, capget's version probe;
 *  - poll on a regular file (ready), a negative fd (skipped), a closed one
 *    (POLLNVAL), and as a 20 ms sleep; ppoll; select with a zero timeout,
 *    EBADF, and as a sleep.
 * "lxm term" instead sends itself SIGTERM: it must die of it (status 143).
 * Its file (lx_misc.PID) lives in the current directory and is removed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/futex.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define PAGE		4096
#define NO_SUCH_PID	0x3ffffff0	/* above any pid_max */

static int64_t
now_ns(clockid_t clk)
{
	struct timespec ts;

	CHECK(clock_gettime(clk, &ts) == 0);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* A sleep of 20 ms took at least that, and not absurdly long. */
#define CHECK_SLEPT(t0) do { int64_t d_ = now_ns(CLOCK_MONOTONIC) - (t0); \
	CHECK(d_ >= 20000000); CHECK(d_ < 2000000000); } while (0)

static void
test_prctl(void)
{
	char name[32];
	int v;

	memset(name, 'x', sizeof(name));
	CHECK_EQ(prctl(PR_GET_NAME, name), 0);
	CHECK(name[0] != '\0' && strlen(name) <= 15);
	CHECK_EQ(prctl(PR_SET_NAME, "lxm-test"), 0);
	memset(name, 'x', sizeof(name));
	CHECK_EQ(prctl(PR_GET_NAME, name), 0);
	CHECK(strcmp(name, "lxm-test") == 0);
	CHECK_EQ(prctl(PR_SET_NAME, "abcdefghijklmnopqrstuvwxyz"), 0);
	CHECK_EQ(prctl(PR_GET_NAME, name), 0);
	CHECK(strcmp(name, "abcdefghijklmno") == 0);

	CHECK_EQ(prctl(PR_GET_DUMPABLE), 1);
	CHECK_ERR(prctl(PR_SET_DUMPABLE, 2), EINVAL);
	CHECK_EQ(prctl(PR_SET_DUMPABLE, 0), 0);
	CHECK_EQ(prctl(PR_GET_DUMPABLE), 0);
	CHECK_EQ(prctl(PR_SET_DUMPABLE, 1), 0);
	CHECK_EQ(prctl(PR_GET_DUMPABLE), 1);

	CHECK_EQ(prctl(PR_SET_PDEATHSIG, SIGUSR1), 0);
	v = -1;
	CHECK_EQ(prctl(PR_GET_PDEATHSIG, &v), 0);
	CHECK_EQ(v, SIGUSR1);
	CHECK_EQ(prctl(PR_SET_PDEATHSIG, 0), 0);
	CHECK_EQ(prctl(PR_GET_PDEATHSIG, &v), 0);
	CHECK_EQ(v, 0);
	CHECK_ERR(prctl(PR_SET_PDEATHSIG, 99), EINVAL);

	v = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
	CHECK(v == 0 || v == 1);
	CHECK_ERR(prctl(PR_SET_NO_NEW_PRIVS, 2, 0, 0, 0), EINVAL);
	CHECK_ERR(prctl(PR_GET_NO_NEW_PRIVS, 1, 0, 0, 0), EINVAL);
	CHECK_EQ(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), 0);
	CHECK_EQ(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), 1);

	CHECK_ERR(prctl(PR_SET_SECCOMP, 99, 0, 0, 0), EINVAL);
	CHECK_ERR(prctl(0x7fff, 0, 0, 0, 0), EINVAL);
}

static void
test_accounting(void)
{
	struct sysinfo si;
	struct rusage ru;
	struct tms t0, t1;
	clock_t c0, c1;
	int64_t cpu0, start;
	volatile uint32_t x = 1;

	CHECK_EQ(sysinfo(&si), 0);
	CHECK(si.uptime > 0);
	CHECK(si.mem_unit >= 1);
	CHECK(si.totalram > 0);
	CHECK(si.freeram <= si.totalram);
	CHECK(si.freeswap <= si.totalswap);
	CHECK(si.procs >= 1);

	c0 = times(&t0);
	CHECK(c0 != (clock_t)-1);
	CHECK(t0.tms_utime >= 0 && t0.tms_stime >= 0);
	cpu0 = now_ns(CLOCK_PROCESS_CPUTIME_ID);
	while (now_ns(CLOCK_PROCESS_CPUTIME_ID) - cpu0 < 60000000)	/* 60 ms of CPU */
		for (int i = 0; i < 100000; i++)
			x = x * 1103515245u + 12345u;
	start = now_ns(CLOCK_MONOTONIC);
	CHECK_EQ(usleep(20000), 0);
	CHECK_SLEPT(start);
	c1 = times(&t1);
	CHECK(c1 != (clock_t)-1);
	CHECK(c1 - c0 >= 2);		/* 80 ms at 100 Hz, at least */
	CHECK(t1.tms_utime + t1.tms_stime >= t0.tms_utime + t0.tms_stime + 2);
	CHECK(times(NULL) != (clock_t)-1);

	CHECK_EQ(getrusage(RUSAGE_SELF, &ru), 0);
	CHECK(ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000);
	CHECK(ru.ru_stime.tv_usec >= 0 && ru.ru_stime.tv_usec < 1000000);
	CHECK(ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec + ru.ru_stime.tv_sec * 1000000 +
	    ru.ru_stime.tv_usec >= 50000);
	CHECK(ru.ru_maxrss > 0);
	CHECK_EQ(getrusage(RUSAGE_CHILDREN, &ru), 0);
	CHECK_ERR(getrusage(99, &ru), EINVAL);
}

static void
test_sleep(void)
{
	struct timespec ts = { 0, 20000000 }, res;
	int64_t t0;

	t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_EQ(nanosleep(&ts, NULL), 0);
	CHECK_SLEPT(t0);

	t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL), 0);
	CHECK_SLEPT(t0);

	t0 = now_ns(CLOCK_MONOTONIC);
	ts.tv_sec = (time_t)((t0 + 20000000) / 1000000000);
	ts.tv_nsec = (long)((t0 + 20000000) % 1000000000);
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL), 0);
	CHECK_SLEPT(t0);
	CHECK(now_ns(CLOCK_MONOTONIC) >= (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);

	/* A deadline in the past returns at once. */
	ts.tv_sec = 1;
	ts.tv_nsec = 0;
	t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL), 0);
	CHECK(now_ns(CLOCK_MONOTONIC) - t0 < 500000000);

	ts.tv_sec = 0;
	ts.tv_nsec = 1000000;
	CHECK_EQ(clock_nanosleep(CLOCK_REALTIME, 0, &ts, NULL), 0);

	ts.tv_nsec = 1000000000;
	CHECK_ERR(nanosleep(&ts, NULL), EINVAL);
	ts.tv_sec = -1;
	ts.tv_nsec = 0;
	CHECK_ERR(nanosleep(&ts, NULL), EINVAL);
	ts.tv_sec = 0;
	ts.tv_nsec = 1000;
	/* clock_nanosleep returns the error number itself. */
	CHECK_EQ(clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &ts, NULL), EINVAL);
	CHECK_EQ(clock_nanosleep(12345, 0, &ts, NULL), EINVAL);

	CHECK_EQ(clock_getres(CLOCK_MONOTONIC, &res), 0);
	CHECK(res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 10000000);
	CHECK_EQ(clock_getres(CLOCK_REALTIME, &res), 0);
	CHECK(res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 10000000);
	CHECK_EQ(clock_getres(CLOCK_PROCESS_CPUTIME_ID, &res), 0);
	CHECK_EQ(clock_getres(CLOCK_MONOTONIC, NULL), 0);
	CHECK_ERR(clock_getres(12345, &res), EINVAL);
}

static void
test_groups(void)
{
	gid_t list[256];
	int n = getgroups(0, NULL);
	volatile int negative = -1;

	CHECK(n >= 0 && n <= 256);
	CHECK_EQ(getgroups(256, list), n);
	if (n > 1)
		CHECK_ERR(getgroups(n - 1, list), EINVAL);
	CHECK_ERR(getgroups(negative, list), EINVAL);
}

static void
test_rlimit(void)
{
	struct rlimit r, r0;

	CHECK_EQ(getrlimit(RLIMIT_NOFILE, &r0), 0);
	CHECK(r0.rlim_cur >= 256);
	r.rlim_cur = 64;
	r.rlim_max = r0.rlim_max;
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &r), 0);
	CHECK_EQ(getrlimit(RLIMIT_NOFILE, &r), 0);
	CHECK_EQ(r.rlim_cur, 64);
	CHECK(r.rlim_max == r0.rlim_max);
	r.rlim_max = 128;
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &r), 0);
	CHECK_EQ(getrlimit(RLIMIT_NOFILE, &r), 0);
	CHECK_EQ(r.rlim_cur, 64);
	CHECK_EQ(r.rlim_max, 128);
	r.rlim_cur = 100;
	r.rlim_max = 90;
	CHECK_ERR(setrlimit(RLIMIT_NOFILE, &r), EINVAL);
	CHECK_ERR(setrlimit(12345, &r), EINVAL);

	{	/* poll takes no more entries than RLIMIT_NOFILE allows */
		struct pollfd many[65];

		for (int i = 0; i < 65; i++) {
			many[i].fd = -1;
			many[i].events = POLLIN;
		}
		CHECK_ERR(poll(many, 65, 0), EINVAL);
		CHECK_EQ(poll(many, 64, 0), 0);
	}

	/* Raising the hard limit again takes CAP_SYS_RESOURCE: never without
	 * root, and root may lack it (in a container, say). */
	r.rlim_cur = 64;
	r.rlim_max = 256;
	errno = 0;
	if (setrlimit(RLIMIT_NOFILE, &r) != 0) {
		CHECK_EQ(errno, EPERM);
		CHECK_EQ(getrlimit(RLIMIT_NOFILE, &r), 0);
		CHECK_EQ(r.rlim_max, 128);
	} else {
		CHECK(geteuid() == 0);
		CHECK_EQ(getrlimit(RLIMIT_NOFILE, &r), 0);
		CHECK_EQ(r.rlim_max, 256);
	}

	CHECK_EQ(getrlimit(RLIMIT_CORE, &r), 0);
	r.rlim_cur = 0;
	CHECK_EQ(setrlimit(RLIMIT_CORE, &r), 0);
	CHECK_EQ(getrlimit(RLIMIT_CORE, &r), 0);
	CHECK_EQ(r.rlim_cur, 0);
}

static long
futex32(uint32_t *w, int op, uint32_t val, const void *timeout, uint32_t val3)
{
	return syscall(SYS_futex, w, op, val, timeout, NULL, val3);
}

static void
test_futex(void)
{
	static uint32_t word[2] = { 1, 0 };
	struct { int32_t sec, nsec; } t32 = { 0, 20000000 };
	struct { int64_t sec, nsec; } t64 = { 0, 20000000 };
	struct timespec abs;
	int64_t t0;

	CHECK_ERR(futex32(&word[0], FUTEX_WAIT_PRIVATE, 2, NULL, 0), EAGAIN);
	CHECK_ERR(futex32(&word[0], FUTEX_WAIT, 0, NULL, 0), EAGAIN);
	t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_ERR(futex32(&word[0], FUTEX_WAIT_PRIVATE, 1, &t32, 0), ETIMEDOUT);
	CHECK_SLEPT(t0);
#ifdef SYS_futex_time64
	t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_ERR(syscall(SYS_futex_time64, &word[0], FUTEX_WAIT_PRIVATE, 1, &t64, NULL, 0), ETIMEDOUT);
	CHECK_SLEPT(t0);
#endif
	(void)t64;
	/* WAIT_BITSET: an absolute CLOCK_MONOTONIC deadline. */
	t0 = now_ns(CLOCK_MONOTONIC);
	abs.tv_sec = (time_t)((t0 + 20000000) / 1000000000);
	abs.tv_nsec = (long)((t0 + 20000000) % 1000000000);
	t32.sec = (int32_t)abs.tv_sec;
	t32.nsec = (int32_t)abs.tv_nsec;
	CHECK_ERR(futex32(&word[0], FUTEX_WAIT_BITSET_PRIVATE, 1, &t32, FUTEX_BITSET_MATCH_ANY), ETIMEDOUT);
	CHECK_SLEPT(t0);
	CHECK_ERR(futex32(&word[0], FUTEX_WAIT_BITSET_PRIVATE, 1, &t32, 0), EINVAL);
	t32.sec = 0;
	t32.nsec = 1000000000;
	CHECK_ERR(futex32(&word[0], FUTEX_WAIT_PRIVATE, 1, &t32, 0), EINVAL);

	CHECK_EQ(futex32(&word[0], FUTEX_WAKE_PRIVATE, 1, NULL, 0), 0);
	CHECK_EQ(futex32(&word[0], FUTEX_WAKE, 0x7fffffff, NULL, 0), 0);
	CHECK_ERR(futex32((uint32_t *)((char *)word + 1), FUTEX_WAKE_PRIVATE, 1, NULL, 0), EINVAL);
	CHECK_ERR(futex32(&word[0], 99, 1, NULL, 0), ENOSYS);
	CHECK_ERR(futex32(&word[0], FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 1, NULL, 0), ENOSYS);
	CHECK_EQ(word[0], 1);
}

static void
test_sigaltstack(void)
{
	static char stack_mem[65536];
	stack_t ss, old;

	CHECK_EQ(sigaltstack(NULL, &old), 0);
	CHECK(old.ss_flags & SS_DISABLE);
	ss.ss_sp = stack_mem;
	ss.ss_size = sizeof(stack_mem);
	ss.ss_flags = 0;
	CHECK_EQ(sigaltstack(&ss, NULL), 0);
	memset(&old, 0, sizeof(old));
	CHECK_EQ(sigaltstack(NULL, &old), 0);
	CHECK(old.ss_sp == stack_mem);
	CHECK_EQ(old.ss_size, sizeof(stack_mem));
	CHECK_EQ(old.ss_flags, 0);
	ss.ss_size = 1024;
	CHECK_ERR(sigaltstack(&ss, NULL), ENOMEM);
	ss.ss_size = sizeof(stack_mem);
	ss.ss_flags = 0x1234;
	CHECK_ERR(sigaltstack(&ss, NULL), EINVAL);
	ss.ss_flags = SS_DISABLE;
	CHECK_EQ(sigaltstack(&ss, &old), 0);
	CHECK(old.ss_sp == stack_mem);
	CHECK_EQ(sigaltstack(NULL, &old), 0);
	CHECK(old.ss_flags & SS_DISABLE);
}

static void
test_kill(void)
{
	CHECK_EQ(kill(getpid(), 0), 0);
	CHECK_EQ(kill(0, 0), 0);
	CHECK_ERR(kill(NO_SUCH_PID, 0), ESRCH);
	CHECK_ERR(kill(NO_SUCH_PID, SIGTERM), ESRCH);
	CHECK_ERR(kill(getpid(), 99), EINVAL);
	/* Signals that are ignored (by default, or by SIG_IGN) change nothing. */
	CHECK_EQ(kill(getpid(), SIGCHLD), 0);
	CHECK_EQ(raise(SIGWINCH), 0);
	CHECK(signal(SIGUSR1, SIG_IGN) != SIG_ERR);
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK(signal(SIGUSR1, SIG_DFL) == SIG_IGN);
}

static void
test_sockets(const char *file)
{
	int sv[2], s, fd;
	struct sockaddr sa = { .sa_family = AF_UNIX };

	/* Creation: vkrun has no address family; a Linux host has them. */
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK(s >= 0 || errno == EAFNOSUPPORT);
	if (s >= 0)
		close(s);
	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	CHECK(s >= 0 || errno == EAFNOSUPPORT);
	if (s >= 0)
		close(s);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0) {
		close(sv[0]);
		close(sv[1]);
	} else
		CHECK_EQ(errno, EAFNOSUPPORT);
	CHECK_ERR(socket(AF_UNIX, SOCK_STREAM | 0x100000, 0), EINVAL);
	CHECK_ERR(socket(12345, SOCK_STREAM, 0), EAFNOSUPPORT);

	fd = open(file, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_ERR(connect(fd, &sa, sizeof(sa)), ENOTSOCK);
	CHECK_ERR(listen(fd, 1), ENOTSOCK);
	CHECK_ERR(send(fd, "x", 1, 0), ENOTSOCK);
	CHECK_EQ(close(fd), 0);
	CHECK_ERR(connect(fd, &sa, sizeof(sa)), EBADF);
	CHECK_ERR(shutdown(fd, SHUT_RDWR), EBADF);
}

static void
test_madvise(void)
{
	unsigned char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED);
	memset(p, 0xa5, 3 * PAGE);
	CHECK_EQ(madvise(p, 3 * PAGE, MADV_NORMAL), 0);
	CHECK_EQ(madvise(p, 3 * PAGE, MADV_WILLNEED), 0);
	CHECK_EQ(madvise(p, 3 * PAGE, MADV_SEQUENTIAL), 0);
	CHECK_EQ(madvise(p, 3 * PAGE, MADV_RANDOM), 0);
	CHECK_EQ(madvise(p + PAGE, PAGE, MADV_DONTNEED), 0);
	CHECK_EQ(p[0], 0xa5);
	CHECK_EQ(p[PAGE], 0);
	CHECK_EQ(p[2 * PAGE - 1], 0);
	CHECK_EQ(p[2 * PAGE], 0xa5);
	CHECK_EQ(madvise(p, 0, MADV_DONTNEED), 0);
	CHECK_ERR(madvise(p + 1, PAGE, MADV_NORMAL), EINVAL);
	CHECK_ERR(madvise(p, PAGE, 12345), EINVAL);
	CHECK_EQ(munmap(p + PAGE, PAGE), 0);
	CHECK_ERR(madvise(p, 3 * PAGE, MADV_WILLNEED), ENOMEM);
	CHECK_EQ(munmap(p, 3 * PAGE), 0);
}

static void
test_mremap(void)
{
	unsigned char *p, *q, *t;

	p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	for (int i = 0; i < 2 * PAGE; i++)
		p[i] = (unsigned char)(i * 7);
	/* The first page cannot grow in place: the second one follows it. */
	CHECK_PTR_ERR(mremap(p, PAGE, 2 * PAGE, 0), MAP_FAILED, ENOMEM);
	q = mremap(p, 2 * PAGE, 64 * PAGE, MREMAP_MAYMOVE);
	CHECK(q != MAP_FAILED);
	for (int i = 0; i < 2 * PAGE; i++)
		CHECK_EQ(q[i], (unsigned char)(i * 7));
	CHECK_EQ(q[64 * PAGE - 1], 0);
	q[64 * PAGE - 1] = 1;
	/* Shrinking stays in place. */
	CHECK(mremap(q, 64 * PAGE, PAGE, 0) == q);
	CHECK_EQ(q[PAGE - 1], (unsigned char)((PAGE - 1) * 7));

	/* MREMAP_FIXED: onto a range we own. */
	t = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(t != MAP_FAILED);
	CHECK(mremap(q, PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, t + PAGE) == t + PAGE);
	CHECK_EQ(t[PAGE + 1], 7);
	CHECK_EQ(t[2 * PAGE + 5], 0);
	CHECK_EQ(munmap(t, 4 * PAGE), 0);

	CHECK_PTR_ERR(mremap(t + 1, PAGE, 2 * PAGE, MREMAP_MAYMOVE), MAP_FAILED, EINVAL);
	CHECK_PTR_ERR(mremap(t, PAGE, 2 * PAGE, 0x80), MAP_FAILED, EINVAL);
	CHECK_PTR_ERR(mremap(t, PAGE, 0, MREMAP_MAYMOVE), MAP_FAILED, EINVAL);
	CHECK_PTR_ERR(mremap(t, PAGE, 2 * PAGE, MREMAP_FIXED, t + 8 * PAGE), MAP_FAILED, EINVAL);
	CHECK_PTR_ERR(mremap(t, PAGE, 2 * PAGE, MREMAP_MAYMOVE), MAP_FAILED, EFAULT);	/* unmapped */
}

static void
test_processes(void)
{
	int st, r;
	pid_t me = getpid();

	CHECK_ERR(waitpid(-1, &st, 0), ECHILD);
	CHECK_ERR(waitpid(-1, &st, WNOHANG), ECHILD);
	CHECK_ERR(wait(&st), ECHILD);
	CHECK_ERR(wait4(-1, &st, 0x100, NULL), EINVAL);

	CHECK_EQ(getpgrp(), getpgid(0));
	CHECK_EQ(getpgid(me), getpgid(0));
	CHECK_EQ(getsid(0), getsid(me));
	CHECK(getsid(0) >= 0);
	CHECK_ERR(getpgid(NO_SUCH_PID), ESRCH);
	CHECK_ERR(getsid(NO_SUCH_PID), ESRCH);
	errno = 0;
	r = setsid();
	if (r < 0) {
		/* EPERM exactly when we lead a process group. */
		CHECK_EQ(errno, EPERM);
		CHECK_EQ(getpgrp(), me);
	} else {
		CHECK_EQ(r, me);
		CHECK_EQ(getsid(0), me);
		CHECK_EQ(getpgrp(), me);
	}
	CHECK_ERR(setpgid(NO_SUCH_PID, 0), ESRCH);
	CHECK_ERR(setpgid(0, -1), EINVAL);
}

static void
test_sched(void)
{
	cpu_set_t set;
	int prio, pers;

	CHECK_EQ(sched_yield(), 0);
	CPU_ZERO(&set);
	CHECK_EQ(sched_getaffinity(0, sizeof(set), &set), 0);
	CHECK(CPU_COUNT(&set) >= 1);
	CHECK(sched_getcpu() >= 0);

	pers = personality(0xffffffff);
	CHECK((pers & 0xff) == 0 || (pers & 0xff) == 8);	/* PER_LINUX or PER_LINUX32 */
	CHECK_EQ(personality((unsigned long)pers), pers);

	errno = 0;
	prio = getpriority(PRIO_PROCESS, 0);
	CHECK(errno == 0 && prio >= -20 && prio <= 19);
	CHECK_EQ(setpriority(PRIO_PROCESS, 0, prio), 0);
	if (prio < 19) {
		CHECK_EQ(setpriority(PRIO_PROCESS, 0, prio + 1), 0);
		CHECK_EQ(getpriority(PRIO_PROCESS, 0), prio + 1);
	}
	CHECK_ERR(getpriority(12345, 0), EINVAL);
	CHECK_ERR(getpriority(PRIO_PROCESS, NO_SUCH_PID), ESRCH);

	{	/* capget: a header with no version learns the kernel's */
		struct { uint32_t version; int pid; } hdr = { 0, 0 };

		CHECK_EQ(syscall(SYS_capget, &hdr, NULL), 0);
		CHECK_EQ(hdr.version, 0x20080522);
	}
}

static void
test_poll_select(const char *file)
{
	struct pollfd p[3];
	struct timespec ts = { 0, 20000000 };
	struct timeval tv;
	fd_set rd, wr;
	int fd = open(file, O_RDWR), r;
	int64_t t0;

	CHECK(fd >= 0);
	p[0].fd = fd;
	p[0].events = POLLIN | POLLOUT;
	p[1].fd = -1;
	p[1].events = POLLIN;
	p[2].fd = 999;
	p[2].events = POLLIN;
	p[0].revents = p[1].revents = p[2].revents = 0x7777;
	CHECK_EQ(poll(p, 3, 1000), 2);
	CHECK_EQ(p[0].revents, POLLIN | POLLOUT);
	CHECK_EQ(p[1].revents, 0);
	CHECK_EQ(p[2].revents, POLLNVAL);
	CHECK_EQ(poll(p, 1, 0), 1);

	t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_EQ(poll(NULL, 0, 20), 0);
	CHECK_SLEPT(t0);
	t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_EQ(ppoll(NULL, 0, &ts, NULL), 0);
	CHECK_SLEPT(t0);
	ts.tv_nsec = 1000000000;
	CHECK_ERR(ppoll(NULL, 0, &ts, NULL), EINVAL);

	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(fd, &rd);
	FD_SET(fd, &wr);
	tv.tv_sec = 0;
	tv.tv_usec = 0;
	r = select(fd + 1, &rd, &wr, NULL, &tv);
	CHECK_EQ(r, 2);
	CHECK(FD_ISSET(fd, &rd) && FD_ISSET(fd, &wr));

	FD_ZERO(&rd);
	FD_SET(fd, &rd);
	FD_SET(200, &rd);		/* not open */
	tv.tv_sec = 0;
	tv.tv_usec = 0;
	CHECK_ERR(select(201, &rd, NULL, NULL, &tv), EBADF);

	t0 = now_ns(CLOCK_MONOTONIC);
	tv.tv_sec = 0;
	tv.tv_usec = 20000;
	CHECK_EQ(select(0, NULL, NULL, NULL, &tv), 0);
	CHECK_SLEPT(t0);
	CHECK(tv.tv_sec == 0 && tv.tv_usec < 20000);	/* Linux writes back the time left */
	tv.tv_usec = -1;
	CHECK_ERR(select(0, NULL, NULL, NULL, &tv), EINVAL);
	CHECK_EQ(close(fd), 0);
}

int
main(int argc, char **argv)
{
	char file[64];
	int fd;

	if (argc > 1 && strcmp(argv[1], "term") == 0) {
		kill(getpid(), SIGTERM);
		fprintf(stderr, "FAIL %s:%d: still alive after SIGTERM\n", CHECK_FILE, __LINE__);
		return 1;
	}
	snprintf(file, sizeof(file), "lx_misc.%d", (int)getpid());
	fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, "hello\n", 6), 6);
	CHECK_EQ(close(fd), 0);

	test_prctl();
	test_accounting();
	test_sleep();
	test_groups();
	test_futex();
	test_sigaltstack();
	test_kill();
	test_sockets(file);
	test_madvise();
	test_mremap();
	test_processes();
	test_sched();
	test_poll_select(file);
	test_rlimit();		/* last: it lowers RLIMIT_NOFILE */

	CHECK_EQ(unlink(file), 0);
	return test_passed();
}
