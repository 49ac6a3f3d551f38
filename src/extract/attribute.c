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
 * The tagged spans are then tied together: each content span goes to the
 * nearest cue in its paragraph (a cue inside the content's own sentence
 * first), each cue takes the nearest source in its sentence, and a cue left
 * with neither is dropped. "According to X" and a headline of the form
 * "Source: content" are kinds of their own; otherwise an attribution whose
 * content is all inside quotation marks is direct, partly inside mixed,
 * and outside indirect.
 */
#include "attribute.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* ---- features ---------------------------------------------------------- */

enum {
	F_BIAS = 1, F_W0, F_WM1, F_WP1, F_WM2, F_WP2, F_WM1W0, F_W0WP1, F_SUF3, F_SHAPE, F_SHAPE3,
	F_QUOTE, F_QUOTE3, F_LEX, F_LEXM1, F_LEXP1, F_CUEL, F_CUER, F_CUELW, F_CUERW, F_SENTPOS,
	F_SENTEND, F_COMMA_TO_CUE, F_QDIST, F_W0Q, F_LEMMA_DIR, F_SENT_HAS, F_FIRSTCAP, F_THAT,
	F_PARA_Q, F_LEX_Q, F_CUEL_Q, F_W0_CUEL, F_WM1_CUER, F_POS_IN_PARA, F_WM3, F_WP3, F_THAT_D,
	F_CUE_SIDE_Q, F_WP1_CUEL, F_PREFIX
};

typedef struct {
	const ct_ctx *ctx;
	const ct_doc *doc;
	ct_seq_input *in;
	char buf[128];
} fx;

static void feat(fx *f, uint32_t templ, const char *s, size_t n)
{
	ct_seq_input_add(f->in, ct_seq_hash(templ, s, n));
}

