/*
 * sys/wait.h: waitpid and the wait status macros (the layer's waitpid sends
 * a wait4 message).  Status values are Linux's: exit code << 8, the
 * signal number, stop signal << 8 | 0x7f, or 0xffff for a continue.
 */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#pragma GCC system_header

#include <bits/vktypes.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WNOHANG		1
#define WUNTRACED	2	/* also report a child that stopped */
#define WCONTINUED	8	/* also report a child that was continued */

#define WEXITSTATUS(s)	(((s) >> 8) & 0xff)
#define WTERMSIG(s)	((s) & 0x7f)
#define WSTOPSIG(s)	WEXITSTATUS(s)
#define WIFEXITED(s)	(WTERMSIG(s) == 0)
#define WIFSIGNALED(s)	(WTERMSIG(s) != 0 && WTERMSIG(s) != 0x7f)
#define WIFSTOPPED(s)	(((s) & 0xff) == 0x7f)
#define WIFCONTINUED(s)	((s) == 0xffff)

pid_t waitpid(pid_t pid, int *status, int options);
pid_t wait(int *status);

#ifdef __cplusplus
}
#endif

#endif
