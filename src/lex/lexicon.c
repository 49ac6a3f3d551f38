/*
 * lexicon.c — loading the lexicons of data/ and matching their phrases
 * (lexicon.h).
 */
#include "lexicon.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/doc.h"
#include "../core/uchar.h"

static const char *const cue_kinds[CT_CUE_NKINDS] = {"report",   "confirm", "deny",    "accuse",
						     "claim",    "question", "believe", "according"};
static const char *const actor_types[CT_ACTOR_NTYPES] = {"person", "government", "organization", "group",
							 "outlet", "country",    "unknown"};

const char *ct_cue_kind_name(ct_cue_kind k)
{
	return (unsigned)k < CT_CUE_NKINDS ? cue_kinds[k] : "?";
}

const char *ct_actor_type_name(ct_actor_type t)
{
	return (unsigned)t < CT_ACTOR_NTYPES ? actor_types[t] : "?";
}

/* Appends token `t` of `doc` to a phrase key. */
static void key_add(ct_buf *key, const ct_doc *doc, const ct_token *t, int lower)
{
	if (key->len)
		ct_buf_addc(key, ' ');
	const char *s = doc->text + t->off;
	for (uint32_t k = 0; k < t->len; k++)
		ct_buf_addc(key, lower ? (char)tolower((unsigned char)s[k]) : s[k]);
}

typedef struct {
	ct_ctx *ctx;
	ct_lexicon *lex;
	ct_buf key;
} loader;

/* Tokenizes `phrase` and adds it to `p` with value `val`. */
static const char *add_phrase(loader *ld, ct_phrases *p, const char *phrase, int lower, int val)
{
	ct_doc *doc = ct_doc_new(NULL, phrase, strlen(phrase));
	ct_doc_run(ld->ctx, doc, CT_STAGE_SEGMENT);
	ct_buf_clear(&ld->key);
	for (size_t i = 0; i < doc->ntok; i++)
		key_add(&ld->key, doc, &doc->toks[i], lower);
	const char *why = doc->ntok ? ct_phrases_add(ld->lex, p, ld->key.data, ld->key.len, val) : "an empty phrase";
	ct_doc_free(doc);
	return why;
}

const char *ct_phrases_add(ct_lexicon *lex, ct_phrases *p, const char *text, size_t len, int val)
{
	uint32_t seq[CT_PHRASE_MAXLEN];
	size_t n = 0;
	for (size_t a = 0, b; a <= len; a = b + 1) {
		for (b = a; b < len && text[b] != ' '; b++)
			;
		if (n == CT_PHRASE_MAXLEN)
			return "a phrase of more than 32 words";
		int id;
		if (!ct_table_get(&lex->words, text + a, b - a, &id)) {
			id = (int)lex->words.n;
			ct_table_put(&lex->words, text + a, b - a, id);
			if (b - a > lex->word_maxlen)
				lex->word_maxlen = b - a;
			uint32_t h = CT_HASH_INIT;
			for (size_t k = a; k < b; k++)
				h = ct_hash_byte(h, (unsigned char)text[k]);
			h %= CT_WORD_BITS;
			lex->word_bits[h / 64] |= (uint64_t)1 << (h % 64);
		}
		seq[n++] = (uint32_t)id;
		/* A prefix keeps the value it has (it may be a phrase itself). */
		if (n > 1 && !ct_table_get(&p->seqs, (const char *)seq, n * sizeof *seq, NULL))
			ct_table_put(&p->seqs, (const char *)seq, n * sizeof *seq, -1);
	}
	ct_table_put(&p->phrases, text, len, val);
	while (p->nfirst <= seq[0]) {
		ct_grow((void **)&p->first, &p->first_cap, p->nfirst + 1, sizeof *p->first);
		p->first[p->nfirst++] = (ct_phrase_first){-1, 0, 0};
	}
	ct_phrase_first *f = &p->first[seq[0]];
	f->starts = 1;
	if (n == 1) {
		f->alone = val;
	} else {
		f->longer = 1;
		ct_table_put(&p->seqs, (const char *)seq, n * sizeof *seq, val);
	}
	if (n > p->maxlen)
		p->maxlen = n;
	return NULL;
}

static const char *cue_entry(void *arg, char **f, int nf, int line)
{
	(void)line;
	loader *ld = arg;
	ct_lexicon *lex = ld->lex;
	if (nf != 3)
		return "expected LEMMA, KIND and FORMS separated by tabs";
	int kind = -1;
	for (int k = 0; k < CT_CUE_NKINDS; k++)
		if (!strcmp(f[1], cue_kinds[k]))
			kind = k;
	if (kind < 0)
		return "unknown cue kind (report, confirm, deny, accuse, claim, question, believe, according)";
	ct_grow((void **)&lex->cues, &lex->cue_cap, lex->ncue + 1, sizeof *lex->cues);
	int idx = (int)lex->ncue++;
	lex->cues[idx] = (ct_lex_cue){ct_xstrdup(f[0]), (ct_cue_kind)kind};
	char *save;
	for (char *form = strtok_r(f[2], " ", &save); form; form = strtok_r(NULL, " ", &save)) {
		for (char *u = form; *u; u++)
			if (*u == '_')
				*u = ' ';
		const char *why = add_phrase(ld, &lex->cue_forms, form, 1, idx);
		if (why)
			return why;
	}
	return NULL;
}

