/*
 * vkernel/trace.c: --trace, one line per message, decoded from the field
 * descriptors that the generator derives from syscalls.master:
 *
 *   [1] open(path="data.txt", flags=O_RDONLY, mode=0) = 3
 *   [1] read(fd=3, buf="hello\n", count=4096) = 6
 *   [1] clock_gettime(clock=CLOCK_MONOTONIC) = 0 {sec=12, nsec=345}
 *   [1] open(path="nope", flags=O_RDONLY, mode=0) = -1 ENOENT (No such file or directory)
 *
 * Strings and buffers are read with the checked copy helpers, so a bad
 * pointer shows as its address and never crashes the trace.
 */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include "vkernel/kernel.h"
#include "vkernel/vk_elist.h"
#include "vkernel/sysent.h"
#include "vk_sysproto.h"

#define SHOW_BYTES	32

static void
put_escaped(FILE *f, const unsigned char *s, size_t n, int more)
{
	fputc('"', f);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c >= 0x20 && c < 0x7f)
			fputc(c, f);
		else
			fprintf(f, "\\x%02x", c);
	}
	fputc('"', f);
	if (more)
		fputs("...", f);
}

static void
put_buffer(FILE *f, struct vk_proc *p, uint32_t addr, uint64_t len)
{
	unsigned char buf[SHOW_BYTES];
	uint32_t n = len > SHOW_BYTES ? SHOW_BYTES : (uint32_t)len;

	if (vk_copyin(&p->vm, buf, addr, n) != 0) {
		fprintf(f, "0x%08x", addr);
		return;
	}
	put_escaped(f, buf, n, len > n);
}

static void
put_path(FILE *f, struct vk_proc *p, uint32_t addr)
{
	char s[VK_PATH_MAX];

	if (vk_copyinstr(&p->vm, s, addr, sizeof(s)) != 0)
		fprintf(f, "0x%08x", addr);
	else
		put_escaped(f, (const unsigned char *)s, strlen(s), 0);
}

struct flagname {
	uint32_t	bit;
	const char	*name;
};

static void
put_flags(FILE *f, uint32_t v, const struct flagname *t, size_t n,
    const char *zero)
{
	int any = 0;

	if (zero != NULL) {
		fputs(zero, f);
		any = 1;
	}
	for (size_t i = 0; i < n; i++)
		if (t[i].bit != 0 && (v & t[i].bit) == t[i].bit) {
			fprintf(f, "%s%s", any ? "|" : "", t[i].name);
			v &= ~t[i].bit;
			any = 1;
		}
	if (v != 0 || !any)
		fprintf(f, "%s%#x", any ? "|" : "", v);
}

#define FLAG(x) { VK_##x, #x }
static const struct flagname oflags[] = {
	FLAG(O_CREAT), FLAG(O_EXCL), FLAG(O_NOCTTY), FLAG(O_TRUNC), FLAG(O_APPEND),
	FLAG(O_NONBLOCK), FLAG(O_SYNC), FLAG(O_DSYNC), FLAG(O_DIRECTORY), FLAG(O_NOFOLLOW),
	FLAG(O_NOATIME), FLAG(O_CLOEXEC), FLAG(O_PATH), FLAG(O_LARGEFILE), FLAG(O_DIRECT),
}, prots[] = {
	FLAG(PROT_READ), FLAG(PROT_WRITE), FLAG(PROT_EXEC),
}, mapflags[] = {
	FLAG(MAP_SHARED), FLAG(MAP_PRIVATE), FLAG(MAP_FIXED), FLAG(MAP_ANONYMOUS),
	FLAG(MAP_NORESERVE), FLAG(MAP_FIXED_NOREPLACE),
};
#undef FLAG
#define N(t) (sizeof(t) / sizeof((t)[0]))

static void
put_oflags(FILE *f, uint32_t v)
{
	static const char *acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };

	put_flags(f, v & ~(uint32_t)VK_O_ACCMODE, oflags, N(oflags), acc[v & VK_O_ACCMODE]);
}

static void
put_symbol(FILE *f, uint32_t v, const char *const *names, size_t n)
{
	if (v < n && names[v] != NULL)
		fputs(names[v], f);
	else
		fprintf(f, "%d", (int32_t)v);
}

static int64_t
field64(const unsigned char *m, int off)
{
	int64_t v;

	memcpy(&v, m + off, 8);
	return v;
}

static uint32_t
field32(const unsigned char *m, int off)
{
	uint32_t v;

	memcpy(&v, m + off, 4);
	return v;
}

