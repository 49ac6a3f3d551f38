/*
 * claimtrace.h — the public API of libclaimtrace.
 *
 * claimtrace reads news articles and runs each through a one-way pipeline
 * of stages (read → normalize → segment → …), every stage adding to one
 * per-article document (`ct_doc`). Text positions are spans: byte offsets
 * into the article's normalized text, which map back to the input.
 *
 * Conventions
 *  - Functions that can fail return 0 or a negative CT_E… code; the message
 *    (with file and line where there is one) is kept by the object that
 *    failed: ct_ctx_error(), ct_reader_error().
 *  - A `ct_ctx` is read-only once loaded, so any number of threads may share
 *    one. A `ct_doc` belongs to one thread at a time.
 *  - Ownership is written at each declaration: "owned" pointers are the
 *    caller's to free with the matching _free; "borrowed" ones live as long
 *    as their parent object.
 *  - Out of memory: the library prints one line to stderr and aborts. News
 *    text is small next to memory, and a half-built article is worth nothing,
 *    so there is no recovery path to get wrong.
 */
#ifndef CLAIMTRACE_H
#define CLAIMTRACE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CT_VERSION "0.1.0"

/* Marks the public functions: the library is built with -fvisibility=hidden,
 * so these are the only symbols libclaimtrace.so exports. */
#if defined(__GNUC__)
#define CT_EXPORT __attribute__((visibility("default")))
#else
#define CT_EXPORT
#endif

/* Error codes. */
enum {
	CT_OK = 0,
	CT_EIO = -1,      /* a file could not be opened or read */
	CT_EFORMAT = -2,  /* malformed input (a JSONL or CSV record, a data file) */
	CT_EEMPTY = -3,   /* the input holds no text */
	CT_EBINARY = -4,  /* the input is not text */
	CT_ETOOBIG = -5,  /* an article larger than the configured limit */
	CT_EARG = -6,     /* a bad argument */
	CT_EDATA = -7,    /* a lexicon or model file is missing or malformed */
	CT_EDB = -8,      /* the archive's database failed: not one, read-only, full, damaged */
};

/* A short description of an error code. */
CT_EXPORT const char *ct_strerror(int code);

/* Pipeline stages, in order. */
typedef enum {
	CT_STAGE_READ = 0,
	CT_STAGE_NORMALIZE,
	CT_STAGE_SEGMENT,
	CT_STAGE_TAG,
	CT_STAGE_RESOLVE,
	CT_STAGE_ATTRIBUTE,
	CT_STAGE_CODE, /* event frames (CAMEO action, participants, polarity, stance) */
	CT_STAGE_LAST = CT_STAGE_CODE
} ct_stage;

/* "read", "normalize", "segment", "tag", "resolve", "attribute", "code" → stage;
 * -1 for an unknown name. */
CT_EXPORT int ct_stage_from_name(const char *name);
CT_EXPORT const char *ct_stage_name(ct_stage stage);

/* ---- context: lexicons and settings, loaded once ---------------------- */

typedef struct ct_ctx ct_ctx;

/*
 * Loads the data files from `datadir` (NULL: $CLAIMTRACE_DATA, else the
 * directory compiled in). On failure *out is still a context, holding the
 * message; free it either way.
 */
CT_EXPORT int ct_ctx_new(ct_ctx **out /* owned */, const char *datadir);
CT_EXPORT void ct_ctx_free(ct_ctx *ctx);
CT_EXPORT const char *ct_ctx_error(const ct_ctx *ctx); /* borrowed; "" when none */
/*
 * 0 when the context holds what running articles up to `until` takes: from
 * CT_STAGE_ATTRIBUTE on, the attribution model, which ct_ctx_new passes
 * over when the file is absent (training needs none). Else CT_EDATA with
 * "DATADIR/attribution.model: why" in ct_ctx_error(). Call it once before
 * the articles, so that a missing model is one error, not one an article.
 */
CT_EXPORT int ct_ctx_check(ct_ctx *ctx, ct_stage until);

/* Articles larger than this many bytes are refused (CT_ETOOBIG). */
CT_EXPORT void ct_ctx_set_max_article(ct_ctx *ctx, size_t bytes);

/* ---- documents ------------------------------------------------------- */

typedef struct ct_doc ct_doc;

typedef enum {
	CT_META_ID = 0,
	CT_META_URL,
	CT_META_OUTLET,
	CT_META_PUBLISHED, /* ISO date, YYYY-MM-DD */
	CT_META_TITLE,
	CT_META_CREDIT,    /* "Reuters", "Office of the Supreme Leader/AP" */
	CT_META_DATELINE,  /* "PARIS" */
	CT_META_AUTHOR,    /* "Jane Doe, John Roe": who wrote it, as the input or page names them */
	CT_META_PATH,      /* the input file */
	CT_META_COUNT
} ct_meta_key;

/* An article from memory: `text` is copied; `id` may be NULL. */
CT_EXPORT ct_doc *ct_doc_new(const char *id, const char *text, size_t len); /* owned */
CT_EXPORT void ct_doc_free(ct_doc *doc);

CT_EXPORT const char *ct_doc_meta(const ct_doc *doc, ct_meta_key key); /* borrowed or NULL */
CT_EXPORT void ct_doc_set_meta(ct_doc *doc, ct_meta_key key, const char *value);
CT_EXPORT const char *ct_meta_name(ct_meta_key key); /* "id", "url", … */

/* Runs the stages after the last one done, up to and including `until`. */
CT_EXPORT int ct_doc_run(const ct_ctx *ctx, ct_doc *doc, ct_stage until);
CT_EXPORT ct_stage ct_doc_stage(const ct_doc *doc);

/* The normalized text (borrowed, NUL-terminated). Valid after NORMALIZE. */
CT_EXPORT const char *ct_doc_text(const ct_doc *doc, size_t *len);

/* Warnings raised while processing (replaced bytes, …), one line each,
 * already naming file and line. Borrowed. */
CT_EXPORT size_t ct_doc_nwarnings(const ct_doc *doc);
CT_EXPORT const char *ct_doc_warning(const ct_doc *doc, size_t i);

/* A span of the normalized text. */
typedef struct {
	uint32_t off, len;
} ct_span;

/*
 * Where a span of the normalized text came from: its start and end in the
 * input, as byte offsets (in[0], in[1]) and as character offsets (ch[0],
 * ch[1]; code points, an invalid byte counting as one), from the start of
 * the article's text as read. Either array may be NULL.
 */
CT_EXPORT void ct_doc_input_span(const ct_doc *doc, uint32_t off, uint32_t len, size_t in[2],
		       size_t ch[2]);

/* Attribution kinds. */
typedef enum {
	CT_ATTR_DIRECT = 0, /* the content is a quotation */
	CT_ATTR_INDIRECT,   /* reported speech: "Harf confirmed that …" */
	CT_ATTR_MIXED,      /* partly quoted */
	CT_ATTR_ACCORDING,  /* "according to X" */
	CT_ATTR_HEADLINE,   /* "State Dept: …" */
	CT_ATTR_NKINDS
} ct_attr_kind;
CT_EXPORT const char *ct_attr_kind_name(ct_attr_kind kind);

