/*
 * sides.c — where every statement and every article stands on each
 * listed claim; conflicts, the final rank, outlets and the timeline.
 *
 *  - A statement's stance toward its claim: the code stage's stance
 *    toward what the statement says (a doubt questions; a denial cue
 *    denies; a negated clause denies; a hypothesis — "whether or not
 *    there was an offer" — takes no side) read against the claim's own
 *    sign, that of its summary or the text given: "she did not take a
 *    selfie" denies the claim "she took a selfie", and asserts the claim
 *    "she did not take one".
 *  - An article's stance weighs two readings of it against the claim
 *    (its summary's sentence, or the text given, as the headline): the
 *    stance model's of the whole article (FNC-1's agree, disagree,
 *    discuss), and the statement model's of its sentences that state the
 *    claim (the ALIGNED sharing most of the claim's own terms, at least
 *    ALIGN_MIN of them: for, against, observing, the best of each). It
 *    denies the claim when a statement of it does with a denial cue
 *    ("denied that …"), or when disagreement plus MIX times the
 *    sentences' case against reaches AGAINST_MIN and the agreement;
 *    else it asserts the claim when agreement plus MIX times the
 *    sentences' case for reaches FOR_MIN; else it reports the claim when
 *    it carries a statement of it, or when the stance model finds
 *    discussion at DISCUSS_MIN. An article that is one sentence (a
 *    headline) is a statement, not a body: the statement model alone
 *    decides. Without the models, the statements decide: the outlet's
 *    own voice first (a denial or a doubt over an assertion), else the
 *    speakers it carries (a denial or a doubt; "reports" when they only
 *    assert it). docs/story.md says how the numbers were chosen.
 *  - The models read the first STANCE_CLAIMS claims by rank before
 *    conflicts, and every given one; for each, the articles that share
 *    SHARED_MIN of its CLAIM_TOP heaviest terms (a given claim: every
 *    article): the pairs that can be related, not every article against
 *    every claim.
 *  - A claim is a conflict when statements or articles stand on both
 *    sides; given claims rank first, in the order given, then the rest by
 *    the articles that state it (twice in a lead), a conflict counting
 *    as two more, each article the stance model reads as related to it
 *    as half of one.
 */
#include "story.h"

#include <stdlib.h>
#include <string.h>


/* What the model must give a label for an article to take that stance. */
/* The decision of an article's stance (above). Chosen on the stories of
 * FNC-1's training side held out from inner stance models (docs/story.md):
 * the optimum is flat around these values. */
#define AGAINST_MIN 0.20f
#define FOR_MIN 0.50f
#define DISCUSS_MIN 0.50f
#define MIX 0.7f
/* An article's sentences read against a claim, and the share of the
 * claim's own terms such a sentence has. */
#define ALIGNED 3
#define ALIGN_MIN 0.2
/* Claims the models read, and how many of a claim's terms an article
 * must share to be read against it (of its CLAIM_TOP heaviest). */
#define STANCE_CLAIMS 40
#define CLAIM_TOP 8
#define SHARED_MIN 2
/* What an article the stance model reads as related to a claim adds to
 * the claim's rank (an article stating it adds 1, in its lead 2). */
#define RELATED_WEIGHT 0.5

/* ---- statements ------------------------------------------------------- */

/* The stance of statement i toward a claim of sign `sign`. */
static uint8_t stance_toward(const ct_story *st, size_t i, int sign)
{
	const ct_part_stmt *ps = ct_story_pstmt(st, i);
	if (ps->stance == CT_ST_QUESTION)
		return CT_ST_QUESTION;
	/* "whether or not there was an offer", "if Norland asks": a hypothesis
	 * takes no side */
	if (ps->modality == CT_MOD_POSSIBLE)
		return CT_ST_REPORT;
	if (ct_claims_stmt_sign(st, i) * sign < 0)
		return CT_ST_DENY;
	return ps->own ? CT_ST_REPORT : CT_ST_ASSERT;
}

/* ---- articles --------------------------------------------------------- */

/* Does one of the article's statements (k0..k1 of claim c) deny it with a
 * denial cue ("denied that …", "rejected reports that …")? Such a
 * statement is the clearest evidence an article gives against a claim. */
static int denied_by_cue(const ct_story *st, const ct_claim *c, size_t k0, size_t k1)
{
	for (size_t k = k0; k < k1; k++) {
		size_t i = c->stmts[k];
		const ct_part_stmt *ps = ct_story_pstmt(st, i);
		if (st->stmts[i].stance == CT_ST_DENY && (ps->cue_kind == CT_CUE_DENY || (ps->stance == CT_ST_DENY && ps->polarity > 0)))
			return 1;
	}
	return 0;
}

