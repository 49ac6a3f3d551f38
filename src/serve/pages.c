/*
 * pages.c — what `claimtrace serve` answers (serve.h): each page in HTML
 * and its data as JSON under /api/, some as CSV with ?format=csv.
 *
 * Every page is one URL that holds all its state (path and query), so it
 * can be bookmarked and shared. Pages are rendered here from the public
 * API's rows, and every string from the archive goes through the escaper
 * of the context it lands in (buf.h); page markup and numbers go out
 * raw. Nothing on the page is fetched from elsewhere: the CSS and script
 * are compiled in (assets.c), served under /static/ from a fixed table,
 * never from the file system.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "serve.h"

enum { LIST_LIMIT = 500 };

typedef enum { OUT_HTML, OUT_JSON, OUT_CSV } out_kind;

extern const char srv_css[], srv_js[];
extern const size_t srv_css_len, srv_js_len;

/* ---- shared pieces ----------------------------------------------------- */

static void page_open(srv_buf *b, const char *title)
{
	srv_puts(b, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		    "<link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/static/app.css\">"
		    "<script src=\"/static/app.js\" defer></script><title>");
	srv_html_str(b, title);
	srv_puts(b, " · claimtrace</title></head><body><header><a class=\"brand\" href=\"/\">claimtrace</a>"
		    "<nav><a href=\"/\">Stories</a><a href=\"/search\">Search</a></nav>"
		    "<form action=\"/search\" role=\"search\"><input name=\"q\" type=\"search\" "
		    "placeholder=\"Search statements\" aria-label=\"Search statements\"></form></header><main>\n<h1>");
	srv_html_str(b, title);
	srv_puts(b, "</h1>\n");
}

static void page_close(srv_buf *b)
{
	srv_puts(b, "</main></body></html>\n");
}

/* A link to /PREFIX/VALUE, its text the value. */
static void link_to(srv_buf *b, const char *prefix, const char *value)
{
	if (!value) {
		srv_puts(b, "—");
		return;
	}
	srv_printf(b, "<a href=\"/%s/", prefix);
	srv_urlenc(b, value);
	srv_puts(b, "\">");
	srv_html_str(b, value);
	srv_puts(b, "</a>");
}

/* The article's own URL: a link when it is http(s), else text. */
static void external_link(srv_buf *b, const char *url)
{
	if (!url)
		return;
	if (srv_url_linkable(url)) {
		srv_puts(b, "<a rel=\"noopener noreferrer nofollow\" href=\"");
		srv_html_str(b, url);
		srv_puts(b, "\">");
		srv_html_str(b, url);
		srv_puts(b, "</a>");
	} else {
		srv_html_str(b, url);
	}
}

/* An error answer: {"error": what} in the API, else a page titled `title`. */
static void fail_page(srv_resp *r, int api, int status, const char *title, const char *what)
{
	r->status = status;
	srv_buf_free(&r->body);
	if (api) {
		r->type = "application/json";
		srv_puts(&r->body, "{\"error\":");
		srv_json_str(&r->body, what);
		srv_puts(&r->body, "}\n");
	} else {
		r->type = "text/html; charset=utf-8";
		page_open(&r->body, title);
		srv_puts(&r->body, "<p>");
		srv_html_str(&r->body, what);
		srv_puts(&r->body, "</p><p><a href=\"/\">The stories</a></p>");
		page_close(&r->body);
	}
}

static void not_found(srv_resp *r, int api, const char *what)
{
	fail_page(r, api, 404, "Not found", what);
}

static void server_error(srv_resp *r, int api, ct_store *s)
{
	/* the message names the file and SQLite's reason: fine for a local
	 * tool's user, and escaped like the rest. A read stopped at the time
	 * limit is 503: the server is busy or the page too large for the
	 * limit, not broken, and asking again later may do */
	if (ct_store_timed_out(s))
		fail_page(r, api, 503, "Too slow: stopped at the time limit", ct_store_error(s));
	else
		fail_page(r, api, 500, "The archive failed", ct_store_error(s));
}

static void bad_request(srv_resp *r, int api, const char *why)
{
	fail_page(r, api, 400, "Bad request", why);
}

/* A positive id of at most 18 digits, nothing else; 0 when it is not one. */
static int64_t parse_id(const char *s)
{
	int64_t v = 0;
	size_t n = 0;
	for (; s[n]; n++) {
		if (s[n] < '0' || s[n] > '9' || n >= 18)
			return 0;
		v = v * 10 + (s[n] - '0');
	}
	return v;
}

static const char *arg(const srv_req *q, const char *name)
{
	const char *v = q->arg(q->conn, name);
	return v && *v ? v : NULL;
}

static out_kind format_of(const srv_req *q, int api)
{
	const char *f = arg(q, "format");
	if (f && !strcmp(f, "csv"))
		return OUT_CSV;
	return api ? OUT_JSON : OUT_HTML;
}

static void set_type(srv_resp *r, out_kind k)
{
	r->type = k == OUT_JSON ? "application/json" : k == OUT_CSV ? "text/csv; charset=utf-8" : "text/html; charset=utf-8";
}

/* For a page of several tables as CSV: the index in `names` of the one
 * ?table= names (the first when none), or -1 for a name not there. */
static int csv_table(const srv_req *q, const char *const *names, size_t n)
{
	const char *t = arg(q, "table");
	for (size_t i = 0; t && i < n; i++)
		if (!strcmp(t, names[i]))
			return (int)i;
	return t ? -1 : 0;
}

static void json_key(srv_buf *b, int *first, const char *key)
{
	srv_puts(b, *first ? "{" : ",");
	*first = 0;
	srv_json_str(b, key);
	srv_puts(b, ":");
}

/* An article's metadata as JSON members, in the API's order; `author`
 * NULL: no such member (the brief rows have none). */
static void json_article(srv_buf *b, int *first, int64_t id, const char *name, const char *title, const char *outlet,
			 const char *published, const char *const *author, const char *url, int64_t story,
			 int64_t reprint_of)
{
	json_key(b, first, "id");
	srv_printf(b, "%lld", (long long)id);
	json_key(b, first, "name");
	srv_json_str(b, name);
	json_key(b, first, "title");
	srv_json_str(b, title);
	json_key(b, first, "outlet");
	srv_json_str(b, outlet);
	json_key(b, first, "published");
	srv_json_str(b, published);
	if (author) {
		json_key(b, first, "author");
		srv_json_str(b, *author);
	}
	json_key(b, first, "url");
	srv_json_str(b, url);
	json_key(b, first, "story");
	srv_printf(b, "%lld", (long long)story);
	json_key(b, first, "reprint_of");
	srv_printf(b, "%lld", (long long)reprint_of);
}

/* A JSON array of strings. */
static void json_strings(srv_buf *b, const char *const *v, size_t n)
{
	srv_puts(b, "[");
	for (size_t i = 0; i < n; i++) {
		srv_puts(b, i ? "," : "");
		srv_json_str(b, v[i]);
	}
	srv_puts(b, "]");
}

/* ---- statements (search, speaker, story, outlet) ------------------------ */

typedef struct {
	srv_buf *b;
	out_kind kind;
	size_t n;
} stmt_out;

static int put_statement(void *arg, const ct_query_row *r)
{
	stmt_out *o = arg;
	srv_buf *b = o->b;
	if (o->kind == OUT_JSON) {
		int first = 1;
		srv_puts(b, o->n ? ",\n" : "\n");
		json_key(b, &first, "statement");
		srv_printf(b, "%lld", (long long)r->statement);
		json_key(b, &first, "article");
		srv_printf(b, "%lld", (long long)r->article_row);
		json_key(b, &first, "article_name");
		srv_json_str(b, r->article);
		json_key(b, &first, "date");
		srv_json_str(b, r->date);
		json_key(b, &first, "speaker");
		srv_json_str(b, r->speaker);
		json_key(b, &first, "own");
		srv_puts(b, r->own ? "true" : "false");
		json_key(b, &first, "cue");
		srv_json_str(b, r->cue);
		json_key(b, &first, "stance");
		srv_json_str(b, r->stance);
		json_key(b, &first, "outlet");
		srv_json_str(b, r->outlet);
		json_key(b, &first, "title");
		srv_json_str(b, r->title);
		json_key(b, &first, "url");
		srv_json_str(b, r->url);
		json_key(b, &first, "sentence");
		srv_json_str(b, r->sentence);
		srv_puts(b, "}");
	} else if (o->kind == OUT_CSV) {
		char id[24], art[24];
		snprintf(id, sizeof id, "%lld", (long long)r->statement);
		snprintf(art, sizeof art, "%lld", (long long)r->article_row);
		const char *v[] = {id, art, r->date, r->speaker, r->cue, r->stance, r->outlet, r->url, r->sentence};
		for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
			srv_csv(b, v[i]);
			srv_puts(b, i + 1 < sizeof v / sizeof *v ? "," : "\r\n");
		}
	} else {
		srv_puts(b, "<li class=\"st\"><div class=\"meta\"><span class=\"date\">");
		srv_html_str(b, r->date ? r->date : "undated");
		srv_puts(b, "</span> ");
		if (r->own || !r->speaker)
			srv_puts(b, "<span class=\"own\">the outlet's own voice</span>");
		else
			link_to(b, "entity", r->speaker);
		if (r->cue) {
			srv_puts(b, " <span class=\"cue\">");
			srv_html_str(b, r->cue);
			srv_puts(b, "</span>");
		}
		srv_puts(b, " <span class=\"stance stance-");
		srv_html_str(b, r->stance);
		srv_puts(b, "\">");
		srv_html_str(b, r->stance);
		srv_puts(b, "</span> · ");
		link_to(b, "outlet", r->outlet);
		srv_printf(b, "</div><a class=\"sentence\" href=\"/article/%lld?st=%lld#st\">", (long long)r->article_row,
			   (long long)r->statement);
		srv_html_str(b, r->sentence);
		srv_puts(b, "</a></li>\n");
	}
	o->n++;
	return 0;
}

