/* test_store.c — the archive (src/store/) and the story part as bytes. */
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include "test.h"
#include "../../src/store/store.h"
#include "../../src/story/story.h"

/* Articles written for these tests: three on one story, each its own text. */
static const char *const texts[] = {
	"The harbour board of Lune said on Monday that it had closed the north pier after a crane collapsed. "
	"\"Nobody was hurt,\" the board's director, Ines Marlow, told reporters.",
	"Ines Marlow denied that the crane had failed an inspection last year. The union said the pier had been "
	"unsafe for months, and called for an inquiry.",
	"A spokesman for the crane's maker, Tallis Works, said the machine had passed every test. The pier "
	"will stay closed until Friday, the harbour board said.",
};

static ct_doc *coded(const char *id, const char *text)
{
	ct_doc *doc = ct_doc_new(id, text, strlen(text));
	ct_doc_set_meta(doc, CT_META_OUTLET, "Lune Courier");
	ct_doc_set_meta(doc, CT_META_PUBLISHED, "2025-05-05");
	CHECK_INT(ct_doc_run(t_ctx, doc, CT_STAGE_CODE), 0);
	return doc;
}

static char *tmp_path(const char *name)
{
	const char *dir = getenv("TMPDIR");
	char *p = malloc(512);
	snprintf(p, 512, "%s/ct-store-%d-%s", dir && *dir ? dir : "/tmp", (int)getpid(), name);
	char side[560];
	unlink(p);
	snprintf(side, sizeof side, "%s-wal", p);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", p);
	unlink(side);
	return p;
}

static void drop(char *path)
{
	char side[560];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	free(path);
}

static long count(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *q;
	long n = -1;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &q, NULL) == SQLITE_OK) {
		if (sqlite3_step(q) == SQLITE_ROW)
			n = (long)sqlite3_column_int64(q, 0);
		sqlite3_finalize(q);
	}
	sqlite3_close(db);
	return n;
}

/* Adds doc i (with a number in its text, so each is its own). */
static int add_one(ct_store *s, int i)
{
	char text[1024], id[32];
	snprintf(text, sizeof text, "Item %d. %s", i, texts[i % 3]);
	snprintf(id, sizeof id, "lune-%d", i);
	ct_doc *doc = coded(id, text);
	ct_store_rec *rec = ct_store_rec_new(t_ctx, doc);
	int rc = ct_store_add(s, doc, rec, NULL);
	ct_store_rec_free(rec);
	ct_doc_free(doc);
	return rc;
}