/* Token types. */
typedef enum {
	CT_TOK_WORD = 0,
	CT_TOK_NUMBER,
	CT_TOK_PUNCT,
	CT_TOK_QUOTE,   /* a double quotation mark */
	CT_TOK_HASHTAG,
	CT_TOK_HANDLE,  /* @name */
	CT_TOK_URL,
	CT_TOK_EMAIL,
	CT_TOK_SYMBOL,  /* $, %, £, emoji, … */
	CT_TOK_NTYPES
} ct_tok_type;
CT_EXPORT const char *ct_tok_type_name(ct_tok_type type);

/* Token flags. */
enum {
	CT_TF_QUOTED = 1 << 0,   /* inside a double-quoted passage */
	CT_TF_OPEN = 1 << 1,     /* an opening quotation mark */
	CT_TF_CLOSE = 1 << 2,    /* a closing quotation mark */
	CT_TF_ABBREV = 1 << 3,   /* a word that ends in an abbreviation's period */
	CT_TF_SENT_END = 1 << 4, /* the last token of its sentence */
};

typedef struct {
	uint32_t off, len;
	uint8_t type;  /* ct_tok_type */
	uint8_t flags; /* CT_TF_… */
} ct_token;

typedef struct {
	uint32_t off, len;
	uint32_t tok, ntok; /* first token, count */
	uint32_t para;      /* paragraph index */
	uint8_t quoted;     /* begins inside a quotation carried from before */
} ct_sentence;

typedef struct {
	uint32_t off, len;
	uint32_t sent, nsent;
} ct_paragraph;

/* Valid after SEGMENT; arrays borrowed from the document. */
CT_EXPORT const ct_paragraph *ct_doc_paragraphs(const ct_doc *doc, size_t *n);
CT_EXPORT const ct_sentence *ct_doc_sentences(const ct_doc *doc, size_t *n);
CT_EXPORT const ct_token *ct_doc_tokens(const ct_doc *doc, size_t *n);

/*
 * Trains the attribution tagger on brat gold in PolNeAR's layout
 * (gold_dir/text/NAME.txt, gold_dir/attributions/NAME_ANNOTATOR.ann) and writes the model to
 * out_path. Deterministic for a given seed. Progress lines go to `progress`
 * (may be NULL). Returns 0, or a negative code with `err` set.
 */
CT_EXPORT int ct_train_attribution(const ct_ctx *ctx, const char *gold_dir, const char *out_path, int epochs,
			 unsigned seed, FILE *progress, char *err, size_t errsize);

/* ---- readers --------------------------------------------------------- */

typedef enum {
	CT_IN_AUTO = 0, /* by extension; for "-", by the first byte */
	CT_IN_TXT,
	CT_IN_JSONL,
	CT_IN_CSV,
	CT_IN_HTML, /* a web page: its article body and metadata */
	CT_IN_WARC  /* a web crawl: its HTML responses, each a page */
} ct_input_format;
CT_EXPORT int ct_input_format_from_name(const char *name); /* -1 when unknown */

typedef struct ct_reader ct_reader;

/*
 * Opens a file, a directory (its .txt, .jsonl, .csv, .html and .warc files,
 * gzipped or not, recursively, in name order; one that has none gives
 * CT_EIO on the first ct_reader_next) or "-" for standard input. Articles stream out one at a
 * time, so memory does not grow with the input.
 */
CT_EXPORT int ct_reader_open(ct_reader **out /* owned */, const ct_ctx *ctx, const char *path,
		   ct_input_format format);
/*
 * Reads `field` ("text", "title", "url", "outlet", "published", "author" or
 * "id") from JSON key or CSV column `key` instead of the usual names
 * (docs: README, "Input"). A key with dots ("meta.title") reaches into
 * nested JSON objects. 0, or CT_EARG for an unknown field. Call before the
 * first ct_reader_next.
 */
CT_EXPORT int ct_reader_set_field(ct_reader *r, const char *field, const char *key);
/*
 * The next article: 1 and *doc (owned) when there is one, 0 at the end, or
 * a negative code when one record or file failed — the message is in
 * ct_reader_error() and the reader goes on at the next record on the next
 * call.
 */
CT_EXPORT int ct_reader_next(ct_reader *r, ct_doc **doc);
CT_EXPORT const char *ct_reader_error(const ct_reader *r); /* borrowed */
/* What the directory walk passed over, one "path: skipped: why" a call (a
 * FIFO, socket or device; a directory or file reached again through a
 * link), then NULL. Borrowed from the reader. */
CT_EXPORT const char *ct_reader_note(ct_reader *r);
/* Records of web crawls passed over so far as not pages; `why` (cap bytes)
 * gets them by kind: "3 request, 1 not HTML". */
CT_EXPORT size_t ct_reader_skipped(const ct_reader *r, char *why, size_t cap);
/* For a progress line: bytes of the input read so far and its size on
 * disk (files of a directory included; 0 for standard input). */
CT_EXPORT void ct_reader_progress(const ct_reader *r, uint64_t *done, uint64_t *total);
CT_EXPORT void ct_reader_free(ct_reader *r);

/* ---- output ---------------------------------------------------------- */

typedef enum {
	CT_OUT_JSONL = 0,
	CT_OUT_TEXT,
	CT_OUT_BRAT /* the attributions as a brat .ann file (character offsets into the input) */
} ct_output_format;
CT_EXPORT int ct_output_format_from_name(const char *name); /* -1 when unknown */

/* One article's record as a string (owned, NUL-terminated; *len its length). */
CT_EXPORT char *ct_doc_render(const ct_doc *doc, ct_output_format format, size_t *len);
/* Writes one article's record; 0, or CT_EIO when the stream fails. */
CT_EXPORT int ct_doc_write(const ct_doc *doc, ct_output_format format, FILE *out);

/* ---- the archive: articles and what the pipeline found, in SQLite ------ */

/*
 * One SQLite file (docs/store.md has its schema): every article with its
 * normalized text and metadata, its entities, attributions (with spans
 * into the text) and coded statements, a full-text index of the
 * statements' sentences, and what the story map needs of each article.
 * Writes come in batches, one transaction each: a crash at any moment
 * leaves the file as it was after the last batch, and adding the same
 * articles again adds only what is missing — an article whose normalized
 * text is already there (by a 128-bit content hash) is a duplicate.
 */
typedef struct ct_store ct_store;
typedef enum {
	CT_STORE_READ = 0, /* the file must exist; nothing is written */
	CT_STORE_WRITE     /* created when missing; an older schema is migrated */
} ct_store_mode;

/* Opens an archive. On failure (CT_EIO: no such file; CT_EDB: not an
 * archive, a newer schema, a read-only file, …) *out still holds the
 * message, "path: reason"; close it either way. */
CT_EXPORT int ct_store_open(ct_store **out /* owned */, const char *path, ct_store_mode mode);
/* Closes the file (a batch still open is rolled back): 0, or CT_EDB. */
CT_EXPORT int ct_store_close(ct_store *s);
CT_EXPORT const char *ct_store_error(const ct_store *s); /* borrowed */
/* The schema version of the file (after any migration). */
CT_EXPORT int ct_store_schema_version(const ct_store *s);
/* Articles in the file, or a negative code. */
CT_EXPORT int64_t ct_store_narticles(ct_store *s);

/* What the store keeps of a document beyond its rows (the content hash and
 * the story's part), made on any thread from a document run to
 * CT_STAGE_CODE; NULL for one that was not. */
typedef struct ct_store_rec ct_store_rec;
CT_EXPORT ct_store_rec *ct_store_rec_new(const ct_ctx *ctx, const ct_doc *doc); /* owned */
CT_EXPORT void ct_store_rec_free(ct_store_rec *rec);
/* 1 when the archive held `doc`'s text (run to CT_STAGE_NORMALIZE at
 * least) when it was opened: a duplicate, known before the costly
 * stages. Reads only what was loaded at opening, so any thread may ask. */
