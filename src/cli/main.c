/*
 * main.c — the claimtrace command line: the table of its commands (a new
 * command is a row here and a cli_spec of its own, opts.h), and `extract`.
 * Uses the public header only, and SQLite's for one setting of the
 * process.
 *
 * Exit codes: 0 all input processed; 1 some files or records failed (each
 * named on stderr; the rest was processed); 2 a usage error; 3 a fatal
 * error (data files, an output write).
 */
#include <errno.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "claimtrace.h"
#include "cli.h"
#include "pool.h"

static const char usage_extract[] =
	"usage: claimtrace extract [OPTIONS] FILES...\n"
	"\n"
	"Reads articles from files, directories (their text, JSONL, CSV, HTML and WARC\n"
	"files, gzip-compressed or not) or '-' (standard input), runs each through the\n"
	"pipeline and writes one record per article to standard output, in input order.\n";

static const cli_opt extract_opts[] = {
	{'f', "format", "FMT", "jsonl (default), text, or brat (with --out)"},
	{'o', "out", "DIR", "with --format brat: write DIR/NAME.ann per article"},
	{'u', "until", "STAGE", "stop after STAGE: read, normalize, segment, tag, resolve,\n"
				"attribute, code (default: attribute)"},
	CLI_OPT_END};

static const cli_spec extract_spec = {"extract", usage_extract, extract_opts, cli_input_opts, NULL, CLI_ARGS_ANY};

typedef struct {
	int format, until;
	const char *out_dir;
	cli_input in;
} options;

/* ---- running ---------------------------------------------------------- */

typedef struct {
	const ct_ctx *ctx;
	const options *opt;
	int failed, fatal;
} run_state;

/* A rendered record. */
typedef struct {
	char *out;
	size_t len;
} record;

/* On a worker: the pipeline, then the record. */
static void work(void *arg, ct_doc *doc, void **result, int *rc)
{
	const run_state *st = arg;
	*rc = ct_doc_run(st->ctx, doc, (ct_stage)st->opt->until);
	if (*rc)
		return;
	record *r = malloc(sizeof *r);
	if (!r) {
		fprintf(stderr, "claimtrace: out of memory\n");
		exit(EXIT_FATAL);
	}
	r->out = ct_doc_render(doc, (ct_output_format)st->opt->format, &r->len);
	*result = r;
}

/* In input order: writes the record, or says why there is none. */
static void emit(void *arg, ct_doc *doc, void *result, int rc)
{
	run_state *st = arg;
	const options *opt = st->opt;
	record *r = result;
	if (cli_doc_report(&opt->in, doc, rc)) {
		st->failed = 1;
	} else if (opt->out_dir) {
		const char *id = ct_doc_meta(doc, CT_META_ID);
		char path[4096];
		char name[1024];
		snprintf(name, sizeof name, "%s.ann", id && *id && !strchr(id, '/') ? id : "article");
		cli_path_join(path, sizeof path, opt->out_dir, name);
		FILE *f = fopen(path, "wb");
		if (!f || fwrite(r->out, 1, r->len, f) != r->len || fclose(f)) {
			fprintf(stderr, "claimtrace: writing %s: %s\n", path, strerror(errno));
			st->fatal = 1;
		}
	} else if (!st->fatal && fwrite(r->out, 1, r->len, stdout) != r->len) {
		fprintf(stderr, "claimtrace: writing output: %s\n", strerror(errno));
		st->fatal = 1;
	}
	if (r)
		free(r->out);
	free(r);
	ct_doc_free(doc);
}

static int stop(void *arg)
{
	return ((const run_state *)arg)->fatal;
}

static int run_extract(const ct_ctx *ctx, const options *opt, char **files, int nfiles)
{
	run_state st = {ctx, opt, 0, 0};
	cli_pool p = {ctx, &opt->in, work, emit, stop, &st, 0};
	if (cli_pool_run(&p, files, nfiles))
		st.failed = 1;
	if (fflush(stdout) != 0 && !st.fatal) {
		fprintf(stderr, "claimtrace: writing output: %s\n", strerror(errno));
		st.fatal = 1;
	}
	return st.fatal ? EXIT_FATAL : st.failed ? EXIT_PARTIAL : 0;
}

/* ---- arguments ---------------------------------------------------------- */

