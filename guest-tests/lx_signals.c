/*
 * guest-tests/lx_signals.c: POSIX signals through glibc (gcc -m32 -static,
 * no vkcc), as the Linux personality builds them on live signal messages
 * and upcalls (layer/lx_signal.c, layer/lx_itimer.c).  It must pass
 * natively too:
 *   gcc -m32 -static -O2 lx_signals.c -o lxs && ./lxs
 *
 * Pins down:
 *  - a plain handler (the old sigframe) and an SA_SIGINFO one (the rt
 *    frame): si_signo, si_code, si_pid, the ucontext's mask and registers;
 *    kill and raise; registers and the x87/SSE state intact across 10,000
 *    deliveries that interrupt a computation;
 *  - SA_RESETHAND (one shot), SA_NODEFER (the handler interrupts itself),
 *    sa_mask blocks during the handler and the mask comes back after;
 *  - a blocked signal stays pending (sigpending) and is delivered when
 *    unblocked; sigsuspend waits for it with the suspend mask;
 *  - SIG_IGN drops; a blocked signal with the default action ends the
 *    process when unblocked (in a child, its wait status);
 *  - alarm interrupts a blocking read with EINTR; with SA_RESTART the read
 *    is restarted and gets what a child writes later (glibc's read through
 *    AT_SYSINFO, and a raw int $0x80);
 *  - SIGCHLD with waitpid: si_pid, si_status, CLD_EXITED;
 *  - a SIGSEGV handler that siglongjmps out, and a stack overflow caught on
 *    sigaltstack (SA_ONSTACK);
 *  - setitimer periodic ticks, getitimer, timer_create/settime/delete;
 *  - kill of a child with the default action: WIFSIGNALED, the signal;
 *    SIGPIPE ends a writer to a closed pipe, or is EPIPE when ignored;
 *  - raise() with each kind of default action: terminate (the exit status
 *    of a child), ignore (CHLD, URG, WINCH, CONT go on);
 *  - execve keeps the mask, a pending signal and an ignored one (and a
 *    failed execve changes nothing);
 *  - sigtimedwait takes a blocked pending signal with its siginfo and no
 *    handler runs; {0, 0} polls (EAGAIN); a 50 ms timeout is EAGAIN after
 *    50 ms or more; sigwaitinfo and sigwait woken by a child's kill; EINTR
 *    when a handler outside the set runs; EINVAL and EFAULT; both Linux
 *    calls (177 with a 32-bit timespec, 421 with a 64-bit one);
 *  - real-time signals queue: three sigqueue'd SIGRTMIN+1 come three times,
 *    in order, with their values (sent by the process itself or by a
 *    child), SIGRTMIN+1 before SIGRTMIN+2, and sigqueue is EAGAIN once the
 *    queue is full (RLIMIT_SIGPENDING lowered to 200 natively), with every
 *    signal queued until then delivered in order; a standard signal sent 3
 *    times while blocked comes once; rt_sigqueueinfo refuses a code of 0
 *    or more to another process (EPERM);
 *  - SIGCHLD set to SIG_IGN, or SA_NOCLDWAIT: ended children are reaped at
 *    once (no zombie: kill(pid, 0) is ESRCH) and waitpid(-1) is ECHILD once
 *    they are all gone; the default keeps a zombie until waited for;
 *    SIG_IGN survives execve, SA_NOCLDWAIT does not.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "check.h"

static volatile sig_atomic_t count, last, depth, maxdepth;
static volatile int info_signo, info_code, info_pid, info_status, uc_ok;
static volatile uint32_t uc_mask0;

static void
on_sig(int s)
{
	count++;
	last = s;
}

static void
set_handler(int s, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(s, &sa, NULL), 0);
}

static void
on_info(int s, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	count++;
	last = s;
	info_signo = si->si_signo;
	info_code = si->si_code;
	info_pid = si->si_pid;
	info_status = si->si_status;
	/* The interrupted context is readable: its stack pointer is above
	 * ours, and the mask in it is the one before the handler. */
	uc_ok = uc != NULL && (uintptr_t)uc->uc_mcontext.gregs[REG_ESP] > (uintptr_t)&uc &&
	    uc->uc_mcontext.gregs[REG_EIP] != 0;
	memcpy((void *)&uc_mask0, &uc->uc_sigmask, 4);
}

static void
set_info(int s, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(s, &sa, NULL), 0);
}

