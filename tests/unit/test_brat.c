/*
 * The brat reader and writer: PolNeAR's line shapes (discontinuous spans,
 * Content2, no-source attributions, forward references, covered text over
 * several lines), malformed lines named by line, garbage that must not
 * crash, and write → read round trips. The .ann texts are written here.
 */
#include <stdlib.h>

#include "../../src/eval/brat.h"
#include "test.h"

static ct_brat_doc *parse(const char *ann, int want_rc, char *err, size_t errsize)
{
	ct_brat_doc *d = NULL;
	int rc = ct_brat_parse(&d, ann, strlen(ann), "t.ann", err, errsize);
	CHECK_INT(rc, want_rc);
	CHECK(rc ? d == NULL : d != NULL, "doc %p with rc %d", (void *)d, rc);
	return d;
}

static int span_is(ct_brat_span s, const uint32_t *v, size_t nv)
{
	if (s.n * 2 != nv)
		return 0;
	for (size_t i = 0; i < s.n; i++)
		if (s.r[i].start != v[2 * i] || s.r[i].end != v[2 * i + 1])
			return 0;
	return 1;
}
#define SPAN_IS(s, ...)                                                                            \
	do {                                                                                       \
		static const uint32_t want_[] = {__VA_ARGS__};                                     \
		CHECK(span_is((s), want_, sizeof want_ / sizeof *want_), "span of %zu ranges differs", (s).n); \
	} while (0)

static void test_parse(void)
{
	char err[256];
	const char *ann =
		"T1\tSource 0 11\tMayor Smith\n"
		"T2\tCue 12 16\tsaid\n"
		"T3\tContent 17 38\tthe bridge would open\n"
		"T4\tAttribution 12 16\tsaid\n"
		"E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
		"T5\tCue 44 49;50 54\tadded that\n"
		"T6\tContent 55 67\t\"it is safe\"\n"
		"T7\tContent 68 75\tfor all\n"
		/* a forward reference (T8), a shared source, a second content part */
		"E2\tAttribution:T8 Source:T1 Cue:T5 Content2:T7 Content:T6\n"
		"T8\tAttribution 44 49\tadded\n"
		"T9\tCue 88 94\tclaims\n"
		"T10\tContent 95 102;120 125\tdelays. later\n"
		"T11\tAttribution-no-source 88 94\tclaims\n"
		"E3\tAttribution-no-source:T11 Cue:T9 Content:T10\n"
		"#1\tAnnotatorNotes T3\ta note\n"
		"\n"
		"T12\tDiscard 0 3\tMay\r\n"
		/* covered text holding newlines: 18 characters over three lines */
		"T13\tDiscuss 130 148\tline one\n"
		"\n"
		"line two\n"
		"T14\tAttribution 200 204\tsays\n"
		"E4\tAttribution:T14\n";
	ct_brat_doc *d = parse(ann, 0, err, sizeof err);
	if (!d) {
		printf("FAIL parse: %s\n", err);
		return;
	}
	CHECK_INT(d->ntb, 14);
	CHECK_INT(d->natt, 4);
	CHECK_INT(d->tbs[4].type, CT_BRAT_CUE);
	SPAN_IS(d->tbs[4].span, 44, 49, 50, 54);
	CHECK_INT(d->tbs[10].type, CT_BRAT_ANCHOR_NOSRC);
	CHECK_INT(d->tbs[11].type, CT_BRAT_DISCARD);
	CHECK_INT(d->tbs[12].type, CT_BRAT_DISCUSS);
	CHECK_INT(d->tbs[13].line, 21);
	CHECK_STR(ct_brat_type_name(d->tbs[10].type), "Attribution-no-source");

	const ct_brat_att *a = d->atts;
	SPAN_IS(a[0].source, 0, 11);
	SPAN_IS(a[0].cue, 12, 16);
	SPAN_IS(a[0].content, 17, 38);
	CHECK_INT(a[0].flags, 0);
	CHECK_INT(a[0].line, 5);

	SPAN_IS(a[1].source, 0, 11);
	SPAN_IS(a[1].cue, 44, 49, 50, 54);
	SPAN_IS(a[1].content, 55, 67, 68, 75); /* Content before Content2 */
	CHECK_INT(a[1].flags, CT_BRAT_CONTENT2);

	CHECK_INT(a[2].source.n, 0);
	SPAN_IS(a[2].content, 95, 102, 120, 125);
	CHECK_INT(a[2].flags, CT_BRAT_NO_SOURCE);

	/* No Cue named: the anchor stands for it. */
	SPAN_IS(a[3].cue, 200, 204);
	CHECK_INT(a[3].content.n, 0);
	CHECK_INT(a[3].flags, CT_BRAT_CUE_ANCHOR);
	ct_brat_doc_free(d);

	/* Covered text shorter than its span (hand-edited files) must not
	 * swallow the next annotation as a continuation. */
	d = parse("T1\tSource 0 10\tabc\nT2\tCue 11 15\tsaid\n", 0, err, sizeof err);
	CHECK(d && d->ntb == 2, "short covered text");
	ct_brat_doc_free(d);

	/* An empty file is an empty annotation, not an error. */
	d = parse("", 0, err, sizeof err);
	CHECK(d && d->ntb == 0 && d->natt == 0, "empty file");
	ct_brat_doc_free(d);
}

