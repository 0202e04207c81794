/*
 * layer/ly_gate.c: the layer's only way into the kernel, and its only way to
 * set errno.  ly_call is the sendsys of seed 004: eax = port (0: the system
 * port), ecx = the message, edx = its size; the error comes back in eax and
 * the result in the message.  Errors are turned into errno here and nowhere
 * else (musl's __syscall_ret plays the same part).
 */
#include "layer/ly.h"

int
ly_get_errno(void)
{
	int *errp;

	__asm__("movl %%gs:%c1, %0" : "=r"(errp) : "i"(VK_TLS_ERRNO));
	return *errp;
}

void
ly_set_errno(int e)
{
	int *errp;

	__asm__("movl %%gs:%c1, %0" : "=r"(errp) : "i"(VK_TLS_ERRNO));
	*errp = e;
}

int64_t
ly_call(struct vk_msghdr *m)
{
	uint32_t err;

	__asm__ volatile("int $0x81"
	    : "=a"(err)
	    : "a"(0), "c"(m), "d"(m->ms_size)
	    : "memory");
	if (err != 0) {
		ly_set_errno((int)err);
		return -1;
	}
	return m->ms_result;
}

/* Every slot the program ABI names but this layer cannot serve jumps here. */
int32_t
ly_nosys(void)
{
	ly_set_errno(VK_ENOSYS);
	return -1;
}
