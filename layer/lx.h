/*
 * layer/lx.h: the Linux personality (seeds 002, 003): Linux i386 system
 * calls served in (kernel-protected) user space by turning them into native
 * messages.  It is reached by int 0x80, which the kernel reflects into
 * lx_int80_entry, or by a call through AT_SYSINFO (%gs:0x10 in glibc and
 * musl) into lx_vsyscall, without a trap.  Handlers get the six Linux
 * argument registers (ebx, ecx, edx, esi, edi, ebp) as a1..a6 and return the
 * Linux result: a value, or -errno.  The program's C library owns %gs and
 * errno, so nothing here touches either.
 */
#ifndef LX_H
#define LX_H

#include "layer/ly.h"

typedef int32_t (*lx_fn)(uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5, uint32_t a6);

/* Generated from layer/linux.master: lx_table[NR] (NULL: ENOSYS). */
extern const lx_fn lx_table[LX_NCALLS];

/* lx_call: send M and return ms_result, or -errno (no errno is touched). */
int64_t lx_call(struct vk_msghdr *m);

#define LX_ARGS uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5, uint32_t a6
#define LX_DECL(name) int32_t lx_##name(LX_ARGS)

#endif
