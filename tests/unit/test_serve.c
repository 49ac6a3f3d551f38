/*
 * test_serve.c — the web server's escapers (src/serve/buf.c), each fed
 * the payloads that would break its context, and the archive's reads for
 * the web app (src/store/web.c).
 */
#include <stdlib.h>
#include <unistd.h>

#include "test.h"
#include "../../src/serve/buf.h"

static char *html(const char *s)
{
	srv_buf b = {0};
	srv_html_str(&b, s);
	srv_put(&b, "", 0);
	return b.data;
}

static char *json(const char *s)
{
	srv_buf b = {0};
	srv_json_str(&b, s);
	return b.data;
}

static char *json_raw(const char *s)
{
	srv_buf b = {0};
	srv_json_raw(&b, s, strlen(s));
	srv_put(&b, "", 0);
	return b.data;
}

static char *csv(const char *s)
{
	srv_buf b = {0};
	srv_csv(&b, s);
	srv_put(&b, "", 0);
	return b.data;
}

static char *urlenc(const char *s)
{
	srv_buf b = {0};
	srv_urlenc(&b, s);
	srv_put(&b, "", 0);
	return b.data;
}

#define CHECK_ESC(fn, in, want)                  \
	do {                                     \
		char *got_ = fn(in);             \
		CHECK_STR(got_, want);           \
		free(got_);                      \
	} while (0)

