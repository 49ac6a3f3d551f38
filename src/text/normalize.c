/*
 * normalize.c — raw bytes to normalized text, keeping the way back.
 *
 * Method. Two passes over the input.
 *
 * 1. Hard wrap. Wire copy is often wrapped at a fixed width, one paragraph
 *    spread over many lines. A block of consecutive non-blank lines is taken
 *    as wrapped when it has at least three lines, none longer than 120
 *    characters, and most of its lines (all but the last) fill at least
 *    60% of the longest. Inside such a block a line break is kept as a
 *    paragraph break only where a sentence ends the line (. ! ? and any
 *    closing quotes or brackets) and the next line opens like a sentence
 *    (a capital or digit, perhaps after an opening quote); elsewhere it
 *    becomes a space, or disappears after a word broken by a hyphen. The
 *    simpler test "the next word would have fitted on the line" fails on
 *    real wire copy, which is not always wrapped greedily.
 *
 * 2. Characters. Invalid UTF-8 and NUL bytes become U+FFFD (counted);
 *    CR LF and CR become LF; other control characters a space; quotation
 *    marks, dashes, spaces and invisibles their canonical form
 *    (ct_norm_canonical), '' and `` a double quotation mark; and a code
 *    point that may compose or reorder is normalized to NFC together with
 *    the base it leans on.
 *
 * Every place where a length changes records map points at both edges
 * (doc.h), plus a point every 256 bytes so that character offsets are
 * cheap to count (a few percent of the text in memory).
 */
#include "normalize.h"

#include <string.h>
#include <utf8proc.h>

enum { JOIN_SPACE = 1, JOIN_DELETE };

typedef struct {
	uint32_t off; /* the raw offset of the '\n' */
	uint32_t del; /* bytes deleted from there (JOIN_DELETE) */
	uint8_t how;
} join;

typedef struct {
	join *v;
	size_t n, cap;
} join_list;

typedef struct {
	size_t start, end;  /* raw bytes of the line, without the '\n' */
	size_t tstart, tend; /* trimmed */
	size_t chars;        /* trimmed length in code points */
} line_info;

