/*
 * attribute.c — attribution extraction.
 *
 * Method. Each paragraph is one sequence for a linear-chain tagger
 * (ml/seqtag.h) with seven tags, B/I for source, cue and content, and O;
 * paragraphs rather than sentences because a quotation often runs over
 * several sentences while its cue stands in one of them. The features of a
 * token are its word and its neighbours', shapes and suffixes, its
 * quotation state, its lexicon layer (cue, actor, role, pronoun, name,
 * channel) and the distance and direction to the nearest cue word and
 * quotation mark. The weights were learned on PolNeAR's training split
 * (attribute_train.c).
 *
 * A second pass of the same tagger also sees the first pass's tags around
 * each token (stacking). Each tagged cue then takes the nearest tagged
 * source in its sentence (ct_attr_cues), and its content is chosen whole
 * by the content models (content.c), the tags among their evidence; a cue
 * they give no content is dropped. Rules for structure follow: nested
 * speech, quotations going on in the last speaker's voice, headlines of
 * the form "Source: content", a that-clause cut at its subject run to
 * the sentence's end. "According to X" and headlines are kinds of
 * their own; otherwise an attribution whose content is all inside
 * quotation marks is direct, partly inside mixed, and outside indirect.
 * The speaker is the source's person, else its first entity, where a
 * country named by its demonym before a plain noun is its people, not it
 * ("Syrian activists"; "Syrian officials" are Syria's).
 */
#include "attribute.h"
#include "content.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void ct_attr_allowed(uint8_t allowed[CT_SEQ_MAXTAGS + 1][CT_SEQ_MAXTAGS])
{
	memset(allowed, 0, (CT_SEQ_MAXTAGS + 1) * CT_SEQ_MAXTAGS);
	/* Row CT_AT_NTAGS is the start of a sequence. */
	for (int p = 0; p <= CT_AT_NTAGS; p++)
		for (int t = 0; t < CT_AT_NTAGS; t++) {
			int inside = t == CT_AT_ISRC || t == CT_AT_ICUE || t == CT_AT_ICON;
			allowed[p][t] = !inside || (p < CT_AT_NTAGS && (p == t || p == t - 1));
		}
}

/* ---- features ----------------------------------------------------------
 *
 * A feature is a template number and up to three integer parts (a word's
 * hash, a distance bucket, a quotation state), mixed into 32 bits. Words
 * and shapes are hashed once per token and unit, not once per feature: the
 * features are most of the work of this stage.
 */

enum {
	F_BIAS = 1, F_W0, F_WM1, F_WP1, F_WM2, F_WP2, F_WM1W0, F_W0WP1, F_SUF3, F_SHAPE, F_SHAPE3,
	F_QUOTE, F_QUOTE3, F_LEX, F_LEXM1, F_LEXP1, F_CUEL, F_CUER, F_CUELW, F_CUERW, F_SENTPOS,
	F_SENTEND, F_COMMA_TO_CUE, F_QDIST, F_W0Q, F_LEMMA_DIR, F_SENT_HAS, F_FIRSTCAP, F_THAT,
	F_PARA_Q, F_LEX_Q, F_CUEL_Q, F_W0_CUEL, F_WM1_CUER, F_POS_IN_PARA, F_WM3, F_WP3, F_THAT_D,
	F_CUE_SIDE_Q, F_WP1_CUEL, F_PREFIX,
	/* the stacked pass */
	S_TAG = 100, S_TAG_L, S_TAG_R, S_TAG_LR2, S_CUE_DIST, S_TAG_CUE_DIST, S_NCUE, S_TAG3
};


/* Per token of a unit, computed once. The EDGE slots before and after
 * stand for the unit's edges, so that a token's neighbours up to EDGE
 * away are read without a test; token k of the unit is at k + EDGE. */
enum { EDGE = 3 };
typedef struct {
	uint32_t *word, *shape, *suf, *pre;
	size_t cap;
} unit_cache;

static void cache_fill(unit_cache *c, const ct_doc *doc, long t0, long t1)
{
	size_t n = (size_t)(t1 - t0) + 2 * EDGE;
	if (c->cap < n) {
		c->cap = n;
		c->word = ct_xrealloc(c->word, n * sizeof *c->word);
		c->shape = ct_xrealloc(c->shape, n * sizeof *c->shape);
		c->suf = ct_xrealloc(c->suf, n * sizeof *c->suf);
		c->pre = ct_xrealloc(c->pre, n * sizeof *c->pre);
	}
	for (size_t e = 0; e < EDGE; e++) {
		c->word[e] = c->shape[e] = c->suf[e] = c->pre[e] = 1; /* the unit's start */
		c->word[n - 1 - e] = c->shape[n - 1 - e] = c->suf[n - 1 - e] = c->pre[n - 1 - e] = 2; /* its end */
	}
	unsigned char w[CT_ATTR_WORD_MAX], sh[24];
	for (long i = t0; i < t1; i++) {
		const ct_token *t = &doc->toks[i];
		size_t len = t->len < sizeof w ? t->len : sizeof w, sl = 0;
		char last = 0;
		for (size_t k = 0; k < len; k++) {
			unsigned char ch = (unsigned char)doc->text[t->off + k];
			w[k] = ct_attr_fold(ch);
			char s = isupper(ch) ? 'X' : islower(ch) ? 'x' : isdigit(ch) ? 'd' : ch >= 0x80 ? 'u' : (char)ch;
			if (s != last && sl < sizeof sh)
				sh[sl++] = (unsigned char)s;
			last = s;
		}
		size_t at = (size_t)(i - t0) + EDGE;
		c->word[at] = ct_attr_fnv(w, len);
		c->shape[at] = ct_attr_fnv(sh, sl);
		c->suf[at] = len > 3 ? ct_attr_fnv(w + len - 3, 3) : 0;
		c->pre[at] = len > 3 ? ct_attr_fnv(w, 3) : 0;
	}
}

static void cache_free(unit_cache *c)
{
	free(c->word);
	free(c->shape);
	free(c->suf);
	free(c->pre);
}

