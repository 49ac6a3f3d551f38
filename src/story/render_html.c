/*
 * render_html.c — the story map as one self-contained HTML page: inline
 * CSS and SVG, no script and nothing fetched from the network (a map
 * served from an archive links statements to the archive's article pages
 * and loads the server's script instead: ct_story_set_html_links). Sections:
 * a claims × sources grid coloured by stance, the conflicts with their two
 * sides next to each other, outlet framing, the timeline drawn as an SVG
 * picture, and the sentences of every article that the map cites, each
 * with an anchor that the statements link to (the :target sentence is
 * highlighted). All text from articles is HTML-escaped.
 */
#include <stdlib.h>
#include <string.h>

#include "story.h"

static void esc(ct_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '&':
			CT_BUF_LIT(b, "&amp;");
			break;
		case '<':
			CT_BUF_LIT(b, "&lt;");
			break;
		case '>':
			CT_BUF_LIT(b, "&gt;");
			break;
		case '"':
			CT_BUF_LIT(b, "&quot;");
			break;
		case '\'':
			CT_BUF_LIT(b, "&#39;");
			break;
		default:
			ct_buf_addc(b, s[i]);
		}
	}
}

/* The clause statement i cites, in typographic quotation marks unless it
 * is a quotation that brings its own. */
static void cited(ct_buf *b, const ct_story *st, size_t i)
{
	size_t n;
	int quoted;
	const char *s = ct_story_stmt_cited(st, i, &n, &quoted);
	if (!quoted)
		CT_BUF_LIT(b, "“");
	esc(b, s, n);
	if (!quoted)
		CT_BUF_LIT(b, "”");
}

static void escs(ct_buf *b, const char *s)
{
	esc(b, s ? s : "", s ? strlen(s) : 0);
}

static const char *const stance_class[CT_ST_NKINDS] = {"as", "de", "qu", "re"};


/* The anchor of statement i's sentence. */
static void anchor(ct_buf *b, const ct_story *st, size_t i)
{
	ct_buf_printf(b, "a%u-s%u", st->stmts[i].article, ct_story_stmt_sent(st, i)->index);
}

/* The opening tag of a link to statement i's sentence: on the archive's
 * article page when the map is served from one (in the top window: the
 * map may be in a frame), else the map's own copy of it below. */
static void sentence_link(ct_buf *b, const ct_story *st, size_t i)
{
	const ct_story_part *p = st->parts[st->stmts[i].article];
	if (st->html_article_prefix && p->archive_id) {
		CT_BUF_LIT(b, "<a target=\"_top\" href=\"");
		escs(b, st->html_article_prefix);
		ct_buf_printf(b, "%lld?s=%u#st\">", (long long)p->archive_id, ct_story_stmt_sent(st, i)->index);
	} else {
		CT_BUF_LIT(b, "<a href=\"#");
		anchor(b, st, i);
		CT_BUF_LIT(b, "\">");
	}
}

static void statement(ct_buf *b, const ct_story *st, size_t i)
{
	const ct_part_stmt *ps = ct_story_pstmt(st, i);
	char date[11];
	ct_story_stmt_date(st, i, date);
	int stance = st->stmts[i].stance;
	(void)ps;
	ct_buf_printf(b, "<li class=\"%s\"><b>", stance_class[stance]);
	escs(b, ct_story_speaker_name(st, i));
	ct_buf_printf(b, "</b> <span class=\"tag %s\">%s</span>", stance_class[stance], ct_story_stance_name(stance));
	char cuebuf[64];
	const char *cue = ct_story_cue(st, i, cuebuf, sizeof cuebuf), *ch = ct_story_channel(st, i);
	if (*cue || *ch) {
		CT_BUF_LIT(b, " <span class=\"cue\">");
		escs(b, cue);
		if (*ch) {
			if (*cue)
				CT_BUF_LIT(b, ", ");
			escs(b, ch);
		}
		CT_BUF_LIT(b, "</span>");
	}
	CT_BUF_LIT(b, " <span class=\"src\">");
	const uint32_t *ol;
	size_t nol = ct_story_carried_by(st, i, &ol);
	if (nol)
		CT_BUF_LIT(b, "carried by ");
	for (size_t k = 0; k < nol; k++) {
		if (k)
			CT_BUF_LIT(b, ", ");
		escs(b, st->outlets[ol[k]].name);
	}
	if (!nol)
		escs(b, ct_story_outlet_of(st, st->stmts[i].article)->name);
	if (date[0])
		ct_buf_printf(b, ", %s", date);
	CT_BUF_LIT(b, "</span><br>");
	sentence_link(b, st, i);
	cited(b, st, i);
	CT_BUF_LIT(b, "</a></li>\n");
}


