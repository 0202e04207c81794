/*
 * vkernel/vk_abi.h: the native guest ABI that is not generated: the int 0x81
 * gate, the message header and its flags, and the guest's constants (errno
 * values, open flags, whence, clocks, mmap bits).  It is included by the host
 * kernel and by i386 guest code alike, so it uses only fixed-width types and
 * every layout is pinned with static assertions.  Guest names carry a VK_
 * prefix so that a host EPERM is never mistaken for a guest one.
 *
 * Native ABI version 1.  docs/abi.md is the prose version of this file; keep
 * the two in step.
 */
#ifndef VK_ABI_H
#define VK_ABI_H

#include <stdint.h>

#define VK_ABI_VERSION		1

/*
 * The gate: int 0x81, arguments in eax, ecx, edx, result (0 or a guest
 * errno) in eax; no other register changes.
 *   sendsys(port, msg, size):  eax = port, ecx = msg, edx = size (> 0)
 *   waitsys(port, msg):        eax = port, ecx = msg, edx = 0
 *   flushsys():                eax = 0,    ecx = 0,   edx = 0
 */
#define VK_GATE_VECTOR		0x81
#define VK_LINUX_VECTOR		0x80

/* Every message starts with this header (32 bytes, 8-aligned). */
struct vk_msghdr {
	uint32_t	ms_cmd;		/* command: VK_SYS_* from syscalls.master */
	uint32_t	ms_flags;	/* MSGF_* */
	uint32_t	ms_reply;	/* reply port (guest address) or 0 */
	uint32_t	ms_size;	/* size of the whole message in bytes; = edx */
	int32_t		ms_error;	/* 0 or guest errno: written only by the reply */
	uint32_t	ms_id;		/* the sender's tag, never touched by the kernel */
	int64_t		ms_result;	/* the call's result: written only by the reply */
};

#define VK_MSG_MAX		512	/* largest message the gate accepts */

/* Message flags.  The sender sets only MSGF_ASYNC; the others are the kernel's,
 * ignored on send so a message can be reused without clearing them.  Any other
 * bit makes the send fail with EINVAL. */
#define MSGF_DONE		0x00000001u	/* replied: ms_error and ms_result are valid */
#define MSGF_ASYNC		0x00000002u	/* the sender accepts completion later */
#define MSGF_QUEUED		0x00000004u	/* in flight in the kernel */
#define MSGF_ABORTED		0x00000008u	/* ended by an abort request */
#define MSGF_SENDER_MASK	MSGF_ASYNC

/*
 * sendsys's answer for an MSGF_ASYNC message that was queued: the reply comes
 * later (MSGF_DONE in the message, and the message on its reply port).  Not a
 * Linux errno: sendsys alone returns it, never a message's ms_error.
 */
#define VK_EASYNC		1024

/*
 * A reply port: guest memory the program owns and the kernel writes done
 * messages into.  The kernel appends the guest address of each done message
 * at vp_ring[vp_head % vp_size] and then increments vp_head; the program takes
 * entries from vp_tail and increments it.  Both counters run freely (they
 * wrap at 2^32).  A full ring makes the kernel hold the message until there
 * is room.  The port is 32 bytes of header followed by vp_size entries.
 */
struct vk_portabi {
	uint32_t	vp_action;	/* VK_PORT_*: what a reply does */
	uint32_t	vp_size;	/* ring entries, 1..VK_PORT_RING_MAX */
	uint32_t	vp_head;	/* written by the kernel */
	uint32_t	vp_tail;	/* written by the program */
	uint32_t	vp_upcall;	/* the upcall actions: the function to call */
	uint32_t	vp_flags;	/* VP_*: written by the kernel */
	uint32_t	vp_resv[2];
	/* uint32_t vp_ring[vp_size]; */
};
#define VK_PORT_QUEUE		0	/* queue without notification */
#define VK_PORT_UPCALL		1	/* queue, then upcall vp_upcall */
#define VK_PORT_UPCALL_CS	2	/* queue, then upcall unless in a critical section */
#define VK_PORT_RING_MAX	4096
#define VP_INUPCALL		0x1u	/* an upcall of this port is running: no other
					 * upcall through it until it returns (upret) */

