/*
 * reader.c — opening inputs, walking directories, plain-text articles, and
 * the checks every record passes (size, emptiness, binary content).
 */
#include "read.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <jansson.h>
#include <utf8proc.h>

#include "gz.h"
#include "html.h"

int ct_read_fail(ct_reader *r, long line, int code, const char *fmt, ...)
{
	int n = line > 0 ? snprintf(r->err, sizeof r->err, "%s:%ld: ", r->path, line)
			 : snprintf(r->err, sizeof r->err, "%s: ", r->path);
	if (n < 0 || (size_t)n >= sizeof r->err)
		n = 0;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->err + n, sizeof r->err - (size_t)n, fmt, ap);
	va_end(ap);
	return code;
}

int ct_input_format_from_name(const char *name)
{
	static const char *const names[] = {"auto", "txt", "jsonl", "csv", "html", "warc"};
	for (int i = 0; i < 6; i++)
		if (!strcmp(name, names[i]))
			return i;
	return -1;
}

/* The extension of a file name, a ".gz" after it passed over: ".html" for
 * "a.html.gz"; "" when none. */
static const char *extension(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t n = strlen(base);
	if (n > 3 && !strcasecmp(base + n - 3, ".gz"))
		n -= 3;
	for (size_t i = n; i-- > 1;)
		if (base[i] == '.') {
			static char ext[16];
			size_t k = n - i < sizeof ext ? n - i : sizeof ext - 1;
			memcpy(ext, base + i, k);
			ext[k] = 0;
			return ext;
		}
	return "";
}

static const struct {
	const char *ext;
	ct_input_format fmt;
	int in_dirs; /* read when found in a directory */
} extensions[] = {
	{".txt", CT_IN_TXT, 1},    {".text", CT_IN_TXT, 1},   {".jsonl", CT_IN_JSONL, 1},
	{".ndjson", CT_IN_JSONL, 1}, {".json", CT_IN_JSONL, 0}, {".csv", CT_IN_CSV, 1},
	{".html", CT_IN_HTML, 1},  {".htm", CT_IN_HTML, 1},   {".xhtml", CT_IN_HTML, 1},
	{".shtml", CT_IN_HTML, 1}, {".warc", CT_IN_WARC, 1},
};

static ct_input_format format_of(const char *path)
{
	const char *ext = extension(path);
	for (size_t i = 0; i < sizeof extensions / sizeof *extensions; i++)
		if (!strcasecmp(ext, extensions[i].ext))
			return extensions[i].fmt;
	return CT_IN_TXT;
}

/* Inside a directory only these are articles (gzipped or not); README.md,
 * .ann files, a .json of metadata and the like are passed over. */
static int is_article_file(const char *name)
{
	if (name[0] == '.')
		return 0;
	const char *ext = extension(name);
	for (size_t i = 0; i < sizeof extensions / sizeof *extensions; i++)
		if (extensions[i].in_dirs && !strcasecmp(ext, extensions[i].ext))
			return 1;
	return 0;
}

const char *const *ct_read_field_names(int field)
{
	/* news-please writes maintext, date_publish, source_domain and authors;
	 * FNC-1's CSV "Body ID" and articleBody; schema.org headline and
	 * datePublished */
	static const char *const text[] = {"text", "maintext", "articleBody", "body", "content", NULL};
	static const char *const id[] = {"id", "Body ID", NULL};
	static const char *const url[] = {"url", NULL};
	static const char *const outlet[] = {"outlet", "source_domain", "source", "publisher", NULL};
	static const char *const published[] = {"published", "date_publish", "datePublished", "date", NULL};
	static const char *const title[] = {"title", "headline", NULL};
	static const char *const author[] = {"author", "authors", NULL};
	static const char *const none[] = {NULL};
	switch (field) {
	case CT_META_COUNT:
		return text;
	case CT_META_ID:
		return id;
	case CT_META_URL:
		return url;
	case CT_META_OUTLET:
		return outlet;
	case CT_META_PUBLISHED:
		return published;
	case CT_META_TITLE:
		return title;
	case CT_META_AUTHOR:
		return author;
	default:
		return none;
	}
}

