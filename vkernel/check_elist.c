/*
 * vkernel/check_elist.c: unit tests of the element-list codec
 * (vkernel/vk_elist.h): what the kernel encodes the layer decodes, and a
 * malformed list is a clear error (EBADMSG), never a crash or a read past
 * its end: truncated lists, lengths past the end, bad lengths for a known
 * tag, duplicate tags, unknown tags (skipped), missing tags (defaults), and
 * random mutations.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "vkernel/vk_elist.h"

/* A full stat list as kernel ABI 2 writes it (64-bit values, birth time). */
static uint32_t
sample(uint8_t *b, uint32_t cap)
{
	uint32_t off = 0;

	ck_assert_int_eq(vk_el_put_uint(b, cap, &off, VK_EL_ST_MODE, 0100644, 4), 0);
	ck_assert_int_eq(vk_el_put_uint(b, cap, &off, VK_EL_ST_SIZE, 0x123456789ull, 8), 0);
	ck_assert_int_eq(vk_el_put_uint(b, cap, &off, VK_EL_ST_INO, 0xfeedfacecafeull, 8), 0);
	ck_assert_int_eq(vk_el_put_uint(b, cap, &off, VK_EL_ST_DEV, 0x801, 8), 0);
	ck_assert_int_eq(vk_el_put_uint(b, cap, &off, VK_EL_ST_NLINK, 3, 4), 0);
	ck_assert_int_eq(vk_el_put_uint(b, cap, &off, VK_EL_ST_UID, 1000, 4), 0);
	ck_assert_int_eq(vk_el_put_uint(b, cap, &off, VK_EL_ST_GID, 100, 4), 0);
	ck_assert_int_eq(vk_el_put_time(b, cap, &off, VK_EL_ST_MTIME, 1700000000, 123456789), 0);
	ck_assert_int_eq(vk_el_put_time(b, cap, &off, VK_EL_ST_BTIME, 1600000000, 5), 0);
	return off;
}

START_TEST(encoded_stat_decodes_to_the_same_values)
{
	uint8_t b[512];
	uint32_t n = sample(b, sizeof(b));
	struct vk_el_stat st;

	ck_assert_int_eq(n % 4, 0);
	ck_assert_int_eq(vk_el_stat_decode(b, n, &st), 0);
	ck_assert_uint_eq(st.mode, 0100644);
	ck_assert_uint_eq(st.size, 0x123456789ull);
	ck_assert_uint_eq(st.ino, 0xfeedfacecafeull);
	ck_assert_uint_eq(st.dev, 0x801);
	ck_assert_uint_eq(st.nlink, 3);
	ck_assert_uint_eq(st.uid, 1000);
	ck_assert_uint_eq(st.gid, 100);
	ck_assert_int_eq(st.mtime, 1700000000);
	ck_assert_uint_eq(st.mtime_nsec, 123456789);
	ck_assert_int_eq(st.btime, 1600000000);
	ck_assert(st.have & VK_ELS_HAVE(VK_EL_ST_BTIME));
	/* Missing tags: documented defaults. */
	ck_assert_uint_eq(st.blksize, 4096);
	ck_assert_uint_eq(st.blocks, (0x123456789ull + 511) / 512);
	ck_assert_int_eq(st.atime, 0);
	ck_assert(!(st.have & VK_ELS_HAVE(VK_EL_ST_ATIME)));
}
END_TEST

START_TEST(narrow_values_are_widened)
{
	uint8_t b[64];
	uint32_t off = 0;
	struct vk_el_stat st;

	/* Kernel ABI 1's 32-bit inode and size, in another order. */
	ck_assert_int_eq(vk_el_put_uint(b, sizeof(b), &off, VK_EL_ST_INO, 0xfffffff0u, 4), 0);
	ck_assert_int_eq(vk_el_put_uint(b, sizeof(b), &off, VK_EL_ST_SIZE, 7, 4), 0);
	ck_assert_int_eq(vk_el_put_uint(b, sizeof(b), &off, VK_EL_ST_MODE, 040755, 2), 0);
	ck_assert_int_eq(vk_el_stat_decode(b, off, &st), 0);
	ck_assert_uint_eq(st.ino, 0xfffffff0u);
	ck_assert_uint_eq(st.size, 7);
	ck_assert_uint_eq(st.mode, 040755);
}
END_TEST

START_TEST(unknown_tags_are_skipped)
{
	uint8_t b[512], c[600];
	uint32_t n = sample(b, sizeof(b)), off = 0;
	struct vk_el_stat st;

	/* A tag from the future, with an odd length, before and after. */
	ck_assert_int_eq(vk_el_put(c, sizeof(c), &off, 0x7777, "abcde", 5), 0);
	memcpy(c + off, b, n);
	off += n;
	ck_assert_int_eq(vk_el_put(c, sizeof(c), &off, 0x0199, "xyz", 3), 0);
	ck_assert_int_eq(vk_el_stat_decode(c, off, &st), 0);
	ck_assert_uint_eq(st.size, 0x123456789ull);
}
END_TEST

