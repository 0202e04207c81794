/*
 * guest-tests/bench/tick.c: what a periodic timer costs a compute-bound
 * native guest (built with vkcc).  Usage: tick ROUNDS HZ.  With HZ > 0 a
 * live timer request ticks HZ times a second on an upcall port whose
 * function counts the expiries; the computation (xorshift fill and scattered
 * read-modify-write passes over 4 MiB, as in compute.c) is the same either
 * way.  Prints "ticks T checksum 0xXXXXXXXX"; the checksum depends only on
 * ROUNDS.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <vkrun/upcall.h>

#define ARR_N	(1u << 20)

static unsigned int arr[ARR_N];
static volatile long long ticks;

static void
on_tick(struct vk_port *port, struct vk_upframe *f)
{
	struct vk_req *r;

	(void)f;
	while ((r = vk_port_get(port)) != NULL) {
		ticks += vk_result(r);
		vk_release(r);
	}
}

static unsigned int
work(unsigned int rounds)
{
	unsigned int sum = 0x12345678u;

	for (unsigned int r = 0; r < rounds; r++) {
		unsigned int x = 2463534242u ^ (r * 0x9e3779b9u);

		for (unsigned int i = 0; i < ARR_N; i++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			arr[i] = x;
		}
		for (unsigned int p = 0; p < 4; p++)
			for (unsigned int i = 0; i < ARR_N; i++) {
				unsigned int j = (arr[i] ^ (i * 0x9e3779b9u)) & (ARR_N - 1);

				arr[j] = arr[j] * 1664525u + 1013904223u + i;
			}
		for (unsigned int i = 0; i < ARR_N; i++)
			sum = (sum ^ arr[i]) * 16777619u;
	}
	return sum;
}

int
main(int argc, char **argv)
{
	unsigned int rounds = argc > 1 ? (unsigned int)atoi(argv[1]) : 8;
	int hz = argc > 2 ? atoi(argv[2]) : 0;
	struct vk_port port;
	struct vk_req req;
	unsigned int sum;

	if (hz > 0) {
		struct timespec every = { .tv_sec = 0, .tv_nsec = 1000000000L / hz };

		vk_port_init(&port);
		if (vk_port_upcall(&port, VK_PORT_UPCALL, on_tick) != 0 ||
		    vk_atimer(&req, &port, CLOCK_MONOTONIC, 0, &every, &every) != 1) {
			perror("tick: timer");
			return 1;
		}
	}
	sum = work(rounds);
	if (hz > 0)
		vk_abort(&req);
	printf("ticks %lld checksum 0x%08x\n", (long long)ticks, sum);
	return 0;
}
