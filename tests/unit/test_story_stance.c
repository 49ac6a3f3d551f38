/* Article stances in the story map, on articles written for this test:
 * every article that speaks to a listed claim stands somewhere on it, from
 * its statements or the models' readings; the models move articles, never
 * statements; a claim the user gives is listed first with every article's
 * stance; the statement model reads sentences as a careful reader would. */
#include <jansson.h>
#include <stdlib.h>

#include "test.h"
#include "../../src/story/story.h"

static const char *const articles[][3] = {
	{"a", "Daily A",
	 "Arland Says It Refused Borvian Offer\n\n"
	 "Arland's prime minister, Ines Moro, said on Tuesday that she had refused an offer from Borvia to send "
	 "engineers after the flood in Port Vell.\n\n\"We thanked them and said no,\" Moro told reporters."},
	{"b", "Daily B",
	 "Borvia Denies Making Any Offer\n\n"
	 "Borvia's foreign ministry denied on Wednesday that it had offered engineers to Arland. \"No offer was "
	 "made,\" spokesman Karel Dunn said."},
	/* both parties, the same quarrel, no statement on the claim */
	{"c", "Daily C",
	 "Flood Row Between Arland and Borvia Grows\n\n"
	 "The quarrel between Arland and Borvia over the engineers has drawn more attention than the flood "
	 "itself. Prime minister Ines Moro and the Borvian foreign ministry tell different stories about the "
	 "engineers, and the record of the telephone call between the two capitals has not been published. Aid "
	 "groups in Port Vell say the water is still rising."},
	{"d", "Daily D",
	 "Port Vell Counts the Cost\n\n"
	 "The flood in Port Vell has closed the harbour for a week, and the quarrel over the engineers goes on. "
	 "Arland's insurers expect claims to pass last year's record, and engineers from the national rail "
	 "company are repairing the bridge."},
};
enum { NART = sizeof articles / sizeof *articles };

static ct_story *story_with(const ct_stance_model *m, const ct_statement_model *sm, const char *given, int threads)
{
	ct_story *st = ct_story_new(t_ctx);
	if (m)
		CHECK_INT(ct_story_set_stance(st, m, 0), 0);
	if (sm)
		CHECK_INT(ct_story_set_statement(st, sm), 0);
	if (given)
		CHECK_INT(ct_story_add_claim(st, given), 0);
	ct_story_set_threads(st, threads);
	for (size_t i = 0; i < NART; i++) {
		ct_doc *doc = ct_doc_new(articles[i][0], articles[i][2], strlen(articles[i][2]));
		ct_doc_set_meta(doc, CT_META_OUTLET, articles[i][1]);
		ct_doc_set_meta(doc, CT_META_PUBLISHED, "2024-05-02");
		CHECK(ct_doc_run(t_ctx, doc, CT_STAGE_CODE) == 0, "run %s", articles[i][0]);
		CHECK(ct_story_add_doc(st, doc) == 0, "add %s", articles[i][0]);
		ct_doc_free(doc);
	}
	ct_story_build(st);
	return st;
}

/* The refused offer: the claim that holds Moro's account. */
static const ct_claim *offer(const ct_story *st)
{
	for (size_t r = 1; r <= st->nlisted; r++) {
		const ct_claim *c = ct_story_ranked(st, r);
		for (size_t k = 0; k < c->nstmt; k++)
			if (strstr(ct_story_stmt_sent(st, c->stmts[k])->text, "refused an offer from Borvia"))
				return c;
	}
	return NULL;
}

static const ct_article_stance *stance_of(const ct_story *st, const ct_claim *c, const char *id)
{
	for (uint32_t k = 0; c && k < c->nastance; k++)
		if (!strcmp(ct_story_article_id(st, st->astances[c->astance + k].article), id))
			return &st->astances[c->astance + k];
	return NULL;
}

static char *json_of(ct_story *st)
{
	size_t len;
	return ct_story_render(st, CT_STORY_JSON, &len);
}

