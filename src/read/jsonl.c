/*
 * jsonl.c — articles as JSON objects (parsed with jansson): one a line
 * (JSONL), or a file that is one JSON array of them.
 *
 *   {"id": "…", "url": "…", "outlet": "…", "published": "2014-09-15",
 *    "title": "…", "author": "…", "text": "…"}
 *
 * Each field is looked for under its usual names (ct_read_field_names),
 * which cover what scrapers write: news-please's maintext, title,
 * date_publish, source_domain, url and authors read as they are. --field
 * (ct_reader_set_field) names the key of any other schema. The text is
 * required; the rest is optional: a string, a number, an array of strings
 * (authors, joined) or an object with a "name" (a publisher). A published
 * date or timestamp is kept as its ISO date. A line that is not valid
 * UTF-8 is repaired (bad bytes → U+FFFD) and read with a warning rather
 * than lost.
 */
#include "read.h"

#include <errno.h>
#include <jansson.h>
#include <string.h>
#include <utf8proc.h>

#include "../core/date.h"

/* Copies `line` with each invalid UTF-8 byte replaced by U+FFFD. */
static char *repair_utf8(const char *line, size_t n, size_t *outlen, size_t *bad)
{
	ct_buf b = {0};
	size_t i = 0;
	*bad = 0;
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)line + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0) {
			ct_buf_add(&b, "\xEF\xBF\xBD", 3);
			(*bad)++;
			i++;
		} else {
			ct_buf_add(&b, line + i, (size_t)k);
			i += (size_t)k;
		}
	}
	*outlen = b.len;
	return b.data;
}

/* The value under `key`, or under its dotted path ("meta.title"). */
static json_t *lookup(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	if (v || !strchr(key, '.'))
		return v;
	char part[256];
	for (const char *p = key; obj;) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		if (n >= sizeof part)
			return NULL;
		memcpy(part, p, n);
		part[n] = 0;
		obj = json_object_get(obj, part);
		if (!dot)
			return obj;
		p = dot + 1;
	}
	return NULL;
}

/* The value of field k in obj, and the key it was found under. */
static json_t *field(const ct_reader *r, json_t *obj, int k, const char **key)
{
	if (r->field_key[k]) {
		*key = r->field_key[k];
		return lookup(obj, r->field_key[k]);
	}
	for (const char *const *n = ct_read_field_names(k); *n; n++) {
		json_t *v = json_object_get(obj, *n);
		if (v && !json_is_null(v)) {
			*key = *n;
			return v;
		}
	}
	return NULL;
}

/* A metadata value as text: strings, numbers, a name, strings joined. */
static void meta_text(json_t *v, ct_buf *b)
{
	if (json_is_string(v)) {
		ct_buf_add(b, json_string_value(v), json_string_length(v));
	} else if (json_is_integer(v)) {
		ct_buf_printf(b, "%lld", (long long)json_integer_value(v));
	} else if (json_is_object(v) && json_is_string(json_object_get(v, "name"))) {
		ct_buf_adds(b, json_string_value(json_object_get(v, "name")));
	} else if (json_is_array(v)) {
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e)
		{
			size_t before = b->len;
			if (b->len)
				CT_BUF_LIT(b, ", ");
			size_t mark = b->len;
			meta_text(e, b);
			if (b->len == mark) { /* nothing to join */
				b->len = before;
				if (b->data)
					b->data[b->len] = 0;
			}
		}
	}
}

/* What a record's text fields are called, for the message when none is there. */
static void text_keys(const ct_reader *r, char *out, size_t cap)
{
	if (r->field_key[CT_META_COUNT]) {
		snprintf(out, cap, "no \"%s\" string in the record (--field text=%s)", r->field_key[CT_META_COUNT],
			 r->field_key[CT_META_COUNT]);
		return;
	}
	size_t k = (size_t)snprintf(out, cap, "no text in the record: none of ");
	for (const char *const *n = ct_read_field_names(CT_META_COUNT); *n && k < cap; n++)
		k += (size_t)snprintf(out + k, cap - k, "%s\"%s\"", n == ct_read_field_names(CT_META_COUNT) ? "" : ", ", *n);
	if (k < cap)
		snprintf(out + k, cap - k, " is a string (--field text=KEY names another)");
}

/* The article of a parsed record `obj`: at line `at` of a JSONL file, or
 * record `recno` of an array (at 0, `where` naming it). */
