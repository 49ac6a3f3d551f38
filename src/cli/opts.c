/*
 * opts.c — options and subcommands from tables (opts.h).
 *
 * getopt_long does the parsing, so every command takes the forms a GNU
 * tool does; its own messages are off (opterr = 0) because they name the
 * program, not the subcommand, and give no hint where help is. The
 * getopt_long tables are rebuilt on each call from the spec: a few dozen
 * rows, cheaper than keeping them in sync.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "opts.h"

enum { MAX_OPTS = 64, HELP_COL = 26, CMD_COL = 12 };

static void hint(const char *name)
{
	fprintf(stderr, "Try 'claimtrace%s%s --help' for more information.\n", *name ? " " : "", name);
}

int cli_opts_error(const cli_opts *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("claimtrace: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	hint(p->spec->name);
	return EXIT_USAGE;
}

int cli_opts_exit(int o)
{
	return o == CLI_OPTS_HELP ? 0 : EXIT_USAGE;
}

void cli_opts_init(cli_opts *p, const cli_spec *spec, int argc, char **argv)
{
	*p = (cli_opts){spec, NULL, NULL, 0, argc, argv};
	optind = 0; /* glibc: 0 starts a new parse, resetting its internal state */
	opterr = 0;
}

/* -h, --help: every command's, so in no table. */
static const cli_opt help_row[] = {{'h', "help", NULL, "this help"}, CLI_OPT_END};

/* The tables of a command's options, help's first. */
static void tables(const cli_spec *s, const cli_opt *t[3])
{
	t[0] = help_row, t[1] = s->opts, t[2] = s->more;
}

/* The row of `id` in the spec's tables, or NULL. */
static const cli_opt *find(const cli_spec *s, int id)
{
	const cli_opt *tabs[3];
	tables(s, tabs);
	for (int i = 0; i < 3; i++)
		for (const cli_opt *t = tabs[i]; t && t->name; t++)
			if (t->id == id)
				return t;
	return NULL;
}

/* How many long names the first n bytes of `word` begin. */
static int prefix_matches(const cli_spec *s, const char *word, size_t n)
{
	int k = 0;
	const cli_opt *tabs[3];
	tables(s, tabs);
	for (int i = 0; i < 3; i++)
		for (const cli_opt *t = tabs[i]; t && t->name; t++)
			k += !strncmp(t->name, word, n);
	return k;
}

/*
 * After getopt_long reported a problem: says which, in one line. What
 * glibc leaves tells them apart: optopt is 0 for an unknown or ambiguous
 * long option, the option's id for one given a value it does not take or
 * missing its value, and the letter for an unknown short one; optind is
 * past the element in question except inside a bundle of short options.
 */
static int report(cli_opts *p, int ret)
{
	const char *written = optind > 0 && optind <= p->argc ? p->argv[optind - 1] : "";
	const cli_opt *o = optopt ? find(p->spec, optopt) : NULL;
	if (ret == ':' && o)
		return strncmp(written, "--", 2) ? cli_opts_error(p, "-%c needs a value", optopt)
						 : cli_opts_error(p, "--%s needs a value", o->name);
	if (o)
		return cli_opts_error(p, "--%s takes no value", o->name);
	if (optopt)
		return cli_opts_error(p, "unknown option '-%c'", optopt);
	const char *word = written + strspn(written, "-");
	size_t n = strcspn(word, "=");
	if (prefix_matches(p->spec, word, n) > 1)
		return cli_opts_error(p, "option '--%.*s' is ambiguous", (int)n, word);
	return cli_opts_error(p, "unknown option '--%.*s'", (int)n, word);
}

static void add(struct option *lo, char *so, int *nl, size_t *ns, const cli_opt *t)
{
	lo[(*nl)++] = (struct option){t->name, t->arg ? required_argument : no_argument, NULL, t->id};
	if (t->id > 0 && t->id < 256) {
		so[(*ns)++] = (char)t->id;
		if (t->arg)
			so[(*ns)++] = ':';
	}
}

