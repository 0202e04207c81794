/*
 * perror: print "S: message for errno" (or just the message when S is
 * NULL or empty) and a newline on stderr, in one write.
 */
#include <errno.h>
#include <string.h>

#include "stdio_impl.h"

void
perror(const char *s)
{
	const char *msg = strerror(errno);
	char line[512];
	size_t n = 0, k;

	if (s != NULL && *s != '\0') {
		k = strnlen(s, sizeof(line) - 3);
		memcpy(line, s, k);
		memcpy(line + k, ": ", 2);
		n = k + 2;
	}
	k = strnlen(msg, sizeof(line) - 1 - n);
	memcpy(line + n, msg, k);
	n += k;
	line[n++] = '\n';
	__vk_fwrite(stderr, line, n);
}
