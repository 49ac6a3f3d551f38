/*
 * Stance: the tokenizer and features on sentences written for the test,
 * the FNC-1 score against a hand-computed example, a tiny model trained on
 * synthetic pairs (deterministic, saved and loaded back unchanged), model
 * files that are corrupt, and FNC-1 CSV reading with its error lines.
 */
#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../src/ml/stance.h"
#include "test.h"

static char dir[] = "/tmp/ct_stance_XXXXXX";

static const char *path_in(const char *name)
{
	static char p[4][256];
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
	return p[k];
}

static void put(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	fwrite(data, 1, len, f);
	fclose(f);
}

#define H(s) ct_stance_hash(s, strlen(s))

static void test_tokenize(void)
{
	uint64_t *t = NULL;
	size_t cap = 0;
	int q = 0;
	/* Apostrophes join ("Don't" → dont), a trailing 's goes, curly quotes
	 * and dashes separate, case is folded, the question mark is noticed. */
	size_t n = ct_stance_tokenize("Don't call Obama's \xE2\x80\x9C" "FAKE\xE2\x80\x9D claim\xE2\x80\x94hoax? 3D", &t,
				      &cap, &q);
	CHECK_INT(n, 7);
	if (n == 7) {
		CHECK(t[0] == H("dont"), "dont");
		CHECK(t[1] == H("call"), "call");
		CHECK(t[2] == H("obama"), "obama");
		CHECK(t[3] == H("fake"), "fake");
		CHECK(t[4] == H("claim"), "claim");
		CHECK(t[5] == H("hoax"), "hoax");
		CHECK(t[6] == H("3d"), "3d");
	}
	CHECK_INT(q, 1);
	/* Accented letters stay inside their word. */
	n = ct_stance_tokenize("Caf\xC3\xA9 'quoted'", &t, &cap, &q);
	CHECK_INT(n, 2);
	CHECK(n == 2 && t[0] == H("caf\xC3\xA9") && t[1] == H("quoted"), "café, quoted");
	CHECK_INT(q, 0);
	CHECK_INT(ct_stance_tokenize("", &t, &cap, NULL), 0);
	free(t);
}

/* Synthetic pairs: two claims, bodies that confirm, deny, report or
 * ignore them. Written for this test. */
static const char *const bodies[][2] = {
	{"1", "Scientists confirmed that a giant squid washed up on a beach in Maine on Tuesday. The squid measured "
	      "thirty feet and marine biologists verified it."},
	{"2", "Police said the report of a giant squid on a Maine beach was a hoax. The photo was fake and doctored, "
	      "and officials denied the squid story."},
	{"3", "A new bakery opened downtown selling bread and cakes. The owner said business was good this week."},
	{"4", "Officials denied claims that the mayor resigned. The rumor is false, and a spokesman said the mayor is "
	      "not leaving office."},
	{"5", "The mayor resigned on Monday, the city confirmed. He will leave office next week, officials said."},
	{"6", "Reports claim the mayor may resign, but it is unclear whether he will. Sources said he was "
	      "considering it."},
	{"7", "The giant squid on the Maine beach may be real, reports claim, but biologists have not examined it "
	      "yet."},
	{"8", "The football team won the championship game on Sunday after a late goal."},
};
static const struct {
	const char *headline, *body;
	int label;
} pairs[] = {
	{"Giant squid found on Maine beach", "1", CT_STANCE_AGREE},
	{"Giant squid found on Maine beach", "2", CT_STANCE_DISAGREE},
	{"Giant squid found on Maine beach", "7", CT_STANCE_DISCUSS},
	{"Giant squid found on Maine beach", "3", CT_STANCE_UNRELATED},
	{"Giant squid found on Maine beach", "8", CT_STANCE_UNRELATED},
	{"Mayor resigns", "5", CT_STANCE_AGREE},
	{"Mayor resigns", "4", CT_STANCE_DISAGREE},
	{"Mayor resigns", "6", CT_STANCE_DISCUSS},
	{"Mayor resigns", "3", CT_STANCE_UNRELATED},
	{"Mayor resigns", "1", CT_STANCE_UNRELATED},
	{"Mayor resigns", "8", CT_STANCE_UNRELATED},
	{"Championship won by football team", "8", CT_STANCE_AGREE},
	{"Championship won by football team", "2", CT_STANCE_UNRELATED},
	{"Bakery opens downtown", "3", CT_STANCE_AGREE},
	{"Bakery opens downtown", "5", CT_STANCE_UNRELATED},
};
enum { NPAIRS = sizeof pairs / sizeof *pairs };

static ct_stance_data *synthetic(void)
{
	ct_stance_data *d = ct_stance_data_new();
	for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++)
		ct_stance_data_add_body(d, bodies[i][0], bodies[i][1]);
	for (size_t i = 0; i < NPAIRS; i++)
		CHECK_INT(ct_stance_data_add_pair(d, pairs[i].headline, pairs[i].body, pairs[i].label), 0);
	CHECK_INT(ct_stance_data_add_pair(d, "x", "no such body", 0), CT_EARG);
	return d;
}

static ct_stance_model *tiny_with(const ct_stance_data *d, uint64_t seed, int nets, int average, float word_dropout)
{
	ct_stance_train_opts o;
	ct_stance_train_defaults(&o);
	o.threads = nets > 1 ? 2 : 1;
	o.seed = seed;
	o.nets = nets;
	o.average = average;
	o.word_dropout = word_dropout;
	o.vocab = 60;
	o.hidden = 16;
	o.epochs = 150;
	o.batch = 5;
	o.lr = 0.01f;
	o.dropout = 0.1f;
	ct_stance_model *m;
	int rc = ct_stance_train(&m, d, &o);
	CHECK(rc == 0, "train: %s", ct_stance_model_error(m));
	return m;
}

static ct_stance_model *tiny(const ct_stance_data *d, uint64_t seed)
{
	return tiny_with(d, seed, 1, 0, 0);
}

