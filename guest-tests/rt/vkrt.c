/*
 * guest-tests/rt/vkrt.c: the minimal runtime of the test guests (freestanding
 * i386, no libc): the int 0x81 gate, one wrapper per command, string and
 * output helpers, the auxv reader and the CHECK failure reporters.
 *
 * The gate convention (vkernel/vk_abi.h): eax = port (0 for now), ecx = the
 * message's address, edx = its size for sendsys, 0 for waitsys; all three 0
 * for flushsys.  eax comes back as 0 or a guest errno; no other register
 * changes, so only eax is an output and memory is clobbered (the kernel writes
 * the reply into the message).  See vkrt.h for the wrappers' contract.
 */
#include "guest-tests/rt/vkrt.h"

int vk_errno;

int
vk_sendsys(void *msg, uint32_t size)
{
	int ret;

	__asm__ volatile ("int $0x81"
	    : "=a" (ret)
	    : "a" (0), "c" (msg), "d" (size)
	    : "memory");
	return ret;
}

int
vk_waitsys(void *msg)
{
	int ret;

	__asm__ volatile ("int $0x81"
	    : "=a" (ret)
	    : "a" (0), "c" (msg), "d" (0)
	    : "memory");
	return ret;
}

int
vk_flushsys(void)
{
	int ret;

	__asm__ volatile ("int $0x81"
	    : "=a" (ret)
	    : "a" (0), "c" (0), "d" (0)
	    : "memory");
	return ret;
}

/*
 * Send MSG (its header already zeroed, arguments filled in) as command CMD of
 * SIZE bytes; return ms_result, or -1 with vk_errno set.
 */
static int64_t
call(struct vk_msghdr *h, uint32_t cmd, uint32_t size)
{
	int err;

	h->ms_cmd = cmd;
	h->ms_size = size;
	err = vk_sendsys(h, size);
	if (err == 0)
		err = h->ms_error;
	if (err != 0) {
		vk_errno = err;
		return -1;
	}
	return h->ms_result;
}

#define SEND(m, name) call(&(m).hdr, VK_SYS_##name, sizeof(m))

void
vk_exit(int status)
{
	struct vk_msg_exit m = { .status = status };

	SEND(m, exit);
	for (;;)
		__asm__ volatile ("ud2");
}

int32_t
vk_read(int fd, void *buf, uint32_t count)
{
	struct vk_msg_read m = { .fd = fd, .buf = (uint32_t)buf, .count = count };

	return (int32_t)SEND(m, read);
}

int32_t
vk_write(int fd, const void *buf, uint32_t count)
{
	struct vk_msg_write m = { .fd = fd, .buf = (uint32_t)buf, .count = count };

	return (int32_t)SEND(m, write);
}

int
vk_open(const char *path, uint32_t flags, uint32_t mode)
{
	struct vk_msg_open m = { .path = (uint32_t)path, .flags = flags, .mode = mode };

	return (int)SEND(m, open);
}

int
vk_close(int fd)
{
	struct vk_msg_close m = { .fd = fd };

	return (int)SEND(m, close);
}

int64_t
vk_lseek(int fd, int64_t offset, int whence)
{
	struct vk_msg_lseek m = { .fd = fd, .offset = offset, .whence = whence };

	return SEND(m, lseek);
}

int
vk_unlink(const char *path)
{
	struct vk_msg_unlink m = { .path = (uint32_t)path };

	return (int)SEND(m, unlink);
}

int
vk_mkdir(const char *path, uint32_t mode)
{
	struct vk_msg_mkdir m = { .path = (uint32_t)path, .mode = mode };

	return (int)SEND(m, mkdir);
}

uint32_t
vk_brk(uint32_t addr)
{
	struct vk_msg_brk m = { .addr = addr };

	return (uint32_t)SEND(m, brk);
}

void *
vk_mmap(void *addr, uint32_t len, int prot, int flags, int fd, int64_t offset)
{
	struct vk_msg_mmap m = { .addr = (uint32_t)addr, .len = len, .prot = prot,
	    .flags = flags, .fd = fd, .offset = offset };

	return (void *)(uint32_t)SEND(m, mmap);
}

int
vk_munmap(void *addr, uint32_t len)
{
	struct vk_msg_munmap m = { .addr = (uint32_t)addr, .len = len };

	return (int)SEND(m, munmap);
}