static int cmd_extract(int argc, char **argv)
{
	/* by default up to attribute: extract shows no frames; `story` runs the code stage */
	options opt = {CT_OUT_JSONL, CT_STAGE_ATTRIBUTE, NULL, {0}};
	cli_input_init(&opt.in);
	cli_opts p;
	int o, rc;
	cli_opts_init(&p, &extract_spec, argc, argv);
	while ((o = cli_opts_next(&p)) > 0) {
		switch (o) {
		case 'f':
			if ((opt.format = ct_output_format_from_name(p.value)) < 0)
				return cli_opts_error(&p, "unknown output format '%s' (jsonl, text, brat)", p.value);
			break;
		case 'u':
			if ((opt.until = ct_stage_from_name(p.value)) < 0)
				return cli_opts_error(&p,
						      "unknown stage '%s' (read, normalize, segment, tag, resolve, attribute, code)",
						      p.value);
			break;
		case 'o':
			opt.out_dir = p.value;
			break;
		default:
			if ((rc = cli_input_option(&opt.in, &p, o)) != 0)
				return rc;
		}
	}
	if (o < 0)
		return cli_opts_exit(o);
	if (!p.nargs)
		return cli_opts_error(&p, "%s", "no input files (use '-' for standard input)");
	if ((opt.format == CT_OUT_BRAT) != (opt.out_dir != NULL))
		return cli_opts_error(&p, "%s", "--format brat and --out DIR go together (one NAME.ann per article in DIR)");
	if (opt.out_dir && mkdir(opt.out_dir, 0777) && errno != EEXIST) {
		fprintf(stderr, "claimtrace: %s: %s\n", opt.out_dir, strerror(errno));
		return EXIT_FATAL;
	}
	ct_ctx *ctx;
	if ((rc = cli_input_context(&opt.in, (ct_stage)opt.until, &ctx)) != 0)
		return rc;
	rc = run_extract(ctx, &opt, p.args, p.nargs);
	ct_ctx_free(ctx);
	return rc;
}

static const cli_command commands[] = {
	{"extract", cmd_extract, "read articles and run the pipeline on each, one record per article"},
	{"story", cli_story, "the story map: claims, sides, conflicts, outlets, timeline"},
	{"stories", cli_stories, "which articles tell the same story: articles grouped into stories"},
	{"train", cli_train, "learn a model from annotated data ('claimtrace train attribution',\n"
			     "'claimtrace train statement')"},
	{"eval", cli_eval, "score attributions against PolNeAR ('claimtrace eval attribution'),\n"
			   "the story map on FNC-1's stories ('eval story'), Emergent's claims\n"
			   "('eval emergent'), bodies read from web pages ('eval html') and the\n"
			   "stories found among FNC-1's bodies ('eval stories')"},
	{"stance", cli_stance, "agree / disagree / discuss / unrelated of a body toward a headline\n"
			       "(FNC-1): split, train, predict, eval"},
	{"ingest", cli_ingest, "add articles to an archive (an SQLite file): 'ingest --db FILE INPUTS'"},
	{"query", cli_query, "the statements in an archive, by speaker, words, outlet and date"},
	{"reprints", cli_reprints, "wire reprints in an archive, each linked to its earliest copy, with\n"
				   "the passages they share"},
	{"serve", cli_serve, "the archive as a local web app: stories, maps, articles, speakers,\n"
			     "outlets and search, in a browser (docs/api.md)"},
	{NULL, NULL, NULL}};

static const cli_group main_group = {
	"",
	"usage: claimtrace COMMAND [OPTIONS] [FILES...]\n"
	"\n"
	"Maps who said what across news articles on one story.\n",
	commands,
	"\n"
	"options:\n"
	"  -h, --help     this help; 'claimtrace COMMAND --help' for a command's\n"
	"  -V, --version  the version\n"
	"\n"
	"exit codes: 0 success; 1 some inputs failed (named on stderr), the rest done;\n"
	"            2 usage error; 3 fatal error (data files, writing output)\n"};

int main(int argc, char **argv)
{
	/* SQLite counts every allocation under a process-wide lock unless told
	 * not to; nothing here reads the counts. A library must leave that
	 * setting to its program, so it is made here: 5% of the instructions
	 * of an ingest's writing thread (FNC-1's first 1,000 bodies, callgrind) */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (argc > 1 && (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version"))) {
		printf("claimtrace %s\n", CT_VERSION);
		return 0;
	}
	return cli_dispatch(&main_group, argc, argv);
}