/* The stance an article's statements take: k0..k1 its members of claim c. */
static int article_from_statements(const ct_story *st, const ct_claim *c, size_t k0, size_t k1)
{
	int own[CT_ST_NKINDS] = {0}, other[CT_ST_NKINDS] = {0};
	for (size_t k = k0; k < k1; k++) {
		size_t i = c->stmts[k];
		(ct_story_pstmt(st, i)->own ? own : other)[st->stmts[i].stance]++;
	}
	if (own[CT_ST_DENY])
		return CT_ST_DENY;
	if (own[CT_ST_QUESTION])
		return CT_ST_QUESTION;
	if (own[CT_ST_REPORT] || own[CT_ST_ASSERT])
		return CT_ST_ASSERT;
	if (other[CT_ST_DENY])
		return CT_ST_DENY;
	if (other[CT_ST_QUESTION])
		return CT_ST_QUESTION;
	return CT_ST_REPORT;
}

/* The models' readings of an article against a claim: the stance model's
 * probabilities for the article (body; has_body 0 without that model),
 * and the statement model's best for and against over the article's
 * sentences that state the claim (0 without it, or without such a
 * sentence). */
typedef struct {
	uint32_t claim, article;
	uint8_t has_body;
	float probs[CT_STANCE_NLABELS];
	float s_for, s_against, s_obs;
	uint8_t headline_only; /* the article is one sentence: a headline */
} reading;

typedef struct {
	const ct_story *st;
	const uint32_t *cand;        /* claims the models read */
	const char *const *headline; /* of each */
	const uint32_t *const *top;  /* each one's heaviest terms, sorted */
	const size_t *ntop;
	const uint32_t *const *own;  /* each one's own terms (its summary's, or the text given), sorted */
	const size_t *nown;
	size_t ncand;
	size_t first, step;          /* the articles this worker reads */
	reading *found;
	size_t nfound, cap;
} read_job;

static int u32_cmp(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return a < b ? -1 : a > b;
}

/* Sorts v (n) and drops repeats; the new length. */
static size_t sort_unique(uint32_t *v, size_t n)
{
	if (n)
		qsort(v, n, sizeof *v, u32_cmp);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (!m || v[m - 1] != v[i])
			v[m++] = v[i];
	return m;
}

static size_t shared(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t i = 0, j = 0, n = 0;
	while (i < na && j < nb) {
		if (a[i] < b[j])
			i++;
		else if (b[j] < a[i])
			j++;
		else
			n++, i++, j++;
	}
	return n;
}

/* An article's terms: per sentence of the part (sent_at[s] .. sent_at[s + 1])
 * and for the whole article (the last range), each sorted and distinct. */
typedef struct {
	uint32_t *v, *at;
	size_t vcap, atcap;
} article_terms;

static void terms_of(const ct_story_part *p, article_terms *t)
{
	ct_grow((void **)&t->v, &t->vcap, 2 * p->nterms + 1, sizeof *t->v);
	ct_grow((void **)&t->at, &t->atcap, p->nsent + 2, sizeof *t->at);
	size_t n = 0;
	for (size_t se = 0; se < p->nsent; se++) {
		t->at[se] = (uint32_t)n;
		size_t from = n;
		/* the part's statements are in sentence order */
		for (size_t i = 0; i < p->nstmt; i++)
			if (p->stmts[i].sent == se)
				for (uint32_t k = 0; k < p->stmts[i].nterm; k++)
					t->v[n++] = p->terms[p->stmts[i].term + k];
		n = from + sort_unique(t->v + from, n - from);
	}
	t->at[p->nsent] = (uint32_t)n;
	size_t from = n;
	if (p->nterms)
		memcpy(t->v + n, p->terms, p->nterms * sizeof *t->v);
	n = from + sort_unique(t->v + from, p->nterms);
	t->at[p->nsent + 1] = (uint32_t)n;
}

/* The sentences of an article that state a claim: those sharing at least
 * ALIGN_MIN of the claim's own terms, the ALIGNED best. */
static size_t aligned(const ct_story_part *p, const article_terms *t, const uint32_t *own, size_t nown, size_t *out)
{
	double best[ALIGNED];
	size_t m = 0;
	for (size_t se = 0; se < p->nsent && nown; se++) {
		double ov = (double)shared(t->v + t->at[se], t->at[se + 1] - t->at[se], own, nown) / (double)nown;
		if (ov < ALIGN_MIN)
			continue;
		size_t at = m < ALIGNED ? m++ : ALIGNED;
		if (at == ALIGNED) {
			if (ov <= best[ALIGNED - 1])
				continue;
			at = ALIGNED - 1;
		}
		best[at] = ov;
		out[at] = se;
		for (; at > 0 && best[at] > best[at - 1]; at--) {
			double tb = best[at];
			best[at] = best[at - 1];
			best[at - 1] = tb;
			size_t ts = out[at];
			out[at] = out[at - 1];
			out[at - 1] = ts;
		}
	}
	return m;
}

