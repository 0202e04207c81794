/*
 * layer/libc-tests/stdio_files.c: buffered file streams.
 *
 * fopen in every mode (r w a r+ w+ a+, with b) and its errors; fwrite and
 * fread of blocks smaller and larger than the buffer, read back exactly;
 * fgets on long and short lines and at end of file; getline; fgetc/fputc;
 * ungetc (and that it clears EOF and moves ftell back); fseek/ftell/rewind
 * from every whence, including seeking while output is still buffered and
 * switching between reading and writing on an update stream; append mode
 * writing at the end whatever the position; feof/ferror/clearerr; that
 * output is really buffered (nothing reaches the file before fflush) and
 * that setvbuf can make a stream unbuffered or line-buffered (flushed up to
 * the last newline); fdopen; remove and rename; fflush(NULL) over many
 * streams; and exit flushing a fully buffered stdout.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

#define BIG	20000		/* more than the 4 KiB buffer */

/* The size of PATH as the kernel sees it (what has really been written). */
static long
file_size(const char *path)
{
	int fd = open(path, O_RDONLY);
	off_t n;

	CHECK(fd >= 0);
	n = lseek(fd, 0, SEEK_END);
	close(fd);
	return (long)n;
}

/* The whole of PATH read back through stdio into BUF. */
static size_t
slurp(const char *path, char *buf, size_t max)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	CHECK(f != NULL);
	n = fread(buf, 1, max, f);
	CHECK(feof(f) || n == max);
	CHECK_EQ(fclose(f), 0);
	return n;
}

static void
open_errors(void)
{
	errno = 0;
	CHECK(fopen("no-such-dir/file", "r") == NULL);
	CHECK_EQ(errno, ENOENT);
	errno = 0;
	CHECK(fopen("x", "q") == NULL);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK(fopen("missing.txt", "r") == NULL);
	CHECK_EQ(errno, ENOENT);
}

static void
write_then_read_blocks(void)
{
	static char out[BIG], in[100 * 1000];		/* room for every fread below */
	FILE *f;
	size_t i;

	for (i = 0; i < BIG; i++)
		out[i] = (char)(i * 13 + 1);
	f = fopen("blocks.bin", "wb");
	CHECK(f != NULL);
	CHECK_EQ(fwrite(out, 1, 100, f), 100);		/* buffered */
	CHECK_EQ(file_size("blocks.bin"), 0);		/* not written yet */
	CHECK_EQ(fwrite(out + 100, 1, BIG - 100, f), BIG - 100);
	CHECK_EQ(fwrite(out, 0, 5, f), 0);
	CHECK_EQ(fclose(f), 0);
	CHECK_EQ(file_size("blocks.bin"), BIG);
	CHECK_EQ(slurp("blocks.bin", in, sizeof(in)), BIG);
	CHECK(memcmp(in, out, BIG) == 0);

	f = fopen("blocks.bin", "r");
	CHECK(f != NULL);
	CHECK_EQ(fread(in, 100, 3, f), 3);		/* items, not bytes */
	CHECK(memcmp(in, out, 300) == 0);
	CHECK_EQ(fread(in, 1000, 100, f), (BIG - 300) / 1000);
	CHECK(feof(f));
	CHECK(!ferror(f));
	CHECK_EQ(fgetc(f), EOF);
	clearerr(f);
	CHECK(!feof(f));
	CHECK_EQ(fclose(f), 0);
}

static void
lines(void)
{
	char line[16], *l = NULL;
	size_t cap = 0;
	FILE *f = fopen("lines.txt", "w+");

	CHECK(f != NULL);
	CHECK_EQ(fputs("first line\n", f), 0);
	CHECK(fprintf(f, "a much longer second line than the buffer %d\n", 2) > 0);
	CHECK_EQ(fputc('x', f), 'x');
	CHECK_EQ(putc('\n', f), '\n');
	CHECK_EQ(fputs("no newline at end", f), 0);
	rewind(f);
	CHECK_STR(fgets(line, sizeof(line), f), "first line\n");
	CHECK_STR(fgets(line, sizeof(line), f), "a much longer s");
	CHECK_STR(fgets(line, 1, f), "");
	CHECK_EQ(getline(&l, &cap, f), 29);
	CHECK_STR(l, "econd line than the buffer 2\n");
	CHECK_EQ(getc(f), 'x');
	CHECK_EQ(fgetc(f), '\n');
	CHECK_EQ(getline(&l, &cap, f), 17);
	CHECK_STR(l, "no newline at end");
	CHECK(fgets(line, sizeof(line), f) == NULL);
	CHECK(feof(f));
	CHECK_EQ(getline(&l, &cap, f), -1);
	free(l);
	CHECK_EQ(fclose(f), 0);
}

