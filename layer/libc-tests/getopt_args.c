/*
 * layer/libc-tests/getopt_args.c: getopt's POSIX option parsing.
 *
 * Flags alone and grouped ("-xy"), arguments attached ("-ofile") and
 * separate ("-o file"), a group ending in an option that takes the next
 * word, the end of options at the first operand, at "--" (consumed) and at
 * a lone "-" (kept), unknown options and missing arguments with and without
 * a leading ':' in the option string (and the message on stderr when
 * opterr is set), and restarting with optind = 1.
 */
#include <unistd.h>

#include "check.h"

#define ARGC(v)	((int)(sizeof(v) / sizeof(v[0])) - 1)

static void
flags_and_arguments(void)
{
	char *v[] = { "prog", "-a", "-b", "val", "-cfoo", "-xy", "-zw", "word", "file", "-d", NULL };
	int argc = ARGC(v);

	optind = 1;
	CHECK_EQ(getopt(argc, v, "ab:c:xyz:d"), 'a');
	CHECK(optarg == NULL);
	CHECK_EQ(getopt(argc, v, "ab:c:xyz:d"), 'b');
	CHECK_STR(optarg, "val");
	CHECK_EQ(getopt(argc, v, "ab:c:xyz:d"), 'c');
	CHECK_STR(optarg, "foo");
	CHECK_EQ(getopt(argc, v, "ab:c:xyz:d"), 'x');
	CHECK_EQ(getopt(argc, v, "ab:c:xyz:d"), 'y');
	CHECK_EQ(optind, 6);
	CHECK_EQ(getopt(argc, v, "ab:c:xyz:d"), 'z');
	CHECK_STR(optarg, "w");				/* rest of the word */
	CHECK_EQ(getopt(argc, v, "ab:c:xyz:d"), -1);	/* "word" is an operand */
	CHECK_EQ(optind, 7);
	CHECK_STR(v[optind], "word");
}

static void
ends_of_options(void)
{
	char *v1[] = { "prog", "-a", "--", "-b", NULL };
	char *v2[] = { "prog", "-a", "-", "-b", NULL };
	char *v3[] = { "prog", "-ao", NULL };
	char *v4[] = { "prog", "-ao", "next", NULL };

	optind = 1;
	CHECK_EQ(getopt(ARGC(v1), v1, "ab"), 'a');
	CHECK_EQ(getopt(ARGC(v1), v1, "ab"), -1);
	CHECK_EQ(optind, 3);				/* "--" consumed */
	optind = 1;
	CHECK_EQ(getopt(ARGC(v2), v2, "ab"), 'a');
	CHECK_EQ(getopt(ARGC(v2), v2, "ab"), -1);
	CHECK_EQ(optind, 2);				/* "-" is an operand */
	optind = 1;
	CHECK_EQ(getopt(ARGC(v4), v4, "ao:"), 'a');
	CHECK_EQ(getopt(ARGC(v4), v4, "ao:"), 'o');	/* argument: the next word */
	CHECK_STR(optarg, "next");
	CHECK_EQ(optind, 3);
	CHECK_EQ(getopt(ARGC(v4), v4, "ao:"), -1);
	optind = 1;
	opterr = 0;
	CHECK_EQ(getopt(ARGC(v3), v3, "ao:"), 'a');
	CHECK_EQ(getopt(ARGC(v3), v3, "ao:"), '?');	/* no word left */
	CHECK_EQ(optopt, 'o');
	optind = 1;
	CHECK_EQ(getopt(ARGC(v3), v3, ":ao:"), 'a');
	CHECK_EQ(getopt(ARGC(v3), v3, ":ao:"), ':');
	CHECK_EQ(optopt, 'o');
	opterr = 1;
}

static void
errors(void)
{
	char *v[] = { "prog", "-q", "-:", "-a", NULL };

	optind = 1;
	opterr = 0;
	CHECK_EQ(getopt(ARGC(v), v, "a"), '?');
	CHECK_EQ(optopt, 'q');
	CHECK_EQ(getopt(ARGC(v), v, "a:"), '?');	/* ':' is never an option */
	CHECK_EQ(optopt, ':');
	opterr = 1;					/* prints "prog: invalid option -- 'q'" */
	optind = 1;
	CHECK_EQ(getopt(ARGC(v), v, "a"), '?');
	optind = 1;					/* restart */
	CHECK_EQ(getopt(ARGC(v), v, ":a"), '?');
	CHECK_EQ(getopt(ARGC(v), v, ":a"), '?');
	CHECK_EQ(getopt(ARGC(v), v, ":a"), 'a');
	CHECK_EQ(getopt(ARGC(v), v, ":a"), -1);
	CHECK_EQ(optind, 4);
}

int
main(int argc, char **argv)
{
	flags_and_arguments();
	ends_of_options();
	errors();
	optind = 1;
	CHECK_EQ(getopt(argc, argv, "x"), -1);		/* run without options */
	return test_passed();
}
