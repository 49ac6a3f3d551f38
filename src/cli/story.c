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

#include "claimtrace.h"
#include "cli.h"
#include "pool.h"

static const char usage_story[] =
	"usage: claimtrace story [OPTIONS] FILES...\n"
	"\n"
	"Reads the articles of one story (files, directories, JSONL, CSV, web pages,\n"
	"WARC crawls or '-') and\n"
	"writes its map: every claim, who backs it and who denies or doubts it, the\n"
	"conflicts first, which outlets carried which side and lead with which,\n"
	"and a timeline with normalized dates. Articles that carry no statement on a\n"
	"claim get the stance model's reading (agree, disagree, discuss), marked as\n"
	"inferred, with its confidence, apart from the statements.\n"
	"\n"
	"options:\n"
	"  -f, --format FMT        text (default), json, markdown, html\n"
	"  -o, --output FILE       write to FILE instead of standard output\n"
	"  -i, --input-format FMT  auto (default: by extension and first bytes), txt,\n"
	"                          jsonl, csv, html or warc\n"
	"      --field F=KEY,...   take field F (text, title, url, outlet, published,\n"
	"                          author, id) from JSONL key or CSV column KEY\n"
	"      --outlet NAME       set the outlet of every article (else the input's,\n"
	"                          else the article id stands in)\n"
	"      --published DATE    set the publication date of every article\n"
	"  -c, --claim TEXT        trace a claim you give: listed first, marked given,\n"
	"                          with every article's stance toward it (repeatable)\n"
	"      --no-stance         no model readings: articles' stances from their\n"
	"                          statements alone (neither model is loaded)\n"
	"      --stance-model FILE the article stance model (default: stance.model in\n"
	"                          the data directory; a missing default is a warning,\n"
	"                          a missing FILE is fatal)\n"
	"      --statement-model FILE  the statement stance model (default:\n"
	"                          statement.model in the data directory; likewise)\n"
	"      --stance-confidence P  keep an article's stance from the models when they\n"
	"                          give it a probability of at least P (default 0: all)\n"
	"  -j, --threads N         worker threads (default: the number of cores)\n"
	"      --max-bytes N       refuse articles larger than N bytes\n"
	"      --data DIR          lexicons and models (default: $CLAIMTRACE_DATA or built in)\n"
	"  -q, --quiet             no warnings on stderr (errors still shown)\n"
	"  -h, --help              this help\n";

typedef struct {
	int format;
	const char *output;
	int no_stance;
	const char *stance_model; /* NULL: the data directory's */
	const char *statement_model;
	const char **claims;      /* --claim, in order */
	int nclaims;
	double stance_min;
	cli_input in;
} options;

