/*
 * fnc.c — FNC-1 data: headline–body pairs with their labels, the
 * development split, and the official score.
 *
 * Reading goes through the generic CSV rows of src/read/csv.c, so quoting,
 * line breaks in fields and error lines behave as for articles. Columns
 * are found by name ("Body ID", "articleBody", "Headline", "Stance"); a
 * row that cannot be used is left out with a warning naming file, line
 * and reason, and everything else is kept.
 *
 * The split holds a body out when a hash of (seed, Body ID) falls in the
 * first `fraction` of the hash range. Holding out bodies rather than pairs
 * matters: FNC-1's test set has bodies the model never saw, and a body
 * shared between the two sides would let its words leak across. The story
 * split goes further (the test set's headlines were new too): headlines
 * and bodies joined by related pairs are held out together. Its holdout
 * can then be brought to the test set's label mix (ct_stance_mix_holdout)
 * the way FNC-1 built its unrelated pairs, from headlines and bodies of
 * different stories — all of them held out.
 */
#include "stance.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../read/read.h"

typedef struct {
	char *headline;
	char *body_id;
	int body; /* index into bodies, -1 without */
	int label;
	long line;
	float probs[CT_STANCE_NLABELS]; /* from predict --probs columns; probs[0] < 0: none */
} pair;

struct ct_stance_data {
	char err[1024];
	ct_table body_index; /* id → index */
	char **body_ids, **bodies;
	size_t nbodies, bodies_cap;
	pair *pairs;
	size_t npairs, pairs_cap;
	char **warnings;
	size_t nwarn, warn_cap;
};

ct_stance_data *ct_stance_data_new(void)
{
	return ct_xcalloc(1, sizeof(ct_stance_data));
}

void ct_stance_data_free(ct_stance_data *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nbodies; i++) {
		free(d->body_ids[i]);
		free(d->bodies[i]);
	}
	free(d->body_ids);
	free(d->bodies);
	ct_table_free(&d->body_index);
	for (size_t i = 0; i < d->npairs; i++) {
		free(d->pairs[i].headline);
		free(d->pairs[i].body_id);
	}
	free(d->pairs);
	for (size_t i = 0; i < d->nwarn; i++)
		free(d->warnings[i]);
	free(d->warnings);
	free(d);
}

void ct_stance_data_add_body(ct_stance_data *d, const char *id, const char *text)
{
	int at;
	if (ct_table_get(&d->body_index, id, strlen(id), &at)) {
		free(d->bodies[at]);
		d->bodies[at] = ct_xstrdup(text);
		return;
	}
	size_t cap = d->bodies_cap;
	ct_grow((void **)&d->body_ids, &cap, d->nbodies + 1, sizeof *d->body_ids);
	ct_grow((void **)&d->bodies, &d->bodies_cap, d->nbodies + 1, sizeof *d->bodies);
	d->body_ids[d->nbodies] = ct_xstrdup(id);
	d->bodies[d->nbodies] = ct_xstrdup(text);
	ct_table_put(&d->body_index, id, strlen(id), (int)d->nbodies);
	d->nbodies++;
}

static void add_pair(ct_stance_data *d, const char *headline, const char *body_id, int body, int label, long line)
{
	ct_grow((void **)&d->pairs, &d->pairs_cap, d->npairs + 1, sizeof *d->pairs);
	d->pairs[d->npairs++] = (pair){ct_xstrdup(headline), ct_xstrdup(body_id), body, label, line, {-1, -1, -1, -1}};
}

int ct_stance_data_add_pair(ct_stance_data *d, const char *headline, const char *body_id, int label)
{
	int at;
	if (!ct_table_get(&d->body_index, body_id, strlen(body_id), &at))
		return CT_EARG;
	if (label < -1 || label >= CT_STANCE_NLABELS)
		return CT_EARG;
	add_pair(d, headline, body_id, at, label, 0);
	return 0;
}

