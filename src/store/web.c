/*
 * web.c — what the web app reads of the archive beyond statements and
 * stories (claimtrace.h, "the archive for the web app"): one article with
 * its entities, attributions and statements, and lists of articles by
 * story or outlet, and each story's statements counted by stance.
 *
 * Plain SELECTs on the indexes the schema already has (articles_story,
 * articles_outlet, statements_article, the WITHOUT ROWID primary keys of
 * entities and attributions), every value bound. A list's row is handed
 * to the caller while its statement is live, so nothing is copied; an
 * article's entities, attributions and statements are collected first, so
 * their strings are copied (SQLite's are gone at the next step).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store.h"

static const char *col(sqlite3_stmt *q, int i)
{
	return (const char *)sqlite3_column_text(q, i);
}

static uint32_t col_u32(sqlite3_stmt *q, int i)
{
	sqlite3_int64 v = sqlite3_column_int64(q, i);
	return v < 0 ? 0 : v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

static int prepare(ct_store *s, sqlite3_stmt **q, const char *sql)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, q, NULL) != SQLITE_OK) {
		*q = NULL;
		return ct_store_fail(s, "reading");
	}
	return 0;
}

static void *grow(void *p, size_t bytes)
{
	p = realloc(p, bytes);
	if (!p) {
		fputs("claimtrace: out of memory\n", stderr);
		abort();
	}
	return p;
}

/* Copies of the strings of collected rows, freed together. */
typedef struct {
	char **s;
	size_t n, cap;
} strings;

static const char *keep(strings *k, sqlite3_stmt *q, int i)
{
	const char *v = col(q, i);
	if (!v)
		return NULL;
	if (k->n == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 64;
		k->s = grow(k->s, k->cap * sizeof *k->s);
	}
	size_t len = strlen(v) + 1;
	char *c = grow(NULL, len);
	memcpy(c, v, len);
	return k->s[k->n++] = c;
}

/* Steps `q` to its end, growing *arr (elem bytes each) with fill(q, slot). */
static int collect(ct_store *s, sqlite3_stmt *q, void **arr, size_t elem, size_t *n,
		   void (*fill)(sqlite3_stmt *q, void *slot, strings *k), strings *k)
{
	size_t cap = 0;
	int r;
	while ((r = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			*arr = grow(*arr, cap * elem);
		}
		fill(q, (char *)*arr + *n * elem, k);
		(*n)++;
	}
	return r == SQLITE_DONE ? 0 : ct_store_fail(s, "reading");
}

static void fill_entity(sqlite3_stmt *q, void *slot, strings *k)
{
	ct_article_entity *e = slot;
	e->idx = sqlite3_column_int(q, 0);
	e->name = keep(k, q, 1);
	e->type = keep(k, q, 2);
	e->country = keep(k, q, 3);
	e->mentions = sqlite3_column_int(q, 4);
}

static void fill_attr(sqlite3_stmt *q, void *slot, strings *k)
{
	ct_article_attr *a = slot;
	a->idx = sqlite3_column_int(q, 0);
	a->kind = keep(k, q, 1);
	a->source_off = col_u32(q, 2);
	a->source_len = col_u32(q, 3);
	a->source_entity = sqlite3_column_type(q, 4) == SQLITE_NULL ? -1 : sqlite3_column_int(q, 4);
	a->cue_off = col_u32(q, 5);
	a->cue_len = col_u32(q, 6);
	a->cue_kind = keep(k, q, 7);
	a->content_off = col_u32(q, 8);
	a->content_len = col_u32(q, 9);
	a->content2_off = col_u32(q, 10);
	a->content2_len = col_u32(q, 11);
}

