/*
 * score.h — scoring attributions against gold, by the rules of the PolNeAR
 * README ("How attribution is scored here"); docs/eval.md states them as
 * implemented.
 *
 * Takes: an article's text and two parsed .ann files (gold, predicted).
 * Gives: counts of gold, predicted and matched spans per role (exact and
 * overlap) and of attributions, added to a ct_eval_result.
 */
#ifndef CT_SCORE_H
#define CT_SCORE_H

#include <stddef.h>
#include <stdint.h>

#include "claimtrace.h"
#include "brat.h"

/* A scoring token: characters [start, end) of the text. */
typedef struct {
	uint32_t start, end;
	uint8_t punct; /* a punctuation character (Unicode category P*) */
} ct_score_tok;

/* An article's text as the scorer sees it. */
typedef struct {
	ct_score_tok *toks; /* in text order */
	size_t ntok;
	size_t nchars; /* code points, an invalid byte counting as one */
} ct_score_text;

/*
 * Tokenizes UTF-8 text: maximal runs of word characters (letters, marks,
 * numbers, underscore), or single other characters that are not space
 * (Z*, control and format characters count as space). Free with
 * ct_score_text_free.
 */
void ct_score_text_init(ct_score_text *t, const char *text, size_t len);
void ct_score_text_free(ct_score_text *t);

/* A set of token indices, sorted ascending. */
typedef struct {
	uint32_t *v; /* owned; free() */
	size_t n;
} ct_score_set;

/*
 * The tokens a span touches, punctuation left out — unless the span touches
 * nothing but punctuation (a cue written ":"), when its punctuation tokens
 * are the set, so that such a span can still match itself. Ranges must lie
 * within the text.
 */
void ct_score_span(ct_score_set *out, const ct_score_text *t, const ct_brat_range *r, size_t n);

size_t ct_score_common(const ct_score_set *a, const ct_score_set *b); /* |a ∩ b| */
/* Jaccard index >= 0.5; two empty sets count as equal. */
int ct_score_overlaps(const ct_score_set *a, const ct_score_set *b);

/*
 * Scores one article and adds its counts to *res (articles += 1). Names are
 * for messages. Returns 0, or CT_EFORMAT with `err` set ("name:line: …")
 * when a span lies past the end of the text; *res is then unchanged.
 */
int ct_score_article(ct_eval_result *res, const ct_score_text *t, const ct_brat_doc *gold,
		     const char *gold_name, const ct_brat_doc *pred, const char *pred_name, char *err,
		     size_t errsize);

#endif