static void test_full_disk(void)
{
	char *path = tmp_path("full.db");
	ct_store *s;
	CHECK_INT(ct_store_open(&s, path, CT_STORE_WRITE), 0);
	CHECK_INT(ct_store_begin(s), 0);
	for (int i = 0; i < 3; i++)
		CHECK_INT(add_one(s, i), 1);
	CHECK_INT(ct_store_commit(s), 0);
	long pages = count(path, "PRAGMA page_count");
	CHECK_INT(ct_store_set_max_pages(s, pages + 2), 0);
	int rc = 0, i = 3;
	CHECK_INT(ct_store_begin(s), 0);
	while (i < 200 && (rc = add_one(s, i)) == 1)
		i++;
	CHECK(rc == CT_EDB, "a full file stops the batch: rc %d after %d articles", rc, i);
	CHECK(strstr(ct_store_error(s), "full.db: writing") && strstr(ct_store_error(s), "is full"), "%s",
	      ct_store_error(s));
	CHECK_INT(ct_store_rollback(s), 0);
	CHECK_INT(ct_store_close(s), 0);
	CHECK_INT(count(path, "SELECT count(*) FROM articles"), 3);
	CHECK_INT(count(path, "SELECT count(*) FROM statements WHERE article > 3"), 0);
	CHECK_INT(count(path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
	drop(path);
}

static void test_modes(void)
{
	char *path = tmp_path("modes.db");
	ct_store *s;
	CHECK_INT(ct_store_open(&s, path, CT_STORE_READ), CT_EIO);
	CHECK(strstr(ct_store_error(s), "no such archive") != NULL, "%s", ct_store_error(s));
	ct_store_close(s);
	CHECK(access(path, F_OK) != 0, "reading makes no file");
	CHECK_INT(ct_store_open(&s, path, CT_STORE_WRITE), 0);
	CHECK_INT(ct_store_schema_version(s), CT_STORE_SCHEMA);
	CHECK_INT(ct_store_begin(s), 0);
	CHECK_INT(add_one(s, 0), 1);
	CHECK_INT(add_one(s, 0), 0); /* the same text again, in the same batch */
	CHECK_INT(ct_store_commit(s), 0);
	CHECK_INT(ct_store_narticles(s), 1);
	ct_store_close(s);
	CHECK_INT(ct_store_open(&s, path, CT_STORE_READ), 0);
	CHECK(ct_store_begin(s) != 0, "a store opened to read takes no batch");
	ct_doc *doc = ct_doc_new("x", "Item 0. ", 8);
	ct_doc_free(doc);
	ct_store_close(s);
	CHECK_INT(ct_store_open(&s, path, CT_STORE_WRITE), 0);
	char text[1024];
	snprintf(text, sizeof text, "Item %d. %s", 0, texts[0]);
	doc = coded("again", text);
	CHECK(ct_store_known(s, doc), "a text archived before is known to the workers");
	ct_doc_free(doc);
	ct_store_close(s);
	drop(path);
}

/* The map drawn from parts that went through bytes is the map drawn from
 * the parts themselves, and so is the map from parts in the bytes of
 * version 4, which archives made before varints hold. */
static void test_part_bytes(void)
{
	ct_story *a = ct_story_new(t_ctx), *b = ct_story_new(t_ctx), *c = ct_story_new(t_ctx);
	for (int i = 0; i < 3; i++) {
		char id[32];
		snprintf(id, sizeof id, "lune-%d", i);
		ct_doc *doc = coded(id, texts[i]);
		ct_story_part *p = ct_story_part_new(t_ctx, doc);
		ct_buf bytes = {0}, v4 = {0};
		ct_story_part_pack(p, t_ctx, &bytes);
		ct_story_part_pack_version(p, t_ctx, &v4, 4);
		CHECK(bytes.len * 10 < v4.len * 7, "varints: %zu bytes against %zu", bytes.len, v4.len);
		size_t len;
		const char *text = ct_doc_text(doc, &len);
		ct_story_part *q = ct_story_part_unpack(t_ctx, bytes.data, bytes.len, text, len, 1);
		ct_story_part *q4 = ct_story_part_unpack(t_ctx, v4.data, v4.len, text, len, 1);
		CHECK(q != NULL, "part %d reads back", i);
		CHECK(q4 != NULL, "part %d of version 4 reads back", i);
		/* damaged bytes are refused, whatever is damaged */
		CHECK(ct_story_part_unpack(t_ctx, bytes.data, bytes.len - 1, text, len, 1) == NULL, "a short part");
		CHECK(ct_story_part_unpack(t_ctx, v4.data, v4.len - 1, text, len, 1) == NULL, "a short part of version 4");
		bytes.data[8] ^= 1;
		CHECK(ct_story_part_unpack(t_ctx, bytes.data, bytes.len, text, len, 1) == NULL, "another lexicon");
		bytes.data[8] ^= 1;
		bytes.data[4] = 3;
		CHECK(ct_story_part_unpack(t_ctx, bytes.data, bytes.len, text, len, 1) == NULL, "a version not read");
		ct_buf_free(&bytes);
		ct_buf_free(&v4);
		ct_story_add_part(a, p);
		if (q)
			ct_story_add_part(b, q);
		if (q4)
			ct_story_add_part(c, q4);
		ct_doc_free(doc);
	}
	size_t na, nb, nc;
	char *ja = ct_story_render(a, CT_STORY_JSON, &na), *jb = ct_story_render(b, CT_STORY_JSON, &nb);
	char *jc = ct_story_render(c, CT_STORY_JSON, &nc);
	CHECK(na == nb && !memcmp(ja, jb, na), "the same map from the bytes");
	CHECK(na == nc && !memcmp(ja, jc, na), "the same map from the bytes of version 4");
	CHECK(ct_story_nstatements(a) > 3, "statements: %zu", ct_story_nstatements(a));
	free(ja);
	free(jb);
	free(jc);
	ct_story_free(a);
	ct_story_free(b);
	ct_story_free(c);
}

/* An archive of schema 1 (before stories and reprints), written as that
 * version wrote it, opened by this one: migrated, nothing lost, and its
 * articles grouped from their text. */
static void test_migration(void)
{
	char *path = tmp_path("v1.db");
	ct_store *s;
	CHECK_INT(ct_store_create_at(&s, path, 1), 0);
	CHECK_INT(ct_store_schema_version(s), 1);
	sqlite3_stmt *q;
	CHECK_INT(sqlite3_prepare_v2(s->db,
				     "INSERT INTO articles(name, outlet, published, text, hash, ingested)"
				     " VALUES(?, 'Lune Courier', '2025-05-05', ?, randomblob(16), '2025-05-05T00:00:00Z')",
				     -1, &q, NULL),
		  SQLITE_OK);
	for (int i = 0; i < 3; i++) {
		char id[32];
		snprintf(id, sizeof id, "old-%d", i);
		sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 2, texts[i], -1, SQLITE_STATIC);
		CHECK_INT(sqlite3_step(q), SQLITE_DONE);
		sqlite3_reset(q);
	}
	sqlite3_finalize(q);
	ct_store_close(s);
	CHECK_INT(ct_store_open(&s, path, CT_STORE_READ), CT_EDB);
	CHECK(strstr(ct_store_error(s), "archive schema 1 is older than this claimtrace's (5)") != NULL, "%s",
	      ct_store_error(s));
	ct_store_close(s);
	CHECK_INT(ct_store_open(&s, path, CT_STORE_WRITE), 0);
	CHECK_INT(ct_store_schema_version(s), CT_STORE_SCHEMA);
	CHECK_INT(ct_store_narticles(s), 3);
	ct_store_group_stats gs;
	CHECK_INT(ct_store_group(s, t_ctx, &gs), 0);
	CHECK_INT(gs.articles, 3);
	CHECK_INT(gs.failed, 0);
	CHECK(gs.stories >= 1 && gs.stories <= 2, "the crane story: %zu stories", gs.stories);
	ct_store_close(s);
	CHECK_INT(count(path, "PRAGMA user_version"), CT_STORE_SCHEMA);
	/* the full-text index's merge settings, which a file made before had
	 * at FTS5's defaults (store.c, tune_fts) */
	CHECK_INT(count(path, "SELECT v FROM sentences_fts_config WHERE k = 'automerge'"), 16);
	CHECK_INT(count(path, "SELECT v FROM sentences_fts_config WHERE k = 'hashsize'"), 16L << 20);
	CHECK_INT(count(path, "SELECT count(*) FROM articles a JOIN placements p ON p.article = a.id"
			      " WHERE p.story IS NOT NULL AND a.features IS NOT NULL"),
		  3);
	CHECK_INT(count(path, "SELECT sum(narticles) FROM stories"), 3);
	/* the migrated stories are summarized with the grouping */
	CHECK_INT(count(path, "SELECT count(*) FROM stories WHERE statements IS NULL OR summarized IS NOT narticles"), 0);
	CHECK_INT(count(path, "SELECT sum(articles) FROM story_outlets"), 3);
	/* grouping again adds nothing: the old articles keep their stories */
	CHECK_INT(ct_store_open(&s, path, CT_STORE_WRITE), 0);
	CHECK_INT(ct_store_group(s, t_ctx, &gs), 0);
	CHECK_INT(gs.articles, 0);
	ct_store_close(s);
	drop(path);
}

/* An archive of schema 3, where an article's story, reprint link and
 * sketch were columns of its row: migrated to their own table, none lost,
 * the old columns gone, the statements counted. */
static void test_migration_placements(void)
{
	char *path = tmp_path("v3.db");
	ct_store *s;
	CHECK_INT(ct_store_create_at(&s, path, 3), 0);
	CHECK_INT(sqlite3_exec(s->db,
			       "INSERT INTO stories(id, narticles, noutlets, updated) VALUES(1, 2, 1, '2025-05-05');"
			       "INSERT INTO articles(id, name, text, hash, ingested, story, reprint_of, reprint_containment)"
			       " VALUES(1, 'wire', 'One.', randomblob(16), '2025-05-05', 1, NULL, NULL),"
			       " (2, 'copy', 'One. Two.', randomblob(16), '2025-05-05', 1, 1, 0.75),"
			       " (3, 'late', 'Three.', randomblob(16), '2025-05-05', NULL, NULL, NULL);"
			       "UPDATE articles SET sketch = x'0102' WHERE id = 2;"
			       "INSERT INTO statements(article, idx, stance, polarity, modality, sent, sent_off, sent_len,"
			       " clause_off, clause_len, noise) VALUES(2, 0, 'denies', -1, 'actual', 0, 0, 4, 0, 4, 0),"
			       " (2, 1, 'asserts', 1, 'actual', 1, 5, 4, 5, 4, 1), (3, 0, 'asserts', 1, 'actual', 0, 0, 6, 0, 6, 0)",
			       NULL, NULL, NULL),
		  SQLITE_OK);
	ct_store_close(s);
	CHECK_INT(ct_store_open(&s, path, CT_STORE_WRITE), 0);
	CHECK_INT(ct_store_schema_version(s), CT_STORE_SCHEMA);
	ct_store_close(s);
	CHECK_INT(count(path, "SELECT count(*) FROM placements"), 3);
	CHECK_INT(count(path, "SELECT count(*) FROM placements WHERE article = 2 AND story = 1 AND reprint_of = 1"
			      " AND reprint_containment = 0.75"),
		  1);
	CHECK_INT(count(path, "SELECT count(*) FROM placements WHERE article = 1 AND story = 1 AND reprint_of IS NULL"), 1);
	CHECK_INT(count(path, "SELECT count(*) FROM placements WHERE article = 3 AND story IS NULL"), 1);
	/* the statements that are no noise counted, every article a row */
	CHECK_INT(count(path, "SELECT group_concat(article || ':' || statements || asserts || denies || questions || reports, ' ')"
			      " = '1:00000 2:10100 3:11000' FROM (SELECT * FROM statement_counts ORDER BY article)"),
		  1);
	CHECK_INT(count(path, "SELECT count(*) FROM placements WHERE article = 2 AND sketch = x'0102'"), 1);
	CHECK_INT(count(path, "SELECT count(*) FROM pragma_table_info('articles')"
			      " WHERE name IN ('story', 'reprint_of', 'reprint_containment', 'sketch')"),
		  0);
	CHECK_INT(count(path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), 0);
	drop(path);
}

/* Article i dated by i: some undated, some earlier than those archived
 * before them, so that a story's order is not the archive's. */
static int add_dated(ct_store *s, int i)
{
	char text[1024], id[32], date[24];
	snprintf(text, sizeof text, "Item %d. %s", i, texts[i % 3]);
	snprintf(id, sizeof id, "dated-%d", i);
	ct_doc *doc = ct_doc_new(id, text, strlen(text));
	if (i % 4) {
		snprintf(date, sizeof date, "2025-05-%02d", 20 - i);
		ct_doc_set_meta(doc, CT_META_PUBLISHED, date);
	}
	CHECK_INT(ct_doc_run(t_ctx, doc, CT_STAGE_CODE), 0);
	ct_store_rec *rec = ct_store_rec_new(t_ctx, doc);
	int rc = ct_store_add(s, doc, rec, NULL);
	ct_store_rec_free(rec);
	ct_doc_free(doc);
	return rc;
}

/* Each article's story and reprint link, and the stories, as one string. */
static char *grouping(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *q;
	char *out = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db,
			       "SELECT (SELECT group_concat(x, ' ') FROM (SELECT article || ':' || ifnull(story, '-') || '>' ||"
			       " ifnull(reprint_of, '-') || '@' || ifnull(round(reprint_containment, 6), '-') AS x"
			       " FROM placements ORDER BY article)) || ' | ' ||"
			       " (SELECT group_concat(y, ' ') FROM (SELECT id || ':' || narticles || ':' ||"
			       " ifnull(first, '-') || ':' || ifnull(last, '-') || ':' || ifnull(title, '-') AS y"
			       " FROM stories ORDER BY id))",
			       -1, &q, NULL) == SQLITE_OK) {
		if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
			out = strdup((const char *)sqlite3_column_text(q, 0));
		sqlite3_finalize(q);
	}
	sqlite3_close(db);
	return out ? out : strdup("(none)");
}

