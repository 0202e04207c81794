/*
 * memcpy: copy N bytes between non-overlapping objects.
 *
 * Sixteen bytes per iteration as four 32-bit words, then words, then
 * bytes.  Unaligned word accesses are fine on x86.  Under Unicorn this is
 * about twice as fast for large copies as "rep movs", which the emulator
 * runs one element per pass.  Loop-pattern recognition is switched off for
 * this function: gcc would otherwise turn the loops back into a call to
 * memcpy, that is, to itself.
 */
#include <stdint.h>
#include <string.h>

typedef uint32_t __attribute__((may_alias, aligned(1))) word;

__attribute__((optimize("no-tree-loop-distribute-patterns")))
void *
memcpy(void *__restrict d, const void *__restrict s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;
	word w0, w1, w2, w3;

	for (; n >= 16; n -= 16, dp += 16, sp += 16) {
		w0 = ((const word *)sp)[0];
		w1 = ((const word *)sp)[1];
		w2 = ((const word *)sp)[2];
		w3 = ((const word *)sp)[3];
		((word *)dp)[0] = w0;
		((word *)dp)[1] = w1;
		((word *)dp)[2] = w2;
		((word *)dp)[3] = w3;
	}
	for (; n >= 4; n -= 4, dp += 4, sp += 4)
		*(word *)dp = *(const word *)sp;
	for (; n > 0; n--)
		*dp++ = *sp++;
	return d;
}
