/*
 * guest-tests/brk.c: the program break, with Linux's brk semantics, through
 * the layer's raw __vk_brk (slot 8) and libc's brk/sbrk on top of it.
 *
 * Pins down: __vk_brk(0) returns the current break, which is page-aligned
 * and lies at or after the end of the program (.bss and the stub page);
 * growing returns exactly the requested address and the new memory is zero
 * and writable (1 MiB in 64 steps, every page written and read back); an
 * unaligned break is returned as asked; shrinking returns the new break, and
 * memory regained by growing again is zero; a request below the initial
 * break, into the stack's reserved area or beyond the address space, or over
 * another mapping fails by returning the unchanged break (and leaves that
 * mapping alone) without touching errno; libc's sbrk(0) agrees with the raw
 * break, sbrk(n) returns the old break and moves it by n, and brk to an
 * impossible address is -1 with ENOMEM.  Nothing here calls malloc (stdout
 * is written only at the end), so the break is ours alone.
 */
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"

#define PAGE	4096u
#define STEP	(16u * 1024)
#define STEPS	64u			/* 64 * 16 KiB = 1 MiB */

extern char _end[];
extern char __vk_stubs[];

static uint32_t
rawbrk(uint32_t addr)
{
	return (uint32_t)__vk_brk((void *)addr);
}

static void
grow(uint32_t b0)
{
	uint32_t i, a;

	for (i = 1; i <= STEPS; i++) {
		uint32_t want = b0 + i * STEP;

		CHECK_EQ(rawbrk(want), want);
		for (a = want - STEP; a < want; a += PAGE) {
			CHECK_EQ(*(volatile uint32_t *)a, 0);
			*(volatile uint32_t *)a = a;
			*(volatile uint8_t *)(a + PAGE - 1) = 0xa5;
		}
	}
	CHECK_EQ(rawbrk(0), b0 + STEPS * STEP);
	for (a = b0; a < b0 + STEPS * STEP; a += PAGE) {
		CHECK_EQ(*(volatile uint32_t *)a, a);
		CHECK_EQ(*(volatile uint8_t *)(a + PAGE - 1), 0xa5);
	}
}

static void
shrink_and_regrow(uint32_t b0)
{
	uint32_t half = b0 + STEPS * STEP / 2, a;

	CHECK_EQ(rawbrk(half), half);
	CHECK_EQ(rawbrk(0), half);
	CHECK_EQ(*(volatile uint32_t *)b0, b0);		/* below the break: kept */
	CHECK_EQ(rawbrk(b0 + STEPS * STEP), b0 + STEPS * STEP);
	for (a = half; a < b0 + STEPS * STEP; a += PAGE)
		CHECK_EQ(*(volatile uint32_t *)a, 0);	/* regained: zero again */
	CHECK_EQ(rawbrk(b0), b0);
}

static void
failures_leave_the_break(uint32_t b0)
{
	uint8_t *m;

	errno = 4321;
	CHECK_EQ(rawbrk(0xff000000u), b0);		/* the stack is up there */
	CHECK_EQ(rawbrk(0xfffff000u), b0);
	CHECK_EQ(rawbrk(0xffffffffu), b0);
	CHECK_EQ(rawbrk(b0 - PAGE), b0);		/* below the initial break */
	CHECK_EQ(rawbrk(PAGE), b0);
	CHECK_EQ(rawbrk(0), b0);
	CHECK_EQ(errno, 4321);				/* the raw call never sets it */

	/* The break cannot grow over a mapping in its way. */
	m = mmap((void *)(b0 + 2 * STEPS * STEP), PAGE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(m == (uint8_t *)(b0 + 2 * STEPS * STEP));
	*m = 7;
	CHECK_EQ(rawbrk(b0 + 3 * STEPS * STEP), b0);
	CHECK_EQ(*m, 7);
	CHECK_EQ(munmap(m, PAGE), 0);
	CHECK_EQ(rawbrk(0), b0);
}

static void
libc_brk_sbrk(uint32_t b0)
{
	CHECK_EQ((uint32_t)sbrk(0), b0);
	CHECK_EQ((uint32_t)sbrk(PAGE), b0);		/* the old break */
	CHECK_EQ(rawbrk(0), b0 + PAGE);
	*(volatile char *)b0 = 1;
	CHECK_EQ((uint32_t)sbrk(-(intptr_t)PAGE), b0 + PAGE);
	CHECK_EQ(rawbrk(0), b0);
	CHECK_EQ(brk((void *)(b0 + 2 * PAGE)), 0);
	CHECK_EQ(rawbrk(0), b0 + 2 * PAGE);
	CHECK_ERR(brk((void *)0xfffff000u), ENOMEM);
	CHECK_EQ(rawbrk(0), b0 + 2 * PAGE);
	CHECK_EQ(brk((void *)b0), 0);
	CHECK_EQ((uint32_t)sbrk(0), b0);
}

int
main(void)
{
	uint32_t b0 = rawbrk(0);

	CHECK(b0 >= (uint32_t)_end);
	CHECK(b0 >= (uint32_t)__vk_stubs + PAGE);	/* the stub page is below it */
	CHECK_EQ(b0 % PAGE, 0);				/* Linux page-aligns it */
	CHECK(b0 < 0xc0000000u);
	CHECK_EQ(rawbrk(0), b0);
	failures_leave_the_break(b0);
	grow(b0);
	shrink_and_regrow(b0);

	/* An unaligned break is kept as asked, and its page is usable. */
	CHECK_EQ(rawbrk(b0 + 10), b0 + 10);
	CHECK_EQ(rawbrk(0), b0 + 10);
	*(volatile char *)(b0 + 9) = 1;
	CHECK_EQ(rawbrk(b0), b0);
	libc_brk_sbrk(b0);
	return test_passed();
}
