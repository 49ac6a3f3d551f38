/*
 * stories.c — `claimtrace stories`: which articles tell the same story.
 * Uses the public header only.
 *
 * Articles are read and segmented on worker threads, each reduced to its
 * grouping features (ct_group_feat_new), and added to one grouper in
 * input order on the calling thread, so the stories do not depend on the
 * number of threads. What is printed per story (ids, dates, outlets) is
 * kept here as the articles pass; the text of an article is freed as soon
 * as its features are made.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimtrace.h"
#include "cli.h"
#include "pool.h"

static const char usage_stories[] =
	"usage: claimtrace stories [OPTIONS] FILES...\n"
	"\n"
	"Reads articles (files, directories, JSONL, CSV, web pages, WARC crawls or '-')\n"
	"and groups them into stories by what they are about: their weighted words,\n"
	"names and title, and their dates. Each article joins the story closest to it\n"
	"or starts a new one, in input order. Writes one story per line (jsonl:\n"
	"{\"id\", \"articles\", \"title\", \"first\", \"last\", \"outlets\"}) or a readable list.\n"
	"\n"
	"options:\n"
	"  -f, --format FMT        text (default) or jsonl\n"
	"  -o, --output FILE       write to FILE instead of standard output\n"
	"  -t, --threshold T       how close an article must be to a story to join it:\n"
	"                          the cosine of their words, raised for a short article\n"
	"                          (default 0.22; higher: more, smaller stories)\n"
	"      --db FILE           the stories of an archive ('claimtrace ingest --db');\n"
	"                          not in this build\n"
	"  -i, --input-format FMT  auto (default: by extension and first bytes), txt,\n"
	"                          jsonl, csv, html or warc\n"
	"      --field F=KEY,...   take field F (text, title, url, outlet, published,\n"
	"                          author, id) from JSONL key or CSV column KEY\n"
	"      --outlet NAME       set the outlet of every article\n"
	"      --published DATE    set the publication date of every article\n"
	"  -j, --threads N         worker threads (default: the number of cores)\n"
	"      --max-bytes N       refuse articles larger than N bytes\n"
	"      --data DIR          lexicons (default: $CLAIMTRACE_DATA or built in)\n"
	"  -q, --quiet             no warnings on stderr (errors still shown)\n"
	"  -h, --help              this help\n";

enum { FMT_TEXT, FMT_JSONL };

typedef struct {
	char *id, *outlet, *published; /* owned; NULL when the article has none */
} article;

typedef struct {
	const ct_ctx *ctx;
	const cli_input *in;
	ct_grouper *g;
	article *arts; /* by add order */
	size_t narts, cap;
	int failed;
} run_state;

static char *dup_or_null(const char *s)
{
	if (!s || !*s)
		return NULL;
	char *d = strdup(s);
	if (!d) {
		fprintf(stderr, "claimtrace: out of memory\n");
		exit(EXIT_FATAL);
	}
	return d;
}

/* On a worker: segmented text is all the grouping reads. */
static void work(void *arg, ct_doc *doc, void **result, int *rc)
{
	const run_state *st = arg;
	*rc = ct_doc_run(st->ctx, doc, CT_STAGE_SEGMENT);
	if (!*rc)
		*result = ct_group_feat_new(st->ctx, doc);
}

