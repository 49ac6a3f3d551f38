/*
 * render_json.c — the story map as one JSON object (README.md, "Story
 * JSON"), written as it goes: no tree of the map is built in memory, and
 * with a sink on a file the output leaves in blocks, so a map of many
 * thousand claims costs its text, not a tree ten times its size. Strings
 * go through the escaper of the extract records (an invalid byte, never
 * reaching here from normalized text, would be written as U+FFFD). Keys
 * keep their order; arrays follow the map's (claims by rank, the
 * timeline by date).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "story.h"
#include "../out/out.h"

/* The separator and key of the next member of an object: *n counts its members. */
static void key(ct_buf *b, int *n, const char *k)
{
	if ((*n)++)
		ct_buf_addc(b, ',');
	ct_buf_addc(b, '"');
	ct_buf_adds(b, k);
	CT_BUF_LIT(b, "\":");
}

static void str(ct_buf *b, const char *s)
{
	ct_out_json_string(b, s ? s : "", s ? strlen(s) : 0);
}

/* A string, or null for NULL and "". */
static void str_or_null(ct_buf *b, const char *s)
{
	if (s && *s)
		str(b, s);
	else
		CT_BUF_LIT(b, "null");
}

static void num(ct_buf *b, long long v)
{
	ct_buf_printf(b, "%lld", v);
}

static void boolean(ct_buf *b, int v)
{
	ct_buf_adds(b, v ? "true" : "false");
}

/* Confidences to three places: what a reader can use, and the same
 * bytes from run to run. */
static void confidence(ct_buf *b, float p)
{
	ct_buf_printf(b, "%.3f", (double)lrintf(p * 1000) / 1000);
	while (b->len > 2 && b->data[b->len - 1] == '0' && b->data[b->len - 2] != '.')
		b->len--;
}

static void entity_ref(ct_buf *b, int32_t e)
{
	if (e < 0)
		CT_BUF_LIT(b, "null");
	else
		ct_buf_printf(b, "\"e%d\"", (int)e + 1);
}

static void claim_ref(ct_buf *b, const ct_claim *c)
{
	ct_buf_printf(b, "\"c%u\"", c->rank);
}

static void statement(ct_buf *b, const ct_story *st, size_t i)
{
	const ct_story_stmt *s = &st->stmts[i];
	const ct_part_stmt *ps = ct_story_pstmt(st, i);
	const ct_part_sent *se = ct_story_stmt_sent(st, i);
	char buf[64];
	int n = 0;
	ct_buf_addc(b, '{');
	key(b, &n, "article");
	str(b, ct_story_article_id(st, s->article));
	key(b, &n, "outlet");
	str(b, ct_story_outlet_of(st, s->article)->name);
	key(b, &n, "speaker");
	entity_ref(b, s->speaker);
	key(b, &n, "speaker_name");
	str(b, ct_story_speaker_name(st, i));
	key(b, &n, "stance");
	str(b, ct_story_stance_name(s->stance));
	key(b, &n, "cue");
	str_or_null(b, ct_story_cue(st, i, buf, sizeof buf));
	key(b, &n, "channel");
	str_or_null(b, ct_story_channel(st, i));
	char date[11];
	ct_story_stmt_date(st, i, date);
	key(b, &n, "date");
	str_or_null(b, date);
	key(b, &n, "date_from");
	str(b, ps->when.prec ? "text" : date[0] ? "published" : "none");
	key(b, &n, "polarity");
	num(b, ps->polarity);
	static const char *const mods[] = {"actual", "future", "possible", "never"};
	key(b, &n, "modality");
	str(b, mods[ps->modality & 3]);
	key(b, &n, "event");
	if (ps->verb >= 0) {
		int m = 0;
		ct_buf_addc(b, '{');
		key(b, &m, "cameo");
		ct_buf_printf(b, "\"%03u\"", ps->cameo);
		key(b, &m, "action");
		str(b, ct_story_event_action(st, i));
		key(b, &m, "source");
		str_or_null(b, ct_story_fact_name(st, s->article, &ps->src));
		key(b, &m, "target");
		str_or_null(b, ct_story_fact_name(st, s->article, &ps->tgt));
		if (ps->proposal) {
			key(b, &m, "refused");
			boolean(b, ps->refused);
		}
		ct_buf_addc(b, '}');
	} else {
		CT_BUF_LIT(b, "null");
	}
	key(b, &n, "sentence");
	num(b, se->index);
	size_t len;
	const char *cl = ct_story_stmt_clause(st, i, &len);
	key(b, &n, "clause");
	ct_out_json_string(b, cl, len);
	key(b, &n, "text");
	str(b, se->text);
	/* every outlet that carried it: reprints repeat it (its own first) */
	key(b, &n, "carried_by");
	ct_buf_addc(b, '[');
	const uint32_t *ol;
	size_t nol = ct_story_carried_by(st, i, &ol);
	if (!nol)
		str(b, ct_story_outlet_of(st, s->article)->name);
	for (size_t k = 0; k < nol; k++) {
		if (k)
			ct_buf_addc(b, ',');
		str(b, st->outlets[ol[k]].name);
	}
	ct_buf_addc(b, ']');
	ct_buf_addc(b, '}');
}

