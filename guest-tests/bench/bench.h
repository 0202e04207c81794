/*
 * guest-tests/bench/bench.h: the one difference between the two builds of a
 * benchmark source, hidden behind bench_write().
 *
 * Built with -DBENCH_VK, a source is a native vkrun guest: freestanding, linked
 * with guest-tests/rt (crt0.S, vkrt.c), every call an int 0x81 message.
 * Without it, it is an ordinary static Linux i386 program on glibc.  Nothing
 * else differs, so the code under measurement is literally the same function.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>

#ifdef BENCH_VK
#include "guest-tests/rt/vkrt.h"
#define bench_write(fd, buf, n)	vk_write((fd), (buf), (n))
#else
#include <unistd.h>
#define bench_write(fd, buf, n)	write((fd), (buf), (n))
#endif

/* Print S on fd 1 (no newline added). */
static inline void
bench_puts(const char *s)
{
	uint32_t n = 0;

	while (s[n] != '\0')
		n++;
	bench_write(1, s, n);
}

/* Print V in decimal on fd 1 (no newline added).  64-bit division comes
 * from libgcc, which both builds link. */
static inline void
bench_putu(uint64_t v)
{
	char buf[24];
	char *p = buf + sizeof(buf);

	*--p = '\0';
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	bench_puts(p);
}

/* Print V as 8 hex digits on fd 1. */
static inline void
bench_puthex(uint32_t v)
{
	char buf[9];

	for (int i = 0; i < 8; i++)
		buf[i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 0xf];
	buf[8] = '\0';
	bench_puts(buf);
}

/* Parse a decimal argument; return DFLT when S is absent or not all digits. */
static inline uint32_t
bench_arg(const char *s, uint32_t dflt)
{
	uint32_t v = 0;

	if (s == 0 || *s == '\0')
		return dflt;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return dflt;
		v = v * 10 + (uint32_t)(*s - '0');
	}
	return v;
}

#endif
