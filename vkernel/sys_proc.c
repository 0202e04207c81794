/*
 * vkernel/sys_proc.c: handlers for messages about the process itself and
 * time: exit, getpid, clock_gettime.
 */
#include "config.h"

#include <errno.h>
#include <time.h>

#include "vkernel/kernel.h"
#include "vk_sysproto.h"

int
vk_sys_exit(struct vk_proc *p, struct vk_msg_exit *m)
{
	vk_proc_exit(p, (m->status & 0xff) << 8);
	return 0;
}

int
vk_sys_getpid(struct vk_proc *p, struct vk_msg_getpid *m)
{
	m->hdr.ms_result = p->pid;
	return 0;
}

int
vk_sys_clock_gettime(struct vk_proc *p, struct vk_msg_clock_gettime *m)
{
	struct timespec ts;
	clockid_t id;

	switch (m->clock) {
	case VK_CLOCK_REALTIME:		id = CLOCK_REALTIME; break;
	case VK_CLOCK_MONOTONIC:	id = CLOCK_MONOTONIC; break;
	case VK_CLOCK_PROCESS_CPUTIME_ID: id = CLOCK_PROCESS_CPUTIME_ID; break;
	case VK_CLOCK_THREAD_CPUTIME_ID: id = CLOCK_THREAD_CPUTIME_ID; break;
	default:			return VK_EINVAL;
	}
	if (clock_gettime(id, &ts) != 0)
		return vk_errno_host(errno);
	m->sec = ts.tv_sec;
	m->nsec = (int32_t)ts.tv_nsec;
	return 0;
}
