/*
 * query.c — `claimtrace query --db FILE`: statements asked of the
 * archive, as text, JSONL or CSV. Uses the public header only; the query
 * itself is the library's (ct_store_query), this file only formats rows.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimtrace.h"
#include "cli.h"
#include "opts.h"

static const char usage_query[] =
	"usage: claimtrace query --db FILE [OPTIONS]\n"
	"\n"
	"The statements in the archive FILE that pass every filter given, by date:\n"
	"who said it, the cue, its stance, the outlet, the date and the sentence.\n";

enum { O_DB = 256, O_SPEAKER, O_ABOUT, O_OUTLET, O_SINCE, O_UNTIL, O_LIMIT };

static const cli_opt query_opts[] = {
	{O_DB, "db", "FILE", "the archive (required)"},
	{O_SPEAKER, "speaker", "NAME", "said by NAME (a whole name or a word of it, any case)"},
	{O_ABOUT, "about", "WORDS", "the sentence holds every one of WORDS (full-text index)"},
	{O_OUTLET, "outlet", "NAME", "carried by the outlet NAME (any case)"},
	{O_SINCE, "since", "DATE", "dated DATE or later (YYYY-MM-DD, YYYY-MM or YYYY)"},
	{O_UNTIL, "until", "DATE", "dated DATE or earlier"},
	{O_LIMIT, "limit", "N", "at most N statements"},
	{'f', "format", "FMT", "text (default), jsonl or csv"},
	CLI_OPT_END};

static const cli_spec query_spec = {"query", usage_query, query_opts, NULL, NULL, 0};

enum { FMT_TEXT, FMT_JSONL, FMT_CSV };

static int put_text(void *arg, const ct_query_row *r)
{
	FILE *f = arg;
	fprintf(f, "%s  %s", r->date ? r->date : "----------", r->speaker ? r->speaker : "?");
	if (r->cue || r->stance)
		fprintf(f, " (%s%s%s)", r->cue ? r->cue : "", r->cue && r->stance ? ", " : "", r->stance ? r->stance : "");
	fprintf(f, " — %s [%s]\n  %s\n\n", r->outlet ? r->outlet : "no outlet", r->article, r->sentence ? r->sentence : "");
	return ferror(f);
}

static void set_str(json_t *o, const char *k, const char *v)
{
	json_object_set_new(o, k, v ? json_string(v) : json_null());
}

static int put_jsonl(void *arg, const ct_query_row *r)
{
	FILE *f = arg;
	json_t *o = json_object();
	json_object_set_new(o, "statement", json_integer(r->statement));
	set_str(o, "article", r->article);
	set_str(o, "date", r->date);
	set_str(o, "speaker", r->speaker);
	set_str(o, "cue", r->cue);
	set_str(o, "stance", r->stance);
	json_object_set_new(o, "own", json_boolean(r->own));
	set_str(o, "outlet", r->outlet);
	set_str(o, "title", r->title);
	set_str(o, "url", r->url);
	set_str(o, "sentence", r->sentence);
	int rc = json_dumpf(o, f, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	fputc('\n', f);
	return rc || ferror(f);
}

/* A CSV field by RFC 4180: quoted when it holds a comma, a quotation
 * mark or a line break, with its quotation marks doubled. */
static void csv_field(FILE *f, const char *v, int last)
{
	if (!v)
		v = "";
	if (strpbrk(v, ",\"\r\n")) {
		fputc('"', f);
		for (const char *p = v; *p; p++) {
			if (*p == '"')
				fputc('"', f);
			fputc(*p, f);
		}
		fputc('"', f);
	} else {
		fputs(v, f);
	}
	fputc(last ? '\n' : ',', f);
}

static int put_csv(void *arg, const ct_query_row *r)
{
	FILE *f = arg;
	char id[32];
	snprintf(id, sizeof id, "%lld", (long long)r->statement);
	const char *v[] = {id, r->article, r->date, r->speaker, r->cue, r->stance, r->outlet, r->url, r->sentence};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++)
		csv_field(f, v[i], i + 1 == sizeof v / sizeof *v);
	return ferror(f);
}

int cli_query(int argc, char **argv)
{
	const char *db = NULL;
	int format = FMT_TEXT, rc = 0;
	long limit = 0;
	ct_query q = {0};
	cli_opts p;
	int o;
	cli_opts_init(&p, &query_spec, argc, argv);
	while (!rc && (o = cli_opts_next(&p)) > 0) {
		switch (o) {
		case O_DB:
			db = p.value;
			break;
		case O_SPEAKER:
			q.speaker = p.value;
			break;
		case O_ABOUT:
			q.about = p.value;
			break;
		case O_OUTLET:
			q.outlet = p.value;
			break;
		case O_SINCE:
			q.since = p.value;
			break;
		case O_UNTIL:
			q.until = p.value;
			break;
		case O_LIMIT:
			if (cli_parse_count(p.value, 1L << 40, &limit))
				rc = cli_opts_error(&p, "--limit takes a number from 1, not '%s'", p.value);
			q.limit = (size_t)limit;
			break;
		case 'f':
			if (!strcmp(p.value, "text"))
				format = FMT_TEXT;
			else if (!strcmp(p.value, "jsonl"))
				format = FMT_JSONL;
			else if (!strcmp(p.value, "csv"))
				format = FMT_CSV;
			else
				rc = cli_opts_error(&p, "unknown format '%s' (text, jsonl, csv)", p.value);
			break;
		}
	}
	if (!rc && o < 0)
		return cli_opts_exit(o);
	if (!rc && !db)
		rc = cli_opts_error(&p, "%s", "--db FILE is required (the archive to ask)");
	if (rc)
		return rc;
	ct_store *s;
	if (cli_store_open(db, CT_STORE_READ, &s))
		return EXIT_FATAL;
	if (format == FMT_CSV)
		fputs("statement,article,date,speaker,cue,stance,outlet,url,sentence\n", stdout);
	int (*each)(void *, const ct_query_row *) = format == FMT_JSONL ? put_jsonl : format == FMT_CSV ? put_csv : put_text;
	rc = ct_store_query(s, &q, each, stdout);
	int status = 0;
	if (rc == CT_EARG) {
		cli_opts_error(&p, "%s", ct_store_error(s));
		status = EXIT_USAGE;
	} else if (rc) {
		fprintf(stderr, "claimtrace: %s\n", ct_store_error(s));
		status = EXIT_FATAL;
	} else if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "claimtrace: writing output: %s\n", strerror(errno));
		status = EXIT_FATAL;
	}
	ct_store_close(s);
	return status;
}
