/*
 * layer/lx_mem.c: Linux's two mmap calls onto the mmap message: mmap2 takes
 * the offset in pages, the old mmap (90) takes its six arguments in memory.
 */
#include "layer/lx.h"

static int32_t
map(uint32_t addr, uint32_t len, uint32_t prot, uint32_t flags, int32_t fd, uint64_t off)
{
	struct vk_msg_mmap m;

	ly_hdr(&m.hdr, VK_SYS_mmap, sizeof(m));
	m.addr = addr;
	m.len = len;
	m.prot = prot;
	m.flags = flags;
	m.fd = fd;
	m.offset = (int64_t)off;
	return (int32_t)lx_call(&m.hdr);
}

LX_DECL(mmap2)
{
	return map(a1, a2, a3, a4, (int32_t)a5, (uint64_t)a6 << 12);
}

LX_DECL(mmap)
{
	const uint32_t *v = (const uint32_t *)a1;

	(void)a2; (void)a3; (void)a4; (void)a5; (void)a6;
	if ((v[5] & 4095) != 0)
		return -VK_EINVAL;
	return map(v[0], v[1], v[2], v[3], (int32_t)v[4], v[5]);
}
