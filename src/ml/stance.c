/*
 * stance.c — stance of a body toward a headline: features, the network,
 * and the model file.
 *
 * Method (after UCL Machine Reading's FNC-1 entry, Riedel et al. 2017):
 * a pair becomes one sparse vector of
 *   - the body's word counts over the model's feature vocabulary (the
 *     most frequent non-stop words of the training text), damped as
 *     log(1 + count) and L2-normalized: a story's own names recur in
 *     every article on it, and raw counts let them outweigh the few words
 *     that say how the article reports the claim;
 *   - CT_STANCE_NDENSE hand features: TF-IDF cosines of headline and body
 *     (whole body and its start), shares of the headline's words and
 *     bigrams found in the body (plain, IDF-weighted, in the best 40-word
 *     window), and counts of refuting, hedging, negating and supporting
 *     words in the headline, in the body and near the headline's words in
 *     the body (features() lists them). Disagreement is rare and mostly
 *     said with such words close to the claim's own words, which the
 *     counts alone do not see.
 * UCL's entry also counted the headline's words; here the headline enters
 * only through how it meets the body. Its words name the claim, so a
 * network that sees them learns which claims were true in training, and
 * that knowledge is worth nothing on a claim it never saw (docs/stance.md:
 * 3 points of relative score on held-out stories).
 * One hidden layer of ReLU units and a softmax over the four labels score
 * it; a model may hold several such networks (trained from different
 * seeds), whose probabilities are averaged: one net's answer depends on
 * its random start by a point of relative score on held-out stories, the
 * mean much less. Words are 64-bit hashes of lowercased tokens, so
 * nothing is copied and a body read once (ct_stance_body) serves every
 * headline paired with it: its share of each hidden layer is computed
 * once, too.
 *
 * The model file, little-endian:
 *   "CTSTANCE", u32 version, u32 ndense, u32 nwords, u32 nfeat, u32 hidden,
 *   u32 nnet, f32 idf_unk; nwords × (u64 word hash, f32 idf); ndense × f32
 *   mean, ndense × f32 sd; then per net: hidden × (f32 scale, ninput ×
 *   i8) for w1 by hidden unit, f32 b1[hidden], w2[hidden × 4], b2[4];
 *   u32 FNV-1a of all before. The first layer is most of the file; 8 bits
 *   a weight with a scale per hidden unit answer as the 32-bit weights do
 *   (the same relative score on held-out stories to 0.01), in a quarter
 *   of the space. They stay 8 bits in memory (q1, s1): a unit sums its
 *   inputs times q1 and takes its scale once, which reads a quarter of
 *   the bytes of a body's rows.
 */
#include "stance.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/doc.h"

/* ---- word lists ---------------------------------------------------------- */

/* They define features, so changing one means retraining the model. Words
 * are as the tokenizer leaves them: lowercase, apostrophes dropped. */
static const char *const stop_words[] = {
	"a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at",
	"be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "did", "do",
	"does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have",
	"having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "in", "into",
	"is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "of", "off", "on", "once",
	"only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so",
	"some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there",
	"these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we",
	"were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would",
	"you", "your", "yours", "yourself", "s", "t", "said", "says", "also", "one", "can", "new", "like",
	NULL};
static const char *const refute_words[] = {
	"fake", "fakes", "faked", "fraud", "fraudulent", "hoax", "hoaxes", "hoaxer", "false", "falsely",
	"deny", "denies", "denied", "denying", "denial", "doubt", "doubts", "doubted", "bogus", "debunk",
	"debunks", "debunked", "debunking", "prank", "pranks", "prankster", "retract", "retracts",
	"retracted", "retraction", "misleading", "untrue", "fabricated", "fabrication", "made-up", "satire",
	"satirical", "dismiss", "dismissed", "dismisses", "refute", "refutes", "refuted", "reject",
	"rejects", "rejected", "baseless", "unfounded", "myth", "lie", "lies", "lied", "liar", "incorrect",
	"wrong", "nonsense", "phony", "phoney", "scam", "photoshopped", "doctored", "rumour", "spoof",
	"parody", "erroneous", "inaccurate", "disputed", "disputes", "contrary", "nope", "despite",
	"insists", "insisted", "hoaxed", NULL};
static const char *const hedge_words[] = {
	"reportedly", "allegedly", "alleged", "alleges", "claim", "claims", "claimed", "claiming", "rumor",
	"rumors", "rumours", "rumored", "rumoured", "unconfirmed", "unverified", "purportedly", "purported",
	"apparently", "supposedly", "may", "might", "could", "possibly", "possible", "perhaps", "report",
	"reports", "reported", "according", "suggests", "suggested", "speculation", "speculated", "appears",
	"appeared", "seems", "seemed", "believed", "believe", "if", "whether", "unclear", "likely",
	"unknown", "sources", "source", NULL};
static const char *const neg_words[] = {
	"not", "no", "never", "nothing", "none", "nor", "cannot", "dont", "doesnt", "didnt", "isnt",
	"wasnt", "arent", "werent", "wont", "cant", "couldnt", "hasnt", "havent", "hadnt", "shouldnt",
	"wouldnt", "neither", "without", "nobody", "n", NULL};
static const char *const support_words[] = {
	"confirmed", "confirms", "confirm", "confirmation", "official", "officially", "announced",
	"announces", "true", "indeed", "verified", "revealed", "reveals", "shows", "showed", "proof",
	"proves", "proved", "evidence", "actually", "real", "genuine", "authentic", "admitted", "admits",
	NULL};

/* ---- hashing and tokens ----------------------------------------------- */

#define FNV_OFF 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

uint64_t ct_stance_hash(const char *word, size_t len)
{
	uint64_t h = FNV_OFF;
	for (size_t i = 0; i < len; i++)
		h = (h ^ lower((unsigned char)word[i])) * FNV_PRIME;
	return h ? h : 1;
}

/* Length of the separator at p, or 0 when p is (part of) a word. Beyond
 * ASCII, Latin-1 symbols (U+0080–U+00BF), general punctuation (quotes,
 * dashes: U+2000–U+206F), CJK punctuation and the byte order mark
 * separate; every other character belongs to a word. */
