/*
 * Readers of news as people have it: web pages, gzip, web crawls (WARC),
 * scraper JSONL and JSON arrays, and the benchmark's text score. Every page
 * and record here is written for these tests.
 */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "test.h"

static char dir[] = "/tmp/ct_web_XXXXXX";

static const char *path_of(const char *name)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return path;
}

static const char *put(const char *name, const char *content, size_t len)
{
	const char *path = path_of(name);
	FILE *f = fopen(path, "wb");
	fwrite(content, 1, len, f);
	fclose(f);
	return path;
}

/* `len` bytes as one gzip member appended to f. */
static void gz_member(FILE *f, const char *p, size_t len)
{
	z_stream zs = {0};
	deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
	size_t cap = deflateBound(&zs, (uLong)len) + 64;
	unsigned char *out = malloc(cap);
	zs.next_in = (unsigned char *)p;
	zs.avail_in = (uInt)len;
	zs.next_out = out;
	zs.avail_out = (uInt)cap;
	deflate(&zs, Z_FINISH);
	fwrite(out, 1, cap - zs.avail_out, f);
	deflateEnd(&zs);
	free(out);
}

/* Reads everything: the articles' ids, and the errors, a line each. */
static void read_all(const char *path, ct_input_format fmt, const char *const *fields, char *ids, size_t idcap,
		     char *errs, size_t errcap, ct_reader **keep)
{
	ct_reader *r;
	ct_reader_open(&r, t_ctx, path, fmt);
	for (const char *const *f = fields; f && *f; f += 2)
		CHECK(ct_reader_set_field(r, f[0], f[1]) == 0, "%s", f[0]);
	ids[0] = errs[0] = 0;
	ct_doc *d;
	int rc;
	while ((rc = ct_reader_next(r, &d)) != 0) {
		if (rc < 0) {
			strncat(errs, ct_reader_error(r), errcap - strlen(errs) - 2);
			strcat(errs, "\n");
			continue;
		}
		strncat(ids, ct_doc_meta(d, CT_META_ID), idcap - strlen(ids) - 2);
		strcat(ids, " ");
		ct_doc_free(d);
	}
	if (keep)
		*keep = r;
	else
		ct_reader_free(r);
}

/* The first article of a file, read to the normalize stage. */
static ct_doc *page(const char *path)
{
	ct_reader *r;
	ct_reader_open(&r, t_ctx, path, CT_IN_AUTO);
	ct_doc *d = NULL;
	int rc = ct_reader_next(r, &d);
	CHECK(rc == 1, "%s: %s", path, ct_reader_error(r));
	ct_reader_free(r);
	if (d)
		CHECK_INT(ct_doc_run(t_ctx, d, CT_STAGE_NORMALIZE), 0);
	return d;
}

static int has(const ct_doc *d, const char *s)
{
	return d && strstr(ct_doc_text(d, NULL), s) != NULL;
}

/* A news page as sites serve them: the article among navigation, share
 * buttons, related stories, a cookie notice, comments and scripts. */
