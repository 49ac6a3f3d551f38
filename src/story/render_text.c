/*
 * render_text.c — the story map for a terminal (plain text) and as
 * Markdown: the listed claims in rank order (the central claim first),
 * each with the statements for and against it and where each article
 * stands; then the conflicts, outlet framing, the timeline and the
 * speakers. It formats the view story.c builds and computes nothing.
 *
 * Every string that comes from the input (names, outlets, ids, quotations)
 * goes out through put(): control bytes never reach a terminal, and in
 * Markdown nothing of theirs becomes markup (a link, raw HTML, a heading).
 */
#include <stdlib.h>
#include <string.h>

#include "story.h"

/* Statements shown per side of a claim; the JSON has them all. */
#define SHOWN 12

/*
 * Writes s (n bytes) as it may stand in the output: no control bytes, and
 * in Markdown a backslash before every character that could open markup
 * (CommonMark gives an escaped punctuation character back as itself).
 * Since an input string never starts a line, those that matter only there
 * (-, +, digits) need none; the map's own "[c1]" and "[may]" cannot become
 * links once no input can bring a link or a link definition.
 */
static void put(ct_buf *b, const char *s, size_t n, int md)
{
	ct_buf_add_shown(b, s, n, md ? "\\`*_[]<>#&|~" : NULL);
}

static void puts_(ct_buf *b, const char *s, int md)
{
	put(b, s, strlen(s), md);
}

/* Text cut after `max` bytes at a character boundary. */
static void add_cut(ct_buf *b, const char *s, size_t n, size_t max, int md)
{
	if (n > max) {
		size_t k = max;
		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		put(b, s, k, md);
		ct_buf_adds(b, "…");
	} else {
		put(b, s, n, md);
	}
}

/* The clause statement i cites, between `open` and `close` unless it is a
 * quotation that brings its own marks. */
static void cited(const ct_story *st, ct_buf *b, size_t i, size_t max, const char *open, const char *close, int md)
{
	size_t n;
	int own;
	const char *s = ct_story_stmt_cited(st, i, &n, &own);
	/* a clause holding part of a quotation gets marks of the other kind,
	 * so that no two of the same kind meet ('""there is no record"') */
	int inner = !own && memchr(s, '"', n) != NULL;
	if (!own)
		ct_buf_adds(b, inner ? "“" : open);
	add_cut(b, s, n, max, md);
	if (!own)
		ct_buf_adds(b, inner ? "”" : close);
}

static void statement_line(const ct_story *st, ct_buf *b, size_t i, int md)
{
	const ct_story_stmt *s = &st->stmts[i];
	const ct_part_stmt *ps = ct_story_pstmt(st, i);
	char date[11];
	ct_story_stmt_date(st, i, date);
	char cuebuf[64];
	const char *cue = ct_story_cue(st, i, cuebuf, sizeof cuebuf), *ch = ct_story_channel(st, i);
	const char *mark = ct_story_side_mark(s->stance);
	ct_buf_printf(b, md ? "- (%s) **" : "    %s ", mark);
	puts_(b, ct_story_speaker_name(st, i), md);
	ct_buf_printf(b, "%s %s", md ? "**" : "", ct_story_stance_name(s->stance));
	if (*cue || *ch) {
		ct_buf_adds(b, " (");
		puts_(b, cue, md);
		if (*ch) {
			ct_buf_adds(b, *cue ? ", " : "");
			puts_(b, ch, md);
		}
		ct_buf_addc(b, ')');
	}
	static const char *const mods[] = {"", " [will]", " [may]", " [never]"};
	ct_buf_adds(b, mods[ps->modality & 3]);
	ct_buf_adds(b, " — ");
	puts_(b, ct_story_article_id(st, s->article), md);
	ct_buf_printf(b, " %s: ", date[0] ? date : "(undated)");
	cited(st, b, i, 200, md ? "“" : "\"", md ? "”" : "\"", md);
	const uint32_t *ol;
	size_t nol = ct_story_carried_by(st, i, &ol);
	for (size_t k = 0; k < nol; k++) {
		ct_buf_adds(b, k ? ", " : " — carried by ");
		puts_(b, st->outlets[ol[k]].name, md);
	}
	ct_buf_addc(b, '\n');
}

/* Who an article is: its id, with its outlet when one was given. */
static void article_who(const ct_story *st, ct_buf *b, uint32_t a, int md)
{
	const ct_story_outlet *ol = ct_story_outlet_of(st, a);
	if (!ol->inferred) {
		puts_(b, ol->name, md);
		ct_buf_adds(b, " (");
	}
	puts_(b, ct_story_article_id(st, a), md);
	if (!ol->inferred)
		ct_buf_addc(b, ')');
}

