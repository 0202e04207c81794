/*
 * __vk_stdio_buffer: give a stream its buffer on first use.
 *
 * Buffered streams get BUFSIZ bytes from malloc (plus the push-back room
 * below them); unbuffered ones, and any stream when memory is short, use
 * the one byte inside the FILE, whose push-back room is also inside it.
 */
#include <stdlib.h>

#include "stdio_impl.h"

void
__vk_stdio_buffer(FILE *f)
{
	if (f->buf != NULL)
		return;
	if (!(f->flags & F_NBF)) {
		f->alloc = malloc(UNGET + BUFSIZ);
		if (f->alloc != NULL) {
			f->buf = f->alloc + UNGET;
			f->size = BUFSIZ;
			return;
		}
		f->flags = (f->flags & ~(unsigned)F_LBF) | F_NBF;
	}
	f->buf = f->small + UNGET;
	f->size = 1;
}