/*
 * Upcalls (seed 004).  When a reply lands on a port whose action is an upcall,
 * the kernel interrupts the process at an instruction boundary: it pushes a
 * struct vk_upframe_abi (16-aligned) on the process's stack, or on the alternate
 * stack its control block names, and continues at the kernel's upcall entry
 * (on the kernel page), which
 *   1. saves the FPU/SSE state into uf_fx (fxsave),
 *   2. calls  void vp_upcall(struct vk_portabi *port, struct vk_upframe_abi *f)
 *      (cdecl, 16-aligned stack, DF clear),
 *   3. restores the FPU/SSE state from uf_fx (fxrstor) and sends the
 *      message uf_msg: upret(f), which restores every register from the
 *      frame and clears the port's VP_INUPCALL.
 * upret is also how a program (a signal trampoline) resumes any saved state:
 * a frame it builds itself, with uf_port 0, restores exactly the same way.
 * Registers the handler changes in the frame take effect on return; eflags
 * keeps only the bits a program may set (VK_UF_EFLAGS).
 *
 * Upcalls never nest onto one that is returning: the return is the single
 * upret message.  While a handler runs, its port is VP_INUPCALL and the
 * process's critical-section depth is one higher (so VK_PORT_UPCALL_CS ports
 * wait); a handler that can take nested upcalls lowers uc_crit itself.
 */
struct vk_upframe_abi {
	uint8_t		uf_fx[512];	/* fxsave image (the entry code writes it) */
	struct vk_msghdr uf_msg;	/* upret's message: command upret, size 40 */
	uint32_t	uf_frame;	/* upret's argument: this frame's address */
	uint32_t	uf_magic;	/* VK_UF_MAGIC */
	uint32_t	uf_port;	/* the port that upcalled, or 0 */
	uint32_t	uf_handler;	/* the function the entry calls */
	/* The interrupted state. */
	uint32_t	uf_eax, uf_ebx, uf_ecx, uf_edx, uf_esi, uf_edi, uf_ebp, uf_esp;
	uint32_t	uf_eip, uf_eflags;
	uint32_t	uf_gs;		/* %gs selector */
	int32_t		uf_crit;	/* critical-section depth to go back to */
	uint32_t	uf_flags;	/* VK_UF_* */
	uint32_t	uf_sysarg;	/* VK_UF_INTR: eax of the interrupted int 0x81 */
	uint32_t	uf_resv[6];
};
#define VK_UF_MAGIC		0x55504631u	/* "UPF1" */
#define VK_UF_INTR		0x1u	/* the process was blocked in a call (int 0x81 just
					 * before uf_eip), now answered EINTR; to restart
					 * it, set uf_eip -= 2 and uf_eax = uf_sysarg */
#define VK_UF_FAULT		0x2u	/* delivered for a fault: uf_eip is the start of
					 * the faulting translated block, not the instruction */
#define VK_UF_EFLAGS		0x00044dd5u	/* AC OF DF TF SF ZF AF PF CF */

/*
 * The per-thread control block, in program memory, registered with
 * upctl(addr) (a native process starts with the one in its TLS block at
 * VK_TLS_UPCTL).  The kernel reads it at each upcall and writes uc_pending.
 */
struct vk_upctl {
	int32_t		uc_crit;	/* > 0: inside a critical section */
	uint32_t	uc_pending;	/* the kernel held an upcall back: call flushsys()
					 * after leaving the outermost section */
	uint32_t	uc_altstack;	/* 0, or the lowest address of an alternate stack */
	uint32_t	uc_altsize;	/* its size: upcalls run there unless already on it */
};

/*
 * Signals (seed 004): a sigreq message names a set of signals and stays live
 * in the kernel after it is answered: each matching signal answers it again
 * (ms_result = the signal number, the outputs = its information) and puts it
 * on its reply port, until the program aborts it.  The program takes an
 * answer and then clears MSGF_DONE in the message; until it does, further
 * signals wait in the kernel (one per number below 32, up to VK_SIGQ_MAX
 * queued from 32 up).  A periodic timer message is live the same way.
 * A signal that no live request takes gets its default action.
 */
