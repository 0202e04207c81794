/*
 * vkernel/vk_elist.h: element lists (seed 003), the one definition the
 * kernel (which encodes them), the layers and the raw stubs (which decode
 * them) and the tests all include.
 *
 * Structures cross the kernel boundary as lists of tagged elements rather
 * than as raw structs, so that a kernel can add, widen or reorder fields
 * without breaking a program: the layer picks the tags it knows, skips the
 * ones it does not, and fills a documented default for a missing one.
 *
 * Encoding: a sequence of elements, each a 4-byte header
 *     uint16_t tag; uint16_t len;		(little-endian, like every value)
 * then LEN bytes of value, then zero padding to a multiple of 4.  The list
 * ends where the reply's byte count says.  Integer values are little-endian,
 * 1, 2, 4 or 8 bytes long (a reader widens them); times are 12 bytes (s64
 * seconds, u32 nanoseconds) or 8 (seconds only); strings are bytes without
 * a NUL.  VK_EL_ENTRY (length 0) starts each entry of a list of entries
 * (directory entries, processes).
 *
 * Decoding errors are VK_EBADMSG: a header or value running past the end,
 * a known tag with a length its type does not allow, a known tag twice in
 * one entry.  Never a crash: every read is bounds-checked here.
 *
 * C99, no library calls: it builds for the host and freestanding i386.
 * docs/abi.md section 11 is the prose version; keep them in step.
 */
#ifndef VK_ELIST_H
#define VK_ELIST_H

#include <stdint.h>

#include "vkernel/vk_abi.h"

/* X(name, tag, type): type is U (integer), T (time), S (string), E (entry mark). */
#define VK_EL_TAGS(X) \
	X(ENTRY,	0x0001, E) \
	X(ST_DEV,	0x0101, U) \
	X(ST_INO,	0x0102, U) \
	X(ST_MODE,	0x0103, U) \
	X(ST_NLINK,	0x0104, U) \
	X(ST_UID,	0x0105, U) \
	X(ST_GID,	0x0106, U) \
	X(ST_RDEV,	0x0107, U) \
	X(ST_SIZE,	0x0108, U) \
	X(ST_BLKSIZE,	0x0109, U) \
	X(ST_BLOCKS,	0x010a, U) \
	X(ST_ATIME,	0x010b, T) \
	X(ST_MTIME,	0x010c, T) \
	X(ST_CTIME,	0x010d, T) \
	X(ST_BTIME,	0x010e, T) \
	X(DE_INO,	0x0201, U) \
	X(DE_OFF,	0x0202, U) \
	X(DE_TYPE,	0x0203, U) \
	X(DE_NAME,	0x0204, S) \
	X(UN_SYSNAME,	0x0301, S) \
	X(UN_NODENAME,	0x0302, S) \
	X(UN_RELEASE,	0x0303, S) \
	X(UN_VERSION,	0x0304, S) \
	X(UN_MACHINE,	0x0305, S) \
	X(PI_PID,	0x0401, U) \
	X(PI_PPID,	0x0402, U) \
	X(PI_PGID,	0x0403, U) \
	X(PI_STATE,	0x0404, U) \
	X(PI_UID,	0x0405, U) \
	X(PI_NAME,	0x0406, S) \
	X(PI_START,	0x0407, T) \
	X(PI_MSGS,	0x0408, U)

/* Values are little-endian, as both sides (x86) are: they are read in place. */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "element lists are little-endian");

#define VK_X_EL_ENUM(name, tag, type) VK_EL_##name = tag,
enum vk_el_tag { VK_EL_TAGS(VK_X_EL_ENUM) };
#undef VK_X_EL_ENUM

#define VK_EL_HDR	4u
/* Bytes one element of value length LEN takes. */
#define VK_EL_SIZE(len)	(VK_EL_HDR + (((uint32_t)(len) + 3u) & ~3u))

/* What vk_el_next hands out. */
struct vk_el {
	uint16_t	tag, len;
	const uint8_t	*val;
};

