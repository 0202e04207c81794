/*
 * vkernel/main.c: the vkrun command.  Parses options (getopt_long; the first
 * non-option is the program, everything after it belongs to the guest),
 * builds the guest environment, starts the first process and turns its end
 * into vkrun's exit status: the guest's exit code, 128 + N for a signal N,
 * 125 when vkrun itself failed or was misused, 126 when the program cannot
 * be executed, 127 when it does not exist.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vkernel/kernel.h"

#define EXIT_USAGE	125

extern char **environ;

struct env {
	char	**v;
	size_t	n, cap;
};

static void
usage(FILE *f)
{
	fprintf(f,
	    "Usage: vkrun [options] program [args...]\n"
	    "Run an i386 program on the vkrun virtual kernel: native programs through their\n"
	    "message gate (int 0x81), every call a message to the kernel.\n"
	    "\n"
	    "  -r, --root=DIR        resolve every guest path inside DIR (default: /)\n"
	    "  -E, --env=VAR=VALUE   set VAR in the guest environment (repeatable)\n"
	    "  -U, --unset=VAR       remove VAR from the guest environment (repeatable)\n"
	    "  -i, --empty-env       start from an empty environment instead of vkrun's\n"
	    "  -0, --argv0=NAME      give the guest NAME as argv[0]\n"
	    "  -t, --trace[=FILE]    log every message: pid, command, decoded arguments,\n"
	    "                        result or error (to FILE, default stderr)\n"
	    "  -s, --stats[=FILE]    at exit, print messages by command, traps and times\n"
	    "                        (to FILE, default stderr)\n"
	    "  -K, --kernel-abi=N    speak kernel ABI N (default: the newest, %d)\n"
	    "  -L, --layer-dir=DIR   look for layer images in DIR\n"
	    "  -h, --help            show this help and exit\n"
	    "  -V, --version         show the version and exit\n"
	    "\n"
	    "The program is looked up inside the guest root, relative to the current\n"
	    "directory (no PATH search).  Exit status: the guest's; 128+N if signal N\n"
	    "killed it; 125 if vkrun failed or was misused; 126 if the program cannot be\n"
	    "executed; 127 if it was not found.\n", VK_KERNEL_ABI_NEWEST);
}

static void
die(int status, const char *fmt, const char *arg)
{
	fprintf(stderr, "vkrun: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(status);
}

static void
env_unset(struct env *e, const char *name)
{
	size_t len = strlen(name), j = 0;

	for (size_t i = 0; i < e->n; i++)
		if (!(strncmp(e->v[i], name, len) == 0 && e->v[i][len] == '='))
			e->v[j++] = e->v[i];
	e->n = j;
	e->v[j] = NULL;
}

static void
env_set(struct env *e, char *assignment)
{
	char *eq = strchr(assignment, '=');
	char name[4096];

	if (eq == NULL || eq == assignment || (size_t)(eq - assignment) >= sizeof(name))
		return;		/* not an assignment: nothing a program could read back */
	memcpy(name, assignment, eq - assignment);
	name[eq - assignment] = '\0';
	env_unset(e, name);
	if (e->n + 2 > e->cap) {
		e->cap = e->cap * 2 + 16;
		e->v = realloc(e->v, e->cap * sizeof(*e->v));
		if (e->v == NULL)
			die(EXIT_USAGE, "%s", "out of memory");
	}
	e->v[e->n++] = assignment;
	e->v[e->n] = NULL;
}

static FILE *
open_log(const char *path, const char *what)
{
	FILE *f;

	if (path == NULL)
		return stderr;
	f = fopen(path, "w");
	if (f == NULL) {
		fprintf(stderr, "vkrun: cannot open %s file %s: %s\n", what, path, strerror(errno));
		exit(EXIT_USAGE);
	}
	return f;
}

struct edit {
	int	set;		/* -E VAR=VALUE (1) or -U VAR (0) */
	char	*arg;
};

/* --kernel-abi N: one of the ABIs this kernel speaks. */
static int
parse_abi(const char *arg, uint32_t *abi)
{
	char *end;
	unsigned long v = strtoul(arg, &end, 10);

	if (*arg == '\0' || *end != '\0' || v < VK_KERNEL_ABI_OLDEST || v > VK_KERNEL_ABI_NEWEST) {
		fprintf(stderr, "vkrun: --kernel-abi %s: this kernel speaks ABI %d to %d\n", arg,
		    VK_KERNEL_ABI_OLDEST, VK_KERNEL_ABI_NEWEST);
		return -1;
	}
	*abi = (uint32_t)v;
	return 0;
}

