/*
 * code.c — event frames: who did what to whom, about what, said by whom.
 *
 * Method. Each attribution's content, each sentence no attribution
 * touches, and the parts of touched sentences no attribution covers (in
 * the voice of an "according to" source of the sentence, else the outlet's)
 * are split into clauses at sentence ends and at "but", "however", ";",
 * ", and", "because" and the like (data/polarity.txt, kind clause; not at
 * an ", and" before a name alone, which joins two names). An
 * attribution whose source span holds an event word is a tagging slip; its
 * sentence part is coded in the outlet's voice. In a clause one
 * left-to-right scan finds
 *   - predicates: words of data/verbs.txt, with their CAMEO code and class;
 *     of two adjacent ones the second is the head ("aid offer"), unless the
 *     first reads as a verb form ("requesting help");
 *   - participants: mentions with an entity (actors, names, pronouns,
 *     roles), demonyms ("Iranian officials" → Iran), #hashtags of known
 *     actors, actors inside a name chunk ("While US"), recurring one-word
 *     names the lexicon lacks (not sentence openers, weekdays or months)
 *     and words made of one with a demonym ending ("Vestan"); a person
 *     stands for the body named before it ("Norland's prime minister, Ada
 *     Lindqvist") when the article says so; a first-person pronoun is the
 *     speaker; a name after in/at/near/off is a place; outlets never take
 *     part; armed groups are the topic unless the action is a fight;
 *   - polarity and modality words.
 * The first predicate is the action (when the cue itself is a verb of
 * data/verbs.txt — "Khamenei refused …", "ruled out …" — the cue is the
 * action of the first clause and the speaker its source). The source is the
 * last participant before the predicate, else the speaker (an unnamed
 * subject: "claimed to have refused"), except in another sentence than the
 * cue, after "there is", or when "the two …" names the parties; the target
 * is the first participant after it; for a proposal named by a noun, the
 * one after "from"/"by" made it ("an offer from Vesta").
 *
 * Two compositions make synonyms meet:
 *   - a rejection of a proposal ("rejected a US request for cooperation",
 *     "refused an American offer of collaboration") is coded as the
 *     proposal, its proposer the first other participant before the
 *     proposal word, its addressee the one who refused, marked refused:
 *     the statement backs that the proposal was made and turned down;
 *   - a rejection of a relation ("ruled out any military coordination with
 *     Iran", "will not cooperate") is the relation negated.
 * Consult and cooperate are symmetric: their two participants are the
 * first two distinct countries of the clause when it names two.
 *
 * Polarity: a negation ending at most four words before the predicate, "not
 * true" after it, or a denial inside the content ("we deny the reports on
 * …"); a hypothetical clause (if, whether) negates nothing. Modality: will /
 * may / never nearby. Stance: a deny cue (also "continue to deny"), a
 * negative frame → denies; a doubt word ("unclear", "less clear") or a
 * question cue other than "ask" → questions, and a doubt in the sentence
 * outside the content adds the outlet's own questioning statement; the
 * outlet's own narration → reports; else asserts.
 *
 * Participants the clause does not name come, in this order, from the last
 * frame of the same class in an earlier sentence that shares the known
 * participant ("such conversations"; a proposal only when it is doubted,
 * denied or refused), from the article's two most named parties for "the
 * two …" / "both …", then from the other countries and bodies of the
 * sentence (then the order is a guess, marked so: the story gives such a
 * frame the direction of a claim with the same parties).
 *
 * Dates: each sentence's first date — absolute ("September 15, 2014",
 * "2014-09-15", "Nov. 10") or relative to the publication date ("on
 * Monday", "two weeks ago", "last week", "in June", "later this week") —
 * normalized with a precision (day, week, month). A frame takes the date of
 * its clause, else its sentence's when that lies outside every content.
 */
#include "code.h"
#include "resolve.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/date.h"
#include "../core/uchar.h"

/* ---- dates ---------------------------------------------------------- */

static int number_word(const ct_doc *doc, size_t i)
{
	static const char *const words[] = {"a", "one", "two", "three", "four", "five", "six",
					    "seven", "eight", "nine", "ten", "several", "a_few"};
	if (i >= doc->ntok)
		return 0;
	const ct_token *t = &doc->toks[i];
	if (t->type == CT_TOK_NUMBER) {
		int v = atoi(doc->text + t->off);
		return v > 0 && v < 100 ? v : 0;
	}
	for (int k = 0; k < 12; k++)
		if (ct_tok_is(doc, i, words[k]))
			return k == 0 ? 1 : k == 11 ? 3 : k;
	return 0;
}

static void set_day(ct_when *w, long days, int prec, size_t tok, size_t ntok)
{
	int y, m, d;
	ct_date_civil(days, &y, &m, &d);
	*w = (ct_when){(int16_t)y, (int8_t)m, (int8_t)d, (uint8_t)prec, (uint32_t)tok, (uint32_t)ntok};
}

/* A date parsed at a token, kept: the stage reads the dates of each
 * sentence, then again of each clause in it. */
typedef struct {
	uint8_t state; /* 0 not parsed yet, 1 no date, 2 a date of `used` bytes */
	uint8_t used;
	ct_date d;
} date_memo;

/* The bytes of the date that token i starts (0: none), the date into *d. */
static size_t date_at(const ct_doc *doc, size_t i, date_memo *memo, ct_date *d)
{
	const ct_token *t = &doc->toks[i];
	if (t->type != CT_TOK_NUMBER && t->type != CT_TOK_WORD)
		return 0;
	if (memo[i].state) {
		*d = memo[i].d;
		return memo[i].state == 2 ? memo[i].used : 0;
	}
	size_t rest = doc->text_len - t->off;
	if (rest > 40)
		rest = 40;
	size_t used = ct_date_parse(doc->text + t->off, rest, d);
	memo[i] = used ? (date_memo){2, (uint8_t)used, *d} : (date_memo){1, 0, {0, 0, 0}};
	return used;
}

/* The first date in tokens [from, to). */
static void range_date(const ct_doc *doc, size_t from, size_t to, const ct_date *ref, date_memo *memo, ct_when *w)
{
	memset(w, 0, sizeof *w);
	struct {
		uint32_t tok, ntok;
	} span = {(uint32_t)from, (uint32_t)(to - from)}, *se = &span;
	long rd = ref->y ? ct_date_days(ref->y, ref->m, ref->d) : 0;
	for (size_t i = se->tok; i < se->tok + se->ntok; i++) {
		const ct_token *t = &doc->toks[i];
		ct_date d;
		size_t used = date_at(doc, i, memo, &d);
		if (used) {
			if (!d.y) {
				if (!ref->y)
					continue;
				d.y = ref->y;
				/* "Nov. 10" in an article of January is last year's */
				if (ct_date_days(d.y, d.m, d.d) > rd + 7)
					d.y--;
			}
			size_t n = 1;
			while (i + n < se->tok + se->ntok && doc->toks[i + n].off < t->off + used)
				n++;
			set_day(w, ct_date_days(d.y, d.m, d.d), 1, i, n);
			return;
		}
		if (!ref->y || t->type != CT_TOK_WORD)
			continue;
		/* on Monday: the last such day up to the article's */
		int k = ct_weekday_from_name(doc->text + t->off, t->len);
		if (k) {
			long wd = ((rd % 7) + 7 + 3) % 7; /* 1970-01-01 was a Thursday; 0 is Monday */
			long back = (wd - (k - 1) + 7) % 7;
			set_day(w, rd - back, 1, i, 1);
			return;
		}
		if (ct_tok_is(doc, i, "yesterday")) {
			set_day(w, rd - 1, 1, i, 1);
			return;
		}
		if (ct_tok_is(doc, i, "today") || (ct_tok_is(doc, i, "this") && ct_tok_is(doc, i + 1, "week"))) {
			set_day(w, rd, ct_tok_is(doc, i, "today") ? 1 : 2, i, ct_tok_is(doc, i, "today") ? 1 : 2);
			return;
		}
		if (ct_tok_is(doc, i, "later") && ct_tok_is(doc, i + 1, "this") && ct_tok_is(doc, i + 2, "week")) {
			set_day(w, rd + 2, 2, i, 3);
			return;
		}
		if ((ct_tok_is(doc, i, "last") || ct_tok_is(doc, i, "next")) && ct_tok_is(doc, i + 1, "week")) {
			set_day(w, rd + (ct_tok_is(doc, i, "last") ? -7 : 7), 2, i, 2);
			return;
		}
		int nw = number_word(doc, i);
		if (nw && (ct_tok_is(doc, i + 1, "weeks") || ct_tok_is(doc, i + 1, "week") || ct_tok_is(doc, i + 1, "days") ||
			   ct_tok_is(doc, i + 1, "day")) &&
		    ct_tok_is(doc, i + 2, "ago")) {
			int week = ct_tok_is(doc, i + 1, "weeks") || ct_tok_is(doc, i + 1, "week");
			set_day(w, rd - nw * (week ? 7 : 1), week ? 2 : 1, i, 3);
			return;
		}
		/* in June, since March, last month */
		if ((ct_tok_is(doc, i, "in") || ct_tok_is(doc, i, "since") || ct_tok_is(doc, i, "until") || ct_tok_is(doc, i, "early") ||
		     ct_tok_is(doc, i, "late") || ct_tok_is(doc, i, "mid")) &&
		    i + 1 < se->tok + se->ntok) {
			const ct_token *mt = &doc->toks[i + 1];
			int m = isupper((unsigned char)doc->text[mt->off]) ? ct_month_from_name(doc->text + mt->off, mt->len) : 0;
			if (m) {
				int y = ref->y - (m > ref->m);
				if (i + 2 < se->tok + se->ntok && doc->toks[i + 2].type == CT_TOK_NUMBER && doc->toks[i + 2].len == 4)
					y = atoi(doc->text + doc->toks[i + 2].off);
				*w = (ct_when){(int16_t)y, (int8_t)m, 1, 3, (uint32_t)i + 1, 1};
				return;
			}
		}
		if (ct_tok_is(doc, i, "last") && ct_tok_is(doc, i + 1, "month")) {
			int y = ref->y, m = ref->m - 1;
			if (m < 1) {
				m = 12;
				y--;
			}
			*w = (ct_when){(int16_t)y, (int8_t)m, 1, 3, (uint32_t)i, 2};
			return;
		}
	}
}

