/*
 * reprints.c — wire reprints in the story map: the same copy carried by
 * several outlets counts once, and names every outlet that carried it.
 *
 * Method.
 *  - Links (ct_reprints_earliest, the archive's too): the articles in
 *    order of publication (undated ones after the dated, then in input
 *    order); each looks up the earlier ones that share an LSH band key of
 *    its sketch and is a reprint of the earliest that the decision accepts
 *    (sketch.h), or of that one's original when it is a copy itself: the
 *    lineage is a star around the earliest copy, which is what "carried
 *    by" needs. A map drawn from an archive takes the archive's links
 *    (ct_story.links_given), so the two never disagree.
 *  - Repeated statements: a reprint's statement whose clause has the same
 *    words as one of its original's (a Jaccard of DUP_JACCARD or more over
 *    their word 3-grams, so a changed spelling or an added word still
 *    matches; a clause under three words must be the same words) repeats
 *    it. It is then in no claim and no count (claims.c leaves it out), and
 *    the original's statement lists the reprint's outlet; the reprint's
 *    own statements (a new top) count as any other article's.
 *  - Articles: sides.c lists a reprint's stance on a claim its original
 *    stands on, inheriting the original's when it has none of its own,
 *    but counts it only when it differs.
 */
#include "story.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* How alike two clauses' word 3-grams must be for one to repeat the
 * other. Set on the statements of FNC-1's reprints (one story of all the
 * bodies): the pairs read between 0.5 and 0.6 were each one statement edited
 * ("air strike" / "airstrike", "Kobane" / "Kobani", a word added); below
 * 0.5 clause fragments of different statements begin to come in. */
#define DUP_JACCARD 0.5
/*
 * The story's LSH bands, each key's articles chained in the story's order:
 * a key's chain is found once per band through an open-addressed table and
 * followed from its earliest article, so a thousand identical copies each
 * stop at the first, their original. A chain is followed CHAIN_MAX steps
 * at most: boilerplate (a site's footer) can make one key hot, and a text
 * that reprints none of its first copies still meets what it reprints
 * through its other keys.
 */
#define CHAIN_MAX 64

typedef struct {
	uint64_t key;
	uint32_t head, tail; /* its first and last band, + 1; 0: an empty slot */
} band_key;

typedef struct {
	uint32_t at;   /* the article's place in the order */
	uint32_t next; /* the next band of the same key, + 1; 0: none */
} band;

/* The slot of `key` in keys[cap] (a power of two), made when absent. */
static band_key *key_slot(band_key *keys, size_t cap, uint64_t key)
{
	size_t mask = cap - 1;
	for (size_t i = (size_t)(key ^ key >> 29) & mask;; i = (i + 1) & mask)
		if (!keys[i].head || keys[i].key == key) {
			keys[i].key = key;
			return &keys[i];
		}
}

/* The band keys' table grown as keys come: copies share most of theirs,
 * and a table sized for every band of a story of 6,000 articles (16 MB,
 * most of it never used) cost the end of an ingest of 100,140 articles a
 * twentieth of its calling thread's time (142 of 2,858 perf samples) in
 * the faults of its fresh pages. */
typedef struct {
	band_key *slots;
	size_t cap, n;
} key_table;

static band_key *key_add(key_table *t, uint64_t key)
{
	if ((t->n + 1) * 2 > t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 256;
		band_key *slots = ct_xcalloc(cap, sizeof *slots);
		for (size_t i = 0; i < t->cap; i++)
			if (t->slots[i].head)
				*key_slot(slots, cap, t->slots[i].key) = t->slots[i];
		free(t->slots);
		t->slots = slots;
		t->cap = cap;
	}
	band_key *k = key_slot(t->slots, t->cap, key);
	t->n += !k->head;
	return k;
}

