/*
 * story.c — from coded articles to the story map: parts, entities across
 * articles, and the order of the build's steps.
 *
 * Method.
 *  - Parts: each article keeps only its metadata, its entities (with the
 *    surface forms seen), its statements (every clause the code stage
 *    coded, with the content terms claims.c groups them by) and the
 *    sentences they come from, and its words as stance tokens; the
 *    document itself can then be freed.
 *  - Entities across articles: a lexicon actor is one entity wherever it
 *    appears (Khamenei under every alias); other names meet by their
 *    lowercased form through a hash table; a person name that matches none
 *    is compared with the persons that share its first name (or, for a
 *    single word, the initial of the surname) — a hash bucket, so the cost
 *    does not grow with the story — and joins one whose surname is within
 *    one edit, a transposition counting as one (Paski → Psaki).
 *  - The build: claims from what the statements say (claims.c), then the
 *    stances toward them, conflicts, outlets and the timeline (sides.c).
 */
#include "story.h"

#include <ctype.h>
#include <utf8proc.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/uchar.h"
#include "../extract/resolve.h"

static const char *const stance_names[CT_ST_NKINDS] = {"asserts", "denies", "questions", "reports"};

const char *ct_story_stance_name(int stance)
{
	return (unsigned)stance < CT_ST_NKINDS ? stance_names[stance] : "?";
}

/* ---- parts ----------------------------------------------------------- */
static char *span_dup(const ct_doc *doc, uint32_t tok, uint32_t ntok)
{
	if (!ntok)
		return ct_xstrdup("");
	const ct_token *a = &doc->toks[tok], *b = &doc->toks[tok + ntok - 1];
	return ct_xstrndup(doc->text + a->off, b->off + b->len - a->off);
}

static void fact_copy(ct_part_fact *out, const ct_fact *f)
{
	out->ent = f->ent;
	memcpy(out->cc, f->cc, 4);
}

