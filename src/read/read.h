/*
 * read.h — stage 1: files → articles (ct_doc with raw text and metadata).
 *
 * Takes: paths ("-" for standard input), an input format or AUTO.
 * Gives: one ct_doc at a time, with doc->raw, CT_META_PATH, the input line
 *        of the record, fields given by the input, and metadata inferred
 *        from the text (meta.c). Errors name file, line and reason, and
 *        lose only the record or file they concern.
 */
#ifndef CT_READ_H
#define CT_READ_H

#include <stdio.h>

#include "../core/doc.h"

/* Why a crawl's record was not read as a page (warc.c). */
enum {
	CT_WARC_SKIP_INFO,
	CT_WARC_SKIP_REQUEST,
	CT_WARC_SKIP_METADATA,
	CT_WARC_SKIP_REVISIT,
	CT_WARC_SKIP_STATUS, /* a response, not 2xx */
	CT_WARC_SKIP_TYPE,   /* a response, not HTML */
	CT_WARC_SKIP_OTHER,
	CT_WARC_SKIP_KINDS
};

struct ct_reader {
	const ct_ctx *ctx;
	char err[1024];
	ct_input_format forced;

	char **files; /* what is left to open, in order */
	size_t nfiles, next;
	char *empty_dir; /* a directory given that holds no article file: said once */
	char **notes;    /* what the directory walk passed over, and why */
	size_t nnotes, notes_cap, note_next;

	/* The open source. */
	FILE *f;
	char *path;
	int is_stdin;
	ct_input_format fmt;
	long line; /* the line the next read starts on */
	int done;  /* txt: its one article was given */

	/* JSONL and CSV scratch. */
	char *buf;
	size_t bufcap;
	ct_buf field;    /* CSV: the fields of a record, each NUL-terminated */
	size_t *fstart;  /* … and where each starts */
	size_t nfield, fstart_cap;
	char **header;
	size_t ncols;
	int col[CT_META_COUNT]; /* column of each metadata field, -1 */
	int text_col;

	/* --field: the key or column each field is read from (NULL: the usual
	 * names, ct_read_field_names); [CT_META_COUNT] is the text */
	char *field_key[CT_META_COUNT + 1];
	/* A JSON file that is one array of records: the array, and the next. */
	struct json_t *array;
	size_t array_next;

	/* for progress: the input's size on disk, and that of the files done */
	uint64_t bytes_total, bytes_done, cur_size;

	struct ct_gz *gz;     /* the open source is gzip, inflated through this */
	struct ct_warc *warc; /* the open source is a crawl */
	size_t skipped[CT_WARC_SKIP_KINDS]; /* records of crawls closed so far */
};

/* Sets r->err to "path:line: reason" and returns `code`. */
int ct_read_fail(ct_reader *r, long line, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* NULL when `p` (n bytes) looks like text; else why not. */
const char *ct_read_binary_reason(const char *p, size_t n);

/* A document for text at record line `line` of the open source. */
ct_doc *ct_read_make_doc(ct_reader *r, char *text, size_t len, long line, int text_is_file);

/* The message for a failed read of the open source (its gzip error, else errno). */
int ct_read_io_fail(ct_reader *r, long line);

/* A web page read from the open source (a file, a crawl's record at
 * `line`, 0 for none): 1 and *doc, or a negative code with the message set. */
int ct_read_page(ct_reader *r, const char *page, size_t n, const char *charset, long line, ct_doc **doc);

/* The keys (JSON) or column names (CSV) a field is looked for under when
 * --field names none, in order, NULL-terminated; field CT_META_COUNT is the
 * text. Empty for fields no input gives (path). */
const char *const *ct_read_field_names(int field);

int ct_jsonl_next(ct_reader *r, ct_doc **doc);
/* warc.c: opening sets up the crawl on r->f; closing frees it (no-op when none). */
int ct_warc_open(ct_reader *r);
int ct_warc_next(ct_reader *r, ct_doc **doc);
void ct_warc_close(ct_reader *r);
int ct_csv_header(ct_reader *r);
int ct_csv_next(ct_reader *r, ct_doc **doc);

/*
 * Generic CSV rows, for tables that are not articles (FNC-1 stances, …):
 * the same RFC 4180 parsing, without the article checks.
 *
 * ct_csv_rows_open opens `path` and reads its header (ct_reader_free
 * closes it). On failure *out still holds the message (ct_reader_error);
 * free it either way. ct_csv_row gives the number of fields of the next
 * non-blank row (each via ct_csv_field, borrowed until the next call) and
 * its first line in *line; 0 at the end; a negative code with the message
 * set, after which reading goes on at the next row.
 */
int ct_csv_rows_open(ct_reader **out, const char *path);
int ct_csv_row(ct_reader *r, long *line);
const char *ct_csv_field(const ct_reader *r, size_t i); /* NULL past the last */
int ct_csv_column(const ct_reader *r, const char *name); /* case-insensitive; -1 */

/* Fills metadata the input did not give from the text itself. */
void ct_meta_infer(ct_doc *doc);

#endif
