/*
 * stance_train.c — trains the stance model (stance.c) on labelled pairs.
 *
 * Method:
 *  1. Vocabulary from the training text only (each distinct headline and
 *     each body used by a labelled pair, counted once): the `vocab` most
 *     frequent non-stop words become count features; every word seen in at
 *     least two texts gets an IDF, log((N + 1) / (df + 1)) + 1.
 *  2. Every pair becomes its input vector (stance.c: ct_stance_features);
 *     the hand features are standardized with the training mean and
 *     standard deviation, stored in the model.
 *  3. The network — one hidden ReLU layer, softmax over the four labels —
 *     is fitted by minibatch Adam on class-weighted cross-entropy, with L2
 *     weight decay and dropout on the hidden layer.
 * One thread and one random stream (splitmix64 from the seed: the weights'
 * start, the order of pairs each epoch, the dropout masks), so a seed and
 * a data set always give the same bytes.
 */
#include "stance.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void ct_stance_train_defaults(ct_stance_train_opts *o)
{
	*o = (ct_stance_train_opts){0};
	o->seed = 1;
	o->vocab = 10000;
	o->hidden = 200;
	o->epochs = 15;
	o->batch = 128;
	o->lr = 0.001f;
	o->l2 = 1e-4f;
	o->dropout = 0.4f;
	o->weight_pow = 0.5f;
	o->nets = 3;
}

static int fail(ct_stance_model *m, int code, const char *msg)
{
	snprintf(m->err, sizeof m->err, "stance training: %s", msg);
	return code;
}

/* ---- vocabulary --------------------------------------------------------- */

typedef struct {
	uint64_t h;
	uint32_t df, tf;
	int stop;
} word_stat;

typedef struct {
	ct_stance_map index; /* hash → stats */
	word_stat *w;
	size_t n, cap;
	uint64_t *tok;
	size_t tokcap;
} vocab_count;

/* The frequency order: more occurrences first, then the hash (so ties are
 * broken the same on every machine). */
static int by_tf(const void *a, const void *b)
{
	const word_stat *x = a, *y = b;
	if (x->tf != y->tf)
		return x->tf > y->tf ? -1 : 1;
	return x->h < y->h ? -1 : x->h > y->h;
}

static void build_vocab(ct_stance_model *m, const ct_stance_data *d, const unsigned char *used, int vocab)
{
	vocab_count vc = {0};
	uint32_t *df = NULL;
	size_t dfcap = 0;
	/* Document frequency with a last-seen marker per word. */
	uint32_t *last = NULL;
	size_t lastcap = 0;
	ct_table seen = {0};
	size_t nb = ct_stance_data_nbodies(d);
	size_t docs = 0;
	for (size_t pass = 0; pass < 2; pass++) {
		size_t count = pass == 0 ? nb : ct_stance_data_npairs(d);
		for (size_t i = 0; i < count; i++) {
			const char *text;
			if (pass == 0) {
				if (!used[i])
					continue;
				text = ct_stance_data_body_text(d, i);
			} else {
				int b = ct_stance_data_body_index(d, i);
				if (b < 0 || !used[b] || ct_stance_data_label(d, i) < 0)
					continue;
				text = ct_stance_data_headline(d, i);
				int dummy;
				if (ct_table_get(&seen, text, strlen(text), &dummy))
					continue;
				ct_table_put(&seen, text, strlen(text), 1);
			}
			docs++;
			size_t n = ct_stance_tokenize(text, &vc.tok, &vc.tokcap, NULL);
			for (size_t t = 0; t < n; t++) {
				int32_t at = ct_stance_map_get(&vc.index, vc.tok[t]);
				if (at < 0) {
					ct_grow((void **)&vc.w, &vc.cap, vc.n + 1, sizeof *vc.w);
					int stop = (ct_stance_class(m, vc.tok[t]) & CT_STANCE_CSTOP) != 0;
					vc.w[vc.n] = (word_stat){vc.tok[t], 0, 0, stop};
					at = (int32_t)vc.n++;
					ct_stance_map_put(&vc.index, vc.tok[t], at);
					ct_grow((void **)&df, &dfcap, vc.n, sizeof *df);
					ct_grow((void **)&last, &lastcap, vc.n, sizeof *last);
					df[at] = 0;
					last[at] = 0;
				}
				vc.w[at].tf++;
				if (last[at] != docs) {
					last[at] = (uint32_t)docs;
					df[at]++;
				}
			}
		}
	}
	for (size_t i = 0; i < vc.n; i++)
		vc.w[i].df = df[i];
	if (vc.n)
		qsort(vc.w, vc.n, sizeof *vc.w, by_tf);
	/* Feature words first, then every other word seen in two texts. */
	m->words = ct_xmalloc((vc.n ? vc.n : 1) * sizeof *m->words);
	m->idf = ct_xmalloc((vc.n ? vc.n : 1) * sizeof *m->idf);
	size_t k = 0;
	unsigned char *taken = ct_xcalloc(vc.n ? vc.n : 1, 1);
	for (size_t i = 0; i < vc.n && k < (size_t)vocab; i++)
		if (!vc.w[i].stop) {
			taken[i] = 1;
			m->words[k++] = vc.w[i].h;
		}
	m->nfeat = k;
	for (size_t i = 0; i < vc.n; i++)
		if (!taken[i] && vc.w[i].df >= 2)
			m->words[k++] = vc.w[i].h;
	m->nwords = k;
	double N = (double)docs;
	ct_stance_model_index(m);
	for (size_t i = 0; i < vc.n; i++) {
		int32_t w = ct_stance_map_get(&m->map, vc.w[i].h);
		if (w >= 0)
			m->idf[w] = (float)(log((N + 1) / (vc.w[i].df + 1)) + 1);
	}
	m->idf_unk = (float)(log((N + 1) / 2) + 1);
	free(taken);
	free(df);
	free(last);
	ct_table_free(&seen);
	ct_stance_map_free(&vc.index);
	free(vc.w);
	free(vc.tok);
}

