/* Stories across articles (src/story/group.c): articles written for these
 * tests on three stories, one that joins later, one that starts a story
 * of its own, dates, the packed forms, and the cluster scores. */
#include <stdlib.h>

#include "test.h"
#include "../../src/story/group.h"

typedef struct {
	const char *id, *title, *published, *text;
} art;

/* Three stories, two or three articles each, told in different words. */
static const art arts[] = {
	{"bridge-1", "Varnel bridge collapses during rush hour", "2031-04-02",
	 "The Varnel bridge over the Osk river collapsed on Tuesday morning, sending two lorries into the water. "
	 "Rescue divers pulled four people from the river, the Haldor fire service said. "
	 "Engineers had warned last year that the bridge's steel cables were corroded."},
	{"vaccine-1", "Meriden recalls flu vaccine batches", "2031-04-03",
	 "The drug maker Meriden recalled three batches of its flu vaccine after inspectors found the vials contaminated. "
	 "Clinics in Sorvik were told to stop giving the vaccine. "
	 "Meriden said no patient had reported harm from the recalled batches."},
	{"bridge-2", "Divers search Osk river after Varnel bridge failure", "2031-04-02",
	 "Divers searched the Osk river for a missing lorry driver after the Varnel bridge gave way. "
	 "The Haldor fire service said four people were rescued from the water. "
	 "Residents said the bridge's cables had been rusting for years, and engineers had warned the city."},
	{"chess-1", "Teenager Ilsa Brandt wins Kestrel chess open", "2031-04-05",
	 "Ilsa Brandt, sixteen, won the Kestrel chess open on Sunday with a queen sacrifice in the final round. "
	 "Brandt beat the defending champion Oskar Lind in forty moves. "
	 "The Kestrel open draws grandmasters from twelve countries."},
	{"vaccine-2", "Sorvik clinics halt flu shots over contaminated vials", "2031-04-04",
	 "Clinics across Sorvik stopped giving flu shots after Meriden recalled batches of the vaccine. "
	 "Inspectors had found contaminated vials at the drug maker's plant. "
	 "Meriden said the recalled vaccine batches had harmed no patient."},
	{"chess-2", "Brandt's queen sacrifice stuns Kestrel open", "2031-04-06",
	 "A queen sacrifice by Ilsa Brandt decided the Kestrel chess open, as the sixteen-year-old beat Oskar Lind. "
	 "Lind, the defending champion, resigned after forty moves in the final round."},
};
enum { NARTS = sizeof arts / sizeof *arts };

/* The article that joins later, and one on a story of its own. */
static const art joiner = {"bridge-3", "Varnel bridge inspector under investigation", "2031-04-09",
			   "Prosecutors opened an investigation into the inspector who signed off the Varnel bridge "
			   "before it collapsed into the Osk river. Engineers said the corroded cables should have "
			   "closed the bridge, the Haldor fire service's report noted."};
static const art newcomer = {"harvest-1", "Apple growers in Tamsel expect record harvest", "2031-04-08",
			     "Apple growers in the Tamsel valley expect a record harvest after a mild spring. "
			     "Orchards reported heavy blossom and few frosts, the growers' association said."};

static ct_group_feat *feat_of(const art *a, const char *published)
{
	ct_doc *doc = ct_doc_new(a->id, a->text, strlen(a->text));
	ct_doc_set_meta(doc, CT_META_TITLE, a->title);
	if (published)
		ct_doc_set_meta(doc, CT_META_PUBLISHED, published);
	int rc = ct_doc_run(t_ctx, doc, CT_STAGE_SEGMENT);
	CHECK(rc == 0, "ct_doc_run %s: %d", a->id, rc);
	ct_group_feat *f = ct_group_feat_new(t_ctx, doc);
	ct_doc_free(doc);
	CHECK(f != NULL, "no features for %s", a->id);
	return f;
}

