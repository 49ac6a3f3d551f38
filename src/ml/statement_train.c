/*
 * statement_train.c — Emergent's labelled headlines, and the statement
 * stance model learned from them.
 *
 * Data: Emergent's CSV (claimId, claim, articleId, articleHeadline,
 * stance, outlet, url), read through the generic CSV rows, so quoting and
 * error lines behave as for articles: a row that cannot be used is left
 * out with a warning naming file, line and reason.
 *
 * Training: a multinomial logistic regression over the features of
 * statement.c, by stochastic gradient with AdaGrad steps and an L2
 * penalty, the pairs in a seeded order each epoch: the same data and
 * seed give the same model to the bit. Folds for cross-validation go by
 * claim (a hash of the seed and the claim id), so a claim's headlines are
 * never on both sides.
 */
#include "statement.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../read/read.h"

typedef struct {
	char *claim_id, *claim, *article_id, *headline, *outlet, *url;
	int label;
	long line;
} row;

struct ct_claim_data {
	char err[1024];
	row *rows;
	size_t n, cap;
	char **warnings;
	size_t nwarn, warn_cap;
};

static void warn(ct_claim_data *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(ct_claim_data *d, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	ct_grow((void **)&d->warnings, &d->warn_cap, d->nwarn + 1, sizeof *d->warnings);
	d->warnings[d->nwarn++] = ct_xstrdup(buf);
}

int ct_claim_data_read(ct_claim_data **out, const char *path)
{
	ct_claim_data *d = ct_xcalloc(1, sizeof *d);
	*out = d;
	ct_reader *r;
	int rc = ct_csv_rows_open(&r, path);
	if (rc) {
		snprintf(d->err, sizeof d->err, "%s", ct_reader_error(r));
		ct_reader_free(r);
		return rc;
	}
	static const char *const names[] = {"claimId", "claim", "articleId", "articleHeadline", "stance", "outlet", "url"};
	int col[7];
	for (int k = 0; k < 7; k++) {
		col[k] = ct_csv_column(r, names[k]);
		if (col[k] < 0 && k < 5) {
			snprintf(d->err, sizeof d->err, "%s:1: no \"%s\" column (Emergent's CSV has claimId, claim, articleId, articleHeadline, stance)",
				 path, names[k]);
			ct_reader_free(r);
			return CT_EDATA;
		}
	}
	long line;
	int nf, bad = 0;
	while ((nf = ct_csv_row(r, &line)) != 0) {
		if (nf < 0) {
			warn(d, "%s", ct_reader_error(r));
			bad = 1;
			continue;
		}
		const char *v[7];
		for (int k = 0; k < 7; k++)
			v[k] = col[k] >= 0 ? ct_csv_field(r, (size_t)col[k]) : "";
		if (!v[0] || !v[1] || !v[3] || !v[4]) {
			warn(d, "%s:%ld: %d fields, fewer than the header's", path, line, nf);
			bad = 1;
			continue;
		}
		int label = ct_sstance_label_from_name(v[4]);
		if (label < 0) {
			warn(d, "%s:%ld: unknown stance \"%s\" (for, against, observing)", path, line, v[4]);
			bad = 1;
			continue;
		}
		ct_grow((void **)&d->rows, &d->cap, d->n + 1, sizeof *d->rows);
		d->rows[d->n++] = (row){ct_xstrdup(v[0]), ct_xstrdup(v[1]), ct_xstrdup(v[2] ? v[2] : ""), ct_xstrdup(v[3]),
					ct_xstrdup(v[5] ? v[5] : ""), ct_xstrdup(v[6] ? v[6] : ""), label, line};
	}
	ct_reader_free(r);
	return bad ? CT_EFORMAT : 0;
}

void ct_claim_data_free(ct_claim_data *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		row *r = &d->rows[i];
		free(r->claim_id);
		free(r->claim);
		free(r->article_id);
		free(r->headline);
		free(r->outlet);
		free(r->url);
	}
	free(d->rows);
	for (size_t i = 0; i < d->nwarn; i++)
		free(d->warnings[i]);
	free(d->warnings);
	free(d);
}

