/*
 * guest-tests/lx_basic.c: an ordinary static glibc program (gcc -m32
 * -static, no vkcc) runs under vkrun's Linux personality as it runs on
 * Linux.  It must pass natively too: gcc -m32 -static lx_basic.c && ./a.out
 *
 * Pins down, one function each:
 *  - argv and the environment: argv[argc] is NULL, envp is environ, the
 *    words of lx_basic.args arrive in order when run-guest runs it (it sets
 *    GUEST_TEST_NAME), setenv/getenv/unsetenv, the page size;
 *  - file I/O through unistd (open, write, read, lseek with SEEK_SET, CUR
 *    and END, a hole past the end reads as zeros, fstat's size, close,
 *    unlink) and through stdio (fopen, fprintf, fputs, fseek, ftell,
 *    fgets, fread, fclose);
 *  - a directory listing: opendir/readdir (getdents64) sees exactly the
 *    files made in a fresh directory, with "." and ".." and their types;
 *    rmdir removes it once empty;
 *  - time: time, gettimeofday and clock_gettime(CLOCK_REALTIME) agree and
 *    are past 2024, CLOCK_MONOTONIC never goes back, gmtime and strftime of
 *    a fixed time give the expected text, localtime agrees with mktime, and
 *    TZ=UTC0 makes localtime equal gmtime;
 *  - errno: ENOENT (open, fopen, unlink, opendir of a missing name), EBADF
 *    (read, write, close, lseek on a closed descriptor), EEXIST (O_EXCL,
 *    mkdir of an existing name), with glibc's strerror text;
 *  - snprintf of integer, string, character and floating formats against
 *    the expected strings, and its truncation result;
 *  - a 64 MiB malloc (an mmap) with every page written and read back, then
 *    freed, and a zeroed 16 MiB calloc.
 * Everything it makes lives in a directory of its own in the current
 * directory (lx_basic.PID: no chdir, every path names it), removed at the end.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

extern char **environ;

static char dir[64];

/* P(NAME): "DIR/NAME", in one of a few rotating buffers. */
static const char *
P(const char *name)
{
	static char bufs[4][128];
	static int next;
	char *b = bufs[next++ % 4];

	snprintf(b, sizeof(bufs[0]), "%s/%s", dir, name);
	return b;
}

static void
check_args(int argc, char **argv, char **envp)
{
	const char *name = getenv("GUEST_TEST_NAME");

	CHECK(argc >= 1);
	CHECK(argv[0] != NULL && argv[0][0] != '\0');
	CHECK(argv[argc] == NULL);
	CHECK(envp == environ);
	if (name != NULL) {	/* run by scripts/run-guest, with lx_basic.args */
		CHECK(strcmp(name, "lx_basic") == 0);
		CHECK_EQ(argc, 4);
		CHECK(strcmp(argv[1], "one") == 0);
		CHECK(strcmp(argv[2], "two") == 0);
		CHECK(strcmp(argv[3], "--three=3") == 0);
	}

	CHECK(getenv("LX_BASIC_NO_SUCH_VARIABLE") == NULL);
	CHECK_EQ(setenv("LX_BASIC_VAR", "value 1", 0), 0);
	CHECK(strcmp(getenv("LX_BASIC_VAR"), "value 1") == 0);
	CHECK_EQ(setenv("LX_BASIC_VAR", "value 2", 0), 0);	/* no overwrite */
	CHECK(strcmp(getenv("LX_BASIC_VAR"), "value 1") == 0);
	CHECK_EQ(setenv("LX_BASIC_VAR", "value 3", 1), 0);
	CHECK(strcmp(getenv("LX_BASIC_VAR"), "value 3") == 0);
	CHECK_EQ(unsetenv("LX_BASIC_VAR"), 0);
	CHECK(getenv("LX_BASIC_VAR") == NULL);

	CHECK_EQ(sysconf(_SC_PAGESIZE), 4096);
	CHECK_EQ(getpagesize(), 4096);
}

