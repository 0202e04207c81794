/*
 * dprintf, vdprintf: formatted output straight to a descriptor, assembled
 * in a local buffer of 512 bytes and written whenever it fills.
 */
#include <stdarg.h>
#include <string.h>

#include "format.h"
#include "stdio_impl.h"

#define STAGE_SIZE	512

struct fd_sink {
	struct vk_sink	sink;
	int		fd;
	size_t		staged;
	char		stage[STAGE_SIZE];
};

static void
drain(struct fd_sink *fs, const char *p, size_t n)
{
	if (__vk_write_all(fs->fd, p, n) != n)
		fs->sink.error = 1;
}

static void
put_fd(struct vk_sink *s, const char *p, size_t n)
{
	struct fd_sink *fs = (struct fd_sink *)s;

	s->count += n;
	if (fs->staged + n > STAGE_SIZE) {
		drain(fs, fs->stage, fs->staged);
		fs->staged = 0;
	}
	if (n >= STAGE_SIZE) {
		drain(fs, p, n);
		return;
	}
	memcpy(fs->stage + fs->staged, p, n);
	fs->staged += n;
}

int
vdprintf(int fd, const char *__restrict fmt, va_list ap)
{
	struct fd_sink fs;
	int r;

	fs.sink.put = put_fd;
	fs.sink.count = 0;
	fs.sink.error = 0;
	fs.fd = fd;
	fs.staged = 0;
	r = __vk_format(&fs.sink, fmt, ap);
	if (fs.staged > 0)
		drain(&fs, fs.stage, fs.staged);
	return fs.sink.error ? -1 : r;
}

int
dprintf(int fd, const char *__restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vdprintf(fd, fmt, ap);
	va_end(ap);
	return r;
}
