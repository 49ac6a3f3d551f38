/*
 * content.c — the content of a cue (content.h).
 *
 * Method. The side model sees the cue's words and lemma, the words and
 * punctuation around it, the quotation state on both sides, where its
 * source stands, and how many tokens the tagger gave to content before and
 * after it in its sentence and in the sentences next to it. The pointer
 * model scores each candidate boundary by the punctuation at it and the
 * word past that (a boundary sits at a comma, a quotation mark, before
 * ", but", at a sentence end),
 * its distance from the cue or from the other end of the piece, whether
 * the tagger's content starts or stops there, how much of the piece the
 * tagger called content, and how many sentences and other cues the piece
 * would take in. Features are hashed like the tagger's (attribute.c) into
 * the model's buckets.
 */
#include "content.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
	/* side */
	C_BIAS = 1, C_CUEW0, C_CUEWN, C_NCUE, C_AFTER1, C_AFTER2, C_BEFORE1, C_BEFORE2, C_PAFTER, C_PBEFORE,
	C_CONL, C_CONR, C_CONLR, C_CONPREV, C_CONNEXT, C_QAFTER, C_QBEFORE, C_SRCSIDE, C_CUEEND, C_NCUES,
	C_CUEW_PAFTER, C_CUEW_CONLR, C_SENTQ, C_TAGAFTER, C_TAGBEFORE, C_LEX,
	/* pointers (the column is mixed in) */
	P_BIAS = 40, P_DIST, P_SHAPE, P_PCL, P_PCR, P_TAG, P_TAGM1, P_TAGP1, P_TAGS2, P_QUOTE,
	P_SENTS, P_SHARE, P_REST, P_CUES, P_INSRC, P_DIST_TAG, P_DIST_WM1, P_PC_TAG, P_WP1_LEN, P_SEND, P_LEN,
	P_CUEW_PC, P_OPENQ, P_WOUT2, P_PC_WOUT2
};


void ct_con_unit_set(ct_con_unit *cu, const ct_doc *doc, ct_attr_unit u, const uint8_t *tags, const uint32_t *words)
{
	const ct_sentence *sl = &doc->sents[u.sent + u.nsent - 1];
	cu->doc = doc;
	cu->u = u;
	cu->t0 = doc->sents[u.sent].tok;
	cu->t1 = sl->tok + sl->ntok;
	cu->tags = tags;
	size_t n = cu->t1 - cu->t0;
	if (cu->cap < n + 1) {
		cu->cap = n + 1;
		cu->word = ct_xrealloc(cu->word, cu->cap * sizeof *cu->word);
		cu->sent = ct_xrealloc(cu->sent, cu->cap * sizeof *cu->sent);
		cu->conpre = ct_xrealloc(cu->conpre, cu->cap * sizeof *cu->conpre);
		cu->cuepre = ct_xrealloc(cu->cuepre, cu->cap * sizeof *cu->cuepre);
	}
	cu->conpre[0] = 0;
	cu->cuepre[0] = 0;
	for (uint32_t s = u.sent; s < u.sent + u.nsent; s++)
		for (uint32_t i = doc->sents[s].tok; i < doc->sents[s].tok + doc->sents[s].ntok; i++) {
			size_t k = i - cu->t0;
			cu->word[k] = words ? words[k] : ct_attr_word_hash(doc, i);
			cu->sent[k] = s;
			cu->conpre[k + 1] = cu->conpre[k] + (tags[k] == CT_AT_BCON || tags[k] == CT_AT_ICON);
			cu->cuepre[k + 1] = cu->cuepre[k] + (tags[k] == CT_AT_BCUE);
		}
}

void ct_con_unit_free(ct_con_unit *cu)
{
	free(cu->word);
	free(cu->sent);
	free(cu->conpre);
	free(cu->cuepre);
	memset(cu, 0, sizeof *cu);
}