static const char news_page[] =
	"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
	"<title>Port Authority Delays Harbour Dredging | The Coastal Ledger</title>\n"
	"<meta property=\"og:title\" content=\"Port authority delays harbour dredging\">\n"
	"<meta property=\"og:site_name\" content=\"The Coastal Ledger\">\n"
	"<meta property=\"article:published_time\" content=\"2024-05-02T08:30:00+02:00\">\n"
	"<link rel=\"canonical\" href=\"https://ledger.example/news/dredging-delay\">\n"
	"<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\","
	"\"name\":\"Ledger\"},{\"@type\":\"NewsArticle\",\"headline\":\"Port Authority Delays Harbour Dredging\","
	"\"datePublished\":\"2024-05-01T22:10:00Z\",\"author\":[{\"@type\":\"Person\",\"name\":\"Mira Holt\"},"
	"{\"@type\":\"Person\",\"name\":\"Jon Easterby\"}],\"publisher\":{\"@type\":\"Organization\","
	"\"name\":\"Coastal Ledger Media\"}}]}</script>\n"
	"<script>var note = \"the minister said the plan was dead\"; window.ads = [];</script>\n"
	"<style>.lead { font-weight: bold } p::after { content: 'officials said' }</style>\n"
	"</head><body>\n"
	"<div class=\"cookie-banner\">We use cookies to improve your experience. <a href=\"/privacy\">Accept</a></div>\n"
	"<header class=\"site-header\"><a href=\"/\">Home</a> <a href=\"/news\">News</a> <a href=\"/sport\">Sport</a></header>\n"
	"<nav><ul><li><a href=\"/a\">World</a></li><li><a href=\"/b\">Business</a></li><li><a href=\"/c\">Opinion</a></li></ul></nav>\n"
	"<main><article class=\"story\">\n"
	"<h1>Port Authority Delays Harbour Dredging</h1>\n"
	"<div class=\"byline\">By Mira Holt and Jon Easterby</div>\n"
	"<div class=\"share-tools\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Share on X</a></div>\n"
	"<div class=\"story-body\">\n"
	"<p>The port authority said on Thursday that it would delay the dredging of the inner harbour until "
	"autumn, citing the cost of fuel and a shortage of crews.</p>\n"
	"<p>Fishermen&#39;s groups welcomed the delay &amp; said the work would have closed the main channel "
	"during the herring season, when most boats land their catch.</p>\n"
	"<p>&ldquo;We asked for this in March,&rdquo; said Ana Brusk, who chairs the harbour users&rsquo; "
	"committee. &ldquo;Nobody listened until the bills came in.&rdquo;</p>\n"
	"<div class=\"ad-slot\" id=\"ad-3\">Advertisement</div>\n"
	"<p>The authority&nbsp;denied that the decision had anything to do with the complaints, saying the "
	"budget alone had forced its hand.</p>\n"
	"</div>\n"
	"<aside class=\"related\"><h3>Related stories</h3><ul>"
	"<li><a href=\"/x\">Ferry fares to rise again in June</a></li>"
	"<li><a href=\"/y\">New lighthouse keeper named for the north pier</a></li></ul></aside>\n"
	"</article></main>\n"
	"<section id=\"comments\"><h3>Comments</h3><p>Great article, thanks for sharing this with us all!</p></section>\n"
	"<footer><p>&copy; 2024 The Coastal Ledger. All rights reserved.</p></footer>\n"
	"</body></html>\n";