/* The type letter of a known tag ('U', 'T', 'S', 'E'), 0 for an unknown one. */
static inline char
vk_el_type(uint16_t tag)
{
	switch (tag) {
#define VK_X_EL_TYPE(name, t, type) case t: return #type[0];
	VK_EL_TAGS(VK_X_EL_TYPE)
#undef VK_X_EL_TYPE
	}
	return 0;
}

/*
 * vk_el_next: the element at *OFF of the LEN-byte list BUF into *E, and
 * *OFF past it.  1 for an element, 0 at the end, -VK_EBADMSG for a header
 * or value past the end or a known tag whose length its type does not allow.
 */
static inline int
vk_el_next(const void *buf, uint32_t len, uint32_t *off, struct vk_el *e)
{
	const uint8_t *b = buf;
	uint32_t o = *off;

	if (o >= len)
		return 0;
	if (len - o < VK_EL_HDR)
		return -VK_EBADMSG;
	__builtin_memcpy(&e->tag, b + o, 2);
	__builtin_memcpy(&e->len, b + o + 2, 2);
	if (e->len > len - o - VK_EL_HDR)
		return -VK_EBADMSG;
	e->val = b + o + VK_EL_HDR;
	switch (vk_el_type(e->tag)) {
	case 'U':
		if (e->len != 1 && e->len != 2 && e->len != 4 && e->len != 8)
			return -VK_EBADMSG;
		break;
	case 'T':
		if (e->len != 8 && e->len != 12)
			return -VK_EBADMSG;
		break;
	case 'E':
		if (e->len != 0)
			return -VK_EBADMSG;
		break;
	}
	/* The padding may be cut off after the last element. */
	*off = len - o < VK_EL_SIZE(e->len) ? len : o + VK_EL_SIZE(e->len);
	return 1;
}

/* Helpers the decoders inline, so that with a constant tag and length (the
 * positional decoders) each element folds to a move or two. */
#define VK_EL_INLINE	static inline __attribute__((always_inline))

/* vk_el_uint: an integer element's value (1, 2, 4 or 8 bytes), widened. */
VK_EL_INLINE uint64_t
vk_el_uint(const struct vk_el *e)
{
	uint8_t v1;
	uint16_t v2;
	uint32_t v4;
	uint64_t v8;

	switch (e->len) {	/* little-endian: read in place */
	case 1:	__builtin_memcpy(&v1, e->val, 1); return v1;
	case 2:	__builtin_memcpy(&v2, e->val, 2); return v2;
	case 4:	__builtin_memcpy(&v4, e->val, 4); return v4;
	case 8:	__builtin_memcpy(&v8, e->val, 8); return v8;
	}
	return 0;		/* vk_el_next refuses any other length */
}

/* vk_el_time: a time element's seconds and nanoseconds. */
VK_EL_INLINE void
vk_el_time(const struct vk_el *e, int64_t *sec, uint32_t *nsec)
{
	*nsec = 0;
	__builtin_memcpy(sec, e->val, 8);
	if (e->len == 12)
		__builtin_memcpy(nsec, e->val + 8, 4);
}

/* ---- stat ---- */

/* What a stat element list says, with VK_ELS_* bits for the tags it had. */
struct vk_el_stat {
	uint64_t	dev, ino, rdev, size, blocks;
	uint32_t	mode, nlink, uid, gid, blksize;
	int64_t		atime, mtime, ctime, btime;
	uint32_t	atime_nsec, mtime_nsec, ctime_nsec, btime_nsec;
	uint32_t	have;		/* bit (tag - VK_EL_ST_DEV) per tag present */
};
#define VK_ELS_HAVE(tag)	(1u << ((tag) - VK_EL_ST_DEV))
/* The tags a reply must carry; the others have defaults (blksize 4096,
 * blocks from size, the times and rdev 0, btime absent). */
#define VK_ELS_REQUIRED	(VK_ELS_HAVE(VK_EL_ST_INO) | VK_ELS_HAVE(VK_EL_ST_MODE) | VK_ELS_HAVE(VK_EL_ST_SIZE))