void ct_con_query_init(ct_con_query *q, const ct_con_unit *cu, uint32_t cue, uint32_t ncue, uint32_t src,
		       uint32_t nsrc)
{
	*q = (ct_con_query){cu, cu->doc, cu->u, cu->t0, cu->t1, cu->tags, cue, ncue, src, nsrc};
}

/* The word at token i; edges past the unit are words of their own. */
static uint32_t word(const ct_con_query *q, long i)
{
	if (i < (long)q->t0)
		return 1;
	if (i >= (long)q->t1)
		return 2;
	return q->cu->word[i - q->t0];
}

static uint32_t shape(const ct_con_query *q, long i)
{
	if (i < (long)q->t0 || i >= (long)q->t1)
		return 0;
	const ct_token *t = &q->doc->toks[i];
	unsigned char c = (unsigned char)q->doc->text[t->off];
	return 1 + (uint32_t)t->type * 4 + (isupper(c) ? 1 : islower(c) ? 2 : 3);
}

/* The kind of punctuation at token i: 0 a word, else which mark. */
static uint32_t pclass(const ct_con_query *q, long i)
{
	if (i < (long)q->t0 || i >= (long)q->t1)
		return 1;
	const ct_token *t = &q->doc->toks[i];
	if (t->type == CT_TOK_QUOTE)
		return t->flags & CT_TF_OPEN ? 2 : t->flags & CT_TF_CLOSE ? 3 : 4;
	if (t->type != CT_TOK_PUNCT)
		return 0;
	const char *s = q->doc->text + t->off;
	switch (s[0]) {
	case ',': return 5;
	case '.': return 6;
	case ';': return 7;
	case ':': return 8;
	case '(': case '[': return 9;
	case ')': case ']': return 10;
	case '?': return 11;
	case '!': return 12;
	case '-': return 13;
	case '\'': return 14;
	default: return t->len == 3 && !memcmp(s, "\xE2\x80\x94", 3) ? 15 : 16;
	}
}

static int is_punct(const ct_doc *doc, uint32_t i)
{
	uint8_t ty = doc->toks[i].type;
	return ty == CT_TOK_PUNCT || ty == CT_TOK_QUOTE;
}

static uint32_t tag_at(const ct_con_query *q, long i)
{
	return i < (long)q->t0 || i >= (long)q->t1 ? 9 : q->tags[i - q->t0];
}

static uint32_t quote(const ct_con_query *q, long i)
{
	if (i < (long)q->t0 || i >= (long)q->t1)
		return 4;
	uint8_t f = q->doc->toks[i].flags;
	return f & CT_TF_OPEN ? 2 : f & CT_TF_CLOSE ? 3 : f & CT_TF_QUOTED ? 1 : 0;
}

/* 0, 1, 2, 3-4, 5-8, 9-16, 17-32, more */
static uint32_t bucket(long d)
{
	if (d < 0)
		d = -d;
	return d <= 2 ? (uint32_t)d : d <= 4 ? 3 : d <= 8 ? 4 : d <= 16 ? 5 : d <= 32 ? 6 : 7;
}

/* The sentence of token i (within the unit). */
static uint32_t sent_at(const ct_con_query *q, uint32_t i)
{
	return q->cu->sent[i - q->t0];
}

static uint32_t count_con(const ct_con_query *q, uint32_t a, uint32_t b)
{
	return q->cu->conpre[b - q->t0] - q->cu->conpre[a - q->t0];
}

#define F(templ, a, b, c) ct_seq_input_add(in, ct_attr_feature_hash((templ), (a), (b), (c)))

