/*
 * html.h — a web page → the article it carries.
 *
 * Takes: the bytes of an HTML page (any charset a <meta> or the caller
 *        names; UTF-8 when none does), parsed by gumbo, the HTML5 parsing
 *        algorithm browsers use, so broken markup reads as a browser reads
 *        it.
 * Gives: the article body as plain text (entities decoded, paragraphs
 *        separated by a blank line, navigation, scripts, share buttons,
 *        related-story lists, comments and other page furniture left out),
 *        and what the page states about itself: title, url, outlet,
 *        publication date and authors, from JSON-LD, Open Graph, <meta>,
 *        <link rel="canonical">, <time> and <title>.
 */
#ifndef CT_HTML_H
#define CT_HTML_H

#include <stddef.h>

#include "../core/doc.h"

typedef struct {
	char *text; /* the body; NULL when the page has none */
	size_t len;
	char *meta[CT_META_COUNT]; /* NULL where the page says nothing */
	const char *error;         /* why the page was not read (static) */
} ct_html_article;

/*
 * Reads `page` (n bytes). `charset`: the encoding the transport declared
 * (HTTP Content-Type), NULL when none. Returns 0, or CT_EFORMAT with
 * out->error set when the page cannot be read. Free the result with
 * ct_html_article_free.
 */
int ct_html_read(const ct_ctx *ctx, const char *page, size_t n, const char *charset, ct_html_article *out);
void ct_html_article_free(ct_html_article *a);

/* 1 when the first bytes of a text (after space and a BOM) are markup:
 * a doctype, an <html>, <head> or <body> tag, or an XML prolog. */
int ct_html_sniff(const char *p, size_t n);

/* The class and id name lists (data/html.txt), into ctx at load. */
int ct_html_names_load(ct_ctx *ctx);
void ct_html_names_free(ct_ctx *ctx);

#endif
