/*
 * vkernel/check_vkernel.c: unit tests for the virtual kernel's pieces that
 * need no guest program: the generated dispatch table, the int 0x81 gate's
 * message validation and reply (driven through a real CPU's registers), the
 * guest address space and its copy helpers, path confinement under a guest
 * root, and the host-to-guest errno conversion.
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cpu/cpu.h"
#include "loader/loader.h"
#include "vkernel/kernel.h"
#include "vkernel/sysent.h"
#include "vkernel/vk_elist.h"

/* ---- the generated table ---- */

START_TEST(every_table_slot_is_filled_and_consistent)
{
	ck_assert_ptr_null(vk_sysent[0].call);
	for (int i = 0; i < VK_SYS_NSLOTS; i++) {
		const struct vk_sysent *e = &vk_sysent[i];

		ck_assert_ptr_nonnull(e->name);
		if (e->call == NULL)
			continue;
		ck_assert_int_ge(e->msgsize, (int)sizeof(struct vk_msghdr));
		ck_assert_int_le(e->msgsize, VK_MSG_MAX);
		ck_assert_int_eq(e->msgsize % 8, 0);
		ck_assert_int_le(e->outoff, e->msgsize);
		for (int j = 0; j < e->nfields; j++) {
			const struct vk_sysarg *a = &e->args[j];

			ck_assert_int_ge(a->offset, 32);
			ck_assert_int_le(a->offset + 4, e->msgsize);
			ck_assert_int_eq(a->out, j >= e->nin);
			if (a->type == VK_T_INBUF || a->type == VK_T_OUTBUF) {
				ck_assert_int_ge(a->lenarg, 0);
				ck_assert_int_lt(a->lenarg, e->nin);
				ck_assert_int_eq(e->args[a->lenarg].type, VK_T_SIZE);
			}
		}
	}
}
END_TEST

START_TEST(table_names_match_command_numbers)
{
	ck_assert_str_eq(vk_sysent[VK_SYS_write].name, "write");
	ck_assert_str_eq(vk_sysent[VK_SYS_exit].name, "exit");
	ck_assert_str_eq(vk_sysent[VK_SYS_clock_gettime].name, "clock_gettime");
	ck_assert_int_eq(vk_sysent[VK_SYS_clock_gettime].outoff,
	    (int)__builtin_offsetof(struct vk_msg_clock_gettime, sec));
	ck_assert_int_eq(vk_sysent[VK_SYS_lseek].args[1].offset % 8, 0);	/* 64-bit field aligned */
}
END_TEST

/* ---- a bare process: a CPU and an address space, no program ---- */

#define MSG	0x00100000u
#define RO	0x00200000u

static struct vk_kernel kern;
static struct vk_proc *proc;

static void
proc_setup(void)
{
	char err[256];

	memset(&kern, 0, sizeof(kern));
	kern.next_pid = 1;
	kern.opt.kernel_abi = 1;	/* wire numbers = identities (VK_SYS_*), but pread */
	proc = calloc(1, sizeof(*proc));
	proc->k = &kern;
	proc->pid = 1;
	proc->name = strdup("test");
	proc->fs.rootfd = -1;
	proc->cpu = cpu_new(vk_gate, proc, err, sizeof(err));
	ck_assert_msg(proc->cpu != NULL, "%s", err);
	ck_assert_int_eq(vk_vm_init(&proc->vm, proc->cpu), 0);
	ck_assert_int_eq(vk_vm_map(&proc->vm, MSG, VK_PAGE, VK_PROT_READ | VK_PROT_WRITE), 0);
	ck_assert_int_eq(vk_vm_map(&proc->vm, RO, VK_PAGE, VK_PROT_READ), 0);
	ck_assert_int_eq(vk_fd_init(&proc->fds), 0);
}

static void
proc_teardown(void)
{
	vk_proc_free(proc);
	proc = NULL;
}

/* Issue int 0x81 with the given registers, as the CPU hook would, and return eax. */
static uint32_t
gate(uint32_t eax, uint32_t ecx, uint32_t edx)
{
	struct cpu_regs r = { .eax = eax, .ecx = ecx, .edx = edx };

	cpu_regs_set(proc->cpu, &r);
	vk_gate(proc, proc->cpu, VK_GATE_VECTOR);
	cpu_regs_get(proc->cpu, &r);
	return r.eax;
}

static void
put_msg(uint32_t addr, const void *m, uint32_t size)
{
	ck_assert_int_eq(vk_host_write(&proc->vm, addr, m, size), 0);
}

static void
get_msg(uint32_t addr, void *m, uint32_t size)
{
	ck_assert_int_eq(vk_copyin(&proc->vm, m, addr, size), 0);
}

/* Kernel ABI 2 renumbers commands: a message is known by its wire number
 * in the ABI the kernel speaks, and an old number means nothing there. */