START_TEST(duplicate_tags_are_refused)
{
	uint8_t b[600];
	uint32_t off = sample(b, sizeof(b));
	struct vk_el_stat st;

	ck_assert_int_eq(vk_el_put_uint(b, sizeof(b), &off, VK_EL_ST_SIZE, 1, 8), 0);
	ck_assert_int_eq(vk_el_stat_decode(b, off, &st), VK_EBADMSG);
}
END_TEST

START_TEST(missing_required_tags_are_refused)
{
	uint8_t b[64];
	uint32_t off = 0;
	struct vk_el_stat st;

	ck_assert_int_eq(vk_el_put_uint(b, sizeof(b), &off, VK_EL_ST_MODE, 0100644, 4), 0);
	ck_assert_int_eq(vk_el_stat_decode(b, off, &st), VK_EBADMSG);	/* no inode, no size */
	ck_assert_int_eq(vk_el_stat_decode(b, 0, &st), VK_EBADMSG);	/* empty */
}
END_TEST

START_TEST(bad_lengths_are_refused)
{
	uint8_t b[64];
	uint32_t off = 0;
	struct vk_el e;

	/* An integer of 3 bytes, a time of 4, an entry mark with a value. */
	ck_assert_int_eq(vk_el_put(b, sizeof(b), &off, VK_EL_ST_SIZE, "abc", 3), 0);
	off = 0;
	ck_assert_int_eq(vk_el_next(b, sizeof(b), &off, &e), -VK_EBADMSG);
	off = 0;
	ck_assert_int_eq(vk_el_put(b, sizeof(b), &off, VK_EL_ST_MTIME, "abcd", 4), 0);
	off = 0;
	ck_assert_int_eq(vk_el_next(b, sizeof(b), &off, &e), -VK_EBADMSG);
	off = 0;
	ck_assert_int_eq(vk_el_put(b, sizeof(b), &off, VK_EL_ENTRY, "a", 1), 0);
	off = 0;
	ck_assert_int_eq(vk_el_next(b, sizeof(b), &off, &e), -VK_EBADMSG);
}
END_TEST

START_TEST(lengths_past_the_end_are_refused)
{
	uint8_t b[512];
	uint32_t n = sample(b, sizeof(b)), off;
	struct vk_el e;

	/* The first element claims more bytes than the list has. */
	b[2] = 0xff;
	b[3] = 0x7f;
	off = 0;
	ck_assert_int_eq(vk_el_next(b, n, &off, &e), -VK_EBADMSG);
	/* A header cut in two. */
	off = 0;
	ck_assert_int_eq(vk_el_next(b, 3, &off, &e), -VK_EBADMSG);
}
END_TEST

START_TEST(every_truncation_is_an_error_or_a_shorter_list)
{
	uint8_t b[512], *copy;
	uint32_t n = sample(b, sizeof(b));
	struct vk_el_stat st;

	for (uint32_t len = 0; len <= n; len++) {
		int r;

		/* An exact-size heap copy: a read past LEN is caught by ASan. */
		copy = malloc(len ? len : 1);
		memcpy(copy, b, len);
		r = vk_el_stat_decode(copy, len, &st);
		ck_assert_msg(r == 0 || r == VK_EBADMSG, "length %u: %d", len, r);
		if (len == n)
			ck_assert_int_eq(r, 0);
		free(copy);
	}
}
END_TEST

START_TEST(random_mutations_never_crash)
{
	uint8_t b[512], *copy;
	uint32_t n = sample(b, sizeof(b));
	struct vk_el_stat st;
	unsigned int seed = 12345;

	for (int i = 0; i < 20000; i++) {
		uint32_t len = n - (uint32_t)(rand_r(&seed) % 8);

		copy = malloc(len);
		memcpy(copy, b, len);
		for (int j = rand_r(&seed) % 4; j >= 0; j--)
			copy[rand_r(&seed) % len] = (uint8_t)rand_r(&seed);
		int r = vk_el_stat_decode(copy, len, &st);
		ck_assert(r == 0 || r == VK_EBADMSG);
		free(copy);
	}
}
END_TEST

START_TEST(put_refuses_what_does_not_fit)
{
	uint8_t b[16];
	uint32_t off = 0;

	ck_assert_int_eq(vk_el_put_uint(b, sizeof(b), &off, VK_EL_ST_SIZE, 1, 8), 0);	/* 12 bytes */
	ck_assert_int_eq(vk_el_put_uint(b, sizeof(b), &off, VK_EL_ST_INO, 1, 8), -1);
	ck_assert_uint_eq(off, 12);
}
END_TEST