static void
test_basic(void)
{
	sigset_t m;

	count = 0;
	set_handler(SIGUSR1, on_sig, 0);
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	CHECK_EQ(count, 1);
	CHECK_EQ(last, SIGUSR1);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(count, 2);

	set_info(SIGUSR2, 0);
	sigemptyset(&m);
	sigaddset(&m, SIGHUP);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &m, NULL), 0);
	CHECK_EQ(kill(getpid(), SIGUSR2), 0);
	CHECK_EQ(count, 3);
	CHECK_EQ(info_signo, SIGUSR2);
	CHECK_EQ(info_code, SI_USER);
	CHECK_EQ(info_pid, getpid());
	CHECK(uc_ok);
	CHECK_EQ(uc_mask0, 1u << (SIGHUP - 1));
	/* and the mask is back after the handler */
	CHECK_EQ(sigprocmask(SIG_SETMASK, NULL, &m), 0);
	CHECK(sigismember(&m, SIGHUP));
	CHECK(!sigismember(&m, SIGUSR2));
	sigemptyset(&m);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &m, NULL), 0);
}

/* Deliveries interrupting a computation leave its registers and FPU alone:
 * a child sends the signals while the parent computes, and the same
 * computation, repeated without signals, must give the same results. */
static void __attribute__((noinline))
compute(long long iters, double *y, long long *n, volatile sig_atomic_t *stop)
{
	double f = 1.5;
	long long a = 0, i;

	for (i = 0; i < iters && (stop == NULL || !*stop); i++) {
		f *= 1.0000001;
		a += i ^ (i >> 3);
	}
	*y = f;
	*n = a;
	if (stop != NULL)
		*stop = (sig_atomic_t)i;
}

static volatile sig_atomic_t stop_at;

static void
on_count(int s)
{
	(void)s;
	if (++count == 20)
		stop_at = 1;
}

static void
test_registers(void)
{
	double y, y2;
	long long n, n2, iters;
	pid_t c;
	int st;

	count = 0;
	stop_at = 0;
	set_handler(SIGUSR1, on_count, SA_RESTART);
	c = fork();
	CHECK(c >= 0);
	if (c == 0) {
		for (int i = 0; i < 4000; i++) {
			if (kill(getppid(), SIGUSR1) != 0)
				_exit(1);
			usleep(100);
		}
		_exit(0);
	}
	compute(2000000000ll, &y, &n, &stop_at);
	iters = stop_at;
	kill(c, SIGKILL);
	CHECK_EQ(waitpid(c, &st, 0), c);
	CHECK(count >= 20);
	compute(iters, &y2, &n2, NULL);
	CHECK_EQ(n, n2);
	CHECK(y == y2);
	signal(SIGUSR1, SIG_DFL);
}

static void
test_resethand_nodefer(void)
{
	struct sigaction sa;

	count = 0;
	set_handler(SIGUSR1, on_sig, SA_RESETHAND);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(count, 1);
	CHECK_EQ(sigaction(SIGUSR1, NULL, &sa), 0);
	CHECK(sa.sa_handler == SIG_DFL);
}

static void
on_nested(int s)
{
	depth++;
	if (depth > maxdepth)
		maxdepth = depth;
	if (++count < 3)
		raise(s);
	depth--;
}

static void
test_nodefer(void)
{
	depth = maxdepth = count = 0;
	set_handler(SIGUSR2, on_nested, SA_NODEFER);
	raise(SIGUSR2);
	CHECK_EQ(maxdepth, 3);
	CHECK_EQ(count, 3);
	/* Without SA_NODEFER the signal waits until the handler returns. */
	depth = maxdepth = count = 0;
	set_handler(SIGUSR2, on_nested, 0);
	raise(SIGUSR2);
	CHECK_EQ(maxdepth, 1);
	CHECK_EQ(count, 3);
}

/* A child that sends S to its parent after 20 ms, then exits. */
static pid_t
kill_parent_later(int s)
{
	pid_t c = fork();

	CHECK(c >= 0);
	if (c == 0) {
		usleep(20000);
		kill(getppid(), s);
		_exit(0);
	}
	return c;
}

