/*
 * speaker.c — what one speaker said across the archive, grouped by claim
 * (claimtrace.h, ct_store_speaker_claims): the web app's speaker page.
 *
 * The story map finds claims by building a story whole (seconds for a
 * large one); a speaker may be quoted in a hundred stories, so this page
 * groups their statements with the map's method made light, reading only
 * the archive's rows:
 *
 *  - Where. Statements meet only within one story (the grouper already
 *    put together the articles about the same thing); statements whose
 *    article has no story yet form one group set of their own.
 *  - Terms. A statement's terms are the content words of its clause (what
 *    was said, without "X told reporters"; its sentence when it has none):
 *    lowercased, function words (data/function_words.txt) and a few cue
 *    words ("said", "told") left out, and the words of the speaker's name
 *    too (every one of their sentences names them; that is not what they
 *    said), stemmed as claims.c stems (ct_claims_stem).
 *  - Weights. A term weighs log(1 + S / s) as in claims.c: S the story's
 *    statements, s those whose terms hold it, so the words of everything
 *    a story says ("quarry", "blasting") weigh less than what only some
 *    say; halved when one article alone uses it (such a term cannot make
 *    two articles meet, only dilute what they share).
 *  - Groups. The speaker's statements in a story, by date, each join the
 *    first of its groups whose first statement (its leader) is at a
 *    cosine of CLAIM_JOIN or more and shares SHARED_JOIN terms or more
 *    with it, else start one: leader clustering, with claims.c's
 *    thresholds. Negation is no term, so "the blasting stopped" and "the
 *    blasting has not stopped" meet, and a group may hold both stances.
 *  - Against. A group that asserts (more asserts than denials and
 *    questions) is stood against by every other speaker of its story with
 *    a statement that denies or questions, at the same test against its
 *    leader; one that denies or questions, by those who assert.
 *
 * Costs: one scan of the statements for the speaker (as the search by
 * speaker), then each of their stories' statements once, with their
 * sentences; the comparisons are the story's statements times the
 * speaker's groups in it.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "../core/uchar.h"
#include "../core/util.h"
#include "../story/story.h"

#define CLAIM_JOIN 0.34
#define SHARED_JOIN 2
enum { MAX_TERMS = 64 };

/* Terms hashed: FNV-1a of the stem. */
static uint64_t hash_of(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	return h ? h : 1;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

typedef struct {
	uint64_t skip[16]; /* the name's words and the cue words, hashed unstemmed */
	size_t nskip;
	const ct_ctx *ctx;
} reader;

static void skip_word(reader *r, const char *w, size_t n)
{
	if (r->nskip < sizeof r->skip / sizeof *r->skip)
		r->skip[r->nskip++] = hash_of(w, n);
}

static void reader_init(reader *r, const ct_ctx *ctx, const char *name)
{
	static const char *const cues[] = {"said", "say", "says", "saying", "told", "tell", "tells", "according", "added"};
	r->ctx = ctx;
	r->nskip = 0;
	for (size_t i = 0; i < sizeof cues / sizeof *cues; i++)
		skip_word(r, cues[i], strlen(cues[i]));
	char w[64];
	size_t n = 0;
	for (const char *p = name;; p++) {
		if (*p && *p != ' ' && n < sizeof w) {
			w[n++] = ct_ascii_lower(*p);
			continue;
		}
		if (n)
			skip_word(r, w, n);
		n = 0;
		if (!*p)
			break;
	}
}

static int word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '\'' || c >= 0x80;
}

/* The sorted, distinct terms of sentence s into out (at most MAX_TERMS). */
static size_t terms_of(const reader *r, const char *s, uint64_t *out)
{
	size_t n = 0;
	char w[64];
	while (s && *s && n < MAX_TERMS) {
		if (!word_byte((unsigned char)*s)) {
			s++;
			continue;
		}
		size_t len = 0;
		const char *start = s;
		while (*s && word_byte((unsigned char)*s))
			s++;
		size_t wn = (size_t)(s - start);
		if (wn >= sizeof w)
			continue;
		for (size_t i = 0; i < wn; i++)
			w[len++] = ct_ascii_lower(start[i]);
		if (len >= 2 && w[len - 2] == '\'' && w[len - 1] == 's')
			len -= 2; /* the possessive */
		while (len && w[len - 1] == '\'')
			len--;
		size_t off = 0;
		while (off < len && w[off] == '\'')
			off++;
		len -= off;
		if (len < 2 || ct_table_get(&r->ctx->function_words, w + off, len, NULL))
			continue;
		uint64_t raw = hash_of(w + off, len);
		int skip = 0;
		for (size_t k = 0; k < r->nskip; k++)
			skip |= r->skip[k] == raw;
		if (!skip)
			out[n++] = hash_of(w + off, ct_claims_stem(w + off, len));
	}
	qsort(out, n, sizeof *out, cmp_u64);
	size_t d = 0;
	for (size_t i = 0; i < n; i++)
		if (!d || out[d - 1] != out[i])
			out[d++] = out[i];
	return d;
}