static void test_grouping(void)
{
	ct_grouper *g = ct_grouper_new();
	uint32_t s[NARTS];
	for (int i = 0; i < NARTS; i++) {
		ct_group_feat *f = feat_of(&arts[i], arts[i].published);
		s[i] = ct_grouper_add(g, f);
		ct_group_feat_free(f);
	}
	/* bridge, vaccine, bridge, chess, vaccine, chess */
	CHECK_INT(ct_grouper_nstories(g), 3);
	CHECK_INT(s[0], 0);
	CHECK_INT(s[1], 1);
	CHECK_INT(s[2], 0);
	CHECK_INT(s[3], 2);
	CHECK_INT(s[4], 1);
	CHECK_INT(s[5], 2);
	CHECK_INT(ct_grouper_story_size(g, 0), 2);
	CHECK_INT(ct_grouper_story_of(g, 4), 1);
	CHECK_INT(ct_grouper_narticles(g), NARTS);

	ct_group_feat *j = feat_of(&joiner, joiner.published);
	CHECK_INT(ct_grouper_add(g, j), 0);
	CHECK_INT(ct_grouper_story_size(g, 0), 3);
	ct_group_feat *n = feat_of(&newcomer, newcomer.published);
	CHECK_INT(ct_grouper_add(g, n), 3);
	CHECK_INT(ct_grouper_nstories(g), 4);
	/* a story's title is one of its articles' titles */
	const char *t = ct_grouper_story_title(g, 1);
	CHECK(t_streq(t, arts[1].title) || t_streq(t, arts[4].title), "vaccine story titled \"%s\"", t);
	CHECK_STR(ct_grouper_story_title(g, 3), newcomer.title);
	ct_group_feat_free(j);
	ct_group_feat_free(n);
	ct_grouper_free(g);
}

/* The same words half a year after the story's span: another story. */
static void test_dates(void)
{
	ct_grouper *g = ct_grouper_new();
	for (int i = 0; i < NARTS; i++) {
		ct_group_feat *f = feat_of(&arts[i], arts[i].published);
		ct_grouper_add(g, f);
		ct_group_feat_free(f);
	}
	/* without a date it joins; half a year on, the same text does not */
	ct_group_feat *undated = feat_of(&joiner, NULL);
	CHECK_INT(ct_grouper_add(g, undated), 0);
	ct_group_feat *late = feat_of(&joiner, "2031-10-20");
	CHECK_INT(ct_grouper_add(g, late), 3);
	ct_group_feat_free(late);
	ct_group_feat_free(undated);
	ct_grouper_free(g);
}

/* Features packed and unpacked group as the originals; a grouper packed
 * halfway and unpacked goes on exactly as the one that was packed. */
static void test_pack(void)
{
	ct_group_feat *f[NARTS + 2], *u[NARTS + 2];
	for (int i = 0; i < NARTS; i++)
		f[i] = feat_of(&arts[i], arts[i].published);
	f[NARTS] = feat_of(&joiner, joiner.published);
	f[NARTS + 1] = feat_of(&newcomer, newcomer.published);
	for (int i = 0; i < NARTS + 2; i++) {
		ct_buf a = {0}, b = {0};
		ct_group_feat_pack(f[i], &a);
		u[i] = ct_group_feat_unpack(a.data, a.len);
		CHECK(u[i] != NULL, "feature %d does not unpack", i);
		if (u[i])
			ct_group_feat_pack(u[i], &b);
		CHECK(a.len == b.len && !memcmp(a.data, b.data, a.len), "feature %d packs to other bytes", i);
		/* every shorter prefix is refused, never read past */
		int refused = 1;
		for (size_t n = 0; n < a.len; n++) {
			ct_group_feat *bad = ct_group_feat_unpack(a.data, n);
			refused &= bad == NULL;
			ct_group_feat_free(bad);
		}
		CHECK(refused, "a truncated feature %d unpacked", i);
		ct_buf_free(&a);
		ct_buf_free(&b);
	}

	ct_grouper *whole = ct_grouper_new(), *first = ct_grouper_new();
	uint32_t sw[NARTS + 2], su[NARTS + 2];
	for (int i = 0; i < NARTS + 2; i++)
		sw[i] = ct_grouper_add(whole, f[i]);
	for (int i = 0; i < 4; i++)
		su[i] = ct_grouper_add(first, u[i]);
	ct_buf state = {0};
	ct_grouper_pack(first, &state);
	ct_grouper *resumed = ct_grouper_unpack(state.data, state.len);
	CHECK(resumed != NULL, "%s", "the grouper does not unpack");
	if (resumed) {
		for (int i = 4; i < NARTS + 2; i++)
			su[i] = ct_grouper_add(resumed, u[i]);
		int same = 1;
		for (int i = 0; i < NARTS + 2; i++)
			same &= sw[i] == su[i] && ct_grouper_story_of(resumed, (size_t)i) == sw[i];
		CHECK(same, "%s", "the resumed grouper groups otherwise");
		CHECK_INT(ct_grouper_nstories(resumed), ct_grouper_nstories(whole));
		for (uint32_t s = 0; s < ct_grouper_nstories(whole); s++) {
			char *t = strdup(ct_grouper_story_title(whole, s));
			CHECK_STR(ct_grouper_story_title(resumed, s), t);
			free(t);
		}
		/* and packed again, the same bytes as the whole run's */
		ct_buf a = {0}, b = {0};
		ct_grouper_pack(whole, &a);
		ct_grouper_pack(resumed, &b);
		CHECK(a.len == b.len && !memcmp(a.data, b.data, a.len), "%s", "the resumed state packs otherwise");
		ct_buf_free(&a);
		ct_buf_free(&b);
	}
	int refused = 1;
	for (size_t n = 0; n < state.len; n++) {
		ct_grouper *bad = ct_grouper_unpack(state.data, n);
		refused &= bad == NULL;
		ct_grouper_free(bad);
	}
	CHECK(refused, "%s", "a truncated grouper unpacked");
	CHECK(ct_grouper_unpack("CTGS\x09", 5) == NULL, "%s", "another version unpacked");
	CHECK(ct_group_feat_unpack("XXXX\x01", 5) == NULL, "%s", "bytes of no feature unpacked");
	ct_buf_free(&state);
	ct_grouper_free(whole);
	ct_grouper_free(first);
	ct_grouper_free(resumed);
	for (int i = 0; i < NARTS + 2; i++) {
		ct_group_feat_free(f[i]);
		ct_group_feat_free(u[i]);
	}
}

