/*
 * memset: fill N bytes with the byte C.
 *
 * The string instructions again (see memcpy.c for why not a C loop): the
 * byte is replicated into a word, stored four bytes at a time, then the
 * tail.
 */
#include <string.h>

void *
memset(void *d, int c, size_t n)
{
	void *p = d;
	unsigned int word = (unsigned char)c * 0x01010101u;
	size_t words = n >> 2, rest = n & 3;

	__asm__ volatile ("rep stosl\n\t"
	    "movl %3, %%ecx\n\t"
	    "rep stosb"
	    : "+D" (p), "+c" (words)
	    : "a" (word), "r" (rest)
	    : "memory");
	return d;
}