/* Parse the options into K, EDITS and the flags; returns -1 to go on, else an exit status. */
static int
parse_options(int argc, char *argv[], struct vk_kernel *k, struct edit *edits, int *nedits,
    int *empty, const char **argv0)
{
	static const struct option longopts[] = {
		{ "root", required_argument, NULL, 'r' },
		{ "env", required_argument, NULL, 'E' },
		{ "unset", required_argument, NULL, 'U' },
		{ "empty-env", no_argument, NULL, 'i' },
		{ "argv0", required_argument, NULL, '0' },
		{ "trace", optional_argument, NULL, 't' },
		{ "stats", optional_argument, NULL, 's' },
		{ "layer-dir", required_argument, NULL, 'L' },
		{ "kernel-abi", required_argument, NULL, 'K' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	argv[0] = "vkrun";	/* getopt's own messages start with argv[0] */
	while ((c = getopt_long(argc, argv, "+r:E:U:i0:t::s::L:K:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': k->opt.root = optarg; break;
		case 'E': case 'U':
			if (c == 'E' && (strchr(optarg, '=') == NULL || optarg[0] == '=')) {
				fprintf(stderr, "vkrun: -E wants VAR=VALUE, not '%s'\n", optarg);
				return EXIT_USAGE;
			}
			edits[*nedits].set = c == 'E';
			edits[(*nedits)++].arg = optarg;
			break;
		case 'i': *empty = 1; break;
		case '0': *argv0 = optarg; break;
		case 't': k->opt.trace = open_log(optarg, "trace"); break;
		case 's': k->opt.stats = open_log(optarg, "stats"); break;
		case 'L': k->opt.layer_dir = optarg; break;
		case 'K':
			if (parse_abi(optarg, &k->opt.kernel_abi) != 0)
				return EXIT_USAGE;
			break;
		case 'h': usage(stdout); return 0;
		case 'V':
			printf("vkrun %s\nnative ABI %d; Unicorn CPU emulator; libelf loader\n",
			    PACKAGE_VERSION, VK_ABI_VERSION);
			return 0;
		default:
			fprintf(stderr, "Try 'vkrun --help' for more information.\n");
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "vkrun: no program given\nTry 'vkrun --help' for more information.\n");
		return EXIT_USAGE;
	}
	return -1;
}

/* The guest's environment: vkrun's own (unless EMPTY), then the edits in order. */
static void
build_env(struct env *env, const struct edit *edits, int nedits, int empty)
{
	env->cap = 16;
	if ((env->v = calloc(env->cap, sizeof(*env->v))) == NULL)
		die(EXIT_USAGE, "%s", "out of memory");
	if (!empty)
		for (char **e = environ; *e != NULL; e++)
			env_set(env, *e);
	for (int i = 0; i < nedits; i++) {
		if (edits[i].set)
			env_set(env, edits[i].arg);
		else
			env_unset(env, edits[i].arg);
	}
}

/* Run the first process to its end; returns vkrun's exit status. */
static int
run(struct vk_kernel *k, char *prog, char *argv[], char **envp)
{
	struct vk_proc *p;
	char err[512];
	int status;

	k->opt.uid = getuid();
	k->opt.euid = geteuid();
	k->opt.gid = getgid();
	k->opt.egid = getegid();
	p = vk_proc_spawn(k, prog, argv, envp, err, sizeof(err), &status);
	if (p == NULL) {
		fprintf(stderr, "vkrun: %s\n", err);
		return status;
	}
	vk_sched_add(k, p);
	status = vk_sched_run(k);
	vk_sched_free(k);
	return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
}

int
main(int argc, char *argv[])
{
	struct vk_kernel k = { .opt = { .root = "/", .kernel_abi = VK_KERNEL_ABI_NEWEST }, .next_pid = 1 };
	struct edit *edits = calloc(argc + 1, sizeof(*edits));
	struct env env = { 0 };
	const char *argv0 = NULL;
	int nedits = 0, empty = 0, code;
	char *prog;

	vk_clock_init(&k);	/* first: the longest baseline for the TSC rate */
	/* A guest writing to a pipe nobody reads gets EPIPE from its write, as
	 * Linux gives a process that ignores SIGPIPE; vkrun itself must not die. */
	signal(SIGPIPE, SIG_IGN);
	/* SIGINT and its kind go to the guests that ask for them (signal.c). */
	vk_signal_host_init(&k);
	if (edits == NULL)
		die(EXIT_USAGE, "%s", "out of memory");
	code = parse_options(argc, argv, &k, edits, &nedits, &empty, &argv0);
	if (code < 0) {
		build_env(&env, edits, nedits, empty);
		prog = argv[optind];
		if (argv0 != NULL)
			argv[optind] = (char *)argv0;	/* what the guest sees as argv[0] */
		code = run(&k, prog, &argv[optind], env.v);
	}
	if (k.opt.trace != NULL && k.opt.trace != stderr)
		fclose(k.opt.trace);
	if (k.opt.stats != NULL && k.opt.stats != stderr)
		fclose(k.opt.stats);
	vk_layers_free(&k);
	free(env.v);
	free(edits);
	return code;
}
