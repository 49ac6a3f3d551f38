/*
 * stories.c — stories across the archive, wire reprints within them, and
 * a story's map from the archive (claimtrace.h: ct_store_group,
 * ct_store_reprints, ct_store_story_add).
 *
 * Grouping is incremental: the grouper's whole state is kept in the file
 * (table grouper), and a run adds only the articles that have no story
 * yet, in the order they were archived, so new articles never cost a
 * re-clustering of the old ones. The run is one transaction: a crash
 * leaves every article of it ungrouped, and the next run groups them.
 *
 * Reprints are linked within a story (a wire copy and its reprints are
 * about the same things, so the grouper puts them together): for each
 * story the run touched, its articles in order of publication (then of
 * archiving) are linked by the map's own rule, ct_reprints_earliest
 * (src/story/reprints.c): each to the earliest article before it that it
 * reprints, or to that one's original when it is a copy itself. A story
 * is linked anew whole, so an earlier copy archived late becomes the
 * original.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store.h"
#include "../story/group.h"
#include "../story/story.h"
#include "../text/sketch.h"

static void now_iso(char buf[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int prepare(ct_store *s, const char *sql, sqlite3_stmt **q)
{
	return sqlite3_prepare_v2(s->db, sql, -1, q, NULL) == SQLITE_OK ? 0 : ct_store_fail(s, "preparing a query");
}

/* Features for an article archived without them (by an older schema): the
 * pipeline run again on its text, up to what the grouper reads. */
static ct_group_feat *features_of_text(const ct_ctx *ctx, const char *name, const char *text, size_t len)
{
	ct_doc *doc = ct_doc_new(name, text, len);
	ct_group_feat *f = NULL;
	if (ct_doc_run(ctx, doc, CT_STAGE_RESOLVE) == 0)
		f = ct_group_feat_new(ctx, doc);
	ct_doc_free(doc);
	return f;
}

/* ---- reprints within a story ------------------------------------------ */

typedef struct {
	int64_t id, reprint_of;
	double containment;
	ct_sketch sk;
	int has;
} member;

/* The story's reprints linked anew, its articles old and new. */
static int link_story(ct_store *s, int64_t story, size_t *linked)
{
	sqlite3_stmt *q = NULL, *up = NULL;
	member *m = NULL;
	size_t n = 0, cap = 0;
	int rc = prepare(s,
			 "SELECT a.id, p.sketch, p.reprint_of FROM placements p JOIN articles a ON a.id = p.article"
			 " WHERE p.story = ?1 ORDER BY a.published IS NULL, a.published, a.id",
			 &q);
	if (rc)
		goto out;
	sqlite3_bind_int64(q, 1, story);
	int step;
	while ((step = sqlite3_step(q)) == SQLITE_ROW) {
		ct_grow((void **)&m, &cap, n + 1, sizeof *m);
		member *a = &m[n++];
		a->id = sqlite3_column_int64(q, 0);
		a->has = sqlite3_column_type(q, 1) == SQLITE_BLOB &&
			 ct_sketch_unpack(&a->sk, sqlite3_column_blob(q, 1), (size_t)sqlite3_column_bytes(q, 1)) == 0;
		a->reprint_of = sqlite3_column_type(q, 2) == SQLITE_NULL ? 0 : sqlite3_column_int64(q, 2);
		a->containment = 0;
	}
	if (step != SQLITE_DONE) {
		rc = ct_store_fail(s, "reading a story's sketches");
		goto out;
	}
	/* the map's rule (reprints.c), so that a map drawn from the archive
	 * shows these links */
	const ct_sketch **sk = ct_xmalloc((n + 1) * sizeof *sk);
	int32_t *orig = ct_xmalloc((n + 1) * sizeof *orig);
	int64_t *was = ct_xmalloc((n + 1) * sizeof *was);
	for (size_t i = 0; i < n; i++) {
		sk[i] = m[i].has ? &m[i].sk : NULL;
		was[i] = m[i].reprint_of;
	}
	ct_reprints_earliest(sk, n, orig);
	for (size_t i = 0; i < n; i++) {
		m[i].reprint_of = orig[i] >= 0 ? m[orig[i]].id : 0;
		if (orig[i] >= 0)
			m[i].containment = ct_sketch_compare(&m[orig[i]].sk, &m[i].sk).containment;
	}
	free(orig);
	free(sk);
	rc = prepare(s, "UPDATE placements SET reprint_of = ?, reprint_containment = ? WHERE article = ?", &up);
	for (size_t i = 0; i < n && !rc; i++) {
		if (m[i].reprint_of)
			(*linked)++;
		if (m[i].reprint_of == was[i])
			continue;
		if (m[i].reprint_of) {
			sqlite3_bind_int64(up, 1, m[i].reprint_of);
			sqlite3_bind_double(up, 2, m[i].containment);
		}
		sqlite3_bind_int64(up, 3, m[i].id);
		if (sqlite3_step(up) != SQLITE_DONE)
			rc = ct_store_fail(s, "linking reprints");
		sqlite3_reset(up);
		sqlite3_clear_bindings(up);
	}
	free(was);
out:
	sqlite3_finalize(q);
	sqlite3_finalize(up);
	free(m);
	return rc;
}

/* ---- grouping ---------------------------------------------------------- */

static int load_grouper(ct_store *s, ct_grouper **g)
{
	sqlite3_stmt *q;
	*g = NULL;
	if (prepare(s, "SELECT state FROM grouper WHERE id = 1", &q))
		return CT_EDB;
	int step = sqlite3_step(q);
	if (step == SQLITE_ROW) {
		*g = ct_grouper_unpack(sqlite3_column_blob(q, 0), (size_t)sqlite3_column_bytes(q, 0));
		if (!*g) {
			sqlite3_finalize(q);
			snprintf(s->err, sizeof s->err, "%s: the stories' state is damaged (table grouper)", s->path);
			return CT_EDB;
		}
	} else if (step == SQLITE_DONE) {
		*g = ct_grouper_new();
	}
	sqlite3_finalize(q);
	return *g ? 0 : ct_store_fail(s, "reading the stories' state");
}

