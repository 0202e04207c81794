/*
 * loader/notes.c: what makes an executable a native vkrun program, and what
 * a layer image says about itself.
 *
 * A native program carries two marks (seeds 000 and 001; docs/abi.md): an
 * ELF note owned by "vkrun" of type VK_NT_ABI whose 4-byte descriptor is the
 * program ABI it was built for, and a ".vkstubs" section: NOBITS (no code in
 * the file), allocated, page-aligned, exactly one page, inside a PT_LOAD.
 * The kernel maps its layer's stub table there.  A program with neither is a
 * Linux (or raw) program; with only one of them, or with either malformed, it
 * is refused, so that a broken native program is never run as something else.
 * A layer image carries a note of type VK_NT_LAYER instead, describing the
 * ABI pair it serves and where its tables are.  A program built with vkcc
 * --no-layer carries only a note of type VK_NT_RAW (program ABI, kernel ABI):
 * its layer code is inside it, and it has no stub section.  Notes are read from PT_NOTE
 * segments and sections from the section header table, both through libelf.
 */
#include "loader/loader.h"

#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "vkernel/vk_layer.h"

struct marks {
	int		abi_notes, layer_notes, raw_notes;
	uint32_t	abi;
	uint32_t	raw[2];		/* VK_NT_RAW: program ABI, kernel ABI */
	uint32_t	layer[VK_LAYER_NOTE_DESCSZ / 4];
	int		have_stubs;
	GElf_Shdr	stubs;
};

static int
refuse(char *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, LD_ERRLEN, fmt, ap);
	va_end(ap);
	return ENOEXEC;
}

/* One note: only those owned by "vkrun" matter; others (GNU, build id) are skipped. */
static int
take_note(struct marks *mk, const GElf_Nhdr *nh, const char *name, const void *desc, char *err)
{
	if (nh->n_namesz != sizeof(VK_NOTE_NAME) || memcmp(name, VK_NOTE_NAME, sizeof(VK_NOTE_NAME)) != 0)
		return 0;
	switch (nh->n_type) {
	case VK_NT_ABI:
		if (nh->n_descsz != 4)
			return refuse(err, "malformed vkrun ABI note (%u-byte descriptor; it must be 4)",
			    nh->n_descsz);
		memcpy(&mk->abi, desc, 4);
		mk->abi_notes++;
		return 0;
	case VK_NT_LAYER:
		if (nh->n_descsz != VK_LAYER_NOTE_DESCSZ)
			return refuse(err, "malformed vkrun layer note (%u-byte descriptor; it must be %d)",
			    nh->n_descsz, VK_LAYER_NOTE_DESCSZ);
		memcpy(mk->layer, desc, VK_LAYER_NOTE_DESCSZ);
		mk->layer_notes++;
		return 0;
	case VK_NT_RAW:
		if (nh->n_descsz != 8)
			return refuse(err, "malformed vkrun raw note (%u-byte descriptor; it must be 8)",
			    nh->n_descsz);
		memcpy(mk->raw, desc, 8);
		mk->raw_notes++;
		return 0;
	default:
		return refuse(err, "unknown vkrun note type %u", nh->n_type);
	}
}

static int
scan_notes(Elf *e, struct marks *mk, char *err)
{
	size_t n;

	if (elf_getphdrnum(e, &n) != 0)
		return refuse(err, "cannot read the program headers: %s", elf_errmsg(-1));
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;
		Elf_Data *d;
		GElf_Nhdr nh;
		size_t off = 0, next, noff, doff;
		int rc;

		if (gelf_getphdr(e, (int)i, &ph) == NULL || ph.p_type != PT_NOTE || ph.p_filesz == 0)
			continue;
		d = elf_getdata_rawchunk(e, (int64_t)ph.p_offset, ph.p_filesz, ELF_T_NHDR);
		if (d == NULL)
			return refuse(err, "note segment %zu is unreadable: %s", i, elf_errmsg(-1));
		while (off < d->d_size && (next = gelf_getnote(d, off, &nh, &noff, &doff)) != 0) {
			rc = take_note(mk, &nh, (const char *)d->d_buf + noff,
			    (const char *)d->d_buf + doff, err);
			if (rc != 0)
				return rc;
			off = next;
		}
	}
	return 0;
}

static int
find_stub_section(Elf *e, struct marks *mk, char *err)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;

	if (elf_getshdrstrndx(e, &shstrndx) != 0)
		return 0;		/* no usable section table: no stub section */
	while ((scn = elf_nextscn(e, scn)) != NULL) {
		GElf_Shdr sh;
		const char *name;

		if (gelf_getshdr(scn, &sh) == NULL)
			return refuse(err, "unreadable section header: %s", elf_errmsg(-1));
		name = elf_strptr(e, shstrndx, sh.sh_name);
		if (name == NULL || strcmp(name, VK_STUB_SECTION) != 0)
			continue;
		if (mk->have_stubs)
			return refuse(err, "two %s sections", VK_STUB_SECTION);
		mk->have_stubs = 1;
		mk->stubs = sh;
	}
	return 0;
}

