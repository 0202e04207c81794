/*
 * stdint.h: the exact-width integer types.  GCC's own stdint.h defers to the
 * C library's in hosted compilations (#include_next), which is this file,
 * so programs built with vkcc (hosted) get GCC's definitions through
 * stdint-gcc.h directly, the same ones the freestanding library build sees.
 */
#ifndef _VK_STDINT_H
#define _VK_STDINT_H
#include <stdint-gcc.h>
#endif
