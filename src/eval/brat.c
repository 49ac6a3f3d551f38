/*
 * brat.c — reading and writing brat standoff (.ann) in PolNeAR's scheme.
 *
 * Method. The reader makes one pass over the lines, parsing T lines into
 * typed spans and keeping E lines aside, then resolves the E lines once
 * every T is known, because annotators' files refer forward (an E line may
 * name a T written after it). The covered text after a T line's second tab
 * is never trusted — the offsets are the annotation — but its length is
 * used for one thing: brat writes a span that holds a newline over several
 * lines, so while the text seen so far is shorter than the span, a
 * following line that does not look like an annotation is taken as more of
 * it. Everything else that is not a brat line is an error naming file:line,
 * so a truncated or foreign file is caught instead of scoring as empty.
 *
 * The writer emits each attribution as PolNeAR's annotators did — Source,
 * Cue, Content, then the Attribution anchor on the cue and the E line tying
 * them — so its files read back through the same reader and score with the
 * same scorer as the gold files.
 */
#include "brat.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "claimtrace.h"

static const char *const type_names[CT_BRAT_NTYPES] = {
	"Source", "Cue", "Content", "Attribution", "Attribution-no-source", "Discuss", "Discard",
};

const char *ct_brat_type_name(ct_brat_type type)
{
	return (unsigned)type < CT_BRAT_NTYPES ? type_names[type] : "?";
}

static int fail(char *err, size_t errsize, const char *name, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int fail(char *err, size_t errsize, const char *name, size_t line, const char *fmt, ...)
{
	if (!err || !errsize)
		return CT_EFORMAT;
	int n = line ? snprintf(err, errsize, "%s:%zu: ", name, line) : snprintf(err, errsize, "%s: ", name);
	if (n < 0 || (size_t)n >= errsize)
		n = 0;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err + n, errsize - (size_t)n, fmt, ap);
	va_end(ap);
	return CT_EFORMAT;
}

/* ---- reading ---------------------------------------------------------- */

/* Code points in s[0..n), an invalid byte counting as one. */
static size_t count_chars(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* A decimal number of at most 10 digits that fits 32 bits; advances *p. */
static int parse_u32(const char **p, const char *end, uint32_t *v)
{
	const char *s = *p;
	uint64_t x = 0;
	int nd = 0;
	while (s < end && *s >= '0' && *s <= '9' && nd < 11) {
		x = x * 10 + (uint64_t)(*s - '0');
		s++;
		nd++;
	}
	if (!nd || nd > 10 || x > UINT32_MAX)
		return -1;
	*p = s;
	*v = (uint32_t)x;
	return 0;
}

/* Does the line begin like a brat annotation: an id letter, digits, a tab
 * (notes "#1", equivalences "*" may have no digits)? */
static int looks_like_annotation(const char *s, size_t n)
{
	if (!n || !strchr("TERAMN#*", s[0]))
		return 0;
	size_t i = 1;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 1 && s[0] != '#' && s[0] != '*')
		return 0;
	return i < n && s[i] == '\t';
}

static int type_from(const char *s, size_t n, ct_brat_type *t)
{
	for (int i = 0; i < CT_BRAT_NTYPES; i++)
		if (strlen(type_names[i]) == n && !memcmp(s, type_names[i], n)) {
			*t = (ct_brat_type)i;
			return 0;
		}
	if (n == 8 && !memcmp(s, "Content2", 8)) {
		*t = CT_BRAT_CONTENT;
		return 0;
	}
	return -1;
}

/* An E line's argument, resolved after all lines are read. */
typedef struct {
	int role; /* CT_BRAT_SOURCE, _CUE or _CONTENT */
	uint32_t suffix; /* the number after the role name; 0 when none */
	uint32_t tid;
} e_arg;

typedef struct {
	size_t line;
	int nosrc;
	uint32_t anchor;
	size_t first, n; /* into the e_arg array */
} e_line;

typedef struct {
	ct_brat_doc *doc;
	size_t tbcap;
	e_line *es;
	size_t nes, escap;
	e_arg *args;
	size_t nargs, argcap;
	ct_table ids; /* "T12" → index into doc->tbs */
	const char *name;
	char *err;
	size_t errsize;
} parser;

