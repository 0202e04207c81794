/*
 * getopt: parse short command-line options, as POSIX specifies.
 *
 * Options are scanned in order up to the first non-option argument, "--"
 * or the end (no argument permutation, as POSIX wants).  An option letter
 * followed by ':' in OPTSTRING takes an argument, either the rest of the
 * same word ("-ofile") or the next word.  Errors return '?' (with optopt
 * set) and print a message to stderr unless opterr is 0; a missing
 * argument returns ':' instead when OPTSTRING starts with ':'.  Setting
 * optind to 0 or 1 restarts the scan.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1, opterr = 1, optopt;

static int pos;			/* index in argv[optind] of the next letter */
static int last_optind;		/* optind when pos was last valid */

static int
complain(const char *prog, const char *what, int c, int silent)
{
	if (!silent && opterr)
		fprintf(stderr, "%s: %s -- '%c'\n", prog, what, c);
	optopt = c;
	return '?';
}

int
getopt(int argc, char *const argv[], const char *optstring)
{
	int silent = optstring[0] == ':', c;
	const char *spec, *arg;

	if (optind == 0 || optind != last_optind) {
		if (optind == 0)
			optind = 1;
		pos = 0;
	}
	optarg = NULL;
	if (pos == 0) {
		if (optind >= argc || argv[optind] == NULL || argv[optind][0] != '-' ||
		    argv[optind][1] == '\0')
			return -1;
		if (strcmp(argv[optind], "--") == 0) {
			optind++;
			return -1;
		}
		pos = 1;
	}
	arg = argv[optind];
	c = (unsigned char)arg[pos++];
	spec = c != ':' ? strchr(optstring + silent, c) : NULL;
	if (arg[pos] == '\0') {
		optind++;
		pos = 0;
	}
	last_optind = optind;
	if (spec == NULL)
		return complain(argv[0], "invalid option", c, silent);
	if (spec[1] != ':')
		return c;
	if (pos != 0) {				/* "-ofile" */
		optarg = (char *)arg + pos;
		optind++;
		pos = 0;
	} else if (optind < argc) {		/* "-o file" */
		optarg = argv[optind++];
	} else {
		last_optind = optind;
		optopt = c;
		if (silent)
			return ':';
		return complain(argv[0], "option requires an argument", c, 0);
	}
	last_optind = optind;
	return c;
}
