/*
 * loader/stack.c: the initial process stack, laid out as Linux's binfmt_elf
 * lays it out for a 32-bit process (ld_build_stack).
 *
 * From stack_top down:
 *
 *   4 zero bytes            Linux keeps the last word of the stack zero
 *   AT_EXECFN string
 *   envp strings            envp[0] lowest
 *   argv strings            argv[0] lowest, at the bottom of the string area
 *   (pad to 16)
 *   AT_PLATFORM string      (only when a platform is given)
 *   16 AT_RANDOM bytes
 *   (pad)
 *   auxv pairs ... AT_NULL
 *   NULL, envp[] pointers
 *   NULL, argv[] pointers
 *   argc                    <- sp, 16-aligned
 *
 * The layout is measured first and then written into one buffer that holds
 * [sp, stack_top); every pointer in it is a 32-bit little-endian guest
 * address computed from stack_top.  Unlike Linux there is no random padding:
 * the layout depends only on the inputs, which keeps runs reproducible.
 */
#include "loader/loader.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define END_MARK	4u
#define RANDOM_LEN	16u
#define MAX_NAME	4096u		/* AT_EXECFN and AT_PLATFORM strings, like PATH_MAX */
#define NAUX_FIXED	16		/* the entries every process gets */

/* Sizes and offsets (from sp) of everything on the stack. */
struct layout {
	size_t		argc;
	size_t		envc;
	size_t		strbytes;	/* argv and envp strings with their NULs */
	size_t		execfn_len;
	size_t		platform_len;
	size_t		naux;		/* pairs, AT_NULL included */
	size_t		size;		/* stack_top - sp */
	size_t		auxv_off;
	size_t		random_off;
	size_t		platform_off;
	size_t		strings_off;
	size_t		execfn_off;
};

static int fail(char *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(char *err, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, LD_ERRLEN, fmt, ap);
	va_end(ap);
	return code;
}