static void fill_stmt(sqlite3_stmt *q, void *slot, strings *k)
{
	ct_article_statement *t = slot;
	t->id = sqlite3_column_int64(q, 0);
	t->attribution = sqlite3_column_type(q, 1) == SQLITE_NULL ? -1 : sqlite3_column_int(q, 1);
	t->speaker = keep(k, q, 2);
	t->cue = keep(k, q, 3);
	t->stance = keep(k, q, 4);
	t->date = keep(k, q, 5);
	t->sent = sqlite3_column_int(q, 6);
	t->sent_off = col_u32(q, 7);
	t->sent_len = col_u32(q, 8);
}

int ct_store_article(ct_store *s, int64_t id, int (*each)(void *arg, const ct_article_row *row), void *arg)
{
	sqlite3_stmt *qa = NULL, *qe = NULL, *qt = NULL, *qs = NULL;
	ct_article_row row = {0};
	strings k = {0};
	int rc = 0;
	if ((rc = prepare(s, &qa, "SELECT a.id, a.name, a.url, a.outlet, a.published, a.title, a.author, a.text,"
				  " p.story, p.reprint_of FROM articles a LEFT JOIN placements p ON p.article = a.id"
				  " WHERE a.id = ?")) ||
	    (rc = prepare(s, &qe, "SELECT idx, name, type, country, mentions FROM entities WHERE article = ? ORDER BY idx")) ||
	    (rc = prepare(s, &qt, "SELECT idx, kind, source_off, source_len, source_entity, cue_off, cue_len, cue_kind,"
				  " content_off, content_len, content2_off, content2_len"
				  " FROM attributions WHERE article = ? ORDER BY idx")) ||
	    (rc = prepare(s, &qs, "SELECT id, attribution, speaker, cue, stance, date, sent, sent_off, sent_len"
				  " FROM statements WHERE article = ? AND noise = 0 ORDER BY sent, idx")))
		goto out;
	sqlite3_bind_int64(qa, 1, id);
	int r = sqlite3_step(qa);
	if (r == SQLITE_DONE) {
		snprintf(s->err, sizeof s->err, "%s: no article %lld", s->path, (long long)id);
		rc = CT_EARG;
		goto out;
	}
	if (r != SQLITE_ROW) {
		rc = ct_store_fail(s, "reading");
		goto out;
	}
	row.id = sqlite3_column_int64(qa, 0);
	row.name = col(qa, 1);
	row.url = col(qa, 2);
	row.outlet = col(qa, 3);
	row.published = col(qa, 4);
	row.title = col(qa, 5);
	row.author = col(qa, 6);
	row.text = col(qa, 7);
	row.text_len = (size_t)sqlite3_column_bytes(qa, 7);
	row.story = sqlite3_column_int64(qa, 8);
	row.reprint_of = sqlite3_column_int64(qa, 9);
	sqlite3_bind_int64(qe, 1, id);
	sqlite3_bind_int64(qt, 1, id);
	sqlite3_bind_int64(qs, 1, id);
	if ((rc = collect(s, qe, (void **)&row.entities, sizeof *row.entities, &row.nentities, fill_entity, &k)) ||
	    (rc = collect(s, qt, (void **)&row.attrs, sizeof *row.attrs, &row.nattrs, fill_attr, &k)) ||
	    (rc = collect(s, qs, (void **)&row.statements, sizeof *row.statements, &row.nstatements, fill_stmt, &k)))
		goto out;
	each(arg, &row);
out:
	for (size_t i = 0; i < k.n; i++)
		free(k.s[i]);
	free(k.s);
	free((void *)row.entities);
	free((void *)row.attrs);
	free((void *)row.statements);
	sqlite3_finalize(qa);
	sqlite3_finalize(qe);
	sqlite3_finalize(qt);
	sqlite3_finalize(qs);
	return rc;
}