static void test_malformed(void)
{
	static const struct {
		const char *ann, *want; /* want: the message after "t.ann:" */
	} cases[] = {
		{"T1\tSource 5 3\tx\n", "1: empty or reversed range 5 3"},
		{"T1\tSource 3 3\tx\n", "1: empty or reversed range 3 3"},
		{"T1\tSource 0 x\tx\n", "1: bad offsets"},
		{"T1\tSource 0 3;\tabc\n", "1: bad offsets"},
		{"T1\tSource 0 99999999999\tx\n", "1: bad offsets"},
		{"T1\tSource 0 3 4\tx\n", "1: unexpected ' ' after the offsets"},
		{"T1\tSpeaker 0 3\tabc\n", "1: unknown span type 'Speaker'"},
		{"T1\tSource\n", "1: no offsets after the type"},
		{"T1\tSource 0 3\tabc\nT1\tCue 0 3\tabc\n", "2: T1 defined twice"},
		{"T1\tSource 0 3\tabc\nE1\tAttribution:T9 Source:T1\n", "2: T9 is not defined"},
		{"T1\tSource 0 3\tabc\nE1\tAttribution:T1 Source:T7\n", "2: T7 is not defined"},
		{"T1\tSource 0 3\tabc\nE1\tAttribution:T1 Speaker:T1\n", "2: unknown role 'Speaker'"},
		{"T1\tSource 0 3\tabc\nE1\tClaim:T1\n", "2: unknown event type 'Claim'"},
		{"T1\tSource 0 3\tabc\nE1\tAttribution:T1 Source\n", "2: bad argument"},
		{"E1\t\n", "1: expected 'Attribution:T…'"},
		{"T1 Source 0 3 abc\n", "1: not a brat annotation line"},
		{"\n\nhello world\n", "3: not a brat annotation line: 'hello world'"},
		{"T\tSource 0 3\tabc\n", "1: not a brat annotation line"},
		{"T1\tSource 0 3\tab\0c\n", "1: NUL byte"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char err[256] = "";
		ct_brat_doc *d = NULL;
		size_t len = strlen(cases[i].ann);
		if (i == sizeof cases / sizeof *cases - 1)
			len = 19; /* holds the NUL */
		int rc = ct_brat_parse(&d, cases[i].ann, len, "t.ann", err, sizeof err);
		CHECK(rc == CT_EFORMAT && !d, "case %zu: rc %d", i, rc);
		CHECK(!strncmp(err, "t.ann:", 6) && !strncmp(err + 6, cases[i].want, strlen(cases[i].want)),
		      "case %zu: '%s'", i, err);
		ct_brat_doc_free(d);
	}
	/* A missing file is CT_EIO, named. */
	char err[256];
	ct_brat_doc *d;
	CHECK_INT(ct_brat_read(&d, "/nonexistent/x.ann", err, sizeof err), CT_EIO);
	CHECK(strstr(err, "/nonexistent/x.ann") != NULL, "%s", err);
}

/* Random lines built from brat's own pieces: errors are fine, crashes and
 * leaks are not (the sanitizers watch). */
static void test_garbage(void)
{
	static const char *const pieces[] = {"T", "E", "1", "12", "\t", " ", ";", ":", "\n", "Source", "Cue",
					     "Content", "Content2", "Attribution", "Attribution-no-source", "T1",
					     "0 5", "4294967295", "-", "#", "\r", "é"};
	unsigned seed = 12345;
	size_t ok = 0;
	for (int round = 0; round < 3000; round++) {
		char buf[512];
		size_t n = 0;
		int npieces = 1 + round % 40;
		for (int k = 0; k < npieces; k++) {
			seed = seed * 1103515245u + 12345u;
			const char *p = pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)];
			size_t pl = strlen(p);
			if (n + pl >= sizeof buf)
				break;
			memcpy(buf + n, p, pl);
			n += pl;
		}
		char err[128];
		ct_brat_doc *d = NULL;
		int rc = ct_brat_parse(&d, buf, n, "g.ann", err, sizeof err);
		ok += rc == 0 || (rc == CT_EFORMAT && !strncmp(err, "g.ann:", 6));
		ct_brat_doc_free(d);
	}
	CHECK_INT(ok, 3000);
}

/* Character offset of the first `needle` in `text`. */
static uint32_t ch(const char *text, const char *needle)
{
	const char *p = strstr(text, needle);
	uint32_t c = 0;
	for (const char *q = text; q < p; q++)
		c += ((unsigned char)*q & 0xC0) != 0x80;
	return c;
}

static ct_brat_range rng(const char *text, const char *needle)
{
	uint32_t s = ch(text, needle), n = 0;
	for (const char *q = needle; *q; q++)
		n += ((unsigned char)*q & 0xC0) != 0x80;
	return (ct_brat_range){s, s + n};
}

