/* The story map from articles written for these tests: entities across
 * articles, claims and sides, outlets, JSON fields, HTML escaping. */
#include <jansson.h>
#include <stdlib.h>

#include "test.h"
#include "../../src/story/story.h"
#include "../../src/read/read.h"

static ct_doc *article(const char *id, const char *outlet, const char *published, const char *text)
{
	ct_doc *doc = ct_doc_new(id, text, strlen(text));
	if (outlet)
		ct_doc_set_meta(doc, CT_META_OUTLET, outlet);
	if (published)
		ct_doc_set_meta(doc, CT_META_PUBLISHED, published);
	int rc = ct_doc_run(t_ctx, doc, CT_STAGE_CODE);
	CHECK(rc == 0, "ct_doc_run %s: %d", id, rc);
	return doc;
}

static const ct_story_ent *entity(const ct_story *st, const char *name)
{
	for (size_t e = 0; e < st->nent; e++)
		if (!strcmp(st->ents[e].name, name))
			return &st->ents[e];
	return NULL;
}

static int has_alias(const ct_story_ent *e, const char *a)
{
	for (size_t k = 0; e && k < e->nalias; k++)
		if (!strcmp(e->aliases[k], a))
			return 1;
	return 0;
}

/* The listed claim that holds a statement of `speaker` whose sentence has `text`. */
static const ct_claim *claim_with(const ct_story *st, const char *speaker, const char *text)
{
	for (size_t r = 1; r <= st->nlisted; r++) {
		const ct_claim *c = ct_story_ranked(st, r);
		for (size_t k = 0; k < c->nstmt; k++) {
			size_t i = c->stmts[k];
			if ((!speaker || !strcmp(ct_story_speaker_name(st, i), speaker)) &&
			    (!text || strstr(ct_story_stmt_sent(st, i)->text, text)))
				return c;
		}
	}
	return NULL;
}

static ct_story *build(void)
{
	ct_story *st = ct_story_new(t_ctx);
	const char *a[][4] = {
		{"a", "Daily A", "2014-09-16",
		 "Ayatollah Seyed Ali Khamenei said on Monday that he rejected a US request for cooperation against ISIS."},
		{"b", "Daily B", "2014-09-17",
		 "Jen Paski said there is no record of the United States requesting help from Iran. "
		 "The State Dept said officials of Iran and the United States discussed ISIL in Vienna in June."},
		{"c", NULL, NULL,
		 "Iran's supreme leader Khamenei refused an American offer of collaboration against the Islamic State. "
		 "Which offer he meant remained unclear."},
		{"d", "Daily <D>", "2014-09-18",
		 "Iran rejected a US offer <script>alert(1)</script> of cooperation, Jen Psaki said."},
	};
	for (size_t i = 0; i < sizeof a / sizeof *a; i++) {
		ct_doc *doc = article(a[i][0], a[i][1], a[i][2], a[i][3]);
		CHECK(ct_story_add_doc(st, doc) == 0, "add %s", a[i][0]);
		ct_doc_free(doc);
	}
	ct_story_build(st);
	return st;
}

static void test_entities(const ct_story *st)
{
	const ct_story_ent *k = entity(st, "Ali Khamenei");
	CHECK(k != NULL, "Khamenei is one entity");
	CHECK(has_alias(k, "Ayatollah Seyed Ali Khamenei") && has_alias(k, "Khamenei"), "Khamenei's aliases");
	const ct_story_ent *p = entity(st, "Jen Psaki");
	CHECK(p && has_alias(p, "Jen Paski"), "Paski is Psaki");
	CHECK(!entity(st, "Jen Paski"), "no separate Paski");
	const ct_story_ent *is = entity(st, "Islamic State");
	CHECK(is && has_alias(is, "ISIS") && has_alias(is, "ISIL"), "IS = ISIS = ISIL");
	const ct_story_ent *sd = entity(st, "State Department");
	CHECK(sd && has_alias(sd, "State Dept"), "State Dept = State Department");
}