int ct_store_articles(ct_store *s, int64_t story, const char *outlet, size_t limit,
		      int (*each)(void *arg, const ct_article_brief *row), void *arg)
{
	sqlite3_stmt *q = NULL;
	/* a story's articles found through its index: "?1 = 0 OR p.story = ?1"
	 * read every article of the archive to find them. COLLATE NOCASE:
	 * outlets are asked for in any case, as in query.c */
#define BRIEF_COLUMNS \
	"SELECT a.id, a.name, a.url, a.outlet, a.published, a.title, p.story, p.reprint_of," \
	" coalesce((SELECT statements FROM statement_counts c WHERE c.article = a.id), 0)"
#define BRIEF_ORDER " ORDER BY a.published IS NULL, a.published, a.id LIMIT ?3"
	int rc = prepare(s, &q,
			 story ? BRIEF_COLUMNS " FROM placements p JOIN articles a ON a.id = p.article WHERE p.story = ?1"
				 " AND (?2 IS NULL OR a.outlet = ?2 COLLATE NOCASE)" BRIEF_ORDER
			       : BRIEF_COLUMNS " FROM articles a LEFT JOIN placements p ON p.article = a.id"
				 " WHERE ?2 IS NULL OR a.outlet = ?2 COLLATE NOCASE" BRIEF_ORDER);
#undef BRIEF_COLUMNS
#undef BRIEF_ORDER
	if (rc)
		return rc;
	sqlite3_bind_int64(q, 1, story);
	if (outlet)
		sqlite3_bind_text(q, 2, outlet, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, limit ? (sqlite3_int64)limit : -1);
	int r;
	while ((r = sqlite3_step(q)) == SQLITE_ROW) {
		ct_article_brief b = {sqlite3_column_int64(q, 0), col(q, 1), col(q, 2), col(q, 3), col(q, 4), col(q, 5),
				      sqlite3_column_int64(q, 6), sqlite3_column_int64(q, 7),
				      (size_t)sqlite3_column_int64(q, 8)};
		if (each(arg, &b))
			break;
	}
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = ct_store_fail(s, "reading");
	sqlite3_finalize(q);
	return rc;
}

int ct_store_story_stances(ct_store *s, int (*each)(void *arg, const ct_story_stances *row), void *arg)
{
	sqlite3_stmt *q = NULL;
	int rc = prepare(s, &q, "SELECT p.story, sum(c.statements), sum(c.asserts), sum(c.denies), sum(c.questions),"
				" sum(c.reports) FROM placements p JOIN statement_counts c ON c.article = p.article"
				" WHERE p.story IS NOT NULL GROUP BY p.story ORDER BY p.story");
	if (rc)
		return rc;
	int r;
	while ((r = sqlite3_step(q)) == SQLITE_ROW) {
		ct_story_stances row = {sqlite3_column_int64(q, 0), (size_t)sqlite3_column_int64(q, 1),
					(size_t)sqlite3_column_int64(q, 2), (size_t)sqlite3_column_int64(q, 3),
					(size_t)sqlite3_column_int64(q, 4), (size_t)sqlite3_column_int64(q, 5)};
		if (each(arg, &row))
			break;
	}
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = ct_store_fail(s, "reading");
	sqlite3_finalize(q);
	return rc;
}

/* ---- a time limit per request ------------------------------------------- */

static uint64_t now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000u + (uint64_t)t.tv_nsec / 1000u;
}

/* SQLite calls this every PROGRESS_OPS virtual machine steps; nonzero
 * interrupts the statement (SQLITE_INTERRUPT). A clock read per thousand
 * steps costs nothing measurable. */
enum { PROGRESS_OPS = 1000 };

static int past_deadline(void *arg)
{
	ct_store *s = arg;
	if (s->deadline_us && now_us() >= s->deadline_us)
		s->timed_out = 1;
	return s->timed_out;
}

void ct_store_set_time_limit(ct_store *s, uint64_t usec)
{
	s->timed_out = 0;
	s->deadline_us = usec ? now_us() + usec : 0;
	sqlite3_progress_handler(s->db, usec ? PROGRESS_OPS : 0, usec ? past_deadline : NULL, s);
}

int ct_store_timed_out(const ct_store *s)
{
	return s->timed_out;
}