static void
test_pending(void)
{
	sigset_t m, p;

	count = 0;
	set_handler(SIGUSR1, on_sig, 0);
	sigemptyset(&m);
	sigaddset(&m, SIGUSR1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &m, NULL), 0);
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	CHECK_EQ(count, 0);
	CHECK_EQ(sigpending(&p), 0);
	CHECK(sigismember(&p, SIGUSR1));
	CHECK(!sigismember(&p, SIGUSR2));
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &m, NULL), 0);
	CHECK_EQ(count, 1);		/* a standard signal is pending once */
	CHECK_EQ(sigpending(&p), 0);
	CHECK(!sigismember(&p, SIGUSR1));

	/* sigsuspend: the signal comes from a child; the mask is back after. */
	CHECK_EQ(sigprocmask(SIG_BLOCK, &m, NULL), 0);
	pid_t c = kill_parent_later(SIGUSR1);
	sigemptyset(&p);
	CHECK_ERR(sigsuspend(&p), EINTR);
	CHECK_EQ(count, 2);
	CHECK_EQ(sigprocmask(SIG_SETMASK, NULL, &p), 0);
	CHECK(sigismember(&p, SIGUSR1));
	CHECK_EQ(waitpid(c, NULL, 0), c);
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &m, NULL), 0);

	/* Ignored: dropped, even when sent while blocked. */
	signal(SIGUSR2, SIG_IGN);
	CHECK_EQ(raise(SIGUSR2), 0);
	signal(SIGUSR2, SIG_DFL);
}

/* read(2) through a raw int $0x80, not glibc's AT_SYSINFO call: a restart
 * rewinds onto the int instruction itself. */
static ssize_t
read_int80(int fd, void *buf, size_t n)
{
	long r;

	__asm__ volatile("int $0x80" : "=a"(r) : "a"(3), "b"(fd), "c"(buf), "d"(n) : "memory");
	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

static int go_fd = -1;

/* on_sig, and then tell the child of test_eintr_restart to write. */
static void
on_sig_go(int s)
{
	on_sig(s);
	if (go_fd >= 0 && write(go_fd, "g", 1) != 1)
		_exit(3);
}

/* alarm interrupting a read of a pipe that a child writes only once the
 * handler has run, however slow the machine (RESTART 2: the read made with
 * int $0x80). */
static void
test_eintr_restart(int restart)
{
	int fd[2], go[2], st;
	char b[8];
	pid_t c;
	ssize_t n;

	count = 0;
	set_handler(SIGALRM, on_sig_go, restart ? SA_RESTART : 0);
	CHECK_EQ(pipe(fd), 0);
	CHECK_EQ(pipe(go), 0);
	c = fork();
	CHECK(c >= 0);
	if (c == 0) {
		close(fd[0]);
		close(go[1]);
		if (read(go[0], b, 1) != 1 || write(fd[1], "late", 4) != 4)
			_exit(1);
		_exit(0);
	}
	close(fd[1]);
	close(go[0]);
	go_fd = go[1];
	alarm(1);
	alarm(0);	/* disarm and re-arm: the second counts */
	CHECK_EQ(ualarm(50000, 0), 0);
	n = restart == 2 ? read_int80(fd[0], b, sizeof(b)) : read(fd[0], b, sizeof(b));
	if (restart) {
		CHECK_EQ(n, 4);
		CHECK(memcmp(b, "late", 4) == 0);
	} else {
		CHECK_EQ(n, -1);
		CHECK_EQ(errno, EINTR);
	}
	CHECK_EQ(count, 1);
	go_fd = -1;
	close(go[1]);
	CHECK_EQ(waitpid(c, &st, 0), c);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	close(fd[0]);
}

static void
test_sigchld(void)
{
	pid_t c;
	int st;

	count = 0;
	set_info(SIGCHLD, SA_RESTART);
	c = fork();
	CHECK(c >= 0);
	if (c == 0)
		_exit(7);
	CHECK_EQ(waitpid(c, &st, 0), c);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);
	for (int i = 0; i < 100 && count == 0; i++)
		usleep(1000);
	CHECK_EQ(count, 1);
	CHECK_EQ(info_signo, SIGCHLD);
	CHECK_EQ(info_code, CLD_EXITED);
	CHECK_EQ(info_pid, c);
	CHECK_EQ(info_status, 7);
	signal(SIGCHLD, SIG_DFL);
}

static sigjmp_buf jb;
static volatile void *fault_addr;
static volatile uintptr_t fault_at = 16;

static void
on_segv(int s, siginfo_t *si, void *uc)
{
	(void)uc;
	last = s;
	fault_addr = si->si_addr;
	siglongjmp(jb, 1);
}

static volatile int deep;

/* Endless recursion that no compiler turns into a loop. */
static int (*volatile recurse_p)(int);

static int
recurse(int n)
{
	volatile char pad[1024];

	pad[0] = (char)n;
	deep = n;
	return recurse_p(n + 1) + pad[0];
}