CT_EXPORT int ct_store_known(const ct_store *s, const ct_doc *doc);

/* A batch: begin, add, commit (or roll back). One thread writes. */
CT_EXPORT int ct_store_begin(ct_store *s);
/* Adds an article and its rows: 1 (and *id, may be NULL), 0 when its text
 * is already in the file, or CT_EDB with the message (roll back then). */
CT_EXPORT int ct_store_add(ct_store *s, const ct_doc *doc, const ct_store_rec *rec, int64_t *id);
CT_EXPORT int ct_store_commit(ct_store *s);
CT_EXPORT int ct_store_rollback(ct_store *s);

/* Statements asked for: every field may be NULL (no filter). */
typedef struct {
	const char *speaker; /* a name, or a word of one ("Khamenei"), any case */
	const char *about;   /* words the statement's sentence holds, all of them (full-text index) */
	const char *outlet;  /* the outlet's name, any case */
	const char *since, *until; /* ISO dates, inclusive, of the statement (else its article) */
	int64_t story;       /* the story's id, or 0 for any */
	size_t limit;        /* 0: no limit */
} ct_query;

/* One statement found; strings borrowed for the callback's duration. */
typedef struct {
	int64_t statement, article_row;
	const char *article; /* the article's id, as `extract` names it */
	const char *url, *outlet, *title;
	const char *date;    /* the statement's date, else its article's; may be NULL */
	const char *speaker; /* who said it; the outlet for its own voice */
	const char *cue;     /* "said", "not rule out"; NULL for none */
	const char *stance;  /* asserts, denies, questions, reports */
	const char *sentence;
	int own;             /* in the outlet's own voice */
} ct_query_row;

/* Calls each(arg, row) for every statement that passes the filters, by
 * date; a nonzero return stops. 0, CT_EARG (a malformed date) or CT_EDB
 * with the message in ct_store_error. */
CT_EXPORT int ct_store_query(ct_store *s, const ct_query *q, int (*each)(void *arg, const ct_query_row *row), void *arg);

/* ---- stories across the archive, and wire reprints ------------------- */

/*
 * Groups the archive's articles that have no story yet (in the order they
 * were archived) into stories, each joining the story it is closest to or
 * starting one (the grouper's state is kept in the file, so old articles
 * are never grouped again), links wire reprints within each story it
 * touched to their earliest copy, and updates the stories' rows: one
 * transaction. `ctx` runs the pipeline for an article archived without
 * the grouper's features (an older schema). 0, or CT_EDB with the
 * message.
 */
typedef struct {
	size_t articles;        /* grouped by this call */
	size_t failed;          /* that could not be (no features, no text) */
	size_t stories_touched; /* stories they joined or started */
	size_t stories;         /* stories in the archive */
	size_t reprints;        /* reprints linked in the stories touched */
} ct_store_group_stats;
CT_EXPORT int ct_store_group(ct_store *s, const ct_ctx *ctx, ct_store_group_stats *stats);

/* A story of the archive; strings borrowed for the callback's duration. */
typedef struct {
	int64_t id;
	const char *title;
	const char *first, *last;  /* publication dates of its earliest and latest articles; may be NULL */
	const char **articles;     /* their ids as `extract` names them, by date */
	size_t narticles;
	const char **outlets;      /* most articles first */
	size_t noutlets;
	/* the summary kept when stories are grouped (docs/store.md) */
	size_t statements, asserts, denies, questions, reports; /* page furniture left out */
	size_t conflicts;          /* claims of its map both asserted and denied */
	const char *claim;         /* the central claim: its clearest statement; NULL when none */
	const char *claim_speaker; /* who made it; NULL: an outlet's own voice (or no claim) */
	size_t claim_articles;     /* articles that state it */
} ct_story_row;
/* Calls each(arg, row) for story `id`, or for every story (id 0), largest
 * first; a nonzero return stops. 0 or CT_EDB. */
CT_EXPORT int ct_store_stories(ct_store *s, int64_t id, int (*each)(void *arg, const ct_story_row *row), void *arg);

/* Which stories ct_store_story_list gives, and in what order. */
typedef struct {
	const char *text;          /* the title or the central claim holds it, any ASCII case; NULL: any */
	const char *outlet;        /* an outlet that carried the story, any ASCII case; NULL: any */
	const char *since, *until; /* the story's dates overlap since … until (ISO prefixes); NULL: open */
	int newest;                /* by its latest article, newest first; else largest first */
	size_t limit;              /* at most this many (0: all) */
} ct_story_filter;
/* Like ct_store_stories for a list: the stories `f` selects, with their
 * summaries and outlets but not their articles' names (row.articles is
 * NULL; row.narticles counts them). 0, CT_EARG when a date is not ISO
 * (ct_store_error says which), or CT_EDB. */
CT_EXPORT int ct_store_story_list(ct_store *s, const ct_story_filter *f,
				  int (*each)(void *arg, const ct_story_row *row), void *arg);

/* A story's version into buf (cap bytes): a string that changes whenever
 * an article joins the story. 0, CT_EARG when there is no such story, or
 * CT_EDB. */
CT_EXPORT int ct_store_story_version(ct_store *s, int64_t id, char *buf, size_t cap);

/* How an outlet carried a story's central claim (ct_story_row.claim). */
typedef struct {
	int64_t story;
	size_t articles;                 /* the outlet's articles in the story */
	size_t claim_for, claim_against; /* statements its articles carry for and against the claim */
	int leads;                       /* it leads with the claim (the first it states, in a lead if any) */
} ct_outlet_side;
/* Calls each(arg, row) for every story outlet `outlet` (any ASCII case)
 * carried, by story id; a nonzero return stops. 0 or CT_EDB. */
CT_EXPORT int ct_store_outlet_sides(ct_store *s, const char *outlet, int (*each)(void *arg, const ct_outlet_side *row),
				    void *arg);

typedef struct ct_story ct_story; /* the story map, below */
/* Adds the articles of story `id` to `st`, by date, from what the archive
 * kept of each (an article kept with other data files runs through the
 * pipeline again from its text; *rerun, may be NULL, counts them). 0,
 * CT_EARG when the archive has no such story, or CT_EDB. */
CT_EXPORT int ct_store_story_add(ct_store *s, const ct_ctx *ctx, ct_story *st, int64_t id, size_t *rerun);

/* A passage a reprint shares with its original: bytes of each text. */
typedef struct {
	uint32_t original_off, original_len, reprint_off, reprint_len;
	uint32_t words;
} ct_reprint_passage;
/* A reprint and its original, with the evidence; strings borrowed for the
 * callback's duration. */
typedef struct {
	int64_t story;
	int64_t original, reprint; /* the archive's article ids */
	const char *original_name, *original_outlet, *original_date, *original_text;
	const char *reprint_name, *reprint_outlet, *reprint_date, *reprint_text;
	double containment;        /* estimated share of the shorter text's word 3-grams in the other */
	const ct_reprint_passage *passages; /* in the original's order */
	size_t npassages;
} ct_reprint_row;
/* Calls each(arg, row) for every reprint of story `id` (0: every story),
 * by story and original, with the passages of min_words words or more the
 * two share (min_words 0: neither the passages nor the texts, for a list
 * that needs only the links). 0 or CT_EDB. */