const char *ct_claim_data_error(const ct_claim_data *d) { return d->err; }
size_t ct_claim_data_nwarnings(const ct_claim_data *d) { return d->nwarn; }
const char *ct_claim_data_warning(const ct_claim_data *d, size_t i) { return d->warnings[i]; }
size_t ct_claim_data_n(const ct_claim_data *d) { return d->n; }
const char *ct_claim_data_claim_id(const ct_claim_data *d, size_t i) { return d->rows[i].claim_id; }
const char *ct_claim_data_claim(const ct_claim_data *d, size_t i) { return d->rows[i].claim; }
const char *ct_claim_data_article_id(const ct_claim_data *d, size_t i) { return d->rows[i].article_id; }
const char *ct_claim_data_statement(const ct_claim_data *d, size_t i) { return d->rows[i].headline; }
const char *ct_claim_data_outlet(const ct_claim_data *d, size_t i) { return d->rows[i].outlet; }
const char *ct_claim_data_url(const ct_claim_data *d, size_t i) { return d->rows[i].url; }
int ct_claim_data_label(const ct_claim_data *d, size_t i) { return d->rows[i].label; }

int ct_claim_data_fold(const ct_claim_data *d, size_t i, int folds, uint64_t seed)
{
	uint64_t st = seed ^ ct_stance_hash(d->rows[i].claim_id, strlen(d->rows[i].claim_id));
	return (int)(ct_stance_rand(&st) % (uint64_t)(folds > 0 ? folds : 1));
}

void ct_statement_train_defaults(ct_statement_train_opts *o)
{
	*o = (ct_statement_train_opts){1, 20, 0.1f, 1e-4f};
}

int ct_statement_train(ct_statement_model **out, const char *datadir, const ct_claim_data *d, const unsigned char *use,
		       const ct_statement_train_opts *o)
{
	ct_statement_model *m = ct_statement_model_empty();
	*out = m;
	int rc = ct_statement_model_lists(m, datadir);
	if (rc)
		return rc;
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		n += !use || use[i];
	if (n < 3) {
		snprintf(m->err, sizeof m->err, "too few labelled statements to train on (%zu)", n);
		return CT_EARG;
	}
	float (*x)[CT_STATEMENT_NFEAT] = ct_xmalloc(n * sizeof *x);
	int *y = ct_xmalloc(n * sizeof *y);
	size_t *order = ct_xmalloc(n * sizeof *order);
	for (size_t i = 0, k = 0; i < d->n; i++) {
		if (use && !use[i])
			continue;
		ct_statement_features(m, d->rows[i].claim, d->rows[i].headline, x[k]);
		y[k] = d->rows[i].label;
		order[k] = k;
		k++;
	}
	float g2[CT_SSTANCE_NLABELS][CT_STATEMENT_NFEAT];
	for (int l = 0; l < CT_SSTANCE_NLABELS; l++)
		for (int f = 0; f < CT_STATEMENT_NFEAT; f++) {
			g2[l][f] = 1e-8f;
			m->w[l][f] = 0;
		}
	uint64_t state = o->seed ? o->seed : 1;
	for (int e = 0; e < o->epochs; e++) {
		ct_shuffle(order, n, ct_stance_rand, &state);
		for (size_t q = 0; q < n; q++) {
			const float *xi = x[order[q]];
			double z[CT_SSTANCE_NLABELS], top = -1e300, sum = 0;
			for (int l = 0; l < CT_SSTANCE_NLABELS; l++) {
				z[l] = 0;
				for (int f = 0; f < CT_STATEMENT_NFEAT; f++)
					z[l] += (double)m->w[l][f] * xi[f];
				top = z[l] > top ? z[l] : top;
			}
			for (int l = 0; l < CT_SSTANCE_NLABELS; l++)
				sum += z[l] = exp(z[l] - top);
			for (int l = 0; l < CT_SSTANCE_NLABELS; l++) {
				float g = (float)(z[l] / sum) - (y[order[q]] == l);
				for (int f = 0; f < CT_STATEMENT_NFEAT; f++) {
					if (!xi[f] && !m->w[l][f])
						continue;
					float gr = g * xi[f] + o->l2 * m->w[l][f];
					g2[l][f] += gr * gr;
					m->w[l][f] -= o->lr * gr / sqrtf(g2[l][f]);
				}
			}
		}
	}
	free(x);
	free(y);
	free(order);
	return 0;
}
