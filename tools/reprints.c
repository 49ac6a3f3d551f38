/*
 * reprints.c — measures the reprint decision (src/text/sketch.c) on real
 * news bodies: `make reprint-eval` (docs/reprints.md has the figures).
 *
 *   reprint-eval BODIES [--show LO HI] [--min-words N] [--seed S] [--speed]
 *
 * BODIES is any input claimtrace reads (FNC-1's train_bodies.csv).
 *  1. Every pair's exact shingle overlap (Jaccard, containment, shared),
 *     the pairs by containment, and how the sketch's decision and the LSH
 *     candidates agree with the exact decision. --show prints the pairs
 *     whose exact containment is in [LO, HI), with their longest shared
 *     passage, to be read and judged.
 *  2. Synthetic reprints made from each body of N words or more (default
 *     150): trimmed at the bottom, a new top from another body, sentences
 *     dropped, words edited, and these together; the recall of the sketch
 *     decision, and of the LSH candidates, by kind of edit.
 *  3. The sketch's cost: articles a second on one thread (first; --speed
 *     measures only that).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../src/core/util.h"
#include "../src/text/sketch.h"
#include "claimtrace.h"

typedef struct {
	ct_sketch_sim exact, est;
	int cand;
} pair_sim;

/* The decision on containment (by_jaccard 0) or on Jaccard (1). */
static int decide(ct_sketch_sim s, double c, double min_shared, int by_jaccard)
{
	return (by_jaccard ? s.jaccard : s.containment) >= c && s.shared >= min_shared;
}

typedef struct {
	char *id, *text;
	size_t len;
	uint64_t *sh; /* distinct, sorted */
	size_t nsh;
	ct_sketch sk;
	uint64_t bands[CT_SKETCH_BANDS];
	uint64_t simhash;
} body;

/* SimHash, the alternative measured against MinHash: each bit the
 * majority vote of the shingles' hashes. */
static uint64_t simhash(const uint64_t *sh, size_t n)
{
	int v[64] = {0};
	for (size_t i = 0; i < n; i++)
		for (int b = 0; b < 64; b++)
			v[b] += (sh[i] >> b) & 1 ? 1 : -1;
	uint64_t h = 0;
	for (int b = 0; b < 64; b++)
		if (v[b] > 0)
			h |= 1ull << b;
	return h;
}

static const int sim_bits[] = {3, 6, 10, 14};
enum { NSIM = sizeof sim_bits / sizeof *sim_bits };

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* The thread's CPU time: on a machine others share, the wall clock counts
 * their work too. */
