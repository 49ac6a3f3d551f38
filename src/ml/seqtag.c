/*
 * seqtag.c — decoding and model files for the sequence tagger (seqtag.h).
 *
 * Viterbi over ntags states: score(token i, tag t) is the sum of the
 * feature weights of t, plus the transition weight from the previous tag.
 * Forbidden transitions score -inf. Weights are stored quantized to 16 bits
 * (one scale for the model), which keeps the shipped file small; the loss
 * is below what changes a decision in practice, and the tests check a round
 * trip keeps the decoded tags.
 */
#include "seqtag.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimtrace.h"
#include "../core/util.h"

static const char magic[6] = {'C', 'T', 'S', 'E', 'Q', 3};

void ct_seq_input_clear(ct_seq_input *in)
{
	in->n = in->nfeat = 0;
}

void ct_seq_input_reserve(ct_seq_input *in, size_t n)
{
	ct_grow((void **)&in->feats, &in->feat_cap, in->nfeat + n, sizeof *in->feats);
}

void ct_seq_input_next(ct_seq_input *in)
{
	ct_grow((void **)&in->off, &in->off_cap, in->n + 2, sizeof *in->off);
	if (in->n == 0)
		in->off[0] = 0;
	in->n++;
	in->off[in->n] = (uint32_t)in->nfeat;
	if (in->nfeat + CT_SEQ_TOKFEATS > in->feat_cap)
		ct_seq_input_reserve(in, CT_SEQ_TOKFEATS);
}

void ct_seq_input_free(ct_seq_input *in)
{
	free(in->feats);
	free(in->off);
	memset(in, 0, sizeof *in);
}

