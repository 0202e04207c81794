/*
 * guest-tests/lx_children.c: a static glibc program (gcc -m32 -static, no
 * vkcc) that forks 1,000 children and reaps every one of them, through
 * glibc's fork and waitpid: vkrun's process table, fork, exit to zombie and
 * wait4 at scale.  It must pass natively too:
 *   gcc -m32 -static -O2 lx_children.c -o lxc && ./lxc
 *
 * Child number i exits at once with status i % 256.  The parent keeps up to
 * LIVE children in existence at a time (forked and not yet reaped, so
 * running or zombies) and reaps them with waitpid(-1), in whatever order
 * they come, so a status has to find its way back from any of many
 * children.  It checks that:
 *  - every fork succeeds and every pid is new among the live children;
 *  - every waitpid returns one of its own unreaped children, exactly once,
 *    with a normal exit and that child's own status (i % 256);
 *  - all 1,000 are reaped, and the sum of their statuses is the expected one;
 *  - afterwards no child is left, zombie or not: waitpid(-1) and
 *    waitpid(-1, WNOHANG) are ECHILD.
 * A lost child makes waitpid block forever (run-guest's timeout fails the
 * test) or answer ECHILD too early; a wrong or duplicated status fails a
 * check.  The limit of LIVE keeps the host memory bounded: vkrun holds a
 * whole CPU and address space per live child.
 */
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define CHILDREN	1000
#define LIVE		64

static pid_t pids[CHILDREN];	/* pid of child i while it is unreaped, else 0 */

/* Fork child number I; it exits with I % 256 straight away. */
static void
spawn(int i)
{
	pid_t pid = fork();

	CHECK(pid >= 0);
	if (pid == 0)
		_exit(i % 256);
	for (int j = 0; j < CHILDREN; j++)
		CHECK(pids[j] != pid);
	pids[i] = pid;
}

/* Reap one child, whichever comes; returns its exit status. */
static int
reap_one(void)
{
	int st = 0, i;
	pid_t pid = waitpid(-1, &st, 0);

	CHECK(pid > 0);
	for (i = 0; i < CHILDREN && pids[i] != pid; i++)
		;
	CHECK(i < CHILDREN);		/* one of ours, not reaped before */
	pids[i] = 0;
	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), i % 256);
	return WEXITSTATUS(st);
}

int
main(void)
{
	long sum = 0, want = 0;
	int live = 0, reaped = 0, st;

	for (int i = 0; i < CHILDREN; i++) {
		if (live == LIVE) {
			sum += reap_one();
			live--;
			reaped++;
		}
		spawn(i);
		live++;
		want += i % 256;
	}
	while (live > 0) {
		sum += reap_one();
		live--;
		reaped++;
	}
	CHECK_EQ(reaped, CHILDREN);
	CHECK_EQ(sum, want);
	for (int i = 0; i < CHILDREN; i++)
		CHECK_EQ(pids[i], 0);
	CHECK_ERR(waitpid(-1, &st, 0), ECHILD);
	CHECK_ERR(waitpid(-1, &st, WNOHANG), ECHILD);
	return test_passed();
}