/* Statements for `q` into the response in kind k; 0 or the store's code. */
static int statements(srv_resp *r, const srv_req *req, const ct_query *q, out_kind k)
{
	stmt_out o = {&r->body, k, 0};
	if (k == OUT_CSV)
		srv_puts(&r->body, "statement,article,date,speaker,cue,stance,outlet,url,sentence\r\n");
	else if (k == OUT_JSON)
		srv_puts(&r->body, "[");
	else
		srv_puts(&r->body, "<ol class=\"statements\">\n");
	int rc = ct_store_query(req->store, q, put_statement, &o);
	if (k == OUT_JSON)
		srv_puts(&r->body, "]");
	else if (k == OUT_HTML)
		srv_printf(&r->body, "</ol>\n<p class=\"count\">%zu statement%s%s</p>\n", o.n, o.n == 1 ? "" : "s",
			   q->limit && o.n == q->limit ? " (the first ones: narrow the search for more)" : "");
	return rc;
}

/* ---- a summary of statements: counts by stance and outlet, and a chart
 * of them over time (inline SVG, drawn here: nothing to fetch) ---------- */

typedef struct {
	char key[64];
	size_t n;
} tally;

/* The statements of one date, by stance: asserts, denies, questions,
 * reports (and any other). The date as given: a day, or only a month or a
 * year when that is all a statement says. */
enum { NSTANCE = 4 };
static const char *const stance_names[NSTANCE] = {"asserts", "denies", "questions", "reports"};

typedef struct {
	char key[11];
	size_t n[NSTANCE];
} dated;

typedef struct {
	tally stance[8], outlet[32], speaker[64];
	size_t nstance, noutlet, nspeaker, total;
	dated *day; /* by date: the rows come by date */
	size_t nday, day_cap;
} summary;

static summary *summary_new(void)
{
	summary *m = calloc(1, sizeof *m);
	if (!m) {
		fputs("claimtrace: out of memory\n", stderr);
		abort();
	}
	return m;
}

static void summary_free(summary *m)
{
	if (m)
		free(m->day);
	free(m);
}

static int stance_index(const char *stance)
{
	for (int k = 0; k < NSTANCE - 1; k++)
		if (stance && !strcmp(stance, stance_names[k]))
			return k;
	return NSTANCE - 1;
}

static void count(tally *t, size_t *n, size_t cap, const char *key)
{
	if (!key)
		return;
	for (size_t i = 0; i < *n; i++)
		if (!strncmp(t[i].key, key, sizeof t[i].key - 1)) {
			t[i].n++;
			return;
		}
	if (*n == cap)
		return; /* the rarest are left out of a summary */
	snprintf(t[*n].key, sizeof t[*n].key, "%s", key);
	t[(*n)++].n = 1;
}

static int add_summary(void *arg, const ct_query_row *r)
{
	summary *m = arg;
	char day[11] = "";
	if (r->date)
		snprintf(day, sizeof day, "%s", r->date);
	count(m->stance, &m->nstance, 8, r->stance);
	count(m->outlet, &m->noutlet, 32, r->outlet);
	count(m->speaker, &m->nspeaker, 64, r->own || !r->speaker ? "(its own voice)" : r->speaker);
	/* ct_store_query gives rows by date, so one date's rows follow each
	 * other: a date unlike the last is a new one */
	if (*day && (!m->nday || strcmp(m->day[m->nday - 1].key, day))) {
		if (m->nday == m->day_cap) {
			m->day_cap = m->day_cap ? 2 * m->day_cap : 64;
			m->day = realloc(m->day, m->day_cap * sizeof *m->day);
			if (!m->day) {
				fputs("claimtrace: out of memory\n", stderr);
				abort();
			}
		}
		memset(&m->day[m->nday], 0, sizeof *m->day);
		snprintf(m->day[m->nday++].key, sizeof m->day->key, "%s", day);
	}
	if (*day)
		m->day[m->nday - 1].n[stance_index(r->stance)]++;
	m->total++;
	return 0;
}

static int by_count(const void *a, const void *b)
{
	const tally *x = a, *y = b;
	return x->n != y->n ? (x->n < y->n) - (x->n > y->n) : strcmp(x->key, y->key);
}

static void put_tallies(srv_buf *b, const char *label, tally *t, size_t n, const char *link)
{
	qsort(t, n, sizeof *t, by_count);
	srv_printf(b, "<p class=\"tally\"><b>%s:</b> ", label);
	for (size_t i = 0; i < n; i++) {
		srv_puts(b, i ? ", " : "");
		if (link)
			link_to(b, link, t[i].key);
		else
			srv_html_str(b, t[i].key);
		srv_printf(b, " %zu", t[i].n);
	}
	srv_puts(b, "</p>\n");
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil). */
static long civil_days(long y, long mo, long d)
{
	y -= mo <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* A date's day and month numbers: "2025-04-01", or "2025-04" (its 15th),
 * or "2025" (1 July), the archive's ISO forms. 0 when it is none. */
static int date_nums(const char *key, long *day, long *month)
{
	int y = 0, mo = 7, d = 1, n = sscanf(key, "%4d-%2d-%2d", &y, &mo, &d);
	if (n < 1 || y < 1 || mo < 1 || mo > 12 || d < 1 || d > 31)
		return 0;
	if (n == 2)
		d = 15;
	*day = civil_days(y, mo, d);
	*month = (long)y * 12 + mo - 1;
	return 1;
}

/* The chart's view: statements by stance in each of `n` equal steps of
 * time from the first date to the last, a day each, or a month when
 * that would make over MAX_BARS bars, or a year. */
enum { MAX_BARS = 120 };
typedef struct {
	dated *bar; /* each bar's first date as its key, "" for a step with none */
	size_t n, max, dated;
	const char *unit; /* "day", "month", "year" */
} timeline_view;

static void timeline_make(const summary *m, timeline_view *v)
{
	long d0 = 0, d1 = 0, m0 = 0, m1 = 0, d, mo;
	int any = 0;
	memset(v, 0, sizeof *v);
	for (size_t i = 0; i < m->nday; i++)
		if (date_nums(m->day[i].key, &d, &mo)) {
			d0 = any && d0 < d ? d0 : d, d1 = any && d1 > d ? d1 : d;
			m0 = any && m0 < mo ? m0 : mo, m1 = any && m1 > mo ? m1 : mo;
			any = 1;
		}
	if (!any)
		return;
	int unit = d1 - d0 < MAX_BARS ? 0 : m1 - m0 < MAX_BARS ? 1 : 2;
	long first = unit == 0 ? d0 : unit == 1 ? m0 : m0 / 12, last = unit == 0 ? d1 : unit == 1 ? m1 : m1 / 12;
	v->unit = unit == 0 ? "day" : unit == 1 ? "month" : "year";
	v->n = (size_t)(last - first + 1);
	v->bar = calloc(v->n, sizeof *v->bar);
	if (!v->bar) {
		fputs("claimtrace: out of memory\n", stderr);
		abort();
	}
	for (size_t i = 0; i < m->nday; i++) {
		if (!date_nums(m->day[i].key, &d, &mo))
			continue;
		dated *bar = &v->bar[(unit == 0 ? d : unit == 1 ? mo : mo / 12) - first];
		if (!bar->key[0])
			snprintf(bar->key, sizeof bar->key, "%.*s", unit == 0 ? 10 : unit == 1 ? 7 : 4, m->day[i].key);
		size_t all = 0;
		for (int k = 0; k < NSTANCE; k++)
			bar->n[k] += m->day[i].n[k], v->dated += m->day[i].n[k];
		for (int k = 0; k < NSTANCE; k++)
			all += bar->n[k];
		v->max = all > v->max ? all : v->max;
	}
}

/* Statements for `q` summarized: by stance, by outlet, and over time as
 * bars on a time axis, each stacked by stance (its date and counts on
 * hover). 0 or the store's code. */
static int summary_html(const srv_req *req, srv_buf *b, const ct_query *q)
{
	summary *m = summary_new();
	ct_query all = *q;
	all.limit = 0;
	int rc = ct_store_query(req->store, &all, add_summary, m);
	if (!rc && m->total) {
		put_tallies(b, "Stances", m->stance, m->nstance, NULL);
		put_tallies(b, "Outlets", m->outlet, m->noutlet, "outlet");
	}
	timeline_view v = {0};
	if (!rc)
		timeline_make(m, &v);
	if (!rc && v.n) {
		const int w = 600, h = 120, pad = 14;
		double bw = (double)(w - 2 * pad) / (double)v.n;
		srv_printf(b, "<figure class=\"chart\"><svg viewBox=\"0 0 %d %d\" role=\"img\" "
			      "aria-label=\"Statements by %s\">", w, h + 2 * pad, v.unit);
		const char *first = NULL, *last = NULL;
		for (size_t i = 0; i < v.n; i++) {
			const dated *bar = &v.bar[i];
			if (!bar->key[0])
				continue;
			first = first ? first : bar->key;
			last = bar->key;
			size_t sum = 0;
			for (int k = 0; k < NSTANCE; k++)
				sum += bar->n[k];
			srv_puts(b, "<g><title>");
			srv_html_str(b, bar->key);
			srv_printf(b, ": %zu —", sum);
			for (int k = 0, n = 0; k < NSTANCE; k++)
				if (bar->n[k])
					srv_printf(b, "%s %zu %s", n++ ? "," : "", bar->n[k], stance_names[k]);
			srv_puts(b, "</title>");
			double y = pad + (double)h;
			for (int k = 0; k < NSTANCE; k++) {
				if (!bar->n[k])
					continue;
				double bh = (double)h * (double)bar->n[k] / (double)v.max;
				y -= bh;
				srv_printf(b, "<rect class=\"b-%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
					   stance_names[k], pad + bw * (double)i + bw * 0.1, y, bw * 0.8 > 1 ? bw * 0.8 : 1, bh);
			}
			srv_puts(b, "</g>");
		}
		srv_printf(b, "<text x=\"%d\" y=\"%d\">", pad, h + 2 * pad - 1);
		srv_html_str(b, first);
		srv_printf(b, "</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">", w - pad, h + 2 * pad - 1);
		srv_html_str(b, last);
		srv_printf(b, "</text><text x=\"%d\" y=\"%d\">%zu a %s at most</text></svg>"
			      "<figcaption>Statements by %s, stacked by stance (<span class=\"b-asserts\">asserts</span>, "
			      "<span class=\"b-denies\">denies</span>, <span class=\"b-questions\">questions</span>, "
			      "<span class=\"b-reports\">reports</span>): %zu dated",
			   pad, pad - 3, v.max, v.unit, v.unit, v.dated);
		if (m->total > v.dated)
			srv_printf(b, ", %zu without a date", m->total - v.dated);
		srv_puts(b, "</figcaption></figure>\n");
	}
	free(v.bar);
	summary_free(m);
	return rc;
}

static size_t tally_of(const tally *t, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(t[i].key, key))
			return t[i].n;
	return 0;
}

/* Rows of a side-by-side table: each key of a's first `top` and of b's,
 * once, with its count in each. */
static void compare_rows(srv_buf *b, const char *label, tally *ta, size_t na, tally *tb, size_t nb, size_t top,
			 int csv)
{
	qsort(ta, na, sizeof *ta, by_count);
	qsort(tb, nb, sizeof *tb, by_count);
	if (!csv)
		srv_printf(b, "<tr><th colspan=\"3\">%s</th></tr>\n", label);
	for (int side = 0; side < 2; side++) {
		tally *t = side ? tb : ta;
		size_t n = side ? nb : na;
		for (size_t i = 0; i < n && i < top; i++) {
			if (side && tally_of(ta, na < top ? na : top, t[i].key))
				continue; /* listed with a's */
			if (csv) {
				srv_printf(b, "%s,", label);
				srv_csv(b, t[i].key);
				srv_printf(b, ",%zu,%zu\r\n", tally_of(ta, na, t[i].key), tally_of(tb, nb, t[i].key));
				continue;
			}
			srv_puts(b, "<tr><td>");
			srv_html_str(b, t[i].key);
			srv_printf(b, "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td></tr>\n",
				   tally_of(ta, na, t[i].key), tally_of(tb, nb, t[i].key));
		}
	}
}

/* The outlet `a` beside `other`: the stances of the statements each
 * carried and the speakers each quoted most, as a table or as CSV (the
 * columns measure, key and the two outlets). 0 or the store's code. */
static int compare_html(const srv_req *req, srv_buf *b, const char *a, const char *other, int csv)
{
	summary *m[2] = {summary_new(), summary_new()};
	ct_query q = {0};
	q.outlet = a;
	int rc = ct_store_query(req->store, &q, add_summary, m[0]);
	q.outlet = other;
	if (!rc)
		rc = ct_store_query(req->store, &q, add_summary, m[1]);
	if (!rc && csv) {
		srv_puts(b, "measure,key,");
		srv_csv(b, a);
		srv_puts(b, ",");
		srv_csv(b, other);
		srv_printf(b, "\r\nstatements,,%zu,%zu\r\n", m[0]->total, m[1]->total);
		compare_rows(b, "stance", m[0]->stance, m[0]->nstance, m[1]->stance, m[1]->nstance, 8, 1);
		compare_rows(b, "speaker", m[0]->speaker, m[0]->nspeaker, m[1]->speaker, m[1]->nspeaker, 8, 1);
	} else if (!rc) {
		srv_puts(b, "<h2>Beside ");
		link_to(b, "outlet", other);
		srv_puts(b, "</h2><table class=\"compare\"><thead><tr><th></th><th class=\"num\">");
		srv_html_str(b, a);
		srv_puts(b, "</th><th class=\"num\">");
		srv_html_str(b, other);
		srv_printf(b, "</th></tr></thead><tbody><tr><td>statements</td><td class=\"num\">%zu</td>"
			      "<td class=\"num\">%zu</td></tr>\n", m[0]->total, m[1]->total);
		compare_rows(b, "By stance", m[0]->stance, m[0]->nstance, m[1]->stance, m[1]->nstance, 8, 0);
		compare_rows(b, "Speakers quoted most", m[0]->speaker, m[0]->nspeaker, m[1]->speaker, m[1]->nspeaker, 8, 0);
		srv_puts(b, "<tr><td colspan=\"3\"><a href=\"/api/outlet/");
		srv_urlenc(b, a);
		srv_puts(b, "?format=csv&amp;table=compare&amp;vs=");
		srv_urlenc(b, other);
		srv_puts(b, "\">CSV</a></td></tr>\n");
		srv_puts(b, "</tbody></table>\n");
	}
	summary_free(m[0]);
	summary_free(m[1]);
	return rc;
}

/* ---- stories ---------------------------------------------------------- */

typedef struct {
	ct_outlet_side *v;
	size_t n, cap;
} side_list;

static int add_side(void *arg, const ct_outlet_side *row)
{
	side_list *l = arg;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = realloc(l->v, l->cap * sizeof *l->v);
		if (!l->v) {
			fputs("claimtrace: out of memory\n", stderr);
			abort();
		}
	}
	l->v[l->n++] = *row;
	return 0;
}