/* Is byte c part of a word (for phrase boundaries)? */
static int wordish(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/*
 * Page furniture, a caption or a credit, not a statement: tokens
 * [tok, tok + ntok) of the document hold a phrase of data/boilerplate.txt
 * ("Picture:", "/ Reuters", "Join the conversation"), or look like code
 * that leaked into the body (braces, "function(", "var "), or are a
 * dateline, a date marker or a byline: fewer than three words, or at most
 * six all capitalized or numbers ("KAMARI, March 11 -", "By JOHN SMITH").
 * The title is none of these, however short.
 *
 * furniture_phrase answers the first two (a phrase, or code), which hold
 * for a title too; furniture_short the rest. A clause is furniture by its
 * shape alone (a dateline of its own, which no phrase made furniture), so
 * the cheap test of its shape comes first and most clauses are never
 * scanned for phrases.
 */
static int furniture_phrase(const ct_ctx *ctx, const ct_doc *doc, uint32_t tok, uint32_t ntok, char low[512])
{
	const ct_token *a = &doc->toks[tok], *z = &doc->toks[tok + ntok - 1];
	const char *s = doc->text + a->off;
	size_t n = z->off + z->len - a->off;
	size_t m = n < 511 ? n : 511;
	for (size_t i = 0; i < m; i++)
		low[i] = ct_ascii_lower(s[i]);
	low[m] = 0;
	/* one pass over the sentence; a phrase is tried where its first two
	 * bytes are (low[m] is 0: the pair at the last byte is a pair too) */
	for (size_t i = 0; i < m; i++) {
		unsigned c = (unsigned char)low[i], pair = c << 8 | (unsigned char)low[i + 1];
		if (!(ctx->boilerplate_pair[pair >> 6] >> (pair & 63) & 1))
			continue;
		/* a phrase that opens with a word's byte starts at a word's start */
		if (i > 0 && wordish((unsigned char)c) && wordish((unsigned char)low[i - 1]))
			continue;
		for (size_t k = ctx->boilerplate_at[c]; k < ctx->boilerplate_at[c + 1]; k++) {
			const char *ph = ctx->boilerplate[k];
			size_t pl = strlen(ph);
			if (i + pl > m || memcmp(low + i, ph, pl))
				continue;
			int before = i == 0 || !wordish((unsigned char)low[i - 1]) || !wordish((unsigned char)ph[0]);
			int after = !wordish((unsigned char)low[i + pl]) || !wordish((unsigned char)ph[pl - 1]);
			if (before && after)
				return 1;
		}
	}
	return strchr(low, '{') || strchr(low, '}') || strstr(low, "function(") || strstr(low, "var ") ||
	       strstr(low, "=>");
}

static int furniture_short(const ct_doc *doc, uint32_t tok, uint32_t ntok)
{
	const ct_token *a = &doc->toks[tok], *z = &doc->toks[tok + ntok - 1];
	const char *s = doc->text + a->off;
	if (z->off + z->len - a->off > 5 && !strncasecmp(s, "date ", 5) && s[5] >= '0' && s[5] <= '9')
		return 1;
	size_t words = 0, caps = 0;
	for (uint32_t t = tok; t < tok + ntok; t++) {
		const ct_token *k = &doc->toks[t];
		if (k->type == CT_TOK_NUMBER) {
			words++;
			caps++;
		} else if (k->type == CT_TOK_WORD) {
			words++;
			caps += ct_ascii_is_upper(doc->text[k->off]);
		}
	}
	return words < 3 || (words <= 6 && caps == words);
}

static int furniture(const ct_ctx *ctx, const ct_doc *doc, uint32_t tok, uint32_t ntok, int is_title)
{
	if (!ntok)
		return 1;
	char low[512];
	if (furniture_phrase(ctx, doc, tok, ntok, low))
		return 1;
	return !is_title && furniture_short(doc, tok, ntok);
}

/* A clause that is furniture by its shape alone: a dateline of its own
 * ("furniture as a sentence, not as a title"). */
static int furniture_clause(const ct_ctx *ctx, const ct_doc *doc, uint32_t tok, uint32_t ntok)
{
	char low[512];
	return ntok && furniture_short(doc, tok, ntok) && !furniture_phrase(ctx, doc, tok, ntok, low);
}

ct_story_part *ct_story_part_new(const ct_ctx *ctx, const ct_doc *doc)
{
	return ct_story_part_make(ctx, doc, 1);
}

ct_story_part *ct_story_part_make(const ct_ctx *ctx, const ct_doc *doc, int stance_tokens)
{
	if (!doc || doc->stage < CT_STAGE_CODE)
		return NULL;
	ct_story_part *p = ct_xcalloc(1, sizeof *p);
	/* what the map shows of an article (its path and author it does not:
	 * a million articles from one file need not keep its name a million times) */
	for (int k = 0; k < CT_META_COUNT; k++)
		p->meta[k] = doc->meta[k] && k != CT_META_PATH && k != CT_META_AUTHOR ? ct_xstrdup(doc->meta[k]) : NULL;
	p->outlet_from = doc->outlet_from == 1 ? CT_OUTLET_TEXT : doc->outlet_from == 2 ? CT_OUTLET_URL : CT_OUTLET_INPUT;
	const char *pub = doc->meta[CT_META_PUBLISHED];
	ct_date d;
	if (pub && ct_date_parse(pub, strlen(pub), &d) && d.y)
		p->published = (ct_when){(int16_t)d.y, (int8_t)d.m, (int8_t)d.d, 1, 0, 0};

	/* entities, with their surface forms */
	p->nent = (uint32_t)doc->nent;
	p->ents = doc->nent ? ct_xcalloc(doc->nent, sizeof *p->ents) : NULL; /* most articles of a large input name no one */
	size_t *alias_cap = ct_xcalloc(doc->nent + 1, sizeof *alias_cap);
	for (size_t e = 0; e < doc->nent; e++) {
		const ct_ent *de = &doc->ents[e];
		p->ents[e] = (ct_part_ent){ct_xstrdup(de->name), de->type, "", de->actor, NULL, 0, -1,
					   doc->ent_aff ? doc->ent_aff[e] : -1, 0};
		memcpy(p->ents[e].cc, de->country, 4);
	}
	int32_t *tok_ment = ct_xmalloc((doc->ntok + 1) * sizeof *tok_ment);
	for (size_t i = 0; i < doc->ntok; i++)
		tok_ment[i] = -1;
	for (size_t m = 0; m < doc->nment; m++) {
		const ct_mention *mt = &doc->ments[m];
		if (mt->entity < 0 || (mt->kind != CT_M_ACTOR && mt->kind != CT_M_NAME))
			continue;
		for (uint32_t k = mt->tok; k < mt->tok + mt->ntok && k < doc->ntok; k++)
			if (tok_ment[k] < 0)
				tok_ment[k] = (int32_t)m;
		ct_part_ent *pe = &p->ents[mt->entity];
		const ct_token *a = &doc->toks[mt->tok], *b = &doc->toks[mt->tok + mt->ntok - 1];
		size_t n = b->off + b->len - a->off;
		const char *s = doc->text + a->off;
		int seen = strlen(pe->name) == n && !memcmp(pe->name, s, n);
		for (size_t k = 0; k < pe->nalias && !seen; k++)
			seen = strlen(pe->aliases[k]) == n && !memcmp(pe->aliases[k], s, n);
		if (seen || pe->nalias >= 16)
			continue;
		ct_grow((void **)&pe->aliases, &alias_cap[mt->entity], pe->nalias + 1, sizeof *pe->aliases);
		pe->aliases[pe->nalias++] = ct_xstrndup(s, n);
	}
	free(alias_cap);

	/* the sentences that carry a statement or a date */
	int32_t *sent_map = ct_xmalloc((doc->nsent + 1) * sizeof *sent_map);
	for (size_t s = 0; s < doc->nsent; s++)
		sent_map[s] = -1;
	const char *title = doc->meta[CT_META_TITLE];
	uint32_t lead_para = UINT32_MAX;
	for (size_t s = 0; s < doc->nsent && lead_para == UINT32_MAX; s++) {
		/* the first paragraph of content: one with a sentence of 12 tokens or more */
		const ct_sentence *se = &doc->sents[s];
		if (se->ntok >= 12)
			lead_para = se->para;
	}
	/* the lead of statements: the title and the first three sentences of
	 * content (eight tokens or more), where a story states its claim */
	uint8_t *lead = ct_xcalloc(doc->nsent + 1, 1);
	for (size_t s = 0, content = 0; s < doc->nsent; s++) {
		const ct_sentence *se = &doc->sents[s];
		int is_title = title && strlen(title) == se->len && !memcmp(title, doc->text + se->off, se->len);
		if (is_title || (content < 3 && se->ntok >= 8))
			lead[s] = 1;
		content += !is_title && se->ntok >= 8;
	}
	uint8_t *noise = ct_xcalloc(doc->nsent + 1, 1);
	for (size_t s = 0; s < doc->nsent; s++) {
		const ct_sentence *se = &doc->sents[s];
		int is_title = title && strlen(title) == se->len && !memcmp(title, doc->text + se->off, se->len);
		noise[s] = (uint8_t)furniture(ctx, doc, se->tok, se->ntok, is_title);
	}
	/* an entity named only in captions and credits (a photo agency, a
	 * photographer) is no entity of the story */
	for (size_t e = 0; e < p->nent; e++)
		p->ents[e].caption_only = 1;
	for (size_t m = 0, s = 0; m < doc->nment; m++) {
		const ct_mention *mt = &doc->ments[m];
		while (s + 1 < doc->nsent && doc->sents[s + 1].tok <= mt->tok)
			s++;
		if (mt->entity >= 0 && (size_t)mt->entity < p->nent && !noise[s])
			p->ents[mt->entity].caption_only = 0;
	}
	uint8_t *want = ct_xcalloc(doc->nsent + 1, 1);
	size_t sent_cap = 0, stmt_cap = 0;
	for (size_t f = 0; f < doc->nframe; f++)
		want[doc->frames[f].sent] = 1;
	for (size_t s = 0; s < doc->nsent; s++) {
		if (doc->sent_when && doc->sent_when[s].prec)
			want[s] = 1;
		if (!want[s])
			continue;
		const ct_sentence *se = &doc->sents[s];
		ct_grow((void **)&p->sents, &sent_cap, p->nsent + 1, sizeof *p->sents);
		ct_part_sent *ps = &p->sents[p->nsent];
		ps->index = (uint32_t)s;
		ps->para = se->para;
		ps->off = se->off;
		ps->text = ct_xstrndup(doc->text + se->off, se->len);
		ps->when = doc->sent_when ? doc->sent_when[s] : (ct_when){0};
		ps->lead = se->para == lead_para || (title && strlen(title) == se->len && !memcmp(title, doc->text + se->off, se->len));
		sent_map[s] = (int32_t)p->nsent++;
	}
	free(want);

	/* the text's sketch, for wire reprints, while the worker has it */
	p->reprint_of = -1;
	ct_sketch sk;
	ct_sketch_make(&sk, doc->text ? doc->text : "", doc->text ? doc->text_len : 0);
	if (sk.nshingle) { /* a short record has none: 520 bytes saved a part */
		p->sketch = ct_xmalloc(sizeof *p->sketch);
		*p->sketch = sk;
	}

	/* the whole text as stance tokens, while the worker has it */
	size_t tcap = 0;
	if (stance_tokens)
		p->nstance = (uint32_t)ct_stance_tokenize(doc->text ? doc->text : "", &p->stance_tok, &tcap, NULL);

	for (size_t f = 0; f < doc->nframe; f++) {
		const ct_frame *fr = &doc->frames[f];
		ct_grow((void **)&p->stmts, &stmt_cap, p->nstmt + 1, sizeof *p->stmts);
		ct_part_stmt *ps = &p->stmts[p->nstmt++];
		memset(ps, 0, sizeof *ps);
		ps->speaker = fr->speaker;
		ps->speaker_name = fr->speaker < 0 && fr->spk_ntok ? span_dup(doc, fr->spk_tok, fr->spk_ntok) : NULL;
		memcpy(ps->spk_cc, fr->spk_cc, 4);
		fact_copy(&ps->src, &fr->src);
		fact_copy(&ps->tgt, &fr->tgt);
		ps->topic = fr->topic;
		ps->verb = fr->verb;
		ps->topic_verb = fr->topic_verb;
		ps->cameo = fr->cameo;
		ps->proposal = fr->proposal;
		ps->refused = fr->refused;
		ps->guessed = fr->guessed;
		ps->stance = fr->stance;
		ps->modality = fr->modality;
		ps->polarity = fr->polarity;
		ps->own = fr->att < 0;
		ps->cue_kind = fr->cue_lex >= 0 ? (int8_t)ctx->lex.cues[fr->cue_lex].kind : -1;
		ps->cue_lex = fr->cue_lex;
		ps->cue_neg = fr->cue_neg;
		ps->channel = fr->channel;
		ps->when = fr->when;
		ps->sent = (uint32_t)sent_map[fr->sent];
		ps->lead = lead[fr->sent];
		/* a caption or furniture, or a clause that is a dateline of its own */
		ps->noise = noise[fr->sent] || furniture_clause(ctx, doc, fr->tok, fr->ntok);
		const ct_sentence *se = &doc->sents[fr->sent];
		if (fr->ntok) {
			uint32_t a = doc->toks[fr->tok].off, b = doc->toks[fr->tok + fr->ntok - 1].off + doc->toks[fr->tok + fr->ntok - 1].len;
			if (a >= se->off && b <= se->off + se->len) {
				ps->clause_off = a - se->off;
				ps->clause_len = b - a;
			}
		}
		ct_claims_terms(ctx, doc, tok_ment, fr, p, ps);
	}
	free(lead);
	free(noise);
	free(tok_ment);
	free(sent_map);
	/* kept until the story is built: no room to spare */
	if (p->nsent < sent_cap)
		p->sents = ct_xrealloc(p->sents, p->nsent * sizeof *p->sents);
	if (p->nstmt < stmt_cap)
		p->stmts = ct_xrealloc(p->stmts, p->nstmt * sizeof *p->stmts);
	return p;
}

void ct_story_part_free(ct_story_part *p)
{
	if (!p)
		return;
	for (int k = 0; k < CT_META_COUNT; k++)
		free(p->meta[k]);
	for (size_t e = 0; e < p->nent; e++) {
		free(p->ents[e].name);
		for (size_t k = 0; k < p->ents[e].nalias; k++)
			free(p->ents[e].aliases[k]);
		free(p->ents[e].aliases);
	}
	free(p->ents);
	for (size_t i = 0; i < p->nstmt; i++)
		free(p->stmts[i].speaker_name);
	free(p->stmts);
	for (size_t i = 0; i < p->nsent; i++)
		free(p->sents[i].text);
	free(p->sents);
	free(p->term_keys);
	free(p->terms);
	free(p->stance_tok);
	free(p->stance_ids);
	free(p->sketch);
	free(p);
}

/* ---- the story ------------------------------------------------------- */
static void person_bucket(ct_buf *b, const char *name, const char **last);
static int within_one(const char *a, size_t n, const char *b, size_t m);

ct_story *ct_story_new(const ct_ctx *ctx)
{
	ct_story *st = ct_xcalloc(1, sizeof *st);
	st->ctx = ctx;
	/* the lexicon's persons by bucket, so that a misspelt name meets its
	 * actor even when the actor has not been seen yet */
	const ct_lexicon *lex = &ctx->lex;
	st->lex_next = ct_xmalloc((lex->nactor + 1) * sizeof *st->lex_next);
	ct_buf key = {0};
	for (size_t a = 0; a < lex->nactor; a++) {
		st->lex_next[a] = -1;
		if (lex->actors[a].type != CT_ACTOR_PERSON || !strchr(lex->actors[a].name, ' '))
			continue;
		const char *last;
		person_bucket(&key, lex->actors[a].name, &last);
		int head = -1;
		ct_table_get(&st->lex_first, key.data, key.len, &head);
		st->lex_next[a] = head;
		ct_table_put(&st->lex_first, key.data, key.len, (int)a);
	}
	ct_buf_free(&key);
	return st;
}

void ct_story_free(ct_story *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < st->npart; i++)
		ct_story_part_free(st->parts[i]);
	free(st->parts);
	for (size_t i = 0; i < st->nent; i++) {
		free(st->ents[i].name);
		for (size_t k = 0; k < st->ents[i].nalias; k++)
			free(st->ents[i].aliases[k]);
		free(st->ents[i].aliases);
	}
	free(st->ents);
	free(st->ent_next);
	free(st->ent_snext);
	ct_table_free(&st->ent_sur);
	free(st->lex_next);
	ct_table_free(&st->lex_first);
	ct_table_free(&st->ent_keys);
	ct_table_free(&st->ent_first);
	free(st->stmts);
	ct_stance_map_free(&st->term_ids);
	free(st->term_sf);
	free(st->term_af);
	free(st->term_last);
	free(st->term_kind);
	free(st->term_w);
	for (size_t i = 0; i < st->ngiven; i++) {
		free(st->given[i]);
		free(st->given_terms[i]);
	}
	free(st->given);
	free(st->given_terms);
	free(st->given_nterm);
	free(st->given_sign);
	for (size_t i = 0; i < st->nclaim; i++) {
		free(st->claims[i].summary);
		free(st->claims[i].stmts);
		free(st->claims[i].cent);
		for (int k = 0; k < 2; k++) {
			free(st->claims[i].speakers[k]);
			free(st->claims[i].outlets[k]);
		}
	}
	free(st->claims);
	free(st->claim_order);
	free(st->astances);
	free(st->carry);
	free(st->reprints);
	free(st->reprints_at);
	free(st->words);
	ct_stance_map_free(&st->word_ids);
	for (size_t i = 0; i < st->ntl; i++) {
		free(st->timeline[i].stmts);
		free(st->timeline[i].claims);
		free(st->timeline[i].articles);
	}
	free(st->timeline);
	for (size_t i = 0; i < st->noutlet; i++) {
		if (!st->outlets[i].inferred)
			free(st->outlets[i].name);
		free(st->outlets[i].claims);
	}
	free(st->outlets);
	free(st->outlet_articles);
	ct_table_free(&st->outlet_keys);
	free(st);
}

