/*
 * jsonl.c — one JSON object per article, on one line. The format is
 * documented in README.md ("extract output"); spans are byte offsets into
 * "text", the normalized text, with "input" and "chars" giving the same
 * span in the input file.
 */
#include <string.h>
#include <utf8proc.h>

#include "out.h"

/*
 * Escaped byte for byte as jansson's json_dumps escapes a string: '"' and
 * '\\', \b \f \n \r \t, other control bytes as \u00XX, everything else as
 * it is. Written here because the text field is the bulk of a record, and
 * copying the runs between escapes at once costs a fraction of a JSON value
 * per string. Text from the normalizer is valid UTF-8; a byte that is not
 * (a file name, or metadata taken from the raw input) becomes U+FFFD so the
 * record stays valid JSON.
 */
void ct_out_json_string(ct_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	ct_buf_addc(b, '"');
	size_t run = 0; /* start of the bytes not yet copied */
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			i++;
			continue;
		}
		if (c >= 0x80) {
			utf8proc_int32_t cp;
			utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
			if (k > 0) {
				i += (size_t)k;
				continue;
			}
		}
		ct_buf_add(b, s + run, i - run);
		switch (c) {
		case '"':
			CT_BUF_LIT(b, "\\\"");
			break;
		case '\\':
			CT_BUF_LIT(b, "\\\\");
			break;
		case '\b':
			CT_BUF_LIT(b, "\\b");
			break;
		case '\f':
			CT_BUF_LIT(b, "\\f");
			break;
		case '\n':
			CT_BUF_LIT(b, "\\n");
			break;
		case '\r':
			CT_BUF_LIT(b, "\\r");
			break;
		case '\t':
			CT_BUF_LIT(b, "\\t");
			break;
		default:
			if (c < 0x20) {
				char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
				ct_buf_add(b, u, sizeof u);
			} else {
				CT_BUF_LIT(b, "\xEF\xBF\xBD"); /* an invalid byte: U+FFFD */
			}
		}
		run = ++i;
	}
	ct_buf_add(b, s + run, n - run);
	ct_buf_addc(b, '"');
}

static void key(ct_buf *b, const char *k)
{
	ct_buf_addc(b, ',');
	ct_buf_addc(b, '"');
	ct_buf_adds(b, k);
	ct_buf_add(b, "\":", 2);
}

static void pair(ct_buf *b, uint64_t a, uint64_t c)
{
	ct_buf_addc(b, '[');
	ct_buf_addu(b, a);
	ct_buf_addc(b, ',');
	ct_buf_addu(b, c);
	ct_buf_addc(b, ']');
}

/* v in decimal at p; returns the end. */
static char *put_u32(char *p, uint32_t v)
{
	char tmp[10];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
}

/* ,"word", … for each token type, written once per token. */
static const struct {
	char s[16]; /* padded, so that a copy of all 16 bytes needs no length */
	size_t n;
} type_json[CT_TOK_NTYPES] = {
#define T(name) {",\"" name "\",", sizeof(",\"" name "\",") - 1}
	T("word"), T("number"), T("punct"), T("quote"), T("hashtag"), T("handle"), T("url"), T("email"), T("symbol")
#undef T
};

ct_span ct_out_tokspan(const ct_doc *doc, uint32_t tok, uint32_t ntok)
{
	const ct_token *a = &doc->toks[tok], *z = &doc->toks[tok + ntok - 1];
	return (ct_span){a->off, z->off + z->len - a->off};
}

const char *ct_out_source_name(const ct_doc *doc, const ct_att *a, size_t *len)
{
	if (a->entity >= 0) {
		*len = strlen(doc->ents[a->entity].name);
		return doc->ents[a->entity].name;
	}
	if (!a->nsrc) {
		*len = 0;
		return "";
	}
	ct_span s = ct_out_tokspan(doc, a->src, a->nsrc);
	*len = s.len;
	return doc->text + s.off;
}

