/*
 * exit, _Exit: end the program.
 *
 * exit runs the atexit handlers (last registered first), then the
 * destructors in .fini_array (last first), flushes every stdio output
 * stream, and ends the process with STATUS through _exit.  _Exit skips all
 * of that.  Streams are flushed, not closed: the kernel closes the
 * descriptors.
 */
#include <stdlib.h>
#include <unistd.h>

#include "libc_private.h"

/* Bounds of .fini_array, from the linker (empty if there is none). */
extern void (*__fini_array_start[])(void) __attribute__((weak, visibility("hidden")));
extern void (*__fini_array_end[])(void) __attribute__((weak, visibility("hidden")));

static void
run_fini_array(void)
{
	size_t n = (size_t)(__fini_array_end - __fini_array_start);

	while (n > 0)
		__fini_array_start[--n]();
}

void
exit(int status)
{
	__vk_run_atexit();
	run_fini_array();
	__vk_stdio_flush_all();
	_exit(status);
}

void
_Exit(int status)
{
	_exit(status);
}
