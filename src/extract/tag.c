/*
 * tag.c — lexicon hits and mentions.
 *
 * Method. Left to right over each sentence, the longest phrase wins at
 * each token: a known actor's name or alias (as written), else a cue, role
 * or channel phrase (lowercase). Personal pronouns are marked. The tokens
 * left that start with a capital form name chunks: runs of capitalized
 * words, with the particles of Arabic and European names inside them
 * (al, bin, de, van), apart or joined ("Bashar al Assad", "Ali al-Bredi"). A chunk
 * ends where a known actor or a role noun begins ("Iranian Supreme Leader
 * Ayatollah Ali Khamenei" is a nationality, a role and a name). At the
 * start of a sentence every word is capitalized, so there a usual sentence
 * opener is dropped from the chunk ("In Khamenei's style"), and a chunk of
 * one word is kept only when the article also writes it capitalized
 * inside a sentence, it is the surname of a known person ("Kerry said"),
 * it takes a possessive ("Norland's prime minister"), or it stands as a
 * subject before an auxiliary or a cue verb ("Norland will not …").
 * Month and weekday names are dates, not names; a function word is never
 * a name nor the edge of one ("The" before a known actor, "On Monday");
 * and a sentence in title case (a headline: "Norland Says It Turned Down
 * Offer") or in capitals has no name chunks, only known actors, since its
 * capitals say nothing — nor does it show that a word is a name
 * elsewhere; in capitals, a short alias ("US" in "TELL US") is a word.
 */
#include "tag.h"
#include "../core/date.h"
#include "../core/uchar.h"

#include <string.h>

static void add_mention(ct_doc *doc, size_t tok, size_t ntok, ct_mention_kind kind, int val)
{
	ct_grow((void **)&doc->ments, &doc->ment_cap, doc->nment + 1, sizeof *doc->ments);
	doc->ments[doc->nment++] = (ct_mention){(uint32_t)tok, (uint32_t)ntok, (uint8_t)kind, val, -1};
}

/* The token's classes in data/tagger_words.txt (CT_TW_… bits). */
static int tagger_word(const ct_ctx *ctx, const ct_doc *doc, const ct_token *t)
{
	int bits = 0;
	ct_table_get(&ctx->tagger_words, doc->text + t->off, t->len, &bits);
	return bits;
}

/* "al-Assad", "el-Sisi": a particle joined to a name by a hyphen, one token. */
static int hyphen_particle(const ct_doc *doc, const ct_token *t)
{
	const char *s = doc->text + t->off;
	return t->len > 3 && (!strncmp(s, "al-", 3) || !strncmp(s, "el-", 3));
}

/* What follows the token's last hyphen, or NULL when it has none or ends with it. */
static const char *after_last_hyphen(const ct_doc *doc, const ct_token *t)
{
	const char *s = doc->text + t->off, *h = NULL;
	for (const char *c = s; c < s + t->len; c++)
		if (*c == '-')
			h = c;
	return h && h + 1 < s + t->len ? h + 1 : NULL;
}

/* A capitalized word, or a name joined to its particle by a hyphen
 * ("al-Assad", "el-Sisi"); not an adjective made of one ("al-Qaida-linked"). */
static int capitalized(const ct_doc *doc, const ct_token *t)
{
	if (t->type != CT_TOK_WORD)
		return 0;
	if (ct_ascii_is_upper(doc->text[t->off]))
		return 1;
	const char *rest = hyphen_particle(doc, t) ? after_last_hyphen(doc, t) : NULL;
	return rest && ct_ascii_is_upper(rest[0]);
}

static int particle(const ct_ctx *ctx, const ct_doc *doc, const ct_token *t)
{
	return (tagger_word(ctx, doc, t) & CT_TW_PARTICLE) || hyphen_particle(doc, t);
}

/* "Seoul-based", "Kurdish-led": a name made an adjective (data/compound_heads.txt). */
static int adjective_compound(const ct_ctx *ctx, const ct_doc *doc, const ct_token *t)
{
	const char *h = after_last_hyphen(doc, t);
	return h && ct_table_get(&ctx->compound_heads, h, (size_t)(doc->text + t->off + t->len - h), NULL);
}

static int calendar_word(const ct_doc *doc, const ct_token *t)
{
	const char *s = doc->text + t->off;
	return ct_weekday_from_name(s, t->len) || ct_month_from_name(s, t->len) != 0;
}

/* ct_lex_match with its usual answer inline, that no phrase of p starts
 * with the token's word: the loop below asks five tables about each token. */
static inline size_t match(const ct_phrases *p, const ct_doc *doc, size_t i, size_t end, int lower, int *val)
{
	return ct_phrases_start(p, doc->tok_word[2 * i + lower]) ? ct_lex_match(p, doc, i, end, lower, val) : 0;
}