static void *read_articles(void *arg)
{
	read_job *j = arg;
	const ct_story *st = j->st;
	article_terms t = {0};
	for (size_t a = j->first; a < st->npart; a += j->step) {
		const ct_story_part *p = st->parts[a];
		terms_of(p, &t);
		const uint32_t *all = t.v + t.at[p->nsent];
		size_t nall = t.at[p->nsent + 1] - t.at[p->nsent];
		ct_stance_body *body = NULL;
		for (size_t k = 0; k < j->ncand; k++) {
			/* a given claim is read against every article: the user asked */
			if (!st->claims[j->cand[k]].given &&
			    shared(all, nall, j->top[k], j->ntop[k]) < (j->ntop[k] < SHARED_MIN ? j->ntop[k] : SHARED_MIN))
				continue;
			reading r;
			memset(&r, 0, sizeof r);
			r.claim = j->cand[k];
			r.article = (uint32_t)a;
			if (st->stance) {
				if (!body) {
					uint64_t *tok = ct_xmalloc((p->nstance + 1) * sizeof *tok);
					for (size_t i = 0; i < p->nstance; i++)
						tok[i] = st->words[p->stance_ids[i]];
					body = ct_stance_body_take(st->stance, tok, p->nstance);
				}
				ct_stance_predict_body(st->stance, j->headline[k], body, r.probs);
				r.has_body = 1;
			}
			r.headline_only = p->nsent <= 1;
			if (st->statement && r.headline_only && p->nsent) {
				/* a headline alone: what it says is the whole article */
				float sp[CT_SSTANCE_NLABELS];
				ct_statement_predict(st->statement, j->headline[k], p->sents[0].text, sp);
				r.s_for = sp[CT_SSTANCE_FOR];
				r.s_against = sp[CT_SSTANCE_AGAINST];
				r.s_obs = sp[CT_SSTANCE_OBSERVING];
			} else if (st->statement) {
				size_t which[ALIGNED], n = aligned(p, &t, j->own[k], j->nown[k], which);
				for (size_t q = 0; q < n; q++) {
					float sp[CT_SSTANCE_NLABELS];
					ct_statement_predict(st->statement, j->headline[k], p->sents[which[q]].text, sp);
					r.s_for = sp[CT_SSTANCE_FOR] > r.s_for ? sp[CT_SSTANCE_FOR] : r.s_for;
					r.s_against = sp[CT_SSTANCE_AGAINST] > r.s_against ? sp[CT_SSTANCE_AGAINST] : r.s_against;
				}
			}
			ct_grow((void **)&j->found, &j->cap, j->nfound + 1, sizeof *j->found);
			j->found[j->nfound++] = r;
		}
		ct_stance_body_free(body);
	}
	free(t.v);
	free(t.at);
	return NULL;
}

static int reading_cmp(const void *x, const void *y)
{
	const reading *a = x, *b = y;
	if (a->claim != b->claim)
		return a->claim < b->claim ? -1 : 1;
	return a->article < b->article ? -1 : a->article > b->article;
}

static int heavier(const void *x, const void *y)
{
	const ct_claim_term *a = x, *b = y;
	return a->w > b->w ? -1 : a->w < b->w;
}

/* The models' readings of the first claims (and every given one) against
 * the articles that can be related to them, sorted by (claim, article);
 * *n of them. */
