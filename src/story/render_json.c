/*
 * render_json.c — the story map as one JSON object (README.md, "Story
 * JSON"), built with jansson so that every string is escaped by the book.
 * Keys keep their insertion order; arrays follow the map's order (claims
 * conflicts first, the timeline by date).
 */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "story.h"
#include "../extract/code.h"

static json_t *str(const char *s)
{
	/* Text reaching here is valid UTF-8 (normalized, or lexicon data). */
	return json_string_nocheck(s ? s : "");
}

static json_t *strn(const char *s, size_t n)
{
	return json_stringn_nocheck(s, n);
}

static json_t *entity_ref(int32_t e)
{
	if (e < 0)
		return json_null();
	char id[24];
	snprintf(id, sizeof id, "e%d", (int)e + 1);
	return str(id);
}

static json_t *statement(const ct_story *st, size_t i)
{
	const ct_story_stmt *s = &st->stmts[i];
	const ct_part_stmt *ps = ct_story_pstmt(st, i);
	const ct_part_sent *se = ct_story_stmt_sent(st, i);
	json_t *o = json_object();
	char buf[32];
	json_object_set_new(o, "article", str(ct_story_article_id(st, s->article)));
	json_object_set_new(o, "outlet", str(ct_story_outlet_of(st, s->article)->name));
	json_object_set_new(o, "speaker", entity_ref(s->speaker));
	json_object_set_new(o, "speaker_name", str(ct_story_speaker_name(st, i)));
	json_object_set_new(o, "stance", str(ct_story_stance_name(s->stance)));
	char cuebuf[64];
	const char *cue = ct_story_cue(st, i, cuebuf, sizeof cuebuf);
	json_object_set_new(o, "cue", *cue ? str(cue) : json_null());
	json_object_set_new(o, "channel", *ct_story_channel(st, i) ? str(ct_story_channel(st, i)) : json_null());
	ct_story_stmt_date(st, i, buf);
	json_object_set_new(o, "date", buf[0] ? str(buf) : json_null());
	json_object_set_new(o, "date_from", str(ps->when.prec ? "text" : buf[0] ? "published" : "none"));
	json_object_set_new(o, "polarity", json_integer(ps->polarity));
	static const char *const mods[] = {"actual", "future", "possible", "never"};
	json_object_set_new(o, "modality", str(mods[ps->modality & 3]));
	if (ps->verb >= 0) {
		json_t *ev = json_object();
		snprintf(buf, sizeof buf, "%03u", ps->cameo);
		json_object_set_new(ev, "cameo", str(buf));
		json_object_set_new(ev, "action", str(ct_story_event_action(st, i)));
		json_object_set_new(ev, "source", str(ct_story_fact_name(st, s->article, &ps->src)));
		json_object_set_new(ev, "target", str(ct_story_fact_name(st, s->article, &ps->tgt)));
		if (ps->proposal)
			json_object_set_new(ev, "refused", json_boolean(ps->refused));
		json_object_set_new(o, "event", ev);
	} else {
		json_object_set_new(o, "event", json_null());
	}
	json_object_set_new(o, "sentence", json_integer(se->index));
	size_t n;
	const char *cl = ct_story_stmt_clause(st, i, &n);
	json_object_set_new(o, "clause", strn(cl, n));
	json_object_set_new(o, "text", str(se->text));
	return o;
}

/* Confidences to three places: what a reader can use, and the same
 * bytes from run to run. */
static json_t *confidence(float p)
{
	return json_real((double)lrintf(p * 1000) / 1000);
}

/* An article's stance on claim c; `claim` names the claim (for the outlets' list). */
static json_t *article_stance(const ct_story *st, const ct_claim *c, const ct_article_stance *as, int claim)
{
	json_t *o = json_object();
	if (claim) {
		char id[24];
		snprintf(id, sizeof id, "c%u", c->rank);
		json_object_set_new(o, "claim", str(id));
	}
	json_object_set_new(o, "article", str(ct_story_article_id(st, as->article)));
	json_object_set_new(o, "outlet", str(ct_story_outlet_of(st, as->article)->name));
	json_object_set_new(o, "stance", str(ct_story_stance_name(as->stance)));
	json_object_set_new(o, "from", str(as->from_model ? "model" : "statements"));
	json_object_set_new(o, "confidence", confidence(as->confidence));
	json_t *ix = json_array();
	for (uint32_t k = 0; k < as->nstmt; k++)
		json_array_append_new(ix, json_integer(as->stmt0 + k));
	json_object_set_new(o, "statements", ix);
	return o;
}

