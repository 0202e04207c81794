/*
 * format.h: the printf engine shared by every printf-family function.
 *
 * __vk_format walks a format string and sends its output, piece by piece,
 * to a sink: a string buffer (sprintf, snprintf), or a staging buffer in
 * front of a stream (fprintf) or a descriptor (dprintf).  Floating-point
 * conversions live in fmt_float.c.
 */
#ifndef VK_FORMAT_H
#define VK_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

struct vk_sink {
	void	(*put)(struct vk_sink *, const char *, size_t);
	size_t	count;		/* bytes produced so far (put adds them) */
	int	error;		/* set by put on an output error */
};

/* Conversion flags. */
#define FL_LEFT		0x01	/* - */
#define FL_PLUS		0x02	/* + */
#define FL_SPACE	0x04	/* space */
#define FL_ALT		0x08	/* # */
#define FL_ZERO		0x10	/* 0 */
#define FL_UPPER	0x20	/* the conversion letter was upper case */

struct vk_spec {
	unsigned	flags;
	int		width;		/* 0 when none */
	int		prec;		/* -1 when none */
	char		conv;		/* conversion letter, lower case */
};

/*
 * A sink that collects the output in a buffer and passes it on a buffer at
 * a time (pieces of a buffer or more directly), through DRAIN, which
 * returns 0 or -1 on an output error.  The many small pieces of a format
 * then cost one call each instead of a trip down the output path, and a
 * short message reaches an unbuffered stream or a descriptor in one write.
 * Embed it first in a struct that also holds what DRAIN needs.
 */
#define VK_STAGE_SIZE	512

struct vk_stage {
	struct vk_sink	sink;
	int		(*drain)(struct vk_stage *, const char *, size_t);
	size_t		staged;
	char		buf[VK_STAGE_SIZE];
};

/* stage.c: set ST up with DRAIN; pass on what is still staged. */
void __vk_stage_init(struct vk_stage *st, int (*drain)(struct vk_stage *, const char *, size_t));
void __vk_stage_flush(struct vk_stage *st);

/*
 * Format FMT with AP into OUT.  Returns the number of bytes produced, or
 * -1 when that exceeds INT_MAX (errno EOVERFLOW) or the sink reported an
 * error.
 */
int __vk_format(struct vk_sink *out, const char *fmt, va_list ap);

/* Output helpers for the conversions. */
void __vk_out(struct vk_sink *out, const char *s, size_t n);
void __vk_pad(struct vk_sink *out, char c, size_t n);

/* fmt_float.c: one e, f, g or a conversion (SPEC->conv) of V, which came
 * from a long double argument when IS_LONG, else from a double. */
void __vk_format_float(struct vk_sink *out, const struct vk_spec *spec,
    long double v, int is_long);

#endif