/* The outlet's side in story `id` (the list is by story), or NULL. */
static const ct_outlet_side *side_of(const side_list *l, int64_t id)
{
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (l->v[mid].story < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < l->n && l->v[lo].story == id ? &l->v[lo] : NULL;
}

typedef struct {
	srv_buf *b;
	out_kind kind;
	size_t n;
	const side_list *sides; /* an outlet's page: how it carried each central claim */
} story_out;

static void put_claim_text(srv_buf *b, const ct_story_row *r)
{
	if (r->claim_speaker) {
		srv_html_str(b, r->claim_speaker);
		srv_puts(b, ": ");
	}
	srv_puts(b, "“");
	srv_html_str(b, r->claim);
	srv_puts(b, "”");
}

static const char story_csv_head[] = "id,title,first,last,articles,noutlets,outlets,statements,asserts,denies,"
				     "questions,reports,conflicts,claim,claim_speaker\r\n";

static int put_story(void *arg, const ct_story_row *r)
{
	story_out *o = arg;
	srv_buf *b = o->b;
	if (o->kind == OUT_JSON) {
		int first = 1;
		srv_puts(b, o->n ? ",\n" : "\n");
		json_key(b, &first, "id");
		srv_printf(b, "%lld", (long long)r->id);
		json_key(b, &first, "title");
		srv_json_str(b, r->title);
		json_key(b, &first, "first");
		srv_json_str(b, r->first);
		json_key(b, &first, "last");
		srv_json_str(b, r->last);
		json_key(b, &first, "articles");
		srv_printf(b, "%zu", r->narticles);
		json_key(b, &first, "claim");
		if (r->claim) {
			srv_puts(b, "{\"text\":");
			srv_json_str(b, r->claim);
			srv_puts(b, ",\"speaker\":");
			srv_json_str(b, r->claim_speaker);
			srv_printf(b, ",\"articles\":%zu}", r->claim_articles);
		} else {
			srv_puts(b, "null");
		}
		srv_printf(b, ",\"conflicts\":%zu,\"statements\":%zu,\"asserts\":%zu,\"denies\":%zu,"
			      "\"questions\":%zu,\"reports\":%zu",
			   r->conflicts, r->statements, r->asserts, r->denies, r->questions, r->reports);
		if (o->sides) {
			const ct_outlet_side *sd = side_of(o->sides, r->id);
			srv_printf(b, ",\"outlet_side\":{\"articles\":%zu,\"claim_for\":%zu,\"claim_against\":%zu,\"leads\":%s}",
				   sd ? sd->articles : 0, sd ? sd->claim_for : 0, sd ? sd->claim_against : 0,
				   sd && sd->leads ? "true" : "false");
		}
		json_key(b, &first, "outlets");
		json_strings(b, r->outlets, r->noutlets);
		srv_puts(b, "}");
	} else if (o->kind == OUT_CSV) {
		srv_printf(b, "%lld,", (long long)r->id);
		srv_csv(b, r->title);
		srv_puts(b, ",");
		srv_csv(b, r->first);
		srv_puts(b, ",");
		srv_csv(b, r->last);
		srv_printf(b, ",%zu,%zu,", r->narticles, r->noutlets);
		srv_buf ol = {0};
		for (size_t i = 0; i < r->noutlets; i++) {
			srv_puts(&ol, i ? "; " : "");
			srv_puts(&ol, r->outlets[i] ? r->outlets[i] : "");
		}
		srv_csv(b, ol.data ? ol.data : "");
		srv_buf_free(&ol);
		srv_printf(b, ",%zu,%zu,%zu,%zu,%zu,%zu,", r->statements, r->asserts, r->denies, r->questions,
			   r->reports, r->conflicts);
		srv_csv(b, r->claim);
		srv_puts(b, ",");
		srv_csv(b, r->claim_speaker);
		if (o->sides) {
			const ct_outlet_side *sd = side_of(o->sides, r->id);
			srv_printf(b, ",%zu,%zu,%zu,%d", sd ? sd->articles : 0, sd ? sd->claim_for : 0,
				   sd ? sd->claim_against : 0, sd && sd->leads);
		}
		srv_puts(b, "\r\n");
	} else {
		srv_printf(b, "<tr><td><a href=\"/story/%lld\">", (long long)r->id);
		srv_html_str(b, r->title && *r->title ? r->title : "(untitled)");
		srv_puts(b, "</a>");
		/* a conflict as the map finds one from the statements: the same
		 * claim asserted by some and denied by others */
		if (r->conflicts)
			srv_printf(b, " <span class=\"badge contested\" title=\"claims both asserted and denied\">%zu conflict%s</span>",
				   r->conflicts, r->conflicts == 1 ? "" : "s");
		if (r->claim) {
			srv_puts(b, "<div class=\"central\">");
			put_claim_text(b, r);
			if (r->claim_articles > 1)
				srv_printf(b, " <span class=\"muted\">(%zu articles)</span>", r->claim_articles);
			srv_puts(b, "</div>");
		}
		if (o->sides) {
			/* on an outlet's page: how it carried the central claim */
			const ct_outlet_side *sd = side_of(o->sides, r->id);
			srv_puts(b, "</td><td>");
			if (sd && (sd->claim_for || sd->claim_against || sd->leads)) {
				if (sd->claim_for)
					srv_printf(b, "<span class=\"stance stance-asserts\">%zu for</span> ", sd->claim_for);
				if (sd->claim_against)
					srv_printf(b, "<span class=\"stance stance-denies\">%zu against</span> ",
						   sd->claim_against);
				if (sd->leads)
					srv_puts(b, "<span class=\"badge\">leads with it</span>");
			} else if (r->claim) {
				srv_puts(b, "<span class=\"muted\">not stated</span>");
			}
		}
		srv_printf(b, "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td><td>", r->narticles, r->noutlets);
		for (size_t i = 0; i < r->noutlets && i < 3; i++) {
			srv_puts(b, i ? ", " : "");
			link_to(b, "outlet", r->outlets[i]);
		}
		if (r->noutlets > 3)
			srv_printf(b, " +%zu", r->noutlets - 3);
		srv_puts(b, "</td><td class=\"date\">");
		srv_html_str(b, r->first ? r->first : "");
		if (r->last && (!r->first || strcmp(r->first, r->last))) {
			srv_puts(b, " – ");
			srv_html_str(b, r->last);
		}
		srv_puts(b, "</td></tr>\n");
	}
	o->n++;
	return 0;
}

static void filter_input(srv_buf *b, const char *name, const char *label, const char *value, const char *type)
{
	srv_printf(b, "<label>%s <input name=\"%s\" type=\"%s\" value=\"", label, name, type);
	srv_html_str(b, value);
	srv_puts(b, "\"></label>");
}

static void stories_page(const srv_req *q, srv_resp *r, int api)
{
	out_kind k = format_of(q, api);
	story_out o = {&r->body, k, 0, NULL};
	const char *sort = arg(q, "sort");
	ct_story_filter f = {arg(q, "q"), arg(q, "outlet"), arg(q, "since"), arg(q, "until"),
			     sort && !strcmp(sort, "newest"), LIST_LIMIT};
	set_type(r, k);
	srv_buf *b = &r->body;
	if (k == OUT_HTML) {
		page_open(b, "Stories");
		srv_puts(b, "<form class=\"filters\" action=\"/\">");
		filter_input(b, "q", "Title or claim has", f.text, "search");
		filter_input(b, "outlet", "Outlet", f.outlet, "text");
		filter_input(b, "since", "From", f.since, "text");
		filter_input(b, "until", "To", f.until, "text");
		srv_printf(b, "<label>Order <select name=\"sort\"><option value=\"largest\">largest first</option>"
			      "<option value=\"newest\"%s>newest first</option></select></label>",
			   f.newest ? " selected" : "");
		srv_puts(b, "<button>Filter</button> <a class=\"csv\" href=\"/api/stories?format=csv");
		const char *key[] = {"q", "outlet", "since", "until", "sort"};
		const char *val[] = {f.text, f.outlet, f.since, f.until, sort};
		for (size_t i = 0; i < 5; i++)
			if (val[i]) {
				srv_printf(b, "&amp;%s=", key[i]);
				srv_urlenc(b, val[i]);
			}
		srv_puts(b, "\">CSV</a></form>\n"
			    "<table class=\"stories sortable\"><thead><tr><th>Story and its central claim</th>"
			    "<th class=\"num\">Articles</th><th class=\"num\">Outlets</th><th>Outlets</th><th>Dates</th>"
			    "</tr></thead><tbody>\n");
	} else if (k == OUT_CSV) {
		srv_puts(b, story_csv_head);
	} else {
		srv_puts(b, "{\"stories\":[");
	}
	int rc = ct_store_story_list(q->store, &f, put_story, &o);
	if (rc == CT_EARG) {
		bad_request(r, api, ct_store_error(q->store));
		return;
	}
	if (rc) {
		server_error(r, api, q->store);
		return;
	}
	if (k == OUT_HTML) {
		srv_printf(b, "</tbody></table>\n<p class=\"count\">%zu stor%s, %s first</p>\n", o.n,
			   o.n == 1 ? "y" : "ies", f.newest ? "newest" : "largest");
		page_close(b);
	} else if (k == OUT_JSON) {
		srv_puts(b, "]}\n");
	}
}

/* ---- one story -------------------------------------------------------- */

typedef struct {
	srv_buf *b;
	int json;
	size_t n;
	int csv; /* instead of HTML rows */
} brief_out;

/* A row of CSV fields, the header's order; NULL is an empty field. */
static void csv_row(srv_buf *b, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		srv_csv(b, v[i]);
		srv_puts(b, i + 1 < n ? "," : "\r\n");
	}
}

