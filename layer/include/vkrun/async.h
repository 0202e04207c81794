/*
 * <vkrun/async.h>: asynchronous requests to the vkrun kernel (seed 004).
 *
 * A request (struct vk_req) is sent with MSGF_ASYNC: if the kernel can
 * finish it at once it is done when the call returns; otherwise it stays in
 * flight in the kernel while the program goes on, and the kernel answers it
 * later.  A done request is also appended to its reply port, if it was sent
 * with one, so a program can send several requests to one port and collect
 * them in the order they finish.  With no port (NULL), the program polls
 * vk_done() or waits with vk_wait(NULL, req).
 *
 *   struct vk_port port;
 *   struct vk_req a, b;
 *   vk_port_init(&port);
 *   vk_aread(&a, &port, fd1, buf1, sizeof buf1);
 *   vk_aread(&b, &port, fd2, buf2, sizeof buf2);
 *   for (int n = 0; n < 2; n++) {
 *       struct vk_req *r;
 *       while ((r = vk_port_get(&port)) == NULL)
 *           vk_wait(&port, NULL);
 *       printf("%s: %lld\n", r == &a ? "a" : "b", vk_result(r));
 *   }
 *
 * The request, its buffers and the port must stay valid until the request is
 * done.  docs/async.md has the full description and more examples.
 */
#ifndef _VKRUN_ASYNC_H
#define _VKRUN_ASYNC_H

#pragma GCC system_header

#include <bits/vktypes.h>
#include <bits/timespec.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VK_PORT_ENTRIES	64	/* done requests a port holds until they are taken */

struct vk_req;

/* A reply port.  The kernel appends done requests at vp_head; vk_port_get
 * takes them at vp_tail.  Initialise with vk_port_init. */
struct vk_port {
	unsigned int	vp_action;	/* 0: queue replies without notification (<vkrun/upcall.h>) */
	unsigned int	vp_size;	/* entries in vp_ring */
	volatile unsigned int vp_head;	/* advanced by the kernel */
	unsigned int	vp_tail;	/* advanced by the program */
	unsigned int	vp_upcall;	/* the upcall actions' function */
	volatile unsigned int vp_flags;	/* written by the kernel (VP_INUPCALL) */
	unsigned int	vp_resv[2];
	struct vk_req	*volatile vp_ring[VK_PORT_ENTRIES];
};

/* A request.  vr_space belongs to the layer (the kernel message and its
 * data); vr_data is the program's own. */
struct vk_req {
	unsigned long long vr_space[24];
	void		*vr_data;
	unsigned int	vr_pad;
} __attribute__((__aligned__(8)));

/* vk_port_init: an empty port that queues replies without notification. */
void vk_port_init(struct vk_port *port);
/* vk_port_get: the next done request on PORT, or NULL if there is none yet. */
struct vk_req *vk_port_get(struct vk_port *port);

/*
 * Sending.  Each returns 0 when the request is already done (vk_result has
 * its answer, which may be an error such as EAGAIN: too many requests in
 * flight), 1 when it is in flight, and -1 with errno set when it could not be
 * sent at all (EFAULT or EINVAL: a bad request or port; EOPNOTSUPP: an
 * unknown port action; EBUSY: REQ is still in flight).  PORT may be NULL.
 */
int vk_aread(struct vk_req *req, struct vk_port *port, int fd, void *buf, size_t n);
int vk_awrite(struct vk_req *req, struct vk_port *port, int fd, const void *buf, size_t n);
int vk_asleep(struct vk_req *req, struct vk_port *port, const struct timespec *duration);
int vk_awaitpid(struct vk_req *req, struct vk_port *port, pid_t pid, int *status, int options);

/*
 * vk_wait: block until REQ is done or PORT holds a done request (either may
 * be NULL, not both).  0, or -1 with errno: EDEADLK when nothing in flight
 * could ever satisfy the wait.
 */
int vk_wait(struct vk_port *port, struct vk_req *req);
/* vk_abort: end REQ, which is in flight: it is answered with ECANCELED (and
 * goes to its port).  0, or -1 with errno ENOENT if it is not in flight. */
int vk_abort(struct vk_req *req);
/* vk_done: 1 when REQ has been answered. */
int vk_done(const struct vk_req *req);
/* vk_result: REQ's result (as the synchronous call would return it), or -1
 * with errno set: the call's error, or EINPROGRESS if REQ is not done. */
long long vk_result(struct vk_req *req);

#ifdef __cplusplus
}
#endif

#endif