#define VK_NSIG			64
#define VK_SIGQ_MAX		32

/* si_code values (Linux's). */
#define VK_SI_USER		0
#define VK_SI_KERNEL		0x80
#define VK_SI_TIMER		(-2)
#define VK_SI_QUEUE		(-1)
#define VK_SI_TKILL		(-6)

/* sigflags (command 137): the process's signal options. */
#define VK_SIGF_NOCLDWAIT	1	/* children are reaped when they end (SA_NOCLDWAIT) */
#define VK_CLD_EXITED		1
#define VK_CLD_KILLED		2
#define VK_CLD_DUMPED		3
#define VK_CLD_STOPPED		5
#define VK_CLD_CONTINUED	6
#define VK_SEGV_MAPERR		1
#define VK_SEGV_ACCERR		2

/* timer flags */
#define VK_TIMER_ABSTIME	0x1

/* Guest errno values (those of Linux i386).  X(name, number, text). */
#define VK_ERRNO_LIST(X) \
	X(EPERM, 1, "Operation not permitted") \
	X(ENOENT, 2, "No such file or directory") \
	X(ESRCH, 3, "No such process") \
	X(EINTR, 4, "Interrupted system call") \
	X(EIO, 5, "Input/output error") \
	X(ENXIO, 6, "No such device or address") \
	X(E2BIG, 7, "Argument list too long") \
	X(ENOEXEC, 8, "Exec format error") \
	X(EBADF, 9, "Bad file descriptor") \
	X(ECHILD, 10, "No child processes") \
	X(EAGAIN, 11, "Resource temporarily unavailable") \
	X(ENOMEM, 12, "Cannot allocate memory") \
	X(EACCES, 13, "Permission denied") \
	X(EFAULT, 14, "Bad address") \
	X(ENOTBLK, 15, "Block device required") \
	X(EBUSY, 16, "Device or resource busy") \
	X(EEXIST, 17, "File exists") \
	X(EXDEV, 18, "Invalid cross-device link") \
	X(ENODEV, 19, "No such device") \
	X(ENOTDIR, 20, "Not a directory") \
	X(EISDIR, 21, "Is a directory") \
	X(EINVAL, 22, "Invalid argument") \
	X(ENFILE, 23, "Too many open files in system") \
	X(EMFILE, 24, "Too many open files") \
	X(ENOTTY, 25, "Inappropriate ioctl for device") \
	X(ETXTBSY, 26, "Text file busy") \
	X(EFBIG, 27, "File too large") \
	X(ENOSPC, 28, "No space left on device") \
	X(ESPIPE, 29, "Illegal seek") \
	X(EROFS, 30, "Read-only file system") \
	X(EMLINK, 31, "Too many links") \
	X(EPIPE, 32, "Broken pipe") \
	X(EDOM, 33, "Numerical argument out of domain") \
	X(ERANGE, 34, "Numerical result out of range") \
	X(EDEADLK, 35, "Resource deadlock avoided") \
	X(ENAMETOOLONG, 36, "File name too long") \
	X(ENOLCK, 37, "No locks available") \
	X(ENOSYS, 38, "Function not implemented") \
	X(ENOTEMPTY, 39, "Directory not empty") \
	X(ELOOP, 40, "Too many levels of symbolic links") \
	X(ENOMSG, 42, "No message of desired type") \
	X(EIDRM, 43, "Identifier removed") \
	X(ENOSTR, 60, "Device not a stream") \
	X(ENODATA, 61, "No data available") \
	X(ETIME, 62, "Timer expired") \
	X(ENOSR, 63, "Out of streams resources") \
	X(ENOLINK, 67, "Link has been severed") \
	X(EPROTO, 71, "Protocol error") \
	X(EMULTIHOP, 72, "Multihop attempted") \
	X(EBADMSG, 74, "Bad message") \
	X(EOVERFLOW, 75, "Value too large for defined data type") \
	X(EILSEQ, 84, "Invalid or incomplete multibyte or wide character") \
	X(EUSERS, 87, "Too many users") \
	X(ENOTSOCK, 88, "Socket operation on non-socket") \
	X(EDESTADDRREQ, 89, "Destination address required") \
	X(EMSGSIZE, 90, "Message too long") \
	X(EPROTOTYPE, 91, "Protocol wrong type for socket") \
	X(ENOPROTOOPT, 92, "Protocol not available") \
	X(EPROTONOSUPPORT, 93, "Protocol not supported") \
	X(ESOCKTNOSUPPORT, 94, "Socket type not supported") \
	X(EOPNOTSUPP, 95, "Operation not supported") \
	X(EPFNOSUPPORT, 96, "Protocol family not supported") \
	X(EAFNOSUPPORT, 97, "Address family not supported by protocol") \
	X(EADDRINUSE, 98, "Address already in use") \
	X(EADDRNOTAVAIL, 99, "Cannot assign requested address") \
	X(ENETDOWN, 100, "Network is down") \
	X(ENETUNREACH, 101, "Network is unreachable") \
	X(ENETRESET, 102, "Network dropped connection on reset") \
	X(ECONNABORTED, 103, "Software caused connection abort") \
	X(ECONNRESET, 104, "Connection reset by peer") \
	X(ENOBUFS, 105, "No buffer space available") \
	X(EISCONN, 106, "Transport endpoint is already connected") \
	X(ENOTCONN, 107, "Transport endpoint is not connected") \
	X(ESHUTDOWN, 108, "Cannot send after transport endpoint shutdown") \
	X(ETOOMANYREFS, 109, "Too many references: cannot splice") \
	X(ETIMEDOUT, 110, "Connection timed out") \
	X(ECONNREFUSED, 111, "Connection refused") \
	X(EHOSTDOWN, 112, "Host is down") \
	X(EHOSTUNREACH, 113, "No route to host") \
	X(EALREADY, 114, "Operation already in progress") \
	X(EINPROGRESS, 115, "Operation now in progress") \
	X(ESTALE, 116, "Stale file handle") \
	X(EDQUOT, 122, "Disk quota exceeded") \
	X(ECANCELED, 125, "Operation canceled") \
	X(EOWNERDEAD, 130, "Owner died") \
	X(ENOTRECOVERABLE, 131, "State not recoverable")

