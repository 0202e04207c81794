/*
 * guest-tests/autoreap.c: a native program whose ignored signals hold
 * SIGCHLD leaves no zombies (vkernel/sched.c, docs/abi.md §2c "Children
 * that are not waited for").  Native programs have no sigaction: the set
 * is sent with a raw sigign message (command 134), as gate.c does.
 *
 * Pins down:
 *  - by default an ended child waits as a zombie: kill(pid, 0) finds it,
 *    waitpid gets its status;
 *  - with SIGCHLD in the ignored set, three children that exit are reaped
 *    at once: waitpid(-1) fails with ECHILD once they are gone, and
 *    kill(pid, 0) is ESRCH for each.
 */
#include <stdint.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "vk_sysmsg.h"

/* sigign (HOW 1: replace the set with SET). */
static void
set_ignored(uint64_t set)
{
	struct vk_msg_sigign m;
	int ret;

	memset(&m, 0, sizeof(m));
	m.hdr.ms_cmd = VK_SYS_sigign;
	m.hdr.ms_size = sizeof(m);
	m.setlo = (uint32_t)set;
	m.sethi = (uint32_t)(set >> 32);
	m.how = 1;
	__asm__ volatile ("int $0x81" : "=a" (ret) : "a" (0), "c" (&m), "d" (sizeof(m)) : "memory");
	CHECK_EQ(ret, 0);
}

int
main(void)
{
	struct timespec ms20 = { 0, 20000000 };
	pid_t c[3];
	int st;

	c[0] = fork();
	CHECK(c[0] >= 0);
	if (c[0] == 0)
		_exit(4);
	nanosleep(&ms20, NULL);
	CHECK_EQ(kill(c[0], 0), 0);
	CHECK_EQ(waitpid(c[0], &st, 0), c[0]);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 4);

	set_ignored(1ull << (SIGCHLD - 1));
	for (int i = 0; i < 3; i++) {
		c[i] = fork();
		CHECK(c[i] >= 0);
		if (c[i] == 0)
			_exit(0);
	}
	CHECK_ERR(waitpid(-1, &st, 0), ECHILD);
	for (int i = 0; i < 3; i++)
		CHECK_ERR(kill(c[i], 0), ESRCH);
	return test_passed();
}
