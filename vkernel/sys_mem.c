/*
 * vkernel/sys_mem.c: handlers for the guest's memory: brk, anonymous mmap,
 * munmap.  They only decide addresses and permissions, with Linux's rules
 * and error values; vm.c does the mapping.
 */
#include "config.h"

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

int
vk_sys_mmap(struct vk_proc *p, struct vk_msg_mmap *m)
{
	struct vk_vm *vm = &p->vm;
	uint32_t type = m->flags & VK_MAP_TYPE, addr = m->addr, len;
	int e;

	if (m->len == 0 || (type != VK_MAP_PRIVATE && type != VK_MAP_SHARED) ||
	    (m->prot & ~(uint32_t)(VK_PROT_READ | VK_PROT_WRITE | VK_PROT_EXEC)) != 0 ||
	    m->offset % VK_PAGE != 0 || m->offset < 0)
		return VK_EINVAL;
	if ((m->flags & VK_MAP_ANONYMOUS) == 0)
		return VK_ENODEV;	/* file mappings: not yet (see docs/abi.md) */
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
	if ((e = vk_vm_map(vm, addr, len, (int)m->prot)) != 0)
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