#define VK_X_ERRNO_ENUM(name, num, text) VK_##name = num,
enum vk_errno { VK_ERRNO_LIST(VK_X_ERRNO_ENUM) };
#undef VK_X_ERRNO_ENUM
#define VK_EWOULDBLOCK		VK_EAGAIN
#define VK_ENOTSUP		VK_EOPNOTSUPP
#define VK_ERRNO_MAX		4095	/* results in [-4095, -1] are errors (Linux rule) */

/* open() flags (Linux i386 values). */
#define VK_O_ACCMODE		00000003
#define VK_O_RDONLY		00000000
#define VK_O_WRONLY		00000001
#define VK_O_RDWR		00000002
#define VK_O_CREAT		00000100
#define VK_O_EXCL		00000200
#define VK_O_NOCTTY		00000400
#define VK_O_TRUNC		00001000
#define VK_O_APPEND		00002000
#define VK_O_NONBLOCK		00004000
#define VK_O_DSYNC		00010000
#define VK_O_ASYNC		00020000
#define VK_O_DIRECT		00040000
#define VK_O_LARGEFILE		00100000
#define VK_O_DIRECTORY		00200000
#define VK_O_NOFOLLOW		00400000
#define VK_O_NOATIME		01000000
#define VK_O_CLOEXEC		02000000
#define VK_O_SYNC		04010000
#define VK_O_PATH		010000000
#define VK_O_TMPFILE		020200000

/* lseek whence. */
#define VK_SEEK_SET		0
#define VK_SEEK_CUR		1
#define VK_SEEK_END		2