int ct_reader_set_field(ct_reader *r, const char *field, const char *key)
{
	int k = -1;
	if (!strcmp(field, "text"))
		k = CT_META_COUNT;
	for (int i = 0; i < CT_META_COUNT && k < 0; i++)
		if (!strcmp(field, ct_meta_name((ct_meta_key)i)) && i != CT_META_PATH)
			k = i;
	if (k < 0 || !key || !*key)
		return CT_EARG;
	free(r->field_key[k]);
	r->field_key[k] = ct_xstrdup(key);
	return 0;
}

/* `size`: the file's on disk when it is a regular file, else 0 (for progress). */
static void add_file(ct_reader *r, char *path, size_t *cap, uint64_t size)
{
	ct_grow((void **)&r->files, cap, r->nfiles + 1, sizeof *r->files);
	r->files[r->nfiles++] = path;
	r->bytes_total += size;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_note(ct_reader *r, const char *path, const char *why)
{
	ct_grow((void **)&r->notes, &r->notes_cap, r->nnotes + 1, sizeof *r->notes);
	r->notes[r->nnotes++] = ct_xasprintf("%s: skipped: %s", path, why);
}

/* 1 when the walk has reached this file or directory already (by device
 * and inode, so through any link); else notes it and gives 0. */
static int seen(ct_table *visited, const struct stat *st)
{
	struct {
		dev_t dev;
		ino_t ino;
	} key;
	memset(&key, 0, sizeof key); /* padding is part of the key's bytes */
	key.dev = st->st_dev;
	key.ino = st->st_ino;
	int v;
	if (ct_table_get(visited, (const char *)&key, sizeof key, &v))
		return 1;
	ct_table_put(visited, (const char *)&key, sizeof key, 1);
	return 0;
}

/*
 * Lists the article files under `dir`, sorted, depth first. Links are
 * followed, but each directory and file is taken once, so a link that
 * loops back ends there. A FIFO, socket or device with an article's name
 * is passed over with a note: opening it would wait for a writer forever.
 */
static void walk(ct_reader *r, const char *dir, size_t *cap, ct_table *visited)
{
	DIR *d = opendir(dir);
	if (!d) {
		add_file(r, ct_xstrdup(dir), cap, 0); /* opening it will report why */
		return;
	}
	char **names = NULL;
	size_t n = 0, ncap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		ct_grow((void **)&names, &ncap, n + 1, sizeof *names);
		names[n++] = ct_xasprintf("%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (n) /* an empty directory has no array: qsort takes none */
		qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		int article = is_article_file(strrchr(names[i], '/') + 1);
		if (stat(names[i], &st)) { /* a dangling link: opening it will report why */
			if (article)
				add_file(r, names[i], cap, 0), names[i] = NULL;
		} else if (S_ISDIR(st.st_mode)) {
			if (seen(visited, &st))
				add_note(r, names[i], "a directory already read (a link leads back to it)");
			else
				walk(r, names[i], cap, visited);
		} else if (article && !S_ISREG(st.st_mode)) {
			add_note(r, names[i], S_ISFIFO(st.st_mode)   ? "a FIFO, not a file"
					      : S_ISSOCK(st.st_mode) ? "a socket, not a file"
								     : "a device, not a file");
		} else if (article && seen(visited, &st)) {
			add_note(r, names[i], "a file already read under another name (a link)");
		} else if (article) {
			add_file(r, names[i], cap, (uint64_t)st.st_size), names[i] = NULL;
		}
		free(names[i]);
	}
	free(names);
}

int ct_reader_open(ct_reader **out, const ct_ctx *ctx, const char *path, ct_input_format format)
{
	ct_reader *r = ct_xcalloc(1, sizeof *r);
	*out = r;
	r->ctx = ctx;
	r->forced = format;
	size_t cap = 0;
	struct stat st;
	int found = strcmp(path, "-") && stat(path, &st) == 0;
	if (found && S_ISDIR(st.st_mode)) {
		char *dir = ct_xstrdup(path);
		size_t n = strlen(dir);
		while (n > 1 && dir[n - 1] == '/')
			dir[--n] = 0;
		ct_table visited = {0};
		seen(&visited, &st);
		walk(r, dir, &cap, &visited);
		ct_table_free(&visited);
		if (!r->nfiles)
			r->empty_dir = dir;
		else
			free(dir);
	}
	else
		add_file(r, ct_xstrdup(path), &cap, found && S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0);
	return 0;
}

void ct_reader_progress(const ct_reader *r, uint64_t *done, uint64_t *total)
{
	uint64_t pos = 0;
	if (r->gz)
		pos = ct_gz_src_pos(r->gz);
	else if (r->f && !r->is_stdin) {
		long t = ftell(r->f);
		pos = t > 0 ? (uint64_t)t : 0;
	}
	*done = r->bytes_done + (pos < r->cur_size ? pos : r->cur_size);
	*total = r->bytes_total;
}

static void close_source(ct_reader *r)
{
	if (r->f && (!r->is_stdin || r->gz)) /* a gzip stream over stdin closes only itself */
		fclose(r->f);
	r->f = NULL;
	r->gz = NULL;
	ct_warc_close(r);
	json_decref(r->array);
	r->array = NULL;
	r->array_next = 0;
	for (size_t i = 0; i < r->ncols; i++)
		free(r->header[i]);
	free(r->header);
	r->header = NULL;
	r->ncols = 0;
}

void ct_reader_free(ct_reader *r)
{
	if (!r)
		return;
	close_source(r);
	for (size_t i = r->next; i < r->nfiles; i++)
		free(r->files[i]);
	free(r->files);
	free(r->path);
	free(r->empty_dir);
	for (size_t i = 0; i < r->nnotes; i++)
		free(r->notes[i]);
	free(r->notes);
	for (int k = 0; k <= CT_META_COUNT; k++)
		free(r->field_key[k]);
	free(r->buf);
	ct_buf_free(&r->field);
	free(r->fstart);
	free(r);
}

const char *ct_reader_error(const ct_reader *r)
{
	return r->err;
}

const char *ct_reader_note(ct_reader *r)
{
	return r->note_next < r->nnotes ? r->notes[r->note_next++] : NULL;
}

/* Control bytes (but whitespace and ESC) and bytes that are not UTF-8 in p[0, n). */
static size_t odd_bytes(const char *p, size_t n)
{
	size_t odd = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)p[i];
		if (c >= 0x20 && c < 0x80) { /* most bytes */
			i++;
			continue;
		}
		if (c < 0x80) {
			odd += c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' && c != 0x1b;
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)p + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0) {
			odd++;
			k = 1;
		}
		i += (size_t)k;
	}
	return odd;
}

