/*
 * segment.h — stage 3: normalized text → paragraphs, sentences, tokens.
 *
 * Takes: doc->text (normalized).
 * Gives: doc->paras, doc->sents, doc->toks, all spans of doc->text, with
 *        quotation state on tokens (CT_TF_QUOTED, _OPEN, _CLOSE) and on
 *        sentences (`quoted`: opens inside a quotation carried over from
 *        an earlier sentence or paragraph).
 */
#ifndef CT_SEGMENT_H
#define CT_SEGMENT_H

#include "../core/doc.h"

int ct_seg_run(const ct_ctx *ctx, ct_doc *doc);

#endif
