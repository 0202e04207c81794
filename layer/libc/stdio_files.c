/*
 * stdio_files.c: stdin, stdout, stderr and the list of open streams.
 *
 * The three standard streams are static objects that __vk_stdio_init
 * sets up before main: stdin fully buffered, stdout line-buffered, stderr
 * unbuffered (with no isatty yet, stdout is treated as if it were a
 * terminal).  Every open stream is on a doubly linked list so that
 * fflush(NULL) and exit can reach them all.
 */
#include <string.h>

#include "libc_private.h"
#include "stdio_impl.h"

static struct __vk_file std_files[3];

FILE *stdin = &std_files[0];
FILE *stdout = &std_files[1];
FILE *stderr = &std_files[2];

struct __vk_file *__vk_stdio_head;

void
__vk_stdio_link(FILE *f)
{
	f->prev = NULL;
	f->next = __vk_stdio_head;
	if (f->next != NULL)
		f->next->prev = f;
	__vk_stdio_head = f;
}

void
__vk_stdio_unlink(FILE *f)
{
	if (f->prev != NULL)
		f->prev->next = f->next;
	else if (__vk_stdio_head == f)
		__vk_stdio_head = f->next;
	if (f->next != NULL)
		f->next->prev = f->prev;
	f->next = f->prev = NULL;
}

static void
std_init(FILE *f, int fd, unsigned flags)
{
	memset(f, 0, sizeof(*f));
	f->fd = fd;
	f->flags = flags | F_STATIC;
	f->mode = M_IDLE;
	__vk_stdio_link(f);
}

void
__vk_stdio_init(void)
{
	std_init(stderr, 2, F_WRITE | F_NBF);
	std_init(stdout, 1, F_WRITE | F_LBF);
	std_init(stdin, 0, F_READ);
}

void
__vk_stdio_flush_all(void)
{
	struct __vk_file *f;

	for (f = __vk_stdio_head; f != NULL; f = f->next)
		if (f->mode == M_WRITE)
			__vk_flush_out(f);
}
