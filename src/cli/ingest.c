/*
 * ingest.c — `claimtrace ingest --db FILE INPUTS...`: articles into the
 * archive. Uses the public header only.
 *
 * Articles run through the pipeline on worker threads (pool.h) and are
 * written on this thread, in input order, in batches of one transaction
 * each: a batch closes after --batch articles or a second, whichever comes
 * first, so a kill loses at most the last second's work, and the next run
 * of the same ingest adds it (what is there already is a duplicate by its
 * content hash, known to the workers before the costly stages run).
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "claimtrace.h"
#include "cli.h"
#include "opts.h"
#include "pool.h"

static const char usage_ingest[] =
	"usage: claimtrace ingest --db FILE [OPTIONS] INPUTS...\n"
	"\n"
	"Adds articles (files, directories, JSONL, CSV, web pages, WARC crawls or '-')\n"
	"to the archive FILE, an SQLite database created when missing: each article\n"
	"with its text and metadata, entities, attributions and coded statements.\n"
	"An article whose text is already there is a duplicate and adds nothing, so\n"
	"running the same ingest again completes an interrupted one. The new articles\n"
	"then join the archive's stories (or start new ones), and wire reprints among\n"
	"them are linked to their earliest copy.\n";

enum { O_DB = 256, O_BATCH };

static const cli_opt ingest_opts[] = {
	{O_DB, "db", "FILE", "the archive (required)"},
	{O_BATCH, "batch", "N", "articles per transaction (default 500; a batch also\n"
				"closes after one second)"},
	CLI_OPT_END};

static const cli_spec ingest_spec = {"ingest", usage_ingest, ingest_opts, cli_input_opts, NULL, CLI_ARGS_ANY};

typedef struct {
	const char *db;
	long batch;
	cli_input in;
} options;

/* What a worker hands back: the record, or word that it is a duplicate. */
typedef struct {
	ct_store_rec *rec;
	int known;
} result;

/* An article for the writer: the document and its record (owned). */
typedef struct {
	ct_doc *doc;
	ct_store_rec *rec;
} item;

typedef struct {
	const ct_ctx *ctx;
	const options *opt;
	ct_store *store;
	int failed;
	atomic_int fatal;         /* set by the writer, read by the reader */
	size_t known, errors;     /* the reading thread's counts */
	size_t added, dups, in_batch; /* the writer's */
	struct timespec batch_start;
	/* the queue from the reading thread to the writer, so that SQLite's
	 * work goes on while the next articles are read and handed out */
	item *q;
	size_t qcap, head, tail;
	int closing, threaded;
	pthread_mutex_t mu;
	pthread_cond_t more, room;
} run_state;

static double since(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p) {
		fprintf(stderr, "claimtrace: out of memory\n");
		exit(EXIT_FATAL);
	}
	return p;
}

/* On a worker: a duplicate is known after normalizing; the rest runs the
 * whole pipeline and gets its record. */
static void work(void *arg, ct_doc *doc, void **out, int *rc)
{
	const run_state *st = arg;
	result *r = xmalloc(sizeof *r);
	*r = (result){NULL, 0};
	*out = r;
	if ((*rc = ct_doc_run(st->ctx, doc, CT_STAGE_NORMALIZE)) != 0)
		return;
	if (ct_store_known(st->store, doc)) {
		r->known = 1;
		return;
	}
	if ((*rc = ct_doc_run(st->ctx, doc, CT_STAGE_CODE)) == 0)
		r->rec = ct_store_rec_new(st->ctx, doc);
}

static int fatal_db(run_state *st)
{
	fprintf(stderr, "claimtrace: %s\n", ct_store_error(st->store));
	ct_store_rollback(st->store);
	st->fatal = 1;
	return 1;
}

static int commit(run_state *st)
{
	if (!st->in_batch)
		return 0;
	st->in_batch = 0;
	return ct_store_commit(st->store) ? fatal_db(st) : 0;
}

/* On the writer: one article into the archive, in input order. */
static void write_one(run_state *st, ct_doc *doc, ct_store_rec *rec)
{
	if (!st->fatal) {
		if (!st->in_batch) {
			if (ct_store_begin(st->store))
				fatal_db(st);
			else
				st->in_batch = 1;
			clock_gettime(CLOCK_MONOTONIC, &st->batch_start);
		}
		int added = st->fatal ? 0 : ct_store_add(st->store, doc, rec, NULL);
		if (added < 0)
			fatal_db(st);
		else if (added)
			st->added++;
		else
			st->dups++;
		if (!st->fatal && st->in_batch &&
		    (++st->in_batch > (size_t)st->opt->batch || since(&st->batch_start) >= 1.0))
			commit(st);
	}
	ct_store_rec_free(rec);
	ct_doc_free(doc);
}

static void *writer(void *arg)
{
	run_state *st = arg;
	pthread_mutex_lock(&st->mu);
	for (;;) {
		while (st->head == st->tail && !st->closing)
			pthread_cond_wait(&st->more, &st->mu);
		if (st->head == st->tail)
			break;
		item it = st->q[st->head++ % st->qcap];
		pthread_cond_signal(&st->room);
		pthread_mutex_unlock(&st->mu);
		write_one(st, it.doc, it.rec);
		pthread_mutex_lock(&st->mu);
	}
	pthread_mutex_unlock(&st->mu);
	return NULL;
}