/* ,"KEY":"VALUE" for a value that needs no escaping: names from the fixed
 * lists, country codes, lemmas (written as they are, like printf's %s did). */
static void raw_field(ct_buf *b, const char *k, const char *v)
{
	key(b, k);
	ct_buf_addc(b, '"');
	ct_buf_adds(b, v);
	ct_buf_addc(b, '"');
}

/* "KEY":{"span":[off,len],"text":"…"  (left open for more fields) */
static void span_obj(ct_buf *b, const ct_doc *doc, const char *k, uint32_t tok, uint32_t ntok)
{
	ct_span s = ct_out_tokspan(doc, tok, ntok);
	ct_buf_addc(b, '"');
	ct_buf_adds(b, k);
	CT_BUF_LIT(b, "\":{\"span\":");
	pair(b, s.off, s.len);
	CT_BUF_LIT(b, ",\"text\":");
	ct_out_json_string(b, doc->text + s.off, s.len);
}

static void entities(const ct_doc *doc, ct_buf *b)
{
	key(b, "entities");
	ct_buf_addc(b, '[');
	for (size_t i = 0; i < doc->nent; i++) {
		const ct_ent *e = &doc->ents[i];
		if (i)
			ct_buf_addc(b, ',');
		CT_BUF_LIT(b, "{\"id\":");
		ct_buf_addu(b, i);
		CT_BUF_LIT(b, ",\"name\":");
		ct_out_json_string(b, e->name, strlen(e->name));
		raw_field(b, "type", ct_actor_type_name(e->type));
		if (e->country[0])
			raw_field(b, "country", e->country);
		key(b, "mentions");
		ct_buf_addu(b, e->mentions);
		ct_buf_addc(b, '}');
	}
	ct_buf_addc(b, ']');
}

static void attributions(const ct_doc *doc, ct_buf *b)
{
	key(b, "attributions");
	ct_buf_addc(b, '[');
	for (size_t i = 0; i < doc->natt; i++) {
		const ct_att *a = &doc->atts[i];
		if (i)
			ct_buf_addc(b, ',');
		ct_buf_addc(b, '{');
		if (a->nsrc) {
			span_obj(b, doc, "source", a->src, a->nsrc);
			if (a->entity >= 0) {
				const ct_ent *e = &doc->ents[a->entity];
				key(b, "entity");
				ct_buf_addu(b, (uint64_t)a->entity);
				key(b, "name");
				ct_out_json_string(b, e->name, strlen(e->name));
				raw_field(b, "type", ct_actor_type_name(e->type));
				if (e->country[0])
					raw_field(b, "country", e->country);
			}
			CT_BUF_LIT(b, "},");
		} else {
			CT_BUF_LIT(b, "\"source\":null,");
		}
		if (a->ncue) {
			span_obj(b, doc, "cue", a->cue, a->ncue);
			if (a->lemma) {
				raw_field(b, "lemma", a->lemma);
				raw_field(b, "kind", a->cue_kind);
			}
			CT_BUF_LIT(b, "},");
		} else {
			CT_BUF_LIT(b, "\"cue\":null,"); /* a quotation going on in the last speaker's voice */
		}
		if (a->ncon) {
			span_obj(b, doc, "content", a->con, a->ncon);
			CT_BUF_LIT(b, "}");
			if (a->ncon2) {
				CT_BUF_LIT(b, ",");
				span_obj(b, doc, "content2", a->con2, a->ncon2);
				CT_BUF_LIT(b, "}");
			}
		} else {
			CT_BUF_LIT(b, "\"content\":null");
		}
		raw_field(b, "kind", ct_attr_kind_name((ct_attr_kind)a->kind));
		if (a->channel_name) {
			CT_BUF_LIT(b, ",\"channel\":");
			ct_out_json_string(b, a->channel_name, strlen(a->channel_name));
		}
		if (doc->meta[CT_META_OUTLET]) {
			CT_BUF_LIT(b, ",\"outlet\":");
			ct_out_json_string(b, doc->meta[CT_META_OUTLET], strlen(doc->meta[CT_META_OUTLET]));
		}
		ct_buf_addc(b, '}');
	}
	ct_buf_addc(b, ']');
}

