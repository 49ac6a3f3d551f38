/*
 * seqtag.h — a linear-chain sequence tagger: hashed features, first-order
 * transitions, Viterbi decoding. The weights come from an averaged
 * structured perceptron (seqtag_train.c); this file only loads and decodes.
 *
 * Features are 32-bit hashes the caller computes (ct_seq_hash); each token
 * has a list of them. Transitions a caller forbids (I-X after O in BIO)
 * are never decoded.
 */
#ifndef CT_SEQTAG_H
#define CT_SEQTAG_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum { CT_SEQ_MAXTAGS = 16 };

typedef struct {
	uint32_t nbits; /* 2^nbits feature buckets */
	uint32_t ntags;
	float *w;       /* [bucket][tag]: the trainer's weights, NULL in a loaded model */
	int16_t *q;     /* [bucket][stride]: a loaded model's weights, quantized to
			 * 16 bits as in the file: half the bytes of the random
			 * row reads that decoding spends its time on */
	float scale;    /* q * scale = weight */
	uint32_t stride; /* 8 or 16: a row fills whole cache-line halves */
	float trans[CT_SEQ_MAXTAGS + 1][CT_SEQ_MAXTAGS]; /* [prev, or ntags for the start][tag] */
	uint8_t allowed[CT_SEQ_MAXTAGS + 1][CT_SEQ_MAXTAGS];
} ct_seq_model;

/* Features of one sequence: token i has feats[off[i] .. off[i+1]). */
typedef struct {
	uint32_t *feats;
	uint32_t *off;
	size_t n, nfeat, feat_cap, off_cap;
} ct_seq_input;

void ct_seq_input_clear(ct_seq_input *in);
/* Makes room for `n` more features. */
void ct_seq_input_reserve(ct_seq_input *in, size_t n);
/* Starts the next token's feature list, with room for CT_SEQ_TOKFEATS
 * features: ct_seq_input_add needs no check below that. */
enum { CT_SEQ_TOKFEATS = 128 };
void ct_seq_input_next(ct_seq_input *in);

static inline void ct_seq_input_add(ct_seq_input *in, uint32_t hash)
{
	if (in->nfeat >= in->feat_cap)
		ct_seq_input_reserve(in, 1);
	in->feats[in->nfeat++] = hash;
	in->off[in->n] = (uint32_t)in->nfeat;
}
/* Adds n features at once: for a caller that gathers a token's features
 * in a local array, which the compiler keeps in registers and stack where
 * one at a time through `in` it loads and stores the counts each time. */
static inline void ct_seq_input_addn(ct_seq_input *in, const uint32_t *hash, size_t n)
{
	if (in->nfeat + n > in->feat_cap)
		ct_seq_input_reserve(in, n);
	memcpy(in->feats + in->nfeat, hash, n * sizeof *hash);
	in->nfeat += n;
	in->off[in->n] = (uint32_t)in->nfeat;
}
void ct_seq_input_free(ct_seq_input *in);

/* FNV-1a over a template id and a string. */
uint32_t ct_seq_hash(uint32_t templ, const char *s, size_t n);

/* The best tag sequence into tags[0..in->n), with the float weights when
 * the model has them (training), else the quantized ones. `scratch` is
 * reused between calls (free it with free()). */
void ct_seq_decode(const ct_seq_model *m, const ct_seq_input *in, uint8_t *tags, float **scratch,
		   size_t *scratch_cap);

/* The score of item i of `in` for tag t without transitions: a model
 * used as a classifier or a ranker, its items independent. */
float ct_seq_score(const ct_seq_model *m, const ct_seq_input *in, size_t i, size_t t);
/* The ranker's choice: the item of `in` (at least one) with the highest
 * score in column t, the first of equals. */
size_t ct_seq_best(const ct_seq_model *m, const ct_seq_input *in, size_t t);

/*
 * Model files hold `n` models, one after the other (a stacked tagger has
 * two): "CTSEQ" 0x03, the count, then for each model nbits, ntags, the
 * allowed matrix, the transition weights, one float scale and the non-zero
 * feature rows as (bucket, ntags int16 weights); last, the FNV-1a hash of
 * every byte before it, so that a damaged row is refused rather than
 * decoded; all little-endian. Load reads exactly `n` models. Returns 0, or
 * CT_EDATA with `err` set ("path: reason").
 */
int ct_seq_load(ct_seq_model *m, size_t n, const char *path, char *err, size_t errsize);
int ct_seq_save(const ct_seq_model *m, size_t n, const char *path, char *err, size_t errsize);
void ct_seq_free(ct_seq_model *m);

#endif
