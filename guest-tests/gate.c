/*
 * guest-tests/gate.c: the int 0x81 gate itself, driven with raw messages.
 *
 * This program is built with vkcc like the others, but it does not go through
 * the layer for what it tests: it issues int $0x81 itself (inline assembly)
 * with the generated message structs of vk_sysmsg.h, because the gate is what
 * it checks.  libc serves only memset, mmap and the CHECK output.
 *
 * Pins down the gate contract of vkernel/vk_abi.h:
 *  - a good message: eax 0, ms_error 0, ms_result set, ms_flags exactly
 *    MSGF_DONE, ms_id untouched, bytes past the command's struct untouched;
 *  - unknown commands (0, 200, one past the table, 0xffffffff): ENOSYS in eax
 *    and in ms_error, ms_result -1, MSGF_DONE set;
 *  - gate-level rejections answer in eax only and leave the message as it
 *    was: size below 32 or above 512 (EINVAL), ms_size != edx (EINVAL), a
 *    flag bit outside MSGF_* (EINVAL), a message in unmapped memory,
 *    running off the end of a mapping, or in read-only memory (EFAULT);
 *  - a message sent again unchanged after its reply (MSGF_DONE set) is
 *    answered again;
 *  - a message shorter than its command's struct is answered EINVAL (eax and
 *    ms_error); a longer one is fine (32 and 512 are both valid sizes);
 *  - an MSGF_ASYNC message completes (at once, or by waitsys); waitsys on a
 *    done message is 0, on a message that was never sent EDEADLK; flushsys
 *    with nothing held back is 0;
 *  - the gate changes eax and nothing else: ebx, ecx, edx, esi, edi, ebp, esp
 *    and the arithmetic and direction flags survive every kind of call.
 */
#include <stdint.h>
#include <sys/mman.h>

#include "check.h"
#include "vk_sysmsg.h"

/* The three gate calls, exactly as docs/abi.md section 1 describes them: eax
 * comes back as 0 or a guest errno, and the kernel writes the reply into the
 * message (hence the memory clobber). */
static int
sendsys(void *msg, uint32_t size)
{
	int ret;

	__asm__ volatile ("int $0x81" : "=a" (ret) : "a" (0), "c" (msg), "d" (size) : "memory");
	return ret;
}

static int
waitsys(void *msg)
{
	int ret;

	__asm__ volatile ("int $0x81" : "=a" (ret) : "a" (0), "c" (msg), "d" (0) : "memory");
	return ret;
}

static int
flushsys(void)
{
	int ret;

	__asm__ volatile ("int $0x81" : "=a" (ret) : "a" (0), "c" (0), "d" (0) : "memory");
	return ret;
}

#define SENTINEL_ERR	0x5a5a5a5a
#define SENTINEL_RES	0x1122334455667788LL

/* A buffer big enough for any message, 8-aligned. */
union msgbuf {
	struct vk_msghdr hdr;
	unsigned char	bytes[1024];
	uint64_t	align;
};

static union msgbuf mb;

/* Fill MB with a header for CMD that claims SIZE bytes, reply fields poisoned. */
static struct vk_msghdr *
prepare(uint32_t cmd, uint32_t size, uint32_t flags)
{
	memset(&mb, 0xcc, sizeof(mb));
	mb.hdr.ms_cmd = cmd;
	mb.hdr.ms_flags = flags;
	mb.hdr.ms_reply = 0;
	mb.hdr.ms_size = size;
	mb.hdr.ms_error = SENTINEL_ERR;
	mb.hdr.ms_id = 0xdeadbeef;
	mb.hdr.ms_result = SENTINEL_RES;
	return &mb.hdr;
}

/* The gate wrote nothing into H. */
static void
check_untouched(const struct vk_msghdr *h, uint32_t flags, int line)
{
	if (h->ms_flags != flags || h->ms_error != SENTINEL_ERR ||
	    h->ms_result != SENTINEL_RES || h->ms_id != 0xdeadbeef)
		check_failed(CHECK_FILE, line, "rejected message left untouched");
}