void ct_out_jsonl(const ct_doc *doc, ct_buf *b)
{
	CT_BUF_LIT(b, "{\"id\":");
	const char *id = doc->meta[CT_META_ID] ? doc->meta[CT_META_ID] : "";
	ct_out_json_string(b, id, strlen(id));
	for (int k = 1; k < CT_META_COUNT; k++) {
		if (!doc->meta[k])
			continue;
		key(b, ct_meta_name((ct_meta_key)k));
		ct_out_json_string(b, doc->meta[k], strlen(doc->meta[k]));
	}
	key(b, "line");
	ct_buf_addu(b, (uint64_t)doc->line);
	key(b, "stage");
	ct_buf_printf(b, "\"%s\"", ct_stage_name(doc->stage));
	if (doc->stage >= CT_STAGE_NORMALIZE) {
		key(b, "replaced");
		ct_buf_addu(b, doc->n_replaced);
		key(b, "text");
		ct_out_json_string(b, doc->text, doc->text_len);
	}
	if (doc->stage >= CT_STAGE_SEGMENT) {
		key(b, "paragraphs");
		ct_buf_addc(b, '[');
		for (size_t i = 0; i < doc->npara; i++) {
			if (i)
				ct_buf_addc(b, ',');
			pair(b, doc->paras[i].off, doc->paras[i].len);
		}
		ct_buf_addc(b, ']');
		key(b, "sentences");
		ct_buf_addc(b, '[');
		for (size_t i = 0; i < doc->nsent; i++) {
			const ct_sentence *s = &doc->sents[i];
			size_t in[2], ch[2];
			ct_doc_input_span(doc, s->off, s->len, in, ch);
			if (i)
				ct_buf_addc(b, ',');
			CT_BUF_LIT(b, "{\"span\":");
			pair(b, s->off, s->len);
			CT_BUF_LIT(b, ",\"tokens\":");
			pair(b, s->tok, s->ntok);
			CT_BUF_LIT(b, ",\"para\":");
			ct_buf_addu(b, s->para);
			if (s->quoted)
				CT_BUF_LIT(b, ",\"quoted\":true");
			CT_BUF_LIT(b, ",\"input\":");
			pair(b, in[0], in[1]);
			CT_BUF_LIT(b, ",\"chars\":");
			pair(b, ch[0], ch[1]);
			ct_buf_addc(b, '}');
		}
		ct_buf_addc(b, ']');
		key(b, "tokens");
		/* The bulk of a record: written straight into room reserved once
		 * (a token takes at most 2 + 10 + 1 + 10 + 11 + 3 + 1 bytes, and
		 * the type's 16-byte copy ends within 40). */
		ct_buf_reserve(b, doc->ntok * 40 + 2);
		char *p = b->data + b->len;
		*p++ = '[';
		for (size_t i = 0; i < doc->ntok; i++) {
			const ct_token *t = &doc->toks[i];
			if (i)
				*p++ = ',';
			*p++ = '[';
			p = put_u32(p, t->off);
			*p++ = ',';
			p = put_u32(p, t->len);
			memcpy(p, type_json[t->type].s, sizeof type_json[t->type].s);
			p += type_json[t->type].n;
			p = put_u32(p, t->flags);
			*p++ = ']';
		}
		*p++ = ']';
		*p = 0;
		b->len = (size_t)(p - b->data);
	}
	if (doc->stage >= CT_STAGE_RESOLVE)
		entities(doc, b);
	if (doc->stage >= CT_STAGE_ATTRIBUTE)
		attributions(doc, b);
	ct_buf_add(b, "}\n", 2);
}
