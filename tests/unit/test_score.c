/*
 * The attribution scorer: tokens (punctuation, non-ASCII, marks), span
 * token sets, exact against overlap matching, greedy one-to-one in document
 * order, the attribution-level rules, P/R/F1 computed by hand on a tiny
 * article; then PolNeAR (skipped when ../shared/corpus is absent): gold
 * against itself scores 100, and one annotator against another gives the
 * agreement printed here and in docs/eval.md.
 */
#include <dirent.h>
#include <math.h>
#include <stdlib.h>

#include "../../src/core/util.h"
#include "../../src/eval/score.h"
#include "test.h"

static void test_tokens(void)
{
	/* "naïve" with a combining diaeresis; a no-break space; a soft hyphen. */
	const char *s = "Hello, world! C'est l’été_2 (ok) $5 — nai\xcc\x88ve 北京 👍 a\xc2\xa0" "b c\xc2\xad" "d";
	ct_score_text t;
	ct_score_text_init(&t, s, strlen(s));
	static const struct {
		uint32_t start, end;
		int punct;
	} want[] = {
		{0, 5, 0},   {5, 6, 1},   {7, 12, 0},  {12, 13, 1}, {14, 15, 0}, {15, 16, 1}, {16, 19, 0},
		{20, 21, 0}, {21, 22, 1}, {22, 27, 0}, {28, 29, 1}, {29, 31, 0}, {31, 32, 1}, {33, 34, 0},
		{34, 35, 0}, {36, 37, 1}, {38, 44, 0}, {45, 47, 0}, {48, 49, 0}, {50, 51, 0}, {52, 53, 0},
		{54, 55, 0}, {56, 57, 0},
	};
	size_t nw = sizeof want / sizeof *want;
	CHECK_INT(t.ntok, nw);
	for (size_t i = 0; i < nw && i < t.ntok; i++)
		CHECK(t.toks[i].start == want[i].start && t.toks[i].end == want[i].end && t.toks[i].punct == want[i].punct,
		      "token %zu: %u-%u punct %d", i, t.toks[i].start, t.toks[i].end, t.toks[i].punct);
	CHECK_INT(t.nchars, 57);

	/* A span is the tokens it touches, punctuation left out. */
	ct_score_set set;
	ct_brat_range r1[] = {{2, 6}}; /* "llo," */
	ct_score_span(&set, &t, r1, 1);
	CHECK(set.n == 1 && set.v[0] == 0, "'llo,' → %zu tokens", set.n);
	free(set.v);
	ct_brat_range r2[] = {{5, 6}}; /* "," alone keeps its punctuation */
	ct_score_span(&set, &t, r2, 1);
	CHECK(set.n == 1 && set.v[0] == 1, "',' → %zu tokens", set.n);
	free(set.v);
	ct_brat_range r3[] = {{13, 14}}; /* a space: no tokens */
	ct_score_span(&set, &t, r3, 1);
	CHECK_INT(set.n, 0);
	free(set.v);
	ct_brat_range r4[] = {{33, 35}, {0, 12}, {7, 9}}; /* out of order, overlapping */
	ct_score_span(&set, &t, r4, 3);
	CHECK(set.n == 4 && set.v[0] == 0 && set.v[1] == 2 && set.v[2] == 13 && set.v[3] == 14, "%zu tokens", set.n);
	free(set.v);
	ct_score_text_free(&t);

	/* Jaccard at the boundary. */
	uint32_t a[] = {1, 2, 3}, b[] = {2, 3, 4}, c[] = {1, 2, 3, 4}, d[] = {3, 4, 5, 6};
	ct_score_set A = {a, 3}, B = {b, 3}, C = {c, 4}, D = {d, 4}, E = {NULL, 0};
	CHECK(ct_score_overlaps(&A, &B), "2/4 is an overlap");
	CHECK(!ct_score_overlaps(&C, &D), "2/6 is not");
	CHECK(ct_score_overlaps(&E, &E), "two empty sets agree");
	CHECK(!ct_score_overlaps(&A, &E), "empty against non-empty");
	CHECK_INT(ct_score_common(&C, &D), 2);
}

static ct_brat_doc *ann(const char *s)
{
	ct_brat_doc *d = NULL;
	char err[256];
	int rc = ct_brat_parse(&d, s, strlen(s), "t.ann", err, sizeof err);
	CHECK(rc == 0, "%s", err);
	return d;
}