static void test_features(const ct_stance_model *m)
{
	ct_stance_x x = {0};
	ct_stance_body *b = ct_stance_body_new(m, bodies[1][1]); /* the hoax */
	ct_stance_features(m, "Giant squid found on Maine beach", b, &x);
	/* Content words giant, squid, found, maine, beach: all but "found"
	 * are in the body. */
	CHECK(fabsf(x.dense[2] - 4.0f / 5) < 1e-6, "overlap %g", (double)x.dense[2]);
	CHECK(fabsf(x.dense[3] - 4.0f / 5) < 1e-6, "overlap at the start %g", (double)x.dense[3]);
	/* Bigrams: giant squid, squid found, found on, on maine, maine beach;
	 * the body has "giant squid" and "maine beach". */
	CHECK(fabsf(x.dense[4] - 2.0f / 5) < 1e-6, "bigrams %g", (double)x.dense[4]);
	CHECK(x.dense[0] > 0.2f && x.dense[0] <= 1.0f, "cosine %g", (double)x.dense[0]);
	CHECK_INT(x.dense[11], 0); /* no question mark */
	CHECK_INT(x.dense[12], 0); /* no refuting word in the headline */
	/* hoax, fake, doctored, denied: all within 15 words of a headline word */
	CHECK(fabsf(x.dense[15] - (float)log1p(4)) < 1e-6, "refuting words %g", (double)x.dense[15]);
	CHECK(fabsf(x.dense[16] - (float)log1p(4)) < 1e-6, "refuting near %g", (double)x.dense[16]);
	ct_stance_body_free(b);

	/* A long body (its tokens sorted in buckets, not by insertion), with
	 * repeats: squid three times at the start, maine and beach after 200
	 * other words. */
	ct_buf long_body = {0};
	ct_buf_adds(&long_body, "squid squid squid");
	for (int i = 0; i < 200; i++)
		ct_buf_printf(&long_body, " w%d", i % 150);
	ct_buf_adds(&long_body, " maine beach");
	b = ct_stance_body_new(m, long_body.data);
	ct_stance_features(m, "Giant squid found on Maine beach", b, &x);
	CHECK(fabsf(x.dense[2] - 3.0f / 5) < 1e-6, "overlap %g", (double)x.dense[2]);
	CHECK(fabsf(x.dense[3] - 1.0f / 5) < 1e-6, "overlap at the start %g", (double)x.dense[3]);
	CHECK(fabsf(x.dense[8] - 1.0f / 5) < 1e-6, "words three times %g", (double)x.dense[8]);
	CHECK(fabsf(x.dense[10] - (float)log1p(205)) < 1e-5, "body length %g", (double)x.dense[10]);
	ct_stance_body_free(b);
	ct_buf_free(&long_body);

	/* An unrelated body shares no content word (only "the"). */
	b = ct_stance_body_new(m, bodies[7][1]);
	ct_stance_features(m, "Is the giant squid found on the Maine beach fake?", b, &x);
	CHECK_INT(x.dense[2] * 1000, 0);
	CHECK_INT(x.dense[5] * 1000, 0);
	CHECK_INT(x.dense[11], 1);
	CHECK_INT(x.dense[12], 1); /* "fake" */
	CHECK_INT(x.dense[16], 0);
	ct_stance_body_free(b);
	ct_stance_x_free(&x);

	/* A body with no word of the vocabulary (empty, or words never seen)
	 * has no count vector: a first call on it copies nothing, and the
	 * pair is still labelled, from the hand features alone. */
	static const char *const wordless[] = {"", "zzqx qqzv, 42!"};
	for (size_t i = 0; i < sizeof wordless / sizeof *wordless; i++) {
		ct_stance_x fresh = {0};
		b = ct_stance_body_new(m, wordless[i]);
		ct_stance_features(m, "Giant squid found on Maine beach", b, &fresh);
		CHECK_INT(fresh.n, 0);
		CHECK_INT(fresh.dense[2] * 1000, 0);
		float p[CT_STANCE_NLABELS];
		ct_stance_label l = ct_stance_predict_body(m, "Giant squid found on Maine beach", b, p);
		CHECK(l < CT_STANCE_NLABELS && fabsf(p[0] + p[1] + p[2] + p[3] - 1) < 1e-5, "wordless body %zu: %d", i,
		      (int)l);
		ct_stance_body_free(b);
		ct_stance_x_free(&fresh);
	}
}

/* The bytes a model saves to; NULL on failure. Owned. */
static char *model_bytes(ct_stance_model *m, const char *name, size_t *len)
{
	const char *p = path_in(name);
	if (ct_stance_model_save(m, p))
		return NULL;
	char *b = t_slurp(p, len);
	unlink(p);
	return b;
}

/* Several networks: their mean is the model's answer, the same read from
 * a file and from a prepared body; weight averaging and word dropout
 * change the model, each the same way twice. */
