/*
 * guest-tests/preempt.c: time slices for processes that never trap.
 *
 * The parent computes a checksum alone (no preemption: it has no company),
 * then forks two children that compute the same thing, with loads, stores
 * and carries across many blocks, and never enter the kernel while they do.
 * Each writes "start" and then its result to a shared pipe.  Preemption must
 * interleave them (both start before either ends: with run-until-block
 * scheduling the first would finish before the second began) and must not
 * change a single bit of their results (a resume that re-ran part of a block
 * would).
 */
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define WORDS	4096

static uint32_t
work(uint32_t seed, int rounds)
{
	static uint32_t mem[WORDS];
	uint32_t x = seed, sum = 0;

	for (int i = 0; i < WORDS; i++)
		mem[i] = (uint32_t)i * 2654435761u ^ seed;
	for (int r = 0; r < rounds; r++)
		for (int i = 0; i < WORDS; i++) {
			uint64_t wide;

			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			wide = (uint64_t)mem[i] + x + (sum >> 31);
			mem[i] = (uint32_t)wide;
			sum = (sum << 1 | sum >> 31) + (uint32_t)(wide >> 32) + mem[(i * 7) & (WORDS - 1)];
		}
	return sum;
}

int
main(void)
{
	int p[2], rounds = 2000, status;
	uint32_t want = work(12345, rounds);
	char line[64], all[512] = "";
	size_t used = 0;
	ssize_t n;
	pid_t kids[2];

	CHECK_EQ(pipe(p), 0);
	for (int k = 0; k < 2; k++) {
		if ((kids[k] = fork()) == 0) {
			int len = snprintf(line, sizeof(line), "start %d\n", k);

			close(p[0]);
			if (write(p[1], line, (size_t)len) != len)
				_exit(2);
			len = snprintf(line, sizeof(line), "end %d %08x\n", k, (unsigned)work(12345, rounds));
			_exit(write(p[1], line, (size_t)len) == len ? 0 : 3);
		}
		CHECK(kids[k] > 0);
	}
	close(p[1]);
	while ((n = read(p[0], all + used, sizeof(all) - 1 - used)) > 0)
		used += (size_t)n;
	all[used] = '\0';
	for (int k = 0; k < 2; k++) {
		CHECK_EQ(waitpid(kids[k], &status, 0), kids[k]);
		CHECK_EQ(status, 0);
	}
	/* Both started before either ended. */
	CHECK(strncmp(all, "start ", 6) == 0);
	CHECK(strncmp(strchr(all, '\n') + 1, "start ", 6) == 0);
	for (int k = 0; k < 2; k++) {
		snprintf(line, sizeof(line), "end %d %08x\n", k, (unsigned)want);
		if (strstr(all, line) == NULL) {
			fprintf(stderr, "want \"%.*s\" in:\n%s", (int)strlen(line) - 1, line, all);
			CHECK(!"a child's result differs from the parent's");
		}
	}
	return test_passed();
}