static void test_claims(const ct_story *st)
{
	/* the request, asked and refused, in four articles' words */
	const ct_claim *c = claim_with(st, "Ali Khamenei", "rejected a US request");
	CHECK(c != NULL, "the proposal claim");
	if (!c)
		return;
	CHECK(c == claim_with(st, "Ali Khamenei", "refused an American offer") &&
	      c == claim_with(st, "Jen Psaki", "no record"), "request, offer and no record of it are one claim");
	CHECK(c->conflict, "backed and denied: a conflict");
	CHECK(c->by_stance[CT_ST_ASSERT] >= 2, "asserted %zu times", c->by_stance[CT_ST_ASSERT]);
	CHECK(c->by_stance[CT_ST_DENY] >= 1, "denied %zu times", c->by_stance[CT_ST_DENY]);
	CHECK(c->by_stance[CT_ST_QUESTION] >= 1, "questioned %zu times", c->by_stance[CT_ST_QUESTION]);
	CHECK(c->narticles >= 3, "carried by %zu articles", c->narticles);
	CHECK(c->rank == 1, "the central claim first (rank %u)", c->rank);
	size_t refused = 0;
	int psaki_denies = 0;
	for (size_t k = 0; k < c->nstmt; k++) {
		size_t i = c->stmts[k];
		refused += ct_story_pstmt(st, i)->refused;
		if (st->stmts[i].stance == CT_ST_DENY && !strcmp(ct_story_speaker_name(st, i), "Jen Psaki"))
			psaki_denies = 1;
	}
	CHECK(refused >= 2, "refused in %zu statements", refused);
	CHECK(psaki_denies, "Psaki denies");
	/* every article stands somewhere on it, and none twice */
	CHECK_INT(c->nastance, 4);
	for (size_t k = 0; k + 1 < c->nastance; k++)
		CHECK(st->astances[c->astance + k].article < st->astances[c->astance + k + 1].article, "article stances in article order");
}

static void test_outlets(const ct_story *st)
{
	CHECK_INT(st->noutlet, 4);
	int inferred = 0;
	for (size_t o = 0; o < st->noutlet; o++)
		if (st->outlets[o].inferred)
			inferred += !strcmp(st->outlets[o].name, "c");
	CHECK_INT(inferred, 1);
}

static void test_json(ct_story *st)
{
	size_t len;
	char *s = ct_story_render(st, CT_STORY_JSON, &len);
	/* written to a file in blocks, the same bytes */
	for (int f = 0; f < 4; f++) {
		size_t n;
		char *want = ct_story_render(st, (ct_story_format)f, &n), *got = NULL;
		size_t gn = 0;
		FILE *mf = open_memstream(&got, &gn);
		CHECK(mf && ct_story_write(st, (ct_story_format)f, mf) == 0, "ct_story_write %d", f);
		if (mf)
			fclose(mf);
		CHECK(got && gn == n && !memcmp(got, want, n), "format %d: written as rendered", f);
		free(got);
		free(want);
	}
	json_error_t err;
	json_t *j = json_loadb(s, len, 0, &err);
	CHECK(j != NULL, "JSON parses: %s", err.text);
	if (j) {
		json_t *arts = json_object_get(j, "articles");
		CHECK(json_array_size(arts) == 4, "articles");
		json_t *a0 = json_array_get(arts, 0);
		CHECK(json_object_get(a0, "id") && json_object_get(a0, "outlet") && json_object_get(a0, "title") &&
		      json_object_get(a0, "published"), "article fields");
		json_t *e0 = json_array_get(json_object_get(j, "entities"), 0);
		CHECK(e0 && json_object_get(e0, "id") && json_object_get(e0, "name") && json_object_get(e0, "type") &&
		      json_is_array(json_object_get(e0, "aliases")), "entity fields");
		json_t *c0 = json_array_get(json_object_get(j, "claims"), 0);
		CHECK(c0 && json_object_get(c0, "id") && json_object_get(c0, "summary") && json_is_boolean(json_object_get(c0, "conflict")) &&
		      json_is_boolean(json_object_get(c0, "given")), "claim fields");
		json_t *s0 = json_array_get(json_object_get(c0, "statements"), 0);
		const char *keys[] = {"article", "speaker", "speaker_name", "stance", "cue", "channel", "date", "text", "event"};
		for (size_t k = 0; k < 9; k++)
			CHECK(json_object_get(s0, keys[k]) != NULL, "statement field %s", keys[k]);
		json_t *ev = NULL;
		json_t *ss = json_object_get(c0, "statements");
		for (size_t k = 0; k < json_array_size(ss) && !json_is_object(ev); k++)
			ev = json_object_get(json_array_get(ss, k), "event");
		CHECK(json_is_object(ev) && json_object_get(ev, "cameo") && json_object_get(ev, "action") &&
		      json_object_get(ev, "source") && json_object_get(ev, "target"), "event fields");
		/* article stances: one per article that speaks to the claim, the
		 * statements they rest on indexing the claim's statements */
		json_t *as = json_object_get(c0, "article_stances");
		CHECK(json_array_size(as) == 4, "article stances: %zu", json_array_size(as));
		for (size_t k = 0; k < json_array_size(as); k++) {
			json_t *e = json_array_get(as, k);
			const char *stance = json_string_value(json_object_get(e, "stance"));
			const char *from = json_string_value(json_object_get(e, "from"));
			double conf = json_real_value(json_object_get(e, "confidence"));
			CHECK(stance && (!strcmp(stance, "asserts") || !strcmp(stance, "denies") || !strcmp(stance, "questions") ||
					 !strcmp(stance, "reports")), "article stance %s", stance ? stance : "(none)");
			CHECK(from && (!strcmp(from, "statements") || !strcmp(from, "model")), "from %s", from ? from : "(none)");
			CHECK(conf > 0 && conf <= 1, "confidence %.3f", conf);
			json_t *ix = json_object_get(e, "statements");
			for (size_t q = 0; q < json_array_size(ix); q++)
				CHECK((size_t)json_integer_value(json_array_get(ix, q)) < json_array_size(ss), "statement index");
		}
		json_t *t0 = json_array_get(json_object_get(j, "timeline"), 0);
		CHECK(t0 && json_is_string(json_object_get(t0, "date")) && json_object_get(t0, "summary") &&
		      json_is_array(json_object_get(t0, "claims")) && json_is_array(json_object_get(t0, "articles")),
		      "timeline fields");
		/* the timeline is in date order and holds June and 15 September */
		const char *prev = "";
		int june = 0, sept15 = 0, ordered = 1;
		for (size_t i = 0; i < json_array_size(json_object_get(j, "timeline")); i++) {
			const char *d = json_string_value(json_object_get(json_array_get(json_object_get(j, "timeline"), i), "date"));
			ordered &= strcmp(prev, d) <= 0;
			june |= !strcmp(d, "2014-06");
			sept15 |= !strcmp(d, "2014-09-15");
			prev = d;
		}
		CHECK(ordered && june && sept15, "timeline: ordered %d, June %d, 15 September %d", ordered, june, sept15);
		json_decref(j);
	}
	free(s);
}

