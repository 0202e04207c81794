/*
 * __libc_start: what runs between crt0's _start and main.
 *
 * Records the environment in environ (crt0 has already stored it there;
 * this makes the C entry complete on its own), sets up stdio, runs the
 * constructors in .preinit_array and .init_array, and passes main's
 * return value to exit(), which runs atexit handlers and flushes stdio.
 */
#include <stdlib.h>
#include <unistd.h>

#include "libc_private.h"

char **environ;

int main(int argc, char **argv, char **envp);

/* Bounds of the constructor arrays, from the linker (empty when absent). */
extern void (*__preinit_array_start[])(int, char **, char **) __attribute__((weak, visibility("hidden")));
extern void (*__preinit_array_end[])(int, char **, char **) __attribute__((weak, visibility("hidden")));
extern void (*__init_array_start[])(int, char **, char **) __attribute__((weak, visibility("hidden")));
extern void (*__init_array_end[])(int, char **, char **) __attribute__((weak, visibility("hidden")));

static void
run_init_arrays(int argc, char **argv, char **envp)
{
	size_t i, n;

	n = (size_t)(__preinit_array_end - __preinit_array_start);
	for (i = 0; i < n; i++)
		__preinit_array_start[i](argc, argv, envp);
	n = (size_t)(__init_array_end - __init_array_start);
	for (i = 0; i < n; i++)
		__init_array_start[i](argc, argv, envp);
}

void
__libc_start(int argc, char **argv, char **envp)
{
	environ = envp;
	__vk_stdio_init();
	run_init_arrays(argc, argv, envp);
	exit(main(argc, argv, envp));
}
