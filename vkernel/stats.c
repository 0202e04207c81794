/*
 * vkernel/stats.c: --stats.  The gate counts as it goes (traps, messages by
 * command, errors, and, only when --stats is on, the time spent in each
 * handler); this file prints the tally when a process ends.  Instructions are
 * never counted: that would need a per-instruction hook.
 */
#include "config.h"

#include <inttypes.h>
#include <sys/resource.h>
#include <time.h>

#include "cpu/cpu.h"
#include "vkernel/kernel.h"
#include "vkernel/sysent.h"

uint64_t
vk_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static double
since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

static void
print_status(FILE *f, int status)
{
	if ((status & 0x7f) == 0)
		fprintf(f, "exit status %d", (status >> 8) & 0xff);
	else
		fprintf(f, "killed by signal %d", status & 0x7f);
}

/* Calls the layer served without a message (it counts them in its own data). */
static void
print_layer(struct vk_proc *p, FILE *f)
{
	uint32_t counts[VK_STUB_MAX];
	uint64_t total = 0;
	int n = vk_layer_counts(p, counts, VK_STUB_MAX);

	if (p->layer == NULL) {
		fprintf(f, "  layer          none\n");
		return;
	}
	if (p->lx_int80 != 0) {
		fprintf(f, "  layer          Linux personality (int 0x80 reflected: %" PRIu64 ")\n",
		    p->stats.traps_linux);
		return;
	}
	for (int i = 0; i < n; i++)
		total += counts[i];
	fprintf(f, "  in the layer   %" PRIu64 " calls served without a trap\n", total);
	for (int i = 0; i < n; i++)
		if (counts[i] != 0)
			fprintf(f, "  %-16s %10" PRIu32 "   (in the layer)\n",
			    i < VK_NSTUBS && vk_stubnames[i] != NULL ? vk_stubnames[i] : "?", counts[i]);
}

void
vk_stats_print(struct vk_proc *p, FILE *f)
{
	const struct vk_stats *s = &p->stats;
	struct rusage ru;
	uint64_t total = 0;

	for (int i = 0; i < VK_SYS_NSLOTS; i++)
		total += s->msgs[i];
	getrusage(RUSAGE_SELF, &ru);
	fprintf(f, "vkrun: stats for pid %d (%s), ", p->pid, p->name);
	print_status(f, p->status);
	fprintf(f, "\n  wall time      %.6f s\n", since(&s->start));
	fprintf(f, "  host cpu time  user %.6f s, system %.6f s\n",
	    ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6, ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6);
	fprintf(f, "  traps          int 0x81: %" PRIu64 ", int 0x80: %" PRIu64 "\n", s->traps_gate, s->traps_linux);
	fprintf(f, "  gate           sendsys refused: %" PRIu64 ", waitsys: %" PRIu64 ", flushsys: %" PRIu64 "\n",
	    s->gate_refused, s->waits, s->flushes);
	if (s->preempted != 0)
		fprintf(f, "  preempted      %" PRIu64 " times (a time slice or a timer ended)\n", s->preempted);
	if (s->warmups + (p->cpu != NULL ? cpu_warmups(p->cpu) : 0) != 0)
		fprintf(f, "  tlb warm-ups   %" PRIu64 " (Unicorn's TLB grown again, see docs/architecture.md)\n",
		    s->warmups + (p->cpu != NULL ? cpu_warmups(p->cpu) : 0));
	if (s->async_queued != 0)
		fprintf(f, "  async          queued: %" PRIu64 ", answered later: %" PRIu64 ", aborted: %" PRIu64 "\n",
		    s->async_queued, s->async_done, s->async_aborted);
	if (s->signals != 0 || s->upcalls != 0)
		fprintf(f, "  signals        received: %" PRIu64 ", upcalls: %" PRIu64 ", flushsys: %" PRIu64 "\n",
		    s->signals, s->upcalls, s->flushes);
	fprintf(f, "  messages       %" PRIu64 " (unknown commands: %" PRIu64 ")\n", total + s->unknown, s->unknown);
	print_layer(p, f);
	if (total == 0)
		return;
	fprintf(f, "  %-16s %10s %8s %12s %10s\n", "command", "count", "errors", "total us", "avg ns");
	for (int i = 0; i < VK_SYS_NSLOTS; i++) {
		if (s->msgs[i] == 0)
			continue;
		fprintf(f, "  %-16s %10" PRIu64 " %8" PRIu64 " %12.1f %10" PRIu64 "\n", vk_sysent[i].name,
		    s->msgs[i], s->errors[i], s->ns[i] / 1e3, s->ns[i] / s->msgs[i]);
	}
}
