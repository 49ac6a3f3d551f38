/*
 * pool.c — see pool.h. A ring of slots: the reader fills free slots, the
 * workers claim ready ones, and the caller empties done ones from the head,
 * so results come back in the order the articles were read.
 */
#include "pool.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
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

/* The progress line on a terminal: articles handed back, their bytes, and
 * how far into the input files reading has come (for the time left). */
typedef struct {
	int on, shown; /* shown: a line without its newline is on the screen */
	size_t articles, bytes;
	uint64_t in_done, in_total; /* bytes of the input files read, and their size */
	struct timespec start, last;
} progress;

typedef struct {
	const cli_pool *p;
	char **files;
	int nfiles, next, failed;
	ct_reader *r;
	progress *pr;
	uint64_t done_before; /* input bytes of the readers closed */
	uint64_t *later;      /* per file given: the size of the regular files from it on (nfiles + 1) */
} input;

static double since(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

/* At most twice a second, and once at the end (`final`), with its newline. */
static void progress_show(progress *pr, int final)
{
	if (!pr->on || (!final && since(&pr->last) < 0.5))
		return;
	clock_gettime(CLOCK_MONOTONIC, &pr->last);
	pr->shown = !final;
	double secs = since(&pr->start);
	char eta[32] = "";
	if (!final && pr->in_total && pr->in_done && pr->in_done < pr->in_total) {
		double left = secs * (double)(pr->in_total - pr->in_done) / (double)pr->in_done;
		snprintf(eta, sizeof eta, ", %d:%02d left", (int)(left / 60), (int)left % 60);
	}
	fprintf(stderr, "\r%zu article%s, %.1f MB, %.0f articles/s, %.1f MB/s%s ", pr->articles,
		pr->articles == 1 ? "" : "s", (double)pr->bytes / 1e6, secs > 0 ? (double)pr->articles / secs : 0.0,
		secs > 0 ? (double)pr->bytes / 1e6 / secs : 0.0, eta);
	if (final)
		fputc('\n', stderr);
}

/* Before a message: the progress line goes, so the message starts its own
 * line; the next update draws it again. */
static void progress_clear(progress *pr)
{
	if (pr->shown)
		fputs("\r\033[K", stderr);
	pr->shown = 0;
}

/* p->done, counted for the progress line. */
static void hand_back(const cli_pool *p, progress *pr, ct_doc *doc, void *result, int rc)
{
	size_t len;
	ct_doc_text(doc, &len);
	if (rc || ct_doc_nwarnings(doc))
		progress_clear(pr);
	p->done(p->arg, doc, result, rc);
	pr->articles++;
	pr->bytes += len;
	progress_show(pr, 0);
}

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

/* A calendar date written YYYY-MM-DD (ISO 8601's complete form): 1, else 0.
 * Checked here because the library keeps a --published value as given, and
 * "yesterday" would reach every record and the timeline as the date. */
static int iso_date(const char *v)
{
	static const char shape[] = "dddd-dd-dd";
	for (size_t i = 0; i < sizeof shape; i++)
		if (shape[i] == 'd' ? !(v[i] >= '0' && v[i] <= '9') : v[i] != shape[i])
			return 0;
	int y = atoi(v), m = atoi(v + 5), d = atoi(v + 8);
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] + (m == 2 && leap);
}

static int set_field(void *r, const char *field, const char *key)
{
	return ct_reader_set_field(r, field, key);
}

enum { IN_MAX_BYTES = 512, IN_OUTLET, IN_PUBLISHED, IN_FIELD, IN_DATA };