START_TEST(each_kernel_abi_has_its_own_wire_numbers)
{
	struct vk_msg_write m = { .hdr = { .ms_cmd = VK_SYS_write, .ms_size = sizeof(m) }, .fd = 1,
	    .buf = MSG + 64, .count = 0 };

	ck_assert_uint_eq(vk_sys_cmd(&kern, VK_SYS_write), VK_SYS_write);
	ck_assert_uint_eq(vk_sys_cmd(&kern, VK_SYS_pread), 0);		/* ABI 1 has no pread */
	kern.opt.kernel_abi = 2;
	ck_assert_uint_eq(vk_sys_cmd(&kern, 203), VK_SYS_write);
	ck_assert_uint_eq(vk_sys_wire(&kern, VK_SYS_write), 203);
	ck_assert_uint_eq(vk_sys_cmd(&kern, VK_SYS_stat), 0);		/* dropped */
	ck_assert_uint_eq(vk_sys_cmd(&kern, VK_SYS_pread), VK_SYS_pread);
	put_msg(MSG, &m, sizeof(m));
	ck_assert_uint_eq(gate(0, MSG, sizeof(m)), VK_ENOSYS);		/* 3 is not write in ABI 2 */
	m.hdr.ms_cmd = 203;
	put_msg(MSG, &m, sizeof(m));
	ck_assert_uint_eq(gate(0, MSG, sizeof(m)), 0);
	get_msg(MSG, &m, sizeof(m));
	ck_assert_uint_eq(m.hdr.ms_cmd, 203);				/* the reply keeps the wire number */
	ck_assert(m.hdr.ms_flags & MSGF_DONE);
}
END_TEST

/* What statel's list holds is the kernel ABI's: ABI 1 starts with the
 * device and sends a 4-byte inode; ABI 2 starts with the mode and sends
 * 8 bytes; both decode to the same stat. */
START_TEST(statel_lists_differ_between_kernel_abis)
{
	struct vk_msg_statel m = { .hdr = { .ms_cmd = VK_SYS_statel, .ms_size = sizeof(m) },
	    .dirfd = -100, .path = MSG + 256, .flags = 0, .buf = MSG + 512, .size = 256 };
	struct vk_el_stat st1, st2;
	uint8_t list[256];
	struct vk_el e;
	uint32_t off;

	ck_assert_int_eq(vk_fs_init(&proc->fs, "/"), 0);
	put_msg(MSG + 256, "/", 2);
	for (uint32_t abi = 1; abi <= 2; abi++) {
		kern.opt.kernel_abi = abi;
		put_msg(MSG, &m, sizeof(m));
		ck_assert_uint_eq(gate(0, MSG, sizeof(m)), 0);
		get_msg(MSG, &m, sizeof(m));
		get_msg(MSG + 512, list, (uint32_t)m.hdr.ms_result);
		off = 0;
		ck_assert_int_eq(vk_el_next(list, (uint32_t)m.hdr.ms_result, &off, &e), 1);
		ck_assert_uint_eq(e.tag, abi == 1 ? VK_EL_ST_DEV : VK_EL_ST_MODE);
		while (e.tag != VK_EL_ST_INO)
			ck_assert_int_eq(vk_el_next(list, (uint32_t)m.hdr.ms_result, &off, &e), 1);
		ck_assert_uint_eq(e.len, abi == 1 ? 4 : 8);
		ck_assert_int_eq(vk_el_stat_decode(list, (uint32_t)m.hdr.ms_result, abi == 1 ? &st1 : &st2), 0);
	}
	ck_assert_uint_eq(st1.ino, st2.ino);
	ck_assert_uint_eq(st1.mode, st2.mode);
	ck_assert(S_ISDIR(st1.mode));
	vk_fs_free(&proc->fs);
	proc->fs.rootfd = -1;
}
END_TEST

/* The other lists: a directory entry's inode is 4 bytes in kernel ABI 1
 * and 8 in ABI 2; only ABI 2's process information counts messages. */
START_TEST(direl_and_procinfo_differ_between_kernel_abis)
{
	struct vk_msg_open o = { .hdr = { .ms_cmd = VK_SYS_open, .ms_size = sizeof(o) }, .path = MSG + 256,
	    .flags = 0200000 };	/* O_DIRECTORY */
	struct vk_msg_direl d = { .hdr = { .ms_cmd = VK_SYS_direl, .ms_size = sizeof(d) },
	    .buf = MSG + 512, .size = 1024 };
	struct vk_msg_procinfo pi = { .hdr = { .ms_cmd = VK_SYS_procinfo, .ms_size = sizeof(pi) },
	    .pid = 0, .buf = MSG + 512, .size = 1024 };
	uint8_t list[1024];
	struct vk_el e;
	uint32_t off;
	int fd, msgs;

	ck_assert_int_eq(vk_fs_init(&proc->fs, "/"), 0);
	put_msg(MSG + 256, "/", 2);
	kern.procs = proc;
	for (uint32_t abi = 1; abi <= 2; abi++) {
		kern.opt.kernel_abi = abi;
		o.hdr.ms_cmd = vk_sys_wire(&kern, VK_SYS_open);
		put_msg(MSG, &o, sizeof(o));
		ck_assert_uint_eq(gate(0, MSG, sizeof(o)), 0);
		get_msg(MSG, &o, sizeof(o));
		fd = (int)o.hdr.ms_result;
		d.fd = fd;
		put_msg(MSG, &d, sizeof(d));
		ck_assert_uint_eq(gate(0, MSG, sizeof(d)), 0);
		get_msg(MSG, &d, sizeof(d));
		ck_assert_int_gt(d.hdr.ms_result, 0);
		get_msg(MSG + 512, list, (uint32_t)d.hdr.ms_result);
		off = 0;
		do
			ck_assert_int_eq(vk_el_next(list, (uint32_t)d.hdr.ms_result, &off, &e), 1);
		while (e.tag != VK_EL_DE_INO);
		ck_assert_uint_eq(e.len, abi == 1 ? 4 : 8);
		ck_assert_int_eq(vk_fd_close(&proc->fds, fd), 0);
		put_msg(MSG, &pi, sizeof(pi));
		ck_assert_uint_eq(gate(0, MSG, sizeof(pi)), 0);
		get_msg(MSG, &pi, sizeof(pi));
		get_msg(MSG + 512, list, (uint32_t)pi.hdr.ms_result);
		off = 0;
		msgs = 0;
		while (vk_el_next(list, (uint32_t)pi.hdr.ms_result, &off, &e) > 0)
			msgs += e.tag == VK_EL_PI_MSGS;
		ck_assert_int_eq(msgs, abi == 2);
	}
	kern.procs = NULL;
	vk_fs_free(&proc->fs);
	proc->fs.rootfd = -1;
}
END_TEST

