/*
 * guest-tests/async.c: asynchronous messages (seed 004) through the SDK's
 * <vkrun/async.h>: requests in flight, reply ports, waitsys, abort.
 *
 *  - two reads in flight on two pipes complete in the order the data
 *    arrives (a child writes with a pause between), both ways round;
 *  - waitsys on a port, and on one message with no port;
 *  - a request done at once is still put on its port;
 *  - an aborted request: answered with ECANCELED, on its port, and a second
 *    abort finds nothing (ENOENT);
 *  - an async sleep and an async waitpid finish after work the program did
 *    meanwhile;
 *  - refusals: a request still in flight (EBUSY), a bad port (EINVAL,
 *    EFAULT), waitsys that nothing could satisfy (EDEADLK), more requests
 *    than a process may have in flight (the extra one answers EAGAIN);
 *  - a full port holds a reply until the program makes room.
 */
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vkrun/async.h>

#include "check.h"

static void
sleep_ms(int ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };

	CHECK_EQ(nanosleep(&ts, NULL), 0);
}

/* The next done request on PORT, waiting for it. */
static struct vk_req *
next_done(struct vk_port *port)
{
	struct vk_req *r;

	while ((r = vk_port_get(port)) == NULL)
		CHECK_EQ(vk_wait(port, NULL), 0);
	return r;
}

/* A child writes FIRST's text to pipe FIRST, pauses, then SECOND's. */
static pid_t
writer(int first, const char *a, int second, const char *b)
{
	pid_t pid = fork();

	CHECK(pid >= 0);
	if (pid == 0) {
		sleep_ms(20);
		if (write(first, a, strlen(a)) != (ssize_t)strlen(a))
			_exit(2);
		sleep_ms(60);
		if (write(second, b, strlen(b)) != (ssize_t)strlen(b))
			_exit(3);
		_exit(0);
	}
	return pid;
}

static void
two_reads(int reversed)
{
	int p1[2], p2[2], status;
	char b1[16] = "", b2[16] = "";
	struct vk_port port;
	struct vk_req r1, r2, *r;
	pid_t pid;

	CHECK_EQ(pipe(p1), 0);
	CHECK_EQ(pipe(p2), 0);
	vk_port_init(&port);
	r1.vr_data = b1;
	r2.vr_data = b2;
	CHECK_EQ(vk_aread(&r1, &port, p1[0], b1, sizeof(b1) - 1), 1);
	CHECK_EQ(vk_aread(&r2, &port, p2[0], b2, sizeof(b2) - 1), 1);
	CHECK(!vk_done(&r1));
	CHECK(!vk_done(&r2));
	CHECK_ERR(vk_result(&r1), EINPROGRESS);
	pid = reversed ? writer(p2[1], "second", p1[1], "first") : writer(p1[1], "first", p2[1], "second");
	r = next_done(&port);
	CHECK(r == (reversed ? &r2 : &r1));
	CHECK(vk_done(r));
	CHECK_EQ(vk_result(r), reversed ? 6 : 5);
	CHECK(!vk_done(reversed ? &r1 : &r2));	/* the other is still in flight */
	r = next_done(&port);
	CHECK(r == (reversed ? &r1 : &r2));
	CHECK_EQ(vk_result(r), reversed ? 5 : 6);
	CHECK(strcmp(reversed ? b2 : b1, reversed ? "second" : "first") == 0);
	CHECK(vk_port_get(&port) == NULL);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK_EQ(status, 0);
	close(p1[0]);
	close(p1[1]);
	close(p2[0]);
	close(p2[1]);
}

/* No port: the program waits on the message itself. */
static void
wait_on_message(void)
{
	int p[2];
	char b[8];
	struct vk_req r;
	pid_t pid;

	CHECK_EQ(pipe(p), 0);
	CHECK_EQ(vk_aread(&r, NULL, p[0], b, sizeof(b)), 1);
	if ((pid = fork()) == 0) {
		sleep_ms(10);
		_exit(write(p[1], "xyz", 3) == 3 ? 0 : 1);
	}
	CHECK_EQ(vk_wait(NULL, &r), 0);
	CHECK(vk_done(&r));
	CHECK_EQ(vk_result(&r), 3);
	CHECK_EQ(vk_wait(NULL, &r), 0);		/* done: returns at once */
	CHECK_EQ(waitpid(pid, NULL, 0), pid);
	close(p[0]);
	close(p[1]);
}

/* One process alone: its own write completes its own read. */
static void
self_feeding(void)
{
	int p[2];
	char b[8];
	struct vk_port port;
	struct vk_req r, w;

	CHECK_EQ(pipe(p), 0);
	vk_port_init(&port);
	CHECK_EQ(vk_aread(&r, &port, p[0], b, sizeof(b)), 1);
	CHECK(vk_port_get(&port) == NULL);
	/* A write that can finish at once is done when it returns, and still
	 * goes on the port. */
	CHECK_EQ(vk_awrite(&w, &port, p[1], "hey", 3), 0);
	CHECK_EQ(vk_result(&w), 3);
	CHECK(next_done(&port) == &w);
	CHECK(next_done(&port) == &r);
	CHECK_EQ(vk_result(&r), 3);
	CHECK(memcmp(b, "hey", 3) == 0);
	close(p[0]);
	close(p[1]);
}

