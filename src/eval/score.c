/*
 * score.c — span and attribution matching for PolNeAR evaluation.
 *
 * Method. Spans are compared as sets of tokens, not as character ranges,
 * so that annotators who disagree by a trailing quote mark or a leading
 * space still agree: the text is cut into tokens once (word runs and
 * single other characters), punctuation tokens are dropped, and a span
 * becomes the sorted indices of the tokens it touches.
 *
 * Matching is one-to-one and greedy, as the README asks: predicted items
 * are taken in document order, and each claims the unclaimed gold item
 * that qualifies and scores best (Jaccard for a span; the sum of the three
 * roles' Jaccard indices for an attribution), the earliest gold item in
 * document order winning a tie. Greedy rather than optimal assignment
 * because that is the definition the published numbers use, and the two
 * differ only when gold spans overlap one another, which PolNeAR's
 * one-role-per-token scheme makes rare.
 *
 * Per role the items are the article's T spans of that type (Content2
 * parts included as content spans), with empty token sets left out and a
 * span repeated with the same tokens counted once — a source shared by two
 * attributions is one span. Per attribution the items are the E lines.
 */
#include "score.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

const char *ct_role_name(ct_role role)
{
	static const char *const names[CT_NROLES] = {"source", "cue", "content"};
	return (unsigned)role < CT_NROLES ? names[role] : "?";
}

void ct_eval_prf(const ct_eval_count *c, double *precision, double *recall, double *f1)
{
	double p = c->pred ? (double)c->match / (double)c->pred : 0.0;
	double r = c->gold ? (double)c->match / (double)c->gold : 0.0;
	if (precision)
		*precision = p;
	if (recall)
		*recall = r;
	if (f1)
		*f1 = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

/* ---- tokens ------------------------------------------------------------ */

enum { C_SPACE, C_WORD, C_PUNCT, C_OTHER };

static int char_class(int32_t cp)
{
	if (cp == '_')
		return C_WORD;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return C_WORD;
	case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
	case UTF8PROC_CATEGORY_PO:
		return C_PUNCT;
	case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
	case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF:
		/* Control and format characters are invisible: they separate,
		 * like space, rather than stand as tokens of their own. */
		return C_SPACE;
	default:
		return C_OTHER;
	}
}

void ct_score_text_init(ct_score_text *t, const char *text, size_t len)
{
	*t = (ct_score_text){0};
	size_t cap = 0;
	uint32_t ci = 0;
	int in_word = 0;
	for (size_t i = 0; i < len; ci++) {
		int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &cp);
		if (k < 1) {
			/* An invalid byte is one character, as brat's Python would
			 * see it after a lenient decode, and a symbol. */
			k = 1;
			cp = 0xFFFD;
		}
		i += (size_t)k;
		int c = char_class(cp);
		if (c == C_WORD && in_word) {
			t->toks[t->ntok - 1].end = ci + 1;
			continue;
		}
		in_word = c == C_WORD;
		if (c == C_SPACE)
			continue;
		ct_grow((void **)&t->toks, &cap, t->ntok + 1, sizeof *t->toks);
		t->toks[t->ntok++] = (ct_score_tok){ci, ci + 1, c == C_PUNCT};
	}
	t->nchars = ci;
}

void ct_score_text_free(ct_score_text *t)
{
	free(t->toks);
	*t = (ct_score_text){0};
}

