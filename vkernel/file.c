/*
 * vkernel/file.c: a process's descriptor table.  Guest descriptors name
 * vk_file objects, each holding one host descriptor; the table owns them.
 * A vk_file is an open file: the descriptors dup makes share it (and so its
 * offset and status flags, which live in the host descriptor), while
 * close-on-exec belongs to each descriptor.
 * Guest 0-2 start as duplicates of the host's 0-2, so a guest closing its
 * stdout never closes vkrun's.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "vkernel/kernel.h"

int
vk_fd_init(struct vk_fdtab *t)
{
	for (int i = 0; i < VK_NOFILE; i++) {
		t->fd[i] = NULL;
		t->cloexec[i] = 0;
	}
	for (int i = 0; i < 3; i++) {
		int h = fcntl(i, F_DUPFD_CLOEXEC, 3);

		if (h < 0)
			continue;	/* the host has no such stream: neither has the guest */
		if (vk_fd_install(t, h, 0) != i) {
			close(h);
			return VK_EMFILE;
		}
	}
	return 0;
}

void
vk_fd_free(struct vk_fdtab *t)
{
	for (int i = 0; i < VK_NOFILE; i++)
		if (t->fd[i] != NULL)
			vk_fd_close(t, i);
}

int
vk_fd_install(struct vk_fdtab *t, int hostfd, int cloexec)
{
	struct vk_file *f;

	for (int i = 0; i < VK_NOFILE; i++) {
		if (t->fd[i] != NULL)
			continue;
		f = malloc(sizeof(*f));
		if (f == NULL)
			return -VK_ENOMEM;
		f->hostfd = hostfd;
		f->refs = 1;
		t->fd[i] = f;
		t->cloexec[i] = cloexec != 0;
		return i;
	}
	return -VK_EMFILE;
}

struct vk_file *
vk_fd_get(struct vk_fdtab *t, int fd)
{
	if (fd < 0 || fd >= VK_NOFILE)
		return NULL;
	return t->fd[fd];
}

/* Drop one reference to F, closing its host descriptor with the last. */
static void
file_drop(struct vk_file *f)
{
	if (--f->refs == 0) {
		close(f->hostfd);
		free(f);
	}
}

int
vk_fd_close(struct vk_fdtab *t, int fd)
{
	struct vk_file *f = vk_fd_get(t, fd);

	if (f == NULL)
		return VK_EBADF;
	t->fd[fd] = NULL;
	file_drop(f);
	return 0;
}

int
vk_fd_dup(struct vk_fdtab *t, int fd, int minfd, int cloexec)
{
	struct vk_file *f = vk_fd_get(t, fd);

	if (f == NULL)
		return -VK_EBADF;
	if (minfd < 0 || minfd >= VK_NOFILE)
		return -VK_EINVAL;
	for (int i = minfd; i < VK_NOFILE; i++) {
		if (t->fd[i] != NULL)
			continue;
		f->refs++;
		t->fd[i] = f;
		t->cloexec[i] = cloexec != 0;
		return i;
	}
	return -VK_EMFILE;
}

int
vk_fd_dup2(struct vk_fdtab *t, int fd, int newfd, int cloexec)
{
	struct vk_file *f = vk_fd_get(t, fd), *old;

	if (f == NULL || newfd < 0 || newfd >= VK_NOFILE)
		return -VK_EBADF;
	if (newfd == fd)
		return newfd;
	old = t->fd[newfd];
	f->refs++;
	t->fd[newfd] = f;
	t->cloexec[newfd] = cloexec != 0;
	if (old != NULL)
		file_drop(old);
	return newfd;
}

int
vk_fd_cloexec(struct vk_fdtab *t, int fd, int on)
{
	if (vk_fd_get(t, fd) == NULL)
		return -VK_EBADF;
	if (on >= 0)
		t->cloexec[fd] = on != 0;
	return t->cloexec[fd];
}
