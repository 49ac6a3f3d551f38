/*
 * attribute_train.c — learning the attribution tagger from brat gold
 * (PolNeAR's layout: DIR/text/NAME.txt, DIR/attributions/NAME_ANNOTATOR.ann,
 * the first annotator by name).
 *
 * Each article is read and run through the pipeline up to the tag stage
 * exactly as at run time; every token takes the role of the gold span its
 * characters fall in (Source, Cue, Content or Content2), B- where a span
 * begins and I- inside it, O elsewhere. Paragraphs are the training
 * sequences. The averaged perceptron makes `epochs` passes, in an order
 * shuffled by a generator seeded with `seed`, so the same data and seed
 * give the same model byte for byte.
 *
 * The second pass and the content models must learn from tags as wrong as
 * on new text: each fold of articles gets first-pass tags from a model
 * trained on the other folds, then second-pass tags the same way. On those
 * the linking finds its cues (ct_attr_cues); a cue that falls on a gold
 * cue teaches the content models where that attribution's content lies,
 * and one that does not teaches the side model that it has none.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attribute.h"
#include "content.h"
#include "../eval/brat.h"
#include "../ml/seqtag_train.h"

typedef struct {
	ct_seq_input in;
	uint8_t *tags;   /* gold */
	uint8_t *first;  /* the first pass's tags, from a model that did not see this article */
	uint8_t *second; /* the second pass's, the same way */
	size_t article;  /* index into the documents */
	ct_attr_unit unit;
} example;

/* A training document: the article and, per token, the gold attribution
 * whose cue or content it is in (-1: none). */
typedef struct {
	ct_doc *doc;
	int32_t *cue_of, *con_of;
} tdoc;

/* One decision of the content models: its candidates, the right one, and
 * the model column (a side for the side model, a boundary for the other). */
typedef struct {
	ct_seq_input in;
	uint32_t gold;
	uint8_t col;
} decision;

typedef struct {
	decision *v;
	size_t n, cap;
} decisions;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted entries of `dir` ending in `suffix`. */
static char **list_dir(const char *dir, const char *suffix, size_t *n)
{
	DIR *d = opendir(dir);
	*n = 0;
	if (!d)
		return NULL;
	char **v = NULL;
	size_t cap = 0;
	struct dirent *e;
	size_t sl = strlen(suffix);
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (e->d_name[0] == '.' || l <= sl || strcmp(e->d_name + l - sl, suffix))
			continue;
		ct_grow((void **)&v, &cap, *n + 1, sizeof *v);
		v[(*n)++] = ct_xstrdup(e->d_name);
	}
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof *v, cmp_str);
	return v;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The role (0 source, 1 cue, 2 content, -1 none) and span number of the
 * gold span the characters [c0, c1) fall in. */
static int gold_role(const ct_brat_doc *g, size_t c0, size_t c1, long *which)
{
	for (size_t k = 0; k < g->ntb; k++) {
		const ct_brat_tb *tb = &g->tbs[k];
		int role = tb->type == CT_BRAT_SOURCE ? 0 : tb->type == CT_BRAT_CUE ? 1 : tb->type == CT_BRAT_CONTENT ? 2 : -1;
		if (role < 0)
			continue;
		for (size_t r = 0; r < tb->span.n; r++)
			if (tb->span.r[r].start < c1 && c0 < tb->span.r[r].end) {
				*which = (long)k;
				return role;
			}
	}
	return -1;
}