#define CSV_ROW(b, ...) csv_row((b), (const char *const[]){__VA_ARGS__}, \
				sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

static const char brief_csv_head[] = "id,name,title,outlet,published,url,story,reprint_of,statements\r\n";
static const char reprint_csv_head[] = "original,original_name,original_outlet,reprint,reprint_name,reprint_outlet,"
				       "containment,passages\r\n";

static int put_brief(void *arg, const ct_article_brief *a)
{
	brief_out *o = arg;
	srv_buf *b = o->b;
	if (o->csv) {
		char id[24], story[24], of[24], n[24];
		snprintf(id, sizeof id, "%lld", (long long)a->id);
		snprintf(story, sizeof story, "%lld", (long long)a->story);
		snprintf(of, sizeof of, "%lld", (long long)a->reprint_of);
		snprintf(n, sizeof n, "%zu", a->nstatements);
		CSV_ROW(b, id, a->name, a->title, a->outlet, a->published, a->url, story, of, n);
	} else if (o->json) {
		int first = 1;
		srv_puts(b, o->n ? ",\n" : "\n");
		json_article(b, &first, a->id, a->name, a->title, a->outlet, a->published, NULL, a->url, a->story,
			     a->reprint_of);
		json_key(b, &first, "statements");
		srv_printf(b, "%zu}", a->nstatements);
	} else {
		srv_puts(b, "<tr><td class=\"date\">");
		srv_html_str(b, a->published ? a->published : "");
		srv_puts(b, "</td><td>");
		link_to(b, "outlet", a->outlet);
		srv_printf(b, "</td><td><a href=\"/article/%lld\">", (long long)a->id);
		srv_html_str(b, a->title && *a->title ? a->title : a->name);
		srv_puts(b, "</a>");
		if (a->reprint_of)
			srv_printf(b, " <a class=\"badge\" href=\"/article/%lld\">reprint</a>", (long long)a->reprint_of);
		srv_printf(b, "</td><td class=\"num\">%zu</td></tr>\n", a->nstatements);
	}
	o->n++;
	return 0;
}

static int take_story(void *arg, const ct_story_row *r)
{
	srv_buf *b = arg;
	/* keeps what the story page's header needs, escaped now: the row's
	 * strings do not outlive the callback */
	srv_puts(b, "<p class=\"meta\">");
	srv_printf(b, "%zu article%s from %zu outlet%s", r->narticles, r->narticles == 1 ? "" : "s", r->noutlets,
		   r->noutlets == 1 ? "" : "s");
	if (r->first) {
		srv_puts(b, ", ");
		srv_html_str(b, r->first);
		if (r->last && strcmp(r->first, r->last)) {
			srv_puts(b, " – ");
			srv_html_str(b, r->last);
		}
	}
	srv_puts(b, ". Outlets: ");
	for (size_t i = 0; i < r->noutlets; i++) {
		srv_puts(b, i ? ", " : "");
		link_to(b, "outlet", r->outlets[i]);
	}
	srv_puts(b, "</p>\n");
	if (r->claim) {
		srv_puts(b, "<p class=\"central\">Central claim: ");
		put_claim_text(b, r);
		srv_printf(b, " <span class=\"muted\">(%zu article%s)</span></p>\n", r->claim_articles,
			   r->claim_articles == 1 ? "" : "s");
	}
	return 1;
}

static int take_title(void *arg, const ct_story_row *r)
{
	srv_buf *b = arg;
	srv_puts(b, r->title && *r->title ? r->title : "(untitled)");
	return 1;
}

static int put_reprint(void *arg, const ct_reprint_row *r)
{
	brief_out *o = arg;
	srv_buf *b = o->b;
	if (o->csv) {
		char orig[24], rep[24], cont[24], np[24];
		snprintf(orig, sizeof orig, "%lld", (long long)r->original);
		snprintf(rep, sizeof rep, "%lld", (long long)r->reprint);
		snprintf(cont, sizeof cont, "%.3f", r->containment);
		snprintf(np, sizeof np, "%zu", r->npassages);
		CSV_ROW(b, orig, r->original_name, r->original_outlet, rep, r->reprint_name, r->reprint_outlet, cont, np);
	} else if (o->json) {
		srv_printf(b, "%s{\"original\":%lld,\"reprint\":%lld,\"containment\":%.3f,\"passages\":%zu}", o->n ? "," : "",
			   (long long)r->original, (long long)r->reprint, r->containment, r->npassages);
	} else {
		srv_printf(b, "<li><a href=\"/article/%lld\">", (long long)r->reprint);
		srv_html_str(b, r->reprint_name);
		srv_puts(b, "</a> (");
		srv_html_str(b, r->reprint_outlet);
		srv_printf(b, ") reprints <a href=\"/article/%lld\">", (long long)r->original);
		srv_html_str(b, r->original_name);
		srv_puts(b, "</a> (");
		srv_html_str(b, r->original_outlet);
		srv_printf(b, "): %.0f%% shared</li>\n", 100 * r->containment);
	}
	o->n++;
	return 0;
}