static void
pushing_back(void)
{
	FILE *f = fopen("unget.txt", "w+");

	CHECK(f != NULL);
	fputs("abc", f);
	fseek(f, 0, SEEK_SET);
	CHECK_EQ(fgetc(f), 'a');
	CHECK_EQ(ftell(f), 1);
	CHECK_EQ(ungetc('Z', f), 'Z');
	CHECK_EQ(ftell(f), 0);
	CHECK_EQ(fgetc(f), 'Z');
	CHECK_EQ(fgetc(f), 'b');
	CHECK_EQ(fgetc(f), 'c');
	CHECK_EQ(fgetc(f), EOF);
	CHECK(feof(f));
	CHECK_EQ(ungetc('!', f), '!');
	CHECK(!feof(f));
	CHECK_EQ(fgetc(f), '!');
	CHECK_EQ(fgetc(f), EOF);
	CHECK_EQ(ungetc(EOF, f), EOF);
	CHECK_EQ(fseek(f, 1, SEEK_SET), 0);
	CHECK_EQ(ungetc('1', f), '1');
	CHECK_EQ(ungetc('2', f), '2');		/* more than one: allowed here */
	CHECK_EQ(fgetc(f), '2');
	CHECK_EQ(fgetc(f), '1');
	CHECK_EQ(fgetc(f), 'b');
	CHECK_EQ(fclose(f), 0);
}