static reading *model_readings(ct_story *st, const uint32_t *order, size_t *n)
{
	*n = 0;
	if ((!st->stance && !st->statement) || !st->nclaim)
		return NULL;
	size_t ncand = 0;
	uint32_t *cand = ct_xmalloc((st->nclaim + 1) * sizeof *cand);
	for (size_t r = 0; r < st->nclaim; r++)
		if (r < STANCE_CLAIMS || st->claims[order[r]].given)
			cand[ncand++] = order[r];
	const char **headline = ct_xmalloc((ncand + 1) * sizeof *headline);
	uint32_t **top = ct_xmalloc((ncand + 1) * sizeof *top), **own = ct_xmalloc((ncand + 1) * sizeof *own);
	size_t *ntop = ct_xmalloc((ncand + 1) * sizeof *ntop), *nown = ct_xmalloc((ncand + 1) * sizeof *nown);
	for (size_t k = 0; k < ncand; k++) {
		const ct_claim *c = &st->claims[cand[k]];
		headline[k] = ct_story_claim_headline(st, c);
		ct_claim_term *cp = ct_xmalloc((c->ncent + 1) * sizeof *cp);
		if (c->ncent)
			memcpy(cp, c->cent, c->ncent * sizeof *cp);
		qsort(cp, c->ncent, sizeof *cp, heavier);
		ntop[k] = c->ncent < CLAIM_TOP ? c->ncent : CLAIM_TOP;
		top[k] = ct_xmalloc((ntop[k] + 1) * sizeof **top);
		for (size_t q = 0; q < ntop[k]; q++)
			top[k][q] = cp[q].term;
		ntop[k] = sort_unique(top[k], ntop[k]);
		free(cp);
		own[k] = ct_claims_own_terms(st, c, &nown[k]);
	}
	/* Articles are dealt out to the workers in turn; each reading depends
	 * on nothing else, and the merged list is sorted, so the thread count
	 * changes nothing but the time. */
	size_t nt = st->threads > 1 ? (size_t)st->threads : 1;
	if (nt > st->npart)
		nt = st->npart ? st->npart : 1;
	read_job *jobs = ct_xcalloc(nt, sizeof *jobs);
	for (size_t t = 0; t < nt; t++)
		jobs[t] = (read_job){st, cand, headline, (const uint32_t *const *)top, ntop, (const uint32_t *const *)own, nown,
				     ncand, t, nt, NULL, 0, 0};
	ct_run_jobs(read_articles, jobs, sizeof *jobs, nt);
	size_t total = 0;
	for (size_t t = 0; t < nt; t++)
		total += jobs[t].nfound;
	reading *all = ct_xmalloc((total + 1) * sizeof *all);
	for (size_t t = 0; t < nt; t++) {
		if (jobs[t].nfound)
			memcpy(all + *n, jobs[t].found, jobs[t].nfound * sizeof *all);
		*n += jobs[t].nfound;
		free(jobs[t].found);
	}
	free(jobs);
	for (size_t k = 0; k < ncand; k++) {
		free(top[k]);
		free(own[k]);
	}
	free(top);
	free(own);
	free(ntop);
	free(nown);
	free(headline);
	free(cand);
	if (*n)
		qsort(all, *n, sizeof *all, reading_cmp);
	return all;
}

/* The first reading of claim `claim` in r (n, sorted by claim then
 * article), or NULL. */
static const reading *find_first_reading(const reading *r, size_t n, uint32_t claim)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (r[mid].claim < claim)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && r[lo].claim == claim ? &r[lo] : NULL;
}

static void add_astance(ct_story *st, size_t *cap, ct_article_stance as)
{
	ct_grow((void **)&st->astances, cap, st->nastance + 1, sizeof *st->astances);
	st->astances[st->nastance++] = as;
}

static int astance_article_cmp(const void *x, const void *y)
{
	const ct_article_stance *a = x, *b = y;
	return a->article < b->article ? -1 : a->article > b->article;
}

/* The reprints of the articles that stand on claim c (reprints.c): one
 * with no stance of its own on it takes its original's, and one that
 * stands where its original does is listed, not counted again. */
static void reprint_stances(ct_story *st, ct_claim *c, size_t *cap)
{
	uint32_t n0 = c->nastance;
	for (uint32_t k = 0; k < n0; k++) {
		ct_article_stance o = st->astances[c->astance + k];
		if (st->parts[o.article]->reprint_of >= 0)
			continue;
		for (uint32_t q = st->reprints_at[o.article]; q < st->reprints_at[o.article + 1]; q++) {
			uint32_t r = st->reprints[q];
			/* the first n0 are in article order */
			uint32_t lo = 0, hi = n0;
			while (lo < hi) {
				uint32_t mid = (lo + hi) / 2;
				if (st->astances[c->astance + mid].article < r)
					lo = mid + 1;
				else
					hi = mid;
			}
			ct_article_stance *own = lo < n0 && st->astances[c->astance + lo].article == r
							 ? &st->astances[c->astance + lo] : NULL;
			if (own) {
				own->reprint = own->stance == o.stance;
				continue;
			}
			ct_article_stance as = {o.claim, r, o.stance, o.from, o.confidence, 0, 0, 1};
			add_astance(st, cap, as);
			c->nastance++;
		}
	}
	if (c->nastance > n0)
		qsort(st->astances + c->astance, c->nastance, sizeof *st->astances, astance_article_cmp);
}

