/*
 * <vkrun/proc.h>: what the kernel says about processes (for a ps), built
 * by the layer from the kernel's element list (procinfo).
 */
#ifndef _VKRUN_PROC_H
#define _VKRUN_PROC_H

#pragma GCC system_header

#include <bits/vktypes.h>
#include <bits/timespec.h>

#ifdef __cplusplus
extern "C" {
#endif

struct vk_procinfo {
	pid_t		pi_pid, pi_ppid, pi_pgid;
	uid_t		pi_uid;
	char		pi_state;	/* R running, S waiting, T stopped, Z ended */
	char		pi_name[16];	/* the command name, NUL-terminated */
	struct timespec	pi_start;	/* CLOCK_MONOTONIC when it started */
	unsigned long long pi_msgs;	/* messages sent (0 where the kernel does not say) */
};

/* vk_procinfo: up to MAX processes (PID 0: all; else that one) into OUT.
 * Returns how many, or -1 with errno (ESRCH, ERANGE: more than fit the
 * layer's buffer, EBADMSG: a list the layer cannot read). */
int vk_procinfo(pid_t pid, struct vk_procinfo *out, int max);

#ifdef __cplusplus
}
#endif

#endif