START_TEST(getpid_message_is_answered_in_place)
{
	struct vk_msg_getpid m = { .hdr = { .ms_cmd = VK_SYS_getpid, .ms_size = sizeof(m), .ms_id = 77 } };

	put_msg(MSG, &m, sizeof(m));
	ck_assert_uint_eq(gate(0, MSG, sizeof(m)), 0);
	get_msg(MSG, &m, sizeof(m));
	ck_assert_int_eq(m.hdr.ms_error, 0);
	ck_assert_int_eq(m.hdr.ms_result, 1);
	ck_assert_uint_eq(m.hdr.ms_flags & MSGF_DONE, MSGF_DONE);
	ck_assert_uint_eq(m.hdr.ms_id, 77);
	ck_assert_uint_eq(proc->stats.msgs[VK_SYS_getpid], 1);
}
END_TEST

START_TEST(outputs_are_written_into_the_message)
{
	struct vk_msg_clock_gettime m = { .hdr = { .ms_cmd = VK_SYS_clock_gettime, .ms_size = sizeof(m) },
		.clock = VK_CLOCK_REALTIME, .sec = -5, .nsec = -5 };

	put_msg(MSG, &m, sizeof(m));
	ck_assert_uint_eq(gate(0, MSG, sizeof(m)), 0);
	get_msg(MSG, &m, sizeof(m));
	ck_assert_int_gt(m.sec, 1577836800);	/* after 2020 */
	ck_assert_int_ge(m.nsec, 0);
	ck_assert_int_lt(m.nsec, 1000000000);
}
END_TEST

START_TEST(failed_call_reports_errno_in_eax_and_message)
{
	struct vk_msg_clock_gettime m = { .hdr = { .ms_cmd = VK_SYS_clock_gettime, .ms_size = sizeof(m) },
		.clock = 99, .sec = 42 };

	put_msg(MSG, &m, sizeof(m));
	ck_assert_uint_eq(gate(0, MSG, sizeof(m)), VK_EINVAL);
	get_msg(MSG, &m, sizeof(m));
	ck_assert_int_eq(m.hdr.ms_error, VK_EINVAL);
	ck_assert_int_eq(m.hdr.ms_result, -1);
	ck_assert_int_eq(m.sec, 42);		/* outputs untouched on error */
}
END_TEST

START_TEST(unknown_command_is_enosys)
{
	struct vk_msghdr h = { .ms_cmd = 200, .ms_size = sizeof(h) };

	put_msg(MSG, &h, sizeof(h));
	ck_assert_uint_eq(gate(0, MSG, sizeof(h)), VK_ENOSYS);
	get_msg(MSG, &h, sizeof(h));
	ck_assert_int_eq(h.ms_error, VK_ENOSYS);
	ck_assert_uint_eq(h.ms_flags & MSGF_DONE, MSGF_DONE);
	h.ms_cmd = 0;
	put_msg(MSG, &h, sizeof(h));
	ck_assert_uint_eq(gate(0, MSG, sizeof(h)), VK_ENOSYS);
	h.ms_cmd = 0xffffffffu;
	put_msg(MSG, &h, sizeof(h));
	ck_assert_uint_eq(gate(0, MSG, sizeof(h)), VK_ENOSYS);
}
END_TEST

START_TEST(gate_refuses_bad_sizes_and_pointers)
{
	struct vk_msghdr h = { .ms_cmd = VK_SYS_getpid, .ms_size = 8 };

	put_msg(MSG, &h, sizeof(h));
	ck_assert_uint_eq(gate(0, MSG, 8), VK_EINVAL);			/* smaller than a header */
	ck_assert_uint_eq(gate(0, MSG, VK_MSG_MAX + 8), VK_EINVAL);	/* too large */
	ck_assert_uint_eq(gate(0, MSG, 0xffffffffu), VK_EINVAL);
	ck_assert_uint_eq(gate(0, 0x00000010u, 32), VK_EFAULT);		/* unmapped */
	ck_assert_uint_eq(gate(0, MSG + VK_PAGE - 16, 32), VK_EFAULT);	/* runs off the page */
	ck_assert_uint_eq(gate(0, RO, 32), VK_EFAULT);			/* cannot be replied to */
	ck_assert_uint_eq(gate(0, 0xfffffff0u, 32), VK_EFAULT);		/* wraps */
	h.ms_size = 40;							/* disagrees with edx */
	put_msg(MSG, &h, sizeof(h));
	ck_assert_uint_eq(gate(0, MSG, 32), VK_EINVAL);
	ck_assert_uint_eq(proc->stats.gate_refused, 8);
	ck_assert_uint_eq(proc->stats.msgs[VK_SYS_getpid], 0);
}
END_TEST