/* Every article's stance on claim ci (index), appended in article order. */
static void claim_articles(ct_story *st, uint32_t ci, const reading *rd, size_t nrd, size_t *cap)
{
	ct_claim *c = &st->claims[ci];
	c->astance = (uint32_t)st->nastance;
	/* the articles with a statement in the claim or a reading of it, in
	 * order: its statements are in input order, and its readings are a
	 * run of the sorted list */
	const reading *r0 = find_first_reading(rd, nrd, ci), *rend = rd + nrd;
	size_t k = 0;
	for (;;) {
		uint32_t am = k < c->nstmt ? st->stmts[c->stmts[k]].article : UINT32_MAX;
		uint32_t ar = r0 && r0 < rend && r0->claim == ci ? r0->article : UINT32_MAX;
		uint32_t a = am < ar ? am : ar;
		if (a == UINT32_MAX)
			break;
		size_t k0 = k;
		while (k < c->nstmt && st->stmts[c->stmts[k]].article == a)
			k++;
		int members = k > k0 ? article_from_statements(st, c, k0, k) : -1;
		const reading *r = ar == a ? r0++ : NULL;
		ct_article_stance as = {ci, a, 0, CT_FROM_STATEMENTS, 1.0f, (uint32_t)k0, (uint32_t)(k - k0), 0};
		if (r && r->headline_only && st->statement) {
			/* One sentence is a statement, not a body for the stance model
			 * (trained on bodies): the statement model decides. */
			as.from = CT_FROM_SENTENCES;
			if (r->s_against >= r->s_for && r->s_against >= r->s_obs) {
				as.stance = members == CT_ST_QUESTION ? CT_ST_QUESTION : CT_ST_DENY;
				as.confidence = r->s_against;
			} else if (r->s_for >= r->s_obs) {
				as.stance = CT_ST_ASSERT;
				as.confidence = r->s_for;
			} else {
				as.stance = CT_ST_REPORT;
				as.confidence = r->s_obs;
			}
		} else if (r) {
			float pd = r->probs[CT_STANCE_DISAGREE], pa = r->probs[CT_STANCE_AGREE];
			float against = pd + MIX * r->s_against, fors = pa + MIX * r->s_for;
			if (denied_by_cue(st, c, k0, k)) {
				as.stance = CT_ST_DENY;
			} else if (against >= AGAINST_MIN && against >= pa) {
				as.stance = members == CT_ST_QUESTION ? CT_ST_QUESTION : CT_ST_DENY;
				as.from = pd >= MIX * r->s_against ? CT_FROM_MODEL : CT_FROM_SENTENCES;
				as.confidence = as.from == CT_FROM_MODEL ? pd : r->s_against;
			} else if (fors >= FOR_MIN) {
				as.stance = CT_ST_ASSERT;
				as.from = pa >= MIX * r->s_for ? CT_FROM_MODEL : CT_FROM_SENTENCES;
				as.confidence = as.from == CT_FROM_MODEL ? pa : r->s_for;
			} else if (members >= 0) {
				as.stance = CT_ST_REPORT;
			} else if (r->probs[CT_STANCE_DISCUSS] >= DISCUSS_MIN) {
				as.stance = CT_ST_REPORT;
				as.from = CT_FROM_MODEL;
				as.confidence = r->probs[CT_STANCE_DISCUSS];
			} else {
				continue;
			}
		} else if (members >= 0) {
			as.stance = (uint8_t)members;
		} else {
			continue;
		}
		if (as.from == CT_FROM_MODEL && as.confidence < st->stance_min) {
			/* below the confidence asked for: the statements alone, if any */
			if (members < 0)
				continue;
			as.stance = (uint8_t)members;
			as.from = CT_FROM_STATEMENTS;
			as.confidence = 1;
		}
		st->nmodel += as.from == CT_FROM_MODEL;
		add_astance(st, cap, as);
	}
	c->nastance = (uint32_t)(st->nastance - c->astance);
	if (st->nreprint)
		reprint_stances(st, c, cap);
	for (uint32_t q = 0; q < c->nastance; q++) {
		const ct_article_stance *as = &st->astances[c->astance + q];
		if (!as->reprint)
			c->by_article[as->stance]++;
	}
}

/* ---- order ------------------------------------------------------------ */

static int rank_cmp(const ct_story *st, uint32_t x, uint32_t y)
{
	const ct_claim *a = &st->claims[x], *b = &st->claims[y];
	if (a->given != b->given)
		return a->given ? -1 : 1;
	if (a->given)
		return x < y ? -1 : 1; /* in the order given */
	double sa = a->score + (a->conflict ? 2 : 0), sb = b->score + (b->conflict ? 2 : 0);
	if (sa != sb)
		return sa > sb ? -1 : 1;
	if (a->first != b->first)
		return a->first < b->first ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* A merge sort of claim indices (qsort has no context argument in C11). */
static void sort_claims(const ct_story *st, uint32_t *v, uint32_t *tmp, size_t n)
{
	if (n < 2)
		return;
	size_t h = n / 2;
	sort_claims(st, v, tmp, h);
	sort_claims(st, v + h, tmp, n - h);
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n)
		tmp[k++] = rank_cmp(st, v[i], v[j]) <= 0 ? v[i++] : v[j++];
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof *v);
}

