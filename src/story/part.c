/*
 * part.c — a story part as bytes, and back (story.h), so that the archive
 * keeps what the map needs of each article and draws a story's map
 * without running the pipeline again.
 *
 * The form is little-endian and versioned: a magic, the version, and a
 * fingerprint of the lexicons the part's indices point into (actors,
 * cues, channels, verbs): a part packed with other data files is refused
 * (NULL), and the caller runs the pipeline on the article's text instead.
 * The stance model's tokens are not kept: they are made again from the
 * article's text, which the archive has anyway, at a fraction of the size.
 *
 * Since version 5 a number is a varint of the number plus one (so that -1,
 * "none", is one byte), and the text's sketch is not kept: the archive
 * keeps it beside the part, and a story drawn from the archive is given
 * its reprint links. A part of version 4 (numbers four bytes each, the
 * sketch at its end) is still read.
 */
#include <stdlib.h>
#include <string.h>

#include "story.h"
#include "../ml/stance.h"

#define PART_MAGIC 0x54524150u /* "PART" */
#define PART_VERSION 5 /* 2: with the text's sketch; 3: none for a short text; 4: sentences as spans;
			* 5: varints, no sketch */

static uint64_t fingerprint(const ct_ctx *ctx)
{
	uint64_t h = 1469598103934665603ull;
	const size_t n[] = {ctx->lex.nactor, ctx->lex.ncue, ctx->lex.nchannel, ctx->verbs.nverb, ctx->verbs.ncountry};
	for (size_t i = 0; i < sizeof n / sizeof *n; i++)
		h = (h ^ n[i]) * 1099511628211ull;
	return h;
}

/* Bytes being written, and the version they are written in. */
typedef struct {
	ct_buf *b;
	uint32_t version;
} writer;

static void put_fixed32(ct_buf *b, uint32_t v)
{
	unsigned char c[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
			      (unsigned char)(v >> 24)};
	ct_buf_add(b, c, 4);
}

static void put_u64(ct_buf *b, uint64_t v)
{
	put_fixed32(b, (uint32_t)v);
	put_fixed32(b, (uint32_t)(v >> 32));
}

/* A number (an index, a count, an offset; -1 for none) as a varint of the
 * number plus one: most take one or two bytes (with the sketch left out,
 * FNC-1's bodies' parts went from 5.71 to 3.41 KB). */
static void put_u32(writer *w, uint32_t v)
{
	if (w->version < 5) {
		put_fixed32(w->b, v);
		return;
	}
	ct_buf_add_varint(w->b, (uint32_t)(v + 1));
}

static void put_u8(writer *w, uint8_t v)
{
	ct_buf_addc(w->b, (char)v);
}

/* A string: its length + 1, then its bytes; 0 for NULL. */
static void put_str(writer *w, const char *s)
{
	if (!s) {
		put_u32(w, 0);
		return;
	}
	size_t n = strlen(s);
	put_u32(w, (uint32_t)n + 1);
	ct_buf_add(w->b, s, n);
}

static void put_when(writer *w, const ct_when *t)
{
	put_u32(w, (uint32_t)(uint16_t)t->y);
	put_u8(w, (uint8_t)t->m);
	put_u8(w, (uint8_t)t->d);
	put_u8(w, t->prec);
}

static void put_fact(writer *w, const ct_part_fact *f)
{
	put_u32(w, (uint32_t)f->ent);
	ct_buf_add(w->b, f->cc, 4);
}