void ct_con_side_features(const ct_con_query *q, ct_seq_input *in)
{
	const ct_doc *doc = q->doc;
	uint32_t c0 = q->cue, c1 = q->cue + q->ncue;
	uint32_t s = sent_at(q, c0);
	const ct_sentence *se = &doc->sents[s];
	uint32_t sa = se->tok, sb = se->tok + se->ntok;
	ct_seq_input_clear(in);
	ct_seq_input_next(in);
	uint32_t cw0 = word(q, c0), cwn = word(q, c1 - 1);
	F(C_BIAS, 0, 0, 0);
	F(C_CUEW0, cw0, 0, 0);
	F(C_CUEWN, cwn, 0, 0);
	F(C_NCUE, bucket(q->ncue), 0, 0);
	F(C_AFTER1, word(q, c1), 0, 0);
	F(C_AFTER2, word(q, c1 + 1), 0, 0);
	F(C_BEFORE1, word(q, (long)c0 - 1), 0, 0);
	F(C_BEFORE2, word(q, (long)c0 - 2), 0, 0);
	uint32_t pa = pclass(q, c1), pb = pclass(q, (long)c0 - 1);
	F(C_PAFTER, pa, pclass(q, c1 + 1), 0);
	F(C_PBEFORE, pb, pclass(q, (long)c0 - 2), 0);
	uint32_t cl = bucket(count_con(q, sa, c0)), cr = bucket(count_con(q, c1, sb));
	F(C_CONL, cl, 0, 0);
	F(C_CONR, cr, 0, 0);
	F(C_CONLR, cl, cr, 0);
	F(C_CONPREV, s > q->u.sent ? bucket(count_con(q, doc->sents[s - 1].tok, sa)) : 8, 0, 0);
	F(C_CONNEXT, s + 1 < q->u.sent + q->u.nsent ? bucket(count_con(q, sb, sb + doc->sents[s + 1].ntok)) : 8, 0, 0);
	F(C_QAFTER, quote(q, c1), quote(q, c1 + 1), 0);
	F(C_QBEFORE, quote(q, (long)c0 - 1), quote(q, (long)c0 - 2), 0);
	F(C_SRCSIDE, !q->nsrc ? 0u : q->src < c0 ? 1u : 2u, q->nsrc ? bucket(q->src < c0 ? (long)c0 - (long)(q->src + q->nsrc) : (long)q->src - (long)c1) : 0, 0);
	/* "…," he said. — a cue ending its sentence has its content before it */
	uint32_t end = c1;
	while (end < sb && is_punct(doc, end))
		end++;
	F(C_CUEEND, end >= sb, pa, 0);
	uint32_t ncues = 0;
	for (uint32_t i = sa; i < sb; i++)
		ncues += tag_at(q, i) == CT_AT_BCUE;
	F(C_NCUES, ncues > 3 ? 3 : ncues, 0, 0);
	F(C_CUEW_PAFTER, cwn, pa, 0);
	F(C_CUEW_CONLR, cwn, cl > 2, cr > 2);
	F(C_SENTQ, quote(q, sa), se->quoted, 0);
	F(C_TAGAFTER, tag_at(q, c1), tag_at(q, c1 + 1), 0);
	F(C_TAGBEFORE, tag_at(q, (long)c0 - 1), tag_at(q, (long)c0 - 2), 0);
	F(C_LEX, doc->tok_lex[c0] & CT_LX_CUE ? 1u : 0u, doc->tok_lex[c1 - 1] & CT_LX_CUE ? 1u : 0u, 0);
}

/* The window of candidate boundaries of `ptr`, as token positions [a, b). */
static void window(const ct_con_query *q, int ptr, uint32_t anchor, uint32_t *a, uint32_t *b)
{
	const ct_doc *doc = q->doc;
	uint32_t c0 = q->cue, c1 = q->cue + q->ncue;
	uint32_t last = q->u.sent + q->u.nsent;
	switch (ptr) {
	case CT_CON_AFTER_START:
		*a = c1;
		*b = c1 + 10 < q->t1 ? c1 + 10 : q->t1;
		break;
	case CT_CON_AFTER_END: {
		/* to the end of the start's sentence, and on through the sentences
		 * a quotation open at its end runs into */
		uint32_t s = sent_at(q, anchor);
		*a = anchor;
		*b = doc->sents[s].tok + doc->sents[s].ntok;
		while (s + 1 < last && (doc->toks[*b - 1].flags & CT_TF_QUOTED) && doc->sents[s + 1].quoted) {
			s++;
			*b = doc->sents[s].tok + doc->sents[s].ntok;
		}
		break;
	}
	case CT_CON_BEFORE_END:
		*a = c0 >= q->t0 + 12 ? c0 - 12 : q->t0;
		*b = c0;
		break;
	default: { /* CT_CON_BEFORE_START: back to the end's sentence start, and
		    * further while that sentence opens inside a quotation */
		uint32_t s = sent_at(q, anchor);
		while (s > q->u.sent && doc->sents[s].quoted)
			s--;
		*a = doc->sents[s].tok;
		*b = anchor + 1;
		break;
	}
	}
}