static void order_claims(ct_story *st)
{
	if (!st->claim_order)
		st->claim_order = ct_xmalloc((st->nclaim + 1) * sizeof *st->claim_order);
	uint32_t *tmp = ct_xmalloc((st->nclaim + 1) * sizeof *tmp);
	for (size_t i = 0; i < st->nclaim; i++)
		st->claim_order[i] = (uint32_t)i;
	sort_claims(st, st->claim_order, tmp, st->nclaim);
	free(tmp);
	for (size_t i = 0; i < st->nclaim; i++)
		st->claims[st->claim_order[i]].rank = (uint32_t)i + 1;
	st->nlisted = st->nclaim;
}

/* The article stances in rank order: claims' ranges moved to follow it. */
static void astances_by_rank(ct_story *st)
{
	ct_article_stance *v = ct_xmalloc((st->nastance + 1) * sizeof *v);
	size_t at = 0;
	for (size_t r = 0; r < st->nclaim; r++) {
		ct_claim *c = &st->claims[st->claim_order[r]];
		if (c->nastance)
			memcpy(v + at, st->astances + c->astance, c->nastance * sizeof *v);
		c->astance = (uint32_t)at;
		at += c->nastance;
	}
	free(st->astances);
	st->astances = v;
}

/* ---- outlets and timeline -------------------------------------------- */

/* The name an article's outlet goes by: its id when none was given. */
static char *outlet_name(const ct_story_part *p, int *inferred)
{
	static char article[] = "article";
	char *name = p->meta[CT_META_OUTLET];
	*inferred = !name || !*name;
	return !*inferred ? name : p->meta[CT_META_ID] ? p->meta[CT_META_ID] : article;
}

/*
 * Outlets are numbered first, then made at their exact number with their
 * article lists cut from one array: with no outlet given every article is
 * an outlet of its own, a million of them, and room grown per outlet cost
 * more than the articles themselves.
 */
static void build_outlets(ct_story *st)
{
	for (size_t a = 0; a < st->npart; a++) {
		int inferred, o;
		const char *name = outlet_name(st->parts[a], &inferred);
		if (!ct_table_get(&st->outlet_keys, name, strlen(name), &o)) {
			o = (int)st->noutlet++;
			ct_table_put(&st->outlet_keys, name, strlen(name), o);
		}
		st->parts[a]->outlet = (uint32_t)o;
	}
	st->outlets = ct_xcalloc(st->noutlet + 1, sizeof *st->outlets);
	st->outlet_articles = ct_xmalloc((st->npart + 1) * sizeof *st->outlet_articles);
	for (size_t a = 0; a < st->npart; a++) {
		const ct_story_part *p = st->parts[a];
		ct_story_outlet *ol = &st->outlets[p->outlet];
		if (!ol->name) {
			int inferred;
			char *name = outlet_name(p, &inferred);
			ol->name = inferred ? name : ct_xstrdup(name); /* an id is the article's own */
			ol->inferred = inferred;
			ol->from = (uint8_t)(inferred ? CT_OUTLET_ID : p->outlet_from);
			ol->lead_stmt = -1;
		}
		ol->narticle++;
	}
	size_t at = 0;
	for (size_t o = 0; o < st->noutlet; o++) {
		st->outlets[o].articles = st->outlet_articles + at;
		at += st->outlets[o].narticle;
		st->outlets[o].narticle = 0;
	}
	for (size_t a = 0; a < st->npart; a++) {
		ct_story_outlet *ol = &st->outlets[st->parts[a]->outlet];
		ol->articles[ol->narticle++] = (uint32_t)a;
	}
	/* the lead: the first statement on a claim in a lead sentence, else the first at all */
	for (size_t i = 0; i < st->nstmt; i++) {
		const ct_story_stmt *s = &st->stmts[i];
		if (s->claim < 0)
			continue;
		ct_story_outlet *ol = &st->outlets[st->parts[s->article]->outlet];
		int lead = ct_story_stmt_sent(st, i)->lead;
		if (ol->lead_stmt < 0 || (!ct_story_stmt_sent(st, (size_t)ol->lead_stmt)->lead && lead))
			ol->lead_stmt = (int32_t)i;
	}
	/* per outlet, in rank order, the claims its articles stand on */
	for (size_t r = 0; r < st->nclaim; r++) {
		uint32_t ci = st->claim_order[r];
		const ct_claim *c = &st->claims[ci];
		for (size_t k = 0; k < c->nastance; k++) {
			const ct_article_stance *as = &st->astances[c->astance + k];
			ct_story_outlet *ol = &st->outlets[st->parts[as->article]->outlet];
			if (!ol->nclaim || ol->claims[ol->nclaim - 1].claim != ci) {
				ct_grow((void **)&ol->claims, &ol->claim_cap, ol->nclaim + 1, sizeof *ol->claims);
				memset(&ol->claims[ol->nclaim], 0, sizeof *ol->claims);
				ol->claims[ol->nclaim++].claim = ci;
			}
			ct_outlet_claim *oc = &ol->claims[ol->nclaim - 1];
			oc->nart[as->stance]++;
			for (size_t q = 0; q < as->nstmt; q++) {
				size_t i = c->stmts[as->stmt0 + q];
				int side = ct_story_side(st, i);
				oc->nfor += side > 0;
				oc->nagainst += side < 0;
			}
		}
	}
}

