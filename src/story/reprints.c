/*
 * reprints.c — wire reprints in the story map: the same copy carried by
 * several outlets counts once, and names every outlet that carried it.
 *
 * Method.
 *  - Links: the articles in order of publication (undated ones after the
 *    dated, then in input order); each looks up the earlier ones that share
 *    an LSH band key of its sketch (a hash map, key → chain of articles,
 *    so the cost grows with the copies, not with the story) and is a
 *    reprint of the earliest that the decision accepts (sketch.h). A copy
 *    of a copy is linked to the first: the lineage is a star around the
 *    earliest copy, which is what "carried by" needs.
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
/* An LSH chain is followed this far back (the latest copies first): a
 * story of a thousand identical copies stays linear, and the earliest
 * copy is reached through the copies linked to it. */
#define CHAIN_MAX 64

typedef struct {
	uint32_t part;
	int32_t next;
} chain;

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
	by_date *ord = ct_xmalloc((np + 1) * sizeof *ord);
	for (size_t a = 0; a < np; a++) {
		/* a part made elsewhere (from a store's rows) may come zeroed: an
		 * empty sketch links nothing */
		st->parts[a]->reprint_of = -1;
		const ct_when *w = &st->parts[a]->published;
		ord[a].part = (uint32_t)a;
		ord[a].date = w->y > 0 ? (uint32_t)(w->y * 10000 + (w->m > 0 ? w->m : 0) * 100 + (w->d > 0 ? w->d : 0))
				       : UINT32_MAX;
	}
	qsort(ord, np, sizeof *ord, date_cmp);
	uint32_t *place = ct_xmalloc((np + 1) * sizeof *place); /* part → its place in ord */
	for (size_t k = 0; k < np; k++)
		place[ord[k].part] = (uint32_t)k;

	ct_stance_map heads = {0};
	chain *ch = NULL;
	size_t nch = 0, ch_cap = 0;
	uint32_t *stamp = ct_xcalloc(np + 1, sizeof *stamp);
	for (size_t k = 0; k < np; k++) {
		uint32_t a = ord[k].part;
		ct_story_part *p = st->parts[a];
		uint64_t keys[CT_SKETCH_BANDS];
		size_t nk = p->sketch ? ct_sketch_bands(p->sketch, keys) : 0;
		int64_t best = -1; /* the earliest copy accepted, by place */
		for (size_t b = 0; b < nk; b++) {
			int steps = 0;
			for (int32_t c = ct_stance_map_get(&heads, keys[b]); c >= 0 && steps < CHAIN_MAX;
			     c = ch[c].next, steps++) {
				uint32_t q = ch[c].part;
				if (stamp[q] == k + 1)
					continue;
				stamp[q] = (uint32_t)(k + 1);
				uint32_t root = st->parts[q]->reprint_of >= 0 ? (uint32_t)st->parts[q]->reprint_of : q;
				if ((best < 0 || place[root] < place[best]) && ct_sketch_is_reprint(st->parts[q]->sketch, p->sketch))
					best = root;
			}
		}
		if (best >= 0) {
			p->reprint_of = (int32_t)best;
			st->nreprint++;
		}
		for (size_t b = 0; b < nk; b++) {
			ct_grow((void **)&ch, &ch_cap, nch + 1, sizeof *ch);
			ch[nch] = (chain){a, ct_stance_map_get(&heads, keys[b])};
			ct_stance_map_put(&heads, keys[b], (int32_t)nch++);
		}
	}
	ct_stance_map_free(&heads);
	free(ch);
	free(stamp);
	free(place);
	free(ord);

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
