/*
 * printf, fprintf, vprintf, vfprintf: formatted output to a stream.
 *
 * The output is staged (see format.h) and handed to the stream's buffer a
 * staging buffer at a time.  Returns the number of bytes written, or -1 on
 * an output error or when the count would exceed INT_MAX.
 */
#include <stdarg.h>

#include "format.h"
#include "stdio_impl.h"

struct file_stage {
	struct vk_stage	st;
	FILE		*f;
};

static int
to_file(struct vk_stage *st, const char *p, size_t n)
{
	return __vk_fwrite(((struct file_stage *)st)->f, p, n) == n ? 0 : -1;
}

int
vfprintf(FILE *__restrict f, const char *__restrict fmt, va_list ap)
{
	struct file_stage fs;
	int r;

	__vk_stage_init(&fs.st, to_file);
	fs.f = f;
	r = __vk_format(&fs.st.sink, fmt, ap);
	__vk_stage_flush(&fs.st);
	return fs.st.sink.error ? -1 : r;
}

int
fprintf(FILE *__restrict f, const char *__restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(f, fmt, ap);
	va_end(ap);
	return r;
}

int
vprintf(const char *__restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int
printf(const char *__restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return r;
}
