/*
 * pool.h — the articles of the input files, run on worker threads and
 * handed back in input order: what `extract` and `story` both do.
 *
 * The calling thread reads (articles stream, a bounded number in flight, so
 * memory stays flat) and receives the results; the workers run `work`.
 * Output order never depends on the number of threads. On a terminal
 * (stderr), unless quiet, a progress line counts the articles handed back.
 */
#ifndef CT_CLI_POOL_H
#define CT_CLI_POOL_H

#include "claimtrace.h"
#include "opts.h"

/* The options of every command that reads articles. */
typedef struct {
	int input_format; /* ct_input_format */
	int threads;      /* 1: no threads at all */
	int quiet;
	const char *outlet, *published; /* set on every article when given */
	const char *datadir;
	size_t max_bytes; /* 0: the library's default */
	/* --field FIELD=KEY,…: where fields are read from, as given (checked) */
	const char *field_spec[16];
	int nfield_spec;
} cli_input;

/* The defaults: auto format, one thread a core. */
void cli_input_init(cli_input *in);

/* Their options (-i, -j, -q, --field, --outlet, --published, --max-bytes,
 * --data), for a cli_spec's `more`. */
extern const cli_opt cli_input_opts[];

/* Takes the option `id` just parsed by p when it is one of cli_input_opts:
 * 0; EXIT_USAGE after a message for a bad value; -1 when it is not one. */
int cli_input_option(cli_input *in, const cli_opts *p, int id);

/* On the calling thread, as a pool's `done` begins: the document's
 * warnings (unless quiet, and always with a failure) and, when rc is a
 * failure, one line naming its file and article. Returns rc != 0. */
int cli_doc_report(const cli_input *in, const ct_doc *doc, int rc);

/* The context for these options (*ctx owned), with what running articles
 * up to `until` takes: 0, or EXIT_FATAL with the message printed. */
int cli_input_context(const cli_input *in, ct_stage until, ct_ctx **ctx);

typedef struct {
	const ct_ctx *ctx;
	const cli_input *in;
	/* On a worker: the article's work, a result for `done` and a code. */
	void (*work)(void *arg, ct_doc *doc, void **result, int *rc);
	/* On the calling thread, in input order; owns doc and result. */
	void (*done)(void *arg, ct_doc *doc, void *result, int rc);
	/* Nonzero: read no more input (a fatal error happened). May be NULL. */
	int (*stop)(void *arg);
	void *arg;
	/* Nonzero: the workers run 5 steps of niceness below the calling
	 * thread (on Linux, where niceness is a thread's), so that a thread
	 * their results feed (ingest's writer, the grouping of `stories`) gets
	 * its share of the cores. */
	int workers_yield;
} cli_pool;

/* Runs every article of `files` through the pool. Returns 1 when some input
 * could not be read (each named on stderr), else 0. */
int cli_pool_run(const cli_pool *p, char **files, int nfiles);

#endif
