/*
 * guest-tests/bench/start_vk.c: the smallest native vkrun guest.  _start
 * sends one exit message through int 0x81 and nothing else runs: no crt0, no
 * runtime.  Its Linux twin is start_linux.c; the start-up benchmark runs each
 * many times.
 */
#include "vk_sysmsg.h"

void _start(void) __attribute__((noreturn));

void
_start(void)
{
	struct vk_msg_exit m = {
		.hdr = { .ms_cmd = VK_SYS_exit, .ms_size = sizeof(m) },
		.status = 0,
	};

	__asm__ volatile ("int $0x81" : : "a" (0), "c" (&m), "d" (sizeof(m)) : "memory");
	for (;;)
		__asm__ volatile ("ud2");
}
