/*
 * abort: end the program abnormally.
 *
 * There are no signals yet, so abort cannot raise SIGABRT.  It writes
 * "Aborted" to standard error (fd 2, unbuffered, no stdio) and ends the
 * process with status 134, the status a shell shows for a program killed
 * by SIGABRT (128 + 6).  Like abort after a signal, it does not flush
 * stdio streams or run atexit handlers.
 */
#include <stdlib.h>
#include <unistd.h>

#define ABORT_STATUS	134	/* 128 + SIGABRT */

void
abort(void)
{
	static const char msg[] = "Aborted\n";

	write(2, msg, sizeof(msg) - 1);
	_exit(ABORT_STATUS);
}
