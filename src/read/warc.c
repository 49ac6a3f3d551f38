/*
 * warc.c — web crawls in WARC (ISO 28500; versions 1.0 and 1.1), plain or
 * gzipped a member per record as crawlers write them.
 *
 * A `response` record whose HTTP payload is an HTML page with status 2xx
 * (or a `resource` record that is one) is read as a page (html.c), with the
 * record's WARC-Target-URI as its url and its WARC-Date as the publication
 * date when the page states none. Every other record (warcinfo, request,
 * metadata, revisit, redirects, images, …) is passed over and counted by
 * kind (ct_reader_skipped). A record is held in memory only while it is
 * read, and only when it is a page, so memory does not grow with the file.
 * A corrupt or truncated gzip member is one error naming its offset; the
 * reader goes on at the next member, and in a plain file at the next
 * "WARC/" line.
 */
#define _GNU_SOURCE /* strcasestr */
#include "read.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "gz.h"
#include "html.h"

enum { BUF_CAP = 1 << 16, LINE_MAX_BYTES = 1 << 16 };

struct ct_warc {
	ct_gz *gz; /* NULL: a plain file */
	unsigned char buf[BUF_CAP];
	size_t pos, len;
	uint64_t off; /* uncompressed bytes taken from buf so far */
	int eof;
	int failed; /* the last fill failed: the record being read is lost */
	ct_buf line, block, payload;
	size_t nskip[CT_WARC_SKIP_KINDS];
	uint64_t record; /* where the record being read starts */
};

static const char *const skip_names[CT_WARC_SKIP_KINDS] = {
	[CT_WARC_SKIP_INFO] = "warcinfo",    [CT_WARC_SKIP_REQUEST] = "request",
	[CT_WARC_SKIP_METADATA] = "metadata", [CT_WARC_SKIP_REVISIT] = "revisit",
	[CT_WARC_SKIP_STATUS] = "not status 2xx", [CT_WARC_SKIP_TYPE] = "not HTML",
	[CT_WARC_SKIP_OTHER] = "other"};

int ct_warc_open(ct_reader *r)
{
	struct ct_warc *w = ct_xcalloc(1, sizeof *w);
	r->warc = w;
	int c = getc(r->f);
	if (c != EOF)
		ungetc(c, r->f);
	if (c == 0x1f) {
		w->gz = ct_gz_new(r->f);
		if (!w->gz)
			return ct_read_fail(r, 0, CT_EIO, "cannot set up gzip reading");
	}
	return 0;
}

void ct_warc_close(ct_reader *r)
{
	struct ct_warc *w = r->warc;
	if (!w)
		return;
	for (int k = 0; k < CT_WARC_SKIP_KINDS; k++)
		r->skipped[k] += w->nskip[k];
	ct_gz_free(w->gz);
	ct_buf_free(&w->line);
	ct_buf_free(&w->block);
	ct_buf_free(&w->payload);
	free(w);
	r->warc = NULL;
}

/* More bytes in buf: 1, 0 at the end, -1 when the gzip member failed. */
static int fill(ct_reader *r, struct ct_warc *w)
{
	if (w->pos < w->len)
		return 1;
	if (w->eof)
		return 0;
	w->pos = w->len = 0;
	if (w->gz) {
		ssize_t k = ct_gz_read(w->gz, w->buf, BUF_CAP);
		if (k < 0) {
			w->failed = 1;
			return -1;
		}
		w->len = (size_t)k;
	} else {
		w->len = fread(w->buf, 1, BUF_CAP, r->f);
		if (!w->len && ferror(r->f)) {
			w->eof = 1;
			return -1;
		}
	}
	if (!w->len)
		w->eof = 1;
	return w->len > 0;
}

/* A line into w->line, its end of line taken off: 1, 0 at the end, -1. */
static int read_line(ct_reader *r, struct ct_warc *w)
{
	ct_buf_clear(&w->line);
	int any = 0;
	for (;;) {
		int rc = fill(r, w);
		if (rc < 0)
			return -1;
		if (rc == 0)
			return any ? 1 : 0;
		any = 1;
		unsigned char *p = w->buf + w->pos, *nl = memchr(p, '\n', w->len - w->pos);
		size_t n = nl ? (size_t)(nl - p) + 1 : w->len - w->pos;
		if (w->line.len + n <= LINE_MAX_BYTES)
			ct_buf_add(&w->line, p, n);
		w->pos += n;
		w->off += n;
		if (nl)
			break;
	}
	while (w->line.len && (w->line.data[w->line.len - 1] == '\n' || w->line.data[w->line.len - 1] == '\r'))
		w->line.data[--w->line.len] = 0;
	if (!w->line.data)
		ct_buf_add(&w->line, "", 0);
	return 1;
}