static int parse_t(parser *ps, size_t line, const char *s, size_t n, long long *pending)
{
	const char *p = s + 1, *end = s + n;
	uint32_t id;
	if (parse_u32(&p, end, &id) || p >= end || *p != '\t')
		return fail(ps->err, ps->errsize, ps->name, line, "bad T id");
	p++;
	const char *tn = p;
	while (p < end && *p != ' ' && *p != '\t')
		p++;
	ct_brat_type type;
	if (type_from(tn, (size_t)(p - tn), &type))
		return fail(ps->err, ps->errsize, ps->name, line, "unknown span type '%.*s'", (int)(p - tn), tn);
	if (p >= end || *p != ' ')
		return fail(ps->err, ps->errsize, ps->name, line, "no offsets after the type");
	p++;
	ct_brat_range tmp[64];
	ct_brat_range *r = tmp;
	size_t nr = 0, rcap = 64;
	long long total = 0;
	int rc = 0;
	for (;;) {
		uint32_t a, b;
		int bad = parse_u32(&p, end, &a) || p >= end || *p != ' ';
		if (!bad) {
			p++;
			bad = parse_u32(&p, end, &b);
		}
		if (bad) {
			rc = fail(ps->err, ps->errsize, ps->name, line, "bad offsets (expected 'START END', ';' between parts)");
			goto out;
		}
		if (a >= b) {
			rc = fail(ps->err, ps->errsize, ps->name, line, "empty or reversed range %u %u", a, b);
			goto out;
		}
		if (nr == rcap) {
			/* Rare: more than 64 parts. Move to the heap and double. */
			ct_brat_range *big = ct_xmalloc(2 * rcap * sizeof *big);
			memcpy(big, r, nr * sizeof *r);
			if (r != tmp)
				free(r);
			r = big;
			rcap *= 2;
		}
		r[nr++] = (ct_brat_range){a, b};
		total += b - a;
		if (p < end && *p == ';') {
			p++;
			continue;
		}
		break;
	}
	if (p < end && *p != '\t') {
		rc = fail(ps->err, ps->errsize, ps->name, line, "unexpected '%c' after the offsets", *p);
		goto out;
	}
	char key[16];
	int kl = snprintf(key, sizeof key, "T%u", id);
	int dummy;
	if (ct_table_get(&ps->ids, key, (size_t)kl, &dummy)) {
		rc = fail(ps->err, ps->errsize, ps->name, line, "T%u defined twice", id);
		goto out;
	}
	ct_brat_doc *doc = ps->doc;
	ct_grow((void **)&doc->tbs, &ps->tbcap, doc->ntb + 1, sizeof *doc->tbs);
	ct_brat_range *keep = ct_arena_alloc(&doc->arena, nr * sizeof *keep);
	memcpy(keep, r, nr * sizeof *r);
	doc->tbs[doc->ntb] = (ct_brat_tb){type, {keep, nr}, (uint32_t)line, id};
	ct_table_put(&ps->ids, key, (size_t)kl, (int)doc->ntb);
	doc->ntb++;
	/* brat joins the parts' text with one space; what is missing from the
	 * covered text continues on the lines that follow. */
	if (p < end) {
		p++;
		*pending = total + (long long)nr - 1 - (long long)count_chars(p, (size_t)(end - p));
	}
out:
	if (r != tmp)
		free(r);
	return rc;
}

static int role_from(const char *s, size_t n, int *role, uint32_t *suffix)
{
	size_t k = n;
	while (k > 0 && s[k - 1] >= '0' && s[k - 1] <= '9')
		k--;
	*suffix = 0;
	if (k < n) {
		const char *q = s + k;
		if (parse_u32(&q, s + n, suffix))
			return -1;
	}
	if (k == 6 && !memcmp(s, "Source", 6))
		*role = CT_BRAT_SOURCE;
	else if (k == 3 && !memcmp(s, "Cue", 3))
		*role = CT_BRAT_CUE;
	else if (k == 7 && !memcmp(s, "Content", 7))
		*role = CT_BRAT_CONTENT;
	else
		return -1;
	return 0;
}

