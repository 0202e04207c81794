/*
 * vkernel/layer.c: choosing, loading and mapping the kernel-interfacing layer
 * of a native process (seeds 000 and 001).
 *
 * The image is chosen from the program's ABI (its note) and the kernel ABI
 * vkrun speaks (--kernel-abi): layer-pP-kK.vkl, looked for in --layer-dir,
 * else in the build tree when vkrun runs from it, else in the installed
 * package data directory.  Each image is read and validated once per vkrun
 * (the loader checks it like any executable, plus its layer note) and kept.
 *
 * Mapping a process: the layer's segments at their link addresses (text
 * read+execute, data read+write, fresh per process), the shared page
 * (read-only to the guest), the TLS block (%gs, with the errno pointer and the
 * layer-private pointer at their fixed offsets), and last the program's stub
 * page: slot N becomes `jmp <entry N>' (5 bytes) and three int3, and the page
 * is mapped read+execute so the program can neither patch nor extend it.
 * docs/architecture.md discusses why direct jumps.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpu/cpu.h"
#include "loader/loader.h"
#include "vkernel/kernel.h"

struct vk_layerimg {
	struct vk_layerimg	*next;
	uint32_t		pabi, kabi;
	struct ld_image		img;
};

/* The directory the images are looked for in, by the rule above. */
static const char *
layer_dir(const struct vk_kernel *k, char buf[PATH_MAX])
{
	char exe[PATH_MAX];
	ssize_t n;

	if (k->opt.layer_dir != NULL)
		return k->opt.layer_dir;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash != NULL) {
			*slash = '\0';
			if (strcmp(exe, VK_BUILDDIR) == 0) {
				snprintf(buf, PATH_MAX, "%s/layer", VK_BUILDDIR);
				return buf;
			}
		}
	}
	return VK_PKGDATADIR "/layers";
}

static int
by_pair(const void *a, const void *b)
{
	const unsigned *x = a, *y = b;

	return x[0] != y[0] ? (x[0] > y[0]) - (x[0] < y[0]) : (x[1] > y[1]) - (x[1] < y[1]);
}

/* "p1-k1, p1-k2, p2-k1" (sorted) for the error message; "none" if the
 * directory has none. */
static void
list_available(const char *dir, char *out, size_t len)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	unsigned pairs[64][2], pa, ka;
	size_t used = 0, n = 0;
	char tail;

	out[0] = '\0';
	while (d != NULL && (de = readdir(d)) != NULL && n < 64)
		if (sscanf(de->d_name, "layer-p%u-k%u.vk%c", &pa, &ka, &tail) == 3 && tail == 'l') {
			pairs[n][0] = pa;
			pairs[n++][1] = ka;
		}
	if (d != NULL)
		closedir(d);
	qsort(pairs, n, sizeof(pairs[0]), by_pair);
	for (size_t i = 0; i < n && used < len; i++)
		used += (size_t)snprintf(out + used, len - used, "%sp%u-k%u", used ? ", " : "", pairs[i][0],
		    pairs[i][1]);
	if (out[0] == '\0')
		snprintf(out, len, "none");
}

static struct vk_layerimg *
find_layer(struct vk_kernel *k, uint32_t pabi, char *err, size_t errlen, const char *prog)
{
	struct vk_layerimg *l;
	char dbuf[PATH_MAX], path[PATH_MAX + 64], why[LD_ERRLEN], avail[256];
	const char *dir;
	int fd, e;

	for (l = k->layers; l != NULL; l = l->next)
		if (l->pabi == pabi && l->kabi == k->opt.kernel_abi)
			return l;
	dir = layer_dir(k, dbuf);
	if (pabi == VK_PROGRAM_ABI_LINUX)
		snprintf(path, sizeof(path), "%s/layer-linux-k%u.vkl", dir, k->opt.kernel_abi);
	else
		snprintf(path, sizeof(path), "%s/layer-p%u-k%u.vkl", dir, pabi, k->opt.kernel_abi);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && pabi == VK_PROGRAM_ABI_LINUX) {
		snprintf(err, errlen, "%s: not a native program, and no Linux personality for kernel "
		    "ABI %u (%s: %s)", prog, k->opt.kernel_abi, path, strerror(errno));
		return NULL;
	}
	if (fd < 0) {
		list_available(dir, avail, sizeof(avail));
		snprintf(err, errlen, "%s: no layer image for program ABI %u on kernel ABI %u "
		    "(available in %s: %s)", prog, pabi, k->opt.kernel_abi, dir, avail);
		return NULL;
	}
	l = calloc(1, sizeof(*l));
	if (l == NULL) {
		close(fd);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	e = ld_load_layer_fd(path, fd, &l->img, why);
	close(fd);
	if (e == 0 && (l->img.layer.pabi != pabi || l->img.layer.kabi != k->opt.kernel_abi))
		snprintf(why, sizeof(why), "its note says program ABI %u, kernel ABI %u",
		    l->img.layer.pabi, l->img.layer.kabi), e = ENOEXEC;
	if (e != 0) {
		snprintf(err, errlen, "%s: bad layer image: %s", path, why);
		ld_free(&l->img);
		free(l);
		return NULL;
	}
	l->pabi = pabi;
	l->kabi = k->opt.kernel_abi;
	l->next = k->layers;
	k->layers = l;
	return l;
}