/* 1 when a comma stands among tokens [from, to). */
static uint32_t has_comma(const ct_doc *doc, long from, long to)
{
	for (long k = from; k < to; k++)
		if (doc->toks[k].len == 1 && doc->text[doc->toks[k].off] == ',')
			return 1;
	return 0;
}

static int qstate(const ct_token *t)
{
	return t->flags & CT_TF_OPEN ? 2 : t->flags & CT_TF_CLOSE ? 3 : t->flags & CT_TF_QUOTED ? 1 : 0;
}

/* 0, 1, 2, 3-4, 5-8, 9-16, more; 7 for none. */
static uint32_t dist_bucket(long d)
{
	if (d < 0)
		d = -d;
	return d <= 2 ? (uint32_t)d : d <= 4 ? 3 : d <= 8 ? 4 : d <= 16 ? 5 : 6;
}
enum { NONE = 7 };

size_t ct_attr_units(ct_doc *doc, ct_attr_unit **units)
{
	size_t n = 0, cap = 0;
	*units = NULL;
	for (size_t p = 0; p < doc->npara; p++) {
		const ct_paragraph *pa = &doc->paras[p];
		uint32_t toks = 0;
		for (uint32_t s = pa->sent; s < pa->sent + pa->nsent; s++) {
			uint32_t nt = doc->sents[s].ntok;
			if (nt > CT_ATTR_MAXTOK) {
				ct_doc_warn(doc, "%s:%ld: a sentence of %u tokens is too long to look for attributions in; skipped",
					    doc->meta[CT_META_PATH] ? doc->meta[CT_META_PATH] : "-",
					    ct_doc_line_of(doc, doc->sents[s].off), nt);
				toks = CT_ATTR_MAXTOK + 1; /* the next sentence starts a unit */
				continue;
			}
			if (n && toks && toks + nt <= CT_ATTR_MAXTOK && (*units)[n - 1].sent + (*units)[n - 1].nsent == s) {
				(*units)[n - 1].nsent++;
				toks += nt;
				continue;
			}
			ct_grow((void **)units, &cap, n + 1, sizeof **units);
			(*units)[n++] = (ct_attr_unit){s, 1};
			toks = nt;
		}
	}
	return n;
}

CT_AVX2_CLONES
static void hash_columns(const ct_attr_feats *restrict f, uint32_t *restrict out)
{
	size_t n = f->n;
	for (size_t i = 0; i < n; i++)
		out[i] = ct_attr_feature_hash(f->t[i], f->a[i], f->b[i], f->c[i]);
}

void ct_attr_feats_add(ct_attr_feats *f, ct_seq_input *in)
{
	uint32_t h[CT_SEQ_TOKFEATS];
	hash_columns(f, h);
	ct_seq_input_addn(in, h, f->n);
	f->n = 0;
}

/* ct_attr_features with the caller's cache, which keeps the unit's word
 * hashes for the content chooser (ct_con_unit_set) */
