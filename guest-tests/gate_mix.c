/*
 * guest-tests/gate_mix.c: a helper for stats.sh that makes exactly one gate
 * call of each kind, issuing int $0x81 itself (the gate is what it counts,
 * so it bypasses the layer): a getpid message, an unknown command (200), a
 * message the gate refuses (size 8), a waitsys on the done getpid message, a
 * flushsys, then exit 0 through libc.  That is 6 traps, 3 messages (1
 * unknown), 1 refusal, 1 wait, 1 flush, and no call served in the layer.
 */
#include <stdint.h>

#include "vk_sysmsg.h"

static int
gate(uint32_t eax, void *ecx, uint32_t edx)
{
	int ret;

	__asm__ volatile ("int $0x81" : "=a" (ret) : "a" (eax), "c" (ecx), "d" (edx) : "memory");
	return ret;
}

int
main(void)
{
	struct vk_msg_getpid m = { .hdr = { .ms_cmd = VK_SYS_getpid, .ms_size = sizeof(m) } };
	struct vk_msghdr unknown = { .ms_cmd = 200, .ms_size = sizeof(unknown) };
	struct vk_msghdr tiny = { .ms_cmd = VK_SYS_getpid, .ms_size = 8 };

	if (gate(0, &m, sizeof(m)) != 0 ||		/* sendsys */
	    gate(0, &unknown, sizeof(unknown)) != VK_ENOSYS ||
	    gate(0, &tiny, 8) != VK_EINVAL ||
	    gate(0, &m, 0) != 0 ||			/* waitsys */
	    gate(0, 0, 0) != 0)				/* flushsys */
		return 1;
	return 0;
}
