/*
 * csv.c — articles as rows of a CSV file with a header (RFC 4180: quoted
 * fields may hold commas, line breaks and doubled quotes).
 *
 * Columns are found by name, case-insensitively, under the usual names of
 * each field (ct_read_field_names: the text in "text", "maintext",
 * "articleBody", "body" or "content", required; "id" or "Body ID"; …) or
 * the one --field gives. FNC-1's train_bodies.csv reads as it is.
 */
#include "read.h"

#include <errno.h>
#include <string.h>
#include <strings.h>

/*
 * Reads one record into r->field. Returns the number of fields, 0 at the
 * end of the input, or a negative code (message set) after skipping to the
 * end of the bad record.
 */
static int read_record(ct_reader *r, long *start_line)
{
	FILE *in = r->f;
	ct_buf_clear(&r->field);
	r->nfield = 0;
	*start_line = r->line;
	int c = getc_unlocked(in);
	if (c == EOF)
		return ferror(in) ? ct_read_io_fail(r, r->line) : 0;
	for (;;) {
		ct_grow((void **)&r->fstart, &r->fstart_cap, r->nfield + 1, sizeof *r->fstart);
		r->fstart[r->nfield++] = r->field.len;
		if (c == '"') {
			/* up to each next quote at once (an article is one field) */
			long opened = r->line;
			for (;;) {
				ssize_t k = getdelim(&r->buf, &r->bufcap, '"', in);
				if (k <= 0 || r->buf[k - 1] != '"')
					return ct_read_fail(r, opened, CT_EFORMAT,
							    "unterminated quoted field (runs to the end of the file)");
				long lines = 0;
				for (ssize_t j = 0; j < k - 1; j++)
					lines += r->buf[j] == '\n';
				r->line += lines;
				ct_buf_add(&r->field, r->buf, (size_t)k - 1);
				c = getc_unlocked(in);
				if (c != '"')
					break; /* the closing quote */
				ct_buf_addc(&r->field, '"'); /* a doubled one */
			}
			if (c == '\r')
				c = getc_unlocked(in);
			if (c != ',' && c != '\n' && c != EOF) {
				long bad = r->line;
				while (c != '\n' && c != EOF)
					c = getc_unlocked(in);
				r->line += c == '\n';
				return ct_read_fail(r, bad, CT_EFORMAT, "text after a closing quote");
			}
		} else {
			while (c != ',' && c != '\n' && c != EOF) {
				if (c != '\r')
					ct_buf_addc(&r->field, (char)c);
				c = getc_unlocked(in);
			}
		}
		ct_buf_addc(&r->field, 0);
		if (c == ',') {
			c = getc_unlocked(in);
			continue;
		}
		if (c == '\n')
			r->line++;
		return (int)r->nfield;
	}
}

static const char *col(const ct_reader *r, int i)
{
	return i >= 0 && (size_t)i < r->nfield ? r->field.data + r->fstart[i] : NULL;
}

static int find_col(ct_reader *r, const char *const *names)
{
	for (size_t i = 0; i < r->ncols; i++)
		for (const char *const *n = names; *n; n++)
			if (!strcasecmp(r->header[i], *n))
				return (int)i;
	return -1;
}

/* Reads the header row into r->header. 0, or a negative code. */
static int read_header(ct_reader *r)
{
	long line;
	int n = read_record(r, &line);
	if (n < 0)
		return n;
	if (n == 0)
		return ct_read_fail(r, 0, CT_EEMPTY, "empty: no header row");
	r->ncols = (size_t)n;
	r->header = ct_xcalloc(r->ncols, sizeof *r->header);
	for (size_t i = 0; i < r->ncols; i++) {
		const char *h = col(r, (int)i);
		if (i == 0 && !strncmp(h, "\xEF\xBB\xBF", 3))
			h += 3; /* a byte order mark */
		r->header[i] = ct_xstrdup(h);
	}
	return 0;
}

