/*
 * meta.c — metadata an article's text gives away, for fields its input did
 * not set:
 *  - published: a "date 2014-09-15" marker at the top, or a line near the
 *    top that is only a date ("December 4, 2014");
 *  - dateline: "PARIS, Sept 15 …" or "WASHINGTON (Reuters) - …" opening the
 *    text (after any date marker); a month and day there also give the
 *    publication date when a year is known from elsewhere;
 *  - credit: a photo or wire credit ending a line, after a slash
 *    ("… in Muscat November 10 / Reuters") or as a short trailing phrase
 *    that holds one ("… group. Office of the Supreme Leader/AP");
 *  - title: the first line, when it reads as a headline (short, several
 *    words, no sentence break inside, and either title case or no final
 *    punctuation); one-word capitalized boilerplate such as
 *    "ADVERTISEMENT" above it is passed over;
 *  - outlet: the host of the url ("www.dailymail.co.uk" → dailymail.co.uk),
 *    the outlet that published the page; else the outlet the text names
 *    at its head, a wire in the dateline ("WASHINGTON (Reuters) -") or
 *    alone ("(CNN) —").
 */
#include "read.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../core/date.h"

typedef struct {
	const char *p;
	size_t n;
} line_t;

static line_t trim(const char *p, size_t n)
{
	while (n && isspace((unsigned char)*p))
		p++, n--;
	while (n && isspace((unsigned char)p[n - 1]))
		n--;
	return (line_t){p, n};
}

/* The first `max` non-blank lines. */
static size_t top_lines(const char *t, size_t len, line_t *out, size_t max)
{
	size_t k = 0, pos = 0;
	while (pos < len && k < max) {
		const char *nl = memchr(t + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - t) : len;
		line_t l = trim(t + pos, end - pos);
		if (l.n)
			out[k++] = l;
		pos = end + 1;
	}
	return k;
}

static void set(ct_doc *doc, ct_meta_key key, const char *p, size_t n)
{
	char *v = ct_xstrndup(p, n);
	ct_doc_set_meta(doc, key, v);
	free(v);
}

static int is_boilerplate(line_t l)
{
	for (size_t i = 0; i < l.n; i++)
		if (!isupper((unsigned char)l.p[i]))
			return 0;
	return 1;
}

static int looks_like_headline(line_t l)
{
	if (l.n < 10 || l.n > 200)
		return 0;
	size_t words = 0, long_words = 0, capitalized = 0;
	for (size_t i = 0; i < l.n; i++) {
		if (i + 2 < l.n && (l.p[i] == '.' || l.p[i] == '!' || l.p[i] == '?') && l.p[i + 1] == ' ' &&
		    isupper((unsigned char)l.p[i + 2]) && i > 1 && islower((unsigned char)l.p[i - 1]))
			return 0; /* a sentence ends inside: body text */
		if ((i == 0 || l.p[i - 1] == ' ') && l.p[i] != ' ') {
			size_t w = i;
			while (w < l.n && l.p[w] != ' ')
				w++;
			words++;
			if (w - i > 3) {
				long_words++;
				capitalized += isupper((unsigned char)l.p[i]) != 0;
			}
		}
	}
	if (words < 2 || words > 30)
		return 0;
	if (!isupper((unsigned char)l.p[0]) && !isdigit((unsigned char)l.p[0]) && l.p[0] != '"' && l.p[0] != '\'')
		return 0;
	int title_case = long_words && capitalized * 10 >= long_words * 6;
	char last = l.p[l.n - 1];
	return title_case || !strchr(".,;:", last);
}

/* Past a " - " or " — " that closes a dateline, up to the space before the story. */
static size_t dash_after(const char *p, size_t n, size_t end)
{
	size_t e = end;
	while (e < n && p[e] == ' ')
		e++;
	if (e < n && (p[e] == '-' || (e + 3 <= n && !memcmp(p + e, "\xE2\x80\x94", 3)))) {
		e += p[e] == '-' ? 1 : 3;
		return e < n && p[e] == ' ' ? e : end;
	}
	return end;
}

