/*
 * sketch.c — shingle sketches for wire reprints.
 *
 * Method.
 *  - Shingles: the text's words (lowercased; an apostrophe inside a word
 *    dropped, so "Obama’s" and "Obama's" meet), each three in a row hashed
 *    to 64 bits. A wire story's copies differ in their punctuation,
 *    datelines and quotes' typography far more than in their words.
 *  - MinHash: CT_SKETCH_K hashes of each distinct shingle (multiply-shift
 *    on the 64-bit shingle hash, constants from a fixed seed) and the
 *    least of each kept to 32 bits; the share of equal minima estimates the
 *    Jaccard similarity J. With the two set sizes kept beside them, the
 *    shared count follows (J·(|A|+|B|)/(1+J)), and with it the
 *    containment, shared / the smaller set. Containment is what tells a
 *    reprint: a copy trimmed to a third of the original has a Jaccard of a
 *    third at best, while all its shingles are the original's. (SimHash was
 *    the other choice; it estimates a cosine of the whole texts, so a
 *    trimmed copy looks as far as an unrelated article does —
 *    docs/reprints.md has the figures.)
 *  - LSH banding: the minima in bands of CT_SKETCH_ROWS, each band hashed
 *    with its number to a key; texts sharing a key are candidates, found
 *    with a probability of 1 − (1 − J²)^64 (0.93 at J = 0.2, 0.998 at 0.3)
 *    while unrelated news (J under 0.01) meets a text in under 1% of pairs.
 *  - Evidence: the shingles of the two texts in order, those of b in an
 *    open-addressing table (a chain per repeated shingle); a passage starts
 *    where a shingle is shared and the one before it is not, and runs while
 *    the two texts go on alike.
 */
#include "sketch.h"

#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "claimtrace.h"

#define FNV64_OFF 0xcbf29ce484222325ull
#define FNV64_PRIME 0x100000001b3ull

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint64_t fmix(uint64_t z)
{
	z = (z ^ (z >> 33)) * 0xff51afd7ed558ccdull;
	z = (z ^ (z >> 33)) * 0xc4ceb9fe1a85ec53ull;
	return z ^ (z >> 33);
}

static uint64_t rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

/* Bytes [p, p+n) of a UTF-8 sequence that is punctuation or a space, not
 * part of a word: Latin-1 punctuation (U+0080–U+00BF: «, », no-break
 * space, ©) and general punctuation (U+2000–U+206F: dashes, curly
 * quotes, ellipsis, odd spaces). Returns its length, or 0. */
static size_t punct_len(const unsigned char *p, size_t n)
{
	if (n >= 2 && p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0xbf)
		return 2;
	if (n >= 3 && p[0] == 0xe2 && (p[1] == 0x80 || p[1] == 0x81))
		return 3;
	return 0;
}