static void
test_segv(void)
{
	struct sigaction sa;
	stack_t ss;
	sigset_t m;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	CHECK_EQ(sigaction(SIGSEGV, &sa, NULL), 0);
	last = 0;
	if (sigsetjmp(jb, 1) == 0) {
		*(volatile int *)(uintptr_t)fault_at = 1;
		CHECK(0);
	}
	CHECK_EQ(last, SIGSEGV);
	CHECK(fault_addr == (void *)16);
	/* siglongjmp put the mask back: SIGSEGV is not blocked */
	CHECK_EQ(sigprocmask(SIG_SETMASK, NULL, &m), 0);
	CHECK(!sigismember(&m, SIGSEGV));

	/* A stack overflow, caught on the alternate stack. */
	ss.ss_sp = malloc(65536);
	ss.ss_size = 65536;
	ss.ss_flags = 0;
	CHECK(ss.ss_sp != NULL);
	CHECK_EQ(sigaltstack(&ss, NULL), 0);
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	CHECK_EQ(sigaction(SIGSEGV, &sa, NULL), 0);
	last = 0;
	if (sigsetjmp(jb, 1) == 0) {
		recurse_p = recurse;
		recurse(0);
		CHECK(0);
	}
	CHECK_EQ(last, SIGSEGV);
	CHECK(deep > 1000);
	signal(SIGSEGV, SIG_DFL);
	ss.ss_flags = SS_DISABLE;
	CHECK_EQ(sigaltstack(&ss, NULL), 0);
	free(ss.ss_sp);
}

static void
test_itimer(void)
{
	struct itimerval it = { { 0, 20000 }, { 0, 20000 } }, g;
	timer_t t;
	struct sigevent ev;
	struct itimerspec its = { { 0, 0 }, { 0, 30000000 } };

	count = 0;
	set_handler(SIGALRM, on_sig, SA_RESTART);
	CHECK_EQ(setitimer(ITIMER_REAL, &it, NULL), 0);
	CHECK_EQ(getitimer(ITIMER_REAL, &g), 0);
	CHECK(g.it_interval.tv_usec == 20000);
	CHECK(g.it_value.tv_sec == 0 && g.it_value.tv_usec <= 20000);
	while (count < 5)
		pause();
	memset(&it, 0, sizeof(it));
	CHECK_EQ(setitimer(ITIMER_REAL, &it, NULL), 0);
	CHECK_EQ(count, 5);
	usleep(50000);
	CHECK_EQ(count, 5);

	/* timer_create: a one-shot SIGUSR1 carrying its value */
	count = 0;
	set_info(SIGUSR1, 0);
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGUSR1;
	ev.sigev_value.sival_int = 42;
	CHECK_EQ(timer_create(CLOCK_MONOTONIC, &ev, &t), 0);
	CHECK_EQ(timer_settime(t, 0, &its, NULL), 0);
	while (count == 0)
		pause();
	CHECK_EQ(info_signo, SIGUSR1);
	CHECK_EQ(info_code, SI_TIMER);
	CHECK_EQ(timer_gettime(t, &its), 0);
	CHECK(its.it_value.tv_sec == 0 && its.it_value.tv_nsec == 0);
	CHECK_EQ(timer_delete(t), 0);
}

/* A child ended by SIG's default action (sent by a kill of its parent, or
 * raised by itself when RAISE): its wait status. */
static int
child_status(int s, int raise_it)
{
	pid_t c = fork();
	int st;

	CHECK(c >= 0);
	if (c == 0) {
		signal(s, SIG_DFL);
		if (raise_it) {
			raise(s);
			_exit(0);	/* ignored by default: goes on */
		}
		for (;;)
			pause();
	}
	if (!raise_it) {
		usleep(10000);
		CHECK_EQ(kill(c, s), 0);
	}
	CHECK_EQ(waitpid(c, &st, 0), c);
	return st;
}

static void
test_default_actions(void)
{
	static const int term[] = { SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGABRT, SIGFPE, SIGUSR1, SIGSEGV,
	    SIGUSR2, SIGPIPE, SIGALRM, SIGTERM, SIGVTALRM, SIGPROF, SIGSYS };
	static const int ign[] = { SIGCHLD, SIGURG, SIGWINCH, SIGCONT };
	int st;

	for (size_t i = 0; i < sizeof(term) / sizeof(term[0]); i++) {
		st = child_status(term[i], 1);
		CHECK(WIFSIGNALED(st));
		CHECK_EQ(WTERMSIG(st), term[i]);
	}
	for (size_t i = 0; i < sizeof(ign) / sizeof(ign[0]); i++) {
		st = child_status(ign[i], 1);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	st = child_status(SIGTERM, 0);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);

	/* pause() with no handler anywhere, ended by an alarm's default action. */
	pid_t a = fork();
	CHECK(a >= 0);
	if (a == 0) {
		signal(SIGALRM, SIG_DFL);
		ualarm(20000, 0);
		pause();
		_exit(0);
	}
	CHECK_EQ(waitpid(a, &st, 0), a);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM);
	st = child_status(SIGKILL, 0);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);

	/* A blocked signal with the default action ends the child when unblocked. */
	pid_t c = fork();
	CHECK(c >= 0);
	if (c == 0) {
		sigset_t m;

		sigemptyset(&m);
		sigaddset(&m, SIGUSR1);
		sigprocmask(SIG_BLOCK, &m, NULL);
		signal(SIGUSR1, SIG_DFL);
		raise(SIGUSR1);
		sigprocmask(SIG_UNBLOCK, &m, NULL);
		_exit(3);
	}
	CHECK_EQ(waitpid(c, &st, 0), c);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1);
}

