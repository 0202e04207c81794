/*
 * vkernel/sysent.h: the shape of the generated dispatch table.
 *
 * vk_sysent[] (generated into vk_sysent.c from syscalls.master) has one slot
 * per command number from 0 to the highest; holes have a NULL handler and
 * answer ENOSYS.  Each slot carries what the gate needs to validate a message
 * (its size, where its outputs start) and what the trace needs to decode it
 * (field names, types, offsets).
 */
#ifndef VK_SYSENT_H
#define VK_SYSENT_H

#include <stdint.h>

#include "vk_sysmsg.h"

struct vk_proc;

/* Field types, as named in syscalls.master. */
enum vk_argtype {
	VK_T_INT, VK_T_UINT, VK_T_HEX, VK_T_FD, VK_T_SIZE, VK_T_OFF, VK_T_PTR,
	VK_T_PATH, VK_T_INBUF, VK_T_OUTBUF, VK_T_OFLAGS, VK_T_MODE, VK_T_WHENCE,
	VK_T_CLOCKID, VK_T_PROT, VK_T_MAPFLAGS, VK_T_S32, VK_T_U32, VK_T_S64,
};

/* How ms_result is shown. */
enum vk_restype { VK_R_NONE, VK_R_INT, VK_R_FD, VK_R_SSIZE, VK_R_OFF, VK_R_PTR };

struct vk_sysarg {
	const char	*name;
	enum vk_argtype	type;
	int		offset;		/* byte offset in the message */
	int		lenarg;		/* buffers: index of the size argument, else -1 */
	int		out;		/* written by the kernel */
};

struct vk_sysent {
	const char	*name;
	int		(*call)(struct vk_proc *p, void *msg);	/* NULL: ENOSYS */
	int		msgsize;	/* the smallest valid ms_size */
	int		outoff;		/* outputs live in [outoff, msgsize) */
	int		nin;		/* arguments */
	int		nfields;	/* arguments + outputs */
	const struct vk_sysarg *args;
	enum vk_restype	restype;
};

extern const struct vk_sysent vk_sysent[VK_SYS_NSLOTS];
/* vk_cmdmap[abi][wire]: the command identity (its vk_sysent index) of wire
 * number WIRE in kernel ABI ABI, 0 for none. */
extern const uint16_t vk_cmdmap[VK_KERNEL_ABIS + 1][VK_SYS_NWIRE];

/* A Linux call of the personality (layer/linux.master), for --trace: its
 * arguments are the Linux registers ebx, ecx, edx, esi, edi, ebp in order
 * (offset = 4 * index into the array of six). */
struct vk_lxent {
	const char	*name;		/* NULL: a number the personality does not know */
	int		nargs;
	const struct vk_sysarg *args;
	int		enosys;		/* listed, and answered ENOSYS on purpose */
};

extern const struct vk_lxent vk_lxent[VK_LX_NCALLS];
extern const char *const vk_stubnames[VK_NSTUBS];

#endif