/* "Name:T12" at *p (up to a space or the end); advances *p. */
static int parse_arg(const char **p, const char *end, const char **nm, size_t *nl, uint32_t *tid)
{
	const char *s = *p;
	*nm = s;
	while (s < end && *s != ':' && *s != ' ')
		s++;
	if (s >= end || *s != ':' || s == *nm)
		return -1;
	*nl = (size_t)(s - *nm);
	s++;
	if (s >= end || *s != 'T')
		return -1;
	s++;
	if (parse_u32(&s, end, tid))
		return -1;
	if (s < end && *s != ' ')
		return -1;
	*p = s;
	return 0;
}

static int parse_e(parser *ps, size_t line, const char *s, size_t n)
{
	const char *p = s + 1, *end = s + n;
	uint32_t id;
	if (parse_u32(&p, end, &id) || p >= end || *p != '\t')
		return fail(ps->err, ps->errsize, ps->name, line, "bad E id");
	p++;
	const char *nm;
	size_t nl;
	uint32_t tid;
	if (parse_arg(&p, end, &nm, &nl, &tid))
		return fail(ps->err, ps->errsize, ps->name, line, "expected 'Attribution:T…' after the id");
	e_line e = {line, 0, tid, ps->nargs, 0};
	if (nl == 11 && !memcmp(nm, "Attribution", 11))
		e.nosrc = 0;
	else if (nl == 21 && !memcmp(nm, "Attribution-no-source", 21))
		e.nosrc = 1;
	else
		return fail(ps->err, ps->errsize, ps->name, line, "unknown event type '%.*s'", (int)nl, nm);
	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p >= end)
			break;
		if (parse_arg(&p, end, &nm, &nl, &tid))
			return fail(ps->err, ps->errsize, ps->name, line, "bad argument (expected 'Role:T…')");
		e_arg a = {0, 0, tid};
		if (role_from(nm, nl, &a.role, &a.suffix))
			return fail(ps->err, ps->errsize, ps->name, line, "unknown role '%.*s'", (int)nl, nm);
		ct_grow((void **)&ps->args, &ps->argcap, ps->nargs + 1, sizeof *ps->args);
		ps->args[ps->nargs++] = a;
		e.n++;
	}
	ct_grow((void **)&ps->es, &ps->escap, ps->nes + 1, sizeof *ps->es);
	ps->es[ps->nes++] = e;
	return 0;
}

static int lookup(parser *ps, size_t line, uint32_t tid, const ct_brat_tb **tb)
{
	char key[16];
	int kl = snprintf(key, sizeof key, "T%u", tid), i;
	if (!ct_table_get(&ps->ids, key, (size_t)kl, &i))
		return fail(ps->err, ps->errsize, ps->name, line, "T%u is not defined", tid);
	*tb = &ps->doc->tbs[i];
	return 0;
}

/* The ranges of every argument of `e` in `role` — for content, the parts
 * without a number (or numbered 1) before Content2, Content3, … */
static int gather(parser *ps, const e_line *e, int role, ct_brat_span *out)
{
	size_t total = 0, nargs = 0;
	const ct_brat_tb *only = NULL;
	for (size_t i = 0; i < e->n; i++) {
		const e_arg *a = &ps->args[e->first + i];
		if (a->role != role)
			continue;
		const ct_brat_tb *tb = NULL; /* set by lookup; gcc -O3 cannot tell */
		int rc = lookup(ps, e->line, a->tid, &tb);
		if (rc)
			return rc;
		total += tb->span.n;
		only = tb;
		nargs++;
	}
	if (nargs <= 1) {
		*out = only ? only->span : (ct_brat_span){NULL, 0};
		return 0;
	}
	ct_brat_range *r = ct_arena_alloc(&ps->doc->arena, total * sizeof *r);
	size_t k = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < e->n; i++) {
			const e_arg *a = &ps->args[e->first + i];
			if (a->role != role || (a->suffix > 1) != pass)
				continue;
			const ct_brat_tb *tb = NULL;
			lookup(ps, e->line, a->tid, &tb);
			memcpy(r + k, tb->span.r, tb->span.n * sizeof *r);
			k += tb->span.n;
		}
	*out = (ct_brat_span){r, k};
	return 0;
}

