/*
 * opts.h — the command line's options and subcommands, from tables.
 *
 * A command is described once, by a cli_spec: its usage text and a table
 * of options. The same table drives the parsing (glibc's getopt_long, so
 * --opt=value, --opt value, -j2, -j 2, bundled flags such as -qj2, unique
 * prefixes of long names, operands anywhere, and -- ending the options) and
 * prints the command's --help, so the two cannot drift apart. -h/--help is
 * always there and needs no row.
 *
 * Adding a command:
 *
 *	enum { O_LIMIT = 256 };                  // long-only ids from 256
 *	static const cli_opt frob_opts[] = {
 *		{'f', "format", "FMT", "text (default) or json"},
 *		{O_LIMIT, "limit", "N", "at most N rows\n(default 10)"},
 *		{'q', "quiet", NULL, "no warnings on stderr"},
 *		CLI_OPT_END};
 *	static const cli_spec frob_spec = {
 *		"frob", "usage: claimtrace frob [OPTIONS] FILES...\n\nWhat it does.\n",
 *		frob_opts, NULL, NULL, CLI_ARGS_ANY};
 *
 *	int cli_frob(int argc, char **argv)     // argv[0] is "frob"
 *	{
 *		cli_opts p;
 *		int o;
 *		cli_opts_init(&p, &frob_spec, argc, argv);
 *		while ((o = cli_opts_next(&p)) > 0)
 *			switch (o) {
 *			case 'f': ... p.value ...; break;
 *			case O_LIMIT:
 *				if (bad)
 *					return cli_opts_error(&p, "--limit takes N, not '%s'", p.value);
 *			...
 *			}
 *		if (o < 0)
 *			return cli_opts_exit(o);   // help printed (0) or a usage error (2)
 *		... p.args[0 .. p.nargs) are the operands ...
 *	}
 *
 * and a row {"frob", cli_frob, "what it does"} in main.c's command table
 * (or a group's, such as eval's): the group's --help lists it from there.
 * A command that reads articles as extract and story do puts
 * cli_input_opts (pool.h) in its spec's `more` and hands the ids it does
 * not know to cli_input_option: -i, -j, -q, --field, --outlet, --published,
 * --max-bytes and --data then parse, check and print their help as theirs.
 *
 * Messages follow GNU tools: a usage error is one line, "claimtrace: …",
 * then "Try 'claimtrace CMD --help' for more information.", exit code 2.
 * getopt_long keeps global state, so parse on one thread, one command at a
 * time (as main does).
 */
#ifndef CT_CLI_OPTS_H
#define CT_CLI_OPTS_H

#include <stdio.h>

/* One option, getopt_long's model. */
typedef struct {
	/* What cli_opts_next returns for it: the short letter ('f' for -f,
	 * so it has one), or an id from 256 for a long-only option (the
	 * command's own 256-511; shared groups such as cli_input_opts, 512 up). */
	int id;
	const char *name; /* the long name, without "--" */
	const char *arg;  /* the value's name in --help ("FILE"); NULL: a flag */
	const char *help; /* its --help text; each '\n' starts an indented line */
} cli_opt;

#define CLI_OPT_END {0, NULL, NULL, NULL}

enum { CLI_ARGS_ANY = -1 };

/* A command: everything its parsing and its --help need. */
typedef struct {
	const char *name;   /* "story", "stance train": in "claimtrace NAME --help" */
	const char *usage;  /* --help up to the options: usage lines, what it does */
	const cli_opt *opts; /* its options, ending in CLI_OPT_END */
	const cli_opt *more; /* options shared with other commands, or NULL */
	const char *epilog; /* --help after the options, or NULL */
	int max_args;       /* operands allowed: 0, a number, or CLI_ARGS_ANY */
} cli_spec;

/* A parse in progress. Read value, args and nargs; the rest is private. */
typedef struct {
	const cli_spec *spec;
	const char *value; /* the value of the option just returned (NULL: a flag) */
	char **args;       /* the operands, in order, once cli_opts_next returned 0 */
	int nargs;
	int argc;
	char **argv;
} cli_opts;

/* What cli_opts_next returns after the options, besides 0 (all parsed). */
enum { CLI_OPTS_HELP = -1, CLI_OPTS_USAGE = -2 };

/* Starts parsing argv[1 .. argc) (argv[0] is the command's word). argv is
 * reordered: getopt_long moves the operands after the options. */
void cli_opts_init(cli_opts *p, const cli_spec *spec, int argc, char **argv);

/*
 * The next option's id, with its value in p->value; 0 when the options are
 * over (operands in p->args); CLI_OPTS_HELP when --help was asked for (the
 * help is printed on stdout); CLI_OPTS_USAGE after a usage error was printed
 * (unknown or ambiguous option, a missing or unwanted value, too many
 * operands).
 */
int cli_opts_next(cli_opts *p);

/* The exit code for a negative cli_opts_next: 0 after help, else 2. */
int cli_opts_exit(int o);

/* Prints "claimtrace: <fmt …>" and the --help hint for p's command; returns
 * the usage exit code (2), so that `return cli_opts_error(…)` ends a parse. */
int cli_opts_error(const cli_opts *p, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* The --help of a command: usage, options (with -h, --help), epilog. */
void cli_opts_help(const cli_spec *spec, FILE *f);

/* ---- subcommands ------------------------------------------------------ */

/* A subcommand: its word, what runs it (argv[0] is the word) and its line
 * in the group's --help ('\n' continues it, indented). */
typedef struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} cli_command;

/* A group of subcommands ("claimtrace", "claimtrace eval"). */
typedef struct {
	const char *name;       /* "" for claimtrace itself, "eval", "stance" */
	const char *usage;      /* --help before the list of commands */
	const cli_command *cmds; /* ending in a row of NULLs */
	const char *epilog;     /* --help after the list, or NULL */
} cli_group;

/*
 * Runs the command named by argv[1] with argv + 1 (argv[0] is the group's
 * word). -h, --help or help print the group's help (0); no command prints
 * it on stderr (2); an unknown one, one line and the hint (2).
 */
int cli_dispatch(const cli_group *g, int argc, char **argv);

/* The group's --help: usage, the commands and their summaries, epilog. */
void cli_group_help(const cli_group *g, FILE *f);

#endif
