/*
 * guest-tests/signals.c: signals and timers as live messages, upcalls and
 * critical sections (seed 004), through <vkrun/upcall.h>.
 *
 *  - one signal request answered 200 times by kill() to ourselves, each
 *    answer with the sender's pid, taken from a queue port and released;
 *    while an answer is not released, a standard signal waits once (three
 *    kills, one more answer), real-time signals queue;
 *  - SIGCHLD with the child's exit status;
 *  - a periodic timer ticking 20 times, then aborted (ECANCELED, on the port);
 *  - an upcall port: the handler runs at once for a signal to ourselves;
 *    inside a critical section it is only flagged, and leaving the section
 *    delivers it;
 *  - a blocked read interrupted by an upcall fails with EINTR;
 *  - a SIGSEGV handler that resumes the program past the fault;
 *  - a child stopped (SIGSTOP, SIGTSTP) and continued, each seen once by
 *    waitpid with WUNTRACED / WCONTINUED, then killed while stopped;
 *  - 100,000 timer upcalls interrupting a computation that checks every
 *    register it uses (integer, x87, SSE) after each round;
 *  - refusals: an empty set, SIGKILL in a set, sigset on a request not in
 *    flight, a bad timer clock.
 */
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vkrun/upcall.h>

#include "check.h"

static struct vk_req *
next_done(struct vk_port *port)
{
	struct vk_req *r;

	while ((r = vk_port_get(port)) == NULL)
		CHECK_EQ(vk_wait(port, NULL), 0);
	return r;
}

static void
live_signal(void)
{
	struct vk_port port;
	struct vk_req req;
	struct vk_siginfo si;

	vk_port_init(&port);
	CHECK_EQ(vk_asignal(&req, &port, VK_SIGBIT(SIGUSR1) | VK_SIGBIT(SIGRTMIN + 1)), 1);
	CHECK_ERR(vk_asignal(&req, &port, VK_SIGBIT(SIGUSR1)), EBUSY);	/* still live */
	for (int i = 0; i < 200; i++) {
		CHECK_EQ(kill(getpid(), SIGUSR1), 0);
		CHECK(next_done(&port) == &req);
		CHECK_EQ(vk_result(&req), SIGUSR1);
		CHECK_EQ(vk_siginfo(&req, &si), SIGUSR1);
		CHECK_EQ(si.si_pid, getpid());
		CHECK_EQ(si.si_code, 0);
		CHECK_EQ(vk_release(&req), 0);
	}
	CHECK(vk_port_get(&port) == NULL);
	/* Not released: a standard signal waits once, however often it comes. */
	for (int i = 0; i < 3; i++)
		CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	CHECK(next_done(&port) == &req);
	CHECK(vk_port_get(&port) == NULL);
	CHECK_EQ(vk_release(&req), 0);
	CHECK(next_done(&port) == &req);		/* the one that waited */
	CHECK_EQ(vk_release(&req), 0);
	CHECK(vk_port_get(&port) == NULL);
	/* Real-time signals queue. */
	for (int i = 0; i < 3; i++)
		CHECK_EQ(kill(getpid(), SIGRTMIN + 1), 0);
	for (int i = 0; i < 3; i++) {
		CHECK(next_done(&port) == &req);
		CHECK_EQ(vk_result(&req), SIGRTMIN + 1);
		CHECK_EQ(vk_release(&req), 0);
	}
	CHECK(vk_port_get(&port) == NULL);
	/* A changed set: SIGUSR2 now, SIGUSR1 no more. */
	CHECK_EQ(vk_sigset(&req, VK_SIGBIT(SIGUSR2)), 0);
	CHECK_EQ(kill(getpid(), SIGUSR2), 0);
	CHECK(next_done(&port) == &req);
	CHECK_EQ(vk_result(&req), SIGUSR2);
	CHECK_EQ(vk_abort(&req), 0);
	CHECK(next_done(&port) == &req);
	CHECK_ERR(vk_result(&req), ECANCELED);
	CHECK_ERR(vk_sigset(&req, VK_SIGBIT(SIGUSR2)), ENOENT);
	/* Answered at once with the error (and on the port). */
	CHECK_EQ(vk_asignal(&req, &port, 0), 0);
	CHECK_ERR(vk_result(&req), EINVAL);
	CHECK(next_done(&port) == &req);
	CHECK_EQ(vk_asignal(&req, &port, VK_SIGBIT(SIGKILL)), 0);
	CHECK_ERR(vk_result(&req), EINVAL);
	CHECK(next_done(&port) == &req);
}

