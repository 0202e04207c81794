/*
 * guest-tests/abi/ls_l.c: an "ls -l"-like program for the ABI experiment
 * (docs/abi-experiments.md).  Lists DIR (default ".") sorted by name, one
 * line per entry: type and permissions, links, size, name; a symlink's
 * target from lstat's type.  It uses readdir, stat and lstat, whose layouts
 * differ between program ABIs and whose element lists differ between
 * kernel ABIs: the same output on every pair is the point.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
mode_str(unsigned int m, char out[11])
{
	const char *rwx = "rwxrwxrwx";

	out[0] = S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : S_ISREG(m) ? '-' : '?';
	for (int i = 0; i < 9; i++)
		out[1 + i] = (m & (0400u >> i)) ? rwx[i] : '-';
	out[10] = '\0';
}

int
main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";
	char *names[512], path[1024], mode[11];
	struct dirent *e;
	struct stat st;
	DIR *d;
	int n = 0;

	if ((d = opendir(dir)) == NULL) {
		perror(dir);
		return 1;
	}
	while ((e = readdir(d)) != NULL && n < 512)
		if (e->d_name[0] != '.')
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, (size_t)n, sizeof(names[0]), by_name);
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (lstat(path, &st) != 0) {
			perror(path);
			return 1;
		}
		mode_str(st.st_mode, mode);
		if (!S_ISLNK(st.st_mode) && stat(path, &st) != 0) {
			perror(path);
			return 1;
		}
		printf("%s %u %lld %s\n", mode, (unsigned)st.st_nlink, (long long)(S_ISDIR(st.st_mode) ? 0 : st.st_size),
		    names[i]);
	}
	return 0;
}
