/*
 * store.h — the archive: articles and what the pipeline found in them, in
 * one SQLite file (docs/store.md has the schema).
 *
 * Takes: documents run through the pipeline (CT_STAGE_CODE), one at a
 *        time, on the thread that owns the store; records made for them on
 *        any thread (ct_store_rec_new: the content hash and the story part,
 *        the expensive parts, off the writing thread).
 * Gives: rows in the file — the article, its entities, attributions with
 *        their spans, and coded statements, each statement indexed for
 *        full-text search — and the queries over them (query.c).
 *
 * Writes come in batches (ct_store_begin … ct_store_commit): one
 * transaction each, so a crash at any moment leaves the file as it was
 * after the last committed batch, and running the same ingest again adds
 * what was lost and nothing twice (exact duplicates are found by the
 * content hash of the normalized text).
 */
#ifndef CT_STORE_H
#define CT_STORE_H

#include <sqlite3.h>

#include "../core/doc.h"

/* The schema this build writes; older files are migrated (store.c). */
#define CT_STORE_SCHEMA 5
/* PRAGMA application_id of a claimtrace archive: "CTRC". */
#define CT_STORE_APP_ID 0x43545243

/* A 128-bit content hash, kept in memory as a set. */
typedef struct {
	uint64_t lo, hi;
} ct_hash128;

struct ct_store {
	sqlite3 *db;
	char *path;
	char err[1024];
	int writable;
	int schema; /* the file's schema version as opened */
	int in_batch;
	sqlite3_stmt *st[8]; /* prepared inserts, by ct_store_ins */
	/* the hashes in the file when it was opened: read by workers, never
	 * changed while they run */
	ct_hash128 *known;
	size_t nknown, known_cap; /* open addressing, a power of two */
	/* hashes added since: the writing thread's own */
	ct_hash128 *added;
	size_t nadded, added_cap;
	/* sentences indexed lately, by the hash of their text: a wire copy's
	 * sentences point to the original's row of the full-text index
	 * (store.c, add_rows); NULL until the first */
	struct ct_indexed_sent *indexed;
	/* the time limit of a read (web.c, ct_store_set_time_limit): CLOCK_MONOTONIC
	 * microseconds, 0 for none; timed_out once the progress handler stopped one */
	uint64_t deadline_us;
	int timed_out;
	/* the grouping done beside the writing (stories.c): NULL before the
	 * first article and after ct_store_group; pre_off once given up */
	struct ct_pregroup *pre;
	int pre_off;
};
typedef struct ct_pregroup ct_pregroup;
/* On the writing thread, after article `id` is added with its features
 * (the worker's, whose packed bytes the file holds; unpacking them again
 * and checking their order cost the writing thread about 3% of its time
 * at 30,000 articles): it joins its story in memory (stories.c). */
void ct_store_pregroup_add(ct_store *s, int64_t id, const ct_group_feat *f);
/* Drops that grouping (a rolled-back batch, the store closed). */
void ct_store_pregroup_drop(ct_store *s);

/* Sets s->err to "path: what: sqlite's message" and returns CT_EDB. */
int ct_store_fail(ct_store *s, const char *what);
/* An ISO date, YYYY, YYYY-MM or YYYY-MM-DD with a real month and day. */
int ct_store_iso_date(const char *s);
/* CT_EARG, the error set naming the first that is not such a date (NULL
 * is none), or 0. */
int ct_store_check_dates(ct_store *s, const char *since, const char *until);

/* The content hash of a normalized text. */
ct_hash128 ct_store_hash(const char *text, size_t len);

/* Applies the migrations from version `from` up to `to` (store.c), in the
 * current transaction. For tests: to < CT_STORE_SCHEMA makes an old file. */
int ct_store_migrate(ct_store *s, int from, int to);

/* Opens `path` with its schema created up to version `version` only (a
 * new file), for migration tests. */
int ct_store_create_at(ct_store **out, const char *path, int version);

/* Sets PRAGMA max_page_count (tests: a full disk). */
int ct_store_set_max_pages(ct_store *s, long pages);

#endif