static void
aborting(void)
{
	int p[2];
	char b[8];
	struct vk_port port;
	struct vk_req r;

	CHECK_EQ(pipe(p), 0);
	vk_port_init(&port);
	CHECK_EQ(vk_aread(&r, &port, p[0], b, sizeof(b)), 1);
	CHECK_EQ(vk_abort(&r), 0);
	CHECK(vk_done(&r));
	CHECK_ERR(vk_result(&r), ECANCELED);
	CHECK(next_done(&port) == &r);
	CHECK_ERR(vk_abort(&r), ENOENT);
	/* The pipe's data was not consumed by the aborted read. */
	CHECK_EQ(write(p[1], "ab", 2), 2);
	CHECK_EQ(read(p[0], b, sizeof(b)), 2);
	close(p[0]);
	close(p[1]);
}

/* A 60 ms sleep and a wait for a child that exits after 20 ms: the child
 * arrives first, the sleep after its time, and the program ran meanwhile. */
static void
sleep_and_child(void)
{
	struct timespec d = { .tv_sec = 0, .tv_nsec = 60 * 1000000L };
	struct vk_port port;
	struct vk_req s, w;
	long long t0 = check_now_ms();
	int status = -1, spins = 0;
	pid_t pid;

	vk_port_init(&port);
	if ((pid = fork()) == 0) {
		sleep_ms(20);
		_exit(7);
	}
	CHECK_EQ(vk_asleep(&s, &port, &d), 1);
	CHECK_EQ(vk_awaitpid(&w, &port, pid, &status, 0), 1);
	while (!vk_done(&w)) {		/* poll, doing something else */
		spins++;
		CHECK_EQ(getpid() > 0, 1);
		sleep_ms(1);
	}
	CHECK(spins > 0);
	CHECK(next_done(&port) == &w);
	CHECK_EQ(vk_result(&w), pid);
	CHECK_EQ(WEXITSTATUS(status), 7);
	CHECK(next_done(&port) == &s);
	CHECK_EQ(vk_result(&s), 0);
	CHECK(check_now_ms() - t0 >= 60);
}

static void
refusals(void)
{
	int p[2];
	char b[8];
	struct vk_port port, bad;
	struct vk_req r, many[64];
	void *gone;
	int queued = 0;

	CHECK_EQ(pipe(p), 0);
	vk_port_init(&port);
	CHECK_ERR(vk_wait(&port, NULL), EDEADLK);	/* nothing in flight */
	CHECK_ERR(vk_wait(NULL, NULL), EINVAL);
	vk_port_init(&bad);
	bad.vp_size = 0;
	CHECK_ERR(vk_aread(&r, &bad, p[0], b, sizeof(b)), EINVAL);
	bad.vp_size = 5000;
	CHECK_ERR(vk_aread(&r, &bad, p[0], b, sizeof(b)), EINVAL);
	bad.vp_size = 4;
	bad.vp_action = 1;				/* an upcall port needs its function */
	CHECK_ERR(vk_aread(&r, &bad, p[0], b, sizeof(b)), EINVAL);
	bad.vp_action = 7;				/* no such action */
	CHECK_ERR(vk_aread(&r, &bad, p[0], b, sizeof(b)), EOPNOTSUPP);
	gone = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(gone != MAP_FAILED);
	CHECK_EQ(munmap(gone, 4096), 0);
	CHECK_ERR(vk_aread(&r, gone, p[0], b, sizeof(b)), EFAULT);
	CHECK_ERR(vk_wait(gone, NULL), EFAULT);

	CHECK_EQ(vk_aread(&r, &port, p[0], b, sizeof(b)), 1);
	CHECK_ERR(vk_aread(&r, &port, p[0], b, sizeof(b)), EBUSY);	/* still in flight */
	/* 63 more fill this process's 64; the next is answered EAGAIN at once. */
	for (int i = 0; i < 63; i++)
		queued += vk_aread(&many[i], NULL, p[0], b, 1) == 1;
	CHECK_EQ(queued, 63);
	CHECK_EQ(vk_aread(&many[63], NULL, p[0], b, 1), 0);
	CHECK_ERR(vk_result(&many[63]), EAGAIN);
	for (int i = 0; i < 63; i++)
		CHECK_EQ(vk_abort(&many[i]), 0);
	CHECK_EQ(vk_abort(&r), 0);
	CHECK(next_done(&port) == &r);
	close(p[0]);
	close(p[1]);
}

/* A port with room for one: the second reply waits in the kernel. */
static void
full_port(void)
{
	int p[2];
	struct vk_port port;
	struct vk_req a, b;

	CHECK_EQ(pipe(p), 0);
	vk_port_init(&port);
	port.vp_size = 1;
	CHECK_EQ(vk_awrite(&a, &port, p[1], "1", 1), 0);
	CHECK_EQ(vk_awrite(&b, &port, p[1], "2", 1), 0);
	CHECK(vk_done(&b));
	CHECK(vk_port_get(&port) == &a);
	CHECK(vk_port_get(&port) == NULL);	/* b is held until there was room */
	CHECK_EQ(vk_wait(&port, NULL), 0);
	CHECK(vk_port_get(&port) == &b);
	CHECK_ERR(vk_wait(&port, NULL), EDEADLK);
	close(p[0]);
	close(p[1]);
}

int
main(void)
{
	two_reads(0);
	two_reads(1);
	wait_on_message();
	self_feeding();
	aborting();
	sleep_and_child();
	refusals();
	full_port();
	return test_passed();
}
