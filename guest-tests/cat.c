/*
 * guest-tests/cat.c: a helper for paths.sh: copies each named file (or
 * stdin when there is none) to stdout.  When a file cannot be opened or read
 * it prints "cat: NAME: ENAME (N)" on stderr, goes on with the next one and
 * exits 1 at the end, so the shell can see which errno a path produced.
 */
#include "guest-tests/rt/vkrt.h"

static char buf[8192];

static int
report(const char *name)
{
	vk_fputs(2, "cat: ");
	vk_fputs(2, name);
	vk_fputs(2, ": ");
	vk_fputs(2, vk_errname(vk_errno));
	vk_fputs(2, " (");
	vk_fputdec(2, vk_errno);
	vk_fputs(2, ")\n");
	return 1;
}

static int
copy(int fd, const char *name)
{
	int32_t n;

	while ((n = vk_read(fd, buf, sizeof(buf))) > 0)
		for (int32_t off = 0; off < n; ) {
			int32_t w = vk_write(1, buf + off, n - off);

			if (w <= 0)
				return report("stdout");
			off += w;
		}
	return n < 0 ? report(name) : 0;
}

int
main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2)
		return copy(0, "stdin");
	for (int i = 1; i < argc; i++) {
		int fd = vk_open(argv[i], VK_O_RDONLY, 0);

		if (fd < 0) {
			status = report(argv[i]);
			continue;
		}
		status |= copy(fd, argv[i]);
		vk_close(fd);
	}
	return status;
}
