/*
 * story.c — `claimtrace story`: the story map of a set of articles.
 * Uses the public header only.
 *
 * Articles are read in order on the main thread, run through the pipeline
 * and reduced to a story part on worker threads (a ring of slots, as in
 * `extract`), and the parts are added to the story in input order, so the
 * output does not depend on the number of threads. A document is freed as
 * soon as its part is made.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "claimtrace.h"
#include "cli.h"
#include "pool.h"

static const char usage_story[] =
	"usage: claimtrace story [OPTIONS] FILES...\n"
	"       claimtrace story [OPTIONS] --db FILE --story ID\n"
	"\n"
	"Reads the articles of one story (files, directories, JSONL, CSV, web pages,\n"
	"WARC crawls or '-') and writes its map: every claim, who backs it and who\n"
	"denies or doubts it, the conflicts first, which outlets carried which side\n"
	"and lead with which, and a timeline with normalized dates. Articles that carry no statement on a\n"
	"claim get the stance model's reading (agree, disagree, discuss), marked as\n"
	"inferred, with its confidence, apart from the statements.\n"
;

enum { O_NO_STANCE = 256, O_STANCE_MODEL, O_STATEMENT_MODEL, O_STANCE_CONFIDENCE, O_DB, O_STORY };

static const cli_opt story_opts[] = {
	{'f', "format", "FMT", "text (default), json, markdown, html"},
	{'o', "output", "FILE", "write to FILE instead of standard output"},
	{'c', "claim", "TEXT", "trace a claim you give: listed first, marked given,\n"
			       "with every article's stance toward it (repeatable)"},
	{O_NO_STANCE, "no-stance", NULL, "no model readings: articles' stances from their\n"
					 "statements alone (neither model is loaded)"},
	{O_STANCE_MODEL, "stance-model", "FILE", "the article stance model (default: stance.model in\n"
						 "the data directory; a missing default is a warning,\n"
						 "a missing FILE is fatal)"},
	{O_STATEMENT_MODEL, "statement-model", "FILE", "the statement stance model (default:\n"
						       "statement.model in the data directory; likewise)"},
	{O_STANCE_CONFIDENCE, "stance-confidence", "P", "keep an article's stance from the models when they\n"
							"give it a probability of at least P (default 0: all)"},
	{O_DB, "db", "FILE", "draw the map of a story of the archive FILE (with\n"
			     "--story), not of input files"},
	{O_STORY, "story", "ID", "with --db: the story's id ('claimtrace stories --db')"},
	CLI_OPT_END};

static const cli_spec story_spec = {"story", usage_story, story_opts, cli_input_opts, NULL, CLI_ARGS_ANY};

typedef struct {
	int format;
	const char *output;
	int no_stance;
	const char *stance_model; /* NULL: the data directory's */
	const char *statement_model;
	const char **claims;      /* --claim, in order */
	int nclaims;
	double stance_min;
	const char *db;  /* --db: the archive, and --story */
	long story;
	cli_input in;
} options;

typedef struct {
	const ct_ctx *ctx;
	const options *opt;
	ct_story *story;
	int failed;
	size_t added; /* articles in the story */
} run_state;

/* On a worker: the pipeline up to the event frames, then what the story keeps. */
static void work(void *arg, ct_doc *doc, void **result, int *rc)
{
	const run_state *st = arg;
	*rc = ct_doc_run(st->ctx, doc, CT_STAGE_CODE);
	if (!*rc)
		*result = ct_story_part_new(st->ctx, doc);
}

/* In input order: into the story, or a line saying why not. */
static void add(void *arg, ct_doc *doc, void *result, int rc)
{
	run_state *st = arg;
	if (cli_doc_report(&st->opt->in, doc, rc)) {
		st->failed = 1;
	} else {
		ct_story_add_part(st->story, result);
		st->added++;
	}
	ct_doc_free(doc);
}

/*
 * The stance model, into *model (NULL when there is none to use). One named
 * with --stance-model was asked for: if it cannot be loaded, that is fatal.
 * The data directory's is part of the default map: without it the map is
 * still worth having, so a warning says what is missing and the map goes
 * without inferred stances (its JSON says "stance_model": null).
 */
