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
#include <unistd.h>

#include "claimtrace.h"
#include "cli.h"
#include "opts.h"
#include "pool.h"

static const char usage_stories[] =
	"usage: claimtrace stories [OPTIONS] FILES...\n"
	"       claimtrace stories [OPTIONS] --db FILE\n"
	"\n"
	"Reads articles (files, directories, JSONL, CSV, web pages, WARC crawls or '-')\n"
	"and groups them into stories by what they are about: their weighted words,\n"
	"names and title, and their dates. Each article joins the story closest to it\n"
	"or starts a new one, in input order. With --db, the stories of an archive\n"
	"(its articles not yet in a story are grouped first, when the file can be\n"
	"written), largest first. Writes one story per line (jsonl: {\"id\",\n"
	"\"articles\", \"title\", \"first\", \"last\", \"outlets\"}) or a readable list.\n";

enum { O_DB = 256 };

static const cli_opt stories_opts[] = {
	{'f', "format", "FMT", "text (default) or jsonl"},
	{'o', "output", "FILE", "write to FILE instead of standard output"},
	{'t', "threshold", "T", "how close an article must be to a story to join it:\n"
				"the cosine of their words, raised for a short article\n"
				"(default 0.22; higher: more, smaller stories); not with\n"
				"--db, whose grouping goes on as it began"},
	{O_DB, "db", "FILE", "the stories of an archive ('claimtrace ingest --db')"},
	CLI_OPT_END};

