/*
 * signal.h: signal numbers (Linux's) and kill.  A signal goes to the live
 * signal request that takes it (<vkrun/upcall.h>); with none, it gets its
 * default action: the target ends with the signal's wait status (the
 * ignore-by-default signals are discarded).
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#pragma GCC system_header

#include <bits/vktypes.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPWR		30
#define SIGSYS		31
#define SIGRTMIN	32		/* real-time signals: queued, not merged */
#define SIGRTMAX	64

int kill(pid_t pid, int sig);

#ifdef __cplusplus
}
#endif

#endif
