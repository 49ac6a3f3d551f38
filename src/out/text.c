/*
 * text.c — a reader's view: a heading with the metadata, then one line per
 * sentence, numbered by paragraph and sentence, quoted openings marked.
 */
#include <string.h>

#include "out.h"

/* One line per attribution: who, the cue, what, and how it was carried. */
static void attributions(const ct_doc *doc, ct_buf *b)
{
	for (size_t i = 0; i < doc->natt; i++) {
		const ct_att *a = &doc->atts[i];
		size_t n;
		const char *who = ct_out_source_name(doc, a, &n);
		ct_span cue = a->ncue ? ct_out_tokspan(doc, a->cue, a->ncue) : (ct_span){0, 0};
		ct_buf_printf(b, "- %.*s", n ? (int)n : 11, n ? who : "(no source)");
		if (a->nsrc && a->entity >= 0) {
			ct_span s = ct_out_tokspan(doc, a->src, a->nsrc);
			if (s.len != n || memcmp(doc->text + s.off, who, n))
				ct_buf_printf(b, " [\"%.*s\"]", (int)s.len, doc->text + s.off);
		}
		if (a->ncue)
			ct_buf_printf(b, " | %.*s", (int)cue.len, doc->text + cue.off);
		else
			CT_BUF_LIT(b, " | (continues)");
		if (a->cue_kind && strcmp(a->cue_kind, "report"))
			ct_buf_printf(b, " (%s)", a->cue_kind);
		ct_buf_printf(b, " | %s", ct_attr_kind_name((ct_attr_kind)a->kind));
		if (a->channel_name)
			ct_buf_printf(b, ", %s", a->channel_name);
		if (a->ncon) {
			ct_span c = ct_out_tokspan(doc, a->con, a->ncon);
			ct_buf_printf(b, " | %.*s", (int)c.len, doc->text + c.off);
			if (a->ncon2) {
				c = ct_out_tokspan(doc, a->con2, a->ncon2);
				ct_buf_printf(b, " … %.*s", (int)c.len, doc->text + c.off);
			}
		}
		ct_buf_addc(b, '\n');
	}
	ct_buf_addc(b, '\n');
}

/* Metadata comes as the input gave it: no control bytes reach a terminal. */
static void meta(ct_buf *b, const char *s)
{
	ct_buf_add_shown(b, s, strlen(s), NULL);
}

void ct_out_text(const ct_doc *doc, ct_buf *b)
{
	CT_BUF_LIT(b, "## ");
	meta(b, doc->meta[CT_META_ID] ? doc->meta[CT_META_ID] : "");
	if (doc->meta[CT_META_TITLE]) {
		CT_BUF_LIT(b, ": ");
		meta(b, doc->meta[CT_META_TITLE]);
	}
	ct_buf_addc(b, '\n');
	for (int k = CT_META_URL; k < CT_META_COUNT; k++)
		if (k != CT_META_TITLE && doc->meta[k]) {
			ct_buf_printf(b, "%s: ", ct_meta_name((ct_meta_key)k));
			meta(b, doc->meta[k]);
			ct_buf_addc(b, '\n');
		}
	if (doc->stage < CT_STAGE_SEGMENT) {
		if (doc->stage >= CT_STAGE_NORMALIZE) {
			ct_buf_add(b, doc->text, doc->text_len);
			ct_buf_addc(b, '\n');
		}
		ct_buf_addc(b, '\n');
		return;
	}
	if (doc->stage >= CT_STAGE_ATTRIBUTE) {
		attributions(doc, b);
		return;
	}
	for (size_t i = 0; i < doc->nsent; i++) {
		const ct_sentence *s = &doc->sents[i];
		ct_buf_printf(b, "%u.%zu%s ", s->para + 1, i - doc->paras[s->para].sent + 1, s->quoted ? " >" : "");
		ct_buf_add(b, doc->text + s->off, s->len);
		ct_buf_addc(b, '\n');
	}
	ct_buf_addc(b, '\n');
}