/* The first token that ends after character `c`. */
static size_t first_ending_after(const ct_score_text *t, uint32_t c)
{
	size_t lo = 0, hi = t->ntok;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->toks[mid].end <= c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

void ct_score_span(ct_score_set *out, const ct_score_text *t, const ct_brat_range *r, size_t n)
{
	*out = (ct_score_set){0};
	size_t cap = 0;
	for (int punct = 0; punct < 2 && !out->n; punct++)
		for (size_t i = 0; i < n; i++)
			for (size_t k = first_ending_after(t, r[i].start); k < t->ntok && t->toks[k].start < r[i].end; k++)
				if (t->toks[k].punct == punct) {
					ct_grow((void **)&out->v, &cap, out->n + 1, sizeof *out->v);
					out->v[out->n++] = (uint32_t)k;
				}
	/* Parts may come in any order and may overlap: sort, then unique. */
	if (out->n > 1) {
		qsort(out->v, out->n, sizeof *out->v, cmp_u32);
		size_t w = 1;
		for (size_t i = 1; i < out->n; i++)
			if (out->v[i] != out->v[w - 1])
				out->v[w++] = out->v[i];
		out->n = w;
	}
}

size_t ct_score_common(const ct_score_set *a, const ct_score_set *b)
{
	size_t i = 0, k = 0, c = 0;
	while (i < a->n && k < b->n) {
		if (a->v[i] < b->v[k])
			i++;
		else if (a->v[i] > b->v[k])
			k++;
		else
			c++, i++, k++;
	}
	return c;
}

static double jaccard(const ct_score_set *a, const ct_score_set *b)
{
	if (!a->n && !b->n)
		return 1.0;
	size_t c = ct_score_common(a, b);
	return (double)c / (double)(a->n + b->n - c);
}

int ct_score_overlaps(const ct_score_set *a, const ct_score_set *b)
{
	if (!a->n && !b->n)
		return 1;
	size_t c = ct_score_common(a, b);
	return 2 * c >= a->n + b->n - c; /* c / |a ∪ b| >= 1/2, in integers */
}

static int set_equal(const ct_score_set *a, const ct_score_set *b)
{
	return a->n == b->n && (!a->n || !memcmp(a->v, b->v, a->n * sizeof *a->v));
}

/* ---- items ------------------------------------------------------------- */

/* A span or an attribution, with its place in the document. */
typedef struct {
	ct_score_set s[CT_NROLES]; /* a span uses s[0] only */
	uint32_t start, end;
	size_t index;
} item;

typedef struct {
	item *v;
	size_t n, cap;
} items;

static void items_free(items *it)
{
	for (size_t i = 0; i < it->n; i++)
		for (int r = 0; r < CT_NROLES; r++)
			free(it->v[i].s[r].v);
	free(it->v);
	*it = (items){0};
}

static int cmp_item(const void *a, const void *b)
{
	const item *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

static void bounds(const ct_brat_span *sp, uint32_t *start, uint32_t *end)
{
	for (size_t i = 0; i < sp->n; i++) {
		if (sp->r[i].start < *start)
			*start = sp->r[i].start;
		if (sp->r[i].end > *end)
			*end = sp->r[i].end;
	}
}

static int cmp_set(const ct_score_set *a, const ct_score_set *b)
{
	for (size_t i = 0; i < a->n && i < b->n; i++)
		if (a->v[i] != b->v[i])
			return a->v[i] < b->v[i] ? -1 : 1;
	return (a->n > b->n) - (a->n < b->n);
}

/* By token set, then file order: equal sets become neighbours, the first
 * written leading. */
static int cmp_by_set(const void *a, const void *b)
{
	const item *x = a, *y = b;
	int c = cmp_set(&x->s[0], &y->s[0]);
	return c ? c : (x->index > y->index) - (x->index < y->index);
}

static void role_items(items *out, const ct_score_text *t, const ct_brat_doc *d, ct_role role)
{
	static const ct_brat_type type_of[CT_NROLES] = {CT_BRAT_SOURCE, CT_BRAT_CUE, CT_BRAT_CONTENT};
	for (size_t i = 0; i < d->ntb; i++) {
		const ct_brat_tb *tb = &d->tbs[i];
		if (tb->type != type_of[role])
			continue;
		item it = {.start = UINT32_MAX, .end = 0, .index = i};
		ct_score_span(&it.s[0], t, tb->span.r, tb->span.n);
		if (!it.s[0].n) {
			free(it.s[0].v);
			continue;
		}
		bounds(&tb->span, &it.start, &it.end);
		ct_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v);
		out->v[out->n++] = it;
	}
	if (out->n < 2)
		return;
	/* Count a span written twice once: sort by set, keep the first of each
	 * run (n log n, where comparing every pair would be quadratic in a
	 * pathological file). */
	qsort(out->v, out->n, sizeof *out->v, cmp_by_set);
	size_t w = 1;
	for (size_t i = 1; i < out->n; i++) {
		if (set_equal(&out->v[i].s[0], &out->v[w - 1].s[0]))
			free(out->v[i].s[0].v);
		else
			out->v[w++] = out->v[i];
	}
	out->n = w;
	qsort(out->v, out->n, sizeof *out->v, cmp_item);
}

/* Attributions in document order: by cue (the anchor), then by extent. */
static void att_items(items *out, const ct_score_text *t, const ct_brat_doc *d)
{
	for (size_t i = 0; i < d->natt; i++) {
		const ct_brat_att *a = &d->atts[i];
		item it = {.start = UINT32_MAX, .end = 0, .index = i};
		ct_score_span(&it.s[CT_ROLE_SOURCE], t, a->source.r, a->source.n);
		ct_score_span(&it.s[CT_ROLE_CUE], t, a->cue.r, a->cue.n);
		ct_score_span(&it.s[CT_ROLE_CONTENT], t, a->content.r, a->content.n);
		bounds(&a->cue, &it.start, &it.end);
		if (!a->cue.n) {
			bounds(&a->content, &it.start, &it.end);
			bounds(&a->source, &it.start, &it.end);
		}
		ct_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v);
		out->v[out->n++] = it;
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, cmp_item);
}