/* Clocks. */
#define VK_CLOCK_REALTIME	0
#define VK_CLOCK_MONOTONIC	1
#define VK_CLOCK_PROCESS_CPUTIME_ID 2
#define VK_CLOCK_THREAD_CPUTIME_ID 3

/* mmap. */
#define VK_PROT_NONE		0x0
#define VK_PROT_READ		0x1
#define VK_PROT_WRITE		0x2
#define VK_PROT_EXEC		0x4
#define VK_MAP_SHARED		0x01
#define VK_MAP_PRIVATE		0x02
#define VK_MAP_TYPE		0x0f
#define VK_MAP_FIXED		0x10
#define VK_MAP_ANONYMOUS	0x20
#define VK_MAP_NORESERVE	0x4000
#define VK_MAP_FIXED_NOREPLACE	0x100000
#define VK_MAP_FAILED		0xffffffffu

/* rfork flags (FreeBSD's values). */
#define VK_RFFDG		0x00000004	/* the child gets a copy of the descriptor table */
#define VK_RFPROC		0x00000010	/* make a new process */
#define VK_RFMEM		0x00000020	/* share the address space (not yet: EOPNOTSUPP) */
#define VK_RFNOWAIT		0x00000040	/* the child is nobody's: it leaves no status */
#define VK_RFCFDG		0x00001000	/* the child starts with no descriptors */

/* Signal numbers (Linux numbering). */
#define VK_SIGHUP		1
#define VK_SIGINT		2
#define VK_SIGQUIT		3
#define VK_SIGILL		4
#define VK_SIGTRAP		5
#define VK_SIGABRT		6
#define VK_SIGBUS		7
#define VK_SIGFPE		8
#define VK_SIGKILL		9
#define VK_SIGUSR1		10
#define VK_SIGSEGV		11
#define VK_SIGUSR2		12
#define VK_SIGPIPE		13
#define VK_SIGALRM		14
#define VK_SIGTERM		15
#define VK_SIGCHLD		17
#define VK_SIGCONT		18
#define VK_SIGSTOP		19
#define VK_SIGTSTP		20
#define VK_SIGTTIN		21
#define VK_SIGTTOU		22
#define VK_SIGURG		23
#define VK_SIGXCPU		24
#define VK_SIGXFSZ		25
#define VK_SIGVTALRM		26
#define VK_SIGPROF		27
#define VK_SIGWINCH		28
#define VK_SIGIO		29
#define VK_SIGPWR		30
#define VK_SIGSYS		31
#define VK_SIGRTMIN		32

#ifdef __cplusplus
#define VK_STATIC_ASSERT static_assert
#else
#define VK_STATIC_ASSERT _Static_assert
#endif
VK_STATIC_ASSERT(sizeof(struct vk_msghdr) == 32, "message header is 32 bytes");
VK_STATIC_ASSERT(__builtin_offsetof(struct vk_msghdr, ms_error) == 16, "ms_error at 16");
VK_STATIC_ASSERT(__builtin_offsetof(struct vk_msghdr, ms_result) == 24, "ms_result at 24");
VK_STATIC_ASSERT(sizeof(struct vk_portabi) == 32, "reply port header is 32 bytes");
VK_STATIC_ASSERT(sizeof(struct vk_upframe_abi) == 640, "upcall frame is 640 bytes");
VK_STATIC_ASSERT(__builtin_offsetof(struct vk_upframe_abi, uf_msg) == 512, "uf_msg at 512");
VK_STATIC_ASSERT(__builtin_offsetof(struct vk_upframe_abi, uf_port) == 552, "uf_port at 552");
VK_STATIC_ASSERT(__builtin_offsetof(struct vk_upframe_abi, uf_handler) == 556, "uf_handler at 556");
VK_STATIC_ASSERT(__builtin_offsetof(struct vk_upframe_abi, uf_eax) == 560, "uf_eax at 560");
VK_STATIC_ASSERT(sizeof(struct vk_upctl) == 16, "control block is 16 bytes");

#endif
