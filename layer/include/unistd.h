/*
 * unistd.h: the POSIX process and file calls of program ABI 1.
 *
 * Everything here except getopt, brk, sbrk and environ is a system call
 * provided by the kernel-interfacing layer; it sets errno and returns -1 (getcwd: NULL)
 * on failure.  brk and sbrk are libc's, built on the layer's raw __vk_brk.
 * Calls the kernel cannot do yet (isatty, access, ...) are left out
 * on purpose rather than faked.
 */
#ifndef _UNISTD_H
#define _UNISTD_H

#pragma GCC system_header

#include <bits/vktypes.h>

#ifdef __cplusplus
extern "C" {
#endif

#define STDIN_FILENO	0
#define STDOUT_FILENO	1
#define STDERR_FILENO	2

#ifndef SEEK_SET
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#endif

extern char **environ;

void _exit(int status) __attribute__((__noreturn__));
ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int close(int fd);
off_t lseek(int fd, off_t off, int whence);
int unlink(const char *path);
int rmdir(const char *path);
int chdir(const char *path);
ssize_t pread(int fd, void *buf, size_t count, off_t offset);
pid_t getpid(void);
pid_t getppid(void);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
char *getcwd(char *buf, size_t size);
pid_t fork(void);
/* rfork (FreeBSD's flags): RFPROC with RFFDG (a copy of the descriptor
 * table) or RFCFDG (none); RFNOWAIT: the child leaves no status to wait for.
 * Sharing memory (RFMEM) is not supported yet (EOPNOTSUPP). */
#define RFFDG		0x00000004
#define RFPROC		0x00000010
#define RFMEM		0x00000020
#define RFNOWAIT	0x00000040
#define RFCFDG		0x00001000
pid_t rfork(int flags);
int execve(const char *path, char *const argv[], char *const envp[]);
int pipe(int fds[2]);

/* Command-line options (POSIX getopt: short options, no permutation). */
extern char *optarg;
extern int optind, opterr, optopt;
int getopt(int argc, char *const argv[], const char *optstring);

/* The program break.  __vk_brk is the layer's raw call: it returns the new
 * break, or the current one if ADDR is 0 or the request failed, and never
 * sets errno.  brk and sbrk set ENOMEM on failure. */
void *__vk_brk(void *addr);
int brk(void *addr);
void *sbrk(__INTPTR_TYPE__ increment);

#ifdef __cplusplus
}
#endif

#endif