static void
good_message(void)
{
	struct vk_msghdr *h = prepare(VK_SYS_getpid, 32, 0);

	CHECK_EQ(sendsys(h, 32), 0);
	CHECK_EQ(h->ms_error, 0);
	CHECK_EQ(h->ms_result, 1);
	CHECK_EQ(h->ms_flags, MSGF_DONE);
	CHECK_EQ(h->ms_id, 0xdeadbeef);
	CHECK_EQ(h->ms_cmd, VK_SYS_getpid);
	CHECK_EQ(h->ms_size, 32);

	/* Longer than the struct: fine, and the tail is not written. */
	h = prepare(VK_SYS_clock_gettime, 512, 0);
	((struct vk_msg_clock_gettime *)h)->clock = VK_CLOCK_MONOTONIC;
	CHECK_EQ(sendsys(h, 512), 0);
	CHECK_EQ(h->ms_error, 0);
	CHECK_EQ(h->ms_result, 0);
	CHECK(((struct vk_msg_clock_gettime *)h)->nsec < 1000000000);
	for (uint32_t i = sizeof(struct vk_msg_clock_gettime); i < 512; i++)
		CHECK_EQ(mb.bytes[i], 0xcc);
}

static void
unknown_commands(void)
{
	static const uint32_t cmds[] = { 0, 200, VK_SYS_NSLOTS, 255, 256, 0xffffffffu };

	for (uint32_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		struct vk_msghdr *h = prepare(cmds[i], 32, 0);

		CHECK_EQ(sendsys(h, 32), VK_ENOSYS);
		CHECK_EQ(h->ms_error, VK_ENOSYS);
		CHECK_EQ(h->ms_result, -1);
		CHECK(h->ms_flags & MSGF_DONE);
		CHECK_EQ(h->ms_id, 0xdeadbeef);
	}
}

static void
bad_sizes(void)
{
	struct vk_msghdr *h;

	h = prepare(VK_SYS_getpid, 8, 0);
	CHECK_EQ(sendsys(h, 8), VK_EINVAL);
	check_untouched(h, 0, __LINE__);
	h = prepare(VK_SYS_getpid, 31, 0);
	CHECK_EQ(sendsys(h, 31), VK_EINVAL);
	check_untouched(h, 0, __LINE__);
	h = prepare(VK_SYS_getpid, 513, 0);
	CHECK_EQ(sendsys(h, 513), VK_EINVAL);
	check_untouched(h, 0, __LINE__);
	h = prepare(VK_SYS_getpid, 600, 0);
	CHECK_EQ(sendsys(h, 600), VK_EINVAL);
	check_untouched(h, 0, __LINE__);

	/* ms_size must equal edx. */
	h = prepare(VK_SYS_getpid, 48, 0);
	CHECK_EQ(sendsys(h, 40), VK_EINVAL);
	check_untouched(h, 0, __LINE__);
	h = prepare(VK_SYS_getpid, 40, 0);
	CHECK_EQ(sendsys(h, 48), VK_EINVAL);
	check_untouched(h, 0, __LINE__);

	/* Shorter than the command's struct (write needs 48): answered EINVAL. */
	h = prepare(VK_SYS_write, 40, 0);
	CHECK_EQ(sendsys(h, 40), VK_EINVAL);
	CHECK_EQ(h->ms_error, VK_EINVAL);
	CHECK_EQ(h->ms_result, -1);
	CHECK_EQ(h->ms_flags, MSGF_DONE);
	CHECK_EQ(h->ms_id, 0xdeadbeef);
}