/* What the statement model makes of sentences written for it. */
static void test_statement_model(const ct_statement_model *sm)
{
	static const struct {
		const char *claim, *statement;
		int label;
	} cases[] = {
		{"A spider burrowed under a man's skin", "Experts say the story of the burrowing spider is a hoax", CT_SSTANCE_AGAINST},
		{"A spider burrowed under a man's skin", "Spider burrowed under man's skin, doctors confirm", CT_SSTANCE_FOR},
		{"A spider burrowed under a man's skin", "Did a spider really burrow under his skin?", CT_SSTANCE_OBSERVING},
		{"The mayor resigned", "The mayor did not resign, her office said", CT_SSTANCE_AGAINST},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		float p[CT_SSTANCE_NLABELS];
		int l = ct_statement_predict(sm, cases[i].claim, cases[i].statement, p);
		CHECK(l == cases[i].label, "\"%s\" toward \"%s\": %s (for %.2f, against %.2f, observing %.2f)",
		      cases[i].statement, cases[i].claim, ct_sstance_label_name((ct_sstance_label)l), (double)p[0],
		      (double)p[1], (double)p[2]);
		CHECK(p[0] >= 0 && p[1] >= 0 && p[2] >= 0 && p[0] + p[1] + p[2] > 0.999f && p[0] + p[1] + p[2] < 1.001f,
		      "probabilities");
	}
}

