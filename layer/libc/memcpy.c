/*
 * memcpy: copy N bytes between non-overlapping objects.
 *
 * Written with the string instructions (four bytes at a time, then the
 * tail) rather than a C loop: gcc turns copy loops into calls to memcpy,
 * which here would be a call to itself.
 */
#include <string.h>

void *
memcpy(void *__restrict d, const void *__restrict s, size_t n)
{
	void *p = d;
	size_t words = n >> 2, rest = n & 3;

	__asm__ volatile ("rep movsl\n\t"
	    "movl %3, %%ecx\n\t"
	    "rep movsb"
	    : "+D" (p), "+S" (s), "+c" (words)
	    : "r" (rest)
	    : "memory");
	return d;
}
