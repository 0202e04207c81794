/*
 * assert.h: assert(), which on failure prints
 *   Assertion failed: EXPR (file:line: func)
 * to stderr and calls abort().  Deliberately without an include guard: as
 * the C standard requires, each inclusion redefines assert according to the
 * NDEBUG of that moment.
 */
#pragma GCC system_header
#undef assert

#ifdef NDEBUG
#define assert(expr)	((void)0)
#else
#define assert(expr) \
	((expr) ? (void)0 : __vk_assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif

#ifndef _VK_ASSERT_H
#define _VK_ASSERT_H

#ifdef __cplusplus
extern "C" {
#endif

void __vk_assert_fail(const char *expr, const char *file, int line,
    const char *func) __attribute__((__noreturn__));

#ifdef __cplusplus
}
#endif

#if !defined(__cplusplus) && __STDC_VERSION__ >= 201112L
#define static_assert _Static_assert
#endif

#endif