const char *ct_read_binary_reason(const char *p, size_t n)
{
	static const struct {
		const char *magic;
		size_t len;
		const char *what;
	} magics[] = {{"\x89PNG", 4, "a PNG image"},      {"%PDF", 4, "a PDF document"},
		      {"\x1f\x8b", 2, "gzip data"},       {"PK\x03\x04", 4, "a zip archive"},
		      {"\x7f" "ELF", 4, "an executable"}, {"\xff\xd8\xff", 3, "a JPEG image"},
		      {"GIF8", 4, "a GIF image"}};
	for (size_t i = 0; i < sizeof magics / sizeof *magics; i++)
		if (n >= magics[i].len && !memcmp(p, magics[i].magic, magics[i].len))
			return magics[i].what;
	/* Every block of 8 KB is judged, the last one reaching back to a full
	 * block: text with a binary file after it is not text either. */
	enum { BLOCK = 8192 };
	for (size_t at = 0; at < n; at += BLOCK) {
		size_t from = at + BLOCK > n && n > BLOCK ? n - BLOCK : at, len = n - from < BLOCK ? n - from : BLOCK;
		/* A few stray NULs or Latin-1 bytes are damage to repair; when one
		 * byte in ten is a control byte or not UTF-8, this is not text. */
		if (odd_bytes(p + from, len) * 10 > len)
			return "binary data (control bytes or invalid UTF-8)";
	}
	return NULL;
}