static int when_cmp(const ct_when *a, const ct_when *b)
{
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	int ad = a->prec == 3 ? 0 : a->d, bd = b->prec == 3 ? 0 : b->d;
	if (ad != bd)
		return ad < bd ? -1 : 1;
	return (a->prec == 3) - (b->prec == 3);
}

static int tl_cmp(const void *x, const void *y)
{
	const ct_tl_entry *a = x, *b = y;
	int c = when_cmp(&a->when, &b->when);
	if (c)
		return c;
	return a->stmts[0] < b->stmts[0] ? -1 : a->stmts[0] > b->stmts[0];
}

/* Statements whose sentence names a date, by date: those of listed claims,
 * and those that tell an event (who did what to whom), which is what a
 * timeline is for. */
static void build_timeline(ct_story *st)
{
	ct_table by_date = {0};
	/* (entry, article, the sentence's first 60 bytes) → the newest place in
	 * the entry's list of a sentence so opening: what a scan back over the
	 * list found, without the scan (quadratic in an article's statements) */
	ct_table opening = {0};
	ct_buf key = {0};
	size_t cap = 0;
	for (size_t i = 0; i < st->nstmt; i++) {
		const ct_story_stmt *s = &st->stmts[i];
		const ct_part_stmt *ps = ct_story_pstmt(st, i);
		if ((s->claim < 0 && ps->verb < 0) || !ps->when.prec || ps->when.y <= 0 || s->dup_of >= 0)
			continue;
		char iso[11];
		ct_when_iso(&ps->when, iso);
		int e;
		if (!ct_table_get(&by_date, iso, strlen(iso), &e)) {
			e = (int)st->ntl;
			ct_table_put(&by_date, iso, strlen(iso), e);
			ct_grow((void **)&st->timeline, &cap, st->ntl + 1, sizeof *st->timeline);
			ct_tl_entry *t = &st->timeline[st->ntl++];
			memset(t, 0, sizeof *t);
			t->when = ps->when;
			memcpy(t->iso, iso, sizeof iso);
		}
		ct_tl_entry *t = &st->timeline[e];
		/* a sentence once, by its statement of a claim, of an event, or its
		 * fullest, however many it holds;
		 * and a sentence an article repeats (a caption above and below a
		 * picture) once */
		size_t n, m;
		ct_story_stmt_clause(st, i, &n);
		const char *text = ct_story_stmt_sent(st, i)->text;
		ct_buf_clear(&key);
		ct_buf_add(&key, &e, sizeof e);
		ct_buf_add(&key, &s->article, sizeof s->article);
		ct_buf_add(&key, text, strnlen(text, 60));
		int k;
		if (ct_table_get(&opening, key.data, key.len, &k)) {
			/* the same sentence (its opening, then, too): the fuller statement stays */
			uint32_t j = t->stmts[k];
			if (ct_story_stmt_sent(st, j)->index == ct_story_stmt_sent(st, i)->index) {
				ct_story_stmt_clause(st, j, &m);
				int wi = 2 * (s->claim >= 0) + (ps->verb >= 0),
				    wj = 2 * (st->stmts[j].claim >= 0) + (ct_story_pstmt(st, j)->verb >= 0);
				if (wi > wj || (wi == wj && n > m))
					t->stmts[k] = (uint32_t)i;
			}
			continue;
		}
		ct_table_put(&opening, key.data, key.len, (int)t->nstmt);
		ct_grow((void **)&t->stmts, &t->stmt_cap, t->nstmt + 1, sizeof *t->stmts);
		t->stmts[t->nstmt++] = (uint32_t)i;
	}
	ct_table_free(&by_date);
	ct_table_free(&opening);
	ct_buf_free(&key);
	if (st->ntl)
		qsort(st->timeline, st->ntl, sizeof *st->timeline, tl_cmp);
	/* each entry's claims and articles, once each */
	for (size_t t = 0; t < st->ntl; t++) {
		ct_tl_entry *e = &st->timeline[t];
		e->claims = ct_xmalloc((e->nstmt + 1) * sizeof *e->claims);
		e->articles = ct_xmalloc((e->nstmt + 1) * sizeof *e->articles);
		for (size_t k = 0; k < e->nstmt; k++) {
			const ct_story_stmt *s = &st->stmts[e->stmts[k]];
			int dup = s->claim < 0;
			for (size_t x = 0; x < e->nclaim && !dup; x++)
				dup = e->claims[x] == (uint32_t)s->claim;
			if (!dup) {
				e->claims[e->nclaim++] = (uint32_t)s->claim;
				e->conflict |= st->claims[s->claim].conflict;
			}
			dup = 0;
			for (size_t x = 0; x < e->narticle && !dup; x++)
				dup = e->articles[x] == s->article;
			if (!dup)
				e->articles[e->narticle++] = s->article;
		}
	}
}

