/*
 * buf.c — the output buffer and the escapers (buf.h). Each escaper is a
 * whitelist walk over the bytes: what is not known safe for its context
 * is escaped or dropped, so a new kind of payload fails closed.
 */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void srv_buf_free(srv_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

static void reserve(srv_buf *b, size_t more)
{
	if (b->len + more + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 4096;
	while (cap < b->len + more + 1)
		cap *= 2;
	char *p = realloc(b->data, cap);
	if (!p) {
		fputs("claimtrace: out of memory\n", stderr);
		abort();
	}
	b->data = p;
	b->cap = cap;
}

void srv_put(srv_buf *b, const char *s, size_t n)
{
	reserve(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void srv_puts(srv_buf *b, const char *s)
{
	srv_put(b, s, strlen(s));
}

void srv_printf(srv_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* The length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t k;
	unsigned min;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		k = 2, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		k = 3, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		k = 4, min = 0x10000;
	else
		return 0;
	if (k > n)
		return 0;
	unsigned cp = c & (0x7F >> k);
	for (size_t i = 1; i < k; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return k;
}

void srv_html(srv_buf *b, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	if (!s)
		return;
	reserve(b, n);
	for (size_t i = 0; i < n;) {
		unsigned c = s[i];
		const char *e = NULL;
		switch (c) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = "&quot;"; break;
		case '\'': e = "&#39;"; break;
		}
		if (e) {
			srv_puts(b, e);
			i++;
			continue;
		}
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
			i++;
			continue;
		}
		size_t k = utf8_len(s + i, n - i);
		if (!k) {
			i++;
			continue;
		}
		srv_put(b, (const char *)s + i, k);
		i += k;
	}
}

void srv_html_str(srv_buf *b, const char *s)
{
	if (s)
		srv_html(b, s, strlen(s));
}

void srv_json_strn(srv_buf *b, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	if (!s) {
		srv_puts(b, "null");
		return;
	}
	reserve(b, n + 2);
	srv_put(b, "\"", 1);
	for (size_t i = 0; i < n;) {
		unsigned c = s[i];
		if (c == '"' || c == '\\') {
			char e[2] = {'\\', (char)c};
			srv_put(b, e, 2);
			i++;
		} else if (c == '\n') {
			srv_puts(b, "\\n"), i++;
		} else if (c == '\t') {
			srv_puts(b, "\\t"), i++;
		} else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '/' || c == 0x7F) {
			srv_printf(b, "\\u%04x", c);
			i++;
		} else {
			size_t k = utf8_len(s + i, n - i);
			if (!k) {
				srv_puts(b, "\\ufffd");
				i++;
			} else if (k == 3 && c == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)) {
				/* line and paragraph separators end a JavaScript line */
				srv_printf(b, "\\u%04x", 0x2000u | (s[i + 2] & 0x3Fu));
				i += 3;
			} else {
				srv_put(b, (const char *)s + i, k);
				i += k;
			}
		}
	}
	srv_put(b, "\"", 1);
}

void srv_json_str(srv_buf *b, const char *s)
{
	srv_json_strn(b, s, s ? strlen(s) : 0);
}

void srv_json_raw(srv_buf *b, const char *json, size_t n)
{
	const unsigned char *s = (const unsigned char *)json;
	reserve(b, n);
	size_t run = 0; /* bytes copied as they are, written in one go */
	for (size_t i = 0; i < n; i++) {
		unsigned c = s[i];
		int sep = c == 0xE2 && i + 2 < n && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9);
		if (c != '<' && c != '>' && c != '&' && !sep)
			continue;
		srv_put(b, (const char *)s + run, i - run);
		srv_printf(b, "\\u%04x", sep ? 0x2000u | (s[i + 2] & 0x3Fu) : c);
		i += sep ? 2 : 0;
		run = i + 1;
	}
	srv_put(b, (const char *)s + run, n - run);
}

void srv_csv(srv_buf *b, const char *s)
{
	if (!s)
		return;
	int formula = strchr("=+-@\t\r", s[0]) && s[0];
	if (!formula && !strpbrk(s, ",\"\r\n")) {
		srv_puts(b, s);
		return;
	}
	srv_put(b, "\"", 1);
	if (formula)
		srv_put(b, "'", 1);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			srv_put(b, "\"", 1);
		srv_put(b, p, 1);
	}
	srv_put(b, "\"", 1);
}

void srv_urlenc(srv_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	if (!s)
		return;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			srv_put(b, (const char *)p, 1);
		} else {
			char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			srv_put(b, e, 3);
		}
	}
}

int srv_url_linkable(const char *url)
{
	if (!url)
		return 0;
	if (!strncasecmp(url, "https://", 8) || !strncasecmp(url, "http://", 7)) {
		/* a control character or space could hide a second scheme from
		 * a reader of the page; such a URL is not worth a link */
		for (const unsigned char *p = (const unsigned char *)url; *p; p++)
			if (*p <= 0x20 || *p == 0x7F)
				return 0;
		return 1;
	}
	return 0;
}