static int is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Length of an apostrophe at p (' or ’), or 0. */
static size_t apos_len(const unsigned char *p, size_t n)
{
	if (n >= 1 && p[0] == '\'')
		return 1;
	if (n >= 3 && p[0] == 0xe2 && p[1] == 0x80 && p[2] == 0x99)
		return 3;
	return 0;
}

static uint64_t shingle_hash(uint64_t w0, uint64_t w1, uint64_t w2)
{
	return fmix(w0 * 0x9e3779b97f4a7c15ull + rotl(w1, 21) * 0xc2b2ae3d27d4eb4full + rotl(w2, 42));
}

size_t ct_sketch_shingles(const char *text, size_t len, uint64_t **out, size_t *cap, ct_sketch_word **words,
			  size_t *wcap)
{
	const unsigned char *p = (const unsigned char *)text;
	uint64_t w[3] = {0, 0, 0};
	size_t nw = 0, ns = 0, i = 0;
	while (i < len) {
		size_t k;
		if (!is_word_byte(p[i]) || (p[i] >= 0xc2 && punct_len(p + i, len - i))) {
			k = punct_len(p + i, len - i);
			i += k ? k : 1;
			continue;
		}
		size_t start = i;
		uint64_t h = FNV64_OFF;
		while (i < len) {
			unsigned char c = p[i];
			if (c < 0x80 ? is_word_byte(c) : !punct_len(p + i, len - i)) {
				if (c >= 'A' && c <= 'Z')
					c = (unsigned char)(c + 32);
				h = (h ^ c) * FNV64_PRIME;
				i++;
			} else if ((k = apos_len(p + i, len - i)) && i + k < len && is_word_byte(p[i + k]) &&
				   !punct_len(p + i + k, len - i - k)) {
				i += k; /* "don't", "Obama's": one word */
			} else {
				break;
			}
		}
		if (words) {
			ct_grow((void **)words, wcap, nw + 1, sizeof **words);
			(*words)[nw] = (ct_sketch_word){(uint32_t)start, (uint32_t)(i - start)};
		}
		w[0] = w[1], w[1] = w[2], w[2] = h;
		if (++nw >= 3) {
			ct_grow((void **)out, cap, ns + 1, sizeof **out);
			(*out)[ns++] = shingle_hash(w[0], w[1], w[2]);
		}
	}
	return ns;
}

static int u64_cmp(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return a < b ? -1 : a > b;
}

size_t ct_sketch_distinct(uint64_t *sh, size_t n)
{
	if (n < 2)
		return n;
	qsort(sh, n, sizeof *sh, u64_cmp);
	size_t m = 1;
	for (size_t i = 1; i < n; i++)
		if (sh[i] != sh[m - 1])
			sh[m++] = sh[i];
	return m;
}

/* The hash family, from a fixed seed: the same for every sketch ever made,
 * which the stored ones depend on (changing it is a new format). Hash i
 * of a shingle hash x is the high half of a·x + b mod 2^64, a odd
 * (multiply-shift). A family of 32-bit products, which vectorize better,
 * was tried: its minima were correlated enough that two of three pairs it
 * called reprints on FNC-1 were not (docs/reprints.md). */
typedef struct {
	uint64_t a[CT_SKETCH_K], b[CT_SKETCH_K];
} family;

static void family_init(family *f)
{
	uint64_t seed = 0x5ca1ab1e0ddba11ull;
	for (int i = 0; i < CT_SKETCH_K; i++) {
		f->a[i] = splitmix(&seed) | 1;
		f->b[i] = splitmix(&seed);
	}
}

/* Most of a sketch's time: compiled three times, the copy taken at
 * start-up being the widest the processor has. AVX-512 (x86-64-v4)
 * multiplies eight 64-bit lanes in one instruction, AVX2 four with three
 * 32-bit products, SSE2 two; the minima are the same bits in each. The
 * minima are taken over all the shingles here, not one call a shingle,
 * so that they can stay in registers. */
CT_AVX512_CLONES
static void mins_of(const family *f, uint32_t *restrict min, const uint64_t *restrict sh, size_t n)
{
	for (size_t s = 0; s < n; s++)
		for (int i = 0; i < CT_SKETCH_K; i++) {
			uint32_t v = (uint32_t)((f->a[i] * sh[s] + f->b[i]) >> 32);
			min[i] = v < min[i] ? v : min[i];
		}
}

void ct_sketch_of_shingles(ct_sketch *sk, const uint64_t *sh, size_t n)
{
	family f;
	family_init(&f);
	sk->nshingle = (uint32_t)n;
	for (int i = 0; i < CT_SKETCH_K; i++)
		sk->min[i] = UINT32_MAX;
	mins_of(&f, sk->min, sh, n);
}

void ct_sketch_make(ct_sketch *sk, const char *text, size_t len)
{
	uint64_t *sh = NULL;
	size_t cap = 0;
	size_t n = ct_sketch_shingles(text, len, &sh, &cap, NULL, NULL);
	/* distinct shingles through a hash set (open addressing on the hash's
	 * high bits), moved to the front of sh, then into the minima: no sort */
	size_t tcap = 64;
	while (tcap < 2 * n)
		tcap <<= 1;
	uint64_t stack[1024], *set = tcap <= 1024 ? stack : ct_xmalloc(tcap * sizeof *set);
	memset(set, 0, tcap * sizeof *set);
	size_t distinct = 0;
	int zero = 0; /* the hash 0 marks an empty slot: kept aside */
	for (size_t s = 0; s < n; s++) {
		uint64_t h = sh[s];
		if (!h) {
			if (!zero++)
				sh[distinct++] = h;
			continue;
		}
		size_t at = (size_t)(h >> 40) & (tcap - 1);
		while (set[at] && set[at] != h)
			at = (at + 1) & (tcap - 1);
		if (set[at])
			continue;
		set[at] = h;
		sh[distinct++] = h;
	}
	ct_sketch_of_shingles(sk, sh, distinct);
	if (set != stack)
		free(set);
	free(sh);
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v, p[1] = (unsigned char)(v >> 8), p[2] = (unsigned char)(v >> 16),
	p[3] = (unsigned char)(v >> 24);
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static const unsigned char sketch_magic[4] = {'C', 'S', '1', 0};

void ct_sketch_pack(const ct_sketch *sk, unsigned char out[CT_SKETCH_BYTES])
{
	memcpy(out, sketch_magic, 4);
	put32(out + 4, sk->nshingle);
	for (int i = 0; i < CT_SKETCH_K; i++)
		put32(out + 8 + 4 * i, sk->min[i]);
}

int ct_sketch_unpack(ct_sketch *sk, const unsigned char *in, size_t n)
{
	if (!in || n != CT_SKETCH_BYTES || memcmp(in, sketch_magic, 4))
		return CT_EFORMAT;
	sk->nshingle = get32(in + 4);
	for (int i = 0; i < CT_SKETCH_K; i++)
		sk->min[i] = get32(in + 8 + 4 * i);
	return 0;
}

size_t ct_sketch_bands(const ct_sketch *sk, uint64_t keys[CT_SKETCH_BANDS])
{
	if (!sk->nshingle)
		return 0;
	for (int b = 0; b < CT_SKETCH_BANDS; b++) {
		uint64_t h = (uint64_t)b * 0x9e3779b97f4a7c15ull;
		for (int r = 0; r < CT_SKETCH_ROWS; r++)
			h = fmix(h + sk->min[b * CT_SKETCH_ROWS + r]);
		keys[b] = h ? h : 1; /* never 0, which hash tables take for empty */
	}
	return CT_SKETCH_BANDS;
}

/* The shared count and containment from J and the two sizes. */
static ct_sketch_sim from_jaccard(double j, double na, double nb)
{
	ct_sketch_sim s = {j, 0, 0};
	if (na <= 0 || nb <= 0)
		return s;
	s.shared = j * (na + nb) / (1 + j);
	double small = na < nb ? na : nb;
	if (s.shared > small)
		s.shared = small;
	s.containment = s.shared / small;
	return s;
}

ct_sketch_sim ct_sketch_compare(const ct_sketch *a, const ct_sketch *b)
{
	if (!a->nshingle || !b->nshingle)
		return (ct_sketch_sim){0, 0, 0};
	int same = 0;
	for (int i = 0; i < CT_SKETCH_K; i++)
		same += a->min[i] == b->min[i];
	return from_jaccard((double)same / CT_SKETCH_K, a->nshingle, b->nshingle);
}

ct_sketch_sim ct_sketch_exact(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	size_t i = 0, j = 0, both = 0;
	while (i < na && j < nb) {
		if (a[i] < b[j])
			i++;
		else if (a[i] > b[j])
			j++;
		else
			both++, i++, j++;
	}
	ct_sketch_sim s = {0, 0, (double)both};
	if (na && nb) {
		s.jaccard = (double)both / (double)(na + nb - both);
		s.containment = (double)both / (double)(na < nb ? na : nb);
	}
	return s;
}

int ct_sketch_same_copy(ct_sketch_sim s)
{
	return (s.containment >= CT_REPRINT_CONTAINMENT && s.shared >= CT_REPRINT_MIN_SHARED) ||
	       (s.jaccard >= CT_REPRINT_SAME && s.shared >= CT_REPRINT_SAME_MIN);
}

int ct_sketch_is_reprint(const ct_sketch *a, const ct_sketch *b)
{
	return ct_sketch_same_copy(ct_sketch_compare(a, b));
}

/* ---- evidence -------------------------------------------------------- */

/* Runs from one start are followed this far along a repeated shingle's
 * chain: boilerplate repeated many times in b cannot make it quadratic. */
#define CHAIN_MAX 8

typedef struct {
	uint32_t i, j, k; /* shingles a[i ..], b[j ..], k of them */
} run;

static int run_cmp(const void *x, const void *y)
{
	const run *a = x, *b = y;
	if (a->i != b->i)
		return a->i < b->i ? -1 : 1;
	return a->k > b->k ? -1 : a->k < b->k; /* the longest first */
}

size_t ct_sketch_passages(const char *a, size_t alen, const char *b, size_t blen, size_t min_words,
			  ct_passage **out)
{
	*out = NULL;
	if (min_words < 3)
		min_words = 3;
	uint64_t *sa = NULL, *sb = NULL;
	ct_sketch_word *wa = NULL, *wb = NULL;
	size_t ca = 0, cb = 0, cwa = 0, cwb = 0;
	size_t na = ct_sketch_shingles(a, alen, &sa, &ca, &wa, &cwa);
	size_t nb = ct_sketch_shingles(b, blen, &sb, &cb, &wb, &cwb);
	size_t np = 0, out_cap = 0;
	run *runs = NULL;
	size_t nrun = 0, run_cap = 0;
	uint32_t *slot = NULL, *next = NULL;
	if (!na || !nb)
		goto out;

	/* b's shingles: slot[] holds 1 + the first position, next[] the chain */
	size_t tcap = 16;
	while (tcap < 2 * nb)
		tcap <<= 1;
	slot = ct_xcalloc(tcap, sizeof *slot);
	next = ct_xmalloc(nb * sizeof *next);
	for (size_t j = nb; j-- > 0;) {
		size_t h = (size_t)sb[j] & (tcap - 1);
		while (slot[h] && sb[slot[h] - 1] != sb[j])
			h = (h + 1) & (tcap - 1);
		next[j] = slot[h] ? slot[h] - 1 : UINT32_MAX;
		slot[h] = (uint32_t)j + 1;
	}
	/* cover: the end of the runs found so far in a. A run is not looked
	 * for inside one (it would be dropped below), which keeps a text that
	 * repeats itself linear; at its end one may start on another diagonal. */
	size_t cover = 0;
	for (size_t i = 0; i < na; i++) {
		if (i < cover)
			continue;
		size_t h = (size_t)sa[i] & (tcap - 1);
		while (slot[h] && sb[slot[h] - 1] != sa[i])
			h = (h + 1) & (tcap - 1);
		if (!slot[h])
			continue;
		run best = {0, 0, 0};
		int steps = 0;
		for (uint32_t j = slot[h] - 1; j != UINT32_MAX && steps < CHAIN_MAX; j = next[j], steps++) {
			if (i > cover && j > 0 && sa[i - 1] == sb[j - 1])
				continue; /* inside a run that starts earlier */
			size_t k = 1;
			while (i + k < na && j + k < nb && sa[i + k] == sb[j + k])
				k++;
			if (k > best.k)
				best = (run){(uint32_t)i, j, (uint32_t)k};
		}
		if (best.k && best.k + 2 >= min_words) {
			cover = i + best.k;
			ct_grow((void **)&runs, &run_cap, nrun + 1, sizeof *runs);
			runs[nrun++] = best;
		}
	}
	if (nrun)
		qsort(runs, nrun, sizeof *runs, run_cmp);
	size_t end = 0; /* the shingle after the last kept run in a */
	for (size_t r = 0; r < nrun; r++) {
		const run *x = &runs[r];
		if (np && x->i + x->k <= end)
			continue; /* inside a longer passage of a */
		end = x->i + x->k;
		const ct_sketch_word *a0 = &wa[x->i], *a1 = &wa[x->i + x->k + 1];
		const ct_sketch_word *b0 = &wb[x->j], *b1 = &wb[x->j + x->k + 1];
		ct_grow((void **)out, &out_cap, np + 1, sizeof **out);
		(*out)[np++] = (ct_passage){a0->off, a1->off + a1->len - a0->off, b0->off, b1->off + b1->len - b0->off,
					    x->k + 2};
	}
out:
	free(sa);
	free(sb);
	free(wa);
	free(wb);
	free(runs);
	free(slot);
	free(next);
	return np;
}
