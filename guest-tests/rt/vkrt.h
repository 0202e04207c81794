/*
 * guest-tests/rt/vkrt.h: the minimal runtime of the test guests (freestanding
 * i386, no libc).
 *
 * It offers the three gate calls (int 0x81: sendsys, waitsys, flushsys), one
 * small C wrapper per command of vkernel/syscalls.master, a few string and
 * output helpers, an auxv reader and the CHECK macros the test programs use.
 * Every wrapper fills the generated message struct, sends it, and returns
 * ms_result, or -1 with vk_errno set to the guest errno (VK_E*) when the gate
 * or the command failed.  This is scaffolding for tests: a real layer and libc
 * will replace it, so it stays small and obvious rather than fast.
 */
#ifndef VKRT_H
#define VKRT_H

#include <stddef.h>
#include <stdint.h>

#include "vk_sysmsg.h"

/* The errno of the last failed wrapper call (a VK_E* value). */
extern int vk_errno;

/* The initial %esp, recorded by crt0: it points at argc. */
extern uint32_t vk_entry_sp;

/* The gate.  Each returns eax: 0 or a guest errno. */
int vk_sendsys(void *msg, uint32_t size);
int vk_waitsys(void *msg);
int vk_flushsys(void);

/* One wrapper per command. */
void vk_exit(int status) __attribute__((noreturn));
int32_t vk_read(int fd, void *buf, uint32_t count);
int32_t vk_write(int fd, const void *buf, uint32_t count);
int vk_open(const char *path, uint32_t flags, uint32_t mode);
int vk_close(int fd);
int64_t vk_lseek(int fd, int64_t offset, int whence);
int vk_unlink(const char *path);
int vk_mkdir(const char *path, uint32_t mode);
uint32_t vk_brk(uint32_t addr);		/* the new break, or the current one */
void *vk_mmap(void *addr, uint32_t len, int prot, int flags, int fd, int64_t offset);
int vk_munmap(void *addr, uint32_t len);
int vk_getpid(void);
int vk_clock_gettime(int clock, int64_t *sec, int32_t *nsec);

/* Strings and memory (gcc may call memcpy and memset on its own). */
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int vk_endswith(const char *s, const char *suffix);
/* Parse a decimal integer with an optional '-'; returns 0 unless *S is all digits. */
int vk_atoi(const char *s, int32_t *out);

/* Output: the string as is (no newline added), a decimal, a 0x%08x hex. */
int32_t vk_fputs(int fd, const char *s);
void vk_fputdec(int fd, int64_t v);
void vk_fputhex(int fd, uint32_t v);
int32_t vk_puts(const char *s);		/* vk_fputs(1, s) */
void vk_putdec(int64_t v);
void vk_puthex(uint32_t v);

/* The symbolic name of a guest errno ("ENOENT"), or "E?" for an unknown one. */
const char *vk_errname(int err);

/* The auxiliary vector: the first (type, value) pair, and a lookup by type. */
const uint32_t *vk_auxv(void);
int vk_getauxval(uint32_t type, uint32_t *value);	/* 1 if present */

/* Auxv types used by the tests (Linux i386 values). */
#define VK_AT_NULL	0
#define VK_AT_PHDR	3
#define VK_AT_PHENT	4
#define VK_AT_PHNUM	5
#define VK_AT_PAGESZ	6
#define VK_AT_BASE	7
#define VK_AT_FLAGS	8
#define VK_AT_ENTRY	9
#define VK_AT_UID	11
#define VK_AT_EUID	12
#define VK_AT_GID	13
#define VK_AT_EGID	14
#define VK_AT_PLATFORM	15
#define VK_AT_HWCAP	16
#define VK_AT_CLKTCK	17
#define VK_AT_SECURE	23
#define VK_AT_RANDOM	25
#define VK_AT_EXECFN	31

/*
 * The end of a test that passed: prints "passed" on stdout and returns 0, for
 * main to return.  run-guest wants it as the last line, so a test only passes
 * if the guest really ran to its end.
 */
int vk_test_passed(void);

/* Test failures: print "FAIL file:line: what" on fd 2 and exit 1. */
void vk_check_failed(const char *file, int line, const char *what) __attribute__((noreturn));
void vk_check_eq_failed(const char *file, int line, const char *what,
    int64_t got, int64_t want) __attribute__((noreturn));

#ifdef __FILE_NAME__
#define VK_FILE __FILE_NAME__
#else
#define VK_FILE __FILE__
#endif

#define CHECK(cond) \
	do { if (!(cond)) vk_check_failed(VK_FILE, __LINE__, #cond); } while (0)
/* CHECK_EQ also prints both values: "FAIL f.c:12: got == want (got 3, want 4)". */
#define CHECK_EQ(got, want) \
	do { int64_t vk_g_ = (int64_t)(got), vk_w_ = (int64_t)(want); \
	     if (vk_g_ != vk_w_) \
		vk_check_eq_failed(VK_FILE, __LINE__, #got " == " #want, vk_g_, vk_w_); \
	} while (0)
/* CHECK_ERR: the call returned -1 and set vk_errno to ERR. */
#define CHECK_ERR(call, err) \
	do { int64_t vk_r_ = (int64_t)(call); CHECK_EQ(vk_r_, -1); CHECK_EQ(vk_errno, err); } while (0)

#endif