static int score(ct_eval_result *res, const char *text, const char *gold, const char *pred)
{
	ct_score_text t;
	ct_score_text_init(&t, text, strlen(text));
	ct_brat_doc *g = ann(gold), *p = ann(pred);
	char err[256] = "";
	int rc = g && p ? ct_score_article(res, &t, g, "g.ann", p, "p.ann", err, sizeof err) : -100;
	ct_brat_doc_free(g);
	ct_brat_doc_free(p);
	ct_score_text_free(&t);
	return rc;
}

#define CHECK_COUNT(c, g, p, m)                                                                    \
	CHECK((c).gold == (g) && (c).pred == (p) && (c).match == (m), "gold %zu pred %zu match %zu", (c).gold, \
	      (c).pred, (c).match)

static void test_article(void)
{
	/* offsets: Smith 0-5, said 6-10, taxes will rise 11-26, Jones 28-33,
	 * told 34-38, told reporters 34-48, that the plan failed 49-69, the
	 * plan failed 54-69, The mayor 71-80, mayor 75-80, denied 81-87, it 88-90 */
	const char *text = "Smith said taxes will rise. Jones told reporters that the plan failed. The mayor denied it.";
	const char *gold = "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 26\ttaxes will rise\n"
			   "T4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
			   "T5\tSource 28 33\tJones\nT6\tCue 34 38\ttold\nT7\tContent 49 69\tthat the plan failed\n"
			   "T8\tAttribution 34 38\ttold\nE2\tAttribution:T8 Source:T5 Cue:T6 Content:T7\n"
			   "T9\tSource 71 80\tThe mayor\nT10\tCue 81 87\tdenied\nT11\tContent 88 90\tit\n"
			   "T12\tAttribution 81 87\tdenied\nE3\tAttribution:T12 Source:T9 Cue:T10 Content:T11\n";
	const char *pred =
		/* P1: all exact (the period is punctuation) */
		"T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 27\ttaxes will rise.\n"
		"T4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
		/* P2: source 1/2, cue 1/2, content 3/4 — overlaps, not exact */
		"T5\tSource 28 38\tJones told\nT6\tCue 34 48\ttold reporters\nT7\tContent 54 69\tthe plan failed\n"
		"T8\tAttribution 34 48\ttold reporters\nE2\tAttribution:T8 Source:T5 Cue:T6 Content:T7\n"
		/* P3: source 1/2, cue exact, content 1/4: the attribution fails */
		"T9\tSource 75 80\tmayor\nT10\tCue 81 87\tdenied\nT11\tContent 71 90\tThe mayor denied it\n"
		"T12\tAttribution 81 87\tdenied\nE3\tAttribution:T12 Source:T9 Cue:T10 Content:T11\n"
		/* P4: no source, nothing right */
		"T13\tCue 22 26\trise\nT14\tContent 0 16\tSmith said taxes\n"
		"T15\tAttribution-no-source 22 26\trise\nE4\tAttribution-no-source:T15 Cue:T13 Content:T14\n";
	ct_eval_result res = {0};
	CHECK_INT(score(&res, text, gold, pred), 0);
	CHECK_INT(res.articles, 1);
	CHECK_COUNT(res.exact[CT_ROLE_SOURCE], 3, 3, 1);
	CHECK_COUNT(res.overlap[CT_ROLE_SOURCE], 3, 3, 3);
	CHECK_COUNT(res.exact[CT_ROLE_CUE], 3, 4, 2);
	CHECK_COUNT(res.overlap[CT_ROLE_CUE], 3, 4, 3);
	CHECK_COUNT(res.exact[CT_ROLE_CONTENT], 3, 4, 1);
	CHECK_COUNT(res.overlap[CT_ROLE_CONTENT], 3, 4, 2);
	CHECK_COUNT(res.attribution, 3, 4, 2);
	/* By hand: P = 2/4, R = 2/3, F1 = 2·(1/2)(2/3)/(1/2 + 2/3) = 4/7. */
	double p, r, f;
	ct_eval_prf(&res.attribution, &p, &r, &f);
	CHECK(fabs(p - 0.5) < 1e-12 && fabs(r - 2.0 / 3) < 1e-12 && fabs(f - 4.0 / 7) < 1e-12, "%g %g %g", p, r, f);
	ct_eval_prf(&res.exact[CT_ROLE_SOURCE], &p, &r, &f);
	CHECK(fabs(f - 1.0 / 3) < 1e-12, "source exact F1 %g", f);
	ct_eval_count zero = {0};
	ct_eval_prf(&zero, &p, &r, &f);
	CHECK(p == 0 && r == 0 && f == 0, "empty counts");

	/* Gold against itself: everything matches. */
	ct_eval_result self = {0};
	CHECK_INT(score(&self, text, gold, gold), 0);
	CHECK_COUNT(self.exact[CT_ROLE_CONTENT], 3, 3, 3);
	CHECK_COUNT(self.attribution, 3, 3, 3);

	/* Greedy and one-to-one, in document order: "taxes will" comes first
	 * and claims the one gold span by overlap (2/3), so "taxes will rise",
	 * though exact, finds it taken; exact matching is its own pass. */
	ct_eval_result g1 = {0};
	CHECK_INT(score(&g1, text, "T1\tContent 11 26\ttaxes will rise\n",
			"T1\tContent 17 26\twill rise\nT2\tContent 11 21\ttaxes will\nT3\tContent 11 26\ttaxes will rise\n"),
		  0);
	CHECK_COUNT(g1.overlap[CT_ROLE_CONTENT], 1, 3, 1);
	CHECK_COUNT(g1.exact[CT_ROLE_CONTENT], 1, 3, 1);
	/* A span written twice, or with different punctuation, is one span. */
	ct_eval_result g2 = {0};
	CHECK_INT(score(&g2, text, "T1\tSource 0 5\tSmith\nT2\tSource 0 5\tSmith\n", "T1\tSource 0 6\tSmith \n"), 0);
	CHECK_COUNT(g2.exact[CT_ROLE_SOURCE], 1, 1, 1);
	/* Among qualifying gold spans the best fit wins, not the first:
	 * "Smith said taxes will" fits gold "said taxes will" (3/4) better
	 * than the earlier gold "Smith said" (2/4), and so leaves "Smith said"
	 * for the later prediction "said" (1/2). Taking the first would match
	 * one pair, not two. */
	ct_eval_result g3 = {0};
	CHECK_INT(score(&g3, text, "T1\tContent 0 10\tSmith said\nT2\tContent 6 21\tsaid taxes will\n",
			"T1\tContent 0 21\tSmith said taxes will\nT2\tContent 6 10\tsaid\n"),
		  0);
	CHECK_COUNT(g3.overlap[CT_ROLE_CONTENT], 2, 2, 2);

	/* Attribution rules. */
	const char *nosrc = "T1\tCue 6 10\tsaid\nT2\tContent 11 26\ttaxes will rise\n"
			    "T3\tAttribution-no-source 6 10\tsaid\nE1\tAttribution-no-source:T3 Cue:T1 Content:T2\n";
	const char *withsrc = "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 26\ttaxes will rise\n"
			      "T4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n";
	ct_eval_result a1 = {0}, a2 = {0}, a3 = {0}, a4 = {0};
	CHECK_INT(score(&a1, text, nosrc, nosrc), 0);
	CHECK_COUNT(a1.attribution, 1, 1, 1); /* two missing sources agree */
	CHECK_INT(score(&a2, text, nosrc, withsrc), 0);
	CHECK_COUNT(a2.attribution, 1, 1, 0); /* a source against none does not */
	/* The cue needs one shared token only: "said taxes" against "said". */
	CHECK_INT(score(&a3, text, withsrc,
			"T1\tSource 0 5\tSmith\nT2\tCue 6 16\tsaid taxes\nT3\tContent 17 26\twill rise\n"
			"T4\tAttribution 6 16\tsaid taxes\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"),
		  0);
	CHECK_COUNT(a3.attribution, 1, 1, 1);
	/* A cue with no shared token fails even with all else exact. */
	CHECK_INT(score(&a4, text, withsrc,
			"T1\tSource 0 5\tSmith\nT2\tCue 28 33\tJones\nT3\tContent 11 26\ttaxes will rise\n"
			"T4\tAttribution 28 33\tJones\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"),
		  0);
	CHECK_COUNT(a4.attribution, 1, 1, 0);

	/* A span past the end of the text is an error naming file and line. */
	ct_score_text t;
	ct_score_text_init(&t, text, strlen(text));
	ct_brat_doc *g = ann("T1\tSource 0 5\tSmith\n"), *bad = ann("\nT7\tCue 80 200\tx\n");
	char err[256] = "";
	ct_eval_result untouched = {0};
	CHECK_INT(ct_score_article(&untouched, &t, g, "g.ann", bad, "p.ann", err, sizeof err), CT_EFORMAT);
	CHECK(strstr(err, "p.ann:2: T7 ends at 200") != NULL, "%s", err);
	CHECK_INT(untouched.articles, 0);
	ct_brat_doc_free(g);
	ct_brat_doc_free(bad);
	ct_score_text_free(&t);
}

