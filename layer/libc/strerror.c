/*
 * strerror, strerror_r: the message for an errno value.
 *
 * Every number of the guest ABI (errno.h) has its text here, the same
 * wording as Linux; any other number gives "Unknown error N".  strerror
 * returns a static buffer for unknown numbers, so only strerror_r is safe
 * to call from several threads.  strerror_r is the POSIX (XSI) one: it
 * returns 0, ERANGE when the message does not fit (it is then truncated),
 * or EINVAL for an unknown number (after writing "Unknown error N").
 */
#include <errno.h>
#include <string.h>

static const char *const messages[] = {
	[0] = "Success",
	[EPERM] = "Operation not permitted",
	[ENOENT] = "No such file or directory",
	[ESRCH] = "No such process",
	[EINTR] = "Interrupted system call",
	[EIO] = "Input/output error",
	[ENXIO] = "No such device or address",
	[E2BIG] = "Argument list too long",
	[ENOEXEC] = "Exec format error",
	[EBADF] = "Bad file descriptor",
	[ECHILD] = "No child processes",
	[EAGAIN] = "Resource temporarily unavailable",
	[ENOMEM] = "Cannot allocate memory",
	[EACCES] = "Permission denied",
	[EFAULT] = "Bad address",
	[ENOTBLK] = "Block device required",
	[EBUSY] = "Device or resource busy",
	[EEXIST] = "File exists",
	[EXDEV] = "Invalid cross-device link",
	[ENODEV] = "No such device",
	[ENOTDIR] = "Not a directory",
	[EISDIR] = "Is a directory",
	[EINVAL] = "Invalid argument",
	[ENFILE] = "Too many open files in system",
	[EMFILE] = "Too many open files",
	[ENOTTY] = "Inappropriate ioctl for device",
	[ETXTBSY] = "Text file busy",
	[EFBIG] = "File too large",
	[ENOSPC] = "No space left on device",
	[ESPIPE] = "Illegal seek",
	[EROFS] = "Read-only file system",
	[EMLINK] = "Too many links",
	[EPIPE] = "Broken pipe",
	[EDOM] = "Numerical argument out of domain",
	[ERANGE] = "Numerical result out of range",
	[EDEADLK] = "Resource deadlock avoided",
	[ENAMETOOLONG] = "File name too long",
	[ENOLCK] = "No locks available",
	[ENOSYS] = "Function not implemented",
	[ENOTEMPTY] = "Directory not empty",
	[ELOOP] = "Too many levels of symbolic links",
	[ENOMSG] = "No message of desired type",
	[EIDRM] = "Identifier removed",
	[ENOSTR] = "Device not a stream",
	[ENODATA] = "No data available",
	[ETIME] = "Timer expired",
	[ENOSR] = "Out of streams resources",
	[ENOLINK] = "Link has been severed",
	[EPROTO] = "Protocol error",
	[EMULTIHOP] = "Multihop attempted",
	[EBADMSG] = "Bad message",
	[EOVERFLOW] = "Value too large for defined data type",
	[EILSEQ] = "Invalid or incomplete multibyte or wide character",
	[EUSERS] = "Too many users",
	[ENOTSOCK] = "Socket operation on non-socket",
	[EDESTADDRREQ] = "Destination address required",
	[EMSGSIZE] = "Message too long",
	[EPROTOTYPE] = "Protocol wrong type for socket",
	[ENOPROTOOPT] = "Protocol not available",
	[EPROTONOSUPPORT] = "Protocol not supported",
	[ESOCKTNOSUPPORT] = "Socket type not supported",
	[EOPNOTSUPP] = "Operation not supported",
	[EPFNOSUPPORT] = "Protocol family not supported",
	[EAFNOSUPPORT] = "Address family not supported by protocol",
	[EADDRINUSE] = "Address already in use",
	[EADDRNOTAVAIL] = "Cannot assign requested address",
	[ENETDOWN] = "Network is down",
	[ENETUNREACH] = "Network is unreachable",
	[ENETRESET] = "Network dropped connection on reset",
	[ECONNABORTED] = "Software caused connection abort",
	[ECONNRESET] = "Connection reset by peer",
	[ENOBUFS] = "No buffer space available",
	[EISCONN] = "Transport endpoint is already connected",
	[ENOTCONN] = "Transport endpoint is not connected",
	[ESHUTDOWN] = "Cannot send after transport endpoint shutdown",
	[ETOOMANYREFS] = "Too many references: cannot splice",
	[ETIMEDOUT] = "Connection timed out",
	[ECONNREFUSED] = "Connection refused",
	[EHOSTDOWN] = "Host is down",
	[EHOSTUNREACH] = "No route to host",
	[EALREADY] = "Operation already in progress",
	[EINPROGRESS] = "Operation now in progress",
	[ESTALE] = "Stale file handle",
	[EDQUOT] = "Disk quota exceeded",
	[ECANCELED] = "Operation canceled",
	[EOWNERDEAD] = "Owner died",
	[ENOTRECOVERABLE] = "State not recoverable",
};

#define NMESSAGES ((int)(sizeof(messages) / sizeof(messages[0])))

/* "Unknown error N" into BUF of LEN bytes (truncated to fit, LEN > 0);
 * written by hand so that strerror does not pull in printf. */
static void
unknown_text(int err, char *buf, size_t len)
{
	static const char prefix[] = "Unknown error ";
	char text[sizeof(prefix) + 12], digits[12];
	unsigned int u = err < 0 ? -(unsigned int)err : (unsigned int)err;
	size_t n = sizeof(prefix) - 1, k = 0;

	memcpy(text, prefix, n);
	do
		digits[k++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (err < 0)
		text[n++] = '-';
	while (k > 0)
		text[n++] = digits[--k];
	text[n] = '\0';
	if (n >= len)
		n = len - 1;
	memcpy(buf, text, n);
	buf[n] = '\0';
}

/* The known message for ERR, or NULL. */
static const char *
known(int err)
{
	if (err < 0 || err >= NMESSAGES)
		return NULL;
	return messages[err];
}

char *
strerror(int err)
{
	static char unknown[32];
	const char *m = known(err);

	if (m != NULL)
		return (char *)m;
	unknown_text(err, unknown, sizeof(unknown));
	return unknown;
}

int
strerror_r(int err, char *buf, size_t len)
{
	const char *m = known(err);
	size_t n;

	if (len == 0)
		return m == NULL ? EINVAL : ERANGE;
	if (m == NULL) {
		unknown_text(err, buf, len);
		return EINVAL;
	}
	n = strlen(m);
	if (n >= len) {
		memcpy(buf, m, len - 1);
		buf[len - 1] = '\0';
		return ERANGE;
	}
	memcpy(buf, m, n + 1);
	return 0;
}
