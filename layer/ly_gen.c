/* ly_gen.c: GENERATED from vkernel/syscalls.master by scripts/gensyscalls.awk; do not edit. */
#include "layer/ly.h"

__attribute__((noreturn)) void
ly_exit(int32_t status)
{
	struct vk_msg_exit m;

	ly_hdr(&m.hdr, VK_SYS_exit, sizeof(m));
	m.status = status;
	ly_call(&m.hdr);
	for (;;)
		__builtin_trap();
}

int32_t
ly_read(int32_t fd, uint32_t buf, uint32_t count)
{
	struct vk_msg_read m;

	ly_hdr(&m.hdr, VK_SYS_read, sizeof(m));
	m.fd = fd;
	m.buf = buf;
	m.count = count;
	return (int32_t)ly_call(&m.hdr);
}

int32_t
ly_write(int32_t fd, uint32_t buf, uint32_t count)
{
	struct vk_msg_write m;

	ly_hdr(&m.hdr, VK_SYS_write, sizeof(m));
	m.fd = fd;
	m.buf = buf;
	m.count = count;
	return (int32_t)ly_call(&m.hdr);
}

int32_t
ly_open(uint32_t path, uint32_t flags, uint32_t mode)
{
	struct vk_msg_open m;

	ly_hdr(&m.hdr, VK_SYS_open, sizeof(m));
	m.path = path;
	m.flags = flags;
	m.mode = mode;
	return (int32_t)ly_call(&m.hdr);
}

int32_t
ly_close(int32_t fd)
{
	struct vk_msg_close m;

	ly_hdr(&m.hdr, VK_SYS_close, sizeof(m));
	m.fd = fd;
	return (int32_t)ly_call(&m.hdr);
}

int64_t
ly_lseek(int32_t fd, int64_t offset, uint32_t whence)
{
	struct vk_msg_lseek m;

	ly_hdr(&m.hdr, VK_SYS_lseek, sizeof(m));
	m.fd = fd;
	m.offset = offset;
	m.whence = whence;
	return (int64_t)ly_call(&m.hdr);
}

int32_t
ly_unlink(uint32_t path)
{
	struct vk_msg_unlink m;

	ly_hdr(&m.hdr, VK_SYS_unlink, sizeof(m));
	m.path = path;
	return (int32_t)ly_call(&m.hdr);
}

int32_t
ly_mkdir(uint32_t path, uint32_t mode)
{
	struct vk_msg_mkdir m;

	ly_hdr(&m.hdr, VK_SYS_mkdir, sizeof(m));
	m.path = path;
	m.mode = mode;
	return (int32_t)ly_call(&m.hdr);
}

uint32_t
ly_brk(uint32_t addr)
{
	struct vk_msg_brk m;

	ly_hdr(&m.hdr, VK_SYS_brk, sizeof(m));
	m.addr = addr;
	return (uint32_t)ly_call(&m.hdr);
}

uint32_t
ly_mmap(uint32_t addr, uint32_t len, uint32_t prot, uint32_t flags, int32_t fd, int64_t offset)
{
	struct vk_msg_mmap m;

	ly_hdr(&m.hdr, VK_SYS_mmap, sizeof(m));
	m.addr = addr;
	m.len = len;
	m.prot = prot;
	m.flags = flags;
	m.fd = fd;
	m.offset = offset;
	return (uint32_t)ly_call(&m.hdr);
}

int32_t
ly_munmap(uint32_t addr, uint32_t len)
{
	struct vk_msg_munmap m;

	ly_hdr(&m.hdr, VK_SYS_munmap, sizeof(m));
	m.addr = addr;
	m.len = len;
	return (int32_t)ly_call(&m.hdr);
}