/* In input order: into the grouper, or a line saying why not. */
static void add(void *arg, ct_doc *doc, void *result, int rc)
{
	run_state *st = arg;
	if (!st->in->quiet || rc)
		for (size_t i = 0; i < ct_doc_nwarnings(doc); i++)
			fprintf(stderr, "claimtrace: warning: %s\n", ct_doc_warning(doc, i));
	if (rc || !result) {
		const char *path = ct_doc_meta(doc, CT_META_PATH), *id = ct_doc_meta(doc, CT_META_ID);
		fprintf(stderr, "claimtrace: %s: %s: %s\n", path ? path : "-", id ? id : "article",
			ct_strerror(rc ? rc : CT_EEMPTY));
		st->failed = 1;
	} else {
		if (st->narts == st->cap) {
			st->cap = st->cap ? 2 * st->cap : 1024;
			st->arts = realloc(st->arts, st->cap * sizeof *st->arts);
			if (!st->arts) {
				fprintf(stderr, "claimtrace: out of memory\n");
				exit(EXIT_FATAL);
			}
		}
		st->arts[st->narts++] = (article){dup_or_null(ct_doc_meta(doc, CT_META_ID)),
						  dup_or_null(ct_doc_meta(doc, CT_META_OUTLET)),
						  dup_or_null(ct_doc_meta(doc, CT_META_PUBLISHED))};
		ct_grouper_add(st->g, result);
	}
	ct_group_feat_free(result);
	ct_doc_free(doc);
}

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p < 0x20)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

/* One story: its articles (indices in add order), dates and outlets. */
static void write_story(FILE *f, int format, ct_grouper *g, const article *arts, uint32_t sid, const size_t *members,
			size_t n)
{
	const char *first = NULL, *last = NULL;
	const char **outlets = malloc((n + 1) * sizeof *outlets);
	size_t noutlet = 0;
	for (size_t k = 0; k < n; k++) {
		const article *a = &arts[members[k]];
		/* ISO dates order as strings */
		if (a->published && (!first || strcmp(a->published, first) < 0))
			first = a->published;
		if (a->published && (!last || strcmp(a->published, last) > 0))
			last = a->published;
		int seen = 0;
		for (size_t o = 0; o < noutlet && a->outlet && !seen; o++)
			seen = !strcmp(outlets[o], a->outlet);
		if (a->outlet && !seen)
			outlets[noutlet++] = a->outlet;
	}
	const char *title = ct_grouper_story_title(g, sid);
	if (format == FMT_JSONL) {
		fprintf(f, "{\"id\": %u, \"articles\": [", sid);
		for (size_t k = 0; k < n; k++) {
			if (k)
				fputs(", ", f);
			json_str(f, arts[members[k]].id);
		}
		fputs("], \"title\": ", f);
		json_str(f, title);
		fputs(", \"first\": ", f);
		first ? json_str(f, first) : (void)fputs("null", f);
		fputs(", \"last\": ", f);
		last ? json_str(f, last) : (void)fputs("null", f);
		fputs(", \"outlets\": [", f);
		for (size_t o = 0; o < noutlet; o++) {
			if (o)
				fputs(", ", f);
			json_str(f, outlets[o]);
		}
		fputs("]}\n", f);
	} else {
		fprintf(f, "story %u: %zu article%s", sid, n, n == 1 ? "" : "s");
		if (first)
			fprintf(f, ", %s%s%s", first, strcmp(first, last) ? " to " : "", strcmp(first, last) ? last : "");
		fprintf(f, "\n  %s\n  articles:", title);
		for (size_t k = 0; k < n; k++)
			fprintf(f, " %s", arts[members[k]].id ? arts[members[k]].id : "-");
		if (noutlet) {
			fputs("\n  outlets:", f);
			for (size_t o = 0; o < noutlet; o++)
				fprintf(f, "%s %s", o ? "," : "", outlets[o]);
		}
		fputs("\n\n", f);
	}
	free(outlets);
}

/* Every story in the order they started; 0, or -1 when a write failed. */
static int write_stories(FILE *f, int format, ct_grouper *g, const article *arts, size_t narts)
{
	size_t ns = ct_grouper_nstories(g);
	/* the articles by story: counting sort on the story index */
	size_t *start = calloc(ns + 2, sizeof *start), *order = malloc((narts + 1) * sizeof *order);
	for (size_t a = 0; a < narts; a++)
		start[ct_grouper_story_of(g, a) + 2]++;
	for (size_t s = 0; s < ns; s++)
		start[s + 2] += start[s + 1];
	for (size_t a = 0; a < narts; a++)
		order[start[ct_grouper_story_of(g, a) + 1]++] = a;
	for (size_t s = 0; s < ns; s++)
		write_story(f, format, g, arts, (uint32_t)s, order + start[s], start[s + 1] - start[s]);
	free(start);
	free(order);
	return ferror(f) ? -1 : 0;
}

