/*
 * guest-tests/mmap.c: anonymous mmap and munmap, with Linux semantics.
 *
 * Pins down: anonymous private maps of several sizes come back page-aligned,
 * zero-filled, writable to the last byte and disjoint; a hint that collides
 * with an existing mapping is not honoured at the cost of that mapping;
 * munmap then mmap again works; MAP_FIXED over the middle page of a mapping
 * returns exactly that address and replaces only that page with zeros; the
 * argument checks: len 0, an unaligned MAP_FIXED address, no MAP_PRIVATE or
 * MAP_SHARED, or unknown prot bits are EINVAL; a private file mapping holds
 * the file's bytes (zero past its end), a shared one is ENODEV, a bad
 * descriptor EBADF; munmap wants an aligned address and a length; unmapping an
 * unmapped range is fine; the reserved top of the address space can neither
 * be mapped over nor unmapped; an impossible size is ENOMEM.  Failures
 * return MAP_FAILED (mmap) or -1 (munmap) with errno set.
 */
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"

#define PAGE	4096u
#define RW	(PROT_READ | PROT_WRITE)
#define ANON	(MAP_PRIVATE | MAP_ANONYMOUS)

/* mmap returned MAP_FAILED and set errno to ERR. */
#define CHECK_MMAP_ERR(call, err)	CHECK_PTR_ERR(call, MAP_FAILED, err)

static const uint32_t sizes[] = { 1, PAGE, PAGE + 1, 64 * 1024, 1 << 20, 16 << 20 };
#define NSIZES	(sizeof(sizes) / sizeof(sizes[0]))

static uint32_t
round_up(uint32_t n)
{
	return (n + PAGE - 1) & ~(PAGE - 1);
}

static void
touch_every_page(uint8_t *p, uint32_t len, uint8_t tag)
{
	uint32_t i, end = round_up(len);

	for (i = 0; i < end; i += PAGE) {
		CHECK_EQ(p[i], 0);
		CHECK_EQ(p[i + PAGE - 1], 0);
		p[i] = tag;
		p[i + PAGE - 1] = tag;
	}
}

static void
several_sizes(void)
{
	uint8_t *map[NSIZES], *other;
	uint32_t i, j;

	for (i = 0; i < NSIZES; i++) {
		map[i] = mmap(NULL, sizes[i], RW, ANON, -1, 0);
		CHECK(map[i] != MAP_FAILED);
		CHECK_EQ((uint32_t)map[i] % PAGE, 0);
		touch_every_page(map[i], sizes[i], (uint8_t)(i + 1));
	}
	for (i = 0; i < NSIZES; i++) {
		uint32_t a = (uint32_t)map[i], end = a + round_up(sizes[i]);

		CHECK_EQ(map[i][0], i + 1);
		CHECK_EQ(map[i][round_up(sizes[i]) - 1], i + 1);
		for (j = 0; j < NSIZES; j++)
			if (j != i)
				CHECK((uint32_t)map[j] >= end ||
				    (uint32_t)map[j] + round_up(sizes[j]) <= a);
	}

	/* A hint on top of an existing mapping must not replace it. */
	other = mmap(map[2], PAGE, RW, ANON, -1, 0);
	CHECK(other != MAP_FAILED);
	CHECK(other != map[2]);
	CHECK_EQ(map[2][0], 3);
	CHECK_EQ(munmap(other, PAGE), 0);

	for (i = 0; i < NSIZES; i++)
		CHECK_EQ(munmap(map[i], sizes[i]), 0);
}

static void
unmap_and_map_again(void)
{
	uint8_t *p = mmap(NULL, 8 * PAGE, RW, ANON, -1, 0);

	CHECK(p != MAP_FAILED);
	p[0] = 1;
	CHECK_EQ(munmap(p, 8 * PAGE), 0);
	p = mmap(NULL, 8 * PAGE, RW, ANON, -1, 0);
	CHECK(p != MAP_FAILED);
	touch_every_page(p, 8 * PAGE, 2);
	CHECK_EQ(munmap(p, 8 * PAGE), 0);
}

static void
fixed_over_part(void)
{
	uint8_t *p = mmap(NULL, 4 * PAGE, RW, ANON, -1, 0), *q;

	CHECK(p != MAP_FAILED);
	memset(p, 0xaa, 4 * PAGE);
	q = mmap(p + PAGE, PAGE, RW, ANON | MAP_FIXED, -1, 0);
	CHECK(q == p + PAGE);
	CHECK_EQ(p[PAGE - 1], 0xaa);
	CHECK_EQ(q[0], 0);
	CHECK_EQ(q[PAGE - 1], 0);
	CHECK_EQ(p[2 * PAGE], 0xaa);
	CHECK_EQ(p[4 * PAGE - 1], 0xaa);
	q[0] = 1;

	/* Unmapping the middle leaves both ends. */
	CHECK_EQ(munmap(p + PAGE, 2 * PAGE), 0);
	CHECK_EQ(p[0], 0xaa);
	CHECK_EQ(p[3 * PAGE], 0xaa);
	CHECK_EQ(munmap(p, 4 * PAGE), 0);
}

static void
bad_arguments(void)
{
	int fd;

	CHECK_MMAP_ERR(mmap(NULL, 0, RW, ANON, -1, 0), EINVAL);
	CHECK_MMAP_ERR(mmap((void *)0x40000123, PAGE, RW, ANON | MAP_FIXED, -1, 0), EINVAL);
	CHECK_MMAP_ERR(mmap(NULL, PAGE, RW, MAP_ANONYMOUS, -1, 0), EINVAL);
	CHECK_MMAP_ERR(mmap(NULL, PAGE, RW | 0x80, ANON, -1, 0), EINVAL);
	CHECK_MMAP_ERR(mmap(NULL, 0xfffff000u, RW, ANON, -1, 0), ENOMEM);

	fd = open("mmap.tmp", O_CREAT | O_RDWR, 0644);
	CHECK(fd >= 3);
	CHECK_EQ(write(fd, "data", 4), 4);
	{
		/* A private file mapping holds the file's bytes, zero after its end;
		 * a shared one is not supported (ENODEV); a bad descriptor is EBADF. */
		char *f = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);

		CHECK(f != MAP_FAILED);
		CHECK(memcmp(f, "data", 4) == 0);
		CHECK_EQ(f[4], 0);
		CHECK_EQ(f[PAGE - 1], 0);
		CHECK_EQ(munmap(f, PAGE), 0);
		CHECK_MMAP_ERR(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0), ENODEV);
		CHECK_MMAP_ERR(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 999, 0), EBADF);
	}
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink("mmap.tmp"), 0);

	CHECK_ERR(munmap((void *)0x40000123, PAGE), EINVAL);
	CHECK_ERR(munmap((void *)0x40000000, 0), EINVAL);
	CHECK_EQ(munmap((void *)0x40000000, PAGE), 0);
}

static void
kernel_page_is_out_of_reach(void)
{
	CHECK_MMAP_ERR(mmap((void *)0xffff0000u, PAGE, RW, ANON | MAP_FIXED, -1, 0), ENOMEM);
	CHECK_ERR(munmap((void *)0xffff0000u, PAGE), EINVAL);
	CHECK_EQ(getpid(), 1);		/* the layer still answers */
}

int
main(void)
{
	several_sizes();
	unmap_and_map_again();
	fixed_over_part();
	bad_arguments();
	kernel_page_is_out_of_reach();
	return test_passed();
}