/* Many attributions in one article: matching goes through a token index,
 * so 20,000 against 20,000 is quick (a pairwise scan would make 4·10^8
 * comparisons per pass). Each prediction drops the last content word. */
static void test_many(void)
{
	enum { N = 20000 };
	ct_buf text = {0}, gold = {0}, pred = {0};
	for (unsigned i = 0; i < N; i++) {
		uint32_t at = (uint32_t)text.len; /* ASCII: bytes are characters */
		ct_buf_printf(&text, "S%05u said a%05u b%05u c%05u. ", i, i, i, i);
		/* S 0-6, said 7-11, a 12-18, b 19-25, c 26-32 */
		ct_buf_printf(&gold, "T%u\tSource %u %u\tx\nT%u\tCue %u %u\tx\nT%u\tContent %u %u\tx\n"
			      "T%u\tAttribution %u %u\tx\nE%u\tAttribution:T%u Source:T%u Cue:T%u Content:T%u\n",
			      4 * i + 1, at, at + 6, 4 * i + 2, at + 7, at + 11, 4 * i + 3, at + 12, at + 32, 4 * i + 4,
			      at + 7, at + 11, i + 1, 4 * i + 4, 4 * i + 1, 4 * i + 2, 4 * i + 3);
		ct_buf_printf(&pred, "T%u\tSource %u %u\tx\nT%u\tCue %u %u\tx\nT%u\tContent %u %u\tx\n"
			      "T%u\tAttribution %u %u\tx\nE%u\tAttribution:T%u Source:T%u Cue:T%u Content:T%u\n",
			      4 * i + 1, at, at + 6, 4 * i + 2, at + 7, at + 11, 4 * i + 3, at + 12, at + 25, 4 * i + 4,
			      at + 7, at + 11, i + 1, 4 * i + 4, 4 * i + 1, 4 * i + 2, 4 * i + 3);
	}
	ct_eval_result res = {0};
	CHECK_INT(score(&res, text.data, gold.data, pred.data), 0);
	CHECK_COUNT(res.exact[CT_ROLE_SOURCE], N, N, N);
	CHECK_COUNT(res.exact[CT_ROLE_CONTENT], N, N, 0);
	CHECK_COUNT(res.overlap[CT_ROLE_CONTENT], N, N, N);
	CHECK_COUNT(res.attribution, N, N, N);
	ct_buf_free(&text);
	ct_buf_free(&gold);
	ct_buf_free(&pred);
}

