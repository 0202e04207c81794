/*
 * vkernel/vk_layer.h: what the kernel and the kernel-interfacing layer share
 * about a native process, beyond messages: the ELF notes that mark native
 * programs and layer images, the stub table's geometry, where the kernel puts
 * the shared page, the TLS block and the layer, the fixed %gs offsets, and
 * the shared page's layout.  Included by C (host and i386) and by assembler.
 * docs/abi.md is the prose version; keep them in step.
 */
#ifndef VK_LAYER_H
#define VK_LAYER_H

/* The program ABI the SDK builds for, and the layer version built here. */
#ifndef VK_PROGRAM_ABI			/* the SDK of program ABI 2 builds with 2 */
#define VK_PROGRAM_ABI		1
#endif
#define VK_PROGRAM_ABI_NEWEST	2
#define LY_VERSION		1

/* The Linux personality's image says this program ABI: it serves programs
 * without the native marks (Linux i386 binaries), whose ABI is Linux's. */
#define VK_PROGRAM_ABI_LINUX	0x4c58		/* "LX" */
/* Its slot table: the int 0x80 reflection target, the AT_SYSINFO entry
 * (__kernel_vsyscall), the vDSO image for AT_SYSINFO_EHDR (0: none) and
 * where the personality keeps the frame of the call in progress. */
#define VK_LX_SLOT_INT80	0
#define VK_LX_SLOT_SYSINFO	1
#define VK_LX_SLOT_VDSO		2
#define VK_LX_SLOT_FRAME	3	/* address of the in-progress call's frame pointer */
#define VK_LX_NSLOTS		4
#define VK_VDSO_ADDR		0xff7f0000	/* the vDSO inside the Linux image */
#define VK_SHARED_VSYSCALL	(VK_SHARED_ADDR + 0x4c)	/* &sh_vsyscall */

/* ELF notes: owner "vkrun". */
#define VK_NOTE_NAME		"vkrun"
#define VK_NT_ABI		1	/* native program: desc = u32 program ABI */
#define VK_NT_LAYER		2	/* layer image: desc = 7 x u32, below */
#define VK_NT_RAW		3	/* vkcc --no-layer program: desc = u32 program ABI,
					 * u32 kernel ABI whose numbers it traps with */
#define VK_LAYER_NOTE_DESCSZ	28	/* program ABI, kernel ABI, layer version,
					 * nslots, slots address, counts address,
					 * ncounts */

/* The stub section of a native program. */
#define VK_STUB_SECTION		".vkstubs"
#define VK_STUB_SIZE		4096	/* exactly one page, page-aligned, NOBITS */
#define VK_STUB_SLOT		8	/* bytes per slot: jmp rel32 + 3 x int3 */
#define VK_STUB_MAX		(VK_STUB_SIZE / VK_STUB_SLOT)

/* Directory records (stub slot getdents64): Linux's linux_dirent64 in
 * program ABI 1 (d_type at 18, the name at 19); program ABI 2 puts a 16-bit
 * name length at 18 (d_type at 20, the name at 21). */
#define VK_DIRREC_TYPE(pabi)	((pabi) >= 2 ? 20 : 18)
#define VK_DIRREC_NAME(pabi)	((pabi) >= 2 ? 21 : 19)

/* Where the kernel puts things in a native process (inside the reserved
 * 0xff000000-0xffff0000 range of docs/abi.md). */
#define VK_SHARED_ADDR		0xff000000	/* shared page: kernel writes, guest reads */
#define VK_TLS_ADDR		0xff001000	/* initial TLS block (one page, RW) */
#define VK_LAYER_MIN		0xff100000	/* layer images are linked in here */
#define VK_LAYER_MAX		0xff800000
#define VK_TLS_GDT_ENTRY	12		/* %gs = 12 << 3 | 3 = 0x63 */

/* Fixed positive %gs offsets (clear of glibc's and musl's 0x00-0x18). */
#define VK_TLS_SELF		0x00	/* the block's own address (thread pointer) */
#define VK_TLS_ERRNO		0x20	/* pointer to this thread's errno */
#define VK_TLS_PRIVATE		0x24	/* the layer's private pointer: the shared page */
#define VK_TLS_UPCTL		0x30	/* the thread's upcall control block (struct vk_upctl) */
#define VK_TLS_ERRNO_SLOT	0x40	/* where the initial thread's errno lives */

#ifndef __ASSEMBLER__
#include <stdint.h>

/*
 * The shared page.  The kernel writes it, the guest can only read it.  Time
 * is published vDSO-style: the layer reads the TSC (Unicorn passes the host's
 * through) and converts with mult/shift from the last base the kernel
 * published; sh_seq is odd while the kernel updates, so the layer retries.
 */
struct vk_shared {
	uint32_t	sh_version;		/* VK_SHARED_VERSION */
	uint32_t	sh_pid, sh_ppid;
	uint32_t	sh_uid, sh_euid, sh_gid, sh_egid;
	volatile uint32_t sh_seq;		/* odd: update in progress */
	uint64_t	sh_tsc_base;		/* TSC at the last update */
	int64_t		sh_mono_sec;		/* CLOCK_MONOTONIC at sh_tsc_base */
	int64_t		sh_real_sec;		/* CLOCK_REALTIME at sh_tsc_base */
	uint32_t	sh_mono_nsec, sh_real_nsec;
	uint32_t	sh_mult;		/* ns = (tsc - base) * mult >> shift */
	uint32_t	sh_shift;
	uint32_t	sh_trace;		/* nonzero: the layer reports Linux calls */
	uint32_t	sh_vsyscall;		/* Linux: the personality's entry, for the vDSO */
};
#define VK_SHARED_VERSION	1

#ifdef __cplusplus
#define VK_LAYER_ASSERT static_assert
#else
#define VK_LAYER_ASSERT _Static_assert
#endif
VK_LAYER_ASSERT(__builtin_offsetof(struct vk_shared, sh_tsc_base) == 32, "shared page layout");
VK_LAYER_ASSERT(sizeof(struct vk_shared) == 80, "shared page layout");
VK_LAYER_ASSERT(__builtin_offsetof(struct vk_shared, sh_vsyscall) == VK_SHARED_VSYSCALL - VK_SHARED_ADDR, "sh_vsyscall");
#endif

#endif
