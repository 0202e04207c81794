/*
 * docs/examples/async-ports.c: two reads in flight on one reply port,
 * collected in the order the data arrives (docs/async.md).
 * Build: vkcc -O2 -o async-ports async-ports.c; run: vkrun ./async-ports
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vkrun/async.h>

int
main(void)
{
	int a[2], b[2];
	char abuf[64], bbuf[64];
	struct vk_port port;
	struct vk_req ra, rb, *r;

	pipe(a);
	pipe(b);
	if (fork() == 0) {			/* the child talks on b first, then a */
		struct timespec pause = { 0, 50000000 };

		write(b[1], "from b", 6);
		nanosleep(&pause, NULL);
		write(a[1], "from a", 6);
		_exit(0);
	}
	vk_port_init(&port);
	ra.vr_data = abuf;
	rb.vr_data = bbuf;
	vk_aread(&ra, &port, a[0], abuf, sizeof(abuf));
	vk_aread(&rb, &port, b[0], bbuf, sizeof(bbuf));
	for (int done = 0; done < 2; done++) {
		long long n;

		while ((r = vk_port_get(&port)) == NULL)
			vk_wait(&port, NULL);	/* sleeps until a reply arrives */
		n = vk_result(r);
		printf("%.*s (%lld bytes)\n", (int)n, (char *)r->vr_data, n);
	}
	wait(NULL);
	return 0;
}