static void test_html(ct_story *st)
{
	size_t len;
	char *s = ct_story_render(st, CT_STORY_HTML, &len);
	CHECK(strstr(s, "<script") == NULL, "no script in the page");
	CHECK(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt;") != NULL, "article text escaped");
	CHECK(strstr(s, "Daily &lt;D&gt;") != NULL, "outlet escaped");
	CHECK(strstr(s, "<svg") != NULL, "timeline picture");
	CHECK(strstr(s, "http://") == NULL && strstr(s, "https://") == NULL, "nothing fetched");
	CHECK(strstr(s, "id=\"a0-s0\"") != NULL && strstr(s, "href=\"#a0-s0\"") != NULL, "statements link to sentences");
	free(s);
	char *t = ct_story_render(st, CT_STORY_TEXT, &len);
	CHECK(strstr(t, "CONFLICTS") != NULL && strlen(t) == len, "text");
	free(t);
	char *m = ct_story_render(st, CT_STORY_MARKDOWN, &len);
	CHECK(strstr(m, "# Story map") != NULL, "markdown");
	free(m);
}

static void test_empty(void)
{
	/* rendering builds an unbuilt story; adding after it is refused */
	ct_story *st = ct_story_new(t_ctx);
	ct_doc *c = article("late", NULL, NULL, "Egypt will not cooperate with Israel.");
	CHECK(ct_story_add_doc(st, c) == 0, "add before build");
	size_t n0;
	free(ct_story_render(st, CT_STORY_JSON, &n0));
	CHECK(ct_story_add_doc(st, c) == CT_EARG, "add after build is refused");
	ct_doc_free(c);
	ct_story_free(st);
	st = ct_story_new(t_ctx);
	ct_story_build(st);
	for (int f = 0; f < 4; f++) {
		size_t len;
		char *s = ct_story_render(st, (ct_story_format)f, &len);
		CHECK(s && len > 0, "empty story renders as %d", f);
		free(s);
	}
	ct_doc *doc = ct_doc_new("x", "Not coded.", 10);
	CHECK(ct_story_add_doc(st, doc) == CT_EARG, "an uncoded document is refused");
	ct_doc_free(doc);
	ct_story_free(st);
	CHECK_INT(ct_story_format_from_name("html"), CT_STORY_HTML);
	CHECK_INT(ct_story_format_from_name("pdf"), -1);
}

/* A quotation over two sentences gives a statement per sentence; each is
 * cited with one pair of marks, not with the other sentence's mark left
 * over ('"We will not cooperate.' or 'it is over.""'). */
static void test_cited(void)
{
	ct_story *st = ct_story_new(t_ctx);
	const char *a[][2] = {
		{"e", "\"Egypt will not cooperate with Israel on the border. Egypt rejected the Israeli offer,\" the "
		      "Egyptian foreign minister said."},
		{"f", "The Israeli prime minister said that Egypt rejected an Israeli offer of cooperation."},
	};
	for (size_t i = 0; i < 2; i++) {
		ct_doc *doc = article(a[i][0], NULL, "2015-03-02", a[i][1]);
		CHECK(ct_story_add_doc(st, doc) == 0, "add %s", a[i][0]);
		ct_doc_free(doc);
	}
	ct_story_build(st);
	size_t quoted = 0;
	for (size_t i = 0; i < st->nstmt; i++) {
		size_t n, marks = 0;
		int own;
		const char *c = ct_story_stmt_cited(st, i, &n, &own);
		for (size_t k = 0; k < n; k++)
			marks += c[k] == '"';
		CHECK(marks % 2 == 0 && n && c[0] != ' ', "statement %zu cited as [%.*s]", i, (int)n, c);
		quoted += !strncmp(c, "Egypt will not", 14) || !strncmp(c, "Egypt rejected the", 18);
	}
	CHECK(quoted >= 1, "the quoted sentences are cited without their marks");
	size_t len;
	char *text = ct_story_render(st, CT_STORY_TEXT, &len);
	CHECK(text && !strstr(text, ".\"\"") && !strstr(text, ": \"\"Egypt"), "%s", text ? text : "");
	free(text);
	ct_story_free(st);
}

/* Names across articles: titles, first names misspelt or missing, middle
 * initials, accents, spacing; and words capitalized only by their place
 * are no names at all. */
static void test_entity_variants(void)
{
	/* (a caption's agency, shouting's "US" and capitals: no entities either) */
	static const char *const texts[][2] = {
		{"v1", "Korovin said nothing on Monday. The clinic's Dr. Korovin was there."},
		{"v2", "Dr Gwen Korovin denied taking a selfie, Gwen Korovin's lawyer said."},
		{"v3", "Justin Bieber sang. Jusin Bieber danced. Cristina Fernández spoke; Christina Fernandez left."},
		{"v5", "The clinic said the doctor took a selfie.\n\nPicture: Featureflash / Shutterstock\n\nA spokesman told us "
		       "nothing more. WE ARE NOT TELLING US ANYTHING, he said."},
		{"v4", "Harbour Online said so, and HarbourOnline said so again. Historians say John F. Kennedy was there, and later John Kennedy spoke about the meeting. In May, Several "
		       "people said Well, no. Early reports indicate the harbour closed. Unconfirmed reports from the port "
		       "say it shut. Tanaka reported from Dunmore."},
	};
	ct_story *st = ct_story_new(t_ctx);
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		ct_doc *doc = article(texts[i][0], NULL, NULL, texts[i][1]);
		ct_story_add_doc(st, doc);
		ct_doc_free(doc);
	}
	ct_story_build(st);
	const ct_story_ent *k = entity(st, "Gwen Korovin");
	CHECK(k && k->type == CT_ACTOR_PERSON, "Korovin, Dr. Korovin, Dr Gwen Korovin: one person, Gwen Korovin");
	CHECK(!entity(st, "Korovin") && !entity(st, "Dr. Korovin"), "no Korovin apart");
	CHECK(entity(st, "Justin Bieber") && !entity(st, "Jusin Bieber"), "Jusin Bieber is Justin Bieber");
	CHECK(entity(st, "Cristina Fernández") && !entity(st, "Christina Fernandez"), "Christina Fernandez is Cristina Fernández");
	CHECK(entity(st, "Harbour Online") && !entity(st, "HarbourOnline"), "HarbourOnline is Harbour Online");
	CHECK(entity(st, "John F. Kennedy") && !entity(st, "John Kennedy"), "John Kennedy is John F. Kennedy");
	CHECK(entity(st, "Tanaka") != NULL, "\"Tanaka reported from\": a name");
	const char *junk[] = {"The", "In", "May", "Monday", "Several", "Well", "Featureflash", "Shutterstock",
			      "United States", "TELLING", "Early", "Unconfirmed"};
	for (size_t i = 0; i < sizeof junk / sizeof *junk; i++)
		CHECK(!entity(st, junk[i]), "\"%s\" is no entity", junk[i]);
	ct_story_free(st);
}