/* ---- the network ---------------------------------------------------------- */

/* Uniform in [0, 1). */
static double unit(uint64_t *rng)
{
	return (double)(ct_stance_rand(rng) >> 11) * (1.0 / 9007199254740992.0);
}

static float uniform(uint64_t *rng, float a)
{
	return (float)(unit(rng) * 2 - 1) * a;
}

/* Adam on one parameter array. */
typedef struct {
	float *m, *v;
} adam;

static void adam_step(float *w, const float *g, adam *s, size_t n, float lr, float l2, float c1, float c2)
{
	const float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
	for (size_t i = 0; i < n; i++) {
		float gi = g[i] + l2 * w[i];
		s->m[i] = b1 * s->m[i] + (1 - b1) * gi;
		s->v[i] = b2 * s->v[i] + (1 - b2) * gi * gi;
		w[i] -= lr * (s->m[i] / c1) / (sqrtf(s->v[i] / c2) + eps);
	}
}

/* The training set as compressed rows. */
typedef struct {
	size_t n;
	size_t *start; /* n + 1 */
	uint32_t *idx;
	float *val;
	float *dense; /* [n][NDENSE], standardized */
	int *label;
} rows;

/* One network's weights (pointers into the model's arrays). */
typedef struct {
	float *w1, *b1, *w2, *b2;
} net;

/*
 * Fits one network on the rows, from a start drawn from `seed`: minibatch
 * Adam on class-weighted cross-entropy (cw), L2 decay, dropout on the
 * hidden layer and on the body's words. With o->average, the weights
 * kept are the mean of those at the end of each of the last o->average
 * epochs (a flatter point than the last one, for the same training).
 */
