/*
 * layer/libc-tests/shim.c: the system calls libc expects from the
 * kernel-interfacing layer, built on the test runtime's wrappers
 * (guest-tests/rt/vkrt.c), for developing and testing libc before the
 * layer exists.  Not part of libc and never linked into real programs.
 *
 * Each function makes one vkrt call and, on failure, copies vk_errno into
 * errno.  Calls the kernel does not offer to the test runtime (stat, fstat,
 * lstat, getcwd, getppid and the uid/gid calls) fail with ENOSYS.  libc
 * must be built with -DVK_LIBC_NO_TLS to use this shim: there is no TLS
 * block, so errno is a plain static int.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "guest-tests/rt/vkrt.h"

/* vkrt.c reads the initial stack pointer that its own crt0 records; libc's
 * crt0 does not, so it stays 0 (the shim never uses vkrt's auxv reader). */
uint32_t vk_entry_sp;

/* A failed vkrt call: errno from vk_errno, and R (-1) back to the caller. */
static int
fail(int r)
{
	errno = vk_errno;
	return r;
}

static int
nosys(void)
{
	errno = ENOSYS;
	return -1;
}

void
_exit(int status)
{
	vk_exit(status);
}

ssize_t
read(int fd, void *buf, size_t n)
{
	int32_t r = vk_read(fd, buf, n);

	return r < 0 ? fail(-1) : r;
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	int32_t r = vk_write(fd, buf, n);

	return r < 0 ? fail(-1) : r;
}

int
open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;
	int r;

	if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	r = vk_open(path, (uint32_t)flags, mode);
	return r < 0 ? fail(-1) : r;
}

int
close(int fd)
{
	return vk_close(fd) < 0 ? fail(-1) : 0;
}

off_t
lseek(int fd, off_t off, int whence)
{
	int64_t r = vk_lseek(fd, off, whence);

	if (r < 0) {
		errno = vk_errno;
		return -1;
	}
	return r;
}

int
unlink(const char *path)
{
	return vk_unlink(path) < 0 ? fail(-1) : 0;
}

int
mkdir(const char *path, mode_t mode)
{
	return vk_mkdir(path, mode) < 0 ? fail(-1) : 0;
}

void *
__vk_brk(void *addr)
{
	return (void *)vk_brk((uint32_t)addr);
}

void *
mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	void *p = vk_mmap(addr, len, prot, flags, fd, off);

	if (p == MAP_FAILED)
		errno = vk_errno;
	return p;
}

int
munmap(void *addr, size_t len)
{
	return vk_munmap(addr, len) < 0 ? fail(-1) : 0;
}

pid_t
getpid(void)
{
	return vk_getpid();
}

pid_t
getppid(void)
{
	return nosys();
}

uid_t
getuid(void)
{
	return (uid_t)nosys();
}

uid_t
geteuid(void)
{
	return (uid_t)nosys();
}

gid_t
getgid(void)
{
	return (gid_t)nosys();
}

gid_t
getegid(void)
{
	return (gid_t)nosys();
}

int
clock_gettime(clockid_t clk, struct timespec *ts)
{
	int64_t sec;
	int32_t nsec;

	if (vk_clock_gettime(clk, &sec, &nsec) < 0)
		return fail(-1);
	ts->tv_sec = sec;
	ts->tv_nsec = nsec;
	ts->__pad = 0;
	return 0;
}

int
gettimeofday(struct timeval *tv, void *tz)
{
	struct timespec ts;

	(void)tz;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return -1;
	tv->tv_sec = ts.tv_sec;
	tv->tv_usec = ts.tv_nsec / 1000;
	tv->__pad = 0;
	return 0;
}

time_t
time(time_t *t)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return -1;
	if (t != NULL)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

int
stat(const char *path, struct stat *st)
{
	(void)path;
	(void)st;
	return nosys();
}

int
fstat(int fd, struct stat *st)
{
	(void)fd;
	(void)st;
	return nosys();
}

int
lstat(const char *path, struct stat *st)
{
	(void)path;
	(void)st;
	return nosys();
}

char *
getcwd(char *buf, size_t size)
{
	(void)buf;
	(void)size;
	nosys();
	return NULL;
}
