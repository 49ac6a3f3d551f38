/*
 * claims.c — claims found from what the coverage says.
 *
 * A claim is a proposition several articles state in their own words. It
 * is found from the statements (every clause the code stage coded:
 * attributed contents, and the outlet's own sentences), grouped by what
 * they say:
 *
 *  - Terms. A statement's terms are its content words (no function word,
 *    data/function_words.txt, and no cue word: "said" states nothing),
 *    lowercased and stemmed (plural, -ing, -ed and a final e go), its
 *    numbers, and its entities as the story knows them — "Khamenei" and
 *    "the supreme leader Ali Khamenei" are one term — with countries one
 *    term whatever names them ("Iran", "Iranian"). A word of the verb
 *    lexicon adds its class (request, offer and call are one "propose";
 *    cooperation and collaboration one "cooperate"), and an event frame
 *    of the code stage adds the event itself (its class and its two
 *    parties): CAMEO coding is evidence that two statements say the same
 *    thing, not what makes a claim. Negation is not a term: "she took a
 *    selfie" and "she did not take a selfie" have the same terms and so
 *    meet in one claim, on two sides (sides.c). Captions, credits and
 *    page furniture (story.c) state nothing.
 *  - Weights. A term weighs log(1 + S / s), S the story's statements and
 *    s those that have it, halved when one article alone uses it (such a
 *    term cannot make two articles meet, only dilute what they share);
 *    an action or an event weighs twice that.
 *  - Grouping. Statements are read lead first (titles, then the first
 *    sentences of every article, where a story states its claim, then the
 *    rest), and each joins the claim whose centroid it is most similar to
 *    (cosine) when that is at least CLAIM_JOIN and they share two terms
 *    besides names, else starts one — a leader clustering. Candidates come from an inverted index of the
 *    claims' terms, at most CAND claims a statement, through its heaviest
 *    terms: the cost grows with the statements, not their square.
 *  - Claims: groups that two articles or more state, and every claim a
 *    user gives (ct_story_add_claim), which statements join like any
 *    other. Each claim's summary is the sentence of its clearest
 *    statement: the one that holds most of the claim's heaviest terms,
 *    for it (not a denial, a question or a hypothesis, nor a sentence the
 *    statement model reads as against its own clause: "a report claiming
 *    X is a lie"), readable alone (not opening on a word that points
 *    back), of a readable length, in a lead. Claims are ranked by the articles that state them,
 *    twice for an article that states it in its lead; a conflict and a
 *    given claim rank first (sides.c finishes the order).
 */
#include "story.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/uchar.h"
#include "../lex/verbs.h"

/* A statement joins a claim at this cosine or more, sharing at least
 * SHARED_JOIN terms other than names; a frame's action and event weigh
 * EVENT_BOOST times their IDF (docs/story.md: how these were chosen). */
#define CLAIM_JOIN 0.34
#define SHARED_JOIN 2
#define EVENT_BOOST 2.0
/* Claims compared per statement, at most; terms looked up per statement. */
#define CAND 48
#define CAND_TERMS 6
/* A claim's centroid keeps its heaviest terms. */
#define CENT_MAX 64
/* A summary is its statement's sentence up to this many words; the
 * statement model reads the SUMMARY_READ best candidates. */
#define SUMMARY_WORDS 45
#define SUMMARY_READ 5

/* ---- terms ------------------------------------------------------------ */

static uint64_t key_of(char tag, const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	h = (h ^ (unsigned char)tag) * 0x100000001b3ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	/* the top two bits 11 mark a part entity (story.c), the next two the
	 * kind of term (a word; the action or event of a frame; a name, a
	 * country or a number), and 0 is empty */
	h &= ~(15ULL << 60);
	h |= (uint64_t)(tag == 'v' || tag == 'k' ? 1 : tag == 'w' ? 0 : 2) << 60;
	return h;
}

uint64_t ct_claims_entity_key(int32_t e)
{
	char buf[16];
	int n = snprintf(buf, sizeof buf, "%d", (int)e);
	return key_of('e', buf, (size_t)n);
}

/* A light stemmer, so that the forms of a word meet: burrows, burrowed,
 * burrowing → burrow; takes, taking → tak. Words are lowercase ASCII or
 * other UTF-8 (left as they are). */
