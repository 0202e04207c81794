/*
 * fputc, putc, putchar: write one byte; returns it as an unsigned char, or
 * EOF on error.
 */
#include "stdio_impl.h"

int
fputc(int c, FILE *f)
{
	unsigned char b = (unsigned char)c;

	if (f->mode == M_WRITE && f->wpos < f->buf + f->size && !(f->flags & F_NBF) &&
	    !((f->flags & F_LBF) && b == '\n')) {
		*f->wpos++ = b;
		return b;
	}
	return __vk_fwrite(f, &b, 1) == 1 ? b : EOF;
}

int
putc(int c, FILE *f)
{
	return fputc(c, f);
}

int
putchar(int c)
{
	return fputc(c, stdout);
}