/* The map of story `id`, rendered by the library; NULL with *rc set. */
static char *story_map(const srv_req *q, int64_t id, ct_story_format f, size_t *len, int *rc)
{
	ct_story *st = ct_story_new(q->cfg->ctx);
	if (q->cfg->stance)
		ct_story_set_stance(st, q->cfg->stance, CT_STORY_STANCE_MIN);
	if (q->cfg->statement)
		ct_story_set_statement(st, q->cfg->statement);
	/* statements link to their sentence on the article pages, and the
	 * page takes the app's script (its timeline zooms) */
	if (f == CT_STORY_HTML)
		ct_story_set_html_links(st, "/article/", "/static/app.js");
	char *out = NULL;
	*rc = ct_store_story_add(q->store, q->cfg->ctx, st, id, NULL);
	if (!*rc)
		out = ct_story_render(st, f, len);
	ct_story_free(st);
	return out;
}

/* A story's tables as CSV: its articles (the default), its wire reprints
 * or its statements. */
static void story_csv(const srv_req *q, srv_resp *r, int api, int64_t id)
{
	static const char *const tables[] = {"articles", "reprints", "statements"};
	int t = csv_table(q, tables, 3);
	if (t < 0) {
		not_found(r, api, "no such table: articles, reprints or statements");
		return;
	}
	set_type(r, OUT_CSV);
	brief_out o = {&r->body, 0, 0, 1};
	int rc;
	if (t == 0) {
		srv_puts(&r->body, brief_csv_head);
		rc = ct_store_articles(q->store, id, NULL, 0, put_brief, &o);
	} else if (t == 1) {
		srv_puts(&r->body, reprint_csv_head);
		rc = ct_store_reprints(q->store, id, 12, put_reprint, &o);
	} else {
		ct_query qq = {0};
		qq.story = id;
		rc = statements(r, q, &qq, OUT_CSV);
	}
	if (rc)
		server_error(r, api, q->store);
}

static void story_page(const srv_req *q, srv_resp *r, int api, const char *rest)
{
	const char *slash = strchr(rest, '/');
	int map = slash && !strcmp(slash, "/map");
	char idbuf[24];
	size_t idn = slash ? (size_t)(slash - rest) : strlen(rest);
	if (idn >= sizeof idbuf || (slash && !map)) {
		not_found(r, api, "no such page");
		return;
	}
	memcpy(idbuf, rest, idn);
	idbuf[idn] = '\0';
	int64_t id = parse_id(idbuf);
	srv_buf title = {0};
	if (!id || ct_store_stories(q->store, id, take_title, &title) || !title.len) {
		srv_buf_free(&title);
		not_found(r, api, "no such story");
		return;
	}
	if (!map && format_of(q, api) == OUT_CSV) {
		story_csv(q, r, api, id);
		srv_buf_free(&title);
		return;
	}
	srv_buf *b = &r->body;
	int rc = 0;
	if (map && !api) {
		/* the library's own self-contained page, as `claimtrace story` writes it */
		size_t len;
		char *html = story_map(q, id, CT_STORY_HTML, &len, &rc);
		if (html) {
			srv_put(b, html, len);
			free(html);
		}
	} else if (api) {
		r->type = "application/json";
		brief_out o = {b, 1, 0, 0};
		srv_printf(b, "{\"id\":%lld,\"title\":", (long long)id);
		srv_json_str(b, title.data);
		srv_puts(b, ",\"articles\":[");
		if (!(rc = ct_store_articles(q->store, id, NULL, 0, put_brief, &o))) {
			srv_puts(b, "],\"reprints\":[");
			o.n = 0;
			rc = ct_store_reprints(q->store, id, 12, put_reprint, &o);
		}
		if (!rc && !map) {
			size_t len;
			char *json = story_map(q, id, CT_STORY_JSON, &len, &rc);
			srv_puts(b, "],\"map\":");
			if (json) {
				/* the library's JSON (README.md, "Story JSON"), a value in itself */
				srv_json_raw(b, json, len);
				free(json);
			} else {
				srv_puts(b, "null");
			}
			srv_puts(b, "}\n");
		} else {
			srv_puts(b, "]}\n");
		}
	} else {
		page_open(b, title.data);
		ct_store_stories(q->store, id, take_story, b);
		srv_printf(b, "<p><a href=\"/story/%lld/map\">The story map on its own page</a> · "
			      "<a href=\"/api/story/%lld\">JSON</a> · CSV: <a href=\"/api/story/%lld?format=csv\">articles</a>, "
			      "<a href=\"/api/story/%lld?format=csv&amp;table=reprints\">reprints</a>, "
			      "<a href=\"/api/story/%lld?format=csv&amp;table=statements\">statements</a></p>\n"
			      "<iframe class=\"map\" title=\"The story map\" src=\"/story/%lld/map\"></iframe>\n"
			      "<h2>Articles</h2><table class=\"sortable\"><thead><tr><th>Date</th><th>Outlet</th>"
			      "<th>Article</th><th class=\"num\">Statements</th></tr></thead><tbody>\n",
			   (long long)id, (long long)id, (long long)id, (long long)id, (long long)id, (long long)id);
		brief_out o = {b, 0, 0, 0};
		if (!(rc = ct_store_articles(q->store, id, NULL, 0, put_brief, &o))) {
			srv_puts(b, "</tbody></table>\n<h2>Wire reprints</h2><ul class=\"reprints\">\n");
			o.n = 0;
			rc = ct_store_reprints(q->store, id, 0, put_reprint, &o);
			if (!o.n)
				srv_puts(b, "<li>None found.</li>");
			srv_puts(b, "</ul>\n<h2>Statements</h2>\n");
		}
		ct_query qq = {0};
		qq.story = id;
		qq.limit = LIST_LIMIT;
		if (!rc)
			rc = summary_html(q, b, &qq);
		if (!rc)
			rc = statements(r, q, &qq, OUT_HTML);
		page_close(b);
	}
	srv_buf_free(&title);
	if (rc)
		server_error(r, api, q->store);
}

/* ---- one article ------------------------------------------------------- */

enum { M_SOURCE = 1, M_CUE = 2, M_CONTENT = 4, M_SENT = 8, M_HIT = 16 };

typedef struct {
	uint32_t off, end;
	int mask;
} span;

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* The text with each attribution's source, cue and content marked and
 * the sentences that carry statements anchored: the text is cut at every
 * span's ends, and each piece gets the classes of the spans covering it,
 * so spans that overlap or cross never make markup that does not nest. */
static void marked_text(srv_buf *b, const ct_article_row *a, int hit_sent)
{
	size_t ns = 0, cap = 3 * a->nattrs + a->nstatements + 1;
	span *sp = malloc(cap * sizeof *sp);
	uint32_t *cut = malloc((2 * cap + 2) * sizeof *cut);
	if (!sp || !cut) {
		fputs("claimtrace: out of memory\n", stderr);
		abort();
	}
	uint32_t tl = (uint32_t)a->text_len;
#define ADD(o, l, m)                                                                                        \
	do {                                                                                                \
		if ((l) && (o) < tl)                                                                        \
			sp[ns++] = (span){(o), (o) + (l) > tl || (o) + (l) < (o) ? tl : (o) + (l), (m)}; \
	} while (0)
	for (size_t i = 0; i < a->nattrs; i++) {
		const ct_article_attr *t = &a->attrs[i];
		ADD(t->source_off, t->source_len, M_SOURCE);
		ADD(t->cue_off, t->cue_len, M_CUE);
		ADD(t->content_off, t->content_len, M_CONTENT);
	}
	int last_sent = -1;
	for (size_t i = 0; i < a->nstatements; i++) {
		const ct_article_statement *t = &a->statements[i];
		if (t->sent != last_sent)
			ADD(t->sent_off, t->sent_len, M_SENT | (t->sent == hit_sent ? M_HIT : 0));
		last_sent = t->sent;
	}
#undef ADD
	size_t nc = 0;
	cut[nc++] = 0;
	cut[nc++] = tl;
	for (size_t i = 0; i < ns; i++)
		cut[nc++] = sp[i].off, cut[nc++] = sp[i].end;
	qsort(cut, nc, sizeof *cut, cmp_u32);
	srv_puts(b, "<div class=\"text\">");
	for (size_t i = 0; i + 1 < nc; i++) {
		uint32_t s = cut[i], e = cut[i + 1];
		if (s == e)
			continue;
		int mask = 0, hit_start = 0;
		for (size_t j = 0; j < ns; j++)
			if (sp[j].off <= s && sp[j].end >= e) {
				mask |= sp[j].mask;
				if ((sp[j].mask & M_HIT) && sp[j].off == s)
					hit_start = 1;
			}
		if (hit_start)
			srv_puts(b, "<span id=\"st\"></span>");
		if (mask)
			srv_printf(b, "<span class=\"%s%s%s%s%s\">", mask & M_SENT ? " s" : "", mask & M_HIT ? " hit" : "",
				   mask & M_SOURCE ? " src" : "", mask & M_CUE ? " cue" : "",
				   mask & M_CONTENT ? " content" : "");
		srv_html(b, a->text + s, e - s);
		if (mask)
			srv_puts(b, "</span>");
	}
	srv_puts(b, "</div>\n");
	free(sp);
	free(cut);
}

typedef struct {
	srv_buf *b;
	int api;
	int csv; /* -1: not CSV; else the table: statements, entities, attributions */
	int64_t hit; /* the statement whose sentence is highlighted, or 0 */
	int hit_sent; /* else the sentence by its number (the story map's links), or -1 */
} article_out;

/* Bytes [off, off + len) of the article's text as a string of its own
 * (empty when the span is none or out of the text), for a CSV field. */