static void test_ensemble(const ct_stance_data *d)
{
	ct_stance_model *e = tiny_with(d, 1, 3, 0, 0), *one[3];
	for (int k = 0; k < 3; k++)
		one[k] = tiny(d, 1 + (uint64_t)k); /* net k trains from seed + k */
	const char *p = path_in("e.model");
	CHECK_INT(ct_stance_model_save(e, p), 0);
	ct_stance_model *back;
	int rc = ct_stance_model_load(&back, p, NULL);
	CHECK(rc == 0, "load: %s", ct_stance_model_error(back));
	unlink(p);
	int mean_ok = 1, file_ok = 1, body_ok = 1;
	float spread = 0; /* how far the nets disagree (trained to near certainty, not far), else the mean says little */
	/* every headline with every body: pairs never trained on, too */
	for (size_t q = 0; q < NPAIRS * (sizeof bodies / sizeof *bodies); q++) {
		size_t i = q % NPAIRS;
		const char *body = bodies[q / NPAIRS][1];
		float pe[4], pk[4], mean[4] = {0}, pf[4], pb[4];
		int le = ct_stance_predict(e, pairs[i].headline, body, pe);
		float first[4];
		for (int k = 0; k < 3; k++) {
			ct_stance_predict(one[k], pairs[i].headline, body, pk);
			for (int c = 0; c < 4; c++) {
				mean[c] += pk[c] / 3;
				if (!k)
					first[c] = pk[c];
				else if (fabsf(pk[c] - first[c]) > spread)
					spread = fabsf(pk[c] - first[c]);
			}
		}
		int best = 0;
		for (int c = 0; c < 4; c++) {
			mean_ok &= fabsf(mean[c] - pe[c]) < 1e-5f;
			best = mean[c] > mean[best] ? c : best;
		}
		mean_ok &= best == le;
		if (!rc)
			file_ok &= (int)ct_stance_predict(back, pairs[i].headline, body, pf) == le && !memcmp(pf, pe, sizeof pe);
		ct_stance_body *pre = ct_stance_body_new(e, body);
		body_ok &= (int)ct_stance_predict_body(e, pairs[i].headline, pre, pb) == le && !memcmp(pb, pe, sizeof pe);
		ct_stance_body_free(pre);
	}
	CHECK(mean_ok, "three nets: not the mean of the nets trained alone");
	CHECK(file_ok, "three nets: other answers once saved and loaded");
	CHECK(body_ok, "three nets: other answers from a prepared body");
	/* two threads train the same nets as one: net k is from seed + k */
	ct_stance_train_opts o1;
	ct_stance_train_defaults(&o1);
	o1.seed = 1, o1.nets = 3, o1.vocab = 60, o1.hidden = 16, o1.epochs = 150, o1.batch = 5, o1.lr = 0.01f;
	o1.dropout = 0.1f, o1.threads = 1;
	ct_stance_model *e1;
	CHECK_INT(ct_stance_train(&e1, d, &o1), 0);
	size_t le1, le2;
	char *be1 = model_bytes(e1, "e1.model", &le1), *be2 = model_bytes(e, "e2.model", &le2);
	CHECK(be1 && be2 && le1 == le2 && !memcmp(be1, be2, le1), "one thread and two give other nets");
	free(be1), free(be2);
	ct_stance_model_free(e1);
	CHECK(spread > 1e-3f, "the three nets answer alike (by %g at most)", (double)spread);
	ct_stance_model_free(back);
	for (int k = 0; k < 3; k++)
		ct_stance_model_free(one[k]);
	ct_stance_model_free(e);

	size_t l0, la, lb, lw, lw2;
	ct_stance_model *m0 = tiny(d, 1), *ma = tiny_with(d, 1, 1, 20, 0), *mb = tiny_with(d, 1, 1, 20, 0);
	ct_stance_model *mw = tiny_with(d, 1, 1, 0, 0.3f), *mw2 = tiny_with(d, 1, 1, 0, 0.3f);
	char *b0 = model_bytes(m0, "0.model", &l0), *ba = model_bytes(ma, "a2.model", &la);
	char *bb = model_bytes(mb, "b2.model", &lb), *bw = model_bytes(mw, "w.model", &lw);
	char *bw2 = model_bytes(mw2, "w2.model", &lw2);
	CHECK(b0 && ba && bb && bw && bw2, "saving");
	if (b0 && ba && bb && bw && bw2) {
		CHECK(la == l0 && memcmp(ba, b0, l0), "averaging the last epochs changed nothing");
		CHECK(la == lb && !memcmp(ba, bb, la), "averaging: two trainings differ");
		CHECK(lw == l0 && memcmp(bw, b0, l0), "word dropout changed nothing");
		CHECK(lw == lw2 && !memcmp(bw, bw2, lw), "word dropout: two trainings differ");
	}
	free(b0), free(ba), free(bb), free(bw), free(bw2);
	ct_stance_model_free(m0), ct_stance_model_free(ma), ct_stance_model_free(mb);
	ct_stance_model_free(mw), ct_stance_model_free(mw2);
	/* still a model that learned its pairs */
	ct_stance_model *mv = tiny_with(d, 1, 1, 20, 0.3f);
	size_t right = 0;
	for (size_t i = 0; i < NPAIRS; i++)
		right += (int)ct_stance_predict(mv, pairs[i].headline, ct_stance_data_body(d, i), NULL) == pairs[i].label;
	CHECK(right >= NPAIRS - 3, "averaged, with word dropout: %zu of %d training pairs right", right, NPAIRS);
	ct_stance_model_free(mv);
	ct_stance_train_opts o;
	ct_stance_train_defaults(&o);
	o.nets = 0;
	CHECK_INT(ct_stance_train(&mv, d, &o), CT_EARG);
	ct_stance_model_free(mv);
	o.nets = 1, o.word_dropout = 1;
	CHECK_INT(ct_stance_train(&mv, d, &o), CT_EARG);
	ct_stance_model_free(mv);
}

