/*
 * guest-tests/abi/probe.c: one line per call whose layout or presence the
 * kernel ABIs change (docs/abi-experiments.md): stat, lstat, fstat of
 * FILE, a positioned read from it (pread: only kernel ABI 2 has one), the
 * entries of DIR, and uname's machine.  Usage: probe FILE DIR.  FILE must
 * hold "0123456789".
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct stat st, lst, fst;
	struct utsname u;
	struct dirent *e;
	char buf[8] = { 0 };
	DIR *d;
	int fd, n = 0, fail = 0;

	if (argc < 3)
		return 2;
	if (stat(argv[1], &st) != 0 || lstat(argv[1], &lst) != 0 || (fd = open(argv[1], O_RDONLY)) < 0 ||
	    fstat(fd, &fst) != 0) {
		perror("stat");
		return 1;
	}
	printf("stat size=%lld regular=%d mode=%o nlink=%u same-inode=%d\n", (long long)st.st_size,
	    S_ISREG(st.st_mode), (unsigned)(st.st_mode & 07777), (unsigned)st.st_nlink,
	    st.st_ino == lst.st_ino && st.st_ino == fst.st_ino && st.st_dev == fst.st_dev);
	if (pread(fd, buf, 4, 3) != 4) {
		perror("pread");
		fail = 1;
	}
	printf("pread \"%s\" position-unmoved=%d\n", buf, lseek(fd, 0, SEEK_CUR) == 0);
	if ((d = opendir(argv[2])) == NULL) {
		perror("opendir");
		return 1;
	}
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	printf("readdir entries=%d\n", n);
	if (uname(&u) != 0) {
		perror("uname");
		return 1;
	}
	printf("uname machine=%s sysname-set=%d\n", u.machine, u.sysname[0] != '\0');
	return fail;
}