static void
check_unistd_io(void)
{
	static const char text[] = "0123456789abcdefghij";
	char buf[64];
	struct stat st;
	int fd;

	fd = open(P("data"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, text, 20), 20);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 20);
	CHECK_EQ(lseek(fd, 5, SEEK_SET), 5);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(fd, buf, 4), 4);
	CHECK(memcmp(buf, "5678", 4) == 0);
	CHECK_EQ(lseek(fd, 2, SEEK_CUR), 11);
	CHECK_EQ(read(fd, buf, 3), 3);
	CHECK(memcmp(buf, "bcd", 3) == 0);
	CHECK_EQ(lseek(fd, -3, SEEK_END), 17);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 3);
	CHECK(memcmp(buf, "hij", 3) == 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);	/* end of file */

	/* A write past the end leaves a hole that reads as zeros. */
	CHECK_EQ(lseek(fd, 100, SEEK_SET), 100);
	CHECK_EQ(write(fd, "Z", 1), 1);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 101);
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_mode & 0700, 0600);	/* whatever the umask */
	CHECK_EQ(lseek(fd, 20, SEEK_SET), 20);
	CHECK_EQ(read(fd, buf, 64), 64);
	for (int i = 0; i < 64; i++)
		CHECK_EQ(buf[i], 0);
	CHECK_EQ(close(fd), 0);

	/* Reopened read-only, the contents are there; writing is EBADF. */
	fd = open(P("data"), O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(read(fd, buf, 20), 20);
	CHECK(memcmp(buf, text, 20) == 0);
	CHECK_ERR(write(fd, "x", 1), EBADF);
	CHECK_EQ(close(fd), 0);

	/* O_APPEND writes at the end whatever the offset. */
	fd = open(P("data"), O_WRONLY | O_APPEND);
	CHECK(fd >= 0);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(write(fd, "END", 3), 3);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(stat(P("data"), &st), 0);
	CHECK_EQ(st.st_size, 104);

	CHECK_EQ(unlink(P("data")), 0);
	CHECK_ERR(open(P("data"), O_RDONLY), ENOENT);
}

static void
check_stdio_io(void)
{
	char line[128];
	FILE *f;

	f = fopen(P("lines.txt"), "w");
	CHECK(f != NULL);
	for (int i = 1; i <= 100; i++)
		CHECK(fprintf(f, "line %03d of %d\n", i, 100) > 0);
	CHECK(fputs("last line, no newline", f) >= 0);
	CHECK_EQ(ftell(f), 100 * 16 + 21);
	CHECK_EQ(fclose(f), 0);

	f = fopen(P("lines.txt"), "r");
	CHECK(f != NULL);
	for (int i = 1; i <= 100; i++) {
		char want[32];

		snprintf(want, sizeof(want), "line %03d of 100\n", i);
		CHECK(fgets(line, sizeof(line), f) != NULL);
		CHECK(strcmp(line, want) == 0);
	}
	CHECK(fgets(line, sizeof(line), f) != NULL);
	CHECK(strcmp(line, "last line, no newline") == 0);
	CHECK(fgets(line, sizeof(line), f) == NULL);
	CHECK(feof(f));

	CHECK_EQ(fseek(f, 16 * 41, SEEK_SET), 0);
	CHECK(fgets(line, sizeof(line), f) != NULL);
	CHECK(strcmp(line, "line 042 of 100\n") == 0);
	CHECK_EQ(fseek(f, -21, SEEK_END), 0);
	CHECK_EQ(fread(line, 1, sizeof(line), f), 21);
	CHECK(memcmp(line, "last line", 9) == 0);
	CHECK_EQ(fclose(f), 0);

	f = fopen(P("lines.txt"), "a+");
	CHECK(f != NULL);
	CHECK(fputs("\nappended\n", f) >= 0);
	CHECK_EQ(fclose(f), 0);
	f = fopen(P("lines.txt"), "r");
	CHECK(f != NULL);
	CHECK_EQ(fseek(f, -9, SEEK_END), 0);
	CHECK(fgets(line, sizeof(line), f) != NULL);
	CHECK(strcmp(line, "appended\n") == 0);
	CHECK_EQ(fclose(f), 0);

	CHECK_EQ(unlink(P("lines.txt")), 0);
}