/* A country is a country in any story, not the last word of a body named
 * after it: "Nigeria said" is not "Harbour Aid Nigeria" said. An outlet's
 * longer name wins over another's short one ("the Times"). A name joined
 * to its particle ("al-Farouq") ends no name. A company's name before a
 * capitalized word names a product ("Google Glass"). */
static void test_world_names(void)
{
	ct_doc *doc = article("c1", NULL, NULL,
			      "Harbour Aid Nigeria said the talks would go on. Nigeria said on Friday it had agreed a truce "
			      "with the rebels, and Nicaraguan officials said they welcomed it, the Times of Israel reported. "
			      "Lawmaker Omar al-Farouq said the al-Qaida-linked group had left. The Google Glass will cost more, "
			      "Google said, and the Glass will ship late. Isis fighters left. The New York-based Harbour Fund "
			      "said it had sold, and the Dunmore-led group agreed. Customers of the Okafor family-run bakery "
			      "said it had closed.");
	ct_story *st = ct_story_new(t_ctx);
	ct_story_add_doc(st, doc);
	ct_doc_free(doc);
	ct_story_build(st);
	const ct_story_ent *n = entity(st, "Nigeria");
	CHECK(n && n->type == CT_ACTOR_COUNTRY, "Nigeria is a country of its own");
	CHECK(entity(st, "Harbour Aid Nigeria") != n, "the aid group is not Nigeria");
	const ct_story_ent *c = entity(st, "Nicaragua");
	CHECK(c && c->type == CT_ACTOR_COUNTRY, "\"Nicaraguan officials\" speak for Nicaragua");
	CHECK(entity(st, "The Times of Israel") && !entity(st, "The New York Times"),
	      "the Times of Israel is not the New York Times");
	const ct_story_ent *o = entity(st, "Omar al-Farouq");
	CHECK(o && o->type == CT_ACTOR_PERSON && !entity(st, "Omar"), "Omar al-Farouq, a person, whole");
	CHECK(!entity(st, "al-Qaida-linked"), "an adjective made of a name is no name");
	CHECK(entity(st, "Google Glass") && !entity(st, "Glass") && entity(st, "Google"),
	      "a company's product is a name of its own, the company another");
	CHECK(entity(st, "Islamic State") != NULL, "Isis is the Islamic State");
	CHECK(entity(st, "Harbour Fund") && !entity(st, "New") && !entity(st, "New York-based") &&
	      !entity(st, "Dunmore-led"), "New York-based, Dunmore-led: adjectives, no names");
	CHECK(entity(st, "Okafor") != NULL, "a name before a lowercase compound (family-run) stays a name");
	ct_story_free(st);
}