/* A term's counts within one story: the statements and the articles that
 * use it (an article's statements come one after another). */
typedef struct {
	uint32_t statements, articles;
	int64_t last; /* the article that used it last */
} term_count;

/* Terms to their counts: open addressing. */
typedef struct {
	uint64_t *key;
	term_count *n;
	size_t cap, used;
} counts;

static term_count *count_slot(counts *c, uint64_t k, int add)
{
	if (add && 2 * (c->used + 1) > c->cap) {
		counts g = {NULL, NULL, c->cap ? 2 * c->cap : 1024, 0};
		g.key = ct_xcalloc(g.cap, sizeof *g.key);
		g.n = ct_xcalloc(g.cap, sizeof *g.n);
		for (size_t i = 0; i < c->cap; i++)
			if (c->key[i])
				*count_slot(&g, c->key[i], 1) = c->n[i];
		free(c->key);
		free(c->n);
		*c = g;
	}
	if (!c->cap)
		return NULL;
	for (size_t i = (size_t)(k % c->cap);; i = (i + 1) % c->cap) {
		if (c->key[i] == k)
			return &c->n[i];
		if (!c->key[i]) {
			if (!add)
				return NULL;
			c->key[i] = k;
			c->used++;
			return &c->n[i];
		}
	}
}

static void count_terms(counts *c, const uint64_t *terms, size_t n, int64_t article)
{
	for (size_t i = 0; i < n; i++) {
		term_count *t = count_slot(c, terms[i], 1);
		t->statements++;
		if (t->last != article || !t->articles)
			t->articles++, t->last = article;
	}
}

/* A statement as read: its display fields (the speaker's own) or its
 * speaker (another's), its side and its terms. */
typedef struct {
	ct_said said;
	int64_t story;
	char *name;  /* another speaker's */
	int side;
	uint64_t terms[MAX_TERMS];
	size_t nterms;
	double norm;
} row;

static int side_of(const char *stance)
{
	if (!stance)
		return 0;
	if (!strcmp(stance, "asserts"))
		return 1;
	return !strcmp(stance, "denies") || !strcmp(stance, "questions") ? -1 : 0;
}

static char *dup_col(sqlite3_stmt *q, int i)
{
	const char *v = (const char *)sqlite3_column_text(q, i);
	return v ? ct_xstrdup(v) : NULL;
}

/* What a statement says: its clause, else its sentence. */
static const char *clause_or(sqlite3_stmt *q, int clause, int sentence)
{
	const char *c = (const char *)sqlite3_column_text(q, clause);
	return c && *c ? c : (const char *)sqlite3_column_text(q, sentence);
}

static void row_free(row *r)
{
	free((char *)r->said.speaker);
	free((char *)r->said.article_name);
	free((char *)r->said.title);
	free((char *)r->said.url);
	free((char *)r->said.date);
	free((char *)r->said.cue);
	free((char *)r->said.outlet);
	free((char *)r->said.stance);
	free((char *)r->said.sentence);
	free(r->name);
}

/* Term weight in a story of `total` statements, halved for a term one
 * article alone uses (as claims.c: it cannot make two articles meet). */
static double weight(const counts *c, uint64_t t, size_t total)
{
	term_count *n = count_slot((counts *)c, t, 0);
	double w = log(1.0 + (double)total / (double)(n && n->statements ? n->statements : 1));
	return n && n->articles > 1 ? w : w / 2;
}

static void set_norm(row *r, const counts *c, size_t total)
{
	double s = 0;
	for (size_t i = 0; i < r->nterms; i++) {
		double w = weight(c, r->terms[i], total);
		s += w * w;
	}
	r->norm = sqrt(s);
}