/* Where an article stands on a claim: from its statements, or the stance
 * model's reading (its own colour, a dashed box, the model's confidence). */
static void article_stance(ct_buf *b, const ct_story *st, const ct_article_stance *as)
{
	ct_buf_printf(b, "<li class=\"%s\"><a href=\"#a%u\">", as->from == CT_FROM_MODEL ? "in" : stance_class[as->stance], as->article);
	escs(b, ct_story_article_id(st, as->article));
	CT_BUF_LIT(b, "</a>");
	const ct_story_outlet *ol = ct_story_outlet_of(st, as->article);
	if (!ol->inferred) {
		CT_BUF_LIT(b, " <span class=\"src\">");
		escs(b, ol->name);
		CT_BUF_LIT(b, "</span>");
	}
	ct_buf_printf(b, " <span class=\"tag %s\">%s</span>", stance_class[as->stance], ct_story_stance_name(as->stance));
	if (as->reprint) {
		CT_BUF_LIT(b, " <span class=\"src\">a reprint of ");
		escs(b, ct_story_reprint_of(st, as->article));
		CT_BUF_LIT(b, "</span>");
	} else if (as->from == CT_FROM_MODEL)
		ct_buf_printf(b, " <span class=\"src\">the stance model, confidence %.2f</span>", (double)as->confidence);
	else if (as->from == CT_FROM_STATEMENTS)
		ct_buf_printf(b, " <span class=\"src\">%u statement%s</span>", as->nstmt, as->nstmt == 1 ? "" : "s");
	else
		ct_buf_printf(b, " <span class=\"src\">its sentences, read against the claim (%.2f)</span>", (double)as->confidence);
	CT_BUF_LIT(b, "</li>\n");
}

static void grid(ct_buf *b, const ct_story *st)
{
	/* columns: the speakers of listed claims, most statements first (at most 24) */
	size_t *count = ct_xcalloc(st->nent + 2, sizeof *count);
	for (size_t i = 0; i < st->nstmt; i++) {
		const ct_story_stmt *s = &st->stmts[i];
		if (s->claim >= 0)
			count[s->speaker >= 0 ? (size_t)s->speaker : st->nent]++;
	}
	size_t cols[25], ncol = 0;
	for (; ncol < 24; ncol++) {
		size_t best = SIZE_MAX;
		for (size_t e = 0; e <= st->nent; e++) {
			int taken = 0;
			for (size_t k = 0; k < ncol; k++)
				taken |= cols[k] == e;
			if (!taken && count[e] && (best == SIZE_MAX || count[e] > count[best]))
				best = e;
		}
		if (best == SIZE_MAX)
			break;
		cols[ncol] = best;
	}
	CT_BUF_LIT(b, "<table class=\"grid\"><tr><th>claim</th>");
	for (size_t k = 0; k < ncol; k++) {
		CT_BUF_LIT(b, "<th class=\"v\"><span>");
		escs(b, cols[k] == st->nent ? "outlets' own voice" : st->ents[cols[k]].name);
		CT_BUF_LIT(b, "</span></th>");
	}
	CT_BUF_LIT(b, "</tr>\n");
	for (size_t r = 1; r <= st->nlisted; r++) {
		const ct_claim *c = ct_story_ranked(st, r);
		ct_buf_printf(b, "<tr><td><a href=\"#c%u\">c%u</a> ", c->rank, c->rank);
		escs(b, c->summary);
		if (c->conflict)
			CT_BUF_LIT(b, " <span class=\"tag conflict\">conflict</span>");
		CT_BUF_LIT(b, "</td>");
		for (size_t k = 0; k < ncol; k++) {
			size_t n[CT_ST_NKINDS] = {0};
			size_t first = SIZE_MAX;
			for (size_t j = 0; j < c->nstmt; j++) {
				size_t i = c->stmts[j];
				int32_t sp = st->stmts[i].speaker;
				if ((sp >= 0 ? (size_t)sp : st->nent) != cols[k])
					continue;
				n[st->stmts[i].stance]++;
				if (first == SIZE_MAX)
					first = i;
			}
			if (first == SIZE_MAX) {
				CT_BUF_LIT(b, "<td></td>");
				continue;
			}
			int dom = 0;
			for (int s = 1; s < CT_ST_NKINDS; s++)
				if (n[s] > n[dom])
					dom = s;
			int mixed = (n[CT_ST_ASSERT] + n[CT_ST_REPORT]) && (n[CT_ST_DENY] + n[CT_ST_QUESTION]);
			ct_buf_printf(b, "<td class=\"cell %s%s\" title=\"", mixed ? "mx" : stance_class[dom], "");
			for (int s = 0; s < CT_ST_NKINDS; s++)
				if (n[s])
					ct_buf_printf(b, "%zu %s ", n[s], ct_story_stance_name(s));
			CT_BUF_LIT(b, "\"><a href=\"#");
			anchor(b, st, first);
			ct_buf_printf(b, "\">%s</a></td>", mixed ? "±" : dom == CT_ST_DENY ? "−" : dom == CT_ST_QUESTION ? "?" : "+");
		}
		CT_BUF_LIT(b, "</tr>\n");
	}
	CT_BUF_LIT(b, "</table>\n");
	free(count);
}

