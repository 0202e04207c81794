/*
 * layer/lx_task.c: Linux's process-making calls on the kernel's fork
 * and execve messages: execve (which keeps the signal mask), fork, vfork (a copying fork: the child gets its own memory, so
 * the parent need not wait) and clone with process flags.  A child on a new
 * stack (threads, posix_spawn) is ENOSYS until threads exist.
 */
#include "layer/lx.h"

#define CLONE_VM_L		0x00000100u
#define CLONE_SIGHAND_L		0x00000800u
#define CLONE_VFORK_L		0x00004000u
#define CLONE_THREAD_L		0x00010000u
#define CLONE_SETTLS_L		0x00080000u
#define CLONE_PARENT_SETTID_L	0x00100000u
#define CLONE_CHILD_CLEARTID_L	0x00200000u
#define CLONE_CHILD_SETTID_L	0x01000000u

static int32_t
fork_msg(uint32_t newsp)
{
	struct vk_msg_fork m;

	ly_hdr(&m.hdr, VK_SYS_fork, sizeof(m));
	m.newsp = newsp;
	return (int32_t)lx_call(&m.hdr);
}

/* The child re-arms its signals and forgets its timers: the kernel copies
 * no request in flight into it. */
static int32_t
fork_child(int32_t r)
{
	if (r == 0) {
		lx_sig_fork_child();
		lx_timer_fork_child();
	}
	return r;
}

/* execve: the new image keeps the signal mask (lx_sig_before_exec hands it
 * to the kernel, which holds blocked signals until the new image takes them). */
LX_DECL(execve)
{
	struct vk_msg_execve m;
	int32_t r;

	(void)a4; (void)a5; (void)a6;
	lx_sig_before_exec();
	ly_hdr(&m.hdr, VK_SYS_execve, sizeof(m));
	m.path = a1;
	m.argv = a2;
	m.envp = a3;
	r = (int32_t)lx_call(&m.hdr);
	lx_sig_exec_failed();		/* only reached when it failed */
	return r;
}

LX_DECL(fork)	{ return fork_child(fork_msg(0)); }
LX_DECL(vfork)	{ return fork_child(fork_msg(0)); }

/* clone(flags, newsp, parent_tid, tls, child_tid) */
LX_DECL(clone)
{
	int32_t r;

	if ((a1 & (CLONE_THREAD_L | CLONE_SIGHAND_L | CLONE_SETTLS_L)) != 0 ||
	    ((a1 & CLONE_VM_L) != 0 && (a1 & CLONE_VFORK_L) == 0))
		return -VK_ENOSYS;	/* threads: another issue */
	r = fork_child(fork_msg(a2));
	if (r > 0 && (a1 & CLONE_PARENT_SETTID_L) && a3 != 0)
		*(int32_t *)a3 = r;
	if (r == 0 && (a1 & CLONE_CHILD_SETTID_L) && a5 != 0)
		*(int32_t *)a5 = (int32_t)ly_shared()->sh_pid;
	return r;
}