static void
test_sigpipe(void)
{
	int fd[2], st;
	pid_t c;

	CHECK_EQ(pipe(fd), 0);
	close(fd[0]);
	c = fork();
	CHECK(c >= 0);
	if (c == 0) {
		signal(SIGPIPE, SIG_DFL);
		(void)!write(fd[1], "x", 1);
		_exit(0);
	}
	CHECK_EQ(waitpid(c, &st, 0), c);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE);
	signal(SIGPIPE, SIG_IGN);
	CHECK_ERR(write(fd[1], "x", 1), EPIPE);
	signal(SIGPIPE, SIG_DFL);
	close(fd[1]);
}

static void test_eintr(void) { test_eintr_restart(0); }
static void test_restart(void) { test_eintr_restart(1); test_eintr_restart(2); }

/*
 * execve keeps the mask, the pending signals and the ignored ones: a child
 * blocks USR1, raises it, ignores INT and execs this program again, which
 * checks all three and then unblocks USR1 (default action: it dies of it).
 * A failed execve leaves everything as it was.
 */
static int
exec_child(void)
{
	struct sigaction sa;
	sigset_t s;

	sigprocmask(SIG_BLOCK, NULL, &s);
	if (!sigismember(&s, SIGUSR1))
		return 1;
	sigpending(&s);
	if (!sigismember(&s, SIGUSR1))
		return 2;
	if (sigaction(SIGINT, NULL, &sa) != 0 || sa.sa_handler != SIG_IGN)
		return 3;
	raise(SIGINT);			/* ignored: goes on */
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	return 4;			/* not reached: USR1 ends it */
}

static void
test_exec(void)
{
	sigset_t s;
	pid_t pid;
	int status;

	if ((pid = fork()) == 0) {
		char *argv[] = { "lxs", "__exec_child", NULL };

		sigemptyset(&s);
		sigaddset(&s, SIGUSR1);
		sigprocmask(SIG_BLOCK, &s, NULL);
		signal(SIGINT, SIG_IGN);
		raise(SIGUSR1);
		execv("/nonexistent/lxs", argv);	/* fails: nothing changes */
		sigpending(&s);
		if (!sigismember(&s, SIGUSR1))
			_exit(10);
		execv("/proc/self/exe", argv);
		_exit(11);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK_EQ(WIFSIGNALED(status) ? WTERMSIG(status) : 100 + WEXITSTATUS(status), SIGUSR1);
}

static long long
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ll + ts.tv_nsec / 1000000;
}

