/*
 * code.h — stage 7: attributions → event frames.
 *
 * Takes: attributions (attribute), mentions and entities (tag, resolve),
 *        the verb, polarity and demonym lexicons of the context
 *        (data/verbs.txt, polarity.txt, demonyms.txt), the article's
 *        publication date (CT_META_PUBLISHED) for relative dates.
 * Gives: doc->frames, one event frame per coded clause of each
 *        attribution's content, and of each sentence no attribution
 *        touches (the article's own assertion, its speaker the outlet):
 *        source and target participants, CAMEO action, topic, polarity,
 *        modality, the statement's stance, and the sentence's date;
 *        doc->sent_when, the first date of every sentence, normalized.
 *
 * Robust to missing parts: an attribution without a source is the
 * outlet's, one without content codes nothing, and a clause whose
 * participants are not named takes them from the speaker or from the
 * last frame of the same class in the article ("such conversations").
 */
#ifndef CT_CODE_H
#define CT_CODE_H

#include "../core/doc.h"
#include "../core/date.h"

int ct_code_run(const ct_ctx *ctx, ct_doc *doc);


#endif
