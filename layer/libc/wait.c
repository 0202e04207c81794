/*
 * wait.c: wait, in terms of the layer's waitpid.
 */
#include <sys/wait.h>

pid_t
wait(int *status)
{
	return waitpid(-1, status, 0);
}
