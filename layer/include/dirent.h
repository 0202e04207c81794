/*
 * dirent.h: reading directories.  readdir is built on the layer's
 * directory records (slot __vk_getdents64); struct dirent has 64-bit d_ino
 * and d_off, and in program ABI 2 also d_namlen.
 */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct dirent {
	ino_t		d_ino;
	off_t		d_off;
	unsigned short	d_reclen;
#if __VK_PROGRAM_ABI >= 2
	unsigned short	d_namlen;	/* program ABI 2: the name's length */
#endif
	unsigned char	d_type;
	char		d_name[256];
};

#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

typedef struct vk_dir DIR;

DIR *opendir(const char *path);
DIR *fdopendir(int fd);
struct dirent *readdir(DIR *d);
int closedir(DIR *d);
void rewinddir(DIR *d);
int dirfd(DIR *d);

#ifdef __cplusplus
}
#endif

#endif
