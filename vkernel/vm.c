/*
 * vkernel/vm.c: a guest address space and the only way into it.
 *
 * The host reserves 4 GiB of address space per guest (PROT_NONE, nothing
 * committed) so that guest address a always lives at host address base + a.
 * A guest mapping makes its host pages read/write and registers them with
 * Unicorn (uc_mem_map_ptr); the guest permission is enforced by Unicorn for
 * the guest and by the copy helpers below for the kernel.  Because the host
 * backing never moves, regions can be merged, split and re-registered freely:
 * the region list is kept sorted and coalesced (adjacent regions with equal
 * permissions are one), which keeps Unicorn's region count, and so its
 * lookup cost, small.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "cpu/cpu.h"
#include "vkernel/kernel.h"

#define SPACE	(1ull << 32)

int
vk_vm_init(struct vk_vm *vm, struct cpu *cpu)
{
	void *p = mmap(NULL, SPACE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	memset(vm, 0, sizeof(*vm));
	if (p == MAP_FAILED)
		return VK_ENOMEM;
	vm->base = p;
	vm->cpu = cpu;
	return 0;
}

void
vk_vm_free(struct vk_vm *vm)
{
	if (vm->base != NULL)
		munmap(vm->base, SPACE);
	vm->base = NULL;
	vm->nreg = 0;
}

static int
cpu_prot(int prot)
{
	return ((prot & VK_PROT_READ) ? CPU_PROT_R : 0) | ((prot & VK_PROT_WRITE) ? CPU_PROT_W : 0) |
	    ((prot & VK_PROT_EXEC) ? CPU_PROT_X : 0);
}

/* Index of the first region whose end is above ADDR (binary search). */
static int
first_above(const struct vk_vm *vm, uint32_t addr)
{
	int lo = 0, hi = vm->nreg;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (vm->reg[mid].end <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Give [START, END) protection PROT (-1: unmapped).  The regions touching the
 * range are unregistered, rebuilt (split, replaced, merged with equal
 * neighbours) and registered again.  Host memory of newly mapped pages is
 * zero; of unmapped ones, released.
 */
static int
vm_set(struct vk_vm *vm, uint32_t start, uint32_t end, int prot)
{
	struct vk_region out[VK_MAX_REGIONS];
	int lo, hi, n = 0, nout, i;

	/* The window: every region overlapping or touching [start, end). */
	lo = first_above(vm, start > 0 ? start - 1 : 0);
	if (lo < vm->nreg && vm->reg[lo].end < start)
		lo++;
	hi = lo;
	while (hi < vm->nreg && vm->reg[hi].start <= end)
		hi++;
	/* Build the replacement for reg[lo..hi). */
	for (i = lo; i < hi; i++)
		if (vm->reg[i].start < start)
			out[n++] = (struct vk_region){ vm->reg[i].start, start < vm->reg[i].end ? start : vm->reg[i].end, vm->reg[i].prot };
	if (prot >= 0)
		out[n++] = (struct vk_region){ start, end, prot };
	for (i = lo; i < hi; i++)
		if (vm->reg[i].end > end)
			out[n++] = (struct vk_region){ end > vm->reg[i].start ? end : vm->reg[i].start, vm->reg[i].end, vm->reg[i].prot };
	/* Coalesce. */
	nout = 0;
	for (i = 0; i < n; i++) {
		if (out[i].start >= out[i].end)
			continue;
		if (nout > 0 && out[nout - 1].end == out[i].start && out[nout - 1].prot == out[i].prot)
			out[nout - 1].end = out[i].end;
		else
			out[nout++] = out[i];
	}
	if (vm->nreg - (hi - lo) + nout > VK_MAX_REGIONS)
		return VK_ENOMEM;

	/* Host side first: new pages zero and accessible, dropped pages released. */
	if (prot >= 0) {
		if (mprotect(vm->base + start, end - start, PROT_READ | PROT_WRITE) != 0)
			return VK_ENOMEM;
		madvise(vm->base + start, end - start, MADV_DONTNEED);
	}
	for (i = lo; i < hi; i++)
		if (vm->cpu != NULL)
			cpu_unmap(vm->cpu, vm->reg[i].start, vm->reg[i].end - vm->reg[i].start);
	for (i = 0; i < nout; i++)
		if (vm->cpu != NULL && cpu_map(vm->cpu, out[i].start, out[i].end - out[i].start,
		    cpu_prot(out[i].prot), vm->base + out[i].start) != 0)
			return VK_ENOMEM;	/* Unicorn refused: the guest sees ENOMEM */
	if (prot < 0) {
		madvise(vm->base + start, end - start, MADV_DONTNEED);
		mprotect(vm->base + start, end - start, PROT_NONE);
	}
	memmove(&vm->reg[lo + nout], &vm->reg[hi], (vm->nreg - hi) * sizeof(vm->reg[0]));
	memcpy(&vm->reg[lo], out, nout * sizeof(out[0]));
	vm->nreg += nout - (hi - lo);
	return 0;
}

static int
page_range(uint32_t addr, uint32_t len, uint32_t *end)
{
	uint64_t e = (uint64_t)addr + len;

	if (addr % VK_PAGE != 0 || len == 0 || len % VK_PAGE != 0 || e > CPU_KERNEL_BASE)
		return VK_EINVAL;
	*end = (uint32_t)e;
	return 0;
}

int
vk_vm_map(struct vk_vm *vm, uint32_t addr, uint32_t len, int prot)
{
	uint32_t end;
	int e = page_range(addr, len, &end);

	return e != 0 ? e : vm_set(vm, addr, end, prot & (VK_PROT_READ | VK_PROT_WRITE | VK_PROT_EXEC));
}

int
vk_vm_unmap(struct vk_vm *vm, uint32_t addr, uint32_t len)
{
	uint32_t end;
	int e = page_range(addr, len, &end);

	return e != 0 ? e : vm_set(vm, addr, end, -1);
}

int
vk_vm_is_free(const struct vk_vm *vm, uint32_t addr, uint32_t len)
{
	int i = first_above(vm, addr);

	return i >= vm->nreg || (uint64_t)vm->reg[i].start >= (uint64_t)addr + len;
}

uint32_t
vk_vm_find_free(const struct vk_vm *vm, uint32_t len, uint32_t bottom, uint32_t top)
{
	uint32_t hi = top;

	if (len == 0 || len > top - bottom)
		return 0;
	for (int i = vm->nreg - 1; i >= -1; i--) {
		uint32_t lo = i >= 0 ? vm->reg[i].end : 0;

		if (i >= 0 && vm->reg[i].start >= hi)
			continue;	/* entirely above the current ceiling */
		if (lo < bottom)
			lo = bottom;
		if (hi >= lo && hi - lo >= len)
			return hi - len;
		if (i < 0 || vm->reg[i].start < bottom)
			break;
		hi = vm->reg[i].start;
	}
	return 0;
}

void *
vk_guest_ptr(const struct vk_vm *vm, uint32_t addr, uint32_t len, int access)
{
	uint64_t end = (uint64_t)addr + len, at = addr;
	int need = ((access & VK_ACC_READ) ? VK_PROT_READ : 0) | ((access & VK_ACC_WRITE) ? VK_PROT_WRITE : 0);
	int i;

	if (len == 0)
		return vm->base + addr;
	for (i = first_above(vm, addr); i < vm->nreg && at < end; i++) {
		if (vm->reg[i].start > at || (vm->reg[i].prot & need) != need)
			return NULL;
		at = vm->reg[i].end;
	}
	return at >= end ? vm->base + addr : NULL;
}

int
vk_copyin(const struct vk_vm *vm, void *dst, uint32_t src, uint32_t len)
{
	const void *p = vk_guest_ptr(vm, src, len, VK_ACC_READ);

	if (p == NULL)
		return VK_EFAULT;
	memcpy(dst, p, len);
	return 0;
}

int
vk_copyout(const struct vk_vm *vm, uint32_t dst, const void *src, uint32_t len)
{
	void *p = vk_guest_ptr(vm, dst, len, VK_ACC_WRITE);

	if (p == NULL)
		return VK_EFAULT;
	memcpy(p, src, len);
	return 0;
}

int
vk_copyinstr(const struct vk_vm *vm, char *dst, uint32_t src, size_t max)
{
	for (size_t i = 0; i < max; i++) {
		const char *c;

		/* One check per page, not per byte. */
		if (i == 0 || (src + i) % VK_PAGE == 0)
			if ((uint64_t)src + i >= SPACE ||
			    vk_guest_ptr(vm, (uint32_t)(src + i), 1, VK_ACC_READ) == NULL)
				return VK_EFAULT;
		c = (const char *)vm->base + src + i;
		dst[i] = *c;
		if (*c == '\0')
			return 0;
	}
	return VK_ENAMETOOLONG;
}

int
vk_host_write(const struct vk_vm *vm, uint32_t dst, const void *src, uint32_t len)
{
	void *p = vk_guest_ptr(vm, dst, len, 0);

	if (p == NULL)
		return VK_EFAULT;
	memcpy(p, src, len);
	return 0;
}