static int record_doc(ct_reader *r, json_t *obj, long at, size_t recno, const char *where, size_t bad, ct_doc **out)
{
	if (!json_is_object(obj))
		return ct_read_fail(r, at, CT_EFORMAT, "%sexpected a JSON object", where);
	const char *key = NULL;
	json_t *text = field(r, obj, CT_META_COUNT, &key);
	if (!json_is_string(text)) {
		char msg[512];
		text_keys(r, msg, sizeof msg);
		return ct_read_fail(r, at, CT_EFORMAT, "%s%s", where, msg);
	}
	size_t tlen = json_string_length(text);
	if (tlen > r->ctx->max_article)
		return ct_read_fail(r, at, CT_ETOOBIG, "%sarticle larger than the limit of %zu bytes (--max-bytes)", where,
				    r->ctx->max_article);
	const char *why = ct_read_binary_reason(json_string_value(text), tlen);
	int empty = 1;
	for (size_t i = 0; i < tlen && empty; i++)
		empty = strchr(" \t\r\n\f\v", json_string_value(text)[i]) != NULL;
	if (empty || why)
		return ct_read_fail(r, at, empty ? CT_EEMPTY : CT_EBINARY, "%s%s%s", where,
				    empty ? "empty: no text" : "not text: ", empty ? "" : why);
	ct_doc *doc = ct_read_make_doc(r, ct_xstrndup(json_string_value(text), tlen), tlen, at, 0);
	ct_buf b = {0};
	for (int k = 0; k < CT_META_COUNT; k++) {
		json_t *v = field(r, obj, k, &key);
		if (!v)
			continue;
		ct_buf_clear(&b);
		meta_text(v, &b);
		if (!b.len)
			continue;
		if (k == CT_META_PUBLISHED) {
			/* "2019-11-19 12:34:56", "2019-11-19T12:34:56Z": the day */
			ct_date d;
			char iso[11] = "";
			if (ct_date_parse(b.data, b.len, &d))
				ct_date_iso(&d, iso);
			if (*iso) {
				ct_doc_set_meta(doc, (ct_meta_key)k, iso);
				continue;
			}
		}
		ct_doc_set_meta(doc, (ct_meta_key)k, b.data);
	}
	ct_buf_free(&b);
	if (!doc->meta[CT_META_ID]) {
		char tmp[32];
		if (r->array)
			snprintf(tmp, sizeof tmp, "record%zu", recno);
		else
			snprintf(tmp, sizeof tmp, "line%ld", at);
		ct_doc_set_meta(doc, CT_META_ID, tmp);
	}
	if (bad)
		ct_doc_warn(doc, "%s:%ld: %zu invalid UTF-8 byte%s replaced by U+FFFD", r->path, at, bad,
			    bad == 1 ? "" : "s");
	*out = doc;
	return 1;
}

/* A file that opens with '[' is one array of records: it is read whole. */
static int open_array(ct_reader *r)
{
	json_error_t jerr;
	r->array = json_loadf(r->f, JSON_REJECT_DUPLICATES, &jerr);
	if (!r->array)
		return ct_read_fail(r, jerr.line, CT_EFORMAT, "malformed JSON at column %d: %s", jerr.column, jerr.text);
	r->array_next = 0;
	return 0;
}

int ct_jsonl_next(ct_reader *r, ct_doc **out)
{
	if (r->array) {
		if (r->array_next >= json_array_size(r->array))
			return 0;
		size_t i = r->array_next++;
		char where[48];
		snprintf(where, sizeof where, "record %zu: ", i + 1);
		return record_doc(r, json_array_get(r->array, i), 0, i + 1, where, 0, out);
	}
	for (;;) {
		if (!r->done) {
			r->done = 1;
			int c;
			while ((c = getc(r->f)) == ' ' || c == '\n' || c == '\r' || c == '\t')
				r->line += c == '\n';
			if (c != EOF)
				ungetc(c, r->f);
			if (c == '[') {
				int rc = open_array(r);
				if (rc < 0)
					return rc;
				return ct_jsonl_next(r, out);
			}
		}
		ssize_t n = getline(&r->buf, &r->bufcap, r->f);
		if (n < 0) {
			if (ferror(r->f))
				return ct_read_io_fail(r, r->line);
			return 0;
		}
		long line = r->line++;
		size_t len = (size_t)n;
		while (len && (r->buf[len - 1] == '\n' || r->buf[len - 1] == '\r'))
			len--;
		size_t lead = 0;
		while (lead < len && (r->buf[lead] == ' ' || r->buf[lead] == '\t'))
			lead++;
		if (lead == len)
			continue; /* blank lines between records are fine */
		if (len > r->ctx->max_article * 2)
			return ct_read_fail(r, line, CT_ETOOBIG, "record larger than the limit (--max-bytes)");

		json_error_t jerr;
		size_t bad = 0;
		json_t *obj = json_loadb(r->buf, len, JSON_REJECT_DUPLICATES, &jerr);
		if (!obj) {
			size_t fixed_len;
			char *fixed = repair_utf8(r->buf, len, &fixed_len, &bad);
			if (bad)
				obj = json_loadb(fixed, fixed_len, JSON_REJECT_DUPLICATES, &jerr);
			free(fixed);
		}
		if (!obj)
			return ct_read_fail(r, line, CT_EFORMAT, "malformed JSON at column %d: %s", jerr.column,
					    jerr.text);
		int rc = record_doc(r, obj, line, 0, "", bad, out);
		json_decref(obj);
		return rc;
	}
}