CT_EXPORT int ct_store_reprints(ct_store *s, int64_t id, size_t min_words,
				int (*each)(void *arg, const ct_reprint_row *row), void *arg);

/* ---- the archive for the web app: articles whole, and lists of them -- */

/* An entity of an article (entities table); strings borrowed. */
typedef struct {
	int idx;            /* its number in the article */
	const char *name, *type, *country; /* country may be NULL */
	int mentions;
} ct_article_entity;
/* An attribution: byte spans into the article's text (length 0: none). */
typedef struct {
	int idx;
	const char *kind, *cue_kind; /* cue_kind may be NULL */
	int source_entity;           /* ct_article_entity.idx, or -1 */
	uint32_t source_off, source_len, cue_off, cue_len;
	uint32_t content_off, content_len, content2_off, content2_len;
} ct_article_attr;
/* A statement of the article (no page furniture), by sentence. */
typedef struct {
	int64_t id;
	int attribution;   /* ct_article_attr.idx, or -1 for the outlet's own voice */
	const char *speaker, *cue, *stance, *date; /* speaker, cue, date may be NULL */
	int sent;          /* the sentence's number */
	uint32_t sent_off, sent_len;
} ct_article_statement;
/* One article whole; everything borrowed for the callback's duration. */
typedef struct {
	int64_t id;        /* the archive's number */
	const char *name;  /* as `extract` names it */
	const char *url, *outlet, *published, *title, *author; /* may be NULL */
	const char *text;  /* the normalized text every span indexes */
	size_t text_len;
	int64_t story, reprint_of; /* 0: none */
	const ct_article_entity *entities;
	size_t nentities;
	const ct_article_attr *attrs;
	size_t nattrs;
	const ct_article_statement *statements;
	size_t nstatements;
} ct_article_row;
/* Calls each(arg, row) once for article `id`. 0, CT_EARG when the archive
 * has no such article, or CT_EDB, the message in ct_store_error. */
CT_EXPORT int ct_store_article(ct_store *s, int64_t id, int (*each)(void *arg, const ct_article_row *row), void *arg);

/* An article in a list; strings borrowed for the callback's duration. */
typedef struct {
	int64_t id;
	const char *name, *url, *outlet, *published, *title; /* url … title may be NULL */
	int64_t story, reprint_of; /* 0: none */
	size_t nstatements;
} ct_article_brief;
/* Calls each(arg, row) for the articles of story `story` (0: any) carried
 * by `outlet` (NULL: any; any case), by date, at most `limit` (0: no
 * limit); a nonzero return stops. 0 or CT_EDB. */
CT_EXPORT int ct_store_articles(ct_store *s, int64_t story, const char *outlet, size_t limit,
				int (*each)(void *arg, const ct_article_brief *row), void *arg);

/* A story's statements counted by stance (page furniture left out). */
typedef struct {
	int64_t story;
	size_t statements, asserts, denies, questions, reports;
} ct_story_stances;
/* Calls each(arg, row) for every story with statements, by id; a nonzero
 * return stops. 0 or CT_EDB. */
CT_EXPORT int ct_store_story_stances(ct_store *s, int (*each)(void *arg, const ct_story_stances *row), void *arg);

/*
 * What a speaker said across the archive, grouped by claim: within each
 * story, their statements that say the same thing (the same content
 * words, weighed as the story map weighs them), each group with its
 * stances, the outlets that carried it and the speakers who stand against
 * it — who deny or question in the same story what the group asserts, or
 * assert what it denies. src/store/speaker.c explains the method.
 */
typedef struct {
	int64_t statement, article; /* the archive's ids */
	const char *speaker;        /* as the archive names them there */
	const char *article_name, *title, *url; /* the article's; title and url may be NULL */
	const char *date, *cue, *outlet; /* may be NULL */
	const char *stance, *sentence;
} ct_said;
typedef struct {
	const char *name;            /* the other speaker, as the archive names them */
	size_t n;                    /* their statements against the group */
	int64_t statement, article;  /* the first of them */
	const char *stance, *sentence;
} ct_opponent;
typedef struct {
	int64_t story;               /* 0: an article not in a story yet */
	const char *story_title;     /* may be NULL */
	const char *stance;          /* the group's most frequent stance */
	int side;                    /* 1 it asserts, -1 it denies or questions, 0 neither (reports, or as many each way) */
	size_t asserts, denies, questions, reports;
	const ct_said *said;         /* by date */
	size_t nsaid;
	const char *const *outlets;  /* those that carried it, most statements first */
	size_t noutlets;
	const ct_opponent *against;  /* most statements first */
	size_t nagainst;
	const char *first, *last;    /* dates of its first and last statements; may be NULL */
} ct_speaker_claim;
/* Calls each(arg, group) for the claims of `speaker` (a name, or whole
 * words of one, any case, as ct_query's), largest first, from at most
 * `limit` of their statements (0: all), the earliest; everything borrowed
 * for the callback's duration; a nonzero return stops. `ctx` gives the
 * function words. 0 or CT_EDB. */
CT_EXPORT int ct_store_speaker_claims(ct_store *s, const ct_ctx *ctx, const char *speaker, size_t limit,
				      int (*each)(void *arg, const ct_speaker_claim *group), void *arg);

/* A time limit on the reads of `s` from now on (the web server's, per
 * request): a query still running `usec` microseconds from now is
 * interrupted and fails with CT_EDB, and ct_store_timed_out says 1 until
 * the next call. 0: no limit. Only SQLite's work is bounded: what a caller
 * computes from the rows is not. */
CT_EXPORT void ct_store_set_time_limit(ct_store *s, uint64_t usec);
CT_EXPORT int ct_store_timed_out(const ct_store *s);

/* ---- evaluation: attributions against PolNeAR ------------------------- */

/*
 * Scores predicted attributions against gold ones, both as brat standoff
 * (.ann) files in PolNeAR's scheme, by the rules of the corpus README
 * (docs/eval.md): per role, spans matched one-to-one exactly (same token
 * set) and by overlap (Jaccard >= 0.5); per attribution, content overlaps,
 * cue shares a token and source overlaps. Counts pool over articles.
 */
typedef enum {
	CT_ROLE_SOURCE = 0,
	CT_ROLE_CUE,
	CT_ROLE_CONTENT,
	CT_NROLES
} ct_role;
CT_EXPORT const char *ct_role_name(ct_role role); /* "source", "cue", "content" */

/* One tally: gold and predicted items, and matched pairs. */
typedef struct {
	size_t gold, pred, match;
} ct_eval_count;

typedef struct {
	ct_eval_count exact[CT_NROLES];   /* spans whose token sets are equal */
	ct_eval_count overlap[CT_NROLES]; /* spans with Jaccard >= 0.5 */
	ct_eval_count attribution;        /* whole attributions */
	size_t articles;                  /* articles scored */
	size_t skipped; /* articles not scored (a missing or malformed file); see warnings */
} ct_eval_result;

/* Precision, recall and F1 as fractions (0 when undefined). Any pointer may be NULL. */
CT_EXPORT void ct_eval_prf(const ct_eval_count *c, double *precision, double *recall, double *f1);

typedef struct ct_eval ct_eval;

CT_EXPORT ct_eval *ct_eval_new(void); /* owned; an empty tally */
CT_EXPORT void ct_eval_free(ct_eval *ev);

