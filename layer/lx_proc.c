/*
 * layer/lx_proc.c: Linux calls about the process: identity from the shared
 * page (no trap), and the bookkeeping calls a C library makes at start-up.
 * Signals are lx_signal.c's.
 */
#include "layer/lx.h"

LX_DECL(getpid)		{ (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return (int32_t)ly_shared()->sh_pid; }
LX_DECL(gettid)		{ (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return (int32_t)ly_shared()->sh_pid; }
LX_DECL(getppid)	{ (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return (int32_t)ly_shared()->sh_ppid; }
LX_DECL(getuid32)	{ (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return (int32_t)ly_shared()->sh_uid; }
LX_DECL(geteuid32)	{ (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return (int32_t)ly_shared()->sh_euid; }
LX_DECL(getgid32)	{ (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return (int32_t)ly_shared()->sh_gid; }
LX_DECL(getegid32)	{ (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return (int32_t)ly_shared()->sh_egid; }

/* The 16-bit uid calls: ids above 65535 show as the overflow id, as on Linux. */
static int32_t
id16(uint32_t id)
{
	return id > 65535 ? 65534 : (int32_t)id;
}

LX_DECL(getuid)		{ (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return id16(ly_shared()->sh_uid); }
LX_DECL(geteuid)	{ (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return id16(ly_shared()->sh_euid); }
LX_DECL(getgid)		{ (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return id16(ly_shared()->sh_gid); }
LX_DECL(getegid)	{ (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; return id16(ly_shared()->sh_egid); }

/* set_tid_address: no threads yet, so nothing will ever clear *tidptr; the tid is the pid. */
LX_DECL(set_tid_address)
{
	(void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6;
	return (int32_t)ly_shared()->sh_pid;
}

/* set_robust_list: single-threaded, so the list is never walked; Linux checks the length. */
LX_DECL(set_robust_list)
{
	(void)a1; (void)a3; (void)a4; (void)a5; (void)a6;
	return a2 == 12 ? 0 : -VK_EINVAL;
}
