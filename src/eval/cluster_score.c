/*
 * cluster_score.c — a grouping of articles scored against gold stories:
 * BCubed (Bagga & Baldwin, 1998) and pairwise precision, recall and F1.
 *
 * Both come from group sizes found by sorting the articles by key: an
 * article in gold story g and predicted story p has BCubed precision
 * n(g, p) / |p| and recall n(g, p) / |g|, n(g, p) the articles the two
 * share; the pairs put together right are the sum of n(g, p)·(n(g, p) − 1)/2
 * over the cells (g, p).
 */
#include <stdlib.h>

#include "claimtrace.h"
#include "../core/util.h"

typedef struct {
	uint64_t key;
	size_t i;
} keyed;

static int cmp_keyed(const void *x, const void *y)
{
	const keyed *p = x, *q = y;
	if (p->key != q->key)
		return p->key < q->key ? -1 : 1;
	return p->i < q->i ? -1 : p->i > q->i;
}

/* size[i]: how many articles share article i's key; returns the number of
 * distinct keys, and *pairs the pairs of articles that share one. */
static size_t group_sizes(keyed *k, size_t n, double *size, double *pairs)
{
	qsort(k, n, sizeof *k, cmp_keyed);
	size_t groups = 0;
	*pairs = 0;
	for (size_t a = 0; a < n;) {
		size_t b = a;
		while (b < n && k[b].key == k[a].key)
			b++;
		double m = (double)(b - a);
		for (size_t x = a; x < b; x++)
			size[k[x].i] = m;
		groups++;
		*pairs += m * (m - 1) / 2;
		a = b;
	}
	return groups;
}

static double f1(double p, double r)
{
	return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

void ct_cluster_score_compute(const uint32_t *gold, const uint32_t *pred, size_t n, ct_cluster_score *out)
{
	*out = (ct_cluster_score){0};
	out->articles = n;
	if (!n)
		return;
	keyed *k = ct_xmalloc(n * sizeof *k);
	double *gsize = ct_xmalloc(n * sizeof *gsize), *psize = ct_xmalloc(n * sizeof *psize),
	       *csize = ct_xmalloc(n * sizeof *csize);
	double gpairs, ppairs, tp;
	for (size_t i = 0; i < n; i++)
		k[i] = (keyed){gold[i], i};
	out->gold_stories = group_sizes(k, n, gsize, &gpairs);
	for (size_t i = 0; i < n; i++)
		k[i] = (keyed){pred[i], i};
	out->pred_stories = group_sizes(k, n, psize, &ppairs);
	for (size_t i = 0; i < n; i++)
		k[i] = (keyed){(uint64_t)gold[i] << 32 | pred[i], i};
	group_sizes(k, n, csize, &tp);
	double bp = 0, br = 0;
	for (size_t i = 0; i < n; i++) {
		bp += csize[i] / psize[i];
		br += csize[i] / gsize[i];
	}
	out->b3_precision = bp / (double)n;
	out->b3_recall = br / (double)n;
	out->b3_f1 = f1(out->b3_precision, out->b3_recall);
	/* no pairs on a side: nothing there is wrong (precision) or missed (recall) */
	out->pair_precision = ppairs > 0 ? tp / ppairs : 1;
	out->pair_recall = gpairs > 0 ? tp / gpairs : 1;
	out->pair_f1 = f1(out->pair_precision, out->pair_recall);
	free(k);
	free(gsize);
	free(psize);
	free(csize);
}
