/*
 * stance.h — the stance of an article toward a claim (FNC-1 labels).
 *
 * Takes: a headline and a body (or a body prepared once, ct_stance_body),
 *        and a model (stance.c loads it; stance_train.c trains it).
 * Gives: agree / disagree / discuss / unrelated, with probabilities.
 *
 * This header is shared by inference (stance.c), the trainer
 * (stance_train.c) and the FNC-1 data set (fnc.c): the model's layout,
 * the feature extractor and the vocabulary the trainer fills.
 */
#ifndef CT_STANCE_H
#define CT_STANCE_H

#include "claimtrace.h"
#include "../core/util.h"

/* The model file begins with these 8 bytes and a 32-bit version. */
#define CT_STANCE_MAGIC "CTSTANCE"
#define CT_STANCE_VERSION 4u /* 2: no headline count vector; 3: several networks; 4: 8-bit first layer */

enum {
	CT_STANCE_NDENSE = 24,  /* hand features per pair (stance.c lists them) */
	CT_STANCE_MAXHID = 512, /* hidden units at most (scratch on the stack) */
	CT_STANCE_MAXNET = 32,  /* networks averaged, at most */
	CT_STANCE_PREFIX = 100, /* body tokens that count as "the start" */
};

/* A hash → index map (open addressing); the vocabulary of a model. */
typedef struct {
	uint64_t *keys; /* 0 = empty (no token hashes to 0: see ct_stance_hash) */
	int32_t *vals;
	size_t cap, n;
} ct_stance_map;

void ct_stance_map_put(ct_stance_map *m, uint64_t key, int32_t val);
int32_t ct_stance_map_get(const ct_stance_map *m, uint64_t key); /* -1 when absent */
void ct_stance_map_free(ct_stance_map *m);

struct ct_stance_model {
	char err[1024];
	/* Vocabulary, as word hashes: words[0..nfeat) have a count feature in
	 * the body vector; every word has an IDF for the TF-IDF cosine. */
	uint64_t *words;
	size_t nwords, nfeat;
	float *idf;
	float idf_unk; /* for words the training text never had twice */
	ct_stance_map map; /* token hash → word */
	ct_stance_map cls; /* token hash → CT_STANCE_C… bits (the word lists) */
	/* Standardization of the hand features (x - mean) / sd. */
	float mean[CT_STANCE_NDENSE], sd[CT_STANCE_NDENSE];
	/* The networks, whose probabilities are averaged: inputs = body
	 * counts, hand features; one hidden layer. Net k's arrays start at
	 * k times the size of one. */
	size_t ninput, hidden, nnet;
	/* The first layer as the file keeps it, 8 bits a weight with a scale
	 * per hidden unit: unit j of net k sums q1 times its inputs, then
	 * multiplies by s1. A quarter of the memory of floats, and of the
	 * traffic of a body's rows, which is most of a prediction's time. */
	int8_t *q1; /* [nnet][ninput][hidden] */
	float *s1;  /* [nnet][hidden] */
	float *qd;  /* [nnet][NDENSE][hidden]: q1's rows of the hand features as
		     * floats (exactly), read for every pair */
	float *w1;  /* [nnet][ninput][hidden]: the trainer's, until ct_stance_pack */
	float *b1;  /* [nnet][hidden] */
	float *w2; /* [nnet][hidden][CT_STANCE_NLABELS] */
	float *b2; /* [nnet][CT_STANCE_NLABELS] */
};

/* The input of the network for one pair: sparse counts, dense features. */
typedef struct {
	uint32_t *idx; /* input index: [0, nfeat), the body's count vector */
	float *val;
	size_t n, cap;
	float dense[CT_STANCE_NDENSE]; /* raw, before standardization */
	uint64_t *tok;                 /* scratch: headline tokens */
	uint32_t *near;                /* scratch: headline words in the body before each token */
	size_t tokcap, nearcap;
} ct_stance_x;

/* The 64-bit hash of a lowercased word, as the tokenizer makes it. */
uint64_t ct_stance_hash(const char *word, size_t len);

/*
 * Splits `text` into lowercased word hashes (words: runs of letters, digits
 * and non-punctuation UTF-8; an apostrophe joins, a trailing 's is
 * dropped). Fills *out (growing it; may move it) and returns the count.
 * *qmark is set when the text has a question mark (may be NULL).
 */
size_t ct_stance_tokenize(const char *text, uint64_t **out, size_t *cap, int *qmark);

/*
 * A body from tokens already made by ct_stance_tokenize (a story keeps an
 * article's tokens, not its text). Takes ownership of `tok`, a malloc'd
 * array of `ntok` hashes (NULL when ntok is 0). Owned; ct_stance_body_free.
 */
ct_stance_body *ct_stance_body_take(const ct_stance_model *m, uint64_t *tok, size_t ntok);

/* Word classes, from the lists in stance.c. */
enum {
	CT_STANCE_CSTOP = 1,     /* left out of the count vectors and overlaps */
	CT_STANCE_CREFUTE = 2,   /* fake, hoax, denied, debunked … */
	CT_STANCE_CHEDGE = 4,    /* reportedly, allegedly, claims … */
	CT_STANCE_CNEG = 8,      /* not, never, didn't … */
	CT_STANCE_CSUPPORT = 16, /* confirmed, officially, evidence … */
};
int ct_stance_class(const ct_stance_model *m, uint64_t h);

/* The network's input for a pair (x's arrays are reused; free with
 * ct_stance_x_free). */
void ct_stance_features(const ct_stance_model *m, const char *headline, const ct_stance_body *b, ct_stance_x *x);
void ct_stance_x_free(ct_stance_x *x);

/* y[0..n) += a * x[0..n). In blocks of 8 a compiler at -O2 makes vector
 * code of; each y[j] gets the same single product and sum as a plain
 * loop, so results do not change to the bit. (The trainer's.) */
static inline void ct_stance_axpy(float *restrict y, const float *restrict x, float a, size_t n)
{
	size_t j = 0;
	for (; j + 8 <= n; j += 8)
		for (int k = 0; k < 8; k++)
			y[j + k] += a * x[j + k];
	for (; j < n; j++)
		y[j] += a * x[j];
}

/* The network's input at index nfeat + d for hand feature d. */
static inline float ct_stance_dense_in(const ct_stance_model *m, const ct_stance_x *x, int d)
{
	return (x->dense[d] - m->mean[d]) / m->sd[d];
}

/* Runs the network on x: the label, probabilities into probs. */
ct_stance_label ct_stance_forward(const ct_stance_model *m, const ct_stance_x *x, float probs[CT_STANCE_NLABELS]);

/* Turns the trainer's w1 into what the file stores (q1, s1) and frees it,
 * so a model in memory answers exactly as it will once saved and loaded. */
void ct_stance_pack(ct_stance_model *m);

/* A model with nothing in it, for the trainer to fill. */
ct_stance_model *ct_stance_model_empty(void);
/* Rebuilds m->map from m->words. */
void ct_stance_model_index(ct_stance_model *m);

/* The data set's insides, for the trainer (fnc.c). */
int ct_stance_data_body_index(const ct_stance_data *d, size_t i); /* -1 without bodies */
size_t ct_stance_data_nbodies(const ct_stance_data *d);
const char *ct_stance_data_body_text(const ct_stance_data *d, size_t b);

/* A splitmix64 step: the trainer's and the split's random numbers. */
uint64_t ct_stance_rand(uint64_t *state);

#endif