void ct_story_part_pack_version(const ct_story_part *p, const ct_ctx *ctx, ct_buf *b, uint32_t version)
{
	writer wr = {b, version}, *w = &wr;
	put_fixed32(b, PART_MAGIC);
	put_fixed32(b, version);
	put_u64(b, fingerprint(ctx));
	for (int k = 0; k < CT_META_COUNT; k++)
		put_str(w, p->meta[k]);
	put_u8(w, p->outlet_from);
	put_when(w, &p->published);
	put_u32(w, (uint32_t)p->nent);
	for (size_t e = 0; e < p->nent; e++) {
		const ct_part_ent *pe = &p->ents[e];
		put_str(w, pe->name);
		put_u8(w, (uint8_t)pe->type);
		ct_buf_add(w->b, pe->cc, 4);
		put_u32(w, (uint32_t)pe->actor);
		put_u32(w, (uint32_t)pe->aff);
		put_u8(w, pe->caption_only);
		put_u32(w, (uint32_t)pe->nalias);
		for (size_t k = 0; k < pe->nalias; k++)
			put_str(w, pe->aliases[k]);
	}
	put_u32(w, (uint32_t)p->nsent);
	for (size_t i = 0; i < p->nsent; i++) {
		const ct_part_sent *ps = &p->sents[i];
		put_u32(w, ps->index);
		put_u32(w, ps->para);
		/* the sentence as a span of the article's text, which the archive
		 * keeps beside the part: half the part's bytes */
		put_u32(w, ps->off);
		put_u32(w, (uint32_t)strlen(ps->text));
		put_when(w, &ps->when);
		put_u8(w, ps->lead);
	}
	put_u32(w, (uint32_t)p->nstmt);
	for (size_t i = 0; i < p->nstmt; i++) {
		const ct_part_stmt *s = &p->stmts[i];
		put_u32(w, (uint32_t)s->speaker);
		put_str(w, s->speaker_name);
		ct_buf_add(w->b, s->spk_cc, 4);
		put_fact(w, &s->src);
		put_fact(w, &s->tgt);
		put_u32(w, (uint32_t)s->topic);
		put_u32(w, (uint32_t)s->verb);
		put_u32(w, (uint32_t)s->topic_verb);
		put_u32(w, s->cameo);
		const uint8_t bytes[] = {s->proposal, s->refused, s->stance, s->modality, s->guessed,
					 (uint8_t)s->polarity, s->own, (uint8_t)s->cue_kind, s->cue_neg, s->lead, s->noise};
		ct_buf_add(w->b, bytes, sizeof bytes);
		put_u32(w, (uint32_t)s->cue_lex);
		put_u32(w, (uint32_t)s->channel);
		put_when(w, &s->when);
		put_u32(w, s->sent);
		put_u32(w, s->clause_off);
		put_u32(w, s->clause_len);
		put_u32(w, s->term);
		put_u32(w, s->nterm);
	}
	put_u32(w, (uint32_t)p->nterms);
	for (size_t i = 0; i < p->nterms; i++)
		put_u64(b, p->term_keys[i]);
	if (version < 5) {
		put_u8(w, p->sketch != NULL);
		if (p->sketch) {
			unsigned char sk[CT_SKETCH_BYTES];
			ct_sketch_pack(p->sketch, sk);
			ct_buf_add(b, sk, sizeof sk);
		}
	}
}

void ct_story_part_pack(const ct_story_part *p, const ct_ctx *ctx, ct_buf *b)
{
	ct_story_part_pack_version(p, ctx, b, PART_VERSION);
}

/* ---- reading back ----------------------------------------------------- */

typedef struct {
	const unsigned char *p, *end;
	int bad;
	uint32_t version;
} reader;

static uint32_t get_fixed32(reader *r)
{
	if (r->end - r->p < 4) {
		r->bad = 1;
		r->p = r->end;
		return 0;
	}
	uint32_t v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 | (uint32_t)r->p[3] << 24;
	r->p += 4;
	return v;
}

static uint64_t get_u64(reader *r)
{
	uint64_t lo = get_fixed32(r);
	return lo | (uint64_t)get_fixed32(r) << 32;
}

/* A number as put_u32 wrote it: a varint of it plus one, or (version 4)
 * four bytes. */
static uint32_t get_u32(reader *r)
{
	if (r->version < 5)
		return get_fixed32(r);
	const unsigned char *at = r->p;
	uint64_t v;
	/* five bytes hold 32 bits: a longer one, or a larger number, is damage */
	if (ct_varint_read(&r->p, r->end, &v) || r->p - at > 5 || v > UINT32_MAX) {
		r->bad = 1;
		r->p = r->end;
		return 0;
	}
	return (uint32_t)v - 1;
}