static int save_grouper(ct_store *s, const ct_grouper *g)
{
	ct_buf b = {0};
	ct_grouper_pack(g, &b);
	sqlite3_stmt *q;
	int rc = prepare(s, "INSERT OR REPLACE INTO grouper(id, state) VALUES(1, ?)", &q);
	if (!rc) {
		sqlite3_bind_blob(q, 1, b.data, (int)b.len, SQLITE_STATIC);
		if (sqlite3_step(q) != SQLITE_DONE)
			rc = ct_store_fail(s, "saving the stories' state");
		sqlite3_finalize(q);
	}
	ct_buf_free(&b);
	return rc;
}

static int update_story(ct_store *s, sqlite3_stmt *q, int64_t story, const char *title, const char *now)
{
	sqlite3_bind_int64(q, 1, story);
	if (title && *title)
		sqlite3_bind_text(q, 2, title, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 3, now, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q) == SQLITE_DONE ? 0 : ct_store_fail(s, "updating a story");
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	return rc;
}

/* ---- each story's summary --------------------------------------------- */

/* A story's central claim is found again once it has grown by a tenth
 * since it was last found: a claim rarely changes with one more article of
 * hundreds, and a story grown one article at a time then costs about ten
 * maps of itself over its life, not one per article. */
#define CLAIM_GROWTH 10

typedef struct {
	sqlite3_stmt *update, *size, *counts, *outlets, *set, *set_claim, *clear_sides, *set_side;
} summary_sql;

static int summary_prepare(ct_store *s, summary_sql *q)
{
	memset(q, 0, sizeof *q);
	int rc = prepare(s,
			 "INSERT INTO stories(id, title, first, last, narticles, noutlets, updated)"
			 " SELECT ?1, ?2, min(a.published), max(a.published), count(*), count(DISTINCT a.outlet), ?3"
			 " FROM placements p JOIN articles a ON a.id = p.article WHERE p.story = ?1"
			 " ON CONFLICT(id) DO UPDATE SET title = excluded.title, first = excluded.first,"
			 " last = excluded.last, narticles = excluded.narticles, noutlets = excluded.noutlets,"
			 " updated = excluded.updated",
			 &q->update);
	if (!rc)
		rc = prepare(s, "SELECT narticles FROM stories WHERE id = ?", &q->size);
	if (!rc)
		rc = prepare(s,
			     "SELECT sum(c.statements), sum(c.asserts), sum(c.denies), sum(c.questions), sum(c.reports)"
			     " FROM placements p JOIN statement_counts c ON c.article = p.article WHERE p.story = ?",
			     &q->counts);
	/* an article never leaves its story, so neither does an outlet: its
	 * row is updated, keeping its sides until the claim is found again */
	if (!rc)
		rc = prepare(s,
			     "INSERT INTO story_outlets(story, outlet, articles)"
			     " SELECT ?1, a.outlet, count(*) FROM placements p JOIN articles a ON a.id = p.article"
			     " WHERE p.story = ?1 AND a.outlet IS NOT NULL GROUP BY a.outlet ORDER BY a.outlet"
			     " ON CONFLICT(story, outlet) DO UPDATE SET articles = excluded.articles",
			     &q->outlets);
	if (!rc)
		rc = prepare(s, "UPDATE story_outlets SET claim_for = 0, claim_against = 0, leads = 0 WHERE story = ?",
			     &q->clear_sides);
	if (!rc)
		rc = prepare(s,
			     "UPDATE story_outlets SET claim_for = ?3, claim_against = ?4, leads = ?5"
			     " WHERE story = ?1 AND outlet = ?2",
			     &q->set_side);
	if (!rc)
		rc = prepare(s,
			     "UPDATE stories SET statements = ?2, asserts = ?3, denies = ?4, questions = ?5, reports = ?6"
			     " WHERE id = ?1",
			     &q->set);
	if (!rc)
		rc = prepare(s,
			     "UPDATE stories SET claim = ?2, claim_speaker = ?3, claim_articles = ?4, conflicts = ?5,"
			     " summarized = narticles WHERE id = ?1",
			     &q->set_claim);
	return rc;
}

static void summary_finalize(summary_sql *q)
{
	sqlite3_finalize(q->update);
	sqlite3_finalize(q->size);
	sqlite3_finalize(q->counts);
	sqlite3_finalize(q->outlets);
	sqlite3_finalize(q->clear_sides);
	sqlite3_finalize(q->set_side);
	sqlite3_finalize(q->set);
	sqlite3_finalize(q->set_claim);
}

static int step_done(ct_store *s, sqlite3_stmt *q, const char *what)
{
	int rc = sqlite3_step(q) == SQLITE_DONE ? 0 : ct_store_fail(s, what);
	sqlite3_reset(q);
	return rc;
}

/* Counts and outlets of a story, kept exact. */
static int summarize_counts(ct_store *s, summary_sql *q, int64_t story)
{
	sqlite3_bind_int64(q->counts, 1, story);
	int64_t n[5] = {0};
	int rc = 0;
	if (sqlite3_step(q->counts) == SQLITE_ROW)
		for (int i = 0; i < 5; i++)
			n[i] = sqlite3_column_int64(q->counts, i);
	else
		rc = ct_store_fail(s, "counting a story's statements");
	sqlite3_reset(q->counts);
	sqlite3_bind_int64(q->set, 1, story);
	for (int i = 0; i < 5; i++)
		sqlite3_bind_int64(q->set, 2 + i, n[i]);
	if (!rc)
		rc = step_done(s, q->set, "keeping a story's counts");
	sqlite3_bind_int64(q->outlets, 1, story);
	if (!rc)
		rc = step_done(s, q->outlets, "keeping a story's outlets");
	return rc;
}