static void test_pages(void)
{
	const char *p = put("dredging.html", news_page, sizeof news_page - 1);
	ct_doc *d = page(p);
	if (!d)
		return;
	const char *t = ct_doc_text(d, NULL);
	CHECK(has(d, "The port authority said on Thursday that it would delay the dredging"), "%s", t);
	CHECK(has(d, "Fishermen's groups welcomed the delay & said"), "entities decoded: %s", t);
	CHECK(has(d, "Nobody listened until the bills came in."), "%s", t);
	CHECK(has(d, "The authority denied that"), "a no-break space is a space: %s", t);
	CHECK(has(d, "shortage of crews.\n\nFishermen"), "paragraphs stay paragraphs: %s", t);
	static const char *const furniture[] = {"cookies", "Home", "Business", "Share on", "Related stories",
						"Ferry fares", "Great article", "All rights reserved", "minister said",
						"officials said", "Advertisement", "By Mira Holt", "Delays Harbour"};
	for (size_t i = 0; i < sizeof furniture / sizeof *furniture; i++)
		CHECK(!has(d, furniture[i]), "page furniture \"%s\" in the body: %s", furniture[i], t);
	/* JSON-LD outranks Open Graph and <title>; the outlet is the site's name. */
	CHECK_STR(ct_doc_meta(d, CT_META_TITLE), "Port Authority Delays Harbour Dredging");
	CHECK_STR(ct_doc_meta(d, CT_META_PUBLISHED), "2024-05-01");
	CHECK_STR(ct_doc_meta(d, CT_META_AUTHOR), "Mira Holt, Jon Easterby");
	CHECK_STR(ct_doc_meta(d, CT_META_OUTLET), "The Coastal Ledger");
	CHECK_STR(ct_doc_meta(d, CT_META_URL), "https://ledger.example/news/dredging-delay");
	CHECK_STR(ct_doc_meta(d, CT_META_ID), "dredging");
	ct_doc_free(d);

	/* Open Graph alone; the outlet then comes from the url's host. */
	const char og[] =
		"<html><head><meta property=\"og:title\" content=\"Ferry fares to rise\">"
		"<meta property=\"og:url\" content=\"https://www.islands.example/ferry\">"
		"<meta property=\"article:published_time\" content=\"2024-06-03\">"
		"<meta name=\"author\" content=\"Lise Varga\"></head><body><div id=\"content\">"
		"<p>Ferry fares between the islands will rise by a tenth in June, the operator said, blaming the "
		"price of diesel and the cost of a new boat.</p><p>Passengers' groups said they would appeal to the "
		"regional council, which subsidises the winter timetable.</p></div></body></html>";
	d = page(put("og.html", og, sizeof og - 1));
	if (d) {
		CHECK_STR(ct_doc_meta(d, CT_META_TITLE), "Ferry fares to rise");
		CHECK_STR(ct_doc_meta(d, CT_META_PUBLISHED), "2024-06-03");
		CHECK_STR(ct_doc_meta(d, CT_META_AUTHOR), "Lise Varga");
		CHECK_STR(ct_doc_meta(d, CT_META_OUTLET), "islands.example");
		CHECK(has(d, "regional council"), "%s", ct_doc_text(d, NULL));
		ct_doc_free(d);
	}

	/* Only <title>, with the site's name after it, and a <time>. */
	const char plain[] =
		"<html><head><title>Lighthouse keeper named - North Pier News</title></head><body>"
		"<p>Posted <time datetime=\"2023-11-20T09:00\">Monday</time></p><div><p>The town named a new keeper for "
		"the north pier lighthouse on Monday, the first in forty years, after the old lamp was restored by "
		"volunteers.</p></div></body></html>";
	d = page(put("plain.htm", plain, sizeof plain - 1));
	if (d) {
		CHECK_STR(ct_doc_meta(d, CT_META_TITLE), "Lighthouse keeper named");
		CHECK_STR(ct_doc_meta(d, CT_META_PUBLISHED), "2023-11-20");
		ct_doc_free(d);
	}

	/* Broken markup reads as a browser reads it: unclosed paragraphs, a
	 * stray end tag, misnested inline elements. */
	const char broken[] =
		"<html><body><div class=article><p>The council met on Tuesday <b>to vote <i>on the budget</b>, which"
		"</i> passed by one vote, after a debate that ran past midnight and left both sides tired.</span>"
		"<p>The mayor said the result showed the town wanted the new school, and that work would start "
		"in spring if the loans came through</div></body>";
	d = page(put("broken.html", broken, sizeof broken - 1));
	if (d) {
		CHECK(has(d, "to vote on the budget, which passed by one vote"), "%s", ct_doc_text(d, NULL));
		CHECK(has(d, "tired.\n\nThe mayor said"), "%s", ct_doc_text(d, NULL));
		ct_doc_free(d);
	}

	/* A page with no body: one clear error, nothing else lost. */
	const char empty[] = "<html><head><title>Index</title></head><body><nav><a href=/>Home</a></nav></body></html>";
	char ids[512], errs[2048];
	read_all(put("empty.html", empty, sizeof empty - 1), CT_IN_AUTO, NULL, ids, sizeof ids, errs, sizeof errs, NULL);
	CHECK_STR(ids, "");
	CHECK(strstr(errs, "empty.html: web page with no article text") != NULL, "%s", errs);

	/* Markup in a .txt file is a page, not text with tags in it. */
	d = page(put("saved.txt", news_page, sizeof news_page - 1));
	if (d) {
		CHECK(has(d, "herring season") && !has(d, "<p>") && !has(d, "window.ads"), "%s", ct_doc_text(d, NULL));
		ct_doc_free(d);
	}

	/* Nesting no real page has is refused at once, not parsed for minutes. */
	size_t deep_n = 6 + 5 * 20000;
	char *deep = malloc(deep_n + 1);
	memcpy(deep, "<html>", 6);
	for (size_t i = 0; i < 20000; i++)
		memcpy(deep + 6 + 5 * i, "<div>", 5);
	read_all(put("deep.html", deep, deep_n), CT_IN_AUTO, NULL, ids, sizeof ids, errs, sizeof errs, NULL);
	free(deep);
	CHECK(strstr(errs, "deep.html: markup nested more than") != NULL, "%s", errs);

	/* A page in Windows-1252, as its <meta> says. */
	const char latin[] = "<html><head><meta charset=\"windows-1252\"></head><body><p>The caf\xe9 on the quay "
			     "re-opened on Friday \x96 a week late \x96 after the storm flooded its kitchen and "
			     "cellar.</p></body></html>";
	d = page(put("latin.html", latin, sizeof latin - 1));
	if (d) {
		CHECK(has(d, "caf\xc3\xa9 on the quay"), "%s", ct_doc_text(d, NULL));
		ct_doc_free(d);
	}

	/* Gzip, and a directory of pages. */
	mkdir(path_of("web"), 0777);
	FILE *f = fopen(path_of("web/ledger.html.gz"), "wb");
	gz_member(f, news_page, sizeof news_page - 1);
	fclose(f);
	put("web/ferry.htm", og, sizeof og - 1);
	put("web/notes.md", "# not an article\n", 17);
	read_all(path_of("web"), CT_IN_AUTO, NULL, ids, sizeof ids, errs, sizeof errs, NULL);
	CHECK_STR(ids, "ferry ledger ");
	CHECK_STR(errs, "");
}

