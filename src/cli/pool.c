/*
 * pool.c — see pool.h. A ring of slots: the reader fills free slots, the
 * workers claim ready ones, and the caller empties done ones from the head,
 * so results come back in the order the articles were read.
 */
#include "pool.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

enum { SLOT_READY = 1, SLOT_BUSY, SLOT_DONE };

typedef struct {
	ct_doc *doc;
	void *result;
	int state, rc;
} slot;

typedef struct {
	const cli_pool *p;
	slot *slots;
	size_t nslots, head, tail, claim; /* positions, counting up */
	int closing;
	pthread_mutex_t mu;
	pthread_cond_t work, done;
} ring;

typedef struct {
	const cli_pool *p;
	char **files;
	int nfiles, next, failed;
	ct_reader *r;
} input;

void cli_input_init(cli_input *in)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	*in = (cli_input){.input_format = CT_IN_AUTO, .threads = n > 0 ? (int)n : 1};
}

/* Each FIELD=KEY of a --field value to f (with arg): 0, or the part that
 * is not one. */
static const char *each_field(const char *spec, int (*f)(void *, const char *, const char *), void *arg)
{
	static char bad[256]; /* the calling thread only: option parsing and reader setup */
	char buf[1024];
	snprintf(buf, sizeof buf, "%s", spec);
	char *save = NULL;
	for (char *part = strtok_r(buf, ",", &save); part; part = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(part, '=');
		if (!eq || eq == part || !eq[1] || (*eq = 0, f(arg, part, eq + 1))) {
			if (eq && !*eq)
				*eq = '=';
			snprintf(bad, sizeof bad, "%s", part);
			return bad;
		}
	}
	return NULL;
}

static int known_field(void *arg, const char *field, const char *key)
{
	(void)arg, (void)key;
	static const char *const fields[] = {"text", "title", "url", "outlet", "published", "author", "id"};
	for (size_t k = 0; k < sizeof fields / sizeof *fields; k++)
		if (!strcmp(field, fields[k]))
			return 0;
	return 1;
}

static int set_field(void *r, const char *field, const char *key)
{
	return ct_reader_set_field(r, field, key);
}

int cli_input_option(cli_input *in, const char *cmd, int argc, char **argv, int *i)
{
	const char *a = argv[*i];
	if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
		in->quiet = 1;
		return 1;
	}
	static const char *const valued[] = {"-i", "--input-format", "-j", "--threads", "--max-bytes",
					     "--outlet", "--published", "--data", "--field"};
	size_t k = 0;
	while (k < sizeof valued / sizeof *valued && strcmp(a, valued[k]))
		k++;
	if (k == sizeof valued / sizeof *valued)
		return 0;
	if (*i + 1 >= argc)
		return cli_usage_error(cmd, "%s needs a value", a);
	const char *v = argv[++*i];
	long t;
	switch (k) {
	case 0:
	case 1:
		if ((in->input_format = ct_input_format_from_name(v)) < 0)
			return cli_usage_error(cmd, "unknown input format '%s' (auto, txt, jsonl, csv, html, warc)", v);
		break;
	case 2:
	case 3:
		if (cli_parse_count(v, 256, &t))
			return cli_usage_error(cmd, "--threads takes a number from 1 to 256, not '%s'", v);
		in->threads = (int)t;
		break;
	case 4:
		if (cli_parse_count(v, 1L << 30, &t))
			return cli_usage_error(cmd, "--max-bytes takes a number from 1 to 1073741824, not '%s'", v);
		in->max_bytes = (size_t)t;
		break;
	case 5:
		in->outlet = v;
		break;
	case 6:
		in->published = v;
		break;
	case 8: {
		const char *bad = strlen(v) < 1024 ? each_field(v, known_field, NULL) : v;
		if (bad)
			return cli_usage_error(cmd,
					       "--field takes FIELD=KEY pairs (fields: text, title, url, outlet, published, "
					       "author, id), not '%s'",
					       bad);
		if (in->nfield_spec == 16)
			return cli_usage_error(cmd, "%s", "--field given more than 16 times");
		in->field_spec[in->nfield_spec++] = v;
		break;
	}
	default:
		in->datadir = v;
	}
	return 1;
}

int cli_input_context(const cli_input *in, ct_stage until, ct_ctx **ctx)
{
	if (cli_context(in->datadir, ctx))
		return EXIT_FATAL;
	if (ct_ctx_check(*ctx, until)) {
		fprintf(stderr, "claimtrace: %s\n", ct_ctx_error(*ctx));
		ct_ctx_free(*ctx);
		*ctx = NULL;
		return EXIT_FATAL;
	}
	if (in->max_bytes)
		ct_ctx_set_max_article(*ctx, in->max_bytes);
	return 0;
}