static size_t stem(const char *w, size_t n)
{
	if (n > 4 && !memcmp(w + n - 3, "ies", 3))
		return n - 2; /* "bodies" → "bodi", as "body" is not reached: both lose the end */
	if (n > 3 && w[n - 1] == 's' && w[n - 2] == 'e' && (w[n - 3] == 's' || w[n - 3] == 'x' || w[n - 3] == 'z' ||
							       (w[n - 3] == 'h' && (w[n - 4] == 'c' || w[n - 4] == 's'))))
		n -= 2;
	else if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i')
		n -= 1;
	if (n > 5 && !memcmp(w + n - 3, "ing", 3))
		n -= 3;
	else if (n > 4 && !memcmp(w + n - 2, "ed", 2))
		n -= 2;
	if (n > 3 && w[n - 1] == w[n - 2] && w[n - 1] != 'l' && w[n - 1] != 's' && w[n - 1] != 'e' &&
	    w[n - 1] != 'o' && !(w[n - 1] >= '0' && w[n - 1] <= '9'))
		n -= 1; /* "stopped" → "stop" */
	if (n > 4 && w[n - 1] == 'e')
		n -= 1;
	return n;
}

size_t ct_claims_stem(const char *w, size_t n)
{
	return stem(w, n);
}

static void push_key(ct_story_part *p, uint64_t k)
{
	ct_grow((void **)&p->term_keys, &p->term_cap, p->nterms + 1, sizeof *p->term_keys);
	p->term_keys[p->nterms++] = k;
}

/* A participant as the event key names it: its country, else its
 * entity's name, lowercased; 0 when it is unknown. */
static int fact_name(const ct_doc *doc, const ct_fact *f, char *out, size_t cap)
{
	const char *s = f->cc[0] ? f->cc : f->ent >= 0 && (size_t)f->ent < doc->nent ? doc->ents[f->ent].name : NULL;
	if (!s || !*s)
		return 0;
	size_t n = 0;
	for (; s[n] && n + 1 < cap; n++)
		out[n] = ct_ascii_lower(s[n]);
	out[n] = 0;
	return 1;
}

void ct_claims_terms(const ct_ctx *ctx, const ct_doc *doc, const int32_t *tok_ment, const ct_frame *fr,
		     ct_story_part *p, ct_part_stmt *ps)
{
	ps->term = (uint32_t)p->nterms;
	char w[64];
	int32_t last_ment = -1;
	for (uint32_t t = fr->tok; t < fr->tok + fr->ntok && t < doc->ntok; t++) {
		const ct_token *tk = &doc->toks[t];
		int32_t m = tok_ment[t];
		if (m >= 0 && m != last_ment) {
			const ct_mention *mt = &doc->ments[m];
			const ct_ent *e = &doc->ents[mt->entity];
			if (e->type == CT_ACTOR_COUNTRY && e->country[0])
				push_key(p, key_of('c', e->country, strlen(e->country)));
			else
				push_key(p, 3ULL << 62 | (uint32_t)mt->entity);
		}
		last_ment = m;
		if (doc->tok_lex && (doc->tok_lex[t] & (CT_LX_CUE | CT_LX_CUE_IN)))
			continue;
		int v;
		if (ct_lex_match(&ctx->verbs.verb_forms, doc, t, fr->tok + fr->ntok, 1, &v)) {
			/* synonyms meet: request, offer and call are one "propose" */
			const char *label = ctx->verbs.verbs[v].label;
			push_key(p, key_of('v', label, strlen(label)));
		}
		const char *s = doc->text + tk->off;
		size_t n = tk->len;
		if (tk->type == CT_TOK_NUMBER) {
			push_key(p, key_of('n', s, n));
			continue;
		}
		if (tk->type == CT_TOK_HASHTAG) {
			s++;
			n--;
		} else if (tk->type != CT_TOK_WORD) {
			continue;
		}
		const char *cc = m < 0 ? ct_verbs_demonym(&ctx->verbs, s, n) : NULL;
		if (cc) {
			push_key(p, key_of('c', cc, strlen(cc)));
			continue;
		}
		if (n >= sizeof w)
			continue;
		for (size_t i = 0; i < n; i++)
			w[i] = ct_ascii_lower(s[i]);
		if (n >= 2 && w[n - 2] == '\'' && w[n - 1] == 's')
			n -= 2;
		if (n < 2 || ct_table_get(&ctx->function_words, w, n, NULL))
			continue;
		push_key(p, key_of('w', w, stem(w, n)));
	}
	if (fr->verb >= 0) {
		const ct_verb *v = &ctx->verbs.verbs[fr->verb];
		/* the event: its class and its two parties, each a country or,
		 * without one, the name the article gives it */
		char x[64], y[64];
		if (fact_name(doc, &fr->src, x, sizeof x) && fact_name(doc, &fr->tgt, y, sizeof y) && strcmp(x, y)) {
			char ev[160];
			int swap = v->symmetric && !fr->proposal && strcmp(x, y) > 0;
			int n = snprintf(ev, sizeof ev, "%s|%s|%s", fr->proposal ? "propose" : v->label, swap ? y : x, swap ? x : y);
			push_key(p, key_of('k', ev, (size_t)n < sizeof ev ? (size_t)n : sizeof ev - 1));
		}
		if (fr->src.cc[0])
			push_key(p, key_of('c', fr->src.cc, strlen(fr->src.cc)));
		if (fr->tgt.cc[0])
			push_key(p, key_of('c', fr->tgt.cc, strlen(fr->tgt.cc)));
	}
	ps->nterm = (uint32_t)(p->nterms - ps->term);
}

