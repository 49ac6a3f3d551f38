/*
 * ctx.c — the context: settings and the lexicons the early stages need,
 * loaded once from the data directory and read-only afterwards.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "../read/html.h"

static const char *abbr_entry(void *arg, char **f, int nf, int line)
{
	(void)line;
	ct_table *t = arg;
	if (nf != 2)
		return "expected two tab-separated fields: abbreviation, class";
	int cls;
	if (!strcmp(f[1], "title"))
		cls = CT_ABBR_TITLE;
	else if (!strcmp(f[1], "place"))
		cls = CT_ABBR_PLACE;
	else if (!strcmp(f[1], "month"))
		cls = CT_ABBR_MONTH;
	else if (!strcmp(f[1], "other"))
		cls = CT_ABBR_OTHER;
	else
		return "unknown class (title, place, month or other)";
	size_t n = strlen(f[0]);
	if (n && f[0][n - 1] == '.')
		n--;
	if (!n)
		return "empty abbreviation";
	ct_table_put(t, f[0], n, cls);
	return NULL;
}

static const char *word_entry(void *arg, char **f, int nf, int line)
{
	(void)line;
	if (nf != 1 || !*f[0])
		return "expected one word a line";
	ct_table_put(arg, f[0], strlen(f[0]), 1);
	return NULL;
}

static const char *tagger_word_entry(void *arg, char **f, int nf, int line)
{
	(void)line;
	static const char *const classes[] = {"particle", "aux", "noun_next"};
	if (nf != 2 || !*f[0])
		return "expected two tab-separated fields: word, class";
	for (int c = 0; c < 3; c++)
		if (!strcmp(f[1], classes[c])) {
			int bits = 0;
			ct_table_get(arg, f[0], strlen(f[0]), &bits);
			ct_table_put(arg, f[0], strlen(f[0]), bits | 1 << c);
			return NULL;
		}
	return "unknown class (particle, aux or noun_next)";
}

static const char *phrase_entry(void *arg, char **f, int nf, int line)
{
	(void)line;
	ct_ctx *ctx = arg;
	if (nf != 1 || !*f[0])
		return "expected one phrase a line";
	ctx->boilerplate = ct_xrealloc(ctx->boilerplate, (ctx->nboilerplate + 1) * sizeof *ctx->boilerplate);
	char *p = ct_xstrdup(f[0]);
	for (char *q = p; *q; q++)
		*q = (char)(*q >= 'A' && *q <= 'Z' ? *q + 32 : *q);
	ctx->boilerplate[ctx->nboilerplate++] = p;
	unsigned c0 = (unsigned char)p[0];
	for (unsigned c1 = 0; c1 < 256; c1++) /* the second byte: any, for a phrase of one */
		if (!p[1] || c1 == (unsigned char)p[1])
			ctx->boilerplate_pair[(c0 << 8 | c1) >> 6] |= 1ULL << ((c0 << 8 | c1) & 63);
	return NULL;
}

static int cmp_phrase(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The phrases sorted, and where those of each first byte start, so that
 * a sentence's byte tries only the phrases that begin with it. */
static void index_boilerplate(ct_ctx *ctx)
{
	if (ctx->nboilerplate)
		qsort(ctx->boilerplate, ctx->nboilerplate, sizeof *ctx->boilerplate, cmp_phrase);
	for (size_t c = 0, k = 0; c <= 256; c++) {
		while (k < ctx->nboilerplate && (unsigned char)ctx->boilerplate[k][0] < c)
			k++;
		ctx->boilerplate_at[c] = (uint32_t)k;
	}
}

static int load(ct_ctx *ctx, const char *name, ct_lex_fn fn, void *t)
{
	char *path = ct_xasprintf("%s/%s", ctx->datadir, name);
	char *err = NULL;
	int rc = ct_lex_read(path, fn, t, &err);
	if (rc) {
		snprintf(ctx->err, sizeof ctx->err, "%s", err);
		free(err);
	}
	free(path);
	return rc ? CT_EDATA : 0;
}

int ct_ctx_new(ct_ctx **out, const char *datadir)
{
	ct_ctx *ctx = ct_xcalloc(1, sizeof *ctx);
	*out = ctx;
	ctx->datadir = ct_xstrdup(ct_datadir(datadir));
	ctx->max_article = (size_t)256 << 20;
	int rc = load(ctx, "abbreviations.txt", abbr_entry, &ctx->abbrevs);
	if (!rc)
		rc = load(ctx, "starters.txt", word_entry, &ctx->starters);
	if (!rc)
		rc = load(ctx, "function_words.txt", word_entry, &ctx->function_words);
	if (!rc)
		rc = load(ctx, "compound_heads.txt", word_entry, &ctx->compound_heads);
	if (!rc)
		rc = load(ctx, "tagger_words.txt", tagger_word_entry, &ctx->tagger_words);
	if (!rc)
		rc = load(ctx, "boilerplate.txt", phrase_entry, ctx);
	if (!rc)
		index_boilerplate(ctx);
	if (!rc)
		rc = load(ctx, "anaphors.txt", word_entry, &ctx->anaphors);
	if (!rc)
		rc = ct_html_names_load(ctx);
	if (!rc)
		rc = ct_lex_load(ctx);
	if (!rc)
		rc = ct_verbs_load(ctx);
	if (!rc) {
		/* The model is optional at load: training runs without one, and the
		 * attribute stage says what is missing when it is asked for. */
		char *path = ct_xasprintf("%s/attribution.model", ctx->datadir);
		FILE *f = fopen(path, "rb");
		if (f) {
			fclose(f);
			char err[256];
			if (ct_seq_load(ctx->attr_model, 4, path, err, sizeof err)) {
				snprintf(ctx->err, sizeof ctx->err, "%s", err);
				rc = CT_EDATA;
			}
		} else {
			ctx->attr_errno = errno ? errno : ENOENT;
		}
		free(path);
	}
	return rc;
}

int ct_ctx_check(ct_ctx *ctx, ct_stage until)
{
	if (until < CT_STAGE_ATTRIBUTE || ctx->attr_model[0].q)
		return 0;
	snprintf(ctx->err, sizeof ctx->err, "%s/attribution.model: cannot open the attribution model: %s (make attribution-model builds it)",
		 ctx->datadir, strerror(ctx->attr_errno ? ctx->attr_errno : ENOENT));
	return CT_EDATA;
}

void ct_ctx_free(ct_ctx *ctx)
{
	if (!ctx)
		return;
	ct_table_free(&ctx->abbrevs);
	ct_table_free(&ctx->starters);
	ct_table_free(&ctx->compound_heads);
	ct_table_free(&ctx->tagger_words);
	ct_table_free(&ctx->function_words);
	ct_table_free(&ctx->anaphors);
	for (size_t i = 0; i < ctx->nboilerplate; i++)
		free(ctx->boilerplate[i]);
	free(ctx->boilerplate);
	ct_html_names_free(ctx);
	ct_lex_free(&ctx->lex);
	ct_verbs_free(&ctx->verbs);
	for (int k = 0; k < 4; k++)
		ct_seq_free(&ctx->attr_model[k]);
	free(ctx->datadir);
	free(ctx);
}

const char *ct_ctx_error(const ct_ctx *ctx)
{
	return ctx->err;
}

void ct_ctx_set_max_article(ct_ctx *ctx, size_t bytes)
{
	ctx->max_article = bytes;
}