/* An article's stance on claim c; `claim` names the claim too. */
static void article_stance(ct_buf *b, const ct_story *st, const ct_claim *c, const ct_article_stance *as)
{
	int n = 0;
	ct_buf_addc(b, '{');
	key(b, &n, "article");
	str(b, ct_story_article_id(st, as->article));
	key(b, &n, "outlet");
	str(b, ct_story_outlet_of(st, as->article)->name);
	key(b, &n, "stance");
	str(b, ct_story_stance_name(as->stance));
	key(b, &n, "from");
	static const char *const from_name[] = {"statements", "sentences", "model"};
	str(b, from_name[as->from]);
	key(b, &n, "confidence");
	confidence(b, as->confidence);
	if (as->reprint) {
		key(b, &n, "reprint_of");
		str(b, ct_story_reprint_of(st, as->article));
	}
	key(b, &n, "statements");
	ct_buf_addc(b, '[');
	for (uint32_t k = 0; k < as->nstmt; k++)
		ct_buf_printf(b, "%s%u", k ? "," : "", as->stmt0 + k);
	ct_buf_addc(b, ']');
	(void)c;
	ct_buf_addc(b, '}');
}

static void counts(ct_buf *b, const size_t *v)
{
	int n = 0;
	ct_buf_addc(b, '{');
	for (int s = 0; s < CT_ST_NKINDS; s++) {
		key(b, &n, ct_story_stance_name(s));
		num(b, (long long)v[s]);
	}
	ct_buf_addc(b, '}');
}

static void claim(ct_buf *b, const ct_story *st, const ct_claim *c)
{
	int n = 0;
	ct_buf_addc(b, '{');
	key(b, &n, "id");
	claim_ref(b, c);
	key(b, &n, "summary");
	str(b, c->summary);
	key(b, &n, "given");
	boolean(b, c->given);
	key(b, &n, "conflict");
	boolean(b, c->conflict);
	key(b, &n, "articles");
	num(b, (long long)c->narticles);
	key(b, &n, "stances");
	counts(b, c->by_stance);
	key(b, &n, "article_sides");
	counts(b, c->by_article);
	key(b, &n, "sides");
	ct_buf_addc(b, '{');
	for (int at = 0; at < 2; at++) {
		int m = 0;
		ct_buf_adds(b, at ? ",\"against\":{" : "\"for\":{");
		key(b, &m, "speakers");
		ct_buf_addc(b, '[');
		for (size_t k = 0; k < c->nspeakers[at]; k++) {
			if (k)
				ct_buf_addc(b, ',');
			str(b, ct_story_speaker_name(st, c->speakers[at][k]));
		}
		ct_buf_addc(b, ']');
		key(b, &m, "outlets");
		ct_buf_addc(b, '[');
		for (size_t k = 0; k < c->noutlets[at]; k++) {
			if (k)
				ct_buf_addc(b, ',');
			str(b, st->outlets[c->outlets[at][k]].name);
		}
		ct_buf_adds(b, "]}");
	}
	ct_buf_addc(b, '}');
	key(b, &n, "statements");
	ct_buf_addc(b, '[');
	for (size_t j = 0; j < c->nstmt; j++) {
		if (j)
			ct_buf_addc(b, ',');
		statement(b, st, c->stmts[j]);
	}
	ct_buf_addc(b, ']');
	key(b, &n, "article_stances");
	ct_buf_addc(b, '[');
	for (size_t j = 0; j < c->nastance; j++) {
		if (j)
			ct_buf_addc(b, ',');
		article_stance(b, st, c, &st->astances[c->astance + j]);
	}
	ct_buf_addc(b, ']');
	if (st->stance || st->statement) {
		key(b, &n, "stance_headline");
		str(b, ct_story_claim_headline(st, c));
	}
	ct_buf_addc(b, '}');
}