static const char *span_text(srv_buf *tmp, const ct_article_row *a, uint32_t off, uint32_t len)
{
	tmp->len = 0;
	srv_put(tmp, "", 0);
	if (len && off < a->text_len)
		srv_put(tmp, a->text + off, len > a->text_len - off ? a->text_len - off : len);
	srv_put(tmp, "", 1);
	return tmp->data;
}

/* One of the article's tables as CSV (article_out.csv). */
static void article_csv(srv_buf *b, const ct_article_row *a, int table)
{
	char n[6][24];
	srv_buf t1 = {0}, t2 = {0}, t3 = {0};
	if (table == 0) {
		srv_puts(b, "id,attribution,speaker,cue,stance,date,sentence_off,sentence_len,sentence\r\n");
		for (size_t i = 0; i < a->nstatements; i++) {
			const ct_article_statement *t = &a->statements[i];
			/* numbers raw: srv_csv would take -1 for a formula */
			srv_printf(b, "%lld,%d,", (long long)t->id, t->attribution);
			snprintf(n[2], sizeof n[2], "%u", t->sent_off);
			snprintf(n[3], sizeof n[3], "%u", t->sent_len);
			CSV_ROW(b, t->speaker, t->cue, t->stance, t->date, n[2], n[3],
				span_text(&t1, a, t->sent_off, t->sent_len));
		}
	} else if (table == 1) {
		srv_puts(b, "idx,name,type,country,mentions\r\n");
		for (size_t i = 0; i < a->nentities; i++) {
			const ct_article_entity *e = &a->entities[i];
			snprintf(n[0], sizeof n[0], "%d", e->idx);
			snprintf(n[1], sizeof n[1], "%d", e->mentions);
			CSV_ROW(b, n[0], e->name, e->type, e->country, n[1]);
		}
	} else {
		srv_puts(b, "idx,kind,cue_kind,source_entity,source_off,source_len,source,cue_off,cue_len,cue,"
			    "content_off,content_len,content\r\n");
		for (size_t i = 0; i < a->nattrs; i++) {
			const ct_article_attr *t = &a->attrs[i];
			snprintf(n[1], sizeof n[1], "%d", t->source_entity);
			snprintf(n[2], sizeof n[2], "%u,%u", t->source_off, t->source_len);
			snprintf(n[3], sizeof n[3], "%u,%u", t->cue_off, t->cue_len);
			snprintf(n[4], sizeof n[4], "%u,%u", t->content_off, t->content_len);
			/* numbers raw (srv_csv would take -1 for a formula); the
			 * offsets are two columns each */
			srv_printf(b, "%d,", t->idx);
			srv_csv(b, t->kind);
			srv_puts(b, ",");
			srv_csv(b, t->cue_kind);
			srv_printf(b, ",%s,%s,", n[1], n[2]);
			srv_csv(b, span_text(&t1, a, t->source_off, t->source_len));
			srv_printf(b, ",%s,", n[3]);
			srv_csv(b, span_text(&t2, a, t->cue_off, t->cue_len));
			srv_printf(b, ",%s,", n[4]);
			srv_csv(b, span_text(&t3, a, t->content_off, t->content_len));
			srv_puts(b, "\r\n");
		}
	}
	srv_buf_free(&t1);
	srv_buf_free(&t2);
	srv_buf_free(&t3);
}

static int put_article(void *arg, const ct_article_row *a)
{
	article_out *o = arg;
	srv_buf *b = o->b;
	if (o->csv >= 0) {
		article_csv(b, a, o->csv);
		return 0;
	}
	if (o->api) {
		int first = 1;
		json_article(b, &first, a->id, a->name, a->title, a->outlet, a->published, &a->author, a->url, a->story,
			     a->reprint_of);
		json_key(b, &first, "text");
		srv_json_strn(b, a->text, a->text_len);
		json_key(b, &first, "entities");
		srv_puts(b, "[");
		for (size_t i = 0; i < a->nentities; i++) {
			const ct_article_entity *e = &a->entities[i];
			srv_printf(b, "%s{\"idx\":%d,\"name\":", i ? "," : "", e->idx);
			srv_json_str(b, e->name);
			srv_puts(b, ",\"type\":");
			srv_json_str(b, e->type);
			srv_puts(b, ",\"country\":");
			srv_json_str(b, e->country);
			srv_printf(b, ",\"mentions\":%d}", e->mentions);
		}
		srv_puts(b, "]");
		json_key(b, &first, "attributions");
		srv_puts(b, "[");
		for (size_t i = 0; i < a->nattrs; i++) {
			const ct_article_attr *t = &a->attrs[i];
			srv_printf(b, "%s{\"idx\":%d,\"kind\":", i ? "," : "", t->idx);
			srv_json_str(b, t->kind);
			srv_puts(b, ",\"cue_kind\":");
			srv_json_str(b, t->cue_kind);
			srv_printf(b, ",\"source_entity\":%d,\"source\":[%u,%u],\"cue\":[%u,%u],\"content\":[%u,%u],"
				      "\"content2\":[%u,%u]}",
				   t->source_entity, t->source_off, t->source_len, t->cue_off, t->cue_len, t->content_off,
				   t->content_len, t->content2_off, t->content2_len);
		}
		srv_puts(b, "]");
		json_key(b, &first, "statements");
		srv_puts(b, "[");
		for (size_t i = 0; i < a->nstatements; i++) {
			const ct_article_statement *t = &a->statements[i];
			srv_printf(b, "%s{\"id\":%lld,\"attribution\":%d,\"speaker\":", i ? "," : "", (long long)t->id,
				   t->attribution);
			srv_json_str(b, t->speaker);
			srv_puts(b, ",\"cue\":");
			srv_json_str(b, t->cue);
			srv_puts(b, ",\"stance\":");
			srv_json_str(b, t->stance);
			srv_puts(b, ",\"date\":");
			srv_json_str(b, t->date);
			srv_printf(b, ",\"sentence\":[%u,%u]}", t->sent_off, t->sent_len);
		}
		srv_puts(b, "]}\n");
		return 0;
	}
	int hit_sent = o->hit_sent;
	for (size_t i = 0; i < a->nstatements; i++)
		if (a->statements[i].id == o->hit)
			hit_sent = a->statements[i].sent;
	page_open(b, a->title && *a->title ? a->title : a->name);
	srv_puts(b, "<p class=\"meta\">");
	link_to(b, "outlet", a->outlet);
	srv_puts(b, " · <span class=\"date\">");
	srv_html_str(b, a->published ? a->published : "undated");
	srv_puts(b, "</span>");
	if (a->author) {
		srv_puts(b, " · ");
		srv_html_str(b, a->author);
	}
	if (a->story)
		srv_printf(b, " · <a href=\"/story/%lld\">its story</a>", (long long)a->story);
	if (a->reprint_of)
		srv_printf(b, " · a reprint of <a href=\"/article/%lld\">this article</a>", (long long)a->reprint_of);
	srv_printf(b, " · <a href=\"/api/article/%lld\">JSON</a> · CSV: <a href=\"/api/article/%lld?format=csv\">statements</a>, "
		      "<a href=\"/api/article/%lld?format=csv&amp;table=entities\">entities</a>, "
		      "<a href=\"/api/article/%lld?format=csv&amp;table=attributions\">attributions</a><br>",
		   (long long)a->id, (long long)a->id, (long long)a->id, (long long)a->id);
	external_link(b, a->url);
	srv_puts(b, "</p>\n<p class=\"legend\"><span class=\"src\">source</span> <span class=\"cue\">cue</span> "
		    "<span class=\"content\">content</span> <span class=\"s hit\">the statement asked for</span></p>\n");
	marked_text(b, a, hit_sent);
	srv_puts(b, "<h2>Entities</h2><ul class=\"entities\">\n");
	for (size_t i = 0; i < a->nentities; i++) {
		const ct_article_entity *e = &a->entities[i];
		srv_puts(b, "<li>");
		link_to(b, "entity", e->name);
		srv_puts(b, " <span class=\"type\">");
		srv_html_str(b, e->type);
		srv_printf(b, "</span> ×%d</li>\n", e->mentions);
	}
	srv_puts(b, "</ul>\n<h2>Statements</h2><ol class=\"statements\">\n");
	for (size_t i = 0; i < a->nstatements; i++) {
		const ct_article_statement *t = &a->statements[i];
		srv_puts(b, "<li class=\"st\">");
		if (t->speaker)
			link_to(b, "entity", t->speaker);
		else
			srv_puts(b, "<span class=\"own\">the outlet's own voice</span>");
		srv_puts(b, " <span class=\"cue\">");
		srv_html_str(b, t->cue);
		srv_puts(b, "</span> <span class=\"stance\">");
		srv_html_str(b, t->stance);
		srv_printf(b, "</span>: <a href=\"?st=%lld#st\">", (long long)t->id);
		if (t->sent_off < a->text_len)
			srv_html(b, a->text + t->sent_off,
				 t->sent_len > a->text_len - t->sent_off ? a->text_len - t->sent_off : t->sent_len);
		srv_puts(b, "</a></li>\n");
	}
	srv_puts(b, "</ol>\n");
	page_close(b);
	return 0;
}

static void article_page(const srv_req *q, srv_resp *r, int api, const char *rest)
{
	int64_t id = parse_id(rest);
	const char *st = arg(q, "st"), *sent = arg(q, "s");
	/* ?s=N: sentence N (from 0), as the story map names its sentences */
	int hit_sent = -1;
	if (sent && strlen(sent) < 10 && strspn(sent, "0123456789") == strlen(sent))
		hit_sent = atoi(sent);
	article_out o = {&r->body, api, -1, st ? parse_id(st) : 0, hit_sent};
	if (format_of(q, api) == OUT_CSV) {
		static const char *const tables[] = {"statements", "entities", "attributions"};
		if ((o.csv = csv_table(q, tables, 3)) < 0) {
			not_found(r, api, "no such table: statements, entities or attributions");
			return;
		}
		set_type(r, OUT_CSV);
	} else if (api) {
		r->type = "application/json";
	}
	int rc = id ? ct_store_article(q->store, id, put_article, &o) : CT_EARG;
	if (rc == CT_EARG)
		not_found(r, api, "no such article");
	else if (rc)
		server_error(r, api, q->store);
}