/* ---- participants --------------------------------------------------- */

typedef struct {
	uint32_t tok;
	ct_fact f;
	uint8_t group;   /* an armed group or other non-state body without country: a topic */
	uint8_t speaker; /* a first-person pronoun */
} part;

typedef struct {
	uint32_t tok, len;
	int val;
} hit;

typedef struct {
	const ct_ctx *ctx;
	ct_doc *doc;
	ct_date ref;       /* the publication date (y 0: unknown) */
	int32_t *tok_ment; /* per token: the mention covering it, or -1 */
	char (*ent_cc)[4]; /* per entity: its country, or one learned from a source span */
	uint8_t *date_quoted; /* per sentence: its date lies inside some attribution's content */
	date_memo *dates;  /* per token: the date it starts, once parsed */
	ct_table ent_names; /* entity name → its first entity (built when first needed) */
	int top_done;      /* top_two computed: */
	ct_fact top[2];    /* the article's two main parties */
	int32_t *ent_aff;  /* per person: the body or country it speaks for ("Norland's prime minister, Ada Lindqvist"), or -1 */
	part *parts;
	size_t nparts, parts_cap;
	hit *preds, *pws;
	size_t npreds, preds_cap, npws, pws_cap;
} coder;

static int same_fact(const ct_fact *a, const ct_fact *b)
{
	if (a->cc[0] && b->cc[0])
		return !strcmp(a->cc, b->cc);
	return a->ent >= 0 && a->ent == b->ent;
}

static int known(const ct_fact *f)
{
	return f->ent >= 0 || f->cc[0];
}

static const ct_fact no_fact = {-1, "", 0};

static int weekday_or_month(const char *s, size_t n)
{
	return ct_weekday_from_name(s, n) || ct_month_from_name(s, n);
}

/* A one-word name the lexicon lacks ("Norland") is a participant unless it
 * is a word that usually opens a sentence (data/starters.txt), a weekday or
 * a month; a word made of another name of the article and a demonym ending
 * ("Vestan" after "Vesta") stands for that name. */
static int plain_name(const ct_ctx *ctx, const char *s, size_t n)
{
	/* capitalized function words that data/starters.txt does not list */
	static const char *const function_words[] = {
		"Which", "Whose", "Whom", "Whether", "Whatever", "Whichever", "Whoever", "Though", "Although",
		"Whereas", "Unless", "Until", "Since", "Despite", "Instead", "Indeed", "Even", "Only", "Just",
		"Then", "Thus", "Therefore", "Such", "Both", "Either", "Neither", "Every", "Another", "Several",
		"Much", "More", "Less", "Perhaps", "Maybe", "Yes", "Nor", "Nothing", "Nobody", "Everyone"};
	if (n < 3 || memchr(s, ' ', n) || weekday_or_month(s, n) || ct_table_get(&ctx->starters, s, n, NULL))
		return 0;
	for (size_t k = 0; k < sizeof function_words / sizeof *function_words; k++)
		if (strlen(function_words[k]) == n && !memcmp(function_words[k], s, n))
			return 0;
	return 1;
}

static int unknown_actor(coder *c, int32_t ent, part *p, size_t *n, const ct_mention *mt)
{
	const ct_doc *doc = c->doc;
	const ct_ent *e = &doc->ents[ent];
	size_t len = strlen(e->name);
	if (!plain_name(c->ctx, e->name, len))
		return 0;
	/* the first entity named as this one less a demonym ending (looked up,
	 * not scanned: a scan per mention made long articles quadratic) */
	static const char *const ends[] = {"n", "an", "ian", "ese", "i", "ish", "ic"};
	if (!c->ent_names.cap)
		for (size_t k = doc->nent; k-- > 0;) /* the first of a name is put last */
			ct_table_put(&c->ent_names, doc->ents[k].name, strlen(doc->ents[k].name), (int)k);
	int base = -1;
	for (size_t j = 0; j < sizeof ends / sizeof *ends; j++) {
		size_t el = strlen(ends[j]);
		int k;
		if (len >= el + 3 && !memcmp(e->name + len - el, ends[j], el) &&
		    ct_table_get(&c->ent_names, e->name, len - el, &k) && (base < 0 || k < base))
			base = k;
	}
	if (base >= 0) {
		p->f.ent = base;
		memcpy(p->f.cc, c->ent_cc[base], 4);
		*n = mt->ntok;
		return 1;
	}
	p->f.ent = ent;
	*n = mt->ntok;
	return 1;
}

/* The participant at token i: 1 and *p, with *n its length in tokens. */
static int participant_at(coder *c, size_t i, part *p, size_t *n)
{
	const ct_doc *doc = c->doc;
	const ct_lexicon *lex = &c->ctx->lex;
	const ct_token *t = &doc->toks[i];
	memset(p, 0, sizeof *p);
	p->tok = (uint32_t)i;
	p->f = no_fact;
	p->f.tok = (uint32_t)i;
	*n = 1;
	int32_t m = c->tok_ment[i];
	if (m >= 0) {
		const ct_mention *mt = &doc->ments[m];
		if (mt->kind == CT_M_PRONOUN) {
			/* I, we, me, us (not US, the country) */
			const char *s = doc->text + t->off;
			if ((t->len == 1 && s[0] == 'I') || (t->len == 2 && !strncasecmp(s, "we", 2)) ||
			    (t->len == 2 && !strncmp(s, "me", 2)) || (t->len == 2 && !strncmp(s, "us", 2))) {
				p->speaker = 1;
				return 1;
			}
		}
		const ct_ent *e = mt->entity >= 0 ? &doc->ents[mt->entity] : NULL;
		if (mt->kind == CT_M_NAME && e && e->actor < 0) {
			/* a name chunk the lexicon lacks ("While US", "The Iranians",
			 * "Iranian Foreign Minister Mohammad Javad Zarif"): an actor or a
			 * demonym inside it speaks for it, token by token */
			int a;
			size_t an = ct_lex_match(&lex->aliases, doc, i, mt->tok + mt->ntok, 0, &a);
			if (an) {
				*n = an;
				const ct_lex_actor *la = &lex->actors[a];
				if (la->type == CT_ACTOR_OUTLET)
					return 0;
				memcpy(p->f.cc, la->country, 4);
				p->group = la->type == CT_ACTOR_GROUP && !la->country[0];
				if (i + an == mt->tok + mt->ntok && e->type == CT_ACTOR_PERSON)
					p->f.ent = mt->entity;
				return p->f.cc[0] || p->f.ent >= 0;
			}
			const char *cc = ct_verbs_demonym(&c->ctx->verbs, doc->text + t->off, t->len);
			if (cc && !(e->type == CT_ACTOR_PERSON && c->ent_cc[mt->entity][0])) {
				memcpy(p->f.cc, cc, 4);
				return 1;
			}
			if (e->type == CT_ACTOR_UNKNOWN && i == mt->tok && unknown_actor(c, mt->entity, p, n, mt))
				return 1;
			if (e->type != CT_ACTOR_PERSON || i != mt->tok)
				return 0;
			/* a person: the whole chunk, once; in an event it stands for the
			 * body it speaks for, when the article says which */
			*n = mt->tok + mt->ntok - i;
			p->f.ent = c->ent_aff[mt->entity] >= 0 && !c->ent_cc[mt->entity][0] ? c->ent_aff[mt->entity] : mt->entity;
			memcpy(p->f.cc, c->ent_cc[mt->entity], 4);
			return 1;
		}
		*n = mt->tok + mt->ntok - i;
		/* a name chunk resolved to an actor of the lexicon ("Khamenei" for
		 * Ali Khamenei) takes part as the actor does */
		if (e && (mt->kind == CT_M_ACTOR || mt->kind == CT_M_PRONOUN || mt->kind == CT_M_ROLE ||
			  mt->kind == CT_M_NAME)) {
			if (e->type == CT_ACTOR_OUTLET || e->type == CT_ACTOR_UNKNOWN)
				return 0;
			p->f.ent = c->ent_aff[mt->entity] >= 0 && !c->ent_cc[mt->entity][0] ? c->ent_aff[mt->entity] : mt->entity;
			memcpy(p->f.cc, c->ent_cc[mt->entity], 4);
			p->group = e->type == CT_ACTOR_GROUP && !p->f.cc[0];
			return 1;
		}
		return 0;
	}
	if (t->type == CT_TOK_WORD) {
		const char *cc = ct_verbs_demonym(&c->ctx->verbs, doc->text + t->off, t->len);
		if (cc) {
			memcpy(p->f.cc, cc, 4);
			return 1;
		}
	}
	if (t->type == CT_TOK_HASHTAG && t->len > 1) {
		int a;
		if (ct_table_get(&lex->aliases.phrases, doc->text + t->off + 1, t->len - 1, &a)) {
			const ct_lex_actor *la = &lex->actors[a];
			if (la->type == CT_ACTOR_OUTLET)
				return 0;
			memcpy(p->f.cc, la->country, 4);
			p->group = la->type == CT_ACTOR_GROUP && !la->country[0];
			if (p->group) {
				/* a topic by name: find its entity, if the article has one */
				for (size_t e = 0; e < doc->nent; e++)
					if (doc->ents[e].actor == a)
						p->f.ent = (int32_t)e;
			}
			return p->group ? p->f.ent >= 0 : p->f.cc[0] != 0;
		}
	}
	return 0;
}