static json_t *counts(const size_t *n)
{
	json_t *o = json_object();
	for (int s = 0; s < CT_ST_NKINDS; s++)
		json_object_set_new(o, ct_story_stance_name(s), json_integer((json_int_t)n[s]));
	return o;
}

static int dump_to_buf(const char *p, size_t n, void *arg)
{
	ct_buf_add(arg, p, n);
	return 0;
}

void ct_story_render_json(const ct_story *st, ct_buf *b)
{
	json_t *root = json_object();
	json_t *arts = json_array();
	for (size_t a = 0; a < st->npart; a++) {
		const ct_story_part *p = st->parts[a];
		json_t *o = json_object();
		const ct_story_outlet *ol = ct_story_outlet_of(st, a);
		json_object_set_new(o, "id", str(ct_story_article_id(st, a)));
		json_object_set_new(o, "outlet", str(ol->name));
		json_object_set_new(o, "outlet_from", str(ct_outlet_from_name(ol->from)));
		json_object_set_new(o, "title", p->meta[CT_META_TITLE] ? str(p->meta[CT_META_TITLE]) : json_null());
		json_object_set_new(o, "published", p->meta[CT_META_PUBLISHED] ? str(p->meta[CT_META_PUBLISHED]) : json_null());
		if (p->meta[CT_META_URL])
			json_object_set_new(o, "url", str(p->meta[CT_META_URL]));
		json_array_append_new(arts, o);
	}
	json_object_set_new(root, "articles", arts);

	json_t *ents = json_array();
	for (size_t e = 0; e < st->nent; e++) {
		const ct_story_ent *en = &st->ents[e];
		json_t *o = json_object();
		json_object_set_new(o, "id", entity_ref((int32_t)e));
		json_object_set_new(o, "name", str(en->name));
		json_object_set_new(o, "type", str(ct_actor_type_name(en->type)));
		json_object_set_new(o, "country", en->cc[0] ? str(en->cc) : json_null());
		json_t *al = json_array();
		for (size_t k = 0; k < en->nalias; k++)
			json_array_append_new(al, str(en->aliases[k]));
		json_object_set_new(o, "aliases", al);
		json_object_set_new(o, "statements", json_integer((json_int_t)en->mentions));
		json_array_append_new(ents, o);
	}
	json_object_set_new(root, "entities", ents);

	json_t *claims = json_array();
	for (size_t r = 1; r <= st->nlisted; r++) {
		const ct_claim *c = ct_story_ranked(st, r);
		json_t *o = json_object();
		char id[24];
		snprintf(id, sizeof id, "c%u", c->rank);
		json_object_set_new(o, "id", str(id));
		json_object_set_new(o, "summary", str(c->summary));
		json_object_set_new(o, "given", json_boolean(c->given));
		json_object_set_new(o, "conflict", json_boolean(c->conflict));
		json_object_set_new(o, "articles", json_integer((json_int_t)c->narticles));
		json_object_set_new(o, "stances", counts(c->by_stance));
		json_object_set_new(o, "article_sides", counts(c->by_article));
		json_t *ss = json_array();
		for (size_t j = 0; j < c->nstmt; j++)
			json_array_append_new(ss, statement(st, c->stmts[j]));
		json_object_set_new(o, "statements", ss);
		json_t *as = json_array();
		for (size_t j = 0; j < c->nastance; j++)
			json_array_append_new(as, article_stance(st, c, &st->astances[c->astance + j], 0));
		json_object_set_new(o, "article_stances", as);
		if (st->stance)
			json_object_set_new(o, "stance_headline", str(ct_story_claim_headline(st, c)));
		json_array_append_new(claims, o);
	}
	json_object_set_new(root, "claims", claims);

	json_t *outlets = json_array();
	for (size_t o = 0; o < st->noutlet; o++) {
		const ct_story_outlet *ol = &st->outlets[o];
		json_t *j = json_object();
		json_object_set_new(j, "name", str(ol->name));
		json_object_set_new(j, "from", str(ct_outlet_from_name(ol->from)));
		json_t *al = json_array();
		for (size_t k = 0; k < ol->narticle; k++)
			json_array_append_new(al, str(ct_story_article_id(st, ol->articles[k])));
		json_object_set_new(j, "articles", al);
		json_t *cl = json_array();
		for (size_t k = 0; k < ol->nclaim; k++) {
			const ct_outlet_claim *oc = &ol->claims[k];
			json_t *e = json_object();
			char id[24];
			snprintf(id, sizeof id, "c%u", st->claims[oc->claim].rank);
			json_object_set_new(e, "claim", str(id));
			for (int q = 0; q < CT_ST_NKINDS; q++)
				json_object_set_new(e, ct_story_stance_name(q), json_integer(oc->nart[q]));
			json_object_set_new(e, "for", json_integer(oc->nfor));
			json_object_set_new(e, "against", json_integer(oc->nagainst));
			json_array_append_new(cl, e);
		}
		json_object_set_new(j, "claims", cl);
		if (ol->lead_stmt >= 0) {
			size_t i = (size_t)ol->lead_stmt;
			json_t *l = json_object();
			char id[24];
			snprintf(id, sizeof id, "c%u", st->claims[st->stmts[i].claim].rank);
			json_object_set_new(l, "claim", str(id));
			int side = ct_story_side(st, i);
			json_object_set_new(l, "side", str(side > 0 ? "for" : side < 0 ? "against" : "none"));
			json_object_set_new(l, "speaker_name", str(ct_story_speaker_name(st, i)));
			json_object_set_new(l, "stance", str(ct_story_stance_name(st->stmts[i].stance)));
			json_object_set_new(l, "in_lead", json_boolean(ct_story_stmt_sent(st, i)->lead));
			json_object_set_new(j, "leads_with", l);
		} else {
			json_object_set_new(j, "leads_with", json_null());
		}
		json_array_append_new(outlets, j);
	}
	json_object_set_new(root, "outlets", outlets);

	json_t *tl = json_array();
	for (size_t t = 0; t < st->ntl; t++) {
		const ct_tl_entry *e = &st->timeline[t];
		json_t *o = json_object();
		static const char *const precs[] = {"", "day", "week", "month"};
		json_object_set_new(o, "date", str(e->iso));
		json_object_set_new(o, "precision", str(precs[e->when.prec & 3]));
		ct_buf sum = {0};
		json_t *cl = json_array(), *al = json_array(), *ss = json_array();
		for (size_t k = 0; k < e->nstmt; k++) {
			size_t i = e->stmts[k];
			const ct_story_stmt *s = &st->stmts[i];
			char id[24];
			if (s->claim >= 0) {
				const ct_claim *c = &st->claims[s->claim];
				snprintf(id, sizeof id, "c%u", c->rank);
				int dup = 0;
				for (size_t x = 0; x < json_array_size(cl); x++)
					dup |= !strcmp(json_string_value(json_array_get(cl, x)), id);
				if (!dup) {
					json_array_append_new(cl, str(id));
					ct_buf_printf(&sum, "%s%s", sum.len ? "; " : "", c->summary);
				}
			}
			const char *aid = ct_story_article_id(st, s->article);
			int dup = 0;
			for (size_t x = 0; x < json_array_size(al); x++)
				dup |= !strcmp(json_string_value(json_array_get(al, x)), aid);
			if (!dup)
				json_array_append_new(al, str(aid));
			json_t *so = json_object();
			json_object_set_new(so, "article", str(aid));
			json_object_set_new(so, "sentence", json_integer(ct_story_stmt_sent(st, i)->index));
			json_object_set_new(so, "speaker_name", str(ct_story_speaker_name(st, i)));
			size_t n;
			const char *c = ct_story_stmt_clause(st, i, &n);
			json_object_set_new(so, "clause", strn(c, n));
			json_array_append_new(ss, so);
		}
		if (!sum.len) {
			size_t n;
			const char *c = ct_story_stmt_clause(st, e->stmts[0], &n);
			if (n > 160) {
				n = 160;
				while (n > 0 && ((unsigned char)c[n] & 0xC0) == 0x80)
					n--;
			}
			ct_buf_add(&sum, c, n);
		}
		json_object_set_new(o, "summary", strn(sum.data, sum.len));
		ct_buf_free(&sum);
		json_object_set_new(o, "claims", cl);
		json_object_set_new(o, "articles", al);
		json_object_set_new(o, "statements", ss);
		json_array_append_new(tl, o);
	}
	json_object_set_new(root, "timeline", tl);
	if (st->stance) {
		json_t *sm = json_object();
		json_object_set_new(sm, "min_confidence", confidence((float)st->stance_min));
		json_object_set_new(sm, "article_stances", json_integer((json_int_t)st->nmodel));
		json_object_set_new(root, "stance_model", sm);
	} else {
		json_object_set_new(root, "stance_model", json_null());
	}
	json_dump_callback(root, dump_to_buf, b, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(3));
	ct_buf_addc(b, '\n');
	json_decref(root);
}
