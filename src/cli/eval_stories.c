/*
 * eval_stories.c — `claimtrace eval stories`: story discovery scored on
 * FNC-1's training bodies. Uses the public header only.
 *
 * Gold: the connected components of the graph joining headlines and
 * bodies by related pairs (agree, disagree, discuss), as ct_stance_stories
 * finds them; a body with no related pair is a story of its own. Each body
 * is an article of plain text (no title, date or outlet), added to the
 * grouper in Body ID order.
 *
 * Tuning without fitting the score: the gold stories fall in two halves
 * by a seeded hash of their smallest Body ID. The threshold is chosen on
 * one half (each half grouped alone, as an archive of its own) and the
 * score reported on the other, both ways round; then the grouping at the
 * shipped threshold (or --threshold) on each half and on all bodies.
 */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "claimtrace.h"
#include "cli.h"
#include "opts.h"

static const char usage_eval_stories[] =
	"usage: claimtrace eval stories (--fnc DIR | --bodies FILE --stances FILE) [OPTIONS]\n"
	"\n"
	"Groups FNC-1's training bodies into stories (as 'claimtrace stories' does) and\n"
	"scores the grouping against gold: the connected components of headlines and\n"
	"bodies joined by related pairs (agree, disagree, discuss), a body with none a\n"
	"story of its own. BCubed and pairwise precision, recall and F1; articles/s.\n"
	"The threshold is tuned on one half of the gold stories (halves by a seeded\n"
	"hash) and scored on the other, both ways round.\n";

enum { O_FNC = 256, O_BODIES, O_STANCES, O_THRESHOLD, O_SEED, O_REFERENCE, O_LIST, O_DATA, O_NO_TUNE };

static const cli_opt eval_stories_opts[] = {
	{O_FNC, "fnc", "DIR", "FNC-1's training data: DIR/train_bodies.csv and\nDIR/train_stances.csv"},
	{O_BODIES, "bodies", "FILE", "the bodies file, named alone (with --stances)"},
	{O_STANCES, "stances", "FILE", "the stances file, named alone (with --bodies)"},
	{O_THRESHOLD, "threshold", "T", "group at T rather than the shipped threshold"},
	{O_SEED, "seed", "N", "the seed of the halves (default 1)"},
	{O_NO_TUNE, "no-tune", NULL, "no tuning: the scores at the threshold alone"},
	{O_REFERENCE, "reference", NULL, "also the recipe of the issue's bar: scikit-learn's\n"
					 "TF-IDF and average-link clustering, tuned and scored\n"
					 "on the same halves (quadratic: for evaluation only)"},
	{O_LIST, "list", "N", "the N gold stories split most and the N grouped\n"
			      "stories that merge most, with each body's opening"},
	{'j', "threads", "N", "pipeline threads (default 2)"},
	{O_DATA, "data", "DIR", "lexicons (default: $CLAIMTRACE_DATA or built in)"},
	{'q', "quiet", NULL, "no warnings"},
	CLI_OPT_END};

static const cli_spec eval_stories_spec = {"eval stories", usage_eval_stories, eval_stories_opts, NULL, NULL, 0};

typedef struct {
	const ct_ctx *ctx;
	const char **ids, **texts;
	ct_group_feat **feats;
	size_t n, next;
	pthread_mutex_t lock;
} feat_jobs;