/* Scans [a, b): predicates, polarity words, participants. */
static void scan(coder *c, size_t a, size_t b)
{
	const ct_doc *doc = c->doc;
	c->nparts = c->npreds = c->npws = 0;
	int place = 0;
	for (size_t i = a; i < b;) {
		int v;
		size_t n = ct_lex_match(&c->ctx->verbs.polarity, doc, i, b, 1, &v);
		if (n && (v == CT_PW_SPEAKER || v == CT_PW_NAMEJOIN))
			n = 0; /* a participant, from the mention; a word of a name */
		if (n && v == CT_PW_LOCATIVE) {
			place = 2;
			i += n;
			continue;
		}
		if (n) {
			ct_grow((void **)&c->pws, &c->pws_cap, c->npws + 1, sizeof *c->pws);
			c->pws[c->npws++] = (hit){(uint32_t)i, (uint32_t)n, v};
			i += n;
			if (place)
				place--;
			continue;
		}
		n = ct_lex_match(&c->ctx->verbs.verb_forms, doc, i, b, 1, &v);
		/* "a conference on fighting the Islamic State": a gerund after a
		 * preposition names what a noun is about, not an action */
		int pv;
		if (n && i > a && doc->toks[i].len > 4 && !strncasecmp(doc->text + doc->toks[i].off + doc->toks[i].len - 3, "ing", 3) &&
		    ct_lex_match(&c->ctx->verbs.polarity, doc, i - 1, i, 1, &pv) && pv == CT_PW_TOPIC)
			n = 0;
		if (n) {
			ct_grow((void **)&c->preds, &c->preds_cap, c->npreds + 1, sizeof *c->preds);
			c->preds[c->npreds++] = (hit){(uint32_t)i, (uint32_t)n, v};
			i += n;
			place = 0;
			continue;
		}
		part p;
		if (participant_at(c, i, &p, &n)) {
			if (!place) {
				ct_grow((void **)&c->parts, &c->parts_cap, c->nparts + 1, sizeof *c->parts);
				c->parts[c->nparts++] = p;
			}
			i += n;
			place = 0;
			continue;
		}
		/* "in the capital" still a place; "in Iraq's …" too */
		if (place && doc->toks[i].type == CT_TOK_WORD && !isupper((unsigned char)doc->text[doc->toks[i].off]) &&
		    !ct_tok_is(doc, i, "the"))
			place = 0;
		i++;
	}
}

/* ---- frames --------------------------------------------------------- */

static size_t sent_of(const ct_doc *doc, uint32_t tok);

/* A word that reads as a verb form, not a noun ("requesting help"). */
static int verb_form(const ct_doc *doc, uint32_t i)
{
	const ct_token *t = &doc->toks[i];
	const char *s = doc->text + t->off;
	return (t->len > 4 && !strncasecmp(s + t->len - 3, "ing", 3)) || (t->len > 3 && !strncasecmp(s + t->len - 2, "ed", 2));
}

static void date_in(const coder *c, uint32_t a, uint32_t b, ct_when *w)
{
	range_date(c->doc, a, b, &c->ref, c->dates, w);
}

typedef struct {
	int32_t att;
	uint32_t con, ncon; /* the content span */
	int32_t speaker;
	ct_fact spk;
	uint32_t spk_tok, spk_ntok;
	int cue_kind; /* ct_cue_kind, or -1 */
	int32_t cue_lex, channel;
	int cue_verb; /* index into verbs when the cue is an action, else -1 */
	int cue_neg;  /* a negation inside the cue ("did not rule out") */
	uint32_t cue_tok;
} base_info;

static int cls_of(const coder *c, int verb)
{
	return c->ctx->verbs.verbs[verb].cls;
}

static int has_pw(const coder *c, int kind, uint32_t from, uint32_t to)
{
	for (size_t k = 0; k < c->npws; k++)
		if (c->pws[k].val == kind && c->pws[k].tok >= from && c->pws[k].tok < to)
			return 1;
	return 0;
}

/* A word of `kind` in [a, pred) that ends at most 4 tokens before pred. */
static int near_pw(const coder *c, int kind, uint32_t a, uint32_t pred)
{
	for (size_t k = 0; k < c->npws; k++) {
		const hit *h = &c->pws[k];
		if (h->val == kind && h->tok >= a && h->tok < pred && h->tok + h->len + 4 >= pred)
			return 1;
	}
	return 0;
}

static void push_frame(ct_doc *doc, const ct_frame *f)
{
	ct_grow((void **)&doc->frames, &doc->frame_cap, doc->nframe + 1, sizeof *doc->frames);
	doc->frames[doc->nframe++] = *f;
}

/* The first participant in [from, to) that is not `not` and not a group. */
static const part *first_part(const coder *c, uint32_t from, uint32_t to, const ct_fact *not, int last)
{
	const part *best = NULL;
	for (size_t k = 0; k < c->nparts; k++) {
		const part *p = &c->parts[k];
		if (p->tok < from || p->tok >= to || p->group)
			continue;
		if (not && same_fact(&p->f, not))
			continue;
		best = p;
		if (!last)
			break;
	}
	return best;
}

static ct_fact fact_of(const part *p, const base_info *bi)
{
	if (!p)
		return no_fact;
	if (p->speaker) {
		ct_fact f = bi->spk;
		f.tok = p->tok;
		return f;
	}
	return p->f;
}

static int clause_stance(const coder *c, const base_info *bi, const ct_frame *f, uint32_t a, uint32_t b,
			 int sentence_doubt);

static int corrective_but(const coder *c, uint32_t start, uint32_t i, uint32_t b);

/* A clause that holds a corrective "but" ("not even cooperation, but sort
 * of moving in the same direction") neither asserts nor denies. */
static int corrected(const coder *c, uint32_t a, uint32_t b)
{
	for (uint32_t t = a; t < b; t++)
		if (corrective_but(c, a, t, b))
			return 1;
	return 0;
}

/* "Kerry did not want Iran to participate": a negated wish, belief or
 * claim turns what it carries around. (A negated cue that is an action,
 * "did not rule out", is the action negated, coded with the action.) */
static int negated_belief(const base_info *bi)
{
	return bi->cue_neg && bi->cue_verb < 0 && (bi->cue_kind == CT_CUE_BELIEVE || bi->cue_kind == CT_CUE_CLAIM);
}

/* A clause with no event predicate: a statement with its polarity and
 * stance, no action and no participants. A clause of fewer than two words
 * says nothing the story could group. */