START_TEST(entries_of_a_directory_list_walk_in_order)
{
	uint8_t b[256];
	uint32_t off = 0;
	const char *names[] = { "a", "bb", "a-longer-name" };
	struct vk_el e;
	int entries = 0, r;

	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(vk_el_put(b, sizeof(b), &off, VK_EL_ENTRY, NULL, 0), 0);
		ck_assert_int_eq(vk_el_put_uint(b, sizeof(b), &off, VK_EL_DE_INO, 100 + i, 8), 0);
		ck_assert_int_eq(vk_el_put(b, sizeof(b), &off, VK_EL_DE_NAME, names[i],
		    (uint16_t)strlen(names[i])), 0);
	}
	uint32_t n = off;
	off = 0;
	while ((r = vk_el_next(b, n, &off, &e)) > 0) {
		if (e.tag == VK_EL_ENTRY)
			entries++;
		else if (e.tag == VK_EL_DE_NAME)
			ck_assert(e.len == strlen(names[entries - 1]) &&
			    memcmp(e.val, names[entries - 1], e.len) == 0);
		else if (e.tag == VK_EL_DE_INO)
			ck_assert_uint_eq(vk_el_uint(&e), 100 + (uint64_t)entries - 1);
	}
	ck_assert_int_eq(r, 0);
	ck_assert_int_eq(entries, 3);
}
END_TEST

VK_EL_STAT_DECODER(decode_k1, VK_EL_STAT_K1)
VK_EL_STAT_DECODER(decode_k2, VK_EL_STAT_K2)

/* A list in a kernel ABI's own layout, values 1, 2, 3, ... in order. */
#define PUT_SEQ(name, n) \
	ck_assert_int_eq(n == 12 ? vk_el_put_time(b, cap, &off, VK_EL_##name, 1000 + v, (uint32_t)v) : \
	    vk_el_put_uint(b, cap, &off, VK_EL_##name, (uint64_t)v, n), 0); v++;

START_TEST(positional_decoders_agree_with_the_general_one)
{
	uint8_t b[512];
	uint32_t cap = sizeof(b), off = 0, v = 1;
	struct vk_el_stat fast, slow;

	/* Compared whole: the padding must match too. */
	memset(&fast, 0, sizeof(fast));
	memset(&slow, 0, sizeof(slow));
	VK_EL_STAT_K1(PUT_SEQ)
	ck_assert_int_eq(decode_k1(b, off, &fast), 0);
	ck_assert_int_eq(vk_el_stat_decode(b, off, &slow), 0);
	ck_assert_mem_eq(&fast, &slow, sizeof(fast));
	ck_assert_uint_eq(fast.ino, 2);
	/* A K1 list handed to the K2 decoder: another layout, decoded by tag. */
	ck_assert_int_eq(decode_k2(b, off, &fast), 0);
	ck_assert_mem_eq(&fast, &slow, sizeof(fast));
	off = 0;
	v = 1;
	VK_EL_STAT_K2(PUT_SEQ)
	ck_assert_int_eq(decode_k2(b, off, &fast), 0);
	ck_assert_int_eq(vk_el_stat_decode(b, off, &slow), 0);
	ck_assert_mem_eq(&fast, &slow, sizeof(fast));
	ck_assert_uint_eq(fast.mode, 1);
	/* One element more (a birth time): still right, by tag. */
	ck_assert_int_eq(vk_el_put_time(b, cap, &off, VK_EL_ST_BTIME, 77, 5), 0);
	ck_assert_int_eq(decode_k2(b, off, &fast), 0);
	ck_assert_int_eq(fast.btime, 77);
	/* A truncated list: the same error either way. */
	ck_assert_int_eq(decode_k2(b, off - 3, &fast), VK_EBADMSG);
}
END_TEST

static Suite *
elist_suite(void)
{
	Suite *s = suite_create("elist");
	TCase *t = tcase_create("codec");

	tcase_add_test(t, encoded_stat_decodes_to_the_same_values);
	tcase_add_test(t, narrow_values_are_widened);
	tcase_add_test(t, unknown_tags_are_skipped);
	tcase_add_test(t, duplicate_tags_are_refused);
	tcase_add_test(t, missing_required_tags_are_refused);
	tcase_add_test(t, bad_lengths_are_refused);
	tcase_add_test(t, lengths_past_the_end_are_refused);
	tcase_add_test(t, every_truncation_is_an_error_or_a_shorter_list);
	tcase_add_test(t, random_mutations_never_crash);
	tcase_add_test(t, put_refuses_what_does_not_fit);
	tcase_add_test(t, entries_of_a_directory_list_walk_in_order);
	tcase_add_test(t, positional_decoders_agree_with_the_general_one);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(elist_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
