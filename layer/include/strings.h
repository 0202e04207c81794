/*
 * strings.h: case-insensitive comparison ("C" locale: ASCII letters only).
 */
#ifndef _STRINGS_H
#define _STRINGS_H

#pragma GCC system_header

#define __need_size_t
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);

#ifdef __cplusplus
}
#endif

#endif