/* The next article, with the flags' metadata: 1, or 0 when all are read. */
static int next_doc(input *in, ct_doc **doc)
{
	for (;;) {
		if (!in->r) {
			if (in->next >= in->nfiles)
				return 0;
			ct_reader_open(&in->r, in->p->ctx, in->files[in->next++], (ct_input_format)in->p->in->input_format);
			for (const char *note; (note = ct_reader_note(in->r));)
				if (!in->p->in->quiet)
					fprintf(stderr, "claimtrace: %s\n", note);
			for (int f = 0; f < in->p->in->nfield_spec; f++)
				each_field(in->p->in->field_spec[f], set_field, in->r);
		}
		int rc = ct_reader_next(in->r, doc);
		if (rc > 0) {
			if (in->p->in->outlet)
				ct_doc_set_meta(*doc, CT_META_OUTLET, in->p->in->outlet);
			if (in->p->in->published)
				ct_doc_set_meta(*doc, CT_META_PUBLISHED, in->p->in->published);
			return 1;
		}
		if (rc < 0) {
			fprintf(stderr, "claimtrace: %s\n", ct_reader_error(in->r));
			in->failed = 1;
			continue;
		}
		char why[256];
		size_t skipped = ct_reader_skipped(in->r, why, sizeof why);
		if (skipped && !in->p->in->quiet)
			fprintf(stderr, "claimtrace: %s: %zu crawl record%s passed over as not pages (%s)\n",
				in->files[in->next - 1], skipped, skipped == 1 ? "" : "s", why);
		ct_reader_free(in->r);
		in->r = NULL;
	}
}

static int stopped(const cli_pool *p)
{
	return p->stop && p->stop(p->arg);
}

static void *worker(void *arg)
{
	ring *g = arg;
	pthread_mutex_lock(&g->mu);
	for (;;) {
		while (g->claim == g->tail && !g->closing)
			pthread_cond_wait(&g->work, &g->mu);
		if (g->claim == g->tail)
			break;
		slot *s = &g->slots[g->claim++ % g->nslots];
		s->state = SLOT_BUSY;
		pthread_mutex_unlock(&g->mu);
		g->p->work(g->p->arg, s->doc, &s->result, &s->rc);
		pthread_mutex_lock(&g->mu);
		s->state = SLOT_DONE;
		pthread_cond_broadcast(&g->done);
	}
	pthread_mutex_unlock(&g->mu);
	return NULL;
}

int cli_pool_run(const cli_pool *p, char **files, int nfiles)
{
	input in = {p, files, nfiles, 0, 0, NULL};
	ct_doc *doc;
	if (p->in->threads <= 1) {
		while (!stopped(p) && next_doc(&in, &doc)) {
			void *result = NULL;
			int rc = 0;
			p->work(p->arg, doc, &result, &rc);
			p->done(p->arg, doc, result, rc);
		}
		ct_reader_free(in.r);
		return in.failed;
	}
	ring g = {p, NULL, (size_t)p->in->threads * 32, 0, 0, 0, 0,
		  PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER};
	g.slots = calloc(g.nslots, sizeof *g.slots);
	pthread_t *tids = calloc((size_t)p->in->threads, sizeof *tids);
	if (!g.slots || !tids) {
		fprintf(stderr, "claimtrace: out of memory\n");
		exit(EXIT_FATAL);
	}
	for (int i = 0; i < p->in->threads; i++)
		pthread_create(&tids[i], NULL, worker, &g);
	int more = 1;
	pthread_mutex_lock(&g.mu);
	while (more || g.head < g.tail) {
		/* fill the free slots, then hand back what is done, in order */
		while (more && g.tail - g.head < g.nslots) {
			pthread_mutex_unlock(&g.mu);
			more = !stopped(p) && next_doc(&in, &doc);
			pthread_mutex_lock(&g.mu);
			if (!more)
				break;
			g.slots[g.tail % g.nslots] = (slot){doc, NULL, SLOT_READY, 0};
			g.tail++;
			pthread_cond_signal(&g.work);
		}
		while (g.head < g.tail && g.slots[g.head % g.nslots].state != SLOT_DONE)
			pthread_cond_wait(&g.done, &g.mu);
		while (g.head < g.tail && g.slots[g.head % g.nslots].state == SLOT_DONE) {
			slot s = g.slots[g.head % g.nslots];
			g.slots[g.head % g.nslots] = (slot){0};
			pthread_mutex_unlock(&g.mu);
			p->done(p->arg, s.doc, s.result, s.rc);
			pthread_mutex_lock(&g.mu);
			g.head++;
		}
	}
	g.closing = 1;
	pthread_cond_broadcast(&g.work);
	pthread_mutex_unlock(&g.mu);
	for (int i = 0; i < p->in->threads; i++)
		pthread_join(tids[i], NULL);
	free(tids);
	free(g.slots);
	ct_reader_free(in.r);
	return in.failed;
}
