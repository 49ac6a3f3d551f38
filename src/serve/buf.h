/*
 * buf.h — the web server's output: a growing byte buffer and the escapers
 * every string from the archive goes through on its way into a page.
 *
 * Takes: strings from the archive (article text, titles, outlets, URLs,
 *        speakers), which are untrusted: anyone could have written them.
 * Gives: bytes safe in the one context each writer names — HTML text, an
 *        HTML attribute value (quoted with "), a JSON string (also safe
 *        inside <script>), a CSV field, a URL path segment or query value.
 *
 * The rule: a page never writes an archive string with srv_put; it picks
 * the escaper of the context it writes into.
 */
#ifndef CT_SERVE_BUF_H
#define CT_SERVE_BUF_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	char *data;
	size_t len, cap;
} srv_buf;

void srv_buf_free(srv_buf *b);
/* Appends raw bytes: markup of the page's own, never archive text. */
void srv_put(srv_buf *b, const char *s, size_t n);
void srv_puts(srv_buf *b, const char *s);
void srv_printf(srv_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* n bytes of s (NULL: nothing) as HTML text or a double-quoted attribute
 * value: & < > " ' escaped, and bytes that are not valid UTF-8 or are
 * control characters other than tab and line breaks dropped. */
void srv_html(srv_buf *b, const char *s, size_t n);
void srv_html_str(srv_buf *b, const char *s);
/* A JSON string, quotes included (NULL: null); < > & / and U+2028/9 as
 * \u escapes, so the value is inert even inside a <script> element. */
void srv_json_str(srv_buf *b, const char *s);
void srv_json_strn(srv_buf *b, const char *s, size_t n);
/* A JSON text made elsewhere (the library's story JSON), with < > & and
 * U+2028/9 as \u escapes: outside strings JSON has none of them, so the
 * value is the same and as inert as srv_json_str's. */
void srv_json_raw(srv_buf *b, const char *json, size_t n);
/* A CSV field by RFC 4180, quoted when it must be; a field starting with
 * = + - @ gets a leading ' so a spreadsheet does not run it as a formula. */
void srv_csv(srv_buf *b, const char *s);
/* Percent-encodes everything but unreserved characters: a path segment or
 * a query value. */
void srv_urlenc(srv_buf *b, const char *s);
/* 1 when `url` may be a link: http: or https: only (any case), with no space or
 * control character in it, so javascript:, data: and the like stay text. */
int srv_url_linkable(const char *url);

#endif