static void train_net(const ct_stance_model *m, net *n, const rows *r, const float *cw, const ct_stance_train_opts *o,
		      uint64_t seed, FILE *logf, size_t which)
{
	size_t H = m->hidden, I = m->ninput, K = CT_STANCE_NLABELS;
	uint64_t rng = seed;
	/* Inputs are L2-normalized vectors and ~NDENSE unit features, so the
	 * effective fan-in is about NDENSE + 2, not I. */
	float a1 = sqrtf(6.0f / (float)(CT_STANCE_NDENSE + 2 + H)), a2 = sqrtf(6.0f / (float)(H + K));
	for (size_t i = 0; i < I * H; i++)
		n->w1[i] = uniform(&rng, a1);
	for (size_t i = 0; i < H * K; i++)
		n->w2[i] = uniform(&rng, a2);
	memset(n->b1, 0, H * sizeof *n->b1);
	memset(n->b2, 0, K * sizeof *n->b2);
	float *g1 = ct_xcalloc(I * H, sizeof *g1), *gb1 = ct_xcalloc(H, sizeof *gb1);
	float *g2 = ct_xcalloc(H * K, sizeof *g2), gb2[CT_STANCE_NLABELS];
	adam s1 = {ct_xcalloc(I * H, sizeof(float)), ct_xcalloc(I * H, sizeof(float))};
	adam sb1 = {ct_xcalloc(H, sizeof(float)), ct_xcalloc(H, sizeof(float))};
	adam s2 = {ct_xcalloc(H * K, sizeof(float)), ct_xcalloc(H * K, sizeof(float))};
	adam sb2 = {ct_xcalloc(K, sizeof(float)), ct_xcalloc(K, sizeof(float))};
	size_t *order = ct_xmalloc(r->n * sizeof *order);
	for (size_t i = 0; i < r->n; i++)
		order[i] = i;
	int avg_from = o->average > 0 && o->average < o->epochs ? o->epochs - o->average : 0;
	float *avg = o->average > 0 ? ct_xcalloc(I * H + H + H * K + K, sizeof *avg) : NULL;
	float h[CT_STANCE_MAXHID], act[CT_STANCE_MAXHID], keep[CT_STANCE_MAXHID], dh[CT_STANCE_MAXHID];
	float scale = 1.0f / (1.0f - o->dropout), wscale = 1.0f / (1.0f - o->word_dropout);
	float *wkeep = NULL;
	size_t wcap = 0;
	long t = 0;
	for (int epoch = 0; epoch < o->epochs; epoch++) {
		ct_shuffle(order, r->n, ct_stance_rand, &rng);
		double loss = 0;
		size_t right = 0;
		for (size_t b0 = 0; b0 < r->n; b0 += (size_t)o->batch) {
			size_t b1 = b0 + (size_t)o->batch < r->n ? b0 + (size_t)o->batch : r->n;
			float inv = 1.0f / (float)(b1 - b0);
			memset(g1, 0, I * H * sizeof *g1);
			memset(gb1, 0, H * sizeof *gb1);
			memset(g2, 0, H * K * sizeof *g2);
			memset(gb2, 0, sizeof gb2);
			for (size_t bi = b0; bi < b1; bi++) {
				size_t p = order[bi];
				const float *dn = r->dense + p * CT_STANCE_NDENSE;
				size_t e0 = r->start[p], e1 = r->start[p + 1];
				if (o->word_dropout > 0) {
					ct_grow((void **)&wkeep, &wcap, e1 - e0 + 1, sizeof *wkeep);
					for (size_t e = e0; e < e1; e++)
						wkeep[e - e0] = unit(&rng) < o->word_dropout ? 0 : wscale;
				}
				memcpy(h, n->b1, H * sizeof *h);
				for (size_t e = e0; e < e1; e++) {
					const float *row = n->w1 + (size_t)r->idx[e] * H;
					float v = wkeep ? r->val[e] * wkeep[e - e0] : r->val[e];
					ct_stance_axpy(h, row, v, H);
				}
				for (int k = 0; k < CT_STANCE_NDENSE; k++) {
					const float *row = n->w1 + (m->nfeat + (size_t)k) * H;
					ct_stance_axpy(h, row, dn[k], H);
				}
				for (size_t j = 0; j < H; j++) {
					keep[j] = o->dropout > 0 && unit(&rng) < o->dropout ? 0 : scale;
					act[j] = h[j] > 0 ? h[j] * keep[j] : 0;
				}
				float z[CT_STANCE_NLABELS];
				memcpy(z, n->b2, sizeof z);
				for (size_t j = 0; j < H; j++)
					for (size_t k = 0; k < K; k++)
						z[k] += act[j] * n->w2[j * K + k];
				size_t best = 0;
				for (size_t k = 1; k < K; k++)
					best = z[k] > z[best] ? k : best;
				float sum = 0, pr[CT_STANCE_NLABELS];
				for (size_t k = 0; k < K; k++)
					sum += pr[k] = expf(z[k] - z[best]);
				int y = r->label[p];
				right += (int)best == y;
				loss += -log(pr[y] / sum + 1e-12) * cw[y];
				float dout[CT_STANCE_NLABELS];
				for (size_t k = 0; k < K; k++)
					dout[k] = (pr[k] / sum - (k == (size_t)y)) * cw[y] * inv;
				for (size_t k = 0; k < K; k++)
					gb2[k] += dout[k];
				for (size_t j = 0; j < H; j++) {
					float da = 0;
					for (size_t k = 0; k < K; k++) {
						g2[j * K + k] += act[j] * dout[k];
						da += n->w2[j * K + k] * dout[k];
					}
					dh[j] = h[j] > 0 ? da * keep[j] : 0;
					gb1[j] += dh[j];
				}
				for (size_t e = e0; e < e1; e++) {
					float *row = g1 + (size_t)r->idx[e] * H;
					float v = wkeep ? r->val[e] * wkeep[e - e0] : r->val[e];
					ct_stance_axpy(row, dh, v, H);
				}
				for (int k = 0; k < CT_STANCE_NDENSE; k++) {
					float *row = g1 + (m->nfeat + (size_t)k) * H;
					ct_stance_axpy(row, dh, dn[k], H);
				}
			}
			t++;
			float c1 = 1 - powf(0.9f, (float)t), c2 = 1 - powf(0.999f, (float)t);
			adam_step(n->w1, g1, &s1, I * H, o->lr, o->l2, c1, c2);
			adam_step(n->b1, gb1, &sb1, H, o->lr, 0, c1, c2);
			adam_step(n->w2, g2, &s2, H * K, o->lr, o->l2, c1, c2);
			adam_step(n->b2, gb2, &sb2, K, o->lr, 0, c1, c2);
		}
		if (avg && epoch >= avg_from) {
			float *a = avg;
			const float *parts[4] = {n->w1, n->b1, n->w2, n->b2};
			size_t sizes[4] = {I * H, H, H * K, K};
			for (int q = 0; q < 4; q++)
				for (size_t i = 0; i < sizes[q]; i++)
					*a++ += parts[q][i];
		}
		if (logf && m->nnet > 1)
			fprintf(logf, "network %zu/%zu, ", which + 1, m->nnet);
		if (logf)
			fprintf(logf, "epoch %d/%d: loss %.4f, training accuracy %.4f\n", epoch + 1, o->epochs,
				loss / (double)r->n, (double)right / (double)r->n);
	}
	if (avg) {
		float *a = avg, inv_n = 1.0f / (float)(o->epochs - avg_from);
		float *parts[4] = {n->w1, n->b1, n->w2, n->b2};
		size_t sizes[4] = {I * H, H, H * K, K};
		for (int q = 0; q < 4; q++)
			for (size_t i = 0; i < sizes[q]; i++)
				parts[q][i] = *a++ * inv_n;
		free(avg);
	}
	free(wkeep);
	free(order);
	free(g1), free(gb1), free(g2);
	free(s1.m), free(s1.v), free(sb1.m), free(sb1.v), free(s2.m), free(s2.v), free(sb2.m), free(sb2.v);
}

