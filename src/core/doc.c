/*
 * doc.c — the article model: creation, metadata, the stage driver and the
 * read-only accessors of the public API.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "../text/normalize.h"
#include "../text/segment.h"
#include "../extract/tag.h"
#include "../extract/resolve.h"
#include "../extract/attribute.h"
#include "../extract/code.h"

static const char *const stage_names[] = {"read", "normalize", "segment", "tag", "resolve", "attribute", "code"};
static const char *const meta_names[CT_META_COUNT] = {
	"id", "url", "outlet", "published", "title", "credit", "dateline", "author", "path"};
static const char *const tok_names[CT_TOK_NTYPES] = {
	"word", "number", "punct", "quote", "hashtag", "handle", "url", "email", "symbol"};

const char *ct_strerror(int code)
{
	switch (code) {
	case CT_OK:
		return "success";
	case CT_EIO:
		return "input or output error";
	case CT_EFORMAT:
		return "malformed input";
	case CT_EEMPTY:
		return "empty input";
	case CT_EBINARY:
		return "not text";
	case CT_ETOOBIG:
		return "article larger than the limit";
	case CT_EARG:
		return "bad argument";
	case CT_EDATA:
		return "a data file is missing or malformed (the attribution model: ct_ctx_check names it)";
	case CT_EDB:
		return "the archive's database failed";
	default:
		return "unknown error";
	}
}

int ct_stage_from_name(const char *name)
{
	for (int i = 0; i <= CT_STAGE_LAST; i++)
		if (!strcmp(name, stage_names[i]))
			return i;
	return -1;
}

const char *ct_stage_name(ct_stage stage)
{
	return (unsigned)stage <= CT_STAGE_LAST ? stage_names[stage] : "?";
}

const char *ct_meta_name(ct_meta_key key)
{
	return (unsigned)key < CT_META_COUNT ? meta_names[key] : "?";
}

const char *ct_tok_type_name(ct_tok_type type)
{
	return (unsigned)type < CT_TOK_NTYPES ? tok_names[type] : "?";
}

ct_doc *ct_doc_adopt(char *raw, size_t raw_len)
{
	ct_doc *doc = ct_xcalloc(1, sizeof *doc);
	doc->raw = raw;
	doc->raw_len = raw_len;
	doc->line = 1;
	doc->stage = CT_STAGE_READ;
	return doc;
}

void ct_doc_free(ct_doc *doc)
{
	if (!doc)
		return;
	free(doc->raw);
	free(doc->text);
	free(doc->omap);
	free(doc->paras);
	free(doc->sents);
	free(doc->toks);
	free(doc->tok_lex);
	free(doc->tok_word);
	free(doc->ments);
	free(doc->ents);
	free(doc->atts);
	free(doc->frames);
	free(doc->sent_when);
	free(doc->ent_aff);
	free(doc->warnings);
	ct_arena_free(&doc->arena);
	free(doc);
}

const char *ct_doc_meta(const ct_doc *doc, ct_meta_key key)
{
	return (unsigned)key < CT_META_COUNT ? doc->meta[key] : NULL;
}

void ct_doc_set_meta(ct_doc *doc, ct_meta_key key, const char *value)
{
	if ((unsigned)key >= CT_META_COUNT)
		return;
	doc->meta[key] = value ? ct_arena_strndup(&doc->arena, value, strlen(value)) : NULL;
	if (key == CT_META_OUTLET)
		doc->outlet_from = 0; /* given, whatever the text said */
}

void ct_doc_warn(ct_doc *doc, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof tmp)
		n = sizeof tmp - 1;
	ct_grow((void **)&doc->warnings, &doc->warn_cap, doc->nwarn + 1, sizeof *doc->warnings);
	doc->warnings[doc->nwarn++] = ct_arena_strndup(&doc->arena, tmp, (size_t)n);
}

size_t ct_doc_nwarnings(const ct_doc *doc)
{
	return doc->nwarn;
}

const char *ct_doc_warning(const ct_doc *doc, size_t i)
{
	return i < doc->nwarn ? doc->warnings[i] : NULL;
}

