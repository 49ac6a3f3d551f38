/*
 * group.c — articles grouped into stories, online.
 *
 * Method. An article is a bag of content words (function words of
 * data/function_words.txt left out, lowercased, a possessive and a plural
 * s dropped), each counted in the body, in the lead (the first three
 * sentences, where news says what the story is), in the title, and as
 * part of a name (a capitalized word that does not open its sentence:
 * the people, places and bodies the story is about). That is what
 * ct_group_feat keeps, with the publication date. (The resolve stage's
 * entities as terms of their own scored lower on FNC-1's stories than
 * the capitalized words alone, so segmented text is all it needs.)
 *
 * The grouper learns each word's document frequency as articles arrive.
 * An added article becomes a unit TF-IDF vector, each word weighted by
 * (1 + ln t) · ln((1 + N) / df), t its count with the lead, title and
 * name occurrences counted again (the title twice), N the articles seen
 * so far (itself included; at least MIN_DOCS). A story is the sum of its
 * articles' vectors (its centroid), and an article's closeness to a
 * story is the cosine between its vector and the centroid, raised for a
 * short article — the single-pass clustering of topic detection and
 * tracking (Allan et al., 1998). The article joins the closest story if
 * the closeness reaches the threshold, else it starts a story of its
 * own. A date far outside a story's span divides the closeness: news with
 * the same words a season apart is another story.
 *
 * An inverted index lists, for each word, the stories whose centroids
 * hold it with the weight there, so the dot products with every story
 * that shares a word are summed a word at a time and no other story is
 * looked at. A word held by more than POSTING_MAX stories is not read
 * (it says little, and reading its list for every article would make the
 * cost grow with the archive), so adding an article costs about the same
 * however large the archive: the whole run is linear in articles.
 * Everything is in add order and ties go to the older story, so the
 * grouping depends only on the order of the adds.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "group.h"
#include "../core/uchar.h"

/* ---- settings (README, "Stories across articles": how they were chosen) */

enum {
	LEAD_SENTS = 3,     /* sentences of the lead */
	POSTING_MAX = 500,  /* a word in more stories than this is not read */
	TITLE_TERMS = 5,    /* words in a title made of words */
	MAX_TERM = 48,      /* longer tokens are not words (hashes, run-together URLs) */
};
/* The idf counts at least this many articles: among the first few, the
 * words all of them share would weigh nothing, yet a handful of articles
 * on one story share exactly the story's words. */
static const double MIN_DOCS = 10;
static const double SHORT_TERMS = 20; /* closeness × (1 + SHORT_TERMS / words): doubled at 20 words */
static const double LEAD_W = 1.0;  /* a lead occurrence counts this much more */
static const double TITLE_W = 2.0; /* a title occurrence */
static const double NAME_W = 1.0;  /* a name occurrence */
static const double DATE_GRACE = 7;  /* days outside a story's span that cost nothing */
static const double DATE_SCALE = 30; /* the cosine is divided by 1 + (gap - grace) / scale */

#define NO_DAY INT32_MIN

/* ---- features -------------------------------------------------------- */

typedef struct {
	uint32_t str; /* offset into strs */
	uint16_t len;
	uint16_t tf, lead, title, name;
} feat_term;

struct ct_group_feat {
	feat_term *terms; /* sorted by string: the bytes depend on nothing else */
	size_t nterm;
	char *strs;
	size_t strs_len;
	int32_t day;      /* days since 1970-01-01, or NO_DAY */
	char *title;      /* or NULL */
};

/* A word made a term into buf (MAX_TERM + 1 bytes): its length, or 0 when
 * it is no content word. */
static size_t term_of(const ct_ctx *ctx, const char *s, size_t n, char *buf)
{
	if (n > MAX_TERM)
		return 0;
	for (size_t i = 0; i < n; i++)
		buf[i] = ct_ascii_lower(s[i]);
	if (n > 2 && buf[n - 2] == '\'' && buf[n - 1] == 's')
		n -= 2;
	else if (n > 1 && buf[n - 1] == '\'')
		n--;
	if (n < 2 || ct_table_get(&ctx->function_words, buf, n, NULL))
		return 0;
	/* plurals: "reports" and "report" are one word to a reader of topics */
	if (n > 4 && !memcmp(buf + n - 3, "ies", 3)) {
		buf[n - 3] = 'y';
		n -= 2;
	} else if (n > 3 && buf[n - 1] == 's' && buf[n - 2] != 's' && buf[n - 2] != 'u' && buf[n - 2] != 'i') {
		n--;
	}
	buf[n] = 0;
	return n;
}