/*
 * A story's turn, in two steps. The first works on the archive: the
 * story's reprints linked anew and its row made again when the run
 * touched it, its counts and outlets, and its articles' parts read when
 * its central claim is due. The second draws its map from the statements
 * alone (no model reads the articles, so that a summary costs a fraction
 * of the map) and takes the claim. The first steps run on the calling
 * thread, which alone uses the SQLite connection; the drawings on a
 * thread of their own (drawer), in order, while the next stories' first
 * steps run, and their claims are kept as they come back.
 */
typedef struct {
	ct_store *s;
	const ct_ctx *ctx;
	summary_sql *q;
	int64_t id;
	const char *title;  /* the grouper's, for a story the run touched; else NULL */
	const char *now;
	int64_t summarized; /* its size when its claim was found; -1: never */
	size_t reprints;    /* linked in it */
	ct_story *st;       /* its articles, read to be drawn */
	int rc;
	char *claim, *speaker;
	size_t articles, conflicts;
	struct side {
		char *outlet;
		uint32_t nfor, nagainst;
		int leads;
	} *sides;
	size_t nsides;
} claim_job;

/* How each named outlet carried claim `ci`: its statements for and
 * against, and whether it leads with it. */
static void outlet_sides(const ct_story *st, uint32_t ci, claim_job *j)
{
	j->sides = ct_xcalloc(st->noutlet + 1, sizeof *j->sides);
	for (size_t o = 0; o < st->noutlet; o++) {
		const ct_story_outlet *ol = &st->outlets[o];
		if (ol->inferred)
			continue;
		struct side sd = {NULL, 0, 0, ol->lead_stmt >= 0 && st->stmts[ol->lead_stmt].claim == (int32_t)ci};
		for (size_t k = 0; k < ol->nclaim; k++)
			if (ol->claims[k].claim == ci) {
				sd.nfor = ol->claims[k].nfor;
				sd.nagainst = ol->claims[k].nagainst;
			}
		if (sd.nfor || sd.nagainst || sd.leads) {
			sd.outlet = ct_xstrdup(ol->name);
			j->sides[j->nsides++] = sd;
		}
	}
}

static int claim_due(claim_job *j)
{
	sqlite3_stmt *q = j->q->size;
	sqlite3_bind_int64(q, 1, j->id);
	int64_t narticles = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	sqlite3_reset(q);
	return j->summarized < 0 || narticles * CLAIM_GROWTH >= j->summarized * (CLAIM_GROWTH + 1);
}

static void on_archive(claim_job *j)
{
	if (j->title) {
		j->rc = link_story(j->s, j->id, &j->reprints);
		if (!j->rc)
			j->rc = update_story(j->s, j->q->update, j->id, j->title, j->now);
	}
	if (!j->rc)
		j->rc = summarize_counts(j->s, j->q, j->id);
	if (j->rc || !claim_due(j))
		return;
	j->st = ct_story_new(j->ctx);
	j->rc = ct_store_story_add(j->s, j->ctx, j->st, j->id, NULL);
	if (j->rc == CT_EARG) /* no article could be read again: no claim to find */
		j->rc = 0;
}

static void draw(claim_job *j)
{
	ct_story *st = j->st;
	ct_story_build(st);
	for (size_t r = 1; r <= st->nlisted; r++)
		j->conflicts += ct_story_ranked(st, r)->conflict != 0;
	if (st->nlisted) {
		const ct_claim *c = ct_story_ranked(st, 1);
		j->claim = ct_xstrdup(c->summary);
		j->articles = c->narticles;
		if (c->summary_stmt >= 0) {
			/* a named speaker only: not the outlet standing in for an unnamed one */
			const ct_story_stmt *sm = &st->stmts[c->summary_stmt];
			const ct_part_stmt *ps = ct_story_pstmt(st, (size_t)c->summary_stmt);
			const char *who = ps->own ? NULL : sm->speaker >= 0 ? st->ents[sm->speaker].name : ps->speaker_name;
			if (who && *who)
				j->speaker = ct_xstrdup(who);
		}
		outlet_sides(st, st->claim_order[0], j);
	}
}

/*
 * The drawings of an end of ingest, one thread drawing the stories queued
 * to it in order. The queue holds at most DRAW_AHEAD articles' parts
 * waiting (or one story, however large), so that the turns run ahead of
 * the drawings across a run of small stories without holding the parts
 * of the whole archive.
 */
enum { DRAW_AHEAD = 4096 };
typedef struct {
	pthread_mutex_t mu;
	pthread_cond_t cv; /* any change: a story queued or drawn, or the end */
	claim_job **job;
	size_t n, cap;
	size_t drawn;   /* job[0 .. drawn) are drawn */
	size_t kept;    /* job[0 .. kept) are kept and freed */
	size_t waiting; /* parts queued and not yet drawn */
	int end;
} drawer;

static void *drawer_run(void *arg)
{
	drawer *d = arg;
	pthread_mutex_lock(&d->mu);
	for (;;) {
		while (d->drawn == d->n && !d->end)
			pthread_cond_wait(&d->cv, &d->mu);
		if (d->drawn == d->n)
			break;
		claim_job *j = d->job[d->drawn];
		pthread_mutex_unlock(&d->mu);
		size_t parts = j->st->npart;
		draw(j);
		ct_story_free(j->st); /* the drawing took what is kept of it */
		j->st = NULL;
		pthread_mutex_lock(&d->mu);
		d->drawn++;
		d->waiting -= parts;
		pthread_cond_broadcast(&d->cv);
	}
	pthread_mutex_unlock(&d->mu);
	return NULL;
}