static void print_result(const char *what, const char *unit, const ct_eval_result *res)
{
	double f[2][CT_NROLES], af;
	for (int r = 0; r < CT_NROLES; r++) {
		ct_eval_prf(&res->exact[r], NULL, NULL, &f[0][r]);
		ct_eval_prf(&res->overlap[r], NULL, NULL, &f[1][r]);
	}
	ct_eval_prf(&res->attribution, NULL, NULL, &af);
	printf("%s (%zu %s): attribution F1 %.1f; F1 source/cue/content exact %.1f/%.1f/%.1f, overlap "
	       "%.1f/%.1f/%.1f\n",
	       what, res->articles, unit, 100 * af, 100 * f[0][0], 100 * f[0][1], 100 * f[0][2], 100 * f[1][0], 100 * f[1][1],
	       100 * f[1][2]);
}

/* Annotator agreement on a split's articles with several annotators: the
 * first annotator (by name) as gold against the second, and against every
 * other annotator pooled. Returns the number of such articles. */
static size_t agreement(const char *split, ct_eval_result *second, ct_eval_result *all)
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/polnear/%s/attributions", t_corpus, split);
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.') {
			names = realloc(names, (n + 1) * sizeof *names);
			names[n++] = strdup(e->d_name);
		}
	closedir(d);
	for (size_t i = 0; i < n; i++) /* sort by name: insertion, n is small */
		for (size_t k = i; k > 0 && strcmp(names[k - 1], names[k]) > 0; k--) {
			char *tmp = names[k];
			names[k] = names[k - 1];
			names[k - 1] = tmp;
		}
	size_t articles = 0;
	for (size_t i = 0; i < n;) {
		size_t stem = strrchr(names[i], '_') - names[i], k = i + 1;
		while (k < n && !strncmp(names[k], names[i], stem + 1) && !strchr(names[k] + stem + 1, '_'))
			k++;
		if (k - i > 1) {
			articles++;
			char txt[1200], gold[1200], pred[1200];
			snprintf(txt, sizeof txt, "%s/polnear/%s/text/%.*s.txt", t_corpus, split, (int)stem, names[i]);
			snprintf(gold, sizeof gold, "%s/%s", dir, names[i]);
			for (size_t j = i + 1; j < k; j++) {
				snprintf(pred, sizeof pred, "%s/%s", dir, names[j]);
				ct_eval *ev = ct_eval_new();
				int rc = ct_eval_add_files(ev, txt, gold, pred);
				CHECK(rc == 0, "%s", ct_eval_error(ev));
				const ct_eval_result *r = ct_eval_get(ev);
				ct_eval_result *dst[2] = {j == i + 1 ? second : NULL, all};
				for (int x = 0; x < 2; x++) {
					if (!dst[x])
						continue;
					for (int role = 0; role < CT_NROLES; role++)
						for (int m = 0; m < 2; m++) {
							const ct_eval_count *s = m ? &r->overlap[role] : &r->exact[role];
							ct_eval_count *t = m ? &dst[x]->overlap[role] : &dst[x]->exact[role];
							t->gold += s->gold, t->pred += s->pred, t->match += s->match;
						}
					dst[x]->attribution.gold += r->attribution.gold;
					dst[x]->attribution.pred += r->attribution.pred;
					dst[x]->attribution.match += r->attribution.match;
					dst[x]->articles += r->articles;
				}
				ct_eval_free(ev);
			}
		}
		i = k;
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return articles;
}