int ct_doc_run(const ct_ctx *ctx, ct_doc *doc, ct_stage until)
{
	if (until > CT_STAGE_LAST)
		return CT_EARG;
	if (doc->stage < CT_STAGE_NORMALIZE && until >= CT_STAGE_NORMALIZE) {
		int rc = ct_norm_run(ctx, doc);
		if (rc)
			return rc;
		doc->stage = CT_STAGE_NORMALIZE;
	}
	static int (*const run[])(const ct_ctx *, ct_doc *) = {
		[CT_STAGE_SEGMENT] = ct_seg_run, [CT_STAGE_TAG] = ct_tag_run,
		[CT_STAGE_RESOLVE] = ct_resolve_run, [CT_STAGE_ATTRIBUTE] = ct_attr_run, [CT_STAGE_CODE] = ct_code_run};
	for (int st = CT_STAGE_SEGMENT; st <= (int)until; st++) {
		if (doc->stage >= (ct_stage)st)
			continue;
		int rc = run[st](ctx, doc);
		if (rc)
			return rc;
		doc->stage = (ct_stage)st;
	}
	return 0;
}

ct_stage ct_doc_stage(const ct_doc *doc)
{
	return doc->stage;
}

const char *ct_doc_text(const ct_doc *doc, size_t *len)
{
	if (len)
		*len = doc->text_len;
	return doc->text ? doc->text : "";
}

/*
 * A changed region has a map point at each edge, and a deletion two points
 * at one normalized offset. A start offset takes the last point at or
 * before it (after anything deleted there); an end offset takes the first
 * point at it, if any (before anything deleted there).
 */
static size_t omap_input(const ct_doc *doc, uint32_t off, int is_end, size_t *chr)
{
	size_t lo = 0, hi = doc->nomap; /* first point with norm > off */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (doc->omap[mid].norm <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t i = lo ? lo - 1 : 0;
	if (is_end)
		while (i > 0 && doc->omap[i - 1].norm == off)
			i--;
	const ct_omap_pt *p = &doc->omap[i];
	size_t in = p->in + (off - p->norm);
	if (in > doc->raw_len)
		in = doc->raw_len;
	if (chr) {
		/* Between points the input bytes are unchanged, valid UTF-8. */
		size_t c = p->ch;
		if (p->ascii)
			c += in - p->in;
		else
			for (size_t k = p->in; k < in; k++)
				c += ((unsigned char)doc->raw[k] & 0xC0) != 0x80;
		*chr = c;
	}
	return in;
}

void ct_doc_input_span(const ct_doc *doc, uint32_t off, uint32_t len, size_t in[2], size_t ch[2])
{
	size_t b0, b1, c0, c1;
	if (!doc->nomap) {
		b0 = c0 = off;
		b1 = c1 = (size_t)off + len;
	} else {
		b0 = omap_input(doc, off, 0, &c0);
		b1 = len ? omap_input(doc, off + len, 1, &c1) : b0;
		if (!len)
			c1 = c0;
	}
	if (in) {
		in[0] = b0;
		in[1] = b1;
	}
	if (ch) {
		ch[0] = c0;
		ch[1] = c1;
	}
}

long ct_doc_line_of(const ct_doc *doc, uint32_t off)
{
	if (!doc->text_is_file)
		return doc->line;
	size_t in[2];
	ct_doc_input_span(doc, off, 0, in, NULL);
	long line = doc->line;
	for (size_t i = 0; i < in[0] && i < doc->raw_len; i++)
		line += doc->raw[i] == '\n';
	return line;
}

const ct_paragraph *ct_doc_paragraphs(const ct_doc *doc, size_t *n)
{
	*n = doc->npara;
	return doc->paras;
}

const ct_sentence *ct_doc_sentences(const ct_doc *doc, size_t *n)
{
	*n = doc->nsent;
	return doc->sents;
}

const ct_token *ct_doc_tokens(const ct_doc *doc, size_t *n)
{
	*n = doc->ntok;
	return doc->toks;
}
