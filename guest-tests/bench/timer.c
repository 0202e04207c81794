/*
 * guest-tests/bench/timer.c: the benchmark driver's stopwatch (a host
 * program, not a guest).  Runs a command REPS times, one after the other,
 * and times each run from just before posix_spawn to the end of waitpid
 * with CLOCK_MONOTONIC.
 *
 * Usage: timer [-o FILE] REPS COMMAND [ARGS...]
 *   -o FILE  each run's stdout goes to FILE (truncated per run, so the last
 *            run's output remains); without it, to /dev/null.  stderr is
 *            inherited.
 * Prints "min_ns mean_ns max_ns" on stdout.  Exits 1 (after saying why on
 * stderr) as soon as a run cannot be started or does not exit with status 0.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static int64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int
main(int argc, char **argv)
{
	const char *out = "/dev/null";
	int64_t min = INT64_MAX, max = 0, total = 0;
	long reps;
	char *end;
	int i;

	i = 1;
	if (argc > 2 && strcmp(argv[1], "-o") == 0) {
		out = argv[2];
		i = 3;
	}
	if (argc - i < 2) {
		fprintf(stderr, "usage: timer [-o FILE] REPS COMMAND [ARGS...]\n");
		return 2;
	}
	reps = strtol(argv[i], &end, 10);
	if (*end != '\0' || reps < 1) {
		fprintf(stderr, "timer: bad repetition count '%s'\n", argv[i]);
		return 2;
	}
	argv += i + 1;

	for (long r = 0; r < reps; r++) {
		posix_spawn_file_actions_t fa;
		pid_t pid;
		int64_t t0, t;
		int err, status;

		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		t0 = now_ns();
		err = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
		if (err != 0) {
			fprintf(stderr, "timer: cannot run %s: %s\n", argv[0], strerror(err));
			return 1;
		}
		while (waitpid(pid, &status, 0) < 0)
			if (errno != EINTR) {
				perror("timer: waitpid");
				return 1;
			}
		t = now_ns() - t0;
		posix_spawn_file_actions_destroy(&fa);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			if (WIFSIGNALED(status))
				fprintf(stderr, "timer: %s killed by signal %d\n", argv[0], WTERMSIG(status));
			else
				fprintf(stderr, "timer: %s exited with status %d\n", argv[0], WEXITSTATUS(status));
			return 1;
		}
		if (t < min)
			min = t;
		if (t > max)
			max = t;
		total += t;
	}
	printf("%lld %lld %lld\n", (long long)min, (long long)(total / reps), (long long)max);
	return 0;
}
