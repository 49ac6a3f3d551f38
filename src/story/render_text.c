/*
 * render_text.c — the story map for a terminal (plain text) and as
 * Markdown: conflicts first, each claim with the statements for it and
 * against it, then outlet framing, the timeline and the entities.
 * Claims with a single statement and no conflict are counted, not listed
 * (the JSON has them all).
 */
#include <stdlib.h>
#include <string.h>

#include "story.h"

/* The clause statement i cites, cut after `max` bytes, between `open` and
 * `close` unless it is a quotation that brings its own marks. */
static void cited(const ct_story *st, ct_buf *b, size_t i, size_t max, const char *open, const char *close)
{
	size_t n;
	int own;
	const char *s = ct_story_stmt_cited(st, i, &n, &own);
	if (!own)
		ct_buf_adds(b, open);
	if (n > max) {
		/* cut at a UTF-8 boundary */
		size_t k = max;
		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		ct_buf_add(b, s, k);
		ct_buf_adds(b, "…");
	} else {
		ct_buf_add(b, s, n);
	}
	if (!own)
		ct_buf_adds(b, close);
}


static void statement_line(const ct_story *st, ct_buf *b, size_t i, int md)
{
	const ct_story_stmt *s = &st->stmts[i];
	const ct_part_stmt *ps = ct_story_pstmt(st, i);
	char date[11];
	ct_story_stmt_date(st, i, date);
	const char *cue = ct_story_cue(st, i), *ch = ct_story_channel(st, i);
	const char *mark = ps->stance == CT_ST_DENY ? "-" : ps->stance == CT_ST_QUESTION ? "?" : "+";
	if (md)
		ct_buf_printf(b, "- %s **%s** %s", mark, ct_story_speaker_name(st, i), ct_story_stance_name(ps->stance));
	else
		ct_buf_printf(b, "    %s %s %s", mark, ct_story_speaker_name(st, i), ct_story_stance_name(ps->stance));
	if (*cue || *ch) {
		ct_buf_adds(b, " (");
		ct_buf_adds(b, *cue ? cue : "");
		if (*ch)
			ct_buf_printf(b, "%s%s", *cue ? ", " : "", ch);
		ct_buf_addc(b, ')');
	}
	if (ps->modality == CT_MOD_FUTURE)
		ct_buf_adds(b, " [will]");
	else if (ps->modality == CT_MOD_POSSIBLE)
		ct_buf_adds(b, " [may]");
	else if (ps->modality == CT_MOD_NEVER)
		ct_buf_adds(b, " [never]");
	ct_buf_printf(b, " — %s%s%s", ct_story_article_id(st, s->article), md ? " " : " ", date[0] ? date : "(undated)");
	ct_buf_adds(b, ": ");
	cited(st, b, i, 200, md ? "“" : "\"", md ? "”" : "\"");
	ct_buf_addc(b, '\n');
}


/* Who took an inferred stance: the article, and its outlet when one was given. */
static void infer_who(const ct_story *st, ct_buf *b, uint32_t a)
{
	const ct_story_outlet *ol = ct_story_outlet_of(st, a);
	if (ol->inferred)
		ct_buf_adds(b, ct_story_article_id(st, a));
	else
		ct_buf_printf(b, "%s (%s)", ol->name, ct_story_article_id(st, a));
}

/* An article's stance as the model reads it, with its confidence: its own
 * mark (~) and wording, so that it never reads as a statement. */
static void inferred_line(const ct_story *st, ct_buf *b, const ct_story_inferred *in, int md)
{
	ct_buf_adds(b, md ? "- ~ " : "    ~ ");
	infer_who(st, b, in->article);
	ct_buf_printf(b, " %s (confidence %.2f)\n", ct_story_infer_verb(in), (double)in->confidence);
}