static size_t sep_len(const unsigned char *p)
{
	unsigned c = p[0];
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? 0 : 1;
	if (c == 0xC2 && p[1] >= 0x80 && p[1] < 0xC0)
		return 2;
	if (c == 0xE2 && (p[1] == 0x80 || p[1] == 0x81) && p[2] >= 0x80 && p[2] < 0xC0)
		return 3;
	if (c == 0xE3 && p[1] == 0x80 && p[2] >= 0x80 && p[2] < 0xC0)
		return 3;
	if (c == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		return 3;
	return 0;
}

static size_t apostrophe_len(const unsigned char *p)
{
	if (p[0] == '\'')
		return 1;
	if (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x99)
		return 3;
	return 0;
}

static void push_tok(uint64_t **out, size_t *cap, size_t *n, uint64_t h)
{
	ct_grow((void **)out, cap, *n + 1, sizeof **out);
	(*out)[(*n)++] = h ? h : 1;
}

size_t ct_stance_tokenize(const char *text, uint64_t **out, size_t *cap, int *qmark)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t n = 0, wlen = 0;
	uint64_t h = FNV_OFF;
	int q = 0;
	while (*p) {
		unsigned char c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
			h = (h ^ lower(c)) * FNV_PRIME; /* the common case first */
			wlen++;
			p++;
			continue;
		}
		size_t a = apostrophe_len(p);
		if (a) {
			/* "don't" → dont; "Obama's" → obama; a quote mark ends a word. */
			const unsigned char *after = p + a;
			if (wlen && *after && !sep_len(after) && !apostrophe_len(after)) {
				if (lower(*after) == 's' && (!after[1] || sep_len(after + 1))) {
					push_tok(out, cap, &n, h);
					h = FNV_OFF, wlen = 0;
					p = after + 1;
				} else {
					p = after;
				}
				continue;
			}
			if (wlen)
				push_tok(out, cap, &n, h);
			h = FNV_OFF, wlen = 0;
			p = after;
			continue;
		}
		size_t s = sep_len(p);
		if (s) {
			q |= *p == '?';
			if (wlen)
				push_tok(out, cap, &n, h);
			h = FNV_OFF, wlen = 0;
			for (size_t i = 0; i < s && *p; i++)
				p++;
			continue;
		}
		h = (h ^ lower(*p)) * FNV_PRIME;
		wlen++;
		p++;
	}
	if (wlen)
		push_tok(out, cap, &n, h);
	if (qmark)
		*qmark = q;
	return n;
}

/* ---- the hash map ----------------------------------------------------- */

static size_t slot_of(uint64_t key, size_t cap)
{
	key ^= key >> 29;
	key *= 0xbf58476d1ce4e5b9ULL;
	key ^= key >> 32;
	return (size_t)key & (cap - 1);
}

void ct_stance_map_put(ct_stance_map *m, uint64_t key, int32_t val)
{
	if ((m->n + 1) * 2 > m->cap) {
		ct_stance_map old = *m;
		m->cap = old.cap ? old.cap * 2 : 64;
		m->keys = ct_xcalloc(m->cap, sizeof *m->keys);
		m->vals = ct_xcalloc(m->cap, sizeof *m->vals);
		m->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.keys[i])
				ct_stance_map_put(m, old.keys[i], old.vals[i]);
		free(old.keys);
		free(old.vals);
	}
	size_t i = slot_of(key, m->cap);
	while (m->keys[i] && m->keys[i] != key)
		i = (i + 1) & (m->cap - 1);
	if (!m->keys[i]) {
		m->keys[i] = key;
		m->n++;
	}
	m->vals[i] = val;
}

int32_t ct_stance_map_get(const ct_stance_map *m, uint64_t key)
{
	if (!m->cap)
		return -1;
	size_t i = slot_of(key, m->cap);
	while (m->keys[i]) {
		if (m->keys[i] == key)
			return m->vals[i];
		i = (i + 1) & (m->cap - 1);
	}
	return -1;
}

void ct_stance_map_free(ct_stance_map *m)
{
	free(m->keys);
	free(m->vals);
	*m = (ct_stance_map){0};
}

