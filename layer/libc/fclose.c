/*
 * fclose, freopen: close a stream (and its descriptor), or reuse it for
 * another file.
 *
 * fclose writes out pending output, closes the descriptor and frees the
 * stream; the standard streams are static, so they are only marked closed
 * (any later use fails with EBADF).  Returns 0, or EOF if the flush or the
 * close failed; the stream is gone either way.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "stdio_impl.h"

/* Flush and close F's descriptor and buffer, keeping the FILE. */
static int
shut(FILE *f)
{
	int r = 0;

	if (f->mode == M_WRITE && __vk_flush_out(f) != 0)
		r = EOF;
	if (f->fd >= 0 && close(f->fd) != 0)
		r = EOF;
	free(f->alloc);
	f->alloc = NULL;
	f->buf = f->rpos = f->rend = f->wpos = NULL;
	f->mode = M_IDLE;
	f->fd = -1;
	return r;
}

int
fclose(FILE *f)
{
	int r = shut(f);

	__vk_stdio_unlink(f);
	if (f->flags & F_STATIC)
		f->flags = F_STATIC;
	else
		free(f);
	return r;
}

/*
 * freopen: open PATH with MODE on the existing stream F (the old file is
 * closed first, errors ignored).  Changing the mode of the same file
 * (PATH NULL) is not supported: EBADF.  On failure F is closed and NULL
 * returned.
 */
FILE *
freopen(const char *__restrict path, const char *__restrict mode, FILE *__restrict f)
{
	int oflags, fd;
	unsigned fflags;

	shut(f);
	if (path == NULL) {
		errno = EBADF;
		fclose(f);
		return NULL;
	}
	if (__vk_parse_mode(mode, &oflags, &fflags) != 0 ||
	    (fd = open(path, oflags, 0666)) < 0) {
		fclose(f);
		return NULL;
	}
	f->fd = fd;
	f->flags = (f->flags & (F_STATIC | F_LBF | F_NBF)) | fflags;
	if (f->prev == NULL && __vk_stdio_head != f)
		__vk_stdio_link(f);		/* it had been fclose'd */
	return f;
}