static void *feat_worker(void *arg)
{
	feat_jobs *fj = arg;
	for (;;) {
		pthread_mutex_lock(&fj->lock);
		size_t i = fj->next++;
		pthread_mutex_unlock(&fj->lock);
		if (i >= fj->n)
			return NULL;
		ct_doc *doc = ct_doc_new(fj->ids[i], fj->texts[i], strlen(fj->texts[i]));
		if (ct_doc_run(fj->ctx, doc, CT_STAGE_SEGMENT) == 0)
			fj->feats[i] = ct_group_feat_new(fj->ctx, doc);
		ct_doc_free(doc);
	}
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

typedef struct {
	const char *id;
	long num;
	size_t pair; /* a pair of the body, for its text */
	uint32_t gold;
} body;

static int cmp_body_id(const void *a, const void *b)
{
	const body *x = a, *y = b;
	if (x->num != y->num)
		return x->num < y->num ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* A uniform number in [0, 1) from the seed and a key (splitmix64). */
static double unit_hash(uint64_t seed, uint64_t key)
{
	uint64_t z = seed * 0x9e3779b97f4a7c15ULL + key + 0x9e3779b97f4a7c15ULL;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	return (double)(z >> 11) * (1.0 / 9007199254740992.0);
}

/* Groups the bodies with use[i] (all when use is NULL) at threshold t and
 * scores them; pred (n entries) gets each used body's story. */
static void group_score(ct_group_feat *const *feats, const body *b, size_t n, const unsigned char *use, double t,
			uint32_t *pred, ct_cluster_score *sc, double *secs)
{
	ct_grouper *g = ct_grouper_new();
	ct_grouper_set_threshold(g, t);
	uint32_t *gold = malloc((n + 1) * sizeof *gold), *got = malloc((n + 1) * sizeof *got);
	size_t m = 0;
	double t0 = now();
	for (size_t i = 0; i < n; i++) {
		if ((use && !use[i]) || !feats[i])
			continue;
		got[m] = ct_grouper_add(g, feats[i]);
		if (pred)
			pred[i] = got[m];
		gold[m++] = b[i].gold;
	}
	if (secs)
		*secs = now() - t0;
	ct_cluster_score_compute(gold, got, m, sc);
	free(gold);
	free(got);
	ct_grouper_free(g);
}

static void print_score(const char *what, double t, const ct_cluster_score *s)
{
	printf("%-22s t=%.2f  BCubed P %.4f R %.4f F1 %.4f   pairwise P %.4f R %.4f F1 %.4f   (%zu articles, %zu gold stories, %zu found)\n",
	       what, t, s->b3_precision, s->b3_recall, s->b3_f1, s->pair_precision, s->pair_recall, s->pair_f1, s->articles,
	       s->gold_stories, s->pred_stories);
}

/* The threshold with the best BCubed F1 on the bodies with use[i], from a
 * grid (ties: the lowest). */
static double tune(ct_group_feat *const *feats, const body *b, size_t n, const unsigned char *use)
{
	double best_t = 0, best_f = -1;
	for (int k = 2; k <= 80; k++) {
		double t = k / 100.0;
		ct_cluster_score s;
		group_score(feats, b, n, use, t, NULL, &s, NULL);
		if (s.b3_f1 > best_f) {
			best_f = s.b3_f1;
			best_t = t;
		}
	}
	return best_t;
}

/* ---- the reference: scikit-learn's recipe ------------------------------
 * TfidfVectorizer's defaults (tokens of two or more word characters,
 * lowercased; raw counts times idf = 1 + ln((1 + n) / (1 + df)); rows
 * normalized) and average-link agglomerative clustering on cosine
 * distance, cut at a distance threshold: what the bar was
 * measured with, here to compare on the same halves. Quadratic in
 * articles, so for evaluation only. */

typedef struct {
	uint32_t *term;
	float *w;
	size_t n;
} sparse;

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* A body's word ids, sorted with repeats, into *ids (owned); the count. */
static size_t sk_tokens(const char *text, char ***vocab, size_t *nvocab, size_t *cap, uint32_t **ids)
{
	size_t n = 0, idcap = 64;
	*ids = malloc(idcap * sizeof **ids);
	const unsigned char *p = (const unsigned char *)text;
	while (*p) {
		while (*p && !(*p >= 0x80 || *p == '_' || (*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'z')))
			p++;
		const unsigned char *q = p;
		while (*q && (*q >= 0x80 || *q == '_' || (*q >= '0' && *q <= '9') || ((*q | 32) >= 'a' && (*q | 32) <= 'z')))
			q++;
		if (q - p >= 2) {
			char w[256];
			size_t len = (size_t)(q - p) < sizeof w - 1 ? (size_t)(q - p) : sizeof w - 1;
			for (size_t k = 0; k < len; k++)
				w[k] = (char)((p[k] >= 'A' && p[k] <= 'Z') ? p[k] | 32 : p[k]);
			w[len] = 0;
			/* a linear vocabulary search would be quadratic: sorted insert */
			size_t lo = 0, hi = *nvocab;
			while (lo < hi) {
				size_t mid = (lo + hi) / 2;
				if (strcmp((*vocab)[mid] + 4, w) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			uint32_t id;
			if (lo < *nvocab && !strcmp((*vocab)[lo] + 4, w)) {
				memcpy(&id, (*vocab)[lo], 4);
			} else {
				if (*nvocab == *cap) {
					*cap = *cap ? 2 * *cap : 1024;
					*vocab = realloc(*vocab, *cap * sizeof **vocab);
				}
				memmove(*vocab + lo + 1, *vocab + lo, (*nvocab - lo) * sizeof **vocab);
				char *e = malloc(4 + len + 1);
				id = (uint32_t)*nvocab;
				memcpy(e, &id, 4);
				memcpy(e + 4, w, len + 1);
				(*vocab)[lo] = e;
				(*nvocab)++;
			}
			if (n == idcap)
				*ids = realloc(*ids, (idcap *= 2) * sizeof **ids);
			(*ids)[n++] = id;
		}
		p = q;
	}
	qsort(*ids, n, sizeof **ids, cmp_u32);
	return n;
}

/* The average-link dendrogram of the bodies with use[i] by the
 * nearest-neighbour chain: merges (a, b, similarity) of cluster
 * representatives, into *out (owned); their number. */
typedef struct {
	uint32_t a, b;
	double sim;
} merge;

static size_t sk_dendrogram(const ct_stance_data *d, const body *b, size_t n, const unsigned char *use, size_t **members,
			    size_t *m_out, merge **out)
{
	size_t m = 0;
	size_t *idx = malloc((n + 1) * sizeof *idx);
	for (size_t i = 0; i < n; i++)
		if (!use || use[i])
			idx[m++] = i;
	char **vocab = NULL;
	size_t nvocab = 0, vcap = 0;
	uint32_t **ids = malloc((m + 1) * sizeof *ids);
	size_t *nids = malloc((m + 1) * sizeof *nids);
	for (size_t k = 0; k < m; k++)
		nids[k] = sk_tokens(ct_stance_data_body(d, b[idx[k]].pair), &vocab, &nvocab, &vcap, &ids[k]);
	uint32_t *df = calloc(nvocab + 1, sizeof *df);
	sparse *v = calloc(m + 1, sizeof *v);
	for (size_t k = 0; k < m; k++) {
		v[k].term = malloc((nids[k] + 1) * sizeof *v[k].term);
		v[k].w = malloc((nids[k] + 1) * sizeof *v[k].w);
		for (size_t a = 0; a < nids[k];) {
			size_t z = a;
			while (z < nids[k] && ids[k][z] == ids[k][a])
				z++;
			v[k].term[v[k].n] = ids[k][a];
			v[k].w[v[k].n++] = (float)(z - a);
			df[ids[k][a]]++;
			a = z;
		}
	}
	for (size_t k = 0; k < m; k++) {
		double norm = 0;
		for (size_t a = 0; a < v[k].n; a++) {
			v[k].w[a] *= (float)(1 + log((1.0 + (double)m) / (1.0 + df[v[k].term[a]])));
			norm += (double)v[k].w[a] * v[k].w[a];
		}
		for (size_t a = 0; a < v[k].n; a++)
			v[k].w[a] = (float)(v[k].w[a] / sqrt(norm > 0 ? norm : 1));
	}
	double *S = malloc((m * m + 1) * sizeof *S);
	for (size_t x = 0; x < m; x++)
		for (size_t y = x; y < m; y++) {
			double dot = 0;
			for (size_t p = 0, q = 0; p < v[x].n && q < v[y].n;) {
				if (v[x].term[p] < v[y].term[q])
					p++;
				else if (v[x].term[p] > v[y].term[q])
					q++;
				else
					dot += (double)v[x].w[p++] * v[y].w[q++];
			}
			S[x * m + y] = S[y * m + x] = dot;
		}
	/* nearest-neighbour chain (average linkage is reducible) */
	double *size = malloc((m + 1) * sizeof *size);
	unsigned char *active = malloc(m + 1);
	size_t *chain = malloc((m + 1) * sizeof *chain), nchain = 0, nactive = m, nm = 0;
	merge *mg = malloc((m + 1) * sizeof *mg);
	for (size_t k = 0; k < m; k++)
		size[k] = 1, active[k] = 1;
	while (nactive > 1) {
		if (!nchain)
			for (size_t k = 0; k < m; k++)
				if (active[k]) {
					chain[nchain++] = k;
					break;
				}
		size_t a = chain[nchain - 1], best = SIZE_MAX;
		double bs = -1;
		if (nchain > 1) {
			best = chain[nchain - 2];
			bs = S[a * m + best];
		}
		for (size_t k = 0; k < m; k++)
			if (active[k] && k != a && S[a * m + k] > bs)
				bs = S[a * m + k], best = k;
		if (nchain > 1 && best == chain[nchain - 2]) {
			nchain -= 2;
			size_t keep = a < best ? a : best, gone = a < best ? best : a;
			mg[nm++] = (merge){(uint32_t)keep, (uint32_t)gone, bs};
			for (size_t k = 0; k < m; k++)
				if (active[k] && k != keep && k != gone) {
					double sv = (size[keep] * S[keep * m + k] + size[gone] * S[gone * m + k]) / (size[keep] + size[gone]);
					S[keep * m + k] = S[k * m + keep] = sv;
				}
			size[keep] += size[gone];
			active[gone] = 0;
			nactive--;
		} else {
			chain[nchain++] = best;
		}
	}
	for (size_t k = 0; k < m; k++) {
		free(v[k].term);
		free(v[k].w);
		free(ids[k]);
	}
	for (size_t k = 0; k < nvocab; k++)
		free(vocab[k]);
	free(vocab);
	free(v);
	free(ids);
	free(nids);
	free(df);
	free(S);
	free(size);
	free(active);
	free(chain);
	*members = idx;
	*m_out = m;
	*out = mg;
	return nm;
}

static uint32_t uf_find(uint32_t *parent, uint32_t x)
{
	while (parent[x] != x)
		x = parent[x] = parent[parent[x]];
	return x;
}

/* The dendrogram cut at similarity t (merges at t or closer), scored. */
static void sk_cut(const body *b, const size_t *idx, size_t m, const merge *mg, size_t nm, double t,
		   ct_cluster_score *sc)
{
	uint32_t *parent = malloc((m + 1) * sizeof *parent), *gold = malloc((m + 1) * sizeof *gold),
		 *pred = malloc((m + 1) * sizeof *pred);
	for (size_t k = 0; k < m; k++)
		parent[k] = (uint32_t)k;
	for (size_t k = 0; k < nm; k++)
		if (mg[k].sim >= t)
			parent[uf_find(parent, mg[k].a)] = uf_find(parent, mg[k].b);
	for (size_t k = 0; k < m; k++) {
		pred[k] = uf_find(parent, (uint32_t)k);
		gold[k] = b[idx[k]].gold;
	}
	ct_cluster_score_compute(gold, pred, m, sc);
	free(parent);
	free(gold);
	free(pred);
}

/* The reference tuned on one half and scored on the other, both ways. */
static void reference(const ct_stance_data *d, const body *b, size_t n, unsigned char *const use[2])
{
	size_t *idx[2], m[2], nm[2];
	merge *mg[2];
	double t0 = now();
	for (int h = 0; h < 2; h++)
		nm[h] = sk_dendrogram(d, b, n, use[h], &idx[h], &m[h], &mg[h]);
	double secs = now() - t0;
	for (int h = 0; h < 2; h++) {
		double best_t = 0, best_f = -1;
		for (int k = 2; k <= 80; k++) {
			ct_cluster_score s;
			sk_cut(b, idx[h], m[h], mg[h], nm[h], k / 100.0, &s);
			if (s.b3_f1 > best_f)
				best_f = s.b3_f1, best_t = k / 100.0;
		}
		ct_cluster_score s;
		char what[64];
		snprintf(what, sizeof what, "ref tuned on %c, on %c", "AB"[h], "AB"[h]);
		sk_cut(b, idx[h], m[h], mg[h], nm[h], best_t, &s);
		print_score(what, best_t, &s);
		snprintf(what, sizeof what, "ref tuned on %c, on %c", "AB"[h], "BA"[h]);
		sk_cut(b, idx[!h], m[!h], mg[!h], nm[!h], best_t, &s);
		print_score(what, best_t, &s);
	}
	printf("reference speed: %.0f articles/s (TF-IDF and the average-link dendrogram of each half)\n",
	       (double)(m[0] + m[1]) / secs);
	for (int h = 0; h < 2; h++) {
		free(idx[h]);
		free(mg[h]);
	}
}

/* The opening of a body on one line, for --list. */
static void print_opening(const char *id, const char *text)
{
	printf("      %-5s ", id);
	int col = 0;
	for (const char *p = text; *p && col < 100; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t') {
			if (col && p[-1] != ' ' && p[-1] != '\n')
				putchar(' '), col++;
			continue;
		}
		putchar(*p);
		col++;
	}
	printf("\n");
}

typedef struct {
	uint32_t key;
	size_t parts, size;
} tally;

static int cmp_tally(const void *a, const void *b)
{
	const tally *x = a, *y = b;
	if (x->parts != y->parts)
		return x->parts > y->parts ? -1 : 1;
	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return x->key < y->key ? -1 : x->key > y->key;
}

/* The `top` stories of `by` (gold or predicted) spread over the most
 * stories of `other`, each with its bodies grouped by `other`. */
static void list_worst(const char *title, const ct_stance_data *d, const body *b, size_t n, const uint32_t *by,
		       const uint32_t *other, long top, ct_grouper *g, int by_pred)
{
	uint32_t maxk = 0;
	for (size_t i = 0; i < n; i++)
		maxk = by[i] > maxk ? by[i] : maxk;
	tally *t = calloc((size_t)maxk + 1, sizeof *t);
	for (uint32_t k = 0; k <= maxk; k++)
		t[k].key = k;
	for (size_t i = 0; i < n; i++) {
		t[by[i]].size++;
		int seen = 0; /* is other[i] new among this story's bodies before i? */
		for (size_t j = 0; j < i && !seen; j++)
			seen = by[j] == by[i] && other[j] == other[i];
		t[by[i]].parts += !seen;
	}
	qsort(t, (size_t)maxk + 1, sizeof *t, cmp_tally);
	printf("\n%s\n", title);
	for (long r = 0; r < top && r <= (long)maxk && t[r].parts > 1; r++) {
		uint32_t k = t[r].key;
		printf("  %s %u: %zu bodies in %zu %s\n", by_pred ? "found" : "gold", k, t[r].size, t[r].parts,
		       by_pred ? "gold stories" : "found stories");
		if (by_pred)
			printf("    title: %s\n", ct_grouper_story_title(g, k));
		for (size_t i = 0; i < n; i++) {
			if (by[i] != k)
				continue;
			int first = 1;
			for (size_t j = 0; j < i && first; j++)
				first = !(by[j] == k && other[j] == other[i]);
			if (!first)
				continue;
			printf("    %s %u%s%s\n", by_pred ? "gold" : "found", other[i], by_pred ? "" : ": ",
			       by_pred ? "" : ct_grouper_story_title(g, other[i]));
			for (size_t j = i; j < n; j++)
				if (by[j] == k && other[j] == other[i])
					print_opening(b[j].id, ct_stance_data_body(d, b[j].pair));
		}
	}
	free(t);
}

int cli_eval_stories(int argc, char **argv)
{
	const char *fnc = NULL, *bodies_path = NULL, *stances_path = NULL, *data = NULL;
	double threshold = CT_GROUP_THRESHOLD;
	long seed = 1, threads = 2, list = 0;
	int quiet = 0, ref = 0, no_tune = 0;
	cli_opts p;
	int o;
	char *end;
	cli_opts_init(&p, &eval_stories_spec, argc, argv);
	while ((o = cli_opts_next(&p)) > 0) {
		switch (o) {
		case O_FNC:
			fnc = p.value;
			break;
		case O_BODIES:
			bodies_path = p.value;
			break;
		case O_STANCES:
			stances_path = p.value;
			break;
		case O_THRESHOLD:
			threshold = strtod(p.value, &end);
			if (*end || end == p.value || !(threshold >= 0 && threshold <= 100))
				return cli_opts_error(&p, "--threshold: a number from 0, not '%s'", p.value);
			break;
		case O_SEED:
			if (cli_parse_count(p.value, 1L << 30, &seed))
				return cli_opts_error(&p, "--seed: a whole number from 1, not '%s'", p.value);
			break;
		case O_LIST:
			if (cli_parse_count(p.value, 1L << 20, &list))
				return cli_opts_error(&p, "--list: a whole number from 1, not '%s'", p.value);
			break;
		case 'j':
			if (cli_parse_count(p.value, 256, &threads))
				return cli_opts_error(&p, "--threads: a whole number from 1 to 256, not '%s'", p.value);
			break;
		case O_DATA:
			data = p.value;
			break;
		case 'q':
			quiet = 1;
			break;
		case O_REFERENCE:
			ref = 1;
			break;
		case O_NO_TUNE:
			no_tune = 1;
			break;
		}
	}
	if (o < 0)
		return cli_opts_exit(o);
	if (!fnc && (!bodies_path || !stances_path))
		return cli_opts_error(&p, "%s", "--fnc DIR, or --bodies FILE and --stances FILE, are required");
	ct_stance_data *d;
	if (cli_fnc_read(fnc, bodies_path, stances_path, quiet, &d))
		return EXIT_FATAL;
	ct_ctx *ctx;
	if (cli_context(data, &ctx)) {
		ct_stance_data_free(d);
		return EXIT_FATAL;
	}

	/* the bodies, once each, in Body ID order, with their gold story */
	size_t np = ct_stance_data_npairs(d);
	uint32_t *story = malloc((np + 1) * sizeof *story);
	body *b = malloc((np + 1) * sizeof *b);
	size_t ns = ct_stance_stories(d, story), n = 0;
	for (size_t i = 0; i < np; i++) {
		int l = ct_stance_data_label(d, i);
		b[n++] = (body){ct_stance_data_body_id(d, i), atol(ct_stance_data_body_id(d, i)), i,
				l >= 0 && l != CT_STANCE_UNRELATED ? story[i] : UINT32_MAX};
	}
	qsort(b, n, sizeof *b, cmp_body_id);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (m && !strcmp(b[m - 1].id, b[i].id)) {
			if (b[m - 1].gold == UINT32_MAX)
				b[m - 1].gold = b[i].gold;
			continue;
		}
		b[m++] = b[i];
	}
	n = m;
	for (size_t i = 0; i < n; i++)
		if (b[i].gold == UINT32_MAX)
			b[i].gold = (uint32_t)ns++; /* no related pair: a story alone */
	free(story);
	if (!n) {
		fprintf(stderr, "claimtrace: eval stories: no bodies\n");
		ct_ctx_free(ctx);
		ct_stance_data_free(d);
		free(b);
		return EXIT_FATAL;
	}

	/* features on threads */
	feat_jobs fj = {ctx, calloc(n, sizeof(char *)), calloc(n, sizeof(char *)), calloc(n, sizeof(ct_group_feat *)),
			n, 0, PTHREAD_MUTEX_INITIALIZER};
	for (size_t i = 0; i < n; i++) {
		fj.ids[i] = b[i].id;
		fj.texts[i] = ct_stance_data_body(d, b[i].pair);
	}
	double t0 = now();
	pthread_t *tid = calloc((size_t)threads, sizeof *tid);
	long started = 0;
	for (long t = 1; t < threads; t++)
		started += !pthread_create(&tid[started], NULL, feat_worker, &fj);
	feat_worker(&fj);
	for (long t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	free(tid);
	double feat_secs = now() - t0;
	int rc = 0;
	for (size_t i = 0; i < n; i++)
		if (!fj.feats[i]) {
			fprintf(stderr, "claimtrace: eval stories: body %s: the pipeline failed\n", b[i].id);
			rc = EXIT_FATAL;
		}
	if (rc == EXIT_FATAL)
		goto out;

	/* the halves: by a hash of each gold story's smallest Body ID (bodies
	 * are in Body ID order, so its first body) */
	uint32_t *half_of = malloc((ns + 1) * sizeof *half_of);
	for (size_t k = 0; k < ns; k++)
		half_of[k] = UINT32_MAX;
	unsigned char *use[2] = {calloc(n, 1), calloc(n, 1)};
	size_t count[2] = {0, 0};
	for (size_t i = 0; i < n; i++) {
		if (half_of[b[i].gold] == UINT32_MAX)
			half_of[b[i].gold] = unit_hash((uint64_t)seed, (uint64_t)b[i].num) < 0.5;
		use[half_of[b[i].gold]][i] = 1;
		count[half_of[b[i].gold]]++;
	}
	free(half_of);

	printf("bodies: %zu, gold stories: %zu; halves by seed %ld: A %zu bodies, B %zu\n", n, ns, seed, count[0], count[1]);
	for (int h = 0; h < 2 && !no_tune; h++) {
		double t = tune(fj.feats, b, n, use[h]);
		ct_cluster_score s;
		char what[64];
		snprintf(what, sizeof what, "tuned on %c, on %c", "AB"[h], "AB"[h]);
		group_score(fj.feats, b, n, use[h], t, NULL, &s, NULL);
		print_score(what, t, &s);
		snprintf(what, sizeof what, "tuned on %c, on %c", "AB"[h], "BA"[h]);
		group_score(fj.feats, b, n, use[!h], t, NULL, &s, NULL);
		print_score(what, t, &s);
	}
	if (ref)
		reference(d, b, n, use);
	ct_cluster_score s;
	group_score(fj.feats, b, n, use[0], threshold, NULL, &s, NULL);
	print_score("half A", threshold, &s);
	group_score(fj.feats, b, n, use[1], threshold, NULL, &s, NULL);
	print_score("half B", threshold, &s);
	uint32_t *pred = malloc((n + 1) * sizeof *pred);
	double group_secs;
	group_score(fj.feats, b, n, NULL, threshold, pred, &s, &group_secs);
	print_score("all bodies", threshold, &s);
	printf("speed: %.0f articles/s with the pipeline to segment (%.2f s, %ld threads), grouping alone %.0f articles/s (%.3f s)\n",
	       (double)n / (feat_secs + group_secs), feat_secs + group_secs, threads,
	       group_secs > 0 ? (double)n / group_secs : 0, group_secs);

	if (list) {
		/* the grouping again, kept, for titles */
		ct_grouper *g = ct_grouper_new();
		ct_grouper_set_threshold(g, threshold);
		uint32_t *gold = malloc((n + 1) * sizeof *gold);
		for (size_t i = 0; i < n; i++) {
			if (fj.feats[i])
				ct_grouper_add(g, fj.feats[i]);
			gold[i] = b[i].gold;
		}
		list_worst("gold stories split most (each part: the found story, its title, its bodies):", d, b, n,
			   gold, pred, list, g, 0);
		list_worst("found stories that merge most gold stories:", d, b, n, pred, gold, list, g, 1);
		free(gold);
		ct_grouper_free(g);
	}
	free(pred);
	free(use[0]);
	free(use[1]);
	rc = 0;
out:
	for (size_t i = 0; i < n; i++)
		ct_group_feat_free(fj.feats[i]);
	free(fj.feats);
	free(fj.ids);
	free(fj.texts);
	free(b);
	ct_ctx_free(ctx);
	ct_stance_data_free(d);
	return rc;
}