uint64_t ct_stance_rand(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* ---- the model in memory ---------------------------------------------- */

static void add_class(ct_stance_model *m, const char *const *list, int bit)
{
	for (; *list; list++) {
		uint64_t h = ct_stance_hash(*list, strlen(*list));
		int32_t c = ct_stance_map_get(&m->cls, h);
		ct_stance_map_put(&m->cls, h, (c < 0 ? 0 : c) | bit);
	}
}

ct_stance_model *ct_stance_model_empty(void)
{
	ct_stance_model *m = ct_xcalloc(1, sizeof *m);
	add_class(m, stop_words, CT_STANCE_CSTOP);
	add_class(m, refute_words, CT_STANCE_CREFUTE);
	add_class(m, hedge_words, CT_STANCE_CHEDGE);
	add_class(m, neg_words, CT_STANCE_CNEG);
	add_class(m, support_words, CT_STANCE_CSUPPORT);
	for (int d = 0; d < CT_STANCE_NDENSE; d++)
		m->sd[d] = 1;
	return m;
}

void ct_stance_model_index(ct_stance_model *m)
{
	ct_stance_map_free(&m->map);
	for (size_t i = 0; i < m->nwords; i++)
		ct_stance_map_put(&m->map, m->words[i], (int32_t)i);
}

int ct_stance_class(const ct_stance_model *m, uint64_t h)
{
	int32_t c = ct_stance_map_get(&m->cls, h);
	return c < 0 ? 0 : c;
}

void ct_stance_model_free(ct_stance_model *m)
{
	if (!m)
		return;
	free(m->words);
	free(m->idf);
	ct_stance_map_free(&m->map);
	ct_stance_map_free(&m->cls);
	free(m->q1);
	free(m->s1);
	free(m->qd);
	free(m->w1);
	free(m->b1);
	free(m->w2);
	free(m->b2);
	free(m);
}

const char *ct_stance_model_error(const ct_stance_model *m)
{
	return m ? m->err : "";
}

static int model_fail(ct_stance_model *m, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int model_fail(ct_stance_model *m, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(m->err, sizeof m->err, fmt, ap);
	va_end(ap);
	return code;
}

/* ---- bodies ---------------------------------------------------------- */

typedef struct {
	uint64_t h;
	uint32_t n;
	int32_t w; /* the word's index in the vocabulary, -1 for none (bodies only) */
} tf_ent;

/*
 * The distinct words of a body with their counts: ent[] in first-seen
 * order (the order sums over them take), found by hash through slot[]
 * (open addressing, at most half full; 0 empty, else 1 + index into
 * ent). A body is asked about each word of every headline met, and
 * sorting its words for a binary search took a third of a prediction.
 */
typedef struct {
	tf_ent *ent;
	uint32_t *slot;
	size_t n, mask;
} tf_table;

enum { CUE_REFUTE, CUE_HEDGE, CUE_NEG, CUE_SUPPORT, NCUE };
static const int cue_bit[NCUE] = {CT_STANCE_CREFUTE, CT_STANCE_CHEDGE, CT_STANCE_CNEG, CT_STANCE_CSUPPORT};

struct ct_stance_body {
	uint64_t *tok; /* word hashes in text order */
	size_t ntok;
	tf_table tf, pre; /* counts of the whole body and of its start */
	tf_table bi;      /* its bigrams */
	double norm, pre_norm; /* TF-IDF vector lengths */
	uint32_t *fidx;        /* the body count vector (feature word ids) */
	float *fval;
	size_t nf;
	uint32_t *cue[NCUE]; /* token positions of each word class */
	size_t ncue[NCUE];
	float *h0; /* per net, the hidden layer before the hand features: b1 + the count vector's part */
};

static void insertion_sort(uint64_t *a, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		uint64_t v = a[i];
		size_t j = i;
		for (; j > 0 && a[j - 1] > v; j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

/* Sorts n keys ascending. A body's tokens are sorted three times, and
 * qsort's callback per comparison made that half of the time of a
 * prediction. Keys are hashes, spread evenly, so one pass into buckets by
 * their top bits (about two keys a bucket) and an insertion sort of each
 * bucket do it in linear time. */
static void sort_u64(uint64_t *a, size_t n)
{
	if (n < 32) {
		insertion_sort(a, n);
		return;
	}
	int bits = 1;
	while (bits < 16 && ((size_t)2 << bits) < n)
		bits++;
	size_t nb = (size_t)1 << bits;
	size_t *start = ct_xcalloc(nb + 1, sizeof *start);
	uint64_t *tmp = ct_xmalloc(n * sizeof *tmp);
	for (size_t i = 0; i < n; i++)
		start[(a[i] >> (64 - bits)) + 1]++;
	for (size_t k = 0; k < nb; k++)
		start[k + 1] += start[k];
	for (size_t i = 0; i < n; i++)
		tmp[start[a[i] >> (64 - bits)]++] = a[i];
	/* start[k] is now the end of bucket k, the start of bucket k + 1 */
	size_t from = 0;
	for (size_t k = 0; k < nb; k++) {
		insertion_sort(tmp + from, start[k] - from);
		from = start[k];
	}
	memcpy(a, tmp, n * sizeof *a);
	free(tmp);
	free(start);
}

/* Counts of toks[0..n) as a sorted array (owned). */
static tf_ent *count(const uint64_t *toks, size_t n, size_t *nout)
{
	uint64_t *s = ct_xmalloc((n ? n : 1) * sizeof *s);
	if (n)
		memcpy(s, toks, n * sizeof *s);
	sort_u64(s, n);
	tf_ent *tf = ct_xmalloc((n ? n : 1) * sizeof *tf);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (k && tf[k - 1].h == s[i])
			tf[k - 1].n++;
		else
			tf[k++] = (tf_ent){s[i], 1, -1};
	}
	free(s);
	*nout = k;
	return tf;
}

/* Fills t with the words of toks[0..n); which[i] (when not NULL) gets
 * the index in t->ent of token i. */
static void table_build(tf_table *t, const uint64_t *toks, size_t n, uint32_t *which)
{
	size_t cap = 16;
	while (cap < 2 * n)
		cap <<= 1;
	t->slot = ct_xcalloc(cap, sizeof *t->slot);
	t->mask = cap - 1;
	t->ent = ct_xmalloc((n ? n : 1) * sizeof *t->ent);
	t->n = 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t h = toks[i];
		size_t at = slot_of(h, cap);
		while (t->slot[at] && t->ent[t->slot[at] - 1].h != h)
			at = (at + 1) & t->mask;
		if (t->slot[at]) {
			t->ent[t->slot[at] - 1].n++;
		} else {
			t->ent[t->n] = (tf_ent){h, 1, -1};
			t->slot[at] = (uint32_t)++t->n;
		}
		if (which)
			which[i] = t->slot[at] - 1;
	}
}

static uint32_t table_get(const tf_table *t, uint64_t h)
{
	size_t at = slot_of(h, t->mask + 1);
	while (t->slot[at]) {
		const tf_ent *e = &t->ent[t->slot[at] - 1];
		if (e->h == h)
			return e->n;
		at = (at + 1) & t->mask;
	}
	return 0;
}

static void table_free(tf_table *t)
{
	free(t->ent);
	free(t->slot);
}

static float idf_of(const ct_stance_model *m, uint64_t h)
{
	int32_t w = ct_stance_map_get(&m->map, h);
	return w >= 0 ? m->idf[w] : m->idf_unk;
}

/* The length of a body's TF-IDF vector; looks each word up once, into
 * its w. */
static double tfidf_norm(const ct_stance_model *m, tf_table *t)
{
	double s = 0;
	for (size_t i = 0; i < t->n; i++) {
		tf_ent *e = &t->ent[i];
		e->w = ct_stance_map_get(&m->map, e->h);
		double v = e->n * (double)(e->w >= 0 ? m->idf[e->w] : m->idf_unk);
		s += v * v;
	}
	return sqrt(s);
}

static uint64_t bigram(uint64_t a, uint64_t b)
{
	uint64_t h = a * 0x9e3779b97f4a7c15ULL ^ (b + 0x632be59bd9b4e019ULL);
	return h ? h : 1;
}

/*
 * Count vector entries for tokens with a feature word, log(1 + count),
 * L2-normalized, sorted by index; `base` is added to each index. Returns
 * the count of entries.
 */
static size_t count_vector(const ct_stance_model *m, const tf_ent *tf, size_t ntf, uint32_t base, uint32_t **idx,
			   float **val, size_t *cap, size_t at)
{
	size_t n = at;
	double ss = 0;
	for (size_t i = 0; i < ntf; i++) {
		int32_t w = tf[i].w;
		if (w < 0 || (size_t)w >= m->nfeat)
			continue;
		if (n + 1 > *cap) {
			size_t c = *cap;
			ct_grow((void **)idx, &c, n + 1, sizeof **idx);
			ct_grow((void **)val, cap, n + 1, sizeof **val);
		}
		(*idx)[n] = base + (uint32_t)w;
		(*val)[n] = (float)log1p(tf[i].n);
		ss += (double)(*val)[n] * (*val)[n];
		n++;
	}
	float inv = ss > 0 ? (float)(1 / sqrt(ss)) : 0;
	for (size_t i = at; i < n; i++)
		(*val)[i] *= inv;
	return n - at;
}

static ct_stance_body *body_build(const ct_stance_model *m, uint64_t *tok, size_t ntok, int for_many);

/* y[0..n) += a * q[0..n), the 8-bit weights widened exactly to float; in
 * blocks of 8 for the compiler's vectors, each y[j] the same single
 * product and sum as a plain loop. */
static inline void axpy_q(float *restrict y, const int8_t *restrict q, float a, size_t n)
{
	size_t j = 0;
	for (; j + 8 <= n; j += 8)
		for (int k = 0; k < 8; k++)
			y[j + k] += a * (float)q[j + k];
	for (; j < n; j++)
		y[j] += a * (float)q[j];
}

/*
 * h[0..H) += the rows idx[0..n) of q1 (H wide) times val: most of the
 * time of a prediction whose body is read for it. On x86-64 a build with
 * GCC makes an AVX2 copy too, chosen at start-up when the processor has
 * it: twice the width of the SSE2 every x86-64 has. Each h[j] gets the
 * same products added in the same order either way (no fused
 * multiply-add), so the answers are the same to the bit.
 */
CT_AVX2_CLONES
static void sparse_sum(float *h, const int8_t *q1, const uint32_t *idx, const float *val, size_t n, size_t H)
{
	for (size_t i = 0; i < n; i++)
		axpy_q(h, q1 + (size_t)idx[i] * H, val[i], H);
}

ct_stance_body *ct_stance_body_new(const ct_stance_model *m, const char *text)
{
	uint64_t *tok = NULL;
	size_t cap = 0;
	size_t n = ct_stance_tokenize(text ? text : "", &tok, &cap, NULL);
	return body_build(m, tok, n, 1);
}

ct_stance_body *ct_stance_body_take(const ct_stance_model *m, uint64_t *tok, size_t ntok)
{
	return body_build(m, tok, ntok, 1);
}

/* for_many: the body will meet several headlines, so its share of the
 * hidden layer is worth computing once (for one headline it costs as
 * much as it saves). */
static ct_stance_body *body_build(const ct_stance_model *m, uint64_t *tok, size_t ntok, int for_many)
{
	ct_stance_body *b = ct_xcalloc(1, sizeof *b);
	b->tok = tok;
	b->ntok = ntok;
	uint32_t *which = ct_xmalloc((ntok ? ntok : 1) * sizeof *which);
	table_build(&b->tf, b->tok, b->ntok, which);
	table_build(&b->pre, b->tok, b->ntok < CT_STANCE_PREFIX ? b->ntok : CT_STANCE_PREFIX, NULL);
	b->norm = tfidf_norm(m, &b->tf);
	b->pre_norm = tfidf_norm(m, &b->pre);
	uint64_t *bi = ct_xmalloc((b->ntok ? b->ntok : 1) * sizeof *bi);
	for (size_t i = 0; i + 1 < b->ntok; i++)
		bi[i] = bigram(b->tok[i], b->tok[i + 1]);
	table_build(&b->bi, bi, b->ntok ? b->ntok - 1 : 0, NULL);
	free(bi);
	size_t fcap = 0;
	b->nf = count_vector(m, b->tf.ent, b->tf.n, 0, &b->fidx, &b->fval, &fcap, 0);
	if (b->nf) {
		/* In first-seen order; the network wants index order for
		 * locality. The index goes in the key's top bits, where
		 * sort_u64's buckets look (below 2^shift: shift >= 32 leaves
		 * room for the value's bits). */
		int shift = 64;
		while (shift > 32 && (uint64_t)1 << (64 - shift) <= m->nfeat)
			shift--;
		uint64_t *pairs = ct_xmalloc(b->nf * sizeof *pairs);
		for (size_t i = 0; i < b->nf; i++) {
			float v = b->fval[i];
			uint32_t bits;
			memcpy(&bits, &v, sizeof bits);
			pairs[i] = (uint64_t)b->fidx[i] << shift | bits;
		}
		sort_u64(pairs, b->nf);
		for (size_t i = 0; i < b->nf; i++) {
			uint32_t bits = (uint32_t)pairs[i];
			b->fidx[i] = (uint32_t)(pairs[i] >> shift);
			memcpy(&b->fval[i], &bits, sizeof bits);
		}
		free(pairs);
	}
	size_t ccap[NCUE] = {0};
	unsigned char *cls = ct_xmalloc(b->tf.n + 1);
	for (size_t i = 0; i < b->tf.n; i++)
		cls[i] = (unsigned char)ct_stance_class(m, b->tf.ent[i].h);
	for (size_t i = 0; i < b->ntok; i++) {
		int c = cls[which[i]];
		for (int k2 = 0; k2 < NCUE; k2++)
			if (c & cue_bit[k2]) {
				ct_grow((void **)&b->cue[k2], &ccap[k2], b->ncue[k2] + 1, sizeof *b->cue[k2]);
				b->cue[k2][b->ncue[k2]++] = (uint32_t)i;
			}
	}
	free(cls);
	free(which);
	/* the same sums in the same order as ct_stance_forward, so the answers
	 * are the same to the bit; not while a model is being trained (no
	 * weights yet) */
	size_t H = m->hidden;
	if (!for_many || !m->q1 || !H)
		return b;
	b->h0 = ct_xcalloc(m->nnet * H, sizeof *b->h0);
	for (size_t net = 0; net < m->nnet; net++)
		sparse_sum(b->h0 + net * H, m->q1 + net * m->ninput * H, b->fidx, b->fval, b->nf, H);
	return b;
}

void ct_stance_body_free(ct_stance_body *b)
{
	if (!b)
		return;
	free(b->tok);
	table_free(&b->tf);
	table_free(&b->pre);
	table_free(&b->bi);
	free(b->fidx);
	free(b->fval);
	for (int k = 0; k < NCUE; k++)
		free(b->cue[k]);
	free(b->h0);
	free(b);
}

/* ---- features ----------------------------------------------------------- */

void ct_stance_x_free(ct_stance_x *x)
{
	free(x->idx);
	free(x->val);
	free(x->tok);
	free(x->near);
	*x = (ct_stance_x){0};
}

static float lg(double v)
{
	return (float)log1p(v);
}

/* Cue words of class k in body positions [lo, hi) that have a headline
 * word within `win` tokens (near[] is a prefix count of headline hits). */
static size_t near_count(const ct_stance_body *b, int k, const uint32_t *near, size_t win, size_t hi)
{
	size_t n = 0;
	for (size_t i = 0; i < b->ncue[k] && b->cue[k][i] < hi; i++) {
		size_t p = b->cue[k][i];
		size_t lo = p > win ? p - win : 0, up = p + win + 1 < b->ntok ? p + win + 1 : b->ntok;
		n += near[up] - near[lo] > 0;
	}
	return n;
}

static size_t cue_before(const ct_stance_body *b, int k, size_t hi)
{
	size_t n = 0;
	while (n < b->ncue[k] && b->cue[k][n] < hi)
		n++;
	return n;
}

/* The hand features of a pair into x->dense. */
static void dense_features(const ct_stance_model *m, const char *headline, const ct_stance_body *b, ct_stance_x *x)
{
	float *f = x->dense;
	memset(f, 0, sizeof x->dense);
	int qmark;
	size_t nt = ct_stance_tokenize(headline ? headline : "", &x->tok, &x->tokcap, &qmark);
	size_t nht;
	tf_ent *ht = count(x->tok, nt, &nht);

	/* TF-IDF cosines and the overlaps of the headline's content words. */
	double dot = 0, pdot = 0, hn = 0;
	double nc = 0, in_body = 0, in_pre = 0, w_all = 0, w_body = 0, w_pre = 0, frequent = 0;
	uint64_t content[64];
	size_t ncontent = 0;
	for (size_t i = 0; i < nht; i++) {
		double idf = idf_of(m, ht[i].h);
		double hv = ht[i].n * idf;
		uint32_t bt = table_get(&b->tf, ht[i].h), pt = table_get(&b->pre, ht[i].h);
		hn += hv * hv;
		dot += hv * bt * idf;
		pdot += hv * pt * idf;
		if (ct_stance_class(m, ht[i].h) & CT_STANCE_CSTOP)
			continue;
		nc++;
		in_body += bt > 0;
		in_pre += pt > 0;
		frequent += bt >= 3;
		w_all += idf;
		w_body += bt > 0 ? idf : 0;
		w_pre += pt > 0 ? idf : 0;
		if (ncontent < 64)
			content[ncontent++] = ht[i].h;
	}
	hn = sqrt(hn);
	f[0] = hn > 0 && b->norm > 0 ? (float)(dot / (hn * b->norm)) : 0;
	f[1] = hn > 0 && b->pre_norm > 0 ? (float)(pdot / (hn * b->pre_norm)) : 0;
	if (nc > 0) {
		f[2] = (float)(in_body / nc);
		f[3] = (float)(in_pre / nc);
		f[6] = (float)(w_body / w_all);
		f[7] = (float)(w_pre / w_all);
		f[8] = (float)(frequent / nc);
	}
	size_t nbi = 0, bihit = 0;
	for (size_t i = 0; i + 1 < nt; i++, nbi++)
		bihit += table_get(&b->bi, bigram(x->tok[i], x->tok[i + 1])) > 0;
	f[4] = nbi ? (float)bihit / (float)nbi : 0;

	/* Where in the body the headline's words are: the best 40-token
	 * window, and a prefix count of hits for "near". */
	ct_grow((void **)&x->near, &x->nearcap, b->ntok + 1, sizeof *x->near);
	uint32_t *near = x->near;
	uint64_t win_mask[2] = {0, 0};
	size_t best = 0, win_count[2] = {0, 0};
	enum { WIN = 40 };
	/* Most body words are none of the headline's: one bit per content
	 * word's hash lets them pass without the comparisons. */
	uint64_t bloom = 0;
	for (size_t k = 0; k < ncontent; k++)
		bloom |= 1ULL << (content[k] >> 58);
	uint32_t hits = 0;
	for (size_t i = 0; i < b->ntok; i++) {
		uint64_t bit = 0;
		if (bloom >> (b->tok[i] >> 58) & 1)
			for (size_t k = 0; k < ncontent; k++)
				if (content[k] == b->tok[i]) {
					bit = 1ULL << k;
					break;
				}
		near[i] = hits;
		hits += bit != 0;
		/* Two staggered windows, each reset every WIN tokens, cover every
		 * stretch of WIN/2 tokens; each counts its distinct words. */
		if (i % WIN == 0)
			win_mask[0] = 0, win_count[0] = 0;
		if ((i + WIN / 2) % WIN == 0)
			win_mask[1] = 0, win_count[1] = 0;
		for (int w = 0; w < 2; w++) {
			win_count[w] += bit && !(win_mask[w] & bit);
			win_mask[w] |= bit;
			best = win_count[w] > best ? win_count[w] : best;
		}
	}
	near[b->ntok] = hits;
	f[5] = ncontent ? (float)best / (float)ncontent : 0;
	f[9] = lg((double)ncontent);
	f[10] = lg((double)b->ntok);
	f[11] = (float)qmark;
	for (size_t i = 0; i < nt; i++) {
		int c = ct_stance_class(m, x->tok[i]);
		f[12] += (c & CT_STANCE_CREFUTE) != 0;
		f[13] += (c & CT_STANCE_CHEDGE) != 0;
		f[14] += (c & CT_STANCE_CNEG) != 0;
	}
	enum { NEAR = 15 };
	f[15] = lg((double)b->ncue[CUE_REFUTE]);
	f[16] = lg((double)near_count(b, CUE_REFUTE, near, NEAR, b->ntok));
	f[17] = lg((double)cue_before(b, CUE_REFUTE, CT_STANCE_PREFIX));
	f[18] = lg((double)b->ncue[CUE_HEDGE]);
	f[19] = lg((double)near_count(b, CUE_HEDGE, near, NEAR, b->ntok));
	f[20] = lg((double)near_count(b, CUE_NEG, near, NEAR, b->ntok));
	f[21] = b->ntok ? (float)(100.0 * (double)b->ncue[CUE_NEG] / (double)b->ntok) : 0;
	f[22] = lg((double)near_count(b, CUE_SUPPORT, near, NEAR, b->ntok));
	f[23] = lg((double)b->ncue[CUE_SUPPORT]);
	free(ht);
}

void ct_stance_features(const ct_stance_model *m, const char *headline, const ct_stance_body *b, ct_stance_x *x)
{
	if (x->cap < b->nf) {
		size_t c = x->cap;
		ct_grow((void **)&x->idx, &c, b->nf, sizeof *x->idx);
		ct_grow((void **)&x->val, &x->cap, b->nf, sizeof *x->val);
	}
	if (b->nf) { /* a body without a vocabulary word has no arrays to copy */
		memcpy(x->idx, b->fidx, b->nf * sizeof *x->idx);
		memcpy(x->val, b->fval, b->nf * sizeof *x->val);
	}
	x->n = b->nf;
	dense_features(m, headline, b, x);
}

/* ---- the network ---------------------------------------------------------- */

/* Net k from its hidden layer's sum so far (h, unscaled, changed) on: the
 * hand features (standardized, z), the units' scales and biases, the
 * output layer and the softmax into p. */
static void net_finish(const ct_stance_model *m, size_t k, const float *z, float *h, float p[CT_STANCE_NLABELS])
{
	size_t H = m->hidden;
	const float *qd = m->qd + k * CT_STANCE_NDENSE * H;
	const float *s1 = m->s1 + k * H, *b1 = m->b1 + k * H, *w2 = m->w2 + k * H * CT_STANCE_NLABELS;
	for (int d = 0; d < CT_STANCE_NDENSE; d++)
		ct_stance_axpy(h, qd + (size_t)d * H, z[d], H);
	float o[CT_STANCE_NLABELS];
	memcpy(o, m->b2 + k * CT_STANCE_NLABELS, sizeof o);
	for (size_t j = 0; j < H; j++) {
		float u = h[j] * s1[j] + b1[j];
		float a = u > 0 ? u : 0;
		for (int c = 0; c < CT_STANCE_NLABELS; c++)
			o[c] += a * w2[j * CT_STANCE_NLABELS + c];
	}
	float top = o[0], s = 0;
	for (int c = 1; c < CT_STANCE_NLABELS; c++)
		top = o[c] > top ? o[c] : top;
	for (int c = 0; c < CT_STANCE_NLABELS; c++)
		s += p[c] = expf(o[c] - top);
	for (int c = 0; c < CT_STANCE_NLABELS; c++)
		p[c] /= s;
}

static void standardize(const ct_stance_model *m, const ct_stance_x *x, float z[CT_STANCE_NDENSE])
{
	for (int d = 0; d < CT_STANCE_NDENSE; d++)
		z[d] = ct_stance_dense_in(m, x, d);
}

/* The mean of the nets' probabilities (sum / nnet) into probs; its label. */
static ct_stance_label average(const ct_stance_model *m, const float sum[CT_STANCE_NLABELS],
			       float probs[CT_STANCE_NLABELS])
{
	float p[CT_STANCE_NLABELS];
	int best = 0;
	for (int c = 0; c < CT_STANCE_NLABELS; c++) {
		p[c] = sum[c] / (float)m->nnet;
		best = p[c] > p[best] ? c : best;
	}
	if (probs)
		memcpy(probs, p, sizeof p);
	return (ct_stance_label)best;
}

/* Every net on x, their mean into probs; the count vector's share of each
 * hidden layer from h0 (a prepared body's, per net) or, NULL, summed from
 * x's sparse entries — the same sums in the same order either way. */
static ct_stance_label run_nets(const ct_stance_model *m, const ct_stance_x *x, const float *h0,
				float probs[CT_STANCE_NLABELS])
{
	size_t H = m->hidden;
	float z[CT_STANCE_NDENSE], h[CT_STANCE_MAXHID], p[CT_STANCE_NLABELS], sum[CT_STANCE_NLABELS] = {0};
	standardize(m, x, z);
	for (size_t k = 0; k < m->nnet; k++) {
		if (h0) {
			memcpy(h, h0 + k * H, H * sizeof *h);
		} else {
			memset(h, 0, H * sizeof *h);
			sparse_sum(h, m->q1 + k * m->ninput * H, x->idx, x->val, x->n, H);
		}
		net_finish(m, k, z, h, p);
		for (int c = 0; c < CT_STANCE_NLABELS; c++)
			sum[c] += p[c];
	}
	return average(m, sum, probs);
}

ct_stance_label ct_stance_forward(const ct_stance_model *m, const ct_stance_x *x, float probs[CT_STANCE_NLABELS])
{
	return run_nets(m, x, NULL, probs);
}

ct_stance_label ct_stance_predict_body(const ct_stance_model *m, const char *headline, const ct_stance_body *body,
				       float probs[CT_STANCE_NLABELS])
{
	ct_stance_x x = {0};
	ct_stance_label l;
	if (body->h0) {
		dense_features(m, headline, body, &x);
		l = run_nets(m, &x, body->h0, probs);
	} else {
		ct_stance_features(m, headline, body, &x);
		l = ct_stance_forward(m, &x, probs);
	}
	ct_stance_x_free(&x);
	return l;
}

ct_stance_label ct_stance_predict(const ct_stance_model *m, const char *headline, const char *body,
				  float probs[CT_STANCE_NLABELS])
{
	uint64_t *tok = NULL;
	size_t cap = 0;
	size_t n = ct_stance_tokenize(body ? body : "", &tok, &cap, NULL);
	ct_stance_body *b = body_build(m, tok, n, 0);
	ct_stance_label l = ct_stance_predict_body(m, headline, b, probs);
	ct_stance_body_free(b);
	return l;
}

/* ---- the file ------------------------------------------------------------ */

/* Per hidden unit j of net k, the scale that maps its largest weight to
 * 127. */
static float unit_scale(const ct_stance_model *m, size_t k, size_t j)
{
	const float *w1 = m->w1 + k * m->ninput * m->hidden;
	float mx = 0;
	for (size_t i = 0; i < m->ninput; i++) {
		float a = fabsf(w1[i * m->hidden + j]);
		mx = a > mx ? a : mx;
	}
	return mx > 0 ? mx / 127.0f : 1.0f;
}

static int8_t quant(float w, float scale)
{
	long q = lrintf(w / scale);
	return (int8_t)(q > 127 ? 127 : q < -127 ? -127 : q);
}

/* The hand features' rows of q1 as floats (see qd). */
static void dense_rows(ct_stance_model *m)
{
	size_t H = m->hidden, I = m->ninput;
	free(m->qd);
	m->qd = ct_xmalloc(m->nnet * CT_STANCE_NDENSE * H * sizeof *m->qd);
	for (size_t k = 0; k < m->nnet; k++)
		for (size_t d = 0; d < CT_STANCE_NDENSE; d++)
			for (size_t j = 0; j < H; j++)
				m->qd[(k * CT_STANCE_NDENSE + d) * H + j] = (float)m->q1[(k * I + m->nfeat + d) * H + j];
}

void ct_stance_pack(ct_stance_model *m)
{
	size_t H = m->hidden, I = m->ninput;
	free(m->q1);
	free(m->s1);
	m->q1 = ct_xmalloc(m->nnet * I * H * sizeof *m->q1);
	m->s1 = ct_xmalloc(m->nnet * H * sizeof *m->s1);
	for (size_t k = 0; k < m->nnet; k++)
		for (size_t j = 0; j < H; j++) {
			float s = unit_scale(m, k, j);
			m->s1[k * H + j] = s;
			for (size_t i = 0; i < I; i++)
				m->q1[(k * I + i) * H + j] = quant(m->w1[(k * I + i) * H + j], s);
		}
	free(m->w1);
	m->w1 = NULL;
	dense_rows(m);
}

static void put_u32(ct_buf *b, uint32_t v)
{
	unsigned char c[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
			      (unsigned char)(v >> 24)};
	ct_buf_add(b, c, 4);
}

static void put_f32(ct_buf *b, float f)
{
	uint32_t v;
	memcpy(&v, &f, 4);
	put_u32(b, v);
}

static uint32_t fnv32(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 16777619u;
	return h;
}

int ct_stance_model_save(ct_stance_model *m, const char *path)
{
	ct_buf b = {0};
	ct_buf_add(&b, CT_STANCE_MAGIC, 8);
	put_u32(&b, CT_STANCE_VERSION);
	put_u32(&b, CT_STANCE_NDENSE);
	put_u32(&b, (uint32_t)m->nwords);
	put_u32(&b, (uint32_t)m->nfeat);
	put_u32(&b, (uint32_t)m->hidden);
	put_u32(&b, (uint32_t)m->nnet);
	put_f32(&b, m->idf_unk);
	for (size_t i = 0; i < m->nwords; i++) {
		put_u32(&b, (uint32_t)m->words[i]);
		put_u32(&b, (uint32_t)(m->words[i] >> 32));
		put_f32(&b, m->idf[i]);
	}
	for (int d = 0; d < CT_STANCE_NDENSE; d++)
		put_f32(&b, m->mean[d]);
	for (int d = 0; d < CT_STANCE_NDENSE; d++)
		put_f32(&b, m->sd[d]);
	size_t H = m->hidden;
	for (size_t k = 0; k < m->nnet; k++) {
		const int8_t *q1 = m->q1 + k * m->ninput * H;
		for (size_t j = 0; j < H; j++) {
			put_f32(&b, m->s1[k * H + j]);
			for (size_t i = 0; i < m->ninput; i++) {
				unsigned char q = (unsigned char)q1[i * H + j];
				ct_buf_add(&b, &q, 1);
			}
		}
		for (size_t j = 0; j < H; j++)
			put_f32(&b, m->b1[k * H + j]);
		for (size_t j = 0; j < H * CT_STANCE_NLABELS; j++)
			put_f32(&b, m->w2[k * H * CT_STANCE_NLABELS + j]);
		for (int c = 0; c < CT_STANCE_NLABELS; c++)
			put_f32(&b, m->b2[k * CT_STANCE_NLABELS + c]);
	}
	put_u32(&b, fnv32(b.data, b.len));

	int rc = 0;
	FILE *f = fopen(path, "wb");
	if (!f) {
		rc = model_fail(m, CT_EIO, "%s: cannot write: %s", path, strerror(errno));
	} else {
		size_t n = fwrite(b.data, 1, b.len, f);
		if ((fclose(f) != 0 || n != b.len) && !rc)
			rc = model_fail(m, CT_EIO, "%s: write failed: %s", path, strerror(errno));
	}
	ct_buf_free(&b);
	return rc;
}

/* A bounds-checked reader over the file's bytes. */
typedef struct {
	const unsigned char *p;
	size_t n, at;
	int short_read;
} cursor;

static const unsigned char *take(cursor *c, size_t n)
{
	if (c->short_read || n > c->n - c->at) {
		c->short_read = 1;
		return NULL;
	}
	const unsigned char *p = c->p + c->at;
	c->at += n;
	return p;
}

static uint32_t get_u32(cursor *c)
{
	const unsigned char *p = take(c, 4);
	return p ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24 : 0;
}

static float get_f32(cursor *c)
{
	uint32_t v = get_u32(c);
	float f;
	memcpy(&f, &v, 4);
	return f;
}

static int parse(ct_stance_model *m, const char *path, const unsigned char *data, size_t len)
{
	cursor c = {data, len, 0, 0};
	const unsigned char *magic = take(&c, 8);
	if (!magic || memcmp(magic, CT_STANCE_MAGIC, 8))
		return model_fail(m, CT_EDATA, "%s: not a claimtrace stance model (no %s magic)", path, CT_STANCE_MAGIC);
	uint32_t version = get_u32(&c);
	if (!c.short_read && version != CT_STANCE_VERSION)
		return model_fail(m, CT_EDATA, "%s: stance model version %u; this build reads version %u", path, version,
				  CT_STANCE_VERSION);
	if (len < 12 + 4 || fnv32(data, len - 4) != (c.at = len - 4, get_u32(&c)))
		return model_fail(m, CT_EDATA, "%s: corrupt or truncated stance model (checksum mismatch)", path);
	c.at = 12;
	c.n = len - 4;
	uint32_t ndense = get_u32(&c), nwords = get_u32(&c), nfeat = get_u32(&c), hidden = get_u32(&c);
	uint32_t nnet = get_u32(&c);
	m->idf_unk = get_f32(&c);
	if (c.short_read || ndense != CT_STANCE_NDENSE || nfeat > nwords || nwords > (1u << 24) || !hidden ||
	    hidden > CT_STANCE_MAXHID || !nnet || nnet > CT_STANCE_MAXNET)
		return model_fail(m, CT_EDATA,
				  "%s: stance model sizes out of range (features %u, words %u/%u, hidden %u, nets %u)",
				  path, ndense, nfeat, nwords, hidden, nnet);
	if ((size_t)nwords * 12 > c.n - c.at)
		return model_fail(m, CT_EDATA, "%s: stance model is truncated (vocabulary)", path);
	m->words = ct_xcalloc(nwords ? nwords : 1, sizeof *m->words);
	m->idf = ct_xcalloc(nwords ? nwords : 1, sizeof *m->idf);
	for (uint32_t i = 0; i < nwords; i++) {
		uint64_t lo = get_u32(&c);
		m->words[i] = lo | (uint64_t)get_u32(&c) << 32;
		m->idf[i] = get_f32(&c);
	}
	m->nwords = nwords;
	m->nfeat = nfeat;
	m->hidden = hidden;
	m->nnet = nnet;
	m->ninput = (size_t)nfeat + CT_STANCE_NDENSE;
	for (int d = 0; d < CT_STANCE_NDENSE; d++)
		m->mean[d] = get_f32(&c);
	for (int d = 0; d < CT_STANCE_NDENSE; d++)
		m->sd[d] = get_f32(&c);
	size_t H = hidden, net_bytes = H * (4 + m->ninput) + 4 * (H + H * CT_STANCE_NLABELS + CT_STANCE_NLABELS);
	if (c.short_read || c.n - c.at != nnet * net_bytes)
		return model_fail(m, CT_EDATA, "%s: stance model is truncated or has extra bytes", path);
	m->q1 = ct_xmalloc(nnet * m->ninput * H * sizeof *m->q1);
	m->s1 = ct_xmalloc(nnet * H * sizeof *m->s1);
	m->b1 = ct_xmalloc(nnet * H * sizeof *m->b1);
	m->w2 = ct_xmalloc(nnet * H * CT_STANCE_NLABELS * sizeof *m->w2);
	m->b2 = ct_xmalloc(nnet * CT_STANCE_NLABELS * sizeof *m->b2);
	for (size_t k = 0; k < nnet; k++) {
		int8_t *q1 = m->q1 + k * m->ninput * H;
		for (size_t j = 0; j < H; j++) {
			m->s1[k * H + j] = get_f32(&c);
			const unsigned char *q = take(&c, m->ninput);
			for (size_t i = 0; i < m->ninput; i++)
				q1[i * H + j] = (int8_t)q[i];
		}
		for (size_t j = 0; j < H; j++)
			m->b1[k * H + j] = get_f32(&c);
		for (size_t j = 0; j < H * CT_STANCE_NLABELS; j++)
			m->w2[k * H * CT_STANCE_NLABELS + j] = get_f32(&c);
		for (int l = 0; l < CT_STANCE_NLABELS; l++)
			m->b2[k * CT_STANCE_NLABELS + l] = get_f32(&c);
	}
	for (int d = 0; d < CT_STANCE_NDENSE; d++)
		if (!(m->sd[d] > 0) || !isfinite(m->mean[d]))
			return model_fail(m, CT_EDATA, "%s: stance model has a bad scale for feature %d", path, d);
	dense_rows(m);
	ct_stance_model_index(m);
	return 0;
}

int ct_stance_model_load(ct_stance_model **out, const char *path, const char *datadir)
{
	ct_stance_model *m = ct_stance_model_empty();
	*out = m;
	char *own = NULL;
	if (!path) {
		path = own = ct_xasprintf("%s/stance.model", ct_datadir(datadir));
	}
	int rc = 0;
	ct_buf b = {0};
	FILE *f = fopen(path, "rb");
	if (!f) {
		rc = model_fail(m, CT_EIO, "%s: cannot open stance model: %s", path, strerror(errno));
		goto out;
	}
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		ct_buf_add(&b, chunk, n);
	if (ferror(f))
		rc = model_fail(m, CT_EIO, "%s: read error: %s", path, strerror(errno));
	fclose(f);
	if (!rc)
		rc = parse(m, path, (const unsigned char *)(b.data ? b.data : ""), b.len);
out:
	ct_buf_free(&b);
	free(own);
	return rc;
}

/* ---- labels ----------------------------------------------------------- */

static const char *const label_names[CT_STANCE_NLABELS] = {"agree", "disagree", "discuss", "unrelated"};

int ct_stance_label_from_name(const char *name)
{
	for (int k = 0; k < CT_STANCE_NLABELS; k++)
		if (name && !strcasecmp(name, label_names[k]))
			return k;
	return -1;
}

const char *ct_stance_label_name(ct_stance_label label)
{
	return (unsigned)label < CT_STANCE_NLABELS ? label_names[label] : "?";
}