static void
check_dir_listing(void)
{
	static const char *names[] = { "alpha", "beta", "gamma.txt", "sub" };
	int seen[4] = { 0 }, dots = 0, n = 0;
	struct dirent *e;
	DIR *d;

	CHECK_EQ(mkdir(P("list"), 0755), 0);
	for (int i = 0; i < 3; i++) {
		char path[128];
		int fd;

		snprintf(path, sizeof(path), "%s/list/%s", dir, names[i]);
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
		CHECK(fd >= 0);
		CHECK_EQ(close(fd), 0);
	}
	CHECK_EQ(mkdir(P("list/sub"), 0755), 0);

	d = opendir(P("list"));
	CHECK(d != NULL);
	errno = 0;
	while ((e = readdir(d)) != NULL) {
		n++;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
			CHECK(e->d_type == DT_DIR || e->d_type == DT_UNKNOWN);
			dots++;
			continue;
		}
		int found = 0;
		for (int i = 0; i < 4; i++)
			if (strcmp(e->d_name, names[i]) == 0) {
				seen[i]++;
				found = 1;
				if (e->d_type != DT_UNKNOWN)
					CHECK_EQ(e->d_type, i == 3 ? DT_DIR : DT_REG);
			}
		CHECK(found);
		CHECK(e->d_ino != 0);
	}
	CHECK_EQ(errno, 0);	/* the end, not an error */
	CHECK_EQ(dots, 2);
	CHECK_EQ(n, 6);
	for (int i = 0; i < 4; i++)
		CHECK_EQ(seen[i], 1);

	/* rewinddir starts over. */
	rewinddir(d);
	n = 0;
	while (readdir(d) != NULL)
		n++;
	CHECK_EQ(n, 6);
	CHECK_EQ(closedir(d), 0);

	/* An empty directory lists "." and ".." only. */
	d = opendir(P("list/sub"));
	CHECK(d != NULL);
	n = 0;
	while ((e = readdir(d)) != NULL) {
		CHECK(strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0);
		n++;
	}
	CHECK_EQ(n, 2);
	CHECK_EQ(closedir(d), 0);

	CHECK_PTR_ERR(opendir(P("list/missing")), NULL, ENOENT);
	CHECK_PTR_ERR(opendir(P("list/alpha")), NULL, ENOTDIR);

	CHECK_EQ(rmdir(P("list/sub")), 0);
	for (int i = 0; i < 3; i++) {
		char path[128];

		snprintf(path, sizeof(path), "%s/list/%s", dir, names[i]);
		CHECK_EQ(unlink(path), 0);
	}
	CHECK_EQ(rmdir(P("list")), 0);
	CHECK_ERR(rmdir(P("list")), ENOENT);
}

