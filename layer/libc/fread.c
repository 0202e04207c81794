/*
 * fread and __vk_fill, the refill behind every input function.
 *
 * The end-of-file indicator is sticky, as C11 requires: once set, input
 * functions return EOF without reading until clearerr, fseek or ungetc.
 * Before stdin is refilled, stdout is flushed, so a prompt written without
 * a newline appears before the program waits for input.  Large reads go
 * straight into the caller's memory once the buffer is empty.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "stdio_impl.h"

/* Make F ready to read: flush pending output first. */
static int
to_read_mode(FILE *f)
{
	if (!(f->flags & F_READ)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return EOF;
	}
	if (f->mode == M_WRITE && __vk_flush_out(f) != 0)
		return EOF;
	if (f->mode != M_READ) {
		__vk_stdio_buffer(f);
		f->mode = M_READ;
		f->rpos = f->rend = f->buf;
	}
	return 0;
}

/* Read into P (LEN bytes) from F's descriptor, noting end of file and
 * errors in F's flags; returns what read returned. */
static ssize_t
raw_read(FILE *f, void *p, size_t len)
{
	ssize_t n;

	if (f == stdin && stdout->mode == M_WRITE)
		__vk_flush_out(stdout);
	do
		n = read(f->fd, p, len);
	while (n < 0 && errno == EINTR);
	if (n == 0)
		f->flags |= F_EOF;
	else if (n < 0)
		f->flags |= F_ERR;
	return n;
}

int
__vk_fill(FILE *f)
{
	ssize_t n;

	if (to_read_mode(f) != 0 || (f->flags & F_EOF))
		return EOF;
	n = raw_read(f, f->buf, f->size);
	if (n <= 0)
		return EOF;
	f->rpos = f->buf;
	f->rend = f->buf + n;
	return 0;
}

size_t
fread(void *__restrict p, size_t size, size_t n, FILE *__restrict f)
{
	unsigned char *d = p;
	size_t want, got = 0, k;
	ssize_t r;

	if (size == 0 || n == 0)
		return 0;
	if (n > (size_t)-1 / size) {
		f->flags |= F_ERR;
		errno = EOVERFLOW;
		return 0;
	}
	want = size * n;
	if (to_read_mode(f) != 0)
		return 0;
	while (got < want) {
		k = (size_t)(f->rend - f->rpos);
		if (k > 0) {
			if (k > want - got)
				k = want - got;
			memcpy(d + got, f->rpos, k);
			f->rpos += k;
			got += k;
			continue;
		}
		if (f->flags & F_EOF)
			break;
		if (want - got >= f->size) {
			r = raw_read(f, d + got, want - got);
			if (r <= 0)
				break;
			got += (size_t)r;
		} else if (__vk_fill(f) != 0)
			break;
	}
	return got / size;
}