uint32_t ct_seq_hash(uint32_t templ, const char *s, size_t n)
{
	uint32_t h = 2166136261u ^ templ;
	h *= 16777619u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

/* The forward step of Viterbi for W-wide rows (W a constant, so that the
 * compiler makes vectors of it): cur[t] = max_p prev[p] + tr[p][t], plus
 * the emission, a row of tags at a time. Lanes past the tags hold -inf. */
#define FORWARD(W)                                                                                                 \
	{                                                                                                          \
		float best[W];                                                                                     \
		for (size_t t = 0; t < (W); t++)                                                                   \
			best[t] = -INFINITY;                                                                       \
		for (size_t p = 0; p < (W); p++)                                                                   \
			for (size_t t = 0; t < (W); t++) {                                                         \
				float v = prev[p] + tr[p][t];                                                      \
				best[t] = v > best[t] ? v : best[t];                                               \
			}                                                                                          \
		for (size_t t = 0; t < (W); t++)                                                                   \
			cur[t] = best[t] + emit[t];                                                                \
	}

/* Token i's weight rows asked of memory ahead of their use: rows are read
 * at random, so the next token's are fetched while this one's are added,
 * and their loads overlap the work rather than wait for it. */
static void prefetch_rows(const ct_seq_model *m, const ct_seq_input *in, size_t i, uint32_t mask)
{
	for (uint32_t k = in->off[i]; k < in->off[i + 1]; k++)
		__builtin_prefetch(m->q + (size_t)(in->feats[k] & mask) * m->stride);
}

/* Most of attribution's time. The AVX2 copy adds a row of 8 weights and
 * takes the forward step's 8 maxima one vector each; sums and maxima are
 * exact, so the tags are the same to the bit. */
CT_AVX2_CLONES
static void decode(const ct_seq_model *m, const ct_seq_input *in, uint8_t *tags, float **scratch,
		   size_t *scratch_cap)
{
	size_t n = in->n, T = m->ntags;
	if (!n)
		return;
	/* score[i][t]: the best path ending in tag t at token i, rows W wide.
	 * Back pointers are not kept: walking back, the one tag taken at each
	 * token finds its predecessor again in W steps, where keeping them costs
	 * W*W per token. */
	size_t W = T <= CT_SEQ_MAXTAGS / 2 ? CT_SEQ_MAXTAGS / 2 : CT_SEQ_MAXTAGS;
	size_t need = n * W;
	if (*scratch_cap < need) {
		free(*scratch);
		*scratch = ct_xmalloc(need * sizeof **scratch);
		*scratch_cap = need;
	}
	float *score = *scratch;
	/* forbidden transitions and the lanes past the tags as -inf */
	float tr[CT_SEQ_MAXTAGS][CT_SEQ_MAXTAGS], start[CT_SEQ_MAXTAGS];
	for (size_t t = 0; t < W; t++) {
		start[t] = t < T && m->allowed[T][t] ? m->trans[T][t] : -INFINITY;
		for (size_t p = 0; p < W; p++)
			tr[p][t] = t < T && p < T && m->allowed[p][t] ? m->trans[p][t] : -INFINITY;
	}
	uint32_t mask = (1u << m->nbits) - 1;
	if (!m->w)
		prefetch_rows(m, in, 0, mask);
	for (size_t i = 0; i < n; i++) {
		float emit[CT_SEQ_MAXTAGS] = {0};
		if (m->w) {
			for (uint32_t k = in->off[i]; k < in->off[i + 1]; k++) {
				const float *row = m->w + (size_t)(in->feats[k] & mask) * T;
				for (size_t t = 0; t < T; t++)
					emit[t] += row[t];
			}
		} else {
			if (i + 1 < n)
				prefetch_rows(m, in, i + 1, mask);
			int32_t acc[CT_SEQ_MAXTAGS] = {0};
			/* whole rows of a fixed width, which the compiler adds as vectors */
			if (m->stride == CT_SEQ_MAXTAGS / 2) {
				for (uint32_t k = in->off[i]; k < in->off[i + 1]; k++) {
					const int16_t *row = m->q + (size_t)(in->feats[k] & mask) * (CT_SEQ_MAXTAGS / 2);
					for (size_t t = 0; t < CT_SEQ_MAXTAGS / 2; t++)
						acc[t] += row[t];
				}
			} else {
				for (uint32_t k = in->off[i]; k < in->off[i + 1]; k++) {
					const int16_t *row = m->q + (size_t)(in->feats[k] & mask) * CT_SEQ_MAXTAGS;
					for (size_t t = 0; t < CT_SEQ_MAXTAGS; t++)
						acc[t] += row[t];
				}
			}
			for (size_t t = 0; t < T; t++)
				emit[t] = (float)acc[t] * m->scale;
		}
		float *cur = score + i * W;
		if (i == 0) {
			for (size_t t = 0; t < W; t++)
				cur[t] = start[t] + emit[t];
			continue;
		}
		const float *prev = cur - W;
		if (W == CT_SEQ_MAXTAGS / 2) {
			FORWARD(CT_SEQ_MAXTAGS / 2)
		} else {
			FORWARD(CT_SEQ_MAXTAGS)
		}
	}
	size_t best = 0;
	for (size_t t = 1; t < T; t++)
		if (score[(n - 1) * W + t] > score[(n - 1) * W + best])
			best = t;
	for (size_t i = n; i-- > 0;) {
		tags[i] = (uint8_t)best;
		if (!i)
			break;
		/* the predecessor that gave score[i][best]: the first best one, as
		 * a forward pass keeping back pointers would have kept it */
		const float *prev = score + (i - 1) * W;
		float want = -INFINITY;
		size_t arg = 0;
		for (size_t p = 0; p < T; p++) {
			float v = prev[p] + tr[p][best];
			if (v > want) {
				want = v;
				arg = p;
			}
		}
		best = arg;
	}
}
#undef FORWARD

void ct_seq_decode(const ct_seq_model *m, const ct_seq_input *in, uint8_t *tags, float **scratch,
		   size_t *scratch_cap)
{
	decode(m, in, tags, scratch, scratch_cap);
}

float ct_seq_score(const ct_seq_model *m, const ct_seq_input *in, size_t i, size_t t)
{
	uint32_t mask = (1u << m->nbits) - 1;
	if (m->w) {
		float sum = 0;
		for (uint32_t k = in->off[i]; k < in->off[i + 1]; k++)
			sum += m->w[(size_t)(in->feats[k] & mask) * m->ntags + t];
		return sum;
	}
	int32_t acc = 0;
	for (uint32_t k = in->off[i]; k < in->off[i + 1]; k++)
		acc += m->q[(size_t)(in->feats[k] & mask) * m->stride + t];
	return (float)acc * m->scale;
}

size_t ct_seq_best(const ct_seq_model *m, const ct_seq_input *in, size_t t)
{
	size_t best = 0;
	float bs = 0;
	for (size_t i = 0; i < in->n; i++) {
		float s = ct_seq_score(m, in, i, t);
		if (i == 0 || s > bs) {
			bs = s;
			best = i;
		}
	}
	return best;
}

static uint32_t checksum(const char *p, size_t n)
{
	uint32_t h = CT_HASH_INIT;
	for (size_t i = 0; i < n; i++)
		h = ct_hash_byte(h, (unsigned char)p[i]);
	return h;
}

static int fail(char *err, size_t errsize, const char *path, const char *why)
{
	snprintf(err, errsize, "%s: %s", path, why);
	return CT_EDATA;
}

static void put_u32(FILE *f, uint32_t v)
{
	unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
	fwrite(b, 1, 4, f);
}

static int get_u32(FILE *f, uint32_t *v)
{
	unsigned char b[4];
	if (fread(b, 1, 4, f) != 4)
		return -1;
	*v = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
	return 0;
}

static void put_f32(FILE *f, float x)
{
	uint32_t v;
	memcpy(&v, &x, 4);
	put_u32(f, v);
}

static int get_f32(FILE *f, float *x)
{
	uint32_t v;
	if (get_u32(f, &v))
		return -1;
	memcpy(x, &v, 4);
	return isfinite(*x) ? 0 : -1;
}

static void save_one(FILE *f, const ct_seq_model *m)
{
	size_t T = m->ntags, nb = (size_t)1 << m->nbits;
	float maxabs = 0;
	for (size_t i = 0; i < nb * T; i++)
		if (fabsf(m->w[i]) > maxabs)
			maxabs = fabsf(m->w[i]);
	float scale = maxabs > 0 ? maxabs / 32767.0f : 1.0f;
	uint32_t rows = 0;
	for (size_t b = 0; b < nb; b++)
		for (size_t t = 0; t < T; t++)
			if (lrintf(m->w[b * T + t] / scale)) {
				rows++;
				break;
			}
	put_u32(f, m->nbits);
	put_u32(f, m->ntags);
	for (size_t p = 0; p <= T; p++)
		fwrite(m->allowed[p == T ? T : p], 1, T, f);
	for (size_t p = 0; p <= T; p++)
		for (size_t t = 0; t < T; t++)
			put_f32(f, m->trans[p][t]);
	put_f32(f, scale);
	put_u32(f, rows);
	for (size_t b = 0; b < nb; b++) {
		int16_t q[CT_SEQ_MAXTAGS];
		int any = 0;
		for (size_t t = 0; t < T; t++) {
			q[t] = (int16_t)lrintf(m->w[b * T + t] / scale);
			any |= q[t] != 0;
		}
		if (!any)
			continue;
		put_u32(f, (uint32_t)b);
		for (size_t t = 0; t < T; t++) {
			uint16_t u = (uint16_t)q[t];
			unsigned char c[2] = {(unsigned char)u, (unsigned char)(u >> 8)};
			fwrite(c, 1, 2, f);
		}
	}
}

int ct_seq_save(const ct_seq_model *m, size_t n, const char *path, char *err, size_t errsize)
{
	/* written to memory first, for the checksum of the whole */
	char *data = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&data, &len);
	if (!mem)
		return fail(err, errsize, path, strerror(errno));
	fwrite(magic, 1, sizeof magic, mem);
	put_u32(mem, (uint32_t)n);
	for (size_t i = 0; i < n; i++)
		save_one(mem, &m[i]);
	if (fclose(mem)) {
		free(data);
		return fail(err, errsize, path, "out of memory");
	}
	FILE *f = fopen(path, "wb");
	if (!f) {
		free(data);
		return fail(err, errsize, path, strerror(errno));
	}
	fwrite(data, 1, len, f);
	put_u32(f, checksum(data, len));
	free(data);
	int bad = ferror(f);
	if (fclose(f) || bad)
		return fail(err, errsize, path, "write error");
	return 0;
}