static void test_fnc_score(void)
{
	/* Worked by hand: agree→agree 1.00 of 1; disagree→discuss 0.25 of 1;
	 * unrelated→unrelated 0.25 of 0.25; discuss→unrelated 0 of 1;
	 * unrelated→discuss 0 of 0.25: 1.5 of 3.5 = 42.857%.
	 * F1: agree 1, disagree 0, discuss 0, unrelated P 1/2 R 1/2 → 0.5;
	 * macro 0.375. */
	int gold[] = {CT_STANCE_AGREE, CT_STANCE_DISAGREE, CT_STANCE_UNRELATED, CT_STANCE_DISCUSS, CT_STANCE_UNRELATED};
	int pred[] = {CT_STANCE_AGREE, CT_STANCE_DISCUSS, CT_STANCE_UNRELATED, CT_STANCE_UNRELATED, CT_STANCE_DISCUSS};
	ct_stance_eval e;
	ct_stance_score(&e, gold, pred, 5);
	CHECK(fabs(e.score - 1.5) < 1e-9, "score %g", e.score);
	CHECK(fabs(e.max_score - 3.5) < 1e-9, "max %g", e.max_score);
	CHECK(fabs(e.relative - 100 * 1.5 / 3.5) < 1e-9, "relative %g", e.relative);
	CHECK(fabs(e.macro_f1 - 0.375) < 1e-9, "macro-F1 %g", e.macro_f1);
	CHECK(fabs(e.f1[CT_STANCE_UNRELATED] - 0.5) < 1e-9, "F1 unrelated %g", e.f1[CT_STANCE_UNRELATED]);
	CHECK(fabs(e.accuracy - 0.4) < 1e-9, "accuracy %g", e.accuracy);
	CHECK_INT(e.confusion[CT_STANCE_DISAGREE][CT_STANCE_DISCUSS], 1);
	CHECK_INT(e.confusion[CT_STANCE_DISCUSS][CT_STANCE_UNRELATED], 1);

	CHECK_INT(ct_stance_label_from_name("Disagree"), CT_STANCE_DISAGREE);
	CHECK_INT(ct_stance_label_from_name("maybe"), -1);
	CHECK_STR(ct_stance_label_name(CT_STANCE_UNRELATED), "unrelated");
}

static void test_holdout(void)
{
	int held = 0, again = 0, edges = 0, other = 0;
	for (int i = 0; i < 2000; i++) {
		char id[16];
		snprintf(id, sizeof id, "%d", i);
		int h = ct_stance_holdout(id, 0.2, 7);
		held += h;
		again += h == ct_stance_holdout(id, 0.2, 7);
		edges += !ct_stance_holdout(id, 0, 7) && ct_stance_holdout(id, 1, 7);
		other += h != ct_stance_holdout(id, 0.2, 8);
	}
	CHECK(held > 340 && held < 460, "held out %d of 2000", held);
	CHECK_INT(again, 2000);
	CHECK_INT(edges, 2000);
	CHECK(other > 300, "seeds 7 and 8 differ on only %d bodies", other);
}

/* Pairs of a hand-made data set: stories {h1 h2 b1 b2}, {h3 b3},
 * {h4 b4 b5} through related pairs; the unrelated pairs cross them. */
static const struct {
	const char *h, *b;
	int l;
} story_pairs[] = {
	{"h1", "b1", CT_STANCE_AGREE},    {"h1", "b2", CT_STANCE_DISCUSS},   {"h2", "b2", CT_STANCE_DISAGREE},
	{"h3", "b3", CT_STANCE_DISCUSS},  {"h4", "b4", CT_STANCE_AGREE},     {"h4", "b5", CT_STANCE_DISCUSS},
	{"h1", "b3", CT_STANCE_UNRELATED}, {"h3", "b4", CT_STANCE_UNRELATED}, {"h2", "b5", CT_STANCE_UNRELATED},
	{"h2", "b1", CT_STANCE_UNRELATED}, {"h5", "b1", CT_STANCE_UNRELATED},
};
enum { NSTORY_PAIRS = sizeof story_pairs / sizeof *story_pairs };

static ct_stance_data *story_data(int reversed)
{
	ct_stance_data *d = ct_stance_data_new();
	for (int b = 1; b <= 5; b++) {
		char id[16];
		snprintf(id, sizeof id, "b%d", b);
		ct_stance_data_add_body(d, id, "text");
	}
	for (int k = 0; k < NSTORY_PAIRS; k++) {
		int i = reversed ? NSTORY_PAIRS - 1 - k : k;
		ct_stance_data_add_pair(d, story_pairs[i].h, story_pairs[i].b, story_pairs[i].l);
	}
	return d;
}

static void test_story_split(void)
{
	/* The stories by hand: the story of each pair's headline and body. */
	static const int hstory[] = {0, 0, 1, 2, 3}, bstory[] = {0, 0, 1, 2, 2};
	int side[NSTORY_PAIRS], rside[NSTORY_PAIRS];
	int saw_split = 0, saw_drop = 0;
	for (uint64_t seed = 1; seed <= 40; seed++) {
		ct_stance_data *d = story_data(0), *r = story_data(1);
		ct_stance_split_counts c, rc;
		ct_stance_split_story(d, 0.5, seed, side, &c);
		ct_stance_split_story(r, 0.5, seed, rside, &rc);
		int story_side[4] = {-1, -1, -1, -1}, consistent = 1, order_free = 1;
		size_t kept[2] = {0, 0}, dropped = 0;
		for (int i = 0; i < NSTORY_PAIRS; i++) {
			int hs = hstory[story_pairs[i].h[1] - '1'];
			order_free &= side[i] == rside[NSTORY_PAIRS - 1 - i];
			if (story_pairs[i].l != CT_STANCE_UNRELATED) {
				/* a related pair never crosses: its story has one side */
				consistent &= side[i] >= 0 && (story_side[hs] < 0 || story_side[hs] == side[i]);
				story_side[hs] = side[i];
			}
			if (side[i] < 0)
				dropped++;
			else
				kept[side[i]]++;
		}
		/* an unrelated pair is dropped exactly when its two stories differ in side */
		for (int i = 0; i < NSTORY_PAIRS; i++) {
			int hs = hstory[story_pairs[i].h[1] - '1'], bs = bstory[story_pairs[i].b[1] - '1'];
			if (story_pairs[i].l != CT_STANCE_UNRELATED || story_side[hs] < 0 || story_side[bs] < 0)
				continue;
			consistent &= (side[i] < 0) == (story_side[hs] != story_side[bs]);
			consistent &= side[i] < 0 || side[i] == story_side[hs];
		}
		CHECK(consistent, "seed %llu: a story on both sides, or a wrong drop", (unsigned long long)seed);
		CHECK(order_free, "seed %llu: the split depends on the order of the pairs", (unsigned long long)seed);
		CHECK_INT(c.stories[0] + c.stories[1], 4);
		CHECK_INT(c.headlines[0] + c.headlines[1], 5);
		CHECK_INT(c.bodies[0] + c.bodies[1], 5);
		CHECK(c.pairs[0] == kept[0] && c.pairs[1] == kept[1] && c.dropped == dropped, "counts");
		CHECK(rc.pairs[1] == c.pairs[1] && rc.stories[1] == c.stories[1], "counts depend on order");
		saw_split |= c.stories[0] && c.stories[1];
		saw_drop |= dropped > 0;
		ct_stance_data_free(d);
		ct_stance_data_free(r);
	}
	CHECK(saw_split && saw_drop, "40 seeds never split the stories or dropped a pair");
	/* Fractions 0 and 1 keep everything on one side. */
	ct_stance_data *d = story_data(0);
	ct_stance_split_counts c;
	ct_stance_split_story(d, 0, 3, side, &c);
	CHECK(c.pairs[0] == NSTORY_PAIRS && !c.dropped && !c.stories[1], "fraction 0");
	ct_stance_split_story(d, 1, 3, side, &c);
	CHECK(c.pairs[1] == NSTORY_PAIRS && !c.dropped && !c.stories[0], "fraction 1");
	ct_stance_data_free(d);
	/* About the fraction of many stories is held out. */
	d = ct_stance_data_new();
	for (int k = 0; k < 1000; k++) {
		char h[32], b[16];
		snprintf(h, sizeof h, "claim %d", k);
		snprintf(b, sizeof b, "%d", k);
		ct_stance_data_add_body(d, b, "text");
		ct_stance_data_add_pair(d, h, b, CT_STANCE_DISCUSS);
	}
	int *many = calloc(1000, sizeof *many);
	ct_stance_split_story(d, 0.2, 5, many, &c);
	CHECK(c.stories[1] > 160 && c.stories[1] < 240, "held out %zu of 1000 stories", c.stories[1]);
	free(many);
	ct_stance_data_free(d);
}