uint32_t ct_claims_intern(ct_story *st, uint64_t key)
{
	int32_t id = ct_stance_map_get(&st->term_ids, key);
	if (id >= 0)
		return (uint32_t)id;
	id = (int32_t)st->nterm;
	if (st->nterm == st->term_cap) {
		st->term_cap = st->term_cap ? 2 * st->term_cap : 256;
		st->term_sf = ct_xrealloc(st->term_sf, st->term_cap * sizeof *st->term_sf);
		st->term_af = ct_xrealloc(st->term_af, st->term_cap * sizeof *st->term_af);
		st->term_last = ct_xrealloc(st->term_last, st->term_cap * sizeof *st->term_last);
		st->term_kind = ct_xrealloc(st->term_kind, st->term_cap * sizeof *st->term_kind);
	}
	st->term_sf[id] = st->term_af[id] = 0;
	st->term_kind[id] = (uint8_t)(key >> 60 & 3);
	st->term_last[id] = UINT32_MAX;
	st->nterm++;
	ct_stance_map_put(&st->term_ids, key, id);
	return (uint32_t)id;
}

static int u32_cmp(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return a < b ? -1 : a > b;
}

int ct_claims_stmt_sign(const ct_story *st, size_t i)
{
	const ct_part_stmt *ps = ct_story_pstmt(st, i);
	int deny_cue = ps->stance == CT_ST_DENY && ps->polarity > 0;
	return (ps->polarity < 0 ? -1 : 1) * (deny_cue ? -1 : 1);
}

uint32_t *ct_claims_text_terms(ct_story *st, const char *text, size_t *n, int8_t *sign)
{
	/* The text runs through the pipeline like an article; its entities are
	 * the story's when the story knows their names, else only words. */
	ct_doc *doc = ct_doc_new(NULL, text, strlen(text));
	*n = 0;
	*sign = 1;
	if (ct_doc_run(st->ctx, doc, CT_STAGE_CODE)) {
		ct_doc_free(doc);
		return ct_xmalloc(sizeof(uint32_t));
	}
	ct_story_part *p = ct_xcalloc(1, sizeof *p);
	int32_t *tok_ment = ct_xmalloc((doc->ntok + 1) * sizeof *tok_ment);
	for (size_t i = 0; i < doc->ntok; i++)
		tok_ment[i] = -1;
	for (size_t m = 0; m < doc->nment; m++) {
		const ct_mention *mt = &doc->ments[m];
		if (mt->entity >= 0 && (mt->kind == CT_M_ACTOR || mt->kind == CT_M_NAME))
			for (uint32_t k = mt->tok; k < mt->tok + mt->ntok && k < doc->ntok; k++)
				if (tok_ment[k] < 0)
					tok_ment[k] = (int32_t)m;
	}
	ct_frame whole;
	memset(&whole, 0, sizeof whole);
	whole.ntok = (uint32_t)doc->ntok;
	whole.verb = -1;
	ct_part_stmt ps;
	memset(&ps, 0, sizeof ps);
	ct_claims_terms(st->ctx, doc, tok_ment, &whole, p, &ps);
	/* a text that denies or negates ("Met police deny reports of …",
	 * "she did not take a selfie") is a claim of the opposite sign */
	for (size_t f = 0; f < doc->nframe; f++)
		if (doc->frames[f].stance == CT_ST_DENY) {
			*sign = -1;
			break;
		}
	for (size_t f = 0; f < doc->nframe; f++)
		if (doc->frames[f].verb >= 0) {
			ct_frame ev = doc->frames[f];
			ev.ntok = 0; /* its action and event only: the words are in already */
			ct_part_stmt es;
			ct_claims_terms(st->ctx, doc, tok_ment, &ev, p, &es);
		}
	uint32_t *v = ct_xmalloc((p->nterms + 1) * sizeof *v);
	size_t m = 0;
	ct_buf key = {0};
	for (size_t i = 0; i < p->nterms; i++) {
		uint64_t k = p->term_keys[i];
		if (k >> 62 == 3) {
			/* an entity: the story's of that name, if it has one */
			const char *name = doc->ents[k & 0xffffffffu].name;
			ct_buf_clear(&key);
			CT_BUF_LIT(&key, "N:");
			for (const char *s = name; *s; s++)
				ct_buf_addc(&key, ct_ascii_lower(*s));
			int e;
			if (!ct_table_get(&st->ent_keys, key.data, key.len, &e))
				continue;
			k = ct_claims_entity_key(e);
		}
		v[m++] = ct_claims_intern(st, k);
	}
	ct_buf_free(&key);
	if (m)
		qsort(v, m, sizeof *v, u32_cmp);
	size_t u = 0;
	for (size_t i = 0; i < m; i++)
		if (!u || v[u - 1] != v[i])
			v[u++] = v[i];
	*n = u;
	free(tok_ment);
	free(p->term_keys);
	free(p);
	ct_doc_free(doc);
	return v;
}

