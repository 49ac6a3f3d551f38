/*
 * doc.h — the article model (`ct_doc`) and the context (`ct_ctx`), the two
 * structures every stage shares. A stage reads what earlier stages left in
 * the document and adds its own part; it never rewrites an earlier part.
 */
#ifndef CT_DOC_H
#define CT_DOC_H

#include "claimtrace.h"
#include "arena.h"
#include "util.h"
#include "../lex/lexicon.h"

/* Abbreviation classes (data/abbreviations.txt). */
enum {
	CT_ABBR_TITLE = 1, /* Mr., Gen.: a name follows, never a sentence end */
	CT_ABBR_MONTH,     /* Sept.: ends a sentence only before a sentence starter */
	CT_ABBR_OTHER,     /* U.S., Inc.: likewise */
};

struct ct_ctx {
	char *datadir;
	char err[512];
	size_t max_article;
	ct_table abbrevs;  /* "Gen" → CT_ABBR_… (key without the period) */
	ct_table starters; /* capitalized words that usually open a sentence */
	ct_lexicon lex;
};

/*
 * The offset map: normalized offset `norm` corresponds to input offset
 * `in` (bytes) and `ch` (characters); between two points the two texts run
 * byte for byte in step. A point is recorded wherever normalization changed
 * a length, so an unchanged article has one point.
 */
typedef struct {
	uint32_t norm, in, ch;
	uint32_t ascii; /* the input up to the next point is ASCII: chars = bytes */
} ct_omap_pt;

struct ct_doc {
	ct_arena arena;
	const char *meta[CT_META_COUNT]; /* arena strings */
	long line;                       /* input line of the record's start */
	int text_is_file;                /* raw is the file's bytes: lines count on */
	ct_stage stage;
	int read_done;

	char *raw; /* the input text as read (owned) */
	size_t raw_len;
	size_t header_end; /* raw offset where a leading date marker and dateline end, or 0 */

	char *text; /* normalized (owned) */
	size_t text_len;
	ct_omap_pt *omap;
	size_t nomap, omap_cap;
	size_t n_replaced; /* invalid or NUL bytes replaced by U+FFFD */

	ct_paragraph *paras;
	size_t npara, para_cap;
	ct_sentence *sents;
	size_t nsent, sent_cap;
	ct_token *toks;
	size_t ntok, tok_cap;

	const char **warnings; /* arena strings */
	size_t nwarn, warn_cap;
};

/* A new document taking ownership of `raw` (heap, raw_len bytes + NUL). */
ct_doc *ct_doc_adopt(char *raw, size_t raw_len);
void ct_doc_warn(ct_doc *doc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The input line holding normalized offset `off` (for messages). */
long ct_doc_line_of(const ct_doc *doc, uint32_t off);

#endif