/* 40 stories: story k has headlines "claim k.j" (j < 1 + k % 3) and bodies
 * "k-b" (b < 4), every headline related to every body of its story (labels
 * by a pattern, disagree the rarest), and each headline unrelated to one
 * body of the next story. */
enum { MIX_STORIES = 40 };

static ct_stance_data *mix_data(int reversed)
{
	ct_stance_data *d = ct_stance_data_new();
	char h[48], b[32];
	for (int k = 0; k < MIX_STORIES; k++)
		for (int j = 0; j < 4; j++) {
			snprintf(b, sizeof b, "%d-%d", k, j);
			ct_stance_data_add_body(d, b, "text");
		}
	for (int pass = 0; pass < 2; pass++)
		for (int k0 = 0; k0 < MIX_STORIES; k0++) {
			int k = reversed ? MIX_STORIES - 1 - k0 : k0;
			for (int j = 0; j < 1 + k % 3; j++)
				for (int bi = 0; bi < 5; bi++) {
					if ((bi < 4) != (pass == 0))
						continue;
					snprintf(h, sizeof h, "claim %d.%d", k, j);
					int l = CT_STANCE_UNRELATED;
					if (bi < 4) {
						snprintf(b, sizeof b, "%d-%d", k, bi);
						l = (k + j + bi) % 13 == 0 ? CT_STANCE_DISAGREE
						    : bi == 1              ? CT_STANCE_AGREE
									   : CT_STANCE_DISCUSS;
					} else {
						snprintf(b, sizeof b, "%d-%d", (k + 1) % MIX_STORIES, j);
					}
					ct_stance_data_add_pair(d, h, b, l);
				}
		}
	return d;
}

/* The story of a headline ("claim k.j") or a body ("k-b"): k. */
static int story_of(const char *s)
{
	return atoi(s[0] == 'c' ? s + 6 : s);
}

static int pair_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The pairs of d as sorted "headline|body|label" lines (owned). */
static char **pair_lines(const ct_stance_data *d)
{
	size_t n = ct_stance_data_npairs(d);
	char **v = calloc(n + 1, sizeof *v);
	for (size_t i = 0; i < n; i++) {
		char buf[128];
		snprintf(buf, sizeof buf, "%s|%s|%d", ct_stance_data_headline(d, i), ct_stance_data_body_id(d, i),
			 ct_stance_data_label(d, i));
		v[i] = strdup(buf);
	}
	qsort(v, n, sizeof *v, pair_cmp);
	return v;
}

