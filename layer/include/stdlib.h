/*
 * stdlib.h: memory allocation, number conversion, sorting, the environment,
 * program exit and pseudo-random numbers.
 *
 * Notes on this implementation:
 * - malloc returns 16-byte aligned memory; blocks of 128 KiB and more are
 *   mapped with mmap, the rest come from the brk heap.
 * - strtod is accurate to within an ulp or so but not guaranteed to be
 *   correctly rounded in every case (it works in x87 long double).
 * - abort() cannot raise SIGABRT (no signals yet): it prints a message and
 *   ends the program with status 134 (128 + SIGABRT), like a shell would
 *   report the signal.
 * - rand() is a deterministic 64-bit LCG; RAND_MAX is 2^31 - 1.
 */
#ifndef _STDLIB_H
#define _STDLIB_H

#pragma GCC system_header

#define __need_size_t
#define __need_wchar_t
#define __need_NULL
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EXIT_SUCCESS	0
#define EXIT_FAILURE	1
#define RAND_MAX	2147483647
#define MB_CUR_MAX	1

typedef struct { int quot, rem; } div_t;
typedef struct { long quot, rem; } ldiv_t;
typedef struct { long long quot, rem; } lldiv_t;

/* Memory. */
void *malloc(size_t n);
void free(void *p);
void *calloc(size_t count, size_t size);
void *realloc(void *p, size_t n);
void *aligned_alloc(size_t align, size_t n);
int posix_memalign(void **out, size_t align, size_t n);

/* Numbers. */
long strtol(const char *__restrict s, char **__restrict end, int base);
unsigned long strtoul(const char *__restrict s, char **__restrict end, int base);
long long strtoll(const char *__restrict s, char **__restrict end, int base);
unsigned long long strtoull(const char *__restrict s, char **__restrict end, int base);
double strtod(const char *__restrict s, char **__restrict end);
float strtof(const char *__restrict s, char **__restrict end);
long double strtold(const char *__restrict s, char **__restrict end);
int atoi(const char *s);
long atol(const char *s);
long long atoll(const char *s);
double atof(const char *s);
int abs(int x);
long labs(long x);
long long llabs(long long x);
div_t div(int num, int den);
ldiv_t ldiv(long num, long den);
lldiv_t lldiv(long long num, long long den);

/* Sorting and searching. */
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *));

/* The environment. */
char *getenv(const char *name);
int setenv(const char *name, const char *value, int overwrite);
int unsetenv(const char *name);
int putenv(char *string);

/* Program exit. */
int atexit(void (*fn)(void));
void exit(int status) __attribute__((__noreturn__));
void _Exit(int status) __attribute__((__noreturn__));
void abort(void) __attribute__((__noreturn__));

/* Pseudo-random numbers. */
int rand(void);
void srand(unsigned seed);
int rand_r(unsigned *seed);

#ifdef __cplusplus
}
#endif

#endif
