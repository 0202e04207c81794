/*
 * vkernel/vm.c: a guest address space and the only way into it.
 *
 * The host reserves 4 GiB of address space per guest (PROT_NONE, nothing
 * committed) so that guest address a always lives at host address base + a.
 * A guest mapping makes its host pages read/write and registers them with
 * Unicorn (uc_mem_map_ptr); the guest permission is enforced by Unicorn for
 * the guest and by the copy helpers below for the kernel.  Because the host
 * backing never moves, regions can be merged, split and re-registered freely.
 *
 * Two lists: the guest's mappings (sorted, coalesced: adjacent regions with
 * equal permissions are one), which answer every permission question, and
 * Unicorn's own regions, which only mirror them.  Re-registering a Unicorn
 * region costs time in proportion to its size (Unicorn invalidates its
 * translations page by page), so a new mapping in free space, such as a brk
 * extension or an mmap, becomes a Unicorn region of its own, and only the
 * Unicorn regions a change overlaps are re-registered.  When Unicorn's list
 * grows past VK_PHYS_MERGE, runs of adjacent regions with equal permissions
 * are merged, once, which keeps its lookups short and its count far below
 * the ~4000 at which it gives up.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
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
	free(vm->reg);
	free(vm->phys);
	memset(vm, 0, sizeof(*vm));
}

/* Make room for N regions in a list; 0 or ENOMEM. */
static int
reserve(struct vk_region **list, int *cap, int n)
{
	struct vk_region *grown;
	int want;

	if (n <= *cap)
		return 0;
	want = *cap ? *cap : 16;
	while (want < n)
		want *= 2;
	grown = realloc(*list, (size_t)want * sizeof(**list));
	if (grown == NULL)
		return VK_ENOMEM;
	*list = grown;
	*cap = want;
	return 0;
}

static int
cpu_prot(int prot)
{
	return ((prot & VK_PROT_READ) ? CPU_PROT_R : 0) | ((prot & VK_PROT_WRITE) ? CPU_PROT_W : 0) |
	    ((prot & VK_PROT_EXEC) ? CPU_PROT_X : 0);
}