static void
check_time(void)
{
	const time_t y2024 = 1704067200;	/* 2024-01-01 00:00:00 UTC */
	struct timespec rt, m1, m2;
	struct timeval tv;
	struct tm tm, *p;
	char buf[128];
	time_t t, t2;

	t = time(NULL);
	CHECK(t > y2024);
	CHECK_EQ(time(&t2), t2);
	CHECK(t2 >= t && t2 - t < 5);

	CHECK_EQ(gettimeofday(&tv, NULL), 0);
	CHECK(tv.tv_sec >= t && tv.tv_sec - t < 5);
	CHECK(tv.tv_usec >= 0 && tv.tv_usec < 1000000);

	CHECK_EQ(clock_gettime(CLOCK_REALTIME, &rt), 0);
	CHECK(rt.tv_sec >= tv.tv_sec && rt.tv_sec - tv.tv_sec < 5);
	CHECK(rt.tv_nsec >= 0 && rt.tv_nsec < 1000000000);

	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &m1), 0);
	for (int i = 0; i < 1000; i++) {
		CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &m2), 0);
		CHECK(m2.tv_nsec >= 0 && m2.tv_nsec < 1000000000);
		CHECK(m2.tv_sec > m1.tv_sec ||
		      (m2.tv_sec == m1.tv_sec && m2.tv_nsec >= m1.tv_nsec));
		m1 = m2;
	}

	/* A fixed instant: gmtime and strftime. */
	t = 1234567890;
	p = gmtime_r(&t, &tm);
	CHECK(p == &tm);
	CHECK_EQ(tm.tm_year, 109);
	CHECK_EQ(tm.tm_mon, 1);
	CHECK_EQ(tm.tm_mday, 13);
	CHECK_EQ(tm.tm_hour, 23);
	CHECK_EQ(tm.tm_min, 31);
	CHECK_EQ(tm.tm_sec, 30);
	CHECK_EQ(tm.tm_wday, 5);
	CHECK_EQ(tm.tm_yday, 43);
	CHECK_EQ(strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %a %b %j %%", &tm), 33);
	CHECK(strcmp(buf, "2009-02-13 23:31:30 Fri Feb 044 %") == 0);
	CHECK_EQ(timegm(&tm), 1234567890);

	/* localtime in the host's zone: consistent with mktime and its offset. */
	t = time(NULL);
	p = localtime_r(&t, &tm);
	CHECK(p == &tm);
	CHECK(tm.tm_year >= 124);
	CHECK(tm.tm_mon >= 0 && tm.tm_mon <= 11);
	CHECK(tm.tm_mday >= 1 && tm.tm_mday <= 31);
	CHECK(tm.tm_gmtoff > -16 * 3600 && tm.tm_gmtoff < 16 * 3600);
	CHECK_EQ(mktime(&tm), t);
	CHECK(strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S%z", &tm) == 24);

	/* TZ=UTC0: localtime is gmtime. */
	CHECK_EQ(setenv("TZ", "UTC0", 1), 0);
	tzset();
	t = 1234567890;
	p = localtime(&t);
	CHECK(p != NULL);
	CHECK_EQ(p->tm_hour, 23);
	CHECK_EQ(p->tm_gmtoff, 0);
	CHECK_EQ(strftime(buf, sizeof(buf), "%c", p), 24);
	CHECK(strcmp(buf, "Fri Feb 13 23:31:30 2009") == 0);
	CHECK_EQ(unsetenv("TZ"), 0);
	tzset();
}

static void
check_errno(void)
{
	struct stat st;
	char buf[8];
	int fd;

	CHECK_ERR(open(P("missing"), O_RDONLY), ENOENT);
	CHECK_ERR(open(P("missing/file"), O_RDWR | O_CREAT, 0644), ENOENT);
	CHECK_PTR_ERR(fopen(P("missing"), "r"), NULL, ENOENT);
	CHECK_ERR(unlink(P("missing")), ENOENT);
	CHECK_ERR(stat(P("missing"), &st), ENOENT);
	CHECK(strcmp(strerror(ENOENT), "No such file or directory") == 0);

	fd = open(P("exists"), O_WRONLY | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0);
	CHECK_EQ(close(fd), 0);
	CHECK_ERR(read(fd, buf, 1), EBADF);
	CHECK_ERR(write(fd, "x", 1), EBADF);
	CHECK_ERR(close(fd), EBADF);
	CHECK_ERR(lseek(fd, 0, SEEK_SET), EBADF);
	CHECK_ERR(fstat(fd, &st), EBADF);
	CHECK_ERR(close(-1), EBADF);
	CHECK(strcmp(strerror(EBADF), "Bad file descriptor") == 0);

	CHECK_ERR(open(P("exists"), O_WRONLY | O_CREAT | O_EXCL, 0600), EEXIST);
	CHECK_PTR_ERR(fopen(P("exists"), "wx"), NULL, EEXIST);
	CHECK_EQ(mkdir(P("adir"), 0700), 0);
	CHECK_ERR(mkdir(P("adir"), 0700), EEXIST);
	CHECK_ERR(mkdir(P("exists"), 0700), EEXIST);
	CHECK(strcmp(strerror(EEXIST), "File exists") == 0);

	CHECK_ERR(open(P("exists/x"), O_RDONLY), ENOTDIR);
	CHECK_ERR(open(P("adir"), O_WRONLY), EISDIR);
	CHECK_EQ(rmdir(P("adir")), 0);
	CHECK_EQ(unlink(P("exists")), 0);
}

static void
expect_fmt(const char *want, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n != (int)strlen(want) || strcmp(buf, want) != 0) {
		fprintf(stderr, "FAIL snprintf(\"%s\"): got \"%s\" (%d), want \"%s\"\n",
			fmt, buf, n, want);
		exit(1);
	}
}