static long when_days(const ct_when *w)
{
	return ct_date_days(w->y, w->m, w->prec == 3 ? 15 : w->d);
}

/* The timeline as a picture: a mark per date on an axis, sized by its
 * statements, purple when it holds a conflict, its date below; hovering
 * one names its speakers (an SVG title, no script). Each date is a group
 * drawn at x 0 and moved into place, its place kept in data-x, so that a
 * script may zoom the axis by moving the groups (the served page's
 * script does; the labels keep their size). */
static void timeline_svg(ct_buf *b, const ct_story *st)
{
	if (!st->ntl) {
		CT_BUF_LIT(b, "<p>No dated statements.</p>\n");
		return;
	}
	long lo = when_days(&st->timeline[0].when), hi = when_days(&st->timeline[st->ntl - 1].when);
	for (size_t t = 0; t < st->ntl; t++) {
		long d = when_days(&st->timeline[t].when);
		lo = d < lo ? d : lo;
		hi = d > hi ? d : hi;
	}
	const int W = 1000, L = 40, R = 40, Y = 70;
	double span = hi > lo ? (double)(hi - lo) : 1.0;
	ct_buf_printf(b, "<svg class=\"tl\" viewBox=\"0 0 %d 190\" width=\"100%%\" role=\"img\" "
		      "aria-label=\"timeline\" data-l=\"%d\" data-r=\"%d\">\n<line x1=\"%d\" y1=\"%d\" x2=\"%d\" "
		      "y2=\"%d\" stroke=\"#555\"/>\n",
		      W, L, W - R, L, Y, W - R, Y);
	double last_x = -100;
	int lane = 0;
	for (size_t t = 0; t < st->ntl; t++) {
		const ct_tl_entry *e = &st->timeline[t];
		double x = hi > lo ? L + (W - L - R) * (double)(when_days(&e->when) - lo) / span : W / 2.0;
		lane = x - last_x < 70 ? (lane + 1) % 3 : 0;
		last_x = x;
		int nconf = e->conflict;
		double r = 4 + (e->nstmt > 8 ? 8 : (double)e->nstmt);
		ct_buf_printf(b, "<g class=\"ev\" data-x=\"%.1f\" transform=\"translate(%.1f,0)\"><a href=\"#t%zu\">"
			      "<circle cy=\"%d\" r=\"%.1f\" class=\"%s\"><title>%s: %zu statement%s",
			      x, x, t, Y, r, nconf ? "pc" : "pn", e->iso, e->nstmt, e->nstmt == 1 ? "" : "s");
		/* who spoke that day: the first few, each once */
		size_t shown = 0;
		for (size_t k = 0; k < e->nstmt && shown < 4; k++) {
			const char *name = ct_story_speaker_name(st, e->stmts[k]);
			int again = 0;
			for (size_t j = 0; j < k && !again; j++)
				again = !strcmp(ct_story_speaker_name(st, e->stmts[j]), name);
			if (again)
				continue;
			ct_buf_adds(b, shown++ ? ", " : " — ");
			escs(b, name);
		}
		if (shown == 4 && e->nstmt > 4)
			CT_BUF_LIT(b, "…");
		if (nconf)
			CT_BUF_LIT(b, " (a conflict)");
		ct_buf_printf(b, "</title></circle></a>\n<text y=\"%d\" class=\"dl\" text-anchor=\"middle\">%s%s</text>\n",
			      Y + 30 + 16 * lane, e->iso, e->when.prec == 2 ? "~" : "");
		ct_buf_printf(b, "<line y1=\"%d\" y2=\"%d\" stroke=\"#aaa\"/></g>\n", Y + (int)r, Y + 18 + 16 * lane);
	}
	CT_BUF_LIT(b, "</svg>\n");
}