/* Damerau–Levenshtein distance at most 1 (one edit or one transposition). */
static int within_one(const char *a, size_t n, const char *b, size_t m)
{
	if (n > m + 1 || m > n + 1)
		return 0;
	size_t i = 0;
	while (i < n && i < m && a[i] == b[i])
		i++;
	if (i == n && i == m)
		return 1;
	if (n == m) {
		if (!memcmp(a + i + 1, b + i + 1, n - i - 1))
			return 1;
		return i + 1 < n && a[i] == b[i + 1] && a[i + 1] == b[i] && !memcmp(a + i + 2, b + i + 2, n - i - 2);
	}
	if (n > m)
		return !memcmp(a + i + 1, b + i, n - i - 1);
	return !memcmp(a + i, b + i + 1, m - i - 1);
}

/* A name as its variants meet: case folded, accents gone (Fernández =
 * Fernandez), periods, hyphens and apostrophes gone, a middle initial
 * dropped ("John F. Kennedy" = "John Kennedy"), words joined by single
 * spaces. Owned. */
static char *norm_words(const char *name)
{
	utf8proc_uint8_t *f = NULL;
	const char *past = name;
	while (*past && (unsigned char)*past < 0x80)
		past++;
	/* an ASCII name folds by tolower() below, as utf8proc would fold it */
	utf8proc_ssize_t n = !*past ? -1
				 : utf8proc_map((const utf8proc_uint8_t *)name, 0, &f,
						UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
							UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
	const char *src = n >= 0 ? (const char *)f : name;
	ct_buf words = {0};
	const char *w = src;
	size_t nw = 0;
	while (*w) {
		while (*w == ' ' || *w == '.' || *w == '-' || *w == '\'')
			w++;
		const char *e = w;
		while (*e && *e != ' ' && *e != '.' && *e != '-')
			e++;
		if (e == w)
			continue;
		int last = !*e || !e[strspn(e, " .-'")];
		if (e - w > 1 || nw == 0 || last) { /* an initial in the middle goes */
			if (words.len)
				ct_buf_addc(&words, ' ');
			for (const char *c = w; c < e; c++)
				if (*c != '\'')
					ct_buf_addc(&words, n >= 0 ? *c : (char)tolower((unsigned char)*c));
			nw++;
		}
		w = e;
	}
	free(f);
	return words.data ? words.data : ct_xstrdup("");
}

/* The key form of a name: its normalized words without spaces, so that
 * "Mail Online" and "MailOnline" meet. */
static void lower_into(ct_buf *b, const char *s)
{
	char *w = norm_words(s);
	for (const char *c = w; *c; c++)
		if (*c != ' ')
			ct_buf_addc(b, *c);
	free(w);
}

/* The bucket key of a person name: its first word, lowercased, and the
 * initial of its last word; a single word keys on its initial alone. */
static void person_bucket(ct_buf *b, const char *name, const char **last)
{
	const char *sp = strchr(name, ' ');
	const char *l = strrchr(name, ' ');
	l = l ? l + 1 : name;
	*last = l;
	ct_buf_clear(b);
	CT_BUF_LIT(b, "F:");
	if (sp) {
		char *first = ct_xstrndup(name, (size_t)(sp - name));
		lower_into(b, first);
		free(first);
	}
	ct_buf_addc(b, '|');
	ct_buf_addc(b, (char)tolower((unsigned char)*l));
}

/* The surname bucket of a person name ("S:" and its last word, as keys
 * have it), for first names misspelt: Jusin / Justin Bieber. */
static void surname_bucket(ct_buf *b, const char *name)
{
	const char *l = strrchr(name, ' ');
	ct_buf_clear(b);
	CT_BUF_LIT(b, "S:");
	lower_into(b, l ? l + 1 : name);
}

/* The first word of a name, normalized, into buf (cap bytes). */
static size_t first_norm(const char *name, char *buf, size_t cap)
{
	char *w = norm_words(name);
	size_t n = strcspn(w, " ");
	if (n >= cap)
		n = cap - 1;
	memcpy(buf, w, n);
	buf[n] = 0;
	free(w);
	return n;
}

static int32_t new_story_ent(ct_story *st, const ct_part_ent *pe)
{
	ct_grow((void **)&st->ents, &st->ent_cap, st->nent + 1, sizeof *st->ents);
	ct_story_ent *e = &st->ents[st->nent];
	memset(e, 0, sizeof *e);
	e->name = ct_xstrdup(pe->name);
	e->type = pe->type;
	memcpy(e->cc, pe->cc, 4);
	e->actor = pe->actor;
	e->aff = -1;
	size_t cap = st->ent_next_cap;
	ct_grow((void **)&st->ent_next, &st->ent_next_cap, st->nent + 1, sizeof *st->ent_next);
	ct_grow((void **)&st->ent_snext, &cap, st->nent + 1, sizeof *st->ent_snext);
	st->ent_next[st->nent] = -1;
	st->ent_snext[st->nent] = -1;
	return (int32_t)st->nent++;
}

static void add_alias(ct_story_ent *e, const char *a)
{
	if (!strncmp(a, "The ", 4) && a[4]) /* "The State Dept": the name is what follows */
		a += 4;
	if (!strcmp(e->name, a))
		return;
	for (size_t k = 0; k < e->nalias; k++)
		if (!strcmp(e->aliases[k], a))
			return;
	if (e->nalias >= 32)
		return;
	ct_grow((void **)&e->aliases, &e->alias_cap, e->nalias + 1, sizeof *e->aliases);
	e->aliases[e->nalias++] = ct_xstrdup(a);
}

static int32_t story_entity(ct_story *st, const ct_part_ent *pe, ct_buf *key)
{
	const ct_lexicon *lex = &st->ctx->lex;
	ct_buf_clear(key);
	int32_t actor = pe->actor;
	if (actor < 0 && strchr(pe->name, ' ')) /* "Iranian Supreme Leader Ayatollah Seyed Ali Khamenei" */
		actor = ct_resolve_name_actor(lex, pe->name, NULL);
	if (actor >= 0) {
		CT_BUF_LIT(key, "N:");
		lower_into(key, lex->actors[actor].name);
	} else {
		CT_BUF_LIT(key, "N:");
		lower_into(key, pe->name);
	}
	int v;
	if (ct_table_get(&st->ent_keys, key->data, key->len, &v))
		return v;
	if (actor < 0 && strchr(pe->name, ' ') && (pe->type == CT_ACTOR_PERSON || pe->type == CT_ACTOR_UNKNOWN)) {
		/* "Jen Paski": a lexicon person one edit away */
		const char *last;
		ct_buf kb = {0};
		person_bucket(&kb, pe->name, &last);
		int a;
		size_t ln = strlen(last);
		if (ln >= 5 && ct_table_get(&st->lex_first, kb.data, kb.len, &a)) {
			for (int tries = 0; a >= 0 && tries < 64; a = st->lex_next[a], tries++) {
				const char *al = strrchr(lex->actors[a].name, ' ') + 1;
				if (strlen(al) >= 5 && within_one(last, ln, al, strlen(al))) {
					actor = a;
					break;
				}
			}
		}
		ct_buf_free(&kb);
		if (actor >= 0) {
			char *own = ct_xstrndup(key->data, key->len);
			ct_buf_clear(key);
			CT_BUF_LIT(key, "N:");
			lower_into(key, lex->actors[actor].name);
			if (ct_table_get(&st->ent_keys, key->data, key->len, &v)) {
				ct_table_put(&st->ent_keys, own, strlen(own), v);
				free(own);
				return v;
			}
			free(own);
		}
	}
	if (actor < 0 && !strchr(pe->name, ' ')) {
		/* "Vestan" for "Vesta", "Norlandic" for "Norland": a one-word name
		 * that is another with a demonym ending */
		static const char *const ends[] = {"n", "an", "ian", "ese", "i", "ish", "ic"};
		for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
			size_t el = strlen(ends[k]);
			if (key->len > 2 + el + 2 && !memcmp(key->data + key->len - el, ends[k], el) &&
			    ct_table_get(&st->ent_keys, key->data, key->len - el, &v)) {
				ct_table_put(&st->ent_keys, key->data, key->len, v);
				return v;
			}
		}
	}
	char *nkey = ct_xstrndup(key->data, key->len);
	int person = actor < 0 && (pe->type == CT_ACTOR_PERSON || pe->type == CT_ACTOR_UNKNOWN);
	int listed_person = actor >= 0 ? lex->actors[actor].type == CT_ACTOR_PERSON : person;
	int32_t found = -1;
	const char *last;
	if (person) {
		person_bucket(key, pe->name, &last);
		size_t ln = strlen(last);
		int head;
		if (ct_table_get(&st->ent_first, key->data, key->len, &head)) {
			int tries = 0;
			for (int32_t e = head; e >= 0 && tries < 64 && found < 0; e = st->ent_next[e], tries++) {
				const char *el = strrchr(st->ents[e].name, ' ');
				el = el ? el + 1 : st->ents[e].name;
				size_t en = strlen(el);
				if (ln >= 5 && en >= 5 && within_one(last, ln, el, en))
					found = e;
			}
		}
		if (found < 0 && strchr(pe->name, ' ')) {
			/* the same surname and a first name one edit away (Jusin and
			 * Justin Bieber, Cristina and Christina Fernández) */
			char f1[64], f2[64];
			size_t n1 = first_norm(pe->name, f1, sizeof f1);
			surname_bucket(key, pe->name);
			int shead;
			if (n1 >= 4 && ct_table_get(&st->ent_sur, key->data, key->len, &shead)) {
				int tries = 0;
				for (int32_t e = shead; e >= 0 && tries < 64 && found < 0; e = st->ent_snext[e], tries++) {
					size_t n2 = first_norm(st->ents[e].name, f2, sizeof f2);
					if (n2 >= 4 && strchr(st->ents[e].name, ' ') && within_one(f1, n1, f2, n2))
						found = e;
				}
			}
		}
		if (found < 0 && strchr(pe->name, ' ')) {
			/* the surname alone came first ("Korovin", then "Gwen Korovin"):
			 * that person, now with the full name */
			ct_buf_clear(key);
			CT_BUF_LIT(key, "N:");
			lower_into(key, last);
			int32_t e;
			int ev;
			if (ct_table_get(&st->ent_keys, key->data, key->len, &ev) && (e = ev, 1) && st->ents[e].actor < 0 &&
			    !strchr(st->ents[e].name, ' ') &&
			    (st->ents[e].type == CT_ACTOR_PERSON || st->ents[e].type == CT_ACTOR_UNKNOWN)) {
				add_alias(&st->ents[e], st->ents[e].name);
				free(st->ents[e].name);
				st->ents[e].name = ct_xstrdup(pe->name);
				st->ents[e].type = CT_ACTOR_PERSON;
				found = e;
				person_bucket(key, pe->name, &last);
				int h = -1;
				ct_table_get(&st->ent_first, key->data, key->len, &h);
				st->ent_next[e] = h;
				ct_table_put(&st->ent_first, key->data, key->len, e);
				surname_bucket(key, pe->name);
				h = -1;
				ct_table_get(&st->ent_sur, key->data, key->len, &h);
				st->ent_snext[e] = h;
				ct_table_put(&st->ent_sur, key->data, key->len, e);
			}
		}
		if (found < 0 && !strchr(pe->name, ' ')) {
			/* a surname alone: a person of that surname seen before */
			ct_buf_clear(key);
			CT_BUF_LIT(key, "L:");
			lower_into(key, pe->name);
			if (ct_table_get(&st->ent_keys, key->data, key->len, &v))
				found = v;
		}
	}
	if (found < 0) {
		found = new_story_ent(st, pe);
		if (actor >= 0) {
			const ct_lex_actor *la = &lex->actors[actor];
			free(st->ents[found].name);
			st->ents[found].name = ct_xstrdup(la->name);
			st->ents[found].actor = actor;
			st->ents[found].type = la->type;
			memcpy(st->ents[found].cc, la->country, 4);
		}
		if (listed_person) {
			const char *nm = st->ents[found].name;
			person_bucket(key, nm, &last);
			int head = -1;
			ct_table_get(&st->ent_first, key->data, key->len, &head);
			st->ent_next[found] = head;
			ct_table_put(&st->ent_first, key->data, key->len, found);
			if (strchr(nm, ' ')) {
				ct_buf_clear(key);
				CT_BUF_LIT(key, "L:");
				lower_into(key, last);
				if (!ct_table_get(&st->ent_keys, key->data, key->len, NULL))
					ct_table_put(&st->ent_keys, key->data, key->len, found);
				surname_bucket(key, nm);
				head = -1;
				ct_table_get(&st->ent_sur, key->data, key->len, &head);
				st->ent_snext[found] = head;
				ct_table_put(&st->ent_sur, key->data, key->len, found);
			}
		}
	} else if (!st->ents[found].cc[0] && pe->cc[0]) {
		memcpy(st->ents[found].cc, pe->cc, 4);
	}
	ct_table_put(&st->ent_keys, nkey, strlen(nkey), found);
	free(nkey);
	return found;
}