/* ---- speaker, outlet, search ------------------------------------------- */

static void search_form(srv_buf *b, const ct_query *qq)
{
	srv_puts(b, "<form class=\"filters\" action=\"/search\">");
	filter_input(b, "q", "Words", qq->about, "search");
	filter_input(b, "speaker", "Speaker", qq->speaker, "text");
	filter_input(b, "outlet", "Outlet", qq->outlet, "text");
	filter_input(b, "since", "From", qq->since, "text");
	filter_input(b, "until", "To", qq->until, "text");
	srv_puts(b, "<button>Search</button></form>\n");
}

/* The search's query string again, for the CSV and JSON links. */
static void query_string(srv_buf *b, const ct_query *qq)
{
	const char *k[] = {"q", "speaker", "outlet", "since", "until"};
	const char *v[] = {qq->about, qq->speaker, qq->outlet, qq->since, qq->until};
	for (size_t i = 0; i < 5; i++)
		if (v[i]) {
			srv_printf(b, "&amp;%s=", k[i]);
			srv_urlenc(b, v[i]);
		}
}

static void search_page(const srv_req *q, srv_resp *r, int api)
{
	ct_query qq = {0};
	qq.about = arg(q, "q");
	qq.speaker = arg(q, "speaker");
	qq.outlet = arg(q, "outlet");
	qq.since = arg(q, "since");
	qq.until = arg(q, "until");
	qq.limit = LIST_LIMIT;
	out_kind k = format_of(q, api);
	set_type(r, k);
	srv_buf *b = &r->body;
	int any = qq.about || qq.speaker || qq.outlet || qq.since || qq.until;
	if (k == OUT_HTML) {
		page_open(b, "Search");
		search_form(b, &qq);
		if (any) {
			srv_puts(b, "<p class=\"links\"><a href=\"/api/search?format=csv");
			query_string(b, &qq);
			srv_puts(b, "\">CSV</a> · <a href=\"/api/search?x=1");
			query_string(b, &qq);
			srv_puts(b, "\">JSON</a></p>\n");
		}
	} else if (k == OUT_JSON) {
		srv_puts(b, "{\"statements\":");
	}
	int rc = 0;
	if (any || k != OUT_HTML)
		rc = statements(r, q, &qq, k);
	if (rc == CT_EARG) {
		bad_request(r, api, ct_store_error(q->store));
		return;
	}
	if (rc) {
		server_error(r, api, q->store);
		return;
	}
	if (k == OUT_HTML)
		page_close(b);
	else if (k == OUT_JSON)
		srv_puts(b, "}\n");
}

/* ---- a speaker's claims ---------------------------------------------------- */

typedef struct {
	srv_buf *b;
	out_kind kind;
	size_t n, said;
} claim_out;

/* A statement of the speaker's as the search shows one (put_statement). */
static void put_said(stmt_out *o, const ct_said *t)
{
	ct_query_row row = {t->statement, t->article, t->article_name, t->url, t->outlet, t->title, t->date, t->speaker,
			    t->cue, t->stance, t->sentence, 0};
	put_statement(o, &row);
}

static void put_claim_stances(srv_buf *b, const ct_speaker_claim *c)
{
	const char *name[4] = {"asserts", "denies", "questions", "reports"};
	size_t n[4] = {c->asserts, c->denies, c->questions, c->reports};
	for (int k = 0; k < 4; k++)
		if (n[k])
			srv_printf(b, " <span class=\"stance stance-%s\">%zu %s</span>", name[k], n[k], name[k]);
}

static int put_claim(void *arg, const ct_speaker_claim *c)
{
	claim_out *o = arg;
	srv_buf *b = o->b;
	o->n++;
	o->said += c->nsaid;
	if (o->kind == OUT_JSON) {
		int first = 1;
		srv_puts(b, o->n > 1 ? ",\n" : "\n");
		json_key(b, &first, "claim");
		srv_printf(b, "%zu", o->n);
		json_key(b, &first, "story");
		srv_printf(b, "%lld", (long long)c->story);
		json_key(b, &first, "story_title");
		srv_json_str(b, c->story_title);
		json_key(b, &first, "stance");
		srv_json_str(b, c->stance);
		json_key(b, &first, "side");
		srv_printf(b, "%d", c->side);
		srv_printf(b, ",\"asserts\":%zu,\"denies\":%zu,\"questions\":%zu,\"reports\":%zu", c->asserts, c->denies,
			   c->questions, c->reports);
		json_key(b, &first, "first");
		srv_json_str(b, c->first);
		json_key(b, &first, "last");
		srv_json_str(b, c->last);
		json_key(b, &first, "outlets");
		json_strings(b, c->outlets, c->noutlets);
		json_key(b, &first, "against");
		srv_puts(b, "[");
		for (size_t i = 0; i < c->nagainst; i++) {
			const ct_opponent *a = &c->against[i];
			srv_puts(b, i ? ",{\"name\":" : "{\"name\":");
			srv_json_str(b, a->name);
			srv_printf(b, ",\"statements\":%zu,\"statement\":%lld,\"article\":%lld,\"stance\":", a->n,
				   (long long)a->statement, (long long)a->article);
			srv_json_str(b, a->stance);
			srv_puts(b, ",\"sentence\":");
			srv_json_str(b, a->sentence);
			srv_puts(b, "}");
		}
		srv_puts(b, "]");
		json_key(b, &first, "statements");
		srv_puts(b, "[");
		stmt_out so = {b, OUT_JSON, 0};
		for (size_t i = 0; i < c->nsaid; i++)
			put_said(&so, &c->said[i]);
		srv_puts(b, "]}");
	} else if (o->kind == OUT_CSV) {
		srv_printf(b, "%zu,%lld,", o->n, (long long)c->story);
		srv_csv(b, c->story_title);
		srv_puts(b, ",");
		srv_csv(b, c->stance);
		srv_printf(b, ",%d,%zu,%zu,%zu,%zu,%zu,", c->side, c->nsaid, c->asserts, c->denies, c->questions,
			   c->reports);
		srv_csv(b, c->first);
		srv_puts(b, ",");
		srv_csv(b, c->last);
		srv_puts(b, ",");
		srv_buf j = {0};
		for (size_t i = 0; i < c->noutlets; i++) {
			srv_puts(&j, i ? "; " : "");
			srv_puts(&j, c->outlets[i]);
		}
		srv_csv(b, j.data ? j.data : "");
		srv_buf_free(&j);
		srv_puts(b, ",");
		for (size_t i = 0; i < c->nagainst; i++)
			srv_printf(&j, "%s%s (%zu)", i ? "; " : "", c->against[i].name, c->against[i].n);
		srv_csv(b, j.data ? j.data : "");
		srv_buf_free(&j);
		srv_puts(b, ",");
		srv_csv(b, c->nsaid ? c->said[0].sentence : NULL);
		srv_puts(b, "\r\n");
	} else {
		srv_printf(b, "<section class=\"claim\" id=\"claim%zu\"><h3>", o->n);
		if (c->story) {
			srv_printf(b, "<a href=\"/story/%lld\">", (long long)c->story);
			srv_html_str(b, c->story_title && *c->story_title ? c->story_title : "(untitled)");
			srv_puts(b, "</a>");
		} else {
			srv_puts(b, "Not in a story yet");
		}
		srv_printf(b, "</h3>\n<p class=\"meta\">%zu statement%s:", c->nsaid, c->nsaid == 1 ? "" : "s");
		put_claim_stances(b, c);
		if (c->first) {
			srv_puts(b, " · <span class=\"date\">");
			srv_html_str(b, c->first);
			if (c->last && strcmp(c->first, c->last)) {
				srv_puts(b, " – ");
				srv_html_str(b, c->last);
			}
			srv_puts(b, "</span>");
		}
		srv_puts(b, " · carried by ");
		for (size_t i = 0; i < c->noutlets; i++) {
			srv_puts(b, i ? ", " : "");
			link_to(b, "outlet", c->outlets[i]);
		}
		if (!c->noutlets)
			srv_puts(b, "no named outlet");
		srv_puts(b, "</p>\n");
		if (c->nagainst) {
			srv_printf(b, "<p class=\"against\"><b>Stood against by</b> (%s): ",
				   c->side > 0 ? "they deny or question what this asserts" : "they assert what this denies");
			for (size_t i = 0; i < c->nagainst; i++) {
				const ct_opponent *a = &c->against[i];
				srv_puts(b, i ? ", " : "");
				link_to(b, "entity", a->name);
				srv_printf(b, " (<a href=\"/article/%lld?st=%lld#st\" title=\"", (long long)a->article,
					   (long long)a->statement);
				srv_html_str(b, a->sentence);
				srv_puts(b, "\">");
				srv_html_str(b, a->stance);
				srv_printf(b, "</a>%s", a->n > 1 ? "" : ")");
				if (a->n > 1)
					srv_printf(b, ", %zu statements)", a->n);
			}
			srv_puts(b, "</p>\n");
		}
		srv_puts(b, "<ol class=\"statements\">\n");
		stmt_out so = {b, OUT_HTML, 0};
		for (size_t i = 0; i < c->nsaid; i++)
			put_said(&so, &c->said[i]);
		srv_puts(b, "</ol></section>\n");
	}
	return 0;
}

