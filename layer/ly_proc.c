/*
 * layer/ly_proc.c: the native slots for processes: fork, waitpid, pipe,
 * nanosleep and kill, as messages.  execve is a generated wrapper.
 */
#include "layer/ly.h"

int32_t
ly_fork(void)
{
	struct vk_msg_fork m;

	ly_hdr(&m.hdr, VK_SYS_fork, sizeof(m));
	m.newsp = 0;		/* a copy of the whole process, on its own stack */
	return (int32_t)ly_call(&m.hdr);
}

int32_t
ly_waitpid(int32_t pid, int *status, int32_t options)
{
	struct vk_msg_wait4 m;

	ly_hdr(&m.hdr, VK_SYS_wait4, sizeof(m));
	m.pid = pid;
	m.status = (uint32_t)status;
	m.options = (uint32_t)options;
	return (int32_t)ly_call(&m.hdr);
}

int
ly_pipe(int fds[2])
{
	struct vk_msg_pipe2 m;

	ly_hdr(&m.hdr, VK_SYS_pipe2, sizeof(m));
	m.fds = (uint32_t)fds;
	m.flags = 0;
	return (int)ly_call(&m.hdr);
}

/* The program's struct timespec is {int64 sec, int32 nsec, pad}: copied into
 * the kernel's 64-bit pair so that the padding never matters. */
int
ly_nanosleep(const struct timespec *req, struct timespec *rem)
{
	struct vk_msg_nanosleep m;
	int64_t ts[2];

	if (req == 0) {
		ly_set_errno(VK_EFAULT);
		return -1;
	}
	ts[0] = req->tv_sec;
	ts[1] = req->tv_nsec;
	ly_hdr(&m.hdr, VK_SYS_nanosleep, sizeof(m));
	m.clock = VK_CLOCK_MONOTONIC;
	m.flags = 0;
	m.req = (uint32_t)ts;
	m.rem = 0;		/* nothing interrupts a sleep yet */
	m.time64 = 1;
	if (rem != 0) {
		rem->tv_sec = 0;
		rem->tv_nsec = 0;
		rem->__pad = 0;
	}
	return (int)ly_call(&m.hdr);
}

int
ly_kill(int32_t pid, int32_t sig)
{
	struct vk_msg_kill m;

	ly_hdr(&m.hdr, VK_SYS_kill, sizeof(m));
	m.pid = pid;
	m.sig = sig;
	m.how = 0;		/* unused: the kernel delivers (signal.c) */
	return (int)ly_call(&m.hdr);
}
