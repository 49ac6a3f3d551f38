/*
 * brat.h — brat standoff files in PolNeAR's attribution scheme: a reader
 * that turns an .ann file into attributions, and a writer that turns an
 * article's attributions back into T and E lines.
 *
 * Takes: the bytes of an .ann file (reader), or an array of attributions
 * with character ranges plus the article text (writer).
 * Gives: every text-bound annotation (T line) with its type and ranges, and
 * one attribution per E line, its source, cue and content as lists of
 * ranges.
 *
 * Offsets are Unicode character (code point) offsets into the article's
 * .txt, end exclusive — brat's convention, not the byte offsets the rest of
 * the pipeline uses; callers convert once at the boundary.
 */
#ifndef CT_BRAT_H
#define CT_BRAT_H

#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/util.h"

/* A range of characters [start, end). */
typedef struct {
	uint32_t start, end;
} ct_brat_range;

/* A possibly discontinuous span: its ranges in the order written; n == 0
 * (r NULL) when the role is absent. */
typedef struct {
	const ct_brat_range *r;
	size_t n;
} ct_brat_span;

/* Types of text-bound annotation. */
typedef enum {
	CT_BRAT_SOURCE = 0,
	CT_BRAT_CUE,
	CT_BRAT_CONTENT, /* also the type "Content2" */
	CT_BRAT_ANCHOR,  /* "Attribution": the anchor of an attribution, on its cue */
	CT_BRAT_ANCHOR_NOSRC, /* "Attribution-no-source" */
	CT_BRAT_DISCUSS,
	CT_BRAT_DISCARD,
	CT_BRAT_NTYPES
} ct_brat_type;

/* "Source", "Cue", … as written in .ann files. */
const char *ct_brat_type_name(ct_brat_type type);

/* A T line. */
typedef struct {
	ct_brat_type type;
	ct_brat_span span;
	uint32_t line; /* in the .ann file, from 1 */
	uint32_t id;   /* the number after 'T' */
} ct_brat_tb;

/* Attribution flags. */
enum {
	CT_BRAT_NO_SOURCE = 1 << 0, /* anchored as Attribution-no-source */
	CT_BRAT_CONTENT2 = 1 << 1,  /* content has a second part (role Content2) */
	CT_BRAT_CUE_ANCHOR = 1 << 2 /* the E line named no Cue: the anchor stands for it */
};

/* An attribution (an E line). Content holds the Content ranges followed by
 * those of Content2. */
typedef struct {
	ct_brat_span source, cue, content;
	unsigned flags;
	uint32_t line; /* of the E line */
} ct_brat_att;

/* A parsed .ann file. Everything in it is allocated from `arena`. */
typedef struct {
	ct_brat_tb *tbs; /* in file order */
	size_t ntb;
	ct_brat_att *atts; /* in file order */
	size_t natt;
	ct_arena arena;
} ct_brat_doc;

/*
 * Parses an .ann file held in memory. `name` is used in messages only.
 * Returns 0 and *out (owned; ct_brat_doc_free), or CT_EFORMAT with *out
 * NULL and `err` holding "name:line: reason".
 *
 * Accepted: T lines of the types above, E lines whose trigger is an
 * Attribution or Attribution-no-source anchor and whose roles are Source,
 * Cue, Content or Content2 (any role may carry a number suffix and repeat;
 * its ranges are appended), and — ignored — notes (#), attributes (A, M),
 * relations (R), normalizations (N) and equivalences (*). A T line's
 * covered text may run over several lines when the span holds a newline, as
 * brat writes it; those lines are skipped. Blank lines are skipped.
 * References may point forward. Anything else is an error.
 */
int ct_brat_parse(ct_brat_doc **out, const char *data, size_t len, const char *name, char *err,
		  size_t errsize);

/* ct_brat_parse on a file; CT_EIO when it cannot be read. */
int ct_brat_read(ct_brat_doc **out, const char *path, char *err, size_t errsize);

void ct_brat_doc_free(ct_brat_doc *doc);

/*
 * The writer's input: one attribution with its parts as arrays of
 * character ranges (code points into the article text, end exclusive),
 * each in text order. `nsource` 0 means no source (written as
 * Attribution-no-source); `ncontent` 0 means no content. The cue is
 * required: the anchor sits on it.
 */
typedef struct {
	const ct_brat_range *source;
	size_t nsource;
	const ct_brat_range *cue;
	size_t ncue;
	const ct_brat_range *content;
	size_t ncontent;
} ct_brat_out;

/*
 * Appends the T and E lines for `n` attributions to `buf`, numbering from
 * T1 and E1 (one article a file):
 *
 *     T1	Source 0 5	Smith
 *     T2	Cue 6 10	said
 *     T3	Content 11 26	taxes will rise
 *     T4	Attribution 6 10	said
 *     E1	Attribution:T4 Content:T3 Cue:T2 Source:T1
 *
 * A source span equal to one already written is referred to again rather
 * than repeated. The covered text after the tab is the text of the ranges
 * joined by a space, as brat writes it, except that tabs and line breaks
 * become spaces so that every annotation stays on one line (the lengths do
 * not change). `text` is the article's UTF-8 text (`len` bytes).
 * Returns 0, or CT_EARG with `err` set when a range is empty, reversed or
 * past the end of the text, or a cue is missing; nothing is appended then.
 */
int ct_brat_write(ct_buf *buf, const ct_brat_out *atts, size_t n, const char *text, size_t len,
		  char *err, size_t errsize);

#endif
