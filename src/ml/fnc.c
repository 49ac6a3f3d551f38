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
 * shared between the two sides would let its words leak across.
 */
#include "stance.h"

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

void ct_stance_split_story(const ct_stance_data *d, double fraction, uint64_t seed, int *side,
			   ct_stance_split_counts *counts)
{
	/* Nodes: distinct headlines first, then distinct body ids. */
	ct_table heads = {0}, bodies = {0};
	uint32_t *hnode = ct_xmalloc((d->npairs + 1) * sizeof *hnode), *bnode = ct_xmalloc((d->npairs + 1) * sizeof *bnode);
	uint64_t *key = ct_xmalloc((2 * d->npairs + 1) * sizeof *key);
	uint32_t n = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < d->npairs; i++) {
			const char *s = pass ? d->pairs[i].body_id : d->pairs[i].headline;
			ct_table *t = pass ? &bodies : &heads;
			int at;
			if (!ct_table_get(t, s, strlen(s), &at)) {
				at = (int)n;
				key[n++] = node_key(pass ? 'B' : 'H', s);
				ct_table_put(t, s, strlen(s), at);
			}
			(pass ? bnode : hnode)[i] = (uint32_t)at;
		}
	size_t nheads = heads.n;
	uint32_t *up = ct_xmalloc((n + 1) * sizeof *up);
	for (uint32_t k = 0; k < n; k++)
		up[k] = k;
	for (size_t i = 0; i < d->npairs; i++) {
		int l = d->pairs[i].label;
		if (l < 0 || l == CT_STANCE_UNRELATED)
			continue;
		uint32_t a = uf_find(up, hnode[i]), b = uf_find(up, bnode[i]);
		if (a != b)
			up[a] = b;
	}
	/* A story's key is its smallest member key; its side follows from it. */
	uint64_t *root_key = ct_xmalloc((n + 1) * sizeof *root_key);
	for (uint32_t k = 0; k < n; k++)
		root_key[k] = UINT64_MAX;
	for (uint32_t k = 0; k < n; k++) {
		uint32_t r = uf_find(up, k);
		if (key[k] < root_key[r])
			root_key[r] = key[k];
	}
	signed char *node_side = ct_xmalloc(n + 1);
	ct_stance_split_counts c = {0};
	for (uint32_t k = 0; k < n; k++) {
		uint32_t r = uf_find(up, k);
		if (r == k) {
			uint64_t st = seed ^ root_key[r];
			double u = (double)(ct_stance_rand(&st) >> 11) * (1.0 / 9007199254740992.0);
			node_side[r] = u < fraction;
			c.stories[(int)node_side[r]]++;
		}
	}
	for (uint32_t k = 0; k < n; k++) {
		node_side[k] = node_side[uf_find(up, k)];
		if (k < nheads)
			c.headlines[(int)node_side[k]]++;
		else
			c.bodies[(int)node_side[k]]++;
	}
	for (size_t i = 0; i < d->npairs; i++) {
		int a = node_side[hnode[i]], b = node_side[bnode[i]];
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
	free(up);
	free(key);
	free(hnode);
	free(bnode);
	ct_table_free(&heads);
	ct_table_free(&bodies);
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