static void claim_block(const ct_story *st, ct_buf *b, const ct_claim *c, int md)
{
	if (md)
		ct_buf_printf(b, "### c%u. %s%s\n\n", c->rank, c->summary, c->conflict ? " — conflict" : "");
	else
		ct_buf_printf(b, "[c%u] %s%s\n", c->rank, c->summary, c->conflict ? "   <conflict>" : "");
	if (md)
		ct_buf_printf(b, "CAMEO %s; %zu statements in %zu articles\n\n", c->action, c->nstmt, c->narticles);
	else
		ct_buf_printf(b, "  CAMEO %s; %zu statements in %zu articles\n", c->action, c->nstmt, c->narticles);
	for (int side = 1; side >= 0; side--) {
		int any = 0;
		for (size_t k = 0; k < c->nstmt; k++)
			if (ct_story_for(st, c->stmts[k]) == side)
				any = 1;
		if (!any)
			continue;
		if (md)
			ct_buf_printf(b, "%s:\n\n", side ? "**For** (asserts, reports)" : "**Against** (denies, questions)");
		else
			ct_buf_printf(b, "  %s:\n", side ? "for (asserts, reports)" : "against (denies, questions)");
		for (size_t k = 0; k < c->nstmt; k++)
			if (ct_story_for(st, c->stmts[k]) == side)
				statement_line(st, b, c->stmts[k], md);
		if (md)
			ct_buf_addc(b, '\n');
	}
	if (c->ninferred) {
		ct_buf_adds(b, md ? "**Inferred** by the stance model, not statements (articles with no statement on the claim):\n\n"
				  : "  inferred by the stance model, not statements (articles with no statement on it):\n");
		for (size_t k = 0; k < c->ninferred; k++)
			inferred_line(st, b, &st->inferred[c->inferred + k], md);
		if (md)
			ct_buf_addc(b, '\n');
	}
	ct_buf_addc(b, '\n');
}