/* An article from memory goes through the same inference as one from a file. */
ct_doc *ct_doc_new(const char *id, const char *text, size_t len)
{
	ct_doc *doc = ct_doc_adopt(ct_xstrndup(text, len), len);
	doc->text_is_file = 1;
	if (id)
		ct_doc_set_meta(doc, CT_META_ID, id);
	ct_meta_infer(doc);
	return doc;
}

ct_doc *ct_read_make_doc(ct_reader *r, char *text, size_t len, long line, int text_is_file)
{
	ct_doc *doc = ct_doc_adopt(text, len);
	doc->line = line;
	doc->text_is_file = text_is_file;
	ct_doc_set_meta(doc, CT_META_PATH, r->path);
	return doc;
}

static int blank(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!(p[i] == ' ' || p[i] == '\n' || p[i] == '\r' || p[i] == '\t' || p[i] == '\f' || p[i] == '\v'))
			return 0;
	return 1;
}

int ct_read_io_fail(ct_reader *r, long line)
{
	if (r->gz && *ct_gz_error(r->gz))
		return ct_read_fail(r, line, CT_EIO, "%s", ct_gz_error(r->gz));
	return ct_read_fail(r, line, CT_EIO, "read error: %s", strerror(errno));
}

/* The id a file gives its one article: its name without the extension. */
static void set_file_id(ct_reader *r, ct_doc *doc)
{
	if (r->is_stdin) {
		ct_doc_set_meta(doc, CT_META_ID, "stdin");
		return;
	}
	const char *base = strrchr(r->path, '/');
	base = base ? base + 1 : r->path;
	size_t n = strlen(base);
	if (n > 3 && !strcasecmp(base + n - 3, ".gz"))
		n -= 3;
	const char *dot = NULL;
	for (size_t i = n; i-- > 1;)
		if (base[i] == '.') {
			dot = base + i;
			break;
		}
	char *id = ct_xstrndup(base, dot ? (size_t)(dot - base) : n);
	ct_doc_set_meta(doc, CT_META_ID, id);
	free(id);
}

int ct_read_page(ct_reader *r, const char *page, size_t n, const char *charset, long line, ct_doc **out)
{
	ct_html_article a;
	if (ct_html_read(r->ctx, page, n, charset, &a))
		return ct_read_fail(r, line, CT_EFORMAT, "%s", a.error);
	if (!a.text || blank(a.text, a.len)) {
		ct_html_article_free(&a);
		return ct_read_fail(r, line, CT_EEMPTY, "web page with no article text");
	}
	ct_doc *doc = ct_read_make_doc(r, a.text, a.len, line, 0);
	a.text = NULL;
	for (int k = 0; k < CT_META_COUNT; k++)
		if (a.meta[k])
			ct_doc_set_meta(doc, (ct_meta_key)k, a.meta[k]);
	ct_html_article_free(&a);
	*out = doc;
	return 1;
}

/* A plain-text article or a web page: the whole file. */
static int txt_next(ct_reader *r, ct_doc **out)
{
	r->done = 1;
	size_t max = r->ctx->max_article;
	ct_buf b = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, r->f)) > 0) {
		if (b.len + n > max) {
			ct_buf_free(&b);
			return ct_read_fail(r, 0, CT_ETOOBIG, "article larger than the limit of %zu bytes (--max-bytes)",
					    max);
		}
		ct_buf_add(&b, chunk, n);
	}
	if (ferror(r->f)) {
		ct_buf_free(&b);
		return ct_read_io_fail(r, 0);
	}
	if (r->fmt == CT_IN_HTML || (r->forced != CT_IN_TXT && !blank(b.data, b.len) && ct_html_sniff(b.data, b.len))) {
		int rc = ct_read_page(r, b.data ? b.data : "", b.len, NULL, 0, out);
		ct_buf_free(&b);
		if (rc > 0)
			set_file_id(r, *out);
		return rc;
	}
	if (blank(b.data, b.len)) {
		ct_buf_free(&b);
		return ct_read_fail(r, 0, CT_EEMPTY, "empty: no text");
	}
	const char *why = ct_read_binary_reason(b.data, b.len);
	if (why) {
		ct_buf_free(&b);
		return ct_read_fail(r, 0, CT_EBINARY, "not text: %s", why);
	}
	ct_doc *doc = ct_read_make_doc(r, b.data, b.len, 1, 1);
	set_file_id(r, doc);
	*out = doc;
	return 1;
}