static void
seeking(void)
{
	char b[8];
	FILE *f = fopen("seek.txt", "w+");

	CHECK(f != NULL);
	CHECK_EQ(fputs("0123456789", f), 0);
	CHECK_EQ(ftell(f), 10);				/* all still buffered */
	CHECK_EQ(fseek(f, 2, SEEK_SET), 0);
	CHECK_EQ(fgetc(f), '2');
	CHECK_EQ(fseek(f, 3, SEEK_CUR), 0);
	CHECK_EQ(fgetc(f), '6');
	CHECK_EQ(fseek(f, -2, SEEK_END), 0);
	CHECK_EQ(ftell(f), 8);
	CHECK_EQ(fgetc(f), '8');
	CHECK_EQ(fseek(f, 4, SEEK_SET), 0);
	CHECK_EQ(fputs("ab", f), 0);			/* overwrite in the middle */
	CHECK_EQ(ftell(f), 6);
	CHECK_EQ(fseek(f, 0, SEEK_SET), 0);
	CHECK_EQ(fread(b, 1, 8, f), 8);
	CHECK(memcmp(b, "0123ab67", 8) == 0);
	CHECK_EQ(fputc('X', f), 'X');			/* read, then write: no seek */
	fflush(f);
	rewind(f);
	CHECK_EQ(fread(b, 1, 8, f), 8);
	CHECK_EQ(fgetc(f), 'X');
	CHECK_EQ(fgetc(f), '9');
	CHECK_EQ(fseek(f, -100, SEEK_SET), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(fseeko(f, (off_t)5, SEEK_SET), 0);
	CHECK_EQ(ftello(f), 5);
	fpos_t pos;
	CHECK_EQ(fgetpos(f, &pos), 0);
	CHECK_EQ(fgetc(f), 'b');
	CHECK_EQ(fsetpos(f, &pos), 0);
	CHECK_EQ(fgetc(f), 'b');
	CHECK_EQ(fclose(f), 0);
}

static void
appending(void)
{
	char b[64];
	FILE *f = fopen("append.txt", "w");

	CHECK(f != NULL);
	fputs("one\n", f);
	fclose(f);
	f = fopen("append.txt", "a");
	CHECK(f != NULL);
	fputs("two\n", f);
	CHECK_EQ(ftell(f), 8);
	CHECK_EQ(fclose(f), 0);
	f = fopen("append.txt", "a+");
	CHECK(f != NULL);
	CHECK_EQ(fgetc(f), 'o');			/* a+ reads from the start */
	fseek(f, 0, SEEK_SET);
	fputs("three\n", f);				/* but writes at the end */
	fseek(f, 0, SEEK_SET);
	CHECK_EQ(fread(b, 1, sizeof(b), f), 14);
	CHECK(memcmp(b, "one\ntwo\nthree\n", 14) == 0);
	CHECK_EQ(fclose(f), 0);
	f = fopen("append.txt", "r+");
	CHECK(f != NULL);
	fputs("ONE", f);				/* r+ writes in place */
	CHECK_EQ(fclose(f), 0);
	CHECK_EQ(slurp("append.txt", b, sizeof(b)), 14);
	CHECK(memcmp(b, "ONE\ntwo\nthree\n", 14) == 0);
	f = fopen("append.txt", "w+");			/* truncates */
	CHECK(f != NULL);
	CHECK_EQ(fgetc(f), EOF);
	CHECK_EQ(fclose(f), 0);
	CHECK_EQ(file_size("append.txt"), 0);
}

static void
errors_on_wrong_direction(void)
{
	char b[4];
	FILE *f = fopen("dir.txt", "w");

	CHECK(f != NULL);
	CHECK_EQ(fgetc(f), EOF);
	CHECK(ferror(f));
	clearerr(f);
	CHECK(!ferror(f));
	CHECK_EQ(fclose(f), 0);
	f = fopen("dir.txt", "r");
	CHECK(f != NULL);
	CHECK_EQ(fputc('a', f), EOF);
	CHECK(ferror(f));
	CHECK_EQ(fwrite("abc", 1, 3, f), 0);
	CHECK_EQ(fread(b, 1, 4, f), 0);
	CHECK(feof(f));
	CHECK_EQ(fclose(f), 0);
}

static void
buffering_modes(void)
{
	static char user[256];
	FILE *f = fopen("nbf.txt", "w");

	CHECK(f != NULL);
	CHECK_EQ(setvbuf(f, NULL, _IONBF, 0), 0);
	fputs("now", f);
	CHECK_EQ(file_size("nbf.txt"), 3);		/* written at once */
	CHECK_EQ(setvbuf(f, NULL, 7, 0), EOF);
	CHECK_EQ(fclose(f), 0);

	f = fopen("lbf.txt", "w");
	CHECK(f != NULL);
	CHECK_EQ(setvbuf(f, user, _IOLBF, sizeof(user)), 0);
	fputs("part", f);
	CHECK_EQ(file_size("lbf.txt"), 0);
	fputs(" line\nrest", f);
	CHECK_EQ(file_size("lbf.txt"), 10);		/* flushed at the newline */
	CHECK_EQ(fflush(f), 0);
	CHECK_EQ(file_size("lbf.txt"), 14);
	CHECK_EQ(fclose(f), 0);

	f = fopen("fbf.txt", "w");
	CHECK(f != NULL);
	setbuf(f, NULL);				/* unbuffered */
	fputc('c', f);
	CHECK_EQ(file_size("fbf.txt"), 1);
	CHECK_EQ(fclose(f), 0);
}

static void
streams_on_descriptors(void)
{
	char b[16];
	int fd = open("fd.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
	FILE *f;

	CHECK(fd >= 0);
	f = fdopen(fd, "w+");
	CHECK(f != NULL);
	CHECK_EQ(fileno(f), fd);
	fputs("via fd", f);
	rewind(f);
	CHECK_STR(fgets(b, sizeof(b), f), "via fd");
	CHECK_EQ(fclose(f), 0);
	CHECK_EQ(close(fd), -1);			/* fclose closed it */
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(fileno(stdin), 0);
	CHECK_EQ(fileno(stdout), 1);
	CHECK_EQ(fileno(stderr), 2);
	CHECK_EQ(getchar(), EOF);			/* stdin is /dev/null */
	CHECK(feof(stdin));
}

static void
removing(void)
{
	FILE *f = fopen("gone.txt", "w");

	CHECK(f != NULL);
	fclose(f);
	CHECK_EQ(remove("gone.txt"), 0);
	CHECK(fopen("gone.txt", "r") == NULL);
	CHECK_EQ(remove("gone.txt"), -1);
	CHECK_EQ(errno, ENOENT);
	CHECK_EQ(rename("a", "b"), -1);
	CHECK_EQ(errno, ENOENT);
	CHECK(fopen("exclusive.txt", "wx") != NULL);
	CHECK(fopen("exclusive.txt", "wx") == NULL);
	CHECK_EQ(errno, EEXIST);
}

static void
many_streams(void)
{
	FILE *f[40];
	char name[32];
	int i;

	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "many-%d.txt", i);
		f[i] = fopen(name, "w");
		CHECK(f[i] != NULL);
		fprintf(f[i], "stream %d\n", i);
	}
	CHECK_EQ(fflush(NULL), 0);
	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "many-%d.txt", i);
		CHECK_EQ(file_size(name), i < 10 ? 9 : 10);
		CHECK_EQ(fclose(f[i]), 0);
		CHECK_EQ(remove(name), 0);
	}
}

int
main(void)
{
	/* Fully buffered stdout: only exit's flush can make "passed" appear. */
	CHECK_EQ(setvbuf(stdout, NULL, _IOFBF, 0), 0);
	open_errors();
	write_then_read_blocks();
	lines();
	pushing_back();
	seeking();
	appending();
	errors_on_wrong_direction();
	buffering_modes();
	streams_on_descriptors();
	removing();
	many_streams();
	printf("stdio_files: all checks done\n");
	return test_passed();
}