static void
flags(void)
{
	static const uint32_t reserved[] = { 0x10, 0x100, 0x80000000u, 0xfffffff0u };
	struct vk_msghdr *h;

	for (uint32_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++) {
		h = prepare(VK_SYS_getpid, 32, reserved[i]);
		CHECK_EQ(sendsys(h, 32), VK_EINVAL);
		check_untouched(h, reserved[i], __LINE__);
	}

	/* A message sent again as it came back (MSGF_DONE still set) is answered again. */
	h = prepare(VK_SYS_getpid, 32, 0);
	CHECK_EQ(sendsys(h, 32), 0);
	h->ms_result = SENTINEL_RES;
	CHECK_EQ(sendsys(h, 32), 0);
	CHECK_EQ(h->ms_result, 1);
	CHECK_EQ(h->ms_flags, MSGF_DONE);
}

static const struct vk_msg_getpid ro_msg = {
	.hdr = { .ms_cmd = VK_SYS_getpid, .ms_size = 32, .ms_id = 7,
	    .ms_error = SENTINEL_ERR, .ms_result = SENTINEL_RES },
};

static void
bad_addresses(void)
{
	unsigned char *page;
	struct vk_msghdr *h;

	CHECK_EQ(sendsys((void *)0x10, 40), VK_EFAULT);
	CHECK_EQ(sendsys((void *)0xffffffe0u, 32), VK_EFAULT);
	CHECK_EQ(waitsys((void *)0x10), VK_EFAULT);

	/* The header fits in the mapping, the message does not. */
	page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(page != MAP_FAILED);
	CHECK_EQ(munmap(page + 4096, 4096), 0);
	h = (struct vk_msghdr *)(page + 4096 - 32);
	memset(h, 0, 32);
	h->ms_cmd = VK_SYS_write;
	h->ms_size = 48;
	h->ms_error = SENTINEL_ERR;
	CHECK_EQ(sendsys(h, 48), VK_EFAULT);
	CHECK_EQ(h->ms_error, SENTINEL_ERR);
	CHECK_EQ(h->ms_flags, 0);
	CHECK_EQ(munmap(page, 4096), 0);

	/* The reply cannot be written into read-only memory. */
	CHECK_EQ(sendsys((void *)&ro_msg, 32), VK_EFAULT);
	CHECK_EQ(ro_msg.hdr.ms_flags, 0);
	CHECK_EQ(ro_msg.hdr.ms_error, SENTINEL_ERR);
}

static void
async_wait_flush(void)
{
	struct vk_msg_getpid never = { .hdr = { .ms_cmd = VK_SYS_getpid, .ms_size = 32 } };
	struct vk_msghdr *h = prepare(VK_SYS_getpid, 32, MSGF_ASYNC);
	int rc = sendsys(h, 32);

	CHECK_EQ(rc, 0);
	if (!(h->ms_flags & MSGF_DONE))
		CHECK_EQ(waitsys(h), 0);
	CHECK(h->ms_flags & MSGF_DONE);
	CHECK_EQ(h->ms_error, 0);
	CHECK_EQ(h->ms_result, 1);
	CHECK_EQ(h->ms_id, 0xdeadbeef);

	CHECK_EQ(waitsys(h), 0);			/* already done */
	CHECK_EQ(waitsys(&never), VK_EDEADLK);	/* never sent */
	CHECK_EQ(never.hdr.ms_flags, 0);
	CHECK_EQ(flushsys(), 0);
	CHECK_EQ(flushsys(), 0);
}

/*
 * Registers around one int 0x81.  gate_probe(in, out) loads every general
 * register and EFLAGS from IN, executes int $0x81, and stores what the
 * registers hold afterwards into OUT (esp_before: %esp at the int).
 */
struct regs {
	uint32_t eax, ebx, ecx, edx, esi, edi, ebp, esp, eflags, esp_before;
};
void gate_probe(const struct regs *in, struct regs *out);

