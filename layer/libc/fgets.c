/*
 * fgets: read a line (up to and including the newline) of at most N - 1
 * bytes into S and terminate it.  Returns S, or NULL at end of file with
 * nothing read, or after a read error.
 */
#include <string.h>

#include "stdio_impl.h"

char *
fgets(char *__restrict s, int n, FILE *__restrict f)
{
	size_t left, k;
	char *p = s;
	unsigned char *nl;

	if (n <= 0)
		return NULL;
	for (left = (size_t)n - 1; left > 0; left -= k) {
		if ((f->mode != M_READ || f->rpos == f->rend) && __vk_fill(f) != 0) {
			if (f->flags & F_ERR)
				return NULL;
			break;
		}
		k = (size_t)(f->rend - f->rpos);
		if (k > left)
			k = left;
		nl = memchr(f->rpos, '\n', k);
		if (nl != NULL)
			k = (size_t)(nl - f->rpos) + 1;
		memcpy(p, f->rpos, k);
		p += k;
		f->rpos += k;
		if (nl != NULL)
			break;
	}
	if (p == s && n > 1)
		return NULL;
	*p = '\0';
	return s;
}