static int keep_claim(ct_store *s, summary_sql *q, claim_job *j)
{
	sqlite3_bind_int64(q->set_claim, 1, j->id);
	if (j->claim) {
		sqlite3_bind_text(q->set_claim, 2, j->claim, -1, SQLITE_TRANSIENT);
		if (j->speaker)
			sqlite3_bind_text(q->set_claim, 3, j->speaker, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(q->set_claim, 4, (int64_t)j->articles);
	}
	sqlite3_bind_int64(q->set_claim, 5, (int64_t)j->conflicts);
	int rc = step_done(s, q->set_claim, "keeping a story's central claim");
	sqlite3_clear_bindings(q->set_claim);
	sqlite3_bind_int64(q->clear_sides, 1, j->id);
	if (!rc)
		rc = step_done(s, q->clear_sides, "keeping a story's outlets");
	for (size_t i = 0; i < j->nsides; i++) {
		const struct side *sd = &j->sides[i];
		sqlite3_bind_int64(q->set_side, 1, j->id);
		sqlite3_bind_text(q->set_side, 2, sd->outlet, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q->set_side, 3, sd->nfor);
		sqlite3_bind_int64(q->set_side, 4, sd->nagainst);
		sqlite3_bind_int(q->set_side, 5, sd->leads);
		if (!rc)
			rc = step_done(s, q->set_side, "keeping how the outlets carried a story's claim");
	}
	return rc;
}

static void job_free(claim_job *j)
{
	for (size_t i = 0; i < j->nsides; i++)
		free(j->sides[i].outlet);
	free(j->sides);
	free(j->claim);
	free(j->speaker);
	ct_story_free(j->st);
	free(j);
}

/* The drawn jobs up to `upto` kept (unless a step failed) and freed. */
static int keep_drawn(ct_store *s, summary_sql *q, drawer *d, size_t upto, int rc)
{
	for (; d->kept < upto; d->kept++) {
		if (!rc)
			rc = keep_claim(s, q, d->job[d->kept]);
		job_free(d->job[d->kept]);
	}
	return rc;
}

/*
 * The stories the run touched, and any whose summary is missing (a file
 * of schema 2, migrated), each in its turn (claim_job): counts and outlets
 * always, the central claim when the story is new or has grown by a
 * tenth. Kept in the same transaction as the grouping.
 */
static int summarize(ct_store *s, const ct_ctx *ctx, ct_grouper *g, const uint8_t *touched,
		     ct_store_group_stats *stats)
{
	size_t nstories = g ? ct_grouper_nstories(g) : 0, n = nstories;
	sqlite3_stmt *list = NULL;
	int rc = prepare(s, "SELECT id, summarized, statements IS NULL FROM stories ORDER BY id", &list);
	/* each story's size when its claim was found (-1: never), and whether
	 * its summary is missing; a story the run made has no row yet */
	int64_t *summarized = ct_xmalloc((n + 1) * sizeof *summarized);
	uint8_t *missing = ct_xcalloc(n + 1, 1);
	for (size_t k = 0; k < n; k++)
		summarized[k] = -1;
	int step = SQLITE_DONE;
	while (!rc && (step = sqlite3_step(list)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(list, 0);
		if (id < 1)
			continue;
		if ((size_t)id > n) { /* a story the grouper does not know: summarized if missing */
			summarized = ct_xrealloc(summarized, ((size_t)id + 1) * sizeof *summarized);
			missing = ct_xrealloc(missing, (size_t)id + 1);
			for (; n < (size_t)id; n++) {
				summarized[n] = -1;
				missing[n] = 0;
			}
		}
		summarized[id - 1] = sqlite3_column_type(list, 1) == SQLITE_NULL ? -1 : sqlite3_column_int64(list, 1);
		missing[id - 1] = summarized[id - 1] < 0 || sqlite3_column_int(list, 2);
	}
	if (!rc && step != SQLITE_DONE)
		rc = ct_store_fail(s, "reading stories");
	sqlite3_finalize(list);
	summary_sql q;
	char now[32];
	now_iso(now);
	if (!rc)
		rc = summary_prepare(s, &q);
	else
		memset(&q, 0, sizeof q);
	drawer d = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};
	pthread_t tid;
	int threaded = !rc && pthread_create(&tid, NULL, drawer_run, &d) == 0;
	for (size_t k = 0; !rc && k < n; k++) {
		if (!((k < nstories && touched[k]) || missing[k]))
			continue;
		claim_job *a = ct_xmalloc(sizeof *a);
		*a = (claim_job){.s = s, .ctx = ctx, .q = &q, .id = (int64_t)k + 1, .now = now,
				 .summarized = summarized[k]};
		if (k < nstories && touched[k]) {
			const char *t = ct_grouper_story_title(g, (uint32_t)k);
			a->title = t ? t : "";
			stats->stories_touched++;
		}
		on_archive(a);
		stats->reprints += a->reprints;
		rc = a->rc;
		if (rc || !a->st) { /* failed, or its claim is not due: nothing to draw */
			job_free(a);
			continue;
		}
		if (!threaded) {
			draw(a);
			rc = keep_claim(s, &q, a);
			job_free(a);
			continue;
		}
		pthread_mutex_lock(&d.mu);
		while (d.waiting && d.waiting + a->st->npart > DRAW_AHEAD)
			pthread_cond_wait(&d.cv, &d.mu);
		ct_grow((void **)&d.job, &d.cap, d.n + 1, sizeof *d.job);
		d.job[d.n++] = a;
		d.waiting += a->st->npart;
		size_t drawn = d.drawn;
		pthread_cond_broadcast(&d.cv);
		pthread_mutex_unlock(&d.mu);
		rc = keep_drawn(s, &q, &d, drawn, rc);
	}
	if (threaded) {
		pthread_mutex_lock(&d.mu);
		d.end = 1;
		pthread_cond_broadcast(&d.cv);
		pthread_mutex_unlock(&d.mu);
		pthread_join(tid, NULL);
		rc = keep_drawn(s, &q, &d, d.n, rc);
	}
	free(d.job);
	pthread_mutex_destroy(&d.mu);
	pthread_cond_destroy(&d.cv);
	summary_finalize(&q);
	free(summarized);
	free(missing);
	return rc;
}

/* An article and the story it joined (the grouper's index). */
typedef struct {
	int64_t id;
	uint32_t story;
} placed;

/*
 * An ingest's grouping done beside its writing (ct_store_pregroup_add, on
 * the writing thread): each article joins its story in memory as it is
 * written, so that the grouping at the end has only to write what was
 * found; the grouper was a serial third of the end of an ingest. Nothing
 * of it is in the file before ct_store_group, which takes it only when the
 * articles without a story are exactly those it grouped, and no other
 * grouping came between; else it is dropped and the grouping done from the
 * file, as without it. The same articles in the same order: the same
 * stories either way.
 */
struct ct_pregroup {
	ct_grouper *g;
	placed *placed;
	size_t n, cap;
	int64_t grouped_before; /* articles with a story when it began */
};

static void pregroup_free(ct_pregroup *pre)
{
	if (!pre)
		return;
	ct_grouper_free(pre->g);
	free(pre->placed);
	free(pre);
}

void ct_store_pregroup_drop(ct_store *s)
{
	pregroup_free(s->pre);
	s->pre = NULL;
}

/* A grouping that goes on from the grouper as the file has it. */
static int pregroup_load(ct_store *s, ct_pregroup **out)
{
	*out = ct_xcalloc(1, sizeof **out);
	return load_grouper(s, &(*out)->g);
}

/* Article id joins its story. */
static void join(ct_pregroup *pre, int64_t id, const ct_group_feat *f)
{
	uint32_t k = ct_grouper_add(pre->g, f);
	ct_grow((void **)&pre->placed, &pre->cap, pre->n + 1, sizeof *pre->placed);
	pre->placed[pre->n++] = (placed){id, k};
}

/* Article id joins its story: 0, or -1 when it has no features. */
static int pre_place(ct_pregroup *pre, int64_t id, const ct_group_feat *f)
{
	if (!f)
		return -1;
	join(pre, id, f);
	return 0;
}

/* The articles with a story, or -1. */
static int64_t grouped_count(ct_store *s)
{
	sqlite3_stmt *q;
	if (prepare(s, "SELECT count(*) FROM placements WHERE story IS NOT NULL", &q))
		return -1;
	int64_t n = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -1;
	sqlite3_finalize(q);
	return n;
}

/* The grouper as the file has it, and the articles an interrupted run
 * left without a story (before `id`), in order. */
static int pre_start(ct_store *s, int64_t id)
{
	sqlite3_stmt *q = NULL;
	int rc = pregroup_load(s, &s->pre);
	ct_pregroup *pre = s->pre;
	if (!rc)
		pre->grouped_before = grouped_count(s);
	if (!rc)
		rc = prepare(s,
			     "SELECT p.article, a.features FROM placements p JOIN articles a ON a.id = p.article"
			     " WHERE p.story IS NULL AND p.article < ? ORDER BY p.article",
			     &q);
	if (!rc) {
		sqlite3_bind_int64(q, 1, id);
		int step;
		while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
			const void *feat = sqlite3_column_blob(q, 1);
			ct_group_feat *f = feat ? ct_group_feat_unpack(feat, (size_t)sqlite3_column_bytes(q, 1)) : NULL;
			rc = pre_place(pre, sqlite3_column_int64(q, 0), f);
			ct_group_feat_free(f);
		}
		if (!rc && step != SQLITE_DONE)
			rc = CT_EDB;
	}
	sqlite3_finalize(q);
	return rc;
}