typedef struct {
	ct_table index; /* term → its place in terms */
	feat_term *terms;
	size_t n, cap;
	ct_buf strs;
} feat_builder;

static feat_term *builder_term(feat_builder *b, const char *s, size_t n)
{
	int k;
	if (ct_table_get(&b->index, s, n, &k))
		return &b->terms[k];
	ct_grow((void **)&b->terms, &b->cap, b->n + 1, sizeof *b->terms);
	feat_term *t = &b->terms[b->n];
	*t = (feat_term){(uint32_t)b->strs.len, (uint16_t)n, 0, 0, 0, 0};
	ct_buf_add(&b->strs, s, n);
	ct_buf_addc(&b->strs, 0);
	ct_table_put(&b->index, s, n, (int)b->n++);
	return t;
}

static uint16_t sat_inc(uint16_t v)
{
	return v < UINT16_MAX ? (uint16_t)(v + 1) : v;
}

typedef struct {
	const char *s;
	feat_term t;
} sortable_term;

static int cmp_term(const void *a, const void *b)
{
	return strcmp(((const sortable_term *)a)->s, ((const sortable_term *)b)->s);
}

/* The title's words, split at anything that is not a letter or digit. */
static void title_terms(const ct_ctx *ctx, feat_builder *b, const char *title)
{
	char buf[MAX_TERM + 1];
	size_t n = strlen(title), i = 0;
	while (i < n) {
		size_t cl;
		ct_uc_class c = ct_uc_at(title, n, i, &cl);
		if (!ct_uc_is_alnum(c) && c != CT_UC_MARK && title[i] != '\'') {
			i += cl;
			continue;
		}
		size_t j = i;
		while (j < n) {
			c = ct_uc_at(title, n, j, &cl);
			if (!ct_uc_is_alnum(c) && c != CT_UC_MARK && title[j] != '\'')
				break;
			j += cl;
		}
		size_t len = term_of(ctx, title + i, j - i, buf);
		if (len) {
			feat_term *t = builder_term(b, buf, len);
			t->title = sat_inc(t->title);
		}
		i = j;
	}
}

ct_group_feat *ct_group_feat_new(const ct_ctx *ctx, const ct_doc *doc)
{
	if (!doc || doc->stage < CT_STAGE_SEGMENT)
		return NULL;
	feat_builder b = {0};
	char buf[MAX_TERM + 1];
	for (size_t s = 0; s < doc->nsent; s++) {
		const ct_sentence *se = &doc->sents[s];
		for (uint32_t i = se->tok; i < se->tok + se->ntok; i++) {
			const ct_token *tk = &doc->toks[i];
			if (tk->type != CT_TOK_WORD && tk->type != CT_TOK_NUMBER && tk->type != CT_TOK_HASHTAG)
				continue;
			const char *w = doc->text + tk->off;
			size_t len = term_of(ctx, w, tk->len, buf);
			if (!len)
				continue;
			feat_term *t = builder_term(&b, buf, len);
			t->tf = sat_inc(t->tf);
			if (s < LEAD_SENTS)
				t->lead = sat_inc(t->lead);
			if (i > se->tok && ct_ascii_is_upper(w[0]))
				t->name = sat_inc(t->name);
		}
	}
	const char *title = doc->meta[CT_META_TITLE];
	if (title && *title)
		title_terms(ctx, &b, title);

	/* sorted by string, strings laid out in that order: the features, and
	 * so their packed bytes, depend on nothing but the article */
	sortable_term *st = ct_xmalloc((b.n + 1) * sizeof *st);
	for (size_t i = 0; i < b.n; i++)
		st[i] = (sortable_term){b.strs.data + b.terms[i].str, b.terms[i]};
	qsort(st, b.n, sizeof *st, cmp_term);
	ct_group_feat *f = ct_xcalloc(1, sizeof *f);
	f->terms = ct_xmalloc((b.n + 1) * sizeof *f->terms);
	f->nterm = b.n;
	ct_buf strs = {0};
	for (size_t i = 0; i < b.n; i++) {
		f->terms[i] = st[i].t;
		f->terms[i].str = (uint32_t)strs.len;
		ct_buf_add(&strs, st[i].s, st[i].t.len + 1);
	}
	f->strs_len = strs.len;
	f->strs = strs.data ? strs.data : ct_xcalloc(1, 1);
	free(st);
	free(b.terms);
	ct_buf_free(&b.strs);
	ct_table_free(&b.index);
	f->day = NO_DAY;
	const char *pub = doc->meta[CT_META_PUBLISHED];
	ct_date d;
	if (pub && ct_date_parse(pub, strlen(pub), &d) && d.y)
		f->day = (int32_t)ct_date_days(d.y, d.m ? d.m : 1, d.d ? d.d : 1);
	f->title = title && *title ? ct_xstrdup(title) : NULL;
	return f;
}