static void free_lines(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void test_mix_holdout(void)
{
	static const double mix[CT_STANCE_NLABELS] = {1903, 697, 4464, 18349};
	ct_stance_data *d = mix_data(0), *r = mix_data(1);
	size_t np = ct_stance_data_npairs(d);
	int *side = calloc(np, sizeof *side), *rside = calloc(np, sizeof *rside);
	char **prev = NULL;
	size_t nprev = 0;
	int differ = 0;
	for (uint64_t seed = 1; seed <= 6; seed++) {
		ct_stance_split_story(d, 0.5, seed, side, NULL);
		ct_stance_split_story(r, 0.5, seed, rside, NULL);
		ct_stance_mix_counts c, rc;
		ct_stance_data *m = ct_stance_mix_holdout(d, side, mix, seed, &c);
		ct_stance_data *rm = ct_stance_mix_holdout(r, rside, mix, seed, &rc);
		size_t n = ct_stance_data_npairs(m), by[CT_STANCE_NLABELS] = {0};
		/* held-out sides: the stories of the pairs with side 1 */
		int held[MIX_STORIES] = {0};
		for (size_t i = 0; i < np; i++)
			if (side[i] == 1)
				held[story_of(ct_stance_data_headline(d, i))] = 1;
		int inside = 1, crosses = 1, is_new = 1;
		for (size_t i = 0; i < n; i++) {
			const char *h = ct_stance_data_headline(m, i), *b = ct_stance_data_body_id(m, i);
			int l = ct_stance_data_label(m, i);
			by[l]++;
			inside &= held[story_of(h)] && held[story_of(b)];
			if (l == CT_STANCE_UNRELATED)
				crosses &= story_of(h) != story_of(b);
			for (size_t j = 0; j < i; j++)
				is_new &= strcmp(h, ct_stance_data_headline(m, j)) || strcmp(b, ct_stance_data_body_id(m, j));
		}
		CHECK(inside, "seed %llu: a pair of a training story", (unsigned long long)seed);
		CHECK(crosses, "seed %llu: an unrelated pair within a story", (unsigned long long)seed);
		CHECK(is_new, "seed %llu: a pair twice", (unsigned long long)seed);
		/* the related label scarcest for its share is kept whole, the rest at the mix */
		int scarce = 0;
		for (int l = 1; l < CT_STANCE_UNRELATED; l++)
			if ((double)c.held[l] / mix[l] < (double)c.held[scarce] / mix[scarce])
				scarce = l;
		CHECK_INT(c.kept[scarce], c.held[scarce]);
		double scale = (double)c.held[scarce] / mix[scarce];
		for (int l = 0; l < CT_STANCE_NLABELS; l++) {
			CHECK_INT(c.target[l], (size_t)(scale * mix[l] + 0.5));
			CHECK_INT(by[l], c.target[l]);
		}
		CHECK_INT(by[CT_STANCE_UNRELATED], c.kept[CT_STANCE_UNRELATED] + c.made);
		CHECK(c.made > 0 && c.kept[CT_STANCE_UNRELATED] == c.held[CT_STANCE_UNRELATED], "seed %llu: made %zu",
		      (unsigned long long)seed, c.made);
		/* the same pairs whatever the order of the input */
		char **a = pair_lines(m), **b = pair_lines(rm);
		int same = ct_stance_data_npairs(rm) == n;
		for (size_t i = 0; same && i < n; i++)
			same = !strcmp(a[i], b[i]);
		CHECK(same, "seed %llu: the mix depends on the order of the pairs", (unsigned long long)seed);
		if (prev && nprev == n) {
			for (size_t i = 0; i < n && !differ; i++)
				differ = strcmp(prev[i], a[i]) != 0;
		} else if (prev) {
			differ = 1;
		}
		free_lines(prev, nprev);
		free_lines(b, ct_stance_data_npairs(rm));
		prev = a, nprev = n;
		ct_stance_data_free(m);
		ct_stance_data_free(rm);
	}
	CHECK(differ, "six seeds gave the same holdout");
	free_lines(prev, nprev);

	/* Everything held out. Unrelated pairs the only label wanted: those
	 * there are, nothing made. */
	for (size_t i = 0; i < np; i++)
		side[i] = 1;
	static const double only_unrelated[CT_STANCE_NLABELS] = {0, 0, 0, 1};
	ct_stance_mix_counts c;
	ct_stance_data *m = ct_stance_mix_holdout(d, side, only_unrelated, 1, &c);
	CHECK(c.target[CT_STANCE_UNRELATED] == c.held[CT_STANCE_UNRELATED] && c.made == 0 &&
		      ct_stance_data_npairs(m) == c.held[CT_STANCE_UNRELATED],
	      "unrelated alone: target %zu, made %zu", c.target[CT_STANCE_UNRELATED], c.made);
	ct_stance_data_free(m);
	/* Related labels at 1:1:1: disagree sets the size, nothing is made. */
	static const double related_only[CT_STANCE_NLABELS] = {1, 1, 1, 0};
	m = ct_stance_mix_holdout(d, side, related_only, 1, &c);
	CHECK(c.made == 0 && c.target[CT_STANCE_UNRELATED] == 0 &&
		      c.kept[CT_STANCE_DISAGREE] == c.held[CT_STANCE_DISAGREE] &&
		      c.kept[CT_STANCE_AGREE] == c.held[CT_STANCE_DISAGREE] &&
		      c.kept[CT_STANCE_DISCUSS] == c.held[CT_STANCE_DISAGREE] &&
		      ct_stance_data_npairs(m) == 3 * c.held[CT_STANCE_DISAGREE],
	      "related at 1:1:1: %zu %zu %zu", c.kept[0], c.kept[1], c.kept[2]);
	ct_stance_data_free(m);
	/* At the test mix, each headline's made pairs are its share of them
	 * (to within one): its related pairs kept plus 1.6 times their mean. */
	m = ct_stance_mix_holdout(d, side, mix, 1, &c);
	enum { MAXH = 3 * MIX_STORIES };
	double rel[MAXH] = {0}, made[MAXH] = {0}, mean = 0, W = 0;
	for (size_t i = 0; i < ct_stance_data_npairs(m); i++) {
		const char *h = ct_stance_data_headline(m, i);
		int at = 3 * story_of(h) + atoi(strchr(h, '.') + 1);
		int input = 0; /* a pair of the input, or made? */
		for (size_t j = 0; j < np && !input; j++)
			input = !strcmp(h, ct_stance_data_headline(d, j)) &&
				!strcmp(ct_stance_data_body_id(m, i), ct_stance_data_body_id(d, j));
		if (ct_stance_data_label(m, i) != CT_STANCE_UNRELATED)
			rel[at]++, mean++;
		else if (!input)
			made[at]++;
	}
	mean /= 79; /* headlines: 40 stories of 1, 2 or 3 */
	for (int k = 0; k < MIX_STORIES; k++)
		for (int j = 0; j < 1 + k % 3; j++)
			W += rel[3 * k + j] + 1.6 * mean;
	int shares = 1;
	for (int k = 0; k < MIX_STORIES; k++)
		for (int j = 0; j < 1 + k % 3; j++) {
			double ideal = (double)c.made * (rel[3 * k + j] + 1.6 * mean) / W;
			shares &= made[3 * k + j] > ideal - 1 && made[3 * k + j] < ideal + 1;
		}
	CHECK(shares && c.made > 79, "made %zu: not by the headlines' shares", c.made);
	ct_stance_data_free(m);
	free(side);
	free(rside);
	ct_stance_data_free(d);
	ct_stance_data_free(r);

	/* Too few bodies: two stories of one headline and one body each can
	 * make one unrelated pair per headline, not the 30 wanted. */
	d = ct_stance_data_new();
	ct_stance_data_add_body(d, "1", "text");
	ct_stance_data_add_body(d, "2", "text");
	ct_stance_data_add_pair(d, "first", "1", CT_STANCE_AGREE);
	ct_stance_data_add_pair(d, "second", "2", CT_STANCE_AGREE);
	int two[2] = {1, 1};
	static const double mostly_unrelated[CT_STANCE_NLABELS] = {1, 0, 0, 15};
	m = ct_stance_mix_holdout(d, two, mostly_unrelated, 1, &c);
	CHECK(c.target[CT_STANCE_UNRELATED] == 30 && c.made == 2 && ct_stance_data_npairs(m) == 4,
	      "target %zu, made %zu", c.target[CT_STANCE_UNRELATED], c.made);
	ct_stance_data_free(m);
	/* no disagree held out, disagree wanted: nothing at that mix */
	m = ct_stance_mix_holdout(d, two, mix, 1, &c);
	CHECK_INT(ct_stance_data_npairs(m), 0);
	ct_stance_data_free(m);
	ct_stance_data_free(d);
}

static char *slurp_file(const char *path, size_t *len)
{
	return t_slurp(path, len);
}

static void test_model_file(const ct_stance_data *d, ct_stance_model *m)
{
	/* It learned the training pairs. */
	size_t right = 0;
	for (size_t i = 0; i < NPAIRS; i++) {
		const char *body = NULL;
		for (size_t b = 0; b < sizeof bodies / sizeof *bodies; b++)
			if (!strcmp(bodies[b][0], pairs[i].body))
				body = bodies[b][1];
		right += (int)ct_stance_predict(m, pairs[i].headline, body, NULL) == pairs[i].label;
	}
	CHECK(right >= NPAIRS - 2, "%zu of %d training pairs right", right, NPAIRS);

	/* Save, load: the same answers to the last bit. */
	const char *p1 = path_in("a.model");
	CHECK_INT(ct_stance_model_save(m, p1), 0);
	ct_stance_model *back;
	int rc = ct_stance_model_load(&back, p1, NULL);
	CHECK(rc == 0, "load: %s", ct_stance_model_error(back));
	if (!rc)
		for (size_t i = 0; i < NPAIRS; i++) {
			float pa[4], pb[4];
			const char *body = ct_stance_data_body(d, i);
			int la = ct_stance_predict(m, pairs[i].headline, body, pa);
			int lb = ct_stance_predict(back, pairs[i].headline, body, pb);
			CHECK(la == lb && !memcmp(pa, pb, sizeof pa), "pair %zu differs after loading", i);
		}
	ct_stance_model_free(back);

	/* Training is deterministic: the same seed writes the same bytes. */
	ct_stance_model *m2 = tiny(d, 1);
	const char *p2 = path_in("b.model");
	ct_stance_model_save(m2, p2);
	ct_stance_model_free(m2);
	size_t l1, l2;
	char *a = slurp_file(p1, &l1), *b = slurp_file(p2, &l2);
	CHECK(a && b && l1 == l2 && !memcmp(a, b, l1), "two trainings with seed 1 differ");

	/* Damaged files: a clear CT_EDATA naming the file, never a crash. */
	struct {
		const char *name, *why;
		size_t len;
		int flip;
	} bad[] = {
		{"trunc.model", "checksum", l1 / 2, -1},
		{"flip.model", "checksum", l1, (int)(l1 / 3)},
		{"magic.model", "not a claimtrace stance model", l1, 0},
		{"version.model", "version", l1, 8},
		{"empty.model", "not a claimtrace stance model", 0, -1},
		{"header.model", "checksum", 13, -1},
	};
	for (size_t i = 0; a && i < sizeof bad / sizeof *bad; i++) {
		char *c = malloc(l1);
		memcpy(c, a, l1);
		if (bad[i].flip >= 0)
			c[bad[i].flip] ^= 0x5a;
		const char *p = path_in(bad[i].name);
		put(p, c, bad[i].len);
		free(c);
		ct_stance_model *x;
		rc = ct_stance_model_load(&x, p, NULL);
		CHECK(rc == CT_EDATA, "%s: rc %d", bad[i].name, rc);
		CHECK(strstr(ct_stance_model_error(x), p) && strstr(ct_stance_model_error(x), bad[i].why), "%s: %s",
		      bad[i].name, ct_stance_model_error(x));
		ct_stance_model_free(x);
	}
	/* Sizes that do not fit, behind a checksum that does: header fields at
	 * 16 (words) and 24 (hidden units), the checksum recomputed. */
	struct {
		const char *name, *why;
		size_t at;
		uint32_t value;
	} sizes[] = {
		{"hidden.model", "out of range", 24, 0},
		{"words.model", "truncated", 16, 0xffffff},
		{"ndense.model", "out of range", 12, 3},
		{"nets.model", "out of range", 28, 0},
		{"manynets.model", "out of range", 28, 33},
	};
	for (size_t i = 0; a && l1 > 32 && i < sizeof sizes / sizeof *sizes; i++) {
		unsigned char *c = malloc(l1);
		memcpy(c, a, l1);
		for (int k = 0; k < 4; k++)
			c[sizes[i].at + (size_t)k] = (unsigned char)(sizes[i].value >> (8 * k));
		uint32_t h = 2166136261u;
		for (size_t k = 0; k + 4 < l1; k++)
			h = (h ^ c[k]) * 16777619u;
		for (int k = 0; k < 4; k++)
			c[l1 - 4 + (size_t)k] = (unsigned char)(h >> (8 * k));
		const char *p = path_in(sizes[i].name);
		put(p, c, l1);
		free(c);
		ct_stance_model *x;
		rc = ct_stance_model_load(&x, p, NULL);
		CHECK(rc == CT_EDATA && strstr(ct_stance_model_error(x), sizes[i].why), "%s: %d %s", sizes[i].name, rc,
		      ct_stance_model_error(x));
		ct_stance_model_free(x);
		unlink(p);
	}
	free(a);
	free(b);
	ct_stance_model *x;
	rc = ct_stance_model_load(&x, path_in("absent.model"), NULL);
	CHECK(rc == CT_EIO && strstr(ct_stance_model_error(x), "absent.model"), "%s", ct_stance_model_error(x));
	ct_stance_model_free(x);
}

static void test_csv(void)
{
	const char *bp = path_in("bodies.csv");
	const char *sp = path_in("stances.csv");
	const char b[] = "Body ID,articleBody\n"
			 "1,\"Line one, with a comma.\n\nLine \"\"two\"\".\"\n"
			 "2,Short body\n";
	const char s[] = "Headline,Body ID,Stance\n"
			 "\"A headline, quoted\",1,agree\n"
			 "Another,2,maybe\n"          /* line 3: unknown stance */
			 "Third,9,discuss\n"          /* line 4: no such body */
			 "Fourth,2,unrelated,extra\n" /* line 5: too many fields */
			 "Fifth,2,DISAGREE\n";
	put(bp, b, sizeof b - 1);
	put(sp, s, sizeof s - 1);
	ct_stance_data *d;
	int rc = ct_stance_data_read(&d, bp, sp);
	CHECK_INT(rc, CT_EFORMAT);
	CHECK_INT(ct_stance_data_npairs(d), 2);
	CHECK_INT(ct_stance_data_nwarnings(d), 3);
	if (ct_stance_data_nwarnings(d) == 3) {
		CHECK(strstr(ct_stance_data_warning(d, 0), "stances.csv:3: unknown stance"), "%s",
		      ct_stance_data_warning(d, 0));
		CHECK(strstr(ct_stance_data_warning(d, 1), "stances.csv:4: Body ID"), "%s", ct_stance_data_warning(d, 1));
		CHECK(strstr(ct_stance_data_warning(d, 2), "stances.csv:5: expected 3 fields"), "%s",
		      ct_stance_data_warning(d, 2));
	}
	if (ct_stance_data_npairs(d) == 2) {
		CHECK_STR(ct_stance_data_headline(d, 0), "A headline, quoted");
		CHECK_STR(ct_stance_data_body(d, 0), "Line one, with a comma.\n\nLine \"two\".");
		CHECK_INT(ct_stance_data_label(d, 0), CT_STANCE_AGREE);
		CHECK_INT(ct_stance_data_label(d, 1), CT_STANCE_DISAGREE);
		CHECK_INT(ct_stance_data_line(d, 1), 6);
	}
	ct_stance_data_free(d);

	/* Stances alone, without a Stance column: unlabelled pairs. */
	const char s2[] = "Headline,Body ID\nOne,1\nTwo,77\n";
	put(sp, s2, sizeof s2 - 1);
	rc = ct_stance_data_read(&d, NULL, sp);
	CHECK_INT(rc, 0);
	CHECK_INT(ct_stance_data_npairs(d), 2);
	CHECK(ct_stance_data_npairs(d) == 2 && ct_stance_data_label(d, 1) == -1 && !ct_stance_data_body(d, 1),
	      "unlabelled");
	ct_stance_data_free(d);

	/* The probability columns of predict --probs; a row without numbers has none. */
	const char s3[] = "Headline,Body ID,Stance,agree,disagree,discuss,unrelated\n"
			  "One,1,agree,0.7000,0.1000,0.1500,0.0500\n"
			  "Two,2,discuss,0.1,,0.8,0.1\n";
	put(sp, s3, sizeof s3 - 1);
	rc = ct_stance_data_read(&d, NULL, sp);
	CHECK_INT(rc, 0);
	float pr[CT_STANCE_NLABELS] = {0};
	CHECK(ct_stance_data_npairs(d) == 2 && ct_stance_data_probs(d, 0, pr) && fabsf(pr[0] - 0.7f) < 1e-6f &&
	      fabsf(pr[3] - 0.05f) < 1e-6f, "probabilities read");
	CHECK(ct_stance_data_npairs(d) == 2 && !ct_stance_data_probs(d, 1, pr), "an empty column: no probabilities");
	ct_stance_data_free(d);

	/* A missing column, a missing file. */
	put(sp, "Title,Body ID\nx,1\n", 18);
	rc = ct_stance_data_read(&d, NULL, sp);
	CHECK(rc == CT_EFORMAT && strstr(ct_stance_data_error(d), "stances.csv:1: no \"Headline\" column"), "%s",
	      ct_stance_data_error(d));
	ct_stance_data_free(d);
	rc = ct_stance_data_read(&d, path_in("nope.csv"), sp);
	CHECK(rc == CT_EIO && strstr(ct_stance_data_error(d), "nope.csv"), "%s", ct_stance_data_error(d));
	ct_stance_data_free(d);
}

void test_stance(void)
{
	if (!mkdtemp(dir)) {
		CHECK(0, "mkdtemp");
		return;
	}
	test_tokenize();
	test_fnc_score();
	test_holdout();
	test_story_split();
	test_mix_holdout();
	test_csv();
	ct_stance_data *d = synthetic();
	ct_stance_model *m = tiny(d, 1);
	test_features(m);
	test_model_file(d, m);
	test_ensemble(d);
	ct_stance_model_free(m);
	ct_stance_data_free(d);

	ct_stance_model *bad;
	ct_stance_data *empty = ct_stance_data_new();
	ct_stance_train_opts o;
	ct_stance_train_defaults(&o);
	CHECK_INT(ct_stance_train(&bad, empty, &o), CT_EARG);
	ct_stance_model_free(bad);
	ct_stance_data_free(empty);

	const char *names[] = {"a.model", "b.model", "trunc.model", "flip.model", "magic.model", "version.model",
			       "empty.model", "header.model", "bodies.csv", "stances.csv"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		unlink(path_in(names[i]));
	rmdir(dir);
}