/* Store element TAG (LEN bytes at V) in *ST; with constant TAG and LEN this
 * folds to one or two moves. */
VK_EL_INLINE void
vk_el_stat_set(struct vk_el_stat *st, uint16_t tag, const uint8_t *v, uint16_t len)
{
	struct vk_el e = { tag, len, v };

	switch (tag) {
	case VK_EL_ST_DEV:	st->dev = vk_el_uint(&e); break;
	case VK_EL_ST_INO:	st->ino = vk_el_uint(&e); break;
	case VK_EL_ST_MODE:	st->mode = (uint32_t)vk_el_uint(&e); break;
	case VK_EL_ST_NLINK:	st->nlink = (uint32_t)vk_el_uint(&e); break;
	case VK_EL_ST_UID:	st->uid = (uint32_t)vk_el_uint(&e); break;
	case VK_EL_ST_GID:	st->gid = (uint32_t)vk_el_uint(&e); break;
	case VK_EL_ST_RDEV:	st->rdev = vk_el_uint(&e); break;
	case VK_EL_ST_SIZE:	st->size = vk_el_uint(&e); break;
	case VK_EL_ST_BLKSIZE:	st->blksize = (uint32_t)vk_el_uint(&e); break;
	case VK_EL_ST_BLOCKS:	st->blocks = vk_el_uint(&e); break;
	case VK_EL_ST_ATIME:	vk_el_time(&e, &st->atime, &st->atime_nsec); break;
	case VK_EL_ST_MTIME:	vk_el_time(&e, &st->mtime, &st->mtime_nsec); break;
	case VK_EL_ST_CTIME:	vk_el_time(&e, &st->ctime, &st->ctime_nsec); break;
	case VK_EL_ST_BTIME:	vk_el_time(&e, &st->btime, &st->btime_nsec); break;
	}
}

/*
 * vk_el_stat_decode: the stat element list BUF (LEN bytes) into *ST.
 * Unknown tags are skipped; a missing optional tag gets its default.
 * 0, or VK_EBADMSG (malformed, a tag twice, a required tag missing).
 */
static inline int
vk_el_stat_decode(const void *buf, uint32_t len, struct vk_el_stat *st)
{
	struct vk_el e;
	uint32_t off = 0;
	int r;

	*st = (struct vk_el_stat){ .blksize = 4096 };
	while ((r = vk_el_next(buf, len, &off, &e)) > 0) {
		uint32_t bit;

		if (e.tag < VK_EL_ST_DEV || e.tag > VK_EL_ST_BTIME)
			continue;	/* not a stat tag: skipped */
		bit = VK_ELS_HAVE(e.tag);
		if (st->have & bit)
			return VK_EBADMSG;
		st->have |= bit;
		vk_el_stat_set(st, e.tag, e.val, e.len);
	}
	if (r < 0 || (st->have & VK_ELS_REQUIRED) != VK_ELS_REQUIRED)
		return VK_EBADMSG;
	if (!(st->have & VK_ELS_HAVE(VK_EL_ST_BLOCKS)))
		st->blocks = (st->size + 511) / 512;
	return 0;
}

/*
 * The stat list each kernel ABI writes, element by element: X(tag, value
 * bytes).  The kernel encodes from these (sys_elist.c), so a layer built for
 * that kernel ABI can decode a list that follows its layout by position
 * (vk_el_stat_decode_as: one compare per element) and any other list by tag
 * (vk_el_stat_decode).  Kernel ABI 2 adds ST_BTIME after these when the
 * filesystem has one.
 */
#define VK_EL_STAT_K1(X) \
	X(ST_DEV, 8) X(ST_INO, 4) X(ST_MODE, 4) X(ST_NLINK, 4) X(ST_UID, 4) X(ST_GID, 4) \
	X(ST_RDEV, 8) X(ST_SIZE, 4) X(ST_BLKSIZE, 4) X(ST_BLOCKS, 8) \
	X(ST_ATIME, 12) X(ST_MTIME, 12) X(ST_CTIME, 12)