static const cli_spec stories_spec = {"stories", usage_stories, stories_opts, cli_input_opts, NULL, CLI_ARGS_ANY};

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
	/* no features: a text with no token */
	if (cli_doc_report(st->in, doc, rc ? rc : result ? 0 : CT_EEMPTY)) {
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

/* One story as a line of JSON or a readable block. */
static void print_story(FILE *f, int format, const ct_story_row *r)
{
	if (format == FMT_JSONL) {
		fprintf(f, "{\"id\": %lld, \"articles\": [", (long long)r->id);
		for (size_t k = 0; k < r->narticles; k++) {
			if (k)
				fputs(", ", f);
			json_str(f, r->articles[k]);
		}
		fputs("], \"title\": ", f);
		json_str(f, r->title);
		fputs(", \"first\": ", f);
		r->first ? json_str(f, r->first) : (void)fputs("null", f);
		fputs(", \"last\": ", f);
		r->last ? json_str(f, r->last) : (void)fputs("null", f);
		fputs(", \"outlets\": [", f);
		for (size_t o = 0; o < r->noutlets; o++) {
			if (o)
				fputs(", ", f);
			json_str(f, r->outlets[o]);
		}
		fputs("]", f);
		if (r->claim) { /* the archive's summary (docs/store.md) */
			fputs(", \"claim\": ", f);
			json_str(f, r->claim);
			fputs(", \"claim_speaker\": ", f);
			r->claim_speaker ? json_str(f, r->claim_speaker) : (void)fputs("null", f);
			fprintf(f, ", \"conflicts\": %zu", r->conflicts);
		}
		fputs("}\n", f);
		return;
	}
	fprintf(f, "story %lld: %zu article%s", (long long)r->id, r->narticles, r->narticles == 1 ? "" : "s");
	if (r->first && r->last)
		fprintf(f, ", %s%s%s", r->first, strcmp(r->first, r->last) ? " to " : "",
			strcmp(r->first, r->last) ? r->last : "");
	fprintf(f, "\n  %s", r->title ? r->title : "");
	if (r->claim)
		fprintf(f, "\n  central claim: %s%s\"%s\"%s", r->claim_speaker ? r->claim_speaker : "",
			r->claim_speaker ? ": " : "", r->claim,
			r->conflicts ? " (contested)" : "");
	fputs("\n  articles:", f);
	for (size_t k = 0; k < r->narticles; k++)
		fprintf(f, " %s", r->articles[k] ? r->articles[k] : "-");
	if (r->noutlets) {
		fputs("\n  outlets:", f);
		for (size_t o = 0; o < r->noutlets; o++)
			fprintf(f, "%s %s", o ? "," : "", r->outlets[o]);
	}
	fputs("\n\n", f);
}

/* One story of the grouper: its articles (indices in add order), dates
 * and outlets gathered into a row. */
static void write_story(FILE *f, int format, ct_grouper *g, const article *arts, uint32_t sid, const size_t *members,
			size_t n)
{
	ct_story_row r = {.id = sid, .title = ct_grouper_story_title(g, sid), .narticles = n};
	const char **ids = malloc((n + 1) * sizeof *ids), **outlets = malloc((n + 1) * sizeof *outlets);
	if (!ids || !outlets) {
		fprintf(stderr, "claimtrace: out of memory\n");
		exit(EXIT_FATAL);
	}
	for (size_t k = 0; k < n; k++) {
		const article *a = &arts[members[k]];
		ids[k] = a->id;
		/* ISO dates order as strings */
		if (a->published && (!r.first || strcmp(a->published, r.first) < 0))
			r.first = a->published;
		if (a->published && (!r.last || strcmp(a->published, r.last) > 0))
			r.last = a->published;
		int seen = 0;
		for (size_t o = 0; o < r.noutlets && a->outlet && !seen; o++)
			seen = !strcmp(outlets[o], a->outlet);
		if (a->outlet && !seen)
			outlets[r.noutlets++] = a->outlet;
	}
	r.articles = ids;
	r.outlets = outlets;
	print_story(f, format, &r);
	free(ids);
	free(outlets);
}

typedef struct {
	FILE *f;
	int format;
} db_out;

static int each_story(void *arg, const ct_story_row *r)
{
	db_out *o = arg;
	print_story(o->f, o->format, r);
	return ferror(o->f);
}

/* The archive's stories: its articles not in one yet grouped first when
 * the file can be written. */
static int db_stories(const char *db, const cli_input *in, FILE *f, int format)
{
	ct_store *s;
	int writable = access(db, W_OK) == 0;
	if (cli_store_open(db, writable ? CT_STORE_WRITE : CT_STORE_READ, &s))
		return EXIT_FATAL;
	int rc = 0;
	if (writable) {
		ct_ctx *ctx;
		if ((rc = cli_input_context(in, CT_STAGE_RESOLVE, &ctx)) != 0) {
			ct_store_close(s);
			return rc;
		}
		if (ct_store_group(s, ctx, NULL)) {
			fprintf(stderr, "claimtrace: %s\n", ct_store_error(s));
			rc = EXIT_FATAL;
		}
		ct_ctx_free(ctx);
	}
	db_out o = {f, format};
	if (!rc && ct_store_stories(s, 0, each_story, &o)) {
		fprintf(stderr, "claimtrace: %s\n", ct_store_error(s));
		rc = EXIT_FATAL;
	}
	ct_store_close(s);
	return rc;
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
	int format = FMT_TEXT, rc = 0, o, threshold_set = 0;
	const char *output = NULL, *db = NULL;
	double threshold = CT_GROUP_THRESHOLD;
	cli_input in;
	cli_input_init(&in);
	cli_opts p;
	cli_opts_init(&p, &stories_spec, argc, argv);
	char *end;
	while (!rc && (o = cli_opts_next(&p)) > 0) {
		switch (o) {
		case 'f':
			if (!strcmp(p.value, "text"))
				format = FMT_TEXT;
			else if (!strcmp(p.value, "jsonl"))
				format = FMT_JSONL;
			else
				rc = cli_opts_error(&p, "unknown format '%s' (text, jsonl)", p.value);
			break;
		case 'o':
			output = p.value;
			break;
		case 't':
			errno = 0;
			threshold = strtod(p.value, &end);
			threshold_set = 1;
			if (errno || end == p.value || *end || !(threshold >= 0 && threshold <= 100))
				rc = cli_opts_error(&p, "--threshold takes a number from 0 (default 0.22), not '%s'", p.value);
			break;
		case O_DB:
			db = p.value;
			break;
		default:
			rc = cli_input_option(&in, &p, o);
		}
	}
	if (!rc && o < 0)
		return cli_opts_exit(o);
	if (!rc && db && (p.nargs || threshold_set))
		rc = cli_opts_error(&p, "%s",
				    p.nargs ? "--db lists the archive's stories: no input files with it"
					    : "--threshold is not for --db: an archive's grouping goes on as it began");
	if (!rc && !db && !p.nargs)
		rc = cli_opts_error(&p, "%s", "no input files (use '-' for standard input)");
	if (rc)
		return rc;
	char **files = p.args;
	int nfiles = p.nargs;
	if (db) {
		FILE *f = output ? fopen(output, "wb") : stdout;
		if (!f) {
			fprintf(stderr, "claimtrace: writing %s: %s\n", output, strerror(errno));
			return EXIT_FATAL;
		}
		rc = db_stories(db, &in, f, format);
		if ((output ? fclose(f) : fflush(f)) != 0 && !rc) {
			fprintf(stderr, "claimtrace: writing %s: %s\n", output ? output : "output", strerror(errno));
			rc = EXIT_FATAL;
		}
		return rc;
	}
	ct_ctx *ctx;
	if ((rc = cli_input_context(&in, CT_STAGE_SEGMENT, &ctx)) != 0)
		return rc;
	run_state st = {ctx, &in, ct_grouper_new(), NULL, 0, 0, 0};
	ct_grouper_set_threshold(st.g, threshold);
	cli_pool pool = {ctx, &in, work, add, NULL, &st, 1};
	if (cli_pool_run(&pool, files, nfiles))
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
	return fatal ? EXIT_FATAL : st.failed ? EXIT_PARTIAL : 0;
}