static void features(const ct_doc *doc, ct_attr_unit u, unit_cache *cache, ct_seq_input *in)
{
	const ct_sentence *s0 = &doc->sents[u.sent];
	const ct_sentence *sl = &doc->sents[u.sent + u.nsent - 1];
	long t0 = s0->tok, t1 = sl->tok + sl->ntok;
	cache_fill(cache, doc, t0, t1);
	const unit_cache c = *cache;
	ct_seq_input_clear(in);
	const uint8_t *lx = doc->tok_lex;
	uint32_t para_quoted = s0->quoted;
/* the cache entry of token i, or the edge markers past the unit (at most
 * EDGE tokens past it) */
#define AT(arr, i) ((arr)[(i) - t0 + EDGE])
	ct_attr_feats fs = {.n = 0}; /* the token's features, hashed and added at once */
#define F(templ, a, b, cc) ct_attr_feats_put(&fs, (templ), (a), (b), (cc))
	for (size_t si = u.sent; si < u.sent + u.nsent; si++) {
		const ct_sentence *s = &doc->sents[si];
		long a = s->tok, b = s->tok + s->ntok;
		size_t in_para = si - doc->paras[s->para].sent;
		uint32_t has_cue = 0, has_quote = 0;
		for (long i = a; i < b; i++) {
			has_cue |= (lx[i] & CT_LX_CUE) != 0;
			has_quote |= doc->toks[i].type == CT_TOK_QUOTE;
		}
		long last_cue = -1, next_cue = a - 1;
		long last_q = -1, next_q = a - 1;
		for (long i = a; i < b; i++) {
			ct_seq_input_next(in);
			const ct_token *t = &doc->toks[i];
			uint32_t w0 = AT(c.word, i), wm1 = AT(c.word, i - 1), wp1 = AT(c.word, i + 1);
			F(F_BIAS, 0, 0, 0);
			F(F_W0, w0, 0, 0);
			F(F_WM1, wm1, 0, 0);
			F(F_WP1, wp1, 0, 0);
			F(F_WM2, AT(c.word, i - 2), 0, 0);
			F(F_WP2, AT(c.word, i + 2), 0, 0);
			F(F_WM3, AT(c.word, i - 3), 0, 0);
			F(F_WP3, AT(c.word, i + 3), 0, 0);
			F(F_WM1W0, wm1, w0, 0);
			F(F_W0WP1, w0, wp1, 0);
			if (AT(c.suf, i))
				F(F_SUF3, AT(c.suf, i), 0, 0);
			if (AT(c.pre, i))
				F(F_PREFIX, AT(c.pre, i), 0, 0);
			F(F_SHAPE, AT(c.shape, i), 0, 0);
			F(F_SHAPE3, AT(c.shape, i - 1), AT(c.shape, i), AT(c.shape, i + 1));
			uint32_t q = (uint32_t)qstate(t);
			uint32_t qm = i > t0 ? (uint32_t)qstate(&doc->toks[i - 1]) : 4;
			uint32_t qp = i + 1 < t1 ? (uint32_t)qstate(&doc->toks[i + 1]) : 4;
			F(F_QUOTE, q, 0, 0);
			F(F_QUOTE3, qm, q, qp);
			F(F_W0Q, w0, q, 0);
			F(F_LEX, lx[i], 0, 0);
			F(F_LEXM1, i > a ? lx[i - 1] : 255u, 0, 0);
			F(F_LEXP1, i + 1 < b ? lx[i + 1] : 255u, 0, 0);
			F(F_LEX_Q, lx[i], q, 0);
			/* the nearest cue word on each side, within the sentence */
			if (lx[i] & CT_LX_CUE)
				last_cue = i;
			if (next_cue <= i) {
				next_cue = b;
				for (long k = i + 1; k < b; k++)
					if (lx[k] & CT_LX_CUE) {
						next_cue = k;
						break;
					}
			}
			int left = last_cue >= 0 && last_cue != i, right = next_cue < b;
			uint32_t dl = left ? dist_bucket(i - last_cue) : NONE, dr = right ? dist_bucket(next_cue - i) : NONE;
			F(F_CUEL, dl, 0, 0);
			F(F_CUER, dr, 0, 0);
			F(F_CUEL_Q, dl, q, 0);
			if (left) {
				F(F_CUELW, AT(c.word, last_cue), dl, 0);
				F(F_W0_CUEL, w0, dl, 0);
				/* a comma between the cue and here: "…, he said" against "said that …" */
				F(F_COMMA_TO_CUE, 0, has_comma(doc, last_cue + 1, i), 0);
				uint32_t after = AT(c.word, last_cue + 1);
				F(F_THAT, after, 0, 0);
				F(F_THAT_D, after, dl, q);
				F(F_WP1_CUEL, wp1, dl, 0);
			}
			if (right) {
				F(F_CUERW, AT(c.word, next_cue), dr, 0);
				F(F_WM1_CUER, wm1, dr, 0);
				F(F_COMMA_TO_CUE, 1, has_comma(doc, i + 1, next_cue), 0);
			}
			F(F_CUE_SIDE_Q, (uint32_t)left, (uint32_t)right, q);
			F(F_SENTPOS, dist_bucket(i - a), 0, 0);
			F(F_SENTEND, dist_bucket(b - 1 - i), 0, 0);
			F(F_POS_IN_PARA, in_para > 2 ? 3u : (uint32_t)in_para, 0, 0);
			F(F_SENT_HAS, has_cue, has_quote, 0);
			F(F_PARA_Q, para_quoted, 0, 0);
			F(F_FIRSTCAP, i == a, isupper((unsigned char)doc->text[t->off]) != 0, 0);
			/* the nearest quotation mark on each side */
			if (i > a && doc->toks[i - 1].type == CT_TOK_QUOTE)
				last_q = i - 1;
			if (next_q <= i) {
				next_q = b;
				for (long k = i + 1; k < b; k++)
					if (doc->toks[k].type == CT_TOK_QUOTE) {
						next_q = k;
						break;
					}
			}
			F(F_QDIST, last_q >= 0 ? dist_bucket(i - last_q) : NONE, next_q < b ? dist_bucket(next_q - i) : NONE, 0);
			if (lx[i] & CT_LX_CUE)
				F(F_LEMMA_DIR, w0, wp1, 0);
			ct_attr_feats_add(&fs, in);
		}
	}
#undef F
#undef AT
}

void ct_attr_features(const ct_ctx *ctx, const ct_doc *doc, ct_attr_unit u, ct_seq_input *in)
{
	(void)ctx;
	unit_cache c = {0};
	features(doc, u, &c, in);
	cache_free(&c);
}

static int is_cue_tag(uint8_t t)
{
	return t == CT_AT_BCUE || t == CT_AT_ICUE;
}

void ct_attr_stack_features(const ct_seq_input *base, const uint8_t *tags, ct_seq_input *out)
{
	size_t n = base->n, ncue = 0;
	ct_seq_input_clear(out);
	for (size_t i = 0; i < n; i++)
		ncue += tags[i] == CT_AT_BCUE;
	long last = -1, next = -1;
	for (size_t i = 0; i < n; i++) {
		ct_seq_input_next(out);
		ct_seq_input_addn(out, base->feats + base->off[i], base->off[i + 1] - base->off[i]);
		uint32_t tm2 = i >= 2 ? tags[i - 2] : 9, tm1 = i >= 1 ? tags[i - 1] : 9;
		uint32_t tp1 = i + 1 < n ? tags[i + 1] : 9, tp2 = i + 2 < n ? tags[i + 2] : 9;
		if (i > 0 && is_cue_tag(tags[i - 1]))
			last = (long)i - 1;
		if (next <= (long)i) {
			next = (long)n;
			for (size_t k = i + 1; k < n; k++)
				if (is_cue_tag(tags[k])) {
					next = (long)k;
					break;
				}
		}
		uint32_t l = last >= 0 ? dist_bucket((long)i - last) : NONE;
		uint32_t r = next < (long)n ? dist_bucket(next - (long)i) : NONE;
		uint32_t tf[8];
		size_t ntf = 0;
#define SF(templ, a, b, c) (tf[ntf++] = ct_attr_feature_hash((templ), (a), (b), (c)))
		SF(S_TAG, tags[i], 0, 0);
		SF(S_TAG_L, tm1, tags[i], 0);
		SF(S_TAG_R, tags[i], tp1, 0);
		SF(S_TAG_LR2, tm2, tp2, 0);
		SF(S_CUE_DIST, l, r, 0);
		SF(S_TAG_CUE_DIST, tags[i], l, r);
		SF(S_NCUE, ncue > 2 ? 2u : (uint32_t)ncue, 0, 0);
		SF(S_TAG3, tm1, tags[i], tp1);
#undef SF
		ct_seq_input_addn(out, tf, ntf);
	}
}

/* ---- decoding and linking ---------------------------------------------- */

typedef struct {
	uint32_t tok, ntok;
	uint32_t sent;
	int used;
} span;

typedef struct {
	span *v;
	size_t n, cap;
} spans;

static void spans_add(spans *s, uint32_t tok, uint32_t ntok, uint32_t sent)
{
	ct_grow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v);
	s->v[s->n++] = (span){tok, ntok, sent, 0};
}

