/*
 * guest-tests/abi/ps.c: a "ps"-like program for the ABI experiment
 * (docs/abi-experiments.md).  Forks a child that waits on a pipe, then
 * lists every process the kernel reports (vk_procinfo: an element list
 * underneath), relative to itself: "self", "child" with its state and name.
 * The same output on every (program ABI, kernel ABI) pair is the point.
 */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vkrun/proc.h>

int
main(void)
{
	struct vk_procinfo pi[64];
	int p[2], n, status;
	pid_t me = getpid(), child;
	char c;

	if (pipe(p) != 0)
		return 1;
	if ((child = fork()) == 0) {
		(void)read(p[0], &c, 1);
		_exit(0);
	}
	close(p[0]);
	/* Let the child reach its read. */
	for (int tries = 0; tries < 100; tries++) {
		if (vk_procinfo(child, pi, 1) == 1 && pi[0].pi_state == 'S')
			break;
		struct timespec ts = { .tv_nsec = 1000000 };
		nanosleep(&ts, NULL);
	}
	if ((n = vk_procinfo(0, pi, 64)) < 0) {
		perror("vk_procinfo");
		return 1;
	}
	printf("processes %d\n", n);
	for (int i = 0; i < n; i++) {
		if (pi[i].pi_pid == me)
			printf("self state %c name %s ppid-is-0 %d\n", pi[i].pi_state, pi[i].pi_name, pi[i].pi_ppid == 0);
		else if (pi[i].pi_pid == child)
			printf("child state %c name %s parent-is-self %d\n", pi[i].pi_state, pi[i].pi_name,
			    pi[i].pi_ppid == me);
	}
	if (write(p[1], "x", 1) != 1 || waitpid(child, &status, 0) != child)
		return 1;
	return WEXITSTATUS(status);
}