static void article_line(const ct_story *st, ct_buf *b, const ct_article_stance *as, int md)
{
	ct_buf_printf(b, md ? "- (%s) " : "    %s ", ct_story_side_mark(as->stance));
	article_who(st, b, as->article, md);
	ct_buf_printf(b, " %s", ct_story_stance_name(as->stance));
	if (as->reprint)
		ct_buf_printf(b, " — a reprint of %s\n", ct_story_reprint_of(st, as->article));
	else if (as->from == CT_FROM_MODEL)
		ct_buf_printf(b, " — the stance model, confidence %.2f\n", (double)as->confidence);
	else if (as->from == CT_FROM_STATEMENTS)
		ct_buf_printf(b, " — %u statement%s\n", as->nstmt, as->nstmt == 1 ? "" : "s");
	else
		ct_buf_printf(b, " — its sentences, read against the claim (%.2f)\n", (double)as->confidence);
}

static void claim_block(const ct_story *st, ct_buf *b, const ct_claim *c, int md)
{
	const char *badges = c->conflict ? (c->given ? "   <given> <conflict>" : "   <conflict>") : c->given ? "   <given>" : "";
	ct_buf_printf(b, md ? "### c%u. " : "[c%u] ", c->rank);
	puts_(b, c->summary, md);
	if (md)
		ct_buf_printf(b, "%s\n\n", c->given ? " — given" : "");
	else
		ct_buf_printf(b, "%s\n", badges);
	ct_buf_printf(b, "%sstatements: %zu, in %zu article%s; articles: %zu assert, %zu deny, %zu question, %zu report%s\n%s",
		      md ? "" : "  ", c->nstmt, c->narticles, c->narticles == 1 ? "" : "s", c->by_article[CT_ST_ASSERT], c->by_article[CT_ST_DENY],
		      c->by_article[CT_ST_QUESTION], c->by_article[CT_ST_REPORT], md && c->conflict ? " — **conflict**" : "",
		      md ? "\n" : "");
	static const char *const heads[2][3] = {{"  against (denies, questions):", "  carried without a side (reports):",
						       "  for (asserts):"},
						      {"**Against** (denies, questions):", "**Reported** without a side:",
						       "**For** (asserts):"}};
	for (int side = 1; side >= -1; side--) {
		size_t n = 0;
		for (size_t k = 0; k < c->nstmt; k++)
			n += ct_story_side(st, c->stmts[k]) == side;
		if (!n)
			continue;
		ct_buf_printf(b, "%s\n%s", heads[md][side + 1], md ? "\n" : "");
		size_t shown = 0;
		for (size_t k = 0; k < c->nstmt && shown < SHOWN; k++)
			if (ct_story_side(st, c->stmts[k]) == side) {
				statement_line(st, b, c->stmts[k], md);
				shown++;
			}
		if (n > shown)
			ct_buf_printf(b, "%s… and %zu more (--format json has them all)\n", md ? "- " : "    ", n - shown);
		if (md)
			ct_buf_addc(b, '\n');
	}
	if (c->nastance) {
		ct_buf_adds(b, md ? "**Articles** (from their statements, or a model's reading of them):\n\n"
				  : "  articles (from their statements, or a model's reading of them):\n");
		for (size_t k = 0; k < c->nastance; k++)
			article_line(st, b, &st->astances[c->astance + k], md);
		if (md)
			ct_buf_addc(b, '\n');
	}
	ct_buf_addc(b, '\n');
}