static void
put_arg(FILE *f, struct vk_proc *p, const struct vk_sysent *e, const struct vk_sysarg *a,
    const unsigned char *m, int64_t result, int error)
{
	static const char *const whence[] = { "SEEK_SET", "SEEK_CUR", "SEEK_END" };
	static const char *const clocks[] = { "CLOCK_REALTIME", "CLOCK_MONOTONIC",
		"CLOCK_PROCESS_CPUTIME_ID", "CLOCK_THREAD_CPUTIME_ID" };
	uint32_t v = field32(m, a->offset);

	fprintf(f, "%s=", a->name);
	switch (a->type) {
	case VK_T_INT: case VK_T_FD: case VK_T_S32:
		fprintf(f, "%" PRId32, (int32_t)v); break;
	case VK_T_UINT: case VK_T_SIZE: case VK_T_U32:
		fprintf(f, "%" PRIu32, v); break;
	case VK_T_HEX:
		fprintf(f, "%#" PRIx32, v); break;
	case VK_T_OFF: case VK_T_S64:
		fprintf(f, "%" PRId64, field64(m, a->offset)); break;
	case VK_T_PTR:
		fprintf(f, "0x%08" PRIx32, v); break;
	case VK_T_PATH:
		put_path(f, p, v); break;
	case VK_T_INBUF:
		put_buffer(f, p, v, field32(m, e->args[a->lenarg].offset)); break;
	case VK_T_OUTBUF:
		if (error == 0 && result > 0)
			put_buffer(f, p, v, (uint64_t)result);
		else
			fprintf(f, "0x%08" PRIx32, v);
		break;
	case VK_T_OFLAGS:
		put_oflags(f, v); break;
	case VK_T_MODE:
		fprintf(f, "%#" PRIo32, v); break;
	case VK_T_WHENCE:
		put_symbol(f, v, whence, N(whence)); break;
	case VK_T_CLOCKID:
		put_symbol(f, v, clocks, N(clocks)); break;
	case VK_T_PROT:
		put_flags(f, v, prots, N(prots), v == 0 ? "PROT_NONE" : NULL); break;
	case VK_T_MAPFLAGS:
		put_flags(f, v, mapflags, N(mapflags), NULL); break;
	}
}

static void
put_result(FILE *f, const struct vk_sysent *e, int64_t r)
{
	switch (e->restype) {
	case VK_R_NONE:	break;
	case VK_R_PTR:	fprintf(f, " = 0x%08" PRIx32, (uint32_t)r); break;
	default:	fprintf(f, " = %" PRId64, r); break;
	}
}

/* " {NAME=value, ...}": the element list the reply wrote at guest BUF (LEN bytes). */
static void
put_elist(FILE *f, struct vk_proc *p, uint32_t buf, uint32_t len)
{
	static const struct { uint16_t tag; const char *name; } names[] = {
#define VK_X_EL_NAME(name, tag, type) { tag, #name },
		VK_EL_TAGS(VK_X_EL_NAME)
#undef VK_X_EL_NAME
	};
	const uint8_t *b = vk_guest_ptr(&p->vm, buf, len, VK_ACC_READ);
	uint32_t off = 0, shown = 0;
	struct vk_el e;
	int r;

	if (b == NULL || len == 0)
		return;
	fputs(" {", f);
	while ((r = vk_el_next(b, len, &off, &e)) > 0 && shown++ < 64) {
		const char *name = NULL;
		int64_t sec;
		uint32_t nsec;

		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (names[i].tag == e.tag)
				name = names[i].name;
		if (shown > 1)
			fputs(e.tag == VK_EL_ENTRY ? "; " : ", ", f);
		if (name == NULL) {
			fprintf(f, "tag 0x%04x (%u bytes)", e.tag, e.len);
			continue;
		}
		switch (vk_el_type(e.tag)) {
		case 'E':	fputs("ENTRY", f); break;
		case 'U':	if (e.tag == VK_EL_ST_MODE)
					fprintf(f, "%s=0%" PRIo64, name, vk_el_uint(&e));
				else
					fprintf(f, "%s=%" PRIu64, name, vk_el_uint(&e));
				break;
		case 'T':	vk_el_time(&e, &sec, &nsec);
				fprintf(f, "%s=%" PRId64 ".%09" PRIu32, name, sec, nsec);
				break;
		default:	fprintf(f, "%s=\"%.*s\"", name, (int)(e.len < 64 ? e.len : 64), (const char *)e.val);
		}
	}
	fputs(r < 0 ? ", MALFORMED}" : r > 0 ? ", ...}" : "}", f);
}

