/*
 * eval.c — 'claimtrace eval attribution': scores predicted attributions
 * against a PolNeAR split and prints precision, recall and F1 per role and
 * per attribution. Uses the public header only; the rules are the library's
 * (docs/eval.md).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "claimtrace.h"
#include "cli.h"


static const char usage_eval[] =
	"usage: claimtrace eval attribution --gold DIR [--pred DIR] [--format text|json]\n"
	"\n"
	"Without --pred, claimtrace extracts the attributions of DIR/text itself and\n"
	"scores them.\n"
	"\n"
	"Scores attributions against PolNeAR (brat standoff). DIR is a split in\n"
	"PolNeAR's layout: DIR/text/NAME.txt and DIR/attributions/NAME_ANNOTATOR.ann;\n"
	"each article is scored against its first annotator's file by name.\n"
	"\n"
	"Per role (source, cue, content): spans matched one-to-one, greedily in\n"
	"document order, exactly (same tokens) or by overlap (Jaccard >= 0.5). Per\n"
	"attribution: content overlaps, cue shares a token, source overlaps (two\n"
	"missing sources agree). Precision, recall and F1 pooled over articles.\n";

enum { O_DATA = 256 };

static const cli_opt eval_opts[] = {
	{'g', "gold", "DIR", "the gold split (required)"},
	{'p', "pred", "DIR", "predictions: NAME.ann files, or a split in PolNeAR's layout\n"
			     "(its first annotator's files are the predictions);\n"
			     "without it, claimtrace's own extraction"},
	{O_DATA, "data", "DIR", "lexicons and models for the extraction"},
	{'f', "format", "FMT", "text (default) or json"},
	{'q', "quiet", NULL, "no warnings on stderr"},
	CLI_OPT_END};

static const cli_spec eval_spec = {"eval attribution", usage_eval, eval_opts, NULL,
				   "\n"
				   "exit codes: 0 every article scored; 1 some skipped (named on stderr);\n"
				   "            2 usage error; 3 the gold split cannot be read\n",
				   0};

/* Runs the pipeline over gold/text and writes NAME.ann for each article
 * into `dir`. 0, or an exit code. */
static int extract_to(const char *gold, const char *data, const char *dir, int quiet)
{
	ct_ctx *ctx;
	if (cli_context(data, &ctx))
		return EXIT_FATAL;
	char path[4096];
	cli_path_join(path, sizeof path, gold, "text");
	ct_reader *r;
	ct_reader_open(&r, ctx, path, CT_IN_TXT);
	ct_doc *doc;
	int rc, out = 0;
	cli_meter meter;
	cli_meter_start(&meter, "articles extracted:", 0, quiet);
	while ((rc = ct_reader_next(r, &doc)) != 0) {
		cli_meter_tick(&meter, meter.done + 1);
		if (rc < 0) {
			if (!quiet)
				fprintf(stderr, "claimtrace: %s\n", ct_reader_error(r));
			continue;
		}
		rc = ct_doc_run(ctx, doc, CT_STAGE_LAST);
		if (rc) {
			fprintf(stderr, "claimtrace: %s: %s\n", ct_doc_meta(doc, CT_META_PATH), ct_strerror(rc));
			out = rc == CT_EDATA ? EXIT_FATAL : out;
		} else {
			snprintf(path, sizeof path, "%s/%s.ann", dir, ct_doc_meta(doc, CT_META_ID));
			FILE *f = fopen(path, "wb");
			if (!f || ct_doc_write(doc, CT_OUT_BRAT, f) || fclose(f)) {
				fprintf(stderr, "claimtrace: writing %s: %s\n", path, strerror(errno));
				out = EXIT_FATAL;
			}
		}
		ct_doc_free(doc);
		if (out == EXIT_FATAL)
			break;
	}
	cli_meter_end(&meter);
	ct_reader_free(r);
	ct_ctx_free(ctx);
	return out;
}

static void remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		char path[4096];
		while ((e = readdir(d)))
			if (e->d_name[0] != '.') {
				snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
				unlink(path);
			}
		closedir(d);
	}
	rmdir(dir);
}

static void text_row(const char *role, const char *kind, const ct_eval_count *c)
{
	double p, r, f;
	ct_eval_prf(c, &p, &r, &f);
	printf("%-12s %-8s %6.2f %6.2f %6.2f %7zu %7zu %7zu\n", role, kind, 100 * p, 100 * r, 100 * f, c->gold,
	       c->pred, c->match);
}

static void print_text(const ct_eval_result *res, const char *gold, const char *pred)
{
	printf("gold: %s\npredictions: %s\narticles: %zu scored, %zu skipped\n\n", gold, pred, res->articles,
	       res->skipped);
	printf("%-12s %-8s %6s %6s %6s %7s %7s %7s\n", "role", "match", "P", "R", "F1", "gold", "pred", "matched");
	for (int r = 0; r < CT_NROLES; r++) {
		text_row(ct_role_name((ct_role)r), "exact", &res->exact[r]);
		text_row(ct_role_name((ct_role)r), "overlap", &res->overlap[r]);
	}
	text_row("attribution", "", &res->attribution);
}