const cli_opt cli_input_opts[] = {
	{'i', "input-format", "FMT", "auto (default: by extension and first bytes), txt,\njsonl, csv, html or warc"},
	{IN_FIELD, "field", "F=KEY,...", "take field F (text, title, url, outlet, published,\n"
					 "author, id) from JSONL key or CSV column KEY"},
	{IN_OUTLET, "outlet", "NAME", "set the outlet of every article (else the input's,\n"
				      "else the article id stands in)"},
	{IN_PUBLISHED, "published", "DATE", "set the publication date of every article\n(YYYY-MM-DD)"},
	{'j', "threads", "N", "worker threads (default: the number of cores)"},
	{IN_MAX_BYTES, "max-bytes", "N", "refuse articles larger than N bytes (default 268435456)"},
	{IN_DATA, "data", "DIR", "lexicons and models (default: $CLAIMTRACE_DATA or built in)"},
	{'q', "quiet", NULL, "no warnings or progress on stderr (errors still shown)"},
	CLI_OPT_END};

int cli_input_option(cli_input *in, const cli_opts *p, int id)
{
	const char *v = p->value;
	long t;
	switch (id) {
	case 'q':
		in->quiet = 1;
		break;
	case 'i':
		if ((in->input_format = ct_input_format_from_name(v)) < 0)
			return cli_opts_error(p, "unknown input format '%s' (auto, txt, jsonl, csv, html, warc)", v);
		break;
	case 'j':
		if (cli_parse_count(v, 256, &t))
			return cli_opts_error(p, "--threads takes a number from 1 to 256, not '%s'", v);
		in->threads = (int)t;
		break;
	case IN_MAX_BYTES:
		if (cli_parse_count(v, 1L << 30, &t))
			return cli_opts_error(p, "--max-bytes takes a number from 1 to 1073741824, not '%s'", v);
		in->max_bytes = (size_t)t;
		break;
	case IN_OUTLET:
		in->outlet = v;
		break;
	case IN_PUBLISHED:
		if (!iso_date(v))
			return cli_opts_error(p, "--published takes a date as YYYY-MM-DD, not '%s'", v);
		in->published = v;
		break;
	case IN_FIELD: {
		const char *bad = strlen(v) < 1024 ? each_field(v, known_field, NULL) : v;
		if (bad)
			return cli_opts_error(p,
					      "--field takes FIELD=KEY pairs (fields: text, title, url, outlet, published, "
					      "author, id), not '%s'",
					      bad);
		if (in->nfield_spec == 16)
			return cli_opts_error(p, "%s", "--field given more than 16 times");
		in->field_spec[in->nfield_spec++] = v;
		break;
	}
	case IN_DATA:
		in->datadir = v;
		break;
	default:
		return -1;
	}
	return 0;
}

int cli_doc_report(const cli_input *in, const ct_doc *doc, int rc)
{
	if (!in->quiet || rc)
		for (size_t i = 0; i < ct_doc_nwarnings(doc); i++)
			fprintf(stderr, "claimtrace: warning: %s\n", ct_doc_warning(doc, i));
	if (rc) {
		const char *path = ct_doc_meta(doc, CT_META_PATH), *id = ct_doc_meta(doc, CT_META_ID);
		fprintf(stderr, "claimtrace: %s: %s: %s\n", path ? path : "-", id ? id : "article", ct_strerror(rc));
	}
	return rc != 0;
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
		if (in->pr->on) {
			uint64_t done, total;
			ct_reader_progress(in->r, &done, &total);
			in->pr->in_done = in->done_before + done;
			in->pr->in_total = in->done_before + total + in->later[in->next];
		}
		if (rc > 0) {
			if (in->p->in->outlet)
				ct_doc_set_meta(*doc, CT_META_OUTLET, in->p->in->outlet);
			if (in->p->in->published)
				ct_doc_set_meta(*doc, CT_META_PUBLISHED, in->p->in->published);
			return 1;
		}
		if (rc < 0) {
			progress_clear(in->pr);
			fprintf(stderr, "claimtrace: %s\n", ct_reader_error(in->r));
			in->failed = 1;
			continue;
		}
		char why[256];
		size_t skipped = ct_reader_skipped(in->r, why, sizeof why);
		if (skipped && !in->p->in->quiet) {
			progress_clear(in->pr);
			fprintf(stderr, "claimtrace: %s: %zu crawl record%s passed over as not pages (%s)\n",
				in->files[in->next - 1], skipped, skipped == 1 ? "" : "s", why);
		}
		uint64_t done, total;
		ct_reader_progress(in->r, &done, &total);
		in->done_before += total;
		ct_reader_free(in->r);
		in->r = NULL;
	}
}

