/*
 * fflush: write out a stream's pending output (all streams for NULL).
 *
 * On an input stream, fflush drops the unread buffered input and moves
 * the file offset back to where the program has read, when the file can
 * seek (POSIX); on a pipe the input is kept.  A failed write sets the
 * error indicator and drops the output that could not be written.
 */
#include <errno.h>
#include <unistd.h>

#include "libc_private.h"
#include "stdio_impl.h"

int
__vk_flush_out(FILE *f)
{
	size_t len;

	if (f->mode != M_WRITE)
		return 0;
	len = (size_t)(f->wpos - f->buf);
	f->mode = M_IDLE;
	f->wpos = f->buf;
	if (__vk_write_all(f->fd, f->buf, len) != len) {
		f->flags |= F_ERR;
		return EOF;
	}
	return 0;
}

void
__vk_drop_in(FILE *f)
{
	long unread;

	if (f->mode != M_READ)
		return;
	unread = (long)(f->rend - f->rpos);
	if (unread > 0 && lseek(f->fd, -(off_t)unread, SEEK_CUR) < 0)
		return;			/* cannot seek: keep the input */
	f->mode = M_IDLE;
	f->rpos = f->rend = f->buf;
}

int
fflush(FILE *f)
{
	struct __vk_file *g;
	int r = 0;

	if (f == NULL) {
		for (g = __vk_stdio_head; g != NULL; g = g->next)
			if (g->mode == M_WRITE && __vk_flush_out(g) != 0)
				r = EOF;
		return r;
	}
	if (f->mode == M_WRITE)
		return __vk_flush_out(f);
	__vk_drop_in(f);
	return 0;
}