static int resolve(parser *ps)
{
	ct_brat_doc *doc = ps->doc;
	doc->atts = ct_xcalloc(ps->nes, sizeof *doc->atts);
	for (size_t i = 0; i < ps->nes; i++) {
		const e_line *e = &ps->es[i];
		const ct_brat_tb *anchor = NULL;
		int rc = lookup(ps, e->line, e->anchor, &anchor);
		if (rc)
			return rc;
		ct_brat_att *att = &doc->atts[doc->natt];
		*att = (ct_brat_att){.line = (uint32_t)e->line, .flags = e->nosrc ? CT_BRAT_NO_SOURCE : 0};
		if ((rc = gather(ps, e, CT_BRAT_SOURCE, &att->source)) ||
		    (rc = gather(ps, e, CT_BRAT_CUE, &att->cue)) ||
		    (rc = gather(ps, e, CT_BRAT_CONTENT, &att->content)))
			return rc;
		for (size_t k = 0; k < e->n; k++)
			if (ps->args[e->first + k].role == CT_BRAT_CONTENT && ps->args[e->first + k].suffix > 1)
				att->flags |= CT_BRAT_CONTENT2;
		if (!att->cue.n) {
			att->cue = anchor->span;
			att->flags |= CT_BRAT_CUE_ANCHOR;
		}
		doc->natt++;
	}
	return 0;
}

int ct_brat_parse(ct_brat_doc **out, const char *data, size_t len, const char *name, char *err,
		  size_t errsize)
{
	*out = NULL;
	if (err && errsize)
		err[0] = 0;
	parser ps = {.doc = ct_xcalloc(1, sizeof *ps.doc), .name = name ? name : "-", .err = err,
		     .errsize = errsize};
	long long pending = 0; /* characters of a T line's covered text still to come */
	int rc = 0;
	size_t line = 0;
	for (size_t pos = 0; pos < len && !rc;) {
		const char *s = data + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		pos += n + (nl != NULL);
		line++;
		if (n && s[n - 1] == '\r')
			n--;
		if (pending > 0 && !looks_like_annotation(s, n)) {
			pending -= 1 + (long long)count_chars(s, n);
			continue;
		}
		pending = 0;
		size_t k = 0;
		while (k < n && (s[k] == ' ' || s[k] == '\t'))
			k++;
		if (k == n)
			continue;
		if (memchr(s, '\0', n)) {
			rc = fail(err, errsize, ps.name, line, "NUL byte (not a text file)");
			break;
		}
		if (!looks_like_annotation(s, n)) {
			rc = fail(err, errsize, ps.name, line, "not a brat annotation line: '%.*s'", n > 40 ? 40 : (int)n, s);
			break;
		}
		if (s[0] == 'T')
			rc = parse_t(&ps, line, s, n, &pending);
		else if (s[0] == 'E')
			rc = parse_e(&ps, line, s, n);
		/* #, A, M, R, N, *: notes and relations PolNeAR does not use for
		 * attribution; skipped. */
	}
	if (!rc)
		rc = resolve(&ps);
	free(ps.es);
	free(ps.args);
	ct_table_free(&ps.ids);
	if (rc) {
		ct_brat_doc_free(ps.doc);
		return rc;
	}
	*out = ps.doc;
	return 0;
}

int ct_brat_read(ct_brat_doc **out, const char *path, char *err, size_t errsize)
{
	*out = NULL;
	FILE *f = fopen(path, "rb");
	if (!f) {
		fail(err, errsize, path, 0, "cannot open");
		return CT_EIO;
	}
	ct_buf b = {0};
	char chunk[65536];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		ct_buf_add(&b, chunk, got);
	int bad = ferror(f);
	fclose(f);
	int rc;
	if (bad) {
		fail(err, errsize, path, 0, "read error");
		rc = CT_EIO;
	} else {
		rc = ct_brat_parse(out, b.data ? b.data : "", b.len, path, err, errsize);
	}
	ct_buf_free(&b);
	return rc;
}

void ct_brat_doc_free(ct_brat_doc *doc)
{
	if (!doc)
		return;
	free(doc->tbs);
	free(doc->atts);
	ct_arena_free(&doc->arena);
	free(doc);
}

/* ---- writing ---------------------------------------------------------- */

typedef struct {
	const char *text;
	size_t len;
	size_t *byte; /* byte offset of each character, and of the end */
	size_t nchars;
} text_map;

/* Decodes as the scorer does (utf8proc; an invalid byte is one character),
 * so that offsets written here mean the same characters there. */
