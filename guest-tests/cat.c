/*
 * guest-tests/cat.c: a helper for paths.sh, stdio.sh, stats.sh and trace.sh,
 * written with stdio: copies each named file (fopen, fread) or, when there is
 * none, stdin to stdout (fwrite), byte for byte.  When a file cannot be opened
 * or read it prints "cat: NAME: ENAME (N)" on stderr (one write: stderr is
 * unbuffered), goes on with the next one and exits 1 at the end, so the shell
 * can see which errno a path produced.
 */
#include <errno.h>
#include <stdio.h>

static char buf[8192];

/* The symbolic name of the errnos a path or a read can produce. */
static const char *
errname(int e)
{
	switch (e) {
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case EIO: return "EIO";
	case EBADF: return "EBADF";
	case ENOMEM: return "ENOMEM";
	case EACCES: return "EACCES";
	case EFAULT: return "EFAULT";
	case EEXIST: return "EEXIST";
	case ENOTDIR: return "ENOTDIR";
	case EISDIR: return "EISDIR";
	case EINVAL: return "EINVAL";
	case EMFILE: return "EMFILE";
	case ENAMETOOLONG: return "ENAMETOOLONG";
	case ELOOP: return "ELOOP";
	case ENOSYS: return "ENOSYS";
	}
	return "E?";
}

static int
report(const char *name, int e)
{
	fprintf(stderr, "cat: %s: %s (%d)\n", name, errname(e), e);
	return 1;
}

static int
copy(FILE *in, const char *name)
{
	size_t n;

	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, stdout) != n)
			return report("stdout", errno);
	if (ferror(in))
		return report(name, errno);
	if (fflush(stdout) != 0)
		return report("stdout", errno);
	return 0;
}

int
main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2)
		return copy(stdin, "stdin");
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "r");

		if (f == NULL) {
			status = report(argv[i], errno);
			continue;
		}
		status |= copy(f, argv[i]);
		fclose(f);
	}
	return status;
}