void
vk_trace_msg(struct vk_proc *p, const struct vk_sysent *e, uint32_t cmd, const void *msg, int error)
{
	FILE *f = p->k->opt.trace;
	const unsigned char *m = msg;
	const struct vk_msghdr *h = msg;
	uint32_t listbuf = 0;
	int first = 1, elist;

	if (f == NULL)
		return;
	if (cmd == VK_SYS_lxtrace)
		return;		/* it prints its own line */
	if (e == NULL || e->call == NULL) {
		fprintf(f, "[%d] #%" PRIu32 "(size=%" PRIu32 ") = -1 ENOSYS (%s)\n", p->pid, cmd,
		    h->ms_size, vk_errno_text(VK_ENOSYS));
		return;
	}
	elist = cmd == VK_SYS_statel || cmd == VK_SYS_direl || cmd == VK_SYS_unameel || cmd == VK_SYS_procinfo;
	fprintf(f, "[%d] %s%s(", p->pid, p->lx_depth ? "  " : "", e->name);
	for (int i = 0; i < e->nin; i++) {
		fputs(first ? "" : ", ", f);
		if (elist && e->args[i].type == VK_T_OUTBUF) {
			memcpy(&listbuf, m + e->args[i].offset, 4);
			fprintf(f, "%s=0x%08" PRIx32, e->args[i].name, listbuf);	/* decoded below */
		} else
			put_arg(f, p, e, &e->args[i], m, h->ms_result, error);
		first = 0;
	}
	fputc(')', f);
	if (error != 0) {
		const char *name = vk_errno_name(error);

		fprintf(f, " = -1 %s (%s)\n", name ? name : "E?", name ? vk_errno_text(error) : "unknown");
		return;
	}
	put_result(f, e, h->ms_result);
	if (elist)
		put_elist(f, p, listbuf, (uint32_t)h->ms_result);
	if (e->nfields > e->nin) {
		fputs(" {", f);
		for (int i = e->nin; i < e->nfields; i++) {
			fputs(i > e->nin ? ", " : "", f);
			put_arg(f, p, e, &e->args[i], m, h->ms_result, error);
		}
		fputc('}', f);
	}
	fputc('\n', f);
	if (p->exited)
		fflush(f);
}

void
vk_trace_gate(struct vk_proc *p, const char *what, uint32_t eax, uint32_t ecx, uint32_t edx,
    int error, const char *why)
{
	FILE *f = p->k->opt.trace;

	if (f == NULL)
		return;
	if (strcmp(what, "sendsys") == 0)
		fprintf(f, "[%d] sendsys(port=0x%08x, msg=0x%08x, size=%u)", p->pid, eax, ecx, edx);
	else if (strcmp(what, "waitsys") == 0)
		fprintf(f, "[%d] waitsys(port=0x%08x, msg=0x%08x)", p->pid, eax, ecx);
	else
		fprintf(f, "[%d] %s()", p->pid, what);
	if (error != 0)
		fprintf(f, " = %s (%s)%s%s\n", vk_errno_name(error), vk_errno_text(error),
		    why ? ": " : "", why ? why : "");
	else
		fputs(" = 0\n", f);
}

void
vk_trace_line(struct vk_proc *p, const char *fmt, ...)
{
	FILE *f = p->k->opt.trace;
	va_list ap;

	if (f == NULL)
		return;
	fprintf(f, "[%d] ", p->pid);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	fflush(f);
}

/*
 * lxtrace: the Linux personality reports each Linux call while --trace is on
 * (it reads sh_trace from the shared page): PHASE bit 0 is 0 on entry and 1
 * on return, bit 1 says it came through AT_SYSINFO rather than int 0x80.
 * ARGS points at the six argument registers.  The messages the call becomes
 * are traced in between, indented.
 */
int
vk_sys_lxtrace(struct vk_proc *p, struct vk_msg_lxtrace *m)
{
	FILE *f = p->k->opt.trace;
	const struct vk_lxent *e = m->nr < VK_LX_NCALLS ? &vk_lxent[m->nr] : NULL;
	const char *via = (m->phase & 2) ? "sysinfo" : "int 0x80";
	unsigned char args[24];

	if (f == NULL)
		return 0;
	if (e != NULL && e->name == NULL)
		e = NULL;
	if ((m->phase & 1) == 0) {
		p->lx_depth = 1;
		if (vk_copyin(&p->vm, args, m->args, sizeof(args)) != 0)
			memset(args, 0, sizeof(args));
		fprintf(f, "[%d] linux %s(", p->pid, e ? e->name : "?");
		if (e == NULL)
			fprintf(f, "nr=%u", m->nr);
		for (int i = 0; e != NULL && i < e->nargs; i++) {
			struct vk_sysent fake = { .args = e->args };

			fputs(i ? ", " : "", f);
			put_arg(f, p, &fake, &e->args[i], args, 0, 1);
		}
		fprintf(f, ") via %s\n", via);
		return 0;
	}
	p->lx_depth = 0;
	if (m->result < 0 && m->result >= -VK_ERRNO_MAX && vk_errno_name(-m->result) != NULL)
		fprintf(f, "[%d] linux %s = -1 %s (%s)\n", p->pid, e ? e->name : "?",
		    vk_errno_name(-m->result), vk_errno_text(-m->result));
	else
		fprintf(f, "[%d] linux %s = %d (0x%x)\n", p->pid, e ? e->name : "?", m->result,
		    (uint32_t)m->result);
	return 0;
}