void ct_story_set_html_links(ct_story *st, const char *article_prefix, const char *script)
{
	st->html_article_prefix = article_prefix;
	st->html_script = script;
}

void ct_story_set_threads(ct_story *st, int threads)
{
	st->threads = threads > 0 ? threads : 1;
}

int ct_story_set_statement(ct_story *st, const ct_statement_model *model)
{
	if (st->built)
		return CT_EARG;
	st->statement = model;
	return 0;
}

int ct_story_set_stance(ct_story *st, const ct_stance_model *model, double min_confidence)
{
	if (st->npart || st->built || !(min_confidence >= 0 && min_confidence <= 1))
		return CT_EARG;
	st->stance = model;
	st->stance_min = min_confidence;
	return 0;
}

/* The part's stance tokens as ids into st->words: one table for the story,
 * since articles on one story share most of their words. */
static void intern_tokens(ct_story *st, ct_story_part *p)
{
	if (st->stance && p->nstance) {
		p->stance_ids = ct_xmalloc(p->nstance * sizeof *p->stance_ids);
		for (size_t i = 0; i < p->nstance; i++) {
			int32_t id = ct_stance_map_get(&st->word_ids, p->stance_tok[i]);
			if (id < 0) {
				id = (int32_t)st->nword;
				ct_grow((void **)&st->words, &st->word_cap, st->nword + 1, sizeof *st->words);
				st->words[st->nword++] = p->stance_tok[i];
				ct_stance_map_put(&st->word_ids, p->stance_tok[i], id);
			}
			p->stance_ids[i] = (uint32_t)id;
		}
	} else {
		p->nstance = 0;
	}
	free(p->stance_tok);
	p->stance_tok = NULL;
}


