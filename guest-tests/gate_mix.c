/*
 * guest-tests/gate_mix.c: a helper for stats.sh that makes exactly one gate
 * call of each kind, so every counter of --stats has a known value:
 * a getpid message, an unknown command (200), a message the gate refuses
 * (size 8), a waitsys on the done getpid message, a flushsys, then exit 0.
 * That is 6 traps, 3 messages (1 unknown), 1 refusal, 1 wait, 1 flush.
 */
#include "guest-tests/rt/vkrt.h"

int
main(void)
{
	struct vk_msg_getpid m = { .hdr = { .ms_cmd = VK_SYS_getpid, .ms_size = sizeof(m) } };
	struct vk_msghdr unknown = { .ms_cmd = 200, .ms_size = sizeof(unknown) };
	struct vk_msghdr tiny = { .ms_cmd = VK_SYS_getpid, .ms_size = 8 };

	if (vk_sendsys(&m, sizeof(m)) != 0 ||
	    vk_sendsys(&unknown, sizeof(unknown)) != VK_ENOSYS ||
	    vk_sendsys(&tiny, 8) != VK_EINVAL ||
	    vk_waitsys(&m) != 0 ||
	    vk_flushsys() != 0)
		return 1;
	return 0;
}