/* n bytes into dst (NULL: passed over): 1, 0 when the file ends first, -1. */
static int read_bytes(ct_reader *r, struct ct_warc *w, uint64_t n, ct_buf *dst)
{
	while (n) {
		int rc = fill(r, w);
		if (rc <= 0)
			return rc;
		size_t k = w->len - w->pos < n ? w->len - w->pos : (size_t)n;
		if (dst)
			ct_buf_add(dst, w->buf + w->pos, k);
		w->pos += k;
		w->off += k;
		n -= k;
	}
	return 1;
}

/* The value of header `name` in a block of "Name: value" lines, copied
 * into out (cap bytes); 0 when absent. */
static int header(const char *lines, size_t n, const char *name, char *out, size_t cap)
{
	size_t nl = strlen(name);
	for (size_t i = 0; i < n;) {
		const char *e = memchr(lines + i, '\n', n - i);
		size_t end = e ? (size_t)(e - lines) : n;
		if (end - i > nl && !strncasecmp(lines + i, name, nl) && lines[i + nl] == ':') {
			size_t a = i + nl + 1, b = end;
			while (a < b && (lines[a] == ' ' || lines[a] == '\t'))
				a++;
			while (b > a && isspace((unsigned char)lines[b - 1]))
				b--;
			size_t k = b - a < cap - 1 ? b - a : cap - 1;
			memcpy(out, lines + a, k);
			out[k] = 0;
			return 1;
		}
		i = end + 1;
	}
	return 0;
}

/* The charset parameter of a Content-Type, lowercased, into out. */
static void charset_of(const char *ctype, char *out, size_t cap)
{
	out[0] = 0;
	const char *p = strcasestr(ctype, "charset=");
	if (!p)
		return;
	p += 8;
	while (*p == '"' || *p == '\'')
		p++;
	size_t k = 0;
	while (*p && k + 1 < cap && (isalnum((unsigned char)*p) || *p == '-' || *p == '_'))
		out[k++] = (char)tolower((unsigned char)*p++);
	out[k] = 0;
}

static int html_type(const char *ctype)
{
	return strcasestr(ctype, "text/html") || strcasestr(ctype, "application/xhtml");
}

/* Undoes Transfer-Encoding: chunked in place; 0 when it is malformed. */
static int dechunk(ct_buf *b)
{
	size_t in = 0, out = 0;
	for (;;) {
		char *end;
		if (in >= b->len)
			return 0;
		unsigned long long n = strtoull(b->data + in, &end, 16);
		if (end == b->data + in)
			return 0;
		char *nl = memchr(end, '\n', b->len - (size_t)(end - b->data));
		if (!nl)
			return 0;
		in = (size_t)(nl - b->data) + 1;
		if (n == 0)
			break;
		if (n > b->len - in)
			n = b->len - in; /* cut short: keep what there is */
		memmove(b->data + out, b->data + in, (size_t)n);
		out += (size_t)n, in += (size_t)n;
		while (in < b->len && (b->data[in] == '\r' || b->data[in] == '\n'))
			in++;
	}
	b->len = out;
	b->data[out] = 0;
	return 1;
}

/* Inflates a gzip or deflate Content-Encoding into out, up to max bytes. */
static int inflate_body(const char *p, size_t n, ct_buf *out, size_t max)
{
	z_stream zs = {0};
	if (inflateInit2(&zs, 32 + MAX_WBITS) != Z_OK) /* 32: gzip or zlib, by the header */
		return 0;
	zs.next_in = (unsigned char *)p;
	zs.avail_in = (uInt)n;
	int rc;
	do {
		ct_buf_reserve(out, 65536);
		zs.next_out = (unsigned char *)out->data + out->len;
		zs.avail_out = 65536;
		rc = inflate(&zs, Z_NO_FLUSH);
		out->len = (size_t)((char *)zs.next_out - out->data);
		out->data[out->len] = 0;
	} while (rc == Z_OK && out->len < max && zs.avail_in);
	inflateEnd(&zs);
	return rc == Z_STREAM_END || (rc == Z_OK && out->len > 0);
}

/* Counts a record passed over; 2: go on to the next record. */
static int skip(struct ct_warc *w, int kind)
{
	w->nskip[kind]++;
	return 2;
}

/* The record's block (w->block, with its WARC headers `wh`) as a page:
 * 1 and *doc, 2 when it is not one, or a negative code. */
