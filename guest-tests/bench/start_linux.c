/*
 * guest-tests/bench/start_linux.c: the smallest static Linux i386 program.
 * _start calls exit(0) through int $0x80 and nothing else runs: no libc.
 * Its vkrun twin is start_vk.c.
 */
void _start(void) __attribute__((noreturn));

void
_start(void)
{
	__asm__ volatile ("int $0x80" : : "a" (1), "b" (0) : "memory");	/* __NR_exit */
	for (;;)
		__asm__ volatile ("ud2");
}