uint32_t *ct_claims_own_terms(const ct_story *st, const ct_claim *c, size_t *n)
{
	const uint32_t *v;
	if (c->summary_stmt >= 0) {
		const ct_story_part *p = st->parts[st->stmts[c->summary_stmt].article];
		const ct_part_stmt *ps = &p->stmts[st->stmts[c->summary_stmt].stmt];
		v = p->terms + ps->term;
		*n = ps->nterm;
	} else {
		size_t g = 0; /* the given claims are the first claims, in order */
		while (g + 1 < st->ngiven && st->claims + g != c)
			g++;
		v = st->given_terms[g];
		*n = st->given_nterm[g];
	}
	uint32_t *out = ct_xmalloc((*n + 1) * sizeof *out);
	if (*n)
		memcpy(out, v, *n * sizeof *out);
	return out;
}

/* ---- weights ---------------------------------------------------------- */

static const uint32_t *stmt_terms(const ct_story *st, size_t i, size_t *n)
{
	const ct_story_part *p = st->parts[st->stmts[i].article];
	const ct_part_stmt *ps = &p->stmts[st->stmts[i].stmt];
	*n = ps->nterm;
	return p->terms + ps->term;
}

/* Can statement i state a claim? Page furniture cannot, nor a clause of
 * fewer than two content terms, nor a reprint's repeat of its original's
 * statement (reprints.c), which is counted once, as the original. */
static int candidate(const ct_story *st, size_t i)
{
	const ct_part_stmt *ps = ct_story_pstmt(st, i);
	return !ps->noise && ps->nterm >= 2 && st->stmts[i].dup_of < 0;
}

static void weigh(ct_story *st)
{
	size_t S = 0;
	for (size_t i = 0; i < st->nstmt; i++) {
		if (!candidate(st, i))
			continue;
		S++;
		size_t n;
		const uint32_t *v = stmt_terms(st, i, &n);
		for (size_t k = 0; k < n; k++) {
			st->term_sf[v[k]]++;
			if (st->term_last[v[k]] != st->stmts[i].article) {
				st->term_last[v[k]] = st->stmts[i].article;
				st->term_af[v[k]]++;
			}
		}
	}
	for (size_t g = 0; g < st->ngiven; g++)
		for (size_t k = 0; k < st->given_nterm[g]; k++)
			st->term_sf[st->given_terms[g][k]]++;
	st->term_w = ct_xmalloc((st->nterm + 1) * sizeof *st->term_w);
	for (size_t t = 0; t < st->nterm; t++) {
		double w = log(1.0 + (double)(S + 1) / (double)(st->term_sf[t] ? st->term_sf[t] : 1));
		if (st->term_kind[t] == 1)
			w *= EVENT_BOOST;
		st->term_w[t] = (float)(st->term_af[t] >= 2 ? w : 0.5 * w);
	}
}