static int record_page(ct_reader *r, struct ct_warc *w, const char *wh, size_t whn, ct_doc **doc)
{
	char type[64] = "", ctype[256] = "", cs[48] = "";
	header(wh, whn, "WARC-Type", type, sizeof type);
	const char *body = w->block.data ? w->block.data : "";
	size_t n = w->block.len;
	if (!strcasecmp(type, "response")) {
		/* HTTP/1.1 200 OK, headers, a blank line, the payload */
		if (n < 12 || strncmp(body, "HTTP/", 5))
			return skip(w, CT_WARC_SKIP_OTHER);
		const char *sp = memchr(body, ' ', 12);
		int status = sp ? atoi(sp + 1) : 0;
		const char *hend = NULL;
		for (size_t i = 0; i + 1 < n; i++)
			if (body[i] == '\n' && (body[i + 1] == '\n' || (body[i + 1] == '\r' && i + 2 < n && body[i + 2] == '\n'))) {
				hend = body + i + (body[i + 1] == '\n' ? 2 : 3);
				break;
			}
		if (!hend)
			hend = body + n;
		size_t hn = (size_t)(hend - body);
		if (status < 200 || status > 299)
			return skip(w, CT_WARC_SKIP_STATUS);
		char te[64] = "", ce[64] = "";
		int typed = header(body, hn, "Content-Type", ctype, sizeof ctype);
		header(body, hn, "Transfer-Encoding", te, sizeof te);
		header(body, hn, "Content-Encoding", ce, sizeof ce);
		size_t off = hn;
		ct_buf_clear(&w->payload);
		ct_buf_add(&w->payload, body + off, n - off);
		if (strcasestr(te, "chunked") && !dechunk(&w->payload))
			return skip(w, CT_WARC_SKIP_OTHER);
		if (strcasestr(ce, "gzip") || strcasestr(ce, "deflate")) {
			ct_buf plain = {0};
			if (!inflate_body(w->payload.data, w->payload.len, &plain, r->ctx->max_article)) {
				ct_buf_free(&plain);
				return skip(w, CT_WARC_SKIP_OTHER);
			}
			ct_buf_free(&w->payload);
			w->payload = plain;
		} else if (*ce && strcasecmp(ce, "identity")) {
			return skip(w, CT_WARC_SKIP_TYPE); /* br and the like */
		}
		if (typed ? !html_type(ctype) : !ct_html_sniff(w->payload.data ? w->payload.data : "", w->payload.len))
			return skip(w, CT_WARC_SKIP_TYPE);
		body = w->payload.data ? w->payload.data : "";
		n = w->payload.len;
	} else if (!strcasecmp(type, "resource")) {
		header(wh, whn, "Content-Type", ctype, sizeof ctype);
		if (!html_type(ctype))
			return skip(w, CT_WARC_SKIP_TYPE);
	} else {
		return skip(w, !strcasecmp(type, "warcinfo")   ? CT_WARC_SKIP_INFO
			       : !strcasecmp(type, "request")  ? CT_WARC_SKIP_REQUEST
			       : !strcasecmp(type, "metadata") ? CT_WARC_SKIP_METADATA
			       : !strcasecmp(type, "revisit")  ? CT_WARC_SKIP_REVISIT
							       : CT_WARC_SKIP_OTHER);
	}
	charset_of(ctype, cs, sizeof cs);
	int rc = ct_read_page(r, body, n, *cs ? cs : NULL, 0, doc);
	if (rc <= 0)
		return rc;
	char v[2048];
	if (header(wh, whn, "WARC-Target-URI", v, sizeof v)) {
		char *u = v;
		size_t k = strlen(u);
		if (*u == '<' && k > 1 && u[k - 1] == '>') /* WARC 1.0 allowed <uri> */
			u[k - 1] = 0, u++;
		ct_doc_set_meta(*doc, CT_META_URL, u);
	}
	if (!ct_doc_meta(*doc, CT_META_PUBLISHED) && header(wh, whn, "WARC-Date", v, sizeof v) && strlen(v) >= 10 &&
	    v[4] == '-' && v[7] == '-') {
		v[10] = 0;
		ct_doc_set_meta(*doc, CT_META_PUBLISHED, v);
	}
	if (header(wh, whn, "WARC-Record-ID", v, sizeof v)) {
		char *id = v;
		size_t k = strlen(id);
		if (*id == '<' && k > 1 && id[k - 1] == '>')
			id[k - 1] = 0, id++;
		ct_doc_set_meta(*doc, CT_META_ID, id);
	}
	return 1;
}

static int lost(ct_reader *r, struct ct_warc *w)
{
	w->failed = 0;
	if (w->gz)
		return ct_read_fail(r, 0, CT_EFORMAT, "%s; the record there is lost, reading goes on at the next member",
				    ct_gz_error(w->gz));
	return ct_read_fail(r, 0, CT_EIO, "read error: %s", strerror(errno));
}

