/*
 * sketch.h — wire reprints: shingle sketches of an article's text, the
 * keys that find candidate copies, the decision "B is a reprint of A",
 * and the passages two texts share.
 *
 * Takes: an article's normalized text (any bytes; words are runs of ASCII
 *        letters and digits and of non-ASCII bytes other than punctuation,
 *        lowercased, an apostrophe inside a word dropped).
 * Gives: a ct_sketch — the number of distinct word 3-grams (shingles)
 *        and CT_SKETCH_K min-hashes over them — in memory and as a fixed
 *        CT_SKETCH_BYTES binary form for a database BLOB; CT_SKETCH_BANDS
 *        band keys (LSH: two texts that share one key are candidates, so a
 *        store finds them through an indexed table of keys, never a scan);
 *        the similarity estimate (Jaccard and containment); the decision;
 *        and the shared passages (maximal runs of shared shingles) as byte
 *        spans of both texts. The exact shingle sets (ct_sketch_shingles)
 *        are there for measuring the estimate.
 *
 * Only the shingle and passage calls leave memory to the caller (their
 * output, owned). No state: every call is thread-safe. Out of memory
 * ends the process, as everywhere (util.h).
 */
#ifndef CT_SKETCH_H
#define CT_SKETCH_H

#include <stddef.h>
#include <stdint.h>

#include "claimtrace.h"

#define CT_SKETCH_K 128                                  /* min-hashes */
#define CT_SKETCH_ROWS 2                                 /* min-hashes per band */
#define CT_SKETCH_BANDS (CT_SKETCH_K / CT_SKETCH_ROWS)   /* band keys */
#define CT_SKETCH_BYTES (8 + 4 * CT_SKETCH_K)            /* the binary form */

/* The decision's thresholds, set on FNC-1 (docs/reprints.md): the
 * estimated share of the smaller text's shingles found in the other, and
 * the fewest shared shingles (a sentence or so, above the 16 of the AP
 * copyright line) that make a reprint. */
#define CT_REPRINT_CONTAINMENT 0.5
#define CT_REPRINT_MIN_SHARED 25
/* A short text (a brief, a caption) is a copy only when it is nearly the
 * same text: a Jaccard this high, and this many shingles shared. */
#define CT_REPRINT_SAME 0.9
#define CT_REPRINT_SAME_MIN 8

typedef struct {
	uint32_t nshingle;          /* distinct shingles; 0: too short (under 3 words) */
	uint32_t min[CT_SKETCH_K];  /* min over the shingles of hash i (UINT32_MAX when none) */
} ct_sketch;

typedef struct {
	double jaccard;             /* shared / union */
	double containment;         /* shared / the smaller text's shingles */
	double shared;              /* shingles in both (estimated, or exact) */
} ct_sketch_sim;

/* A word of the text: bytes [off, off + len). */
typedef struct {
	uint32_t off, len;
} ct_sketch_word;

/*
 * The shingles of text[0 .. len) in order: (*out)[i] hashes words i, i+1,
 * i+2; returns their count (words − 2, or 0). *out (of *cap) is grown as
 * needed and owned by the caller, as is *words (of *wcap) when `words` is
 * not NULL: each word's span, one more than … + 2 of them.
 *   uint64_t *sh = NULL; size_t cap = 0;
 *   size_t n = ct_sketch_shingles(text, len, &sh, &cap, NULL, NULL);
 */
size_t ct_sketch_shingles(const char *text, size_t len, uint64_t **out, size_t *cap, ct_sketch_word **words,
			  size_t *wcap);

/* Sorts the n shingles sh[] and removes repeats in place; the distinct count. */
size_t ct_sketch_distinct(uint64_t *sh, size_t n);

/* The sketch of n distinct shingles (ct_sketch_distinct's output). */
void ct_sketch_of_shingles(ct_sketch *sk, const uint64_t *sh, size_t n);

/* The sketch of text[0 .. len). */
void ct_sketch_make(ct_sketch *sk, const char *text, size_t len);

/* The binary form: "CS1\0", the shingle count and the min-hashes, all
 * little-endian, CT_SKETCH_BYTES bytes whatever the host. */
void ct_sketch_pack(const ct_sketch *sk, unsigned char out[CT_SKETCH_BYTES]);
/* 0, or CT_EFORMAT when `in` (n bytes) is not one (another size or version). */
int ct_sketch_unpack(ct_sketch *sk, const unsigned char *in, size_t n);

/* The band keys: texts that share one are candidates. A text under three
 * words has none (returns 0), else CT_SKETCH_BANDS; each key holds its
 * band's number, so keys of different bands never meet, and none is 0. */
size_t ct_sketch_bands(const ct_sketch *sk, uint64_t keys[CT_SKETCH_BANDS]);

/* The similarity of two sketches, estimated. */
ct_sketch_sim ct_sketch_compare(const ct_sketch *a, const ct_sketch *b);
/* The exact similarity of two sets of distinct sorted shingles. */
ct_sketch_sim ct_sketch_exact(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);

/* Is one text a reprint of the other — the same story copy, trimmed, with
 * a new top or lightly edited? The similarity of their sketches (or the
 * exact one) against the thresholds above. Symmetric: the earlier of the
 * two is the original, which the caller knows. */
int ct_sketch_same_copy(ct_sketch_sim s);
int ct_sketch_is_reprint(const ct_sketch *a, const ct_sketch *b);

/* The passages two texts share (ct_passage, ct_sketch_passages): in the
 * public header, for the command line's display of a reprint's evidence. */

#endif
