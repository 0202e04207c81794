/*
 * sys/mman.h: memory mappings (Linux i386 values) and the mmap/munmap
 * system calls, provided by the kernel-interfacing layer.  In native ABI 1
 * the kernel maps anonymous memory only: a file mapping fails with ENODEV.
 */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#pragma GCC system_header

#include <bits/vktypes.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PROT_NONE		0x0
#define PROT_READ		0x1
#define PROT_WRITE		0x2
#define PROT_EXEC		0x4

#define MAP_SHARED		0x01
#define MAP_PRIVATE		0x02
#define MAP_TYPE		0x0f
#define MAP_FIXED		0x10
#define MAP_ANONYMOUS		0x20
#define MAP_ANON		MAP_ANONYMOUS
#define MAP_NORESERVE		0x4000
#define MAP_FIXED_NOREPLACE	0x100000

#define MAP_FAILED		((void *)-1)

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);

#ifdef __cplusplus
}
#endif

#endif