/* Indexes the last word of a person's name, for "Kerry" alone. */
static void add_surname(ct_lexicon *lex, const char *name, int idx)
{
	const char *sp = strrchr(name, ' ');
	if (!sp)
		return;
	const char *last = sp + 1;
	size_t n = strlen(last);
	int old;
	if (ct_table_get(&lex->surnames, last, n, &old) && old != idx)
		idx = -1;
	ct_table_put(&lex->surnames, last, n, idx);
}

/* 1 when a piece of the '|'-separated list s is blank: strtok_r would
 * pass over it without a word, and a typo would go unseen. */
static int blank_piece(const char *s)
{
	for (;;) {
		size_t n = strcspn(s, "|");
		if (strspn(s, " ") >= n)
			return 1;
		if (!s[n])
			return 0;
		s += n + 1;
	}
}

static const char *actor_entry(void *arg, char **f, int nf, int line)
{
	(void)line;
	loader *ld = arg;
	ct_lexicon *lex = ld->lex;
	if (nf != 5)
		return "expected NAME, TYPE, COUNTRY, ALIASES and ROLES separated by tabs";
	int type = -1;
	for (int k = 0; k < CT_ACTOR_NTYPES; k++)
		if (!strcmp(f[1], actor_types[k]))
			type = k;
	if (type < 0 || type == CT_ACTOR_UNKNOWN)
		return "unknown actor type (person, government, organization, group, outlet, country)";
	if (strcmp(f[2], "-") && strlen(f[2]) != 3)
		return "the country is an ISO 3166 alpha-3 code or -";
	for (int k = 3; k <= 4; k++)
		if (blank_piece(f[k]))
			return k == 3 ? "an empty alias (ALIASES are '|'-separated names, or -)"
				      : "an empty role (ROLES are '|'-separated phrases, or -)";
	ct_grow((void **)&lex->actors, &lex->actor_cap, lex->nactor + 1, sizeof *lex->actors);
	int idx = (int)lex->nactor++;
	ct_lex_actor *a = &lex->actors[idx];
	*a = (ct_lex_actor){ct_xstrdup(f[0]), (ct_actor_type)type, "", strcmp(f[4], "-") ? ct_xstrdup(f[4]) : NULL};
	if (strcmp(f[2], "-"))
		memcpy(a->country, f[2], 4);
	const char *why = add_phrase(ld, &lex->aliases, f[0], 0, idx);
	if (type == CT_ACTOR_PERSON)
		add_surname(lex, f[0], idx);
	if (why || !strcmp(f[3], "-"))
		return why;
	char *save;
	for (char *alias = strtok_r(f[3], "|", &save); alias; alias = strtok_r(NULL, "|", &save)) {
		if ((why = add_phrase(ld, &lex->aliases, alias, 0, idx)))
			return why;
		if (type == CT_ACTOR_PERSON)
			add_surname(lex, alias, idx);
	}
	return NULL;
}

static const char *role_entry(void *arg, char **f, int nf, int line)
{
	(void)line;
	loader *ld = arg;
	if (nf != 2 || (strcmp(f[1], "person") && strcmp(f[1], "group")))
		return "expected ROLE and TYPE (person or group) separated by a tab";
	return add_phrase(ld, &ld->lex->roles, f[0], 1, strcmp(f[1], "person") ? 2 : 1);
}

static const char *channel_entry(void *arg, char **f, int nf, int line)
{
	(void)line;
	loader *ld = arg;
	ct_lexicon *lex = ld->lex;
	if (nf != 2)
		return "expected PHRASE and CHANNEL separated by a tab";
	size_t idx;
	for (idx = 0; idx < lex->nchannel; idx++)
		if (!strcmp(lex->channel_names[idx], f[1]))
			break;
	if (idx == lex->nchannel) {
		ct_grow((void **)&lex->channel_names, &lex->channel_cap, lex->nchannel + 1, sizeof *lex->channel_names);
		lex->channel_names[lex->nchannel++] = ct_xstrdup(f[1]);
	}
	return add_phrase(ld, &lex->channels, f[0], 1, (int)idx);
}

