/*
 * attribute.h — stage 6: who said what.
 *
 * Takes: tokens with quotation state (segment), lexicon hits and mentions
 *        (tag), entities (resolve), the tagger and content models of the
 *        context (data/attribution.model).
 * Gives: doc->atts, each attribution's source, cue and content as token
 *        ranges, the source's entity, the cue's lemma, the kind (direct,
 *        indirect, mixed, according-to, headline) and the channel.
 *
 * The training side (attribute_train.c) shares the features, so that a
 * model always sees at run time what it saw when it was trained.
 */
#ifndef CT_ATTRIBUTE_H
#define CT_ATTRIBUTE_H

#include <ctype.h>

#include "../core/doc.h"
#include "../ml/seqtag.h"

/*
 * A feature: a template number and up to three integer parts, hashed to 32
 * bits for a model's buckets. Each part times its own odd constant, then
 * MurmurHash3's finalizer, which moves every input bit to every output
 * bit: a third of the work of mixing after every part, paid ~50 times a
 * token, and as good a spread over the buckets (the dev scores do not
 * move).
 */
static inline uint32_t ct_attr_feature_hash(uint32_t templ, uint32_t a, uint32_t b, uint32_t c)
{
	uint32_t h = templ * 0x9E3779B1u + a * 0x85EBCA77u + b * 0xC2B2AE3Du + c * 0x27D4EB2Fu;
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

/*
 * A word as the word features see it: lowercased, digits as 0, at most
 * CT_ATTR_WORD_MAX bytes, hashed with FNV-1a. One definition for the
 * tagger's features and the content chooser's, since at run time the
 * tagger hands its hashes to the chooser, while the trainer's chooser
 * makes its own (ct_attr_word_hash).
 */
enum { CT_ATTR_WORD_MAX = 48 };

static inline unsigned char ct_attr_fold(unsigned char ch)
{
	return isdigit(ch) ? '0' : (unsigned char)tolower(ch);
}

static inline uint32_t ct_attr_fnv(const unsigned char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 16777619u;
	return h;
}

static inline uint32_t ct_attr_word_hash(const ct_doc *doc, uint32_t i)
{
	const ct_token *t = &doc->toks[i];
	unsigned char w[CT_ATTR_WORD_MAX];
	size_t len = t->len < CT_ATTR_WORD_MAX ? t->len : CT_ATTR_WORD_MAX;
	for (size_t k = 0; k < len; k++)
		w[k] = ct_attr_fold((unsigned char)doc->text[t->off + k]);
	return ct_attr_fnv(w, len);
}

/*
 * One item's features gathered as their parts, column by column, then
 * hashed all at once (ct_attr_feats_add): a loop over whole columns, which
 * the compiler makes vectors of (8 or 16 hashes an instruction), where
 * each hashed as it came took a dozen instructions. At most
 * CT_SEQ_TOKFEATS an item; the same hashes in the same order.
 */
typedef struct {
	uint32_t t[CT_SEQ_TOKFEATS], a[CT_SEQ_TOKFEATS], b[CT_SEQ_TOKFEATS], c[CT_SEQ_TOKFEATS];
	size_t n;
} ct_attr_feats;

static inline void ct_attr_feats_put(ct_attr_feats *f, uint32_t templ, uint32_t a, uint32_t b, uint32_t c)
{
	f->t[f->n] = templ;
	f->a[f->n] = a;
	f->b[f->n] = b;
	f->c[f->n] = c;
	f->n++;
}

/* Adds the gathered features' hashes to the current item of `in` (after
 * ct_seq_input_next), and empties f. */
void ct_attr_feats_add(ct_attr_feats *f, ct_seq_input *in);

/* The tags: O, then B- and I- for source, cue and content. */
enum { CT_AT_O = 0, CT_AT_BSRC, CT_AT_ISRC, CT_AT_BCUE, CT_AT_ICUE, CT_AT_BCON, CT_AT_ICON, CT_AT_NTAGS };

/* Which tag may follow which: I-X only after B-X or I-X. */
void ct_attr_allowed(uint8_t allowed[CT_SEQ_MAXTAGS + 1][CT_SEQ_MAXTAGS]);

/*
 * A tagging unit: the sentences [sent, sent + nsent) of one paragraph,
 * at most CT_ATTR_MAXTOK tokens, so that memory stays small whatever the
 * paragraph (a 100 MB line is one paragraph).
 */
enum { CT_ATTR_MAXTOK = 1000 };
typedef struct {
	uint32_t sent, nsent;
} ct_attr_unit;

/* The units of `doc` in order (*units owned by the caller; free()). A
 * sentence longer than CT_ATTR_MAXTOK is left out, with a warning. */
size_t ct_attr_units(ct_doc *doc, ct_attr_unit **units);

/* The features of the tokens of unit `u` into `in` (cleared first). */
void ct_attr_features(const ct_ctx *ctx, const ct_doc *doc, ct_attr_unit u, ct_seq_input *in);

/*
 * The second pass sees the first pass's tags: `out` (cleared first) gets
 * each token's features from `base` plus features of the first-pass tags
 * around it. They depend on the tags alone, so the trainer can build them
 * from stored features.
 */
void ct_attr_stack_features(const ct_seq_input *base, const uint8_t *tags, ct_seq_input *out);

/*
 * The cues the tagger found in unit u, each with its source as the linking
 * takes it: the nearest tagged source in the cue's sentence, names and
 * roles at the cue's head, the speaker of a that-clause ending at the cue,
 * or a name right after it ("…, says Cordesman"). *out is owned by the
 * caller (free()); returns the count. The trainer learns contents for
 * exactly these.
 */
typedef struct {
	uint32_t cue, ncue, src, nsrc; /* nsrc 0: no source yet */
} ct_attr_cue;
size_t ct_attr_cues(const ct_doc *doc, ct_attr_unit u, const uint8_t *tags, ct_attr_cue **out);

int ct_attr_run(const ct_ctx *ctx, ct_doc *doc);

#endif
