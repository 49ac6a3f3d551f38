/*
 * out.h — renderers: a document, at whatever stage it reached, as one
 * record of an output format.
 *
 * Takes: a ct_doc (read-only).
 * Gives: text appended to a ct_buf.
 */
#ifndef CT_OUT_H
#define CT_OUT_H

#include "../core/doc.h"

void ct_out_jsonl(const ct_doc *doc, ct_buf *b);
void ct_out_text(const ct_doc *doc, ct_buf *b);
void ct_out_brat(const ct_doc *doc, ct_buf *b);
/* The byte span of tokens [tok, tok + ntok). */
ct_span ct_out_tokspan(const ct_doc *doc, uint32_t tok, uint32_t ntok);
/* What an attribution's source is called: its entity's name, else its text. */
const char *ct_out_source_name(const ct_doc *doc, const ct_att *a, size_t *len);

/* s as a JSON string literal, quotes included. */
void ct_out_json_string(ct_buf *b, const char *s, size_t n);

#endif
