/*
 * textscore.c — the article-extraction benchmark's shingle overlap
 * (ct_text_score in claimtrace.h). Shingles are compared by a 64-bit hash of their four
 * tokens: a collision between two different shingles of one page is
 * vanishingly rare at page sizes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <utf8proc.h>

#include "claimtrace.h"
#include "../core/util.h"

static int is_word_char(utf8proc_int32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

/* The hash of each token, in order. */
static size_t token_hashes(const char *s, size_t n, uint64_t **out)
{
	uint64_t *h = NULL;
	size_t k = 0, cap = 0, i = 0;
	int in = 0;
	uint64_t cur = 0;
	while (i < n) {
		utf8proc_int32_t c;
		utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
		if (len <= 0)
			len = 1, c = -1;
		int w = c >= 0 && is_word_char(c);
		if (w) {
			if (!in)
				cur = 1469598103934665603ull, in = 1;
			for (utf8proc_ssize_t j = 0; j < len; j++)
				cur = (cur ^ (unsigned char)s[i + (size_t)j]) * 1099511628211ull;
		} else if (in) {
			ct_grow((void **)&h, &cap, k + 1, sizeof *h);
			h[k++] = cur;
			in = 0;
		}
		i += (size_t)len;
	}
	if (in) {
		ct_grow((void **)&h, &cap, k + 1, sizeof *h);
		h[k++] = cur;
	}
	*out = h;
	return k;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* The sorted shingle hashes of a text; a text of fewer than four tokens is
 * one shingle of what it has. */
static size_t shingles(const char *s, size_t n, uint64_t **out)
{
	uint64_t *tok;
	size_t nt = token_hashes(s, n, &tok);
	size_t ns = nt == 0 ? 0 : nt < 4 ? 1 : nt - 3;
	uint64_t *sh = ct_xcalloc(ns ? ns : 1, sizeof *sh);
	for (size_t i = 0; i < ns; i++) {
		uint64_t h = 0x9e3779b97f4a7c15ull;
		for (size_t j = i; j < i + 4 && j < nt; j++)
			h = (h ^ tok[j]) * 0xff51afd7ed558ccdull + (h >> 29);
		sh[i] = h;
	}
	free(tok);
	if (ns > 1)
		qsort(sh, ns, sizeof *sh, cmp_u64);
	*out = sh;
	return ns;
}

void ct_text_score_add(ct_text_score *acc, const char *expected, size_t elen, const char *predicted, size_t plen,
		       double *page_f1)
{
	uint64_t *e, *p;
	size_t ne = shingles(expected, elen, &e), np = shingles(predicted, plen, &p);
	size_t tp = 0, i = 0, j = 0;
	while (i < ne && j < np) {
		if (e[i] == p[j])
			tp++, i++, j++;
		else if (e[i] < p[j])
			i++;
		else
			j++;
	}
	free(e);
	free(p);
	size_t fp = np - tp, fn = ne - tp, sum = tp + fp + fn;
	double t = sum ? (double)tp / (double)sum : 0, f = sum ? (double)fp / (double)sum : 0,
	       m = sum ? (double)fn / (double)sum : 0;
	acc->pages++;
	if (!sum) { /* nothing expected, nothing given: right */
		acc->psum += 1, acc->pn++;
		acc->rsum += 1, acc->rn++;
	} else {
		if (tp + fp)
			acc->psum += t / (t + f), acc->pn++;
		if (tp + fn)
			acc->rsum += t / (t + m), acc->rn++;
	}
	if (page_f1)
		*page_f1 = sum ? 2 * t / (2 * t + f + m) : 1;
}

void ct_text_score_result(const ct_text_score *acc, double *p, double *r, double *f1)
{
	*p = acc->pn ? acc->psum / (double)acc->pn : 0;
	*r = acc->rn ? acc->rsum / (double)acc->rn : 0;
	*f1 = *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0;
}