/* ---- grouping --------------------------------------------------------- */

typedef struct {
	ct_claim_term *cent;
	size_t ncent, cap;
	double norm;
	uint32_t *members;
	size_t nmember, member_cap;
	int given; /* index into st->given, or -1 */
} group;

typedef struct {
	uint32_t *v;
	size_t n, cap;
} posting;

/* Adds the unit vector of terms v (n, sorted) to the centroid. */
static void cent_add(const ct_story *st, group *g, const uint32_t *v, size_t n, double vnorm)
{
	ct_claim_term *out = ct_xmalloc((g->ncent + n + 1) * sizeof *out);
	size_t i = 0, j = 0, m = 0;
	while (i < g->ncent || j < n) {
		if (j >= n || (i < g->ncent && g->cent[i].term < v[j]))
			out[m++] = g->cent[i++];
		else if (i >= g->ncent || v[j] < g->cent[i].term) {
			out[m++] = (ct_claim_term){v[j], (float)(st->term_w[v[j]] / vnorm)};
			j++;
		} else {
			out[m] = g->cent[i++];
			out[m++].w += (float)(st->term_w[v[j++]] / vnorm);
		}
	}
	if (m > CENT_MAX + CENT_MAX / 2) {
		/* keep the heaviest: the cut is the CENT_MAX-th weight */
		float *ws = ct_xmalloc(m * sizeof *ws);
		for (size_t k = 0; k < m; k++)
			ws[k] = out[k].w;
		for (size_t a = 0; a < CENT_MAX; a++) /* partial selection, CENT_MAX steps */
			for (size_t b = a + 1; b < m; b++)
				if (ws[b] > ws[a]) {
					float t = ws[a];
					ws[a] = ws[b];
					ws[b] = t;
				}
		float cut = ws[CENT_MAX - 1];
		free(ws);
		size_t kept = 0;
		for (size_t k = 0; k < m; k++)
			if (out[k].w >= cut && kept < CENT_MAX)
				out[kept++] = out[k];
		m = kept;
	}
	free(g->cent);
	g->cent = out;
	g->ncent = g->cap = m;
	double s = 0;
	for (size_t k = 0; k < m; k++)
		s += (double)out[k].w * out[k].w;
	g->norm = sqrt(s);
}

/* The cosine of terms v (n, sorted) with the group's centroid; *shared
 * (may be NULL) gets the number of terms they share, names aside. */
static double cosine_shared(const ct_story *st, const group *g, const uint32_t *v, size_t n, double vnorm, size_t *shared)
{
	if (shared)
		*shared = 0;
	if (!g->norm || !vnorm)
		return 0;
	double dot = 0;
	size_t i = 0, j = 0;
	while (i < g->ncent && j < n) {
		if (g->cent[i].term < v[j]) {
			i++;
		} else if (v[j] < g->cent[i].term) {
			j++;
		} else {
			if (shared && st->term_kind[v[j]] != 2)
				(*shared)++;
			dot += (double)g->cent[i++].w * st->term_w[v[j++]];
		}
	}
	return dot / (g->norm * vnorm);
}

static double vec_norm(const ct_story *st, const uint32_t *v, size_t n)
{
	double s = 0;
	for (size_t k = 0; k < n; k++)
		s += (double)st->term_w[v[k]] * st->term_w[v[k]];
	return sqrt(s);
}

/* Lists group gi under each term of its centroid (once per term). */
static void index_group(posting *idx, const group *g, uint32_t gi)
{
	for (size_t k = 0; k < g->ncent; k++) {
		posting *pl = &idx[g->cent[k].term];
		if (pl->n && pl->v[pl->n - 1] == gi)
			continue;
		int seen = 0; /* a group is listed once per term */
		for (size_t q = pl->n; q-- > 0 && pl->n - q <= 8;)
			seen |= pl->v[q] == gi;
		if (seen)
			continue;
		ct_grow((void **)&pl->v, &pl->cap, pl->n + 1, sizeof *pl->v);
		pl->v[pl->n++] = gi;
	}
}

typedef struct {
	uint32_t stmt;
	uint32_t key; /* lead first, then the sentence's place */
} ordered;

static int ordered_cmp(const void *x, const void *y)
{
	const ordered *a = x, *b = y;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->stmt < b->stmt ? -1 : a->stmt > b->stmt;
}