static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static uint64_t rng(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static int share_band(const uint64_t *a, const uint64_t *b)
{
	for (int i = 0; i < CT_SKETCH_BANDS; i++)
		if (a[i] == b[i])
			return 1;
	return 0;
}

static void shingle_set(const char *t, size_t n, uint64_t **sh, size_t *nsh)
{
	size_t cap = 0;
	*sh = NULL;
	size_t all = ct_sketch_shingles(t, n, sh, &cap, NULL, NULL);
	*nsh = ct_sketch_distinct(*sh, all);
}

/* ---- synthetic reprints ---------------------------------------------- */

/* Sentences of t: ends after ". ", "? ", "! " or a newline. */
static size_t sentences(const char *t, size_t n, size_t *start, size_t cap)
{
	size_t k = 0, s = 0;
	for (size_t i = 0; i < n && k < cap; i++) {
		int end = t[i] == '\n' || ((t[i] == '.' || t[i] == '?' || t[i] == '!') && i + 1 < n && t[i + 1] == ' ');
		if (end || i + 1 == n) {
			if (i + 1 > s)
				start[k++] = s;
			s = i + 1;
		}
	}
	return k;
}

enum { TRIM50, TRIM30, TRIM15, NEWTOP, DROP3, EDIT, LEAD2, ALL, NKIND };
static const char *const kind_name[NKIND] = {
	"trimmed to 1/2", "trimmed to 30%", "trimmed to 15%", "new top + 70%", "every 3rd sentence dropped",
	"a word in 12 edited", "first 2 sentences only", "new top, 50%, 3rd dropped, edited"};

static void add_range(ct_buf *b, const char *t, size_t n, const size_t *st, size_t ns, size_t from, size_t to,
		      int drop3)
{
	for (size_t k = from; k < to && k < ns; k++) {
		if (drop3 && k % 3 == 2)
			continue;
		size_t e = k + 1 < ns ? st[k + 1] : n;
		ct_buf_add(b, t + st[k], e - st[k]);
	}
}

/* Replaces one word in every `every` with "xyzzy<k>". */
static void edit_words(ct_buf *out, const char *t, size_t n, int every)
{
	int w = 0;
	for (size_t i = 0; i < n;) {
		if (t[i] == ' ' || t[i] == '\n') {
			ct_buf_addc(out, t[i++]);
			continue;
		}
		size_t j = i;
		while (j < n && t[j] != ' ' && t[j] != '\n')
			j++;
		if (++w % every == 0)
			ct_buf_printf(out, "xyzzy%d", w);
		else
			ct_buf_add(out, t + i, j - i);
		i = j;
	}
}

static void make_copy(ct_buf *out, int kind, const body *b, const body *other)
{
	size_t st[4096], st2[4096];
	size_t ns = sentences(b->text, b->len, st, 4096);
	size_t no = sentences(other->text, other->len, st2, 4096);
	ct_buf tmp = {0};
	ct_buf_clear(out);
	switch (kind) {
	case TRIM50: add_range(out, b->text, b->len, st, ns, 0, (ns + 1) / 2, 0); break;
	case TRIM30: add_range(out, b->text, b->len, st, ns, 0, (ns * 3 + 9) / 10, 0); break;
	case TRIM15: add_range(out, b->text, b->len, st, ns, 0, (ns * 15 + 99) / 100, 0); break;
	case LEAD2: add_range(out, b->text, b->len, st, ns, 0, 2, 0); break;
	case NEWTOP:
		add_range(out, other->text, other->len, st2, no, 0, 3, 0);
		CT_BUF_LIT(out, "\n");
		add_range(out, b->text, b->len, st, ns, 0, (ns * 7 + 9) / 10, 0);
		break;
	case DROP3: add_range(out, b->text, b->len, st, ns, 0, ns, 1); break;
	case EDIT: edit_words(out, b->text, b->len, 12); break;
	case ALL:
		add_range(&tmp, other->text, other->len, st2, no, 0, 3, 0);
		CT_BUF_LIT(&tmp, "\n");
		add_range(&tmp, b->text, b->len, st, ns, 0, (ns + 1) / 2, 1);
		edit_words(out, tmp.data, tmp.len, 12);
		break;
	}
	ct_buf_free(&tmp);
	if (!out->data)
		CT_BUF_LIT(out, "");
}

/* ---- main -------------------------------------------------------------- */

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: reprint-eval BODIES [--show LO HI] [--min-words N] [--seed S] [--speed]\n", stderr);
		return 2;
	}
	double show_lo = -1, show_hi = -1;
	size_t min_words = 150;
	int speed_only = 0;
	uint64_t seed = 1;
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--show") && i + 2 < argc)
			show_lo = atof(argv[i + 1]), show_hi = atof(argv[i + 2]), i += 2;
		else if (!strcmp(argv[i], "--min-words") && i + 1 < argc)
			min_words = (size_t)atol(argv[++i]);
		else if (!strcmp(argv[i], "--speed"))
			speed_only = 1;
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = (uint64_t)atoll(argv[++i]);
		else {
			fprintf(stderr, "reprint-eval: unknown option '%s'\n", argv[i]);
			return 2;
		}
	}
	ct_ctx *ctx;
	if (ct_ctx_new(&ctx, NULL)) {
		fprintf(stderr, "reprint-eval: %s\n", ct_ctx_error(ctx));
		return 3;
	}
	ct_reader *r;
	if (ct_reader_open(&r, ctx, argv[1], CT_IN_AUTO)) {
		fprintf(stderr, "reprint-eval: cannot open %s\n", argv[1]);
		return 3;
	}
	body *bs = NULL;
	size_t nb = 0, bcap = 0;
	ct_doc *doc;
	int rc;
	while ((rc = ct_reader_next(r, &doc)) != 0) {
		if (rc < 0)
			continue;
		if (!ct_doc_run(ctx, doc, CT_STAGE_NORMALIZE)) {
			ct_grow((void **)&bs, &bcap, nb + 1, sizeof *bs);
			body *b = &bs[nb++];
			memset(b, 0, sizeof *b);
			size_t n;
			const char *t = ct_doc_text(doc, &n);
			b->text = ct_xstrndup(t, n);
			b->len = n;
			const char *id = ct_doc_meta(doc, CT_META_ID);
			b->id = ct_xstrdup(id ? id : "?");
		}
		ct_doc_free(doc);
	}
	ct_reader_free(r);

	/* the cost of sketching: each body's text to its sketch and band keys,
	 * the median of five passes */
	double pass[5], t0;
	size_t bytes = 0;
	for (int run = 0; run < 5; run++) {
		t0 = cpu_now();
		for (size_t i = 0; i < nb; i++) {
			ct_sketch_make(&bs[i].sk, bs[i].text, bs[i].len);
			ct_sketch_bands(&bs[i].sk, bs[i].bands);
		}
		pass[run] = cpu_now() - t0;
		for (int q = run; q > 0 && pass[q] < pass[q - 1]; q--) {
			double tmp = pass[q];
			pass[q] = pass[q - 1];
			pass[q - 1] = tmp;
		}
	}
	for (size_t i = 0; i < nb; i++)
		bytes += bs[i].len;
	double dt = pass[2];
	printf("bodies: %zu (%.1f MB); sketch and band keys: %.3f s of CPU (median of 5), %.0f articles/s on one "
	       "thread, %.0f us an article\n",
	       nb, bytes / 1e6, dt, nb / dt, 1e6 * dt / nb);
	if (speed_only) {
		for (size_t i = 0; i < nb; i++) {
			free(bs[i].id);
			free(bs[i].text);
		}
		free(bs);
		ct_ctx_free(ctx);
		return 0;
	}
	for (size_t i = 0; i < nb; i++) {
		shingle_set(bs[i].text, bs[i].len, &bs[i].sh, &bs[i].nsh);
		bs[i].simhash = simhash(bs[i].sh, bs[i].nsh);
	}
	size_t sim_pairs[NSIM] = {0}, sim_yes[NSIM] = {0};

	/* 1. every pair, exactly */
	static const double edges[] = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
	enum { NE = sizeof edges / sizeof *edges };
	size_t hist[NE] = {0}, cand_at[NE] = {0}, pairs = 0, cand = 0;
	size_t tp = 0, fp = 0, fn = 0, exact_yes = 0, lsh_yes = 0;
	pair_sim *ps_all = NULL;
	size_t nps = 0, ps_cap = 0;
	t0 = now();
	for (size_t i = 0; i < nb; i++) {
		for (size_t j = i + 1; j < nb; j++) {
			pairs++;
			int c = share_band(bs[i].bands, bs[j].bands);
			cand += c;
			ct_sketch_sim e = ct_sketch_exact(bs[i].sh, bs[i].nsh, bs[j].sh, bs[j].nsh);
			if (e.containment >= 0.1) {
				int k = 0;
				while (k + 1 < NE && e.containment >= edges[k + 1])
					k++;
				hist[k]++;
				cand_at[k] += c;
			}
			if (e.containment >= 0.2) {
				ct_grow((void **)&ps_all, &ps_cap, nps + 1, sizeof *ps_all);
				ps_all[nps++] = (pair_sim){e, ct_sketch_compare(&bs[i].sk, &bs[j].sk), c};
			}
			int ex = ct_sketch_same_copy(e);
			int hd = __builtin_popcountll(bs[i].simhash ^ bs[j].simhash);
			for (int k = 0; k < NSIM; k++)
				if (hd <= sim_bits[k])
					sim_pairs[k]++, sim_yes[k] += ex;
			int est = c && ct_sketch_is_reprint(&bs[i].sk, &bs[j].sk);
			exact_yes += ex;
			lsh_yes += ex && c;
			tp += ex && est, fp += !ex && est, fn += ex && !est;
			if (e.containment >= show_lo && e.containment < show_hi && e.shared >= 10) {
				ct_passage *ps;
				size_t np = ct_sketch_passages(bs[i].text, bs[i].len, bs[j].text, bs[j].len, 8, &ps);
				size_t best = 0, words = 0;
				for (size_t k = 0; k < np; k++) {
					words += ps[k].words;
					if (ps[k].words > ps[best].words)
						best = k;
				}
				printf("\n== %s %s: J %.3f C %.3f shared %.0f (sizes %zu, %zu) est. C %.3f; %zu passages, %zu words\n",
				       bs[i].id, bs[j].id, e.jaccard, e.containment, e.shared, bs[i].nsh, bs[j].nsh,
				       ct_sketch_compare(&bs[i].sk, &bs[j].sk).containment, np, words);
				printf("  A: %.200s\n  B: %.200s\n", bs[i].text, bs[j].text);
				if (np)
					printf("  longest: %.*s\n", (int)(ps[best].a_len < 300 ? ps[best].a_len : 300),
					       bs[i].text + ps[best].a_off);
				free(ps);
			}
		}
	}
	printf("\nall %zu pairs, exact shingle sets: %.1f s\n", pairs, now() - t0);
	printf("pairs by exact containment (shared / smaller):\n  %-11s %7s %9s\n", "containment", "pairs",
	       "LSH cand.");
	for (int k = 0; k < NE; k++)
		printf("  [%.1f, %.1f%c %7zu %9zu\n", edges[k], k + 1 < NE ? edges[k + 1] : 1.0, k + 1 < NE ? ')' : ']',
		       hist[k], cand_at[k]);
	printf("LSH candidates: %zu of %zu pairs (%.3f%%)\n", cand, pairs, 100.0 * cand / pairs);
	printf("exact decision (C >= %.2f, shared >= %d): %zu pairs; LSH finds %zu (recall %.1f%%)\n",
	       CT_REPRINT_CONTAINMENT, CT_REPRINT_MIN_SHARED, exact_yes, lsh_yes,
	       exact_yes ? 100.0 * lsh_yes / exact_yes : 100.0);
	printf("sketch decision on LSH candidates vs exact: P %.1f%% R %.1f%% (tp %zu fp %zu fn %zu)\n",
	       tp + fp ? 100.0 * tp / (tp + fp) : 100.0, tp + fn ? 100.0 * tp / (tp + fn) : 100.0, tp, fp, fn);

	printf("SimHash (64 bits) instead: pairs within a Hamming distance, and of them exact reprints:\n");
	for (int k = 0; k < NSIM; k++)
		printf("  <= %2d bits: %7zu pairs, %zu of them reprints (of %zu)\n", sim_bits[k], sim_pairs[k], sim_yes[k],
		       exact_yes);

	/* 2. synthetic reprints */
	size_t sim_found[NKIND][NSIM] = {{0}};
	size_t found[NKIND] = {0}, found_exact[NKIND] = {0}, cand_k[NKIND] = {0}, made = 0;
	pair_sim *syn = ct_xmalloc(nb * NKIND * sizeof *syn);
	ct_buf copy = {0};
	for (size_t i = 0; i < nb; i++) {
		size_t words = 0;
		for (size_t k = 0; k < bs[i].len; k++)
			words += bs[i].text[k] == ' ' && k + 1 < bs[i].len && bs[i].text[k + 1] != ' ';
		if (words < min_words)
			continue;
		made++;
		const body *other = &bs[rng(&seed) % nb];
		if (other == &bs[i])
			other = &bs[(i + 1) % nb];
		for (int k = 0; k < NKIND; k++) {
			make_copy(&copy, k, &bs[i], other);
			ct_sketch sk;
			uint64_t bands[CT_SKETCH_BANDS];
			ct_sketch_make(&sk, copy.data, copy.len);
			int c = ct_sketch_bands(&sk, bands) && share_band(bands, bs[i].bands);
			cand_k[k] += c;
			found[k] += c && ct_sketch_is_reprint(&bs[i].sk, &sk);
			pair_sim *y = &syn[(made - 1) * NKIND + k];
			y->est = ct_sketch_compare(&bs[i].sk, &sk);
			y->cand = c;
			uint64_t *sh;
			size_t nsh;
			shingle_set(copy.data, copy.len, &sh, &nsh);
			y->exact = ct_sketch_exact(bs[i].sh, bs[i].nsh, sh, nsh);
			int hd = __builtin_popcountll(bs[i].simhash ^ simhash(sh, nsh));
			for (int m = 0; m < NSIM; m++)
				sim_found[k][m] += hd <= sim_bits[m];
			found_exact[k] += ct_sketch_same_copy(y->exact);
			free(sh);
		}
	}
	ct_buf_free(&copy);
	printf("\nsynthetic reprints of the %zu bodies of %zu words or more (recall):\n", made, min_words);
	printf("  %-36s %8s %8s %8s\n", "edit", "LSH", "sketch", "exact");
	for (int k = 0; k < NKIND; k++)
		printf("  %-36s %7.1f%% %7.1f%% %7.1f%%\n", kind_name[k], 100.0 * cand_k[k] / made,
		       100.0 * found[k] / made, 100.0 * found_exact[k] / made);

	printf("\nSimHash's recall of the synthetic reprints, within");
	for (int m = 0; m < NSIM; m++)
		printf(" %2d bits", sim_bits[m]);
	printf("\n");
	for (int k = 0; k < NKIND; k++) {
		printf("  %-36s", kind_name[k]);
		for (int m = 0; m < NSIM; m++)
			printf(" %6.1f%%", 100.0 * sim_found[k][m] / made);
		printf("\n");
	}

	/* the thresholds tried: natural pairs linked, synthetic recall */
	static const double thr[] = {0.4, 0.5, 0.6, 0.7, 0.2, 0.3, 0.4};
	printf("\nthe decision at other thresholds (shared >= %d; LSH candidates, then the sketch):\n",
	       CT_REPRINT_MIN_SHARED);
	printf("  %-15s %10s %10s", "threshold on", "FNC pairs", "... exact");
	for (int k = 0; k < NKIND; k++)
		printf(" %6d", k + 1);
	printf("\n");
	for (size_t t = 0; t < sizeof thr / sizeof *thr; t++) {
		int by_j = t >= 4;
		size_t est = 0, ex = 0;
		for (size_t k = 0; k < nps; k++) {
			est += ps_all[k].cand && decide(ps_all[k].est, thr[t], CT_REPRINT_MIN_SHARED, by_j);
			ex += decide(ps_all[k].exact, thr[t], CT_REPRINT_MIN_SHARED, by_j);
		}
		printf("  %-11s %.2f %10zu %10zu", by_j ? "Jaccard" : "containment", thr[t], est, ex);
		for (int k = 0; k < NKIND; k++) {
			size_t f = 0;
			for (size_t m = 0; m < made; m++) {
				const pair_sim *y = &syn[m * NKIND + k];
				f += y->cand && decide(y->est, thr[t], CT_REPRINT_MIN_SHARED, by_j);
			}
			printf(" %5.1f%%", 100.0 * f / made);
		}
		printf("\n");
	}
	static const double floors[] = {20, 25, 30, 40, 50};
	printf("  and the floor of shared shingles, at containment %.2f:\n", CT_REPRINT_CONTAINMENT);
	for (size_t t = 0; t < sizeof floors / sizeof *floors; t++) {
		size_t est = 0, ex = 0;
		for (size_t k = 0; k < nps; k++) {
			est += ps_all[k].cand && decide(ps_all[k].est, CT_REPRINT_CONTAINMENT, floors[t], 0);
			ex += decide(ps_all[k].exact, CT_REPRINT_CONTAINMENT, floors[t], 0);
		}
		printf("  %-11s %4.0f %10zu %10zu", "shared >=", floors[t], est, ex);
		for (int k = 0; k < NKIND; k++) {
			size_t f = 0;
			for (size_t m = 0; m < made; m++) {
				const pair_sim *y = &syn[m * NKIND + k];
				f += y->cand && decide(y->est, CT_REPRINT_CONTAINMENT, floors[t], 0);
			}
			printf(" %5.1f%%", 100.0 * f / made);
		}
		printf("\n");
	}
	printf("  (columns 1-%d: the synthetic edits above, in order)\n", NKIND);
	free(syn);
	free(ps_all);

	for (size_t i = 0; i < nb; i++) {
		free(bs[i].id);
		free(bs[i].text);
		free(bs[i].sh);
	}
	free(bs);
	ct_ctx_free(ctx);
	return 0;
}
