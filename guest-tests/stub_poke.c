/*
 * guest-tests/stub_poke.c: a helper for stub_faults.sh that pokes at its own
 * stub page (docs/abi.md section 6: the kernel maps it read+execute).
 *
 *   stub_poke write   stores a byte at the address of write()'s slot: the
 *                     process must die of SIGSEGV (exit 139)
 *   stub_poke exec    calls slot 500, past the layer's table, which the
 *                     kernel filled with int3: SIGTRAP (exit 133)
 *   stub_poke read    reads the first byte of write()'s slot, prints it
 *                     ("e9": the jmp) and exits 0: the control case
 *
 * Anything else: exit 2.  Nothing is printed before a poke, so the shell can
 * check that the guest did not run on past it.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

extern char __vk_stubs[];

int
main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	if (strcmp(argv[1], "write") == 0) {
		*(volatile char *)(void *)write = 0;
		puts("still alive after writing a stub slot");
	} else if (strcmp(argv[1], "exec") == 0) {
		((void (*)(void))(void *)(__vk_stubs + 8 * 500))();
		puts("still alive after calling slot 500");
	} else if (strcmp(argv[1], "read") == 0) {
		printf("%02x\n", *(volatile unsigned char *)(void *)write);
	} else {
		return 2;
	}
	return 0;
}