/* The part's term keys as story term ids: an entity's key names the part
 * entity, which becomes its story entity here. */
static void intern_terms(ct_story *st, ct_story_part *p)
{
	p->terms = ct_xmalloc((p->nterms + 1) * sizeof *p->terms);
	for (size_t i = 0; i < p->nterms; i++) {
		uint64_t k = p->term_keys[i];
		if (k >> 62 == 3) {
			uint32_t e = (uint32_t)(k & 0xffffffffu);
			k = ct_claims_entity_key(e < p->nent ? p->ents[e].story : -1);
		}
		p->terms[i] = ct_claims_intern(st, k);
	}
	free(p->term_keys);
	p->term_keys = NULL;
	/* each statement's ids sorted and distinct (two keys may meet in one id) */
	size_t at = 0;
	for (size_t s = 0; s < p->nstmt; s++) {
		ct_part_stmt *ps = &p->stmts[s];
		uint32_t *v = p->terms + ps->term;
		size_t n = ps->nterm;
		/* the key held aside and stored once: swapping pairs, GCC made
		 * each step a store the next step's load overlapped, and the
		 * load waited on it (two thirds of this function's own samples
		 * at the end of an ingest) */
		for (size_t i = 1; i < n; i++) {
			uint32_t x = v[i];
			size_t j = i;
			for (; j > 0 && v[j - 1] > x; j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
		size_t m = 0;
		for (size_t i = 0; i < n; i++)
			if (!m || v[m - 1] != v[i])
				v[m++] = v[i];
		memmove(p->terms + at, v, m * sizeof *v);
		ps->term = (uint32_t)at;
		ps->nterm = (uint32_t)m;
		at += m;
	}
	p->nterms = at;
}

int ct_story_add_part(ct_story *st, ct_story_part *p)
{
	if (!p)
		return CT_EARG;
	if (st->built) {
		ct_story_part_free(p);
		return CT_EARG;
	}
	intern_tokens(st, p);
	ct_grow((void **)&st->parts, &st->part_cap, st->npart + 1, sizeof *st->parts);
	uint32_t a = (uint32_t)st->npart;
	st->parts[st->npart++] = p;
	ct_buf key = {0};
	for (size_t e = 0; e < p->nent; e++) {
		ct_part_ent *pe = &p->ents[e];
		if (pe->caption_only) {
			pe->story = -1;
			continue;
		}
		pe->story = story_entity(st, pe, &key);
		ct_story_ent *se = &st->ents[pe->story];
		add_alias(se, pe->name);
		size_t at = 0;
		if (pe->actor < 0 && strchr(pe->name, ' ') && ct_resolve_name_actor(&st->ctx->lex, pe->name, &at) >= 0 && at)
			add_alias(se, pe->name + at); /* the alias inside the chunk, too */
		for (size_t k = 0; k < pe->nalias; k++)
			add_alias(se, pe->aliases[k]);
		if (!se->cc[0] && pe->cc[0])
			memcpy(se->cc, pe->cc, 4);
	}
	ct_buf_free(&key);
	/* affiliations carry across articles: Brecht is Vesta's wherever named */
	for (size_t e = 0; e < p->nent; e++) {
		const ct_part_ent *pe = &p->ents[e];
		if (pe->story >= 0 && pe->aff >= 0 && (size_t)pe->aff < p->nent && p->ents[pe->aff].story >= 0 &&
		    st->ents[pe->story].aff < 0 && p->ents[pe->aff].story != pe->story)
			st->ents[pe->story].aff = p->ents[pe->aff].story;
	}
	intern_terms(st, p);
	p->stmt0 = (uint32_t)st->nstmt;
	for (size_t i = 0; i < p->nstmt; i++) {
		ct_grow((void **)&st->stmts, &st->stmt_cap, st->nstmt + 1, sizeof *st->stmts);
		const ct_part_stmt *ps = &p->stmts[i];
		st->stmts[st->nstmt++] = (ct_story_stmt){a, (uint32_t)i, ps->speaker >= 0 ? p->ents[ps->speaker].story : -1, -1, ps->stance,
							  -1, 0, 0};
	}
	return 0;
}

int ct_story_add_doc(ct_story *st, const ct_doc *doc)
{
	ct_story_part *p = ct_story_part_new(st->ctx, doc);
	if (!p)
		return CT_EARG;
	return ct_story_add_part(st, p);
}

int ct_story_add_claim(ct_story *st, const char *text)
{
	if (st->built || !text)
		return CT_EARG;
	while (*text == ' ' || *text == '\t' || *text == '\n')
		text++;
	if (!*text)
		return CT_EARG;
	size_t n = st->ngiven + 1;
	st->given = ct_xrealloc(st->given, n * sizeof *st->given);
	st->given_terms = ct_xrealloc(st->given_terms, n * sizeof *st->given_terms);
	st->given_nterm = ct_xrealloc(st->given_nterm, n * sizeof *st->given_nterm);
	st->given_sign = ct_xrealloc(st->given_sign, n * sizeof *st->given_sign);
	st->given_sign[st->ngiven] = 1;
	st->given[st->ngiven] = ct_xstrdup(text);
	st->given_terms[st->ngiven] = NULL;
	st->given_nterm[st->ngiven] = 0;
	st->ngiven = n;
	return 0;
}

const char *ct_story_speaker_name(const ct_story *st, size_t i)
{
	const ct_story_stmt *s = &st->stmts[i];
	if (s->speaker >= 0)
		return st->ents[s->speaker].name;
	const ct_part_stmt *ps = &st->parts[s->article]->stmts[s->stmt];
	if (ps->speaker_name && *ps->speaker_name)
		return ps->speaker_name;
	return ct_story_outlet_of(st, s->article)->name;
}

int ct_story_side(const ct_story *st, size_t i)
{
	int stance = st->stmts[i].stance;
	return stance == CT_ST_ASSERT ? 1 : stance == CT_ST_REPORT ? 0 : -1;
}

void ct_story_stmt_date(const ct_story *st, size_t i, char buf[11])
{
	const ct_story_stmt *s = &st->stmts[i];
	const ct_story_part *p = st->parts[s->article];
	const ct_part_stmt *ps = &p->stmts[s->stmt];
	if (ps->when.prec)
		ct_when_iso(&ps->when, buf);
	else
		ct_when_iso(&p->published, buf);
}

const ct_part_stmt *ct_story_pstmt(const ct_story *st, size_t i)
{
	return &st->parts[st->stmts[i].article]->stmts[st->stmts[i].stmt];
}

const ct_part_sent *ct_story_stmt_sent(const ct_story *st, size_t i)
{
	const ct_story_part *p = st->parts[st->stmts[i].article];
	return &p->sents[p->stmts[st->stmts[i].stmt].sent];
}

const char *ct_story_stmt_clause(const ct_story *st, size_t i, size_t *n)
{
	const ct_part_stmt *ps = ct_story_pstmt(st, i);
	const ct_part_sent *se = ct_story_stmt_sent(st, i);
	if (!ps->clause_len) {
		*n = strlen(se->text);
		return se->text;
	}
	*n = ps->clause_len;
	return se->text + ps->clause_off;
}

const char *ct_story_stmt_cited(const ct_story *st, size_t i, size_t *n, int *own)
{
	const char *s = ct_story_stmt_clause(st, i, n);
	size_t len = *n, marks = 0;
	for (size_t k = 0; k < len; k++)
		marks += s[k] == '"';
	if (marks % 2 && len && s[0] == '"') {
		s++, len--, marks--;
	} else if (marks % 2 && len && s[len - 1] == '"') {
		len--, marks--;
	}
	while (len && (s[0] == ' ' || s[0] == '\n'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\n'))
		len--;
	*own = len >= 2 && s[0] == '"' && s[len - 1] == '"' && marks % 2 == 0;
	*n = len;
	return s;
}

const char *ct_story_article_id(const ct_story *st, size_t a)
{
	const char *id = st->parts[a]->meta[CT_META_ID];
	return id ? id : "";
}

const char *ct_story_cue(const ct_story *st, size_t i, char *buf, size_t cap)
{
	const ct_part_stmt *ps = ct_story_pstmt(st, i);
	const char *lemma = ps->cue_lex >= 0 && (size_t)ps->cue_lex < st->ctx->lex.ncue ? st->ctx->lex.cues[ps->cue_lex].lemma : "";
	snprintf(buf, cap, "%s%s", *lemma && ps->cue_neg ? "not " : "", lemma);
	return buf;
}

const char *ct_story_channel(const ct_story *st, size_t i)
{
	const ct_part_stmt *ps = ct_story_pstmt(st, i);
	return ps->channel >= 0 && (size_t)ps->channel < st->ctx->lex.nchannel ? st->ctx->lex.channel_names[ps->channel] : "";
}

const ct_story_outlet *ct_story_outlet_of(const ct_story *st, size_t a)
{
	return &st->outlets[st->parts[a]->outlet];
}


const ct_article_stance *ct_story_article_stance(const ct_story *st, const ct_claim *c, uint32_t a)
{
	size_t lo = 0, hi = c->nastance;
	const ct_article_stance *v = st->astances + c->astance;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (v[mid].article < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->nastance && v[lo].article == a ? &v[lo] : NULL;
}

size_t ct_story_carried_by(const ct_story *st, size_t i, const uint32_t **outlets)
{
	const ct_story_stmt *s = &st->stmts[i];
	*outlets = s->ncarry > 1 ? st->carry + s->carry : NULL;
	return s->ncarry > 1 ? s->ncarry : 0;
}

const char *ct_story_reprint_of(const ct_story *st, size_t a)
{
	int32_t o = st->parts[a]->reprint_of;
	return o >= 0 ? ct_story_article_id(st, (size_t)o) : NULL;
}

const char *ct_story_claim_headline(const ct_story *st, const ct_claim *c)
{
	return c->summary_stmt >= 0 ? ct_story_stmt_sent(st, (size_t)c->summary_stmt)->text : c->summary;
}

const char *ct_story_event_action(const ct_story *st, size_t i)
{
	const ct_part_stmt *ps = ct_story_pstmt(st, i);
	if (ps->proposal)
		return "propose";
	return ps->verb >= 0 && (size_t)ps->verb < st->ctx->verbs.nverb ? st->ctx->verbs.verbs[ps->verb].label : "";
}

const char *ct_story_fact_name(const ct_story *st, size_t article, const ct_part_fact *f)
{
	const ct_lexicon *lex = &st->ctx->lex;
	if (f->cc[0]) {
		for (size_t i = 0; i < lex->nactor; i++)
			if (lex->actors[i].type == CT_ACTOR_COUNTRY && !strcmp(lex->actors[i].country, f->cc))
				return lex->actors[i].name;
		return f->cc;
	}
	const ct_story_part *p = st->parts[article];
	if (f->ent >= 0 && (size_t)f->ent < p->nent && p->ents[f->ent].story >= 0)
		return st->ents[p->ents[f->ent].story].name;
	return "";
}

const char *ct_outlet_from_name(int from)
{
	static const char *const names[] = {"input", "text", "url", "id"};
	return (unsigned)from < 4 ? names[from] : "?";
}

const char *ct_story_side_mark(int stance)
{
	static const char *const marks[CT_ST_NKINDS] = {"+", "-", "?", "~"};
	return (unsigned)stance < CT_ST_NKINDS ? marks[stance] : " ";
}

void ct_story_build(ct_story *st)
{
	if (st->built)
		return;
	st->built = 1;
	ct_reprints_link(st);
	ct_claims_build(st);
	ct_sides_build(st);
	ct_reprints_outlets(st);
	/* the words have done their work: not kept while the map is rendered */
	for (size_t a = 0; a < st->npart; a++) {
		free(st->parts[a]->stance_ids);
		st->parts[a]->stance_ids = NULL;
		st->parts[a]->nstance = 0;
	}
	free(st->words);
	st->words = NULL;
	st->nword = st->word_cap = 0;
	ct_stance_map_free(&st->word_ids);
}

size_t ct_story_ninferred(const ct_story *st)
{
	return st->nmodel;
}

size_t ct_story_narticles(const ct_story *st)
{
	return st->npart;
}

size_t ct_story_nclaims(const ct_story *st)
{
	return st->nlisted;
}

size_t ct_story_nstatements(const ct_story *st)
{
	return st->nstmt;
}

int ct_story_format_from_name(const char *name)
{
	static const char *const names[] = {"text", "json", "markdown", "html"};
	for (int i = 0; i < 4; i++)
		if (!strcmp(name, names[i]))
			return i;
	if (!strcmp(name, "md"))
		return CT_STORY_MARKDOWN;
	return -1;
}

static void render(ct_story *st, ct_story_format format, ct_sink *out)
{
	ct_story_build(st);
	switch (format) {
	case CT_STORY_JSON:
		ct_story_render_json(st, out);
		break;
	case CT_STORY_MARKDOWN:
		ct_story_render_text(st, out, 1);
		break;
	case CT_STORY_HTML:
		ct_story_render_html(st, out);
		break;
	default:
		ct_story_render_text(st, out, 0);
		break;
	}
}

char *ct_story_render(ct_story *st, ct_story_format format, size_t *len)
{
	ct_sink out = {{0}, NULL, 0};
	render(st, format, &out);
	if (!out.b.data)
		out.b.data = ct_xstrdup("");
	if (len)
		*len = out.b.len;
	return out.b.data;
}

int ct_story_write(ct_story *st, ct_story_format format, FILE *f)
{
	ct_sink out = {{0}, f, 0};
	render(st, format, &out);
	int rc = ct_sink_finish(&out);
	ct_buf_free(&out.b);
	return rc ? CT_EIO : 0;
}