size_t ct_con_candidates(const ct_con_query *q, int ptr, uint32_t anchor, ct_seq_input *in, uint32_t **pos,
			 size_t *pos_cap)
{
	const ct_doc *doc = q->doc;
	uint32_t a, b;
	window(q, ptr, anchor, &a, &b);
	ct_seq_input_clear(in);
	size_t n = 0;
	uint32_t cw = word(q, q->cue + q->ncue - 1);
	uint32_t col = (uint32_t)ptr;
	int start = ptr == CT_CON_AFTER_START || ptr == CT_CON_BEFORE_START;
	ct_attr_feats fs = {.n = 0}; /* the candidate's features, hashed and added at once */
#undef F
#define F(templ, a, b, c) ct_attr_feats_put(&fs, (templ), (a), (b), (c))
	for (uint32_t p = a; p < b; p++) {
		if (is_punct(doc, p) || (q->nsrc && p >= q->src && p < q->src + q->nsrc && ptr != CT_CON_BEFORE_START) ||
		    (p >= q->cue && p < q->cue + q->ncue))
			continue;
		ct_grow((void **)pos, pos_cap, n + 1, sizeof **pos);
		(*pos)[n++] = p;
		ct_seq_input_next(in);
		/* the piece this boundary would make, [lo, hi] */
		uint32_t lo, hi;
		long dist;
		switch (ptr) {
		case CT_CON_AFTER_START: lo = p, hi = p, dist = (long)p - (long)(q->cue + q->ncue); break;
		case CT_CON_AFTER_END: lo = anchor, hi = p, dist = (long)p - (long)anchor; break;
		case CT_CON_BEFORE_END: lo = p, hi = p, dist = (long)q->cue - 1 - (long)p; break;
		default: lo = p, hi = anchor, dist = (long)anchor - (long)p; break;
		}
		/* the boundary's outside neighbour: before a start, after an end */
		long out = start ? (long)p - 1 : (long)p + 1;
		while (out >= (long)q->t0 && out < (long)q->t1 && doc->toks[out].type == CT_TOK_QUOTE)
			out += start ? -1 : 1;
		uint32_t pc = pclass(q, start ? (long)p - 1 : (long)p + 1);
		uint32_t d = bucket(dist), tg = tag_at(q, p), tout = tag_at(q, out);
		F(P_BIAS, col, 0, 0);
		F(P_DIST, col, d, 0);
		/* No plain words at the boundary itself: learned on a few thousand
		 * contents they overfit (ending at "June" or before "and" is
		 * neither right nor wrong), where punctuation and tags generalize. */
		F(P_SHAPE, col, shape(q, p), shape(q, out));
		F(P_PCL, col, pclass(q, (long)p - 1), pclass(q, (long)p - 2));
		F(P_PCR, col, pclass(q, (long)p + 1), pclass(q, (long)p + 2));
		F(P_TAG, col, tg, 0);
		F(P_TAGM1, col, tag_at(q, (long)p - 1), tg);
		F(P_TAGP1, col, tg, tag_at(q, (long)p + 1));
		F(P_TAGS2, col, tg, tout);
		F(P_QUOTE, col, quote(q, p), quote(q, out));
		F(P_DIST_TAG, col, d, tg);
		F(P_DIST_WM1, col, d, start ? word(q, (long)p - 1) : word(q, (long)p + 1));
		F(P_PC_TAG, col, pc, tout);
		F(P_CUEW_PC, col, cw, pc);
		F(P_INSRC, col, q->nsrc && p >= q->src && p < q->src + q->nsrc, 0);
		/* a sentence boundary at the outside neighbour */
		F(P_SEND, col, start ? (p == doc->sents[sent_at(q, p)].tok) : ((doc->toks[p].flags & CT_TF_SENT_END) ||
			(p + 1 < q->t1 && (doc->toks[p + 1].flags & CT_TF_SENT_END) && is_punct(doc, p + 1))), pc);
		F(P_OPENQ, col, quote(q, (long)p - 1), quote(q, (long)p + 1));
		/* what stands past the punctuation: ", but …", ", which …", ", he said" */
		uint32_t wout2 = word(q, start ? out - 1 : out + 1);
		F(P_WOUT2, col, wout2, 0);
		F(P_PC_WOUT2, col, pc, wout2);
		if (ptr == CT_CON_AFTER_END || ptr == CT_CON_BEFORE_START) {
			uint32_t len = hi - lo + 1, con = count_con(q, lo, hi + 1);
			uint32_t share = con * 4 >= len * 4 ? 4 : con * 4 / len; /* quarters */
			uint32_t cues = q->cu->cuepre[hi + 1 - q->t0] - q->cu->cuepre[lo - q->t0];
			uint32_t sents = sent_at(q, hi) - sent_at(q, lo);
			/* content the tagger saw beyond this boundary, in its sentence */
			uint32_t s = sent_at(q, p), rest;
			if (start)
				rest = count_con(q, doc->sents[s].tok, p);
			else
				rest = count_con(q, p + 1, doc->sents[s].tok + doc->sents[s].ntok);
			F(P_LEN, col, bucket(len), 0);
			F(P_SHARE, col, share, 0);
			F(P_REST, col, bucket(rest), 0);
			F(P_CUES, col, cues > 2 ? 2 : cues, 0);
			F(P_SENTS, col, sents > 3 ? 3 : sents, quote(q, p));
			F(P_WP1_LEN, col, start ? word(q, (long)p - 1) : word(q, (long)p + 1), bucket(len));
		}
		ct_attr_feats_add(&fs, in);
	}
	return n;
}