static int load_stance(const options *opt, ct_stance_model **model)
{
	ct_stance_model *m;
	if (!ct_stance_model_load(&m, opt->stance_model, opt->in.datadir)) {
		*model = m;
		return 0;
	}
	int fatal = opt->stance_model != NULL;
	if (fatal)
		fprintf(stderr, "claimtrace: %s\n", ct_stance_model_error(m));
	else if (!opt->in.quiet)
		fprintf(stderr, "claimtrace: warning: %s; the map has no inferred stances (--no-stance: not asked for)\n",
			ct_stance_model_error(m));
	ct_stance_model_free(m);
	*model = NULL;
	return fatal ? EXIT_FATAL : 0;
}

/* The statement model, likewise: named with --statement-model, fatal if it
 * cannot be loaded; the data directory's, a warning. */
static int load_statement(const options *opt, ct_statement_model **model)
{
	ct_statement_model *m;
	if (!ct_statement_model_load(&m, opt->statement_model, opt->in.datadir)) {
		*model = m;
		return 0;
	}
	int fatal = opt->statement_model != NULL;
	if (fatal)
		fprintf(stderr, "claimtrace: %s\n", ct_statement_model_error(m));
	else if (!opt->in.quiet)
		fprintf(stderr, "claimtrace: warning: %s; statements are not read against claims (--no-stance: not asked for)\n",
			ct_statement_model_error(m));
	ct_statement_model_free(m);
	*model = NULL;
	return fatal ? EXIT_FATAL : 0;
}

static void read_all(const ct_ctx *ctx, const options *opt, char **files, int nfiles, run_state *st)
{
	cli_pool p = {ctx, &opt->in, work, add, NULL, st, 0};
	if (cli_pool_run(&p, files, nfiles))
		st->failed = 1;
}