START_TEST(reserved_flags_are_refused)
{
	struct vk_msg_getpid m = { .hdr = { .ms_cmd = VK_SYS_getpid, .ms_size = sizeof(m), .ms_flags = 0x100 } };

	put_msg(MSG, &m, sizeof(m));
	ck_assert_uint_eq(gate(0, MSG, sizeof(m)), VK_EINVAL);
	m.hdr.ms_flags = MSGF_ASYNC | MSGF_DONE;	/* a reused message: fine */
	put_msg(MSG, &m, sizeof(m));
	ck_assert_uint_eq(gate(0, MSG, sizeof(m)), 0);
	get_msg(MSG, &m, sizeof(m));
	ck_assert_uint_eq(m.hdr.ms_flags, MSGF_ASYNC | MSGF_DONE);
}
END_TEST

START_TEST(short_message_for_its_command_is_einval)
{
	struct vk_msg_write m = { .hdr = { .ms_cmd = VK_SYS_write, .ms_size = 40 }, .fd = 1 };

	put_msg(MSG, &m, sizeof(m));
	ck_assert_uint_eq(gate(0, MSG, 40), VK_EINVAL);
}
END_TEST

START_TEST(write_with_a_bad_buffer_is_efault)
{
	struct vk_msg_write m = { .hdr = { .ms_cmd = VK_SYS_write, .ms_size = sizeof(m) },
		.fd = 1, .buf = 0x10, .count = 4 };

	put_msg(MSG, &m, sizeof(m));
	ck_assert_uint_eq(gate(0, MSG, sizeof(m)), VK_EFAULT);
	m.buf = MSG + VK_PAGE - 2;	/* straddles into unmapped memory */
	put_msg(MSG, &m, sizeof(m));
	ck_assert_uint_eq(gate(0, MSG, sizeof(m)), VK_EFAULT);
	m.fd = 555;
	put_msg(MSG, &m, sizeof(m));
	ck_assert_uint_eq(gate(0, MSG, sizeof(m)), VK_EBADF);
}
END_TEST

START_TEST(read_into_read_only_memory_is_efault)
{
	struct vk_msg_read m = { .hdr = { .ms_cmd = VK_SYS_read, .ms_size = sizeof(m) },
		.fd = 0, .buf = RO, .count = 4 };

	put_msg(MSG, &m, sizeof(m));
	ck_assert_uint_eq(gate(0, MSG, sizeof(m)), VK_EFAULT);
}
END_TEST

START_TEST(waitsys_and_flushsys)
{
	struct vk_msg_getpid m = { .hdr = { .ms_cmd = VK_SYS_getpid, .ms_size = sizeof(m) } };

	put_msg(MSG, &m, sizeof(m));
	ck_assert_uint_eq(gate(0, MSG, 0), VK_EDEADLK);	/* never sent: nothing will complete it */
	ck_assert_uint_eq(gate(0, MSG, sizeof(m)), 0);
	ck_assert_uint_eq(gate(0, MSG, 0), 0);		/* done */
	ck_assert_uint_eq(gate(0, 0x10, 0), VK_EFAULT);
	ck_assert_uint_eq(gate(0, 0, 0), 0);		/* flushsys */
	ck_assert_uint_eq(proc->stats.waits, 3);
	ck_assert_uint_eq(proc->stats.flushes, 1);
}
END_TEST

/* ---- address space ---- */

START_TEST(adjacent_equal_regions_coalesce_and_split)
{
	struct vk_vm *vm = &proc->vm;
	int base = vm->nreg;

	ck_assert_int_eq(vk_vm_map(vm, 0x01000000, 2 * VK_PAGE, VK_PROT_READ | VK_PROT_WRITE), 0);
	ck_assert_int_eq(vk_vm_map(vm, 0x01002000, 2 * VK_PAGE, VK_PROT_READ | VK_PROT_WRITE), 0);
	ck_assert_int_eq(vm->nreg, base + 1);
	ck_assert_int_eq(vk_vm_map(vm, 0x01001000, VK_PAGE, VK_PROT_READ), 0);
	ck_assert_int_eq(vm->nreg, base + 3);
	ck_assert_int_eq(vk_vm_unmap(vm, 0x01001000, VK_PAGE), 0);
	ck_assert_int_eq(vm->nreg, base + 2);
	ck_assert(vk_vm_is_free(vm, 0x01001000, VK_PAGE));
	ck_assert(!vk_vm_is_free(vm, 0x01000000, 2 * VK_PAGE));
	ck_assert_ptr_null(vk_guest_ptr(vm, 0x01000ff0, 32, VK_ACC_READ));
	ck_assert_int_eq(vk_vm_map(vm, 0x01001000, VK_PAGE, VK_PROT_READ | VK_PROT_WRITE), 0);
	ck_assert_int_eq(vm->nreg, base + 1);
	ck_assert_ptr_nonnull(vk_guest_ptr(vm, 0x01000ff0, 0x2000, VK_ACC_WRITE));
}
END_TEST

