/*
 * sys/utsname.h: the system's names (uname), built by the layer from the
 * kernel's element list.
 */
#ifndef _SYS_UTSNAME_H
#define _SYS_UTSNAME_H

#pragma GCC system_header

#ifdef __cplusplus
extern "C" {
#endif

struct utsname {
	char	sysname[65];
	char	nodename[65];
	char	release[65];
	char	version[65];
	char	machine[65];
};

int uname(struct utsname *u);

#ifdef __cplusplus
}
#endif

#endif
