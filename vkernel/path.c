/*
 * vkernel/path.c: guest path names, confined to the guest root.
 *
 * Every lookup goes through openat2(2) on an O_PATH descriptor of the root
 * with RESOLVE_IN_ROOT: the host kernel resolves absolute paths, `..' and
 * symlinks as if that directory were /, atomically, so no race or crafted
 * link can reach outside it.  Relative paths are joined to the guest's cwd
 * (kept as a guest path string) first, which gives `..' its usual meaning
 * relative to the cwd while still stopping at the root.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "vkernel/kernel.h"

#define RESOLVE_FLAGS	(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS)

static int
openat2_in_root(int rootfd, const char *path, uint64_t flags, uint64_t mode)
{
	struct open_how how = { .flags = flags, .mode = mode, .resolve = RESOLVE_FLAGS };
	int fd, tries = 0;

	do
		fd = (int)syscall(SYS_openat2, rootfd, path, &how, sizeof(how));
	while (fd < 0 && (errno == EAGAIN || errno == EINTR) && ++tries < 16);
	return fd;
}

int
vk_fs_init(struct vk_fs *fs, const char *root)
{
	char host_cwd[PATH_MAX];
	size_t n;

	fs->rootfd = -1;
	fs->root = realpath(root, NULL);
	if (fs->root == NULL)
		return vk_errno_host(errno);
	fs->rootfd = open(fs->root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fs->rootfd < 0) {
		int e = vk_errno_host(errno);

		vk_fs_free(fs);
		return e;
	}
	strcpy(fs->cwd, "/");
	if (getcwd(host_cwd, sizeof(host_cwd)) == NULL)
		return 0;
	n = strcmp(fs->root, "/") == 0 ? 0 : strlen(fs->root);
	if (strncmp(host_cwd, fs->root, n) == 0 && (host_cwd[n] == '/' || host_cwd[n] == '\0') &&
	    host_cwd[n] != '\0' && strlen(host_cwd + n) < sizeof(fs->cwd))
		strcpy(fs->cwd, host_cwd + n);
	return 0;
}

void
vk_fs_free(struct vk_fs *fs)
{
	if (fs->rootfd >= 0)
		close(fs->rootfd);
	fs->rootfd = -1;
	free(fs->root);
	fs->root = NULL;
}

/* The guest path PATH as seen from the root: absolute as given, else under the cwd. */
static int
join(const struct vk_fs *fs, const char *path, char out[VK_PATH_MAX])
{
	int n;

	if (path[0] == '\0')
		return VK_ENOENT;
	if (path[0] == '/')
		n = snprintf(out, VK_PATH_MAX, "%s", path);
	else
		n = snprintf(out, VK_PATH_MAX, "%s/%s", fs->cwd, path);
	return n < 0 || n >= VK_PATH_MAX ? VK_ENAMETOOLONG : 0;
}

int
vk_fs_open(struct vk_fs *fs, const char *path, int flags, mode_t mode, int *fd)
{
	char full[VK_PATH_MAX];
	int e = join(fs, path, full);

	if (e != 0)
		return e;
	if ((flags & O_CREAT) == 0 && (flags & O_TMPFILE) != O_TMPFILE)
		mode = 0;	/* openat2 refuses a mode it would not use */
	*fd = openat2_in_root(fs->rootfd, full, (uint64_t)flags | O_CLOEXEC, mode & 07777);
	return *fd < 0 ? vk_errno_host(errno) : 0;
}

int
vk_fs_parent(struct vk_fs *fs, const char *path, int *dirfd, char name[NAME_MAX + 1])
{
	char full[VK_PATH_MAX];
	char *slash, *last;
	size_t len;
	int e = join(fs, path, full);

	if (e != 0)
		return e;
	len = strlen(full);
	while (len > 1 && full[len - 1] == '/')
		full[--len] = '\0';
	slash = strrchr(full, '/');	/* join() made the path absolute */
	last = slash + 1;
	if (*last == '\0' || strcmp(last, ".") == 0 || strcmp(last, "..") == 0) {
		/* A last component of "." or ".." must not reach the host as a
		 * name relative to a directory: at the guest root, ".." would name
		 * the host directory above it.  Resolve the whole path inside the
		 * root instead and name the directory itself as ".". */
		strcpy(name, ".");
		*dirfd = openat2_in_root(fs->rootfd, full, O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
		return *dirfd < 0 ? vk_errno_host(errno) : 0;
	}
	if (strlen(last) > NAME_MAX)
		return VK_ENAMETOOLONG;
	strcpy(name, last);
	if (slash == full)
		slash[1] = '\0';	/* parent is the root */
	else
		*slash = '\0';
	*dirfd = openat2_in_root(fs->rootfd, full, O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
	return *dirfd < 0 ? vk_errno_host(errno) : 0;
}

int
vk_fs_at(struct vk_fs *fs, int hostdirfd, const char *path, char out[VK_PATH_MAX])
{
	char link[64], host[VK_PATH_MAX];
	size_t n;
	ssize_t len;
	int r;

	if (path[0] == '/' || hostdirfd < 0) {
		r = snprintf(out, VK_PATH_MAX, "%s", path);
		return r < 0 || r >= VK_PATH_MAX ? VK_ENAMETOOLONG : 0;
	}
	/* The directory's host path, back into a guest path under the root. */
	snprintf(link, sizeof(link), "/proc/self/fd/%d", hostdirfd);
	len = readlink(link, host, sizeof(host) - 1);
	if (len < 0)
		return vk_errno_host(errno);
	host[len] = '\0';
	n = strcmp(fs->root, "/") == 0 ? 0 : strlen(fs->root);
	if (strncmp(host, fs->root, n) != 0 || (host[n] != '/' && host[n] != '\0'))
		return VK_ENOENT;	/* a descriptor outside the root: nothing to resolve against */
	r = snprintf(out, VK_PATH_MAX, "%s/%s", host[n] ? host + n : "", path);
	return r < 0 || r >= VK_PATH_MAX ? VK_ENAMETOOLONG : 0;
}