START_TEST(new_mappings_are_zero_filled)
{
	struct vk_vm *vm = &proc->vm;
	uint32_t v = 0xabcdef01, got = 1;

	ck_assert_int_eq(vk_vm_map(vm, 0x02000000, VK_PAGE, VK_PROT_READ | VK_PROT_WRITE), 0);
	ck_assert_int_eq(vk_copyout(vm, 0x02000010, &v, 4), 0);
	ck_assert_int_eq(vk_vm_map(vm, 0x02000000, VK_PAGE, VK_PROT_READ | VK_PROT_WRITE), 0);
	ck_assert_int_eq(vk_copyin(vm, &got, 0x02000010, 4), 0);
	ck_assert_uint_eq(got, 0);
}
END_TEST

START_TEST(copy_helpers_check_every_byte)
{
	struct vk_vm *vm = &proc->vm;
	char s[16];

	ck_assert_int_eq(vk_copyout(vm, RO, "x", 1), VK_EFAULT);
	ck_assert_int_eq(vk_copyin(vm, s, RO, 8), 0);
	ck_assert_int_eq(vk_copyin(vm, s, RO + VK_PAGE - 4, 8), VK_EFAULT);
	ck_assert_int_eq(vk_host_write(vm, MSG, "abc", 4), 0);
	ck_assert_int_eq(vk_copyinstr(vm, s, MSG, sizeof(s)), 0);
	ck_assert_str_eq(s, "abc");
	ck_assert_int_eq(vk_copyinstr(vm, s, MSG, 3), VK_ENAMETOOLONG);
	/* A string running off the end of mapped memory. */
	memset(s, 'z', sizeof(s));
	ck_assert_int_eq(vk_host_write(vm, MSG + VK_PAGE - 4, s, 4), 0);
	ck_assert_int_eq(vk_copyinstr(vm, s, MSG + VK_PAGE - 4, sizeof(s)), VK_EFAULT);
	ck_assert_int_eq(vk_copyinstr(vm, s, 0xfffffffeu, sizeof(s)), VK_EFAULT);
}
END_TEST

/* The code id names the executable bytes: it changes with them, and only
 * with them (cpu_set_code_id lets a later life reuse code translated from
 * bytes with the same id, so a change it missed would run stale code). */
START_TEST(the_code_id_changes_with_executable_bytes_only)
{
	struct vk_vm *vm = &proc->vm;
	uint64_t id;

	ck_assert_int_eq(vk_vm_map(vm, 0x04000000, 2 * VK_PAGE, VK_PROT_READ | VK_PROT_EXEC), 0);
	id = vm->code_id;
	ck_assert_uint_ne(id, 0);
	/* Data: mapping, writing, protecting, unmapping it changes nothing. */
	ck_assert_int_eq(vk_vm_map(vm, 0x04100000, VK_PAGE, VK_PROT_READ | VK_PROT_WRITE), 0);
	ck_assert_int_eq(vk_host_write(vm, 0x04100000, "data", 4), 0);
	ck_assert_int_eq(vk_copyout(vm, MSG, "data", 4), 0);
	ck_assert_int_eq(vk_vm_protect(vm, 0x04100000, VK_PAGE, VK_PROT_READ), 0);
	ck_assert_int_eq(vk_vm_unmap(vm, 0x04100000, VK_PAGE), 0);
	ck_assert_uint_eq(vm->code_id, id);
	/* Code: a host write, a protection change, an unmap, a new mapping. */
	ck_assert_int_eq(vk_host_write(vm, 0x04000010, "\x90", 1), 0);
	ck_assert_uint_ne(vm->code_id, id);
	id = vm->code_id;
	ck_assert_int_eq(vk_vm_protect(vm, 0x04001000, VK_PAGE, VK_PROT_READ | VK_PROT_WRITE | VK_PROT_EXEC), 0);
	ck_assert_uint_ne(vm->code_id, id);
	id = vm->code_id;
	ck_assert_int_eq(vk_vm_unmap(vm, 0x04001000, VK_PAGE), 0);
	ck_assert_uint_ne(vm->code_id, id);
	id = vm->code_id;
	ck_assert_int_eq(vk_vm_map(vm, 0x04200000, VK_PAGE, VK_PROT_READ | VK_PROT_EXEC), 0);
	ck_assert_uint_ne(vm->code_id, id);
	id = vm->code_id;
	vk_vm_code_changed(vm, 0x04200000, VK_PAGE);
	ck_assert_uint_ne(vm->code_id, id);
	id = vm->code_id;
	vk_vm_code_changed(vm, MSG, VK_PAGE);	/* not code */
	ck_assert_uint_eq(vm->code_id, id);
}
END_TEST

START_TEST(find_free_goes_top_down_and_skips_mappings)
{
	struct vk_vm *vm = &proc->vm;
	uint32_t a = vk_vm_find_free(vm, 2 * VK_PAGE, 0x03000000, 0x03010000);

	ck_assert_uint_eq(a, 0x0300e000);
	ck_assert_int_eq(vk_vm_map(vm, 0x0300c000, 0x4000, VK_PROT_READ), 0);
	ck_assert_uint_eq(vk_vm_find_free(vm, 2 * VK_PAGE, 0x03000000, 0x03010000), 0x0300a000);
	ck_assert_uint_eq(vk_vm_find_free(vm, 0x10000, 0x03000000, 0x03010000), 0);
}
END_TEST

