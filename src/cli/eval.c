/*
 * eval.c — 'claimtrace eval attribution': scores predicted attributions
 * against a PolNeAR split and prints precision, recall and F1 per role and
 * per attribution. Uses the public header only; the rules are the library's
 * (docs/eval.md).
 */
#include <stdio.h>
#include <string.h>

#include "claimtrace.h"
#include "cli.h"


static const char usage_eval[] =
	"usage: claimtrace eval attribution --gold DIR [--pred DIR] [--format text|json]\n"
	"\n"
	"Scores attributions against PolNeAR (brat standoff). DIR is a split in\n"
	"PolNeAR's layout: DIR/text/NAME.txt and DIR/attributions/NAME_ANNOTATOR.ann;\n"
	"each article is scored against its first annotator's file by name.\n"
	"\n"
	"Per role (source, cue, content): spans matched one-to-one, greedily in\n"
	"document order, exactly (same tokens) or by overlap (Jaccard >= 0.5). Per\n"
	"attribution: content overlaps, cue shares a token, source overlaps (two\n"
	"missing sources agree). Precision, recall and F1 pooled over articles.\n"
	"\n"
	"options:\n"
	"  -g, --gold DIR      the gold split (required)\n"
	"  -p, --pred DIR      predictions: NAME.ann files, or a split in PolNeAR's layout\n"
	"                      (its first annotator's files are the predictions)\n"
	"  -f, --format FMT    text (default) or json\n"
	"  -q, --quiet         no warnings on stderr\n"
	"  -h, --help          this help\n"
	"\n"
	"exit codes: 0 every article scored; 1 some skipped (named on stderr);\n"
	"            2 usage error; 3 the gold split cannot be read\n";

static int bad_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "claimtrace: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n(see 'claimtrace eval --help')\n");
	return EXIT_USAGE;
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

int cli_eval(int argc, char **argv)
{
	if (argc < 1) {
		fputs(usage_eval, stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[0], "-h") || !strcmp(argv[0], "--help")) {
		fputs(usage_eval, stdout);
		return 0;
	}
	if (strcmp(argv[0], "attribution"))
		return bad_usage("unknown evaluation '%s' (attribution)", argv[0]);
	const char *gold = NULL, *pred = NULL;
	int json = 0, quiet = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		int takes = !strcmp(a, "-g") || !strcmp(a, "--gold") || !strcmp(a, "-p") || !strcmp(a, "--pred") ||
			    !strcmp(a, "-f") || !strcmp(a, "--format");
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage_eval, stdout);
			return 0;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			quiet = 1;
		} else if (takes && !v) {
			return bad_usage("%s needs a value", a);
		} else if (!strcmp(a, "-g") || !strcmp(a, "--gold")) {
			gold = argv[++i];
		} else if (!strcmp(a, "-p") || !strcmp(a, "--pred")) {
			pred = argv[++i];
		} else if (!strcmp(a, "-f") || !strcmp(a, "--format")) {
			i++;
			if (!strcmp(v, "json"))
				json = 1;
			else if (!strcmp(v, "text"))
				json = 0;
			else
				return bad_usage("unknown format '%s' (text, json)", v);
		} else {
			return bad_usage("unexpected argument '%s'", a);
		}
	}
	if (!gold)
		return bad_usage("%s", "--gold DIR is required");
	if (!pred)
		return bad_usage("%s", "attribution extraction not available yet; pass --pred DIR");
	ct_eval *ev = ct_eval_new();
	int rc = ct_eval_dirs(ev, gold, pred);
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
