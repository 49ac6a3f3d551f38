/*
 * statement.c — the statement stance model: features, inference, the
 * model file (statement.h explains the method).
 *
 * Features of (claim C, statement S), both cut into lowercased word
 * hashes by the stance tokenizer; a word of S is "shared" when C has it
 * and it is no function word:
 *   - a bias;
 *   - per word class (refute, negation, hedge, support, report): the
 *     class words of S that C lacks (count, at most 3, over 3), whether S
 *     has one, whether one is among S's first three words, whether one is
 *     within three words of a shared word, whether C has one, and whether
 *     S has one and C none (so that "refuted" in S reads differently
 *     against "X rejected Y");
 *   - S has a question mark; a colon among its first 40 bytes (a source
 *     before its words: "Report: …"); a quotation mark;
 *   - the share of C's content words S has, and of S's content words C
 *     has.
 * The file: magic, version, the word lists (hashes), the weights, a
 * checksum of everything before it.
 */
#include "statement.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"

static const char *const class_names[CT_SC_NCLASSES] = {"refute", "negation", "hedge", "support", "report"};

static int fail(ct_statement_model *m, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(ct_statement_model *m, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(m->err, sizeof m->err, fmt, ap);
	va_end(ap);
	return code;
}

ct_statement_model *ct_statement_model_empty(void)
{
	return ct_xcalloc(1, sizeof(ct_statement_model));
}

void ct_statement_model_free(ct_statement_model *m)
{
	if (!m)
		return;
	for (int k = 0; k < CT_SC_NLISTS; k++)
		free(m->words[k]);
	ct_stance_map_free(&m->cls);
	free(m);
}

const char *ct_statement_model_error(const ct_statement_model *m)
{
	return m->err;
}

const char *ct_sstance_label_name(ct_sstance_label l)
{
	static const char *const names[CT_SSTANCE_NLABELS] = {"for", "against", "observing"};
	return (unsigned)l < CT_SSTANCE_NLABELS ? names[l] : "?";
}

int ct_sstance_label_from_name(const char *s)
{
	for (int l = 0; l < CT_SSTANCE_NLABELS; l++)
		if (!strcmp(s, ct_sstance_label_name((ct_sstance_label)l)))
			return l;
	return -1;
}

/* The class bits of each word of the lists, from m->words. */
static void index_lists(ct_statement_model *m)
{
	ct_stance_map_free(&m->cls);
	memset(&m->cls, 0, sizeof m->cls);
	for (int k = 0; k < CT_SC_NLISTS; k++)
		for (size_t i = 0; i < m->nwords[k]; i++) {
			int32_t bits = ct_stance_map_get(&m->cls, m->words[k][i]);
			ct_stance_map_put(&m->cls, m->words[k][i], (bits < 0 ? 0 : bits) | 1 << k);
		}
}

static void add_word(ct_statement_model *m, int k, const char *w)
{
	uint64_t *tok = NULL;
	size_t cap = 0, n = ct_stance_tokenize(w, &tok, &cap, NULL);
	/* each token of the word: "isn't" is one ("isnt"), as the tokenizer makes it */
	for (size_t i = 0; i < n; i++) {
		m->words[k] = ct_xrealloc(m->words[k], (m->nwords[k] + 1) * sizeof *m->words[k]);
		m->words[k][m->nwords[k]++] = tok[i];
	}
	free(tok);
}

typedef struct {
	ct_statement_model *m;
} lists_arg;

static const char *cue_entry(void *arg, char **f, int nf, int line)
{
	(void)line;
	ct_statement_model *m = ((lists_arg *)arg)->m;
	if (nf != 2)
		return "expected two tab-separated fields: class, words";
	int k = -1;
	for (int c = 0; c < CT_SC_NCLASSES; c++)
		if (!strcmp(f[0], class_names[c]))
			k = c;
	if (k < 0)
		return "unknown class (refute, negation, hedge, support or report)";
	for (char *w = strtok(f[1], " "); w; w = strtok(NULL, " "))
		add_word(m, k, w);
	return NULL;
}

static const char *function_entry(void *arg, char **f, int nf, int line)
{
	(void)line;
	if (nf != 1 || !*f[0])
		return "expected one word a line";
	add_word(((lists_arg *)arg)->m, CT_SC_FUNCTION, f[0]);
	return NULL;
}

int ct_statement_model_lists(ct_statement_model *m, const char *datadir)
{
	datadir = ct_datadir(datadir);
	lists_arg a = {m};
	const char *names[2] = {"stance_cues.txt", "function_words.txt"};
	ct_lex_fn fns[2] = {cue_entry, function_entry};
	for (int i = 0; i < 2; i++) {
		char *path = ct_xasprintf("%s/%s", datadir, names[i]);
		char *err = NULL;
		int rc = ct_lex_read(path, fns[i], &a, &err);
		free(path);
		if (rc) {
			rc = fail(m, CT_EDATA, "%s", err);
			free(err);
			return rc;
		}
	}
	index_lists(m);
	return 0;
}

/* ---- features ------------------------------------------------------- */

static int bits_of(const ct_statement_model *m, uint64_t h)
{
	int32_t b = ct_stance_map_get(&m->cls, h);
	return b < 0 ? 0 : b;
}

static int has_tok(const uint64_t *v, size_t n, uint64_t h)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == h)
			return 1;
	return 0;
}