/* ---- paths ---- */

static char rootdir[PATH_MAX], outside[PATH_MAX];
static struct vk_fs fs;

static void
write_file(const char *dir, const char *name, const char *text)
{
	char p[PATH_MAX * 2];
	int fd;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

static void
path_setup(void)
{
	char tmpl[] = "/tmp/vkpathXXXXXX", p[PATH_MAX * 2];
	char *top = mkdtemp(tmpl);

	ck_assert_ptr_nonnull(top);
	snprintf(rootdir, sizeof(rootdir), "%s/root", top);
	snprintf(outside, sizeof(outside), "%s", top);
	ck_assert_int_eq(mkdir(rootdir, 0755), 0);
	write_file(outside, "secret", "outside\n");
	write_file(rootdir, "inside", "inside\n");
	snprintf(p, sizeof(p), "%s/sub", rootdir);
	ck_assert_int_eq(mkdir(p, 0755), 0);
	snprintf(p, sizeof(p), "%s/up", rootdir);
	ck_assert_int_eq(symlink("../..", p), 0);
	snprintf(p, sizeof(p), "%s/abs", rootdir);
	ck_assert_int_eq(symlink(outside, p), 0);
	snprintf(p, sizeof(p), "%s/sub/back", rootdir);
	ck_assert_int_eq(symlink("/inside", p), 0);
	ck_assert_int_eq(vk_fs_init(&fs, rootdir), 0);
}

static void
path_teardown(void)
{
	char cmd[PATH_MAX + 16];

	vk_fs_free(&fs);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", outside);
	ck_assert_int_eq(system(cmd), 0);
}

static const char *
read_path(const char *path)
{
	static char buf[64];
	int fd, e = vk_fs_open(&fs, path, O_RDONLY, 0, &fd);
	ssize_t n;

	if (e != 0)
		return vk_errno_name(e);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n < 0 ? 0 : n] = '\0';
	return buf;
}

START_TEST(paths_resolve_inside_the_root)
{
	ck_assert_str_eq(read_path("/inside"), "inside\n");
	ck_assert_str_eq(read_path("inside"), "inside\n");	/* cwd is / (host cwd is outside) */
	ck_assert_str_eq(read_path("/sub/../inside"), "inside\n");
	ck_assert_str_eq(read_path("sub/back"), "inside\n");	/* absolute link, re-rooted */
	ck_assert_str_eq(read_path(""), "ENOENT");
}
END_TEST

START_TEST(dotdot_stops_at_the_root)
{
	ck_assert_str_eq(read_path("/../secret"), "ENOENT");
	ck_assert_str_eq(read_path("../../../../secret"), "ENOENT");
	ck_assert_str_eq(read_path("/../../inside"), "inside\n");
}
END_TEST

START_TEST(symlinks_cannot_escape)
{
	ck_assert_str_eq(read_path("up/secret"), "ENOENT");
	ck_assert_str_eq(read_path("up/inside"), "inside\n");	/* ../.. clamps at the root */
	ck_assert_str_eq(read_path("abs/secret"), "ENOENT");
}
END_TEST

START_TEST(magic_proc_links_are_refused)
{
	/* /proc/self/root would lead back to the host's real root from any guest root. */
	ck_assert_str_eq(read_path("/inside"), "inside\n");
	vk_fs_free(&fs);
	ck_assert_int_eq(vk_fs_init(&fs, "/"), 0);
	ck_assert_str_eq(read_path("/proc/self/root/etc/hostname"), "ELOOP");
	ck_assert_str_eq(read_path("/proc/self/cwd/x"), "ELOOP");
}
END_TEST

START_TEST(parent_lookup_splits_the_last_component)
{
	char name[NAME_MAX + 1], longp[VK_PATH_MAX + 10];
	int dirfd;

	ck_assert_int_eq(vk_fs_parent(&fs, "sub/newdir/", &dirfd, name), 0);
	ck_assert_str_eq(name, "newdir");
	ck_assert_int_eq(mkdirat(dirfd, name, 0755), 0);
	close(dirfd);
	ck_assert_int_eq(vk_fs_parent(&fs, "/", &dirfd, name), 0);
	ck_assert_str_eq(name, ".");
	close(dirfd);
	ck_assert_int_eq(vk_fs_parent(&fs, "up/../../x", &dirfd, name), 0);
	ck_assert_str_eq(name, "x");
	ck_assert_int_eq(mkdirat(dirfd, name, 0755), 0);	/* lands inside the root */
	close(dirfd);
	ck_assert_int_eq(vk_fs_open(&fs, "/x", O_RDONLY | O_DIRECTORY, 0, &dirfd), 0);
	close(dirfd);
	ck_assert_int_eq(vk_fs_parent(&fs, "nope/x", &dirfd, name), VK_ENOENT);
	memset(longp, 'a', sizeof(longp) - 1);
	longp[sizeof(longp) - 1] = '\0';
	ck_assert_int_eq(vk_fs_parent(&fs, longp, &dirfd, name), VK_ENAMETOOLONG);
	ck_assert_int_eq(vk_fs_open(&fs, longp, O_RDONLY, 0, &dirfd), VK_ENAMETOOLONG);
}
END_TEST

/* ---- the layer: image selection, mapping, stub filling ---- */

#define STUBS	0x00300000u