/* Outlets the text or the url gives, named so in the map. */
static void test_outlet_sources(void)
{
	struct {
		const char *id, *url, *text, *outlet, *from;
	} cases[] = {
		{"w", NULL, "WASHINGTON (Reuters) - The senate voted on Tuesday to pass the bill, officials said.", "Reuters", "text"},
		{"c", NULL, "(CNN) — The senate voted on Tuesday to pass the bill, officials said.", "CNN", "text"},
		{"u", "https://www.example.co.uk/news/senate.html", "The senate voted on Tuesday to pass the bill, officials said.",
		 "example.co.uk", "url"},
		{"n", NULL, "The senate voted on Tuesday to pass the bill, officials said.", "n", "id"},
	};
	ct_story *st = ct_story_new(t_ctx);
	for (size_t i = 0; i < 4; i++) {
		ct_doc *doc = ct_doc_new(cases[i].id, cases[i].text, strlen(cases[i].text));
		if (cases[i].url) {
			ct_doc_set_meta(doc, CT_META_URL, cases[i].url);
			ct_meta_infer(doc);
		}
		CHECK(ct_doc_run(t_ctx, doc, CT_STAGE_CODE) == 0, "run %s", cases[i].id);
		ct_story_add_doc(st, doc);
		ct_doc_free(doc);
	}
	ct_story_build(st);
	for (size_t i = 0; i < 4; i++) {
		const ct_story_outlet *ol = ct_story_outlet_of(st, i);
		CHECK(!strcmp(ol->name, cases[i].outlet) && !strcmp(ct_outlet_from_name(ol->from), cases[i].from),
		      "%s: outlet %s from %s", cases[i].id, ol->name, ct_outlet_from_name(ol->from));
	}
	ct_story_free(st);
	/* an outlet given overrides what the text says */
	ct_doc *doc = ct_doc_new("g", cases[0].text, strlen(cases[0].text));
	ct_doc_set_meta(doc, CT_META_OUTLET, "Daily G");
	CHECK(doc->outlet_from == 0 && !strcmp(ct_doc_meta(doc, CT_META_OUTLET), "Daily G"), "given outlet");
	ct_doc_free(doc);
}

/* Wire reprints: a trimmed copy of the wire story carried by another
 * outlet is linked to it, its statements count once, and the original's
 * statements name both outlets; another paper's own article on the same
 * story is no reprint. */
static const char *const wire_text =
	"PORT ELLIS (Wire) - The harbour authority of Port Ellis closed the northern pier on Tuesday after "
	"inspectors found cracks in three of its concrete pillars, officials said.\n\n"
	"Harbour master Lena Okafor said the pier would stay shut for at least two weeks while engineers assessed "
	"the damage. \"We are not taking any chances with the safety of dock workers,\" she told reporters at the "
	"harbour office.\n\n"
	"About forty fishing boats that normally unload at the northern pier were sent to the southern basin, where "
	"space is limited during the autumn season.\n\n"
	"The fishermen's union said its members would lose money every day the pier stayed closed and asked the "
	"city for compensation. A union spokesman, Tomas Reyes, called the closure a consequence of years of "
	"neglect.\n\n"
	"Mayor Anton Vitek said the council would meet on Friday to discuss emergency funding for the repairs.";

/* n words from a family of its own ("a12", "x3"): texts that share
 * exactly the runs of words they are made to share. */
static void words(ct_buf *b, char family, int from, int n)
{
	for (int i = from; i < from + n; i++)
		ct_buf_printf(b, "%c%d ", family, i);
}

/* The linking rule on its own: each text goes to the original of the
 * earliest copy before it that it reprints. C reprints B (their shared
 * second half) but not A; B reprints A, so C is carried from A. D shares
 * nothing; E is a copy of D; none links forward in time. */
