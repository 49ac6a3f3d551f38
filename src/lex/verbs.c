/*
 * verbs.c — loading the code stage's lexicons: CAMEO verb patterns,
 * polarity and modality words, demonyms. Each phrase is stored lowercase,
 * its words joined by single spaces (ct_phrases_add), for ct_lex_match().
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/doc.h"

static const char *const class_names[CT_VC_NCLASSES] = {
	"statement", "propose", "consult", "cooperate", "aid", "yield", "investigate",
	"demand", "disapprove", "reject", "threaten", "protest", "posture", "reduce",
	"coerce", "assault", "fight", "massviolence"};

const char *ct_verb_class_name(ct_verb_class c)
{
	return (unsigned)c < CT_VC_NCLASSES ? class_names[c] : "?";
}

/* Adds `form` ('_' between words) to `p` with value `val`; NULL or why not. */
static const char *add_phrase(ct_ctx *ctx, ct_phrases *p, const char *form, int val)
{
	char key[256];
	size_t n = 0;
	for (const char *s = form; *s && n + 1 < sizeof key; s++)
		key[n++] = *s == '_' ? ' ' : (char)tolower((unsigned char)*s);
	return ct_phrases_add(&ctx->lex, p, key, n, val);
}

static const char *verb_entry(void *arg, char **f, int nf, int line)
{
	(void)line;
	ct_ctx *ctx = arg;
	ct_verbs *v = &ctx->verbs;
	if (nf != 4)
		return "expected CODE, CLASS, LABEL and FORMS separated by tabs";
	char *end;
	long code = strtol(f[0], &end, 10);
	if (*end || code < 10 || code > 2099 || strlen(f[0]) < 3)
		return "the CAMEO code is three or four digits (010 to 2099)";
	int cls = -1, sym = 0;
	char *c = f[1];
	size_t cn = strlen(c);
	if (cn > 1 && c[cn - 1] == '*') {
		sym = 1;
		c[cn - 1] = 0;
	}
	for (int k = 0; k < CT_VC_NCLASSES; k++)
		if (!strcmp(c, class_names[k]))
			cls = k;
	if (cls < 0)
		return "unknown class (see the list at the top of verbs.txt)";
	ct_grow((void **)&v->verbs, &v->verb_cap, v->nverb + 1, sizeof *v->verbs);
	int idx = (int)v->nverb++;
	ct_verb *vb = &v->verbs[idx];
	vb->cameo = (uint16_t)code;
	vb->cls = (uint8_t)cls;
	vb->symmetric = (uint8_t)sym;
	vb->label = ct_xstrdup(f[2]);
	vb->lemma = NULL;
	char *save;
	for (char *form = strtok_r(f[3], " ", &save); form; form = strtok_r(NULL, " ", &save)) {
		if (!vb->lemma)
			vb->lemma = ct_xstrdup(form);
		const char *why = add_phrase(ctx, &v->verb_forms, form, idx);
		if (why)
			return why;
	}
	if (!vb->lemma)
		return "no forms";
	return NULL;
}

static const char *polarity_entry(void *arg, char **f, int nf, int line)
{
	(void)line;
	static const char *const kinds[] = {"", "neg", "false", "deny", "doubt", "future", "possible", "never",
					    "clause", "locative", "speaker", "condition", "correct", "scalar", "topic",
					    "idiom", "namejoin"};
	ct_ctx *ctx = arg;
	if (nf != 2)
		return "expected KIND and FORMS separated by a tab";
	int kind = -1;
	for (int k = 1; k < (int)(sizeof kinds / sizeof *kinds); k++)
		if (!strcmp(f[0], kinds[k]))
			kind = k;
	if (kind < 0)
		return "unknown kind (neg, false, deny, doubt, future, possible, never, clause, locative, speaker, "
		       "condition, correct, scalar, topic, idiom, namejoin)";
	char *save;
	for (char *form = strtok_r(f[1], " ", &save); form; form = strtok_r(NULL, " ", &save)) {
		const char *why = add_phrase(ctx, &ctx->verbs.polarity, form, kind);
		if (why)
			return why;
	}
	return NULL;
}

static const char *demonym_entry(void *arg, char **f, int nf, int line)
{
	(void)line;
	ct_verbs *v = &((ct_ctx *)arg)->verbs;
	if (nf != 2 || strlen(f[0]) != 3)
		return "expected COUNTRY (ISO alpha-3) and FORMS separated by a tab";
	ct_grow((void **)&v->countries, &v->country_cap, v->ncountry + 1, sizeof *v->countries);
	int idx = (int)v->ncountry++;
	memcpy(v->countries[idx], f[0], 4);
	char *save;
	for (char *form = strtok_r(f[1], " ", &save); form; form = strtok_r(NULL, " ", &save)) {
		unsigned char c = (unsigned char)form[0];
		v->demonym_first[c / 64] |= (uint64_t)1 << (c % 64);
		ct_table_put(&v->demonyms, form, strlen(form), idx);
	}
	return NULL;
}

int ct_verbs_load(ct_ctx *ctx)
{
	static const struct {
		const char *file;
		ct_lex_fn fn;
	} files[] = {{"verbs.txt", verb_entry}, {"polarity.txt", polarity_entry}, {"demonyms.txt", demonym_entry}};
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		char *path = ct_xasprintf("%s/%s", ctx->datadir, files[i].file);
		char *err = NULL;
		int rc = ct_lex_read(path, files[i].fn, ctx, &err);
		free(path);
		if (rc) {
			snprintf(ctx->err, sizeof ctx->err, "%s", err);
			free(err);
			return CT_EDATA;
		}
	}
	return 0;
}

void ct_verbs_free(ct_verbs *v)
{
	for (size_t i = 0; i < v->nverb; i++) {
		free(v->verbs[i].lemma);
		free(v->verbs[i].label);
	}
	free(v->verbs);
	free(v->countries);
	ct_phrases_free(&v->verb_forms);
	ct_phrases_free(&v->polarity);
	ct_table_free(&v->demonyms);
	memset(v, 0, sizeof *v);
}

const char *ct_verbs_demonym(const ct_verbs *v, const char *s, size_t n)
{
	int idx;
	unsigned char c = n ? (unsigned char)s[0] : 0;
	if (!(v->demonym_first[c / 64] >> (c % 64) & 1) || !ct_table_get(&v->demonyms, s, n, &idx))
		return NULL;
	return v->countries[idx];
}