static char layerdir[PATH_MAX];

static void
layer_setup(void)
{
	const char *img = getenv("VK_TEST_LAYER_IMAGE");
	char *slash;

	ck_assert_msg(img != NULL, "VK_TEST_LAYER_IMAGE is not set");
	snprintf(layerdir, sizeof(layerdir), "%s", img);
	slash = strrchr(layerdir, '/');
	ck_assert_ptr_nonnull(slash);
	*slash = '\0';
	proc_setup();
	kern.opt.layer_dir = layerdir;
	kern.opt.kernel_abi = 1;
}

static void
layer_teardown(void)
{
	proc_teardown();
	vk_layers_free(&kern);
}

START_TEST(stub_slots_jump_to_the_layer_entries)
{
	struct ld_image prog = { .native = 1, .abi = 1, .stubs = STUBS };
	unsigned char page[VK_STUB_SIZE];
	uint32_t entries[VK_STUB_MAX];
	char err[256];
	const struct ld_layer *l;

	ck_assert_msg(vk_layer_attach(proc, &prog, err, sizeof(err)) == 0, "%s", err);
	l = proc->layer;
	ck_assert_ptr_nonnull(l);
	ck_assert_int_eq(vk_copyin(&proc->vm, page, STUBS, sizeof(page)), 0);
	ck_assert_int_eq(vk_copyin(&proc->vm, entries, l->slots, 4 * l->nslots), 0);
	for (uint32_t i = 0; i < l->nslots; i++) {
		int32_t rel;

		ck_assert_uint_eq(page[i * VK_STUB_SLOT], 0xe9);
		memcpy(&rel, &page[i * VK_STUB_SLOT + 1], 4);
		ck_assert_uint_eq(STUBS + i * VK_STUB_SLOT + 5 + (uint32_t)rel, entries[i]);
		ck_assert_uint_ge(entries[i], VK_LAYER_MIN);
		ck_assert_uint_lt(entries[i], VK_LAYER_MAX);
		ck_assert_uint_eq(page[i * VK_STUB_SLOT + 5], 0xcc);
	}
	for (uint32_t i = l->nslots * VK_STUB_SLOT; i < VK_STUB_SIZE; i++)
		ck_assert_uint_eq(page[i], 0xcc);
}
END_TEST

START_TEST(stub_page_and_shared_page_are_read_only)
{
	struct ld_image prog = { .native = 1, .abi = 1, .stubs = STUBS };
	char err[256];
	uint32_t v = 0;

	ck_assert_msg(vk_layer_attach(proc, &prog, err, sizeof(err)) == 0, "%s", err);
	ck_assert_int_eq(vk_copyout(&proc->vm, STUBS, &v, 4), VK_EFAULT);
	ck_assert_int_eq(vk_copyout(&proc->vm, VK_SHARED_ADDR, &v, 4), VK_EFAULT);
	ck_assert_int_eq(vk_copyout(&proc->vm, proc->layer->slots, &v, 4), VK_EFAULT);
	ck_assert_ptr_nonnull(vk_guest_ptr(&proc->vm, STUBS, VK_STUB_SIZE, VK_ACC_READ));
}
END_TEST

START_TEST(tls_block_holds_errno_and_private_pointers)
{
	struct ld_image prog = { .native = 1, .abi = 1, .stubs = STUBS };
	uint32_t base, limit, w[0x28 / 4];
	int pages, present;
	char err[256];

	ck_assert_msg(vk_layer_attach(proc, &prog, err, sizeof(err)) == 0, "%s", err);
	ck_assert_int_eq(cpu_get_tls(proc->cpu, VK_TLS_GDT_ENTRY, &base, &limit, &pages, &present), 0);
	ck_assert_uint_eq(base, VK_TLS_ADDR);
	ck_assert_int_eq(present, 1);
	ck_assert_uint_eq(proc->gs, CPU_SEL(VK_TLS_GDT_ENTRY, 3));
	ck_assert_int_eq(vk_copyin(&proc->vm, w, VK_TLS_ADDR, sizeof(w)), 0);
	ck_assert_uint_eq(w[VK_TLS_SELF / 4], VK_TLS_ADDR);
	ck_assert_uint_eq(w[VK_TLS_ERRNO / 4], VK_TLS_ADDR + VK_TLS_ERRNO_SLOT);
	ck_assert_uint_eq(w[VK_TLS_PRIVATE / 4], VK_SHARED_ADDR);
	for (int i = 1; i < VK_TLS_ERRNO / 4; i++)
		ck_assert_uint_eq(w[i], 0);	/* 0x04-0x1c stay free for the C library */
}
END_TEST

START_TEST(shared_page_carries_identity_and_time)
{
	struct ld_image prog = { .native = 1, .abi = 1, .stubs = STUBS };
	struct vk_shared sh;
	struct timespec now;
	char err[256];

	kern.opt.uid = 1234;
	ck_assert_msg(vk_layer_attach(proc, &prog, err, sizeof(err)) == 0, "%s", err);
	ck_assert_int_eq(vk_copyin(&proc->vm, &sh, VK_SHARED_ADDR, sizeof(sh)), 0);
	ck_assert_uint_eq(sh.sh_version, VK_SHARED_VERSION);
	ck_assert_uint_eq(sh.sh_pid, 1);
	ck_assert_uint_eq(sh.sh_uid, 1234);
	ck_assert_uint_eq(sh.sh_seq % 2, 0);
	clock_gettime(CLOCK_REALTIME, &now);
	ck_assert_int_le(sh.sh_real_sec, now.tv_sec);
	ck_assert_int_ge(sh.sh_real_sec, now.tv_sec - 5);
	ck_assert_uint_lt(sh.sh_real_nsec, 1000000000u);
}
END_TEST

