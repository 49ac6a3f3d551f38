/* seqtag_train.c — see seqtag_train.h. */
#include "seqtag_train.h"

#include <stdlib.h>
#include <string.h>

#include "../core/util.h"

void ct_seq_trainer_init(ct_seq_trainer *tr, uint32_t nbits, uint32_t ntags,
			 const uint8_t allowed[CT_SEQ_MAXTAGS + 1][CT_SEQ_MAXTAGS])
{
	memset(tr, 0, sizeof *tr);
	tr->m.nbits = nbits;
	tr->m.ntags = ntags;
	tr->m.w = ct_xcalloc((size_t)1 << nbits, ntags * sizeof *tr->m.w);
	tr->wsum = ct_xcalloc((size_t)1 << nbits, ntags * sizeof *tr->wsum);
	memcpy(tr->m.allowed, allowed, sizeof tr->m.allowed);
	tr->step = 1;
}

static void update(ct_seq_trainer *tr, const ct_seq_input *in, size_t i, uint8_t tag, int prev, float d)
{
	uint32_t mask = (1u << tr->m.nbits) - 1;
	size_t T = tr->m.ntags;
	double c = (double)tr->step;
	for (uint32_t k = in->off[i]; k < in->off[i + 1]; k++) {
		size_t at = (size_t)(in->feats[k] & mask) * T + tag;
		tr->m.w[at] += d;
		tr->wsum[at] += c * d;
	}
	size_t p = prev < 0 ? T : (size_t)prev;
	tr->m.trans[p][tag] += d;
	tr->tsum[p][tag] += c * d;
}

size_t ct_seq_trainer_step(ct_seq_trainer *tr, const ct_seq_input *in, const uint8_t *gold)
{
	size_t n = in->n, wrong = 0;
	ct_grow((void **)&tr->pred, &tr->pred_cap, n + 1, 1);
	ct_seq_decode(&tr->m, in, tr->pred, &tr->scratch, &tr->scratch_cap);
	for (size_t i = 0; i < n; i++) {
		int gp = i ? gold[i - 1] : -1, pp = i ? tr->pred[i - 1] : -1;
		if (gold[i] == tr->pred[i] && gp == pp)
			continue;
		wrong += gold[i] != tr->pred[i];
		update(tr, in, i, gold[i], gp, 1.0f);
		update(tr, in, i, tr->pred[i], pp, -1.0f);
	}
	tr->step++;
	return wrong;
}

int ct_seq_trainer_rank(ct_seq_trainer *tr, const ct_seq_input *in, size_t gold, uint8_t col)
{
	size_t best = ct_seq_best(&tr->m, in, col);
	int wrong = best != gold;
	if (wrong) {
		uint32_t mask = (1u << tr->m.nbits) - 1;
		size_t T = tr->m.ntags;
		double c = (double)tr->step;
		for (int side = 0; side < 2; side++) {
			size_t i = side ? best : gold;
			float d = side ? -1.0f : 1.0f;
			for (uint32_t k = in->off[i]; k < in->off[i + 1]; k++) {
				size_t at = (size_t)(in->feats[k] & mask) * T + col;
				tr->m.w[at] += d;
				tr->wsum[at] += c * d;
			}
		}
	}
	tr->step++;
	return wrong;
}

void ct_seq_trainer_average(const ct_seq_trainer *tr, ct_seq_model *out)
{
	*out = tr->m;
	size_t n = ((size_t)1 << tr->m.nbits) * tr->m.ntags;
	out->w = ct_xmalloc(n * sizeof *out->w);
	double c = (double)tr->step;
	for (size_t i = 0; i < n; i++)
		out->w[i] = (float)(tr->m.w[i] - tr->wsum[i] / c);
	for (size_t p = 0; p <= tr->m.ntags; p++)
		for (size_t t = 0; t < tr->m.ntags; t++)
			out->trans[p][t] = (float)(tr->m.trans[p][t] - tr->tsum[p][t] / c);
}

void ct_seq_trainer_free(ct_seq_trainer *tr)
{
	ct_seq_free(&tr->m);
	free(tr->wsum);
	free(tr->scratch);
	free(tr->pred);
}
