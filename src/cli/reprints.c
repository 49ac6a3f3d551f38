/*
 * reprints.c — `claimtrace reprints --db FILE`: the wire reprints the
 * archive linked, each to its earliest copy, with the evidence: the
 * passages the two share. Uses the public header only; it formats what
 * ct_store_reprints gives.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimtrace.h"
#include "cli.h"
#include "opts.h"

static const char usage_reprints[] =
	"usage: claimtrace reprints --db FILE [OPTIONS]\n"
	"\n"
	"The lineage of wire copies in the archive FILE: for each story, each\n"
	"original and the articles that reprint it (trimmed, with a new top or\n"
	"lightly edited), with how much they share and the passages they share.\n";

enum { O_DB = 256, O_STORY, O_MIN_WORDS };

static const cli_opt reprints_opts[] = {
	{O_DB, "db", "FILE", "the archive (required)"},
	{O_STORY, "story", "ID", "only this story's reprints"},
	{O_MIN_WORDS, "min-words", "N", "passages of N words or more as evidence (default 8)"},
	{'f', "format", "FMT", "text (default) or jsonl"},
	CLI_OPT_END};

static const cli_spec reprints_spec = {"reprints", usage_reprints, reprints_opts, NULL, NULL, 0};

typedef struct {
	FILE *f;
	int jsonl;
	int64_t last_story, last_original;
	size_t n;
} out_state;

/* A passage of text, at most `cap` bytes of it, cut at a UTF-8 boundary. */
static void excerpt(FILE *f, const char *t, uint32_t off, uint32_t len, uint32_t cap)
{
	uint32_t n = len;
	if (n > cap) {
		n = cap;
		while (n > 0 && ((unsigned char)t[off + n] & 0xC0) == 0x80)
			n--;
	}
	for (uint32_t i = 0; i < n; i++) /* one line: a paragraph break is a space */
		fputc(t[off + i] == '\n' ? ' ' : t[off + i], f);
	if (n < len)
		fputs("…", f);
}

static int put_text(void *arg, const ct_reprint_row *r)
{
	out_state *o = arg;
	FILE *f = o->f;
	if (r->story != o->last_story)
		fprintf(f, "%sstory %lld\n", o->n ? "\n" : "", (long long)r->story);
	if (r->story != o->last_story || r->original != o->last_original)
		fprintf(f, "  original %s — %s, %s\n", r->original_name, r->original_outlet ? r->original_outlet : "no outlet",
			r->original_date ? r->original_date : "no date");
	o->last_story = r->story;
	o->last_original = r->original;
	o->n++;
	size_t words = 0;
	for (size_t i = 0; i < r->npassages; i++)
		words += r->passages[i].words;
	fprintf(f, "    reprint %s — %s, %s: %.0f%% of the shorter text's 3-grams shared; %zu passage%s, %zu words\n",
		r->reprint_name, r->reprint_outlet ? r->reprint_outlet : "no outlet", r->reprint_date ? r->reprint_date : "no date",
		100 * r->containment, r->npassages, r->npassages == 1 ? "" : "s", words);
	for (size_t i = 0; i < r->npassages && i < 3; i++) {
		fputs("      \"", f);
		excerpt(f, r->original_text, r->passages[i].original_off, r->passages[i].original_len, 160);
		fputs("\"\n", f);
	}
	if (r->npassages > 3)
		fprintf(f, "      (%zu more)\n", r->npassages - 3);
	return ferror(f);
}

static void set_str(json_t *o, const char *k, const char *v)
{
	json_object_set_new(o, k, v ? json_string(v) : json_null());
}

static int put_jsonl(void *arg, const ct_reprint_row *r)
{
	out_state *o = arg;
	json_t *j = json_object(), *ps = json_array();
	json_object_set_new(j, "story", json_integer(r->story));
	set_str(j, "original", r->original_name);
	set_str(j, "original_outlet", r->original_outlet);
	set_str(j, "original_date", r->original_date);
	set_str(j, "reprint", r->reprint_name);
	set_str(j, "reprint_outlet", r->reprint_outlet);
	set_str(j, "reprint_date", r->reprint_date);
	json_object_set_new(j, "containment", json_real(r->containment));
	for (size_t i = 0; i < r->npassages; i++) {
		const ct_reprint_passage *p = &r->passages[i];
		json_t *e = json_object();
		json_object_set_new(e, "original", json_pack("[i,i]", (json_int_t)p->original_off, (json_int_t)p->original_len));
		json_object_set_new(e, "reprint", json_pack("[i,i]", (json_int_t)p->reprint_off, (json_int_t)p->reprint_len));
		json_object_set_new(e, "words", json_integer(p->words));
		json_object_set_new(e, "text", json_stringn(r->original_text + p->original_off, p->original_len));
		json_array_append_new(ps, e);
	}
	json_object_set_new(j, "passages", ps);
	int rc = json_dumpf(j, o->f, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(j);
	fputc('\n', o->f);
	o->n++;
	return rc || ferror(o->f);
}

int cli_reprints(int argc, char **argv)
{
	const char *db = NULL;
	long story = 0, min_words = 8;
	int jsonl = 0, rc = 0, o;
	cli_opts p;
	cli_opts_init(&p, &reprints_spec, argc, argv);
	while (!rc && (o = cli_opts_next(&p)) > 0) {
		switch (o) {
		case O_DB:
			db = p.value;
			break;
		case O_STORY:
			if (cli_parse_count(p.value, 1L << 40, &story))
				rc = cli_opts_error(&p, "--story takes a story's id (a number from 1), not '%s'", p.value);
			break;
		case O_MIN_WORDS:
			if (cli_parse_count(p.value, 100000, &min_words) || min_words < 3)
				rc = cli_opts_error(&p, "--min-words takes a number from 3, not '%s'", p.value);
			break;
		case 'f':
			if (!strcmp(p.value, "jsonl"))
				jsonl = 1;
			else if (strcmp(p.value, "text"))
				rc = cli_opts_error(&p, "unknown format '%s' (text, jsonl)", p.value);
			break;
		}
	}
	if (!rc && o < 0)
		return cli_opts_exit(o);
	if (!rc && !db)
		rc = cli_opts_error(&p, "%s", "--db FILE is required (the archive)");
	if (rc)
		return rc;
	ct_store *s;
	if (cli_store_open(db, CT_STORE_READ, &s))
		return EXIT_FATAL;
	out_state st = {stdout, jsonl, -1, -1, 0};
	rc = ct_store_reprints(s, story, (size_t)min_words, jsonl ? put_jsonl : put_text, &st);
	int status = 0;
	if (rc) {
		fprintf(stderr, "claimtrace: %s\n", ct_store_error(s));
		status = EXIT_FATAL;
	} else if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "claimtrace: writing output: %s\n", strerror(errno));
		status = EXIT_FATAL;
	} else if (!st.n && !jsonl) {
		printf("no reprints in %s%s\n", db, story ? " for this story" : "");
	}
	ct_store_close(s);
	return status;
}