void ct_statement_features(const ct_statement_model *m, const char *claim, const char *statement, float *f)
{
	uint64_t *c = NULL, *s = NULL;
	size_t ccap = 0, scap = 0;
	size_t nc = ct_stance_tokenize(claim, &c, &ccap, NULL);
	int qmark = 0;
	size_t ns = ct_stance_tokenize(statement, &s, &scap, &qmark);
	memset(f, 0, CT_STATEMENT_NFEAT * sizeof *f);
	f[0] = 1;
	/* which words of S are shared with C */
	uint8_t *shared = ct_xcalloc(ns + 1, 1);
	size_t ccontent = 0, scontent = 0, cshared = 0, sshared = 0;
	for (size_t i = 0; i < nc; i++)
		if (!(bits_of(m, c[i]) & 1 << CT_SC_FUNCTION) && !has_tok(c, i, c[i])) {
			ccontent++;
			cshared += has_tok(s, ns, c[i]);
		}
	for (size_t i = 0; i < ns; i++) {
		int fn = bits_of(m, s[i]) & 1 << CT_SC_FUNCTION;
		if (!fn) {
			scontent++;
			shared[i] = has_tok(c, nc, s[i]);
			sshared += shared[i];
		}
	}
	for (int k = 0; k < CT_SC_NCLASSES; k++) {
		float *g = f + 1 + k * CT_STATEMENT_PER_CLASS;
		size_t count = 0;
		for (size_t i = 0; i < ns; i++) {
			if (!(bits_of(m, s[i]) & 1 << k) || has_tok(c, nc, s[i]))
				continue;
			count++;
			if (i < 3)
				g[2] = 1;
			for (size_t j = i >= 3 ? i - 3 : 0; j < ns && j <= i + 3; j++)
				if (shared[j])
					g[3] = 1;
		}
		g[0] = (float)(count > 3 ? 3 : count) / 3;
		g[1] = count > 0;
		for (size_t i = 0; i < nc; i++)
			if (bits_of(m, c[i]) & 1 << k)
				g[4] = 1;
		g[5] = g[1] && !g[4];
	}
	float *t = f + 1 + CT_SC_NCLASSES * CT_STATEMENT_PER_CLASS;
	t[0] = (float)qmark;
	const char *colon = strchr(statement, ':');
	t[1] = colon && colon - statement < 40;
	t[2] = strchr(statement, '"') || strstr(statement, "\xe2\x80\x9c") || strstr(statement, "\xe2\x80\x9d");
	t[3] = ccontent ? (float)cshared / (float)ccontent : 0;
	t[4] = scontent ? (float)sshared / (float)scontent : 0;
	free(shared);
	free(c);
	free(s);
}

ct_sstance_label ct_statement_predict(const ct_statement_model *m, const char *claim, const char *statement,
				      float probs[CT_SSTANCE_NLABELS])
{
	float f[CT_STATEMENT_NFEAT], z[CT_SSTANCE_NLABELS], p[CT_SSTANCE_NLABELS];
	ct_statement_features(m, claim ? claim : "", statement ? statement : "", f);
	float top = -INFINITY;
	for (int l = 0; l < CT_SSTANCE_NLABELS; l++) {
		z[l] = 0;
		for (int k = 0; k < CT_STATEMENT_NFEAT; k++)
			z[l] += m->w[l][k] * f[k];
		top = z[l] > top ? z[l] : top;
	}
	float sum = 0;
	for (int l = 0; l < CT_SSTANCE_NLABELS; l++)
		sum += p[l] = expf(z[l] - top);
	int best = 0;
	for (int l = 0; l < CT_SSTANCE_NLABELS; l++) {
		p[l] /= sum;
		if (p[l] > p[best])
			best = l;
		if (probs)
			probs[l] = p[l];
	}
	return (ct_sstance_label)best;
}

/* ---- the file ------------------------------------------------------- */