/* The heaviest CAND_TERMS terms of v, into top (indices into v). */
static size_t heaviest(const ct_story *st, const uint32_t *v, size_t n, size_t *top)
{
	size_t m = 0;
	for (size_t k = 0; k < n; k++) {
		size_t at = m < CAND_TERMS ? m++ : CAND_TERMS;
		if (at == CAND_TERMS) {
			if (st->term_w[v[k]] <= st->term_w[v[top[CAND_TERMS - 1]]])
				continue;
			at = CAND_TERMS - 1;
		}
		top[at] = k;
		for (; at > 0 && st->term_w[v[top[at]]] > st->term_w[v[top[at - 1]]]; at--) {
			size_t t = top[at];
			top[at] = top[at - 1];
			top[at - 1] = t;
		}
	}
	return m;
}

static group *group_all(ct_story *st, size_t *ngroup)
{
	posting *idx = ct_xcalloc(st->nterm + 1, sizeof *idx);
	group *gs = NULL;
	size_t ng = 0, gcap = 0;
	/* the given claims first: statements join them like any other */
	for (size_t g = 0; g < st->ngiven; g++) {
		ct_grow((void **)&gs, &gcap, ng + 1, sizeof *gs);
		group *gr = &gs[ng];
		memset(gr, 0, sizeof *gr);
		gr->given = (int)g;
		cent_add(st, gr, st->given_terms[g], st->given_nterm[g], vec_norm(st, st->given_terms[g], st->given_nterm[g]));
		index_group(idx, gr, (uint32_t)ng);
		ng++;
	}
	ordered *ord = ct_xmalloc((st->nstmt + 1) * sizeof *ord);
	size_t nord = 0;
	for (size_t i = 0; i < st->nstmt; i++) {
		if (!candidate(st, i))
			continue;
		const ct_part_stmt *ps = ct_story_pstmt(st, i);
		uint32_t place = ct_story_stmt_sent(st, i)->index;
		ord[nord++] = (ordered){(uint32_t)i, ps->lead ? place : 1000000u + place};
	}
	qsort(ord, nord, sizeof *ord, ordered_cmp);
	uint32_t *stamp = ct_xcalloc(st->npart + ng + st->nstmt + 1, sizeof *stamp);
	uint32_t *cand = ct_xmalloc((CAND + 1) * sizeof *cand);
	for (size_t o = 0; o < nord; o++) {
		size_t i = ord[o].stmt, n;
		const uint32_t *v = stmt_terms(st, i, &n);
		double vn = vec_norm(st, v, n);
		size_t top[CAND_TERMS], nt = heaviest(st, v, n, top), nc = 0;
		for (size_t k = 0; k < nt && nc < CAND; k++) {
			const posting *pl = &idx[v[top[k]]];
			for (size_t q = pl->n; q-- > 0 && nc < CAND && pl->n - q <= CAND;) {
				uint32_t g = pl->v[q];
				if (stamp[g] == o + 1)
					continue;
				stamp[g] = (uint32_t)(o + 1);
				cand[nc++] = g;
			}
		}
		double best = 0;
		int64_t bg = -1;
		for (size_t k = 0; k < nc; k++) {
			size_t sh;
			double c = cosine_shared(st, &gs[cand[k]], v, n, vn, &sh);
			/* two statements say the same thing in more than a name and a word */
			if (sh >= SHARED_JOIN && c >= CLAIM_JOIN && c >= best) {
				best = c;
				bg = cand[k];
			}
		}
		if (bg < 0) {
			ct_grow((void **)&gs, &gcap, ng + 1, sizeof *gs);
			memset(&gs[ng], 0, sizeof *gs);
			gs[ng].given = -1;
			bg = (int64_t)ng++;
		}
		group *g = &gs[bg];
		ct_grow((void **)&g->members, &g->member_cap, g->nmember + 1, sizeof *g->members);
		g->members[g->nmember++] = (uint32_t)i;
		cent_add(st, g, v, n, vn);
		index_group(idx, g, (uint32_t)bg);
	}
	free(stamp);
	free(cand);
	free(ord);
	for (size_t t = 0; t < st->nterm; t++)
		free(idx[t].v);
	free(idx);
	*ngroup = ng;
	return gs;
}

/* ---- summaries -------------------------------------------------------- */

static int has_qmark(const char *s, size_t n)
{
	return memchr(s, '?', n) != NULL;
}

