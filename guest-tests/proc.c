/*
 * guest-tests/proc.c: processes from a native program, through its stub
 * table: fork, waitpid (statuses, WNOHANG, ECHILD), execve (of itself, with
 * an argument), pipe (data, EOF, SIGPIPE ending the writer),
 * kill with the default action, nanosleep while another process runs, and
 * rfork's flags (a copied or an empty descriptor table, a detached child,
 * the refusals).
 */
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

extern char **environ;

static void
statuses(void)
{
	int status;
	pid_t pid;

	for (int code = 0; code < 3; code++) {
		if ((pid = fork()) == 0)
			_exit(code * 40);
		CHECK(pid > 0);
		CHECK_EQ(waitpid(pid, &status, 0), pid);
		CHECK(WIFEXITED(status));
		CHECK_EQ(WEXITSTATUS(status), code * 40);
	}
	CHECK_ERR(waitpid(-1, &status, 0), ECHILD);
	CHECK_ERR(waitpid(-1, &status, WNOHANG), ECHILD);
}

/* A child blocked on a pipe: WNOHANG says 0; kill ends it with SIGTERM. */
static void
nohang_and_kill(void)
{
	int p[2], status;
	char c;
	pid_t pid;

	CHECK_EQ(pipe(p), 0);
	if ((pid = fork()) == 0) {
		close(p[1]);
		_exit(read(p[0], &c, 1) == 0 ? 0 : 1);	/* blocks: nobody writes */
	}
	CHECK_EQ(waitpid(pid, &status, WNOHANG), 0);
	CHECK_EQ(kill(pid, SIGTERM), 0);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGTERM);
	close(p[0]);
	close(p[1]);
}

/* Data through a pipe between processes, EOF when the writer ends, EPIPE
 * when the reader is gone. */
static void
pipes(void)
{
	int p[2], status;
	char buf[64];
	ssize_t n, total = 0;
	pid_t pid;

	CHECK_EQ(pipe(p), 0);
	if ((pid = fork()) == 0) {
		close(p[0]);
		for (int i = 0; i < 1000; i++)
			if (write(p[1], "0123456789", 10) != 10)
				_exit(1);
		_exit(0);
	}
	close(p[1]);
	while ((n = read(p[0], buf, sizeof(buf))) > 0)
		total += n;
	CHECK_EQ(n, 0);
	CHECK_EQ(total, 10000);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK_EQ(status, 0);
	close(p[0]);

	/* A write with the reader gone: SIGPIPE, whose default action ends
	 * the writer (the parent sees it in the wait status). */
	CHECK_EQ(pipe(p), 0);
	close(p[0]);
	if ((pid = fork()) == 0) {
		(void)write(p[1], "x", 1);
		_exit(1);
	}
	close(p[1]);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGPIPE);
}

/* A sleeping parent wakes on time while its child computes and writes. */
static void
sleep_while_busy(void)
{
	struct timespec d = { .tv_sec = 0, .tv_nsec = 50 * 1000000L };
	long long t0;
	int p[2], status;
	pid_t pid;

	CHECK_EQ(pipe(p), 0);
	if ((pid = fork()) == 0) {
		char c;

		close(p[1]);
		while (read(p[0], &c, 1) != 0)
			;
		_exit(0);
	}
	close(p[0]);
	t0 = check_now_ms();
	CHECK_EQ(nanosleep(&d, NULL), 0);
	CHECK(check_now_ms() - t0 >= 50);
	close(p[1]);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
}

static void
rforks(void)
{
	int status, p[2];
	pid_t pid;
	char c;

	CHECK_ERR(rfork(RFPROC), EINVAL);			/* a shared table */
	CHECK_ERR(rfork(RFPROC | RFFDG | RFCFDG), EINVAL);
	CHECK_ERR(rfork(RFFDG), EINVAL);			/* no new process */
	CHECK_ERR(rfork(RFPROC | RFFDG | 0x8000000), EINVAL);
	CHECK_ERR(rfork(RFPROC | RFFDG | RFMEM), EOPNOTSUPP);

	/* RFFDG: the child has the parent's descriptors. */
	if ((pid = rfork(RFPROC | RFFDG)) == 0)
		_exit(write(1, "", 0) == 0 ? 0 : 1);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK_EQ(status, 0);
	/* RFCFDG: none at all. */
	if ((pid = rfork(RFPROC | RFCFDG)) == 0)
		_exit(write(1, "", 0) < 0 && errno == EBADF ? 0 : 1);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK_EQ(status, 0);
	/* RFNOWAIT: not our child; it still runs (it writes to the pipe). */
	CHECK_EQ(pipe(p), 0);
	if ((pid = rfork(RFPROC | RFFDG | RFNOWAIT)) == 0)
		_exit(write(p[1], "k", 1) == 1 ? 0 : 1);
	CHECK(pid > 0);
	CHECK_ERR(waitpid(pid, &status, 0), ECHILD);
	CHECK_EQ(read(p[0], &c, 1), 1);
	CHECK_EQ(c, 'k');
	close(p[0]);
	close(p[1]);
}

/* execve of this program with "child 42": it exits 42. */
static void
exec_self(const char *self)
{
	char *argv[] = { (char *)self, "child", "42", NULL };
	int status;
	pid_t pid;

	if ((pid = fork()) == 0) {
		execve(self, argv, environ);
		_exit(99);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK_EQ(WEXITSTATUS(status), 42);
	CHECK_ERR(execve("/nonexistent/program", argv, environ), ENOENT);
}

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "child") == 0)
		return atoi(argv[2]);
	statuses();
	nohang_and_kill();
	pipes();
	sleep_while_busy();
	rforks();
	exec_self(argv[0]);
	return test_passed();
}