static void entity_page(const srv_req *q, srv_resp *r, int api, const char *name)
{
	if (!*name) {
		not_found(r, api, "no name given");
		return;
	}
	ct_query qq = {0};
	qq.speaker = name;
	qq.limit = LIST_LIMIT;
	out_kind k = format_of(q, api);
	const char *table = arg(q, "table");
	int claims_csv = k == OUT_CSV && table && !strcmp(table, "claims");
	if (k == OUT_CSV && table && !claims_csv && strcmp(table, "statements")) {
		not_found(r, api, "no such table: claims or statements");
		return;
	}
	set_type(r, k);
	srv_buf *b = &r->body;
	claim_out co = {b, k, 0, 0};
	int rc = 0;
	if (k == OUT_HTML) {
		page_open(b, name);
		srv_puts(b, "<p class=\"links\">What they said across the archive, grouped by claim · <a href=\"/api/entity/");
		srv_urlenc(b, name);
		srv_puts(b, "\">JSON</a> · CSV: <a href=\"/api/entity/");
		srv_urlenc(b, name);
		srv_puts(b, "?format=csv\">statements</a>, <a href=\"/api/entity/");
		srv_urlenc(b, name);
		srv_puts(b, "?format=csv&amp;table=claims\">claims</a></p>\n");
		rc = summary_html(q, b, &qq);
		srv_puts(b, "<h2>By claim</h2>\n<p class=\"note\">Their statements in one story that say the same thing "
			    "(the same content words), largest first, with whoever in that story stands against "
			    "them.</p>\n");
		if (!rc)
			rc = ct_store_speaker_claims(q->store, q->cfg->ctx, name, LIST_LIMIT, put_claim, &co);
		if (!rc && !co.n)
			srv_puts(b, "<p>No statements of theirs in the archive.</p>\n");
		if (!rc && co.said >= LIST_LIMIT)
			srv_printf(b, "<p class=\"count\">From their first %d statements by date: a name of more "
				      "words finds fewer.</p>\n", LIST_LIMIT);
		if (!rc)
			page_close(b);
	} else if (claims_csv) {
		srv_puts(b, "claim,story,story_title,stance,side,statements,asserts,denies,questions,reports,first,last,"
			    "outlets,against,sentence\r\n");
		rc = ct_store_speaker_claims(q->store, q->cfg->ctx, name, LIST_LIMIT, put_claim, &co);
	} else if (k == OUT_JSON) {
		srv_puts(b, "{\"name\":");
		srv_json_str(b, name);
		srv_puts(b, ",\"claims\":[");
		rc = ct_store_speaker_claims(q->store, q->cfg->ctx, name, LIST_LIMIT, put_claim, &co);
		srv_puts(b, "],\"statements\":");
		if (!rc)
			rc = statements(r, q, &qq, k);
		srv_puts(b, "}\n");
	} else {
		rc = statements(r, q, &qq, k);
	}
	if (rc)
		server_error(r, api, q->store);
}

/* An outlet's tables as CSV: its articles (the default), the stories it
 * covered, the statements it carried, or the outlet beside ?vs=. */
static void outlet_csv(const srv_req *q, srv_resp *r, int api, const char *name)
{
	static const char *const tables[] = {"articles", "stories", "statements", "compare"};
	int t = csv_table(q, tables, 4);
	if (t < 0) {
		not_found(r, api, "no such table: articles, stories, statements or compare");
		return;
	}
	if (t == 3 && !arg(q, "vs")) {
		bad_request(r, api, "table=compare needs vs=OUTLET, the outlet to compare with");
		return;
	}
	set_type(r, OUT_CSV);
	srv_buf *b = &r->body;
	int rc;
	if (t == 0) {
		brief_out bo = {b, 0, 0, 1};
		srv_puts(b, brief_csv_head);
		rc = ct_store_articles(q->store, 0, name, LIST_LIMIT, put_brief, &bo);
	} else if (t == 1) {
		side_list sl = {0};
		story_out so = {b, OUT_CSV, 0, &sl};
		ct_story_filter sf = {NULL, name, NULL, NULL, 0, LIST_LIMIT};
		srv_puts(b, "id,title,first,last,articles,noutlets,outlets,statements,asserts,denies,questions,reports,"
			    "conflicts,claim,claim_speaker,outlet_articles,outlet_claim_for,outlet_claim_against,outlet_leads\r\n");
		rc = ct_store_outlet_sides(q->store, name, add_side, &sl);
		if (!rc)
			rc = ct_store_story_list(q->store, &sf, put_story, &so);
		free(sl.v);
	} else if (t == 2) {
		ct_query qq = {0};
		qq.outlet = name;
		qq.limit = LIST_LIMIT;
		rc = statements(r, q, &qq, OUT_CSV);
	} else {
		rc = compare_html(q, b, name, arg(q, "vs"), 1);
	}
	if (rc)
		server_error(r, api, q->store);
}

static void outlet_page(const srv_req *q, srv_resp *r, int api, const char *name)
{
	if (!*name) {
		not_found(r, api, "no name given");
		return;
	}
	if (format_of(q, api) == OUT_CSV) {
		outlet_csv(q, r, api, name);
		return;
	}
	srv_buf *b = &r->body;
	brief_out bo = {b, api, 0, 0};
	side_list sl = {0};
	story_out so = {b, api ? OUT_JSON : OUT_HTML, 0, &sl};
	ct_story_filter sf = {NULL, name, NULL, NULL, 0, LIST_LIMIT};
	ct_query qq = {0};
	qq.outlet = name;
	qq.limit = LIST_LIMIT;
	int rc = ct_store_outlet_sides(q->store, name, add_side, &sl);
	if (rc) {
		server_error(r, api, q->store);
		return;
	}
	if (api) {
		r->type = "application/json";
		srv_puts(b, "{\"name\":");
		srv_json_str(b, name);
		srv_puts(b, ",\"stories\":[");
		rc = ct_store_story_list(q->store, &sf, put_story, &so);
		srv_puts(b, "],\"articles\":[");
		if (!rc)
			rc = ct_store_articles(q->store, 0, name, LIST_LIMIT, put_brief, &bo);
		srv_puts(b, "],\"statements\":");
		if (!rc)
			rc = statements(r, q, &qq, OUT_JSON);
		srv_puts(b, "}\n");
	} else {
		page_open(b, name);
		const char *vs = arg(q, "vs");
		srv_puts(b, "<p class=\"links\"><a href=\"/api/outlet/");
		srv_urlenc(b, name);
		srv_puts(b, "\">JSON</a> · CSV: <a href=\"/api/outlet/");
		srv_urlenc(b, name);
		srv_puts(b, "?format=csv&amp;table=stories\">stories</a>, <a href=\"/api/outlet/");
		srv_urlenc(b, name);
		srv_puts(b, "?format=csv\">articles</a>, <a href=\"/api/outlet/");
		srv_urlenc(b, name);
		srv_puts(b, "?format=csv&amp;table=statements\">statements</a></p>\n<form class=\"filters\">");
		filter_input(b, "vs", "Compare with the outlet", vs, "text");
		srv_puts(b, "<button>Compare</button></form>\n");
		rc = vs ? compare_html(q, b, name, vs, 0) : 0;
		srv_puts(b, "<h2>Stories it covered</h2><table class=\"stories sortable\"><thead><tr><th>Story and its central claim</th>"
			    "<th>Its side of the claim</th><th class=\"num\">Articles</th><th class=\"num\">Outlets</th>"
			    "<th>Outlets</th><th>Dates</th></tr></thead><tbody>\n");
		if (!rc)
			rc = ct_store_story_list(q->store, &sf, put_story, &so);
		srv_puts(b, "</tbody></table>\n<h2>Articles</h2><table class=\"sortable\"><thead><tr><th>Date</th>"
			    "<th>Outlet</th><th>Article</th><th class=\"num\">Statements</th></tr></thead><tbody>\n");
		if (!rc)
			rc = ct_store_articles(q->store, 0, name, LIST_LIMIT, put_brief, &bo);
		srv_puts(b, "</tbody></table>\n<h2>Statements it carried</h2>\n");
		if (!rc)
			rc = summary_html(q, b, &qq);
		if (!rc)
			rc = statements(r, q, &qq, OUT_HTML);
		page_close(b);
	}
	free(sl.v);
	if (!bo.n && !so.n && !rc) {
		not_found(r, api, "no such outlet");
		return;
	}
	if (rc)
		server_error(r, api, q->store);
}

/* ---- the router --------------------------------------------------------- */

/* The rest of `path` after `prefix`, or NULL. */
static const char *after(const char *path, const char *prefix)
{
	size_t n = strlen(prefix);
	return strncmp(path, prefix, n) ? NULL : path + n;
}

void srv_route(const srv_req *q, srv_resp *r)
{
	const char *p = q->path, *rest;
	int api = 0;
	if ((rest = after(p, "/api/"))) {
		api = 1;
		p = rest - 1; /* "/stories", "/story/3", … */
	}
	if (!strcmp(p, "/static/app.css") && !api) {
		r->type = "text/css; charset=utf-8";
		r->static_body = srv_css, r->static_len = srv_css_len;
	} else if (!strcmp(p, "/static/app.js") && !api) {
		r->type = "text/javascript; charset=utf-8";
		r->static_body = srv_js, r->static_len = srv_js_len;
	} else if (!strcmp(p, "/favicon.ico") && !api) {
		/* pages name no icon (data:), but a browser asks for this one
		 * for a page that does not say so: the story map on its own */
		r->status = 204;
		r->type = "image/x-icon";
		r->static_body = "", r->static_len = 0;
	} else if ((!strcmp(p, "/") && !api) || !strcmp(p, "/stories")) {
		stories_page(q, r, api);
	} else if ((rest = after(p, "/story/"))) {
		story_page(q, r, api, rest);
	} else if ((rest = after(p, "/article/"))) {
		article_page(q, r, api, rest);
	} else if ((rest = after(p, "/entity/"))) {
		entity_page(q, r, api, rest);
	} else if ((rest = after(p, "/outlet/"))) {
		outlet_page(q, r, api, rest);
	} else if (!strcmp(p, "/search")) {
		search_page(q, r, api);
	} else {
		not_found(r, api, "no such page");
	}
}
