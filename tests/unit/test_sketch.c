/* Wire reprints (src/text/sketch.c) on articles written for these tests:
 * an original, a copy trimmed at the bottom, a copy with a new top, and a
 * different article on the same story that must not be linked; the
 * passages they share; the binary form and the band keys. */
#include <stdio.h>
#include <stdlib.h>

#include "test.h"
#include "../../src/text/sketch.h"

static const char original[] =
	"PORT ELLIS (Wire) - The harbour authority of Port Ellis closed the northern pier on Tuesday after "
	"inspectors found cracks in three of its concrete pillars, officials said.\n\n"
	"Harbour master Lena Okafor said the pier would stay shut for at least two weeks while engineers "
	"assessed the damage. \"We are not taking any chances with the safety of dock workers,\" she told "
	"reporters at the harbour office.\n\n"
	"About forty fishing boats that normally unload at the northern pier were sent to the southern basin, "
	"where space is limited during the autumn season.\n\n"
	"The fishermen's union said its members would lose money every day the pier stayed closed and asked "
	"the city for compensation. A union spokesman, Tomas Reyes, called the closure a consequence of years "
	"of neglect.\n\n"
	"The pier was built in 1968 and last repaired in 2004. A report commissioned by the city council in "
	"2019 had warned that the pillars were corroding faster than expected because of salt water seeping "
	"into the steel reinforcement.\n\n"
	"Mayor Anton Vitek said the council would meet on Friday to discuss emergency funding for the repairs "
	"and for the fishermen who depend on the pier.";

/* the first three paragraphs, as a paper with little space runs it */
static const char trimmed[] =
	"PORT ELLIS - The harbour authority of Port Ellis closed the northern pier on Tuesday after inspectors "
	"found cracks in three of its concrete pillars, officials said.\n\n"
	"Harbour master Lena Okafor said the pier would stay shut for at least two weeks while engineers "
	"assessed the damage. \u201cWe are not taking any chances with the safety of dock workers,\u201d she told "
	"reporters at the harbour office.\n\n"
	"About forty fishing boats that normally unload at the northern pier were sent to the southern basin, "
	"where space is limited during the autumn season.";

/* a local paper's own top, then the wire copy, lightly edited */
static const char new_top[] =
	"Families along Quay Street watched on Tuesday as police taped off the pier where generations of their "
	"relatives have landed the catch. For many of them the news came as no surprise.\n\n"
	"The harbour authority of Port Ellis closed the northern pier on Tuesday after inspectors found cracks "
	"in three of its concrete pillars, officials said.\n\n"
	"Harbour master Lena Okafor said the pier would stay shut for at least two weeks while engineers "
	"assessed the damage. \"We are not taking any chances with the safety of dock workers,\" she told "
	"reporters.\n\n"
	"About 40 fishing boats that normally unload at the northern pier were sent to the southern basin, "
	"where space is limited during the autumn season.\n\n"
	"The fishermen's union said its members would lose money every day the pier stayed closed and asked "
	"the city for compensation.";

/* the same story in another reporter's words, quoting the same sentence */
static const char other[] =
	"Cracked pillars have forced the closure of one of Port Ellis's busiest piers, leaving dozens of "
	"fishing crews scrambling for a place to land their catch this week.\n\n"
	"Engineers will spend a fortnight examining the structure, which dates from the late 1960s, according "
	"to Lena Okafor, who runs the harbour. \"We are not taking any chances with the safety of dock "
	"workers,\" she said.\n\n"
	"Crews moved to the smaller southern basin, and several skippers said they would rather stay in port "
	"than queue for hours. Union leaders want the city to pay for lost days, and the mayor has called a "
	"council meeting for Friday.\n\n"
	"A 2019 study had already flagged corrosion in the pier's steel, the council confirmed.";

static void sketch_of(ct_sketch *sk, const char *s)
{
	ct_sketch_make(sk, s, strlen(s));
}

static void test_shingles(void)
{
	uint64_t *sh = NULL;
	size_t cap = 0, wcap = 0;
	ct_sketch_word *w = NULL;
	const char *t = "Obama's aide \u2014 said: \"no\"  Obama\u2019s AIDE said no.";
	size_t n = ct_sketch_shingles(t, strlen(t), &sh, &cap, &w, &wcap);
	/* words: obamas aide said no obamas aide said no; the dash and quotes are no words */
	CHECK_INT(n, 6);
	CHECK(n == 6 && sh[0] == sh[4] && sh[1] == sh[5], "the two spellings of the apostrophe give one word");
	CHECK(w && w[0].off == 0 && w[0].len == 7, "the first word spans \"Obama's\"");
	CHECK_INT(ct_sketch_distinct(sh, n), 4);
	CHECK_INT(ct_sketch_shingles("two words", 9, &sh, &cap, NULL, NULL), 0);
	free(sh);
	free(w);

	ct_sketch empty;
	ct_sketch_make(&empty, "", 0);
	uint64_t keys[CT_SKETCH_BANDS];
	CHECK_INT(empty.nshingle, 0);
	CHECK_INT(ct_sketch_bands(&empty, keys), 0);
	CHECK(ct_sketch_compare(&empty, &empty).containment == 0, "an empty text is like nothing");
}