/* The stories and reprint links of two runs of 8 articles each (the
 * second after a rolled-back batch), where a story's new articles come
 * before and after its old ones by date, are those of grouping all 16
 * at once from their kept features. */
static void test_group_runs(void)
{
	char *path = tmp_path("runs.db");
	ct_store *s;
	ct_store_group_stats gs;
	for (int run = 0; run < 2; run++) {
		CHECK_INT(ct_store_open(&s, path, CT_STORE_WRITE), 0);
		if (run == 1) {
			CHECK_INT(ct_store_begin(s), 0);
			CHECK_INT(add_dated(s, 100), 1);
			CHECK_INT(ct_store_rollback(s), 0);
		}
		CHECK_INT(ct_store_begin(s), 0);
		for (int i = 8 * run; i < 8 * run + 8; i++) {
			CHECK_INT(add_dated(s, i), 1);
			if (i % 3 == 2) { /* batches of three */
				CHECK_INT(ct_store_commit(s), 0);
				CHECK_INT(ct_store_begin(s), 0);
			}
		}
		CHECK_INT(ct_store_commit(s), 0);
		/* grouped beside the writing, unless a batch was rolled back */
		CHECK(run == 0 ? s->pre != NULL : s->pre == NULL, "run %d: grouped as written: %d", run, s->pre != NULL);
		CHECK_INT(ct_store_group(s, t_ctx, &gs), 0);
		CHECK_INT(gs.articles, 8);
		CHECK_INT(ct_store_close(s), 0);
	}
	char *runs = grouping(path);
	CHECK_INT(ct_store_open(&s, path, CT_STORE_WRITE), 0);
	CHECK_INT(sqlite3_exec(s->db,
			       "UPDATE placements SET story = NULL, reprint_of = NULL, reprint_containment = NULL;"
			       "DELETE FROM stories; DELETE FROM grouper",
			       NULL, NULL, NULL),
		  SQLITE_OK);
	CHECK_INT(ct_store_group(s, t_ctx, &gs), 0);
	CHECK_INT(gs.articles, 16);
	CHECK_INT(ct_store_close(s), 0);
	char *once = grouping(path);
	CHECK(strcmp(runs, once) == 0, "two runs:\n%s\nall at once:\n%s", runs, once);
	CHECK(strstr(once, ">-@") && strstr(once, ">16@"), "some reprints, some not: %s", once);
	/* a story's map drawn from the archive shows the archive's links */
	CHECK_INT(ct_store_open(&s, path, CT_STORE_READ), 0);
	size_t compared = 0;
	for (int64_t story = 1; story <= (int64_t)gs.stories; story++) {
		ct_story *st = ct_story_new(t_ctx);
		CHECK_INT(ct_store_story_add(s, t_ctx, st, story, NULL), 0);
		ct_story_build(st);
		for (size_t a = 0; a < st->npart; a++, compared++) {
			char sql[160];
			snprintf(sql, sizeof sql,
				 "SELECT ifnull((SELECT o.name FROM placements p JOIN articles o ON o.id = p.reprint_of"
				 " WHERE p.article = %lld), '-')",
				 (long long)st->parts[a]->archive_id);
			sqlite3_stmt *q;
			CHECK_INT(sqlite3_prepare_v2(s->db, sql, -1, &q, NULL), SQLITE_OK);
			CHECK_INT(sqlite3_step(q), SQLITE_ROW);
			const char *of = ct_story_reprint_of(st, a);
			CHECK_STR(of ? of : "-", (const char *)sqlite3_column_text(q, 0));
			sqlite3_finalize(q);
		}
		ct_story_free(st);
	}
	CHECK_INT(compared, 16);
	ct_store_close(s);
	free(runs);
	free(once);
	drop(path);
}