/*
 * Adds one article: its text (`txt_path`, UTF-8; brat offsets count its
 * characters), its gold .ann and its predicted .ann (`pred_path` NULL: no
 * predictions, so everything gold is missed). Returns 0, or a negative code
 * with the message (naming file and line) in ct_eval_error(); the article
 * then adds nothing.
 */
CT_EXPORT int ct_eval_add_files(ct_eval *ev, const char *txt_path, const char *gold_path, const char *pred_path);

/*
 * Scores a directory of predictions against a PolNeAR split: `gold_dir`
 * holds text/NAME.txt and attributions/NAME_ANNOTATOR.ann, and each article
 * is scored against its first annotator's file by name. `pred_dir` holds
 * NAME.ann files, or is itself in PolNeAR's layout (then its first
 * annotator's files are the predictions — gold against itself scores 100).
 * An article whose prediction file is missing or whose files fail is
 * skipped with a warning (ct_eval_nwarnings) and counted in `skipped`.
 * Returns 0, or a negative code (CT_EIO: a directory cannot be read;
 * CT_EEMPTY: no gold articles) with the message in ct_eval_error().
 */
CT_EXPORT int ct_eval_dirs(ct_eval *ev, const char *gold_dir, const char *pred_dir);

CT_EXPORT const ct_eval_result *ct_eval_get(const ct_eval *ev); /* borrowed */
CT_EXPORT const char *ct_eval_error(const ct_eval *ev);         /* borrowed; "" when none */
CT_EXPORT size_t ct_eval_nwarnings(const ct_eval *ev);
CT_EXPORT const char *ct_eval_warning(const ct_eval *ev, size_t i); /* borrowed */

/* ---- evaluation: article bodies taken from web pages ------------------ */

/*
 * The article-extraction benchmark's score of an extracted text against the
 * text a person marked: both split into \w+ tokens, every run of four a
 * shingle counted with its multiplicity; per page tp, fp and fn normalized
 * to sum to 1. Precision is the mean over pages that gave something,
 * recall over pages that expected something (a page with nothing on either
 * side counts 1), F1 their harmonic mean. Start from a zeroed struct.
 */
typedef struct {
	double psum, rsum;
	size_t pn, rn, pages;
} ct_text_score;
/* Scores one page; *page_f1 (may be NULL) gets its own F1. */
CT_EXPORT void ct_text_score_add(ct_text_score *acc, const char *expected, size_t elen, const char *got, size_t glen,
		       double *page_f1);
CT_EXPORT void ct_text_score_result(const ct_text_score *acc, double *p, double *r, double *f1);

/* ---- stance: an article's stance toward a claim (FNC-1) ---------------- */

/*
 * Given a claim (a headline) and an article body, is the body unrelated to
 * it, or does it agree with it, disagree with it, or discuss it without
 * taking a side? The labels and the score are those of the Fake News
 * Challenge, stage 1 (FNC-1). The model is a small neural network over
 * word counts and overlap features (src/ml/stance.c explains it); a trained
 * model ships as data/stance.model.
 */
typedef enum {
	CT_STANCE_AGREE = 0,
	CT_STANCE_DISAGREE,
	CT_STANCE_DISCUSS,
	CT_STANCE_UNRELATED,
	CT_STANCE_NLABELS
} ct_stance_label;

/* "agree", "disagree", "discuss", "unrelated" → label (case-insensitive);
 * -1 for anything else. */
CT_EXPORT int ct_stance_label_from_name(const char *name);
CT_EXPORT const char *ct_stance_label_name(ct_stance_label label);

/*
 * Labelled or unlabelled pairs: a headline, the id and text of a body, and
 * a gold label or -1. Strings are copied in; the accessors' strings are
 * borrowed from the data set.
 */
typedef struct ct_stance_data ct_stance_data;

CT_EXPORT ct_stance_data *ct_stance_data_new(void); /* owned */
/* Adds a body (replacing one with the same id). */
CT_EXPORT void ct_stance_data_add_body(ct_stance_data *d, const char *id, const char *text);
/* Adds a pair; the body must have been added (else CT_EARG). */
CT_EXPORT int ct_stance_data_add_pair(ct_stance_data *d, const char *headline, const char *body_id, int label);
/*
 * Reads FNC-1's two CSV files: `bodies` ("Body ID,articleBody"; NULL to read
 * the stances alone, as for scoring) and `stances` ("Headline,Body ID" and
 * an optional "Stance"). A row that cannot be used (wrong number of fields,
 * an unknown label, a body id that is not in the bodies) is left out and
 * one line naming file, line and reason is added to the warnings; the
 * call then returns CT_EFORMAT with everything else read. A file that
 * cannot be read at all gives its code and message in ct_stance_data_error.
 * *out is always a data set; free it either way.
 */
CT_EXPORT int ct_stance_data_read(ct_stance_data **out /* owned */, const char *bodies, const char *stances);
CT_EXPORT void ct_stance_data_free(ct_stance_data *d);
CT_EXPORT const char *ct_stance_data_error(const ct_stance_data *d); /* borrowed; "" when none */
CT_EXPORT size_t ct_stance_data_nwarnings(const ct_stance_data *d);
CT_EXPORT const char *ct_stance_data_warning(const ct_stance_data *d, size_t i); /* borrowed */
CT_EXPORT size_t ct_stance_data_npairs(const ct_stance_data *d);
CT_EXPORT const char *ct_stance_data_headline(const ct_stance_data *d, size_t i);
CT_EXPORT const char *ct_stance_data_body_id(const ct_stance_data *d, size_t i);
CT_EXPORT const char *ct_stance_data_body(const ct_stance_data *d, size_t i); /* NULL without bodies */
CT_EXPORT int ct_stance_data_label(const ct_stance_data *d, size_t i);        /* -1 when unlabelled */
/* The input line of pair i (0 for pairs added in memory). */
CT_EXPORT long ct_stance_data_line(const ct_stance_data *d, size_t i);
/* The probabilities of pair i when its row had the agree, disagree, discuss
 * and unrelated columns of `stance predict --probs`: 1 and probs, else 0. */
CT_EXPORT int ct_stance_data_probs(const ct_stance_data *d, size_t i, float probs[CT_STANCE_NLABELS]);
/*
 * The development split: 1 when body `body_id` is held out, that is when
 * a hash of (seed, id) falls in the first `fraction` of the hash range.
 * The split depends on neither file order nor the other ids, every pair
 * of a body falls on the same side, and about `fraction` of the bodies
 * are held out.
 */
CT_EXPORT int ct_stance_holdout(const char *body_id, double fraction, uint64_t seed);

/*
 * The story split, stricter than ct_stance_holdout: FNC-1 shares headlines
 * between bodies, so a body split still scores headlines seen in training.
 * Here headlines and bodies joined by a related pair (agree, disagree,
 * discuss) form one story (a connected component), and a story is held
 * out when a hash of the seed and its smallest member's key falls in the
 * first `fraction` of the hash range — independent of file order. side[i]
 * (npairs entries) is 0 for training, 1 for the holdout, or -1 for an
 * (unrelated) pair whose headline and body fall on different sides, which
 * is dropped so that neither side sees the other's text. Unlabelled and
 * unrelated pairs join nothing. `counts` may be NULL.
 */
typedef struct {
	size_t stories[2], headlines[2], bodies[2], pairs[2]; /* [0] training, [1] holdout */
	size_t dropped;                                       /* pairs across the split */
} ct_stance_split_counts;
CT_EXPORT void ct_stance_split_story(const ct_stance_data *d, double fraction, uint64_t seed, int *side,
			   ct_stance_split_counts *counts);