typedef struct {
	const ct_ctx *ctx;
	const options *opt;
	ct_story *story;
	int failed;
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
	if (!st->opt->in.quiet || rc)
		for (size_t i = 0; i < ct_doc_nwarnings(doc); i++)
			fprintf(stderr, "claimtrace: warning: %s\n", ct_doc_warning(doc, i));
	if (rc) {
		const char *path = ct_doc_meta(doc, CT_META_PATH), *id = ct_doc_meta(doc, CT_META_ID);
		fprintf(stderr, "claimtrace: %s: %s: %s\n", path ? path : "-", id ? id : "article", ct_strerror(rc));
		st->failed = 1;
	} else {
		ct_story_add_part(st->story, result);
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
	cli_pool p = {ctx, &opt->in, work, add, NULL, st};
	if (cli_pool_run(&p, files, nfiles))
		st->failed = 1;
}

int cli_story(int argc, char **argv)
{
	options opt = {CT_STORY_TEXT, NULL, 0, NULL, NULL, NULL, 0, CT_STORY_STANCE_MIN, {0}};
	opt.claims = calloc((size_t)argc + 1, sizeof *opt.claims);
	cli_input_init(&opt.in);
	char **files = calloc((size_t)argc + 1, sizeof *files);
	int nfiles = 0, rc = 0, taken;
	if (!files)
		return EXIT_FATAL;
	for (int i = 0; i < argc && !rc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define TAKES(s, l) ((!strcmp(a, s) || !strcmp(a, l)) && (v ? (i++, 1) : (rc = cli_usage_error("story", "%s needs a value", a), 0)))
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage_story, stdout);
			free(files);
			free(opt.claims);
			return 0;
		} else if ((taken = cli_input_option(&opt.in, "story", argc, argv, &i)) != 0) {
			rc = taken == 1 ? 0 : taken;
		} else if (TAKES("-f", "--format")) {
			if ((opt.format = ct_story_format_from_name(v)) < 0)
				rc = cli_usage_error("story", "unknown story format '%s' (text, json, markdown, html)", v);
		} else if (TAKES("-o", "--output")) {
			opt.output = v;
		} else if (!strcmp(a, "--no-stance")) {
			opt.no_stance = 1;
		} else if (TAKES("--stance-model", "--stance-model")) {
			opt.stance_model = v;
		} else if (TAKES("--statement-model", "--statement-model")) {
			opt.statement_model = v;
		} else if (TAKES("-c", "--claim")) {
			if (!v[strspn(v, " \t\n")])
				rc = cli_usage_error("story", "%s", "--claim needs a text");
			else
				opt.claims[opt.nclaims++] = v;
		} else if (TAKES("--stance-confidence", "--stance-confidence")) {
			char *end;
			errno = 0;
			opt.stance_min = strtod(v, &end);
			if (errno || end == v || *end || !(opt.stance_min >= 0 && opt.stance_min <= 1))
				rc = cli_usage_error("story", "--stance-confidence takes a probability from 0 to 1, not '%s'", v);
		} else if (!rc && a[0] == '-' && a[1]) {
			rc = cli_usage_error("story", "unknown option '%s'", a);
		} else if (!rc) {
			files[nfiles++] = argv[i];
		}
#undef TAKES
	}
	if (!rc && !nfiles)
		rc = cli_usage_error("story", "%s", "no input files (use '-' for standard input)");
	if (rc) {
		free(files);
		free(opt.claims);
		return rc;
	}
	ct_ctx *ctx;
	if ((rc = cli_input_context(&opt.in, CT_STAGE_LAST, &ctx)) != 0) {
		free(files);
		free(opt.claims);
		return rc;
	}
	ct_stance_model *model = NULL;
	ct_statement_model *smodel = NULL;
	if (!opt.no_stance && ((rc = load_stance(&opt, &model)) != 0 || (rc = load_statement(&opt, &smodel)) != 0)) {
		ct_stance_model_free(model);
		ct_ctx_free(ctx);
		free(files);
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
		free(files);
		free(opt.claims);
		return EXIT_FATAL;
	}
	run_state st = {ctx, &opt, ct_story_new(ctx), 0};
	if (model)
		ct_story_set_stance(st.story, model, opt.stance_min);
	if (smodel)
		ct_story_set_statement(st.story, smodel);
	for (int k = 0; k < opt.nclaims; k++)
		ct_story_add_claim(st.story, opt.claims[k]);
	ct_story_set_threads(st.story, opt.in.threads);
	read_all(ctx, &opt, files, nfiles, &st);
	ct_story_build(st.story);
	int fatal = 0;
	if (ct_story_write(st.story, (ct_story_format)opt.format, f) != 0 ||
	    (opt.output ? fclose(f) : fflush(f)) != 0) {
		fprintf(stderr, "claimtrace: writing %s: %s\n", opt.output ? opt.output : "output", strerror(errno));
		fatal = 1;
	}
	ct_story_free(st.story);
	ct_stance_model_free(model);
	ct_statement_model_free(smodel);
	ct_ctx_free(ctx);
	free(files);
	free(opt.claims);
	return fatal ? EXIT_FATAL : st.failed ? EXIT_PARTIAL : 0;
}