/* A word that follows a subject: an auxiliary, a modal, or a cue verb. */
static int after_subject(const ct_ctx *ctx, const ct_doc *doc, size_t k, size_t end)
{
	if (k >= end)
		return 0;
	const ct_token *t = &doc->toks[k];
	if (tagger_word(ctx, doc, t) & CT_TW_AUX)
		return 1;
	int v;
	size_t n = ct_lex_match(&ctx->lex.cue_forms, doc, k, end, 1, &v);
	if (!n)
		return 0;
	/* a cue word a verb follows is a noun, the subject's head, and the
	 * capitalized word before it an adjective: "Early reports indicate",
	 * "Initial reports have said"; so is a plural before "of" or "from":
	 * "Unconfirmed reports from …" (where "Baldor reported from
	 * Washington" names its writer) */
	if (k + n < end) {
		const ct_token *u = &doc->toks[k + n], *last = &doc->toks[k + n - 1];
		int plural = doc->text[last->off + last->len - 1] == 's';
		int next = tagger_word(ctx, doc, u);
		if ((next & CT_TW_AUX) || (plural && (next & CT_TW_NOUN_NEXT)) ||
		    ct_lex_match(&ctx->lex.cue_forms, doc, k + n, end, 1, &v) > 0)
			return 0;
	}
	return 1;
}

/* A function word ("The", "In", "This"): never a name, nor the edge of one. */
static int function_word(const ct_ctx *ctx, const ct_doc *doc, size_t i)
{
	const ct_token *t = &doc->toks[i];
	char low[32];
	if (t->type != CT_TOK_WORD || t->len >= sizeof low)
		return 0;
	for (size_t k = 0; k < t->len; k++)
		low[k] = ct_ascii_lower(doc->text[t->off + k]);
	return ct_table_get(&ctx->function_words, low, t->len, NULL);
}

/* Most words capitalized: a headline's title case. */
static int title_case(const ct_doc *doc, const ct_sentence *s)
{
	size_t words = 0, caps = 0;
	for (size_t i = s->tok; i < s->tok + s->ntok; i++) {
		const ct_token *t = &doc->toks[i];
		if (t->type != CT_TOK_WORD || t->len < 4)
			continue;
		words++;
		caps += ct_ascii_is_upper(doc->text[t->off]);
	}
	return words >= 3 && caps * 10 >= words * 8;
}

/* Most words in capitals: shouting ("WE ARE NOT TELLING US"), where
 * capitals say nothing of names, and a short alias ("US") may be a word. */
static int shouting(const ct_doc *doc, const ct_sentence *s)
{
	size_t words = 0, caps = 0;
	for (size_t i = s->tok; i < s->tok + s->ntok; i++) {
		const ct_token *t = &doc->toks[i];
		if (t->type != CT_TOK_WORD || t->len < 2)
			continue;
		words++;
		size_t up = 0;
		for (size_t k = 0; k < t->len; k++)
			up += ct_ascii_is_upper(doc->text[t->off + k]);
		caps += up == t->len;
	}
	return words >= 3 && caps * 10 >= words * 7;
}

/* Does a known actor or a role start at token k? */
static int lexicon_starts(const ct_ctx *ctx, const ct_doc *doc, size_t k, size_t end)
{
	int v;
	return ct_lex_match(&ctx->lex.aliases, doc, k, end, 0, &v) || ct_lex_match(&ctx->lex.roles, doc, k, end, 1, &v);
}

/*
 * Is the capitalized word at token w, alone at a sentence's start, a name
 * all the same? The article writes it capitalized inside a sentence
 * (`inner`), it is a known person's surname, it takes a possessive
 * ("Norland's prime minister"; an opener does not), or it stands as a
 * subject before an auxiliary or a cue verb.
 */
static int name_evidence(const ct_ctx *ctx, const ct_doc *doc, const ct_table *inner, size_t w, size_t end)
{
	const ct_token *t = &doc->toks[w];
	const char *s = doc->text + t->off;
	int opener = ct_table_get(&ctx->starters, s, t->len, NULL);
	int possessive = w + 1 < end && doc->toks[w + 1].len == 2 && !strncmp(doc->text + doc->toks[w + 1].off, "'s", 2) &&
			 !opener;
	return ct_table_get(inner, s, t->len, NULL) || ct_table_get(&ctx->lex.surnames, s, t->len, NULL) || possessive ||
	       (!opener && after_subject(ctx, doc, w + 1, end));
}