/* In input order, on the reading thread: errors and duplicates counted
 * here, the rest queued for the writer. */
static void add(void *arg, ct_doc *doc, void *out, int rc)
{
	run_state *st = arg;
	result *r = out;
	if (cli_doc_report(&st->opt->in, doc, rc) || r->known || !r->rec) {
		if (rc) {
			st->failed = 1;
			st->errors++;
		} else {
			st->known++;
		}
		if (r)
			ct_store_rec_free(r->rec);
		free(r);
		ct_doc_free(doc);
		return;
	}
	if (!st->threaded) {
		write_one(st, doc, r->rec);
		free(r);
		return;
	}
	pthread_mutex_lock(&st->mu);
	while (st->tail - st->head == st->qcap)
		pthread_cond_wait(&st->room, &st->mu);
	st->q[st->tail++ % st->qcap] = (item){doc, r->rec};
	pthread_cond_signal(&st->more);
	pthread_mutex_unlock(&st->mu);
	free(r);
}

static int stop(void *arg)
{
	return ((const run_state *)arg)->fatal;
}

int cli_ingest(int argc, char **argv)
{
	options opt = {NULL, 500, {0}};
	cli_input_init(&opt.in);
	cli_opts p;
	int o = 0, rc = 0;
	cli_opts_init(&p, &ingest_spec, argc, argv);
	while (!rc && (o = cli_opts_next(&p)) > 0) {
		switch (o) {
		case O_DB:
			opt.db = p.value;
			break;
		case O_BATCH:
			if (cli_parse_count(p.value, 1000000, &opt.batch))
				rc = cli_opts_error(&p, "--batch takes a number from 1 to 1000000, not '%s'", p.value);
			break;
		default:
			rc = cli_input_option(&opt.in, &p, o);
		}
	}
	if (!rc && o < 0)
		return cli_opts_exit(o);
	if (!rc && !opt.db)
		rc = cli_opts_error(&p, "%s", "--db FILE is required (the archive to add to)");
	if (!rc && !p.nargs)
		rc = cli_opts_error(&p, "%s", "no input files (use '-' for standard input)");
	if (rc)
		return rc;
	char **files = p.args;
	int nfiles = p.nargs;
	ct_ctx *ctx;
	if ((rc = cli_input_context(&opt.in, CT_STAGE_LAST, &ctx)) != 0)
		return rc;
	/* room for a quarter of a second of articles, so that the workers go
	 * on while the writer commits (10,014 articles: 5.8 s with room for
	 * 64, 5.6 s with 512; about 15 MB more memory). What mostly left them
	 * waiting was the writer's share of the cores, not its commits: with
	 * no checkpoints at all they waited as often. The workers now yield
	 * to it (pool.h, workers_yield). */
	run_state st = {.ctx = ctx, .opt = &opt, .qcap = 512, .mu = PTHREAD_MUTEX_INITIALIZER,
			.more = PTHREAD_COND_INITIALIZER, .room = PTHREAD_COND_INITIALIZER};
	if (cli_store_open(opt.db, CT_STORE_WRITE, &st.store)) {
		ct_ctx_free(ctx);
		return EXIT_FATAL;
	}
	st.q = xmalloc(st.qcap * sizeof *st.q);
	pthread_t wt;
	/* no thread to be had: the writer's work is done as articles are read */
	st.threaded = pthread_create(&wt, NULL, writer, &st) == 0;
	int threaded = st.threaded;
	cli_pool pool = {ctx, &opt.in, work, add, stop, &st, 1};
	if (cli_pool_run(&pool, files, nfiles))
		st.failed = 1;
	pthread_mutex_lock(&st.mu);
	st.closing = 1;
	pthread_cond_signal(&st.more);
	pthread_mutex_unlock(&st.mu);
	if (threaded)
		pthread_join(wt, NULL);
	free(st.q);
	if (!st.fatal)
		commit(&st);
	/* the new articles into stories, reprints linked: one transaction */
	ct_store_group_stats gs = {0};
	if (!st.fatal && ct_store_group(st.store, ctx, &gs)) {
		fprintf(stderr, "claimtrace: %s\n", ct_store_error(st.store));
		st.fatal = 1;
	}
	int64_t total = st.fatal ? -1 : ct_store_narticles(st.store);
	if (ct_store_close(st.store) && !st.fatal) {
		fprintf(stderr, "claimtrace: %s: closing the archive failed\n", opt.db);
		st.fatal = 1;
	}
	if (!opt.in.quiet && !st.fatal)
		fprintf(stderr,
			"claimtrace: %s: %zu article%s added, %zu already there, %zu failed; %lld in the archive, "
			"in %zu stor%s (%zu touched), %zu reprint%s linked in them\n",
			opt.db, st.added, st.added == 1 ? "" : "s", st.dups + st.known, st.errors, (long long)total, gs.stories,
			gs.stories == 1 ? "y" : "ies", gs.stories_touched, gs.reprints, gs.reprints == 1 ? "" : "s");
	ct_ctx_free(ctx);
	return st.fatal ? EXIT_FATAL : st.failed ? EXIT_PARTIAL : 0;
}