/* The stub section's shape, and that a PT_LOAD gives it memory. */
static int
check_stubs(Elf *e, const GElf_Shdr *sh, char *err)
{
	size_t n;

	if (sh->sh_type != SHT_NOBITS)
		return refuse(err, "stub section %s is not NOBITS (it must hold no code in the file)",
		    VK_STUB_SECTION);
	if (sh->sh_size != VK_STUB_SIZE)
		return refuse(err, "stub section %s is %llu bytes; it must be %d", VK_STUB_SECTION,
		    (unsigned long long)sh->sh_size, VK_STUB_SIZE);
	if ((sh->sh_flags & SHF_ALLOC) == 0)
		return refuse(err, "stub section %s is not allocated", VK_STUB_SECTION);
	if (sh->sh_addr % LD_PAGE_SIZE != 0)
		return refuse(err, "stub section %s at 0x%08llx is not page-aligned", VK_STUB_SECTION,
		    (unsigned long long)sh->sh_addr);
	if (elf_getphdrnum(e, &n) != 0)
		return refuse(err, "cannot read the program headers");
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;

		if (gelf_getphdr(e, (int)i, &ph) != NULL && ph.p_type == PT_LOAD &&
		    sh->sh_addr >= ph.p_vaddr && sh->sh_addr + VK_STUB_SIZE <= ph.p_vaddr + ph.p_memsz)
			return 0;
	}
	return refuse(err, "stub section %s at 0x%08llx is outside every loadable segment",
	    VK_STUB_SECTION, (unsigned long long)sh->sh_addr);
}

/* Is guest [ADDR, ADDR+LEN) inside one of IMG's segments? */
static int
inside(const struct ld_image *img, uint64_t addr, uint64_t len)
{
	for (int i = 0; i < img->nseg; i++)
		if (addr >= img->seg[i].vaddr && addr + len <= (uint64_t)img->seg[i].vaddr + img->seg[i].memsz)
			return 1;
	return 0;
}

static int
take_layer(struct ld_image *img, const struct marks *mk, char *err)
{
	struct ld_layer *l = &img->layer;

	if (mk->layer_notes != 1)
		return refuse(err, mk->layer_notes ? "more than one vkrun layer note" :
		    "not a vkrun layer image (no layer note)");
	*l = (struct ld_layer){ mk->layer[0], mk->layer[1], mk->layer[2], mk->layer[3], mk->layer[4],
	    mk->layer[5], mk->layer[6] };
	if (l->pabi == 0 || l->kabi == 0)
		return refuse(err, "layer note names ABI 0");
	if (l->nslots == 0 || l->nslots > VK_STUB_MAX || !inside(img, l->slots, 4ull * l->nslots))
		return refuse(err, "layer slot table (%u entries at 0x%08x) is not inside the image",
		    l->nslots, l->slots);
	if (l->ncounts > VK_STUB_MAX || !inside(img, l->counts, 4ull * l->ncounts))
		return refuse(err, "layer counter table is not inside the image");
	return 0;
}

static int
take_native(struct ld_image *img, Elf *e, const struct marks *mk, char *err)
{
	int rc;

	if (mk->raw_notes != 0) {
		/* vkcc --no-layer: its own layer code inside, no stub page. */
		if (mk->raw_notes > 1 || mk->abi_notes != 0 || mk->have_stubs)
			return refuse(err, "a vkrun raw note with another raw note, an ABI note or a %s section",
			    VK_STUB_SECTION);
		if (mk->raw[0] == 0 || mk->raw[1] == 0)
			return refuse(err, "vkrun raw note names ABI 0");
		img->raw = 1;
		img->abi = mk->raw[0];
		img->raw_kabi = mk->raw[1];
		return 0;
	}
	if (mk->abi_notes == 0 && !mk->have_stubs)
		return 0;		/* a Linux program */
	if (mk->abi_notes > 1)
		return refuse(err, "more than one vkrun ABI note");
	if (mk->abi_notes == 0)
		return refuse(err, "has a %s section but no vkrun ABI note", VK_STUB_SECTION);
	if (!mk->have_stubs)
		return refuse(err, "has the vkrun ABI note but no %s section", VK_STUB_SECTION);
	if (mk->abi == 0)
		return refuse(err, "vkrun ABI note names program ABI 0");
	if ((rc = check_stubs(e, &mk->stubs, err)) != 0)
		return rc;
	img->native = 1;
	img->abi = mk->abi;
	img->stubs = (uint32_t)mk->stubs.sh_addr + img->bias;
	return 0;
}

int
ld_read_notes(struct ld_image *img, char err[LD_ERRLEN], int layer)
{
	struct marks mk = { 0 };
	Elf *e;
	int rc;

	elf_version(EV_CURRENT);
	e = elf_memory((char *)img->file, img->file_size);
	if (e == NULL)
		return refuse(err, "libelf: %s", elf_errmsg(-1));
	rc = scan_notes(e, &mk, err);
	if (rc == 0 && !layer)
		rc = find_stub_section(e, &mk, err);
	if (rc == 0)
		rc = layer ? take_layer(img, &mk, err) : take_native(img, e, &mk, err);
	elf_end(e);
	return rc;
}
