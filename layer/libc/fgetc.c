/*
 * fgetc, getc, getchar: one byte of input as an unsigned char, or EOF.
 */
#include "stdio_impl.h"

int
fgetc(FILE *f)
{
	if (f->mode == M_READ && f->rpos < f->rend)
		return *f->rpos++;
	if (__vk_fill(f) != 0)
		return EOF;
	return *f->rpos++;
}

int
getc(FILE *f)
{
	return fgetc(f);
}

int
getchar(void)
{
	return fgetc(stdin);
}