static void test_decision(void)
{
	ct_sketch o, t, n, d;
	sketch_of(&o, original);
	sketch_of(&t, trimmed);
	sketch_of(&n, new_top);
	sketch_of(&d, other);

	ct_sketch_sim st = ct_sketch_compare(&o, &t);
	CHECK(st.containment > 0.8, "trimmed copy: containment %.2f", st.containment);
	CHECK(st.jaccard < 0.6, "trimmed copy: a Jaccard of %.2f only, what the containment is for", st.jaccard);
	CHECK(ct_sketch_is_reprint(&o, &t), "the trimmed copy is a reprint");
	CHECK(ct_sketch_is_reprint(&t, &o), "symmetric");
	ct_sketch_sim sn = ct_sketch_compare(&o, &n);
	CHECK(ct_sketch_is_reprint(&o, &n), "the copy with a new top is a reprint (containment %.2f, shared %.0f)",
	      sn.containment, sn.shared);
	ct_sketch_sim sd = ct_sketch_compare(&o, &d);
	CHECK(!ct_sketch_is_reprint(&o, &d), "the other reporter's article is no reprint (containment %.2f)",
	      sd.containment);
	CHECK(!ct_sketch_is_reprint(&n, &d), "nor of the copy");

	/* a short text (under 25 shared shingles) is a copy only when it is the same
	 * text: a brief carried word for word, not a quotation inside another */
	const char *brief = "Harbour master Lena Okafor said the pier would stay shut for at least two weeks "
			    "while engineers assessed the damage.";
	ct_sketch b1, b2;
	sketch_of(&b1, brief);
	sketch_of(&b2, brief);
	CHECK(b1.nshingle < CT_REPRINT_MIN_SHARED, "the brief is short (%u shingles)", b1.nshingle);
	CHECK(ct_sketch_is_reprint(&b1, &b2), "a brief carried word for word is a copy");
	CHECK(!ct_sketch_is_reprint(&b1, &o), "a brief inside a long article is not (a quotation, or a summary)");

	/* the band keys find the copies: each shares a key with the original */
	uint64_t ko[CT_SKETCH_BANDS], kt[CT_SKETCH_BANDS], kn[CT_SKETCH_BANDS];
	CHECK_INT(ct_sketch_bands(&o, ko), CT_SKETCH_BANDS);
	ct_sketch_bands(&t, kt);
	ct_sketch_bands(&n, kn);
	int meet_t = 0, meet_n = 0;
	for (int b = 0; b < CT_SKETCH_BANDS; b++)
		meet_t += ko[b] == kt[b], meet_n += ko[b] == kn[b];
	CHECK(meet_t > 0 && meet_n > 0, "band keys shared: %d with the trimmed copy, %d with the new top", meet_t,
	      meet_n);

	/* the exact similarity agrees with the estimate's decision */
	uint64_t *a = NULL, *b = NULL;
	size_t ca = 0, cb = 0;
	size_t na = ct_sketch_shingles(original, strlen(original), &a, &ca, NULL, NULL);
	size_t nb = ct_sketch_shingles(trimmed, strlen(trimmed), &b, &cb, NULL, NULL);
	na = ct_sketch_distinct(a, na);
	nb = ct_sketch_distinct(b, nb);
	ct_sketch_sim ex = ct_sketch_exact(a, na, b, nb);
	CHECK(ex.containment > 0.9 && ct_sketch_same_copy(ex), "exact containment %.2f", ex.containment);
	CHECK(ex.shared >= nb - 3, "every shingle of the trim but its dateline's is the original's");
	free(a);
	free(b);
}

static void test_binary(void)
{
	ct_sketch o, back;
	sketch_of(&o, original);
	unsigned char blob[CT_SKETCH_BYTES];
	ct_sketch_pack(&o, blob);
	CHECK(!memcmp(blob, "CS1", 4), "the binary form opens with its magic");
	CHECK_INT(ct_sketch_unpack(&back, blob, sizeof blob), 0);
	CHECK(!memcmp(&o, &back, sizeof o), "unpack gives the sketch back");
	CHECK_INT(ct_sketch_unpack(&back, blob, sizeof blob - 1), CT_EFORMAT);
	blob[2] = '9';
	CHECK_INT(ct_sketch_unpack(&back, blob, sizeof blob), CT_EFORMAT);
	/* the same text always gives the same sketch (stored ones depend on it) */
	ct_sketch again;
	sketch_of(&again, original);
	CHECK(!memcmp(&o, &again, sizeof o), "deterministic");
}

