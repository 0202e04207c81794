/*
 * memset: fill N bytes with the byte C.
 *
 * The byte is replicated into a 32-bit word and stored sixteen bytes per
 * iteration, then by words, then by bytes (see memcpy.c for why C loops
 * rather than "rep stos", and why loop-pattern recognition is off here).
 */
#include <stdint.h>
#include <string.h>

typedef uint32_t __attribute__((may_alias, aligned(1))) word;

__attribute__((optimize("no-tree-loop-distribute-patterns")))
void *
memset(void *d, int c, size_t n)
{
	unsigned char *p = d;
	word w = (unsigned char)c * 0x01010101u;

	for (; n >= 16; n -= 16, p += 16) {
		((word *)p)[0] = w;
		((word *)p)[1] = w;
		((word *)p)[2] = w;
		((word *)p)[3] = w;
	}
	for (; n >= 4; n -= 4, p += 4)
		*(word *)p = w;
	for (; n > 0; n--)
		*p++ = (unsigned char)c;
	return d;
}
