/*
 * docs/examples/async-timeout.c: a read with a time limit, from an
 * asynchronous read, an asynchronous sleep and an abort (docs/async.md).
 * Build: vkcc -O2 -o async-timeout async-timeout.c; run: vkrun ./async-timeout
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <vkrun/async.h>

/* Read from FD, giving up after MS milliseconds: the read and a sleep race
 * on one port; whichever finishes first aborts the other. */
static long long
read_with_timeout(int fd, char *buf, size_t n, int ms)
{
	struct timespec limit = { ms / 1000, (ms % 1000) * 1000000L };
	struct vk_port port;
	struct vk_req rd, tm, *first;
	long long result;

	vk_port_init(&port);
	vk_aread(&rd, &port, fd, buf, n);
	vk_asleep(&tm, &port, &limit);
	while ((first = vk_port_get(&port)) == NULL)
		vk_wait(&port, NULL);
	vk_abort(first == &rd ? &tm : &rd);	/* the loser is answered ECANCELED */
	while (vk_port_get(&port) == NULL)	/* collect it before the port goes */
		vk_wait(&port, NULL);
	if (first == &tm) {
		errno = ETIMEDOUT;
		return -1;
	}
	result = vk_result(&rd);
	return result;
}

int
main(void)
{
	int p[2];
	char buf[16];

	pipe(p);
	if (read_with_timeout(p[0], buf, sizeof(buf), 100) < 0)
		printf("nothing written yet: %s\n", strerror(errno));
	write(p[1], "hello", 5);
	printf("read %lld bytes\n", read_with_timeout(p[0], buf, sizeof(buf), 100));
	return 0;
}