static void code_plain(coder *c, ct_frame *f, const base_info *bi, uint32_t a, uint32_t b, int sentence_doubt)
{
	size_t words = 0;
	for (uint32_t t = a; t < b; t++)
		words += c->doc->toks[t].type == CT_TOK_WORD || c->doc->toks[t].type == CT_TOK_NUMBER;
	if (words < 2)
		return;
	int neg = has_pw(c, CT_PW_NEG, a, b) || has_pw(c, CT_PW_NEVER, a, b) || has_pw(c, CT_PW_DENY, a, b);
	if (has_pw(c, CT_PW_FALSE, a, b))
		neg = !neg;
	if (negated_belief(bi))
		neg = !neg;
	int hypothetical = has_pw(c, CT_PW_CONDITION, a, b) || corrected(c, a, b);
	if (hypothetical)
		neg = 0;
	f->verb = -1;
	f->pred = a;
	f->polarity = neg ? -1 : 1;
	f->modality = has_pw(c, CT_PW_FUTURE, a, b) ? CT_MOD_FUTURE : has_pw(c, CT_PW_POSSIBLE, a, b) ? CT_MOD_POSSIBLE
		    : CT_MOD_ACTUAL;
	if (neg && has_pw(c, CT_PW_NEVER, a, b))
		f->modality = CT_MOD_NEVER;
	if (hypothetical)
		f->modality = CT_MOD_POSSIBLE;
	f->stance = (uint8_t)clause_stance(c, bi, f, a, b, sentence_doubt);
	push_frame(c->doc, f);
}

/* Codes the clause [a, b) of sentence s. */
static void code_clause(coder *c, const base_info *bi, size_t s, uint32_t a, uint32_t b, int sentence_doubt)
{
	ct_doc *doc = c->doc;
	const ct_verbs *vl = &c->ctx->verbs;
	scan(c, a, b);
	ct_frame f;
	memset(&f, 0, sizeof f);
	f.att = bi->att;
	if (b > a)
		s = sent_of(doc, a);
	f.sent = (uint32_t)s;
	/* a clause in another sentence than the cue has no implied subject */
	int implied = bi->att < 0 || bi->cue_verb >= 0 || sent_of(doc, bi->cue_tok) == s;
	/* "there was an offer", "there is no record of": nobody is the subject */
	for (uint32_t t = a; t < b && t < a + 6 && implied; t++)
		if (ct_tok_is(doc, t, "there"))
			implied = 0;
	/* "the two governments", "both sides": the parties are the article's two main ones */
	for (uint32_t t = a; t < b && implied; t++)
		if (ct_tok_is(doc, t, "two") || ct_tok_is(doc, t, "both"))
			implied = 0;
	f.tok = a;
	f.ntok = b - a;
	f.speaker = bi->speaker;
	f.spk_tok = bi->spk_tok;
	f.spk_ntok = bi->spk_ntok;
	memcpy(f.spk_cc, bi->spk.cc, 4);
	f.src = f.tgt = no_fact;
	f.topic = -1;
	f.topic_verb = -1;
	f.polarity = 1;
	f.cue_lex = bi->cue_lex;
	f.cue_neg = (uint8_t)bi->cue_neg;
	f.channel = bi->channel;
	/* the date of the clause; else the sentence's, when it lies outside the
	 * content (in the reporting part: "X confirmed on Wednesday that …") */
	date_in(c, a, b, &f.when);
	if (!f.when.prec) {
		const ct_when *sw = &doc->sent_when[s];
		int inside = bi->att < 0 || c->date_quoted[s];
		if (sw->prec && !inside)
			f.when = *sw;
	}

	int verb;
	uint32_t pred, after;
	size_t next_pred = 0; /* preds index after the main one */
	int neg = 0;
	if (bi->cue_verb >= 0) {
		verb = bi->cue_verb;
		pred = bi->cue_tok;
		after = a;
		f.src = bi->spk;
		neg = bi->cue_neg;
	} else if (!c->npreds) {
		/* No event of the verb lexicon: still a statement, which the story
		 * groups into claims by what it says. Its polarity is any negation
		 * in the clause, turned by a "not true" after it. */
		code_plain(c, &f, bi, a, b, sentence_doubt);
		return;
	} else {
		/* a compound names its head last ("aid offer", "military cooperation") */
		size_t k0 = 0;
		while (k0 + 1 < c->npreds && c->preds[k0 + 1].tok == c->preds[k0].tok + c->preds[k0].len &&
		       !verb_form(doc, c->preds[k0].tok + c->preds[k0].len - 1))
			k0++;
		verb = c->preds[k0].val;
		pred = c->preds[k0].tok;
		after = pred + c->preds[k0].len;
		next_pred = k0 + 1;
		const part *sp = first_part(c, a, pred, NULL, 1);
		f.src = sp ? fact_of(sp, bi) : implied ? bi->spk : no_fact;
		/* a negation shortly before the predicate ("not coordinate", "no record
		 * of the US requesting"), a denial anywhere before it */
		neg = near_pw(c, CT_PW_NEG, a, pred) || near_pw(c, CT_PW_NEVER, a, pred) || has_pw(c, CT_PW_DENY, a, pred);
	}
	if (has_pw(c, CT_PW_FALSE, pred, b))
		neg = !neg;
	if (negated_belief(bi))
		neg = !neg;
	int hypothetical = has_pw(c, CT_PW_CONDITION, a, b) || corrected(c, a, b);
	if (bi->cue_verb >= 0 && !hypothetical) {
		/* "… if Egypt and Turkey did not discuss it": the condition precedes the cue */
		const ct_sentence *cs = &doc->sents[sent_of(doc, bi->cue_tok)];
		for (uint32_t t = cs->tok; t < bi->cue_tok && !hypothetical; t++) {
			int v;
			if (ct_lex_match(&c->ctx->verbs.polarity, doc, t, bi->cue_tok, 1, &v) && v == CT_PW_CONDITION)
				hypothetical = 1;
		}
	}
	if (hypothetical)
		neg = 0;
	f.pred = pred;
	int cls = cls_of(c, verb);

	/* a rejection of a proposal, or of a relation */
	if (cls == CT_VC_REJECT) {
		for (size_t k = next_pred; k < c->npreds; k++) {
			int nc = cls_of(c, c->preds[k].val);
			if (nc == CT_VC_PROPOSE) {
				uint32_t from = bi->cue_verb >= 0 ? a : after;
				if (from > c->preds[k].tok)
					from = a;
				const part *pp = first_part(c, from, c->preds[k].tok, &f.src, 0);
				if (!pp)
					pp = first_part(c, c->preds[k].tok + c->preds[k].len, b, &f.src, 0);
				ct_fact rejecter = f.src;
				f.src = fact_of(pp, bi);
				f.tgt = rejecter;
				f.proposal = 1;
				f.refused = !neg;
				f.cameo = vl->verbs[c->preds[k].val].cameo;
				f.verb = c->preds[k].val;
				for (size_t j = k + 1; j < c->npreds; j++)
					if (cls_of(c, c->preds[j].val) == CT_VC_COOPERATE || cls_of(c, c->preds[j].val) == CT_VC_CONSULT) {
						f.topic_verb = c->preds[j].val;
						break;
					}
				neg = 0;
				goto topic;
			}
			if (nc == CT_VC_COOPERATE || nc == CT_VC_CONSULT) {
				verb = c->preds[k].val;
				cls = nc;
				after = c->preds[k].tok + c->preds[k].len;
				neg = !neg;
				break;
			}
		}
	}
	f.verb = verb;
	f.cameo = vl->verbs[verb].cameo;
	if (cls == CT_VC_PROPOSE) {
		f.proposal = 1;
		const part *tp = first_part(c, after, b, &f.src, 0);
		/* "an offer from Vesta", "a request by X": the one after from/by made it */
		if (tp && tp->tok >= 1 && !first_part(c, a, pred, NULL, 0) &&
		    (ct_tok_is(doc, tp->tok - 1, "from") || ct_tok_is(doc, tp->tok - 1, "by") ||
		     (tp->tok >= 2 && (ct_tok_is(doc, tp->tok - 2, "from") || ct_tok_is(doc, tp->tok - 2, "by"))))) {
			const part *sp = first_part(c, a, pred, NULL, 1);
			ct_fact addressee = sp ? fact_of(sp, bi) : bi->spk;
			f.src = fact_of(tp, bi);
			f.tgt = same_fact(&addressee, &f.src) ? no_fact : addressee;
		} else {
			f.tgt = fact_of(tp, bi);
		}
		for (size_t j = next_pred; j < c->npreds; j++)
			if (cls_of(c, c->preds[j].val) == CT_VC_COOPERATE || cls_of(c, c->preds[j].val) == CT_VC_CONSULT) {
				f.topic_verb = c->preds[j].val;
				break;
			}
	} else if (vl->verbs[verb].symmetric) {
		/* the first two distinct countries of the clause, when it names two */
		const part *p1 = NULL, *p2 = NULL;
		for (size_t k = 0; k < c->nparts && !p2; k++) {
			const part *p = &c->parts[k];
			ct_fact pf = fact_of(p, bi);
			if (!pf.cc[0] || p->group)
				continue;
			if (!p1)
				p1 = p;
			else if (strcmp(fact_of(p1, bi).cc, pf.cc))
				p2 = p;
		}
		if (p2) {
			f.src = fact_of(p1, bi);
			f.tgt = fact_of(p2, bi);
		} else {
			const part *tp = first_part(c, after, b, &f.src, 0);
			f.tgt = fact_of(tp, bi);
		}
	} else {
		const part *tp = NULL;
		if (cls == CT_VC_FIGHT) /* one fights an armed group before a country */
			for (size_t k = 0; k < c->nparts && !tp; k++)
				if (c->parts[k].group && c->parts[k].tok >= after)
					tp = &c->parts[k];
		if (!tp)
			tp = first_part(c, after, b, &f.src, 0);
		f.tgt = fact_of(tp, bi);
	}
topic:
	for (size_t k = 0; k < c->nparts; k++)
		if (c->parts[k].group && c->parts[k].f.ent >= 0 && c->parts[k].f.ent != f.tgt.ent) {
			f.topic = c->parts[k].f.ent;
			break;
		}
	f.polarity = neg ? -1 : 1;
	/* modality: the nearest modal before the predicate in the clause, else one just after it */
	{
		int mod = -1;
		for (size_t k = 0; k < c->npws; k++) {
			const hit *h = &c->pws[k];
			if (h->val != CT_PW_FUTURE && h->val != CT_PW_POSSIBLE && h->val != CT_PW_NEVER)
				continue;
			if (h->tok < pred || (mod < 0 && h->tok < pred + 5))
				mod = h->val;
			if (h->tok >= pred)
				break;
		}
		f.modality = mod == CT_PW_FUTURE ? CT_MOD_FUTURE : mod == CT_PW_NEVER ? CT_MOD_NEVER
			   : mod == CT_PW_POSSIBLE ? CT_MOD_POSSIBLE : CT_MOD_ACTUAL;
		if (hypothetical)
			f.modality = CT_MOD_POSSIBLE;
	}
	if (has_pw(c, CT_PW_NEVER, a, b) && f.polarity < 0)
		f.modality = CT_MOD_NEVER;
	f.stance = (uint8_t)clause_stance(c, bi, &f, a, b, sentence_doubt);
	push_frame(doc, &f);
}