/*
 * The stories themselves, as the story split finds them: story[i]
 * (npairs entries) is the story of pair i's headline — the connected
 * component of the graph joining headlines and bodies by related pairs
 * (an unrelated pair's body may belong to another story) — numbered from 0
 * in the order of their first pair. Returns the number of stories.
 */
CT_EXPORT size_t ct_stance_stories(const ct_stance_data *d, uint32_t *story);

/*
 * The held-out side of a story split (the pairs with side[i] == 1, as
 * ct_stance_split_story leaves them) at a label mix: mix[l] is label l's
 * share or count, in any unit (FNC-1's competition test set: 1903, 697,
 * 4464, 18349). A story holdout is mostly related pairs — FNC-1 paired
 * each headline with bodies of all stories, and most of those are on the
 * training side — so the mix is reached the way FNC-1 reached its own:
 *   - the related label scarcest for its share sets the size; of the
 *     other labels, that many pairs times their share are kept, chosen by
 *     a seeded hash of (headline, Body ID);
 *   - unrelated pairs of the holdout are kept, and the rest wanted are
 *     made by pairing held-out headlines with held-out bodies of other
 *     stories, in a seeded order (each headline's share by its related
 *     pairs plus a constant, as in FNC-1's training pairs: fnc.c).
 * No headline or body of the training side enters. The pairs chosen
 * depend on the seed and the data, not on the order of the pairs.
 * Returns a new data set of the chosen pairs with their labels and no
 * body texts (owned; ct_stance_data_free): the kept pairs in input order,
 * then the made ones, by headline. `counts` may be NULL.
 */
typedef struct {
	size_t held[CT_STANCE_NLABELS];   /* held-out pairs, by label */
	size_t target[CT_STANCE_NLABELS]; /* wanted at the mix */
	size_t kept[CT_STANCE_NLABELS];   /* held-out pairs in the result */
	size_t made;                      /* unrelated pairs made (short of the target only when too few bodies) */
} ct_stance_mix_counts;
CT_EXPORT ct_stance_data *ct_stance_mix_holdout(const ct_stance_data *d, const int *side, const double mix[CT_STANCE_NLABELS],
				      uint64_t seed, ct_stance_mix_counts *counts);

/* A trained model; read-only once loaded, so threads may share one. */
typedef struct ct_stance_model ct_stance_model;

/*
 * Loads a model file (NULL: "stance.model" in `datadir`, where NULL means
 * $CLAIMTRACE_DATA or the directory compiled in). A missing, truncated or
 * corrupt file, or one of another format or version, gives CT_EDATA or
 * CT_EIO with "path: reason" in ct_stance_model_error. *out is always a
 * model; free it either way.
 */
CT_EXPORT int ct_stance_model_load(ct_stance_model **out /* owned */, const char *path, const char *datadir);
/* Writes the model; 0, or CT_EIO with the message in ct_stance_model_error. */
CT_EXPORT int ct_stance_model_save(ct_stance_model *m, const char *path);
CT_EXPORT void ct_stance_model_free(ct_stance_model *m);
CT_EXPORT const char *ct_stance_model_error(const ct_stance_model *m); /* borrowed; "" when none */

/*
 * The stance of `body` toward `headline`: the label, and when `probs` is
 * not NULL the probability of each label (indexed by ct_stance_label).
 */
CT_EXPORT ct_stance_label ct_stance_predict(const ct_stance_model *m, const char *headline, const char *body,
				  float probs[CT_STANCE_NLABELS]);

/*
 * A body prepared once for many headlines (FNC-1 pairs share bodies): the
 * same answers as ct_stance_predict, without reading the body again.
 */
typedef struct ct_stance_body ct_stance_body;
CT_EXPORT ct_stance_body *ct_stance_body_new(const ct_stance_model *m, const char *text); /* owned */
CT_EXPORT void ct_stance_body_free(ct_stance_body *b);
CT_EXPORT ct_stance_label ct_stance_predict_body(const ct_stance_model *m, const char *headline,
				       const ct_stance_body *body, float probs[CT_STANCE_NLABELS]);

/* Training settings; ct_stance_train_defaults fills the shipped ones. */
typedef struct {
	uint64_t seed;     /* the same seed and data give the same model */
	int vocab;         /* words in each of the headline and body count vectors */
	int hidden;        /* hidden units */
	int epochs;
	int batch;         /* pairs per update */
	float lr;          /* Adam step size */
	float l2;          /* weight decay */
	float dropout;     /* share of hidden units dropped while training */
	float weight_pow;  /* class weights: (max count / count) ^ weight_pow; 0 = none */
	int nets;          /* networks whose probabilities are averaged, net k from seed + k */
	int average;       /* keep the mean of the weights over the last N epochs (0: the last ones) */
	float word_dropout; /* share of the body's words dropped while training */
	int threads;       /* nets trained at once (the model does not depend on it) */
	FILE *log;         /* progress, one line an epoch; NULL for none */
} ct_stance_train_opts;
CT_EXPORT void ct_stance_train_defaults(ct_stance_train_opts *o);

/*
 * Trains a model on the labelled pairs of `d` (unlabelled ones are passed
 * over). Deterministic for a given seed and data. *out is always a model;
 * on failure (CT_EARG: too few pairs, bad settings) it holds the message.
 */
CT_EXPORT int ct_stance_train(ct_stance_model **out /* owned */, const ct_stance_data *d, const ct_stance_train_opts *o);

/* The FNC-1 score of predictions against gold labels, and the rest. */
typedef struct {
	size_t n;
	size_t confusion[CT_STANCE_NLABELS][CT_STANCE_NLABELS]; /* [gold][predicted] */
	double score, max_score; /* 0.25 for related/unrelated right, 0.75 more for the exact related label */
	double relative;         /* score / max_score, in percent */
	double precision[CT_STANCE_NLABELS], recall[CT_STANCE_NLABELS], f1[CT_STANCE_NLABELS];
	double macro_f1;         /* mean F1 over the four labels */
	double accuracy;
} ct_stance_eval;
/* Scores n pairs (labels are ct_stance_label values). */
CT_EXPORT void ct_stance_score(ct_stance_eval *out, const int *gold, const int *pred, size_t n);


/* ---- statement stance: a sentence or a headline toward a claim --------- */

/*
 * Does one statement — a headline, a sentence of an article — assert a
 * claim, deny or doubt it, or report it without taking a side? The labels
 * of Emergent (Ferreira & Vlachos, 2016): for, against, observing. The
 * model (src/ml/statement.h explains it) reads how the statement is put
 * (refuting, hedging and supporting words, negation near the words it
 * shares with the claim, a question mark, a source before a colon), not
 * what it is about, so it carries over to claims it never saw; a trained
 * model ships as data/statement.model.
 */
typedef enum {
	CT_SSTANCE_FOR = 0,
	CT_SSTANCE_AGAINST,
	CT_SSTANCE_OBSERVING,
	CT_SSTANCE_NLABELS
} ct_sstance_label;
CT_EXPORT const char *ct_sstance_label_name(ct_sstance_label l); /* "for", "against", "observing" */
CT_EXPORT int ct_sstance_label_from_name(const char *s);         /* -1 for anything else */

