/*
 * jsonl.c — one article per line, a JSON object (parsed with jansson):
 *
 *   {"id": "…", "url": "…", "outlet": "…", "published": "2014-09-15",
 *    "title": "…", "text": "…"}
 *
 * "text" is required; the other fields are optional strings. A line that
 * is not valid UTF-8 is repaired (bad bytes → U+FFFD) and read with a
 * warning rather than lost.
 */
#include "read.h"

#include <errno.h>
#include <jansson.h>
#include <string.h>
#include <utf8proc.h>

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

static const char *const field_names[CT_META_COUNT] = {
	[CT_META_ID] = "id",       [CT_META_URL] = "url",     [CT_META_OUTLET] = "outlet",
	[CT_META_PUBLISHED] = "published", [CT_META_TITLE] = "title"};

int ct_jsonl_next(ct_reader *r, ct_doc **out)
{
	for (;;) {
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
		if (!json_is_object(obj)) {
			json_decref(obj);
			return ct_read_fail(r, line, CT_EFORMAT, "expected a JSON object");
		}
		json_t *text = json_object_get(obj, "text");
		if (!json_is_string(text)) {
			json_decref(obj);
			return ct_read_fail(r, line, CT_EFORMAT, "no \"text\" string in the record");
		}
		size_t tlen = json_string_length(text);
		const char *why = ct_read_binary_reason(json_string_value(text), tlen);
		int empty = 1;
		for (size_t i = 0; i < tlen && empty; i++)
			empty = strchr(" \t\r\n\f\v", json_string_value(text)[i]) != NULL;
		if (empty || why) {
			json_decref(obj);
			return ct_read_fail(r, line, empty ? CT_EEMPTY : CT_EBINARY, "%s",
					    empty ? "empty: no text" : why);
		}
		ct_doc *doc = ct_read_make_doc(r, ct_xstrndup(json_string_value(text), tlen), tlen, line, 0);
		for (int k = 0; k < CT_META_COUNT; k++) {
			if (!field_names[k])
				continue;
			json_t *v = json_object_get(obj, field_names[k]);
			if (json_is_string(v) && json_string_length(v))
				ct_doc_set_meta(doc, (ct_meta_key)k, json_string_value(v));
			else if (json_is_integer(v)) {
				char tmp[32];
				snprintf(tmp, sizeof tmp, "%lld", (long long)json_integer_value(v));
				ct_doc_set_meta(doc, (ct_meta_key)k, tmp);
			}
		}
		if (!doc->meta[CT_META_ID]) {
			char tmp[32];
			snprintf(tmp, sizeof tmp, "line%ld", line);
			ct_doc_set_meta(doc, CT_META_ID, tmp);
		}
		if (bad)
			ct_doc_warn(doc, "%s:%ld: %zu invalid UTF-8 byte%s replaced by U+FFFD", r->path, line, bad,
				    bad == 1 ? "" : "s");
		json_decref(obj);
		*out = doc;
		return 1;
	}
}