static int is_hspace(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static size_t count_chars(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* Closing and opening quotation marks and brackets, ASCII or not. */
static size_t closer_before(const char *raw, size_t start, size_t end)
{
	if (end > start && strchr("\"')]", raw[end - 1]))
		return 1;
	if (end >= start + 3 && !memcmp(raw + end - 3, "\xE2\x80", 2) &&
	    ((unsigned char)raw[end - 1] == 0x9D || (unsigned char)raw[end - 1] == 0x99))
		return 3;
	return 0;
}

static size_t opener_at(const char *raw, size_t start, size_t end)
{
	if (start < end && strchr("\"'([", raw[start]))
		return 1;
	if (start + 3 <= end && !memcmp(raw + start, "\xE2\x80", 2) &&
	    ((unsigned char)raw[start + 2] == 0x9C || (unsigned char)raw[start + 2] == 0x98))
		return 3;
	return 0;
}

static int ends_sentence(const char *raw, const line_info *l)
{
	size_t e = l->tend, k;
	while ((k = closer_before(raw, l->tstart, e)) > 0)
		e -= k;
	return e > l->tstart && strchr(".!?", raw[e - 1]);
}

static int opens_sentence(const char *raw, const line_info *l)
{
	size_t s = l->tstart, k;
	while ((k = opener_at(raw, s, l->tend)) > 0)
		s += k;
	if (s >= l->tend)
		return 0;
	unsigned char c = (unsigned char)raw[s];
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static int is_ascii_alpha(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static void wrap_block(const char *raw, const line_info *ls, size_t n, join_list *out)
{
	if (n < 3)
		return;
	size_t width = 0;
	for (size_t i = 0; i < n; i++)
		if (ls[i].chars > width)
			width = ls[i].chars;
	if (width > 120 || width < 20)
		return;
	size_t full = 0;
	for (size_t i = 0; i + 1 < n; i++)
		full += ls[i].chars * 10 >= width * 6;
	if (full * 10 < (n - 1) * 7)
		return;
	for (size_t i = 0; i + 1 < n; i++) {
		const line_info *l = &ls[i], *next = &ls[i + 1];
		if (ends_sentence(raw, l) && opens_sentence(raw, next))
			continue; /* a paragraph break */
		join j = {(uint32_t)l->end, 0, JOIN_SPACE};
		unsigned char last = l->tend > l->tstart ? (unsigned char)raw[l->tend - 1] : 0;
		unsigned char before = l->tend - l->tstart > 1 ? (unsigned char)raw[l->tend - 2] : 0;
		unsigned char first = (unsigned char)raw[next->tstart];
		if (last == '-' && is_ascii_alpha(before) && first >= 'a' && first <= 'z' &&
		    l->tend == l->end) {
			j.how = JOIN_DELETE;
			j.del = (uint32_t)(next->tstart - l->end - 1);
		}
		ct_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v);
		out->v[out->n++] = j;
	}
}

/* Pass 1: the line breaks to join. */
static void find_joins(const char *raw, size_t len, join_list *out)
{
	line_info *ls = NULL;
	size_t n = 0, cap = 0;
	size_t pos = 0;
	while (pos <= len) {
		const char *nl = memchr(raw + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - raw) : len;
		line_info l = {pos, end, pos, end, 0};
		while (l.tstart < l.tend && is_hspace((unsigned char)raw[l.tstart]))
			l.tstart++;
		while (l.tend > l.tstart && is_hspace((unsigned char)raw[l.tend - 1]))
			l.tend--;
		if (l.tend == l.tstart) {
			wrap_block(raw, ls, n, out);
			n = 0;
		} else {
			l.chars = count_chars(raw + l.tstart, l.tend - l.tstart);
			ct_grow((void **)&ls, &cap, n + 1, sizeof *ls);
			ls[n++] = l;
		}
		if (!nl)
			break;
		pos = end + 1;
	}
	wrap_block(raw, ls, n, out);
	free(ls);
}

const char *ct_norm_canonical(int32_t cp)
{
	switch (cp) {
	case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
	case 0x2033: case 0x301D: case 0x301E: case 0xFF02:
		return "\"";
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0xFF07:
		return "'";
	case 0x2010: case 0x2011: case 0x2212: case 0xFE63: case 0xFF0D:
		return "-";
	case 0x2012: case 0x2013: case 0x2015: case 0x2E3A: case 0x2E3B: case 0xFE58:
		return "\xE2\x80\x94"; /* — */
	case 0x2026:
		return "...";
	case 0x00A0: case 0x1680: case 0x2000: case 0x2001: case 0x2002: case 0x2003:
	case 0x2004: case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009:
	case 0x200A: case 0x202F: case 0x205F: case 0x3000:
		return " ";
	case 0x0085: case 0x2028: case 0x2029:
		return "\n";
	case 0x00AD: case 0x200B: case 0x2060: case 0xFEFF:
		return "";
	default:
		return NULL;
	}
}

/* Does this code point attach to the one before it? */
static int combining(int32_t cp)
{
	const utf8proc_property_t *p = utf8proc_get_property(cp);
	return p->combining_class || p->category == UTF8PROC_CATEGORY_MN ||
	       p->category == UTF8PROC_CATEGORY_MC || p->category == UTF8PROC_CATEGORY_ME ||
	       (cp >= 0x1160 && cp <= 0x11FF);
}

/* May this code point change under NFC, alone or with its neighbour? */
static int nfc_sensitive(int32_t cp)
{
	const utf8proc_property_t *p = utf8proc_get_property(cp);
	if (p->combining_class || p->category == UTF8PROC_CATEGORY_MN ||
	    p->category == UTF8PROC_CATEGORY_MC)
		return 1;
	if (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0)
		return 1; /* a canonical decomposition: singletons such as U+212B */
	return (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xA960 && cp <= 0xA97F) ||
	       (cp >= 0xD7B0 && cp <= 0xD7FF);
}

typedef struct {
	ct_doc *doc;
	ct_buf out;
	uint32_t ch;       /* input characters consumed */
	size_t last_point; /* doc->text offset of the last map point */
	int non_ascii;     /* a non-ASCII input byte since the last point */
} norm_state;

static void add_point(norm_state *s, size_t norm, size_t in, uint32_t ch)
{
	ct_doc *d = s->doc;
	if (d->nomap) {
		ct_omap_pt *p = &d->omap[d->nomap - 1];
		if (p->norm == norm && p->in == in)
			return;
		p->ascii = !s->non_ascii;
	}
	s->non_ascii = 0;
	ct_grow((void **)&d->omap, &d->omap_cap, d->nomap + 1, sizeof *d->omap);
	d->omap[d->nomap++] = (ct_omap_pt){(uint32_t)norm, (uint32_t)in, ch, 0};
	s->last_point = norm;
}

/* Replaces input [in, in+inlen) (inch characters) by `rep`. */
static void replace(norm_state *s, size_t in, size_t inlen, uint32_t inch, const char *rep,
		    size_t replen)
{
	add_point(s, s->out.len, in, s->ch);
	ct_buf_add(&s->out, rep, replen);
	s->ch += inch;
	add_point(s, s->out.len, in + inlen, s->ch);
}

/*
 * NFC of the cluster starting at input `in`, which begins with a sensitive
 * code point; the base before it (already written, `prev_*`) joins when it
 * was copied as it was. Returns the input bytes consumed.
 */
static size_t nfc_cluster(norm_state *s, const char *raw, size_t len, size_t in, size_t prev_out,
			  size_t prev_in, int prev_ok)
{
	size_t end = in;
	while (end < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k =
			utf8proc_iterate((const utf8proc_uint8_t *)raw + end, (utf8proc_ssize_t)(len - end), &cp);
		if (k <= 0 || (end > in && !combining(cp)))
			break;
		end += (size_t)k;
	}
	size_t from = prev_ok ? prev_in : in;
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)raw + from, (utf8proc_ssize_t)(end - from),
					  &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	uint32_t chars = (uint32_t)count_chars(raw + in, end - in);
	if (n < 0 || ((size_t)n == end - from && !memcmp(nfc, raw + from, end - from))) {
		ct_buf_add(&s->out, raw + in, end - in);
		s->ch += chars;
	} else {
		/* Take back the base and write the composed cluster in its place. */
		uint32_t base_chars = prev_ok ? (uint32_t)count_chars(raw + prev_in, in - prev_in) : 0;
		s->out.len = prev_ok ? prev_out : s->out.len;
		s->ch -= base_chars;
		replace(s, from, end - from, base_chars + chars, (const char *)nfc, (size_t)n);
	}
	free(nfc);
	return end - in;
}

/* Two apostrophes or two backquotes stand for a double quotation mark in
 * some archives (the New York Times writes ''…''; typewriter and TeX style
 * open with ``): without this the quotation would be invisible. */
static int ascii_dquote(const char *raw, size_t len, size_t i)
{
	return i + 1 < len && (raw[i] == '\'' || raw[i] == '`') && raw[i + 1] == raw[i];
}

/* A leading date marker and dateline ("PARIS, Sept 15") become a paragraph
 * of their own, so the first sentence of the story starts clean. */
static void header_break(ct_doc *doc, ct_buf *out)
{
	const ct_omap_pt *p = doc->omap;
	for (size_t k = 0; k < doc->nomap && doc->omap[k].in <= doc->header_end; k++)
		p = &doc->omap[k];
	size_t norm = p->norm + (doc->header_end - p->in);
	if (norm < out->len && out->data[norm] == ' ')
		out->data[norm] = '\n';
}

int ct_norm_run(const ct_ctx *ctx, ct_doc *doc)
{
	const char *raw = doc->raw;
	size_t len = doc->raw_len;
	if (len > ctx->max_article)
		return CT_ETOOBIG;
	join_list joins = {0};
	find_joins(raw, len, &joins);

	norm_state s = {doc, {0}, 0, 0, 0};
	ct_buf_reserve(&s.out, len + 16);
	doc->nomap = 0;
	add_point(&s, 0, 0, 0);
	size_t j = 0;
	size_t first_bad = SIZE_MAX;
	size_t prev_out = 0, prev_in = 0;
	int prev_ok = 0; /* the last code point was copied unchanged */
	size_t i = 0;
	while (i < len) {
		if (s.out.len - s.last_point >= 256)
			add_point(&s, s.out.len, i, s.ch);
		unsigned char c = (unsigned char)raw[i];
		if (ascii_dquote(raw, len, i)) {
			replace(&s, i, 2, 2, "\"", 1);
			prev_ok = 0;
			i += 2;
			continue;
		}
		if (c >= 0x20 && c < 0x7F) {
			/* The common case: a run of printable ASCII, copied at once. */
			size_t k = i + 1;
			while (k < len && (unsigned char)raw[k] >= 0x20 && (unsigned char)raw[k] < 0x7F &&
			       !ascii_dquote(raw, len, k))
				k++;
			prev_out = s.out.len + (k - i - 1);
			prev_in = k - 1;
			prev_ok = 1;
			ct_buf_add(&s.out, raw + i, k - i);
			s.ch += (uint32_t)(k - i);
			i = k;
			continue;
		}
		/* A composing mark may lean on the code point before it, when that
		 * was copied as it was and no map point has been set since. */
		int base_ok = prev_ok && s.last_point <= prev_out;
		prev_ok = 0;
		if (c == '\n') {
			while (j < joins.n && joins.v[j].off < i)
				j++;
			if (j < joins.n && joins.v[j].off == i) {
				if (joins.v[j].how == JOIN_SPACE) {
					ct_buf_addc(&s.out, ' ');
					s.ch++;
					i++;
				} else {
					size_t del = 1 + joins.v[j].del;
					replace(&s, i, del, (uint32_t)count_chars(raw + i, del), "", 0);
					i += del;
				}
				continue;
			}
			ct_buf_addc(&s.out, '\n');
			s.ch++;
			i++;
			continue;
		}
		if (c == '\r') {
			if (i + 1 < len && raw[i + 1] == '\n')
				replace(&s, i, 1, 1, "", 0);
			else {
				ct_buf_addc(&s.out, '\n');
				s.ch++;
			}
			i++;
			continue;
		}
		if (c < 0x80) {
			if (c == 0) {
				if (first_bad == SIZE_MAX)
					first_bad = i;
				doc->n_replaced++;
				replace(&s, i, 1, 1, "\xEF\xBF\xBD", 3);
			} else {
				ct_buf_addc(&s.out, ' '); /* tab and other controls */
				s.ch++;
			}
			i++;
			continue;
		}
		s.non_ascii = 1;
		utf8proc_int32_t cp;
		utf8proc_ssize_t k =
			utf8proc_iterate((const utf8proc_uint8_t *)raw + i, (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0 || cp == 0xFFFE || cp == 0xFFFF) {
			if (first_bad == SIZE_MAX)
				first_bad = i;
			doc->n_replaced++;
			replace(&s, i, 1, 1, "\xEF\xBF\xBD", 3);
			i++;
			continue;
		}
		const char *canon = ct_norm_canonical(cp);
		if (canon) {
			replace(&s, i, (size_t)k, 1, canon, strlen(canon));
			i += (size_t)k;
			continue;
		}
		if (nfc_sensitive(cp)) {
			i += nfc_cluster(&s, raw, len, i, prev_out, prev_in, base_ok);
			continue;
		}
		if (cp >= 0x80 && cp < 0xA0) {
			ct_buf_addc(&s.out, ' '); /* C1 controls */
			s.ch++;
			i += (size_t)k;
			continue;
		}
		prev_out = s.out.len;
		prev_in = i;
		prev_ok = 1;
		ct_buf_add(&s.out, raw + i, (size_t)k);
		s.ch++;
		i += (size_t)k;
	}
	add_point(&s, s.out.len, len, s.ch);
	free(joins.v);
	if (doc->header_end)
		header_break(doc, &s.out);
	ct_buf_reserve(&s.out, 0);
	doc->text = s.out.data;
	doc->text_len = s.out.len;
	if (first_bad != SIZE_MAX) {
		long line = doc->line;
		if (doc->text_is_file)
			for (size_t b = 0; b < first_bad; b++)
				line += raw[b] == '\n';
		const char *path = doc->meta[CT_META_PATH] ? doc->meta[CT_META_PATH] : "-";
		ct_doc_warn(doc, "%s:%ld: %zu invalid or NUL byte%s replaced by U+FFFD", path, line,
			    doc->n_replaced, doc->n_replaced == 1 ? "" : "s");
	}
	return 0;
}