/* 1 when a and b say the same thing: cosine and shared terms (above). */
static int same_claim(const row *a, const row *b, const counts *c, size_t total)
{
	if (!a->norm || !b->norm)
		return 0;
	double dot = 0;
	size_t shared = 0;
	for (size_t i = 0, j = 0; i < a->nterms && j < b->nterms;) {
		if (a->terms[i] < b->terms[j]) {
			i++;
		} else if (a->terms[i] > b->terms[j]) {
			j++;
		} else {
			double w = weight(c, a->terms[i], total);
			dot += w * w;
			shared++;
			i++, j++;
		}
	}
	return shared >= SHARED_JOIN && dot / (a->norm * b->norm) >= CLAIM_JOIN;
}

typedef struct {
	ct_opponent o;
	char *name, *stance, *sentence;
} opp;

typedef struct {
	size_t leader; /* index into the speaker's rows */
	size_t *members, nmembers;
	opp *against;
	size_t nagainst;
	int side;
	size_t n[4];
	int64_t story;
	char *story_title;
} group;

static int by_size(const void *a, const void *b)
{
	const group *x = a, *y = b;
	if (x->nmembers != y->nmembers)
		return x->nmembers < y->nmembers ? 1 : -1;
	return x->leader < y->leader ? -1 : x->leader > y->leader;
}

static int opp_by_count(const void *a, const void *b)
{
	const opp *x = a, *y = b;
	if (x->o.n != y->o.n)
		return x->o.n < y->o.n ? 1 : -1;
	return strcmp(x->name, y->name);
}

typedef struct {
	const char *name;
	size_t n;
} tally;

static int tally_by_count(const void *a, const void *b)
{
	const tally *x = a, *y = b;
	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return strcmp(x->name, y->name);
}

static void add_opponent(group *g, const row *r)
{
	for (size_t k = 0; k < g->nagainst; k++)
		if (!strcmp(g->against[k].name, r->name)) {
			g->against[k].o.n++;
			return;
		}
	g->against = ct_xrealloc(g->against, (g->nagainst + 1) * sizeof *g->against);
	opp *o = &g->against[g->nagainst++];
	o->name = ct_xstrdup(r->name);
	o->stance = ct_xstrdup(r->said.stance ? r->said.stance : "");
	o->sentence = ct_xstrdup(r->said.sentence ? r->said.sentence : "");
	o->o = (ct_opponent){o->name, 1, r->said.statement, r->said.article, o->stance, o->sentence};
}

static int prepare(ct_store *s, sqlite3_stmt **q, const char *sql)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, q, NULL) != SQLITE_OK) {
		*q = NULL;
		return ct_store_fail(s, "reading a speaker's statements");
	}
	return 0;
}

/* The speaker's groups of one story (rows [lo, hi) of `mine`), and those
 * who stand against them, appended to *gs. */
static int story_groups(ct_store *s, sqlite3_stmt *qs, const reader *rd, row *mine, size_t lo, size_t hi,
			group **gs, size_t *ngs)
{
	counts c = {0};
	row *others = NULL;
	size_t nothers = 0, ocap = 0, total = 0;
	int rc = 0;
	int64_t story = mine[lo].story;
	if (story) {
		sqlite3_reset(qs);
		sqlite3_bind_int64(qs, 1, story);
		int r;
		while ((r = sqlite3_step(qs)) == SQLITE_ROW) {
			row o = {0};
			o.nterms = terms_of(rd, clause_or(qs, 6, 4), o.terms);
			count_terms(&c, o.terms, o.nterms, sqlite3_column_int64(qs, 1));
			total++;
			o.side = side_of((const char *)sqlite3_column_text(qs, 3));
			/* others with a side are the ones who may stand against */
			if (!o.side || sqlite3_column_int(qs, 5) || sqlite3_column_type(qs, 2) == SQLITE_NULL)
				continue;
			o.said.statement = sqlite3_column_int64(qs, 0);
			o.said.article = sqlite3_column_int64(qs, 1);
			o.name = dup_col(qs, 2);
			o.said.stance = dup_col(qs, 3);
			o.said.sentence = dup_col(qs, 4);
			if (nothers == ocap) {
				ocap = ocap ? 2 * ocap : 64;
				others = ct_xrealloc(others, ocap * sizeof *others);
			}
			others[nothers++] = o;
		}
		if (r != SQLITE_DONE)
			rc = ct_store_fail(s, "reading a story's statements");
	} else { /* no story: the speaker's own statements are the collection */
		for (size_t i = lo; i < hi; i++, total++)
			count_terms(&c, mine[i].terms, mine[i].nterms, mine[i].said.article);
	}
	if (rc)
		goto out;
	for (size_t i = lo; i < hi; i++)
		set_norm(&mine[i], &c, total);
	for (size_t i = 0; i < nothers; i++)
		set_norm(&others[i], &c, total);
	size_t first = *ngs;
	for (size_t i = lo; i < hi; i++) {
		size_t g = first;
		for (; g < *ngs; g++)
			if (same_claim(&mine[(*gs)[g].leader], &mine[i], &c, total))
				break;
		if (g == *ngs) {
			*gs = ct_xrealloc(*gs, (*ngs + 1) * sizeof **gs);
			(*gs)[(*ngs)++] = (group){.leader = i, .story = story};
		}
		group *gr = &(*gs)[g];
		gr->members = ct_xrealloc(gr->members, (gr->nmembers + 1) * sizeof *gr->members);
		gr->members[gr->nmembers++] = i;
		const char *st = mine[i].said.stance ? mine[i].said.stance : "";
		gr->n[!strcmp(st, "asserts") ? 0 : !strcmp(st, "denies") ? 1 : !strcmp(st, "questions") ? 2 : 3]++;
	}
	for (size_t g = first; g < *ngs; g++) {
		group *gr = &(*gs)[g];
		long lean = (long)gr->n[0] - (long)(gr->n[1] + gr->n[2]);
		gr->side = lean > 0 ? 1 : lean < 0 ? -1 : 0;
		if (!gr->side)
			continue;
		for (size_t i = 0; i < nothers; i++)
			if (others[i].side == -gr->side && same_claim(&mine[gr->leader], &others[i], &c, total))
				add_opponent(gr, &others[i]);
		if (gr->nagainst)
			qsort(gr->against, gr->nagainst, sizeof *gr->against, opp_by_count);
	}
out:
	for (size_t i = 0; i < nothers; i++)
		row_free(&others[i]);
	free(others);
	free(c.key);
	free(c.n);
	return rc;
}