int ct_csv_header(ct_reader *r)
{
	int rc = read_header(r);
	if (rc)
		return rc;
	for (int k = 0; k <= CT_META_COUNT; k++) {
		int c = -1;
		if (r->field_key[k]) {
			const char *names[] = {r->field_key[k], NULL};
			c = find_col(r, names);
			if (c < 0)
				return ct_read_fail(r, 1, CT_EFORMAT, "no column \"%s\" in the header (--field %s=%s)",
						    r->field_key[k], k == CT_META_COUNT ? "text" : ct_meta_name((ct_meta_key)k),
						    r->field_key[k]);
		} else {
			c = find_col(r, ct_read_field_names(k));
		}
		if (k == CT_META_COUNT)
			r->text_col = c;
		else
			r->col[k] = c;
	}
	if (r->text_col < 0)
		return ct_read_fail(r, 1, CT_EFORMAT,
				    "no text column in the header (text, maintext, articleBody, body or content; "
				    "--field text=NAME names another)");
	return 0;
}

int ct_csv_next(ct_reader *r, ct_doc **out)
{
	for (;;) {
		long line;
		int n = read_record(r, &line);
		if (n <= 0)
			return n;
		if (n == 1 && !r->field.data[0])
			continue; /* a blank line */
		if ((size_t)n != r->ncols)
			return ct_read_fail(r, line, CT_EFORMAT, "expected %zu fields, found %d", r->ncols, n);
		const char *text = col(r, r->text_col);
		size_t len = strlen(text);
		if (len > r->ctx->max_article)
			return ct_read_fail(r, line, CT_ETOOBIG, "article larger than the limit of %zu bytes (--max-bytes)",
					    r->ctx->max_article);
		int empty = 1;
		for (size_t i = 0; i < len && empty; i++)
			empty = strchr(" \t\r\n\f\v", text[i]) != NULL;
		if (empty)
			return ct_read_fail(r, line, CT_EEMPTY, "empty: no text");
		const char *why = ct_read_binary_reason(text, len);
		if (why)
			return ct_read_fail(r, line, CT_EBINARY, "not text: %s", why);
		ct_doc *doc = ct_read_make_doc(r, ct_xstrndup(text, len), len, line, 0);
		for (int k = 0; k < CT_META_COUNT; k++) {
			const char *v = col(r, r->col[k]);
			if (v && *v)
				ct_doc_set_meta(doc, (ct_meta_key)k, v);
		}
		if (!doc->meta[CT_META_ID]) {
			char tmp[32];
			snprintf(tmp, sizeof tmp, "line%ld", line);
			ct_doc_set_meta(doc, CT_META_ID, tmp);
		}
		*out = doc;
		return 1;
	}
}

/* ---- generic rows ------------------------------------------------------ */

int ct_csv_rows_open(ct_reader **out, const char *path)
{
	ct_reader *r = ct_xcalloc(1, sizeof *r);
	*out = r;
	r->path = ct_xstrdup(path);
	r->line = 1;
	r->fmt = CT_IN_CSV;
	r->f = fopen(path, "rb");
	if (!r->f)
		return ct_read_fail(r, 0, CT_EIO, "cannot open: %s", strerror(errno));
	int rc = read_header(r);
	if (rc)
		return rc;
	return 0;
}

int ct_csv_row(ct_reader *r, long *line)
{
	for (;;) {
		int n = read_record(r, line);
		if (n == 1 && !r->field.data[0])
			continue; /* a blank line */
		return n;
	}
}

const char *ct_csv_field(const ct_reader *r, size_t i)
{
	return col(r, i < r->nfield ? (int)i : -1);
}

int ct_csv_column(const ct_reader *r, const char *name)
{
	for (size_t i = 0; i < r->ncols; i++)
		if (!strcasecmp(r->header[i], name))
			return (int)i;
	return -1;
}