void ct_story_render_text(const ct_story *st, ct_sink *out, int md)
{
	ct_buf *b = &out->b;
	size_t nconf = st->nconflict, noid = st->nid_outlet;
#define PLURAL(n, one, many) (n), ((n) == 1 ? (one) : (many))
	if (md)
		ct_buf_printf(b, "# Story map\n\n%zu %s, %zu %s, %zu %s, %zu %s.\n\n", PLURAL(st->npart, "article", "articles"),
			      PLURAL(st->nstmt, "statement", "statements"), PLURAL(st->nlisted, "claim", "claims"),
			      PLURAL(nconf, "conflict", "conflicts"));
	else
		ct_buf_printf(b, "STORY MAP: %zu %s, %zu %s, %zu %s, %zu %s\n", PLURAL(st->npart, "article", "articles"),
			      PLURAL(st->nstmt, "statement", "statements"), PLURAL(st->nlisted, "claim", "claims"),
			      PLURAL(nconf, "conflict", "conflicts"));
	if (noid)
		ct_buf_printf(b, "%s%zu %s without an outlet: the article id stands in for the outlet.\n%s", md ? "" : "note: ",
			      PLURAL(noid, "article", "articles"), md ? "\n" : "");
	if (st->nreprint)
		ct_buf_printf(b, "%s%zu %s an earlier one (wire copies): a statement they repeat counts once, with the outlets that carried it.\n%s",
			      md ? "" : "note: ", st->nreprint, st->nreprint == 1 ? "article reprints" : "articles reprint",
			      md ? "\n" : "");
	ct_buf_addc(b, '\n');

	if (st->nlisted)
		ct_buf_adds(b, md ? "## Claims\n\nThe central claim first; a claim is stated by two articles or more, or given.\n\n"
				  : "== CLAIMS (the central claim first)\n\n");
	for (size_t r = 1; r <= st->nlisted; r++) {
		claim_block(st, b, ct_story_ranked(st, r), md);
		ct_sink_spill(out);
	}

	if (nconf) {
		ct_buf_adds(b, md ? "## Conflicts\n\n" : "== CONFLICTS\n\n");
		for (size_t r = 1; r <= st->nlisted; r++) {
			const ct_claim *c = ct_story_ranked(st, r);
			if (!c->conflict)
				continue;
			ct_buf_printf(b, "%s[c%u] ", md ? "- " : "  ", c->rank);
			puts_(b, c->summary, md);
			ct_buf_addc(b, '\n');
			for (int at = 0; at < 2; at++) {
				ct_buf_printf(b, "%s%s: ", md ? "  - " : "      ", at ? "against" : "for");
				for (size_t k = 0; k < c->nspeakers[at] && k < SHOWN; k++) {
					size_t i = c->speakers[at][k];
					ct_buf_adds(b, k ? ", " : "");
					puts_(b, ct_story_speaker_name(st, i), md);
					if (at && st->stmts[i].stance == CT_ST_QUESTION)
						ct_buf_adds(b, " (questions)");
				}
				if (c->nspeakers[at] > SHOWN)
					ct_buf_printf(b, ", and %zu more", c->nspeakers[at] - SHOWN);
				if (!c->nspeakers[at])
					ct_buf_adds(b, "no statement");
				ct_buf_adds(b, "; outlets: ");
				for (size_t k = 0; k < c->noutlets[at] && k < SHOWN; k++) {
					ct_buf_adds(b, k ? ", " : "");
					puts_(b, st->outlets[c->outlets[at][k]].name, md);
				}
				if (c->noutlets[at] > SHOWN)
					ct_buf_printf(b, ", and %zu more", c->noutlets[at] - SHOWN);
				if (!c->noutlets[at])
					ct_buf_adds(b, "none");
				ct_buf_addc(b, '\n');
			}
		}
		ct_buf_addc(b, '\n');
	}

	ct_buf_adds(b, md ? "## Outlets\n\n" : "== OUTLETS\n\n");
	for (size_t o = 0; o < st->noutlet; o++) {
		const ct_story_outlet *ol = &st->outlets[o];
		static const char *const from[] = {"", " (named at the head of the text)", " (the url's host)",
						   " (article id; no outlet given)"};
		ct_buf_adds(b, md ? "- **" : "");
		puts_(b, ol->name, md);
		ct_buf_printf(b, "%s%s: %zu %s\n", md ? "**" : "", from[ol->from & 3], PLURAL(ol->narticle, "article", "articles"));
		if (ol->lead_stmt >= 0) {
			size_t i = (size_t)ol->lead_stmt;
			const ct_claim *c = &st->claims[st->stmts[i].claim];
			ct_buf_printf(b, "%sleads with [c%u] ", md ? "  - " : "    ", c->rank);
			puts_(b, c->summary, md);
			ct_buf_adds(b, ": ");
			puts_(b, ct_story_speaker_name(st, i), md);
			ct_buf_printf(b, " %s%s\n", ct_story_stance_name(st->stmts[i].stance),
				      ct_story_stmt_sent(st, i)->lead ? "" : " (not in the title or first paragraph)");
		}
		for (size_t k = 0; k < ol->nclaim; k++) {
			const ct_outlet_claim *oc = &ol->claims[k];
			const ct_claim *c = &st->claims[oc->claim];
			ct_buf_printf(b, "%s[c%u] ", md ? "  - " : "    ", c->rank);
			puts_(b, c->summary, md);
			ct_buf_addc(b, ':');
			for (int q = 0; q < CT_ST_NKINDS; q++)
				if (oc->nart[q])
					ct_buf_printf(b, " %u %s", oc->nart[q], ct_story_stance_name(q));
			ct_buf_printf(b, " (statements: %u for, %u against)\n", oc->nfor, oc->nagainst);
		}
		ct_sink_spill(out);
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
			puts_(b, ct_story_article_id(st, s->article), md);
			ct_buf_adds(b, " — ");
			puts_(b, ct_story_speaker_name(st, i), md);
			ct_buf_adds(b, ": ");
			cited(st, b, i, 120, "\"", "\"", md);
			ct_buf_addc(b, '\n');
		}
		ct_sink_spill(out);
	}
	ct_buf_addc(b, '\n');

	ct_buf_adds(b, md ? "## Speakers\n\n" : "== SPEAKERS\n\n");
	for (size_t e = 0; e < st->nent; e++) {
		const ct_story_ent *en = &st->ents[e];
		if (!en->mentions)
			continue;
		ct_buf_printf(b, "%se%zu ", md ? "- " : "  ", e + 1);
		puts_(b, en->name, md);
		ct_buf_printf(b, " (%s%s", ct_actor_type_name(en->type), en->cc[0] ? ", " : "");
		puts_(b, en->cc, md);
		ct_buf_printf(b, ", %zu %s)", PLURAL(en->mentions, "statement", "statements"));
		if (en->nalias) {
			ct_buf_adds(b, " also: ");
			for (size_t k = 0; k < en->nalias; k++) {
				ct_buf_adds(b, k ? "; " : "");
				puts_(b, en->aliases[k], md);
			}
		}
		ct_buf_addc(b, '\n');
	}
#undef PLURAL
}