static void
child_signal(void)
{
	struct vk_port port;
	struct vk_req req;
	struct vk_siginfo si;
	pid_t pid;
	int status;

	vk_port_init(&port);
	CHECK_EQ(vk_asignal(&req, &port, VK_SIGBIT(SIGCHLD)), 1);
	if ((pid = fork()) == 0)
		_exit(7);
	CHECK(next_done(&port) == &req);
	CHECK_EQ(vk_siginfo(&req, &si), SIGCHLD);
	CHECK_EQ(si.si_pid, pid);
	CHECK_EQ(si.si_code, 1);			/* CLD_EXITED */
	CHECK_EQ(si.si_status, 7);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK_EQ(WEXITSTATUS(status), 7);
	CHECK_EQ(vk_abort(&req), 0);
	CHECK(next_done(&port) == &req);
}

static void
periodic_timer(void)
{
	struct timespec first = { .tv_nsec = 2000000 }, every = { .tv_nsec = 1000000 }, t0, t1;
	struct vk_port port;
	struct vk_req req;
	long long ticks = 0;
	int answers = 0;

	vk_port_init(&port);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_EQ(vk_atimer(&req, &port, CLOCK_MONOTONIC, 0, &first, &every), 1);
	while (ticks < 20) {
		CHECK(next_done(&port) == &req);
		CHECK(vk_result(&req) >= 1);
		ticks += vk_result(&req);
		answers++;
		CHECK_EQ(vk_release(&req), 0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	/* 20 ticks: 2 ms, then 19 more 1 ms apart. */
	CHECK((t1.tv_sec - t0.tv_sec) * 1000000000LL + t1.tv_nsec - t0.tv_nsec >= 21000000LL);
	CHECK_EQ(vk_abort(&req), 0);
	CHECK(next_done(&port) == &req);
	CHECK_ERR(vk_result(&req), ECANCELED);
	CHECK_EQ(vk_atimer(&req, NULL, 99, 0, &first, &every), 0);
	CHECK_ERR(vk_result(&req), EINVAL);
	CHECK_EQ(vk_atimer(&req, NULL, CLOCK_MONOTONIC, 4, &first, &every), 0);
	CHECK_ERR(vk_result(&req), EINVAL);
	(void)answers;
}

/* ---- upcalls ---- */

static volatile int upcalls, last_sig, seen_crit;

static void
on_signal(struct vk_port *port, struct vk_upframe *f)
{
	struct vk_req *r;
	struct vk_siginfo si;
	int crit;

	__asm__ volatile("movl %%gs:0x30, %0" : "=r"(crit));
	seen_crit = crit;
	CHECK(port->vp_flags & VP_INUPCALL);
	CHECK_EQ(f->uf_magic, 0x55504631);
	while ((r = vk_port_get(port)) != NULL) {
		vk_siginfo(r, &si);
		last_sig = si.si_signo;
		upcalls++;
		vk_release(r);
	}
}

static void
upcall_port(void)
{
	struct vk_port port;
	struct vk_req req;
	int pending;

	vk_port_init(&port);
	CHECK_ERR(vk_port_upcall(&port, 0, on_signal), EINVAL);
	CHECK_EQ(vk_port_upcall(&port, VK_PORT_UPCALL_CS, on_signal), 0);
	CHECK_EQ(vk_asignal(&req, &port, VK_SIGBIT(SIGUSR1)), 1);
	upcalls = 0;
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	CHECK_EQ(upcalls, 1);				/* at once, on the way back */
	CHECK_EQ(last_sig, SIGUSR1);
	CHECK_EQ(seen_crit, 1);				/* the handler runs one level up */
	CHECK_EQ(port.vp_flags & VP_INUPCALL, 0);
	/* Inside a critical section the kernel only flags it. */
	vk_crit_enter();
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	CHECK_EQ(upcalls, 1);
	__asm__ volatile("movl %%gs:0x34, %0" : "=r"(pending));
	CHECK_EQ(pending, 1);
	vk_crit_enter();
	vk_crit_exit();					/* not the outermost */
	CHECK_EQ(upcalls, 1);
	vk_crit_exit();					/* flushsys delivers it */
	CHECK_EQ(upcalls, 2);
	__asm__ volatile("movl %%gs:0x34, %0" : "=r"(pending));
	CHECK_EQ(pending, 0);
	CHECK_EQ(vk_abort(&req), 0);
	CHECK_EQ(upcalls, 3);				/* the aborted request lands too */
}

/* A read blocked on an empty pipe, interrupted by a timer's upcall. */
static volatile int timer_upcalls;

static void
on_timer(struct vk_port *port, struct vk_upframe *f)
{
	struct vk_req *r;

	(void)f;
	while ((r = vk_port_get(port)) != NULL) {
		timer_upcalls++;
		if (vk_result(r) > 0)
			vk_release(r);
	}
}

static void
interrupted_read(void)
{
	struct timespec in = { .tv_nsec = 20000000 };
	struct vk_port port;
	struct vk_req req;
	int p[2], status;
	pid_t pid;
	char c;

	CHECK_EQ(pipe(p), 0);
	vk_port_init(&port);
	CHECK_EQ(vk_port_upcall(&port, VK_PORT_UPCALL, on_timer), 0);
	timer_upcalls = 0;
	CHECK_EQ(vk_atimer(&req, &port, CLOCK_MONOTONIC, 0, &in, NULL), 1);
	if ((pid = fork()) == 0) {		/* keeps the write end open, and sleeps */
		struct timespec d = { .tv_sec = 5 };
		nanosleep(&d, NULL);
		_exit(0);
	}
	CHECK_ERR(read(p[0], &c, 1), EINTR);
	CHECK_EQ(timer_upcalls, 1);
	close(p[0]);
	close(p[1]);
	CHECK_EQ(kill(pid, SIGTERM), 0);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGTERM);
}

/* ---- a fault handled ---- */

static volatile int faults;
static volatile unsigned int fault_addr;
extern char fault_insn[], fault_resume[];

static void
on_fault(struct vk_port *port, struct vk_upframe *f)
{
	struct vk_req *r;
	struct vk_siginfo si;

	while ((r = vk_port_get(port)) != NULL) {
		if (vk_siginfo(r, &si) != SIGSEGV)
			continue;			/* the aborted request, at the end */
		fault_addr = (unsigned int)(uintptr_t)si.si_addr;
		faults++;
		CHECK(f->uf_flags & VK_UF_FAULT);
		f->uf_eip = (unsigned int)(uintptr_t)fault_resume;
		f->uf_eax = 1234;
		vk_release(r);
	}
}

static void
handled_fault(void)
{
	struct vk_port port;
	struct vk_req req;
	int v;

	vk_port_init(&port);
	CHECK_EQ(vk_port_upcall(&port, VK_PORT_UPCALL, on_fault), 0);
	CHECK_EQ(vk_asignal(&req, &port, VK_SIGBIT(SIGSEGV)), 1);
	__asm__ volatile(
	    "movl $0, %%eax\n"
	    "fault_insn:\n\t"
	    "movl 0x10, %%eax\n"
	    "fault_resume:\n"
	    : "=a"(v) :: "memory");
	CHECK_EQ(faults, 1);
	CHECK_EQ(fault_addr, 0x10);
	CHECK_EQ(v, 1234);
	CHECK_EQ(vk_abort(&req), 0);
}

/* ---- 100,000 upcalls interrupting a computation ---- */

#ifndef STORM_TICKS
#define STORM_TICKS 100000
#endif
static volatile int ticks, tick_upcalls;

static void
on_tick(struct vk_port *port, struct vk_upframe *f)
{
	struct vk_req *r;
	volatile double clobber = 3.0;

	(void)f;
	/* Disturb what the interrupted code holds: integer, x87 and SSE. */
	__asm__ volatile("xorps %%xmm0, %%xmm0\n\txorps %%xmm1, %%xmm1\n\tfldz\n\tfstp %%st(0)" ::: "memory");
	clobber *= 2.0;
	tick_upcalls++;
	while ((r = vk_port_get(port)) != NULL) {
		ticks += (int)vk_result(r);
		vk_release(r);
	}
}

/* One round: every general register, eflags, xmm0/xmm1 and the x87 stack
 * are live across a loop of SEED iterations (the integer ones change in it,
 * the others are used after it); OUT gets what they end with.  The same seed must always give the same OUT. */
struct regs_out {
	unsigned int	r[6];
	float		y[4];
	double		st;
};

static void
one_round(unsigned int seed, struct regs_out *o)
{
	static const float x[4] = { 1.5f, 2.5f, 3.5f, 4.5f };

	__asm__ volatile(
	    "movl %[seed], %%ecx\n\t"	/* before the pushes move %%esp */
	    "pushl %%ebp\n\t"
	    "pushl %%eax\n\t"
	    "movl %%ecx, %%eax\n\t"
	    "movl %%eax, %%ebx\n\t"
	    "leal 1(%%eax), %%ecx\n\t"
	    "leal 2(%%eax), %%edx\n\t"
	    "leal 3(%%eax), %%esi\n\t"
	    "leal 4(%%eax), %%edi\n\t"
	    "leal 5(%%eax), %%ebp\n\t"
	    "movups %[x], %%xmm0\n\t"
	    "movaps %%xmm0, %%xmm1\n\t"
	    "fld1\n\t"
	    "1:\n\t"
	    "addl $1, %%ebx\n\t"
	    "addl $3, %%ecx\n\t"
	    "addl $5, %%edx\n\t"
	    "xorl %%ebx, %%esi\n\t"
	    "addl %%ecx, %%edi\n\t"
	    "roll $1, %%ebp\n\t"
	    "subl $1, %%eax\n\t"
	    "jnz 1b\n\t"
	    "addps %%xmm1, %%xmm0\n\t"
	    "subps %%xmm1, %%xmm0\n\t"
	    "fadd %%st(0), %%st(0)\n\t"
	    "fsqrt\n\t"
	    "popl %%eax\n\t"
	    "movl %%ebx, 0(%%eax)\n\t"
	    "movl %%ecx, 4(%%eax)\n\t"
	    "movl %%edx, 8(%%eax)\n\t"
	    "movl %%esi, 12(%%eax)\n\t"
	    "movl %%edi, 16(%%eax)\n\t"
	    "movl %%ebp, 20(%%eax)\n\t"
	    "movups %%xmm0, 24(%%eax)\n\t"
	    "fstpl 40(%%eax)\n\t"
	    "popl %%ebp\n\t"
	    : "+a"(o)
	    : [seed] "m"(seed), [x] "m"(x)
	    : "memory", "ebx", "ecx", "edx", "esi", "edi", "cc");	/* xmm0, xmm1: the compiler uses no SSE here (-march=i686) */
}

static void
upcall_storm(void)
{
	struct timespec every = { .tv_nsec = 5000 };
	struct vk_port port;
	struct vk_req req;
	unsigned int rounds = 0;

	struct regs_out want, got;

	one_round(3000, &want);				/* undisturbed */
	vk_port_init(&port);
	CHECK_EQ(vk_port_upcall(&port, VK_PORT_UPCALL, on_tick), 0);
	ticks = tick_upcalls = 0;
	CHECK_EQ(vk_atimer(&req, &port, CLOCK_MONOTONIC, 0, &every, &every), 1);
	while (tick_upcalls < STORM_TICKS) {
		memset(&got, 0, sizeof(got));
		one_round(3000, &got);
		if (memcmp(&got, &want, sizeof(got)) != 0) {
			for (int i = 0; i < 6; i++)
				fprintf(stderr, "r%d: got %08x want %08x\n", i, got.r[i], want.r[i]);
			for (int i = 0; i < 4; i++)
				fprintf(stderr, "xmm0[%d]: got %g want %g\n", i, (double)got.y[i], (double)want.y[i]);
			fprintf(stderr, "st(0): got %.17g want %.17g\n", got.st, want.st);
			CHECK(!"a round disturbed by upcalls differs from an undisturbed one");
		}
		rounds++;
	}
	CHECK_EQ(vk_abort(&req), 0);
	printf("%d upcalls (%d expiries) over %u rounds\n", tick_upcalls, ticks, rounds);
}

/* Stop and continue: the parent's wait4 sees each once, then the kill. */
static void
stop_continue(void)
{
	struct timespec d = { .tv_nsec = 2000000 };
	int status, p[2];
	pid_t pid;
	char c;

	CHECK_EQ(pipe(p), 0);
	if ((pid = fork()) == 0) {
		close(p[0]);
		for (;;) {			/* a heartbeat the parent can hear stop */
			if (write(p[1], "x", 1) != 1)
				_exit(1);
			nanosleep(&d, NULL);
		}
	}
	close(p[1]);
	CHECK_EQ(read(p[0], &c, 1), 1);
	CHECK_EQ(kill(pid, SIGSTOP), 0);
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK(WIFSTOPPED(status));
	CHECK_EQ(WSTOPSIG(status), SIGSTOP);
	CHECK_EQ(waitpid(pid, &status, WUNTRACED | WNOHANG), 0);	/* reported once */
	CHECK_EQ(kill(pid, SIGCONT), 0);
	CHECK_EQ(waitpid(pid, &status, WCONTINUED), pid);
	CHECK(WIFCONTINUED(status));
	CHECK_EQ(read(p[0], &c, 1), 1);			/* it runs again */
	CHECK_EQ(kill(pid, SIGTSTP), 0);			/* the terminal's stop: not init, so it stops */
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK(WIFSTOPPED(status));
	CHECK_EQ(WSTOPSIG(status), SIGTSTP);
	CHECK_EQ(kill(pid, SIGKILL), 0);			/* a stopped process dies of SIGKILL */
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGKILL);
	close(p[0]);
}

int
main(void)
{
	live_signal();
	child_signal();
	periodic_timer();
	upcall_port();
	interrupted_read();
	handled_fault();
	stop_continue();
	upcall_storm();
	return test_passed();
}
