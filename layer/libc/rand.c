/*
 * rand, srand, rand_r: a deterministic pseudo-random sequence.
 *
 * A 64-bit linear congruential generator (Knuth's MMIX multiplier and
 * increment); rand returns the top 31 bits of the state, so RAND_MAX is
 * 2^31 - 1 and the low bits are as good as the high ones.  The sequence
 * starts as if srand(1) had been called.  rand_r keeps its state in the
 * caller's 32-bit seed, a weaker generator with the same step.
 */
#include <stdint.h>
#include <stdlib.h>

#define LCG_MUL		6364136223846793005ull
#define LCG_INC		1442695040888963407ull

static uint64_t state = 1;

static uint64_t
step(uint64_t s)
{
	return s * LCG_MUL + LCG_INC;
}

void
srand(unsigned seed)
{
	state = seed;
}

int
rand(void)
{
	state = step(state);
	return (int)(state >> 33);
}

int
rand_r(unsigned *seed)
{
	uint64_t s = step(*seed);

	*seed = (unsigned)(s >> 32);
	return (int)(s >> 33);
}