/* The stance of a coded clause toward what it says. */
static int clause_stance(const coder *c, const base_info *bi, const ct_frame *f, uint32_t a, uint32_t b,
			 int sentence_doubt)
{
	if (sentence_doubt || has_pw(c, CT_PW_DOUBT, a, b))
		return CT_ST_QUESTION;
	if (bi->cue_kind == CT_CUE_DENY && bi->cue_verb < 0)
		return CT_ST_DENY;
	if (f->polarity < 0)
		return CT_ST_DENY;
	if (bi->cue_kind == CT_CUE_QUESTION && bi->cue_lex >= 0 && strcmp(c->ctx->lex.cues[bi->cue_lex].lemma, "ask") != 0)
		return CT_ST_QUESTION;
	/* "would not confirm", "did not say": the speaker withholds it */
	if (bi->cue_neg && bi->cue_verb < 0 && !negated_belief(bi) && bi->cue_kind != CT_CUE_DENY)
		return CT_ST_QUESTION;
	return bi->att < 0 ? CT_ST_REPORT : CT_ST_ASSERT;
}

/* What the article says in its own voice: no attribution, speaker or cue. */
static base_info outlet_voice(void)
{
	base_info bi;
	memset(&bi, 0, sizeof bi);
	bi.att = -1;
	bi.speaker = -1;
	bi.spk = no_fact;
	bi.cue_kind = -1;
	bi.cue_lex = -1;
	bi.channel = -1;
	bi.cue_verb = -1;
	return bi;
}

/* "not even cooperation or even coordination, but sort of moving in the
 * same direction": a "but" that corrects a negation ("not even X, but Y",
 * "not X but rather Y") continues the clause, which then denies nothing on
 * its own. True when the "but" at token i (clause [start, i), span end b)
 * is one. */
static int corrective_but(const coder *c, uint32_t start, uint32_t i, uint32_t b)
{
	const ct_doc *doc = c->doc;
	if (!ct_tok_is(doc, i, "but") || i + 1 >= b)
		return 0;
	int negated = 0;
	for (uint32_t t = start; t < i && !negated; t++) {
		int v;
		negated = ct_lex_match(&c->ctx->verbs.polarity, doc, t, i, 1, &v) && (v == CT_PW_NEG || v == CT_PW_NEVER);
	}
	if (!negated)
		return 0;
	/* "not even X, but Y"; "not X but rather / only / sort of Y"
	 * (data/polarity.txt, kinds scalar and correct) */
	int v;
	for (uint32_t t = start; t + 1 < i; t++)
		if (ct_lex_match(&c->ctx->verbs.polarity, doc, t, t + 1, 1, &v) && v == CT_PW_NEG &&
		    ct_lex_match(&c->ctx->verbs.polarity, doc, t + 1, t + 2, 1, &v) && v == CT_PW_SCALAR)
			return 1;
	return ct_lex_match(&c->ctx->verbs.polarity, doc, i + 1, i + 2, 1, &v) && v == CT_PW_CORRECT;
}

/* ", and" before nothing but a name to the next clause ("a clash between
 * Okafor, who was unarmed, and police chief Tobias Renn") joins two names,
 * not two clauses. i: the comma, n: the words of ", and". A word neither
 * a name, a role nor a word that joins names (polarity.txt, namejoin)
 * makes it a clause ("…, and Kerry met Lavrov"), and so does "officer",
 * which the roles lack. */
static int and_joins_names(const coder *c, uint32_t i, size_t n, uint32_t b)
{
	const ct_doc *doc = c->doc;
	if (n != 2 || doc->toks[i].type != CT_TOK_PUNCT)
		return 0;
	uint32_t k = i + 2, words = 0;
	for (; k < b && !(doc->toks[k].flags & CT_TF_SENT_END); k++) {
		int v = 0;
		size_t m = ct_lex_match(&c->ctx->verbs.polarity, doc, k, b, 1, &v);
		if (m && v == CT_PW_CLAUSE)
			break;
		if (doc->toks[k].type != CT_TOK_WORD)
			continue;
		words++;
		if (!(doc->tok_lex[k] & (CT_LX_ACTOR | CT_LX_NAME | CT_LX_ROLE)) && !(m == 1 && v == CT_PW_NAMEJOIN))
			return 0;
	}
	return words > 0;
}

/* Splits [a, b) into clauses and codes each. */
static void code_span(coder *c, const base_info *bi, size_t s, uint32_t a, uint32_t b, int sentence_doubt)
{
	const ct_doc *doc = c->doc;
	uint32_t start = a;
	base_info later = *bi; /* a cue verb governs the first clause only */
	if (later.cue_verb >= 0) {
		later.cue_verb = -1;
		later.cue_kind = CT_CUE_REPORT;
	}
	for (uint32_t i = a; i < b; i++) {
		int v;
		size_t n = ct_lex_match(&c->ctx->verbs.polarity, doc, i, b, 1, &v);
		if (n && v == CT_PW_CLAUSE && (corrective_but(c, start, i, b) || and_joins_names(c, i, n, b)))
			n = 0;
		if (n && v == CT_PW_CLAUSE) {
			if (i > start)
				code_clause(c, start == a ? bi : &later, s, start, i, sentence_doubt);
			start = (uint32_t)(i + n);
			while (start < b && doc->toks[start].type == CT_TOK_PUNCT)
				start++; /* "However, these …" */
			i = start - 1;
		} else if ((doc->toks[i].flags & CT_TF_SENT_END) && i + 1 < b) {
			/* content that runs on into the next sentence: one clause each */
			code_clause(c, start == a ? bi : &later, s, start, i + 1, sentence_doubt);
			start = i + 1;
		}
	}
	if (b > start)
		code_clause(c, start == a ? bi : &later, s, start, b, sentence_doubt);
	if (bi->cue_verb >= 0 && a == b)
		code_clause(c, bi, s, a, b, sentence_doubt);
}

