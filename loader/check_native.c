/*
 * loader/check_native.c: unit tests for native-program detection and layer
 * images (loader/notes.c), on real binaries the guest toolchain built from
 * loader/testdata/native.S (one per mark, right or wrong; their directory is
 * in VK_TEST_NATIVE_DIR) and on the build's own layer image
 * (VK_TEST_LAYER_IMAGE).  Every malformed mark is a one-line ENOEXEC, never
 * a crash, and never a program silently treated as non-native.
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "loader/loader.h"
#include "vkernel/vk_layer.h"

static int
load(const char *variant, struct ld_image *img, char err[LD_ERRLEN])
{
	const char *dir = getenv("VK_TEST_NATIVE_DIR");
	char path[4096];
	int fd, rc;

	ck_assert_msg(dir != NULL, "VK_TEST_NATIVE_DIR is not set");
	snprintf(path, sizeof(path), "%s/native-%s", dir, variant);
	fd = open(path, O_RDONLY);
	ck_assert_msg(fd >= 0, "cannot open %s", path);
	rc = ld_load_fd(path, fd, img, err);
	close(fd);
	return rc;
}

static void
refused(const char *variant, const char *why)
{
	struct ld_image img;
	char err[LD_ERRLEN];

	ck_assert_int_eq(load(variant, &img, err), ENOEXEC);
	ck_assert_msg(strstr(err, why) != NULL, "%s: got '%s', want '%s'", variant, err, why);
	ck_assert_ptr_null(strchr(err, '\n'));
	ck_assert_int_eq(img.native, 0);
	ck_assert_int_eq(img.nseg, 0);
}

START_TEST(native_program_is_recognised)
{
	struct ld_image img;
	char err[LD_ERRLEN];

	ck_assert_int_eq(load("good", &img, err), 0);
	ck_assert_int_eq(img.native, 1);
	ck_assert_uint_eq(img.abi, 1);
	ck_assert_uint_eq(img.stubs % LD_PAGE_SIZE, 0);
	ck_assert_uint_ge(img.stubs, img.lowest);
	ck_assert_uint_le(img.stubs + VK_STUB_SIZE, img.brk);
	ld_free(&img);
}
END_TEST

START_TEST(program_abi_comes_from_the_note)
{
	struct ld_image img;
	char err[LD_ERRLEN];

	ck_assert_int_eq(load("abi7", &img, err), 0);
	ck_assert_int_eq(img.native, 1);
	ck_assert_uint_eq(img.abi, 7);
	ld_free(&img);
}
END_TEST

START_TEST(program_without_marks_is_not_native)
{
	struct ld_image img;
	char err[LD_ERRLEN];

	ck_assert_int_eq(load("plain", &img, err), 0);
	ck_assert_int_eq(img.native, 0);
	ck_assert_uint_eq(img.stubs, 0);
	ld_free(&img);
}
END_TEST

START_TEST(stub_section_without_note_is_refused)
{
	refused("nonote", "no vkrun ABI note");
}
END_TEST

START_TEST(note_without_stub_section_is_refused)
{
	refused("nostubs", "no .vkstubs section");
}
END_TEST

START_TEST(stub_section_of_wrong_size_is_refused)
{
	refused("small", "2048 bytes; it must be 4096");
}
END_TEST

START_TEST(stub_section_with_file_bytes_is_refused)
{
	refused("progbits", "not NOBITS");
}
END_TEST

START_TEST(misaligned_stub_section_is_refused)
{
	refused("misaligned", "not page-aligned");
}
END_TEST

START_TEST(malformed_note_is_refused)
{
	refused("notelong", "malformed vkrun ABI note");
}
END_TEST

START_TEST(program_abi_zero_is_refused)
{
	refused("abi0", "program ABI 0");
}
END_TEST

START_TEST(layer_image_describes_itself)
{
	const char *path = getenv("VK_TEST_LAYER_IMAGE");
	struct ld_image img;
	char err[LD_ERRLEN];
	int fd;

	ck_assert_msg(path != NULL, "VK_TEST_LAYER_IMAGE is not set");
	fd = open(path, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_msg(ld_load_layer_fd(path, fd, &img, err) == 0, "%s", err);
	close(fd);
	ck_assert_uint_eq(img.layer.pabi, 1);
	ck_assert_uint_eq(img.layer.kabi, 1);
	ck_assert_uint_eq(img.layer.version, LY_VERSION);
	ck_assert_uint_gt(img.layer.nslots, 0);
	ck_assert_uint_le(img.layer.nslots, VK_STUB_MAX);
	ck_assert_uint_ge(img.seg[0].vaddr, LD_LAYER_MIN);
	ck_assert_int_eq(img.native, 0);
	ld_free(&img);
}
END_TEST

START_TEST(program_is_not_a_layer_image)
{
	const char *dir = getenv("VK_TEST_NATIVE_DIR");
	struct ld_image img;
	char path[4096], err[LD_ERRLEN];
	int fd;

	snprintf(path, sizeof(path), "%s/native-good", dir);
	fd = open(path, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	/* Linked in the user range and without a layer note: refused twice over. */
	ck_assert_int_eq(ld_load_layer_fd(path, fd, &img, err), ENOEXEC);
	close(fd);
	ck_assert(strstr(err, "layer address range") != NULL || strstr(err, "no layer note") != NULL);
}
END_TEST

START_TEST(layer_image_is_not_a_program)
{
	const char *path = getenv("VK_TEST_LAYER_IMAGE");
	struct ld_image img;
	char err[LD_ERRLEN];
	int fd = open(path, O_RDONLY);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ld_load_fd(path, fd, &img, err), ENOEXEC);
	close(fd);
	ck_assert(strstr(err, "outside the user address range") != NULL);
}
END_TEST

static Suite *
native_suite(void)
{
	Suite *s = suite_create("native programs and layer images");
	TCase *t = tcase_create("marks");

	tcase_add_test(t, native_program_is_recognised);
	tcase_add_test(t, program_abi_comes_from_the_note);
	tcase_add_test(t, program_without_marks_is_not_native);
	tcase_add_test(t, stub_section_without_note_is_refused);
	tcase_add_test(t, note_without_stub_section_is_refused);
	tcase_add_test(t, stub_section_of_wrong_size_is_refused);
	tcase_add_test(t, stub_section_with_file_bytes_is_refused);
	tcase_add_test(t, misaligned_stub_section_is_refused);
	tcase_add_test(t, malformed_note_is_refused);
	tcase_add_test(t, program_abi_zero_is_refused);
	suite_add_tcase(s, t);
	t = tcase_create("layer_images");
	tcase_add_test(t, layer_image_describes_itself);
	tcase_add_test(t, program_is_not_a_layer_image);
	tcase_add_test(t, layer_image_is_not_a_program);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(native_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