enum { M_EXACT, M_OVERLAP, M_ATT };

/* How well gold item g fits predicted item p under `mode`; < 0 when it does
 * not qualify. */
static double fit(int mode, const item *p, const item *g)
{
	switch (mode) {
	case M_EXACT:
		return set_equal(&p->s[0], &g->s[0]) ? 1.0 : -1.0;
	case M_OVERLAP:
		return ct_score_overlaps(&p->s[0], &g->s[0]) ? jaccard(&p->s[0], &g->s[0]) : -1.0;
	default: {
		const ct_score_set *pc = &p->s[CT_ROLE_CUE], *gc = &g->s[CT_ROLE_CUE];
		int cue = (!pc->n && !gc->n) || ct_score_common(pc, gc) > 0;
		if (!cue || !ct_score_overlaps(&p->s[CT_ROLE_CONTENT], &g->s[CT_ROLE_CONTENT]) ||
		    !ct_score_overlaps(&p->s[CT_ROLE_SOURCE], &g->s[CT_ROLE_SOURCE]))
			return -1.0;
		return jaccard(&p->s[CT_ROLE_SOURCE], &g->s[CT_ROLE_SOURCE]) + jaccard(pc, gc) +
		       jaccard(&p->s[CT_ROLE_CONTENT], &g->s[CT_ROLE_CONTENT]);
	}
	}
}

/*
 * Greedy one-to-one matching. Every rule requires a shared token (of the
 * span; for an attribution, of the cue) unless both sets are empty, so the
 * candidates for a prediction are found through an index from token to the
 * gold items holding it, plus — for attributions — the gold items whose key
 * set is empty. This keeps a pathological file (thousands of spans) from
 * costing predicted × gold comparisons.
 */