void ct_reprints_earliest(const ct_sketch *const *sk, size_t n, int32_t *orig)
{
	band *bands = ct_xmalloc((n * CT_SKETCH_BANDS + 1) * sizeof *bands);
	size_t nb = 0;
	key_table keys_at = {0};
	uint32_t *first = ct_xmalloc((n + 1) * sizeof *first); /* article i's bands: [first[i], first[i + 1]) */
	uint32_t *chain = ct_xmalloc((n * CT_SKETCH_BANDS + 1) * sizeof *chain); /* band → its key's first band, + 1 */
	for (size_t i = 0; i < n; i++) {
		uint64_t keys[CT_SKETCH_BANDS];
		size_t k = sk[i] ? ct_sketch_bands(sk[i], keys) : 0;
		first[i] = (uint32_t)nb;
		for (size_t j = 0; j < k; j++, nb++) {
			band_key *kk = key_add(&keys_at, keys[j]);
			bands[nb] = (band){(uint32_t)i, 0};
			if (kk->head)
				bands[kk->tail - 1].next = (uint32_t)nb + 1;
			else
				kk->head = (uint32_t)nb + 1;
			kk->tail = (uint32_t)nb + 1;
			chain[nb] = kk->head; /* a chain's first band never changes */
		}
	}
	first[n] = (uint32_t)nb;
	free(keys_at.slots);
	uint32_t *seen = ct_xcalloc(n + 1, sizeof *seen); /* candidates tried, by article, stamped i + 1 */
	for (size_t i = 0; i < n; i++) {
		int32_t best = -1; /* the earliest copy accepted */
		for (uint32_t j = first[i]; j < first[i + 1]; j++) {
			int steps = 0;
			for (uint32_t b = chain[j]; b && steps < CHAIN_MAX; b = bands[b - 1].next, steps++) {
				uint32_t c = bands[b - 1].at;
				if (c >= i || (best >= 0 && (int32_t)c >= best))
					break; /* a key's chain is in order: no earlier one is left */
				if (seen[c] == i + 1)
					continue;
				seen[c] = (uint32_t)i + 1;
				if (ct_sketch_is_reprint(sk[c], sk[i]))
					best = (int32_t)c;
			}
		}
		orig[i] = best < 0 ? -1 : orig[best] >= 0 ? orig[best] : best;
	}
	free(seen);
	free(chain);
	free(first);
	free(bands);
}

typedef struct {
	uint32_t part;
	uint32_t date; /* yyyymmdd, UINT32_MAX when undated */
} by_date;

static int date_cmp(const void *x, const void *y)
{
	const by_date *a = x, *b = y;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	return a->part < b->part ? -1 : a->part > b->part;
}

/* A clause's word 3-grams, distinct and sorted, and a fingerprint of the
 * set (equal sets, equal fingerprints: most repeats are word for word). */
typedef struct {
	uint64_t *sh;
	size_t n;
	uint64_t print;
} clause_set;

static void clause_of(const ct_story *st, size_t i, clause_set *c)
{
	size_t len, cap = 0;
	const char *cl = ct_story_stmt_clause(st, i, &len);
	c->sh = NULL;
	size_t all = ct_sketch_shingles(cl, len, &c->sh, &cap, NULL, NULL);
	c->n = ct_sketch_distinct(c->sh, all);
	c->print = c->n;
	for (size_t k = 0; k < c->n; k++)
		c->print = (c->print ^ c->sh[k]) * 0x100000001b3ull;
}

static int same_short_clause(const ct_story *st, size_t i, size_t j)
{
	size_t n, m;
	const char *a = ct_story_stmt_clause(st, i, &n), *b = ct_story_stmt_clause(st, j, &m);
	return n && n == m && !strncasecmp(a, b, n);
}

/* Marks the statements of reprint r that repeat those of its original o,
 * whose clauses are oc[] (noise: n 0 and sh NULL, never matched). */
static void mark_repeats(ct_story *st, uint32_t r, uint32_t o, const clause_set *oc)
{
	const ct_story_part *pr = st->parts[r], *po = st->parts[o];
	for (size_t k = 0; k < pr->nstmt; k++) {
		size_t i = pr->stmt0 + k;
		if (pr->stmts[k].noise)
			continue;
		clause_set c;
		clause_of(st, i, &c);
		int32_t match = -1;
		for (size_t q = 0; q < po->nstmt && match < 0; q++)
			if (c.n && c.n == oc[q].n && c.print == oc[q].print)
				match = (int32_t)(po->stmt0 + q); /* word for word: nothing to compare */
		double best = 0;
		int near = match < 0; /* else found word for word */
		for (size_t q = 0; near && q < po->nstmt; q++) {
			size_t j = po->stmt0 + q;
			if (po->stmts[q].noise)
				continue;
			double jac = c.n && oc[q].n ? ct_sketch_exact(c.sh, c.n, oc[q].sh, oc[q].n).jaccard
						    : !c.n && !oc[q].n && same_short_clause(st, i, j);
			if (jac >= DUP_JACCARD && jac > best) {
				best = jac;
				match = (int32_t)j;
			}
		}
		free(c.sh);
		if (match >= 0) {
			st->stmts[i].dup_of = match;
			st->ndup++;
		}
	}
}