static void test_polnear(void)
{
	char dev[1024];
	snprintf(dev, sizeof dev, "%s/polnear/dev", t_corpus ? t_corpus : "");
	DIR *d = t_corpus ? opendir(dev) : NULL;
	if (!d) {
		printf("skip: PolNeAR scoring (no ../shared/corpus/polnear/dev)\n");
		return;
	}
	closedir(d);
	/* Gold against itself: 100 everywhere. */
	ct_eval *ev = ct_eval_new();
	int rc = ct_eval_dirs(ev, dev, dev);
	CHECK(rc == 0, "%s", ct_eval_error(ev));
	const ct_eval_result *res = ct_eval_get(ev);
	CHECK(res->articles == 84 && res->skipped == 0, "%zu articles, %zu skipped", res->articles, res->skipped);
	CHECK_INT(ct_eval_nwarnings(ev), 0);
	for (int r = 0; r < CT_NROLES; r++) {
		CHECK(res->exact[r].gold > 1000 && res->exact[r].match == res->exact[r].gold &&
			      res->exact[r].pred == res->exact[r].gold,
		      "%s exact", ct_role_name((ct_role)r));
		CHECK(res->overlap[r].match == res->overlap[r].gold && res->overlap[r].pred == res->overlap[r].gold,
		      "%s overlap", ct_role_name((ct_role)r));
	}
	CHECK(res->attribution.gold > 1000 && res->attribution.match == res->attribution.gold &&
		      res->attribution.pred == res->attribution.gold,
	      "attribution");
	print_result("PolNeAR dev, gold against itself", "articles", res);
	ct_eval_free(ev);

	/* One annotator against another: plausible, not perfect. */
	for (int s = 0; s < 2; s++) {
		const char *split = s ? "train" : "dev";
		ct_eval_result second = {0}, all = {0};
		size_t n = agreement(split, &second, &all);
		if (!n) {
			printf("skip: PolNeAR %s agreement (no article with several annotators)\n", split);
			continue;
		}
		double f;
		ct_eval_prf(&all.attribution, NULL, NULL, &f);
		CHECK(f > 0.4 && f < 1.0, "%s agreement F1 %.3f", split, f);
		char what[128];
		snprintf(what, sizeof what, "PolNeAR %s agreement, first annotator vs second", split);
		print_result(what, "articles", &second);
		snprintf(what, sizeof what, "PolNeAR %s agreement, first vs each other annotator of %zu articles", split, n);
		print_result(what, "pairs", &all);
	}
}

void test_score(void)
{
	test_tokens();
	test_article();
	test_many();
	test_polnear();
}