static void warn(ct_stance_data *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(ct_stance_data *d, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	ct_grow((void **)&d->warnings, &d->warn_cap, d->nwarn + 1, sizeof *d->warnings);
	d->warnings[d->nwarn++] = ct_xstrdup(tmp);
}

/* Opens a CSV and finds its columns; names[i] NULL-terminated, want[i]
 * whether column i is required. */
static int open_table(ct_stance_data *d, ct_reader **r, const char *path, const char *const *names,
		      const int *want, int *cols, int n)
{
	int rc = ct_csv_rows_open(r, path);
	if (rc) {
		snprintf(d->err, sizeof d->err, "%s", ct_reader_error(*r));
		return rc;
	}
	for (int i = 0; i < n; i++) {
		cols[i] = ct_csv_column(*r, names[i]);
		if (cols[i] < 0 && want[i]) {
			snprintf(d->err, sizeof d->err, "%s:1: no \"%s\" column in the header", path, names[i]);
			return CT_EFORMAT;
		}
	}
	return 0;
}

/* The next row with as many fields as the header: 1, or 0 at the end.
 * Rows that cannot be read or have another count are warned about and
 * skipped. */
static int next_row(ct_stance_data *d, ct_reader *r, const char *path, long *line)
{
	int n;
	while ((n = ct_csv_row(r, line)) != 0) {
		if (n < 0)
			warn(d, "%s", ct_reader_error(r));
		else if ((size_t)n != r->ncols)
			warn(d, "%s:%ld: expected %zu fields, found %d", path, *line, r->ncols, n);
		else
			return 1;
	}
	return 0;
}

static int read_bodies(ct_stance_data *d, const char *path)
{
	static const char *const names[] = {"Body ID", "articleBody"};
	static const int want[] = {1, 1};
	int cols[2];
	ct_reader *r;
	int rc = open_table(d, &r, path, names, want, cols, 2);
	long line;
	while (!rc && next_row(d, r, path, &line)) {
		const char *id = ct_csv_field(r, (size_t)cols[0]), *text = ct_csv_field(r, (size_t)cols[1]);
		int at;
		if (!*id)
			warn(d, "%s:%ld: empty Body ID", path, line);
		else if (ct_table_get(&d->body_index, id, strlen(id), &at))
			warn(d, "%s:%ld: Body ID %s appears twice; the first is kept", path, line, id);
		else
			ct_stance_data_add_body(d, id, text);
	}
	ct_reader_free(r);
	return rc;
}

/* The four probability columns of `predict --probs`: 1 and probs when the
 * row has all of them as numbers, else 0. */
static int row_probs(ct_reader *r, const int *cols, float probs[CT_STANCE_NLABELS])
{
	for (int k = 0; k < CT_STANCE_NLABELS; k++) {
		const char *f = cols[k] >= 0 ? ct_csv_field(r, (size_t)cols[k]) : NULL;
		char *end;
		double v = f ? strtod(f, &end) : -1;
		if (!f || end == f || *end || !(v >= 0 && v <= 1))
			return 0;
		probs[k] = (float)v;
	}
	return 1;
}

static int read_stances(ct_stance_data *d, const char *path, int with_bodies)
{
	static const char *const names[] = {"Headline", "Body ID", "Stance", "agree", "disagree", "discuss", "unrelated"};
	static const int want[] = {1, 1, 0, 0, 0, 0, 0};
	int cols[7];
	ct_reader *r;
	int rc = open_table(d, &r, path, names, want, cols, 7);
	long line;
	while (!rc && next_row(d, r, path, &line)) {
		const char *headline = ct_csv_field(r, (size_t)cols[0]), *id = ct_csv_field(r, (size_t)cols[1]);
		int label = -1, body = -1;
		if (cols[2] >= 0) {
			const char *s = ct_csv_field(r, (size_t)cols[2]);
			label = ct_stance_label_from_name(s);
			if (label < 0) {
				warn(d, "%s:%ld: unknown stance \"%.40s\" (agree, disagree, discuss, unrelated)", path,
				     line, s);
				continue;
			}
		}
		if (with_bodies && !ct_table_get(&d->body_index, id, strlen(id), &body)) {
			warn(d, "%s:%ld: Body ID \"%.40s\" is not in the bodies file", path, line, id);
			continue;
		}
		add_pair(d, headline, id, body, label, line);
		float p[CT_STANCE_NLABELS];
		if (row_probs(r, cols + 3, p))
			memcpy(d->pairs[d->npairs - 1].probs, p, sizeof p);
	}
	ct_reader_free(r);
	return rc;
}

int ct_stance_data_read(ct_stance_data **out, const char *bodies, const char *stances)
{
	ct_stance_data *d = ct_stance_data_new();
	*out = d;
	int rc = bodies ? read_bodies(d, bodies) : 0;
	if (!rc)
		rc = read_stances(d, stances, bodies != NULL);
	if (!rc && d->nwarn) {
		snprintf(d->err, sizeof d->err, "%s", d->warnings[0]);
		rc = CT_EFORMAT;
	}
	return rc;
}

const char *ct_stance_data_error(const ct_stance_data *d)
{
	return d->err;
}

size_t ct_stance_data_nwarnings(const ct_stance_data *d)
{
	return d->nwarn;
}

const char *ct_stance_data_warning(const ct_stance_data *d, size_t i)
{
	return i < d->nwarn ? d->warnings[i] : NULL;
}

size_t ct_stance_data_npairs(const ct_stance_data *d)
{
	return d->npairs;
}

const char *ct_stance_data_headline(const ct_stance_data *d, size_t i)
{
	return d->pairs[i].headline;
}

const char *ct_stance_data_body_id(const ct_stance_data *d, size_t i)
{
	return d->pairs[i].body_id;
}

const char *ct_stance_data_body(const ct_stance_data *d, size_t i)
{
	return d->pairs[i].body >= 0 ? d->bodies[d->pairs[i].body] : NULL;
}

int ct_stance_data_label(const ct_stance_data *d, size_t i)
{
	return d->pairs[i].label;
}

long ct_stance_data_line(const ct_stance_data *d, size_t i)
{
	return d->pairs[i].line;
}

int ct_stance_data_probs(const ct_stance_data *d, size_t i, float probs[CT_STANCE_NLABELS])
{
	if (d->pairs[i].probs[0] < 0)
		return 0;
	memcpy(probs, d->pairs[i].probs, sizeof d->pairs[i].probs);
	return 1;
}

/* Internal (stance.h): the body index of pair i, and the number of bodies. */
int ct_stance_data_body_index(const ct_stance_data *d, size_t i)
{
	return d->pairs[i].body;
}

size_t ct_stance_data_nbodies(const ct_stance_data *d)
{
	return d->nbodies;
}

const char *ct_stance_data_body_text(const ct_stance_data *d, size_t b)
{
	return d->bodies[b];
}

int ct_stance_holdout(const char *body_id, double fraction, uint64_t seed)
{
	uint64_t st = seed ^ ct_stance_hash(body_id, strlen(body_id));
	/* The id's hash is case-blind (it is the tokenizer's); ids are numbers. */
	uint64_t h = ct_stance_rand(&st);
	double u = (double)(h >> 11) * (1.0 / 9007199254740992.0);
	return u < fraction;
}

/* ---- the story split ---------------------------------------------------- */

static uint32_t uf_find(uint32_t *up, uint32_t x)
{
	while (up[x] != x) {
		up[x] = up[up[x]]; /* path halving keeps the trees flat */
		x = up[x];
	}
	return x;
}

/* A node's identity for the side hash: the same whatever the file order. */
static uint64_t node_key(char tag, const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	h = (h ^ (unsigned char)tag) * 0x100000001b3ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

/* The story graph: one node per distinct headline (first) and Body ID,
 * joined by related pairs; story[k] is node k's component, found by union. */
typedef struct {
	uint32_t *hnode, *bnode; /* per pair */
	uint64_t *key;           /* per node: FNV-1a of its text, tagged */
	uint32_t *story;         /* per node: the root of its component */
	uint32_t *first;         /* per node: the first pair it is in */
	uint32_t n, nheads;
} story_graph;

static void graph_build(const ct_stance_data *d, story_graph *g)
{
	ct_table heads = {0}, bodies = {0};
	g->hnode = ct_xmalloc((d->npairs + 1) * sizeof *g->hnode);
	g->bnode = ct_xmalloc((d->npairs + 1) * sizeof *g->bnode);
	g->key = ct_xmalloc((2 * d->npairs + 1) * sizeof *g->key);
	g->first = ct_xmalloc((2 * d->npairs + 1) * sizeof *g->first);
	uint32_t n = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < d->npairs; i++) {
			const char *s = pass ? d->pairs[i].body_id : d->pairs[i].headline;
			ct_table *t = pass ? &bodies : &heads;
			int at;
			if (!ct_table_get(t, s, strlen(s), &at)) {
				at = (int)n;
				g->first[n] = (uint32_t)i;
				g->key[n++] = node_key(pass ? 'B' : 'H', s);
				ct_table_put(t, s, strlen(s), at);
			}
			(pass ? g->bnode : g->hnode)[i] = (uint32_t)at;
		}
	g->n = n;
	g->nheads = (uint32_t)heads.n;
	g->story = ct_xmalloc((n + 1) * sizeof *g->story);
	for (uint32_t k = 0; k < n; k++)
		g->story[k] = k;
	for (size_t i = 0; i < d->npairs; i++) {
		int l = d->pairs[i].label;
		if (l < 0 || l == CT_STANCE_UNRELATED)
			continue;
		uint32_t a = uf_find(g->story, g->hnode[i]), b = uf_find(g->story, g->bnode[i]);
		if (a != b)
			g->story[a] = b;
	}
	for (uint32_t k = 0; k < n; k++)
		g->story[k] = uf_find(g->story, k);
	ct_table_free(&heads);
	ct_table_free(&bodies);
}

static void graph_free(story_graph *g)
{
	free(g->hnode);
	free(g->bnode);
	free(g->key);
	free(g->story);
	free(g->first);
}

size_t ct_stance_stories(const ct_stance_data *d, uint32_t *story)
{
	story_graph g;
	graph_build(d, &g);
	/* components numbered by their first headline, in pair order */
	uint32_t *num = ct_xmalloc((g.n + 1) * sizeof *num);
	for (uint32_t k = 0; k < g.n; k++)
		num[k] = UINT32_MAX;
	size_t n = 0;
	for (size_t i = 0; i < d->npairs; i++) {
		uint32_t root = g.story[g.hnode[i]];
		if (num[root] == UINT32_MAX)
			num[root] = (uint32_t)n++;
		story[i] = num[root];
	}
	free(num);
	graph_free(&g);
	return n;
}

/* A uniform number in [0, 1) from the split seed and a key. */
static double seeded_unit(uint64_t seed, uint64_t key)
{
	uint64_t st = seed ^ key;
	return (double)(ct_stance_rand(&st) >> 11) * (1.0 / 9007199254740992.0);
}

void ct_stance_split_story(const ct_stance_data *d, double fraction, uint64_t seed, int *side,
			   ct_stance_split_counts *counts)
{
	story_graph g;
	graph_build(d, &g);
	uint32_t n = g.n;
	/* A story's key is its smallest member key; its side follows from it. */
	uint64_t *root_key = ct_xmalloc((n + 1) * sizeof *root_key);
	for (uint32_t k = 0; k < n; k++)
		root_key[k] = UINT64_MAX;
	for (uint32_t k = 0; k < n; k++)
		if (g.key[k] < root_key[g.story[k]])
			root_key[g.story[k]] = g.key[k];
	signed char *node_side = ct_xmalloc(n + 1);
	ct_stance_split_counts c = {0};
	for (uint32_t k = 0; k < n; k++)
		if (g.story[k] == k) {
			node_side[k] = seeded_unit(seed, root_key[k]) < fraction;
			c.stories[(int)node_side[k]]++;
		}
	for (uint32_t k = 0; k < n; k++) {
		node_side[k] = node_side[g.story[k]];
		if (k < g.nheads)
			c.headlines[(int)node_side[k]]++;
		else
			c.bodies[(int)node_side[k]]++;
	}
	for (size_t i = 0; i < d->npairs; i++) {
		int a = node_side[g.hnode[i]], b = node_side[g.bnode[i]];
		side[i] = a == b ? a : -1;
		if (a == b)
			c.pairs[a]++;
		else
			c.dropped++;
	}
	if (counts)
		*counts = c;
	free(node_side);
	free(root_key);
	graph_free(&g);
}

/* ---- the holdout at a label mix ----------------------------------------- */

/* A pair's place in a seeded order: the same whatever the file order. */
static uint64_t pair_rank(uint64_t seed, uint64_t tag, uint64_t headline_key, uint64_t body_key)
{
	uint64_t st = seed ^ tag ^ headline_key ^ (body_key * 0x9e3779b97f4a7c15ULL);
	return ct_stance_rand(&st);
}

typedef struct {
	uint64_t rank;
	size_t i;
} ranked;

static int by_rank(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Sorted by rank; keeps the first `keep` of r[0..n) by setting out[i] = 1. */
static void keep_first(ranked *r, size_t n, size_t keep, unsigned char *out)
{
	qsort(r, n, sizeof *r, by_rank);
	for (size_t k = 0; k < n && k < keep; k++)
		out[r[k].i] = 1;
}

/* A headline's claim on one more unrelated pair: the larger remainder
 * first, then the smaller key (not the file order). */
typedef struct {
	double rem;
	uint64_t key;
	size_t h;
} share_rem;

static int by_remainder(const void *a, const void *b)
{
	const share_rem *x = a, *y = b;
	if (x->rem != y->rem)
		return x->rem > y->rem ? -1 : 1;
	return x->key < y->key ? -1 : x->key > y->key;
}

/*
 * How many unrelated pairs each of nh held-out headlines gets: `need` in
 * all, in proportion to w[h] (largest remainders), at most cap[h]. A
 * headline whose share would pass its cap gets the cap, and the rest is
 * shared again among the others. Returns the number given (less than
 * `need` only when the caps add up to less).
 */
static size_t share_out(size_t nh, const double *w, const size_t *cap, const uint64_t *key, size_t need,
			size_t *q)
{
	unsigned char *fixed = ct_xcalloc(nh + 1, 1);
	share_rem *r = ct_xmalloc((nh + 1) * sizeof *r);
	size_t given = 0;
	memset(q, 0, nh * sizeof *q);
	for (;;) {
		double W = 0;
		for (size_t h = 0; h < nh; h++)
			W += fixed[h] ? 0 : w[h];
		size_t left = need - given;
		if (!left || !(W > 0))
			break;
		int capped = 0;
		for (size_t h = 0; h < nh; h++)
			if (!fixed[h] && (double)left * w[h] / W >= (double)cap[h]) {
				fixed[h] = 1, q[h] = cap[h], given += cap[h];
				capped = 1;
			}
		if (capped)
			continue;
		size_t nr = 0;
		for (size_t h = 0; h < nh; h++) {
			if (fixed[h])
				continue;
			double ideal = (double)left * w[h] / W;
			q[h] = (size_t)ideal;
			given += q[h];
			r[nr++] = (share_rem){ideal - (double)q[h], key[h], h};
		}
		qsort(r, nr, sizeof *r, by_remainder);
		for (size_t k = 0; k < nr && given < need; k++)
			q[r[k].h]++, given++; /* below the cap: the ideal share was */
		break;
	}
	free(r);
	free(fixed);
	return given;
}

ct_stance_data *ct_stance_mix_holdout(const ct_stance_data *d, const int *side, const double mix[CT_STANCE_NLABELS],
				      uint64_t seed, ct_stance_mix_counts *counts)
{
	ct_stance_mix_counts c = {0};
	size_t np = d->npairs;
	for (size_t i = 0; i < np; i++)
		if (side[i] == 1 && d->pairs[i].label >= 0)
			c.held[d->pairs[i].label]++;

	/* The largest set at the mix: the scarcest related label (for its
	 * weight in the mix) sets the scale; unrelated pairs can be made. */
	double scale = -1;
	for (int l = 0; l < CT_STANCE_NLABELS; l++)
		if (l != CT_STANCE_UNRELATED && mix[l] > 0) {
			double s = (double)c.held[l] / mix[l];
			scale = scale < 0 || s < scale ? s : scale;
		}
	if (scale < 0) /* no related label wanted: unrelated pairs alone */
		scale = mix[CT_STANCE_UNRELATED] > 0 ? (double)c.held[CT_STANCE_UNRELATED] / mix[CT_STANCE_UNRELATED] : 0;
	for (int l = 0; l < CT_STANCE_NLABELS; l++) {
		double t = mix[l] > 0 ? floor(scale * mix[l] + 0.5) : 0;
		c.target[l] = (size_t)t;
		if (l != CT_STANCE_UNRELATED && c.target[l] > c.held[l])
			c.target[l] = c.held[l];
	}

	/* Held-out pairs kept: of each label, the target count first in a
	 * seeded order of (headline, body). */
	unsigned char *keep = ct_xcalloc(np + 1, 1);
	ranked *r = ct_xmalloc((np + 1) * sizeof *r);
	for (int l = 0; l < CT_STANCE_NLABELS; l++) {
		size_t n = 0;
		for (size_t i = 0; i < np; i++)
			if (side[i] == 1 && d->pairs[i].label == l)
				r[n++] = (ranked){pair_rank(seed, 'K', node_key('H', d->pairs[i].headline),
							    node_key('B', d->pairs[i].body_id)),
						  i};
		keep_first(r, n, c.target[l], keep);
		c.kept[l] = n < c.target[l] ? n : c.target[l];
	}
	free(r);

	ct_stance_data *out = ct_stance_data_new();
	for (size_t i = 0; i < np; i++)
		if (keep[i])
			add_pair(out, d->pairs[i].headline, d->pairs[i].body_id, -1, d->pairs[i].label, d->pairs[i].line);
	size_t need = c.target[CT_STANCE_UNRELATED] - c.kept[CT_STANCE_UNRELATED];
	if (!need)
		goto out;

	/* The unrelated pairs still wanted, made as FNC-1 made its own: a
	 * held-out headline with the held-out body of another story. Each
	 * headline's share goes by its related pairs kept plus a constant:
	 * in FNC-1's training pairs a headline with r related pairs has
	 * 13.6 + 1.06 r unrelated ones on average (least squares; the mean r
	 * is 8.1), so the constant is 1.6 times the mean r. Its bodies are
	 * those first in a seeded order of (headline, body). */
	story_graph g;
	graph_build(d, &g);
	uint32_t *hs = ct_xmalloc((g.n + 1) * sizeof *hs), *bs = ct_xmalloc((g.n + 1) * sizeof *bs);
	int32_t *slot = ct_xmalloc((g.n + 1) * sizeof *slot);
	for (uint32_t k = 0; k < g.n; k++)
		slot[k] = -1;
	size_t nh = 0, nbody = 0;
	for (size_t i = 0; i < np; i++)
		if (side[i] == 1) {
			if (slot[g.hnode[i]] < 0)
				slot[g.hnode[i]] = (int32_t)nh, hs[nh++] = g.hnode[i];
			if (slot[g.bnode[i]] < 0)
				slot[g.bnode[i]] = (int32_t)nbody, bs[nbody++] = g.bnode[i];
		}
	/* Which (headline, body) pairs FNC-1 already has: made pairs are new. */
	ct_stance_map have = {0};
	for (size_t i = 0; i < np; i++)
		if (side[i] == 1)
			ct_stance_map_put(&have, ((uint64_t)slot[g.hnode[i]] << 32 | (uint32_t)slot[g.bnode[i]]) + 1, 1);
	double *w = ct_xmalloc((nh + 1) * sizeof *w), mean = 0;
	size_t *cap = ct_xcalloc(nh + 1, sizeof *cap), *q = ct_xmalloc((nh + 1) * sizeof *q);
	uint64_t *hkey = ct_xmalloc((nh + 1) * sizeof *hkey);
	for (size_t h = 0; h < nh; h++)
		w[h] = 0, hkey[h] = g.key[hs[h]];
	for (size_t i = 0; i < np; i++)
		if (keep[i] && d->pairs[i].label != CT_STANCE_UNRELATED)
			w[slot[g.hnode[i]]]++, mean++;
	mean = nh ? mean / (double)nh : 0;
	for (size_t h = 0; h < nh; h++) {
		w[h] += mean > 0 ? 1.6 * mean : 1;
		for (size_t b = 0; b < nbody; b++)
			cap[h] += g.story[bs[b]] != g.story[hs[h]] &&
				  ct_stance_map_get(&have, ((uint64_t)h << 32 | (uint32_t)b) + 1) < 0;
	}
	share_out(nh, w, cap, hkey, need, q);
	ranked *cand = ct_xmalloc((nbody + 1) * sizeof *cand);
	for (size_t h = 0; h < nh; h++) {
		if (!q[h])
			continue;
		size_t n = 0;
		for (size_t b = 0; b < nbody; b++)
			if (g.story[bs[b]] != g.story[hs[h]] &&
			    ct_stance_map_get(&have, ((uint64_t)h << 32 | (uint32_t)b) + 1) < 0)
				cand[n++] = (ranked){pair_rank(seed, 'U', hkey[h], g.key[bs[b]]), b};
		qsort(cand, n, sizeof *cand, by_rank);
		const char *headline = d->pairs[g.first[hs[h]]].headline;
		for (size_t k = 0; k < n && k < q[h]; k++) {
			add_pair(out, headline, d->pairs[g.first[bs[cand[k].i]]].body_id, -1, CT_STANCE_UNRELATED, 0);
			c.made++;
		}
	}
	free(cand);
	free(w), free(cap), free(q), free(hkey);
	ct_stance_map_free(&have);
	free(hs), free(bs), free(slot);
	graph_free(&g);
out:
	free(keep);
	if (counts)
		*counts = c;
	return out;
}

/* ---- the score ---------------------------------------------------------- */

void ct_stance_score(ct_stance_eval *e, const int *gold, const int *pred, size_t n)
{
	memset(e, 0, sizeof *e);
	e->n = n;
	size_t correct = 0;
	for (size_t i = 0; i < n; i++) {
		int g = gold[i], p = pred[i];
		if (g < 0 || g >= CT_STANCE_NLABELS || p < 0 || p >= CT_STANCE_NLABELS)
			continue;
		e->confusion[g][p]++;
		correct += g == p;
		int g_rel = g != CT_STANCE_UNRELATED, p_rel = p != CT_STANCE_UNRELATED;
		/* FNC-1's scorer: 0.25 for related-vs-unrelated, 0.75 more for the
		 * exact label of a related pair. */
		if (g_rel == p_rel)
			e->score += 0.25;
		if (g_rel && g == p)
			e->score += 0.75;
		e->max_score += g_rel ? 1.0 : 0.25;
	}
	e->relative = e->max_score > 0 ? 100.0 * e->score / e->max_score : 0;
	e->accuracy = n ? (double)correct / (double)n : 0;
	for (int k = 0; k < CT_STANCE_NLABELS; k++) {
		size_t tp = e->confusion[k][k], gold_k = 0, pred_k = 0;
		for (int j = 0; j < CT_STANCE_NLABELS; j++) {
			gold_k += e->confusion[k][j];
			pred_k += e->confusion[j][k];
		}
		e->precision[k] = pred_k ? (double)tp / (double)pred_k : 0;
		e->recall[k] = gold_k ? (double)tp / (double)gold_k : 0;
		double pr = e->precision[k] + e->recall[k];
		e->f1[k] = pr > 0 ? 2 * e->precision[k] * e->recall[k] / pr : 0;
		e->macro_f1 += e->f1[k] / CT_STANCE_NLABELS;
	}
}
