/*
 * seqtag_train.h — training the sequence tagger: an averaged structured
 * perceptron (Collins 2002). Decode each training sequence with the
 * current weights; where the best path differs from the gold one, add the
 * gold path's features and subtract the predicted path's. The weights kept
 * are the average over every step, which generalizes far better than the
 * last ones.
 */
#ifndef CT_SEQTAG_TRAIN_H
#define CT_SEQTAG_TRAIN_H

#include "seqtag.h"

typedef struct {
	ct_seq_model m;       /* current weights; decoding uses these */
	double *wsum;         /* sum of c * update, for the average */
	double tsum[CT_SEQ_MAXTAGS + 1][CT_SEQ_MAXTAGS];
	uint64_t step;
	float *scratch;
	size_t scratch_cap;
	uint8_t *pred;
	size_t pred_cap;
} ct_seq_trainer;

void ct_seq_trainer_init(ct_seq_trainer *tr, uint32_t nbits, uint32_t ntags,
			 const uint8_t allowed[CT_SEQ_MAXTAGS + 1][CT_SEQ_MAXTAGS]);
/* One step on one sequence; returns the number of tokens decoded wrong. */
size_t ct_seq_trainer_step(ct_seq_trainer *tr, const ct_seq_input *in, const uint8_t *gold);
/* One ranking step: the items of `in` are candidates, `gold` the right
 * one; the best by column `col` of the weights (ct_seq_score) is taken,
 * and when it is not gold, gold's features gain and its features lose.
 * Returns 1 when the best was wrong. */
int ct_seq_trainer_rank(ct_seq_trainer *tr, const ct_seq_input *in, size_t gold, uint8_t col);
/* The averaged weights into *out (owned; ct_seq_free). */
void ct_seq_trainer_average(const ct_seq_trainer *tr, ct_seq_model *out);
void ct_seq_trainer_free(ct_seq_trainer *tr);

#endif