void
vk_layers_free(struct vk_kernel *k)
{
	while (k->layers != NULL) {
		struct vk_layerimg *l = k->layers;

		k->layers = l->next;
		ld_free(&l->img);
		free(l);
	}
}

static int
vkprot(int ldprot)
{
	return ((ldprot & LD_PROT_R) ? VK_PROT_READ : 0) | ((ldprot & LD_PROT_W) ? VK_PROT_WRITE : 0) |
	    ((ldprot & LD_PROT_X) ? VK_PROT_EXEC : 0);
}

static int
map_image(struct vk_proc *p, const struct ld_image *img)
{
	for (int i = 0; i < img->nseg; i++)
		if (vk_vm_map(&p->vm, img->seg[i].vaddr, img->seg[i].memsz, vkprot(img->seg[i].prot)) != 0)
			return -1;
	for (int i = 0; i < img->nseg; i++)
		if (img->seg[i].filesz > 0 &&
		    vk_host_write(&p->vm, img->seg[i].data_vaddr, img->seg[i].data, img->seg[i].filesz) != 0)
			return -1;
	return 0;
}

/* The TLS block: self pointer, errno pointer, layer-private pointer. */
static int
map_tls(struct vk_proc *p)
{
	uint32_t words[3][2] = {
		{ VK_TLS_SELF, VK_TLS_ADDR },
		{ VK_TLS_ERRNO, VK_TLS_ADDR + VK_TLS_ERRNO_SLOT },
		{ VK_TLS_PRIVATE, VK_SHARED_ADDR },
	};

	if (vk_vm_map(&p->vm, VK_TLS_ADDR, VK_PAGE, VK_PROT_READ | VK_PROT_WRITE) != 0)
		return -1;
	for (int i = 0; i < 3; i++)
		if (vk_host_write(&p->vm, VK_TLS_ADDR + words[i][0], &words[i][1], 4) != 0)
			return -1;
	return cpu_set_tls(p->cpu, VK_TLS_GDT_ENTRY, VK_TLS_ADDR, VK_PAGE - 1, 0, 1);
}

/* Slot N: jmp rel32 to the layer's entry N, then int3 padding; the rest int3. */
static int
fill_stubs(struct vk_proc *p, uint32_t stubs, const struct ld_layer *l)
{
	unsigned char page[VK_STUB_SIZE];
	uint32_t entries[VK_STUB_MAX];

	if (vk_copyin(&p->vm, entries, l->slots, 4 * l->nslots) != 0)
		return -1;
	memset(page, 0xcc, sizeof(page));
	for (uint32_t i = 0; i < l->nslots; i++) {
		uint32_t at = stubs + i * VK_STUB_SLOT;
		int32_t rel = (int32_t)(entries[i] - (at + 5));

		page[i * VK_STUB_SLOT] = 0xe9;
		memcpy(&page[i * VK_STUB_SLOT + 1], &rel, 4);
	}
	if (vk_vm_map(&p->vm, stubs, VK_STUB_SIZE, VK_PROT_READ | VK_PROT_EXEC) != 0)
		return -1;
	return vk_host_write(&p->vm, stubs, page, sizeof(page));
}

/*
 * The Linux personality (seeds 002, 003): its image is mapped like a native
 * layer, with the shared page, but no TLS (the program's C library owns %gs)
 * and no stub page.  int 0x80 is reflected into its first entry; its second
 * is offered as AT_SYSINFO, so C libraries that call through %gs:0x10 reach
 * it without a trap.
 */