int ct_store_speaker_claims(ct_store *s, const ct_ctx *ctx, const char *speaker, size_t limit,
			    int (*each)(void *arg, const ct_speaker_claim *group), void *arg)
{
	sqlite3_stmt *qm = NULL, *qs = NULL, *qt = NULL;
	row *mine = NULL;
	size_t nmine = 0, cap = 0, ngs = 0;
	group *gs = NULL;
	reader rd;
	reader_init(&rd, ctx, speaker);
	/* the speaker matched as ct_store_query matches one, their own
	 * statements only (not an outlet's voice); the earliest `limit` */
	int rc = prepare(s, &qm,
			 "SELECT * FROM (SELECT s.id, s.article, coalesce(s.date, a.published) AS d, s.cue, a.outlet,"
			 " s.stance, CAST(substr(CAST(a.text AS BLOB), s.sent_off + 1, s.sent_len) AS TEXT),"
			 " coalesce((SELECT story FROM placements WHERE article = a.id), 0) AS story, s.speaker,"
			 " CAST(substr(CAST(a.text AS BLOB), s.clause_off + 1, s.clause_len) AS TEXT), a.name, a.title, a.url"
			 " FROM statements s JOIN articles a ON a.id = s.article"
			 " WHERE s.noise = 0 AND s.speaker IS NOT NULL"
			 " AND (' ' || s.speaker || ' ') LIKE ('% ' || ?1 || ' %')"
			 " ORDER BY d, s.id LIMIT ?2) ORDER BY story, d, id");
	if (!rc)
		rc = prepare(s, &qs,
			     "SELECT s.id, s.article, s.speaker, s.stance,"
			     " CAST(substr(CAST(a.text AS BLOB), s.sent_off + 1, s.sent_len) AS TEXT),"
			     " (' ' || coalesce(s.speaker, '') || ' ') LIKE ('% ' || ?2 || ' %'),"
			     " CAST(substr(CAST(a.text AS BLOB), s.clause_off + 1, s.clause_len) AS TEXT)"
			     " FROM placements p JOIN articles a ON a.id = p.article JOIN statements s ON s.article = a.id"
			     " WHERE p.story = ?1 AND s.noise = 0 ORDER BY s.article");
	if (!rc)
		rc = prepare(s, &qt, "SELECT title FROM stories WHERE id = ?");
	if (rc)
		goto out;
	sqlite3_bind_text(qm, 1, speaker, -1, SQLITE_STATIC);
	sqlite3_bind_int64(qm, 2, limit ? (sqlite3_int64)limit : -1);
	sqlite3_bind_text(qs, 2, speaker, -1, SQLITE_STATIC);
	int r;
	while ((r = sqlite3_step(qm)) == SQLITE_ROW) {
		if (nmine == cap) {
			cap = cap ? 2 * cap : 64;
			mine = ct_xrealloc(mine, cap * sizeof *mine);
		}
		row *m = &mine[nmine++];
		memset(m, 0, sizeof *m);
		m->said.statement = sqlite3_column_int64(qm, 0);
		m->said.article = sqlite3_column_int64(qm, 1);
		m->said.date = dup_col(qm, 2);
		m->said.cue = dup_col(qm, 3);
		m->said.outlet = dup_col(qm, 4);
		m->said.stance = dup_col(qm, 5);
		m->said.sentence = dup_col(qm, 6);
		m->story = sqlite3_column_int64(qm, 7);
		m->said.speaker = dup_col(qm, 8);
		m->side = side_of(m->said.stance);
		m->said.article_name = dup_col(qm, 10);
		m->said.title = dup_col(qm, 11);
		m->said.url = dup_col(qm, 12);
		m->nterms = terms_of(&rd, clause_or(qm, 9, 6), m->terms);
	}
	if (r != SQLITE_DONE) {
		rc = ct_store_fail(s, "reading a speaker's statements");
		goto out;
	}
	for (size_t lo = 0, hi; lo < nmine && !rc; lo = hi) {
		for (hi = lo + 1; hi < nmine && mine[hi].story == mine[lo].story; hi++)
			;
		rc = story_groups(s, qs, &rd, mine, lo, hi, &gs, &ngs);
	}
	for (size_t g = 0; g < ngs && !rc; g++) {
		if (!gs[g].story)
			continue;
		sqlite3_reset(qt);
		sqlite3_bind_int64(qt, 1, gs[g].story);
		if ((r = sqlite3_step(qt)) == SQLITE_ROW)
			gs[g].story_title = dup_col(qt, 0);
		else if (r != SQLITE_DONE)
			rc = ct_store_fail(s, "reading a story's title");
	}
	if (rc)
		goto out;
	if (ngs)
		qsort(gs, ngs, sizeof *gs, by_size);
	ct_said *said = NULL;
	tally *outlets = NULL;
	const char **names = NULL;
	ct_opponent *against = NULL;
	for (size_t g = 0; g < ngs; g++) {
		group *gr = &gs[g];
		said = ct_xrealloc(said, gr->nmembers * sizeof *said);
		outlets = ct_xrealloc(outlets, gr->nmembers * sizeof *outlets);
		names = ct_xrealloc(names, gr->nmembers * sizeof *names);
		against = ct_xrealloc(against, (gr->nagainst + 1) * sizeof *against);
		size_t nout = 0, most = 0;
		for (size_t k = 0; k < gr->nmembers; k++) {
			const row *m = &mine[gr->members[k]];
			said[k] = m->said;
			if (!m->said.outlet)
				continue;
			size_t o = 0;
			while (o < nout && strcmp(outlets[o].name, m->said.outlet))
				o++;
			if (o == nout)
				outlets[nout++] = (tally){m->said.outlet, 0};
			outlets[o].n++;
		}
		if (nout)
			qsort(outlets, nout, sizeof *outlets, tally_by_count);
		for (size_t o = 0; o < nout; o++)
			names[o] = outlets[o].name;
		for (size_t k = 0; k < gr->nagainst; k++)
			against[k] = gr->against[k].o;
		static const char *const stance[4] = {"asserts", "denies", "questions", "reports"};
		for (int k = 1; k < 4; k++)
			if (gr->n[k] > gr->n[most])
				most = (size_t)k;
		ct_speaker_claim out = {gr->story, gr->story_title, stance[most], gr->side,
					gr->n[0], gr->n[1], gr->n[2], gr->n[3],
					said, gr->nmembers, names, nout, against, gr->nagainst,
					said[0].date, said[gr->nmembers - 1].date};
		if (each(arg, &out))
			break;
	}
	free(said);
	free(outlets);
	free(names);
	free(against);
out:
	for (size_t g = 0; g < ngs; g++) {
		for (size_t k = 0; k < gs[g].nagainst; k++) {
			free(gs[g].against[k].name);
			free(gs[g].against[k].stance);
			free(gs[g].against[k].sentence);
		}
		free(gs[g].against);
		free(gs[g].members);
		free(gs[g].story_title);
	}
	free(gs);
	for (size_t i = 0; i < nmine; i++)
		row_free(&mine[i]);
	free(mine);
	sqlite3_finalize(qm);
	sqlite3_finalize(qs);
	sqlite3_finalize(qt);
	return rc;
}
