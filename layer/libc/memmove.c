/*
 * memmove: copy N bytes between objects that may overlap.
 *
 * Copies forwards when the destination is below the source (or the two do
 * not overlap) and backwards otherwise, with the string instructions and
 * the direction flag, which is cleared again before returning as the ABI
 * requires.
 */
#include <string.h>

void *
memmove(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	if (dp == sp || n == 0)
		return d;
	if (dp < sp || dp >= sp + n)
		return memcpy(d, s, n);
	dp += n - 1;
	sp += n - 1;
	__asm__ volatile ("std\n\t"
	    "rep movsb\n\t"
	    "cld"
	    : "+D" (dp), "+S" (sp), "+c" (n)
	    :
	    : "memory");
	return d;
}