typedef struct ct_statement_model ct_statement_model;
/* Loads a model file (NULL: "statement.model" in `datadir`, NULL meaning
 * $CLAIMTRACE_DATA or the directory compiled in). A missing, truncated or
 * corrupt file gives CT_EIO or CT_EDATA with "path: reason" in
 * ct_statement_model_error. *out is always a model; free it either way. */
CT_EXPORT int ct_statement_model_load(ct_statement_model **out /* owned */, const char *path, const char *datadir);
CT_EXPORT int ct_statement_model_save(ct_statement_model *m, const char *path);
CT_EXPORT void ct_statement_model_free(ct_statement_model *m);
CT_EXPORT const char *ct_statement_model_error(const ct_statement_model *m); /* borrowed */
/* The stance of `statement` toward `claim`; probs (may be NULL) gets the
 * three probabilities, indexed by ct_sstance_label. */
CT_EXPORT ct_sstance_label ct_statement_predict(const ct_statement_model *m, const char *claim, const char *statement,
				      float probs[CT_SSTANCE_NLABELS]);

/*
 * Claims with statements labelled for / against / observing: Emergent's
 * CSV (claimId, claim, articleId, articleHeadline, stance, and outlet and
 * url when present). A row that cannot be used is left out with a warning
 * naming file, line and reason (then CT_EFORMAT, the rest read); a file
 * that cannot be read (CT_EIO) or lacks a column (CT_EDATA) gives its code
 * and ct_claim_data_error. *out is always a data set; free it either way.
 * Strings are borrowed from it.
 */
typedef struct ct_claim_data ct_claim_data;
CT_EXPORT int ct_claim_data_read(ct_claim_data **out /* owned */, const char *path);
CT_EXPORT void ct_claim_data_free(ct_claim_data *d);
CT_EXPORT const char *ct_claim_data_error(const ct_claim_data *d);
CT_EXPORT size_t ct_claim_data_nwarnings(const ct_claim_data *d);
CT_EXPORT const char *ct_claim_data_warning(const ct_claim_data *d, size_t i);
CT_EXPORT size_t ct_claim_data_n(const ct_claim_data *d);
CT_EXPORT const char *ct_claim_data_claim_id(const ct_claim_data *d, size_t i);
CT_EXPORT const char *ct_claim_data_claim(const ct_claim_data *d, size_t i);
CT_EXPORT const char *ct_claim_data_article_id(const ct_claim_data *d, size_t i);
CT_EXPORT const char *ct_claim_data_statement(const ct_claim_data *d, size_t i);
CT_EXPORT const char *ct_claim_data_outlet(const ct_claim_data *d, size_t i);
CT_EXPORT const char *ct_claim_data_url(const ct_claim_data *d, size_t i);
CT_EXPORT int ct_claim_data_label(const ct_claim_data *d, size_t i); /* ct_sstance_label */
/* The fold (0 .. folds-1) of statement i: by a hash of the seed and its
 * claim id, so that a claim's statements are never on two sides. */
CT_EXPORT int ct_claim_data_fold(const ct_claim_data *d, size_t i, int folds, uint64_t seed);

typedef struct {
	uint64_t seed;
	int epochs;
	float lr, l2;
} ct_statement_train_opts;
CT_EXPORT void ct_statement_train_defaults(ct_statement_train_opts *o);
/* Trains on the statements i with use[i] (use NULL: all), with the word
 * lists of `datadir` (data/stance_cues.txt, data/function_words.txt).
 * Deterministic for a seed. *out is always a model; on failure it holds
 * the message. */
CT_EXPORT int ct_statement_train(ct_statement_model **out /* owned */, const char *datadir, const ct_claim_data *d,
		       const unsigned char *use, const ct_statement_train_opts *o);

/* ---- the story map: claims, sides, outlets and a timeline -------------- */

/*
 * A story is built from many articles: each article, run through the
 * pipeline to CT_STAGE_CODE, gives a part (what the story keeps of it: its
 * metadata, entities, coded statements and the sentences they come from —
 * never the whole text); the parts are added in input order, and
 * ct_story_build then merges entities across articles, groups statements
 * into claims by event key, finds conflicts, outlet framing and the
 * timeline. Parts can be made in parallel threads (ct_story_part_new reads
 * only the context and its document); adding and building is one thread's.
 */
typedef struct ct_story ct_story;
typedef struct ct_story_part ct_story_part;

CT_EXPORT ct_story *ct_story_new(const ct_ctx *ctx); /* owned; the context must outlive it */
CT_EXPORT void ct_story_free(ct_story *st);

/* What the story keeps of `doc` (borrowed; free it afterwards as usual).
 * NULL when the document has not been run to CT_STAGE_CODE. Owned. */
CT_EXPORT ct_story_part *ct_story_part_new(const ct_ctx *ctx, const ct_doc *doc);
CT_EXPORT void ct_story_part_free(ct_story_part *part);
/* Adds a part; the story takes ownership of it (also on failure).
 * CT_EARG once the story is built, or for a NULL part. */
CT_EXPORT int ct_story_add_part(ct_story *st, ct_story_part *part);
/* ct_story_part_new + ct_story_add_part; CT_EARG when `doc` is not coded. */
CT_EXPORT int ct_story_add_doc(ct_story *st, const ct_doc *doc);

/*
 * Stance inference (off until this is called): when the map is built, an
 * article that names both parties of a listed claim (a conflict, or two
 * statements or more) but carries no statement on it is read by the stance
 * model, with the sentence of the claim's first statement for it (else the
 * claim's summary) as the headline. A related label (agree,
 * disagree, discuss) with a probability of at least `min_confidence` is
 * kept as an inferred stance of that article: listed with the claim and
 * its outlet, marked as the model's, and never a statement — it changes no
 * side, count, conflict or order of the map. `model` is borrowed and must
 * outlive the story (NULL: no inference). Call before the first part is
 * added: parts keep the words the model needs only when it is set. CT_EARG
 * after that, or for a confidence outside [0, 1].
 */
CT_EXPORT int ct_story_set_stance(ct_story *st, const ct_stance_model *model, double min_confidence);
/* The statement stance model (off until this is called): each article's
 * sentences that state a claim are read against it, and what they say
 * weighs with the stance model's reading of the whole article. `model`
 * is borrowed. CT_EARG once the map is built. */
CT_EXPORT int ct_story_set_statement(ct_story *st, const ct_statement_model *model);
/* The default confidence threshold (docs/story.md: how it was chosen). */
#define CT_STORY_STANCE_MIN 0.0
/* Threads for the stance pass of ct_story_build (default 1); the map does
 * not depend on the number. */
CT_EXPORT void ct_story_set_threads(ct_story *st, int threads);

/*
 * A claim to trace, given by the user (a fact-checker who knows the
 * rumour): listed first, in the order given, marked given, with every
 * article's stance toward it. Statements join it as they join any claim
 * (by what they say), and the stance model reads the articles against
 * its text. Call before the map is built (else CT_EARG; also for an
 * empty text).
 */
CT_EXPORT int ct_story_add_claim(ct_story *st, const char *text);

/* Builds the map from the parts added; call once, after the last part. */
CT_EXPORT void ct_story_build(ct_story *st);

typedef enum {
	CT_STORY_TEXT = 0, /* for a terminal, conflicts first */
	CT_STORY_JSON,     /* README.md, "Story JSON" */
	CT_STORY_MARKDOWN,
	CT_STORY_HTML      /* one self-contained page */
} ct_story_format;
CT_EXPORT int ct_story_format_from_name(const char *name); /* "text", "json", "markdown", "html"; -1 else */

