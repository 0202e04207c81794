/*
 * vkernel/sys_proc.c: handlers for messages about the process itself and
 * its surroundings: exit, getpid, clock_gettime, uname, getrandom, and the
 * TLS descriptors of set_thread_area / get_thread_area.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <time.h>

#include "cpu/cpu.h"

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

/* uname: Linux's struct utsname (six 65-byte strings), the host's names with
 * an i686 machine, as a 32-bit process on this host would see them. */
int
vk_sys_uname(struct vk_proc *p, struct vk_msg_uname *m)
{
	struct utsname u;
	char out[6][65];

	if (uname(&u) != 0)
		return vk_errno_host(errno);
	memset(out, 0, sizeof(out));
	snprintf(out[0], 65, "%s", u.sysname);
	snprintf(out[1], 65, "%s", u.nodename);
	snprintf(out[2], 65, "%s", u.release);
	snprintf(out[3], 65, "%s", u.version);
	snprintf(out[4], 65, "i686");
	snprintf(out[5], 65, "%s", u.domainname);
	return vk_copyout(&p->vm, m->buf, out, sizeof(out));
}

int
vk_sys_getrandom(struct vk_proc *p, struct vk_msg_getrandom *m)
{
	void *buf;
	ssize_t r;

	if ((m->flags & ~(uint32_t)(GRND_NONBLOCK | GRND_RANDOM)) != 0)
		return VK_EINVAL;
	if ((buf = vk_guest_ptr(&p->vm, m->buf, m->len, VK_ACC_WRITE)) == NULL)
		return VK_EFAULT;
	r = getrandom(buf, m->len, m->flags);
	if (r < 0)
		return vk_errno_host(errno);
	m->hdr.ms_result = r;
	return 0;
}

/* Linux's struct user_desc, as set_thread_area and get_thread_area take it. */
struct user_desc_linux {
	uint32_t	entry_number;
	uint32_t	base_addr;
	uint32_t	limit;
	uint32_t	flags;	/* seg_32bit:1 contents:2 read_exec_only:1 limit_in_pages:1
				 * seg_not_present:1 useable:1 */
};

/*
 * set_thread_area: Linux semantics on GDT entries 12-14; entry -1 picks the
 * first free one and is written back.  Only 32-bit, writable data segments
 * can be made (cpu_set_tls cannot make anything else), and the "empty"
 * descriptor clears the entry, so a guest can never point %gs at a code,
 * system or kernel segment.
 */
int
vk_sys_set_thread_area(struct vk_proc *p, struct vk_msg_set_thread_area *m)
{
	struct user_desc_linux d;
	uint32_t base, limit;
	int pages, present, idx, e;

	if ((e = vk_copyin(&p->vm, &d, m->desc, sizeof(d))) != 0)
		return e;
	idx = (int)d.entry_number;
	if (d.entry_number == 0xffffffffu) {
		for (idx = CPU_GDT_TLS_MIN; idx <= CPU_GDT_TLS_MAX; idx++)
			if (cpu_get_tls(p->cpu, idx, &base, &limit, &pages, &present) == 0 && !present)
				break;
		if (idx > CPU_GDT_TLS_MAX)
			return VK_ESRCH;
		d.entry_number = (uint32_t)idx;
		if ((e = vk_copyout(&p->vm, m->desc, &d, sizeof(d))) != 0)
			return e;
	}
	if (idx < CPU_GDT_TLS_MIN || idx > CPU_GDT_TLS_MAX)
		return VK_EINVAL;
	if ((d.flags & 0x20) != 0 || (d.base_addr == 0 && d.limit == 0 && (d.flags & 0x08)))
		return cpu_set_tls(p->cpu, idx, 0, 0, 0, 0) == 0 ? 0 : VK_EINVAL;	/* clear */
	if ((d.flags & 0x01) == 0 || (d.flags & 0x06) != 0 || (d.flags & 0x08) != 0)
		return VK_EINVAL;	/* only 32-bit read/write data segments */
	return cpu_set_tls(p->cpu, idx, d.base_addr, d.limit, (d.flags & 0x10) != 0, 1) == 0 ? 0 : VK_EINVAL;
}

int
vk_sys_get_thread_area(struct vk_proc *p, struct vk_msg_get_thread_area *m)
{
	struct user_desc_linux d;
	uint32_t base, limit;
	int pages, present, e;

	if ((e = vk_copyin(&p->vm, &d, m->desc, sizeof(d))) != 0)
		return e;
	if (cpu_get_tls(p->cpu, (int)d.entry_number, &base, &limit, &pages, &present) != 0)
		return VK_EINVAL;
	d.base_addr = present ? base : 0;
	d.limit = present ? limit : 0;
	d.flags = present ? 0x01 | (pages ? 0x10 : 0) | 0x40 : 0x28;
	return vk_copyout(&p->vm, m->desc, &d, sizeof(d));
}

/* getrlimit: the process's limits (sys_misc.c keeps them: the host's at
 * start, the guest's own stack and descriptor table, what setrlimit set). */
int
vk_sys_getrlimit(struct vk_proc *p, struct vk_msg_getrlimit *m)
{
	return vk_rlimit_get(p, m->resource, &m->cur, &m->max);
}
