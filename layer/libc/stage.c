/*
 * stage.c: the staging sink of fprintf and dprintf (see format.h).
 *
 * Short pieces are copied by hand: under emulation a call to memcpy costs
 * more than copying a few bytes.  The first drain error is remembered in
 * the sink; later output is still counted, as printf's return value
 * requires, but the result reports the error.
 */
#include <string.h>

#include "format.h"

#define SHORT_PIECE	16

static void
drain(struct vk_stage *st, const char *p, size_t n)
{
	if (n > 0 && st->drain(st, p, n) != 0)
		st->sink.error = 1;
}

void
__vk_stage_flush(struct vk_stage *st)
{
	drain(st, st->buf, st->staged);
	st->staged = 0;
}

static void
put_staged(struct vk_sink *s, const char *p, size_t n)
{
	struct vk_stage *st = (struct vk_stage *)s;
	char *d;

	s->count += n;
	if (st->staged + n > VK_STAGE_SIZE)
		__vk_stage_flush(st);
	if (n >= VK_STAGE_SIZE) {
		drain(st, p, n);
		return;
	}
	d = st->buf + st->staged;
	st->staged += n;
	if (n > SHORT_PIECE) {
		memcpy(d, p, n);
		return;
	}
	while (n-- > 0)
		*d++ = *p++;
}

void
__vk_stage_init(struct vk_stage *st, int (*fn)(struct vk_stage *, const char *, size_t))
{
	st->sink.put = put_staged;
	st->sink.count = 0;
	st->sink.error = 0;
	st->drain = fn;
	st->staged = 0;
}