/* Who stands for claim c and who against it: speakers by their first
 * statement on each side, outlets by their articles' stances. */
static void who_stands(ct_story *st, ct_claim *c)
{
	ct_table seen = {0};
	char k[32];
	for (size_t j = 0; j < c->nstmt; j++) {
		size_t i = c->stmts[j];
		int side = ct_story_side(st, i);
		if (!side)
			continue;
		int at = side > 0 ? 0 : 1;
		const char *name = ct_story_speaker_name(st, i);
		int n = st->stmts[i].speaker >= 0 ? snprintf(k, sizeof k, "%dE%d", at, (int)st->stmts[i].speaker) : 0;
		ct_buf key = {0};
		if (n)
			ct_buf_add(&key, k, (size_t)n);
		else
			ct_buf_printf(&key, "%dN%s", at, name);
		if (!ct_table_get(&seen, key.data, key.len, NULL)) {
			ct_table_put(&seen, key.data, key.len, 1);
			c->speakers[at] = ct_xrealloc(c->speakers[at], (c->nspeakers[at] + 1) * sizeof *c->speakers[at]);
			c->speakers[at][c->nspeakers[at]++] = (uint32_t)i;
		}
		ct_buf_free(&key);
	}
	for (uint32_t q = 0; q < c->nastance; q++) {
		const ct_article_stance *as = &st->astances[c->astance + q];
		if (as->stance == CT_ST_REPORT)
			continue;
		int at = as->stance == CT_ST_ASSERT ? 0 : 1;
		uint32_t o = st->parts[as->article]->outlet;
		int n = snprintf(k, sizeof k, "%dO%u", at, o);
		if (!ct_table_get(&seen, k, (size_t)n, NULL)) {
			ct_table_put(&seen, k, (size_t)n, 1);
			c->outlets[at] = ct_xrealloc(c->outlets[at], (c->noutlets[at] + 1) * sizeof *c->outlets[at]);
			c->outlets[at][c->noutlets[at]++] = o;
		}
	}
	ct_table_free(&seen);
}

void ct_sides_build(ct_story *st)
{
	for (size_t ci = 0; ci < st->nclaim; ci++) {
		ct_claim *c = &st->claims[ci];
		for (size_t k = 0; k < c->nstmt; k++) {
			ct_story_stmt *s = &st->stmts[c->stmts[k]];
			s->stance = stance_toward(st, c->stmts[k], c->sign);
			c->by_stance[s->stance]++;
		}
	}
	order_claims(st); /* before conflicts are known: which claims the model reads */
	size_t nrd;
	reading *rd = model_readings(st, st->claim_order, &nrd);
	size_t cap = 0;
	for (size_t ci = 0; ci < st->nclaim; ci++) {
		ct_claim *c = &st->claims[ci];
		claim_articles(st, (uint32_t)ci, rd, nrd, &cap);
		size_t fors = c->by_stance[CT_ST_ASSERT] + c->by_article[CT_ST_ASSERT];
		size_t against = c->by_stance[CT_ST_DENY] + c->by_stance[CT_ST_QUESTION] + c->by_article[CT_ST_DENY] +
				 c->by_article[CT_ST_QUESTION];
		c->conflict = fors && against;
	}
	/* an article the stance model reads as about a claim counts for it too */
	for (size_t q = 0; q < nrd; q++)
		if (rd[q].has_body && rd[q].probs[CT_STANCE_UNRELATED] < 0.5f && st->parts[rd[q].article]->reprint_of < 0)
			st->claims[rd[q].claim].score += RELATED_WEIGHT;
	free(rd);
	order_claims(st);
	astances_by_rank(st);
	for (size_t i = 0; i < st->nstmt; i++)
		if (st->stmts[i].claim >= 0 && st->stmts[i].speaker >= 0)
			st->ents[st->stmts[i].speaker].mentions++;
	build_outlets(st);
	for (size_t ci = 0; ci < st->nclaim; ci++) {
		who_stands(st, &st->claims[ci]);
		st->nconflict += st->claims[ci].conflict;
	}
	for (size_t o = 0; o < st->noutlet; o++)
		st->nid_outlet += st->outlets[o].inferred ? st->outlets[o].narticle : 0;
	build_timeline(st);
}