static void
test_sigtimedwait(void)
{
	struct timespec zero = { 0, 0 }, ms50 = { 0, 50000000 }, bad = { 0, 1000000000 };
	int32_t ts32[2] = { 1, 0 };
	sigset_t m, p;
	siginfo_t si;
	long long t0;
	pid_t c;
	int s;

	count = 0;
	set_handler(SIGUSR1, on_sig, 0);
	set_handler(SIGUSR2, on_sig, 0);
	sigemptyset(&m);
	sigaddset(&m, SIGUSR1);
	sigaddset(&m, SIGUSR2);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &m, NULL), 0);

	/* A blocked pending signal is taken, with its siginfo, and no handler runs. */
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	memset(&si, 0, sizeof(si));
	CHECK_EQ(sigtimedwait(&m, &si, &ms50), SIGUSR1);
	CHECK_EQ(si.si_signo, SIGUSR1);
	CHECK_EQ(si.si_code, SI_USER);
	CHECK_EQ(si.si_pid, getpid());
	CHECK_EQ(count, 0);
	CHECK_EQ(sigpending(&p), 0);
	CHECK(!sigismember(&p, SIGUSR1));

	/* {0, 0} polls; a timeout that passes is EAGAIN, not sooner. */
	CHECK_ERR(sigtimedwait(&m, &si, &zero), EAGAIN);
	t0 = mono_ms();
	CHECK_ERR(sigtimedwait(&m, &si, &ms50), EAGAIN);
	CHECK(mono_ms() - t0 >= 50);

	/* sigwaitinfo and sigwait, woken by a child's kill. */
	c = kill_parent_later(SIGUSR2);
	memset(&si, 0, sizeof(si));
	CHECK_EQ(sigwaitinfo(&m, &si), SIGUSR2);
	CHECK_EQ(si.si_pid, c);
	CHECK_EQ(waitpid(c, NULL, 0), c);
	c = kill_parent_later(SIGUSR1);
	CHECK_EQ(sigwait(&m, &s), 0);
	CHECK_EQ(s, SIGUSR1);
	CHECK_EQ(waitpid(c, NULL, 0), c);
	CHECK_EQ(count, 0);

	/* Both Linux calls: 177 (32-bit timespec), 421 (64-bit). */
	raise(SIGUSR2);
	CHECK_EQ(syscall(SYS_rt_sigtimedwait, &m, &si, ts32, 8), SIGUSR2);
	raise(SIGUSR1);
	CHECK_EQ(syscall(SYS_rt_sigtimedwait_time64, &m, NULL, NULL, 8), SIGUSR1);

	/* A caught signal outside the set interrupts the wait: EINTR. */
	sigemptyset(&p);
	sigaddset(&p, SIGUSR1);
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &p, NULL), 0);
	sigdelset(&m, SIGUSR1);
	c = kill_parent_later(SIGUSR1);
	CHECK_ERR(sigwaitinfo(&m, &si), EINTR);
	CHECK_EQ(count, 1);
	CHECK_EQ(waitpid(c, NULL, 0), c);

	/* Bad arguments. */
	CHECK_ERR(sigtimedwait(&m, &si, &bad), EINVAL);
	CHECK_ERR(syscall(SYS_rt_sigtimedwait, &m, &si, ts32, 4), EINVAL);
	CHECK_ERR(syscall(SYS_rt_sigtimedwait, 16, &si, ts32, 8), EFAULT);
	CHECK_ERR(syscall(SYS_rt_sigtimedwait, &m, &si, 16, 8), EFAULT);
	raise(SIGUSR2);
	CHECK_ERR(syscall(SYS_rt_sigtimedwait, &m, 16, ts32, 8), EFAULT);

	sigemptyset(&m);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &m, NULL), 0);
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
}

static volatile int rt_log[8], rt_n;

static void
on_rt(int s, siginfo_t *si, void *uc)
{
	(void)uc;
	if (rt_n < 8)
		rt_log[rt_n] = (s - SIGRTMIN) * 100 + si->si_value.sival_int;
	rt_n++;
}

/* Wait for the next signal of M: its number; its value into *V (-1 none in 200 ms). */
static int
next_queued(const sigset_t *m, int *v, pid_t *from)
{
	struct timespec t = { 0, 200000000 };
	siginfo_t si;
	int s = sigtimedwait(m, &si, &t);

	*v = s > 0 ? si.si_value.sival_int : -1;
	if (from != NULL)
		*from = s > 0 ? si.si_pid : 0;
	return s;
}

