/*
 * printf, fprintf, vprintf, vfprintf: formatted output to a stream.
 *
 * Output goes through the stream's buffer piece by piece.  For an
 * unbuffered stream (stderr) it is first assembled in a local buffer of
 * 512 bytes, so that a short message reaches the descriptor in one write
 * instead of one write per piece.  Returns the number of bytes written, or
 * -1 on an output error or when the count would exceed INT_MAX.
 */
#include <stdarg.h>
#include <string.h>

#include "format.h"
#include "stdio_impl.h"

#define STAGE_SIZE	512

struct file_sink {
	struct vk_sink	sink;
	FILE		*f;
	size_t		staged;
	char		stage[STAGE_SIZE];
};

static void
put_file(struct vk_sink *s, const char *p, size_t n)
{
	struct file_sink *fs = (struct file_sink *)s;

	s->count += n;
	if (__vk_fwrite(fs->f, p, n) != n)
		s->error = 1;
}

static void
flush_stage(struct file_sink *fs)
{
	if (fs->staged > 0 && __vk_fwrite(fs->f, fs->stage, fs->staged) != fs->staged)
		fs->sink.error = 1;
	fs->staged = 0;
}

static void
put_staged(struct vk_sink *s, const char *p, size_t n)
{
	struct file_sink *fs = (struct file_sink *)s;

	s->count += n;
	if (fs->staged + n > STAGE_SIZE)
		flush_stage(fs);
	if (n >= STAGE_SIZE) {
		if (__vk_fwrite(fs->f, p, n) != n)
			s->error = 1;
		return;
	}
	memcpy(fs->stage + fs->staged, p, n);
	fs->staged += n;
}

int
vfprintf(FILE *__restrict f, const char *__restrict fmt, va_list ap)
{
	struct file_sink fs;
	int r;

	fs.sink.count = 0;
	fs.sink.error = 0;
	fs.f = f;
	fs.staged = 0;
	fs.sink.put = (f->flags & F_NBF) ? put_staged : put_file;
	r = __vk_format(&fs.sink, fmt, ap);
	flush_stage(&fs);
	return fs.sink.error ? -1 : r;
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