int ct_lex_load(ct_ctx *ctx)
{
	static const struct {
		const char *file;
		ct_lex_fn fn;
	} files[] = {{"cues.txt", cue_entry},
		     {"actors.txt", actor_entry},
		     {"roles.txt", role_entry},
		     {"channels.txt", channel_entry}};
	loader ld = {ctx, &ctx->lex, {0}};
	int rc = 0;
	for (size_t i = 0; i < sizeof files / sizeof *files && !rc; i++) {
		char *path = ct_xasprintf("%s/%s", ctx->datadir, files[i].file);
		char *err = NULL;
		if (ct_lex_read(path, files[i].fn, &ld, &err)) {
			snprintf(ctx->err, sizeof ctx->err, "%s", err);
			free(err);
			rc = CT_EDATA;
		}
		free(path);
	}
	ct_buf_free(&ld.key);
	/* Personal pronouns: a closed class, so a list here rather than a file;
	 * as words of the vocabulary, a token's kind is one array read. */
	static const struct {
		const char *w;
		int kind;
	} prons[] = {{"he", 1},   {"she", 1},  {"him", 1}, {"her", 1}, {"i", 1}, {"me", 1},
		     {"they", 2}, {"them", 2}, {"we", 2},  {"us", 2},  {"it", 3}};
	for (size_t i = 0; i < sizeof prons / sizeof *prons && !rc; i++)
		ct_phrases_add(&ctx->lex, &ctx->lex.pronouns, prons[i].w, strlen(prons[i].w), prons[i].kind);
	return rc;
}

void ct_phrases_free(ct_phrases *p)
{
	ct_table_free(&p->phrases);
	ct_table_free(&p->seqs);
	free(p->first);
	p->first = NULL;
	p->nfirst = p->first_cap = 0;
	p->maxlen = 0;
}

void ct_lex_free(ct_lexicon *lex)
{
	for (size_t i = 0; i < lex->ncue; i++)
		free(lex->cues[i].lemma);
	for (size_t i = 0; i < lex->nactor; i++) {
		free(lex->actors[i].name);
		free(lex->actors[i].roles);
	}
	for (size_t i = 0; i < lex->nchannel; i++)
		free(lex->channel_names[i]);
	free(lex->cues);
	free(lex->actors);
	free(lex->channel_names);
	ct_table_free(&lex->words);
	ct_phrases_free(&lex->cue_forms);
	ct_phrases_free(&lex->aliases);
	ct_table_free(&lex->surnames);
	ct_phrases_free(&lex->roles);
	ct_phrases_free(&lex->channels);
	ct_phrases_free(&lex->pronouns);
	memset(lex, 0, sizeof *lex);
}

/* Word `key`'s id, or -1; h is its hash. */
static int word_id(const ct_lexicon *lex, const char *key, size_t len, uint32_t h)
{
	int id = -1;
	uint32_t bit = h % CT_WORD_BITS;
	if (lex->word_bits[bit / 64] >> (bit % 64) & 1)
		ct_table_get_hashed(&lex->words, key, len, h, &id);
	return id;
}

void ct_lex_words(const ct_lexicon *lex, ct_doc *doc)
{
	char low[256];
	free(doc->tok_word);
	doc->tok_word = ct_xmalloc((doc->ntok ? doc->ntok : 1) * 2 * sizeof *doc->tok_word);
	for (size_t i = 0; i < doc->ntok; i++) {
		const ct_token *t = &doc->toks[i];
		const char *s = doc->text + t->off;
		int exact = -1, lower = -1;
		if (t->len <= lex->word_maxlen && t->len <= sizeof low) {
			/* one pass: the lowercase copy and both hashes */
			uint32_t h = CT_HASH_INIT, hl = CT_HASH_INIT;
			int upper = 0;
			for (uint32_t k = 0; k < t->len; k++) {
				low[k] = ct_ascii_lower(s[k]);
				upper |= low[k] != s[k];
				h = ct_hash_byte(h, (unsigned char)s[k]);
				hl = ct_hash_byte(hl, (unsigned char)low[k]);
			}
			exact = word_id(lex, s, t->len, h);
			lower = upper ? word_id(lex, low, t->len, hl) : exact;
		}
		doc->tok_word[2 * i] = exact;
		doc->tok_word[2 * i + 1] = lower;
	}
}

/* The longest phrase of two words or more from token i, else `best`
 * (the first word alone). Out of line, so that ct_lex_match's early
 * returns (most calls) save no registers. */
static __attribute__((noinline)) size_t match_longer(const ct_phrases *p, const ct_doc *doc, size_t i, size_t end,
						     int lower, size_t best, int *val)
{
	uint32_t seq[CT_PHRASE_MAXLEN];
	seq[0] = (uint32_t)doc->tok_word[2 * i + lower];
	for (size_t n = 2; n <= p->maxlen && i + n <= end; n++) {
		int32_t w = doc->tok_word[2 * (i + n - 1) + lower];
		int v;
		if (w < 0)
			return best;
		seq[n - 1] = (uint32_t)w;
		if (!ct_table_get(&p->seqs, (const char *)seq, n * sizeof *seq, &v))
			return best; /* no phrase goes on like this */
		if (v >= 0) {
			best = n;
			*val = v;
		}
	}
	return best;
}

size_t ct_lex_match(const ct_phrases *p, const ct_doc *doc, size_t i, size_t end, int lower, int *val)
{
	if (i >= end)
		return 0;
	lower = lower != 0;
	int32_t w0 = doc->tok_word[2 * i + lower];
	if (!ct_phrases_start(p, w0))
		return 0; /* most tokens */
	const ct_phrase_first *f = &p->first[w0];
	size_t best = 0;
	if (f->alone >= 0) {
		best = 1;
		*val = f->alone;
	}
	return f->longer ? match_longer(p, doc, i, end, lower, best, val) : best;
}