/* Counts the statements `--about word` finds, and those whose sentence
 * holds the word, read from the text: they must be the same. */
static int count_found(void *arg, const ct_query_row *row)
{
	(void)row;
	++*(size_t *)arg;
	return 0;
}

static void check_about(const char *path, const char *word, size_t want)
{
	ct_store *s;
	CHECK_INT(ct_store_open(&s, path, CT_STORE_READ), 0);
	size_t found = 0;
	CHECK_INT(ct_store_query(s, &(ct_query){.about = word}, count_found, &found), 0);
	ct_store_close(s);
	char sql[512];
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM statements s JOIN articles a ON a.id = s.article WHERE s.noise = 0"
		 " AND instr(lower(CAST(substr(CAST(a.text AS BLOB), s.sent_off + 1, s.sent_len) AS TEXT)), '%s')",
		 word);
	CHECK_INT((long)found, count(path, sql));
	CHECK_INT((long)found, (long)want);
}

/* A wire copy's sentences are indexed once: the copy's statements name
 * the original's row and are found by --about all the same; a rolled-back
 * batch's rows are never named. */
static void test_indexed_once(void)
{
	char *path = tmp_path("once.db");
	ct_store *s;
	CHECK_INT(ct_store_open(&s, path, CT_STORE_WRITE), 0);
	CHECK_INT(ct_store_begin(s), 0);
	CHECK_INT(add_one(s, 1), 1); /* "Item 1. " and texts[1] */
	CHECK_INT(add_one(s, 4), 1); /* "Item 4. " and texts[1] again */
	CHECK_INT(ct_store_commit(s), 0);
	ct_store_close(s);
	const char *rows = "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'inspection'";
	CHECK_INT(count(path, rows), 1);
	CHECK(count(path, "SELECT count(*) FROM statements WHERE fts IS NOT NULL AND article = 2") > 0,
	      "the copy's statements name the original's rows");
	long per = count(path, "SELECT count(*) FROM statements s JOIN articles a ON a.id = s.article WHERE s.noise = 0"
			       " AND a.id = 1 AND instr(substr(a.text, s.sent_off + 1, s.sent_len), 'inspection')");
	CHECK(per > 0, "a statement on the inspection: %ld", per);
	check_about(path, "inspection", (size_t)(2 * per));

	CHECK_INT(ct_store_open(&s, path, CT_STORE_WRITE), 0);
	CHECK_INT(ct_store_begin(s), 0);
	CHECK_INT(add_one(s, 7), 1);
	CHECK_INT(ct_store_rollback(s), 0);
	CHECK_INT(ct_store_begin(s), 0);
	CHECK_INT(add_one(s, 10), 1); /* indexed anew: item 7's rows are gone */
	CHECK_INT(ct_store_commit(s), 0);
	ct_store_close(s);
	CHECK_INT(count(path, rows), 2);
	check_about(path, "inspection", (size_t)(3 * per));
	drop(path);
}

void test_store(void)
{
	test_indexed_once();
	test_migration();
	test_migration_placements();
	test_modes();
	test_full_disk();
	test_part_bytes();
	test_group_runs();
}
