/*
 * resolve.h — stage 5: mentions → entities within the article.
 *
 * Takes: mentions (tag).
 * Gives: doc->ents, one per person or body, and each actor, name, role and
 *        pronoun mention's entity.
 */
#ifndef CT_RESOLVE_H
#define CT_RESOLVE_H

#include "../core/doc.h"

int ct_resolve_run(const ct_ctx *ctx, ct_doc *doc);

/* The lexicon actor a name chunk ends in ("Iranian Supreme Leader Ayatollah
 * Seyed Ali Khamenei" → Ali Khamenei), or -1; *at (may be NULL) gets the
 * byte offset where the alias starts. A country or an outlet counts only
 * as the whole name ("The" aside): "While US" is no country. */
int32_t ct_resolve_name_actor(const ct_lexicon *lex, const char *name, size_t *at);

#endif
