/*
 * fwrite and __vk_fwrite, the path of every output function.
 *
 * Bytes are copied into the buffer and written when it fills; a write at
 * least as large as the buffer goes straight to the descriptor once the
 * buffer is empty.  A line-buffered stream is flushed up to the last
 * newline among the bytes written (the rest stays buffered, as glibc
 * does), an unbuffered one before returning.  Unread input is dropped
 * (seeking back over it) before writing starts.
 */
#include <errno.h>
#include <string.h>

#include "stdio_impl.h"

/* Make F ready to write. */
static int
to_write_mode(FILE *f)
{
	if (!(f->flags & F_WRITE)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return EOF;
	}
	if (f->mode == M_READ) {
		__vk_drop_in(f);
		if (f->mode == M_READ) {		/* could not seek back */
			f->rpos = f->rend = f->buf;
			f->mode = M_IDLE;
		}
	}
	if (f->mode != M_WRITE) {
		__vk_stdio_buffer(f);
		f->mode = M_WRITE;
		f->wpos = f->buf;
	}
	return 0;
}

/* Copy or write LEN bytes from S; the number accepted. */
static size_t
put_bytes(FILE *f, const unsigned char *s, size_t len)
{
	size_t done = 0, room, k;

	while (done < len) {
		room = (size_t)(f->buf + f->size - f->wpos);
		if (f->wpos == f->buf && len - done >= f->size) {
			k = __vk_write_all(f->fd, s + done, len - done);
			done += k;
			if (done < len)
				f->flags |= F_ERR;
			return done;
		}
		if (room == 0) {
			if (__vk_flush_out(f) != 0)
				return done;
			f->mode = M_WRITE;
			f->wpos = f->buf;
			continue;
		}
		k = len - done < room ? len - done : room;
		memcpy(f->wpos, s + done, k);
		f->wpos += k;
		done += k;
	}
	return done;
}

/* The length of P's prefix up to and including its last newline, or 0. */
static size_t
through_last_newline(const unsigned char *p, size_t len)
{
	while (len > 0 && p[len - 1] != '\n')
		len--;
	return len;
}

size_t
__vk_fwrite(FILE *f, const void *p, size_t len)
{
	const unsigned char *s = p;
	size_t done = 0, lines = 0;

	if (len == 0 || to_write_mode(f) != 0)
		return 0;
	if (f->flags & F_LBF)
		lines = through_last_newline(s, len);
	if (lines > 0) {
		done = put_bytes(f, s, lines);
		if (done < lines || __vk_flush_out(f) != 0)
			return done;
		f->mode = M_WRITE;
		f->wpos = f->buf;
	}
	done += put_bytes(f, s + done, len - done);
	if ((f->flags & F_NBF) && __vk_flush_out(f) != 0)
		return 0;
	return done;
}

size_t
fwrite(const void *__restrict p, size_t size, size_t n, FILE *__restrict f)
{
	if (size == 0 || n == 0)
		return 0;
	if (n > (size_t)-1 / size) {
		f->flags |= F_ERR;
		errno = EOVERFLOW;
		return 0;
	}
	return __vk_fwrite(f, p, size * n) / size;
}