int cli_stories(int argc, char **argv)
{
	int format = FMT_TEXT, rc = 0, taken;
	const char *output = NULL, *db = NULL;
	double threshold = CT_GROUP_THRESHOLD;
	cli_input in;
	cli_input_init(&in);
	char **files = calloc((size_t)argc + 1, sizeof *files);
	int nfiles = 0;
	if (!files)
		return EXIT_FATAL;
	for (int i = 0; i < argc && !rc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define TAKES(s, l) ((!strcmp(a, s) || !strcmp(a, l)) && (v ? (i++, 1) : (rc = cli_usage_error("stories", "%s needs a value", a), 0)))
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage_stories, stdout);
			free(files);
			return 0;
		} else if ((taken = cli_input_option(&in, "stories", argc, argv, &i)) != 0) {
			rc = taken == 1 ? 0 : taken;
		} else if (TAKES("-f", "--format")) {
			if (!strcmp(v, "text"))
				format = FMT_TEXT;
			else if (!strcmp(v, "jsonl"))
				format = FMT_JSONL;
			else
				rc = cli_usage_error("stories", "unknown format '%s' (text, jsonl)", v);
		} else if (TAKES("-o", "--output")) {
			output = v;
		} else if (TAKES("-t", "--threshold")) {
			char *end;
			errno = 0;
			threshold = strtod(v, &end);
			if (errno || end == v || *end || !(threshold >= 0 && threshold <= 100))
				rc = cli_usage_error("stories", "--threshold takes a number from 0 (default 0.22), not '%s'", v);
		} else if (TAKES("--db", "--db")) {
			db = v;
		} else if (!rc && a[0] == '-' && a[1]) {
			rc = cli_usage_error("stories", "unknown option '%s'", a);
		} else if (!rc) {
			files[nfiles++] = argv[i];
		}
#undef TAKES
	}
	/* The archive's stories are the store's to list (its grouper state is
	 * kept with the articles); until it is built in, --db is refused. */
	if (!rc && db)
		rc = cli_usage_error("stories", "%s", "--db: this build has no archive store; give the articles as INPUTS");
	if (!rc && !nfiles)
		rc = cli_usage_error("stories", "%s", "no input files (use '-' for standard input)");
	if (rc) {
		free(files);
		return rc;
	}
	ct_ctx *ctx;
	if ((rc = cli_input_context(&in, &ctx)) != 0) {
		free(files);
		return rc;
	}
	run_state st = {ctx, &in, ct_grouper_new(), NULL, 0, 0, 0};
	ct_grouper_set_threshold(st.g, threshold);
	cli_pool p = {ctx, &in, work, add, NULL, &st};
	if (cli_pool_run(&p, files, nfiles))
		st.failed = 1;
	FILE *f = output ? fopen(output, "wb") : stdout;
	int fatal = !f || write_stories(f, format, st.g, st.arts, st.narts) != 0;
	if (f && (output ? fclose(f) : fflush(f)) != 0)
		fatal = 1;
	if (fatal)
		fprintf(stderr, "claimtrace: writing %s: %s\n", output ? output : "output", strerror(errno));
	for (size_t a = 0; a < st.narts; a++) {
		free(st.arts[a].id);
		free(st.arts[a].outlet);
		free(st.arts[a].published);
	}
	free(st.arts);
	ct_grouper_free(st.g);
	ct_ctx_free(ctx);
	free(files);
	return fatal ? EXIT_FATAL : st.failed ? EXIT_PARTIAL : 0;
}