static uint64_t next_rand(uint64_t *s)
{
	/* xorshift64*: small, fast and the same on every machine */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

enum { FOLDS = 5 };
#ifndef NBITS
#define NBITS 17
#endif
#ifndef CONTENT_NBITS
#define CONTENT_NBITS 16
#endif
#ifndef CONTENT_EPOCHS
#define CONTENT_EPOCHS(e) ((e) * CONTENT_EPOCH_MULT)
#endif
#ifndef CONTENT_EPOCH_MULT
#define CONTENT_EPOCH_MULT 1
#endif

/* Which gold attribution (E line) each token's cue and content belong to. */
static void gold_atts(const ct_brat_doc *g, ct_doc *doc, tdoc *td)
{
	td->cue_of = ct_xmalloc((doc->ntok + 1) * sizeof *td->cue_of);
	td->con_of = ct_xmalloc((doc->ntok + 1) * sizeof *td->con_of);
	for (size_t k = 0; k < doc->ntok; k++) {
		const ct_token *t = &doc->toks[k];
		size_t ch[2];
		ct_doc_input_span(doc, t->off, t->len, NULL, ch);
		td->cue_of[k] = td->con_of[k] = -1;
		for (size_t a = 0; a < g->natt; a++) {
			const ct_brat_att *at = &g->atts[a];
			for (size_t r = 0; r < at->cue.n; r++)
				if (at->cue.r[r].start < ch[1] && ch[0] < at->cue.r[r].end && td->cue_of[k] < 0)
					td->cue_of[k] = (int32_t)a;
			for (size_t r = 0; r < at->content.n; r++)
				if (at->content.r[r].start < ch[1] && ch[0] < at->content.r[r].end && td->con_of[k] < 0)
					td->con_of[k] = (int32_t)a;
		}
	}
}

static void add_decision(decisions *d, const ct_seq_input *in, uint32_t gold, uint8_t col)
{
	ct_grow((void **)&d->v, &d->cap, d->n + 1, sizeof *d->v);
	decision *x = &d->v[d->n++];
	memset(x, 0, sizeof *x);
	ct_seq_input_reserve(&x->in, in->nfeat);
	memcpy(x->in.feats, in->feats, in->nfeat * sizeof *in->feats);
	x->in.nfeat = in->nfeat;
	ct_grow((void **)&x->in.off, &x->in.off_cap, in->n + 1, sizeof *x->in.off);
	memcpy(x->in.off, in->off, (in->n + 1) * sizeof *in->off);
	x->in.n = in->n;
	x->gold = gold;
	x->col = col;
}

/* The index of position p among pos[0 .. n), or -1. */
static long index_of(const uint32_t *pos, size_t n, uint32_t p)
{
	for (size_t i = 0; i < n; i++)
		if (pos[i] == p)
			return (long)i;
	return -1;
}

/* The boundary decisions of one piece of content, in the order decoding
 * takes them (content.c, piece()): the boundary `first` toward gold g1,
 * then `second`, whose candidates hang on the right first one, toward g2.
 * A gold boundary that is no candidate teaches nothing. */
static void piece_decisions(decisions *ptr, const ct_con_query *q, int first, uint32_t g1, int second, uint32_t g2,
			    ct_seq_input *in, uint32_t **pos, size_t *cap)
{
	long at;
	size_t n = ct_con_candidates(q, first, 0, in, pos, cap);
	if ((at = index_of(*pos, n, g1)) >= 0)
		add_decision(ptr, in, (uint32_t)at, (uint8_t)first);
	n = ct_con_candidates(q, second, g1, in, pos, cap);
	if ((at = index_of(*pos, n, g2)) >= 0)
		add_decision(ptr, in, (uint32_t)at, (uint8_t)second);
}

/* The content decisions of one unit, from the tags `tags`. */
static void content_decisions(const tdoc *td, const example *e, const uint8_t *tags, decisions *side,
			      decisions *ptr)
{
	const ct_doc *doc = td->doc;
	ct_attr_cue *cues;
	size_t ncue = ct_attr_cues(doc, e->unit, tags, &cues);
	ct_seq_input in = {0};
	uint32_t *pos = NULL;
	size_t cap = 0;
	uint32_t t0 = doc->sents[e->unit.sent].tok, t1 = t0 + (uint32_t)e->in.n;
	ct_con_unit cu = {0};
	ct_con_unit_set(&cu, doc, e->unit, tags, NULL);
	for (size_t k = 0; k < ncue; k++) {
		const ct_attr_cue *c = &cues[k];
		int32_t g = -1;
		for (uint32_t i = c->cue; i < c->cue + c->ncue && g < 0; i++)
			g = td->cue_of[i];
		/* Speech inside another's content ("… that the minister said …")
		 * is no attribution of PolNeAR's, whose scheme cannot nest them;
		 * that is not evidence that it has no content. */
		if (g < 0 && td->con_of[c->cue] >= 0)
			continue;
		long lmin = -1, lmax = -1, rmin = -1, rmax = -1;
		for (uint32_t i = t0; i < t1 && g >= 0; i++) {
			uint8_t ty = doc->toks[i].type;
			if (td->con_of[i] != g || ty == CT_TOK_PUNCT || ty == CT_TOK_QUOTE)
				continue;
			if (i < c->cue) {
				if (lmin < 0)
					lmin = i;
				lmax = i;
			} else if (i >= c->cue + c->ncue) {
				if (rmin < 0)
					rmin = i;
				rmax = i;
			}
		}
		ct_con_query q;
		ct_con_query_init(&q, &cu, c->cue, c->ncue, c->src, c->nsrc);
		ct_con_side_features(&q, &in);
		add_decision(side, &in, (rmin >= 0 ? CT_CON_AFTER : 0) | (lmin >= 0 ? CT_CON_BEFORE : 0), 0);
		if (rmin >= 0)
			piece_decisions(ptr, &q, CT_CON_AFTER_START, (uint32_t)rmin, CT_CON_AFTER_END, (uint32_t)rmax, &in,
					&pos, &cap);
		if (lmin >= 0)
			piece_decisions(ptr, &q, CT_CON_BEFORE_END, (uint32_t)lmax, CT_CON_BEFORE_START, (uint32_t)lmin,
					&in, &pos, &cap);
	}
	free(cues);
	free(pos);
	ct_seq_input_free(&in);
	ct_con_unit_free(&cu);
}

/* The content models: `epochs` passes over the decisions in shuffled order. */
static void train_content(decisions *d, int ranked, int epochs, unsigned seed, ct_seq_model *out, FILE *progress)
{
	uint8_t allowed[CT_SEQ_MAXTAGS + 1][CT_SEQ_MAXTAGS];
	memset(allowed, 1, sizeof allowed);
	ct_seq_trainer tr;
	ct_seq_trainer_init(&tr, CONTENT_NBITS, ranked ? CT_CON_NPTR : CT_CON_NSIDES,
			    (const uint8_t(*)[CT_SEQ_MAXTAGS])allowed);
	size_t *order = ct_xmalloc((d->n + 1) * sizeof *order);
	for (size_t i = 0; i < d->n; i++)
		order[i] = i;
	uint64_t rng = 0x243F6A8885A308D3ull ^ seed;
	for (int ep = 0; ep < epochs; ep++) {
		ct_shuffle(order, d->n, next_rand, &rng);
		size_t wrong = 0;
		for (size_t i = 0; i < d->n; i++) {
			const decision *x = &d->v[order[i]];
			if (ranked) {
				wrong += (size_t)ct_seq_trainer_rank(&tr, &x->in, x->gold, x->col);
			} else {
				uint8_t gold = (uint8_t)x->gold;
				wrong += ct_seq_trainer_step(&tr, &x->in, &gold);
			}
		}
		if (progress)
			fprintf(progress, "content %s, epoch %d: %.2f%% of %zu decisions wrong\n", ranked ? "boundaries" : "sides",
				ep + 1, 100.0 * (double)wrong / (double)(d->n ? d->n : 1), d->n);
	}
	free(order);
	ct_seq_trainer_average(&tr, out);
	ct_seq_trainer_free(&tr);
}

/*
 * One averaged perceptron over the examples not in `skip_fold` (FOLDS:
 * none skipped). With `stacked`, the features are the stacked ones, built
 * from each example's (jackknifed) first-pass tags.
 */
static void train_pass(example *ex, size_t nex, size_t skip_fold, int stacked,
		       uint8_t allowed[CT_SEQ_MAXTAGS + 1][CT_SEQ_MAXTAGS], int epochs, unsigned seed,
		       ct_seq_model *out, FILE *progress)
{
	ct_seq_trainer tr;
	ct_seq_trainer_init(&tr, NBITS, CT_AT_NTAGS, (const uint8_t(*)[CT_SEQ_MAXTAGS])allowed);
	size_t *order = ct_xmalloc(nex * sizeof *order), n = 0, ntok = 0;
	for (size_t i = 0; i < nex; i++)
		if (skip_fold == FOLDS || ex[i].article % FOLDS != skip_fold) {
			order[n++] = i;
			ntok += ex[i].in.n;
		}
	ct_seq_input st = {0};
	uint64_t rng = 0x9E3779B97F4A7C15ull ^ seed;
	for (int ep = 0; ep < epochs; ep++) {
		ct_shuffle(order, n, next_rand, &rng);
		size_t wrong = 0;
		for (size_t i = 0; i < n; i++) {
			const example *e = &ex[order[i]];
			if (stacked) {
				ct_attr_stack_features(&e->in, e->first, &st);
				wrong += ct_seq_trainer_step(&tr, &st, e->tags);
			} else {
				wrong += ct_seq_trainer_step(&tr, &e->in, e->tags);
			}
		}
		if (progress)
			fprintf(progress, "%s pass, epoch %d: %.2f%% of training tokens tagged wrong\n",
				stacked ? "second" : "first", ep + 1, 100.0 * (double)wrong / (double)(ntok ? ntok : 1));
	}
	ct_seq_input_free(&st);
	free(order);
	ct_seq_trainer_average(&tr, out);
	ct_seq_trainer_free(&tr);
}

int ct_train_attribution(const ct_ctx *ctx, const char *gold_dir, const char *out_path, int epochs,
			 unsigned seed, FILE *progress, char *err, size_t errsize)
{
	char *text_dir = ct_xasprintf("%s/text", gold_dir), *ann_dir = ct_xasprintf("%s/attributions", gold_dir);
	size_t ntext, nann;
	char **texts = list_dir(text_dir, ".txt", &ntext), **anns = list_dir(ann_dir, ".ann", &nann);
	example *ex = NULL;
	size_t nex = 0, excap = 0, ntok = 0;
	tdoc *docs = NULL;
	size_t ndoc = 0;
	decisions sides = {0}, ptrs = {0};
	ct_seq_model models[4];
	int rc = 0;
	if (!ntext || !nann) {
		snprintf(err, errsize, "%s: no text/*.txt or attributions/*.ann", gold_dir);
		rc = CT_EARG;
		goto out;
	}
	docs = ct_xcalloc(ntext + 1, sizeof *docs);
	for (size_t i = 0; i < ntext; i++) {
		size_t base = strlen(texts[i]) - 4;
		const char *ann = NULL;
		for (size_t k = 0; k < nann && !ann; k++)
			if (!strncmp(anns[k], texts[i], base) && anns[k][base] == '_')
				ann = anns[k];
		if (!ann)
			continue;
		char *tp = ct_xasprintf("%s/%s", text_dir, texts[i]), *ap = ct_xasprintf("%s/%s", ann_dir, ann);
		ct_brat_doc *g = NULL;
		char berr[256];
		FILE *f = fopen(tp, "rb");
		ct_buf raw = {0};
		if (f) {
			char chunk[65536];
			size_t n;
			while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
				ct_buf_add(&raw, chunk, n);
			fclose(f);
		}
		if (!f || ct_brat_read(&g, ap, berr, sizeof berr)) {
			if (progress)
				fprintf(progress, "claimtrace: skipping %s: %s\n", texts[i], f ? berr : "cannot read");
			free(tp);
			free(ap);
			ct_buf_free(&raw);
			continue;
		}
		ct_doc *doc = ct_doc_new(texts[i], raw.data ? raw.data : "", raw.len);
		ct_buf_free(&raw);
		if (ct_doc_run(ctx, doc, CT_STAGE_RESOLVE) == 0) {
			tdoc *td = &docs[ndoc];
			td->doc = doc;
			gold_atts(g, doc, td);
			ct_attr_unit *units;
			size_t nunit = ct_attr_units(doc, &units);
			for (size_t p = 0; p < nunit; p++) {
				ct_grow((void **)&ex, &excap, nex + 1, sizeof *ex);
				example *e = &ex[nex++];
				memset(e, 0, sizeof *e);
				ct_attr_features(ctx, doc, units[p], &e->in);
				e->tags = ct_xcalloc(e->in.n + 1, 1);
				e->first = ct_xcalloc(e->in.n + 1, 1);
				e->second = ct_xcalloc(e->in.n + 1, 1);
				e->article = ndoc;
				e->unit = units[p];
				uint32_t t0 = doc->sents[units[p].sent].tok;
				long prev = -1;
				int prev_role = -1;
				for (size_t k = 0; k < e->in.n; k++) {
					const ct_token *t = &doc->toks[t0 + k];
					size_t ch[2];
					ct_doc_input_span(doc, t->off, t->len, NULL, ch);
					long which = -1;
					int role = gold_role(g, ch[0], ch[1], &which);
					if (role >= 0)
						e->tags[k] = (uint8_t)(1 + 2 * role + (role == prev_role && which == prev));
					prev = which;
					prev_role = role;
				}
				ntok += e->in.n;
			}
			free(units);
			ndoc++;
		} else {
			ct_doc_free(doc);
		}
		ct_brat_doc_free(g);
		free(tp);
		free(ap);
	}
	if (!nex) {
		snprintf(err, errsize, "%s: no article with gold attributions", gold_dir);
		rc = CT_EARG;
		goto out;
	}
	if (progress)
		fprintf(progress, "training on %zu paragraphs, %zu tokens, %d epochs, seed %u\n", nex, ntok, epochs, seed);
	uint8_t allowed[CT_SEQ_MAXTAGS + 1][CT_SEQ_MAXTAGS];
	ct_attr_allowed(allowed);
	/* Each fold's tags come from models trained on the other folds: first
	 * the first pass for every fold, then the second on those. */
	float *scratch = NULL;
	size_t scratch_cap = 0;
	ct_seq_input st = {0};
	for (int pass = 0; pass < 2; pass++)
		for (size_t fold = 0; fold < FOLDS; fold++) {
			train_pass(ex, nex, fold, pass, allowed, epochs, seed, &models[0], NULL);
			for (size_t i = 0; i < nex; i++) {
				if (ex[i].article % FOLDS != fold)
					continue;
				if (pass) {
					ct_attr_stack_features(&ex[i].in, ex[i].first, &st);
					ct_seq_decode(&models[0], &st, ex[i].second, &scratch, &scratch_cap);
				} else {
					ct_seq_decode(&models[0], &ex[i].in, ex[i].first, &scratch, &scratch_cap);
				}
			}
			ct_seq_free(&models[0]);
			if (progress)
				fprintf(progress, "%s pass, fold %zu of %d done\n", pass ? "second" : "first", fold + 1, FOLDS);
		}
	free(scratch);
	ct_seq_input_free(&st);
	train_pass(ex, nex, FOLDS, 0, allowed, epochs, seed, &models[0], progress);
	train_pass(ex, nex, FOLDS, 1, allowed, epochs, seed, &models[1], progress);
	for (size_t i = 0; i < nex; i++)
		content_decisions(&docs[ex[i].article], &ex[i], ex[i].second, &sides, &ptrs);
	train_content(&sides, 0, CONTENT_EPOCHS(epochs), seed, &models[2], progress);
	train_content(&ptrs, 1, CONTENT_EPOCHS(epochs), seed, &models[3], progress);
	rc = ct_seq_save(models, 4, out_path, err, errsize);
	for (int k = 0; k < 4; k++)
		ct_seq_free(&models[k]);
out:
	for (size_t i = 0; i < nex; i++) {
		ct_seq_input_free(&ex[i].in);
		free(ex[i].tags);
		free(ex[i].first);
		free(ex[i].second);
	}
	free(ex);
	for (size_t i = 0; i < ndoc; i++) {
		ct_doc_free(docs[i].doc);
		free(docs[i].cue_of);
		free(docs[i].con_of);
	}
	free(docs);
	for (int k = 0; k < 2; k++) {
		decisions *d = k ? &ptrs : &sides;
		for (size_t i = 0; i < d->n; i++)
			ct_seq_input_free(&d->v[i].in);
		free(d->v);
	}
	free_list(texts, ntext);
	free_list(anns, nann);
	free(text_dir);
	free(ann_dir);
	return rc;
}
