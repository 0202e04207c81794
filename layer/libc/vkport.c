/*
 * vkport.c: reply ports for <vkrun/async.h>, entirely in the program: the
 * kernel appends done requests to the ring; these take them off.
 */
#include <string.h>
#include <vkrun/async.h>

void
vk_port_init(struct vk_port *port)
{
	memset(port, 0, sizeof(*port));
	port->vp_size = VK_PORT_ENTRIES;
}

struct vk_req *
vk_port_get(struct vk_port *port)
{
	struct vk_req *r;

	if (port->vp_head == port->vp_tail)
		return NULL;
	r = port->vp_ring[port->vp_tail % port->vp_size];
	port->vp_tail++;
	return r;
}