int ct_warc_next(ct_reader *r, ct_doc **doc)
{
	struct ct_warc *w = r->warc;
	ct_buf wh = {0};
	int rc = 0;
	for (;;) {
		/* The version line, past blank lines and whatever a broken record left. */
		if (w->pos >= w->len && fill(r, w) < 0) {
			rc = lost(r, w);
			break;
		}
		w->record = w->gz ? ct_gz_member_offset(w->gz) : w->off;
		int lr = read_line(r, w);
		if (lr < 0) {
			rc = lost(r, w);
			break;
		}
		if (lr == 0)
			break;
		if (strncmp(w->line.data, "WARC/", 5))
			continue;
		/* The named fields, up to a blank line. */
		ct_buf_clear(&wh);
		for (;;) {
			lr = read_line(r, w);
			if (lr <= 0 || !w->line.len)
				break;
			ct_buf_add(&wh, w->line.data, w->line.len);
			ct_buf_addc(&wh, '\n');
		}
		if (lr < 0) {
			rc = lost(r, w);
			break;
		}
		char v[64];
		const char *hd = wh.data ? wh.data : "";
		if (!header(hd, wh.len, "Content-Length", v, sizeof v) || !isdigit((unsigned char)v[0])) {
			rc = ct_read_fail(r, 0, CT_EFORMAT, "record at byte %llu: no Content-Length; passed over",
					  (unsigned long long)w->record);
			break;
		}
		uint64_t len = strtoull(v, NULL, 10);
		char type[64] = "", ctype[256] = "";
		header(hd, wh.len, "WARC-Type", type, sizeof type);
		header(hd, wh.len, "Content-Type", ctype, sizeof ctype);
		/* Only a record that may be a page is held; the rest stream past. */
		int maybe_page = !strcasecmp(type, "response") || (!strcasecmp(type, "resource") && html_type(ctype));
		if (maybe_page && len > r->ctx->max_article) {
			int br = read_bytes(r, w, len, NULL);
			if (br < 0) {
				rc = lost(r, w);
				break;
			}
			rc = ct_read_fail(r, 0, CT_ETOOBIG, "record at byte %llu: larger than the limit of %zu bytes (--max-bytes)",
					  (unsigned long long)w->record, r->ctx->max_article);
			break;
		}
		ct_buf_clear(&w->block);
		int br = read_bytes(r, w, len, maybe_page ? &w->block : NULL);
		if (br < 0) {
			rc = lost(r, w);
			break;
		}
		if (br == 0) {
			rc = ct_read_fail(r, 0, CT_EFORMAT, "record at byte %llu: cut short (%llu bytes promised)",
					  (unsigned long long)w->record, (unsigned long long)len);
			break;
		}
		if (!maybe_page) {
			skip(w, !strcasecmp(type, "warcinfo")   ? CT_WARC_SKIP_INFO
				: !strcasecmp(type, "request")  ? CT_WARC_SKIP_REQUEST
				: !strcasecmp(type, "metadata") ? CT_WARC_SKIP_METADATA
				: !strcasecmp(type, "revisit")  ? CT_WARC_SKIP_REVISIT
				: !strcasecmp(type, "resource") ? CT_WARC_SKIP_TYPE
								: CT_WARC_SKIP_OTHER);
			continue;
		}
		rc = record_page(r, w, hd, wh.len, doc);
		if (rc == 2) {
			rc = 0;
			continue;
		}
		if (rc < 0) {
			/* name the record: "path: record at byte N: reason" */
			char why[sizeof r->err];
			const char *msg = r->err + strlen(r->path) + 2;
			snprintf(why, sizeof why, "%s", msg);
			ct_read_fail(r, 0, rc, "record at byte %llu: %s", (unsigned long long)w->record, why);
		}
		break;
	}
	ct_buf_free(&wh);
	return rc;
}

size_t ct_reader_skipped(const ct_reader *r, char *why, size_t cap)
{
	size_t total = 0, k = 0;
	if (cap)
		why[0] = 0;
	for (int i = 0; i < CT_WARC_SKIP_KINDS; i++) {
		size_t n = r->skipped[i] + (r->warc ? r->warc->nskip[i] : 0);
		if (!n)
			continue;
		total += n;
		if (k < cap) {
			int m = snprintf(why + k, cap - k, "%s%zu %s", k ? ", " : "", n, skip_names[i]);
			if (m > 0)
				k += (size_t)m;
		}
	}
	return total;
}