int cli_story(int argc, char **argv)
{
	options opt = {CT_STORY_TEXT, NULL, 0, NULL, NULL, NULL, 0, CT_STORY_STANCE_MIN, NULL, 0, {0}};
	cli_input_init(&opt.in);
	cli_opts p;
	int o = 0, rc = 0;
	cli_opts_init(&p, &story_spec, argc, argv);
	char *end;
	while (!rc && (o = cli_opts_next(&p)) > 0) {
		switch (o) {
		case 'f':
			if ((opt.format = ct_story_format_from_name(p.value)) < 0)
				rc = cli_opts_error(&p, "unknown story format '%s' (text, json, markdown, html)", p.value);
			break;
		case 'o':
			opt.output = p.value;
			break;
		case O_NO_STANCE:
			opt.no_stance = 1;
			break;
		case O_STANCE_MODEL:
			opt.stance_model = p.value;
			break;
		case O_STATEMENT_MODEL:
			opt.statement_model = p.value;
			break;
		case 'c':
			if (!p.value[strspn(p.value, " \t\n")]) {
				rc = cli_opts_error(&p, "%s", "--claim needs a text");
			} else {
				const char **c = realloc(opt.claims, ((size_t)opt.nclaims + 1) * sizeof *c);
				if (!c) {
					rc = EXIT_FATAL;
					break;
				}
				opt.claims = c;
				opt.claims[opt.nclaims++] = p.value;
			}
			break;
		case O_STANCE_CONFIDENCE:
			errno = 0;
			opt.stance_min = strtod(p.value, &end);
			if (errno || end == p.value || *end || !(opt.stance_min >= 0 && opt.stance_min <= 1))
				rc = cli_opts_error(&p, "--stance-confidence takes a probability from 0 to 1, not '%s'",
						    p.value);
			break;
		case O_DB:
			opt.db = p.value;
			break;
		case O_STORY:
			if (cli_parse_count(p.value, 1L << 40, &opt.story))
				rc = cli_opts_error(&p, "--story takes a story's id (a number from 1), not '%s'", p.value);
			break;
		default:
			rc = cli_input_option(&opt.in, &p, o);
		}
	}
	if (!rc && o < 0)
		rc = cli_opts_exit(o);
	if (!rc && o == 0 && opt.db && (p.nargs || !opt.story))
		rc = cli_opts_error(&p, "%s",
				    p.nargs ? "--db draws a story of the archive: no input files with it"
					    : "--db needs --story ID ('claimtrace stories --db FILE' lists them)");
	if (!rc && o == 0 && !opt.db && opt.story)
		rc = cli_opts_error(&p, "%s", "--story ID goes with --db FILE");
	if (!rc && o == 0 && !p.nargs && !opt.db)
		rc = cli_opts_error(&p, "%s", "no input files (use '-' for standard input)");
	if (rc || o < 0) {
		free(opt.claims);
		return rc;
	}
	char **files = p.args;
	int nfiles = p.nargs;
	ct_ctx *ctx;
	if ((rc = cli_input_context(&opt.in, CT_STAGE_LAST, &ctx)) != 0) {
		free(opt.claims);
		return rc;
	}
	ct_stance_model *model = NULL;
	ct_statement_model *smodel = NULL;
	if (!opt.no_stance && ((rc = load_stance(&opt, &model)) != 0 || (rc = load_statement(&opt, &smodel)) != 0)) {
		ct_stance_model_free(model);
		ct_ctx_free(ctx);
		free(opt.claims);
		return rc;
	}
	/* opened before the articles are read: a bad path fails now, not after the run */
	FILE *f = opt.output ? fopen(opt.output, "wb") : stdout;
	if (!f) {
		fprintf(stderr, "claimtrace: writing %s: %s\n", opt.output, strerror(errno));
		ct_stance_model_free(model);
		ct_statement_model_free(smodel);
		ct_ctx_free(ctx);
		free(opt.claims);
		return EXIT_FATAL;
	}
	run_state st = {ctx, &opt, ct_story_new(ctx), 0, 0};
	if (model)
		ct_story_set_stance(st.story, model, opt.stance_min);
	if (smodel)
		ct_story_set_statement(st.story, smodel);
	for (int k = 0; k < opt.nclaims; k++)
		ct_story_add_claim(st.story, opt.claims[k]);
	ct_story_set_threads(st.story, opt.in.threads);
	int fatal = 0;
	if (opt.db) {
		ct_store *store;
		int err = ct_store_open(&store, opt.db, CT_STORE_READ);
		if (!err)
			err = ct_store_story_add(store, ctx, st.story, opt.story, NULL);
		if (err) {
			fprintf(stderr, "claimtrace: %s\n", ct_store_error(store));
			fatal = err != CT_EARG;
		} else {
			st.added = ct_story_narticles(st.story);
		}
		ct_store_close(store);
	} else {
		read_all(ctx, &opt, files, nfiles, &st);
	}
	if (!st.added) {
		/* an empty map would say the coverage holds no claim, when there was none read */
		if (!fatal)
			fprintf(stderr, "claimtrace: no article could be read, so no map was written\n");
		st.failed = 1;
		if (opt.output) { /* opened early to fail early: nothing to keep */
			fclose(f);
			remove(opt.output);
		}
		goto out;
	}
	int tty = !opt.in.quiet && isatty(2);
	if (tty)
		fprintf(stderr, "building the map of %zu article%s...", st.added, st.added == 1 ? "" : "s");
	ct_story_build(st.story);
	if (tty)
		fputs("\r\033[K", stderr);
	if (ct_story_write(st.story, (ct_story_format)opt.format, f) != 0 ||
	    (opt.output ? fclose(f) : fflush(f)) != 0) {
		fprintf(stderr, "claimtrace: writing %s: %s\n", opt.output ? opt.output : "output", strerror(errno));
		fatal = 1;
	}
out:
	ct_story_free(st.story);
	ct_stance_model_free(model);
	ct_statement_model_free(smodel);
	ct_ctx_free(ctx);
	free(opt.claims);
	return fatal ? EXIT_FATAL : st.failed ? EXIT_PARTIAL : 0;
}
