/* Inferred stances in the story map, on articles written for this test:
 * who gets one (an article naming both parties of a listed claim, with no
 * statement on it), who does not, and that they change nothing else. */
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
	/* the same words, one party only: it cannot take a stance on what passed between the two */
	{"d", "Daily D",
	 "Port Vell Counts the Cost\n\n"
	 "The flood in Port Vell has closed the harbour for a week, and the quarrel over the engineers goes on. "
	 "Arland's insurers expect claims to pass last year's record, and engineers from the national rail "
	 "company are repairing the bridge."},
};
enum { NART = sizeof articles / sizeof *articles };

static ct_story *story_with(const ct_stance_model *m, double min)
{
	ct_story *st = ct_story_new(t_ctx);
	if (m)
		CHECK_INT(ct_story_set_stance(st, m, min), 0);
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

/* The refused offer: the conflict between Moro's account and Borvia's denial. */
static const ct_claim *offer(const ct_story *st)
{
	for (size_t i = 0; i < st->nclaim; i++)
		if (st->claims[i].proposal && st->claims[i].conflict)
			return &st->claims[i];
	return NULL;
}

/* The JSON with every "inferred" list, "stance_headline" and "stance_model" taken out. */
static json_t *without_inferred(ct_story *st)
{
	size_t len;
	char *s = ct_story_render(st, CT_STORY_JSON, &len);
	json_t *j = json_loadb(s, len, 0, NULL);
	free(s);
	CHECK(j != NULL, "JSON parses");
	if (!j)
		return NULL;
	json_object_del(j, "stance_model");
	const char *lists[] = {"claims", "outlets"};
	for (int k = 0; k < 2; k++) {
		size_t i;
		json_t *v;
		json_array_foreach(json_object_get(j, lists[k]), i, v) {
			CHECK(json_is_array(json_object_get(v, "inferred")), "%s[%zu] has an inferred list", lists[k], i);
			json_object_del(v, "inferred");
			json_object_del(v, "stance_headline");
		}
	}
	return j;
}

void test_story_stance(void)
{
	ct_stance_model *m;
	if (ct_stance_model_load(&m, NULL, NULL)) {
		CHECK(0, "the shipped stance model: %s", ct_stance_model_error(m));
		ct_stance_model_free(m);
		return;
	}
	ct_story *plain = story_with(NULL, 0), *st = story_with(m, 0.5);
	const ct_claim *c = offer(st), *c0 = offer(plain);
	CHECK(c && c0, "the refused offer is a conflict");
	if (!c || !c0)
		goto out;

	/* c gets the model's reading; a and b speak on it and d names one party */
	CHECK(c->ninferred == 1, "%u inferred stances on the offer", c->ninferred);
	for (size_t k = 0; k < c->ninferred; k++) {
		const ct_story_inferred *in = &st->inferred[c->inferred + k];
		CHECK_STR(ct_story_article_id(st, in->article), "c");
		CHECK(in->label != CT_STANCE_UNRELATED && in->confidence >= 0.5f && in->confidence <= 1.0f,
		      "label %d, confidence %g", in->label, (double)in->confidence);
		CHECK(&st->claims[in->claim] == c, "listed under its own claim");
	}
	/* d would read as related (so the party test, not the model, keeps it out) */
	float probs[CT_STANCE_NLABELS];
	CHECK(ct_stance_predict(m, ct_story_claim_headline(st, c), articles[3][2], probs) != CT_STANCE_UNRELATED,
	      "d reads as related to the claim");
	for (size_t i = 0; i < st->ninferred; i++)
		CHECK(strcmp(ct_story_article_id(st, st->inferred[i].article), "d") != 0, "d names one party only");

	/* nothing else moves: sides, counts, order, conflicts */
	CHECK_INT(st->nclaim, plain->nclaim);
	CHECK_INT(st->nstmt, plain->nstmt);
	for (size_t i = 0; i < st->nclaim && i < plain->nclaim; i++) {
		const ct_claim *x = &st->claims[i], *y = &plain->claims[i];
		CHECK(x->nstmt == y->nstmt && x->rank == y->rank && x->conflict == y->conflict &&
		      !memcmp(x->by_stance, y->by_stance, sizeof x->by_stance), "claim %zu unchanged", i);
	}
	CHECK_INT(plain->ninferred, 0);
	json_t *a = without_inferred(st), *b = without_inferred(plain);
	CHECK(a && b && json_equal(a, b), "the JSON is the same once the inferred lists are taken out");
	json_decref(a);
	json_decref(b);

	/* every format marks them as the model's, with the confidence */
	size_t len;
	char *s = ct_story_render(st, CT_STORY_JSON, &len);
	json_t *j = json_loadb(s, len, 0, NULL);
	free(s);
	json_t *sm = json_object_get(j, "stance_model");
	CHECK(json_is_object(sm) && json_integer_value(json_object_get(sm, "inferred")) == (json_int_t)st->ninferred,
	      "stance_model says how many were inferred");
	int found = 0;
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(j, "claims"), i, v) {
		size_t k;
		json_t *in;
		json_array_foreach(json_object_get(v, "inferred"), k, in) {
			found++;
			double conf = json_real_value(json_object_get(in, "confidence"));
			CHECK(t_streq(json_string_value(json_object_get(in, "model")), "stance") &&
			      t_streq(json_string_value(json_object_get(in, "article")), "c") &&
			      t_streq(json_string_value(json_object_get(in, "outlet")), "Daily C") && conf >= 0.5 && conf <= 1,
			      "inferred entry fields");
		}
	}
	CHECK(found == (int)st->ninferred, "%d inferred entries in the JSON", found);
	json_t *oc = NULL;
	json_array_foreach(json_object_get(j, "outlets"), i, v)
		if (t_streq(json_string_value(json_object_get(v, "name")), "Daily C"))
			oc = json_object_get(v, "inferred");
	CHECK(json_array_size(oc) == 1 && json_object_get(json_array_get(oc, 0), "claim"),
	      "the outlet lists its inferred stance, by claim");
	json_decref(j);
	s = ct_story_render(plain, CT_STORY_JSON, &len);
	CHECK(strstr(s, "\"stance_model\": null") != NULL, "no model: stance_model is null");
	free(s);
	s = ct_story_render(st, CT_STORY_TEXT, &len);
	CHECK(strstr(s, "inferred by the stance model, not statements") && strstr(s, "~ Daily C (c) "),
	      "text: its own heading and mark");
	free(s);
	s = ct_story_render(st, CT_STORY_MARKDOWN, &len);
	CHECK(strstr(s, "**Inferred** by the stance model") && strstr(s, "- ~ Daily C (c) "), "markdown");
	free(s);
	s = ct_story_render(st, CT_STORY_HTML, &len);
	CHECK(strstr(s, "class=\"inf\"") && strstr(s, "<li class=\"in\"><a href=\"#a2\">c</a>") && strstr(s, "confidence 0."),
	      "html: its own box, linked to the article, with the confidence");
	free(s);

	/* a higher threshold keeps a subset */
	ct_story *strict = story_with(m, 0.99);
	for (size_t k = 0; k < strict->ninferred; k++) {
		CHECK(strict->inferred[k].confidence >= 0.99f, "threshold");
		int in_loose = 0;
		for (size_t l = 0; l < st->ninferred; l++)
			in_loose |= st->inferred[l].article == strict->inferred[k].article &&
				    st->inferred[l].claim == strict->inferred[k].claim;
		CHECK(in_loose, "a stricter threshold keeps a subset");
	}
	ct_story_free(strict);

out:
	ct_story_free(st);
	ct_story_free(plain);
	/* set before the parts, with a probability */
	st = ct_story_new(t_ctx);
	CHECK_INT(ct_story_set_stance(st, m, 1.5), CT_EARG);
	ct_doc *doc = ct_doc_new("x", articles[0][2], strlen(articles[0][2]));
	ct_doc_run(t_ctx, doc, CT_STAGE_CODE);
	ct_story_add_doc(st, doc);
	ct_doc_free(doc);
	CHECK_INT(ct_story_set_stance(st, m, 0.5), CT_EARG);
	ct_story_build(st);
	CHECK_INT(ct_story_ninferred(st), 0);
	ct_story_free(st);
	ct_stance_model_free(m);
}