int
vk_getpid(void)
{
	struct vk_msg_getpid m = { .hdr.ms_cmd = 0 };

	return (int)SEND(m, getpid);
}

int
vk_clock_gettime(int clock, int64_t *sec, int32_t *nsec)
{
	struct vk_msg_clock_gettime m = { .clock = clock };

	if (SEND(m, clock_gettime) < 0)
		return -1;
	*sec = m.sec;
	*nsec = m.nsec;
	return 0;
}

/* String and memory helpers.  memset and memcpy use the string instructions,
 * so gcc cannot turn their loops back into calls to themselves. */

size_t
strlen(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0')
		n++;
	return n;
}

int
strcmp(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int
strncmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; n--, a++, b++)
		if (*a != *b || *a == '\0')
			return (unsigned char)*a - (unsigned char)*b;
	return 0;
}

int
memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n > 0; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

void *
memset(void *d, int c, size_t n)
{
	void *p = d;

	__asm__ volatile ("rep stosb" : "+D" (p), "+c" (n) : "a" (c) : "memory");
	return d;
}

void *
memcpy(void *d, const void *s, size_t n)
{
	void *p = d;

	__asm__ volatile ("rep movsb" : "+D" (p), "+S" (s), "+c" (n) : : "memory");
	return d;
}

int
vk_endswith(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

int
vk_atoi(const char *s, int32_t *out)
{
	int neg = 0;
	int32_t v = 0;

	if (*s == '-')
		neg = 1, s++;
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	*out = neg ? -v : v;
	return 1;
}

/* Output helpers. */

int32_t
vk_fputs(int fd, const char *s)
{
	return vk_write(fd, s, strlen(s));
}

void
vk_fputdec(int fd, int64_t v)
{
	char buf[24];
	char *p = buf + sizeof(buf);
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;

	*--p = '\0';
	do {
		*--p = '0' + u % 10;
		u /= 10;
	} while (u != 0);
	if (v < 0)
		*--p = '-';
	vk_fputs(fd, p);
}

void
vk_fputhex(int fd, uint32_t v)
{
	char buf[11];
	int i;

	buf[0] = '0';
	buf[1] = 'x';
	for (i = 0; i < 8; i++)
		buf[2 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 0xf];
	buf[10] = '\0';
	vk_fputs(fd, buf);
}

int32_t
vk_puts(const char *s)
{
	return vk_fputs(1, s);
}

void
vk_putdec(int64_t v)
{
	vk_fputdec(1, v);
}

void
vk_puthex(uint32_t v)
{
	vk_fputhex(1, v);
}

const char *
vk_errname(int err)
{
	switch (err) {
#define VK_X_ERRNAME(name, num, text) case num: return #name;
	VK_ERRNO_LIST(VK_X_ERRNAME)
#undef VK_X_ERRNAME
	}
	return "E?";
}

/* The auxiliary vector starts after envp's terminating NULL. */

const uint32_t *
vk_auxv(void)
{
	const uint32_t *sp = (const uint32_t *)vk_entry_sp;
	const uint32_t *p = sp + 1 + sp[0] + 1;	/* envp */

	while (*p != 0)
		p++;
	return p + 1;
}

int
vk_getauxval(uint32_t type, uint32_t *value)
{
	const uint32_t *a;

	for (a = vk_auxv(); a[0] != VK_AT_NULL; a += 2)
		if (a[0] == type) {
			*value = a[1];
			return 1;
		}
	return 0;
}

/* The end of a test. */

int
vk_test_passed(void)
{
	return vk_puts("passed\n") == 7 ? 0 : 1;
}

/* CHECK failures. */

static void
fail_prefix(const char *file, int line, const char *what)
{
	vk_fputs(2, "FAIL ");
	vk_fputs(2, file);
	vk_fputs(2, ":");
	vk_fputdec(2, line);
	vk_fputs(2, ": ");
	vk_fputs(2, what);
}

void
vk_check_failed(const char *file, int line, const char *what)
{
	fail_prefix(file, line, what);
	vk_fputs(2, "\n");
	vk_exit(1);
}

void
vk_check_eq_failed(const char *file, int line, const char *what, int64_t got, int64_t want)
{
	fail_prefix(file, line, what);
	vk_fputs(2, " (got ");
	vk_fputdec(2, got);
	vk_fputs(2, ", want ");
	vk_fputdec(2, want);
	vk_fputs(2, ")\n");
	vk_exit(1);
}
