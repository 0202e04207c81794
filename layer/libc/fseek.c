/*
 * fseek, fseeko, ftell, ftello, rewind, fgetpos, fsetpos: the stream's
 * position.
 *
 * Seeking writes out pending output, forgets buffered and pushed-back
 * input, clears the end-of-file indicator and moves the descriptor's
 * offset.  The position of a stream is the descriptor's offset, less the
 * input still buffered or plus the output not yet written.  ftell fails
 * with EOVERFLOW when the position does not fit a long (32 bits); use
 * ftello, whose off_t is 64-bit.
 */
#include <errno.h>
#include <limits.h>
#include <unistd.h>

#include "stdio_impl.h"

int
fseeko(FILE *f, off_t off, int whence)
{
	if (f->mode == M_WRITE && __vk_flush_out(f) != 0)
		return -1;
	if (f->mode == M_READ) {
		if (whence == SEEK_CUR)
			off -= f->rend - f->rpos;
		f->rpos = f->rend = f->buf;
		f->mode = M_IDLE;
	}
	if (lseek(f->fd, off, whence) < 0)
		return -1;
	f->flags &= ~(unsigned)F_EOF;
	return 0;
}

int
fseek(FILE *f, long off, int whence)
{
	return fseeko(f, off, whence);
}

off_t
ftello(FILE *f)
{
	off_t pos;

	if ((f->flags & F_APPEND) && f->mode == M_WRITE && __vk_flush_out(f) != 0)
		return -1;
	pos = lseek(f->fd, 0, SEEK_CUR);
	if (pos < 0)
		return -1;
	if (f->mode == M_READ)
		pos -= f->rend - f->rpos;
	else if (f->mode == M_WRITE)
		pos += f->wpos - f->buf;
	return pos;
}

long
ftell(FILE *f)
{
	off_t pos = ftello(f);

	if (pos > LONG_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	return (long)pos;
}

void
rewind(FILE *f)
{
	fseeko(f, 0, SEEK_SET);
	f->flags &= ~(unsigned)F_ERR;
}

int
fgetpos(FILE *__restrict f, fpos_t *__restrict pos)
{
	off_t p = ftello(f);

	if (p < 0)
		return -1;
	*pos = p;
	return 0;
}

int
fsetpos(FILE *f, const fpos_t *pos)
{
	return fseeko(f, *pos, SEEK_SET);
}
