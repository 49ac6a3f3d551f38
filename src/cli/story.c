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
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "claimtrace.h"
#include "cli.h"

static const char usage_story[] =
	"usage: claimtrace story [OPTIONS] FILES...\n"
	"\n"
	"Reads the articles of one story (files, directories, JSONL, CSV or '-') and\n"
	"writes its map: every claim, who backs it and who denies or doubts it, the\n"
	"conflicts first, which outlets carried which side and lead with which,\n"
	"and a timeline with normalized dates.\n"
	"\n"
	"options:\n"
	"  -f, --format FMT        text (default), json, markdown, html\n"
	"  -o, --output FILE       write to FILE instead of standard output\n"
	"  -i, --input-format FMT  auto (default: by extension), txt, jsonl or csv\n"
	"      --outlet NAME       set the outlet of every article (else the input's,\n"
	"                          else the article id stands in)\n"
	"      --published DATE    set the publication date of every article\n"
	"  -j, --threads N         worker threads (default: the number of cores)\n"
	"      --max-bytes N       refuse articles larger than N bytes\n"
	"      --data DIR          lexicons and models (default: $CLAIMTRACE_DATA or built in)\n"
	"  -q, --quiet             no warnings on stderr (errors still shown)\n"
	"  -h, --help              this help\n";

typedef struct {
	int format, input_format, threads, quiet;
	const char *outlet, *published, *datadir, *output;
	size_t max_bytes;
} options;

enum { FREE, READY, BUSY, DONE };

typedef struct {
	ct_doc *doc;
	ct_story_part *part;
	int state, rc;
} slot;

typedef struct {
	const ct_ctx *ctx;
	slot *slots;
	size_t nslots, head, tail, claim;
	int closing;
	pthread_mutex_t mu;
	pthread_cond_t work, done;
} pool;

static void process(const ct_ctx *ctx, slot *s)
{
	s->rc = ct_doc_run(ctx, s->doc, CT_STAGE_CODE);
	if (!s->rc)
		s->part = ct_story_part_new(ctx, s->doc);
}

static void *worker(void *arg)
{
	pool *p = arg;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (p->claim == p->tail && !p->closing)
			pthread_cond_wait(&p->work, &p->mu);
		if (p->claim == p->tail)
			break;
		slot *s = &p->slots[p->claim++ % p->nslots];
		s->state = BUSY;
		pthread_mutex_unlock(&p->mu);
		process(p->ctx, s);
		pthread_mutex_lock(&p->mu);
		s->state = DONE;
		pthread_cond_broadcast(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

typedef struct {
	const options *opt;
	ct_story *story;
	int failed;
} run_state;

static void finish_slot(run_state *st, slot *s)
{
	if (!st->opt->quiet || s->rc)
		for (size_t i = 0; i < ct_doc_nwarnings(s->doc); i++)
			fprintf(stderr, "claimtrace: warning: %s\n", ct_doc_warning(s->doc, i));
	if (s->rc) {
		const char *path = ct_doc_meta(s->doc, CT_META_PATH), *id = ct_doc_meta(s->doc, CT_META_ID);
		fprintf(stderr, "claimtrace: %s: %s: %s\n", path ? path : "-", id ? id : "article", ct_strerror(s->rc));
		st->failed = 1;
	} else {
		ct_story_add_part(st->story, s->part);
	}
	ct_doc_free(s->doc);
	*s = (slot){0};
}

static int next_doc(const ct_ctx *ctx, const options *opt, char **files, int nfiles, int *fi, ct_reader **r,
		    run_state *st, ct_doc **doc)
{
	for (;;) {
		if (!*r) {
			if (*fi >= nfiles)
				return 0;
			ct_reader_open(r, ctx, files[(*fi)++], (ct_input_format)opt->input_format);
		}
		int rc = ct_reader_next(*r, doc);
		if (rc > 0) {
			if (opt->outlet)
				ct_doc_set_meta(*doc, CT_META_OUTLET, opt->outlet);
			if (opt->published)
				ct_doc_set_meta(*doc, CT_META_PUBLISHED, opt->published);
			return 1;
		}
		if (rc < 0) {
			fprintf(stderr, "claimtrace: %s\n", ct_reader_error(*r));
			st->failed = 1;
			continue;
		}
		ct_reader_free(*r);
		*r = NULL;
	}
}

static void read_all(const ct_ctx *ctx, const options *opt, char **files, int nfiles, run_state *st)
{
	ct_reader *r = NULL;
	int fi = 0;
	ct_doc *doc;
	if (opt->threads <= 1) {
		while (next_doc(ctx, opt, files, nfiles, &fi, &r, st, &doc)) {
			slot s = {doc, NULL, READY, 0};
			process(ctx, &s);
			finish_slot(st, &s);
		}
		ct_reader_free(r);
		return;
	}
	pool p = {ctx, NULL, (size_t)opt->threads * 16, 0, 0, 0, 0,
		  PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER};
	p.slots = calloc(p.nslots, sizeof *p.slots);
	pthread_t *tids = calloc((size_t)opt->threads, sizeof *tids);
	if (!p.slots || !tids) {
		fprintf(stderr, "claimtrace: out of memory\n");
		exit(EXIT_FATAL);
	}
	for (int i = 0; i < opt->threads; i++)
		pthread_create(&tids[i], NULL, worker, &p);
	int more = 1;
	pthread_mutex_lock(&p.mu);
	while (more || p.head < p.tail) {
		while (more && p.tail - p.head < p.nslots) {
			pthread_mutex_unlock(&p.mu);
			more = next_doc(ctx, opt, files, nfiles, &fi, &r, st, &doc);
			pthread_mutex_lock(&p.mu);
			if (!more)
				break;
			p.slots[p.tail % p.nslots] = (slot){doc, NULL, READY, 0};
			p.tail++;
			pthread_cond_signal(&p.work);
		}
		while (p.head < p.tail && p.slots[p.head % p.nslots].state != DONE)
			pthread_cond_wait(&p.done, &p.mu);
		while (p.head < p.tail && p.slots[p.head % p.nslots].state == DONE) {
			slot *s = &p.slots[p.head % p.nslots];
			pthread_mutex_unlock(&p.mu);
			finish_slot(st, s);
			pthread_mutex_lock(&p.mu);
			p.head++;
		}
	}
	p.closing = 1;
	pthread_cond_broadcast(&p.work);
	pthread_mutex_unlock(&p.mu);
	for (int i = 0; i < opt->threads; i++)
		pthread_join(tids[i], NULL);
	free(tids);
	free(p.slots);
	ct_reader_free(r);
}

static int bad_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "claimtrace: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n(see 'claimtrace story --help')\n");
	return EXIT_USAGE;
}

