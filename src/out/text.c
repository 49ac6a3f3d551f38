/*
 * text.c — a reader's view: a heading with the metadata, then one line per
 * sentence, numbered by paragraph and sentence, quoted openings marked.
 */
#include <string.h>

#include "out.h"

void ct_out_text(const ct_doc *doc, ct_buf *b)
{
	ct_buf_printf(b, "## %s", doc->meta[CT_META_ID] ? doc->meta[CT_META_ID] : "");
	if (doc->meta[CT_META_TITLE])
		ct_buf_printf(b, ": %s", doc->meta[CT_META_TITLE]);
	ct_buf_addc(b, '\n');
	for (int k = CT_META_URL; k < CT_META_COUNT; k++)
		if (k != CT_META_TITLE && doc->meta[k])
			ct_buf_printf(b, "%s: %s\n", ct_meta_name((ct_meta_key)k), doc->meta[k]);
	if (doc->stage < CT_STAGE_SEGMENT) {
		if (doc->stage >= CT_STAGE_NORMALIZE) {
			ct_buf_add(b, doc->text, doc->text_len);
			ct_buf_addc(b, '\n');
		}
		ct_buf_addc(b, '\n');
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