static int span_is(const char *text, uint32_t off, uint32_t len, const char *want)
{
	return strlen(want) == len && !memcmp(text + off, want, len);
}

static void test_passages(void)
{
	ct_passage *p;
	size_t n = ct_sketch_passages(original, strlen(original), trimmed, strlen(trimmed), 8, &p);
	/* the datelines differ ("(Wire)"); the curly quotes do not count */
	CHECK(n == 1, "one passage, got %zu", n);
	if (n == 1) {
		CHECK(p[0].words > 60, "the trim after its dateline is one passage of %u words", p[0].words);
		CHECK(!strncmp(trimmed + p[0].b_off, "The harbour authority", 21), "its span in the copy");
		CHECK(!strncmp(original + p[0].a_off, "The harbour authority", 21), "and in the original");
		const char *end = "during the autumn season";
		CHECK(!strncmp(trimmed + p[0].b_off + p[0].b_len - strlen(end), end, strlen(end)),
		      "the passage ends where the copy does");
		CHECK(!strncmp(original + p[0].a_off + p[0].a_len - strlen(end), end, strlen(end)),
		      "and at the same words in the original");
	}
	free(p);

	/* the other article shares the quotation (and the "she" after it) and no more */
	n = ct_sketch_passages(original, strlen(original), other, strlen(other), 8, &p);
	CHECK(n == 1, "one passage, got %zu", n);
	const char *quote = "We are not taking any chances with the safety of dock workers,\" she";
	if (n == 1) {
		CHECK(span_is(other, p[0].b_off, p[0].b_len, quote), "the quotation: \"%.*s\"", (int)p[0].b_len,
		      other + p[0].b_off);
		CHECK(span_is(original, p[0].a_off, p[0].a_len, quote), "in both");
		CHECK_INT(p[0].words, 13);
	}
	free(p);

	/* min_words: a passage shorter than asked for is left out */
	CHECK_INT(ct_sketch_passages(original, strlen(original), other, strlen(other), 14, &p), 0);
	free(p);
	/* the copy with a new top: its own top is no passage, the wire copy is */
	n = ct_sketch_passages(new_top, strlen(new_top), original, strlen(original), 8, &p);
	CHECK(n >= 2, "passages of the copy: %zu", n);
	int ordered = 1;
	for (size_t k = 1; k < n; k++)
		ordered &= p[k].a_off >= p[k - 1].a_off + p[k - 1].a_len;
	CHECK(ordered, "in a's order, none inside another");
	CHECK(n && !strncmp(new_top + p[0].a_off, "The harbour authority", 21), "the first starts at the wire copy");
	free(p);

	/* nothing shared, and pathological repetition, stay cheap and empty-safe */
	CHECK_INT(ct_sketch_passages("a b c d", 7, "e f g h", 7, 3, &p), 0);
	CHECK(p == NULL, "no passages, no array");
	size_t big = 200000;
	char *rep = malloc(big + 1);
	for (size_t i = 0; i < big; i += 4)
		memcpy(rep + i, "the ", 4);
	rep[big] = 0;
	n = ct_sketch_passages(rep, big, rep, big, 3, &p);
	CHECK(n == 1 && p[0].words == big / 4, "a repeated word: one passage (%zu)", n);
	free(p);
	free(rep);
}

/* ---- FNC-1's bodies (../shared/corpus; skipped when absent): the
 * figures of docs/reprints.md held above a floor a little under them --- */

typedef struct {
	char *id, *text;
	size_t len;
	ct_sketch sk;
	uint64_t keys[CT_SKETCH_BANDS];
} fnc_body;

static const fnc_body *by_id(const fnc_body *b, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(b[i].id, id))
			return &b[i];
	return NULL;
}

static int linked(const fnc_body *a, const fnc_body *b)
{
	int meet = 0;
	for (int k = 0; k < CT_SKETCH_BANDS; k++)
		meet |= a->keys[k] == b->keys[k];
	return meet && ct_sketch_is_reprint(&a->sk, &b->sk);
}

static int u64_less(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return a < b ? -1 : a > b;
}