/* Token distance between two spans (0 when they touch or overlap). */
static long gap(const span *a, const span *b)
{
	if (a->tok + a->ntok <= b->tok)
		return (long)b->tok - (long)(a->tok + a->ntok);
	if (b->tok + b->ntok <= a->tok)
		return (long)a->tok - (long)(b->tok + b->ntok);
	return 0;
}

/* The sentence of token `tok` among sentences [first, first + n): the
 * first one ending after it, found by bisection since sentences follow
 * each other (a scan from the start made attribution quadratic). */
static uint32_t sent_of(const ct_doc *doc, uint32_t tok, uint32_t first, uint32_t n)
{
	uint32_t lo = first, hi = first + n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (tok < doc->sents[mid].tok + doc->sents[mid].ntok)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo < first + n ? lo : first + n - 1;
}

static int quoted_share(const ct_doc *doc, uint32_t tok, uint32_t ntok)
{
	uint32_t in = 0, words = 0;
	for (uint32_t k = tok; k < tok + ntok; k++) {
		const ct_token *t = &doc->toks[k];
		if (t->type == CT_TOK_QUOTE || t->type == CT_TOK_PUNCT)
			continue;
		words++;
		in += (t->flags & CT_TF_QUOTED) != 0;
	}
	return !words ? 0 : in == words ? 2 : in ? 1 : 0;
}

/* The first mention at or after token `tok`: the tag stage writes them in
 * token order, so a search finds where a span's mentions begin (a scan
 * from the start made attribution quadratic in an article's names). */
