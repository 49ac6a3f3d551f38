/*
 * mkwarc.c — a web crawl for `make bench`: every article of the input
 * (read by claimtrace's own readers) as a news page, with the navigation,
 * scripts, share buttons and footer pages carry, in a WARC response record
 * after the request record a crawler writes first; each record one gzip
 * member, as crawls are written.
 *
 *   mkwarc IN OUT.warc.gz [COPIES]
 *
 * COPIES (default 1) writes the articles that many times over.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "claimtrace.h"

typedef struct {
	char *p;
	size_t n, cap;
} buf;

static void add(buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			exit(3);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = 0;
}

static void adds(buf *b, const char *s)
{
	add(b, s, strlen(s));
}

static void esc(buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '<': adds(b, "&lt;"); break;
		case '>': adds(b, "&gt;"); break;
		case '&': adds(b, "&amp;"); break;
		default: add(b, s + i, 1);
		}
	}
}

static void member(FILE *f, const char *p, size_t n)
{
	z_stream zs = {0};
	deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
	unsigned char out[65536];
	zs.next_in = (unsigned char *)p;
	zs.avail_in = (uInt)n;
	int rc;
	do {
		zs.next_out = out;
		zs.avail_out = sizeof out;
		rc = deflate(&zs, Z_FINISH);
		fwrite(out, 1, sizeof out - zs.avail_out, f);
	} while (rc == Z_OK);
	deflateEnd(&zs);
}

static void record(FILE *f, const char *type, const char *uri, long id, const char *ctype, const buf *block)
{
	char head[1024];
	int h = snprintf(head, sizeof head,
			 "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: 2017-03-01T12:00:00Z\r\n"
			 "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012ld>\r\nContent-Type: %s\r\n"
			 "Content-Length: %zu\r\n\r\n",
			 type, uri, id, ctype, block->n);
	buf r = {0};
	add(&r, head, (size_t)h);
	add(&r, block->p, block->n);
	adds(&r, "\r\n\r\n");
	member(f, r.p, r.n);
	free(r.p);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fputs("usage: mkwarc IN OUT.warc.gz [COPIES]\n", stderr);
		return 2;
	}
	long copies = argc > 3 ? atol(argv[3]) : 1;
	ct_ctx *ctx;
	if (ct_ctx_new(&ctx, NULL)) {
		fprintf(stderr, "mkwarc: %s\n", ct_ctx_error(ctx));
		return 3;
	}
	FILE *out = fopen(argv[2], "wb");
	if (!out) {
		perror(argv[2]);
		return 3;
	}
	long id = 0;
	for (long c = 0; c < copies; c++) {
		ct_reader *r;
		ct_reader_open(&r, ctx, argv[1], CT_IN_AUTO);
		ct_doc *doc;
		int rc;
		while ((rc = ct_reader_next(r, &doc)) != 0) {
			if (rc < 0)
				continue;
			if (ct_doc_run(ctx, doc, CT_STAGE_NORMALIZE)) {
				ct_doc_free(doc);
				continue;
			}
			size_t n;
			const char *t = ct_doc_text(doc, &n);
			char uri[256];
			snprintf(uri, sizeof uri, "https://news.example/%ld/story-%s.html", c,
				 ct_doc_meta(doc, CT_META_ID) ? ct_doc_meta(doc, CT_META_ID) : "x");
			buf req = {0};
			adds(&req, "GET /story.html HTTP/1.1\r\nHost: news.example\r\nUser-Agent: mkwarc\r\n\r\n");
			record(out, "request", uri, id++, "application/http; msgtype=request", &req);
			free(req.p);

			buf page = {0};
			adds(&page, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
				    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Story | News "
				    "Example</title><meta property=\"og:site_name\" content=\"News Example\">"
				    "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
				    "gtag('js',new Date());</script><style>body{font:16px serif}.nav a{margin:0 1em}</style>"
				    "</head><body><header class=\"site-header\"><div class=\"nav\"><a href=\"/\">Home</a>"
				    "<a href=\"/world\">World</a><a href=\"/politics\">Politics</a><a href=\"/business\">"
				    "Business</a><a href=\"/tech\">Tech</a></div></header><main><article class=\"story\">"
				    "<div class=\"share\"><a href=\"#\">Share</a><a href=\"#\">Tweet</a></div>"
				    "<div class=\"story-body\">");
			/* the article's paragraphs, as the text's blank lines divide them */
			for (size_t i = 0; i < n;) {
				const char *e = strstr(t + i, "\n\n");
				size_t end = e ? (size_t)(e - t) : n;
				if (end > i) {
					adds(&page, "<p>");
					esc(&page, t + i, end - i);
					adds(&page, "</p>\n");
				}
				i = e ? end + 2 : n;
			}
			adds(&page, "</div><aside class=\"related\"><h3>More stories</h3><ul><li><a href=\"/a\">Another "
				    "story</a></li><li><a href=\"/b\">And another</a></li></ul></aside></article></main>"
				    "<footer><p>&copy; News Example</p></footer></body></html>");
			record(out, "response", uri, id++, "application/http; msgtype=response", &page);
			free(page.p);
			ct_doc_free(doc);
		}
		ct_reader_free(r);
	}
	ct_ctx_free(ctx);
	if (fclose(out)) {
		perror(argv[2]);
		return 3;
	}
	return 0;
}