static int parse_count(const char *s, long max, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > max)
		return -1;
	*out = v;
	return 0;
}

int cli_story(int argc, char **argv)
{
	options opt = {CT_STORY_TEXT, CT_IN_AUTO, 0, 0, NULL, NULL, NULL, NULL, 0};
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	opt.threads = ncpu > 0 ? (int)ncpu : 1;
	char **files = calloc((size_t)argc + 1, sizeof *files);
	int nfiles = 0, rc = 0;
	if (!files)
		return EXIT_FATAL;
	for (int i = 0; i < argc && !rc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define TAKES(s, l) ((!strcmp(a, s) || !strcmp(a, l)) && (v ? (i++, 1) : (rc = bad_usage("%s needs a value", a), 0)))
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage_story, stdout);
			free(files);
			return 0;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			opt.quiet = 1;
		} else if (TAKES("-f", "--format")) {
			if ((opt.format = ct_story_format_from_name(v)) < 0)
				rc = bad_usage("unknown story format '%s' (text, json, markdown, html)", v);
		} else if (TAKES("-o", "--output")) {
			opt.output = v;
		} else if (TAKES("-i", "--input-format")) {
			if ((opt.input_format = ct_input_format_from_name(v)) < 0)
				rc = bad_usage("unknown input format '%s' (auto, txt, jsonl, csv)", v);
		} else if (TAKES("-j", "--threads")) {
			long t;
			if (parse_count(v, 256, &t))
				rc = bad_usage("--threads takes a number from 1 to 256, not '%s'", v);
			else
				opt.threads = (int)t;
		} else if (TAKES("--max-bytes", "--max-bytes")) {
			long t;
			if (parse_count(v, 1L << 30, &t))
				rc = bad_usage("--max-bytes takes a number from 1 to 1073741824, not '%s'", v);
			else
				opt.max_bytes = (size_t)t;
		} else if (TAKES("--outlet", "--outlet")) {
			opt.outlet = v;
		} else if (TAKES("--published", "--published")) {
			opt.published = v;
		} else if (TAKES("--data", "--data")) {
			opt.datadir = v;
		} else if (!rc && a[0] == '-' && a[1]) {
			rc = bad_usage("unknown option '%s'", a);
		} else if (!rc) {
			files[nfiles++] = argv[i];
		}
#undef TAKES
	}
	if (!rc && !nfiles)
		rc = bad_usage("%s", "no input files (use '-' for standard input)");
	if (rc) {
		free(files);
		return rc;
	}
	ct_ctx *ctx;
	if (ct_ctx_new(&ctx, opt.datadir)) {
		fprintf(stderr, "claimtrace: %s\n", ct_ctx_error(ctx));
		ct_ctx_free(ctx);
		free(files);
		return EXIT_FATAL;
	}
	if (opt.max_bytes)
		ct_ctx_set_max_article(ctx, opt.max_bytes);
	run_state st = {&opt, ct_story_new(ctx), 0};
	read_all(ctx, &opt, files, nfiles, &st);
	ct_story_build(st.story);
	size_t len;
	char *out = ct_story_render(st.story, (ct_story_format)opt.format, &len);
	FILE *f = opt.output ? fopen(opt.output, "wb") : stdout;
	int fatal = 0;
	if (!f || fwrite(out, 1, len, f) != len || (opt.output ? fclose(f) : fflush(f)) != 0) {
		fprintf(stderr, "claimtrace: writing %s: %s\n", opt.output ? opt.output : "output", strerror(errno));
		fatal = 1;
	}
	free(out);
	ct_story_free(st.story);
	ct_ctx_free(ctx);
	free(files);
	return fatal ? EXIT_FATAL : st.failed ? EXIT_PARTIAL : 0;
}