static void
test_rtqueue(void)
{
	struct sigaction sa;
	sigset_t m, none;
	union sigval v;
	pid_t c, from;
	int st, val;

	sigemptyset(&m);
	sigaddset(&m, SIGRTMIN + 1);
	sigaddset(&m, SIGRTMIN + 2);
	sigemptyset(&none);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &m, NULL), 0);

	/* Sent by the process itself: three instances, in order, with values. */
	for (int i = 1; i <= 3; i++) {
		v.sival_int = i;
		CHECK_EQ(sigqueue(getpid(), SIGRTMIN + 1, v), 0);
	}
	v.sival_int = 9;
	CHECK_EQ(sigqueue(getpid(), SIGRTMIN + 2, v), 0);
	for (int i = 1; i <= 3; i++) {
		CHECK_EQ(next_queued(&m, &val, &from), SIGRTMIN + 1);
		CHECK_EQ(val, i);
		CHECK_EQ(from, getpid());
	}
	CHECK_EQ(next_queued(&m, &val, NULL), SIGRTMIN + 2);
	CHECK_EQ(val, 9);

	/* The same to a handler; while it runs, SIGRTMIN+2 waits (sa_mask). */
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_rt;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGRTMIN + 2);
	CHECK_EQ(sigaction(SIGRTMIN + 1, &sa, NULL), 0);
	CHECK_EQ(sigaction(SIGRTMIN + 2, &sa, NULL), 0);
	rt_n = 0;
	v.sival_int = 7;
	CHECK_EQ(sigqueue(getpid(), SIGRTMIN + 2, v), 0);
	for (int i = 1; i <= 3; i++) {
		v.sival_int = i;
		CHECK_EQ(sigqueue(getpid(), SIGRTMIN + 1, v), 0);
	}
	CHECK_EQ(rt_n, 0);
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &m, NULL), 0);
	CHECK_EQ(rt_n, 4);
	CHECK_EQ(rt_log[0], 101);
	CHECK_EQ(rt_log[1], 102);
	CHECK_EQ(rt_log[2], 103);
	CHECK_EQ(rt_log[3], 207);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &m, NULL), 0);

	/* Sent by a child, through the kernel's queue. */
	c = fork();
	CHECK(c >= 0);
	if (c == 0) {
		for (int i = 4; i <= 6; i++) {
			v.sival_int = i;
			if (sigqueue(getppid(), SIGRTMIN + 1, v) != 0)
				_exit(1);
		}
		_exit(0);
	}
	CHECK_EQ(waitpid(c, &st, 0), c);
	CHECK_EQ(st, 0);
	for (int i = 4; i <= 6; i++) {
		CHECK_EQ(next_queued(&m, &val, &from), SIGRTMIN + 1);
		CHECK_EQ(val, i);
		CHECK_EQ(from, c);
	}
	CHECK_ERR(next_queued(&m, &val, NULL), EAGAIN);

	/* Another process may not pass a signal off as the kernel's. */
	siginfo_t si;
	memset(&si, 0, sizeof(si));
	si.si_code = SI_USER;
	CHECK_ERR(syscall(SYS_rt_sigqueueinfo, getppid(), SIGRTMIN + 1, &si), EPERM);
	CHECK_EQ(syscall(SYS_rt_sigqueueinfo, getpid(), SIGRTMIN + 1, &si), 0);
	CHECK_EQ(next_queued(&m, &val, NULL), SIGRTMIN + 1);
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &m, NULL), 0);
	signal(SIGRTMIN + 1, SIG_DFL);
	signal(SIGRTMIN + 2, SIG_DFL);
}

/* Queue S with values 0, 1, ... to PID until EAGAIN: how many went. */
static int
queue_until_full(pid_t pid, int s)
{
	union sigval v;
	int n;

	for (n = 0; n < 100000; n++) {
		v.sival_int = n;
		if (sigqueue(pid, s, v) != 0)
			break;
	}
	CHECK_EQ(errno, EAGAIN);
	return n;
}

/* Every one of N queued instances of S comes, with values 0 .. N-1 in order. */
static void
check_all_queued(const sigset_t *m, int s, int n)
{
	int val;

	for (int i = 0; i < n; i++) {
		CHECK_EQ(next_queued(m, &val, NULL), s);
		CHECK_EQ(val, i);
	}
	CHECK_ERR(next_queued(m, &val, NULL), EAGAIN);
}

static void
test_rtfull(void)
{
	struct rlimit rl;
	sigset_t m;
	pid_t c;
	int n, st;

	CHECK_EQ(getrlimit(RLIMIT_SIGPENDING, &rl), 0);
	rl.rlim_cur = 200;
	CHECK_EQ(setrlimit(RLIMIT_SIGPENDING, &rl), 0);
	sigemptyset(&m);
	sigaddset(&m, SIGRTMIN + 3);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &m, NULL), 0);

	/* By the process itself: the layer's queue, then the kernel's. */
	n = queue_until_full(getpid(), SIGRTMIN + 3);
	CHECK(n >= 64 && n <= 200);
	check_all_queued(&m, SIGRTMIN + 3, n);

	/* By a child (which says how many went in its exit status). */
	c = fork();
	CHECK(c >= 0);
	if (c == 0)
		_exit(queue_until_full(getppid(), SIGRTMIN + 3));
	CHECK_EQ(waitpid(c, &st, 0), c);
	CHECK(WIFEXITED(st));
	n = WEXITSTATUS(st);
	CHECK(n >= 32 && n <= 200);
	check_all_queued(&m, SIGRTMIN + 3, n);

	/* A standard signal sent three times while blocked is pending once. */
	count = 0;
	set_handler(SIGUSR1, on_sig, 0);
	sigaddset(&m, SIGUSR1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &m, NULL), 0);
	c = fork();
	CHECK(c >= 0);
	if (c == 0) {
		for (int i = 0; i < 3; i++)
			kill(getppid(), SIGUSR1);
		_exit(0);
	}
	CHECK_EQ(waitpid(c, &st, 0), c);
	usleep(20000);
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &m, NULL), 0);
	CHECK_EQ(count, 1);
	signal(SIGUSR1, SIG_DFL);
}