static void
check_snprintf(void)
{
	const char *volatile ten = "0123456789";	/* (no truncation warning) */
	char small[8];

	expect_fmt("42|   42|42   |00042|+42|-42", "%d|%5d|%-5d|%05d|%+d|%i", 42, 42, 42, 42, 42, -42);
	expect_fmt("ff|FF|0xff|377|0377|4294967295", "%x|%X|%#x|%o|%#o|%u", 255, 255, 255, 255, 255, -1);
	expect_fmt("-9223372036854775808|18446744073709551615", "%lld|%llu",
		   (long long)-9223372036854775807LL - 1, 18446744073709551615ULL);
	expect_fmt("[abc|  abc|abc  |ab]", "[%s|%5s|%-5s|%.2s]", "abc", "abc", "abc", "abc");
	expect_fmt("x|%|A", "%c|%%|%c", 'x', 65);
	expect_fmt("3.141593|3.14|    3.1416|3.141593e+00|3.14159", "%f|%.2f|%10.4f|%e|%g",
		   3.14159265358979, 3.14159265358979, 3.14159265358979, 3.14159265358979,
		   3.14159265358979);
	expect_fmt("1e+20|1e-05|100000|0.0001|-0", "%g|%g|%g|%g|%g", 1e20, 1e-5, 1e5, 1e-4, -0.0);
	expect_fmt("inf|-inf|nan", "%f|%f|%f", __builtin_inf(), -__builtin_inf(), __builtin_nan(""));
	expect_fmt("0x1p+0|0x1.8p+1", "%a|%a", 1.0, 3.0);
	expect_fmt("2.50|2|3", "%.2f|%.0f|%.0f", 2.5, 2.5, 2.51);
	expect_fmt("(nil)|0x1234", "%p|%p", (void *)0, (void *)0x1234);
	expect_fmt("7|*  7|7  *", "%*d|*%*d|%-*d*", 1, 7, 3, 7, 3, 7);
	expect_fmt("size 4294967295 diff -1", "size %zu diff %td", (size_t)-1, (ptrdiff_t)-1);

	/* Truncation: the full length is returned, the output is cut and ended. */
	CHECK_EQ(snprintf(small, sizeof(small), "%s", ten), 10);
	CHECK(strcmp(small, "0123456") == 0);
	CHECK_EQ(snprintf(NULL, 0, "%d-%d", 123, 4567), 8);
}

static void
check_big_alloc(void)
{
	const size_t big = 64u << 20, page = 4096;
	unsigned long sum = 0, want = 0;
	unsigned char *p, *q;

	p = malloc(big);
	CHECK(p != NULL);
	for (size_t off = 0; off < big; off += page) {
		p[off] = (unsigned char)(off / page * 7 + 1);
		p[off + page - 1] = (unsigned char)(off / page);
		want += (unsigned char)(off / page * 7 + 1) + (unsigned char)(off / page);
	}
	for (size_t off = 0; off < big; off += page)
		sum += p[off] + p[off + page - 1];
	CHECK_EQ(sum, want);
	memset(p, 0x5a, big);
	CHECK_EQ(p[0], 0x5a);
	CHECK_EQ(p[big / 2 + 123], 0x5a);
	CHECK_EQ(p[big - 1], 0x5a);
	free(p);

	/* The space can be had again, and calloc's is zeroed. */
	q = calloc(16, 1u << 20);
	CHECK(q != NULL);
	for (size_t off = 0; off < (16u << 20); off += page / 4)
		CHECK_EQ(q[off], 0);
	free(q);
	p = malloc(big);
	CHECK(p != NULL);
	p[big - 1] = 1;
	free(p);
}

int
main(int argc, char **argv, char **envp)
{
	/* Everything happens in a directory of our own. */
	snprintf(dir, sizeof(dir), "lx_basic.%d", (int)getpid());
	CHECK_EQ(mkdir(dir, 0700), 0);

	check_args(argc, argv, envp);
	check_unistd_io();
	check_stdio_io();
	check_dir_listing();
	check_time();
	check_errno();
	check_snprintf();
	check_big_alloc();

	CHECK_EQ(rmdir(dir), 0);
	return test_passed();
}
