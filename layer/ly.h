/*
 * layer/ly.h: the kernel-interfacing layer's internal header (layer side).
 *
 * The layer is freestanding i386 code, linked at a fixed address inside
 * [VK_LAYER_MIN, VK_LAYER_MAX) and mapped read+execute by the kernel into
 * every native process (its data read+write).  Programs reach it only
 * through their stub table: slot N holds a jump to the function the layer's
 * slot table names for N.  It is compiled against the program ABI's headers
 * (layer/include: struct stat, struct timespec as the program sees them) and
 * the kernel ABI's message layouts (vk_sysmsg.h), and translates between the
 * two.  errno is set only through %gs (VK_TLS_ERRNO).
 */
#ifndef LY_H
#define LY_H

#include <stdint.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>

#include "vkernel/vk_abi.h"
#include "vkernel/vk_layer.h"
#include "vk_sysmsg.h"
#include "ly_gen.h"

/* Calls served inside the layer, per slot; the kernel reads them at exit. */
extern uint32_t ly_counts[LY_NSLOTS];

static inline void
ly_hdr(struct vk_msghdr *h, uint32_t cmd, uint32_t size)
{
	h->ms_cmd = cmd;
	h->ms_flags = 0;
	h->ms_reply = 0;
	h->ms_size = size;
	h->ms_error = 0;
	h->ms_id = 0;
	h->ms_result = 0;
}

/*
 * The shared page.  The kernel also leaves its address in the layer-private
 * TLS word (%gs:VK_TLS_PRIVATE), but a layer image is built for one kernel
 * ABI's address map, so it can use the fixed address and save the segment
 * load on every in-layer call (measured: ~8% of a getpid).
 */
static inline const struct vk_shared *
ly_shared(void)
{
	return (const struct vk_shared *)VK_SHARED_ADDR;
}

/* ly_set_errno: errno = E, through the pointer at %gs:VK_TLS_ERRNO; ly_get_errno reads it. */
void ly_set_errno(int e);
int ly_get_errno(void);

/* ly_call: send M (its ms_size bytes) through int 0x81 and wait for the reply.
 * Returns ms_result, or -1 with errno set from the gate's or the reply's error. */
int64_t ly_call(struct vk_msghdr *m);

/* ly_clock_read: CLOCK_REALTIME (REALTIME != 0) or CLOCK_MONOTONIC from the
 * shared page, without a trap; for the native slots and the Linux personality. */
void ly_clock_read(int realtime, int64_t *sec, uint32_t *nsec);
/* ly_now: the same as a struct timespec of the program ABI. */
void ly_now(int realtime, struct timespec *ts);

/* Hand-written slot functions (KIND layer in syscalls.master). */
int32_t ly_nosys(void);
int32_t ly_getpid(void);
int32_t ly_getppid(void);
uint32_t ly_getuid(void);
uint32_t ly_geteuid(void);
uint32_t ly_getgid(void);
uint32_t ly_getegid(void);
int ly_clock_gettime(int32_t clk, struct timespec *ts);
int ly_gettimeofday(struct timeval *tv, void *tz);
time_t ly_time(time_t *t);
int ly_stat(const char *path, struct stat *st);
int ly_lstat(const char *path, struct stat *st);
int ly_fstat(int fd, struct stat *st);
char *ly_getcwd(char *buf, uint32_t size);
int ly_rmdir(const char *path);
int ly_rename(const char *from, const char *to);
int32_t ly_fork(void);
int32_t ly_waitpid(int32_t pid, int *status, int32_t options);
int ly_pipe(int fds[2]);
int32_t ly_getdents64(int fd, void *buf, uint32_t count);
struct utsname;
struct vk_procinfo;
int ly_uname(struct utsname *u);
int ly_procinfo(int32_t pid, struct vk_procinfo *out, int max);
int32_t ly_pread(int fd, void *buf, uint32_t count, int64_t offset);
int ly_nanosleep(const struct timespec *req, struct timespec *rem);
int ly_kill(int32_t pid, int32_t sig);
struct vk_req;
struct vk_port;
/* ly_asend: send the message at the start of R with MSGF_ASYNC to PORT: 0
 * done (its error, if any, is vk_result's), 1 in flight, -1 with errno when
 * the gate refused it. */
int ly_asend(struct vk_req *r, struct vk_port *port);
int ly_aread(struct vk_req *r, struct vk_port *port, int fd, void *buf, uint32_t n);
int ly_awrite(struct vk_req *r, struct vk_port *port, int fd, const void *buf, uint32_t n);
int ly_asleep(struct vk_req *r, struct vk_port *port, const struct timespec *d);
int ly_awaitpid(struct vk_req *r, struct vk_port *port, int32_t pid, int *status, int32_t options);
int ly_wait(struct vk_port *port, struct vk_req *r);
int ly_abort(struct vk_req *r);
int ly_done(const struct vk_req *r);
int64_t ly_result(struct vk_req *r);
struct vk_siginfo;
struct vk_upframe;
int ly_asignal(struct vk_req *r, struct vk_port *port, uint64_t set);
int ly_asigset(struct vk_req *r, uint64_t set);
int ly_siginfo(const struct vk_req *r, struct vk_siginfo *si);
int ly_release(struct vk_req *r);
int ly_atimer(struct vk_req *r, struct vk_port *port, int clock, int flags,
    const struct timespec *value, const struct timespec *interval);
int ly_port_upcall(struct vk_port *port, int action, void (*fn)(struct vk_port *, struct vk_upframe *));
int ly_flush(void);

#endif