static size_t sent_of(const ct_doc *doc, uint32_t tok)
{
	size_t lo = 0, hi = doc->nsent;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (doc->sents[mid].tok <= tok)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The speaker of an attribution: the entity the attribute stage resolved
 * (it follows pronouns to the last speaker, takes the person a source
 * names, and carries a continued quotation's speaker); failing that, the
 * source span's last entity not followed by "'s".
 */
static void speaker_of(coder *c, const ct_att *at, base_info *bi)
{
	const ct_doc *doc = c->doc;
	bi->speaker = at->entity;
	bi->spk = no_fact;
	bi->spk_tok = at->src;
	bi->spk_ntok = at->nsrc;
	if (!at->nsrc && at->entity < 0)
		return;
	int32_t genitive = -1;
	for (uint32_t i = at->src; i < at->src + at->nsrc && at->entity < 0; i++) {
		int32_t m = c->tok_ment[i];
		if (m < 0 || doc->ments[m].entity < 0)
			continue;
		const ct_mention *mt = &doc->ments[m];
		if (doc->ents[mt->entity].type == CT_ACTOR_UNKNOWN) {
			/* a plain one-word name speaks when it is the whole source
			 * ("Vesta denied …") or owns it ("Vesta's foreign ministry") */
			const ct_ent *ue = &doc->ents[mt->entity];
			uint32_t end = mt->tok + mt->ntok;
			if (!plain_name(c->ctx, ue->name, strlen(ue->name)))
				continue;
			if (mt->tok == at->src && mt->ntok == at->nsrc) {
				bi->speaker = mt->entity;
				break;
			}
			if (end + 1 < at->src + at->nsrc && ct_tok_is(doc, end, "'s") && genitive < 0)
				genitive = mt->entity;
			continue;
		}
		uint32_t end = mt->tok + mt->ntok;
		if (end < doc->ntok && (ct_tok_is(doc, end, "'s") || ct_tok_is(doc, end, "'"))) {
			/* "Vesta's foreign ministry": the possessor speaks, when the
			 * span goes on to name what of it speaks; not "the context of
			 * Khamenei's" */
			if (end + 1 < at->src + at->nsrc && genitive < 0)
				genitive = mt->entity;
			continue;
		}
		/* the first person named, else the last entity */
		int person = doc->ents[mt->entity].type == CT_ACTOR_PERSON;
		if (bi->speaker < 0 || (person && doc->ents[bi->speaker].type != CT_ACTOR_PERSON) ||
		    (!person && doc->ents[bi->speaker].type != CT_ACTOR_PERSON))
			if (doc->ents[mt->entity].type != CT_ACTOR_UNKNOWN || bi->speaker < 0)
				bi->speaker = mt->entity;
		i = end - 1;
	}
	if (bi->speaker < 0)
		bi->speaker = genitive;
	if (bi->speaker >= 0) {
		bi->spk.ent = c->ent_aff[bi->speaker] >= 0 && !c->ent_cc[bi->speaker][0] ? c->ent_aff[bi->speaker] : bi->speaker;
		memcpy(bi->spk.cc, c->ent_cc[bi->speaker], 4);
	}
	for (uint32_t i = at->src; i < at->src + at->nsrc && !bi->spk.cc[0]; i++) {
		const ct_token *t = &doc->toks[i];
		const char *cc = ct_verbs_demonym(&c->ctx->verbs, doc->text + t->off, t->len);
		if (cc)
			memcpy(bi->spk.cc, cc, 4);
	}
	if (bi->speaker < 0 && !bi->spk.cc[0]) {
		/* "a headline", "the context of …": the outlet's own voice */
		bi->spk_ntok = 0;
	}
}

/* The lexicon actor a name chunk stands for: the alias that ends it
 * ("Iranian Supreme Leader Ayatollah Seyed Ali Khamenei", "The State
 * Department"); a country only after a bare "The". -1 when none. */

/* A country for entities that have none: the actor their name ends in,
 * a demonym that opens it ("Iranian Foreign Minister …", "The Iranians"),
 * or an actor right before the name in a title ("U.S. State Department
 * spokeswoman Jen Paski"). */
static void learn_countries(coder *c)
{
	ct_doc *doc = c->doc;
	const ct_lexicon *lex = &c->ctx->lex;
	for (size_t e = 0; e < doc->nent; e++) {
		const ct_ent *en = &doc->ents[e];
		memcpy(c->ent_cc[e], en->country, 4);
		if (en->country[0] || en->actor >= 0)
			continue;
		int32_t a = ct_resolve_name_actor(lex, en->name, NULL);
		if (a >= 0) {
			memcpy(c->ent_cc[e], lex->actors[a].country, 4);
			continue;
		}
		const char *sp = strchr(en->name, ' ');
		const char *w = !strncmp(en->name, "The ", 4) ? en->name + 4 : en->name;
		const char *we = strchr(w, ' ');
		const char *cc = ct_verbs_demonym(&c->ctx->verbs, w, we ? (size_t)(we - w) : strlen(w));
		if (cc && (sp || w != en->name))
			memcpy(c->ent_cc[e], cc, 4);
	}
	for (size_t s = 0; s < doc->nsent; s++) {
		const ct_sentence *se = &doc->sents[s];
		for (uint32_t i = se->tok; i < se->tok + se->ntok; i++) {
			int32_t m = c->tok_ment[i];
			if (m < 0)
				continue;
			const ct_mention *mt = &doc->ments[m];
			if (mt->kind != CT_M_NAME || mt->entity < 0 || c->ent_cc[mt->entity][0] ||
			    doc->ents[mt->entity].type != CT_ACTOR_PERSON) {
				i = mt->tok + mt->ntok - 1;
				continue;
			}
			/* walk back over role words, commas and "'s" to an actor of
			 * government or country, or to a recurring name ("Norland's prime
			 * minister, Ada Lindqvist") */
			for (uint32_t j = i; j-- > se->tok && j + 8 > i;) {
				const ct_token *t = &doc->toks[j];
				int32_t m2 = c->tok_ment[j];
				if (m2 < 0) {
					if (ct_tok_is(doc, j, ",") || ct_tok_is(doc, j, "'s") ||
					    (t->type == CT_TOK_WORD && islower((unsigned char)doc->text[t->off])))
						continue;
					break;
				}
				const ct_mention *mt2 = &doc->ments[m2];
				if (mt2->kind == CT_M_ROLE)
					continue;
				int32_t e2 = mt2->entity;
				if (e2 < 0)
					break;
				const ct_ent *en2 = &doc->ents[e2];
				if (mt2->kind == CT_M_ACTOR && c->ent_cc[e2][0] &&
				    (en2->type == CT_ACTOR_GOVERNMENT || en2->type == CT_ACTOR_COUNTRY))
					memcpy(c->ent_cc[mt->entity], c->ent_cc[e2], 4);
				else if (en2->type == CT_ACTOR_UNKNOWN && plain_name(c->ctx, en2->name, strlen(en2->name)))
					c->ent_aff[mt->entity] = e2;
				break;
			}
			i = mt->tok + mt->ntok - 1;
		}
	}
}

/* The two parties the article names most often (countries, bodies and
 * recurring names; not persons): 1 when there are two. */
static int top_two(coder *c, ct_fact *x, ct_fact *y)
{
	ct_doc *doc = c->doc;
	ct_table index = {0};
	ct_fact *facts = NULL;
	int *counts = NULL;
	size_t n = 0, cap = 0, cap2 = 0;
	scan(c, 0, (uint32_t)doc->ntok); /* places (in Kamari) are passed over */
	for (size_t k = 0; k < c->nparts; k++) {
		const part *p = &c->parts[k];
		if (p->group || p->speaker || (!p->f.cc[0] && (p->f.ent < 0 || doc->ents[p->f.ent].type == CT_ACTOR_PERSON)))
			continue;
		char key[24];
		if (p->f.cc[0])
			snprintf(key, sizeof key, "%s", p->f.cc);
		else
			snprintf(key, sizeof key, "e%d", (int)p->f.ent);
		int v;
		if (!ct_table_get(&index, key, strlen(key), &v)) {
			v = (int)n++;
			ct_table_put(&index, key, strlen(key), v);
			ct_grow((void **)&facts, &cap, n, sizeof *facts);
			ct_grow((void **)&counts, &cap2, n, sizeof *counts);
			facts[v] = p->f;
			counts[v] = 0;
		}
		counts[v]++;
	}
	/* the two most named; the first named wins a tie */
	int b0 = -1, b1 = -1;
	for (size_t i = 0; i < n; i++) {
		if (b0 < 0 || counts[i] > counts[b0]) {
			b1 = b0;
			b0 = (int)i;
		} else if (b1 < 0 || counts[i] > counts[b1]) {
			b1 = (int)i;
		}
	}
	*x = b0 >= 0 ? facts[b0] : no_fact;
	*y = b1 >= 0 ? facts[b1] : no_fact;
	ct_table_free(&index);
	free(facts);
	free(counts);
	return b0 >= 0 && b1 >= 0;
}

/* Fills missing participants from earlier frames of the same class and
 * from the countries of the sentence. */
static void fill_missing(coder *c)
{
	ct_doc *doc = c->doc;
	const ct_verbs *vl = &c->ctx->verbs;
	for (size_t i = 0; i < doc->nframe; i++) {
		ct_frame *f = &doc->frames[i];
		if (f->verb < 0)
			continue;
		int cls = vl->verbs[f->verb].cls;
		if (known(&f->src) && known(&f->tgt))
			continue;
		if (cls == CT_VC_REJECT && !known(&f->tgt)) {
			/* "this apparent refusal": the refusal told before */
			for (size_t j = i; j-- > 0;) {
				const ct_frame *g = &doc->frames[j];
				if (g->proposal && g->refused) {
					f->proposal = 1;
					f->refused = f->polarity > 0;
					f->verb = g->verb;
					f->cameo = g->cameo;
					f->src = g->src;
					f->tgt = g->tgt;
					f->topic_verb = g->topic_verb;
					if (f->stance == CT_ST_DENY)
						f->stance = CT_ST_QUESTION;
					f->polarity = 1;
					break;
				}
			}
			continue;
		}
		/* a proposal borrows its parties only when it is doubted, denied or
		 * refused ("it was unclear to what offer he was referring") */
		int borrow = !f->proposal || f->refused || f->stance == CT_ST_DENY || f->stance == CT_ST_QUESTION;
		/* the outlet's own narration that names one party is about that party */
		if (f->att < 0 && f->stance == CT_ST_REPORT && (known(&f->src) || known(&f->tgt)))
			borrow = 0;
		for (size_t j = i, seen = 0; borrow && j-- > 0 && seen++ < 256;) {
			const ct_frame *g = &doc->frames[j];
			if (g->sent >= f->sent) /* an antecedent is told before */
				continue;
			if (g->verb < 0 || vl->verbs[g->verb].cls != cls || g->proposal != f->proposal || !known(&g->src) || !known(&g->tgt))
				continue;
			f->guessed = g->guessed;
			if (!known(&f->src) && !known(&f->tgt)) {
				f->src = g->src;
				f->tgt = g->tgt;
			} else if (!known(&f->tgt)) {
				if (same_fact(&f->src, &g->src))
					f->tgt = g->tgt;
				else if (same_fact(&f->src, &g->tgt))
					f->tgt = g->src;
				else if (f->proposal)
					f->tgt = g->tgt;
				else
					continue;
			} else {
				if (same_fact(&f->tgt, &g->tgt))
					f->src = g->src;
				else if (same_fact(&f->tgt, &g->src))
					f->src = g->tgt;
				else if (f->proposal)
					f->src = g->src;
				else
					continue;
			}
			break;
		}
		if (known(&f->src) && known(&f->tgt))
			continue;
		/* "the two governments", "both countries": the article's two main parties */
		if (vl->verbs[f->verb].symmetric && !f->proposal) {
			int two = 0;
			for (uint32_t t = f->tok; t < f->tok + f->ntok && !two; t++)
				two = ct_tok_is(doc, t, "two") || ct_tok_is(doc, t, "both");
			ct_fact x, y;
			if (two && !c->top_done) {
				c->top_done = 1;
				if (!top_two(c, &c->top[0], &c->top[1]))
					c->top[0] = c->top[1] = no_fact;
			}
			x = c->top[0];
			y = c->top[1];
			if (two && known(&x) && known(&y)) {
				if (!known(&f->src) && !known(&f->tgt)) {
					f->src = x;
					f->tgt = y;
				} else if (!known(&f->tgt)) {
					f->tgt = same_fact(&f->src, &x) ? y : x;
				} else if (!known(&f->src)) {
					f->src = same_fact(&f->tgt, &x) ? y : x;
				}
				if (same_fact(&f->src, &f->tgt))
					f->tgt = no_fact;
				if (known(&f->src) && known(&f->tgt))
					continue;
			}
		}
		/* the other countries and bodies of the sentence */
		const ct_sentence *se = &doc->sents[f->sent];
		scan(c, se->tok, se->tok + se->ntok);
		for (size_t k = 0; k < c->nparts; k++) {
			const part *p = &c->parts[k];
			if (p->group || p->speaker || (!p->f.cc[0] && (p->f.ent < 0 || doc->ents[p->f.ent].type == CT_ACTOR_PERSON)))
				continue;
			if (!known(&f->src) && !same_fact(&p->f, &f->tgt)) {
				f->src = p->f;
				f->guessed = 1;
			} else if (!known(&f->tgt) && !same_fact(&p->f, &f->src)) {
				f->tgt = p->f;
				f->guessed = 1;
			}
		}
	}
}

typedef struct {
	uint32_t sent, att;
} att_ref;

static int cmp_att_ref(const void *a, const void *b)
{
	const att_ref *x = a, *y = b;
	if (x->sent != y->sent)
		return x->sent < y->sent ? -1 : 1;
	return x->att < y->att ? -1 : x->att > y->att;
}

int ct_code_run(const ct_ctx *ctx, ct_doc *doc)
{
	doc->nframe = 0;
	free(doc->sent_when);
	doc->sent_when = ct_xcalloc(doc->nsent + 1, sizeof *doc->sent_when);
	ct_date ref = {0, 0, 0};
	const char *pub = doc->meta[CT_META_PUBLISHED];
	if (pub && !ct_date_parse(pub, strlen(pub), &ref))
		ref = (ct_date){0, 0, 0};
	date_memo *dates = ct_xcalloc(doc->ntok + 1, sizeof *dates);
	for (size_t s = 0; s < doc->nsent; s++)
		range_date(doc, doc->sents[s].tok, doc->sents[s].tok + doc->sents[s].ntok, &ref, dates, &doc->sent_when[s]);
	if (!ctx->verbs.nverb) {
		free(dates);
		return 0;
	}

	coder c;
	memset(&c, 0, sizeof c);
	c.ctx = ctx;
	c.doc = doc;
	c.ref = ref;
	c.dates = dates;
	c.tok_ment = ct_xmalloc((doc->ntok + 1) * sizeof *c.tok_ment);
	for (size_t i = 0; i < doc->ntok; i++)
		c.tok_ment[i] = -1;
	for (size_t m = 0; m < doc->nment; m++) {
		const ct_mention *mt = &doc->ments[m];
		if (mt->kind == CT_M_CUE || mt->kind == CT_M_CHANNEL)
			continue;
		for (uint32_t k = mt->tok; k < mt->tok + mt->ntok && k < doc->ntok; k++)
			if (c.tok_ment[k] < 0)
				c.tok_ment[k] = (int32_t)m;
	}
	c.ent_cc = ct_xcalloc(doc->nent + 1, sizeof *c.ent_cc);
	c.ent_aff = ct_xmalloc((doc->nent + 1) * sizeof *c.ent_aff);
	for (size_t e = 0; e <= doc->nent; e++)
		c.ent_aff[e] = -1;
	learn_countries(&c);

	/* sentences any attribution touches are not the outlet's own */
	uint8_t *touched = ct_xcalloc(doc->nsent + 1, 1);
	/* (sentence, attribution) for every sentence an attribution touches,
	 * sorted by sentence: each sentence then sees only its own */
	att_ref *touch = NULL;
	size_t ntouch = 0, touch_cap = 0;
	for (size_t k = 0; k < doc->natt; k++) {
		const ct_att *at = &doc->atts[k];
		uint32_t r[4][2] = {{at->src, at->nsrc}, {at->cue, at->ncue}, {at->con, at->ncon}, {at->con2, at->ncon2}};
		size_t lo = SIZE_MAX, hi = 0;
		for (int j = 0; j < 4; j++)
			if (r[j][1]) {
				size_t s0 = sent_of(doc, r[j][0]), s1 = sent_of(doc, r[j][0] + r[j][1] - 1);
				lo = s0 < lo ? s0 : lo;
				hi = s1 > hi ? s1 : hi;
				for (size_t s = s0; s <= s1; s++)
					touched[s] = 1;
			}
		for (size_t s = lo; lo != SIZE_MAX && s <= hi; s++) {
			ct_grow((void **)&touch, &touch_cap, ntouch + 1, sizeof *touch);
			touch[ntouch++] = (att_ref){(uint32_t)s, (uint32_t)k};
		}
	}
	if (ntouch)
		qsort(touch, ntouch, sizeof *touch, cmp_att_ref);
	c.date_quoted = ct_xcalloc(doc->nsent + 1, 1);
	for (size_t t = 0; t < ntouch; t++) {
		const ct_att *o = &doc->atts[touch[t].att];
		const ct_when *sw = &doc->sent_when[touch[t].sent];
		if (sw->prec && ((o->ncon && sw->tok >= o->con && sw->tok < o->con + o->ncon) ||
				 (o->ncon2 && sw->tok >= o->con2 && sw->tok < o->con2 + o->ncon2)))
			c.date_quoted[touch[t].sent] = 1;
	}
	size_t ti = 0;

	/* attributions and own sentences in text order */
	att_ref *order = ct_xmalloc((doc->natt + 1) * sizeof *order);
	for (size_t j = 0; j < doc->natt; j++) {
		const ct_att *at = &doc->atts[j];
		order[j] = (att_ref){(uint32_t)sent_of(doc, at->ncon ? at->con : at->cue), (uint32_t)j};
	}
	qsort(order, doc->natt, sizeof *order, cmp_att_ref);
	size_t oi = 0;
	for (size_t s = 0; s < doc->nsent; s++) {
		const ct_sentence *se = &doc->sents[s];
		int sdoubt = 0;
		size_t o_lo = oi, o_hi = oi;
		while (o_hi < doc->natt && order[o_hi].sent == s)
			o_hi++;
		size_t t_lo = ti, t_hi = ti;
		while (t_hi < ntouch && touch[t_hi].sent == s)
			t_hi++;
		ti = t_hi;
		for (; oi < doc->natt && order[oi].sent == s; oi++) {
			size_t k = order[oi].att;
			const ct_att *at = &doc->atts[k];
			if (!at->ncon && !at->ncue)
				continue;
			base_info bi;
			memset(&bi, 0, sizeof bi);
			bi.att = (int32_t)k;
			speaker_of(&c, at, &bi);
			/* "…", according to X: X is the speaker of a sibling attribution without one */
			if (bi.speaker < 0) {
				for (size_t oj = o_lo; oj < o_hi; oj++) {
					size_t j = order[oj].att;
					const ct_att *o = &doc->atts[j];
					if (j == k || o->ncon || !o->nsrc || o->cue_lex < 0 ||
					    ctx->lex.cues[o->cue_lex].kind != CT_CUE_ACCORDING)
						continue;
					base_info ob;
					memset(&ob, 0, sizeof ob);
					speaker_of(&c, o, &ob);
					if (ob.speaker >= 0) {
						bi.speaker = ob.speaker;
						bi.spk = ob.spk;
						bi.spk_tok = ob.spk_tok;
						bi.spk_ntok = ob.spk_ntok;
					}
				}
			}
			/* "Asked to reveal …, Harf confirmed …": a question put by no one
			 * named states nothing, neither its asker's nor the outlet's */
			if (bi.speaker < 0 && !at->nsrc && at->cue_lex >= 0 &&
			    !strcmp(ctx->lex.cues[at->cue_lex].lemma, "ask"))
				continue;
			bi.con = at->con;
			bi.ncon = at->ncon;
			bi.cue_kind = at->cue_lex >= 0 ? (int)ctx->lex.cues[at->cue_lex].kind : -1;
			/* "continue to deny": a denial anywhere in the cue */
			for (uint32_t i = at->cue; i < at->cue + at->ncue; i++) {
				int v;
				if (ct_lex_match(&ctx->verbs.polarity, doc, i, at->cue + at->ncue, 1, &v) && v == CT_PW_DENY)
					bi.cue_kind = CT_CUE_DENY;
			}
			bi.cue_lex = at->cue_lex;
			bi.channel = at->channel;
			bi.cue_verb = -1;
			bi.cue_tok = at->cue;
			for (uint32_t i = at->cue; i < at->cue + at->ncue; i++) {
				int v;
				size_t n = ct_lex_match(&ctx->verbs.verb_forms, doc, i, at->cue + at->ncue, 1, &v);
				if (n && ctx->verbs.verbs[v].cls != CT_VC_STATEMENT) {
					bi.cue_verb = v;
					bi.cue_tok = i;
					break;
				}
				n = ct_lex_match(&ctx->verbs.polarity, doc, i, at->cue + at->ncue, 1, &v);
				if (n && (v == CT_PW_NEG || v == CT_PW_NEVER))
					bi.cue_neg = 1;
			}
			/* a source span that holds an event word ("Turkey rebuffed the
			 * Russian" before the cue "calls for") is a tagging slip: the
			 * sentence part is coded in the outlet's voice instead */
			int slip = 0;
			for (uint32_t i = at->src; i < at->src + at->nsrc && !slip; i++) {
				int v;
				if (ct_lex_match(&ctx->verbs.verb_forms, doc, i, at->src + at->nsrc, 1, &v) &&
				    ctx->verbs.verbs[v].cls != CT_VC_STATEMENT)
					slip = 1;
			}
			if (slip) {
				uint32_t lo = at->src, hi = at->src + at->nsrc;
				if (at->ncue && at->cue < lo)
					lo = at->cue;
				if (at->ncon && at->con < lo)
					lo = at->con;
				if (at->ncue && at->cue + at->ncue > hi)
					hi = at->cue + at->ncue;
				if (at->ncon && at->con + at->ncon > hi)
					hi = at->con + at->ncon;
				base_info ob = outlet_voice();
				code_span(&c, &ob, s, lo, hi, 0);
				continue;
			}
			/* a doubt outside the content and outside quotation marks is the
			 * outlet's ("Evidence against Iranian claims of …") */
			int outside_doubt = 0;
			for (uint32_t i = se->tok; i < se->tok + se->ntok; i++) {
				int v;
				size_t n = ct_lex_match(&ctx->verbs.polarity, doc, i, se->tok + se->ntok, 1, &v);
				if (n && v == CT_PW_DOUBT && !(doc->toks[i].flags & CT_TF_QUOTED) &&
				    (i < at->con || i >= at->con + at->ncon) && (i < at->con2 || i >= at->con2 + at->ncon2))
					outside_doubt = 1;
			}
			sdoubt = bi.spk_ntok == 0 && outside_doubt;
			size_t before = doc->nframe;
			code_span(&c, &bi, s, at->con, at->con + at->ncon, sdoubt);
			if (at->ncon2) {
				/* the rest of a split quotation, in the same voice */
				bi.con = at->con2;
				bi.ncon = at->ncon2;
				bi.cue_verb = -1; /* a cue verb is the action of the first clause only */
				code_span(&c, &bi, sent_of(doc, at->con2), at->con2, at->con2 + at->ncon2, sdoubt);
			}
			if (outside_doubt && !sdoubt) {
				for (size_t f = before, end = doc->nframe; f < end; f++) {
					ct_frame q = doc->frames[f];
					q.speaker = -1;
					q.spk_ntok = 0;
					q.spk_cc[0] = 0;
					q.stance = CT_ST_QUESTION;
					q.cue_lex = -1;
					q.channel = -1;
					push_frame(doc, &q);
				}
			}
		}
		if (touched[s]) {
			/* the parts no attribution covers ("Iran will never partner with …
			 * because …, according to Iranian military officials"): the
			 * speaker of an according-to in the sentence, else the outlet */
			uint32_t a0 = se->tok, n0 = se->ntok;
			uint8_t *cov = ct_xcalloc(n0 + 1, 1);
			const ct_att *acc = NULL;
			for (size_t tj = t_lo; tj < t_hi; tj++) {
				const ct_att *o = &doc->atts[touch[tj].att];
				uint32_t r[4][2] = {{o->src, o->nsrc}, {o->cue, o->ncue}, {o->con, o->ncon}, {o->con2, o->ncon2}};
				int here = 0;
				for (int q = 0; q < 4; q++) {
					uint32_t from = r[q][0] > a0 ? r[q][0] : a0, to = r[q][0] + r[q][1];
					if (to > a0 + n0)
						to = a0 + n0;
					for (uint32_t t = from; t < to; t++) {
						cov[t - a0] = 1;
						here = 1;
					}
				}
				if (here && o->nsrc && o->cue_lex >= 0 && ctx->lex.cues[o->cue_lex].kind == CT_CUE_ACCORDING)
					acc = o;
			}
			for (uint32_t t = 0; t < n0;) {
				if (cov[t]) {
					t++;
					continue;
				}
				uint32_t e = t;
				while (e < n0 && !cov[e])
					e++;
				uint32_t t1 = t; /* what is left after an attribution: ", a move that …" */
				while (t1 < e && doc->toks[a0 + t1].type == CT_TOK_PUNCT)
					t1++;
				if (e - t1 >= 4) {
					base_info bi = outlet_voice();
					if (acc) {
						speaker_of(&c, acc, &bi);
						bi.att = (int32_t)(acc - doc->atts);
						bi.cue_lex = acc->cue_lex;
						bi.cue_kind = CT_CUE_ACCORDING;
						bi.channel = acc->channel;
					}
					code_span(&c, &bi, s, a0 + t1, a0 + e, 0);
				}
				t = e;
			}
			free(cov);
		} else {
			base_info bi = outlet_voice();
			code_span(&c, &bi, s, se->tok, se->tok + se->ntok, 0);
		}
	}
	fill_missing(&c);
	free(order);
	free(touch);
	free(c.date_quoted);
	free(c.dates);
	ct_table_free(&c.ent_names);
	free(touched);
	free(c.tok_ment);
	free(c.ent_cc);
	free(doc->ent_aff);
	doc->ent_aff = c.ent_aff; /* the story reads affiliations across articles */
	free(c.parts);
	free(c.preds);
	free(c.pws);
	return 0;
}
