/*
 * resolve.c — one entity per person or body within an article.
 *
 * Method, in text order over the mentions:
 *  - a known actor (lexicon) is its own entity, one per actor;
 *  - a name chunk joins an earlier entity whose name it equals, or whose
 *    last word it is (a surname after the full name: "Harf" after "Marie
 *    Harf"), or — a typo — whose last word it is within a small edit
 *    distance (Paski for Psaki, Codesman for Cordesman); failing that, a
 *    person of the lexicon the same way ("Kerry" alone, "Jen Paski" with
 *    the first name right); else it is new, a person when a role noun
 *    stands before it ("spokeswoman Lena Okafor") or a title opens it ("Dr.
 *    Gwen Korovin", the title no part of the name), of unknown type
 *    otherwise (many capitalized chunks are places and events);
 *  - a role noun right before a name belongs to that name ("spokeswoman
 *    Jen Psaki"); a role noun alone ("the supreme leader") joins the last
 *    entity seen with that role, or a lexicon actor holding it;
 *  - a pronoun takes the last person (he, she) or group (they, we) entity
 *    before it.
 */
#include "resolve.h"
#include "../core/uchar.h"

#include <stdlib.h>
#include <string.h>

static size_t edit_distance(const char *a, size_t n, const char *b, size_t m)
{
	if (n > 32 || m > 32)
		return 99;
	size_t row[33];
	for (size_t j = 0; j <= m; j++)
		row[j] = j;
	for (size_t i = 1; i <= n; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[m];
}

/*
 * The entities so far, indexed: by name, and — for people and names of
 * unknown type — by last word, each key to its newest entity; and the
 * people with their last words, for the typo search. (A scan of every
 * entity for every name made an article of many names quadratic.)
 */
typedef struct {
	ct_table by_name, by_last;
	struct person {
		int32_t ent;
		uint32_t off, len; /* the last word, in the entity's name */
	} *people;
	size_t npeople, people_cap;
	int32_t *actors; /* the entities that are lexicon actors, in order: few, where entities may be many */
	size_t nactors, actors_cap;
} ent_index;

static const char *last_word(const char *s, size_t n, size_t *wn)
{
	size_t i = n;
	while (i > 0 && s[i - 1] != ' ')
		i--;
	*wn = n - i;
	return s + i;
}

static int32_t new_entity(ct_doc *doc, ent_index *ix, const char *name, size_t n, ct_actor_type type,
			  const char *country, int32_t actor)
{
	ct_grow((void **)&doc->ents, &doc->ent_cap, doc->nent + 1, sizeof *doc->ents);
	ct_ent *e = &doc->ents[doc->nent];
	memset(e, 0, sizeof *e);
	e->name = ct_arena_strndup(&doc->arena, name, n);
	e->type = type;
	if (country)
		memcpy(e->country, country, 4);
	e->actor = actor;
	int32_t id = (int32_t)doc->nent++;
	if (actor >= 0) {
		ct_grow((void **)&ix->actors, &ix->actors_cap, ix->nactors + 1, sizeof *ix->actors);
		ix->actors[ix->nactors++] = id;
	}
	size_t lw;
	const char *l = last_word(e->name, n, &lw);
	ct_table_put(&ix->by_name, e->name, n, id);
	if (type == CT_ACTOR_PERSON || type == CT_ACTOR_UNKNOWN)
		ct_table_put(&ix->by_last, l, lw, id);
	if (type == CT_ACTOR_PERSON) {
		ct_grow((void **)&ix->people, &ix->people_cap, ix->npeople + 1, sizeof *ix->people);
		ix->people[ix->npeople++] = (struct person){id, (uint32_t)(l - e->name), (uint32_t)lw};
	}
	return id;
}

/* The text of mention m. */
static const char *ment_text(const ct_doc *doc, const ct_mention *m, size_t *n)
{
	const ct_token *a = &doc->toks[m->tok], *b = &doc->toks[m->tok + m->ntok - 1];
	*n = b->off + b->len - a->off;
	return doc->text + a->off;
}

/*
 * The newest entity named s, or — s being one word — whose last word s is
 * (a person's or an unknown name's); failing both, the newest person whose
 * surname s misspells.
 */
static int32_t find_name(const ct_doc *doc, const ent_index *ix, const char *s, size_t n)
{
	int single = !memchr(s, ' ', n);
	int named = -1, last = -1;
	ct_table_get(&ix->by_name, s, n, &named);
	if (single)
		ct_table_get(&ix->by_last, s, n, &last);
	if (named >= 0 || last >= 0)
		return named > last ? named : last;
	if (!single || n < 5)
		return -1;
	for (size_t p = ix->npeople; p-- > 0;) {
		const struct person *pe = &ix->people[p];
		const char *l = doc->ents[pe->ent].name + pe->off;
		/* a misspelt surname: long enough that two edits still say who; a
		 * person's only ("Vesta" is not a misspelt "Vestan") */
		if (pe->len >= 5 && l[0] == s[0] && edit_distance(l, pe->len, s, n) <= 2)
			return pe->ent;
	}
	return -1;
}

/* "Ana Ribeiro, the mayor of …": a name with a person's role in apposition. */
static int appositive(const ct_doc *doc, size_t m)
{
	const ct_mention *mt = &doc->ments[m];
	uint32_t k = mt->tok + mt->ntok;
	if (k + 1 >= doc->ntok || doc->toks[k].len != 1 || doc->text[doc->toks[k].off] != ',')
		return 0;
	for (size_t j = m + 1; j < doc->nment && doc->ments[j].tok <= k + 3; j++)
		if (doc->ments[j].kind == CT_M_ROLE && doc->ments[j].val == 1)
			return 1;
	return 0;
}

/* The first word of s (n bytes). */
static size_t first_word(const char *s, size_t n)
{
	const char *sp = memchr(s, ' ', n);
	return sp ? (size_t)(sp - s) : n;
}

/*
 * A lexicon person this name chunk stands for: its last word is the
 * person's surname (exactly, or within two edits when long enough), and any
 * first word agrees. -1 when none or several.
 */
static int32_t lexicon_person(const ct_lexicon *lex, const char *s, size_t n)
{
	size_t lw;
	const char *last = last_word(s, n, &lw);
	int multi = lw < n;
	int v;
	if (ct_table_get(&lex->surnames, last, lw, &v)) {
		if (v < 0)
			return -1;
		const char *name = lex->actors[v].name;
		size_t fw = first_word(s, n);
		if (!multi || (fw == first_word(name, strlen(name)) && !strncmp(name, s, fw)))
			return v;
		return -1;
	}
	if (!multi || lw < 5)
		return -1;
	int32_t found = -1;
	size_t fw = first_word(s, n);
	for (size_t a = 0; a < lex->nactor; a++) {
		const ct_lex_actor *act = &lex->actors[a];
		if (act->type != CT_ACTOR_PERSON)
			continue;
		size_t an = strlen(act->name), al;
		const char *alast = last_word(act->name, an, &al);
		if (fw != first_word(act->name, an) || strncmp(act->name, s, fw) || alast[0] != last[0] ||
		    edit_distance(alast, al, last, lw) > 2)
			continue;
		if (found >= 0)
			return -1;
		found = (int32_t)a;
	}
	return found;
}

int ct_resolve_run(const ct_ctx *ctx, ct_doc *doc)
{
	const ct_lexicon *lex = &ctx->lex;
	int32_t last_person = -1, last_group = -1, last_name = -1;
	doc->nent = 0;
	ent_index ix = {0};
	int32_t *by_actor = ct_xcalloc(lex->nactor + 1, sizeof *by_actor);
	for (size_t i = 0; i < lex->nactor; i++)
		by_actor[i] = -1;
	for (size_t m = 0; m < doc->nment; m++) {
		ct_mention *mt = &doc->ments[m];
		size_t n;
		const char *s = ment_text(doc, mt, &n);
		switch (mt->kind) {
		case CT_M_ACTOR: {
			const ct_lex_actor *a = &lex->actors[mt->val];
			if (by_actor[mt->val] < 0)
				by_actor[mt->val] = new_entity(doc, &ix, a->name, strlen(a->name), a->type, a->country, mt->val);
			mt->entity = by_actor[mt->val];
			break;
		}
		case CT_M_NAME: {
			/* "Dr. Gwen Korovin", "Ms Psaki": a title says a person, and is
			 * not part of the name */
			int title = 0;
			for (;;) {
				size_t fw = first_word(s, n), tl = fw && s[fw - 1] == '.' ? fw - 1 : fw;
				int cls;
				if (fw >= n || !tl || !ct_table_get(&ctx->abbrevs, s, tl, &cls) || cls != CT_ABBR_TITLE)
					break;
				title = 1;
				s += fw + 1;
				n -= fw + 1;
			}
			int32_t e = find_name(doc, &ix, s, n);
			int32_t act = e < 0 ? lexicon_person(lex, s, n) : -1;
			if (act >= 0) {
				const ct_lex_actor *a = &lex->actors[act];
				if (by_actor[act] < 0)
					by_actor[act] = new_entity(doc, &ix, a->name, strlen(a->name), a->type, a->country, act);
				e = by_actor[act];
			}
			if (e < 0) {
				/* "spokeswoman Lena Okafor", "the prime minister, Ada Lindqvist" */
				const ct_mention *pm = m > 0 ? &doc->ments[m - 1] : NULL;
				uint32_t pend = pm ? pm->tok + pm->ntok : 0;
				int titled = pm && pm->kind == CT_M_ROLE && pm->val == 1 &&
					     (pend == mt->tok || (pend + 1 == mt->tok && doc->toks[pend].len == 1 &&
								  doc->text[doc->toks[pend].off] == ','));
				e = new_entity(doc, &ix, s, n,
					       title || titled || appositive(doc, m) ? CT_ACTOR_PERSON : CT_ACTOR_UNKNOWN, NULL, -1);
			}
			if (title && doc->ents[e].type == CT_ACTOR_UNKNOWN)
				doc->ents[e].type = CT_ACTOR_PERSON;
			mt->entity = e;
			break;
		}
		case CT_M_ROLE: {
			/* "spokeswoman Jen Psaki": the name that follows */
			if (m + 1 < doc->nment && doc->ments[m + 1].tok == mt->tok + mt->ntok &&
			    (doc->ments[m + 1].kind == CT_M_NAME || doc->ments[m + 1].kind == CT_M_ACTOR))
				break; /* set when the name is resolved; see below */
			/* a lexicon actor holding the role, seen already in the article */
			int32_t e = -1;
			char role[64];
			for (size_t c = 0; c < n && n < sizeof role; c++)
				role[c] = ct_ascii_lower(s[c]);
			role[n < sizeof role ? n : 0] = 0;
			for (size_t k = 0; k < ix.nactors && e < 0 && n < sizeof role; k++) {
				int32_t act = doc->ents[ix.actors[k]].actor;
				if (lex->actors[act].roles && strstr(lex->actors[act].roles, role))
					e = ix.actors[k];
			}
			mt->entity = e;
			break;
		}
		case CT_M_PRONOUN:
			mt->entity = mt->val == 1 ? (last_person >= 0 ? last_person : last_name)
				     : mt->val == 2 ? last_group : -1;
			break;
		default:
			break;
		}
		if (mt->kind == CT_M_NAME || mt->kind == CT_M_ACTOR) {
			if (m > 0 && doc->ments[m - 1].kind == CT_M_ROLE &&
			    doc->ments[m - 1].tok + doc->ments[m - 1].ntok == mt->tok)
				doc->ments[m - 1].entity = mt->entity;
		}
		if (mt->entity >= 0) {
			doc->ents[mt->entity].mentions++;
			ct_actor_type t = doc->ents[mt->entity].type;
			if (t == CT_ACTOR_PERSON)
				last_person = mt->entity;
			else if (t == CT_ACTOR_UNKNOWN && mt->kind == CT_M_NAME && mt->ntok > 1)
				last_name = mt->entity; /* most two-word names in news are people's */
			else if (t != CT_ACTOR_UNKNOWN && mt->kind != CT_M_PRONOUN)
				last_group = mt->entity;
		}
	}
	free(by_actor);
	ct_table_free(&ix.by_name);
	ct_table_free(&ix.by_last);
	free(ix.people);
	free(ix.actors);
	return 0;
}

int32_t ct_resolve_name_actor(const ct_lexicon *lex, const char *name, size_t *at)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < n; i++) {
		if (i && name[i - 1] != ' ')
			continue;
		int a;
		if (!ct_table_get(&lex->aliases.phrases, name + i, n - i, &a))
			continue;
		const ct_lex_actor *la = &lex->actors[a];
		if (la->type == CT_ACTOR_COUNTRY && i && !(i == 4 && !strncmp(name, "The ", 4)))
			continue;
		if (la->type == CT_ACTOR_OUTLET && i)
			continue;
		if (at)
			*at = i;
		return a;
	}
	return -1;
}