/* Index of the first region of LIST (N long) whose end is above ADDR. */
static int
first_above_in(const struct vk_region *list, int n, uint32_t addr)
{
	int lo = 0, hi = n;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (list[mid].end <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
first_above(const struct vk_vm *vm, uint32_t addr)
{
	return first_above_in(vm->reg, vm->nreg, addr);
}

/* Code ids are unique in the vkrun process: a new one for every change. */
static uint64_t last_code_id;

static void
new_code_id(struct vk_vm *vm)
{
	vm->code_id = ++last_code_id;
	if (vm->cpu != NULL)
		cpu_set_code_id(vm->cpu, vm->code_id);
}

void
vk_vm_set_code_id(struct vk_vm *vm, uint64_t id)
{
	vm->code_id = id;
	if (vm->cpu != NULL)
		cpu_set_code_id(vm->cpu, id);
}

/* Whether a mapping of [START, END) has execute permission. */
static int
has_exec(const struct vk_vm *vm, uint32_t start, uint64_t end)
{
	for (int i = first_above_in(vm->reg, vm->nreg, start); i < vm->nreg && vm->reg[i].start < end; i++)
		if (vm->reg[i].prot & VK_PROT_EXEC)
			return 1;
	return 0;
}

void
vk_vm_code_changed(struct vk_vm *vm, uint32_t addr, uint32_t len)
{
	if (len == 0 || !has_exec(vm, addr, (uint64_t)addr + len))
		return;
	if (vm->cpu != NULL)
		cpu_flush_code(vm->cpu, addr, len);
	new_code_id(vm);
}

static int
phys_map(struct vk_vm *vm, struct vk_region r)
{
	return vm->cpu == NULL ? 0 :
	    cpu_map(vm->cpu, r.start, r.end - r.start, cpu_prot(r.prot), vm->base + r.start);
}

/*
 * Mirror a change of [START, END) (to PROT, or unmapped if PROT < 0) in
 * Unicorn: the regions it overlaps are unregistered and whatever of them lies
 * outside the range is registered again; the range itself becomes one new
 * region.  Nothing else is touched.
 */
static int
phys_set(struct vk_vm *vm, uint32_t start, uint32_t end, int prot)
{
	int lo = first_above_in(vm->phys, vm->nphys, start), hi = lo, n = 0, i;
	struct vk_region keep[2], add[3];

	while (hi < vm->nphys && vm->phys[hi].start < end)
		hi++;
	if (lo < hi && vm->phys[lo].start < start)
		keep[n++] = (struct vk_region){ vm->phys[lo].start, start, vm->phys[lo].prot };
	if (lo < hi && vm->phys[hi - 1].end > end)
		keep[n++] = (struct vk_region){ end, vm->phys[hi - 1].end, vm->phys[hi - 1].prot };
	if (reserve(&vm->phys, &vm->capphys, vm->nphys - (hi - lo) + n + 1) != 0)
		return VK_ENOMEM;
	for (i = lo; i < hi; i++)
		if (vm->cpu != NULL)
			cpu_unmap(vm->cpu, vm->phys[i].start, vm->phys[i].end - vm->phys[i].start);
	/* The replacement for phys[lo..hi), in address order. */
	int na = 0;
	if (n > 0 && keep[0].start < start)
		add[na++] = keep[0];
	if (prot >= 0)
		add[na++] = (struct vk_region){ start, end, prot };
	for (i = 0; i < n; i++)
		if (keep[i].start >= end)
			add[na++] = keep[i];
	for (i = 0; i < na; i++)
		if (phys_map(vm, add[i]) != 0)
			return VK_ENOMEM;
	memmove(&vm->phys[lo + na], &vm->phys[hi], (size_t)(vm->nphys - hi) * sizeof(vm->phys[0]));
	memcpy(&vm->phys[lo], add, (size_t)na * sizeof(add[0]));
	vm->nphys += na - (hi - lo);
	return 0;
}

/* Merge runs of adjacent Unicorn regions with equal permissions, once the
 * list has grown long (see the top of the file). */
static int
phys_compact(struct vk_vm *vm)
{
	int i = 0, out = 0;

	while (i < vm->nphys) {
		int j = i + 1;

		while (j < vm->nphys && vm->phys[j].start == vm->phys[j - 1].end &&
		    vm->phys[j].prot == vm->phys[i].prot &&
		    vm->phys[j].end - vm->phys[i].start <= VK_PHYS_CHUNK)
			j++;
		struct vk_region run = { vm->phys[i].start, vm->phys[j - 1].end, vm->phys[i].prot };
		if (j - i > 1 && vm->cpu != NULL) {
			for (int k = i; k < j; k++)
				cpu_unmap(vm->cpu, vm->phys[k].start, vm->phys[k].end - vm->phys[k].start);
			if (phys_map(vm, run) != 0)
				return VK_ENOMEM;
		}
		vm->phys[out++] = run;
		i = j;
	}
	vm->nphys = out;
	/* Merge again only once the list has doubled: what could not be merged
	 * (holes, different permissions) must not be re-examined on every call. */
	vm->phys_merge_at = 2 * out > VK_PHYS_MERGE ? 2 * out : VK_PHYS_MERGE;
	return 0;
}

/*
 * Give [START, END) protection PROT (-1: unmapped).  The guest's list is
 * rebuilt around the range (split, replaced, merged with equal neighbours);
 * Unicorn's mirror changes only where the range overlaps it.  Host memory of
 * newly mapped pages is zero; of unmapped ones, released.
 */
static int
vm_set(struct vk_vm *vm, uint32_t start, uint32_t end, int prot, int keep)
{
	struct vk_region out[4];
	int lo, hi, n = 0, nout, i, e;

	/* The window: every region overlapping or touching [start, end). */
	lo = first_above(vm, start > 0 ? start - 1 : 0);
	if (lo < vm->nreg && vm->reg[lo].end < start)
		lo++;
	hi = lo;
	while (hi < vm->nreg && vm->reg[hi].start <= end)
		hi++;
	/* Its replacement: what lies left of the range, the range, what lies right. */
	if (lo < hi && vm->reg[lo].start < start)
		out[n++] = (struct vk_region){ vm->reg[lo].start, start < vm->reg[lo].end ? start : vm->reg[lo].end, vm->reg[lo].prot };
	if (prot >= 0)
		out[n++] = (struct vk_region){ start, end, prot };
	if (lo < hi && vm->reg[hi - 1].end > end)
		out[n++] = (struct vk_region){ end > vm->reg[hi - 1].start ? end : vm->reg[hi - 1].start, vm->reg[hi - 1].end, vm->reg[hi - 1].prot };
	nout = 0;
	for (i = 0; i < n; i++) {
		if (out[i].start >= out[i].end)
			continue;
		if (nout > 0 && out[nout - 1].end == out[i].start && out[nout - 1].prot == out[i].prot)
			out[nout - 1].end = out[i].end;
		else
			out[nout++] = out[i];
	}
	if (vm->nreg - (hi - lo) + nout > VK_MAX_REGIONS ||
	    reserve(&vm->reg, &vm->capreg, vm->nreg - (hi - lo) + nout) != 0)
		return VK_ENOMEM;
	/* Unicorn cannot take many more regions than this without aborting the
	 * whole host process: merge what can be merged, else refuse (ENOMEM, as
	 * Linux does past vm.max_map_count). */
	if (vm->nphys + 2 > VK_PHYS_MAX && (phys_compact(vm) != 0 || vm->nphys + 2 > VK_PHYS_MAX))
		return VK_ENOMEM;

	/* New bytes, or bytes the guest may have written, become code (or stop
	 * being code): the code id changes. */
	if ((prot >= 0 && (prot & VK_PROT_EXEC)) || has_exec(vm, start, end))
		new_code_id(vm);
	/* Host side first: new pages zero (unless KEEP: a protection change) and
	 * accessible, dropped pages released. */
	if (prot >= 0) {
		if (mprotect(vm->base + start, end - start, PROT_READ | PROT_WRITE) != 0)
			return VK_ENOMEM;
		if (!keep)
			madvise(vm->base + start, end - start, MADV_DONTNEED);
	}
	if ((e = phys_set(vm, start, end, prot)) != 0)
		return e;	/* Unicorn refused: the guest sees ENOMEM */
	if (prot < 0) {
		madvise(vm->base + start, end - start, MADV_DONTNEED);
		mprotect(vm->base + start, end - start, PROT_NONE);
	}
	memmove(&vm->reg[lo + nout], &vm->reg[hi], (size_t)(vm->nreg - hi) * sizeof(vm->reg[0]));
	memcpy(&vm->reg[lo], out, (size_t)nout * sizeof(out[0]));
	vm->nreg += nout - (hi - lo);
	return vm->nphys > (vm->phys_merge_at ? vm->phys_merge_at : VK_PHYS_MERGE) ? phys_compact(vm) : 0;
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

	return e != 0 ? e : vm_set(vm, addr, end, prot & (VK_PROT_READ | VK_PROT_WRITE | VK_PROT_EXEC), 0);
}

int
vk_vm_protect(struct vk_vm *vm, uint32_t addr, uint32_t len, int prot)
{
	uint32_t end;
	int e = page_range(addr, len, &end);

	if (e != 0)
		return e;
	if (vk_guest_ptr(vm, addr, len, 0) == NULL)
		return VK_ENOMEM;	/* Linux: part of the range is not mapped */
	return vm_set(vm, addr, end, prot & (VK_PROT_READ | VK_PROT_WRITE | VK_PROT_EXEC), 1);
}

int
vk_vm_unmap(struct vk_vm *vm, uint32_t addr, uint32_t len)
{
	uint32_t end;
	int e = page_range(addr, len, &end);

	return e != 0 ? e : vm_set(vm, addr, end, -1, 0);
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
vk_host_write(struct vk_vm *vm, uint32_t dst, const void *src, uint32_t len)
{
	void *p = vk_guest_ptr(vm, dst, len, 0);

	if (p == NULL)
		return VK_EFAULT;
	memcpy(p, src, len);
	vk_vm_code_changed(vm, dst, len);
	return 0;
}
