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

#endif