void ct_reprints_link(ct_story *st)
{
	size_t np = st->npart;
	if (!st->links_given) {
		by_date *ord = ct_xmalloc((np + 1) * sizeof *ord);
		for (size_t a = 0; a < np; a++) {
			const ct_when *w = &st->parts[a]->published;
			ord[a].part = (uint32_t)a;
			ord[a].date = w->y > 0 ? (uint32_t)(w->y * 10000 + (w->m > 0 ? w->m : 0) * 100 + (w->d > 0 ? w->d : 0))
					       : UINT32_MAX;
		}
		qsort(ord, np, sizeof *ord, date_cmp);
		const ct_sketch **sk = ct_xmalloc((np + 1) * sizeof *sk);
		int32_t *orig = ct_xmalloc((np + 1) * sizeof *orig);
		for (size_t k = 0; k < np; k++)
			sk[k] = st->parts[ord[k].part]->sketch;
		ct_reprints_earliest(sk, np, orig);
		for (size_t k = 0; k < np; k++)
			st->parts[ord[k].part]->reprint_of = orig[k] >= 0 ? (int32_t)ord[orig[k]].part : -1;
		free(orig);
		free(sk);
		free(ord);
	}
	for (size_t a = 0; a < np; a++)
		st->nreprint += st->parts[a]->reprint_of >= 0;

	/* an original's reprints, in input order (CSR) */
	st->reprints_at = ct_xcalloc(np + 2, sizeof *st->reprints_at);
	for (size_t a = 0; a < np; a++)
		if (st->parts[a]->reprint_of >= 0)
			st->reprints_at[st->parts[a]->reprint_of + 1]++;
	for (size_t a = 0; a < np; a++)
		st->reprints_at[a + 1] += st->reprints_at[a];
	st->reprints = ct_xmalloc((st->nreprint + 1) * sizeof *st->reprints);
	uint32_t *fill = ct_xcalloc(np + 1, sizeof *fill);
	for (size_t a = 0; a < np; a++) {
		int32_t o = st->parts[a]->reprint_of;
		if (o >= 0)
			st->reprints[st->reprints_at[o] + fill[o]++] = (uint32_t)a;
	}
	free(fill);

	/* each original's clauses once, for all its reprints */
	for (size_t o = 0; o < np; o++) {
		if (st->reprints_at[o] == st->reprints_at[o + 1])
			continue;
		const ct_story_part *po = st->parts[o];
		clause_set *oc = ct_xcalloc(po->nstmt + 1, sizeof *oc);
		for (size_t q = 0; q < po->nstmt; q++)
			if (!po->stmts[q].noise)
				clause_of(st, po->stmt0 + q, &oc[q]);
		for (uint32_t k = st->reprints_at[o]; k < st->reprints_at[o + 1]; k++)
			mark_repeats(st, st->reprints[k], (uint32_t)o, oc);
		for (size_t q = 0; q < po->nstmt; q++)
			free(oc[q].sh);
		free(oc);
	}
}

void ct_reprints_outlets(ct_story *st)
{
	if (!st->ndup)
		return;
	/* per original statement, its reprints' statements: counted, then
	 * placed, each run then its outlets with repeats dropped */
	for (size_t i = 0; i < st->nstmt; i++)
		if (st->stmts[i].dup_of >= 0)
			st->stmts[st->stmts[i].dup_of].ncarry++;
	size_t total = 0;
	for (size_t i = 0; i < st->nstmt; i++) {
		ct_story_stmt *s = &st->stmts[i];
		if (!s->ncarry)
			continue;
		s->carry = (uint32_t)total;
		total += s->ncarry + 1; /* and its own outlet */
		s->ncarry = 0;
	}
	st->carry = ct_xmalloc((total + 1) * sizeof *st->carry);
	for (size_t i = 0; i < st->nstmt; i++) {
		const ct_story_stmt *d = &st->stmts[i];
		if (d->dup_of < 0)
			continue;
		ct_story_stmt *s = &st->stmts[d->dup_of];
		if (!s->ncarry)
			st->carry[s->carry + s->ncarry++] = st->parts[s->article]->outlet;
		uint32_t o = st->parts[d->article]->outlet;
		int seen = 0;
		for (uint32_t k = 0; k < s->ncarry && !seen; k++)
			seen = st->carry[s->carry + k] == o;
		if (!seen)
			st->carry[s->carry + s->ncarry++] = o;
	}
	st->ncarry_all = total;
}