START_TEST(missing_abi_pair_names_what_is_available)
{
	struct ld_image prog = { .native = 1, .abi = 9, .stubs = STUBS };
	char err[512];

	ck_assert_int_eq(vk_layer_attach(proc, &prog, err, sizeof(err)), 126);
	ck_assert_msg(strstr(err, "no layer image for program ABI 9 on kernel ABI 1") != NULL, "%s", err);
	ck_assert_msg(strstr(err, "p1-k1") != NULL, "%s", err);
	ck_assert_ptr_null(proc->layer);
}
END_TEST

START_TEST(layer_dir_without_images_says_none)
{
	struct ld_image prog = { .native = 1, .abi = 1, .stubs = STUBS };
	char err[512];

	kern.opt.layer_dir = "/";
	ck_assert_int_eq(vk_layer_attach(proc, &prog, err, sizeof(err)), 126);
	ck_assert_msg(strstr(err, "(available in /: none)") != NULL, "%s", err);
}
END_TEST

/* ---- errno ---- */

START_TEST(host_errno_converts_to_guest_errno)
{
	ck_assert_int_eq(vk_errno_host(ENOENT), VK_ENOENT);
	ck_assert_int_eq(vk_errno_host(EAGAIN), VK_EAGAIN);
	ck_assert_int_eq(vk_errno_host(ENOTRECOVERABLE), VK_ENOTRECOVERABLE);
	ck_assert_int_eq(vk_errno_host(100000), VK_EIO);
	ck_assert_str_eq(vk_errno_name(VK_EFAULT), "EFAULT");
	ck_assert_str_eq(vk_errno_text(VK_ENOSYS), "Function not implemented");
	ck_assert_ptr_null(vk_errno_name(0));
	ck_assert_ptr_null(vk_errno_name(4000));
}
END_TEST

static Suite *
vkernel_suite(void)
{
	Suite *s = suite_create("vkernel");
	TCase *t;

	t = tcase_create("generated_table");
	tcase_add_test(t, every_table_slot_is_filled_and_consistent);
	tcase_add_test(t, table_names_match_command_numbers);
	suite_add_tcase(s, t);

	t = tcase_create("gate");
	tcase_add_test(t, each_kernel_abi_has_its_own_wire_numbers);
	tcase_add_checked_fixture(t, proc_setup, proc_teardown);
	tcase_add_test(t, getpid_message_is_answered_in_place);
	tcase_add_test(t, statel_lists_differ_between_kernel_abis);
	tcase_add_test(t, direl_and_procinfo_differ_between_kernel_abis);
	tcase_add_test(t, outputs_are_written_into_the_message);
	tcase_add_test(t, failed_call_reports_errno_in_eax_and_message);
	tcase_add_test(t, unknown_command_is_enosys);
	tcase_add_test(t, gate_refuses_bad_sizes_and_pointers);
	tcase_add_test(t, reserved_flags_are_refused);
	tcase_add_test(t, short_message_for_its_command_is_einval);
	tcase_add_test(t, write_with_a_bad_buffer_is_efault);
	tcase_add_test(t, read_into_read_only_memory_is_efault);
	tcase_add_test(t, waitsys_and_flushsys);
	suite_add_tcase(s, t);

	t = tcase_create("address_space");
	tcase_add_checked_fixture(t, proc_setup, proc_teardown);
	tcase_add_test(t, adjacent_equal_regions_coalesce_and_split);
	tcase_add_test(t, new_mappings_are_zero_filled);
	tcase_add_test(t, copy_helpers_check_every_byte);
	tcase_add_test(t, find_free_goes_top_down_and_skips_mappings);
	tcase_add_test(t, the_code_id_changes_with_executable_bytes_only);
	suite_add_tcase(s, t);

	t = tcase_create("path_confinement");
	tcase_add_checked_fixture(t, path_setup, path_teardown);
	tcase_add_test(t, paths_resolve_inside_the_root);
	tcase_add_test(t, dotdot_stops_at_the_root);
	tcase_add_test(t, symlinks_cannot_escape);
	tcase_add_test(t, magic_proc_links_are_refused);
	tcase_add_test(t, parent_lookup_splits_the_last_component);
	suite_add_tcase(s, t);

	t = tcase_create("layer");
	tcase_add_checked_fixture(t, layer_setup, layer_teardown);
	tcase_add_test(t, stub_slots_jump_to_the_layer_entries);
	tcase_add_test(t, stub_page_and_shared_page_are_read_only);
	tcase_add_test(t, tls_block_holds_errno_and_private_pointers);
	tcase_add_test(t, shared_page_carries_identity_and_time);
	tcase_add_test(t, missing_abi_pair_names_what_is_available);
	tcase_add_test(t, layer_dir_without_images_says_none);
	suite_add_tcase(s, t);

	t = tcase_create("errno");
	tcase_add_test(t, host_errno_converts_to_guest_errno);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(vkernel_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