static const char *load_one(FILE *f, ct_seq_model *m)
{
	uint32_t nbits, ntags, rows;
	float scale;
	if (get_u32(f, &nbits) || get_u32(f, &ntags) || nbits < 4 || nbits > 26 || ntags < 1 || ntags > CT_SEQ_MAXTAGS)
		return "bad model header";
	m->nbits = nbits;
	m->ntags = ntags;
	for (size_t p = 0; p <= ntags; p++)
		if (fread(m->allowed[p], 1, ntags, f) != ntags)
			return "truncated";
	for (size_t p = 0; p <= ntags; p++)
		for (size_t t = 0; t < ntags; t++)
			if (get_f32(f, &m->trans[p][t]))
				return "truncated or bad transition weights";
	if (get_f32(f, &scale) || get_u32(f, &rows) || rows > (1u << nbits))
		return "truncated or bad weight table header";
	m->scale = scale;
	m->stride = ntags <= CT_SEQ_MAXTAGS / 2 ? CT_SEQ_MAXTAGS / 2 : CT_SEQ_MAXTAGS;
	m->q = ct_xcalloc((size_t)1 << nbits, m->stride * sizeof *m->q);
	/* rows read a block at a time: a read a row made loading a large part
	 * of the work on small inputs */
	enum { BLOCK = 4096 };
	size_t rowlen = 4 + 2 * (size_t)ntags;
	unsigned char *buf = ct_xmalloc(BLOCK * rowlen);
	const char *why = NULL;
	for (uint32_t r0 = 0; r0 < rows && !why; r0 += BLOCK) {
		size_t nr = rows - r0 < BLOCK ? rows - r0 : BLOCK;
		if (fread(buf, rowlen, nr, f) != nr) {
			why = "truncated or bad weight row";
			break;
		}
		for (size_t r = 0; r < nr; r++) {
			const unsigned char *c = buf + r * rowlen;
			uint32_t b = (uint32_t)c[0] | (uint32_t)c[1] << 8 | (uint32_t)c[2] << 16 | (uint32_t)c[3] << 24;
			if (b >= (1u << nbits)) {
				why = "truncated or bad weight row";
				break;
			}
			for (size_t t = 0; t < ntags; t++)
				m->q[(size_t)b * m->stride + t] = (int16_t)(c[4 + 2 * t] | c[5 + 2 * t] << 8);
		}
	}
	free(buf);
	return why;
}