/* Opens the next file; 1 when one is open, 0 at the end, <0 on error. */
static int open_next(ct_reader *r)
{
	close_source(r);
	r->bytes_done += r->cur_size;
	r->cur_size = 0;
	if (r->next >= r->nfiles)
		return 0;
	free(r->path);
	r->path = r->files[r->next++];
	r->line = 1;
	r->done = 0;
	r->is_stdin = !strcmp(r->path, "-");
	if (r->is_stdin) {
		r->f = stdin;
		free(r->path);
		r->path = ct_xstrdup("<stdin>");
	} else {
		struct stat st;
		r->f = fopen(r->path, "rb");
		if (!r->f)
			return ct_read_fail(r, 0, CT_EIO, "cannot open: %s", strerror(errno));
		int known = fstat(fileno(r->f), &st) == 0;
		if (known && S_ISDIR(st.st_mode)) {
			close_source(r);
			return ct_read_fail(r, 0, CT_EIO, "cannot read: is a directory");
		}
		if (known && S_ISREG(st.st_mode)) /* for progress */
			r->cur_size = (uint64_t)st.st_size;
	}
	r->fmt = r->forced != CT_IN_AUTO ? r->forced : format_of(r->path);
	/* Compressed input reads as what it holds; a crawl inflates its own
	 * members, to go on past a broken one. */
	int c0 = getc(r->f);
	if (c0 != EOF)
		ungetc(c0, r->f);
	if (c0 == 0x1f && r->fmt != CT_IN_WARC) {
		FILE *z = ct_gz_fopen(r->f, !r->is_stdin, &r->gz);
		if (!z) {
			close_source(r);
			return ct_read_fail(r, 0, CT_EIO, "cannot set up gzip reading");
		}
		r->f = z;
	}
	if (r->fmt == CT_IN_WARC) {
		int rc = ct_warc_open(r);
		if (rc < 0) {
			close_source(r);
			return rc;
		}
	}
	if (r->is_stdin && r->forced == CT_IN_AUTO) {
		int c;
		while ((c = getc(r->f)) == ' ' || c == '\n' || c == '\r' || c == '\t')
			r->line += c == '\n';
		if (c != EOF)
			ungetc(c, r->f);
		r->fmt = c == '{' || c == '[' ? CT_IN_JSONL : CT_IN_TXT;
	}
	if (r->fmt == CT_IN_CSV) {
		int rc = ct_csv_header(r);
		if (rc < 0) {
			close_source(r);
			return rc;
		}
	}
	return 1;
}

int ct_reader_next(ct_reader *r, ct_doc **doc)
{
	*doc = NULL;
	r->err[0] = 0;
	if (r->empty_dir) {
		free(r->path);
		r->path = r->empty_dir;
		r->empty_dir = NULL;
		return ct_read_fail(r, 0, CT_EIO,
				    "no article files in this directory (.txt, .text, .jsonl, .ndjson, .csv, .html, .htm, "
				    ".warc, and those gzipped)");
	}
	for (;;) {
		if (!r->f) {
			int rc = open_next(r);
			if (rc <= 0)
				return rc;
		}
		int rc;
		switch (r->fmt) {
		case CT_IN_JSONL:
			rc = ct_jsonl_next(r, doc);
			break;
		case CT_IN_CSV:
			rc = ct_csv_next(r, doc);
			break;
		case CT_IN_WARC:
			rc = ct_warc_next(r, doc);
			break;
		default:
			rc = r->done ? 0 : txt_next(r, doc);
			if (rc < 0)
				close_source(r);
			break;
		}
		if (rc == 0) {
			close_source(r);
			continue;
		}
		if (rc == CT_EIO && r->fmt != CT_IN_WARC)
			close_source(r); /* a stream that failed gives nothing more */
		if (rc > 0)
			ct_meta_infer(*doc);
		return rc;
	}
}
