/*
 * pool.h — the articles of the input files, run on worker threads and
 * handed back in input order: what `extract` and `story` both do.
 *
 * The calling thread reads (articles stream, a bounded number in flight, so
 * memory stays flat) and receives the results; the workers run `work`.
 * Output order never depends on the number of threads.
 */
#ifndef CT_CLI_POOL_H
#define CT_CLI_POOL_H

#include "claimtrace.h"

typedef struct {
	const ct_ctx *ctx;
	int threads; /* 1: no threads at all */
	int input_format;
	const char *outlet, *published; /* set on every article when given */
	/* On a worker: the article's work, a result for `done` and a code. */
	void (*work)(void *arg, ct_doc *doc, void **result, int *rc);
	/* On the calling thread, in input order; owns doc and result. */
	void (*done)(void *arg, ct_doc *doc, void *result, int rc);
	/* Nonzero: read no more input (a fatal error happened). May be NULL. */
	int (*stop)(void *arg);
	void *arg;
} cli_pool;

/* Runs every article of `files` through the pool. Returns 1 when some input
 * could not be read (each named on stderr), else 0. */
int cli_pool_run(const cli_pool *p, char **files, int nfiles);

#endif
