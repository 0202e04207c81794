/*
 * brk, sbrk: the program break, on the layer's raw __vk_brk.
 *
 * __vk_brk never fails as such: it returns the break after the request,
 * which is the old one when the request could not be met.  These wrappers
 * turn that into the POSIX convention (ENOMEM and -1, or (void *)-1 for
 * sbrk).  The current break is remembered so that sbrk(0), which malloc
 * asks often, costs no message.
 */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>

static char *cur_brk;

/* The current break, asking the kernel the first time. */
static char *
current(void)
{
	if (cur_brk == NULL)
		cur_brk = __vk_brk(NULL);
	return cur_brk;
}

int
brk(void *addr)
{
	char *got = __vk_brk(addr);

	cur_brk = got;
	if (got != addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *
sbrk(intptr_t increment)
{
	char *old = current();
	uintptr_t want = (uintptr_t)old + (uintptr_t)increment;

	if (increment == 0)
		return old;
	if ((increment > 0 && want < (uintptr_t)old) || (increment < 0 && want > (uintptr_t)old)) {
		errno = ENOMEM;
		return (void *)-1;
	}
	if (brk((void *)want) != 0)
		return (void *)-1;
	return old;
}