static void test_fnc(void)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/fnc-1/train_bodies.csv", t_corpus ? t_corpus : "");
	FILE *probe = t_corpus ? fopen(path, "rb") : NULL;
	if (!probe) {
		printf("skip: reprints on FNC-1 (no %s)\n", path);
		return;
	}
	fclose(probe);
	ct_reader *r;
	CHECK_INT(ct_reader_open(&r, t_ctx, path, CT_IN_AUTO), 0);
	fnc_body *b = NULL;
	size_t n = 0, cap = 0;
	ct_doc *doc;
	while (ct_reader_next(r, &doc) > 0) {
		if (!ct_doc_run(t_ctx, doc, CT_STAGE_NORMALIZE)) {
			if (n == cap)
				b = realloc(b, (cap = cap ? 2 * cap : 1024) * sizeof *b);
			size_t len;
			const char *t = ct_doc_text(doc, &len);
			b[n].id = strdup(ct_doc_meta(doc, CT_META_ID));
			b[n].text = strndup(t, len);
			b[n].len = len;
			ct_sketch_make(&b[n].sk, t, len);
			ct_sketch_bands(&b[n].sk, b[n].keys);
			n++;
		}
		ct_doc_free(doc);
	}
	ct_reader_free(r);
	CHECK_INT(n, 1683);

	/* pairs read and judged (docs/reprints.md): the same copy ... */
	static const char *const same[][2] = {{"130", "2251"}, {"432", "1318"}, {"992", "1355"}, {"171", "2207"},
					      {"939", "2202"}, {"299", "908"}};
	/* ... and different articles that share a quotation or boilerplate */
	static const char *const apart[][2] = {{"4", "1826"}, {"1000", "1214"}, {"119", "240"}, {"610", "2137"}};
	for (size_t k = 0; k < sizeof same / sizeof *same; k++) {
		const fnc_body *x = by_id(b, n, same[k][0]), *y = by_id(b, n, same[k][1]);
		CHECK(x && y && linked(x, y), "bodies %s and %s: the same copy", same[k][0], same[k][1]);
	}
	for (size_t k = 0; k < sizeof apart / sizeof *apart; k++) {
		const fnc_body *x = by_id(b, n, apart[k][0]), *y = by_id(b, n, apart[k][1]);
		CHECK(x && y && !linked(x, y), "bodies %s and %s: different articles", apart[k][0], apart[k][1]);
	}

	/* the band keys make few candidates (0.11% of the pairs counted once;
	 * this bound counts a pair once per key it shares) */
	uint64_t *all = malloc(n * CT_SKETCH_BANDS * sizeof *all);
	for (size_t i = 0; i < n; i++)
		memcpy(all + i * CT_SKETCH_BANDS, b[i].keys, sizeof b[i].keys);
	qsort(all, n * CT_SKETCH_BANDS, sizeof *all, u64_less);
	double cand = 0;
	for (size_t i = 0, j; i < n * CT_SKETCH_BANDS; i = j) {
		for (j = i + 1; j < n * CT_SKETCH_BANDS && all[j] == all[i]; j++)
			;
		cand += (double)(j - i) * (double)(j - i - 1) / 2;
	}
	free(all);
	double pairs = (double)n * (double)(n - 1) / 2;
	CHECK(cand / pairs < 0.01, "LSH candidates: at most %.3f%% of the pairs", 100 * cand / pairs);

	/* synthetic copies of the long bodies: trimmed to half, under a new
	 * top (another body's first paragraph) */
	size_t made = 0, half = 0, top = 0;
	for (size_t i = 0; i < n; i++) {
		if (b[i].len < 1500)
			continue;
		made++;
		size_t cut = b[i].len / 2;
		while (cut < b[i].len && b[i].text[cut] != ' ')
			cut++;
		fnc_body c;
		ct_sketch_make(&c.sk, b[i].text, cut);
		ct_sketch_bands(&c.sk, c.keys);
		half += linked(&b[i], &c);
		const fnc_body *o = &b[(i + 7) % n];
		const char *para = strchr(o->text, '\n');
		size_t plen = para ? (size_t)(para - o->text) : o->len;
		size_t keep = b[i].len * 7 / 10;
		char *t = malloc(plen + 1 + keep + 1);
		memcpy(t, o->text, plen);
		t[plen] = '\n';
		memcpy(t + plen + 1, b[i].text, keep);
		ct_sketch_make(&c.sk, t, plen + 1 + keep);
		ct_sketch_bands(&c.sk, c.keys);
		top += linked(&b[i], &c);
		free(t);
	}
	CHECK(made > 1000 && half >= made * 99 / 100, "trimmed to half: %zu of %zu found", half, made);
	CHECK(top >= made * 99 / 100, "under a new top: %zu of %zu found", top, made);
	printf("reprints on FNC-1: %zu bodies; LSH candidates <= %.3f%% of pairs; trimmed to half %zu of %zu, new top %zu\n",
	       n, 100 * cand / pairs, half, made, top);
	for (size_t i = 0; i < n; i++) {
		free(b[i].id);
		free(b[i].text);
	}
	free(b);
}

void test_sketch(void)
{
	test_shingles();
	test_decision();
	test_binary();
	test_passages();
	test_fnc();
}
