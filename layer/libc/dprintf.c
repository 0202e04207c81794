/*
 * dprintf, vdprintf: formatted output straight to a descriptor, staged
 * (see format.h) and written a staging buffer at a time.
 */
#include <stdarg.h>

#include "format.h"
#include "stdio_impl.h"

struct fd_stage {
	struct vk_stage	st;
	int		fd;
};

static int
to_fd(struct vk_stage *st, const char *p, size_t n)
{
	return __vk_write_all(((struct fd_stage *)st)->fd, p, n) == n ? 0 : -1;
}

int
vdprintf(int fd, const char *__restrict fmt, va_list ap)
{
	struct fd_stage fs;
	int r;

	__vk_stage_init(&fs.st, to_fd);
	fs.fd = fd;
	r = __vk_format(&fs.st.sink, fmt, ap);
	__vk_stage_flush(&fs.st);
	return fs.st.sink.error ? -1 : r;
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