#undef F

int ct_con_side(const ct_seq_model *m, const ct_seq_input *in)
{
	/* one item: Viterbi's start transitions are the classes' biases */
	int best = 0;
	float bs = 0;
	for (int t = 0; t < CT_CON_NSIDES; t++) {
		float s = ct_seq_score(m, in, 0, (size_t)t) + m->trans[m->ntags][t];
		if (t == 0 || s > bs) {
			bs = s;
			best = t;
		}
	}
	return best;
}

/* The chosen boundaries of one piece: start then end for the piece after
 * the cue, end then start for the one before. */
static int piece(const ct_seq_model *ptr, const ct_con_query *q, int after, ct_seq_input *in, uint32_t **pos,
		 size_t *cap, uint32_t *lo, uint32_t *hi)
{
	int first = after ? CT_CON_AFTER_START : CT_CON_BEFORE_END;
	int second = after ? CT_CON_AFTER_END : CT_CON_BEFORE_START;
	if (!ct_con_candidates(q, first, 0, in, pos, cap))
		return 0;
	uint32_t p1 = (*pos)[ct_seq_best(ptr, in, (size_t)first)];
	if (!ct_con_candidates(q, second, p1, in, pos, cap))
		return 0;
	uint32_t p2 = (*pos)[ct_seq_best(ptr, in, (size_t)second)];
	*lo = after ? p1 : p2;
	*hi = after ? p2 : p1;
	return 1;
}

