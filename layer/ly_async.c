/*
 * layer/ly_async.c: the native async API (<vkrun/async.h>): requests sent
 * as MSGF_ASYNC messages with a reply port, waitsys, abortmsg, and reading a
 * request's answer.  The kernel message lives at the start of the program's
 * struct vk_req, so the addresses the kernel puts on a port are the
 * program's requests.
 */
#include <stddef.h>

#include <vkrun/async.h>

#include "layer/ly.h"

_Static_assert(offsetof(struct vk_port, vp_ring) == sizeof(struct vk_portabi),
    "the program's port header is the kernel's");
_Static_assert(offsetof(struct vk_port, vp_head) == offsetof(struct vk_portabi, vp_head), "vp_head");
_Static_assert(offsetof(struct vk_port, vp_tail) == offsetof(struct vk_portabi, vp_tail), "vp_tail");
_Static_assert(offsetof(struct vk_req, vr_space) == 0, "the message starts the request");

/* Where a request keeps data the kernel reads later (a sleep's duration). */
#define REQ_DATA_OFF	160

static struct vk_msghdr *
msg_of(const struct vk_req *r)
{
	return (struct vk_msghdr *)(uintptr_t)r->vr_space;
}

int
ly_asend(struct vk_req *r, struct vk_port *port)
{
	struct vk_msghdr *h = msg_of(r);
	uint32_t err;

	h->ms_flags = MSGF_ASYNC;
	h->ms_reply = (uint32_t)(uintptr_t)port;
	__asm__ volatile("int $0x81"
	    : "=a"(err)
	    : "a"(0), "c"(h), "d"(h->ms_size)
	    : "memory");
	if (err == VK_EASYNC)
		return 1;
	if (err != 0 && (h->ms_flags & MSGF_DONE) == 0) {	/* refused: not sent */
		ly_set_errno((int)err);
		return -1;
	}
	return 0;
}

int
ly_aread(struct vk_req *r, struct vk_port *port, int fd, void *buf, uint32_t n)
{
	struct vk_msg_read *m = (struct vk_msg_read *)msg_of(r);

	_Static_assert(sizeof(*m) <= REQ_DATA_OFF, "read message fits a request");
	ly_hdr(&m->hdr, VK_SYS_read, sizeof(*m));
	m->fd = (uint32_t)fd;
	m->buf = (uint32_t)(uintptr_t)buf;
	m->count = n;
	return ly_asend(r, port);
}

int
ly_awrite(struct vk_req *r, struct vk_port *port, int fd, const void *buf, uint32_t n)
{
	struct vk_msg_write *m = (struct vk_msg_write *)msg_of(r);

	_Static_assert(sizeof(*m) <= REQ_DATA_OFF, "write message fits a request");
	ly_hdr(&m->hdr, VK_SYS_write, sizeof(*m));
	m->fd = (uint32_t)fd;
	m->buf = (uint32_t)(uintptr_t)buf;
	m->count = n;
	return ly_asend(r, port);
}

int
ly_asleep(struct vk_req *r, struct vk_port *port, const struct timespec *d)
{
	struct vk_msg_nanosleep *m = (struct vk_msg_nanosleep *)msg_of(r);
	int64_t *ts = (int64_t *)(uintptr_t)((char *)r->vr_space + REQ_DATA_OFF);

	_Static_assert(sizeof(*m) <= REQ_DATA_OFF, "nanosleep message fits a request");
	_Static_assert(REQ_DATA_OFF + 16 <= sizeof(r->vr_space), "a duration fits a request");
	if (d == 0) {
		ly_set_errno(VK_EFAULT);
		return -1;
	}
	ts[0] = d->tv_sec;
	ts[1] = d->tv_nsec;
	ly_hdr(&m->hdr, VK_SYS_nanosleep, sizeof(*m));
	m->clock = VK_CLOCK_MONOTONIC;
	m->flags = 0;
	m->req = (uint32_t)(uintptr_t)ts;
	m->rem = 0;
	m->time64 = 1;
	return ly_asend(r, port);
}

int
ly_awaitpid(struct vk_req *r, struct vk_port *port, int32_t pid, int *status, int32_t options)
{
	struct vk_msg_wait4 *m = (struct vk_msg_wait4 *)msg_of(r);

	_Static_assert(sizeof(*m) <= REQ_DATA_OFF, "wait4 message fits a request");
	ly_hdr(&m->hdr, VK_SYS_wait4, sizeof(*m));
	m->pid = pid;
	m->status = (uint32_t)(uintptr_t)status;
	m->options = (uint32_t)options;
	return ly_asend(r, port);
}

/* waitsys(port, msg): eax = port, ecx = msg, edx = 0. */
int
ly_wait(struct vk_port *port, struct vk_req *r)
{
	uint32_t err;

	if (port == 0 && r == 0) {
		ly_set_errno(VK_EINVAL);	/* that would be flushsys */
		return -1;
	}
	__asm__ volatile("int $0x81"
	    : "=a"(err)
	    : "a"(port), "c"(r != 0 ? msg_of(r) : 0), "d"(0)
	    : "memory");
	if (err != 0) {
		ly_set_errno((int)err);
		return -1;
	}
	return 0;
}

int
ly_abort(struct vk_req *r)
{
	struct vk_msg_abortmsg m;

	ly_hdr(&m.hdr, VK_SYS_abortmsg, sizeof(m));
	m.msg = (uint32_t)(uintptr_t)msg_of(r);
	return (int)ly_call(&m.hdr);
}

int
ly_done(const struct vk_req *r)
{
	const volatile struct vk_msghdr *h = msg_of(r);

	return (h->ms_flags & MSGF_DONE) != 0;
}

int64_t
ly_result(struct vk_req *r)
{
	const volatile struct vk_msghdr *h = msg_of(r);

	if ((h->ms_flags & MSGF_DONE) == 0) {
		ly_set_errno(VK_EINPROGRESS);
		return -1;
	}
	if (h->ms_error != 0) {
		ly_set_errno(h->ms_error);
		return -1;
	}
	return h->ms_result;
}