void ct_store_pregroup_add(ct_store *s, int64_t id, const ct_group_feat *f)
{
	if (s->pre_off)
		return;
	if ((!s->pre && pre_start(s, id)) || pre_place(s->pre, id, f)) {
		/* the end groups it all from the file instead */
		ct_store_pregroup_drop(s);
		s->pre_off = 1;
	}
}

/* Whether the grouping done beside the writing is the file's to take: the
 * articles without a story are those it grouped, and no grouping came
 * between. */
static int pre_holds(ct_store *s)
{
	const ct_pregroup *pre = s->pre;
	sqlite3_stmt *q;
	if (!pre || !pre->n ||
	    prepare(s, "SELECT count(*), min(article), max(article) FROM placements WHERE story IS NULL", &q))
		return 0;
	int ok = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int64(q, 0) == (int64_t)pre->n &&
		 sqlite3_column_int64(q, 1) == pre->placed[0].id &&
		 sqlite3_column_int64(q, 2) == pre->placed[pre->n - 1].id;
	sqlite3_finalize(q);
	return ok && grouped_count(s) == pre->grouped_before;
}

/* The articles without a story join theirs, read from the file in the
 * order they were archived; *failed counts those with no features. */
static int group_from_file(ct_store *s, const ct_ctx *ctx, ct_pregroup *pre, size_t *failed)
{
	sqlite3_stmt *q = NULL, *feat = NULL;
	int rc = prepare(s,
			 "SELECT a.id, a.features, a.name, a.text FROM placements p JOIN articles a ON a.id = p.article"
			 " WHERE p.story IS NULL ORDER BY p.article",
			 &q);
	if (!rc)
		rc = prepare(s, "UPDATE articles SET features = ? WHERE id = ?", &feat);
	int step = SQLITE_DONE;
	while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(q, 0);
		ct_group_feat *f = NULL;
		if (sqlite3_column_type(q, 1) == SQLITE_BLOB)
			f = ct_group_feat_unpack(sqlite3_column_blob(q, 1), (size_t)sqlite3_column_bytes(q, 1));
		if (!f) { /* archived before features were kept, or with another version of them */
			f = features_of_text(ctx, (const char *)sqlite3_column_text(q, 2),
					     (const char *)sqlite3_column_text(q, 3), (size_t)sqlite3_column_bytes(q, 3));
			if (f) {
				ct_buf b = {0};
				ct_group_feat_pack(f, &b);
				sqlite3_bind_blob(feat, 1, b.data, (int)b.len, SQLITE_TRANSIENT);
				sqlite3_bind_int64(feat, 2, id);
				if (sqlite3_step(feat) != SQLITE_DONE)
					rc = ct_store_fail(s, "keeping an article's features");
				sqlite3_reset(feat);
				ct_buf_free(&b);
			}
		}
		if (f)
			join(pre, id, f);
		else
			(*failed)++;
		ct_group_feat_free(f);
	}
	if (!rc && step != SQLITE_DONE)
		rc = ct_store_fail(s, "reading articles to group");
	sqlite3_finalize(q);
	sqlite3_finalize(feat);
	return rc;
}