static void map_text(text_map *m, const char *text, size_t len)
{
	m->text = text;
	m->len = len;
	m->byte = ct_xmalloc((len + 1) * sizeof *m->byte);
	size_t c = 0;
	for (size_t i = 0; i < len;) {
		int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &cp);
		m->byte[c++] = i;
		i += k > 0 ? (size_t)k : 1;
	}
	m->byte[c] = len;
	m->nchars = c;
}

static int check_ranges(const text_map *m, const ct_brat_range *r, size_t n, size_t att, const char *role,
			char *err, size_t errsize)
{
	for (size_t i = 0; i < n; i++)
		if (r[i].start >= r[i].end || r[i].end > m->nchars) {
			if (err && errsize)
				snprintf(err, errsize, "attribution %zu: %s range %u %u is empty, reversed or past the end (%zu characters)",
					 att, role, r[i].start, r[i].end, m->nchars);
			return CT_EARG;
		}
	return 0;
}

static void put_t(ct_buf *b, const text_map *m, unsigned id, const char *type, const ct_brat_range *r, size_t n)
{
	ct_buf_printf(b, "T%u\t%s ", id, type);
	for (size_t i = 0; i < n; i++)
		ct_buf_printf(b, "%s%u %u", i ? ";" : "", r[i].start, r[i].end);
	ct_buf_addc(b, '\t');
	for (size_t i = 0; i < n; i++) {
		if (i)
			ct_buf_addc(b, ' ');
		size_t from = m->byte[r[i].start], to = m->byte[r[i].end];
		size_t at = b->len;
		ct_buf_add(b, m->text + from, to - from);
		for (size_t k = at; k < b->len; k++)
			if (b->data[k] == '\n' || b->data[k] == '\r' || b->data[k] == '\t')
				b->data[k] = ' ';
	}
	ct_buf_addc(b, '\n');
}

static int same_ranges(const ct_brat_range *a, size_t na, const ct_brat_range *b, size_t nb)
{
	return na == nb && !memcmp(a, b, na * sizeof *a);
}

int ct_brat_write(ct_buf *buf, const ct_brat_out *atts, size_t n, const char *text, size_t len,
		  char *err, size_t errsize)
{
	text_map m;
	map_text(&m, text, len);
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		const ct_brat_out *a = &atts[i];
		if (!a->ncue) {
			if (err && errsize)
				snprintf(err, errsize, "attribution %zu: no cue (the anchor sits on it)", i);
			rc = CT_EARG;
		}
		if (!rc)
			rc = check_ranges(&m, a->source, a->nsource, i, "source", err, errsize);
		if (!rc)
			rc = check_ranges(&m, a->cue, a->ncue, i, "cue", err, errsize);
		if (!rc)
			rc = check_ranges(&m, a->content, a->ncontent, i, "content", err, errsize);
	}
	if (rc) {
		free(m.byte);
		return rc;
	}
	/* T numbers of sources already written, to refer to a shared source. */
	unsigned *src_id = ct_xcalloc(n ? n : 1, sizeof *src_id);
	unsigned t = 0;
	for (size_t i = 0; i < n; i++) {
		const ct_brat_out *a = &atts[i];
		unsigned source = 0, cue, content = 0, anchor;
		if (a->nsource) {
			for (size_t k = 0; k < i && !source; k++)
				if (src_id[k] && same_ranges(atts[k].source, atts[k].nsource, a->source, a->nsource))
					source = src_id[k];
			if (!source) {
				source = ++t;
				put_t(buf, &m, source, "Source", a->source, a->nsource);
			}
			src_id[i] = source;
		}
		cue = ++t;
		put_t(buf, &m, cue, "Cue", a->cue, a->ncue);
		if (a->ncontent) {
			content = ++t;
			put_t(buf, &m, content, "Content", a->content, a->ncontent);
		}
		anchor = ++t;
		const char *kind = a->nsource ? "Attribution" : "Attribution-no-source";
		put_t(buf, &m, anchor, kind, a->cue, a->ncue);
		ct_buf_printf(buf, "E%zu\t%s:T%u", i + 1, kind, anchor);
		if (content)
			ct_buf_printf(buf, " Content:T%u", content);
		ct_buf_printf(buf, " Cue:T%u", cue);
		if (source)
			ct_buf_printf(buf, " Source:T%u", source);
		ct_buf_addc(buf, '\n');
	}
	free(src_id);
	free(m.byte);
	return 0;
}