static size_t
round16(size_t n)
{
	return (n + 15) & ~(size_t)15;
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

/*
 * Count the strings of VEC into *COUNT and add their sizes to *BYTES, never
 * reading further into a string than the budget left: a huge argument costs
 * no more than the limit it breaks.
 */
static int
count_strings(char *const *vec, size_t *count, size_t *bytes)
{
	size_t n, len, left;

	for (n = 0; vec != NULL && vec[n] != NULL; n++) {
		left = LD_MAX_ARGBYTES - *bytes;
		len = strnlen(vec[n], left);
		if (len >= left)
			return -1;
		*bytes += len + 1;
	}
	*count = n;
	return 0;
}

static int
measure(const struct ld_stack_params *p, struct layout *lay, char *err)
{
	size_t depth, words;

	if (count_strings(p->argv, &lay->argc, &lay->strbytes) != 0 ||
	    count_strings(p->envp, &lay->envc, &lay->strbytes) != 0)
		return fail(err, E2BIG, "argument list too long (argv and envp strings "
		    "exceed %u bytes)", LD_MAX_ARGBYTES);
	lay->execfn_len = strnlen(p->execfn != NULL ? p->execfn : "", MAX_NAME);
	lay->platform_len = p->platform != NULL ? strnlen(p->platform, MAX_NAME) : 0;
	if (lay->execfn_len == MAX_NAME || lay->platform_len == MAX_NAME)
		return fail(err, E2BIG, "AT_EXECFN or AT_PLATFORM string too long");
	lay->naux = NAUX_FIXED + (p->platform != NULL) + (size_t)p->naux_extra + 1;

	/* Depths below stack_top first; offsets from sp once the size is known. */
	depth = END_MARK + lay->execfn_len + 1;
	lay->execfn_off = depth;
	depth += lay->strbytes;
	lay->strings_off = depth;
	depth = round16(depth);
	if (p->platform != NULL)
		depth += lay->platform_len + 1;
	lay->platform_off = depth;
	depth += RANDOM_LEN;
	lay->random_off = depth;
	words = 1 + (lay->argc + 1) + (lay->envc + 1) + 2 * lay->naux;
	lay->size = round16(depth + 4 * words);
	lay->auxv_off = 4 * (1 + (lay->argc + 1) + (lay->envc + 1));
	lay->execfn_off = lay->size - lay->execfn_off;
	lay->strings_off = lay->size - lay->strings_off;
	lay->platform_off = lay->size - lay->platform_off;
	lay->random_off = lay->size - lay->random_off;
	return 0;
}

static int
check_params(const struct ld_image *img, const struct ld_stack_params *p, char *err)
{
	if (img == NULL || p == NULL)
		return fail(err, EINVAL, "no image or no stack parameters");
	if (p->stack_top % 16 != 0)
		return fail(err, EINVAL, "stack top 0x%08x is not 16-aligned", p->stack_top);
	if (p->naux_extra < 0 || p->naux_extra > LD_MAX_AUX_EXTRA)
		return fail(err, EINVAL, "%d extra auxv entries (at most %d)",
		    p->naux_extra, LD_MAX_AUX_EXTRA);
	return 0;
}

/* Copy the strings of VEC at *OFF in BUF, and their guest addresses at PTRS. */
static void
put_strings(unsigned char *buf, uint32_t sp, size_t *off, char *const *vec, size_t n,
    unsigned char *ptrs)
{
	size_t i, len;

	for (i = 0; i < n; i++) {
		len = strlen(vec[i]) + 1;
		memcpy(buf + *off, vec[i], len);
		put32(ptrs + 4 * i, sp + (uint32_t)*off);
		*off += len;
	}
	put32(ptrs + 4 * n, 0);
}

static unsigned char *
put_aux(unsigned char *q, uint32_t type, uint32_t value)
{
	put32(q, type);
	put32(q + 4, value);
	return q + 8;
}

/* Extra entries (AT_SYSINFO...) come first, where Linux puts ARCH_DLINFO. */
static void
put_auxv(unsigned char *buf, uint32_t sp, const struct layout *lay,
    const struct ld_image *img, const struct ld_stack_params *p)
{
	unsigned char *q = buf + lay->auxv_off;
	int i;

	for (i = 0; i < p->naux_extra; i++)
		q = put_aux(q, p->aux_extra[i][0], p->aux_extra[i][1]);
	q = put_aux(q, LD_AT_HWCAP, p->hwcap);
	q = put_aux(q, LD_AT_PAGESZ, LD_PAGE_SIZE);
	q = put_aux(q, LD_AT_CLKTCK, p->clktck);
	q = put_aux(q, LD_AT_PHDR, img->phdr);
	q = put_aux(q, LD_AT_PHENT, img->phent);
	q = put_aux(q, LD_AT_PHNUM, img->phnum);
	q = put_aux(q, LD_AT_BASE, 0);
	q = put_aux(q, LD_AT_FLAGS, 0);
	q = put_aux(q, LD_AT_ENTRY, img->entry);
	q = put_aux(q, LD_AT_UID, p->uid);
	q = put_aux(q, LD_AT_EUID, p->euid);
	q = put_aux(q, LD_AT_GID, p->gid);
	q = put_aux(q, LD_AT_EGID, p->egid);
	q = put_aux(q, LD_AT_SECURE, p->secure);
	q = put_aux(q, LD_AT_RANDOM, sp + (uint32_t)lay->random_off);
	q = put_aux(q, LD_AT_EXECFN, sp + (uint32_t)lay->execfn_off);
	if (p->platform != NULL)
		q = put_aux(q, LD_AT_PLATFORM, sp + (uint32_t)lay->platform_off);
	put_aux(q, LD_AT_NULL, 0);
}

static void
write_stack(unsigned char *buf, uint32_t sp, const struct layout *lay,
    const struct ld_image *img, const struct ld_stack_params *p)
{
	size_t off = lay->strings_off;
	unsigned char *argv = buf + 4;
	unsigned char *envp = argv + 4 * (lay->argc + 1);

	put32(buf, (uint32_t)lay->argc);
	put_strings(buf, sp, &off, p->argv, lay->argc, argv);
	put_strings(buf, sp, &off, p->envp, lay->envc, envp);
	memcpy(buf + lay->execfn_off, p->execfn != NULL ? p->execfn : "",
	    lay->execfn_len);
	if (p->platform != NULL)
		memcpy(buf + lay->platform_off, p->platform, lay->platform_len);
	memcpy(buf + lay->random_off, p->random, RANDOM_LEN);
	put_auxv(buf, sp, lay, img, p);
}

int
ld_build_stack(const struct ld_image *img, const struct ld_stack_params *p,
    struct ld_stack *out, char err[LD_ERRLEN])
{
	char scratch[LD_ERRLEN];
	struct layout lay = { .argc = 0 };
	unsigned char *buf;
	uint32_t sp;
	int rc;

	if (err == NULL)
		err = scratch;
	memset(out, 0, sizeof(*out));
	rc = check_params(img, p, err);
	if (rc == 0)
		rc = measure(p, &lay, err);
	if (rc == 0 && lay.size > p->stack_top)
		rc = fail(err, EINVAL, "stack top 0x%08x too low for %zu bytes",
		    p->stack_top, lay.size);
	if (rc != 0)
		return rc;
	buf = calloc(1, lay.size);	/* the zeros are the NULs and the padding */
	if (buf == NULL)
		return fail(err, ENOMEM, "out of memory");
	sp = p->stack_top - (uint32_t)lay.size;
	write_stack(buf, sp, &lay, img, p);
	out->data = buf;
	out->size = lay.size;
	out->sp = sp;
	out->argv = sp + 4;
	out->envp = out->argv + 4 * (uint32_t)(lay.argc + 1);
	out->auxv = sp + (uint32_t)lay.auxv_off;
	err[0] = '\0';
	return 0;
}

void
ld_stack_free(struct ld_stack *st)
{
	if (st == NULL)
		return;
	free(st->data);
	memset(st, 0, sizeof(*st));
}
