/*
 * guest-tests/bench/spawn.c: fork + execve + exit + wait, N times, of the
 * program named by argv[2] (the smallest static program, start_linux.c), as
 * a static glibc i386 program.  Under vkrun every child stays inside the one
 * vkrun; under qemu-i386 the child's execve leaves the emulator (the host
 * runs the i386 program itself).  Exit status 0 only if every child exited 0.
 *
 *   spawn N PROGRAM
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	char *cargv[2];
	long n;

	if (argc != 3 || (n = strtol(argv[1], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: spawn N PROGRAM\n");
		return 2;
	}
	cargv[0] = argv[2];
	cargv[1] = NULL;
	for (long i = 0; i < n; i++) {
		int status;
		pid_t pid = fork();

		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0) {
			execv(argv[2], cargv);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) != pid || status != 0) {
			fprintf(stderr, "spawn: child %ld: status %d\n", i, status);
			return 1;
		}
	}
	return 0;
}
