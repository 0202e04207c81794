/*
 * libc_private.h: what the parts of libc share with each other and not
 * with programs.  Every name here starts with __vk_ (or __libc_), which the
 * C standard reserves for the implementation.
 */
#ifndef VK_LIBC_PRIVATE_H
#define VK_LIBC_PRIVATE_H

#include <stddef.h>

/* start.c: called by crt0's _start with the initial stack's contents. */
void __libc_start(int argc, char **argv, char **envp) __attribute__((noreturn));

/* stdio: set up stdin, stdout and stderr (before main); flush every output
 * stream and close nothing (from exit). */
void __vk_stdio_init(void);
void __vk_stdio_flush_all(void);

/* atexit.c: run the registered handlers, last registered first; each runs
 * once even if a handler calls exit. */
void __vk_run_atexit(void);

/*
 * strtox.c: the digits of an integer in BASE (0 or 2-36), after optional
 * white space and sign, as strtoull reads them.  The magnitude is clamped
 * to LIMIT (plus one when NEGATIVE and SIGNED_RESULT, for the most negative
 * value) with errno ERANGE; the result is then negated if there was a '-'.
 * *END (if END is not NULL) is set past the last digit used, or to S if
 * there was none.  EINVAL for a bad base.
 */
unsigned long long __vk_strtox(const char *s, char **end, int base,
    unsigned long long limit, int signed_result);

/* strtod.c: strtold's parser: the value of S as long double, *END past the
 * text used (S when none).  Sets no errno; *RANGE (if RANGE is not NULL)
 * tells whether a finite, non-zero number overflowed to infinity or
 * underflowed to zero even in long double.  The callers check the range
 * of their own type. */
long double __vk_strtold(const char *s, char **end, int *range);

#endif
