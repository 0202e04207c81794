/*
 * guest-tests/bench/statel.c: what element lists cost stat (issue 7's
 * measure).  Built with vkcc and -DVK_KERNEL_ABI=1, run with --kernel-abi
 * 1 (the ABI that still has the raw-struct stat): N stat() calls through
 * the layer (the statel message, whose element list the layer decodes into
 * struct stat), and N calls of a stat made the old way (the raw-struct
 * stat message, its outputs copied into struct stat), interleaved in rounds
 * of 1000.  Prints "el NS raw NS" (total ns of each).
 * Usage: statel N PATH.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#include "vk_sysmsg.h"

static long long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* stat() as the layer made it before element lists: the raw-struct stat
 * message, whose outputs are copied into struct stat (what any libc's stat
 * wrapper does with a kernel's raw struct). */
__attribute__((noinline)) static int
raw_stat(const char *path, struct stat *st)
{
	struct vk_msg_stat m;
	unsigned int err;

	m.hdr = (struct vk_msghdr){ .ms_cmd = VK_SYS_stat, .ms_size = sizeof(m) };
	m.path = (unsigned int)path;
	__asm__ volatile("int $0x81" : "=a"(err) : "a"(0), "c"(&m), "d"(sizeof(m)) : "memory");
	if (err != 0)
		return -1;
	st->st_dev = (dev_t)m.dev;
	st->st_ino = (ino_t)m.ino;
	st->st_mode = m.mode;
	st->st_nlink = m.nlink;
	st->st_uid = m.uid;
	st->st_gid = m.gid;
	st->st_rdev = (dev_t)m.rdev;
	st->st_size = m.size;
	st->st_blksize = m.blksize;
	st->__pad0 = 0;
	st->st_blocks = m.blocks;
	st->st_atim.tv_sec = m.atime;
	st->st_atim.tv_nsec = m.atime_nsec;
	st->st_mtim.tv_sec = m.mtime;
	st->st_mtim.tv_nsec = m.mtime_nsec;
	st->st_ctim.tv_sec = m.ctime;
	st->st_ctim.tv_nsec = m.ctime_nsec;
	return 0;
}

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100000;
	const char *path = argc > 2 ? argv[2] : "/";
	long long el = 0, raw = 0, t;
	struct stat st;
	unsigned long long sum = 0;

	for (long done = 0; done < n; done += 1000) {
		t = now_ns();
		for (int i = 0; i < 1000; i++) {
			if (stat(path, &st) != 0) {
				perror("stat");
				return 1;
			}
			sum += (unsigned long long)st.st_size;
		}
		el += now_ns() - t;
		t = now_ns();
		for (int i = 0; i < 1000; i++) {
			if (raw_stat(path, &st) != 0) {
				fprintf(stderr, "statel: the raw stat message failed (kernel ABI 1 only)\n");
				return 1;
			}
			sum -= (unsigned long long)st.st_size;
		}
		raw += now_ns() - t;
	}
	if (sum != 0) {
		fprintf(stderr, "statel: the two paths disagree on the size\n");
		return 1;
	}
	printf("el %lld raw %lld\n", el, raw);
	return 0;
}