static void test_reprints_rule(void)
{
	ct_buf t[5] = {{0}};
	words(&t[0], 'a', 0, 200);                        /* A: the wire */
	words(&t[1], 'a', 0, 150), words(&t[1], 'x', 0, 60);   /* B: A trimmed, a new bottom */
	words(&t[2], 'a', 120, 30), words(&t[2], 'x', 0, 60), words(&t[2], 'y', 0, 20); /* C: B's end */
	words(&t[3], 'd', 0, 120);                        /* D: another story's */
	words(&t[4], 'd', 0, 110);                        /* E: D trimmed */
	ct_sketch sk[5];
	const ct_sketch *p[6] = {NULL};
	for (int i = 0; i < 5; i++) {
		ct_sketch_make(&sk[i], t[i].data, t[i].len);
		p[i] = &sk[i];
		ct_buf_free(&t[i]);
	}
	CHECK(!ct_sketch_is_reprint(&sk[0], &sk[2]) && ct_sketch_is_reprint(&sk[1], &sk[2]),
	      "C reprints B, not A");
	int32_t orig[6];
	ct_reprints_earliest(p, 6, orig); /* the sixth: too short for a sketch */
	const int32_t want[6] = {-1, 0, 0, -1, 3, -1};
	for (int i = 0; i < 6; i++)
		CHECK(orig[i] == want[i], "text %d: linked to %d, not %d", i, orig[i], want[i]);
	/* the order is time: the trimmed copy first makes it the original */
	const ct_sketch *q[2] = {&sk[4], &sk[3]};
	ct_reprints_earliest(q, 2, orig);
	CHECK(orig[0] == -1 && orig[1] == 0, "E first: D is its reprint (%d, %d)", orig[0], orig[1]);
}