/* The map as a string (owned, NUL-terminated; *len its length); builds it
 * first if ct_story_build has not been called. */
CT_EXPORT char *ct_story_render(ct_story *st, ct_story_format format, size_t *len);
/* The map written to `f` as it is rendered, in blocks, so that a large map
 * is never held whole; builds it first if need be. 0, or CT_EIO when a
 * write fails. */
CT_EXPORT int ct_story_write(ct_story *st, ct_story_format format, FILE *f);

/* The HTML map served from an archive (claimtrace serve): each statement
 * links to its sentence on the archive's article page, `article_prefix`
 * followed by the article's archive id and "?s=SENTENCE#st" (opened in the
 * top window, out of any frame), and the page loads the script at URL
 * `script` (NULL: none), which lets a reader zoom the timeline. Both are
 * borrowed. Without this call the page is self-contained: statements link
 * to the map's own copy of their sentence, and there is no script. Only
 * the articles ct_store_story_add added have an archive id; the others
 * link within the page. */
CT_EXPORT void ct_story_set_html_links(ct_story *st, const char *article_prefix, const char *script);

/* Counts of the built map. */
CT_EXPORT size_t ct_story_narticles(const ct_story *st);
CT_EXPORT size_t ct_story_nclaims(const ct_story *st);
CT_EXPORT size_t ct_story_nstatements(const ct_story *st);
CT_EXPORT size_t ct_story_ninferred(const ct_story *st); /* inferred stances, over all claims */

/*
 * A built map scored against gold sides, as `claimtrace eval story` scores
 * FNC-1's stories (docs/story.md): ids[k] names an article of the map and
 * gold[k] its stance toward `claim`, the story's claim (CT_STANCE_AGREE,
 * _DISAGREE, _DISCUSS, or -1 for none). The map is read from its JSON:
 * per claim, `article_stances` put an article on the + side (asserts),
 * the - side (denies, questions) or neither. The claim that agrees best
 * with gold, in either orientation, is scored — the first claim alone
 * with `first_only`. Returns 0, or CT_EFORMAT
 * when the map's JSON does not parse (a defect).
 */
typedef struct {
	size_t articles, agree, disagree, discuss; /* gold */
	/* over pairs of gold agree/disagree articles: gold on opposite sides,
	 * the map on opposite sides, and both */
	size_t pairs, gold_opposite, pred_opposite, both_opposite;
	int contested;   /* gold has an agree and a disagree article */
	int found;       /* ... and the map puts one of each on its own side */
	int central;     /* the map's first claim shares two content words or more with `claim` */
	int best_rank;   /* the claim scored (1-based), 0 when none places an article right */
	int flipped;     /* ... read with + and - swapped */
	size_t entities, junk_entities; /* the map's entities; those named by one function word */
	char first[200], best[200];     /* the summaries of the first and the scored claim */
} ct_story_score;
CT_EXPORT int ct_story_score_map(ct_story *st, const char *claim, const char *const *ids, const int *gold, size_t n,
		       int first_only, ct_story_score *out);

/* ---- stories across an archive: articles grouped by what they are about */

/*
 * Which articles tell the same story? Each article is reduced to features
 * (its weighted content words, with title words and names weighted up,
 * and its publication date), then added to a grouper that puts it in the
 * story it is closest to, or starts a new story when none is close
 * enough. Adding an article costs about the same however many came
 * before (src/story/group.c explains the method), so an archive grows one
 * article at a time without grouping everything again. Features can be
 * made in parallel threads; adding is one thread's, and the stories
 * depend only on the order of the adds.
 */
typedef struct ct_group_feat ct_group_feat;
typedef struct ct_grouper ct_grouper;

/* The features of `doc` (run to CT_STAGE_SEGMENT at least; later stages
 * change nothing): owned, or NULL when the document has not been
 * segmented. Reads only the context and `doc`, so threads may make them. */
CT_EXPORT ct_group_feat *ct_group_feat_new(const ct_ctx *ctx, const ct_doc *doc);
CT_EXPORT void ct_group_feat_free(ct_group_feat *f);

CT_EXPORT ct_grouper *ct_grouper_new(void); /* owned; no stories yet */
CT_EXPORT void ct_grouper_free(ct_grouper *g);
/* How close an article must be to a story to join it: the cosine of its
 * weighted words and the story's, raised for a short article (so that it
 * may pass 1). The default, CT_GROUP_THRESHOLD, was tuned on FNC-1's
 * training stories (README, "Stories across articles"). Set it before the
 * first add. */
#define CT_GROUP_THRESHOLD 0.22
CT_EXPORT void ct_grouper_set_threshold(ct_grouper *g, double threshold);
/* Adds an article (`f` borrowed): the index of the story it joined or
 * started. Stories are numbered from 0 in the order they start. */
CT_EXPORT uint32_t ct_grouper_add(ct_grouper *g, const ct_group_feat *f);
CT_EXPORT size_t ct_grouper_narticles(const ct_grouper *g);
CT_EXPORT size_t ct_grouper_nstories(const ct_grouper *g);
/* The story of the article added `article`-th (from 0). */
CT_EXPORT uint32_t ct_grouper_story_of(const ct_grouper *g, size_t article);
/* A story's number of articles. */
CT_EXPORT size_t ct_grouper_story_size(const ct_grouper *g, uint32_t story);
/* A story's title: the title of its article that matched it best when it
 * joined (the first titled article's until a better match comes), or,
 * when its articles have no titles, its five heaviest words. Borrowed
 * until the next add or the next call; "" for a story that does not
 * exist. */
CT_EXPORT const char *ct_grouper_story_title(ct_grouper *g, uint32_t story);

/*
 * A grouping scored against gold: gold[i] and pred[i] are article i's
 * story in each (any numbers). BCubed precision and recall average over
 * articles the share of an article's predicted (gold) story that is in
 * its gold (predicted) story; pairwise ones count the pairs of articles
 * put together. Each article counts itself in its own story.
 */
typedef struct {
	double b3_precision, b3_recall, b3_f1;
	double pair_precision, pair_recall, pair_f1;
	size_t articles, gold_stories, pred_stories;
} ct_cluster_score;
CT_EXPORT void ct_cluster_score_compute(const uint32_t *gold, const uint32_t *pred, size_t n, ct_cluster_score *out);

/* ---- wire reprints: the passages two texts share ----------------------- */

/* A passage two texts share, the evidence that one is a copy of the
 * other: bytes [a_off, a_off + a_len) of the first text, [b_off, b_off +
 * b_len) of the second, `words` words long. */
typedef struct {
	uint32_t a_off, a_len, b_off, b_len;
	uint32_t words;
} ct_passage;

/*
 * The passages of text `a` also in `b`: maximal runs of word 3-grams the
 * two share in the same order (words lowercased, punctuation and the
 * typography of quotes and dashes ignored), of `min_words` words or more
 * (3 at least), in a's order, none inside another in a. Returns their
 * count; *out (owned by the caller, NULL when none) holds them. Linear in
 * the two texts. docs/reprints.md has the method.
 *   ct_passage *p;
 *   size_t n = ct_sketch_passages(orig, strlen(orig), copy, strlen(copy), 8, &p);
 *   ... free(p);
 */
CT_EXPORT size_t ct_sketch_passages(const char *a, size_t alen, const char *b, size_t blen, size_t min_words,
			  ct_passage **out);

#ifdef __cplusplus
}
#endif
#endif
