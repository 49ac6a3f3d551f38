/*
 * normalize.h — stage 2: raw bytes → normalized text.
 *
 * Takes: doc->raw (any bytes).
 * Gives: doc->text, valid NFC UTF-8 with canonical punctuation and
 *        hard-wrapped lines joined; doc->omap, the map back to the input;
 *        doc->n_replaced and a warning naming the line of the first
 *        replaced byte.
 */
#ifndef CT_NORMALIZE_H
#define CT_NORMALIZE_H

#include "../core/doc.h"

int ct_norm_run(const ct_ctx *ctx, ct_doc *doc);

/*
 * The canonical form of one code point, or NULL when it stays as it is:
 * quotation marks become ASCII quotes, dashes one em dash, hyphens an ASCII
 * hyphen, odd spaces a space, "…" three periods, and invisible characters
 * (zero-width space, soft hyphen, byte order mark) nothing ("").
 */
const char *ct_norm_canonical(int32_t cp);

#endif