static void test_reprints(void)
{
	const char *trim =
		"PORT ELLIS - The harbour authority of Port Ellis closed the northern pier on Tuesday after "
		"inspectors found cracks in three of its concrete pillars, officials said.\n\n"
		"Harbour master Lena Okafor said the pier would stay shut for at least two weeks while engineers "
		"assessed the damage. \"We are not taking any chances with the safety of dock workers,\" she told "
		"reporters at the harbour office.\n\n"
		"About forty fishing boats that normally unload at the northern pier were sent to the southern "
		"basin, where space is limited during the autumn season.";
	const char *own =
		"Cracked pillars have forced the closure of the northern pier in Port Ellis, leaving dozens of "
		"fishing crews scrambling for a place to land their catch.\n\n"
		"Lena Okafor, who runs the harbour, said the pier would stay shut for two weeks while engineers "
		"assessed the damage.\n\n"
		"Union leaders want the city to pay for lost days. The mayor denied that the city had neglected the pier.";
	ct_story *st = ct_story_new(t_ctx);
	/* the copy comes first in the input: the earlier date makes the wire the original */
	ct_doc *docs[3] = {article("trim", "Daily Bugle", "2014-09-17", trim),
			   article("wire", "Wire Service", "2014-09-16", wire_text),
			   article("own", "Harbour Times", "2014-09-17", own)};
	for (int k = 0; k < 3; k++) {
		CHECK_INT(ct_story_add_doc(st, docs[k]), 0);
		ct_doc_free(docs[k]);
	}
	ct_story_build(st);
	CHECK_INT(st->nreprint, 1);
	CHECK_STR(ct_story_reprint_of(st, 0), "wire");
	CHECK(ct_story_reprint_of(st, 1) == NULL, "the wire copy is the original");
	CHECK(ct_story_reprint_of(st, 2) == NULL, "the other paper's article is no reprint");

	/* every statement of the trim repeats the wire's, and is in no claim */
	size_t trim_stmts = 0, dups = 0;
	for (size_t i = 0; i < st->nstmt; i++) {
		if (st->stmts[i].article != 0 || ct_story_pstmt(st, i)->noise)
			continue;
		trim_stmts++;
		dups += st->stmts[i].dup_of >= 0 && st->stmts[st->stmts[i].dup_of].article == 1 && st->stmts[i].claim < 0;
	}
	CHECK(trim_stmts > 0 && dups == trim_stmts, "%zu of the trim's %zu statements repeat the wire's", dups, trim_stmts);

	/* the closure: stated by the wire (carried by both) and the other paper, counted in two articles */
	const ct_claim *c = claim_with(st, NULL, "closed the northern pier");
	CHECK(c != NULL, "the closure is a claim");
	if (c) {
		CHECK_INT(c->narticles, 2);
		size_t carried = 0, counted = 0, listed_reprint = 0;
		for (size_t k = 0; k < c->nstmt; k++) {
			size_t i = c->stmts[k];
			CHECK(st->stmts[i].article != 0, "no statement of the trim counted in the claim");
			const uint32_t *ol;
			size_t n = ct_story_carried_by(st, i, &ol);
			if (n == 2 && !strcmp(st->outlets[ol[0]].name, "Wire Service") &&
			    !strcmp(st->outlets[ol[1]].name, "Daily Bugle"))
				carried++;
		}
		CHECK_INT(carried, 1);
		for (size_t k = 0; k < c->nastance; k++) {
			const ct_article_stance *as = &st->astances[c->astance + k];
			counted += !as->reprint;
			listed_reprint += as->reprint && as->article == 0;
		}
		CHECK_INT(listed_reprint, 1);
		size_t by_article = 0;
		for (int s = 0; s < CT_ST_NKINDS; s++)
			by_article += c->by_article[s];
		CHECK(by_article == counted && counted == 2, "the articles counted: %zu (%zu listed)", by_article,
		      (size_t)c->nastance);
	}

	/* JSON: carried_by on the statement, reprint_of on the article */
	size_t len;
	char *s = ct_story_render(st, CT_STORY_JSON, &len);
	json_error_t jerr;
	json_t *root = json_loads(s, 0, &jerr);
	CHECK(root != NULL, "JSON: %s", jerr.text);
	int found = 0;
	json_t *arts = json_object_get(root, "articles");
	CHECK_STR(json_string_value(json_object_get(json_array_get(arts, 0), "reprint_of")), "wire");
	CHECK(json_is_null(json_object_get(json_array_get(arts, 2), "reprint_of")), "own: reprint_of null");
	size_t ci;
	json_t *jc;
	json_array_foreach(json_object_get(root, "claims"), ci, jc) {
		size_t si;
		json_t *js;
		json_array_foreach(json_object_get(jc, "statements"), si, js) {
			json_t *cb = json_object_get(js, "carried_by");
			if (json_array_size(cb) == 2 && !strcmp(json_string_value(json_array_get(cb, 0)), "Wire Service") &&
			    !strcmp(json_string_value(json_array_get(cb, 1)), "Daily Bugle"))
				found++;
			CHECK(json_array_size(cb) >= 1, "every statement names the outlets that carried it");
		}
	}
	CHECK(found >= 1, "a statement carried by both outlets in the JSON");
	json_decref(root);
	free(s);
	char *t = ct_story_render(st, CT_STORY_TEXT, &len);
	CHECK(strstr(t, "carried by Wire Service, Daily Bugle") != NULL, "the text names both outlets");
	CHECK(strstr(t, "a reprint of wire") != NULL, "and the reprint");
	free(t);
	char *h = ct_story_render(st, CT_STORY_HTML, &len);
	CHECK(strstr(h, "carried by Wire Service, Daily Bugle") != NULL, "the HTML names both outlets");
	free(h);
	ct_story_free(st);

	/* undated, the input's order decides: the trim, first, is the original */
	st = ct_story_new(t_ctx);
	ct_doc *d2[2] = {article("trim", "Daily Bugle", NULL, trim), article("wire", "Wire Service", NULL, wire_text)};
	for (int k = 0; k < 2; k++) {
		CHECK_INT(ct_story_add_doc(st, d2[k]), 0);
		ct_doc_free(d2[k]);
	}
	ct_story_build(st);
	CHECK(ct_story_reprint_of(st, 0) == NULL, "undated: the first in the input is the original");
	CHECK_STR(ct_story_reprint_of(st, 1), "trim");
	ct_story_free(st);
}

void test_story_seeds(void);

void test_story(void)
{
	test_entity_variants();
	test_world_names();
	test_outlet_sources();
	test_story_seeds();
	ct_story *st = build();
	test_entities(st);
	test_claims(st);
	test_outlets(st);
	test_json(st);
	test_html(st);
	ct_story_free(st);
	test_empty();
	test_cited();
	test_reprints_rule();
	test_reprints();
}

/* ---- the reference story (../shared/corpus/seeds): the acceptance items,
 * checked on the library without jq ------------------------------------ */

static size_t speaker_articles(const ct_story *st, const ct_claim *c, const char *name, int stance)
{
	size_t n = 0;
	uint32_t last = UINT32_MAX;
	for (size_t k = 0; k < c->nstmt; k++) {
		size_t i = c->stmts[k];
		if (st->stmts[i].stance == stance && !strcmp(ct_story_speaker_name(st, i), name) &&
		    st->stmts[i].article != last) {
			n++;
			last = st->stmts[i].article;
		}
	}
	return n;
}

static int any_stmt(const ct_story *st, const ct_claim *c, int stance, const char *speaker_part, const char *text_part)
{
	for (size_t k = 0; c && k < c->nstmt; k++) {
		size_t i = c->stmts[k];
		if (st->stmts[i].stance != stance)
			continue;
		if (speaker_part && !strstr(ct_story_speaker_name(st, i), speaker_part))
			continue;
		if (text_part && !strstr(ct_story_stmt_sent(st, i)->text, text_part))
			continue;
		return 1;
	}
	return 0;
}