static void featf(fx *f, uint32_t templ, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void featf(fx *f, uint32_t templ, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(f->buf, sizeof f->buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	feat(f, templ, f->buf, (size_t)n < sizeof f->buf ? (size_t)n : sizeof f->buf - 1);
}

/* The lowercase form of token i (digits as 0), or a boundary marker. */
static size_t word(const ct_doc *doc, long i, long t0, long t1, char *out, size_t cap)
{
	if (i < t0)
		return (size_t)snprintf(out, cap, "<s>");
	if (i >= t1)
		return (size_t)snprintf(out, cap, "</s>");
	const ct_token *t = &doc->toks[i];
	size_t n = t->len < cap - 1 ? t->len : cap - 1;
	for (size_t k = 0; k < n; k++) {
		unsigned char c = (unsigned char)doc->text[t->off + k];
		out[k] = isdigit(c) ? '0' : (char)tolower(c);
	}
	out[n] = 0;
	return n;
}

static void shape(const ct_doc *doc, long i, long t0, long t1, char *out, size_t cap)
{
	if (i < t0 || i >= t1) {
		snprintf(out, cap, "%s", i < t0 ? "<s>" : "</s>");
		return;
	}
	const ct_token *t = &doc->toks[i];
	size_t n = 0;
	char last = 0;
	for (uint32_t k = 0; k < t->len && n + 1 < cap; k++) {
		unsigned char c = (unsigned char)doc->text[t->off + k];
		char s = isupper(c) ? 'X' : islower(c) ? 'x' : isdigit(c) ? 'd' : c >= 0x80 ? 'u' : (char)c;
		if (s != last)
			out[n++] = s;
		last = s;
	}
	out[n] = 0;
}

static int qstate(const ct_token *t)
{
	return t->flags & CT_TF_OPEN ? 2 : t->flags & CT_TF_CLOSE ? 3 : t->flags & CT_TF_QUOTED ? 1 : 0;
}

static const char *dist_bucket(long d)
{
	if (d < 0)
		d = -d;
	return d == 0 ? "0" : d == 1 ? "1" : d == 2 ? "2" : d <= 4 ? "3-4" : d <= 8 ? "5-8" : d <= 16 ? "9-16" : "far";
}

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

void ct_attr_features(const ct_ctx *ctx, const ct_doc *doc, ct_attr_unit u, ct_seq_input *in)
{
	const ct_sentence *s0 = &doc->sents[u.sent];
	const ct_sentence *sl = &doc->sents[u.sent + u.nsent - 1];
	long t0 = s0->tok, t1 = sl->tok + sl->ntok;
	fx f = {ctx, doc, in, {0}};
	ct_seq_input_clear(in);
	char w0[48], wm1[48], wp1[48], wm2[48], wp2[48], sh[3][24];
	const uint8_t *lx = doc->tok_lex;
	int para_quoted = s0->quoted;
	for (size_t si = u.sent; si < u.sent + u.nsent; si++) {
		const ct_sentence *s = &doc->sents[si];
		long a = s->tok, b = s->tok + s->ntok;
		size_t in_para = si - doc->paras[s->para].sent;
		int has_cue = 0, has_quote = 0;
		for (long i = a; i < b; i++) {
			has_cue |= (lx[i] & CT_LX_CUE) != 0;
			has_quote |= doc->toks[i].type == CT_TOK_QUOTE;
		}
		/* The nearest cue word before and after each token, within the sentence. */
		long last_cue = -1;
		for (long i = a; i < b; i++) {
			ct_seq_input_next(in);
			const ct_token *t = &doc->toks[i];
			size_t n0 = word(doc, i, t0, t1, w0, sizeof w0);
			word(doc, i - 1, t0, t1, wm1, sizeof wm1);
			word(doc, i + 1, t0, t1, wp1, sizeof wp1);
			word(doc, i - 2, t0, t1, wm2, sizeof wm2);
			word(doc, i + 2, t0, t1, wp2, sizeof wp2);
			shape(doc, i - 1, t0, t1, sh[0], sizeof sh[0]);
			shape(doc, i, t0, t1, sh[1], sizeof sh[1]);
			shape(doc, i + 1, t0, t1, sh[2], sizeof sh[2]);
			feat(&f, F_BIAS, "", 0);
			feat(&f, F_W0, w0, n0);
			featf(&f, F_WM1, "%s", wm1);
			featf(&f, F_WP1, "%s", wp1);
			featf(&f, F_WM2, "%s", wm2);
			featf(&f, F_WP2, "%s", wp2);
			{
				char w3[48];
				word(doc, i - 3, t0, t1, w3, sizeof w3);
				featf(&f, F_WM3, "%s", w3);
				word(doc, i + 3, t0, t1, w3, sizeof w3);
				featf(&f, F_WP3, "%s", w3);
			}
			if (n0 > 3)
				feat(&f, F_PREFIX, w0, 3);
			featf(&f, F_WM1W0, "%s|%s", wm1, w0);
			featf(&f, F_W0WP1, "%s|%s", w0, wp1);
			if (n0 > 3)
				feat(&f, F_SUF3, w0 + n0 - 3, 3);
			featf(&f, F_SHAPE, "%s", sh[1]);
			featf(&f, F_SHAPE3, "%s|%s|%s", sh[0], sh[1], sh[2]);
			int q = qstate(t);
			int qm = i > t0 ? qstate(&doc->toks[i - 1]) : 4, qp = i + 1 < t1 ? qstate(&doc->toks[i + 1]) : 4;
			featf(&f, F_QUOTE, "%d", q);
			featf(&f, F_QUOTE3, "%d%d%d", qm, q, qp);
			featf(&f, F_W0Q, "%s|%d", w0, q);
			featf(&f, F_LEX, "%d", lx[i]);
			featf(&f, F_LEXM1, "%d", i > a ? lx[i - 1] : 255);
			featf(&f, F_LEXP1, "%d", i + 1 < b ? lx[i + 1] : 255);
			featf(&f, F_LEX_Q, "%d|%d", lx[i], q);
			/* cue words around */
			if (lx[i] & CT_LX_CUE)
				last_cue = i;
			long next_cue = -1;
			for (long k = i + 1; k < b; k++)
				if (lx[k] & CT_LX_CUE) {
					next_cue = k;
					break;
				}
			const char *dl = last_cue >= 0 && last_cue != i ? dist_bucket(i - last_cue) : "none";
			const char *dr = next_cue >= 0 ? dist_bucket(next_cue - i) : "none";
			featf(&f, F_CUEL, "%s", dl);
			featf(&f, F_CUER, "%s", dr);
			featf(&f, F_CUEL_Q, "%s|%d", dl, q);
			if (last_cue >= 0 && last_cue != i) {
				char cw[48];
				word(doc, last_cue, t0, t1, cw, sizeof cw);
				featf(&f, F_CUELW, "%s|%s", cw, dl);
				featf(&f, F_W0_CUEL, "%s|%s", w0, dl);
				/* a comma between the cue and here: "…, he said" vs "said that …" */
				int comma = 0;
				for (long k = last_cue + 1; k < i; k++)
					comma |= doc->toks[k].len == 1 && doc->text[doc->toks[k].off] == ',';
				featf(&f, F_COMMA_TO_CUE, "L%d", comma);
				char nw[48];
				word(doc, last_cue + 1, t0, t1, nw, sizeof nw);
				featf(&f, F_THAT, "%s", nw);
				featf(&f, F_THAT_D, "%s|%s|%d", nw, dl, q);
				featf(&f, F_WP1_CUEL, "%s|%s", wp1, dl);
			}
			if (next_cue >= 0) {
				char cw[48];
				word(doc, next_cue, t0, t1, cw, sizeof cw);
				featf(&f, F_CUERW, "%s|%s", cw, dr);
				featf(&f, F_WM1_CUER, "%s|%s", wm1, dr);
				int comma = 0;
				for (long k = i + 1; k < next_cue; k++)
					comma |= doc->toks[k].len == 1 && doc->text[doc->toks[k].off] == ',';
				featf(&f, F_COMMA_TO_CUE, "R%d", comma);
			}
			featf(&f, F_CUE_SIDE_Q, "%d|%d|%d", last_cue >= 0 && last_cue != i, next_cue >= 0, q);
			featf(&f, F_SENTPOS, "%s", dist_bucket(i - a));
			featf(&f, F_SENTEND, "%s", dist_bucket(b - 1 - i));
			featf(&f, F_POS_IN_PARA, "%d", (int)(in_para > 2 ? 3 : in_para));
			featf(&f, F_SENT_HAS, "%d%d", has_cue, has_quote);
			featf(&f, F_PARA_Q, "%d", para_quoted);
			featf(&f, F_FIRSTCAP, "%d%d", i == a, isupper((unsigned char)doc->text[t->off]) != 0);
			/* the nearest quotation mark on each side */
			long ql = -1, qr = -1;
			for (long k = i - 1; k >= a && k > i - 30; k--)
				if (doc->toks[k].type == CT_TOK_QUOTE) {
					ql = k;
					break;
				}
			for (long k = i + 1; k < b && k < i + 30; k++)
				if (doc->toks[k].type == CT_TOK_QUOTE) {
					qr = k;
					break;
				}
			featf(&f, F_QDIST, "%s|%s", ql >= 0 ? dist_bucket(i - ql) : "none", qr >= 0 ? dist_bucket(qr - i) : "none");
			if (lx[i] & CT_LX_CUE) {
				featf(&f, F_LEMMA_DIR, "%s|%s", w0, wp1);
			}
		}
	}
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
	char b[64];
	for (size_t i = 0; i < n; i++) {
		ct_seq_input_next(out);
		for (uint32_t k = base->off[i]; k < base->off[i + 1]; k++)
			ct_seq_input_add(out, base->feats[k]);
		int tm2 = i >= 2 ? tags[i - 2] : 9, tm1 = i >= 1 ? tags[i - 1] : 9;
		int tp1 = i + 1 < n ? tags[i + 1] : 9, tp2 = i + 2 < n ? tags[i + 2] : 9;
		long l = -1, r = -1;
		for (size_t k = i; k-- > 0;)
			if (is_cue_tag(tags[k])) {
				l = (long)(i - k);
				break;
			}
		for (size_t k = i + 1; k < n; k++)
			if (is_cue_tag(tags[k])) {
				r = (long)(k - i);
				break;
			}
		int len;
#define SF(id, ...) (len = snprintf(b, sizeof b, __VA_ARGS__), ct_seq_input_add(out, ct_seq_hash(100 + (id), b, (size_t)len)))
		SF(1, "%d", tags[i]);
		SF(2, "%d|%d", tm1, tags[i]);
		SF(3, "%d|%d", tags[i], tp1);
		SF(4, "%d|%d", tm2, tp2);
		SF(5, "%s|%s", l >= 0 ? dist_bucket(l) : "none", r >= 0 ? dist_bucket(r) : "none");
		SF(6, "%d|%s|%s", tags[i], l >= 0 ? dist_bucket(l) : "none", r >= 0 ? dist_bucket(r) : "none");
		SF(7, "%zu", ncue > 2 ? 2 : ncue);
		SF(8, "%d|%d|%d", tm1, tags[i], tp1);
#undef SF
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

static uint32_t sent_of(const ct_doc *doc, uint32_t tok, uint32_t first, uint32_t n)
{
	for (uint32_t s = first; s < first + n; s++)
		if (tok < doc->sents[s].tok + doc->sents[s].ntok)
			return s;
	return first + n - 1;
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

static int32_t channel_near(const ct_doc *doc, uint32_t sent, const ct_att *a)
{
	const ct_sentence *s = &doc->sents[sent];
	int32_t best = -1;
	long bestd = 1 << 30;
	for (size_t m = 0; m < doc->nment; m++) {
		const ct_mention *mt = &doc->ments[m];
		if (mt->kind != CT_M_CHANNEL || mt->tok < s->tok || mt->tok >= s->tok + s->ntok)
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
	for (size_t m = 0; m < doc->nment; m++) {
		const ct_mention *mt = &doc->ments[m];
		if (mt->kind == CT_M_CUE && mt->tok < tok + ntok && tok < mt->tok + mt->ntok)
			return mt->val;
	}
	return -1;
}

/* The entity of the source span: a mention inside it, the last one wins
 * ("State Department spokeswoman Jen Psaki" is Psaki). */
static int32_t source_entity(const ct_doc *doc, uint32_t tok, uint32_t ntok)
{
	int32_t e = -1;
	for (size_t m = 0; m < doc->nment; m++) {
		const ct_mention *mt = &doc->ments[m];
		if (mt->tok >= tok && mt->tok < tok + ntok && mt->entity >= 0 &&
		    (mt->kind == CT_M_ACTOR || mt->kind == CT_M_NAME || mt->kind == CT_M_PRONOUN || mt->kind == CT_M_ROLE))
			e = mt->entity;
	}
	return e;
}

static void link_unit(const ct_ctx *ctx, ct_doc *doc, ct_attr_unit u, const uint8_t *tags)
{
	const ct_attr_unit *p = &u;
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
		spans_add(&role[r], t0 + i, j - i, sent_of(doc, t0 + i, p->sent, p->nsent));
		i = j;
	}
	spans *src = &role[0], *cue = &role[1], *con = &role[2];
	/* each content to the nearest cue, preferring one in its own sentence */
	int *con_cue = ct_xcalloc(con->n + 1, sizeof *con_cue);
	for (size_t c = 0; c < con->n; c++) {
		con_cue[c] = -1;
		long best = 1L << 30;
		for (size_t k = 0; k < cue->n; k++) {
			long d = gap(&con->v[c], &cue->v[k]);
			uint32_t cs = con->v[c].sent, ce = sent_of(doc, con->v[c].tok + con->v[c].ntok - 1, p->sent, p->nsent);
			if (cue->v[k].sent < cs || cue->v[k].sent > ce)
				d += 1000;
			if (d < best) {
				best = d;
				con_cue[c] = (int)k;
			}
		}
	}
	for (size_t k = 0; k < cue->n; k++) {
		ct_att a = {0, 0, cue->v[k].tok, cue->v[k].ntok, 0, 0, -1, -1, 0, -1};
		/* The content is the nearest span linked to this cue, grown over the
		 * other pieces linked to it on the same side: the tagger often breaks
		 * a long content at a comma or a quotation mark. */
		long nearest = 1L << 30;
		int side = 0;
		for (size_t c = 0; c < con->n; c++)
			if (con_cue[c] == (int)k && gap(&con->v[c], &cue->v[k]) < nearest) {
				nearest = gap(&con->v[c], &cue->v[k]);
				a.con = con->v[c].tok;
				a.ncon = con->v[c].ntok;
				side = con->v[c].tok >= cue->v[k].tok ? 1 : -1;
			}
		for (size_t c = 0; c < con->n && a.ncon; c++) {
			const span *sp = &con->v[c];
			if (con_cue[c] != (int)k || (sp->tok >= cue->v[k].tok ? 1 : -1) != side)
				continue;
			uint32_t lo = sp->tok < a.con ? sp->tok : a.con;
			uint32_t hi = sp->tok + sp->ntok > a.con + a.ncon ? sp->tok + sp->ntok : a.con + a.ncon;
			a.con = lo;
			a.ncon = hi - lo;
		}
		long best = 1L << 30;
		for (size_t s = 0; s < src->n; s++) {
			if (src->v[s].sent != cue->v[k].sent)
				continue;
			long d = gap(&src->v[s], &cue->v[k]);
			if (d < best) {
				best = d;
				a.src = src->v[s].tok;
				a.nsrc = src->v[s].ntok;
			}
		}
		if (!a.ncon && !a.nsrc)
			continue;
		a.cue_lex = cue_lemma(doc, a.cue, a.ncue);
		a.entity = a.nsrc ? source_entity(doc, a.src, a.nsrc) : -1;
		a.channel = channel_near(doc, cue->v[k].sent, &a);
		int according = a.cue_lex >= 0 && ctx->lex.cues[a.cue_lex].kind == CT_CUE_ACCORDING;
		int qs = a.ncon ? quoted_share(doc, a.con, a.ncon) : 0;
		int headline = doc->sents[u.sent].para == 0 && doc->meta[CT_META_TITLE] && a.ncue == 1 &&
			       doc->text[doc->toks[a.cue].off] == ':';
		a.kind = headline ? CT_ATTR_HEADLINE
			 : according ? CT_ATTR_ACCORDING
			 : qs == 2 ? CT_ATTR_DIRECT
			 : qs == 1 ? CT_ATTR_MIXED
				   : CT_ATTR_INDIRECT;
		ct_grow((void **)&doc->atts, &doc->att_cap, doc->natt + 1, sizeof *doc->atts);
		doc->atts[doc->natt++] = a;
	}
	free(con_cue);
	for (int r = 0; r < 3; r++)
		free(role[r].v);
}

const char *ct_attr_kind_name(ct_attr_kind kind)
{
	static const char *const names[CT_ATTR_NKINDS] = {"direct", "indirect", "mixed", "according-to", "headline"};
	return (unsigned)kind < CT_ATTR_NKINDS ? names[kind] : "?";
}

int ct_attr_run(const ct_ctx *ctx, ct_doc *doc)
{
	if (!ctx->attr_model[0].w || !ctx->attr_model[1].w)
		return CT_EDATA;
	ct_seq_input in = {0}, in2 = {0};
	uint8_t *tags = NULL;
	size_t tag_cap = 0;
	float *scratch = NULL;
	size_t scratch_cap = 0;
	doc->natt = 0;
	ct_attr_unit *units;
	size_t nunit = ct_attr_units(doc, &units);
	for (size_t k = 0; k < nunit; k++) {
		ct_attr_features(ctx, doc, units[k], &in);
		ct_grow((void **)&tags, &tag_cap, in.n + 1, 1);
		ct_seq_decode(&ctx->attr_model[0], &in, tags, &scratch, &scratch_cap);
		ct_attr_stack_features(&in, tags, &in2);
		ct_seq_decode(&ctx->attr_model[1], &in2, tags, &scratch, &scratch_cap);
		link_unit(ctx, doc, units[k], tags);
	}
	free(units);
	ct_seq_input_free(&in);
	ct_seq_input_free(&in2);
	free(tags);
	free(scratch);
	return 0;
}
