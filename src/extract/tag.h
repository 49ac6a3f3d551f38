/*
 * tag.h — stage 4: tokens → lexicon hits and mentions.
 *
 * Takes: tokens and sentences (segment), the lexicons of the context.
 * Gives: doc->tok_lex, a layer of CT_LX_… bits per token, and doc->ments:
 *        cue phrases, known actors, role nouns, channel phrases, pronouns,
 *        and capitalized names the lexicon lacks, in token order.
 */
#ifndef CT_TAG_H
#define CT_TAG_H

#include "../core/doc.h"

int ct_tag_run(const ct_ctx *ctx, ct_doc *doc);

#endif
