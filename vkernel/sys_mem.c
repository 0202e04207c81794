/*
 * vkernel/sys_mem.c: handlers for the guest's memory: brk, mmap (anonymous
 * and private file mappings), munmap, mprotect.  They only decide addresses and permissions, with Linux's rules
 * and error values; vm.c does the mapping.
 */
#include "config.h"

#include <errno.h>
#include <unistd.h>

#include "cpu/cpu.h"
#include "vkernel/kernel.h"
#include "vk_sysproto.h"

static uint32_t
page_up(uint64_t a)
{
	return (uint32_t)((a + VK_PAGE - 1) & ~(uint64_t)(VK_PAGE - 1));
}

/* brk: Linux semantics.  Returns the new break, or the old one when the request
 * is 0, below the start, or cannot be met; never an error. */
int
vk_sys_brk(struct vk_proc *p, struct vk_msg_brk *m)
{
	struct vk_vm *vm = &p->vm;
	uint32_t want = m->addr, old_end = page_up(vm->brk), new_end;

	m->hdr.ms_result = vm->brk;
	if (want < vm->brk_start || (uint64_t)want + VK_PAGE > VK_MMAP_TOP)
		return 0;
	new_end = page_up(want);
	if (new_end > old_end) {
		if (!vk_vm_is_free(vm, old_end, new_end - old_end) ||
		    vk_vm_map(vm, old_end, new_end - old_end, VK_PROT_READ | VK_PROT_WRITE) != 0)
			return 0;
	} else if (new_end < old_end && vk_vm_unmap(vm, new_end, old_end - new_end) != 0)
		return 0;
	vm->brk = want;
	m->hdr.ms_result = want;
	return 0;
}

/*
 * A private file mapping is a copy: anonymous memory filled with the file's
 * bytes from OFF (zero past the end of the file), then given PROT.  The host
 * never maps the file itself into guest memory, so a file that shrinks later
 * cannot turn a guest access into a SIGBUS of vkrun.
 */
static int
map_private_file(struct vk_vm *vm, uint32_t addr, uint32_t len, int prot, int hostfd, int64_t off)
{
	unsigned char *dst;
	uint32_t got = 0;
	ssize_t n;
	int e;

	if ((e = vk_vm_map(vm, addr, len, VK_PROT_READ | VK_PROT_WRITE)) != 0)
		return e;
	dst = vk_guest_ptr(vm, addr, len, 0);
	while (got < len) {
		n = pread(hostfd, dst + got, len - got, (off_t)off + got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno == EISDIR || errno == EINVAL ? VK_ENODEV : vk_errno_host(errno);
			vk_vm_unmap(vm, addr, len);
			return e == VK_EBADF ? VK_EACCES : e;	/* not open for reading */
		}
		if (n == 0)
			break;
		got += (uint32_t)n;
	}
	if ((e = vk_vm_protect(vm, addr, len, prot)) != 0)
		vk_vm_unmap(vm, addr, len);
	return e;
}

int
vk_sys_mmap(struct vk_proc *p, struct vk_msg_mmap *m)
{
	struct vk_vm *vm = &p->vm;
	struct vk_file *f = NULL;
	uint32_t type = m->flags & VK_MAP_TYPE, addr = m->addr, len;
	int e;

	if (m->len == 0 || (type != VK_MAP_PRIVATE && type != VK_MAP_SHARED) ||
	    (m->prot & ~(uint32_t)(VK_PROT_READ | VK_PROT_WRITE | VK_PROT_EXEC)) != 0 ||
	    m->offset % VK_PAGE != 0 || m->offset < 0)
		return VK_EINVAL;
	if ((m->flags & VK_MAP_ANONYMOUS) == 0) {
		f = vk_fd_get(&p->fds, m->fd);
		if (f == NULL)
			return VK_EBADF;
		if (type == VK_MAP_SHARED)
			return VK_ENODEV;	/* shared file mappings: see docs/abi.md */
	}
	if ((uint64_t)m->len + VK_PAGE - 1 > VK_STACK_TOP)
		return VK_ENOMEM;
	len = page_up(m->len);
	if (m->flags & (VK_MAP_FIXED | VK_MAP_FIXED_NOREPLACE)) {
		if (addr % VK_PAGE != 0 || addr < VK_MMAP_MIN)
			return VK_EINVAL;
		if ((uint64_t)addr + len > VK_STACK_TOP)
			return VK_ENOMEM;
		if ((m->flags & VK_MAP_FIXED) == 0 && !vk_vm_is_free(vm, addr, len))
			return VK_EEXIST;
	} else {
		addr &= ~(VK_PAGE - 1);
		if (addr < VK_MMAP_MIN || (uint64_t)addr + len > VK_MMAP_TOP || !vk_vm_is_free(vm, addr, len))
			addr = vk_vm_find_free(vm, len, VK_MMAP_MIN, VK_MMAP_TOP);
		if (addr == 0)
			return VK_ENOMEM;
	}
	if (f == NULL) {
		if ((e = vk_vm_map(vm, addr, len, (int)m->prot)) != 0)
			return e;
	} else if ((e = map_private_file(vm, addr, len, (int)m->prot, f->hostfd, m->offset)) != 0)
		return e;
	m->hdr.ms_result = addr;
	return 0;
}

int
vk_sys_munmap(struct vk_proc *p, struct vk_msg_munmap *m)
{
	if (m->addr % VK_PAGE != 0 || m->len == 0 || (uint64_t)m->addr + m->len > VK_STACK_TOP)
		return VK_EINVAL;
	return vk_vm_unmap(&p->vm, m->addr, page_up(m->len));
}

int
vk_sys_mprotect(struct vk_proc *p, struct vk_msg_mprotect *m)
{
	uint32_t len = page_up(m->len);

	if (m->addr % VK_PAGE != 0 || (m->prot & ~(uint32_t)(VK_PROT_READ | VK_PROT_WRITE | VK_PROT_EXEC)) != 0 ||
	    (uint64_t)m->addr + len > VK_STACK_TOP)
		return VK_EINVAL;
	if (len == 0)
		return 0;
	return vk_vm_protect(&p->vm, m->addr, len, (int)m->prot);
}
