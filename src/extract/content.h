/*
 * content.h — the content of a cue, part of stage 6 (attribute).
 *
 * Takes: a tagging unit with the tagger's tags, one cue span and its
 *        source span (attribute.c), and two learned models of the context.
 * Gives: the content as token ranges: one piece, or two on both sides of
 *        the cue ('"A," she said. "B."'), or none when the cue reads as no
 *        attribution at all.
 *
 * The tagger labels content tokens one at a time, and long contents come
 * out broken or run on; here the content is chosen as a whole, in four
 * small decisions a linear model makes with the tagger's tags among its
 * evidence: on which side of the cue the content lies (none, after, before,
 * both), then for the piece after the cue where it starts and where it
 * ends, and for the piece before where it ends and where it starts. Each
 * boundary is picked among the candidate tokens of a window (the sentence,
 * and the next or previous ones while a quotation runs on), so the model
 * ranks boundaries, not spans, and the work stays linear in the window.
 * attribute_train.c learns both models from PolNeAR, on tags from models
 * that did not see the article.
 */
#ifndef CT_CONTENT_H
#define CT_CONTENT_H

#include "attribute.h"

/* The four sides, the side model's classes. */
enum { CT_CON_NONE = 0, CT_CON_AFTER, CT_CON_BEFORE, CT_CON_BOTH, CT_CON_NSIDES };
/* The four boundaries, the pointer model's columns. */
enum { CT_CON_AFTER_START = 0, CT_CON_AFTER_END, CT_CON_BEFORE_START, CT_CON_BEFORE_END, CT_CON_NPTR };

/* A unit with its tags (tags[0] is the unit's first token) and what every
 * query on it reads, computed once: each token's word hash and sentence,
 * and a running count of the tokens tagged content. */
typedef struct {
	const ct_doc *doc;
	ct_attr_unit u;
	uint32_t t0, t1; /* the unit's tokens */
	const uint8_t *tags;
	uint32_t *word, *sent, *conpre; /* conpre[i]: content tags in [t0, t0 + i) */
	uint32_t *cuepre;               /* cuepre[i]: B-CUE tags in [t0, t0 + i) */
	size_t cap;
} ct_con_unit;

/* Fills cu for unit u (its arrays reused between calls; ct_con_unit_free).
 * words: the unit's word hashes as the tagger's features made them (token
 * k of the unit at k), or NULL to make them here. */
void ct_con_unit_set(ct_con_unit *cu, const ct_doc *doc, ct_attr_unit u, const uint8_t *tags, const uint32_t *words);
void ct_con_unit_free(ct_con_unit *cu);

/* A cue of a unit with its source (nsrc 0: none). */
typedef struct {
	const ct_con_unit *cu;
	const ct_doc *doc;
	ct_attr_unit u;
	uint32_t t0, t1;
	const uint8_t *tags;
	uint32_t cue, ncue, src, nsrc;
} ct_con_query;

void ct_con_query_init(ct_con_query *q, const ct_con_unit *cu, uint32_t cue, uint32_t ncue, uint32_t src,
		       uint32_t nsrc);

/* The side model's input: one item whose features describe the cue's
 * surroundings (`in` cleared first). */
void ct_con_side_features(const ct_con_query *q, ct_seq_input *in);

/*
 * The candidates of boundary `ptr` as items of `in` (cleared first), their
 * token positions in pos[0 .. n) (*pos grown as needed, owned by the
 * caller). `anchor` is the boundary already chosen for the same piece: the
 * start for AFTER_END, the end for BEFORE_START (ignored otherwise).
 * Returns n, 0 when the window is empty.
 */
size_t ct_con_candidates(const ct_con_query *q, int ptr, uint32_t anchor, ct_seq_input *in, uint32_t **pos,
			 size_t *pos_cap);

/* The content chosen with the side model `side` and pointer model `ptr`. */
typedef struct {
	uint32_t con, ncon, con2, ncon2; /* ncon 0: none */
} ct_con_choice;

/* The candidates' features and positions, reused from one cue to the
 * next (ct_con_scratch_free): grown afresh for each cue, they were a
 * twentieth of choosing's instructions. */
typedef struct {
	ct_seq_input in;
	uint32_t *pos;
	size_t pos_cap;
} ct_con_scratch;

void ct_con_scratch_free(ct_con_scratch *sc);

void ct_con_choose(const ct_seq_model *side, const ct_seq_model *ptr, const ct_con_query *q, ct_con_scratch *sc,
		   ct_con_choice *out);

/* The side model's class for its input. */
int ct_con_side(const ct_seq_model *m, const ct_seq_input *in);

#endif