int ct_tag_run(const ct_ctx *ctx, ct_doc *doc)
{
	const ct_lexicon *lex = &ctx->lex;
	ct_lex_words(lex, doc);
	doc->tok_lex = ct_xcalloc(doc->ntok ? doc->ntok : 1, 1);
	doc->nment = 0;
	/* Words the article capitalizes inside sentences: names, not openers
	 * (a line in title case, a headline in the body, says nothing). */
	ct_table inner = {0};
	for (size_t s = 0; s < doc->nsent; s++) {
		if (title_case(doc, &doc->sents[s]))
			continue;
		for (size_t i = doc->sents[s].tok + 1; i < doc->sents[s].tok + doc->sents[s].ntok; i++)
			if (capitalized(doc, &doc->toks[i]) && !(doc->toks[i - 1].flags & CT_TF_OPEN) &&
			    !(doc->toks[i - 1].type == CT_TOK_PUNCT && doc->text[doc->toks[i - 1].off] == ':'))
				ct_table_put(&inner, doc->text + doc->toks[i].off, doc->toks[i].len, 1);
	}
	for (size_t s = 0; s < doc->nsent; s++) {
		size_t i = doc->sents[s].tok, end = i + doc->sents[s].ntok, sent0 = i;
		int loud = shouting(doc, &doc->sents[s]);
		int headline = loud || title_case(doc, &doc->sents[s]);
		while (i < end) {
			const ct_token *t = &doc->toks[i];
			int v;
			size_t n;
			if (t->type == CT_TOK_QUOTE || t->type == CT_TOK_PUNCT || t->type == CT_TOK_NUMBER) {
				i++;
				continue;
			}
			if ((n = match(&lex->aliases, doc, i, end, 0, &v)) && loud && n == 1 && t->len <= 3) {
				i++; /* "TELL US": in shouting, a short alias is a word */
				continue;
			}
			/* a company's name before another capitalized word names its
			 * product or part ("Apple Watch", "Google Glass"): a name chunk */
			if (n && lex->actors[v].type == CT_ACTOR_ORGANIZATION && !headline && i + n < end &&
			    capitalized(doc, &doc->toks[i + n]) && !function_word(ctx, doc, i + n) &&
			    !calendar_word(doc, &doc->toks[i + n]) && !lexicon_starts(ctx, doc, i + n, end))
				n = 0;
			if (n) {
				add_mention(doc, i, n, CT_M_ACTOR, v);
				for (size_t k = i; k < i + n; k++)
					doc->tok_lex[k] |= CT_LX_ACTOR;
				i += n;
				continue;
			}
			size_t nc = match(&lex->cue_forms, doc, i, end, 1, &v);
			if (nc) {
				add_mention(doc, i, nc, CT_M_CUE, v);
				doc->tok_lex[i] |= CT_LX_CUE;
				for (size_t k = i + 1; k < i + nc; k++)
					doc->tok_lex[k] |= CT_LX_CUE_IN;
			}
			int cv;
			size_t nch = match(&lex->channels, doc, i, end, 1, &cv);
			if (nch) {
				add_mention(doc, i, nch, CT_M_CHANNEL, cv);
				for (size_t k = i; k < i + nch; k++)
					doc->tok_lex[k] |= CT_LX_CHANNEL;
			}
			if (nc) {
				i += nc;
				continue;
			}
			if ((n = match(&lex->roles, doc, i, end, 1, &v))) {
				add_mention(doc, i, n, CT_M_ROLE, v);
				for (size_t k = i; k < i + n; k++)
					doc->tok_lex[k] |= CT_LX_ROLE;
				i += n;
				continue;
			}
			int pk;
			if (match(&lex->pronouns, doc, i, end, 1, &pk)) {
				add_mention(doc, i, 1, CT_M_PRONOUN, pk);
				doc->tok_lex[i] |= CT_LX_PRONOUN;
				i++;
				continue;
			}
			if (capitalized(doc, t) && (headline || calendar_word(doc, t))) {
				i++;
				continue;
			}
			if (capitalized(doc, t) && adjective_compound(ctx, doc, t)) {
				i++;
				continue;
			}
			if (capitalized(doc, t)) {
				size_t k = i + 1;
				while (k < end && (capitalized(doc, &doc->toks[k]) ||
						   (particle(ctx, doc, &doc->toks[k]) && k + 1 < end &&
						    capitalized(doc, &doc->toks[k + 1]))) &&
				       !adjective_compound(ctx, doc, &doc->toks[k]) && !lexicon_starts(ctx, doc, k, end))
					k++;
				if (k < end && capitalized(doc, &doc->toks[k]) && adjective_compound(ctx, doc, &doc->toks[k])) {
					i = k + 1; /* "New York-based": the place is the adjective's */
					continue;
				}
				size_t from = i, to = k;
				int initial = i == sent0 || (doc->toks[i - 1].flags & CT_TF_OPEN);
				if (initial && k > i + 1 && ct_table_get(&ctx->starters, doc->text + t->off, t->len, NULL))
					from = i + 1; /* "In Khamenei's …" */
				/* a name neither starts nor ends on a function word or a date
				 * ("The" before a known actor, "On Monday") */
				while (from < to && (function_word(ctx, doc, from) || calendar_word(doc, &doc->toks[from])))
					from++;
				while (to > from && (function_word(ctx, doc, to - 1) || calendar_word(doc, &doc->toks[to - 1])))
					to--;
				int lone_opener = initial && from == i && to == i + 1 && !name_evidence(ctx, doc, &inner, i, end);
				int shouting = t->len > 5 && k == i + 1 && ct_ascii_is_upper(doc->text[t->off + 1]);
				if (to > from && !lone_opener && !shouting) {
					add_mention(doc, from, to - from, CT_M_NAME, 0);
					for (size_t m = from; m < to; m++)
						doc->tok_lex[m] |= CT_LX_NAME;
				}
				i = k;
				continue;
			}
			i++;
		}
	}
	ct_table_free(&inner);
	return 0;
}