static size_t ment_from(const ct_doc *doc, uint32_t tok)
{
	size_t lo = 0, hi = doc->nment;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (doc->ments[mid].tok < tok)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int32_t channel_near(const ct_doc *doc, uint32_t sent, const ct_att *a)
{
	const ct_sentence *s = &doc->sents[sent];
	int32_t best = -1;
	long bestd = 1 << 30;
	for (size_t m = ment_from(doc, s->tok); m < doc->nment && doc->ments[m].tok < s->tok + s->ntok; m++) {
		const ct_mention *mt = &doc->ments[m];
		if (mt->kind != CT_M_CHANNEL)
			continue;
		/* not inside the content itself */
		if (a->ncon && mt->tok >= a->con && mt->tok < a->con + a->ncon)
			continue;
		long d = labs((long)mt->tok - (long)a->cue);
		if (d < bestd) {
			bestd = d;
			best = mt->val;
		}
	}
	return best;
}

static int32_t cue_lemma(const ct_doc *doc, uint32_t tok, uint32_t ntok)
{
	/* a cue phrase of the lexicon (32 words at most) may begin before the span */
	for (size_t m = ment_from(doc, tok > 32 ? tok - 32 : 0); m < doc->nment && doc->ments[m].tok < tok + ntok; m++) {
		const ct_mention *mt = &doc->ments[m];
		if (mt->kind == CT_M_CUE && mt->tok < tok + ntok && tok < mt->tok + mt->ntok)
			return mt->val;
	}
	return -1;
}

/*
 * The last attribution with an entity of each class among atts[0, upto):
 * last[0] a person or unknown, last[1] anything but a person. Kept as
 * attributions are added, so that "he said" need not look back over every
 * statement before it (quadratic when none has a speaker).
 */
typedef struct {
	size_t upto;
	long last[2];
} recent;

static void recent_update(const ct_doc *doc, recent *r)
{
	for (; r->upto < doc->natt; r->upto++) {
		int32_t e = doc->atts[r->upto].entity;
		if (e < 0)
			continue;
		ct_actor_type t = doc->ents[e].type;
		if (t == CT_ACTOR_PERSON || t == CT_ACTOR_UNKNOWN)
			r->last[0] = (long)r->upto;
		if (t != CT_ACTOR_PERSON)
			r->last[1] = (long)r->upto;
	}
}

/*
 * The entity of a source span. A person named in it wins ("State
 * Department spokeswoman Jen Psaki" is Psaki; "Jacob Stokes, a fellow
 * with the Center for …" is Stokes), else the first body or name. A
 * personal pronoun ("he said") is the speaker before it, when there is one:
 * news writing hands "he" to whoever was quoted last.
 */
/* A country named by its demonym before a plain noun ("Syrian activists",
 * "Iraqi media"): people of the country, not its government, which a role
 * noun would name ("Syrian officials", "the Iraqi army"). */
static int people_of(const ct_ctx *ctx, const ct_doc *doc, const ct_mention *mt, uint32_t end)
{
	const ct_token *t = &doc->toks[mt->tok];
	uint32_t next = mt->tok + mt->ntok;
	return mt->kind == CT_M_ACTOR && mt->ntok == 1 && doc->ents[mt->entity].type == CT_ACTOR_COUNTRY &&
	       ct_verbs_demonym(&ctx->verbs, doc->text + t->off, t->len) && next < end &&
	       doc->toks[next].type == CT_TOK_WORD && !(doc->tok_lex[next] & (CT_LX_ROLE | CT_LX_ACTOR | CT_LX_NAME)) &&
	       !isupper((unsigned char)doc->text[doc->toks[next].off]);
}

static int32_t source_entity(const ct_ctx *ctx, const ct_doc *doc, recent *r, uint32_t tok, uint32_t ntok)
{
	int32_t first = -1, person = -1, pronoun = -1, kind = 0;
	for (size_t m = ment_from(doc, tok); m < doc->nment && doc->ments[m].tok < tok + ntok; m++) {
		const ct_mention *mt = &doc->ments[m];
		if (mt->kind == CT_M_PRONOUN) {
			if (pronoun < 0 && first < 0)
				kind = mt->val, pronoun = (int32_t)m;
			continue;
		}
		if (mt->entity < 0 || !(mt->kind == CT_M_ACTOR || mt->kind == CT_M_NAME || mt->kind == CT_M_ROLE))
			continue;
		if (people_of(ctx, doc, mt, tok + ntok))
			continue;
		if (first < 0)
			first = mt->entity;
		if (person < 0 && doc->ents[mt->entity].type == CT_ACTOR_PERSON)
			person = mt->entity;
	}
	if (person >= 0)
		return person;
	if (first >= 0)
		return first;
	if (pronoun < 0)
		return -1;
	recent_update(doc, r);
	long k = r->last[kind == 1 ? 0 : 1];
	return k >= 0 ? doc->atts[k].entity : doc->ments[pronoun].entity;
}

/* "…, says Cordesman, …": the name right after a cue, when the tagger
 * found no source. Returns the mention, or -1. */
static long inverted_source(const ct_doc *doc, uint32_t cue_end)
{
	for (size_t m = ment_from(doc, cue_end); m < doc->nment; m++) {
		const ct_mention *mt = &doc->ments[m];
		if (mt->tok == cue_end && (mt->kind == CT_M_NAME || mt->kind == CT_M_ACTOR))
			return (long)m;
		if (mt->tok > cue_end)
			break;
	}
	return -1;
}


/* Does span [tok, tok + ntok) meet tokens [a, b)? */
static int meets(uint32_t tok, uint32_t ntok, uint32_t a, uint32_t b)
{
	return ntok && tok < b && a < tok + ntok;
}

/*
 * A quotation sentence with no cue of its own ("I'm never going to shut a
 * door …" after '"We're not …," Kerry told reporters.') goes on in the voice
 * of the speaker just before it, in the same paragraph or the one before.
 * It becomes an attribution without a cue, of kind direct; brat output,
 * which needs a cue, leaves it out.
 *
 * Attributions from `first` on are this unit's. Spans stay inside their
 * unit, and only the last attribution grows into later sentences, so the
 * ones before first - 1 cannot reach this unit: looking at them too made
 * the stage quadratic in an article's statements.
 */
static void continue_quotes(ct_doc *doc, ct_attr_unit u, size_t first_att)
{
	size_t near = first_att ? first_att - 1 : 0;
	for (uint32_t si = u.sent; si < u.sent + u.nsent; si++) {
		const ct_sentence *s = &doc->sents[si];
		if (!doc->natt)
			return;
		const ct_att *prev = &doc->atts[doc->natt - 1];
		if (prev->entity < 0 && !prev->nsrc)
			continue;
		uint32_t prev_para = doc->sents[sent_of(doc, prev->ncue ? prev->cue : prev->con, 0, (uint32_t)doc->nsent)].para;
		if (prev_para + 1 < s->para || (prev->ncue ? prev->cue : prev->con) >= s->tok)
			continue;
		uint32_t words = 0, quoted = 0, first = 0, last = 0, a0 = s->tok, a1 = s->tok + s->ntok;
		int covered = 0;
		for (size_t i = near; i < doc->natt && !covered; i++) {
			const ct_att *a = &doc->atts[i];
			covered = meets(a->con, a->ncon, a0, a1) || meets(a->con2, a->ncon2, a0, a1) ||
				  meets(a->cue, a->ncue, a0, a1);
		}
		for (uint32_t k = a0; k < a1; k++) {
			const ct_token *t = &doc->toks[k];
			if (t->type == CT_TOK_QUOTE || t->type == CT_TOK_PUNCT)
				continue;
			words++;
			if (t->flags & CT_TF_QUOTED) {
				if (!quoted)
					first = k;
				last = k;
				quoted++;
			}
		}
		if (covered || !words || quoted * 10 < words * 8)
			continue;
		/* the quotation marks around the quoted words belong to the content */
		if (first > s->tok && doc->toks[first - 1].type == CT_TOK_QUOTE)
			first--;
		while (last + 1 < s->tok + s->ntok && (doc->toks[last + 1].type == CT_TOK_PUNCT ||
							 doc->toks[last + 1].type == CT_TOK_QUOTE))
			last++;
		if (!prev->ncue && prev->con + prev->ncon == s->tok) {
			/* the same quotation, one more sentence of it */
			doc->atts[doc->natt - 1].ncon = last + 1 - prev->con;
			continue;
		}
		ct_att a = *prev;
		a.cue = a.ncue = 0;
		a.con = first;
		a.ncon = last + 1 - first;
		a.con2 = a.ncon2 = 0;
		a.kind = CT_ATTR_DIRECT;
		a.channel = -1;
		a.channel_name = NULL;
		a.lemma = a.cue_kind = NULL;
		a.cue_lex = -1;
		ct_grow((void **)&doc->atts, &doc->att_cap, doc->natt + 1, sizeof *doc->atts);
		doc->atts[doc->natt++] = a;
	}
}

/*
 * "He said Obama hopes that …": a cue left without content, right before
 * (perhaps after "that") the source of another attribution, has that
 * whole attribution as its content — nested speech the tagger saw only the
 * inner part of. Attributions from `first` on are this unit's.
 */
static void nest_bare_cues(ct_doc *doc, size_t first)
{
	for (size_t i = first; i < doc->natt; i++) {
		ct_att *a = &doc->atts[i];
		if (a->ncon || !a->ncue)
			continue;
		uint32_t at = a->cue + a->ncue;
		if (at < doc->ntok && ct_tok_is(doc, at, "that"))
			at++;
		for (size_t j = first; j < doc->natt; j++) {
			const ct_att *b = &doc->atts[j];
			if (j == i || !b->nsrc || b->src != at || !b->ncon || b->con < b->src)
				continue;
			uint32_t end = b->ncon2 ? b->con2 + b->ncon2 : b->con + b->ncon;
			a->con = a->cue + a->ncue;
			a->ncon = end - a->con;
			break;
		}
	}
}

size_t ct_attr_cues(const ct_doc *doc, ct_attr_unit u, const uint8_t *tags, ct_attr_cue **out)
{
	uint32_t t0 = doc->sents[u.sent].tok;
	const ct_sentence *sl = &doc->sents[u.sent + u.nsent - 1];
	uint32_t n = sl->tok + sl->ntok - t0;
	spans role[3] = {{0}};
	for (uint32_t i = 0; i < n;) {
		uint8_t t = tags[i];
		if (t == CT_AT_O || !(t == CT_AT_BSRC || t == CT_AT_BCUE || t == CT_AT_BCON)) {
			i++;
			continue;
		}
		int r = (t - 1) / 2;
		uint32_t j = i + 1;
		while (j < n && tags[j] == t + 1)
			j++;
		spans_add(&role[r], t0 + i, j - i, sent_of(doc, t0 + i, u.sent, u.nsent));
		i = j;
	}
	spans *src = &role[0], *cue = &role[1], *con = &role[2];
	/* "The interior | ministry denied": names, bodies and roles at the head
	 * of a cue are its source's, not the verb's. */
	for (size_t k = 0; k < cue->n; k++) {
		span *c = &cue->v[k];
		uint32_t lead = 0;
		while (lead + 1 < c->ntok && (doc->tok_lex[c->tok + lead] & (CT_LX_ROLE | CT_LX_ACTOR | CT_LX_NAME)))
			lead++;
		if (!lead)
			continue;
		int joined = 0;
		for (size_t s = 0; s < src->n && !joined; s++)
			if (src->v[s].tok + src->v[s].ntok == c->tok) {
				src->v[s].ntok += lead;
				joined = 1;
			}
		if (!joined)
			spans_add(src, c->tok, lead, c->sent);
		c->tok += lead;
		c->ntok -= lead;
	}
	/*
	 * Nested speech, "Reuters reported that the minister said the troops
	 * would stay": a that-clause the tagger ended right at another cue, with
	 * no source between them, holds that cue's source.
	 */
	for (size_t k = 0; k < cue->n; k++)
		for (size_t c = 0; c < con->n; c++) {
			const span *cs = &con->v[c];
			if (cs->tok + cs->ntok != cue->v[k].tok || cs->ntok < 3 || !ct_tok_is(doc, cs->tok, "that"))
				continue;
			int sourced = 0;
			for (size_t s = 0; s < src->n; s++)
				sourced |= src->v[s].tok + src->v[s].ntok == cue->v[k].tok;
			if (!sourced)
				spans_add(src, cs->tok + 1, cs->ntok - 1, cue->v[k].sent);
		}
	*out = ct_xcalloc(cue->n + 1, sizeof **out);
	for (size_t k = 0; k < cue->n; k++) {
		ct_attr_cue *a = &(*out)[k];
		a->cue = cue->v[k].tok;
		a->ncue = cue->v[k].ntok;
		/* the nearest source in the cue's sentence */
		long best = 1L << 30;
		for (size_t s = 0; s < src->n; s++) {
			if (src->v[s].sent != cue->v[k].sent)
				continue;
			long d = gap(&src->v[s], &cue->v[k]);
			if (d < best) {
				best = d;
				a->src = src->v[s].tok;
				a->nsrc = src->v[s].ntok;
			}
		}
		if (!a->nsrc) {
			long m = inverted_source(doc, a->cue + a->ncue);
			if (m >= 0) {
				a->src = doc->ments[m].tok;
				a->nsrc = doc->ments[m].ntok;
			}
		}
	}
	size_t ncue = cue->n;
	for (int r = 0; r < 3; r++)
		free(role[r].v);
	return ncue;
}

/* Where the cue's lexicon word stands in its span (the tagger's cue may
 * take words before it: "ended amid reports"). */
static uint32_t cue_head(const ct_doc *doc, uint32_t cue, uint32_t ncue)
{
	for (uint32_t i = cue; i < cue + ncue; i++)
		if (doc->tok_lex[i] & CT_LX_CUE)
			return i;
	return cue + ncue - 1; /* a noun phrase's head is its last word */
}

/* A cue used as a noun after a preposition ("amid reports that …",
 * "despite the claims that …") has no subject before it; a gerund
 * ("despite admitting that …") has the clause's, and so has a cue that
 * holds the preposition after a verb ("seethed after the disclosure"). */
static int nominal_cue(const ct_doc *doc, uint32_t cue, uint32_t head, uint32_t sent_tok)
{
	const ct_token *h = &doc->toks[head];
	if (h->len > 4 && !strncasecmp(doc->text + h->off + h->len - 3, "ing", 3))
		return 0;
	static const char *const det[] = {"the", "a", "an", "these", "those", "new", "recent", "growing", "mounting",
					  "unconfirmed", "widespread"};
	static const char *const prep[] = {"amid", "amidst", "despite", "after", "following", "over"};
	uint32_t k = head;
	for (int skipped = 0, more = 1; more && skipped < 2; skipped++) {
		more = 0;
		for (size_t i = 0; k > sent_tok && i < sizeof det / sizeof *det && !more; i++)
			if (ct_tok_is(doc, k - 1, det[i]))
				k--, more = 1;
	}
	for (size_t i = 0; k > sent_tok && i < sizeof prep / sizeof *prep; i++)
		if (ct_tok_is(doc, k - 1, prep[i]))
			return k - 1 < cue;
	return 0;
}

/* "Asked about …, Harf confirmed …", "Pressed on …, he said": a sentence
 * that opens with a participle ending in -ed and a comma after it puts a
 * question to the speaker of the main clause, who is not its source and
 * whose statement it is not. The end of that clause (its comma), or 0
 * when the sentence does not open so. */
static uint32_t question_clause_end(const ct_doc *doc, uint32_t sent_tok, uint32_t sent_end)
{
	const ct_token *t = &doc->toks[sent_tok];
	if (t->type != CT_TOK_WORD || t->len < 4 || strncmp(doc->text + t->off + t->len - 2, "ed", 2) ||
	    !(doc->tok_lex[sent_tok] & CT_LX_CUE))
		return 0;
	for (uint32_t i = sent_tok + 1; i < sent_end; i++) {
		if (doc->toks[i].type == CT_TOK_QUOTE)
			return 0;
		if (doc->toks[i].type == CT_TOK_PUNCT && doc->text[doc->toks[i].off] == ',')
			return i;
	}
	return 0;
}

/* A content of nothing but "that", a conjunction or punctuation ("…, but
 * that Khamenei refused."): the tagger marked the joint, not a statement.
 * Quoted, it is the speaker's word ('"That," he said, "is over."'). */
static int empty_content(const ct_doc *doc, uint32_t con, uint32_t ncon)
{
	if (quoted_share(doc, con, ncon))
		return 0;
	for (uint32_t i = con; i < con + ncon; i++)
		if (doc->toks[i].type != CT_TOK_PUNCT && doc->toks[i].type != CT_TOK_QUOTE && !ct_tok_is(doc, i, "that") &&
		    !ct_tok_is(doc, i, "but") && !ct_tok_is(doc, i, "and"))
			return 0;
	return 1;
}

/* A content cut at its subject: "that" and a name, the sentence going on
 * ("confirm reports that Gill Rosenberg, a Canadian citizen, has been
 * captured"). A that-clause is not over before its verb: the end of the
 * sentence, its closing punctuation left out, or 0 to keep it. */
static uint32_t subject_only_end(const ct_doc *doc, uint32_t con, uint32_t ncon, uint32_t sent_end)
{
	if (ncon < 2 || !ct_tok_is(doc, con, "that") || con + ncon >= sent_end)
		return 0;
	for (uint32_t i = con + 1; i < con + ncon; i++)
		if (doc->toks[i].type != CT_TOK_WORD || !(doc->tok_lex[i] & (CT_LX_ACTOR | CT_LX_NAME)))
			return 0;
	uint32_t end = sent_end;
	while (end > con + ncon && (doc->toks[end - 1].type == CT_TOK_PUNCT || doc->toks[end - 1].type == CT_TOK_QUOTE))
		end--;
	return end > con + ncon ? end : 0;
}

/* cu and sc: the content chooser's, reused from unit to unit; words: the
 * unit's word hashes, token k at k */
static void link_unit(const ct_ctx *ctx, ct_doc *doc, recent *r, ct_attr_unit u, const uint8_t *tags,
		      const uint32_t *words, ct_con_unit *cu, ct_con_scratch *sc)
{
	size_t first_att = doc->natt;
	recent_update(doc, r);
	recent before = *r; /* what holds again once this unit's cueless cues are dropped */
	ct_attr_cue *cues;
	size_t ncue = ct_attr_cues(doc, u, tags, &cues);
	if (ncue)
		ct_con_unit_set(cu, doc, u, tags, words);
	for (size_t k = 0; k < ncue; k++) {
		ct_att a = {cues[k].src, cues[k].nsrc, cues[k].cue, cues[k].ncue, 0, 0, 0, 0, -1, -1, 0, -1, NULL, NULL, NULL};
		uint32_t csent = sent_of(doc, a.cue, u.sent, u.nsent);
		uint32_t stok = doc->sents[csent].tok;
		uint32_t qend = question_clause_end(doc, stok, stok + doc->sents[csent].ntok);
		if (qend && a.cue < qend)
			a.nsrc = 0; /* the question put, by no one named (PolNeAR: a statement without a source) */
		ct_con_query q;
		ct_con_query_init(&q, cu, a.cue, a.ncue, a.src, a.nsrc);
		ct_con_choice ch;
		ct_con_choose(&ctx->attr_model[2], &ctx->attr_model[3], &q, sc, &ch);
		a.con = ch.con, a.ncon = ch.ncon, a.con2 = ch.con2, a.ncon2 = ch.ncon2;
		/* a later cue's content inside the question put is the question's */
		int after_q = qend && a.cue > qend;
		if (a.ncon2 && (empty_content(doc, a.con2, a.ncon2) || (after_q && a.con2 + a.ncon2 <= qend + 1)))
			a.ncon2 = 0;
		if (a.ncon && (empty_content(doc, a.con, a.ncon) || (after_q && a.con + a.ncon <= qend + 1))) {
			a.con = a.con2, a.ncon = a.ncon2;
			a.ncon2 = 0;
		}
		if (a.ncon && !a.ncon2 && a.con > a.cue) {
			uint32_t end = subject_only_end(doc, a.con, a.ncon, stok + doc->sents[csent].ntok);
			if (end)
				a.ncon = end - a.con;
		}
		/* only a cue that is all noun phrase: "seethed after the
		 * disclosure that …" has its verb's subject */
		uint32_t head = cue_head(doc, a.cue, a.ncue);
		int nominal = nominal_cue(doc, a.cue, head, stok);
		if (nominal && a.nsrc && a.src < a.cue)
			a.nsrc = 0; /* "… (also known as ISIS) comes amid reports that …" */
		if (!a.nsrc && a.ncon && !nominal) {
			/* "An article at Project Syndicate looks at … and finds that …":
			 * the subject named before the cue, with no content between */
			long best_m = -1;
			const ct_sentence *cs = &doc->sents[csent];
			for (size_t m = ment_from(doc, cs->tok); m < doc->nment && doc->ments[m].tok < a.cue; m++) {
				const ct_mention *mt = &doc->ments[m];
				if (mt->kind != CT_M_NAME && mt->kind != CT_M_ACTOR)
					continue;
				if (!(a.con >= mt->tok + mt->ntok && a.con < a.cue))
					best_m = (long)m;
			}
			if (best_m >= 0) {
				a.src = doc->ments[best_m].tok;
				a.nsrc = doc->ments[best_m].ntok;
			}
		}
		if (!a.ncon && !a.nsrc)
			continue;
		a.cue_lex = cue_lemma(doc, a.cue, a.ncue);
		a.entity = a.nsrc ? source_entity(ctx, doc, r, a.src, a.nsrc) : -1;
		a.channel = channel_near(doc, csent, &a);
		if (a.cue_lex >= 0) {
			const ct_lex_cue *lc = &ctx->lex.cues[a.cue_lex];
			a.lemma = ct_arena_strndup(&doc->arena, lc->lemma, strlen(lc->lemma));
			a.cue_kind = ct_cue_kind_name(lc->kind);
		}
		if (a.channel >= 0) {
			const char *cn = ctx->lex.channel_names[a.channel];
			a.channel_name = ct_arena_strndup(&doc->arena, cn, strlen(cn));
		}
		ct_grow((void **)&doc->atts, &doc->att_cap, doc->natt + 1, sizeof *doc->atts);
		doc->atts[doc->natt++] = a;
	}
	free(cues);
	nest_bare_cues(doc, first_att);
	/* a cue with no content is no statement */
	size_t kept = first_att;
	for (size_t i = first_att; i < doc->natt; i++) {
		ct_att *a = &doc->atts[i];
		if (!a->ncon)
			continue;
		int according = a->cue_lex >= 0 && ctx->lex.cues[a->cue_lex].kind == CT_CUE_ACCORDING;
		int qs = quoted_share(doc, a->con, a->ncon);
		if (a->ncon2) {
			int q2 = quoted_share(doc, a->con2, a->ncon2);
			qs = qs == 2 && q2 == 2 ? 2 : qs || q2 ? 1 : 0;
		}
		int headline = doc->sents[u.sent].para == 0 && doc->meta[CT_META_TITLE] && a->ncue == 1 &&
			       doc->text[doc->toks[a->cue].off] == ':';
		a->kind = headline ? CT_ATTR_HEADLINE
			  : according ? CT_ATTR_ACCORDING
			  : qs == 2 ? CT_ATTR_DIRECT
			  : qs == 1 ? CT_ATTR_MIXED
				    : CT_ATTR_INDIRECT;
		doc->atts[kept++] = *a;
	}
	doc->natt = kept;
	*r = before;
	continue_quotes(doc, u, first_att);
}

const char *ct_attr_kind_name(ct_attr_kind kind)
{
	static const char *const names[CT_ATTR_NKINDS] = {"direct", "indirect", "mixed", "according-to", "headline"};
	return (unsigned)kind < CT_ATTR_NKINDS ? names[kind] : "?";
}

/*
 * A headline of the form "State Dept: U.S. Discussing …" attributes what
 * follows the colon to what stands before it, when that is short and names
 * someone (a known actor, a name, a role).
 */
static void headline(const ct_ctx *ctx, ct_doc *doc, recent *r)
{
	const char *title = doc->meta[CT_META_TITLE];
	if (!title)
		return;
	/* the title's sentence: among the first few, the one that reads as it */
	const ct_sentence *s = NULL;
	size_t tl = strlen(title);
	for (size_t i = 0; i < doc->nsent && i < 4 && !s; i++)
		if (doc->sents[i].len <= tl + 8 && !strncmp(doc->text + doc->sents[i].off, title, doc->sents[i].len < tl ? doc->sents[i].len : tl))
			s = &doc->sents[i];
	if (!s)
		return;
	uint32_t colon = 0;
	for (uint32_t k = s->tok + 1; k < s->tok + s->ntok && k <= s->tok + 4 && !colon; k++)
		if (doc->toks[k].len == 1 && doc->text[doc->toks[k].off] == ':')
			colon = k;
	if (!colon || colon + 2 >= s->tok + s->ntok)
		return;
	for (size_t a = 0; a < doc->natt; a++)
		if (doc->atts[a].cue >= s->tok && doc->atts[a].cue < s->tok + s->ntok)
			return; /* the tagger found it already */
	/* in title case every word is capitalized: a capitalized run names someone too */
	int named = 0, caps = 1;
	for (uint32_t k = s->tok; k < colon; k++) {
		named |= (doc->tok_lex[k] & (CT_LX_ACTOR | CT_LX_NAME | CT_LX_ROLE)) != 0;
		caps &= isupper((unsigned char)doc->text[doc->toks[k].off]) != 0;
	}
	named |= caps;
	if (!named)
		return;
	ct_att a = {s->tok, colon - s->tok, colon, 1, colon + 1, s->tok + s->ntok - colon - 1, 0, 0, -1, -1,
		    CT_ATTR_HEADLINE, -1, NULL, NULL, NULL};
	a.entity = source_entity(ctx, doc, r, a.src, a.nsrc);
	ct_grow((void **)&doc->atts, &doc->att_cap, doc->natt + 1, sizeof *doc->atts);
	memmove(doc->atts + 1, doc->atts, doc->natt * sizeof *doc->atts);
	doc->atts[0] = a;
	doc->natt++;
}

int ct_attr_run(const ct_ctx *ctx, ct_doc *doc)
{
	if (!ctx->attr_model[0].q || !ctx->attr_model[1].q || !ctx->attr_model[2].q || !ctx->attr_model[3].q)
		return CT_EDATA;
	ct_seq_input in = {0}, in2 = {0};
	uint8_t *tags = NULL;
	size_t tag_cap = 0;
	float *scratch = NULL;
	size_t scratch_cap = 0;
	doc->natt = 0;
	ct_con_unit cu = {0};
	ct_con_scratch sc = {0};
	unit_cache uc = {0};
	ct_attr_unit *units;
	size_t nunit = ct_attr_units(doc, &units);
	recent r = {0, {-1, -1}};
	for (size_t k = 0; k < nunit; k++) {
		features(doc, units[k], &uc, &in);
		ct_grow((void **)&tags, &tag_cap, in.n + 1, 1);
		ct_seq_decode(&ctx->attr_model[0], &in, tags, &scratch, &scratch_cap);
		/* The second pass refines what the first found; where the first
		 * found no cue it almost never finds one, and half the text is
		 * such units, so it is skipped there. */
		int any_cue = 0;
		for (size_t i = 0; i < in.n && !any_cue; i++)
			any_cue = tags[i] == CT_AT_BCUE;
		if (any_cue) {
			ct_attr_stack_features(&in, tags, &in2);
			ct_seq_decode(&ctx->attr_model[1], &in2, tags, &scratch, &scratch_cap);
		}
		link_unit(ctx, doc, &r, units[k], tags, uc.word + EDGE, &cu, &sc);
	}
	free(units);
	headline(ctx, doc, &r);
	ct_seq_input_free(&in);
	ct_seq_input_free(&in2);
	free(tags);
	free(scratch);
	ct_con_unit_free(&cu);
	ct_con_scratch_free(&sc);
	cache_free(&uc);
	return 0;
}
