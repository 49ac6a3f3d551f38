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

/* The lexicon actor a name chunk ends in ("Iranian Supreme Leader Ayatollah
 * Seyed Ali Khamenei" → Ali Khamenei), or -1; *at (may be NULL) gets the
 * byte offset where the alias starts. */
int32_t ct_code_name_actor(const ct_lexicon *lex, const char *name, size_t *at);

/* Days since 1970-01-01 of a civil date, and back. */
long ct_code_days(int y, int m, int d);
void ct_code_civil(long days, int *y, int *m, int *d);

/* A date as ISO text: "2014-09-15" (day, week) or "2014-06" (month); "" when none. */
void ct_code_when_iso(const ct_when *w, char buf[11]);

#endif