static int timeline_has(const ct_story *st, const char *iso_from, const char *iso_to, const char *text)
{
	for (size_t t = 0; t < st->ntl; t++) {
		const ct_tl_entry *e = &st->timeline[t];
		if (strcmp(e->iso, iso_from) < 0 || strcmp(e->iso, iso_to) > 0)
			continue;
		for (size_t k = 0; k < e->nstmt; k++)
			if (strstr(ct_story_stmt_sent(st, e->stmts[k])->text, text))
				return 1;
	}
	return 0;
}

void test_story_seeds(void);
void test_story_seeds(void)
{
	if (!t_corpus) {
		printf("skip: reference story acceptance (no ../shared/corpus)\n");
		return;
	}
	char path[4096];
	snprintf(path, sizeof path, "%s/seeds", t_corpus);
	ct_reader *r;
	if (ct_reader_open(&r, t_ctx, path, CT_IN_AUTO)) {
		printf("skip: %s unreadable\n", path);
		ct_reader_free(r);
		return;
	}
	ct_story *st = ct_story_new(t_ctx);
	ct_doc *doc;
	while (ct_reader_next(r, &doc) > 0) {
		CHECK(ct_doc_run(t_ctx, doc, CT_STAGE_CODE) == 0, "run");
		ct_story_add_doc(st, doc);
		ct_doc_free(doc);
	}
	ct_reader_free(r);
	ct_story_build(st);
	CHECK_INT(ct_story_narticles(st), 5);

	/* The three claims, found by what the coverage says: each is the claim
	 * that holds one statement a careful reader files under it. */
	/* (a) the US asked Iran to cooperate against IS, and Khamenei refused */
	const ct_claim *a = claim_with(st, "Jen Psaki", "no record of the US requesting");
	size_t refused = 0;
	for (size_t k = 0; a && k < a->nstmt; k++)
		refused += ct_story_pstmt(st, a->stmts[k])->refused;
	CHECK(a && a->conflict && refused, "(a) a conflict, refused");
	CHECK(a && speaker_articles(st, a, "Ali Khamenei", CT_ST_ASSERT) >= 4, "(a) Khamenei in four articles");
	CHECK(any_stmt(st, a, CT_ST_DENY, "Psaki", NULL), "(a) denied by the State Department side");
	CHECK(any_stmt(st, a, CT_ST_QUESTION, NULL, "less clear") && any_stmt(st, a, CT_ST_QUESTION, NULL, "unclear"),
	      "(a) doubted by the outlets that call it unclear");
	CHECK(a && a->rank == 1, "(a) is the central claim");
	/* (b) US and Iranian officials discussed IS on the sidelines of the nuclear talks */
	const ct_claim *b = claim_with(st, "Marie Harf", "such conversations had taken place");
	CHECK(b && b->conflict && b != a, "(b) a conflict of its own");
	CHECK(any_stmt(st, b, CT_ST_ASSERT, "Psaki", NULL) && any_stmt(st, b, CT_ST_ASSERT, "Harf", NULL) &&
	      any_stmt(st, b, CT_ST_ASSERT, "Kerry", NULL), "(b) asserted by Psaki, Harf and Kerry");
	/* "The Iranians continue to deny …": resolved to the entity Iran (the
	 * nationality noun is an alias of the country), or named as written */
	CHECK(any_stmt(st, b, CT_ST_DENY, "Iran", NULL), "(b) denied from the Iranian side");
	/* (c) the US is not and will not coordinate militarily with Iran, against "inevitable" */
	const ct_claim *c = claim_with(st, "Jen Psaki", "will not coordinate");
	CHECK(c && c->conflict && c != a && c != b, "(c) a conflict of its own");
	CHECK(any_stmt(st, c, CT_ST_DENY, "Psaki", "will not coordinate") && any_stmt(st, c, CT_ST_DENY, "Kerry", NULL),
	      "(c) denied by Psaki and Kerry");
	CHECK(any_stmt(st, c, CT_ST_ASSERT, NULL, "inevitable"), "(c) the voices that call it inevitable");
	/* the timeline */
	CHECK(timeline_has(st, "2014-06", "2014-06", "Vienna in June"), "June Vienna talks");
	CHECK(timeline_has(st, "2014-09-15", "2014-09-15", "Paris on Monday"), "the Paris conference");
	CHECK(timeline_has(st, "2014-09-15", "2014-09-15", "Khamenei"), "Khamenei's statements that day");
	CHECK(timeline_has(st, "2014-11-10", "2014-11-10", "Muscat"), "the Muscat meeting");
	CHECK(timeline_has(st, "2014-11-17", "2014-11-30", "Vienna"), "the late-November Vienna round");
	CHECK(timeline_has(st, "2014-12-03", "2014-12-03", "State Department confirmed"), "the 3 December briefing");
	ct_story_free(st);
}
