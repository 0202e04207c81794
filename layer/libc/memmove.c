/*
 * memmove: copy N bytes between objects that may overlap.
 *
 * When the destination starts below the source, or the two do not
 * overlap, a forward copy is safe and memcpy does it.  Otherwise the copy
 * runs backwards from the end, by words and then bytes (loop-pattern
 * recognition off, as in memcpy.c).
 */
#include <stdint.h>
#include <string.h>

typedef uint32_t __attribute__((may_alias, aligned(1))) word;

__attribute__((optimize("no-tree-loop-distribute-patterns")))
void *
memmove(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	if (dp == sp || n == 0)
		return d;
	if (dp < sp || dp >= sp + n)
		return memcpy(d, s, n);
	dp += n;
	sp += n;
	for (; n >= 4; n -= 4) {
		dp -= 4;
		sp -= 4;
		*(word *)dp = *(const word *)sp;
	}
	while (n-- > 0)
		*--dp = *--sp;
	return d;
}