void ct_story_render_text(const ct_story *st, ct_buf *b, int md)
{
	size_t nconf = 0, nlisted = 0, ninferred = 0;
	for (size_t i = 0; i < st->nclaim; i++) {
		nconf += st->claims[i].conflict;
		nlisted += ct_story_listed(&st->claims[i]);
	}
	for (size_t o = 0; o < st->noutlet; o++)
		ninferred += st->outlets[o].inferred ? st->outlets[o].narticle : 0;
	if (md)
		ct_buf_printf(b, "# Story map\n\n%zu articles, %zu statements, %zu claims, %zu conflicts.\n\n", st->npart,
			      st->nstmt, st->nclaim, nconf);
	else
		ct_buf_printf(b, "STORY MAP: %zu articles, %zu statements, %zu claims, %zu conflicts\n", st->npart, st->nstmt,
			      st->nclaim, nconf);
	if (ninferred)
		ct_buf_printf(b, "%s%zu article%s without an outlet: the article id stands in for the outlet.\n%s",
			      md ? "" : "note: ", ninferred, ninferred == 1 ? "" : "s", md ? "\n" : "");
	ct_buf_addc(b, '\n');

	for (int pass = 0; pass < 2; pass++) {
		int head = 0;
		for (size_t k = 0; k < st->nclaim; k++) {
			const ct_claim *c = &st->claims[st->claim_order[k]];
			if (!ct_story_listed(c) || (int)c->conflict != (pass == 0))
				continue;
			if (!head) {
				ct_buf_adds(b, md ? (pass ? "## Other claims\n\n" : "## Conflicts\n\n")
						  : (pass ? "== OTHER CLAIMS\n\n" : "== CONFLICTS\n\n"));
				head = 1;
			}
			claim_block(st, b, c, md);
		}
	}
	if (st->nclaim > nlisted)
		ct_buf_printf(b, "%s%zu claims with a single statement are not listed (see --format json).\n\n",
			      md ? "" : "", st->nclaim - nlisted);

	ct_buf_adds(b, md ? "## Outlets\n\n" : "== OUTLETS\n\n");
	for (size_t o = 0; o < st->noutlet; o++) {
		const ct_story_outlet *ol = &st->outlets[o];
		size_t fors = 0, against = 0, noc;
		ct_outlet_claim *oc = ct_story_outlet_claims(st, o, &noc);
		for (size_t k = 0; k < noc; k++) {
			fors += oc[k].nfor;
			against += oc[k].nagainst;
		}
		ct_buf_printf(b, "%s%s%s%s: %zu article%s", md ? "- **" : "", ol->name, md ? "**" : "",
			      ol->inferred ? " (article id; no outlet given)" : "", ol->narticle, ol->narticle == 1 ? "" : "s");
		ct_buf_printf(b, "; %zu statements for claims, %zu against\n", fors, against);
		if (ol->lead_stmt >= 0) {
			size_t i = (size_t)ol->lead_stmt;
			const ct_claim *c = &st->claims[st->stmts[i].claim];
			const ct_part_stmt *ps = ct_story_pstmt(st, i);
			ct_buf_printf(b, "%sleads with [c%u] %s: %s %s%s\n", md ? "  - " : "    ", c->rank, c->summary,
				      ct_story_speaker_name(st, i), ct_story_stance_name(ps->stance),
				      ct_story_stmt_sent(st, i)->lead ? "" : " (not in the title or first paragraph)");
		}
		/* the conflicts it carried, and on which side */
		for (size_t k = 0; k < noc; k++) {
			const ct_claim *c = &st->claims[oc[k].claim];
			if (c->conflict)
				ct_buf_printf(b, "%scarried [c%u] %s: %u for, %u against\n", md ? "  - " : "    ", c->rank,
					      c->summary, oc[k].nfor, oc[k].nagainst);
		}
		free(oc);
		for (size_t k = 0; k < ol->ninfer; k++) {
			const ct_story_inferred *in = &st->inferred[ol->infer[k]];
			const ct_claim *c = &st->claims[in->claim];
			ct_buf_printf(b, "%sinferred [c%u] %s: %s %s (stance model, confidence %.2f)\n", md ? "  - " : "    ",
				      c->rank, c->summary, ct_story_article_id(st, in->article), ct_story_infer_verb(in),
				      (double)in->confidence);
		}
	}
	ct_buf_addc(b, '\n');

	ct_buf_adds(b, md ? "## Timeline\n\n" : "== TIMELINE\n\n");
	for (size_t t = 0; t < st->ntl; t++) {
		const ct_tl_entry *e = &st->timeline[t];
		for (size_t k = 0; k < e->nstmt; k++) {
			size_t i = e->stmts[k];
			const ct_story_stmt *s = &st->stmts[i];
			ct_buf_printf(b, "%s%-10s%s %s", md ? "- **" : "", e->iso, md ? "**" : "",
				      e->when.prec == 2 ? "(about) " : e->when.prec == 3 ? "(month) " : "");
			if (s->claim >= 0)
				ct_buf_printf(b, "[c%u] ", st->claims[s->claim].rank);
			ct_buf_printf(b, "%s — %s: ", ct_story_article_id(st, s->article), ct_story_speaker_name(st, i));
			cited(st, b, i, 120, "\"", "\"");
			ct_buf_addc(b, '\n');
		}
	}
	ct_buf_addc(b, '\n');

	ct_buf_adds(b, md ? "## Entities\n\n" : "== ENTITIES (speakers)\n\n");
	for (size_t e = 0; e < st->nent; e++) {
		const ct_story_ent *en = &st->ents[e];
		if (!en->mentions)
			continue;
		ct_buf_printf(b, "%se%zu %s (%s%s%s, %zu statements)", md ? "- " : "  ", e + 1, en->name,
			      ct_actor_type_name(en->type), en->cc[0] ? ", " : "", en->cc, en->mentions);
		if (en->nalias) {
			ct_buf_adds(b, " also: ");
			for (size_t k = 0; k < en->nalias; k++)
				ct_buf_printf(b, "%s%s", k ? "; " : "", en->aliases[k]);
		}
		ct_buf_addc(b, '\n');
	}
}