/* The whole file (owned), or NULL with errno set. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	ct_buf b = {0};
	char chunk[65536];
	size_t k;
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
		ct_buf_add(&b, chunk, k);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		ct_buf_free(&b);
		errno = EIO;
		return NULL;
	}
	*len = b.len;
	return b.data ? b.data : ct_xstrdup("");
}

int ct_seq_load(ct_seq_model *m, size_t n, const char *path, char *err, size_t errsize)
{
	memset(m, 0, n * sizeof *m);
	size_t len;
	char *data = slurp(path, &len);
	if (!data)
		return fail(err, errsize, path, strerror(errno));
	uint32_t count;
	const char *why = NULL;
	FILE *f = NULL;
	if (len < sizeof magic || memcmp(data, magic, 5))
		why = "not a claimtrace tagger model (bad magic number)";
	else if (data[5] != magic[5])
		why = "a tagger model of another version (rebuild it: make attribution-model)";
	else if (len < sizeof magic + 8 ||
		 checksum(data, len - 4) != ((uint32_t)(unsigned char)data[len - 4] | (uint32_t)(unsigned char)data[len - 3] << 8 |
					     (uint32_t)(unsigned char)data[len - 2] << 16 | (uint32_t)(unsigned char)data[len - 1] << 24))
		why = "corrupt or truncated tagger model (checksum mismatch)";
	else if (!(f = fmemopen(data + sizeof magic, len - sizeof magic - 4, "rb")))
		why = "out of memory";
	else if (get_u32(f, &count) || count != n)
		why = "holds a different number of models than expected";
	for (size_t i = 0; i < n && !why; i++)
		why = load_one(f, &m[i]);
	if (!why && fgetc(f) != EOF)
		why = "trailing bytes after the weights";
	if (f)
		fclose(f);
	free(data);
	if (why) {
		for (size_t i = 0; i < n; i++)
			ct_seq_free(&m[i]);
		return fail(err, errsize, path, why);
	}
	return 0;
}

void ct_seq_free(ct_seq_model *m)
{
	free(m->w);
	free(m->q);
	m->w = NULL;
	m->q = NULL;
}
