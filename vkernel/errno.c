/*
 * vkernel/errno.c: the one place where a host errno becomes a guest errno,
 * and the names the trace prints.  Both tables come from VK_ERRNO_LIST in
 * vk_abi.h, so a new guest errno is added in exactly one place.
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>

#include "vkernel/kernel.h"

int
vk_errno_host(int e)
{
	switch (e) {
#define X(name, num, text) case name: return VK_##name;
	VK_ERRNO_LIST(X)
#undef X
	default:
		return VK_EIO;
	}
}

static const struct {
	int		num;
	const char	*name;
	const char	*text;
} errtab[] = {
#define X(name, num, text) { num, #name, text },
	VK_ERRNO_LIST(X)
#undef X
};

static int
find(int e)
{
	for (size_t i = 0; i < sizeof(errtab) / sizeof(errtab[0]); i++)
		if (errtab[i].num == e)
			return (int)i;
	return -1;
}

const char *
vk_errno_name(int e)
{
	int i = find(e);

	if (e == VK_EASYNC)
		return "EASYNC";
	return i < 0 ? NULL : errtab[i].name;
}

const char *
vk_errno_text(int e)
{
	int i = find(e);

	if (e == VK_EASYNC)
		return "Request queued";
	return i < 0 ? NULL : errtab[i].text;
}
