/*
 * guest-tests/bench/bench.h: the one difference between the two builds of a
 * benchmark source, hidden behind bench_write().
 *
 * Built with -DBENCH_VK (and -ffreestanding -nostdlib, with
 * -I$top_srcdir -I$top_builddir/vkernel for vk_sysmsg.h), a source is a raw
 * vkrun guest (no ABI note, so the kernel maps no layer: docs/abi.md
 * section 6) that needs nothing else to link: this header supplies its
 * _start (argc and argv from the initial stack, then main, then an exit
 * message) and bench_write() as a write message, each sent with int $0x81
 * (docs/abi.md sections 1 to 3).  No crt0, libc or layer is involved, so
 * nothing but the code under measurement runs.  Without BENCH_VK, a source
 * is an ordinary hosted i386 program (static glibc, or the SDK's libc when
 * built with layer/vkcc) and bench_write() is write(2).  Nothing else
 * differs, so the code under measurement is literally the same function.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>

#ifdef BENCH_VK
#include "vk_sysmsg.h"

int main(int argc, char **argv);

/* sendsys(0, M, M->ms_size): 0, or the gate's or the command's error. */
static inline int
bench_send(struct vk_msghdr *m)
{
	int err;

	__asm__ volatile ("int $0x81" : "=a" (err) : "a" (0), "c" (m), "d" (m->ms_size) : "memory");
	return err != 0 ? err : m->ms_error;
}

static inline int32_t
bench_vk_write(int fd, const void *buf, uint32_t n)
{
	struct vk_msg_write m = {
		.hdr = { .ms_cmd = VK_SYS_write, .ms_size = sizeof(m) },
		.fd = fd, .buf = (uint32_t)buf, .count = n,
	};

	return bench_send(&m.hdr) != 0 ? -1 : (int32_t)m.hdr.ms_result;
}

static __attribute__((noreturn)) void
bench_exit(int status)
{
	struct vk_msg_exit m = {
		.hdr = { .ms_cmd = VK_SYS_exit, .ms_size = sizeof(m) },
		.status = status,
	};

	bench_send(&m.hdr);
	for (;;)
		__asm__ volatile ("ud2");
}

/* Called by _start below with argc and argv; never returns.  Both live in a
 * section of their own, which the linker places after .text, so that the
 * code under measurement is followed by the same linker padding as in the
 * other build (scripts/bench compares the two disassemblies). */
__attribute__((noreturn, used, section(".text.bench_vk"))) void
bench_vk_start(int argc, char **argv)
{
	bench_exit(main(argc, argv));
}

/* The kernel starts us with %esp at argc, argv[] above it (abi.md section 5). */
__asm__(
	".section .text.bench_vk, \"ax\", @progbits\n"
	".globl _start\n"
	".type _start, @function\n"
	"_start:\n"
	"	xorl %ebp, %ebp\n"
	"	movl (%esp), %eax\n"		/* argc */
	"	leal 4(%esp), %ecx\n"		/* argv */
	"	andl $-16, %esp\n"
	"	subl $8, %esp\n"		/* 8 + 2 pushes = 16: aligned at the call */
	"	pushl %ecx\n"
	"	pushl %eax\n"
	"	call bench_vk_start\n"
	"	ud2\n"
	".size _start, . - _start\n"
	".text\n"
);

#define bench_write(fd, buf, n)	bench_vk_write((fd), (buf), (n))
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