static uint8_t get_u8(reader *r)
{
	if (r->p >= r->end) {
		r->bad = 1;
		return 0;
	}
	return *r->p++;
}

static void get_bytes(reader *r, void *out, size_t n)
{
	if ((size_t)(r->end - r->p) < n) {
		r->bad = 1;
		r->p = r->end;
		memset(out, 0, n);
		return;
	}
	memcpy(out, r->p, n);
	r->p += n;
}

static char *get_str(reader *r)
{
	uint32_t n = get_u32(r);
	if (!n)
		return NULL;
	if ((size_t)(r->end - r->p) < n - 1) {
		r->bad = 1;
		r->p = r->end;
		return NULL;
	}
	char *s = ct_xstrndup((const char *)r->p, n - 1);
	r->p += n - 1;
	return s;
}

/* A count of items of at least `min` bytes each that the rest can hold. */
static size_t get_count(reader *r, size_t min)
{
	uint32_t n = get_u32(r);
	if ((size_t)(r->end - r->p) / min < n) {
		r->bad = 1;
		return 0;
	}
	return n;
}

static ct_when get_when(reader *r)
{
	ct_when w = {0};
	w.y = (int16_t)(uint16_t)get_u32(r);
	w.m = (int8_t)get_u8(r);
	w.d = (int8_t)get_u8(r);
	w.prec = get_u8(r);
	return w;
}

static ct_part_fact get_fact(reader *r)
{
	ct_part_fact f;
	f.ent = (int32_t)get_u32(r);
	get_bytes(r, f.cc, 4);
	f.cc[3] = 0;
	return f;
}

/* -1 (none) or an index below n. */
static int index_ok(int32_t v, size_t n)
{
	return v >= -1 && (v < 0 || (size_t)v < n);
}

