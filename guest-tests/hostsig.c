/*
 * guest-tests/hostsig.c: signals that vkrun itself receives (SIGINT, SIGTERM,
 * ...) reach the guest that asks for them (driven by hostsig.sh).
 *
 *   hostsig wait   a live request for SIGINT and SIGTERM on a queue port;
 *                  prints "ready", sleeps in vk_wait, prints "got N"
 *   hostsig spin   the same through an upcall port, while the program
 *                  computes without a single trap until the handler runs
 *   hostsig none   prints "ready" and computes forever (no request: vkrun
 *                  ends as its guest would, killed by the signal)
 */
#include <stdio.h>
#include <string.h>
#include <vkrun/upcall.h>

static volatile int got;

static void
on_signal(struct vk_port *port, struct vk_upframe *f)
{
	struct vk_req *r;
	struct vk_siginfo si;

	(void)f;
	while ((r = vk_port_get(port)) != NULL)
		if (vk_siginfo(r, &si) != 0)
			got = si.si_signo;
}

int
main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "wait";
	struct vk_port port;
	struct vk_req req;
	struct vk_siginfo si;
	volatile unsigned int x = 0;

	vk_port_init(&port);
	if (strcmp(mode, "spin") == 0)
		vk_port_upcall(&port, VK_PORT_UPCALL, on_signal);
	if (strcmp(mode, "none") != 0 &&
	    vk_asignal(&req, &port, VK_SIGBIT(2) | VK_SIGBIT(15)) != 1) {
		perror("hostsig: vk_asignal");
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	if (strcmp(mode, "wait") == 0) {
		while (vk_port_get(&port) == NULL)
			vk_wait(&port, NULL);
		got = vk_siginfo(&req, &si);
	} else
		while (!got)
			x++;
	printf("got %d\n", got);
	return 0;
}
