/*
 * layer/ly_info.c: calls whose answer is an element list the program sees
 * as a struct (uname, vk_procinfo), and pread, which only kernel ABI 2 has
 * (a kernel ABI 1 layer makes it from lseek and read).
 */
#include <sys/utsname.h>
#include <vkrun/proc.h>

#include "layer/ly.h"
#include "vkernel/vk_elist.h"

#define LIST_MAX	8192

static void
copy_str(char *dst, uint32_t cap, const struct vk_el *e)
{
	uint32_t n = e->len < cap - 1 ? e->len : cap - 1;

	for (uint32_t i = 0; i < n; i++)
		dst[i] = (char)e->val[i];
	dst[n] = '\0';
}

int
ly_uname(struct utsname *u)
{
	struct vk_msg_unameel m;
	uint8_t list[512];
	struct vk_el e;
	uint32_t off = 0;
	int64_t n;
	int r;

	ly_hdr(&m.hdr, VK_SYS_unameel, sizeof(m));
	m.buf = (uint32_t)list;
	m.size = sizeof(list);
	if ((n = ly_call(&m.hdr)) < 0)
		return -1;
	for (uint32_t i = 0; i < sizeof(*u); i++)
		((char *)u)[i] = 0;
	while ((r = vk_el_next(list, (uint32_t)n, &off, &e)) > 0)
		switch (e.tag) {
		case VK_EL_UN_SYSNAME:	copy_str(u->sysname, sizeof(u->sysname), &e); break;
		case VK_EL_UN_NODENAME:	copy_str(u->nodename, sizeof(u->nodename), &e); break;
		case VK_EL_UN_RELEASE:	copy_str(u->release, sizeof(u->release), &e); break;
		case VK_EL_UN_VERSION:	copy_str(u->version, sizeof(u->version), &e); break;
		case VK_EL_UN_MACHINE:	copy_str(u->machine, sizeof(u->machine), &e); break;
		}
	if (r < 0) {
		ly_set_errno(VK_EBADMSG);
		return -1;
	}
	return 0;
}

/*
 * vk_procinfo: one struct vk_procinfo per ENTRY of the list.  A tag the
 * kernel does not send keeps its default (0; "?" for the name, '?' for the
 * state); PI_MSGS is kernel ABI 2's alone.
 */
int
ly_procinfo(int32_t pid, struct vk_procinfo *out, int max)
{
	struct vk_msg_procinfo m;
	uint8_t list[LIST_MAX];
	struct vk_procinfo *pi = 0;
	struct vk_el e;
	uint32_t off = 0;
	int64_t n;
	int r, count = 0;

	ly_hdr(&m.hdr, VK_SYS_procinfo, sizeof(m));
	m.pid = pid;
	m.buf = (uint32_t)list;
	m.size = sizeof(list);
	if ((n = ly_call(&m.hdr)) < 0)
		return -1;
	while ((r = vk_el_next(list, (uint32_t)n, &off, &e)) > 0) {
		if (e.tag == VK_EL_ENTRY) {
			if (count == max)
				break;
			pi = &out[count++];
			*pi = (struct vk_procinfo){ .pi_state = '?', .pi_name = "?" };
			continue;
		}
		if (pi == 0)
			continue;		/* before the first entry: not ours */
		switch (e.tag) {
		case VK_EL_PI_PID:	pi->pi_pid = (int32_t)vk_el_uint(&e); break;
		case VK_EL_PI_PPID:	pi->pi_ppid = (int32_t)vk_el_uint(&e); break;
		case VK_EL_PI_PGID:	pi->pi_pgid = (int32_t)vk_el_uint(&e); break;
		case VK_EL_PI_UID:	pi->pi_uid = (uint32_t)vk_el_uint(&e); break;
		case VK_EL_PI_STATE:	pi->pi_state = (char)vk_el_uint(&e); break;
		case VK_EL_PI_NAME:	copy_str(pi->pi_name, sizeof(pi->pi_name), &e); break;
		case VK_EL_PI_MSGS:	pi->pi_msgs = vk_el_uint(&e); break;
		case VK_EL_PI_START: {
			int64_t sec;
			uint32_t nsec;

			vk_el_time(&e, &sec, &nsec);
			pi->pi_start.tv_sec = sec;
			pi->pi_start.tv_nsec = nsec;
			break;
		}
		}
	}
	if (r < 0) {
		ly_set_errno(VK_EBADMSG);
		return -1;
	}
	return count;
}

int32_t
ly_pread(int fd, void *buf, uint32_t count, int64_t offset)
{
#ifdef VK_SYS_pread
	struct vk_msg_pread m;

	ly_hdr(&m.hdr, VK_SYS_pread, sizeof(m));
	m.fd = fd;
	m.buf = (uint32_t)buf;
	m.count = count;
	m.offset = offset;
	return (int32_t)ly_call(&m.hdr);
#else
	struct vk_msg_lseek s;
	struct vk_msg_read r;
	int64_t here, n;
	int e;

	if (offset < 0) {
		ly_set_errno(VK_EINVAL);
		return -1;
	}
	ly_hdr(&s.hdr, VK_SYS_lseek, sizeof(s));
	s.fd = fd;
	s.offset = 0;
	s.whence = VK_SEEK_CUR;
	if ((here = ly_call(&s.hdr)) < 0)
		return -1;		/* a pipe: ESPIPE, as pread says */
	s.offset = offset;
	s.whence = VK_SEEK_SET;
	if (ly_call(&s.hdr) < 0)
		return -1;
	ly_hdr(&r.hdr, VK_SYS_read, sizeof(r));
	r.fd = fd;
	r.buf = (uint32_t)buf;
	r.count = count;
	n = ly_call(&r.hdr);
	e = n < 0 ? ly_get_errno() : 0;
	s.offset = here;
	s.whence = VK_SEEK_SET;
	ly_call(&s.hdr);
	if (n < 0)
		ly_set_errno(e);
	return (int32_t)n;
#endif
}