/* A WARC record: the version line, named fields, the block. */
static size_t warc_record(char *out, size_t cap, const char *type, const char *uri, const char *ctype,
			  const char *block, size_t blen)
{
	int n = snprintf(out, cap,
			 "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: 2024-05-03T10:00:00Z\r\n"
			 "WARC-Record-ID: <urn:uuid:%s-%zu>\r\nContent-Type: %s\r\nContent-Length: %zu\r\n\r\n",
			 type, uri, type, blen, ctype, blen);
	memcpy(out + n, block, blen);
	memcpy(out + (size_t)n + blen, "\r\n\r\n", 4);
	return (size_t)n + blen + 4;
}

static void test_warc(void)
{
	static char block[8192], rec[9][10000];
	size_t len[9], blen[9] = {0};
	size_t pn = sizeof news_page - 1;
	len[0] = warc_record(rec[0], sizeof rec[0], "warcinfo", "", "application/warc-fields", "software: t\r\n", 13);
	const char req[] = "GET /news/dredging-delay HTTP/1.1\r\nHost: ledger.example\r\n\r\n";
	len[1] = warc_record(rec[1], sizeof rec[1], "request", "https://ledger.example/news/dredging-delay",
			     "application/http; msgtype=request", req, sizeof req - 1);
	int h = snprintf(block, sizeof block, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n");
	memcpy(block + h, news_page, pn);
	blen[2] = (size_t)h + pn;
	len[2] = warc_record(rec[2], sizeof rec[2], "response", "https://ledger.example/news/dredging-delay?ref=rss",
			     "application/http; msgtype=response", block, blen[2]);
	/* a binary response: an image */
	const char png[] = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
	len[3] = warc_record(rec[3], sizeof rec[3], "response", "https://ledger.example/logo.png",
			     "application/http; msgtype=response", png, sizeof png - 1);
	const char gone[] = "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html><body><p>Not here.</p></body></html>";
	len[4] = warc_record(rec[4], sizeof rec[4], "response", "https://ledger.example/old",
			     "application/http; msgtype=response", gone, sizeof gone - 1);
	len[5] = warc_record(rec[5], sizeof rec[5], "metadata", "https://ledger.example/news/dredging-delay",
			     "application/warc-fields", "fetchTimeMs: 120\r\n", 18);
	/* chunked, and gzip-encoded inside the HTTP payload */
	const char og_body[] =
		"<html><head><meta property=\"og:title\" content=\"Ferry fares to rise\"></head><body><article>"
		"<p>Ferry fares between the islands will rise by a tenth in June, the operator said, blaming the "
		"price of diesel and the cost of a new boat for the winter route.</p></article></body></html>";
	unsigned char z[2048];
	uLongf zn = sizeof z;
	{
		z_stream zs = {0};
		deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
		zs.next_in = (unsigned char *)og_body;
		zs.avail_in = sizeof og_body - 1;
		zs.next_out = z;
		zs.avail_out = sizeof z;
		deflate(&zs, Z_FINISH);
		zn = sizeof z - zs.avail_out;
		deflateEnd(&zs);
	}
	h = snprintf(block, sizeof block,
		     "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
		     "Content-Encoding: gzip\r\n\r\n%lx\r\n",
		     (unsigned long)zn);
	memcpy(block + h, z, zn);
	memcpy(block + h + zn, "\r\n0\r\n\r\n", 7);
	blen[6] = (size_t)h + zn + 7;
	len[6] = warc_record(rec[6], sizeof rec[6], "response", "https://islands.example/ferry",
			     "application/http; msgtype=response", block, blen[6]);
	len[7] = warc_record(rec[7], sizeof rec[7], "revisit", "https://islands.example/ferry",
			     "application/http; msgtype=response", "HTTP/1.1 304\r\n\r\n", 16);
	blen[8] = pn;
	len[8] = warc_record(rec[8], sizeof rec[8], "resource", "file:///saved/ledger.html", "text/html", news_page, pn);

	/* Plain: every page read, every other record counted by kind. */
	FILE *f = fopen(path_of("crawl.warc"), "wb");
	for (int i = 0; i < 9; i++)
		fwrite(rec[i], 1, len[i], f);
	fclose(f);
	char ids[1024], errs[2048], why[256];
	ct_reader *r;
	read_all(path_of("crawl.warc"), CT_IN_AUTO, NULL, ids, sizeof ids, errs, sizeof errs, &r);
	char want[256];
	snprintf(want, sizeof want, "urn:uuid:response-%zu urn:uuid:response-%zu urn:uuid:resource-%zu ", blen[2], blen[6],
		 blen[8]);
	CHECK_STR(ids, want);
	CHECK_STR(errs, "");
	CHECK_INT(ct_reader_skipped(r, why, sizeof why), 6);
	CHECK_STR(why, "1 warcinfo, 1 request, 1 metadata, 1 revisit, 1 not status 2xx, 1 not HTML");
	ct_reader_free(r);

	/* The crawl's url and date, the page's title. */
	ct_reader_open(&r, t_ctx, path_of("crawl.warc"), CT_IN_AUTO);
	ct_doc *d = NULL;
	if (ct_reader_next(r, &d) == 1) {
		CHECK_STR(ct_doc_meta(d, CT_META_URL), "https://ledger.example/news/dredging-delay?ref=rss");
		CHECK_STR(ct_doc_meta(d, CT_META_PUBLISHED), "2024-05-01"); /* the page's own date */
		CHECK_STR(ct_doc_meta(d, CT_META_TITLE), "Port Authority Delays Harbour Dredging");
		ct_doc_free(d);
	}
	if (ct_reader_next(r, &d) == 1) {
		CHECK_STR(ct_doc_meta(d, CT_META_PUBLISHED), "2024-05-03"); /* none on the page: the crawl's */
		CHECK_STR(ct_doc_meta(d, CT_META_OUTLET), "islands.example");
		ct_doc_free(d);
	}
	ct_reader_free(r);

	/* Gzip a member per record, the third member cut short: one error
	 * naming where, and the records after it read. */
	f = fopen(path_of("crawl.warc.gz"), "wb");
	long member[9];
	for (int i = 0; i < 9; i++) {
		member[i] = ftell(f);
		if (i == 2) {
			FILE *tmp = tmpfile();
			gz_member(tmp, rec[i], len[i]);
			long n = ftell(tmp);
			rewind(tmp);
			char *buf = malloc((size_t)n);
			CHECK_INT(fread(buf, 1, (size_t)n, tmp), n);
			fwrite(buf, 1, (size_t)n / 2, f);
			free(buf);
			fclose(tmp);
		} else {
			gz_member(f, rec[i], len[i]);
		}
	}
	fclose(f);
	read_all(path_of("crawl.warc.gz"), CT_IN_AUTO, NULL, ids, sizeof ids, errs, sizeof errs, &r);
	snprintf(want, sizeof want, "urn:uuid:response-%zu urn:uuid:resource-%zu ", blen[6], blen[8]);
	CHECK_STR(ids, want);
	char expect[128];
	snprintf(expect, sizeof expect, "crawl.warc.gz: gzip member at byte %ld: ", member[2]);
	CHECK(strstr(errs, expect) != NULL && strchr(errs, '\n') == errs + strlen(errs) - 1, "%s (want %s)", errs,
	      expect);
	CHECK(ct_reader_skipped(r, why, sizeof why) >= 5, "%s", why);
	ct_reader_free(r);

	/* A crawl cut off inside a record's block. */
	f = fopen(path_of("cut.warc"), "wb");
	fwrite(rec[0], 1, len[0], f);
	fwrite(rec[2], 1, len[2] / 2, f);
	fclose(f);
	read_all(path_of("cut.warc"), CT_IN_AUTO, NULL, ids, sizeof ids, errs, sizeof errs, NULL);
	CHECK_STR(ids, "");
	snprintf(expect, sizeof expect, "cut.warc: record at byte %zu: cut short", len[0]);
	CHECK(strstr(errs, expect) != NULL, "%s", errs);
}

static void test_scraped(void)
{
	/* news-please's fields as it writes them; a record without text. */
	const char np[] =
		"{\"authors\": [\"Mira Holt\", \"Jon Easterby\"], \"date_download\": \"2024-05-02 09:00:00\", "
		"\"date_publish\": \"2024-05-01 22:10:00\", \"description\": \"A delay.\", \"language\": \"en\", "
		"\"maintext\": \"The port authority said on Thursday that it would delay the dredging.\", "
		"\"source_domain\": \"ledger.example\", \"title\": \"Dredging delayed\", \"url\": \"https://ledger.example/d\"}\n"
		"{\"title\": \"Only a title\", \"url\": \"https://ledger.example/t\"}\n"
		"{\"maintext\": \"Ferry fares between the islands will rise by a tenth in June.\", \"title\": null}\n";
	char ids[512], errs[2048];
	const char *p = put("np.jsonl", np, sizeof np - 1);
	read_all(p, CT_IN_AUTO, NULL, ids, sizeof ids, errs, sizeof errs, NULL);
	CHECK_STR(ids, "line1 line3 ");
	CHECK(strstr(errs, "np.jsonl:2: no text in the record: none of \"text\", \"maintext\"") != NULL, "%s", errs);
	ct_reader *r;
	ct_reader_open(&r, t_ctx, p, CT_IN_AUTO);
	ct_doc *d = NULL;
	if (ct_reader_next(r, &d) == 1) {
		CHECK_STR(ct_doc_meta(d, CT_META_AUTHOR), "Mira Holt, Jon Easterby");
		CHECK_STR(ct_doc_meta(d, CT_META_PUBLISHED), "2024-05-01");
		CHECK_STR(ct_doc_meta(d, CT_META_OUTLET), "ledger.example");
		CHECK_STR(ct_doc_meta(d, CT_META_TITLE), "Dredging delayed");
		CHECK_STR(ct_doc_meta(d, CT_META_URL), "https://ledger.example/d");
		ct_doc_free(d);
	}
	ct_reader_free(r);

	/* Another schema, mapped field by field, nested keys too. */
	const char other[] = "{\"headline\": \"Fares rise\", \"body_text\": \"Ferry fares will rise in June.\", "
			     "\"meta\": {\"site\": \"Islands Post\", \"when\": \"June 3, 2024\"}, \"uid\": 77}\n"
			     "{\"headline\": \"No body\"}\n";
	static const char *const map[] = {"text", "body_text", "outlet", "meta.site", "published", "meta.when",
					  "id", "uid", NULL};
	p = put("other.jsonl", other, sizeof other - 1);
	read_all(p, CT_IN_AUTO, map, ids, sizeof ids, errs, sizeof errs, NULL);
	CHECK_STR(ids, "77 ");
	CHECK(strstr(errs, "other.jsonl:2: no \"body_text\" string in the record (--field text=body_text)") != NULL, "%s",
	      errs);
	ct_reader_open(&r, t_ctx, p, CT_IN_AUTO);
	for (const char *const *m = map; *m; m += 2)
		ct_reader_set_field(r, m[0], m[1]);
	CHECK_INT(ct_reader_set_field(r, "colour", "x"), CT_EARG);
	CHECK_INT(ct_reader_set_field(r, "path", "x"), CT_EARG);
	if (ct_reader_next(r, &d) == 1) {
		CHECK_STR(ct_doc_meta(d, CT_META_OUTLET), "Islands Post");
		CHECK_STR(ct_doc_meta(d, CT_META_PUBLISHED), "2024-06-03");
		CHECK_STR(ct_doc_meta(d, CT_META_TITLE), "Fares rise");
		ct_doc_free(d);
	}
	ct_reader_free(r);

	/* A JSON array of records, one of them not an object. */
	const char arr[] = "[\n {\"maintext\": \"The mayor opened the bridge on Monday.\", \"title\": \"Bridge open\"},\n"
			   " 42,\n {\"text\": \"The council approved the budget.\"}\n]\n";
	p = put("dump.json", arr, sizeof arr - 1);
	read_all(p, CT_IN_AUTO, NULL, ids, sizeof ids, errs, sizeof errs, NULL);
	CHECK_STR(ids, "record1 record3 ");
	CHECK(strstr(errs, "dump.json: record 2: expected a JSON object") != NULL, "%s", errs);
	const char badarr[] = "[{\"text\": \"One.\"},\n {\"text\": }]";
	read_all(put("bad.json", badarr, sizeof badarr - 1), CT_IN_AUTO, NULL, ids, sizeof ids, errs, sizeof errs,
		 NULL);
	CHECK(strstr(errs, "bad.json:2: malformed JSON") != NULL, "%s", errs);

	/* CSV with a mapped column; a mapped column that is not there. */
	const char csv[] = "story,head\n\"The bridge opened on Monday, a year late.\",Bridge\n";
	static const char *const cmap[] = {"text", "story", "title", "head", NULL};
	p = put("rows.csv", csv, sizeof csv - 1);
	read_all(p, CT_IN_AUTO, cmap, ids, sizeof ids, errs, sizeof errs, NULL);
	CHECK_STR(ids, "line2 ");
	static const char *const missing[] = {"text", "body", NULL};
	read_all(p, CT_IN_AUTO, missing, ids, sizeof ids, errs, sizeof errs, NULL);
	CHECK(strstr(errs, "rows.csv:1: no column \"body\" in the header (--field text=body)") != NULL, "%s", errs);

	/* JSONL, gzipped; a gzip file cut short says so and keeps what it read. */
	FILE *f = fopen(path_of("np.jsonl.gz"), "wb");
	gz_member(f, np, sizeof np - 1);
	fclose(f);
	read_all(path_of("np.jsonl.gz"), CT_IN_AUTO, NULL, ids, sizeof ids, errs, sizeof errs, NULL);
	CHECK_STR(ids, "line1 line3 ");
	size_t n;
	char *whole = t_slurp(path_of("np.jsonl.gz"), &n);
	put("cut.jsonl.gz", whole, n - 12);
	free(whole);
	read_all(path_of("cut.jsonl.gz"), CT_IN_AUTO, NULL, ids, sizeof ids, errs, sizeof errs, NULL);
	CHECK(strstr(errs, "cut.jsonl.gz") && strstr(errs, "gzip member at byte 0: cut short"), "%s", errs);
}

static void test_text_score(void)
{
	/* Shingles of four \w+ tokens, counted: "a b c d e" has "a b c d" and
	 * "b c d e"; the prediction shares one of its three. */
	ct_text_score s = {0};
	double f1, p, r;
	const char *ea = "a b c d e", *pa = "b, c; d e f g";
	ct_text_score_add(&s, ea, strlen(ea), pa, strlen(pa), &f1);
	ct_text_score_result(&s, &p, &r, &f1);
	CHECK(p > 0.333 && p < 0.334, "%f", p);
	CHECK_INT((int)(r * 1000 + 0.5), 500);
	CHECK_INT((int)(f1 * 1000 + 0.5), 400);
	/* Repeats count: given twice (among five), expected once. */
	ct_text_score rep = {0};
	const char *eb = "one two three four", *pb = "one two three four one two three four";
	ct_text_score_add(&rep, eb, strlen(eb), pb, strlen(pb), NULL);
	ct_text_score_result(&rep, &p, &r, &f1);
	CHECK(p > 0.199 && p < 0.201 && r == 1, "%f %f", p, r);
	/* Nothing expected and nothing given is right; nothing given for a
	 * page that expected text counts for recall only. */
	ct_text_score e = {0};
	ct_text_score_add(&e, "", 0, "", 0, NULL);
	ct_text_score_add(&e, "word one two three four", strlen("word one two three four"), "", 0, NULL);
	ct_text_score_result(&e, &p, &r, &f1);
	CHECK(p == 1 && r == 0.5, "%f %f", p, r);
	/* Unicode letters are word characters, punctuation is not. */
	ct_text_score u = {0};
	const char *ec = "caf\xc3\xa9 na\xc3\xafve d\xc3\xa9j\xc3\xa0 vu",
		   *pc = "caf\xc3\xa9 \xe2\x80\x94 na\xc3\xafve, d\xc3\xa9j\xc3\xa0 vu!";
	ct_text_score_add(&u, ec, strlen(ec), pc, strlen(pc), NULL);
	ct_text_score_result(&u, &p, &r, &f1);
	CHECK(f1 == 1, "%f", f1);
}

void test_web(void)
{
	if (!mkdtemp(dir)) {
		CHECK(0, "mkdtemp");
		return;
	}
	test_pages();
	test_warc();
	test_scraped();
	test_text_score();
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	CHECK(system(cmd) == 0, "%s", cmd);
}