static void json_count(const char *key, const ct_eval_count *c, const char *after)
{
	double p, r, f;
	ct_eval_prf(c, &p, &r, &f);
	printf("\"%s\":{\"precision\":%.4f,\"recall\":%.4f,\"f1\":%.4f,\"gold\":%zu,\"pred\":%zu,\"match\":%zu}%s",
	       key, p, r, f, c->gold, c->pred, c->match, after);
}

/* Scores are fractions (0..1) in JSON, percentages in text. Directory names
 * are not echoed in JSON, to spare escaping arbitrary paths. */
static void print_json(const ct_eval_result *res)
{
	printf("{\"articles\":%zu,\"skipped\":%zu,\"roles\":{", res->articles, res->skipped);
	for (int r = 0; r < CT_NROLES; r++) {
		printf("\"%s\":{", ct_role_name((ct_role)r));
		json_count("exact", &res->exact[r], ",");
		json_count("overlap", &res->overlap[r], "}");
		printf("%s", r + 1 < CT_NROLES ? "," : "},");
	}
	json_count("attribution", &res->attribution, "}\n");
}

static int eval_attribution(int argc, char **argv)
{
	const char *gold = NULL, *pred = NULL, *data = NULL;
	int json = 0, quiet = 0, o;
	cli_opts p;
	cli_opts_init(&p, &eval_spec, argc, argv);
	while ((o = cli_opts_next(&p)) > 0) {
		switch (o) {
		case 'g':
			gold = p.value;
			break;
		case 'p':
			pred = p.value;
			break;
		case O_DATA:
			data = p.value;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'f':
			if (!strcmp(p.value, "json"))
				json = 1;
			else if (!strcmp(p.value, "text"))
				json = 0;
			else
				return cli_opts_error(&p, "unknown format '%s' (text, json)", p.value);
		}
	}
	if (o < 0)
		return cli_opts_exit(o);
	if (!gold)
		return cli_opts_error(&p, "%s", "--gold DIR is required");
	char tmpdir[] = "/tmp/claimtrace-eval-XXXXXX";
	int made = 0;
	if (!pred) {
		if (!mkdtemp(tmpdir)) {
			fprintf(stderr, "claimtrace: %s: %s\n", tmpdir, strerror(errno));
			return EXIT_FATAL;
		}
		made = 1;
		int xr = extract_to(gold, data, tmpdir, quiet);
		if (xr) {
			remove_dir(tmpdir);
			return xr;
		}
		pred = "claimtrace's own extraction";
	}
	ct_eval *ev = ct_eval_new();
	int rc = ct_eval_dirs(ev, gold, made ? tmpdir : pred);
	if (made)
		remove_dir(tmpdir);
	if (rc) {
		fprintf(stderr, "claimtrace: %s\n", ct_eval_error(ev));
		ct_eval_free(ev);
		return EXIT_FATAL;
	}
	if (!quiet)
		for (size_t i = 0; i < ct_eval_nwarnings(ev); i++)
			fprintf(stderr, "claimtrace: warning: %s\n", ct_eval_warning(ev, i));
	const ct_eval_result *res = ct_eval_get(ev);
	if (json)
		print_json(res);
	else
		print_text(res, gold, pred);
	int partial = res->skipped > 0;
	ct_eval_free(ev);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "claimtrace: writing output failed\n");
		return EXIT_FATAL;
	}
	return partial ? EXIT_PARTIAL : 0;
}

static const cli_command eval_commands[] = {
	{"attribution", eval_attribution, "attributions against PolNeAR's brat gold"},
	{"story", cli_eval_story, "the story map on FNC-1's stories"},
	{"emergent", cli_eval_emergent, "the story map tracing Emergent's claims (--claim)"},
	{"html", cli_eval_html, "article bodies read from web pages"},
	{"stories", cli_eval_stories, "stories found among FNC-1's bodies, against its related pairs"},
	{NULL, NULL, NULL}};

static const cli_group eval_group = {
	"eval",
	"usage: claimtrace eval attribution --gold DIR [--pred DIR] [--format text|json]\n"
	"       claimtrace eval story (--fnc DIR | --bodies FILE --stances FILE) [OPTIONS]\n"
	"       claimtrace eval emergent --emergent FILE [OPTIONS]\n"
	"       claimtrace eval html DIR [OPTIONS]\n"
	"\n"
	"Scores claimtrace against annotated data; 'claimtrace eval COMMAND --help' for\n"
	"its options.\n",
	eval_commands, NULL};

int cli_eval(int argc, char **argv)
{
	return cli_dispatch(&eval_group, argc, argv);
}
