/*
 * setvbuf, setbuf: choose a stream's buffering, before its first I/O.
 *
 * _IONBF: unbuffered.  _IOLBF: flushed at each newline written.  _IOFBF:
 * flushed when full.  A caller's buffer BUF of SIZE bytes is used as is,
 * less 8 bytes of push-back room at its start; with BUF NULL a buffer of
 * SIZE bytes (BUFSIZ when 0) is allocated on first use.  Returns 0, or
 * EOF for a bad mode or when the stream already holds buffered data.
 */
#include <stdlib.h>

#include "stdio_impl.h"

int
setvbuf(FILE *__restrict f, char *__restrict buf, int mode, size_t size)
{
	unsigned char *mem;

	if ((mode != _IONBF && mode != _IOLBF && mode != _IOFBF) || f->mode != M_IDLE)
		return EOF;
	f->flags &= ~(unsigned)(F_LBF | F_NBF);
	free(f->alloc);
	f->alloc = NULL;
	f->buf = NULL;
	if (mode == _IONBF) {
		f->flags |= F_NBF;
		return 0;
	}
	if (mode == _IOLBF)
		f->flags |= F_LBF;
	if (size == 0)
		size = BUFSIZ;
	if (buf != NULL && size > 2 * UNGET) {
		f->buf = (unsigned char *)buf + UNGET;
		f->size = size - UNGET;
		return 0;
	}
	mem = malloc(UNGET + size);
	if (mem == NULL)
		return 0;		/* __vk_stdio_buffer will try again */
	f->alloc = mem;
	f->buf = mem + UNGET;
	f->size = size;
	return 0;
}

void
setbuf(FILE *__restrict f, char *__restrict buf)
{
	setvbuf(f, buf, buf != NULL ? _IOFBF : _IONBF, BUFSIZ);
}
