/*
 * guest-tests/bench/compute.c: a deterministic, store-heavy compute kernel,
 * built twice from this one file (see bench.h): as a native vkrun guest and
 * as a static Linux i386 program, so vkrun, qemu-i386 and the host CPU all
 * run the very same bench_kernel().
 *
 * Each round runs a byte sieve of Eratosthenes over 8 MiB, fills a 4 MiB
 * array of words with a xorshift32 stream, then makes scattered
 * read-modify-write passes over it driven by its own contents (an LCG step
 * per store), and folds everything into a 32-bit checksum.  That is mostly
 * stores: sequential ones (sieve initialisation, fill), strided ones (sieve
 * crossing-out) and random ones (the passes) — the path a software MMU
 * finds hardest.
 *
 * Usage: compute [ROUNDS]  (default 24: about 1 s natively on a 2.8 GHz
 * Xeon).  Prints "rounds R primes P checksum 0xXXXXXXXX" on fd 1; the
 * checksum depends only on ROUNDS.
 */
#include "guest-tests/bench/bench.h"

#define SIEVE_N		(8u << 20)	/* bytes */
#define ARR_N		(1u << 20)	/* 32-bit words: 4 MiB */
#define PASSES		4

static uint8_t sieve[SIEVE_N];
static uint32_t arr[ARR_N];

static uint32_t primes_last;

__attribute__((noinline)) uint32_t
bench_kernel(uint32_t rounds)
{
	uint32_t sum = 0x12345678u;

	for (uint32_t r = 0; r < rounds; r++) {
		uint32_t i, j, p, count, x;

		/* Sieve: a non-constant fill so it stays a store loop in both builds. */
		for (i = 0; i < SIEVE_N; i++)
			sieve[i] = (uint8_t)(1 + (r & 1));
		sieve[0] = sieve[1] = 0;
		for (p = 2; p * p < SIEVE_N; p++)
			if (sieve[p] != 0)
				for (j = p * p; j < SIEVE_N; j += p)
					sieve[j] = 0;
		count = 0;
		for (i = 0; i < SIEVE_N; i++)
			count += sieve[i] != 0;
		primes_last = count;
		sum = sum * 31u + count;

		/* Fill with xorshift32, seeded by the round. */
		x = 2463534242u ^ (r * 0x9e3779b9u);
		for (i = 0; i < ARR_N; i++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			arr[i] = x;
		}

		/* Scattered read-modify-write passes: the array picks its own indices. */
		for (p = 0; p < PASSES; p++)
			for (i = 0; i < ARR_N; i++) {
				j = (arr[i] ^ (i * 0x9e3779b9u)) & (ARR_N - 1);
				arr[j] = arr[j] * 1664525u + 1013904223u + i;
			}

		for (i = 0; i < ARR_N; i++)
			sum = (sum ^ arr[i]) * 16777619u;
	}
	return sum;
}

int
main(int argc, char **argv)
{
	uint32_t rounds = bench_arg(argc > 1 ? argv[1] : 0, 24);
	uint32_t sum = bench_kernel(rounds);

	bench_puts("rounds ");
	bench_putu(rounds);
	bench_puts(" primes ");
	bench_putu(primes_last);
	bench_puts(" checksum 0x");
	bench_puthex(sum);
	bench_puts("\n");
	return 0;
}