#define VK_EL_STAT_K2(X) \
	X(ST_MODE, 4) X(ST_SIZE, 8) X(ST_INO, 8) X(ST_DEV, 8) X(ST_NLINK, 4) X(ST_UID, 4) \
	X(ST_GID, 4) X(ST_RDEV, 8) X(ST_BLKSIZE, 4) X(ST_BLOCKS, 8) \
	X(ST_ATIME, 12) X(ST_MTIME, 12) X(ST_CTIME, 12)

#define VK_X_EL_SIZE(name, n)	+ VK_EL_SIZE(n)
#define VK_X_EL_HAVE(name, n)	| VK_ELS_HAVE(VK_EL_##name)
#define VK_X_EL_AS(name, n) {							\
		uint32_t h_;							\
										\
		__builtin_memcpy(&h_, b + o, 4);				\
		if (h_ != ((uint32_t)(n) << 16 | VK_EL_##name))			\
			return vk_el_stat_decode(buf, len, st);			\
		vk_el_stat_set(st, VK_EL_##name, b + o + VK_EL_HDR, n);		\
		o += VK_EL_SIZE(n);						\
	}

/*
 * VK_EL_STAT_DECODER(fn, LAYOUT): a decoder for lists laid out as LAYOUT
 * (VK_EL_STAT_K1 or _K2) says, element by element at fixed offsets (one
 * compare per element), falling back to vk_el_stat_decode for any other
 * list (another order, widths, more or fewer elements).  The same answers
 * as vk_el_stat_decode, faster on the expected list.
 */
#define VK_EL_STAT_DECODER(fn, LAYOUT)						\
static inline int								\
fn(const void *buf, uint32_t len, struct vk_el_stat *st)			\
{										\
	const uint8_t *b = buf;							\
	uint32_t o = 0;								\
										\
	if (len != 0 LAYOUT(VK_X_EL_SIZE))					\
		return vk_el_stat_decode(buf, len, st);				\
	st->rdev = 0;								\
	st->btime = 0;								\
	st->btime_nsec = 0;							\
	LAYOUT(VK_X_EL_AS)							\
	st->have = 0 LAYOUT(VK_X_EL_HAVE);					\
	return 0;								\
}

/* ---- encoding (the kernel's side, and tests) ---- */

/*
 * vk_el_put: append element TAG with LEN bytes of VAL to BUF (CAP bytes) at
 * *OFF.  0, or -1 when it does not fit (nothing is written then).
 */
static inline int
vk_el_put(void *buf, uint32_t cap, uint32_t *off, uint16_t tag, const void *val, uint16_t len)
{
	uint8_t *b = buf;
	const uint8_t *v = val;
	uint32_t o = *off, n = VK_EL_SIZE(len);

	if (o > cap || cap - o < n)
		return -1;
	__builtin_memcpy(b + o, &tag, 2);
	__builtin_memcpy(b + o + 2, &len, 2);
	if (len > 0)
		__builtin_memcpy(b + o + VK_EL_HDR, v, len);
	for (uint32_t i = VK_EL_HDR + len; i < n; i++)
		b[o + i] = 0;
	*off = o + n;
	return 0;
}

/* vk_el_put_uint: an integer element of LEN (1, 2, 4 or 8) bytes. */
static inline int
vk_el_put_uint(void *buf, uint32_t cap, uint32_t *off, uint16_t tag, uint64_t v, uint16_t len)
{
	return vk_el_put(buf, cap, off, tag, &v, len);	/* little-endian: the low LEN bytes */
}

/* vk_el_put_time: a 12-byte time element. */
static inline int
vk_el_put_time(void *buf, uint32_t cap, uint32_t *off, uint16_t tag, int64_t sec, uint32_t nsec)
{
	uint8_t b[12];

	__builtin_memcpy(b, &sec, 8);
	__builtin_memcpy(b + 8, &nsec, 4);
	return vk_el_put(buf, cap, off, tag, b, 12);
}

#endif