void ct_story_render_html(const ct_story *st, ct_sink *out)
{
	ct_buf *b = &out->b;
	size_t nconf = st->nconflict, ninferred = st->nid_outlet;
	CT_BUF_LIT(b, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
		      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		      "<title>Story map</title>\n");
	if (st->html_script) {
		CT_BUF_LIT(b, "<script src=\"");
		escs(b, st->html_script);
		CT_BUF_LIT(b, "\" defer></script>\n");
	}
	CT_BUF_LIT(b, "<style>\n"
		      "body{font:15px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:1200px;padding:0 1em;color:#222}\n"
		      "h1,h2,h3{line-height:1.2}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}\n"
		      ".tag{font-size:.8em;padding:0 .4em;border-radius:.6em;color:#fff}\n"
		      ".as{--c:#2e7d32}.re{--c:#66bb6a}.de{--c:#c62828}.qu{--c:#ef8f00}.mx{--c:#7b1fa2}\n"
		      ".tag.as,.tag.re,.tag.de,.tag.qu{background:var(--c)}.tag.conflict{background:#7b1fa2}\n"
		      ".in{--c:#607d8b}.tag.in{background:var(--c)}.inf{background:#f4f6f8;border:1px dashed #90a4ae;padding:.3em .8em;border-radius:.4em;margin-top:.6em}.inf h4{margin:.4em 0}\n"
		      "table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25em .45em;vertical-align:top}\n"
		      ".grid th.v{height:9em;white-space:nowrap;vertical-align:bottom}.grid th.v span{writing-mode:vertical-rl;transform:rotate(180deg)}\n"
		      ".cell{text-align:center;font-weight:bold;background:var(--c)}.cell a{color:#fff;text-decoration:none;display:block}\n"
		      ".sides{display:grid;grid-template-columns:1fr 1fr;gap:1em}.sides>div{background:#fafafa;padding:.3em .8em;border-radius:.4em}\n"
		      ".sides h4{margin:.4em 0}ul.st{list-style:none;padding:0}ul.st li{border-left:4px solid var(--c);padding:.2em .6em;margin:.4em 0}\n"
		      ".cue,.src{color:#666;font-size:.9em}.claim{margin-bottom:1.5em}\n"
		      ".tlz{margin:.3em 0}.tlz button{font:inherit;min-width:2em;margin-right:.3em}.tlz span{color:#666;font-size:.9em}\n"
		      "svg.tl{background:#fcfcfc;border:1px solid #eee}.pc{fill:#7b1fa2}.pn{fill:#1565c0}.dl{font-size:12px;fill:#333}\n"
		      ".art p{margin:.3em 0}.art .s:target{background:#fff59d}.art .n{color:#999;font-size:.8em}.note{color:#666}\n"
		      "</style></head><body>\n<h1>Story map</h1>\n");
	ct_buf_printf(b, "<p>%zu article%s, %zu statement%s, %zu claim%s, %zu conflict%s.</p>\n", st->npart,
		      st->npart == 1 ? "" : "s", st->nstmt, st->nstmt == 1 ? "" : "s", st->nlisted, st->nlisted == 1 ? "" : "s",
		      nconf, nconf == 1 ? "" : "s");
	if (ninferred)
		ct_buf_printf(b, "<p class=\"note\">%zu article%s without an outlet: the article id stands in for the outlet.</p>\n",
			      ninferred, ninferred == 1 ? "" : "s");
	CT_BUF_LIT(b, "<p class=\"note\">Stances: <span class=\"tag as\">asserts</span> <span class=\"tag re\">reports</span> "
		      "<span class=\"tag de\">denies</span> <span class=\"tag qu\">questions</span>; ± both sides.</p>\n");
	if (st->stance)
		CT_BUF_LIT(b, "<p class=\"note\">Articles take a side from their statements, or from the statement model's "
			      "reading of their sentences against the claim, or, in a dashed box, from the stance model's reading "
			      "of the article; a reading with its confidence.</p>\n");

	CT_BUF_LIT(b, "<h2>Claims × sources</h2>\n");
	grid(b, st);

	CT_BUF_LIT(b, "<h2>Claims</h2>\n<p class=\"note\">The central claim first; a claim is stated by two articles or more, or given.</p>\n");
	for (size_t r = 1; r <= st->nlisted; r++) {
		const ct_claim *c = ct_story_ranked(st, r);
		ct_buf_printf(b, "<div class=\"claim\" id=\"c%u\"><h3>c%u. ", c->rank, c->rank);
		escs(b, c->summary);
		if (c->given)
			CT_BUF_LIT(b, " <span class=\"tag in\">given</span>");
		if (c->conflict)
			CT_BUF_LIT(b, " <span class=\"tag conflict\">conflict</span>");
		ct_buf_printf(b, "</h3><p class=\"note\">%zu statement%s in %zu article%s · articles: %zu assert, %zu deny, %zu question, %zu report</p>\n",
			      c->nstmt, c->nstmt == 1 ? "" : "s", c->narticles, c->narticles == 1 ? "" : "s", c->by_article[CT_ST_ASSERT], c->by_article[CT_ST_DENY],
			      c->by_article[CT_ST_QUESTION], c->by_article[CT_ST_REPORT]);
		if (c->conflict) {
			CT_BUF_LIT(b, "<p class=\"note\">");
			for (int at = 0; at < 2; at++) {
				ct_buf_adds(b, at ? " · <b>against</b>: " : "<b>for</b>: ");
				for (size_t k = 0; k < c->nspeakers[at] && k < 12; k++) {
					if (k)
						CT_BUF_LIT(b, ", ");
					escs(b, ct_story_speaker_name(st, c->speakers[at][k]));
				}
				if (c->nspeakers[at] > 12)
					ct_buf_printf(b, ", and %zu more", c->nspeakers[at] - 12);
			}
			CT_BUF_LIT(b, "</p>\n");
		}
		CT_BUF_LIT(b, "<div class=\"sides\">");
		for (int side = 1; side >= -1; side -= 2) {
			ct_buf_printf(b, "<div><h4>%s</h4><ul class=\"st\">\n", side > 0 ? "For (asserts)" : "Against (denies, questions)");
			for (size_t j = 0; j < c->nstmt; j++)
				if (ct_story_side(st, c->stmts[j]) == side)
					statement(b, st, c->stmts[j]);
			CT_BUF_LIT(b, "</ul></div>");
		}
		CT_BUF_LIT(b, "</div>");
		int reported = 0;
		for (size_t j = 0; j < c->nstmt; j++)
			reported |= ct_story_side(st, c->stmts[j]) == 0;
		if (reported) {
			CT_BUF_LIT(b, "<div class=\"rep\"><h4>Reported without a side</h4><ul class=\"st\">\n");
			for (size_t j = 0; j < c->nstmt; j++)
				if (ct_story_side(st, c->stmts[j]) == 0)
					statement(b, st, c->stmts[j]);
			CT_BUF_LIT(b, "</ul></div>");
		}
		if (c->nastance) {
			CT_BUF_LIT(b, "<div class=\"inf\"><h4>Articles <span class=\"note\">— from their statements, or a "
				      "model's reading of them</span></h4><ul class=\"st\">\n");
			for (size_t j = 0; j < c->nastance; j++)
				article_stance(b, st, &st->astances[c->astance + j]);
			CT_BUF_LIT(b, "</ul></div>");
		}
		CT_BUF_LIT(b, "</div>\n");
		ct_sink_spill(out);
	}

	CT_BUF_LIT(b, "<h2>Outlet framing</h2>\n<table><tr><th>outlet</th><th>articles</th><th>leads with</th><th>claims: its articles' stances</th></tr>\n");
	for (size_t o = 0; o < st->noutlet; o++) {
		const ct_story_outlet *ol = &st->outlets[o];
		CT_BUF_LIT(b, "<tr><td>");
		escs(b, ol->name);
		if (ol->inferred)
			CT_BUF_LIT(b, " <span class=\"note\">(article id)</span>");
		ct_buf_printf(b, "</td><td>%zu</td><td>", ol->narticle);
		if (ol->lead_stmt >= 0) {
			size_t i = (size_t)ol->lead_stmt;
			const ct_claim *c = &st->claims[st->stmts[i].claim];
			ct_buf_printf(b, "<a href=\"#c%u\">c%u</a> ", c->rank, c->rank);
			escs(b, c->summary);
			ct_buf_printf(b, ": <a href=\"#");
			anchor(b, st, i);
			CT_BUF_LIT(b, "\">");
			escs(b, ct_story_speaker_name(st, i));
			ct_buf_printf(b, "</a> <span class=\"tag %s\">%s</span>", stance_class[st->stmts[i].stance],
				      ct_story_stance_name(st->stmts[i].stance));
		}
		CT_BUF_LIT(b, "</td><td>");
		for (size_t k = 0; k < ol->nclaim; k++) {
			const ct_outlet_claim *oc = &ol->claims[k];
			unsigned rank = st->claims[oc->claim].rank;
			ct_buf_printf(b, "<a href=\"#c%u\">c%u</a>", rank, rank);
			for (int q = 0; q < CT_ST_NKINDS; q++)
				if (oc->nart[q])
					ct_buf_printf(b, " <span class=\"tag %s\">%u %s</span>", stance_class[q], oc->nart[q], ct_story_stance_name(q));
			CT_BUF_LIT(b, "<br>");
		}
		CT_BUF_LIT(b, "</td></tr>\n");
	}
	CT_BUF_LIT(b, "</table>\n");

	CT_BUF_LIT(b, "<h2>Timeline</h2>\n");
	timeline_svg(b, st);
	CT_BUF_LIT(b, "<ul>\n");
	for (size_t t = 0; t < st->ntl; t++) {
		const ct_tl_entry *e = &st->timeline[t];
		ct_buf_printf(b, "<li id=\"t%zu\"><b>%s</b>%s<ul>\n", t, e->iso,
			      e->when.prec == 2 ? " (about)" : e->when.prec == 3 ? " (month)" : "");
		for (size_t k = 0; k < e->nstmt; k++) {
			size_t i = e->stmts[k];
			int32_t c = st->stmts[i].claim;
			CT_BUF_LIT(b, "<li>");
			/* only a claim on the page has an anchor to link to */
			if (c >= 0 && st->claims[c].rank >= 1 && st->claims[c].rank <= st->nlisted)
				ct_buf_printf(b, "<a href=\"#c%u\">c%u</a> ", st->claims[c].rank, st->claims[c].rank);
			escs(b, ct_story_speaker_name(st, i));
			CT_BUF_LIT(b, ": ");
			sentence_link(b, st, i);
			cited(b, st, i);
			CT_BUF_LIT(b, "</a></li>\n");
		}
		CT_BUF_LIT(b, "</ul></li>\n");
	}
	CT_BUF_LIT(b, "</ul>\n");

	CT_BUF_LIT(b, "<h2>Articles</h2>\n<p class=\"note\">The sentences the map cites, by article.</p>\n");
	for (size_t a = 0; a < st->npart; a++) {
		const ct_story_part *p = st->parts[a];
		ct_buf_printf(b, "<div class=\"art\" id=\"a%zu\"><h3>", a);
		if (st->html_article_prefix && p->archive_id) {
			CT_BUF_LIT(b, "<a target=\"_top\" href=\"");
			escs(b, st->html_article_prefix);
			ct_buf_printf(b, "%lld\">", (long long)p->archive_id);
			escs(b, ct_story_article_id(st, a));
			CT_BUF_LIT(b, "</a>");
		} else {
			escs(b, ct_story_article_id(st, a));
		}
		if (p->meta[CT_META_TITLE]) {
			CT_BUF_LIT(b, ": ");
			escs(b, p->meta[CT_META_TITLE]);
		}
		CT_BUF_LIT(b, "</h3><p class=\"note\">outlet: ");
		escs(b, ct_story_outlet_of(st, a)->name);
		if (p->meta[CT_META_PUBLISHED]) {
			CT_BUF_LIT(b, " · published ");
			escs(b, p->meta[CT_META_PUBLISHED]);
		}
		if (p->meta[CT_META_URL]) {
			CT_BUF_LIT(b, " · ");
			escs(b, p->meta[CT_META_URL]);
		}
		CT_BUF_LIT(b, "</p>\n");
		for (size_t k = 0; k < p->nsent; k++) {
			const ct_part_sent *se = &p->sents[k];
			ct_buf_printf(b, "<p class=\"s\" id=\"a%zu-s%u\"><span class=\"n\">%u.</span> ", a, se->index, se->index + 1);
			escs(b, se->text);
			CT_BUF_LIT(b, "</p>\n");
		}
		CT_BUF_LIT(b, "</div>\n");
		ct_sink_spill(out);
	}
	CT_BUF_LIT(b, "</body></html>\n");
}