static size_t match(int mode, const items *pred, const items *gold, size_t ntok)
{
	int key = mode == M_ATT ? CT_ROLE_CUE : 0;
	/* Postings in compressed rows: gold items of token t are
	 * post[first[t] .. first[t + 1]). */
	uint32_t *first = ct_xcalloc(ntok + 2, sizeof *first);
	size_t npost = 0, nempty = 0;
	for (size_t k = 0; k < gold->n; k++) {
		const ct_score_set *s = &gold->v[k].s[key];
		for (size_t j = 0; j < s->n; j++)
			first[s->v[j] + 2]++;
		npost += s->n;
		nempty += !s->n;
	}
	for (size_t t = 2; t < ntok + 2; t++)
		first[t] += first[t - 1];
	uint32_t *post = ct_xmalloc((npost + nempty + 1) * sizeof *post);
	uint32_t *empty = post + npost;
	nempty = 0;
	for (size_t k = 0; k < gold->n; k++) {
		const ct_score_set *s = &gold->v[k].s[key];
		for (size_t j = 0; j < s->n; j++)
			post[first[s->v[j] + 1]++] = (uint32_t)k;
		if (!s->n)
			empty[nempty++] = (uint32_t)k;
	}
	unsigned char *taken = ct_xcalloc(gold->n + 1, 1);
	size_t *seen = ct_xcalloc(gold->n + 1, sizeof *seen); /* pred i + 1 that last looked */
	size_t n = 0;
	for (size_t i = 0; i < pred->n; i++) {
		const ct_score_set *s = &pred->v[i].s[key];
		size_t best = SIZE_MAX;
		double best_fit = -1.0;
		/* Pass 0 walks the postings of the prediction's tokens; pass 1
		 * the empty gold sets, which only an empty prediction can meet. */
		for (int pass = 0; pass < 2; pass++) {
			size_t nc = pass ? (s->n ? 0 : nempty) : s->n;
			for (size_t j = 0; j < nc; j++) {
				size_t from = pass ? j : first[s->v[j]], to = pass ? j + 1 : first[s->v[j] + 1];
				for (size_t q = from; q < to; q++) {
					size_t k = pass ? empty[q] : post[q];
					if (taken[k] || seen[k] == i + 1)
						continue;
					seen[k] = i + 1;
					double f = fit(mode, &pred->v[i], &gold->v[k]);
					/* The best fit; on a tie, the earlier gold item. */
					if (f >= 0 && (f > best_fit || (f == best_fit && k < best))) {
						best_fit = f;
						best = k;
					}
				}
			}
		}
		if (best != SIZE_MAX) {
			taken[best] = 1;
			n++;
		}
	}
	free(seen);
	free(taken);
	free(post);
	free(first);
	return n;
}

static int check(const ct_score_text *t, const ct_brat_doc *d, const char *name, char *err, size_t errsize)
{
	for (size_t i = 0; i < d->ntb; i++)
		for (size_t k = 0; k < d->tbs[i].span.n; k++)
			if (d->tbs[i].span.r[k].end > t->nchars) {
				if (err && errsize)
					snprintf(err, errsize, "%s:%u: T%u ends at %u, past the end of the text (%zu characters)",
						 name, d->tbs[i].line, d->tbs[i].id, d->tbs[i].span.r[k].end, t->nchars);
				return CT_EFORMAT;
			}
	return 0;
}

int ct_score_article(ct_eval_result *res, const ct_score_text *t, const ct_brat_doc *gold,
		     const char *gold_name, const ct_brat_doc *pred, const char *pred_name, char *err,
		     size_t errsize)
{
	int rc = check(t, gold, gold_name, err, errsize);
	if (!rc)
		rc = check(t, pred, pred_name, err, errsize);
	if (rc)
		return rc;
	for (int r = 0; r < CT_NROLES; r++) {
		items g = {0}, p = {0};
		role_items(&g, t, gold, (ct_role)r);
		role_items(&p, t, pred, (ct_role)r);
		res->exact[r].gold += g.n;
		res->exact[r].pred += p.n;
		res->exact[r].match += match(M_EXACT, &p, &g, t->ntok);
		res->overlap[r].gold += g.n;
		res->overlap[r].pred += p.n;
		res->overlap[r].match += match(M_OVERLAP, &p, &g, t->ntok);
		items_free(&g);
		items_free(&p);
	}
	items g = {0}, p = {0};
	att_items(&g, t, gold);
	att_items(&p, t, pred);
	res->attribution.gold += g.n;
	res->attribution.pred += p.n;
	res->attribution.match += match(M_ATT, &p, &g, t->ntok);
	items_free(&g);
	items_free(&p);
	res->articles++;
	return 0;
}