int
vk_layer_attach_linux(struct vk_proc *p, uint32_t aux[][2], int *naux, char *err, size_t errlen)
{
	struct vk_layerimg *l = find_layer(p->k, VK_PROGRAM_ABI_LINUX, err, errlen, p->name);
	uint32_t slots[VK_LX_NSLOTS];

	if (l == NULL)
		return 126;
	if (l->img.layer.nslots < VK_LX_NSLOTS) {
		snprintf(err, errlen, "%s: Linux personality image has %u slots, not %d", p->name,
		    l->img.layer.nslots, VK_LX_NSLOTS);
		return 126;
	}
	if (map_image(p, &l->img) != 0 ||
	    vk_vm_map(&p->vm, VK_SHARED_ADDR, VK_PAGE, VK_PROT_READ) != 0 ||
	    vk_copyin(&p->vm, slots, l->img.layer.slots, sizeof(slots)) != 0) {
		snprintf(err, errlen, "%s: cannot map the Linux personality", p->name);
		return 125;
	}
	vk_shared_init(p, (struct vk_shared *)vk_guest_ptr(&p->vm, VK_SHARED_ADDR, VK_PAGE, 0));
	p->shared->sh_trace = p->k->opt.trace != NULL;
	p->shared->sh_vsyscall = slots[VK_LX_SLOT_SYSINFO];
	p->layer = &l->img.layer;
	p->lx_int80 = slots[VK_LX_SLOT_INT80];
	p->lx_frame = slots[VK_LX_SLOT_FRAME];
	*naux = 0;
	aux[(*naux)][0] = 32;		/* AT_SYSINFO */
	aux[(*naux)++][1] = slots[VK_LX_SLOT_SYSINFO];
	if (slots[VK_LX_SLOT_VDSO] != 0) {
		aux[(*naux)][0] = 33;	/* AT_SYSINFO_EHDR */
		aux[(*naux)++][1] = slots[VK_LX_SLOT_VDSO];
	}
	return 0;
}

int
vk_layer_attach_raw(struct vk_proc *p, const struct ld_image *prog, char *err, size_t errlen)
{
	if (vk_vm_map(&p->vm, VK_SHARED_ADDR, VK_PAGE, VK_PROT_READ) != 0 || map_tls(p) != 0) {
		snprintf(err, errlen, "%s: cannot map the shared page and the TLS block", p->name);
		return 125;
	}
	vk_shared_init(p, (struct vk_shared *)vk_guest_ptr(&p->vm, VK_SHARED_ADDR, VK_PAGE, 0));
	p->gs = CPU_SEL(VK_TLS_GDT_ENTRY, 3);
	p->upctl = VK_TLS_ADDR + VK_TLS_UPCTL;
	vk_trace_line(p, "raw program (program ABI %u, built for kernel ABI %u) on kernel ABI %u: no layer",
	    prog->abi, prog->raw_kabi, p->k->opt.kernel_abi);
	return 0;
}

int
vk_layer_attach(struct vk_proc *p, const struct ld_image *prog, char *err, size_t errlen)
{
	struct vk_layerimg *l = find_layer(p->k, prog->abi, err, errlen, p->name);

	if (l == NULL)
		return 126;
	if (map_image(p, &l->img) != 0 ||
	    vk_vm_map(&p->vm, VK_SHARED_ADDR, VK_PAGE, VK_PROT_READ) != 0 ||
	    map_tls(p) != 0 || fill_stubs(p, prog->stubs, &l->img.layer) != 0) {
		snprintf(err, errlen, "%s: cannot map the layer for program ABI %u", p->name, prog->abi);
		return 125;
	}
	vk_shared_init(p, (struct vk_shared *)vk_guest_ptr(&p->vm, VK_SHARED_ADDR, VK_PAGE, 0));
	p->layer = &l->img.layer;
	p->gs = CPU_SEL(VK_TLS_GDT_ENTRY, 3);
	p->upctl = VK_TLS_ADDR + VK_TLS_UPCTL;	/* the initial thread's control block */
	return 0;
}

/* vk_layer_counts: copy the layer's per-slot counters out of the guest (at exit). */
int
vk_layer_counts(struct vk_proc *p, uint32_t *counts, uint32_t max)
{
	uint32_t n;

	if (p->layer == NULL)
		return 0;
	n = p->layer->ncounts < max ? p->layer->ncounts : max;
	return vk_copyin(&p->vm, counts, p->layer->counts, 4 * n) == 0 ? (int)n : 0;
}
