/*
 * stdio.h: buffered streams over file descriptors, and formatted I/O.
 *
 * Buffering: streams opened on files are fully buffered (BUFSIZ); stdout is
 * line-buffered and stderr unbuffered (there is no isatty yet to decide
 * otherwise).  Output reaches the kernel through write().  One character of
 * ungetc is guaranteed (a few more usually work).
 *
 * printf supports the C99 conversions d i u o x X c s p n % e E f F g G a A
 * (plus glibc's %m), flags - + space # 0, width and precision with *, and
 * the length modifiers hh h l ll j z t L; not positional arguments (%1$d)
 * nor wide characters (%lc, %ls).  Floating-point output is exact: digits
 * come from the binary value with round-half-even, as glibc prints them.
 * sscanf (and vsscanf) handle d i u o x X c s [ n p e f g a with widths,
 * '*' and length modifiers; there is no fscanf or scanf.
 */
#ifndef _STDIO_H
#define _STDIO_H

#pragma GCC system_header

#define __need_size_t
#define __need_NULL
#include <stddef.h>

#include <bits/vktypes.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct __vk_file FILE;
typedef off_t fpos_t;

#define EOF		(-1)
#define BUFSIZ		4096
#define FILENAME_MAX	4096
#define FOPEN_MAX	1024
#define _IOFBF		0
#define _IOLBF		1
#define _IONBF		2
#ifndef SEEK_SET
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#endif

extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;
#define stdin	stdin
#define stdout	stdout
#define stderr	stderr

/* Opening and closing. */
FILE *fopen(const char *__restrict path, const char *__restrict mode);
FILE *fdopen(int fd, const char *mode);
FILE *freopen(const char *__restrict path, const char *__restrict mode, FILE *__restrict f);
int fclose(FILE *f);
int fflush(FILE *f);
int setvbuf(FILE *__restrict f, char *__restrict buf, int mode, size_t size);
void setbuf(FILE *__restrict f, char *__restrict buf);
int fileno(FILE *f);

/* Binary and character I/O. */
size_t fread(void *__restrict p, size_t size, size_t n, FILE *__restrict f);
size_t fwrite(const void *__restrict p, size_t size, size_t n, FILE *__restrict f);
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
char *fgets(char *__restrict s, int n, FILE *__restrict f);
ssize_t getdelim(char **__restrict line, size_t *__restrict cap, int delim, FILE *__restrict f);
ssize_t getline(char **__restrict line, size_t *__restrict cap, FILE *__restrict f);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *__restrict s, FILE *__restrict f);
int puts(const char *s);
int ungetc(int c, FILE *f);

/* Positioning and status. */
int fseek(FILE *f, long off, int whence);
int fseeko(FILE *f, off_t off, int whence);
long ftell(FILE *f);
off_t ftello(FILE *f);
void rewind(FILE *f);
int fgetpos(FILE *__restrict f, fpos_t *__restrict pos);
int fsetpos(FILE *f, const fpos_t *pos);
int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);

/* Formatted output. */
int printf(const char *__restrict fmt, ...) __attribute__((__format__(__printf__, 1, 2)));
int fprintf(FILE *__restrict f, const char *__restrict fmt, ...)
    __attribute__((__format__(__printf__, 2, 3)));
int dprintf(int fd, const char *__restrict fmt, ...) __attribute__((__format__(__printf__, 2, 3)));
int sprintf(char *__restrict s, const char *__restrict fmt, ...)
    __attribute__((__format__(__printf__, 2, 3)));
int snprintf(char *__restrict s, size_t n, const char *__restrict fmt, ...)
    __attribute__((__format__(__printf__, 3, 4)));
int vprintf(const char *__restrict fmt, __builtin_va_list ap);
int vfprintf(FILE *__restrict f, const char *__restrict fmt, __builtin_va_list ap);
int vdprintf(int fd, const char *__restrict fmt, __builtin_va_list ap);
int vsprintf(char *__restrict s, const char *__restrict fmt, __builtin_va_list ap);
int vsnprintf(char *__restrict s, size_t n, const char *__restrict fmt, __builtin_va_list ap);

/* Formatted input, from strings only. */
int sscanf(const char *__restrict s, const char *__restrict fmt, ...)
    __attribute__((__format__(__scanf__, 2, 3)));
int vsscanf(const char *__restrict s, const char *__restrict fmt, __builtin_va_list ap);

/* Files and errors. */
void perror(const char *s);
int remove(const char *path);
int rename(const char *from, const char *to);

#ifdef __cplusplus
}
#endif

#endif