static void outlet(ct_buf *b, const ct_story *st, const ct_story_outlet *ol)
{
	int n = 0;
	ct_buf_addc(b, '{');
	key(b, &n, "name");
	str(b, ol->name);
	key(b, &n, "from");
	str(b, ct_outlet_from_name(ol->from));
	key(b, &n, "articles");
	ct_buf_addc(b, '[');
	for (size_t k = 0; k < ol->narticle; k++) {
		if (k)
			ct_buf_addc(b, ',');
		str(b, ct_story_article_id(st, ol->articles[k]));
	}
	ct_buf_addc(b, ']');
	key(b, &n, "claims");
	ct_buf_addc(b, '[');
	for (size_t k = 0; k < ol->nclaim; k++) {
		const ct_outlet_claim *oc = &ol->claims[k];
		int m = 0;
		ct_buf_adds(b, k ? ",{" : "{");
		key(b, &m, "claim");
		claim_ref(b, &st->claims[oc->claim]);
		for (int q = 0; q < CT_ST_NKINDS; q++) {
			key(b, &m, ct_story_stance_name(q));
			num(b, oc->nart[q]);
		}
		key(b, &m, "for");
		num(b, oc->nfor);
		key(b, &m, "against");
		num(b, oc->nagainst);
		ct_buf_addc(b, '}');
	}
	ct_buf_addc(b, ']');
	key(b, &n, "leads_with");
	if (ol->lead_stmt >= 0) {
		size_t i = (size_t)ol->lead_stmt;
		int m = 0, side = ct_story_side(st, i);
		ct_buf_addc(b, '{');
		key(b, &m, "claim");
		claim_ref(b, &st->claims[st->stmts[i].claim]);
		key(b, &m, "side");
		str(b, side > 0 ? "for" : side < 0 ? "against" : "none");
		key(b, &m, "speaker_name");
		str(b, ct_story_speaker_name(st, i));
		key(b, &m, "stance");
		str(b, ct_story_stance_name(st->stmts[i].stance));
		key(b, &m, "in_lead");
		boolean(b, ct_story_stmt_sent(st, i)->lead);
		ct_buf_addc(b, '}');
	} else {
		CT_BUF_LIT(b, "null");
	}
	ct_buf_addc(b, '}');
}

/* A clause cut to `max` bytes at a character boundary. */
static size_t cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

static void timeline_entry(ct_buf *b, const ct_story *st, const ct_tl_entry *e)
{
	static const char *const precs[] = {"", "day", "week", "month"};
	int n = 0;
	ct_buf_addc(b, '{');
	key(b, &n, "date");
	str(b, e->iso);
	key(b, &n, "precision");
	str(b, precs[e->when.prec & 3]);
	key(b, &n, "summary");
	if (e->nclaim) {
		ct_buf sum = {0};
		for (size_t x = 0; x < e->nclaim; x++)
			ct_buf_printf(&sum, "%s%s", x ? "; " : "", st->claims[e->claims[x]].summary);
		ct_out_json_string(b, sum.data, sum.len);
		ct_buf_free(&sum);
	} else {
		size_t len;
		const char *c = ct_story_stmt_clause(st, e->stmts[0], &len);
		ct_out_json_string(b, c, cut(c, len, 160));
	}
	key(b, &n, "claims");
	ct_buf_addc(b, '[');
	for (size_t x = 0; x < e->nclaim; x++) {
		if (x)
			ct_buf_addc(b, ',');
		claim_ref(b, &st->claims[e->claims[x]]);
	}
	ct_buf_addc(b, ']');
	key(b, &n, "articles");
	ct_buf_addc(b, '[');
	for (size_t x = 0; x < e->narticle; x++) {
		if (x)
			ct_buf_addc(b, ',');
		str(b, ct_story_article_id(st, e->articles[x]));
	}
	ct_buf_addc(b, ']');
	key(b, &n, "statements");
	ct_buf_addc(b, '[');
	for (size_t k = 0; k < e->nstmt; k++) {
		size_t i = e->stmts[k], len;
		int m = 0;
		ct_buf_adds(b, k ? ",{" : "{");
		key(b, &m, "article");
		str(b, ct_story_article_id(st, st->stmts[i].article));
		key(b, &m, "sentence");
		num(b, ct_story_stmt_sent(st, i)->index);
		key(b, &m, "speaker_name");
		str(b, ct_story_speaker_name(st, i));
		const char *c = ct_story_stmt_clause(st, i, &len);
		key(b, &m, "clause");
		ct_out_json_string(b, c, len);
		ct_buf_addc(b, '}');
	}
	ct_buf_adds(b, "]}");
}