/* A thread's share of the nets: first, first + step, … (the first
 * thread's go to the log, so lines never interleave). */
typedef struct {
	ct_stance_model *m;
	const rows *r;
	const float *cw;
	const ct_stance_train_opts *o;
	size_t first, step;
} net_job;

static void *train_nets(void *arg)
{
	net_job *j = arg;
	ct_stance_model *m = j->m;
	size_t H = m->hidden, I = m->ninput, K = CT_STANCE_NLABELS;
	for (size_t k = j->first; k < m->nnet; k += j->step) {
		net n = {m->w1 + k * I * H, m->b1 + k * H, m->w2 + k * H * K, m->b2 + k * K};
		train_net(m, &n, j->r, j->cw, j->o, j->o->seed + k, j->first == 0 ? j->o->log : NULL, k);
	}
	return NULL;
}

int ct_stance_train(ct_stance_model **out, const ct_stance_data *d, const ct_stance_train_opts *o)
{
	ct_stance_model *m = ct_stance_model_empty();
	*out = m;
	if (o->vocab < 1 || o->hidden < 1 || o->hidden > CT_STANCE_MAXHID || o->epochs < 1 || o->batch < 1 ||
	    !(o->lr > 0) || o->l2 < 0 || o->dropout < 0 || o->dropout >= 1 || o->weight_pow < 0 || o->nets < 1 ||
	    o->nets > CT_STANCE_MAXNET || o->average < 0 || o->word_dropout < 0 || o->word_dropout >= 1)
		return fail(m, CT_EARG, "settings out of range");
	size_t np = ct_stance_data_npairs(d), nb = ct_stance_data_nbodies(d);
	unsigned char *used = ct_xcalloc(nb ? nb : 1, 1);
	size_t nlab = 0;
	size_t per_class[CT_STANCE_NLABELS] = {0};
	for (size_t i = 0; i < np; i++) {
		int b = ct_stance_data_body_index(d, i), l = ct_stance_data_label(d, i);
		if (b >= 0 && l >= 0) {
			used[b] = 1;
			nlab++;
			per_class[l]++;
		}
	}
	if (nlab < 2) {
		free(used);
		return fail(m, CT_EARG, "fewer than two labelled pairs with bodies");
	}

	/* 1. Vocabulary. */
	build_vocab(m, d, used, o->vocab);
	m->hidden = (size_t)o->hidden;
	m->ninput = m->nfeat + CT_STANCE_NDENSE;

	/* 2. Inputs. */
	ct_stance_body **bodies = ct_xcalloc(nb ? nb : 1, sizeof *bodies);
	for (size_t b = 0; b < nb; b++)
		if (used[b])
			bodies[b] = ct_stance_body_new(m, ct_stance_data_body_text(d, b));
	rows r = {0};
	r.start = ct_xmalloc((nlab + 1) * sizeof *r.start);
	r.dense = ct_xmalloc(nlab * CT_STANCE_NDENSE * sizeof *r.dense);
	r.label = ct_xmalloc(nlab * sizeof *r.label);
	size_t cap = 0, vcap = 0, nnz = 0;
	ct_stance_x x = {0};
	for (size_t i = 0; i < np; i++) {
		int b = ct_stance_data_body_index(d, i), l = ct_stance_data_label(d, i);
		if (b < 0 || l < 0)
			continue;
		ct_stance_features(m, ct_stance_data_headline(d, i), bodies[b], &x);
		r.start[r.n] = nnz;
		ct_grow((void **)&r.idx, &cap, nnz + x.n, sizeof *r.idx);
		ct_grow((void **)&r.val, &vcap, nnz + x.n, sizeof *r.val);
		if (x.n) { /* a body with no vocabulary word has no arrays */
			memcpy(r.idx + nnz, x.idx, x.n * sizeof *x.idx);
			memcpy(r.val + nnz, x.val, x.n * sizeof *x.val);
		}
		nnz += x.n;
		memcpy(r.dense + r.n * CT_STANCE_NDENSE, x.dense, sizeof x.dense);
		r.label[r.n++] = l;
	}
	r.start[r.n] = nnz;
	ct_stance_x_free(&x);
	for (size_t b = 0; b < nb; b++)
		ct_stance_body_free(bodies[b]);
	free(bodies);
	free(used);
	for (int k = 0; k < CT_STANCE_NDENSE; k++) {
		double s = 0, ss = 0;
		for (size_t i = 0; i < r.n; i++)
			s += r.dense[i * CT_STANCE_NDENSE + k];
		double mean = s / (double)r.n;
		for (size_t i = 0; i < r.n; i++) {
			double dv = r.dense[i * CT_STANCE_NDENSE + k] - mean;
			ss += dv * dv;
		}
		double sd = sqrt(ss / (double)r.n);
		m->mean[k] = (float)mean;
		m->sd[k] = sd > 1e-6 ? (float)sd : 1.0f;
		for (size_t i = 0; i < r.n; i++)
			r.dense[i * CT_STANCE_NDENSE + k] =
				(r.dense[i * CT_STANCE_NDENSE + k] - m->mean[k]) / m->sd[k];
	}

	/* Class weights, scaled so that the average pair weighs 1. */
	float cw[CT_STANCE_NLABELS];
	size_t most = 0;
	for (int k = 0; k < CT_STANCE_NLABELS; k++)
		most = per_class[k] > most ? per_class[k] : most;
	double wsum = 0;
	for (int k = 0; k < CT_STANCE_NLABELS; k++) {
		cw[k] = per_class[k] ? (float)pow((double)most / (double)per_class[k], o->weight_pow) : 0;
		wsum += cw[k] * (double)per_class[k];
	}
	for (int k = 0; k < CT_STANCE_NLABELS; k++)
		cw[k] = (float)(cw[k] * (double)r.n / wsum);

	/* 3. The networks, each from its own seed. */
	size_t H = m->hidden, I = m->ninput, K = CT_STANCE_NLABELS;
	m->nnet = (size_t)o->nets;
	m->w1 = ct_xmalloc(m->nnet * I * H * sizeof *m->w1);
	m->b1 = ct_xcalloc(m->nnet * H, sizeof *m->b1);
	m->w2 = ct_xmalloc(m->nnet * H * K * sizeof *m->w2);
	m->b2 = ct_xcalloc(m->nnet * K, sizeof *m->b2);
	/* Nets are independent (own seed, own weights, shared read-only rows),
	 * so threads change the time, never the bytes. */
	size_t nthreads = o->threads > 1 ? (size_t)o->threads : 1;
	if (nthreads > m->nnet)
		nthreads = m->nnet;
	net_job jobs[CT_STANCE_MAXNET];
	for (size_t t = 0; t < nthreads; t++)
		jobs[t] = (net_job){m, &r, cw, o, t, nthreads};
	ct_run_jobs(train_nets, jobs, sizeof *jobs, nthreads);
	ct_stance_pack(m);
	free(r.start), free(r.idx), free(r.val), free(r.dense), free(r.label);
	return 0;
}
