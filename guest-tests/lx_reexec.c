/*
 * guest-tests/lx_reexec.c: execve must leave nothing of the old program
 * behind, even when vkrun hands the process a reused CPU engine.  Built
 * twice from this file: lx_reexec.gx (MARK_A) and lx_reexec_b.elf (MARK_B).
 * The two are the same static glibc program but for marker(), which sits at
 * the same address in both with different bytes, so translated code kept
 * from the other program would return the other mark.  It must pass
 * natively too (gcc -m32 -static, both builds side by side).
 *
 * A checks its mark, then:
 *  - a forked child execs B ("child"): B must see its own mark, in a loop;
 *  - a forked child maps a page at SCRATCH and execs B ("probe"): B reads
 *    SCRATCH, which must not be mapped any more, so B dies of SIGSEGV;
 *  - A execs B itself ("chain"), which checks its mark and execs A again
 *    ("back"): A checks its mark once more and passes.
 */
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define MARK_A		0x11111111
#define MARK_B		0x22222222
#define SCRATCH		0x30000000u

#ifdef REEXEC_B
#define MARK		MARK_B
#else
#define MARK		MARK_A
#endif

static char self_a[4096], self_b[4096];

/* mov $MARK,%eax; ret: the same size and address in both builds. */
__attribute__((noinline, noipa)) static int
marker(void)
{
	return MARK;
}

static void
check_mark(void)
{
	for (int i = 0; i < 10000; i++)
		CHECK_EQ(marker(), MARK);
}

static void
run(const char *path, const char *step)
{
	char *argv[] = { (char *)path, (char *)step, NULL };

	execv(path, argv);
	CHECK(!"execv failed");
}

/* Fork a child that runs FN; return its wait status. */
static int
in_child(void (*fn)(void))
{
	int st = 0;
	pid_t pid = fork();

	CHECK(pid >= 0);
	if (pid == 0) {
		fn();
		_exit(126);
	}
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	return st;
}

static void
exec_b_child(void)
{
	run(self_b, "child");
}

static void
map_then_exec_b_probe(void)
{
	volatile unsigned char *p = mmap((void *)SCRATCH, 4096, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	CHECK(p == (void *)SCRATCH);
	p[0] = 0x5a;
	run(self_b, "probe");
}

int
main(int argc, char **argv)
{
	const char *step = argc > 1 ? argv[1] : "start";
	char dir[2048];
	int st;

	snprintf(dir, sizeof(dir), "%s", argv[0]);
	snprintf(self_a, sizeof(self_a), "%s/lx_reexec.gx", dirname(dir));
	snprintf(self_b, sizeof(self_b), "%s/lx_reexec_b.elf", dir);
	check_mark();
	if (strcmp(step, "child") == 0)
		return 0;
	if (strcmp(step, "probe") == 0) {
		volatile unsigned char *p = (volatile unsigned char *)SCRATCH;

		fprintf(stderr, "FAIL: the old program's page is still mapped (0x%02x)\n", p[0]);
		return 1;
	}
	if (strcmp(step, "chain") == 0)
		run(self_a, "back");
	if (strcmp(step, "back") == 0)
		return test_passed();
	CHECK(strcmp(step, "start") == 0);
	st = in_child(exec_b_child);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	st = in_child(map_then_exec_b_probe);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	run(self_b, "chain");
	return 1;
}