/* "PARIS, Sept 15" or "WASHINGTON (Reuters) -" at p; sets fields and
 * returns the bytes the dateline takes (0: none). */
static size_t dateline(ct_doc *doc, const char *p, size_t n, int year)
{
	size_t i = 0;
	while (i < n && (isupper((unsigned char)p[i]) || p[i] == ' ' || p[i] == '.' || p[i] == '-' || p[i] == '\''))
		i++;
	while (i > 0 && p[i - 1] == ' ')
		i--;
	if (i < 3 || i > 40 || !isupper((unsigned char)p[1]))
		return 0;
	size_t place = i;
	if (i + 2 < n && p[i] == ',' && p[i + 1] == ' ') {
		ct_date d;
		size_t k = ct_date_parse(p + i + 2, n - i - 2, &d);
		if (!k)
			return 0;
		set(doc, CT_META_DATELINE, p, place);
		if (!d.y)
			d.y = year;
		char iso[11];
		ct_date_iso(&d, iso);
		if (*iso && !doc->meta[CT_META_PUBLISHED])
			ct_doc_set_meta(doc, CT_META_PUBLISHED, iso);
		return dash_after(p, n, i + 2 + k);
	} else if (i + 2 < n && p[i] == ' ' && p[i + 1] == '(') {
		const char *close = memchr(p + i + 2, ')', n - i - 2);
		if (!close || close - (p + i + 2) > 40)
			return 0;
		set(doc, CT_META_DATELINE, p, place);
		if (!doc->meta[CT_META_CREDIT])
			set(doc, CT_META_CREDIT, p + i + 2, (size_t)(close - (p + i + 2)));
		return dash_after(p, n, (size_t)(close + 1 - p));
	}
	return 0;
}

/* "(CNN) —" opening the text: the outlet's name, its length (0: none),
 * and in *end the bytes the mark takes. */
static size_t outlet_mark(const char *p, size_t n, size_t *end)
{
	if (n < 4 || p[0] != '(')
		return 0;
	const char *close = memchr(p + 1, ')', n - 1 < 32 ? n - 1 : 32);
	if (!close || close == p + 1 || !isupper((unsigned char)p[1]))
		return 0;
	size_t e = (size_t)(close + 1 - p);
	size_t d = dash_after(p, n, e);
	if (d == e)
		return 0;
	*end = d;
	return (size_t)(close - p - 1);
}

/* The host of a url, without "www." (0 when it has none). */
static size_t url_host(const char *url, const char **host)
{
	const char *h = strstr(url, "://");
	h = h ? h + 3 : url;
	if (!strncmp(h, "www.", 4))
		h += 4;
	size_t n = strcspn(h, "/:?#");
	*host = h;
	return n && memchr(h, '.', n) ? n : 0;
}

/* A credit at the end of line l, or nothing. */
static int credit(line_t l, line_t *out)
{
	const char *slash = NULL;
	for (size_t i = l.n; i > 0 && l.n - i < 60; i--)
		if (l.p[i - 1] == '/') {
			slash = l.p + i - 1;
			break;
		}
	if (!slash)
		return 0;
	const char *end = l.p + l.n;
	line_t after = trim(slash + 1, (size_t)(end - slash - 1));
	if (!after.n || after.n > 40 || !isupper((unsigned char)after.p[0]))
		return 0;
	for (size_t i = 0; i < after.n; i++)
		if (after.p[i] == '.' || after.p[i] == ',')
			return 0;
	if (slash > l.p && slash[-1] == ' ') {
		*out = after; /* "caption / Reuters" */
		return 1;
	}
	/* "… group. Office of the Supreme Leader/AP": back to the sentence end. */
	const char *s = slash;
	while (s > l.p && !(s[-1] == ' ' && s - 2 >= l.p && strchr(".!?\"", s[-2])))
		s--;
	if (s == l.p || slash - s > 60 || !isupper((unsigned char)*s))
		return 0;
	*out = (line_t){s, (size_t)(end - s)};
	return 1;
}

