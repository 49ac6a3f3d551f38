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
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attribute.h"
#include "../eval/brat.h"
#include "../ml/seqtag_train.h"

typedef struct {
	ct_seq_input in;
	uint8_t *tags;  /* gold */
	uint8_t *first; /* the first pass's tags, from a model that did not see this article */
	size_t article;
} example;

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

/*
 * One averaged perceptron over the examples not in `skip_fold` (FOLDS:
 * none skipped). With `stacked`, the features are the stacked ones, built
 * from each example's first-pass tags.
 */
static void train_pass(example *ex, size_t nex, size_t skip_fold, const ct_seq_model *stacked,
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
		for (size_t i = n; i > 1; i--) {
			size_t j = (size_t)(next_rand(&rng) % i);
			size_t t = order[i - 1];
			order[i - 1] = order[j];
			order[j] = t;
		}
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
	int rc = 0;
	if (!ntext || !nann) {
		snprintf(err, errsize, "%s: no text/*.txt or attributions/*.ann", gold_dir);
		rc = CT_EARG;
		goto out;
	}
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
			ct_attr_unit *units;
			size_t nunit = ct_attr_units(doc, &units);
			for (size_t p = 0; p < nunit; p++) {
				ct_grow((void **)&ex, &excap, nex + 1, sizeof *ex);
				example *e = &ex[nex++];
				memset(e, 0, sizeof *e);
				ct_attr_features(ctx, doc, units[p], &e->in);
				e->tags = ct_xcalloc(e->in.n + 1, 1);
				e->first = ct_xcalloc(e->in.n + 1, 1);
				e->article = i;
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
		}
		ct_doc_free(doc);
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
	ct_seq_model models[2];
	/* The stacked pass must learn from first-pass tags as they look on
	 * unseen text: each fold's tags come from a model trained on the others. */
	float *scratch = NULL;
	size_t scratch_cap = 0;
	for (size_t fold = 0; fold < FOLDS; fold++) {
		train_pass(ex, nex, fold, NULL, allowed, epochs, seed, &models[0], NULL);
		for (size_t i = 0; i < nex; i++)
			if (ex[i].article % FOLDS == fold)
				ct_seq_decode(&models[0], &ex[i].in, ex[i].first, &scratch, &scratch_cap);
		ct_seq_free(&models[0]);
		if (progress)
			fprintf(progress, "fold %zu of %d done\n", fold + 1, FOLDS);
	}
	free(scratch);
	train_pass(ex, nex, FOLDS, NULL, allowed, epochs, seed, &models[0], progress);
	train_pass(ex, nex, FOLDS, &models[0], allowed, epochs, seed, &models[1], progress);
	rc = ct_seq_save(models, 2, out_path, err, errsize);
	ct_seq_free(&models[0]);
	ct_seq_free(&models[1]);
out:
	for (size_t i = 0; i < nex; i++) {
		ct_seq_input_free(&ex[i].in);
		free(ex[i].tags);
		free(ex[i].first);
	}
	free(ex);
	free_list(texts, ntext);
	free_list(anns, nann);
	free(text_dir);
	free(ann_dir);
	return rc;
}