/* How well statement i states its claim, for the summary. */
static int heavier_term(const void *x, const void *y)
{
	const ct_claim_term *a = x, *b = y;
	return a->w > b->w ? -1 : a->w < b->w;
}

/* How much of the claim's heaviest terms (top, nt of them, with their
 * total weight) the sentence of statement i has: its statements' terms. */
static double coverage(const ct_story *st, size_t i, const ct_claim_term *top, size_t nt, double total)
{
	const ct_story_part *p = st->parts[st->stmts[i].article];
	uint32_t sent = p->stmts[st->stmts[i].stmt].sent;
	double have = 0;
	for (size_t k = 0; k < nt; k++) {
		int in = 0;
		for (size_t q = 0; q < p->nstmt && !in; q++) {
			const ct_part_stmt *ps = &p->stmts[q];
			if (ps->sent != sent)
				continue;
			for (uint32_t m = 0; m < ps->nterm && !in; m++)
				in = p->terms[ps->term + m] == top[k].term;
		}
		have += in ? top[k].w : 0;
	}
	return total > 0 ? have / total : 0;
}

/* Does a sentence open on a word that points back to what came before
 * ("He said …", "That's the only place …"; data/anaphors.txt)? */
static int vague_opening(const ct_ctx *ctx, const char *sent)
{
	while (*sent == '"' || *sent == ' ')
		sent++;
	char w[16];
	size_t n = 0;
	while (n < sizeof w - 1 && ((sent[n] >= 'a' && sent[n] <= 'z') || (sent[n] >= 'A' && sent[n] <= 'Z'))) {
		w[n] = ct_ascii_lower(sent[n]);
		n++;
	}
	return n && n < sizeof w - 1 && ct_table_get(&ctx->anaphors, w, n, NULL);
}

/* How clearly statement i's sentence states the claim, for the summary:
 * most of the claim's heaviest terms, for it (not a denial, a question or
 * a hypothesis), readable alone (not opening on a pronoun), of a
 * readable length, in a lead. */
static double summary_score(const ct_story *st, const ct_claim_term *top, size_t nt, double total, size_t i)
{
	const ct_part_stmt *ps = ct_story_pstmt(st, i);
	const char *sent = ct_story_stmt_sent(st, i)->text;
	size_t len = strlen(sent), words = 1;
	for (size_t k = 0; k < len; k++)
		words += sent[k] == ' ';
	double s = coverage(st, i, top, nt, total);
	if (ps->polarity < 0 || ps->stance == CT_ST_DENY || ps->stance == CT_ST_QUESTION || has_qmark(sent, len))
		s -= 1; /* a denial or a question states the claim only as its opposite */
	if (ps->modality == CT_MOD_POSSIBLE)
		s -= 0.3;
	if (words < 8 || words > SUMMARY_WORDS)
		s -= 0.3;
	if (vague_opening(st->ctx, sent))
		s -= 0.2;
	if (ps->lead)
		s += 0.1;
	return s;
}

/* The summary of a claim from statement i: its sentence, which says who
 * said it and how ("Iran rejected a US offer of cooperation, Jen Psaki
 * said."), unless that is too long to read at a glance; then the clause,
 * after its speaker. */