/* The quotation marks and closing punctuation around a piece belong to it
 * when it is quoted: '"We will go,"' rather than 'We will go'. */
static void widen(const ct_con_query *q, uint32_t *lo, uint32_t *hi)
{
	const ct_doc *doc = q->doc;
	if (*lo > q->t0 && doc->toks[*lo - 1].type == CT_TOK_QUOTE && (doc->toks[*lo - 1].flags & CT_TF_OPEN))
		(*lo)--;
	uint32_t h = *hi;
	while (h + 1 < q->t1 && doc->toks[h + 1].type == CT_TOK_PUNCT && h + 1 != q->cue)
		h++;
	if (h + 1 < q->t1 && doc->toks[h + 1].type == CT_TOK_QUOTE && (doc->toks[h + 1].flags & CT_TF_CLOSE))
		*hi = h + 1;
}


/*
 * "X acknowledged that A, but B": a that-clause stopped before ", but" goes
 * on through B when B is no one else's statement (no cue, no quotation) —
 * as PolNeAR's annotators read it nearly two times in three.
 */
static void but_clause(const ct_con_query *q, uint32_t lo, uint32_t *hi)
{
	const ct_doc *doc = q->doc;
	uint32_t h = *hi;
	if (!ct_tok_is(doc, lo, "that") || h + 2 >= q->t1 || doc->text[doc->toks[h + 1].off] != ',' ||
	    doc->toks[h + 1].type != CT_TOK_PUNCT || !ct_tok_is(doc, h + 2, "but"))
		return;
	const ct_sentence *se = &doc->sents[sent_at(q, h)];
	uint32_t end = se->tok + se->ntok, last = h;
	for (uint32_t i = h + 2; i < end; i++) {
		if (q->tags[i - q->t0] != CT_AT_O && q->tags[i - q->t0] != CT_AT_BCON && q->tags[i - q->t0] != CT_AT_ICON)
			return;
		if (doc->toks[i].type == CT_TOK_QUOTE)
			return;
		if (!is_punct(doc, i))
			last = i;
	}
	*hi = last;
}

void ct_con_scratch_free(ct_con_scratch *sc)
{
	ct_seq_input_free(&sc->in);
	free(sc->pos);
	memset(sc, 0, sizeof *sc);
}

void ct_con_choose(const ct_seq_model *side, const ct_seq_model *ptr, const ct_con_query *q, ct_con_scratch *sc,
		   ct_con_choice *out)
{
	memset(out, 0, sizeof *out);
	ct_seq_input *in = &sc->in;
	ct_con_side_features(q, in);
	int cls = ct_con_side(side, in);
	/* "amid reports that …", "claims that …": a cue word of the lexicon
	 * before a that-clause is a statement even with no one named, which
	 * PolNeAR, annotating named sources, rarely teaches */
	uint32_t c1 = q->cue + q->ncue;
	if (cls == CT_CON_NONE && !q->nsrc && (q->doc->tok_lex[q->cue] & CT_LX_CUE) && c1 < q->t1 &&
	    q->doc->toks[c1].len == 4 && !strncasecmp(q->doc->text + q->doc->toks[c1].off, "that", 4))
		cls = CT_CON_AFTER;
	uint32_t lo, hi;
	if ((cls == CT_CON_BEFORE || cls == CT_CON_BOTH) && piece(ptr, q, 0, in, &sc->pos, &sc->pos_cap, &lo, &hi)) {
		widen(q, &lo, &hi);
		out->con = lo;
		out->ncon = hi - lo + 1;
	}
	if ((cls == CT_CON_AFTER || cls == CT_CON_BOTH) && piece(ptr, q, 1, in, &sc->pos, &sc->pos_cap, &lo, &hi)) {
		but_clause(q, lo, &hi);
		widen(q, &lo, &hi);
		if (out->ncon) {
			out->con2 = lo;
			out->ncon2 = hi - lo + 1;
		} else {
			out->con = lo;
			out->ncon = hi - lo + 1;
		}
	}
}