static void test_write(void)
{
	const char *text = "«Nous gagnerons», a déclaré Élodie Durand.\n"
			   "La maire ajoute que le pont\nouvrira bientôt. Élodie Durand insiste.";
	ct_brat_range src1[] = {rng(text, "Élodie Durand")};
	ct_brat_range cue1[] = {rng(text, "a déclaré")};
	ct_brat_range con1[] = {rng(text, "Nous gagnerons")};
	ct_brat_range src2[] = {rng(text, "La maire")};
	ct_brat_range cue2[] = {rng(text, "ajoute")};
	ct_brat_range con2[] = {rng(text, "que le pont\nouvrira"), rng(text, "bientôt")};
	ct_brat_range cue3[] = {rng(text, "insiste")};
	ct_brat_out atts[] = {
		{src1, 1, cue1, 1, con1, 1},
		{src2, 1, cue2, 1, con2, 2},
		{NULL, 0, cue3, 1, NULL, 0},
		{src1, 1, cue3, 1, NULL, 0}, /* the same source again: referred to, not repeated */
	};
	ct_buf b = {0};
	char err[256];
	int rc = ct_brat_write(&b, atts, 4, text, strlen(text), err, sizeof err);
	CHECK_INT(rc, 0);
	if (rc)
		return;
	CHECK(strstr(b.data, "T1\tSource 28 41\tÉlodie Durand\n") != NULL, "%s", b.data);
	CHECK(strstr(b.data, "T2\tCue 18 27\ta déclaré\n") != NULL, "%s", b.data);
	CHECK(strstr(b.data, "T4\tAttribution 18 27\ta déclaré\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n") != NULL,
	      "%s", b.data);
	/* Newlines become spaces; parts are joined by one space. */
	CHECK(strstr(b.data, "\tque le pont ouvrira bientôt\n") != NULL, "%s", b.data);
	CHECK(strstr(b.data, "Attribution-no-source:T") != NULL, "%s", b.data);
	size_t nsrc = 0;
	for (const char *q = b.data; (q = strstr(q, "\tSource ")); q++)
		nsrc++;
	CHECK(nsrc == 2 && strstr(b.data, "E4\tAttribution:T12 Cue:T11 Source:T1\n"), "%s", b.data);

	ct_brat_doc *d = NULL;
	rc = ct_brat_parse(&d, b.data, b.len, "w.ann", err, sizeof err);
	CHECK(rc == 0, "%s", err);
	if (d) {
		CHECK_INT(d->natt, 4);
		for (size_t i = 0; i < d->natt && i < 4; i++) {
			const ct_brat_att *a = &d->atts[i];
			CHECK(a->source.n == atts[i].nsource && a->cue.n == atts[i].ncue && a->content.n == atts[i].ncontent,
			      "attribution %zu: part counts", i);
			CHECK(!a->source.n || !memcmp(a->source.r, atts[i].source, a->source.n * sizeof *a->source.r),
			      "attribution %zu: source", i);
			CHECK(!memcmp(a->cue.r, atts[i].cue, a->cue.n * sizeof *a->cue.r), "attribution %zu: cue", i);
			CHECK(!a->content.n || !memcmp(a->content.r, atts[i].content, a->content.n * sizeof *a->content.r),
			      "attribution %zu: content", i);
			CHECK_INT(a->flags, atts[i].nsource ? 0 : CT_BRAT_NO_SOURCE);
		}
		ct_brat_doc_free(d);
	}

	/* Bad input: nothing appended, the problem named. */
	size_t before = b.len;
	ct_brat_range past[] = {{10, 500}};
	ct_brat_out bad1 = {NULL, 0, past, 1, NULL, 0};
	CHECK_INT(ct_brat_write(&b, &bad1, 1, text, strlen(text), err, sizeof err), CT_EARG);
	CHECK(strstr(err, "cue range 10 500") != NULL, "%s", err);
	ct_brat_out bad2 = {src1, 1, NULL, 0, con1, 1};
	CHECK_INT(ct_brat_write(&b, &bad2, 1, text, strlen(text), err, sizeof err), CT_EARG);
	CHECK(strstr(err, "no cue") != NULL, "%s", err);
	CHECK_INT(b.len, before);
	ct_buf_free(&b);

	/* An invalid byte is one character, as the scorer counts it. */
	const char *odd = "a\xff" "b said x";
	ct_brat_range cue4[] = {{4, 8}};
	ct_brat_out one = {NULL, 0, cue4, 1, NULL, 0};
	CHECK_INT(ct_brat_write(&b, &one, 1, odd, strlen(odd), err, sizeof err), 0);
	CHECK(b.data && strstr(b.data, "T1\tCue 4 8\tsaid\n"), "%s", b.data ? b.data : "");
	ct_buf_free(&b);
}

void test_brat(void)
{
	test_parse();
	test_malformed();
	test_garbage();
	test_write();
}