__asm__(
	".text\n"
	".globl gate_probe\n"
	".type gate_probe, @function\n"
	"gate_probe:\n"
	"	pushl %ebp\n"
	"	pushl %ebx\n"
	"	pushl %esi\n"
	"	pushl %edi\n"
	"	movl 24(%esp), %eax\n"		/* out */
	"	movl %esp, 36(%eax)\n"		/* out->esp_before */
	"	movl 20(%esp), %eax\n"		/* in */
	"	pushl 32(%eax)\n"
	"	popfl\n"
	"	movl 4(%eax), %ebx\n"
	"	movl 8(%eax), %ecx\n"
	"	movl 12(%eax), %edx\n"
	"	movl 16(%eax), %esi\n"
	"	movl 20(%eax), %edi\n"
	"	movl 24(%eax), %ebp\n"
	"	movl 0(%eax), %eax\n"
	"	int $0x81\n"
	"	pushfl\n"
	"	pushl %eax\n"
	"	movl 32(%esp), %eax\n"		/* out, past eax, eflags, 4 saved, ret, in */
	"	movl %ebx, 4(%eax)\n"
	"	movl %ecx, 8(%eax)\n"
	"	movl %edx, 12(%eax)\n"
	"	movl %esi, 16(%eax)\n"
	"	movl %edi, 20(%eax)\n"
	"	movl %ebp, 24(%eax)\n"
	"	popl 0(%eax)\n"
	"	popl 32(%eax)\n"
	"	movl %esp, 28(%eax)\n"
	"	cld\n"
	"	popl %edi\n"
	"	popl %esi\n"
	"	popl %ebx\n"
	"	popl %ebp\n"
	"	ret\n"
	".size gate_probe, . - gate_probe\n"
);

#define EFL_STATUS	0x0cd5u		/* CF PF AF ZF SF DF OF */

static void
probe(uint32_t eflags, uint32_t eax, void *msg, uint32_t edx, int want, int line)
{
	struct regs in = {
		.eax = eax, .ebx = 0xb0b0b0b0, .ecx = (uint32_t)msg, .edx = edx,
		.esi = 0x51515151, .edi = 0xd1d1d1d1, .ebp = 0xbdbdbdbd,
		.eflags = eflags,
	}, out;

	gate_probe(&in, &out);
	if ((int)out.eax != want)
		check_eq_failed(CHECK_FILE, line, "probe: eax", out.eax, want);
	if (out.ebx != in.ebx || out.ecx != in.ecx || out.edx != in.edx ||
	    out.esi != in.esi || out.edi != in.edi || out.ebp != in.ebp ||
	    out.esp != out.esp_before)
		check_failed(CHECK_FILE, line, "probe: only eax changes");
	if ((out.eflags & EFL_STATUS) != (in.eflags & EFL_STATUS))
		check_eq_failed(CHECK_FILE, line, "probe: status flags kept",
		    out.eflags & EFL_STATUS, in.eflags & EFL_STATUS);
}

static void
registers_preserved(void)
{
	static const uint32_t flag_patterns[] = { 0x0202u | EFL_STATUS, 0x0202u };
	struct vk_msg_getpid never = { .hdr = { .ms_cmd = VK_SYS_getpid, .ms_size = 32 } };
	struct vk_msghdr *h;

	for (int i = 0; i < 2; i++) {
		uint32_t fl = flag_patterns[i];

		h = prepare(VK_SYS_getpid, 32, 0);
		probe(fl, 0, h, 32, 0, __LINE__);		/* sendsys, success */
		CHECK_EQ(h->ms_result, 1);
		probe(fl, 0, h, 0, 0, __LINE__);		/* waitsys, done */
		h = prepare(200, 32, 0);
		probe(fl, 0, h, 32, VK_ENOSYS, __LINE__);	/* sendsys, unknown command */
		h = prepare(VK_SYS_getpid, 8, 0);
		probe(fl, 0, h, 8, VK_EINVAL, __LINE__);	/* gate-level rejection */
		probe(fl, 0, (void *)0x10, 40, VK_EFAULT, __LINE__);
		probe(fl, 0, &never, 0, VK_EDEADLK, __LINE__);	/* waitsys, never sent */
		probe(fl, 0, NULL, 0, 0, __LINE__);		/* flushsys */
	}
}

int
main(void)
{
	good_message();
	unknown_commands();
	bad_sizes();
	flags();
	bad_addresses();
	async_wait_flush();
	registers_preserved();
	return test_passed();
}
