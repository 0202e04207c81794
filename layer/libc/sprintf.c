/*
 * sprintf, snprintf, vsprintf, vsnprintf: formatted output to memory.
 *
 * snprintf writes at most N - 1 bytes and a NUL (nothing when N is 0) and
 * returns the length the whole output would have had.  sprintf trusts the
 * caller's buffer to be big enough.
 */
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "format.h"
#include "stdio_impl.h"

struct string_sink {
	struct vk_sink	sink;
	char		*p;		/* where the next byte goes */
	size_t		room;		/* bytes left before the NUL's place */
};

/* Short pieces are copied by hand: a call to memcpy costs more than the
 * copy under emulation. */
static void
put_string(struct vk_sink *s, const char *p, size_t n)
{
	struct string_sink *ss = (struct string_sink *)s;
	size_t k = n < ss->room ? n : ss->room;
	char *d = ss->p;

	ss->p += k;
	ss->room -= k;
	s->count += n;
	if (k > 16) {
		memcpy(d, p, k);
		return;
	}
	while (k-- > 0)
		*d++ = *p++;
}

int
vsnprintf(char *__restrict s, size_t n, const char *__restrict fmt, va_list ap)
{
	char dummy;
	struct string_sink ss;
	int r;

	if (n == 0) {
		s = &dummy;
		n = 1;
	}
	ss.sink.put = put_string;
	ss.sink.count = 0;
	ss.sink.error = 0;
	ss.p = s;
	ss.room = n - 1;
	r = __vk_format(&ss.sink, fmt, ap);
	*ss.p = '\0';
	return r;
}

int
snprintf(char *__restrict s, size_t n, const char *__restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(s, n, fmt, ap);
	va_end(ap);
	return r;
}

int
vsprintf(char *__restrict s, const char *__restrict fmt, va_list ap)
{
	return vsnprintf(s, SIZE_MAX / 2, fmt, ap);
}

int
sprintf(char *__restrict s, const char *__restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsprintf(s, fmt, ap);
	va_end(ap);
	return r;
}
