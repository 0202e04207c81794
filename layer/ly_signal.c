/*
 * layer/ly_signal.c: the native signal, timer and upcall API
 * (<vkrun/upcall.h>): live sigreq and timer requests sent through the same
 * request space as <vkrun/async.h>'s, upcall ports, and flushsys.
 */
#include <stddef.h>

#include <vkrun/upcall.h>

#include "layer/ly.h"

_Static_assert(sizeof(struct vk_upframe) == sizeof(struct vk_upframe_abi), "upcall frame layout");
_Static_assert(offsetof(struct vk_upframe, uf_eax) == offsetof(struct vk_upframe_abi, uf_eax), "uf_eax");
_Static_assert(offsetof(struct vk_upframe, uf_crit) == offsetof(struct vk_upframe_abi, uf_crit), "uf_crit");
_Static_assert(offsetof(struct vk_port, vp_flags) == offsetof(struct vk_portabi, vp_flags), "vp_flags");
_Static_assert(sizeof(struct vk_msg_sigreq) <= sizeof(((struct vk_req *)0)->vr_space), "sigreq fits");
_Static_assert(sizeof(struct vk_msg_timer) <= sizeof(((struct vk_req *)0)->vr_space), "timer fits");

static struct vk_msghdr *
msg_of(const struct vk_req *r)
{
	return (struct vk_msghdr *)(uintptr_t)r->vr_space;
}

int
ly_asignal(struct vk_req *r, struct vk_port *port, uint64_t set)
{
	struct vk_msg_sigreq *m = (struct vk_msg_sigreq *)msg_of(r);

	ly_hdr(&m->hdr, VK_SYS_sigreq, sizeof(*m));
	m->setlo = (uint32_t)set;
	m->sethi = (uint32_t)(set >> 32);
	return ly_asend(r, port);
}

int
ly_asigset(struct vk_req *r, uint64_t set)
{
	struct vk_msg_sigset m;

	ly_hdr(&m.hdr, VK_SYS_sigset, sizeof(m));
	m.msg = (uint32_t)(uintptr_t)msg_of(r);
	m.setlo = (uint32_t)set;
	m.sethi = (uint32_t)(set >> 32);
	return (int)ly_call(&m.hdr);
}

int
ly_siginfo(const struct vk_req *r, struct vk_siginfo *si)
{
	const volatile struct vk_msg_sigreq *m = (const volatile struct vk_msg_sigreq *)msg_of(r);

	if (m->hdr.ms_cmd != VK_SYS_sigreq || !(m->hdr.ms_flags & MSGF_DONE) || m->hdr.ms_error != 0)
		return 0;
	si->si_signo = m->signo;
	si->si_code = m->code;
	si->si_pid = m->pid;
	si->si_uid = (uint32_t)m->uid;
	si->si_status = m->status;
	si->si_addr = (void *)(uintptr_t)m->addr;
	si->si_value = m->value;
	return m->signo;
}

/* Clear MSGF_DONE, then let the kernel look (it answers again at once if a
 * signal or an expiry waited). */
int
ly_release(struct vk_req *r)
{
	volatile struct vk_msghdr *h = msg_of(r);

	h->ms_flags &= ~MSGF_DONE;
	return ly_flush();
}

int
ly_atimer(struct vk_req *r, struct vk_port *port, int clock, int flags,
    const struct timespec *value, const struct timespec *interval)
{
	struct vk_msg_timer *m = (struct vk_msg_timer *)msg_of(r);

	if (value == 0) {
		ly_set_errno(VK_EFAULT);
		return -1;
	}
	ly_hdr(&m->hdr, VK_SYS_timer, sizeof(*m));
	m->clock = (uint32_t)clock;
	m->flags = (uint32_t)flags;
	m->value = value->tv_sec * 1000000000ll + value->tv_nsec;
	m->interval = interval != 0 ? interval->tv_sec * 1000000000ll + interval->tv_nsec : 0;
	return ly_asend(r, port);
}

int
ly_port_upcall(struct vk_port *port, int action, vk_upcall_fn *fn)
{
	if ((action != VK_PORT_UPCALL && action != VK_PORT_UPCALL_CS) || fn == 0) {
		ly_set_errno(VK_EINVAL);
		return -1;
	}
	port->vp_upcall = (uint32_t)(uintptr_t)fn;
	port->vp_action = (uint32_t)action;
	return 0;
}

/* flushsys(): eax = ecx = edx = 0. */
int
ly_flush(void)
{
	uint32_t err;

	__asm__ volatile("int $0x81" : "=a"(err) : "a"(0), "c"(0), "d"(0) : "memory");
	if (err != 0) {
		ly_set_errno((int)err);
		return -1;
	}
	return 0;
}
