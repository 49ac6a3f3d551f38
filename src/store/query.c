/*
 * query.c — statements asked of the archive (claimtrace.h, ct_store_query).
 *
 * One SELECT built from the filters given, every value bound, never
 * pasted: --about goes to the full-text index as a list of quoted words
 * (so a user's "AND", a quotation mark or a colon is a word or nothing,
 * not FTS5 syntax), --speaker matches a whole word or words of the speaker's name,
 * --since and --until compare ISO dates, which sort as text.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

int ct_store_iso_date(const char *s)
{
	size_t n = strlen(s);
	if (n != 4 && n != 7 && n != 10)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((i == 4 || i == 7) ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return 0;
	if (n >= 7) {
		int m = atoi(s + 5);
		if (m < 1 || m > 12)
			return 0;
		if (n == 10) { /* a real day: the calendar gives it back unchanged */
			int y = atoi(s), d = atoi(s + 8), y2, m2, d2;
			ct_date_civil(ct_date_days(y, m, d), &y2, &m2, &d2);
			if (y2 != y || m2 != m || d2 != d)
				return 0;
		}
	}
	return 1;
}

int ct_store_check_dates(ct_store *s, const char *since, const char *until)
{
	const char *bad = since && !ct_store_iso_date(since) ? since : until && !ct_store_iso_date(until) ? until : NULL;
	if (!bad)
		return 0;
	snprintf(s->err, sizeof s->err, "a date is YYYY-MM-DD (or YYYY-MM, YYYY), not '%s'", bad);
	return CT_EARG;
}

/* The words of `about` as an FTS5 query: "w1" "w2" … (all of them). The
 * index keeps no positions (detail=none: a third of the cost of
 * indexing), so a word is cut where the index's tokenizer cuts it
 * ("U.S." is "u" and "s"), each piece a term of its own. */
static char *fts_words(const char *about)
{
	ct_buf b = {0};
	for (const char *p = about; *p;) {
		while (*p && !(isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80))
			p++;
		if (!*p)
			break;
		if (b.len)
			ct_buf_addc(&b, ' ');
		ct_buf_addc(&b, '"');
		while (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80)
			ct_buf_addc(&b, *p++);
		ct_buf_addc(&b, '"');
	}
	if (!b.len) {
		ct_buf_free(&b);
		return NULL;
	}
	return b.data;
}

static const char *col(sqlite3_stmt *q, int i)
{
	return (const char *)sqlite3_column_text(q, i);
}

int ct_store_query(ct_store *s, const ct_query *q, int (*each)(void *arg, const ct_query_row *row), void *arg)
{
	static const ct_query none = {0};
	if (!q)
		q = &none;
	if (ct_store_check_dates(s, q->since, q->until))
		return CT_EARG;
	char *fts = q->about ? fts_words(q->about) : NULL;
	if (q->about && !fts) {
		snprintf(s->err, sizeof s->err, "--about needs a word");
		return CT_EARG;
	}
	ct_buf sql = {0};
	ct_buf_adds(&sql,
		    "SELECT s.id, a.id, a.name, a.url, a.outlet, a.title, coalesce(s.date, a.published),"
		    " coalesce(s.speaker, a.outlet, a.name), s.cue, s.stance,"
		    " CAST(substr(CAST(a.text AS BLOB), s.sent_off + 1, s.sent_len) AS TEXT),"
		    " s.attribution IS NULL"
		    " FROM statements s JOIN articles a ON a.id = s.article WHERE s.noise = 0");
	if (fts)
		ct_buf_adds(&sql, " AND coalesce(s.fts, s.article << 20 | s.sent) IN (SELECT rowid FROM sentences_fts WHERE sentences_fts"
				  " MATCH :about)");
	if (q->speaker)
		ct_buf_adds(&sql, " AND (' ' || coalesce(s.speaker, a.outlet, '') || ' ') LIKE ('% ' || :speaker || ' %')");
	if (q->outlet)
		ct_buf_adds(&sql, " AND a.outlet = :outlet COLLATE NOCASE");
	if (q->since)
		ct_buf_adds(&sql, " AND coalesce(s.date, a.published) >= :since");
	if (q->until) /* "2014-09" and "2014" take in the whole month or year */
		ct_buf_adds(&sql, " AND substr(coalesce(s.date, a.published), 1, length(:until)) <= :until");
	if (q->story)
		ct_buf_adds(&sql, " AND a.id IN (SELECT article FROM placements WHERE story = :story)");
	ct_buf_adds(&sql, " ORDER BY coalesce(s.date, a.published), s.id");
	if (q->limit)
		ct_buf_printf(&sql, " LIMIT %zu", q->limit);
	sqlite3_stmt *st = NULL;
	int rc = 0;
	if (sqlite3_prepare_v2(s->db, sql.data, -1, &st, NULL) != SQLITE_OK) {
		rc = ct_store_fail(s, "querying");
		goto out;
	}
	const struct {
		const char *name, *val;
	} binds[] = {{":about", fts},   {":speaker", q->speaker}, {":outlet", q->outlet},
		     {":since", q->since}, {":until", q->until}};
	for (size_t i = 0; i < sizeof binds / sizeof *binds; i++) {
		int k = sqlite3_bind_parameter_index(st, binds[i].name);
		if (k && binds[i].val)
			sqlite3_bind_text(st, k, binds[i].val, -1, SQLITE_STATIC);
	}
	int k = sqlite3_bind_parameter_index(st, ":story");
	if (k)
		sqlite3_bind_int64(st, k, q->story);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		ct_query_row row = {sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), col(st, 2), col(st, 3),
				    col(st, 4), col(st, 5), col(st, 6), col(st, 7), col(st, 8), col(st, 9),
				    col(st, 10), sqlite3_column_int(st, 11)};
		if (each(arg, &row))
			break;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = ct_store_fail(s, "querying");
out:
	sqlite3_finalize(st);
	ct_buf_free(&sql);
	free(fts);
	return rc;
}
