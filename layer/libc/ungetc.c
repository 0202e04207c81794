/*
 * ungetc: push C back onto an input stream, to be read next.  One
 * character is always possible, up to 8 while the buffered input starts at
 * the buffer's start.  Clears the end-of-file indicator; the file position
 * moves back by one.  Returns C, or EOF.
 */
#include "stdio_impl.h"

int
ungetc(int c, FILE *f)
{
	if (c == EOF || !(f->flags & F_READ))
		return EOF;
	if (f->mode == M_WRITE && __vk_flush_out(f) != 0)
		return EOF;
	if (f->mode != M_READ) {
		__vk_stdio_buffer(f);
		f->mode = M_READ;
		f->rpos = f->rend = f->buf;
	}
	if (f->rpos == f->rend)
		f->rpos = f->rend = f->buf;	/* empty: push back at the top */
	if (f->rpos <= f->buf - UNGET)
		return EOF;
	*--f->rpos = (unsigned char)c;
	f->flags &= ~(unsigned)F_EOF;
	return (unsigned char)c;
}