ct_story_part *ct_story_part_unpack(const ct_ctx *ctx, const void *data, size_t len, const char *text,
				    size_t text_len, int stance_tokens)
{
	reader r = {data, (const unsigned char *)data + len, 0, 0};
	if (get_fixed32(&r) != PART_MAGIC)
		return NULL;
	r.version = get_fixed32(&r);
	if ((r.version != 4 && r.version != PART_VERSION) || get_u64(&r) != fingerprint(ctx))
		return NULL;
	ct_story_part *p = ct_xcalloc(1, sizeof *p);
	for (int k = 0; k < CT_META_COUNT; k++)
		p->meta[k] = get_str(&r);
	p->outlet_from = get_u8(&r);
	p->published = get_when(&r);
	/* the fewest bytes an item takes (version 5's; version 4's are more) */
	p->nent = (uint32_t)get_count(&r, 10);
	p->ents = ct_xcalloc(p->nent + 1, sizeof *p->ents);
	for (size_t e = 0; e < p->nent && !r.bad; e++) {
		ct_part_ent *pe = &p->ents[e];
		pe->name = get_str(&r);
		pe->type = (ct_actor_type)get_u8(&r);
		get_bytes(&r, pe->cc, 4);
		pe->cc[3] = 0;
		pe->actor = (int32_t)get_u32(&r);
		pe->aff = (int32_t)get_u32(&r);
		pe->caption_only = get_u8(&r);
		pe->story = -1;
		pe->nalias = get_count(&r, 1);
		pe->aliases = ct_xcalloc(pe->nalias + 1, sizeof *pe->aliases);
		for (size_t k = 0; k < pe->nalias; k++)
			pe->aliases[k] = get_str(&r);
		if (!pe->name)
			r.bad = 1;
	}
	p->nsent = (uint32_t)get_count(&r, 9);
	p->sents = ct_xcalloc(p->nsent + 1, sizeof *p->sents);
	for (size_t i = 0; i < p->nsent && !r.bad; i++) {
		ct_part_sent *ps = &p->sents[i];
		ps->index = get_u32(&r);
		ps->para = get_u32(&r);
		ps->off = get_u32(&r);
		uint32_t slen = get_u32(&r);
		if (text && ps->off <= text_len && slen <= text_len - ps->off)
			ps->text = ct_xstrndup(text + ps->off, slen);
		ps->when = get_when(&r);
		ps->lead = get_u8(&r);
		if (!ps->text)
			r.bad = 1;
	}
	p->nstmt = (uint32_t)get_count(&r, 42);
	p->stmts = ct_xcalloc(p->nstmt + 1, sizeof *p->stmts);
	for (size_t i = 0; i < p->nstmt && !r.bad; i++) {
		ct_part_stmt *s = &p->stmts[i];
		s->speaker = (int32_t)get_u32(&r);
		s->speaker_name = get_str(&r);
		get_bytes(&r, s->spk_cc, 4);
		s->spk_cc[3] = 0;
		s->src = get_fact(&r);
		s->tgt = get_fact(&r);
		s->topic = (int32_t)get_u32(&r);
		s->verb = (int32_t)get_u32(&r);
		s->topic_verb = (int32_t)get_u32(&r);
		s->cameo = (uint16_t)get_u32(&r);
		uint8_t bytes[11];
		get_bytes(&r, bytes, sizeof bytes);
		s->proposal = bytes[0], s->refused = bytes[1], s->stance = bytes[2], s->modality = bytes[3];
		s->guessed = bytes[4], s->polarity = (int8_t)bytes[5], s->own = bytes[6];
		s->cue_kind = (int8_t)bytes[7], s->cue_neg = bytes[8], s->lead = bytes[9], s->noise = bytes[10];
		s->cue_lex = (int32_t)get_u32(&r);
		s->channel = (int32_t)get_u32(&r);
		s->when = get_when(&r);
		s->sent = get_u32(&r);
		s->clause_off = get_u32(&r);
		s->clause_len = get_u32(&r);
		s->term = get_u32(&r);
		s->nterm = get_u32(&r);
	}
	p->nterms = p->term_cap = get_count(&r, 8);
	p->term_keys = ct_xmalloc((p->nterms + 1) * sizeof *p->term_keys);
	for (size_t i = 0; i < p->nterms && !r.bad; i++)
		p->term_keys[i] = get_u64(&r);
	if (r.version < 5 && get_u8(&r)) {
		p->sketch = ct_xmalloc(sizeof *p->sketch);
		if ((size_t)(r.end - r.p) != CT_SKETCH_BYTES || ct_sketch_unpack(p->sketch, r.p, CT_SKETCH_BYTES))
			r.bad = 1;
		else
			r.p += CT_SKETCH_BYTES;
	}
	p->reprint_of = -1;
	/* every index the story follows must land inside the part */
	for (size_t e = 0; e < p->nent && !r.bad; e++)
		if (!index_ok(p->ents[e].aff, p->nent) || !index_ok(p->ents[e].actor, ctx->lex.nactor))
			r.bad = 1;
	for (size_t i = 0; i < p->nstmt && !r.bad; i++) {
		const ct_part_stmt *s = &p->stmts[i];
		const ct_part_sent *se = s->sent < p->nsent ? &p->sents[s->sent] : NULL;
		size_t slen = se ? strlen(se->text) : 0;
		if (!se || !index_ok(s->speaker, p->nent) || !index_ok(s->src.ent, p->nent) ||
		    !index_ok(s->tgt.ent, p->nent) || !index_ok(s->topic, p->nent) || s->term > p->nterms ||
		    s->nterm > p->nterms - s->term || s->clause_off > slen || s->clause_len > slen - s->clause_off ||
		    !index_ok(s->verb, ctx->verbs.nverb) || !index_ok(s->topic_verb, ctx->verbs.nverb) ||
		    !index_ok(s->cue_lex, ctx->lex.ncue) || !index_ok(s->channel, ctx->lex.nchannel) ||
		    s->stance >= CT_ST_NKINDS || s->cue_kind < -1)
			r.bad = 1;
	}
	if (r.bad || r.p != r.end) {
		ct_story_part_free(p);
		return NULL;
	}
	if (stance_tokens) {
		size_t tcap = 0;
		char *t = ct_xstrndup(text ? text : "", text ? text_len : 0);
		p->nstance = ct_stance_tokenize(t, &p->stance_tok, &tcap, NULL);
		free(t);
	}
	return p;
}