/* Without titles, a story is named by its heaviest words. */
static void test_word_title(void)
{
	ct_grouper *g = ct_grouper_new();
	for (int i = 3; i < NARTS; i += 2) {
		art a = arts[i];
		ct_doc *doc = ct_doc_new(a.id, a.text, strlen(a.text));
		ct_doc_run(t_ctx, doc, CT_STAGE_SEGMENT);
		ct_group_feat *f = ct_group_feat_new(t_ctx, doc);
		ct_grouper_add(g, f);
		ct_group_feat_free(f);
		ct_doc_free(doc);
	}
	const char *t = ct_grouper_story_title(g, 0);
	CHECK(strstr(t, "brandt") || strstr(t, "kestrel") || strstr(t, "lind"), "title \"%s\"", t);
	CHECK(ct_group_feat_new(t_ctx, NULL) == NULL, "%s", "features of no document");
	ct_grouper_free(g);
}

static int near(double a, double b)
{
	return a > b - 1e-9 && a < b + 1e-9;
}

static void test_cluster_score(void)
{
	/* gold {0,1} {2,3}; found {0,1,2} {3} */
	const uint32_t gold[] = {7, 7, 9, 9}, pred[] = {0, 0, 0, 1};
	ct_cluster_score s;
	ct_cluster_score_compute(gold, pred, 4, &s);
	CHECK(near(s.b3_precision, 2.0 / 3), "P %f", s.b3_precision);
	CHECK(near(s.b3_recall, 0.75), "R %f", s.b3_recall);
	CHECK(near(s.b3_f1, 2 * (2.0 / 3) * 0.75 / (2.0 / 3 + 0.75)), "F1 %f", s.b3_f1);
	CHECK(near(s.pair_precision, 1.0 / 3), "pair P %f", s.pair_precision);
	CHECK(near(s.pair_recall, 0.5), "pair R %f", s.pair_recall);
	CHECK_INT(s.gold_stories, 2);
	CHECK_INT(s.pred_stories, 2);
	ct_cluster_score_compute(gold, gold, 4, &s);
	CHECK(near(s.b3_f1, 1) && near(s.pair_f1, 1), "gold against itself: %f %f", s.b3_f1, s.pair_f1);
	/* all apart: BCubed precision 1, no pairs found */
	const uint32_t apart[] = {0, 1, 2, 3};
	ct_cluster_score_compute(gold, apart, 4, &s);
	CHECK(near(s.b3_precision, 1) && near(s.b3_recall, 0.5) && near(s.pair_recall, 0), "apart: %f %f %f",
	      s.b3_precision, s.b3_recall, s.pair_recall);
}

void test_group(void)
{
	test_grouping();
	test_dates();
	test_pack();
	test_word_title();
	test_cluster_score();
}