static void put_u32(ct_buf *b, uint32_t v)
{
	unsigned char c[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
	ct_buf_add(b, c, 4);
}

static uint32_t fnv32(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 16777619u;
	return h;
}

int ct_statement_model_save(ct_statement_model *m, const char *path)
{
	ct_buf b = {0};
	ct_buf_add(&b, CT_STATEMENT_MAGIC, 8);
	put_u32(&b, CT_STATEMENT_VERSION);
	put_u32(&b, CT_SC_NLISTS);
	put_u32(&b, CT_STATEMENT_NFEAT);
	for (int k = 0; k < CT_SC_NLISTS; k++) {
		put_u32(&b, (uint32_t)m->nwords[k]);
		for (size_t i = 0; i < m->nwords[k]; i++) {
			put_u32(&b, (uint32_t)m->words[k][i]);
			put_u32(&b, (uint32_t)(m->words[k][i] >> 32));
		}
	}
	for (int l = 0; l < CT_SSTANCE_NLABELS; l++)
		for (int k = 0; k < CT_STATEMENT_NFEAT; k++) {
			uint32_t v;
			memcpy(&v, &m->w[l][k], 4);
			put_u32(&b, v);
		}
	put_u32(&b, fnv32(b.data, b.len));
	int rc = 0;
	FILE *f = fopen(path, "wb");
	if (!f) {
		rc = fail(m, CT_EIO, "%s: cannot write: %s", path, strerror(errno));
	} else {
		size_t n = fwrite(b.data, 1, b.len, f);
		if ((fclose(f) != 0 || n != b.len) && !rc)
			rc = fail(m, CT_EIO, "%s: write failed: %s", path, strerror(errno));
	}
	ct_buf_free(&b);
	return rc;
}

static uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int parse(ct_statement_model *m, const char *path, const unsigned char *p, size_t len)
{
	if (len < 8 || memcmp(p, CT_STATEMENT_MAGIC, 8))
		return fail(m, CT_EDATA, "%s: not a claimtrace statement model (no %s magic)", path, CT_STATEMENT_MAGIC);
	if (len < 24)
		return fail(m, CT_EDATA, "%s: truncated statement model", path);
	if (get_u32(p + 8) != CT_STATEMENT_VERSION)
		return fail(m, CT_EDATA, "%s: statement model version %u; this build reads version %u", path, get_u32(p + 8),
			    CT_STATEMENT_VERSION);
	if (fnv32(p, len - 4) != get_u32(p + len - 4))
		return fail(m, CT_EDATA, "%s: corrupt or truncated statement model (checksum mismatch)", path);
	size_t at = 12, end = len - 4;
	if (get_u32(p + at) != CT_SC_NLISTS || get_u32(p + at + 4) != CT_STATEMENT_NFEAT)
		return fail(m, CT_EDATA, "%s: statement model of another layout (lists %u, features %u)", path,
			    get_u32(p + at), get_u32(p + at + 4));
	at += 8;
	for (int k = 0; k < CT_SC_NLISTS; k++) {
		if (end - at < 4)
			return fail(m, CT_EDATA, "%s: truncated statement model (word lists)", path);
		size_t n = get_u32(p + at);
		at += 4;
		if (n > (end - at) / 8)
			return fail(m, CT_EDATA, "%s: truncated statement model (word lists)", path);
		m->words[k] = ct_xmalloc((n + 1) * sizeof *m->words[k]);
		m->nwords[k] = n;
		for (size_t i = 0; i < n; i++, at += 8)
			m->words[k][i] = get_u32(p + at) | (uint64_t)get_u32(p + at + 4) << 32;
	}
	if (end - at != 4u * CT_SSTANCE_NLABELS * CT_STATEMENT_NFEAT)
		return fail(m, CT_EDATA, "%s: statement model is truncated or has extra bytes", path);
	for (int l = 0; l < CT_SSTANCE_NLABELS; l++)
		for (int k = 0; k < CT_STATEMENT_NFEAT; k++, at += 4) {
			uint32_t v = get_u32(p + at);
			memcpy(&m->w[l][k], &v, 4);
			if (!isfinite(m->w[l][k]))
				return fail(m, CT_EDATA, "%s: statement model has a weight that is not a number", path);
		}
	index_lists(m);
	return 0;
}

int ct_statement_model_load(ct_statement_model **out, const char *path, const char *datadir)
{
	ct_statement_model *m = ct_statement_model_empty();
	*out = m;
	char *own = NULL;
	if (!path) {
		path = own = ct_xasprintf("%s/statement.model", ct_datadir(datadir));
	}
	int rc = 0;
	ct_buf b = {0};
	FILE *f = fopen(path, "rb");
	if (!f) {
		rc = fail(m, CT_EIO, "%s: cannot open statement model: %s", path, strerror(errno));
	} else {
		char chunk[65536];
		size_t n;
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
			ct_buf_add(&b, chunk, n);
		if (ferror(f))
			rc = fail(m, CT_EIO, "%s: read error: %s", path, strerror(errno));
		fclose(f);
		if (!rc)
			rc = parse(m, path, (const unsigned char *)(b.data ? b.data : ""), b.len);
	}
	ct_buf_free(&b);
	free(own);
	return rc;
}