/* Fork three children that exit at once: with a parent that does not wait
 * for children, waitpid(-1) fails with ECHILD once all three are gone, and
 * none is left as a zombie.  0 if so (it also runs in an exec'd image). */
static int
children_reaped(void)
{
	pid_t c[3];
	int st;

	for (int i = 0; i < 3; i++)
		if ((c[i] = fork()) == 0)
			_exit(0);
	errno = 0;
	if (waitpid(-1, &st, 0) != -1 || errno != ECHILD)
		return 1;
	for (int i = 0; i < 3; i++)
		if (kill(c[i], 0) != -1 || errno != ESRCH)
			return 2;
	return 0;
}

/* After an execve: SIGCHLD's SIG_IGN survived (0 when it did, and children
 * are reaped), or SA_NOCLDWAIT did not (0 when a child waits as a zombie). */
static int
exec_reap_child(const char *what)
{
	struct sigaction sa;
	pid_t c;
	int st;

	if (strcmp(what, "__ign_exec") == 0) {
		if (sigaction(SIGCHLD, NULL, &sa) != 0 || sa.sa_handler != SIG_IGN)
			return 3;
		return children_reaped();
	}
	if ((c = fork()) == 0)
		_exit(6);
	usleep(20000);
	if (kill(c, 0) != 0)
		return 4;	/* reaped: SA_NOCLDWAIT came through execve */
	return waitpid(c, &st, 0) == c && WIFEXITED(st) && WEXITSTATUS(st) == 6 ? 0 : 5;
}

/* Fork a child that sets SIGCHLD up (SIG_IGN, or a handler with
 * SA_NOCLDWAIT) and execs this program with WHAT: its exit status. */
static int
exec_reap(const char *what, int ign)
{
	pid_t c = fork();
	int st;

	CHECK(c >= 0);
	if (c == 0) {
		char *argv[] = { "lxs", (char *)what, NULL };

		if (ign)
			signal(SIGCHLD, SIG_IGN);
		else
			set_handler(SIGCHLD, on_sig, SA_NOCLDWAIT | SA_RESTART);
		execv("/proc/self/exe", argv);
		_exit(10);
	}
	CHECK_EQ(waitpid(c, &st, 0), c);
	CHECK(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static void
test_autoreap(void)
{
	pid_t c;
	int st;

	signal(SIGCHLD, SIG_IGN);
	CHECK_EQ(children_reaped(), 0);
	signal(SIGCHLD, SIG_DFL);

	/* The default: a zombie until waited for. */
	c = fork();
	CHECK(c >= 0);
	if (c == 0)
		_exit(5);
	usleep(20000);
	CHECK_EQ(kill(c, 0), 0);
	CHECK_EQ(waitpid(c, &st, 0), c);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 5);

	/* SA_NOCLDWAIT with a handler: reaped, and SIGCHLD still comes. */
	count = 0;
	set_handler(SIGCHLD, on_sig, SA_NOCLDWAIT | SA_RESTART);
	CHECK_EQ(children_reaped(), 0);
	for (int i = 0; i < 100 && count == 0; i++)
		usleep(1000);
	CHECK(count >= 1);
	signal(SIGCHLD, SIG_DFL);

	CHECK_EQ(exec_reap("__ign_exec", 1), 0);
	CHECK_EQ(exec_reap("__nocldwait_exec", 0), 0);
}

static const struct {
	const char *name;
	void (*fn)(void);
} tests[] = {
	{ "exec", test_exec },
	{ "basic", test_basic },
	{ "registers", test_registers },
	{ "resethand", test_resethand_nodefer },
	{ "nodefer", test_nodefer },
	{ "pending", test_pending },
	{ "eintr", test_eintr },
	{ "restart", test_restart },
	{ "sigchld", test_sigchld },
	{ "segv", test_segv },
	{ "itimer", test_itimer },
	{ "default", test_default_actions },
	{ "sigpipe", test_sigpipe },
	{ "sigtimedwait", test_sigtimedwait },
	{ "rtqueue", test_rtqueue },
	{ "rtfull", test_rtfull },
	{ "autoreap", test_autoreap },
};

/* With arguments, only the tests named (for debugging one). */
int
main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "__exec_child") == 0)
		return exec_child();
	if (argc == 2 && strncmp(argv[1], "__", 2) == 0 && strstr(argv[1], "_exec") != NULL)
		return exec_reap_child(argv[1]);
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		int run = argc < 2;

		for (int j = 1; j < argc; j++)
			run |= strcmp(argv[j], tests[i].name) == 0;
		if (run)
			tests[i].fn();
	}
	return test_passed();
}