int ct_store_group(ct_store *s, const ct_ctx *ctx, ct_store_group_stats *stats)
{
	ct_store_group_stats none;
	if (!stats)
		stats = &none;
	memset(stats, 0, sizeof *stats);
	if (!s->writable)
		return ct_store_fail(s, "grouping stories (opened read-only)");
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return ct_store_fail(s, "grouping stories");
	ct_pregroup *pre = NULL; /* the articles placed, written once all are */
	int rc = 0;
	if (pre_holds(s)) {
		pre = s->pre;
		s->pre = NULL;
	} else {
		ct_store_pregroup_drop(s);
		rc = pregroup_load(s, &pre);
		if (!rc)
			rc = group_from_file(s, ctx, pre, &stats->failed);
	}
	s->pre_off = 0;
	stats->articles = pre->n;
	sqlite3_stmt *set = NULL;
	if (!rc)
		rc = prepare(s, "UPDATE placements SET story = ? WHERE article = ?", &set);
	for (size_t i = 0; !rc && i < pre->n; i++) {
		sqlite3_bind_int64(set, 1, (int64_t)pre->placed[i].story + 1);
		sqlite3_bind_int64(set, 2, pre->placed[i].id);
		if (sqlite3_step(set) != SQLITE_DONE)
			rc = ct_store_fail(s, "putting an article in its story");
		sqlite3_reset(set);
	}
	size_t nstories = pre->g ? ct_grouper_nstories(pre->g) : 0;
	uint8_t *touched = ct_xcalloc(nstories + 1, 1);
	for (size_t i = 0; i < pre->n; i++)
		touched[pre->placed[i].story] = 1;
	if (!rc)
		rc = summarize(s, ctx, pre->g, touched, stats);
	if (!rc)
		stats->stories = nstories;
	if (!rc && pre->n)
		rc = save_grouper(s, pre->g);
	sqlite3_finalize(set);
	free(touched);
	pregroup_free(pre);
	if (!rc && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		rc = ct_store_fail(s, "committing the stories");
	if (rc && !sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* ---- reading stories --------------------------------------------------- */

#define STORY_COLUMNS \
	"id, title, first, last, narticles, statements, asserts, denies, questions, reports, conflicts," \
	" claim, claim_speaker, claim_articles"

/* The rows `q` (selecting STORY_COLUMNS) gives, each with its outlets and,
 * when `names`, its articles' names. */
static int each_story(ct_store *s, sqlite3_stmt *q, int names, int (*each)(void *arg, const ct_story_row *row),
		      void *arg)
{
	sqlite3_stmt *arts = NULL, *outs = NULL;
	int rc = names ? prepare(s,
				 "SELECT a.name FROM placements p JOIN articles a ON a.id = p.article WHERE p.story = ?"
				 " ORDER BY a.published IS NULL, a.published, a.id",
				 &arts)
		       : 0;
	if (!rc)
		rc = prepare(s, "SELECT outlet FROM story_outlets WHERE story = ? ORDER BY articles DESC, outlet", &outs);
	int step = SQLITE_DONE;
	const char **v = NULL, **outlets = NULL;
	size_t ncap = 0, ocap = 0;
	while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
		ct_story_row row = {0};
		row.id = sqlite3_column_int64(q, 0);
		row.title = (const char *)sqlite3_column_text(q, 1);
		row.first = (const char *)sqlite3_column_text(q, 2);
		row.last = (const char *)sqlite3_column_text(q, 3);
		row.narticles = (size_t)sqlite3_column_int64(q, 4);
		size_t *counts[] = {&row.statements, &row.asserts, &row.denies, &row.questions, &row.reports,
				    &row.conflicts};
		for (int i = 0; i < 6; i++)
			*counts[i] = (size_t)sqlite3_column_int64(q, 5 + i);
		row.claim = (const char *)sqlite3_column_text(q, 11);
		row.claim_speaker = (const char *)sqlite3_column_text(q, 12);
		row.claim_articles = (size_t)sqlite3_column_int64(q, 13);
		/* the strings of arts and outs live until they are reset: copied */
		size_t n = 0;
		if (names) {
			sqlite3_bind_int64(arts, 1, row.id);
			while (sqlite3_step(arts) == SQLITE_ROW) {
				ct_grow((void **)&v, &ncap, n + 1, sizeof *v);
				v[n++] = ct_xstrdup((const char *)sqlite3_column_text(arts, 0));
			}
			sqlite3_reset(arts);
			row.articles = v;
			row.narticles = n;
		}
		sqlite3_bind_int64(outs, 1, row.id);
		while (sqlite3_step(outs) == SQLITE_ROW) {
			ct_grow((void **)&outlets, &ocap, row.noutlets + 1, sizeof *outlets);
			outlets[row.noutlets++] = ct_xstrdup((const char *)sqlite3_column_text(outs, 0));
		}
		sqlite3_reset(outs);
		row.outlets = outlets;
		int stop = each(arg, &row);
		for (size_t i = 0; i < n; i++)
			free((void *)v[i]);
		for (size_t i = 0; i < row.noutlets; i++)
			free((void *)outlets[i]);
		if (stop)
			break;
	}
	free(v);
	free(outlets);
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = ct_store_fail(s, "reading stories");
	sqlite3_finalize(arts);
	sqlite3_finalize(outs);
	return rc;
}

int ct_store_stories(ct_store *s, int64_t story, int (*each)(void *arg, const ct_story_row *row), void *arg)
{
	sqlite3_stmt *q = NULL;
	int rc = prepare(s,
			 story ? "SELECT " STORY_COLUMNS " FROM stories WHERE id = ?"
			       : "SELECT " STORY_COLUMNS " FROM stories WHERE ?1 = 0 ORDER BY narticles DESC, id",
			 &q);
	if (!rc) {
		sqlite3_bind_int64(q, 1, story);
		rc = each_story(s, q, 1, each, arg);
	}
	sqlite3_finalize(q);
	return rc;
}

int ct_store_story_list(ct_store *s, const ct_story_filter *f, int (*each)(void *arg, const ct_story_row *row),
			void *arg)
{
	sqlite3_stmt *q = NULL;
	if (ct_store_check_dates(s, f->since, f->until))
		return CT_EARG;
	/* lower() folds ASCII only, as the filter promises */
	int rc = prepare(s,
			 "SELECT " STORY_COLUMNS " FROM stories"
			 " WHERE (?1 IS NULL OR instr(lower(title), lower(?1)) OR instr(lower(claim), lower(?1)))"
			 " AND (?2 IS NULL OR id IN (SELECT story FROM story_outlets WHERE outlet = ?2 COLLATE NOCASE))"
			 " AND (?3 IS NULL OR last >= ?3)"
			 " AND (?4 IS NULL OR substr(first, 1, length(?4)) <= ?4)"
			 " ORDER BY CASE WHEN ?5 THEN last END DESC, narticles DESC, id LIMIT ?6",
			 &q);
	if (!rc) {
		const char *text[] = {f->text, f->outlet, f->since, f->until};
		for (int i = 0; i < 4; i++)
			if (text[i] && *text[i])
				sqlite3_bind_text(q, 1 + i, text[i], -1, SQLITE_STATIC);
		sqlite3_bind_int(q, 5, f->newest != 0);
		sqlite3_bind_int64(q, 6, f->limit ? (sqlite3_int64)f->limit : -1);
		rc = each_story(s, q, 0, each, arg);
	}
	sqlite3_finalize(q);
	return rc;
}

int ct_store_story_version(ct_store *s, int64_t id, char *buf, size_t cap)
{
	sqlite3_stmt *q = NULL;
	int rc = prepare(s, "SELECT narticles, updated FROM stories WHERE id = ?", &q);
	if (rc)
		return rc;
	sqlite3_bind_int64(q, 1, id);
	int step = sqlite3_step(q);
	if (step == SQLITE_ROW)
		snprintf(buf, cap, "%lld@%s", (long long)sqlite3_column_int64(q, 0), (const char *)sqlite3_column_text(q, 1));
	else if (step == SQLITE_DONE)
		rc = CT_EARG;
	else
		rc = ct_store_fail(s, "reading a story");
	sqlite3_finalize(q);
	return rc;
}

int ct_store_outlet_sides(ct_store *s, const char *outlet, int (*each)(void *arg, const ct_outlet_side *row),
			  void *arg)
{
	sqlite3_stmt *q = NULL;
	int rc = prepare(s,
			 "SELECT story, sum(articles), sum(claim_for), sum(claim_against), max(leads) FROM story_outlets"
			 " WHERE outlet = ? COLLATE NOCASE GROUP BY story ORDER BY story",
			 &q);
	if (rc)
		return rc;
	sqlite3_bind_text(q, 1, outlet, -1, SQLITE_STATIC);
	int step;
	while ((step = sqlite3_step(q)) == SQLITE_ROW) {
		ct_outlet_side row = {sqlite3_column_int64(q, 0), (size_t)sqlite3_column_int64(q, 1),
				      (size_t)sqlite3_column_int64(q, 2), (size_t)sqlite3_column_int64(q, 3),
				      sqlite3_column_int(q, 4)};
		if (each(arg, &row))
			break;
	}
	if (step != SQLITE_DONE && step != SQLITE_ROW)
		rc = ct_store_fail(s, "reading an outlet's stories");
	sqlite3_finalize(q);
	return rc;
}

int ct_store_story_add(ct_store *s, const ct_ctx *ctx, ct_story *st, int64_t story, size_t *rerun)
{
	/* the articles' ids in order first, then each row by its id: sorting
	 * the rows themselves would copy every part and text (10 KB an article)
	 * through SQLite's sorter */
	sqlite3_stmt *ids = NULL, *q = NULL;
	if (prepare(s,
		    "SELECT a.id, p.reprint_of FROM placements p JOIN articles a ON a.id = p.article WHERE p.story = ?"
		    " ORDER BY a.published IS NULL, a.published, a.id",
		    &ids) ||
	    prepare(s, "SELECT part, text, name, url, outlet, published, title, id FROM articles WHERE id = ?", &q)) {
		sqlite3_finalize(ids);
		return CT_EDB;
	}
	sqlite3_bind_int64(ids, 1, story);
	size_t again = 0, n = 0;
	int step, rc = 0;
	/* the archive's reprint links, its ids made the parts' places: an
	 * original comes before its reprints in this order */
	ct_stance_map place = {0};
	while ((step = sqlite3_step(ids)) == SQLITE_ROW) {
		int64_t of = sqlite3_column_type(ids, 1) == SQLITE_NULL ? 0 : sqlite3_column_int64(ids, 1);
		sqlite3_bind_int64(q, 1, sqlite3_column_int64(ids, 0));
		if (sqlite3_step(q) != SQLITE_ROW) {
			sqlite3_reset(q);
			continue;
		}
		const char *text = (const char *)sqlite3_column_text(q, 1);
		size_t len = (size_t)sqlite3_column_bytes(q, 1);
		ct_story_part *p = NULL;
		if (sqlite3_column_type(q, 0) == SQLITE_BLOB)
			p = ct_story_part_unpack(ctx, sqlite3_column_blob(q, 0), (size_t)sqlite3_column_bytes(q, 0),
						 text, len, st->stance != NULL);
		if (!p) { /* made with other data files: the pipeline again, on the text */
			ct_doc *doc = ct_doc_new((const char *)sqlite3_column_text(q, 2), text, len);
			static const ct_meta_key keys[] = {CT_META_URL, CT_META_OUTLET, CT_META_PUBLISHED, CT_META_TITLE};
			for (int k = 0; k < 4; k++) /* what the archive knows of it, not what the text suggests */
				if (sqlite3_column_type(q, 3 + k) == SQLITE_TEXT)
					ct_doc_set_meta(doc, keys[k], (const char *)sqlite3_column_text(q, 3 + k));
			if (ct_doc_run(ctx, doc, CT_STAGE_CODE) == 0)
				p = ct_story_part_new(ctx, doc);
			ct_doc_free(doc);
			again++;
		}
		if (p) {
			p->archive_id = sqlite3_column_int64(q, 7);
			p->reprint_of = of ? ct_stance_map_get(&place, (uint64_t)of) : -1;
			ct_stance_map_put(&place, (uint64_t)p->archive_id, (int32_t)st->npart);
			ct_story_add_part(st, p);
			n++;
		}
		sqlite3_reset(q);
	}
	ct_stance_map_free(&place);
	st->links_given = 1;
	if (step != SQLITE_DONE)
		rc = ct_store_fail(s, "reading a story's articles");
	sqlite3_finalize(ids);
	sqlite3_finalize(q);
	if (rerun)
		*rerun = again;
	if (!rc && !n) {
		snprintf(s->err, sizeof s->err, "%s: no story %lld in the archive", s->path, (long long)story);
		return CT_EARG;
	}
	return rc;
}

/* Article id's text into a buffer of its own (the original of a run of
 * reprints is read once for them all). */
static int read_text(ct_store *s, sqlite3_stmt *q, int64_t id, ct_buf *out)
{
	ct_buf_clear(out);
	sqlite3_bind_int64(q, 1, id);
	int step = sqlite3_step(q);
	const void *text = step == SQLITE_ROW ? sqlite3_column_blob(q, 0) : NULL; /* NULL for an empty one too */
	ct_buf_add(out, text ? text : "", text ? (size_t)sqlite3_column_bytes(q, 0) : 0); /* ends it with a NUL */
	sqlite3_reset(q);
	return step == SQLITE_ROW || step == SQLITE_DONE ? 0 : ct_store_fail(s, "reading reprints");
}

int ct_store_reprints(ct_store *s, int64_t story, size_t min_words,
		      int (*each)(void *arg, const ct_reprint_row *row), void *arg)
{
	/* the texts are read by id for each row, not selected with it: sorting
	 * rows that hold two texts copied them all through SQLite's sorter */
	sqlite3_stmt *q = NULL, *qt = NULL;
	/* a story's reprints found through its index ("?1 = 0 OR p.story = ?1"
	 * could use none) */
#define REPRINT_ROWS \
	"SELECT r.id, r.name, r.outlet, r.published, p.reprint_containment, o.id, o.name, o.outlet, o.published," \
	" p.story FROM placements p JOIN articles r ON r.id = p.article JOIN articles o ON o.id = p.reprint_of"
#define REPRINT_ORDER " ORDER BY p.story, o.published IS NULL, o.published, o.id, r.published IS NULL, r.published, r.id"
	if (prepare(s, story ? REPRINT_ROWS " WHERE p.story = ?1" REPRINT_ORDER : REPRINT_ROWS REPRINT_ORDER, &q) ||
	    prepare(s, "SELECT text FROM articles WHERE id = ?", &qt)) {
		sqlite3_finalize(q);
		return CT_EDB;
	}
#undef REPRINT_ROWS
#undef REPRINT_ORDER
	if (story)
		sqlite3_bind_int64(q, 1, story);
	ct_buf ot = {0}, rt = {0};
	int64_t ot_id = 0;
	int step, rc = 0;
	while ((step = sqlite3_step(q)) == SQLITE_ROW) {
		ct_reprint_row row = {0};
		row.reprint = sqlite3_column_int64(q, 0);
		row.reprint_name = (const char *)sqlite3_column_text(q, 1);
		row.reprint_outlet = (const char *)sqlite3_column_text(q, 2);
		row.reprint_date = (const char *)sqlite3_column_text(q, 3);
		row.containment = sqlite3_column_double(q, 4);
		row.original = sqlite3_column_int64(q, 5);
		row.original_name = (const char *)sqlite3_column_text(q, 6);
		row.original_outlet = (const char *)sqlite3_column_text(q, 7);
		row.original_date = (const char *)sqlite3_column_text(q, 8);
		row.story = sqlite3_column_int64(q, 9);
		ct_passage *ps = NULL;
		size_t np = 0;
		if (min_words) {
			if (row.original != ot_id && (rc = read_text(s, qt, row.original, &ot)) != 0)
				break;
			ot_id = row.original;
			if ((rc = read_text(s, qt, row.reprint, &rt)) != 0)
				break;
			np = ct_sketch_passages(ot.data, ot.len, rt.data, rt.len, min_words, &ps);
			row.original_text = ot.data;
			row.reprint_text = rt.data;
		}
		row.npassages = np;
		ct_reprint_passage *rp = ct_xcalloc(np + 1, sizeof *rp);
		for (size_t i = 0; i < np; i++)
			rp[i] = (ct_reprint_passage){ps[i].a_off, ps[i].a_len, ps[i].b_off, ps[i].b_len, ps[i].words};
		free(ps);
		row.passages = rp;
		int stop = each(arg, &row);
		free(rp);
		if (stop)
			break;
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = ct_store_fail(s, "reading reprints");
	ct_buf_free(&ot);
	ct_buf_free(&rt);
	sqlite3_finalize(q);
	sqlite3_finalize(qt);
	return rc;
}