static void test_escapers(void)
{
	CHECK_ESC(html, "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
	CHECK_ESC(html, "\" onmouseover='x' a=\"", "&quot; onmouseover=&#39;x&#39; a=&quot;");
	CHECK_ESC(html, "</style><b>&amp;", "&lt;/style&gt;&lt;b&gt;&amp;amp;");
	CHECK_ESC(html, "caf\xc3\xa9 \xe2\x80\x94 ok", "caf\xc3\xa9 \xe2\x80\x94 ok");
	/* invalid UTF-8 (an overlong '<', a lone continuation byte) and
	 * control characters are dropped, never passed on */
	CHECK_ESC(html, "a\xc0\xbc" "b\x80" "c\x01" "d\te", "abcd\te");
	CHECK_ESC(json, "</script><!--", "\"\\u003c\\u002fscript\\u003e\\u003c!--\"");
	CHECK_ESC(json, "a\"b\\c\nd\x01", "\"a\\\"b\\\\c\\nd\\u0001\"");
	CHECK_ESC(json, "x\xe2\x80\xa8y", "\"x\\u2028y\"");
	CHECK_ESC(json, "bad\xff", "\"bad\\ufffd\"");
	CHECK_ESC(json, NULL, "null");
	CHECK_ESC(json_raw, "{\"a\":\"</script>&\",\"b\":[1,2]}", "{\"a\":\"\\u003c/script\\u003e\\u0026\",\"b\":[1,2]}");
	CHECK_ESC(json_raw, "[\"\xe2\x80\xa9\"]", "[\"\\u2029\"]");
	CHECK_ESC(json_raw, "", "");
	CHECK_ESC(csv, "plain", "plain");
	CHECK_ESC(csv, "a,\"b\"\nc", "\"a,\"\"b\"\"\nc\"");
	CHECK_ESC(csv, "=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"");
	CHECK_ESC(csv, "-1+2", "\"'-1+2\"");
	CHECK_ESC(urlenc, "Ines Marlow/../x?y=\"<", "Ines%20Marlow%2F..%2Fx%3Fy%3D%22%3C");
	CHECK_INT(srv_url_linkable("https://example.org/a?b=1"), 1);
	CHECK_INT(srv_url_linkable("HTTP://example.org/"), 1);
	CHECK_INT(srv_url_linkable("javascript:alert(1)"), 0);
	CHECK_INT(srv_url_linkable(" javascript:alert(1)"), 0);
	CHECK_INT(srv_url_linkable("JaVaScRiPt:alert(1)"), 0);
	CHECK_INT(srv_url_linkable("data:text/html,<script>"), 0);
	CHECK_INT(srv_url_linkable("https://a.org/\"onclick=\"x"), 1); /* linkable, and escaped as an attribute */
	CHECK_INT(srv_url_linkable("https://a.org/ x"), 0);
	CHECK_INT(srv_url_linkable(NULL), 0);
}

typedef struct {
	int calls;
	size_t nattrs, nstatements, nentities;
	int text_ok, outlet_ok;
} seen_article;

static int on_article(void *arg, const ct_article_row *a)
{
	seen_article *s = arg;
	s->calls++;
	s->nattrs = a->nattrs;
	s->nstatements = a->nstatements;
	s->nentities = a->nentities;
	s->text_ok = a->text_len > 20 && !strncmp(a->text, "The harbour board", 17);
	s->outlet_ok = t_streq(a->outlet, "Lune <Courier>");
	for (size_t i = 0; i < a->nstatements; i++)
		if (a->statements[i].sent_off + a->statements[i].sent_len > a->text_len)
			s->text_ok = 0;
	return 0;
}

static int count_brief(void *arg, const ct_article_brief *b)
{
	(*(int *)arg)++;
	return 0;
}

static int count_stances(void *arg, const ct_story_stances *r)
{
	*(size_t *)arg += r->asserts + r->denies + r->questions + r->reports == r->statements ? r->statements : 0;
	return 0;
}

typedef struct {
	int groups, said, wrong;
} seen_claims;

static int on_claim(void *arg, const ct_speaker_claim *c)
{
	seen_claims *s = arg;
	s->groups++;
	s->said += (int)c->nsaid;
	/* every statement is theirs, the counts add up, the group has a story */
	for (size_t i = 0; i < c->nsaid; i++)
		s->wrong += !c->said[i].speaker || !strstr(c->said[i].speaker, "Marlow") || !c->said[i].sentence;
	s->wrong += c->asserts + c->denies + c->questions + c->reports != c->nsaid;
	s->wrong += !c->story || !c->story_title || !c->noutlets || !t_streq(c->outlets[0], "Lune <Courier>");
	return 0;
}

static int stop_at_first(void *arg, const ct_speaker_claim *c)
{
	(*(int *)arg)++;
	return 1;
}

static void test_web_reads(void)
{
	char path[512];
	const char *dir = getenv("TMPDIR");
	snprintf(path, sizeof path, "%s/ct-serve-%d.db", dir && *dir ? dir : "/tmp", (int)getpid());
	unlink(path);
	ct_store *s;
	CHECK_INT(ct_store_open(&s, path, CT_STORE_WRITE), 0);
	const char *text = "The harbour board said on Monday that it had closed the north pier. "
			   "\"Nobody was hurt,\" the board's director, Ines Marlow, told reporters.";
	ct_doc *doc = ct_doc_new("lune-1", text, strlen(text));
	ct_doc_set_meta(doc, CT_META_OUTLET, "Lune <Courier>");
	ct_doc_set_meta(doc, CT_META_PUBLISHED, "2025-05-05");
	CHECK_INT(ct_doc_run(t_ctx, doc, CT_STAGE_CODE), 0);
	ct_store_rec *rec = ct_store_rec_new(t_ctx, doc);
	int64_t id = 0;
	CHECK_INT(ct_store_begin(s), 0);
	CHECK_INT(ct_store_add(s, doc, rec, &id), 1);
	CHECK_INT(ct_store_commit(s), 0);
	ct_store_group_stats gs;
	CHECK_INT(ct_store_group(s, t_ctx, &gs), 0);
	ct_store_rec_free(rec);
	ct_doc_free(doc);
	ct_store_close(s);

	CHECK_INT(ct_store_open(&s, path, CT_STORE_READ), 0);
	seen_article a = {0};
	CHECK_INT(ct_store_article(s, id, on_article, &a), 0);
	CHECK_INT(a.calls, 1);
	CHECK(a.text_ok, "the article's text and statement spans");
	CHECK(a.outlet_ok, "the outlet as stored");
	CHECK(a.nattrs >= 2, "%zu attributions", a.nattrs);
	CHECK(a.nstatements >= 2, "%zu statements", a.nstatements);
	CHECK(a.nentities >= 1, "%zu entities", a.nentities);
	CHECK_INT(ct_store_article(s, id + 100, on_article, &a), CT_EARG);
	CHECK_INT(a.calls, 1);
	int n = 0;
	CHECK_INT(ct_store_articles(s, 0, "lune <COURIER>", 0, count_brief, &n), 0);
	CHECK_INT(n, 1);
	n = 0;
	CHECK_INT(ct_store_articles(s, 0, "Other", 0, count_brief, &n), 0);
	CHECK_INT(n, 0);
	size_t stances = 0;
	CHECK_INT(ct_store_story_stances(s, count_stances, &stances), 0);
	CHECK(stances >= 2, "%zu statements counted by story", stances);
	seen_claims c = {0};
	CHECK_INT(ct_store_speaker_claims(s, t_ctx, "ines MARLOW", 0, on_claim, &c), 0);
	CHECK(c.groups >= 1 && c.said >= c.groups, "%d claims of %d statements", c.groups, c.said);
	CHECK_INT(c.wrong, 0);
	int first = 0;
	CHECK_INT(ct_store_speaker_claims(s, t_ctx, "Marlow", 0, stop_at_first, &first), 0);
	CHECK_INT(first, 1);
	memset(&c, 0, sizeof c);
	CHECK_INT(ct_store_speaker_claims(s, t_ctx, "Nobody Else", 0, on_claim, &c), 0);
	CHECK_INT(c.groups, 0);
	/* a time limit set and lifted: reads go on as before */
	ct_store_set_time_limit(s, 10 * 1000000u);
	CHECK_INT(ct_store_articles(s, 0, NULL, 0, count_brief, &n), 0);
	CHECK_INT(ct_store_timed_out(s), 0);
	ct_store_set_time_limit(s, 0);
	ct_store_close(s);
	unlink(path);
}

void test_serve(void)
{
	test_escapers();
	test_web_reads();
}
