/*
 * guest-tests/devnull_rw.c: a helper for layer.sh: opens /dev/null, makes 10
 * write() and 10 read() calls on it, closes it and exits 0 (1 if a call did
 * not give what /dev/null gives).  Each call through the layer must cost
 * exactly one message and one trap: open 1, write 10, read 10, close 1,
 * exit 1.
 */
#include <fcntl.h>
#include <unistd.h>

int
main(void)
{
	char buf[16];
	int fd = open("/dev/null", O_RDWR), bad = 0;

	if (fd < 0)
		return 1;
	for (int i = 0; i < 10; i++)
		bad |= write(fd, "0123456789", 10) != 10;
	for (int i = 0; i < 10; i++)
		bad |= read(fd, buf, sizeof(buf)) != 0;
	bad |= close(fd) != 0;
	return bad;
}