static int stopped(const cli_pool *p)
{
	return p->stop && p->stop(p->arg);
}

/*
 * Ingest's writer needs about 60% of a core, and its two workers all they
 * get. With three threads on two cores at equal niceness, a core the
 * writer shares with a worker gives it half; it fell behind, its queue
 * filled, the workers waited for the reading thread, which waited for the
 * queue, and a tenth of the two cores' time went unused (perf, 100,140
 * articles). A worker 5 steps nicer weighs a third of the writer, which
 * then gets three quarters of a shared core. Relative to the thread's own
 * niceness (one may not lower it again), and never past 19.
 */
static void yield_to_others(void)
{
#ifdef __linux__
	id_t tid = (id_t)syscall(SYS_gettid);
	errno = 0;
	int now = getpriority(PRIO_PROCESS, tid);
	if (errno == 0)
		(void)setpriority(PRIO_PROCESS, tid, now + 5 < 19 ? now + 5 : 19);
#endif
}

static void *worker(void *arg)
{
	ring *g = arg;
	if (g->p->workers_yield)
		yield_to_others();
	pthread_mutex_lock(&g->mu);
	for (;;) {
		while (g->claim == g->tail && !g->closing)
			pthread_cond_wait(&g->work, &g->mu);
		if (g->claim == g->tail)
			break;
		size_t at = g->claim++;
		slot *s = &g->slots[at % g->nslots];
		s->state = SLOT_BUSY;
		pthread_mutex_unlock(&g->mu);
		g->p->work(g->p->arg, s->doc, &s->result, &s->rc);
		pthread_mutex_lock(&g->mu);
		s->state = SLOT_DONE;
		/* the reading thread waits for the oldest slot only: woken for
		 * any other it would find nothing to do and sleep again */
		if (at == g->head)
			pthread_cond_signal(&g->done);
	}
	pthread_mutex_unlock(&g->mu);
	return NULL;
}

int cli_pool_run(const cli_pool *p, char **files, int nfiles)
{
	progress pr = {!p->in->quiet && isatty(2), 0, 0, 0, 0, 0, {0}, {0}};
	input in = {p, files, nfiles, 0, 0, NULL, &pr, 0, calloc((size_t)nfiles + 1, sizeof *in.later)};
	if (!in.later) {
		fprintf(stderr, "claimtrace: out of memory\n");
		exit(EXIT_FATAL);
	}
	/* the sizes of the files given, summed from each on once here rather
	 * than at every article; a directory's count when it is reached */
	for (int k = nfiles - 1; k >= 0; k--) {
		struct stat sb;
		int reg = strcmp(files[k], "-") && stat(files[k], &sb) == 0 && S_ISREG(sb.st_mode);
		in.later[k] = in.later[k + 1] + (reg ? (uint64_t)sb.st_size : 0);
	}
	ct_doc *doc;
	clock_gettime(CLOCK_MONOTONIC, &pr.start);
	pr.last = pr.start;
	if (p->in->threads <= 1) {
		while (!stopped(p) && next_doc(&in, &doc)) {
			void *result = NULL;
			int rc = 0;
			p->work(p->arg, doc, &result, &rc);
			hand_back(p, &pr, doc, result, rc);
		}
		ct_reader_free(in.r);
		free(in.later);
		progress_show(&pr, 1);
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
			hand_back(p, &pr, s.doc, s.result, s.rc);
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
	free(in.later);
	progress_show(&pr, 1);
	return in.failed;
}