static int date_only(line_t l, ct_date *d)
{
	char iso[11];
	size_t k = ct_date_parse(l.p, l.n, d);
	ct_date_iso(d, iso);
	return k == l.n && *iso;
}

void ct_meta_infer(ct_doc *doc)
{
	line_t ls[12];
	size_t n = top_lines(doc->raw, doc->raw_len, ls, 12);
	if (!n)
		return;
	int year = 0;
	const char *pub = doc->meta[CT_META_PUBLISHED];
	if (pub && strlen(pub) >= 4 && isdigit((unsigned char)pub[0]))
		year = atoi(pub);
	ct_date d;
	for (size_t i = 0; i < n && !doc->meta[CT_META_PUBLISHED]; i++) {
		if (date_only(ls[i], &d)) {
			char iso[11];
			ct_date_iso(&d, iso);
			ct_doc_set_meta(doc, CT_META_PUBLISHED, iso);
			year = d.y;
		}
	}

	/* Boilerplate, then perhaps a headline, then perhaps a date line: the
	 * body starts after them. */
	size_t i = 0;
	while (i + 1 < n && is_boilerplate(ls[i]))
		i++;
	int has_date_marker = ls[i].n > 16 && !strncmp(ls[i].p, "date ", 5);
	if (!has_date_marker && i + 1 < n && looks_like_headline(ls[i])) {
		if (!doc->meta[CT_META_TITLE])
			set(doc, CT_META_TITLE, ls[i].p, ls[i].n);
		i++;
	}
	while (i + 1 < n && date_only(ls[i], &d))
		i++;

	/* " date 2014-09-15 PARIS, Sept 15 The …" */
	const char *body = ls[i].p;
	size_t body_n = (size_t)(doc->raw + doc->raw_len - body);
	if (body_n > 16 && !strncmp(body, "date ", 5)) {
		size_t k = ct_date_parse(body + 5, body_n - 5, &d);
		char iso[11];
		ct_date_iso(&d, iso);
		if (k && *iso) {
			if (!doc->meta[CT_META_PUBLISHED])
				ct_doc_set_meta(doc, CT_META_PUBLISHED, iso);
			year = d.y;
			body += 5 + k;
			body_n -= 5 + k;
			while (body_n && *body == ' ')
				body++, body_n--;
			doc->header_end = (size_t)(body - doc->raw) - 1;
		}
	}
	size_t dl = dateline(doc, body, body_n < 120 ? body_n : 120, year), mark_end = 0;
	size_t mark = dl ? 0 : outlet_mark(body, body_n < 120 ? body_n : 120, &mark_end);
	if (dl)
		doc->header_end = (size_t)(body - doc->raw) + dl;
	else if (mark)
		doc->header_end = (size_t)(body - doc->raw) + mark_end;
	if (!doc->meta[CT_META_OUTLET]) {
		const char *h;
		size_t hn = doc->meta[CT_META_URL] ? url_host(doc->meta[CT_META_URL], &h) : 0;
		if (hn) {
			char *low = ct_xstrndup(h, hn);
			for (char *c = low; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			ct_doc_set_meta(doc, CT_META_OUTLET, low);
			free(low);
			doc->outlet_from = 2;
		} else if (mark) {
			set(doc, CT_META_OUTLET, body + 1, mark);
			doc->outlet_from = 1;
		} else if (dl && doc->meta[CT_META_DATELINE] && doc->meta[CT_META_CREDIT] && strchr(body, '(') &&
			   strchr(body, '(') - body < (long)dl) {
			ct_doc_set_meta(doc, CT_META_OUTLET, doc->meta[CT_META_CREDIT]); /* the wire of the dateline */
			doc->outlet_from = 1;
		}
	}

	if (!doc->meta[CT_META_CREDIT]) {
		for (size_t k = 0; k < n; k++) {
			line_t c;
			if (credit(ls[k], &c)) {
				set(doc, CT_META_CREDIT, c.p, c.n);
				break;
			}
		}
	}
}