int cli_opts_next(cli_opts *p)
{
	struct option lo[MAX_OPTS + 2];
	char so[3 * MAX_OPTS + 4];
	int nl = 0;
	size_t ns = 0;
	so[ns++] = ':'; /* a missing value returns ':', apart from unknown options */
	const cli_opt *tabs[3];
	tables(p->spec, tabs);
	for (int i = 0; i < 3; i++)
		for (const cli_opt *t = tabs[i]; t && t->name; t++) {
			/* a table too long for these arrays is a defect any run finds */
			if (nl == MAX_OPTS) {
				fprintf(stderr, "claimtrace: %s: more than %d options\n", p->spec->name, MAX_OPTS);
				abort();
			}
			add(lo, so, &nl, &ns, t);
		}
	lo[nl] = (struct option){NULL, 0, NULL, 0};
	so[ns] = '\0';

	p->value = NULL;
	int ret = getopt_long(p->argc, p->argv, so, lo, NULL);
	if (ret == 'h') {
		cli_opts_help(p->spec, stdout);
		return CLI_OPTS_HELP;
	}
	if (ret == '?' || ret == ':') {
		report(p, ret);
		return CLI_OPTS_USAGE;
	}
	if (ret != -1) {
		p->value = optarg;
		return ret;
	}
	p->args = p->argv + optind;
	p->nargs = p->argc - optind;
	if (p->spec->max_args != CLI_ARGS_ANY && p->nargs > p->spec->max_args) {
		cli_opts_error(p, "unexpected argument '%s'", p->args[p->spec->max_args]);
		return CLI_OPTS_USAGE;
	}
	return 0;
}

/* `left`, then `text` from column `col` (two spaces at least), each '\n' of
 * it a new line indented to the column. */
static void item(FILE *f, const char *left, const char *text, int col)
{
	int n = fprintf(f, "%s", left);
	fprintf(f, "%*s", n + 2 > col ? 2 : col - n, "");
	for (const char *s = text; *s; s++) {
		fputc(*s, f);
		if (*s == '\n')
			fprintf(f, "%*s", col, "");
	}
	fputc('\n', f);
}

static void help_rows(FILE *f, const cli_opt *t)
{
	char left[128];
	for (; t && t->name; t++) {
		int n = t->id < 256 ? snprintf(left, sizeof left, "  -%c, --%s", t->id, t->name)
				    : snprintf(left, sizeof left, "      --%s", t->name);
		if (t->arg && n > 0 && (size_t)n < sizeof left)
			snprintf(left + n, sizeof left - (size_t)n, " %s", t->arg);
		item(f, left, t->help, HELP_COL);
	}
}

void cli_opts_help(const cli_spec *spec, FILE *f)
{
	fputs(spec->usage, f);
	fputs("\noptions:\n", f);
	help_rows(f, spec->opts);
	help_rows(f, spec->more);
	help_rows(f, help_row);
	if (spec->epilog)
		fputs(spec->epilog, f);
}

void cli_group_help(const cli_group *g, FILE *f)
{
	char left[64];
	int col = CMD_COL;
	for (const cli_command *c = g->cmds; c->name; c++)
		if ((int)strlen(c->name) + 5 > col)
			col = (int)strlen(c->name) + 5;
	fputs(g->usage, f);
	fputs("\ncommands:\n", f);
	for (const cli_command *c = g->cmds; c->name; c++) {
		snprintf(left, sizeof left, "  %s", c->name);
		item(f, left, c->summary, col);
	}
	if (g->epilog)
		fputs(g->epilog, f);
}

int cli_dispatch(const cli_group *g, int argc, char **argv)
{
	if (argc < 2) {
		cli_group_help(g, stderr);
		return EXIT_USAGE;
	}
	const char *w = argv[1];
	if (!strcmp(w, "-h") || !strcmp(w, "--help") || !strcmp(w, "help")) {
		cli_group_help(g, stdout);
		return 0;
	}
	for (const cli_command *c = g->cmds; c->name; c++)
		if (!strcmp(c->name, w))
			return c->run(argc - 1, argv + 1);
	if (w[0] == '-')
		fprintf(stderr, "claimtrace: unknown option '%s'\n", w);
	else
		fprintf(stderr, "claimtrace: unknown command '%s%s%s'\n", g->name, *g->name ? " " : "", w);
	hint(g->name);
	return EXIT_USAGE;
}