void ct_group_feat_free(ct_group_feat *f)
{
	if (!f)
		return;
	free(f->terms);
	free(f->strs);
	free(f->title);
	free(f);
}

/* ---- packing: little-endian varints ------------------------------------ */

static void put_bytes(ct_buf *b, const char *s, size_t n)
{
	ct_buf_add_varint(b, n);
	ct_buf_add(b, s, n);
}

static void put_f64(ct_buf *b, double d)
{
	uint64_t v;
	memcpy(&v, &d, sizeof v);
	for (int k = 0; k < 8; k++)
		ct_buf_addc(b, (char)(v >> (8 * k)));
}

static void put_f32(ct_buf *b, float x)
{
	uint32_t v;
	memcpy(&v, &x, sizeof v);
	for (int k = 0; k < 4; k++)
		ct_buf_addc(b, (char)(v >> (8 * k)));
}

/* Zigzag: small negative numbers stay short. */
static uint64_t zig(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static int64_t unzig(uint64_t v)
{
	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

typedef struct {
	const unsigned char *p, *end;
	int bad;
} reader;

static uint64_t get_varint(reader *r)
{
	uint64_t v;
	if (ct_varint_read(&r->p, r->end, &v)) {
		r->bad = 1;
		return 0;
	}
	return v;
}

/* A count no larger than `max`, else the input is bad. */
static size_t get_count(reader *r, size_t max)
{
	uint64_t v = get_varint(r);
	if (v > max) {
		r->bad = 1;
		return 0;
	}
	return (size_t)v;
}

static const char *get_bytes(reader *r, size_t *n)
{
	uint64_t len = get_varint(r);
	/* measured after the length's own bytes are read */
	if (r->bad || len > (uint64_t)(r->end - r->p)) {
		r->bad = 1;
		len = 0;
	}
	*n = (size_t)len;
	const char *s = (const char *)r->p;
	r->p += *n;
	return s;
}

static double get_f64(reader *r)
{
	if (r->end - r->p < 8) {
		r->bad = 1;
		return 0;
	}
	uint64_t v = 0;
	for (int k = 0; k < 8; k++)
		v |= (uint64_t)r->p[k] << (8 * k);
	r->p += 8;
	double d;
	memcpy(&d, &v, sizeof d);
	return d;
}

static float get_f32(reader *r)
{
	if (r->end - r->p < 4) {
		r->bad = 1;
		return 0;
	}
	uint32_t v = 0;
	for (int k = 0; k < 4; k++)
		v |= (uint32_t)r->p[k] << (8 * k);
	r->p += 4;
	float x;
	memcpy(&x, &v, sizeof x);
	return x;
}

static const char FEAT_MAGIC[4] = {'C', 'T', 'G', 'F'};
static const char GROUPER_MAGIC[4] = {'C', 'T', 'G', 'S'};
enum { FEAT_VERSION = 1, GROUPER_VERSION = 1 };

/* Format 1: magic, version, zigzag day (NO_DAY as is), title (length 0:
 * none), term count, then per term its bytes and tf, lead, title, name. */
void ct_group_feat_pack(const ct_group_feat *f, ct_buf *out)
{
	ct_buf_add(out, FEAT_MAGIC, 4);
	ct_buf_add_varint(out, FEAT_VERSION);
	ct_buf_add_varint(out, zig(f->day));
	put_bytes(out, f->title ? f->title : "", f->title ? strlen(f->title) : 0);
	ct_buf_add_varint(out, f->nterm);
	for (size_t i = 0; i < f->nterm; i++) {
		const feat_term *t = &f->terms[i];
		put_bytes(out, f->strs + t->str, t->len);
		ct_buf_add_varint(out, t->tf);
		ct_buf_add_varint(out, t->lead);
		ct_buf_add_varint(out, t->title);
		ct_buf_add_varint(out, t->name);
	}
}

ct_group_feat *ct_group_feat_unpack(const void *p, size_t n)
{
	reader r = {p, (const unsigned char *)p + n, 0};
	if (n < 5 || memcmp(p, FEAT_MAGIC, 4))
		return NULL;
	r.p += 4;
	if (get_varint(&r) != FEAT_VERSION)
		return NULL;
	ct_group_feat *f = ct_xcalloc(1, sizeof *f);
	int64_t day = unzig(get_varint(&r));
	f->day = day >= INT32_MIN && day <= INT32_MAX ? (int32_t)day : NO_DAY;
	size_t tl;
	const char *title = get_bytes(&r, &tl);
	if (!r.bad && tl)
		f->title = ct_xstrndup(title, tl);
	/* each term takes 6 bytes at least: a bound before allocating */
	f->nterm = get_count(&r, (size_t)(r.end - r.p) / 6);
	f->terms = ct_xcalloc(f->nterm + 1, sizeof *f->terms);
	ct_buf strs = {0};
	for (size_t i = 0; i < f->nterm && !r.bad; i++) {
		size_t len;
		const char *s = get_bytes(&r, &len);
		if (r.bad || !len || len > MAX_TERM || memchr(s, 0, len))
			r.bad = 1;
		feat_term *t = &f->terms[i];
		t->str = (uint32_t)strs.len;
		t->len = (uint16_t)len;
		if (!r.bad)
			ct_buf_add(&strs, s, len);
		ct_buf_addc(&strs, 0);
		t->tf = (uint16_t)get_count(&r, UINT16_MAX);
		t->lead = (uint16_t)get_count(&r, UINT16_MAX);
		t->title = (uint16_t)get_count(&r, UINT16_MAX);
		t->name = (uint16_t)get_count(&r, UINT16_MAX);
		if (i && !r.bad && strcmp(strs.data + f->terms[i - 1].str, strs.data + t->str) >= 0)
			r.bad = 1; /* sorted and distinct, as packed */
	}
	f->strs = strs.data ? strs.data : ct_xcalloc(1, 1);
	f->strs_len = strs.len;
	if (r.bad || r.p != r.end) {
		ct_group_feat_free(f);
		return NULL;
	}
	return f;
}

/* ---- the grouper -------------------------------------------------------- */

/* A story's centroid, as the places of its terms in the postings: term
 * id → index into post[id].e (open addressing, key term id + 1, 0 empty).
 * The weights themselves live in the postings, where scoring reads them
 * in order. */
typedef struct {
	uint32_t *keys;
	uint32_t *pos;
	uint32_t cap, n;
} centroid;

typedef struct {
	centroid c;
	double norm2;      /* |centroid|², kept as articles join */
	uint32_t size;
	int32_t first, last; /* the span of its dated articles, NO_DAY when none */
	char *title;       /* the best-matching titled article's, or NULL */
	double title_sim;
} group_story;

typedef struct {
	uint32_t story;
	float w;           /* the story's centroid weight of the term */
} post_entry;

typedef struct {
	post_entry *e;
	uint32_t n, cap;
} posting;

struct ct_grouper {
	double threshold;
	ct_table terms;      /* term → id */
	uint32_t *term_str;  /* id → offset into strs */
	ct_buf strs;
	uint32_t *df;
	posting *post;       /* id → the stories holding it, with its weight in each */
	size_t nterm, term_cap;
	group_story *stories;
	size_t nstory, story_cap;
	uint32_t *art_story;
	size_t nart, art_cap;
	/* scratch for an add */
	uint32_t *stamp;     /* per story: the add that last made it a candidate */
	double *acc;         /* per story: its dot product with the article */
	size_t stamp_cap;
	uint32_t *cand;
	size_t cand_cap;
	char *shown_title;   /* the last title made of words */
};


ct_grouper *ct_grouper_new(void)
{
	ct_grouper *g = ct_xcalloc(1, sizeof *g);
	g->threshold = CT_GROUP_THRESHOLD;
	return g;
}

void ct_grouper_set_threshold(ct_grouper *g, double threshold)
{
	g->threshold = threshold;
}

static void centroid_free(centroid *c)
{
	free(c->keys);
	free(c->pos);
}

void ct_grouper_free(ct_grouper *g)
{
	if (!g)
		return;
	ct_table_free(&g->terms);
	free(g->term_str);
	ct_buf_free(&g->strs);
	free(g->df);
	for (size_t t = 0; t < g->nterm; t++)
		free(g->post[t].e);
	free(g->post);
	for (size_t s = 0; s < g->nstory; s++) {
		centroid_free(&g->stories[s].c);
		free(g->stories[s].title);
	}
	free(g->stories);
	free(g->art_story);
	free(g->stamp);
	free(g->acc);
	free(g->cand);
	free(g->shown_title);
	free(g);
}

static uint32_t mix32(uint32_t k)
{
	k ^= k >> 16;
	k *= 0x7feb352du;
	k ^= k >> 15;
	k *= 0x846ca68bu;
	return k ^ (k >> 16);
}

/* The place of term id in the centroid's postings, or UINT32_MAX. */
static uint32_t centroid_get(const centroid *c, uint32_t id)
{
	if (!c->cap)
		return UINT32_MAX;
	uint32_t key = id + 1, mask = c->cap - 1;
	for (uint32_t i = mix32(key) & mask;; i = (i + 1) & mask) {
		if (c->keys[i] == key)
			return c->pos[i];
		if (!c->keys[i])
			return UINT32_MAX;
	}
}

/* Records that term id of the centroid is at `pos` in its posting. */
static void centroid_put(centroid *c, uint32_t id, uint32_t pos)
{
	if (2 * (c->n + 1) > c->cap) {
		uint32_t ncap = c->cap ? 2 * c->cap : 64;
		centroid n = {ct_xcalloc(ncap, sizeof *n.keys), ct_xcalloc(ncap, sizeof *n.pos), ncap, 0};
		for (uint32_t i = 0; i < c->cap; i++)
			if (c->keys[i])
				centroid_put(&n, c->keys[i] - 1, c->pos[i]);
		centroid_free(c);
		*c = n;
	}
	uint32_t key = id + 1, mask = c->cap - 1;
	uint32_t i = mix32(key) & mask;
	while (c->keys[i] && c->keys[i] != key)
		i = (i + 1) & mask;
	c->n += !c->keys[i];
	c->keys[i] = key;
	c->pos[i] = pos;
}

static uint32_t term_id(ct_grouper *g, const char *s, size_t n, uint32_t hash)
{
	int id;
	if (ct_table_get_hashed(&g->terms, s, n, hash, &id))
		return (uint32_t)id;
	if (g->nterm + 1 > g->term_cap) {
		size_t cap = g->term_cap;
		ct_grow((void **)&g->term_str, &cap, g->nterm + 1, sizeof *g->term_str);
		cap = g->term_cap;
		ct_grow((void **)&g->df, &cap, g->nterm + 1, sizeof *g->df);
		cap = g->term_cap;
		ct_grow((void **)&g->post, &cap, g->nterm + 1, sizeof *g->post);
		g->term_cap = cap;
	}
	g->term_str[g->nterm] = (uint32_t)g->strs.len;
	ct_buf_add(&g->strs, s, n);
	ct_buf_addc(&g->strs, 0);
	g->df[g->nterm] = 0;
	g->post[g->nterm] = (posting){0};
	ct_table_put(&g->terms, s, n, (int)g->nterm);
	return (uint32_t)g->nterm++;
}

static group_story *new_story(ct_grouper *g)
{
	ct_grow((void **)&g->stories, &g->story_cap, g->nstory + 1, sizeof *g->stories);
	group_story *s = &g->stories[g->nstory++];
	*s = (group_story){{0}, 0, 0, NO_DAY, NO_DAY, NULL, 0};
	if (g->nstory > g->stamp_cap) {
		size_t old = g->stamp_cap, cap = old;
		ct_grow((void **)&g->stamp, &cap, g->nstory, sizeof *g->stamp);
		cap = old;
		ct_grow((void **)&g->acc, &cap, g->nstory, sizeof *g->acc);
		memset(g->stamp + old, 0, (cap - old) * sizeof *g->stamp);
		g->stamp_cap = cap;
	}
	return s;
}

/* Adds w to story sid's weight of term id. */
static void story_add_term(ct_grouper *g, uint32_t sid, uint32_t id, float w)
{
	centroid *c = &g->stories[sid].c;
	uint32_t at = centroid_get(c, id);
	posting *p = &g->post[id];
	if (at != UINT32_MAX) {
		p->e[at].w += w;
		return;
	}
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 4;
		p->e = ct_xrealloc(p->e, p->cap * sizeof *p->e);
	}
	p->e[p->n] = (post_entry){sid, w};
	centroid_put(c, id, p->n++);
}

/* How far (days) an article's date lies outside a story's span. */
static double date_gap(const group_story *s, int32_t day)
{
	if (day == NO_DAY || s->first == NO_DAY)
		return 0;
	if (day < s->first)
		return (double)s->first - day;
	return day > s->last ? (double)day - s->last : 0;
}

typedef struct {
	uint32_t id;
	double w;
} weighted;

static int cmp_weight_desc(const void *a, const void *b)
{
	const weighted *x = a, *y = b;
	if (x->w != y->w)
		return x->w < y->w ? 1 : -1;
	return x->id < y->id ? -1 : x->id > y->id;
}

uint32_t ct_grouper_add(ct_grouper *g, const ct_group_feat *f)
{
	double n = (double)++g->nart;
	weighted *x = ct_xmalloc((f->nterm + 1) * sizeof *x);
	/* An archive's words outgrow the caches, and each of an article's
	 * hundred-odd terms waited on memory for its slot, its count and its
	 * posting in turn: they are hashed first, then each slot, and later
	 * each posting, is asked for AHEAD terms before its use. */
	enum { AHEAD = 8 };
	uint32_t *hash = ct_xmalloc((f->nterm + 1) * sizeof *hash);
	for (size_t i = 0; i < f->nterm; i++) {
		hash[i] = ct_table_hash(f->strs + f->terms[i].str, f->terms[i].len);
		if (i < AHEAD)
			ct_table_prefetch(&g->terms, hash[i]);
	}
	size_t nx = 0;
	double norm2 = 0;
	for (size_t i = 0; i < f->nterm; i++) {
		const feat_term *t = &f->terms[i];
		if (i + AHEAD < f->nterm)
			ct_table_prefetch(&g->terms, hash[i + AHEAD]);
		uint32_t id = term_id(g, f->strs + t->str, t->len, hash[i]);
		g->df[id]++;
		double tf = t->tf + LEAD_W * t->lead + TITLE_W * t->title + NAME_W * t->name;
		double w = (1 + log(tf)) * log((1 + fmax(n, MIN_DOCS)) / g->df[id]);
		if (!(w > 0))
			continue;
		x[nx++] = (weighted){id, w};
		norm2 += w * w;
	}
	free(hash);
	double inv = norm2 > 0 ? 1 / sqrt(norm2) : 0;
	for (size_t i = 0; i < nx; i++)
		x[i].w *= inv;

	/* dot products with every story that shares a word, a word at a
	 * time through its posting; words in most articles are passed over */
	size_t ncand = 0;
	uint32_t mark = (uint32_t)g->nart;
	for (size_t i = 0; i < nx && i < AHEAD; i++)
		__builtin_prefetch(&g->post[x[i].id]);
	for (size_t i = 0; i < nx; i++) {
		if (i + AHEAD < nx)
			__builtin_prefetch(&g->post[x[i + AHEAD].id]);
		if (i + 1 < nx)
			__builtin_prefetch(g->post[x[i + 1].id].e);
		const posting *p = &g->post[x[i].id];
		if (p->n > POSTING_MAX)
			continue;
		float w = (float)x[i].w;
		for (uint32_t k = 0; k < p->n; k++) {
			uint32_t s = p->e[k].story;
			if (g->stamp[s] != mark) {
				g->stamp[s] = mark;
				g->acc[s] = 0;
				ct_grow((void **)&g->cand, &g->cand_cap, ncand + 1, sizeof *g->cand);
				g->cand[ncand++] = s;
			}
			g->acc[s] += w * p->e[k].w;
		}
	}
	/* a short article shares few words with any story, so its cosines
	 * run low: they are raised by 1 + SHORT_TERMS / its words */
	double short_boost = 1 + SHORT_TERMS / (double)(nx ? nx : 1);
	uint32_t best = UINT32_MAX;
	double best_score = 0;
	for (size_t k = 0; k < ncand; k++) {
		uint32_t sid = g->cand[k];
		const group_story *s = &g->stories[sid];
		double score = s->norm2 > 0 ? g->acc[sid] / sqrt(s->norm2) * short_boost : 0;
		double gap = date_gap(s, f->day) - DATE_GRACE;
		if (gap > 0)
			score /= 1 + gap / DATE_SCALE;
		if (score > best_score || (score == best_score && best != UINT32_MAX && sid < best)) {
			best_score = score;
			best = sid;
		}
	}
	group_story *s;
	double dot = 0;
	if (best == UINT32_MAX || best_score < g->threshold) {
		best = (uint32_t)g->nstory;
		s = new_story(g);
		best_score = 0;
	} else {
		/* the whole dot product, common words too, for the centroid's norm */
		s = &g->stories[best];
		for (size_t i = 0; i < nx; i++) {
			uint32_t at = centroid_get(&s->c, x[i].id);
			if (at != UINT32_MAX)
				dot += (float)x[i].w * g->post[x[i].id].e[at].w;
		}
	}
	for (size_t i = 0; i < nx; i++)
		story_add_term(g, best, x[i].id, (float)x[i].w);
	s = &g->stories[best];
	s->norm2 += 2 * dot + (nx ? 1 : 0);
	s->size++;
	if (f->day != NO_DAY) {
		if (s->first == NO_DAY || f->day < s->first)
			s->first = f->day;
		if (s->last == NO_DAY || f->day > s->last)
			s->last = f->day;
	}
	/* the founder's title stands until a titled article matches better */
	if (f->title && (!s->title || best_score > s->title_sim)) {
		free(s->title);
		s->title = ct_xstrdup(f->title);
		s->title_sim = best_score;
	}
	ct_grow((void **)&g->art_story, &g->art_cap, g->nart, sizeof *g->art_story);
	g->art_story[g->nart - 1] = best;
	free(x);
	return best;
}

size_t ct_grouper_narticles(const ct_grouper *g)
{
	return g->nart;
}

size_t ct_grouper_nstories(const ct_grouper *g)
{
	return g->nstory;
}

uint32_t ct_grouper_story_of(const ct_grouper *g, size_t article)
{
	return article < g->nart ? g->art_story[article] : UINT32_MAX;
}

size_t ct_grouper_story_size(const ct_grouper *g, uint32_t story)
{
	return story < g->nstory ? g->stories[story].size : 0;
}

const char *ct_grouper_story_title(ct_grouper *g, uint32_t sid)
{
	if (sid >= g->nstory)
		return "";
	const group_story *s = &g->stories[sid];
	if (s->title)
		return s->title;
	/* no titles: the centroid's heaviest words */
	weighted top[TITLE_TERMS];
	size_t ntop = 0;
	for (uint32_t i = 0; i < s->c.cap; i++) {
		if (!s->c.keys[i])
			continue;
		uint32_t id = s->c.keys[i] - 1;
		weighted w = {id, g->post[id].e[s->c.pos[i]].w};
		if (ntop < TITLE_TERMS)
			top[ntop++] = w;
		else if (cmp_weight_desc(&w, &top[ntop - 1]) < 0)
			top[ntop - 1] = w;
		else
			continue;
		for (size_t k = ntop - 1; k > 0 && cmp_weight_desc(&top[k], &top[k - 1]) < 0; k--) {
			weighted tmp = top[k];
			top[k] = top[k - 1];
			top[k - 1] = tmp;
		}
	}
	ct_buf b = {0};
	for (size_t k = 0; k < ntop; k++) {
		if (k)
			ct_buf_adds(&b, ", ");
		ct_buf_adds(&b, g->strs.data + g->term_str[top[k].id]);
	}
	free(g->shown_title);
	g->shown_title = b.data ? b.data : ct_xcalloc(1, 1);
	return g->shown_title;
}

/* ---- the grouper packed ------------------------------------------------ */

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Format 1: magic, version, threshold, articles; terms (bytes, df); stories
 * (size, zigzag first and last, title, title_sim, norm2, centroid entries
 * as term id and float bits, by term id); each article's story. The
 * postings are rebuilt from the centroids. */
void ct_grouper_pack(const ct_grouper *g, ct_buf *out)
{
	ct_buf_add(out, GROUPER_MAGIC, 4);
	ct_buf_add_varint(out, GROUPER_VERSION);
	put_f64(out, g->threshold);
	ct_buf_add_varint(out, g->nart);
	ct_buf_add_varint(out, g->nterm);
	for (size_t t = 0; t < g->nterm; t++) {
		const char *s = g->strs.data + g->term_str[t];
		put_bytes(out, s, strlen(s));
		ct_buf_add_varint(out, g->df[t]);
	}
	ct_buf_add_varint(out, g->nstory);
	for (size_t k = 0; k < g->nstory; k++) {
		const group_story *s = &g->stories[k];
		ct_buf_add_varint(out, s->size);
		ct_buf_add_varint(out, zig(s->first));
		ct_buf_add_varint(out, zig(s->last));
		put_bytes(out, s->title ? s->title : "", s->title ? strlen(s->title) : 0);
		ct_buf_add_varint(out, s->title != NULL);
		put_f64(out, s->title_sim);
		put_f64(out, s->norm2);
		/* by term id, so that the bytes do not depend on the table's history */
		uint32_t *ids = ct_xmalloc((s->c.n + 1) * sizeof *ids);
		uint32_t nid = 0;
		for (uint32_t i = 0; i < s->c.cap; i++)
			if (s->c.keys[i])
				ids[nid++] = s->c.keys[i] - 1;
		qsort(ids, nid, sizeof *ids, cmp_u32);
		ct_buf_add_varint(out, nid);
		for (uint32_t i = 0; i < nid; i++) {
			ct_buf_add_varint(out, ids[i]);
			put_f32(out, g->post[ids[i]].e[centroid_get(&s->c, ids[i])].w);
		}
		free(ids);
	}
	for (size_t a = 0; a < g->nart; a++)
		ct_buf_add_varint(out, g->art_story[a]);
}

ct_grouper *ct_grouper_unpack(const void *p, size_t n)
{
	reader r = {p, (const unsigned char *)p + n, 0};
	if (n < 5 || memcmp(p, GROUPER_MAGIC, 4))
		return NULL;
	r.p += 4;
	if (get_varint(&r) != GROUPER_VERSION)
		return NULL;
	ct_grouper *g = ct_grouper_new();
	g->threshold = get_f64(&r);
	size_t nart = get_count(&r, (size_t)(r.end - r.p));
	size_t nterm = get_count(&r, (size_t)(r.end - r.p) / 2);
	for (size_t t = 0; t < nterm && !r.bad; t++) {
		size_t len;
		const char *s = get_bytes(&r, &len);
		if (r.bad || !len || memchr(s, 0, len) || ct_table_get(&g->terms, s, len, NULL)) {
			r.bad = 1;
			break;
		}
		uint32_t id = term_id(g, s, len, ct_table_hash(s, len));
		g->df[id] = (uint32_t)get_count(&r, UINT32_MAX);
	}
	size_t nstory = get_count(&r, (size_t)(r.end - r.p) / 8);
	for (size_t k = 0; k < nstory && !r.bad; k++) {
		group_story *s = new_story(g);
		s->size = (uint32_t)get_count(&r, UINT32_MAX);
		int64_t first = unzig(get_varint(&r)), last = unzig(get_varint(&r));
		s->first = first >= INT32_MIN && first <= INT32_MAX ? (int32_t)first : NO_DAY;
		s->last = last >= INT32_MIN && last <= INT32_MAX ? (int32_t)last : NO_DAY;
		size_t tl;
		const char *title = get_bytes(&r, &tl);
		int has_title = (int)get_count(&r, 1);
		if (!r.bad && has_title)
			s->title = ct_xstrndup(title, tl);
		s->title_sim = get_f64(&r);
		s->norm2 = get_f64(&r);
		size_t nc = get_count(&r, (size_t)(r.end - r.p) / 5);
		for (size_t i = 0; i < nc && !r.bad; i++) {
			uint32_t id = (uint32_t)get_count(&r, g->nterm ? g->nterm - 1 : 0);
			float v = get_f32(&r);
			if (r.bad || !g->nterm || centroid_get(&s->c, id) != UINT32_MAX)
				r.bad = 1;
			else
				story_add_term(g, (uint32_t)k, id, v);
		}
	}
	g->art_story = ct_xcalloc(nart + 1, sizeof *g->art_story);
	g->art_cap = nart + 1;
	for (size_t a = 0; a < nart && !r.bad; a++)
		g->art_story[a] = (uint32_t)get_count(&r, g->nstory ? g->nstory - 1 : 0);
	g->nart = nart;
	if (r.bad || r.p != r.end) {
		ct_grouper_free(g);
		return NULL;
	}
	return g;
}