static char *summary_of(const ct_story *st, size_t i)
{
	size_t n;
	int own;
	const char *s = ct_story_stmt_sent(st, i)->text;
	n = strlen(s);
	size_t words = 1;
	for (size_t k = 0; k < n; k++)
		words += s[k] == ' ';
	const ct_part_stmt *ps = ct_story_pstmt(st, i);
	ct_buf b = {0};
	if (words > SUMMARY_WORDS) {
		s = ct_story_stmt_cited(st, i, &n, &own);
		if (!ps->own && (st->stmts[i].speaker >= 0 || (ps->speaker_name && *ps->speaker_name)))
			ct_buf_printf(&b, "%s: ", ct_story_speaker_name(st, i));
		if (n > 5 && !memcmp(s, "that ", 5)) /* "that he rejected …" reads as what he said */
			s += 5, n -= 5;
	}
	/* one line, of a readable length */
	size_t max = n > 300 ? 300 : n;
	while (max < n && max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	for (size_t k = 0; k < max; k++)
		ct_buf_addc(&b, s[k] == '\n' ? ' ' : s[k]);
	if (max < n)
		ct_buf_adds(&b, "…");
	return b.data ? b.data : ct_xstrdup("");
}

void ct_claims_build(ct_story *st)
{
	for (size_t g = 0; g < st->ngiven; g++)
		st->given_terms[g] = ct_claims_text_terms(st, st->given[g], &st->given_nterm[g], &st->given_sign[g]);
	weigh(st);
	size_t ng;
	group *gs = group_all(st, &ng);
	for (size_t k = 0; k < ng; k++) {
		group *g = &gs[k];
		qsort(g->members, g->nmember, sizeof *g->members, u32_cmp); /* input order */
		size_t narticles = 0, nlead = 0;
		uint32_t prev = UINT32_MAX;
		int lead = 0;
		for (size_t j = 0; j < g->nmember; j++) {
			uint32_t a = st->stmts[g->members[j]].article;
			if (a != prev) {
				narticles++;
				nlead += lead;
				lead = 0;
			}
			lead |= ct_story_pstmt(st, g->members[j])->lead;
			prev = a;
		}
		nlead += lead;
		if (g->given < 0 && narticles < 2) {
			free(g->cent);
			free(g->members);
			continue;
		}
		ct_grow((void **)&st->claims, &st->claim_cap, st->nclaim + 1, sizeof *st->claims);
		ct_claim *c = &st->claims[st->nclaim];
		memset(c, 0, sizeof *c);
		c->given = g->given >= 0;
		c->listed = 1;
		c->stmts = g->members;
		c->nstmt = c->stmt_cap = g->nmember;
		c->cent = g->cent;
		c->ncent = c->cent_cap = g->ncent;
		c->cnorm = g->norm;
		c->narticles = narticles;
		c->nlead = nlead;
		c->score = (double)(narticles + nlead);
		c->first = c->nstmt ? c->stmts[0] : 0;
		c->summary_stmt = -1;
		c->sign = 1;
		if (c->given) {
			c->summary = ct_xstrdup(st->given[g->given]);
			c->sign = st->given_sign[g->given];
		} else {
			ct_claim_term *top = ct_xmalloc((c->ncent + 1) * sizeof *top);
			if (c->ncent)
				memcpy(top, c->cent, c->ncent * sizeof *top);
			qsort(top, c->ncent, sizeof *top, heavier_term);
			size_t nt = c->ncent < 8 ? c->ncent : 8;
			double total = 0;
			for (size_t q = 0; q < nt; q++)
				total += top[q].w;
			/* the SUMMARY_READ best by the score, then — with the statement
			 * model — less the case its sentence makes against its own
			 * clause ("a report claiming that X died is a lie" states X only
			 * to deny it) */
			uint32_t cand[SUMMARY_READ];
			double cs[SUMMARY_READ];
			size_t ncand = 0;
			for (size_t j = 0; j < c->nstmt; j++) {
				double s = summary_score(st, top, nt, total, c->stmts[j]);
				size_t at = ncand < SUMMARY_READ ? ncand++ : SUMMARY_READ;
				if (at == SUMMARY_READ) {
					if (s <= cs[SUMMARY_READ - 1])
						continue;
					at = SUMMARY_READ - 1;
				}
				cs[at] = s;
				cand[at] = c->stmts[j];
				for (; at > 0 && cs[at] > cs[at - 1]; at--) {
					double ts = cs[at];
					cs[at] = cs[at - 1];
					cs[at - 1] = ts;
					uint32_t tc = cand[at];
					cand[at] = cand[at - 1];
					cand[at - 1] = tc;
				}
			}
			double best = -1e9;
			for (size_t q = 0; q < ncand; q++) {
				double s = cs[q];
				if (st->statement) {
					size_t n;
					const char *cl = ct_story_stmt_clause(st, cand[q], &n);
					char *clause = ct_xstrndup(cl, n);
					float p[CT_SSTANCE_NLABELS];
					ct_statement_predict(st->statement, clause, ct_story_stmt_sent(st, cand[q])->text, p);
					free(clause);
					if (p[CT_SSTANCE_AGAINST] > 0.5f)
						s -= 1;
				}
				if (s > best) {
					best = s;
					c->summary_stmt = (int32_t)cand[q];
				}
			}
			free(top);
			c->summary = summary_of(st, (size_t)c->summary_stmt);
			c->sign = (int8_t)ct_claims_stmt_sign(st, (size_t)c->summary_stmt);
		}
		for (size_t j = 0; j < c->nstmt; j++)
			st->stmts[c->stmts[j]].claim = (int32_t)st->nclaim;
		st->nclaim++;
	}
	free(gs);
}