void test_story_stance(void)
{
	ct_stance_model *m;
	ct_statement_model *sm;
	if (ct_stance_model_load(&m, NULL, NULL) || ct_statement_model_load(&sm, NULL, NULL)) {
		CHECK(0, "the shipped models: %s %s", ct_stance_model_error(m), ct_statement_model_error(sm));
		ct_stance_model_free(m);
		ct_statement_model_free(sm);
		return;
	}
	test_statement_model(sm);
	ct_story *plain = story_with(NULL, NULL, NULL, 1), *st = story_with(m, sm, NULL, 1);
	const ct_claim *c = offer(st), *c0 = offer(plain);
	CHECK(c && c0 && c->conflict && c0->conflict, "the refused offer is a conflict, with the models and without");
	if (!c || !c0)
		goto out;
	/* Moro's account and Borvia's denial, in the articles that carry them */
	const ct_article_stance *a = stance_of(st, c, "a"), *b = stance_of(st, c, "b");
	CHECK(a && a->stance == CT_ST_ASSERT, "a asserts the offer");
	CHECK(b && (b->stance == CT_ST_DENY || b->stance == CT_ST_QUESTION), "b denies it");
	/* without them, a carries Moro's account (it reports her assertion) and b Borvia's denial */
	const ct_article_stance *a0 = stance_of(plain, c0, "a"), *b0 = stance_of(plain, c0, "b");
	CHECK(a0 && (a0->stance == CT_ST_ASSERT || a0->stance == CT_ST_REPORT) && a0->from == CT_FROM_STATEMENTS && a0->nstmt,
	      "without the models, a stands with its statements");
	CHECK(b0 && b0->stance == CT_ST_DENY && b0->from == CT_FROM_STATEMENTS, "without the models, b denies it");
	/* c carries no statement on it: it stands somewhere only by a reading */
	const ct_article_stance *cs = stance_of(st, c, "c");
	CHECK(!stance_of(plain, c0, "c"), "without the models, c takes no stance");
	CHECK(!cs || cs->nstmt == 0, "c's stance rests on no statement of the claim");
	/* the models move articles, never statements */
	CHECK_INT(st->nstmt, plain->nstmt);
	CHECK(!memcmp(c->by_stance, c0->by_stance, sizeof c->by_stance) && c->nstmt == c0->nstmt,
	      "the claim's statements and their stances do not depend on the models");
	for (uint32_t k = 0; k < c->nastance; k++) {
		const ct_article_stance *as = &st->astances[c->astance + k];
		CHECK(as->confidence > 0 && as->confidence <= 1, "confidence %g", (double)as->confidence);
		CHECK(&st->claims[as->claim] == c, "listed under its own claim");
	}
	/* threads change nothing */
	ct_story *two = story_with(m, sm, NULL, 2);
	char *j1 = json_of(st), *j2 = json_of(two);
	CHECK(!strcmp(j1, j2), "two threads give the same map");
	free(j1);
	free(j2);
	ct_story_free(two);

	/* a claim given: first, marked, every article read against it */
	ct_story *g = story_with(m, sm, "Borvia offered to send engineers to Arland", 1);
	const ct_claim *gc = g->nlisted ? ct_story_ranked(g, 1) : NULL;
	CHECK(gc && gc->given && !strcmp(gc->summary, "Borvia offered to send engineers to Arland"), "the given claim first");
	CHECK(gc && stance_of(g, gc, "a") && stance_of(g, gc, "a")->stance == CT_ST_ASSERT, "a asserts the given claim");
	CHECK(gc && stance_of(g, gc, "b") && stance_of(g, gc, "b")->stance == CT_ST_DENY, "b denies it");
	char *js = json_of(g);
	json_t *root = json_loads(js, 0, NULL);
	json_t *c1 = json_array_get(json_object_get(root, "claims"), 0);
	CHECK(json_is_true(json_object_get(c1, "given")), "JSON: given is true");
	CHECK(json_array_size(json_object_get(c1, "article_stances")) >= 3, "JSON: the articles' stances");
	json_decref(root);
	free(js);
	CHECK_INT(ct_story_add_claim(g, "too late"), CT_EARG);
	/* the scorer of eval story on it: a agrees and b disagrees in gold, c
	 * and d have no side; the map puts a and b apart */
	const char *ids[] = {"a", "b", "c", "d"};
	int gold[] = {CT_STANCE_AGREE, CT_STANCE_DISAGREE, CT_STANCE_DISCUSS, -1};
	ct_story_score sc;
	CHECK_INT(ct_story_score_map(g, "Borvia offered engineers to Arland", ids, gold, 4, 1, &sc), 0);
	CHECK(sc.articles == 4 && sc.agree == 1 && sc.disagree == 1 && sc.discuss == 1, "gold counts");
	CHECK(sc.pairs == 1 && sc.gold_opposite == 1 && sc.pred_opposite == 1 && sc.both_opposite == 1,
	      "one pair, opposite in gold and in the map");
	CHECK(sc.contested && sc.found && sc.central && sc.best_rank == 1, "contested, found, central, the first claim");
	/* gold the other way round: the same pair, read in the other orientation */
	int flipped[] = {CT_STANCE_DISAGREE, CT_STANCE_AGREE, -1, -1};
	CHECK_INT(ct_story_score_map(g, "Borvia offered engineers to Arland", ids, flipped, 4, 1, &sc), 0);
	CHECK(sc.both_opposite == 1 && sc.flipped && sc.found, "either orientation");
	/* two agreeing articles the map puts apart are a false opposite pair */
	int same[] = {CT_STANCE_AGREE, CT_STANCE_AGREE, -1, -1};
	CHECK_INT(ct_story_score_map(g, "Nothing in common here", ids, same, 4, 1, &sc), 0);
	CHECK(sc.pairs == 1 && sc.gold_opposite == 0 && sc.both_opposite == 0 && !sc.contested && !sc.central,
	      "no opposite pair in gold, no central claim");
	ct_story_free(g);

	/* every format says where an article's stance comes from */
	size_t len;
	char *s = ct_story_render(st, CT_STORY_TEXT, &len);
	CHECK(strstr(s, "articles (from their statements, or a model's reading of them):") && strstr(s, "+ Daily A (a) asserts"),
	      "text: the articles' stances");
	free(s);
	s = ct_story_render(st, CT_STORY_HTML, &len);
	CHECK(strstr(s, "class=\"inf\"") && strstr(s, "<a href=\"#a0\">a</a>"), "html: the articles' stances, linked");
	free(s);
	s = ct_story_render(plain, CT_STORY_JSON, &len);
	CHECK(strstr(s, "\"stance_model\":null") != NULL, "no model: stance_model is null");
	free(s);
	/* a confidence floor keeps the statements' stances and fewer of the models' */
	ct_story *strict = ct_story_new(t_ctx);
	ct_story_set_stance(strict, m, 0.99);
	ct_story_set_statement(strict, sm);
	for (size_t i = 0; i < NART; i++) {
		ct_doc *doc = ct_doc_new(articles[i][0], articles[i][2], strlen(articles[i][2]));
		ct_doc_run(t_ctx, doc, CT_STAGE_CODE);
		ct_story_add_doc(strict, doc);
		ct_doc_free(doc);
	}
	ct_story_build(strict);
	for (size_t k = 0; k < strict->nastance; k++)
		CHECK(strict->astances[k].from != CT_FROM_MODEL || strict->astances[k].confidence >= 0.99f, "the floor holds");
	CHECK(ct_story_ninferred(strict) <= ct_story_ninferred(st), "a higher floor keeps no more");
	ct_story_free(strict);

out:
	ct_story_free(st);
	ct_story_free(plain);
	/* set before the parts, with a probability */
	st = ct_story_new(t_ctx);
	CHECK_INT(ct_story_set_stance(st, m, 1.5), CT_EARG);
	CHECK_INT(ct_story_add_claim(st, "  "), CT_EARG);
	ct_doc *doc = ct_doc_new("x", articles[0][2], strlen(articles[0][2]));
	ct_doc_run(t_ctx, doc, CT_STAGE_CODE);
	ct_story_add_doc(st, doc);
	ct_doc_free(doc);
	CHECK_INT(ct_story_set_stance(st, m, 0.5), CT_EARG);
	ct_story_build(st);
	CHECK_INT(ct_story_ninferred(st), 0);
	ct_story_free(st);
	ct_stance_model_free(m);
	ct_statement_model_free(sm);
}
