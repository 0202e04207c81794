/*
 * layer/ly_ids.c: process identity served from the shared page, without a
 * trap (seed 000: "system calls that actually run entirely in userspace").
 * The kernel keeps the page current; a program only ever sees these numbers
 * through its stub table, so the page's layout can change with the layer.
 */
#include "layer/ly.h"

#define SERVE(slot, field) do {			\
	ly_counts[LY_SLOT_##slot]++;		\
	return ly_shared()->field;		\
} while (0)

int32_t ly_getpid(void)		{ SERVE(getpid, sh_pid); }
int32_t ly_getppid(void)	{ SERVE(getppid, sh_ppid); }
uint32_t ly_getuid(void)	{ SERVE(getuid, sh_uid); }
uint32_t ly_geteuid(void)	{ SERVE(geteuid, sh_euid); }
uint32_t ly_getgid(void)	{ SERVE(getgid, sh_gid); }
uint32_t ly_getegid(void)	{ SERVE(getegid, sh_egid); }