/* One array of the top object, an element a line; the sink spills as it fills. */
#define EACH(name, count, body)                                     \
	do {                                                        \
		key(b, &top, name);                                 \
		ct_buf_adds(b, "[\n");                              \
		for (size_t x = 0; x < (count); x++) {              \
			if (x)                                      \
				ct_buf_adds(b, ",\n");              \
			body;                                       \
			ct_sink_spill(out);                         \
		}                                                   \
		ct_buf_adds(b, "\n]");                              \
	} while (0)

void ct_story_render_json(const ct_story *st, ct_sink *out)
{
	ct_buf *b = &out->b;
	int top = 0;
	ct_buf_addc(b, '{');
	EACH("articles", st->npart, {
		const ct_story_part *p = st->parts[x];
		const ct_story_outlet *ol = ct_story_outlet_of(st, x);
		int n = 0;
		ct_buf_addc(b, '{');
		key(b, &n, "id");
		str(b, ct_story_article_id(st, x));
		key(b, &n, "outlet");
		str(b, ol->name);
		key(b, &n, "outlet_from");
		str(b, ct_outlet_from_name(ol->from));
		key(b, &n, "title");
		str_or_null(b, p->meta[CT_META_TITLE]);
		key(b, &n, "published");
		str_or_null(b, p->meta[CT_META_PUBLISHED]);
		key(b, &n, "reprint_of");
		str_or_null(b, ct_story_reprint_of(st, x));
		if (p->meta[CT_META_URL]) {
			key(b, &n, "url");
			str(b, p->meta[CT_META_URL]);
		}
		ct_buf_addc(b, '}');
	});
	EACH("entities", st->nent, {
		const ct_story_ent *en = &st->ents[x];
		int n = 0;
		ct_buf_addc(b, '{');
		key(b, &n, "id");
		entity_ref(b, (int32_t)x);
		key(b, &n, "name");
		str(b, en->name);
		key(b, &n, "type");
		str(b, ct_actor_type_name(en->type));
		key(b, &n, "country");
		str_or_null(b, en->cc);
		key(b, &n, "aliases");
		ct_buf_addc(b, '[');
		for (size_t k = 0; k < en->nalias; k++) {
			if (k)
				ct_buf_addc(b, ',');
			str(b, en->aliases[k]);
		}
		ct_buf_addc(b, ']');
		key(b, &n, "statements");
		num(b, (long long)en->mentions);
		ct_buf_addc(b, '}');
	});
	EACH("claims", st->nlisted, claim(b, st, ct_story_ranked(st, x + 1)));
	EACH("outlets", st->noutlet, outlet(b, st, &st->outlets[x]));
	EACH("timeline", st->ntl, timeline_entry(b, st, &st->timeline[x]));
	key(b, &top, "stance_model");
	if (st->stance) {
		int n = 0;
		ct_buf_addc(b, '{');
		key(b, &n, "min_confidence");
		confidence(b, (float)st->stance_min);
		key(b, &n, "article_stances");
		num(b, (long long)st->nmodel);
		ct_buf_addc(b, '}');
	} else {
		CT_BUF_LIT(b, "null");
	}
	ct_buf_adds(b, "}\n");
	ct_sink_spill(out);
}
