/*
 * dirent.c: opendir, readdir and friends on the layer's directory records
 * (slot __vk_getdents64): d_ino (u64), d_off (s64), d_reclen (u16), in
 * program ABI 2 d_namlen (u16), d_type (u8), the name (Linux's struct
 * linux_dirent64 in program ABI 1).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vkernel/vk_layer.h"

ssize_t __vk_getdents64(int fd, void *buf, size_t count);

#define REC_TYPE	VK_DIRREC_TYPE(__VK_PROGRAM_ABI)
#define REC_NAME	VK_DIRREC_NAME(__VK_PROGRAM_ABI)

struct vk_dir {
	int		fd;
	size_t		pos, len;	/* the unread records are buf[pos, len) */
	struct dirent	ent;
	unsigned char	buf[4096] __attribute__((aligned(8)));
};

DIR *
fdopendir(int fd)
{
	DIR *d = malloc(sizeof(*d));

	if (d == NULL)
		return NULL;
	d->fd = fd;
	d->pos = d->len = 0;
	return d;
}

DIR *
opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;

	if (fd < 0)
		return NULL;
	if ((d = fdopendir(fd)) == NULL)
		close(fd);
	return d;
}

struct dirent *
readdir(DIR *d)
{
	const unsigned char *r;
	uint16_t reclen;
	size_t namelen;
	ssize_t n;

	if (d->pos >= d->len) {
		n = __vk_getdents64(d->fd, d->buf, sizeof(d->buf));
		if (n <= 0)
			return NULL;		/* end (errno untouched) or error (errno set) */
		d->pos = 0;
		d->len = (size_t)n;
	}
	r = d->buf + d->pos;
	memcpy(&d->ent.d_ino, r, 8);
	memcpy(&d->ent.d_off, r + 8, 8);
	memcpy(&reclen, r + 16, 2);
	d->ent.d_reclen = reclen;
	d->ent.d_type = r[REC_TYPE];
	namelen = strnlen((const char *)r + REC_NAME, reclen > REC_NAME ? reclen - REC_NAME : 0);
	if (namelen >= sizeof(d->ent.d_name))
		namelen = sizeof(d->ent.d_name) - 1;
#if __VK_PROGRAM_ABI >= 2
	d->ent.d_namlen = (unsigned short)namelen;
#endif
	memcpy(d->ent.d_name, r + REC_NAME, namelen);
	d->ent.d_name[namelen] = '\0';
	d->pos += reclen ? reclen : d->len;	/* a zero length would loop forever */
	return &d->ent;
}

void
rewinddir(DIR *d)
{
	lseek(d->fd, 0, SEEK_SET);
	d->pos = d->len = 0;
}

int
dirfd(DIR *d)
{
	return d->fd;
}

int
closedir(DIR *d)
{
	int r = close(d->fd);

	free(d);
	return r;
}
