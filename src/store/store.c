/*
 * store.c — the archive's file: opening, the schema and its migrations,
 * and writing articles (store.h).
 *
 * The file is SQLite in WAL mode: readers (the web app, a query) go on
 * while an ingest writes, and a commit is one append to the log, so a
 * batch of hundreds of articles costs one sync. `synchronous=NORMAL` keeps
 * every committed batch through a crash of the process (kill -9); only a
 * power cut may lose the last batches, never the file's integrity.
 *
 * The schema is versioned by PRAGMA user_version, and PRAGMA
 * application_id marks the file as a claimtrace archive, so another
 * program's database is refused by name and not written into. A file of an
 * older schema is migrated in one transaction when opened for writing; a
 * newer one is refused, naming both versions.
 *
 * Duplicates: the content hash of each article's normalized text (XXH3,
 * 128 bits) is unique in the file. The hashes present when the file is
 * opened are loaded into a set that workers read without a lock, so an
 * article already archived is known after normalizing it, before the
 * expensive stages run; hashes added during the run are checked by the
 * writing thread.
 */
#include "store.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

#include "../out/out.h"
#include "../story/group.h"
#include "../story/story.h"
#include "../text/sketch.h"

/* ---- the schema -------------------------------------------------------- */

/*
 * migrations[v - 1] takes a file from version v - 1 to v. A new file runs
 * them all. Never edit one that has shipped: add the next.
 */
static const char *const migrations[] = {
	/* 1: articles and what the pipeline found in them */
	"CREATE TABLE articles("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL,"          /* the id as `extract` names it */
	" url TEXT, outlet TEXT, outlet_from TEXT, published TEXT, title TEXT, author TEXT,"
	" dateline TEXT, credit TEXT,"
	" text TEXT NOT NULL,"          /* normalized: every span indexes it */
	" hash BLOB NOT NULL UNIQUE,"   /* XXH3-128 of text */
	" source TEXT, line INTEGER,"   /* the input file, and the line its record starts on */
	" ingested TEXT NOT NULL,"      /* UTC, ISO 8601 */
	" part BLOB);"                  /* the story's part of it (src/story/part.c), for maps */
	"CREATE INDEX articles_outlet ON articles(outlet);"
	"CREATE INDEX articles_published ON articles(published);"
	"CREATE INDEX articles_name ON articles(name);"
	"CREATE TABLE entities("
	" article INTEGER NOT NULL REFERENCES articles(id), idx INTEGER NOT NULL,"
	" name TEXT NOT NULL, type TEXT NOT NULL, country TEXT, mentions INTEGER NOT NULL,"
	" PRIMARY KEY(article, idx)) WITHOUT ROWID;"
	"CREATE TABLE attributions("
	" article INTEGER NOT NULL REFERENCES articles(id), idx INTEGER NOT NULL,"
	" kind TEXT NOT NULL,"
	" source_off INTEGER, source_len INTEGER, source_entity INTEGER,"
	" cue_off INTEGER, cue_len INTEGER, cue_lemma TEXT, cue_kind TEXT,"
	" content_off INTEGER, content_len INTEGER, content2_off INTEGER, content2_len INTEGER,"
	" channel TEXT,"
	" PRIMARY KEY(article, idx)) WITHOUT ROWID;"
	"CREATE TABLE statements("
	" id INTEGER PRIMARY KEY,"
	" article INTEGER NOT NULL REFERENCES articles(id), idx INTEGER NOT NULL,"
	" attribution INTEGER,"         /* idx in attributions; NULL: the outlet's own voice */
	" speaker TEXT, speaker_entity INTEGER,"
	" cue TEXT, stance TEXT NOT NULL, polarity INTEGER NOT NULL, modality TEXT NOT NULL,"
	" cameo INTEGER, date TEXT,"
	" sent INTEGER NOT NULL, sent_off INTEGER NOT NULL, sent_len INTEGER NOT NULL,"
	" clause_off INTEGER NOT NULL, clause_len INTEGER NOT NULL,"
	" noise INTEGER NOT NULL);"     /* a caption, credit or page furniture */
	"CREATE INDEX statements_article ON statements(article, sent);"
	/* the sentences that carry statements, each once, for --about; rowid
	 * (article << 20) + sentence index; contentless, the text is the
	 * article's */
	"CREATE VIRTUAL TABLE sentences_fts USING fts5(sentence, content='',"
	" tokenize='unicode61 remove_diacritics 2', detail=none, columnsize=0);",
	/* 2: stories across the archive, and wire reprints within them */
	"ALTER TABLE articles ADD COLUMN features BLOB;"     /* the grouper's (src/story/group.c) */
	"ALTER TABLE articles ADD COLUMN sketch BLOB;"       /* MinHash of its word 3-grams (src/text/sketch.c) */
	"ALTER TABLE articles ADD COLUMN story INTEGER;"     /* stories.id; NULL until grouped */
	"ALTER TABLE articles ADD COLUMN reprint_of INTEGER;" /* the earliest copy it reprints */
	"ALTER TABLE articles ADD COLUMN reprint_containment REAL;"
	"CREATE INDEX articles_story ON articles(story);"
	"CREATE INDEX articles_reprint ON articles(reprint_of);"
	"CREATE TABLE stories("
	" id INTEGER PRIMARY KEY, title TEXT, first TEXT, last TEXT,"
	" narticles INTEGER NOT NULL, noutlets INTEGER NOT NULL, updated TEXT NOT NULL);"
	"CREATE TABLE grouper(id INTEGER PRIMARY KEY CHECK (id = 1), state BLOB NOT NULL);",
	/* 3: each story's summary, for lists that must not read every
	 * statement of the archive: counts kept exact at every grouping, the
	 * central claim found again as the story grows (stories.c) */
	"ALTER TABLE stories ADD COLUMN statements INTEGER;"
	"ALTER TABLE stories ADD COLUMN asserts INTEGER;"
	"ALTER TABLE stories ADD COLUMN denies INTEGER;"
	"ALTER TABLE stories ADD COLUMN questions INTEGER;"
	"ALTER TABLE stories ADD COLUMN reports INTEGER;"
	"ALTER TABLE stories ADD COLUMN claim TEXT;"          /* the central claim's clearest statement */
	"ALTER TABLE stories ADD COLUMN claim_speaker TEXT;"  /* who made it; NULL: the outlets' own voice */
	"ALTER TABLE stories ADD COLUMN claim_articles INTEGER;"
	"ALTER TABLE stories ADD COLUMN conflicts INTEGER;"   /* claims both asserted and denied */
	"ALTER TABLE stories ADD COLUMN summarized INTEGER;"  /* narticles when the claim was found; NULL: never */
	"CREATE TABLE story_outlets("
	" story INTEGER NOT NULL REFERENCES stories(id), outlet TEXT NOT NULL, articles INTEGER NOT NULL,"
	" claim_for INTEGER NOT NULL DEFAULT 0, claim_against INTEGER NOT NULL DEFAULT 0,"
	" leads INTEGER NOT NULL DEFAULT 0,"           /* on the story's central claim (stories.c) */
	" PRIMARY KEY(story, outlet)) WITHOUT ROWID;"
	"CREATE INDEX story_outlets_outlet ON story_outlets(outlet COLLATE NOCASE);"
	"CREATE INDEX stories_size ON stories(narticles);"
	"CREATE INDEX stories_last ON stories(last);",
	/* 4: an article's story, reprint link and sketch in a row of their
	 * own: SQLite rewrites a whole row on any change, and an article's row
	 * holds its text and part (10 KB), so grouping 100,000 new articles
	 * wrote 1.1 GB of log for what fits in 2 MB; and a column after them
	 * is read through all of them (the sketch, read for every article of
	 * each story a grouping touches) */
	"CREATE TABLE placements("
	" article INTEGER PRIMARY KEY REFERENCES articles(id),"
	" story INTEGER REFERENCES stories(id),"        /* NULL until grouped */
	" reprint_of INTEGER REFERENCES articles(id),"  /* the earliest copy it reprints */
	" reprint_containment REAL,"
	" sketch BLOB);"                                /* MinHash of its word 3-grams (src/text/sketch.c) */
	"INSERT INTO placements SELECT id, story, reprint_of, reprint_containment, sketch FROM articles;"
	"CREATE INDEX placements_story ON placements(story);"
	"CREATE INDEX placements_reprint ON placements(reprint_of);"
	"DROP INDEX articles_story;"
	"DROP INDEX articles_reprint;"
	"ALTER TABLE articles DROP COLUMN story;"
	"ALTER TABLE articles DROP COLUMN reprint_of;"
	"ALTER TABLE articles DROP COLUMN reprint_containment;"
	"ALTER TABLE articles DROP COLUMN sketch;"
	/* an article's statements that are no noise, counted by stance, so
	 * that a story's counts read a small row an article, not each of its
	 * statements (27 an article in FNC-1's bodies) */
	"CREATE TABLE statement_counts("
	" article INTEGER PRIMARY KEY REFERENCES articles(id),"
	" statements INTEGER NOT NULL, asserts INTEGER NOT NULL, denies INTEGER NOT NULL,"
	" questions INTEGER NOT NULL, reports INTEGER NOT NULL);"
	"INSERT INTO statement_counts SELECT a.id, count(t.id), coalesce(sum(t.stance = 'asserts'), 0),"
	" coalesce(sum(t.stance = 'denies'), 0), coalesce(sum(t.stance = 'questions'), 0),"
	" coalesce(sum(t.stance = 'reports'), 0)"
	" FROM articles a LEFT JOIN statements t ON t.article = a.id AND t.noise = 0 GROUP BY a.id;",
	/* 5: a sentence that is the same text as one indexed lately (the
	 * wire's copies) is not indexed again; its statements name the row
	 * that holds it. NULL: the statement's own, (article << 20) | sent */
	"ALTER TABLE statements ADD COLUMN fts INTEGER;",
};
#define NMIGRATIONS (sizeof migrations / sizeof *migrations)

_Static_assert(NMIGRATIONS == CT_STORE_SCHEMA, "one migration per schema version");

/* ---- errors ------------------------------------------------------------ */

int ct_store_fail(ct_store *s, const char *what)
{
	const char *msg = s->db ? sqlite3_errmsg(s->db) : "out of memory";
	int code = s->db ? sqlite3_errcode(s->db) : SQLITE_NOMEM;
	if (code == SQLITE_NOTADB)
		msg = "not a database (not an SQLite file, or a damaged one)";
	else if (code == SQLITE_FULL)
		msg = "the disk or the database is full; nothing of this batch was written";
	else if (code == SQLITE_READONLY)
		msg = "read-only (no permission to write the file or its folder)";
	else if (code == SQLITE_CORRUPT)
		msg = "the file is damaged (database disk image is malformed)";
	else if (code == SQLITE_INTERRUPT && s->timed_out)
		msg = "stopped: the request ran past its time limit";
	snprintf(s->err, sizeof s->err, "%s: %s: %s", s->path, what, msg);
	return CT_EDB;
}

static int fail_msg(ct_store *s, int code, const char *msg)
{
	snprintf(s->err, sizeof s->err, "%s: %s", s->path, msg);
	return code;
}

const char *ct_store_error(const ct_store *s)
{
	return s ? s->err : "out of memory";
}

/* ---- the hash set ------------------------------------------------------ */

ct_hash128 ct_store_hash(const char *text, size_t len)
{
	XXH128_hash_t h = XXH3_128bits(text, len);
	return (ct_hash128){h.low64, h.high64};
}

static int hash_eq(ct_hash128 a, ct_hash128 b)
{
	return a.lo == b.lo && a.hi == b.hi;
}

static int hash_empty(ct_hash128 a)
{
	return !a.lo && !a.hi;
}

/* A hash of all zero bits stands for an empty slot; a text hashing to it
 * is moved by one bit (its twin is as unlikely as any collision). */
static ct_hash128 hash_key(ct_hash128 h)
{
	if (hash_empty(h))
		h.lo = 1;
	return h;
}

static int set_has(const ct_hash128 *set, size_t cap, ct_hash128 h)
{
	if (!cap)
		return 0;
	h = hash_key(h);
	for (size_t i = h.lo & (cap - 1);; i = (i + 1) & (cap - 1)) {
		if (hash_empty(set[i]))
			return 0;
		if (hash_eq(set[i], h))
			return 1;
	}
}

static void set_put(ct_hash128 **set, size_t *n, size_t *cap, ct_hash128 h)
{
	if ((*n + 1) * 2 > *cap) {
		size_t ncap = *cap ? *cap * 2 : 1024;
		ct_hash128 *nset = ct_xcalloc(ncap, sizeof *nset);
		for (size_t i = 0; i < *cap; i++)
			if (!hash_empty((*set)[i]))
				for (size_t j = (*set)[i].lo & (ncap - 1);; j = (j + 1) & (ncap - 1))
					if (hash_empty(nset[j])) {
						nset[j] = (*set)[i];
						break;
					}
		free(*set);
		*set = nset;
		*cap = ncap;
	}
	h = hash_key(h);
	for (size_t i = h.lo & (*cap - 1);; i = (i + 1) & (*cap - 1)) {
		if (hash_eq((*set)[i], h))
			return;
		if (hash_empty((*set)[i])) {
			(*set)[i] = h;
			(*n)++;
			return;
		}
	}
}

static ct_hash128 blob_hash(const void *p, int n)
{
	ct_hash128 h = {0, 0};
	if (n == 16) {
		const unsigned char *b = p;
		for (int i = 0; i < 8; i++) {
			h.lo |= (uint64_t)b[i] << (8 * i);
			h.hi |= (uint64_t)b[8 + i] << (8 * i);
		}
	}
	return h;
}

static void hash_blob(ct_hash128 h, unsigned char out[16])
{
	for (int i = 0; i < 8; i++) {
		out[i] = (unsigned char)(h.lo >> (8 * i));
		out[8 + i] = (unsigned char)(h.hi >> (8 * i));
	}
}

static int load_hashes(ct_store *s)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(s->db, "SELECT hash FROM articles", -1, &q, NULL) != SQLITE_OK)
		return ct_store_fail(s, "reading the content hashes");
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		set_put(&s->known, &s->nknown, &s->known_cap,
			blob_hash(sqlite3_column_blob(q, 0), sqlite3_column_bytes(q, 0)));
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : ct_store_fail(s, "reading the content hashes");
}

/* ---- opening ----------------------------------------------------------- */

static int exec(ct_store *s, const char *sql, const char *what)
{
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : ct_store_fail(s, what);
}

/* The one number `sql` gives (0 for no row); `what` names it in an error. */
static int query_int(ct_store *s, const char *sql, const char *what, long *out)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK)
		return ct_store_fail(s, what);
	int rc = sqlite3_step(q);
	*out = rc == SQLITE_ROW ? (long)sqlite3_column_int64(q, 0) : 0;
	sqlite3_finalize(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : ct_store_fail(s, what);
}

/*
 * The full-text index's merge settings, which FTS5 keeps in the file.
 * Its defaults write a segment for each megabyte of terms and merge a
 * level's segments four at a time, so each commit of an ingest (500
 * articles) made several segments, merged again and again as they grew:
 * 570,000 instructions an article at 20,000 of FNC-1's bodies. A segment
 * a commit, merged sixteen at a time: 330,000; `--about` reads at most
 * sixteen segments a level.
 */
static const struct {
	const char *key;
	long value;
} fts_settings[] = {{"automerge", 16}, {"hashsize", 16L << 20}};

static int tune_fts(ct_store *s)
{
	for (size_t i = 0; i < sizeof fts_settings / sizeof *fts_settings; i++) {
		char sql[128];
		long v = 0;
		snprintf(sql, sizeof sql, "SELECT v FROM sentences_fts_config WHERE k = '%s'", fts_settings[i].key);
		if (query_int(s, sql, "reading the index's settings", &v))
			return CT_EDB;
		if (v == fts_settings[i].value)
			continue;
		snprintf(sql, sizeof sql, "INSERT INTO sentences_fts(sentences_fts, rank) VALUES('%s', %ld)",
			 fts_settings[i].key, fts_settings[i].value);
		if (exec(s, sql, "setting the index up"))
			return CT_EDB;
	}
	return 0;
}

int ct_store_migrate(ct_store *s, int from, int to)
{
	for (int v = from + 1; v <= to; v++) {
		char what[64];
		snprintf(what, sizeof what, "migrating to schema %d", v);
		if (exec(s, migrations[v - 1], what))
			return CT_EDB;
	}
	char sql[96];
	snprintf(sql, sizeof sql, "PRAGMA application_id=%d; PRAGMA user_version=%d", CT_STORE_APP_ID, to);
	return exec(s, sql, "writing the schema version");
}

static const char *const insert_sql[] = {
	"INSERT INTO articles(name,url,outlet,outlet_from,published,title,author,dateline,credit,text,hash,source,"
	"line,ingested,part,features) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	"INSERT INTO entities VALUES(?,?,?,?,?,?)",
	"INSERT INTO attributions VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	"INSERT INTO statements(article,idx,attribution,speaker,speaker_entity,cue,stance,polarity,modality,cameo,"
	"date,sent,sent_off,sent_len,clause_off,clause_len,noise,fts) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	"INSERT INTO sentences_fts(rowid,sentence) VALUES(?,?)",
	"INSERT INTO placements(article, sketch) VALUES(?,?)",
	"INSERT INTO statement_counts VALUES(?,?,?,?,?,?)",
};
enum { INS_ARTICLE, INS_ENTITY, INS_ATT, INS_STMT, INS_FTS, INS_PLACE, INS_COUNTS, NINS };

static int open_at(ct_store **out, const char *path, ct_store_mode mode, int version)
{
	ct_store *s = ct_xcalloc(1, sizeof *s);
	*out = s;
	s->path = ct_xstrdup(path ? path : "");
	if (!path || !*path)
		return fail_msg(s, CT_EARG, "no database file named");
	struct stat sb;
	int exists = stat(path, &sb) == 0;
	if (exists && !S_ISREG(sb.st_mode))
		return fail_msg(s, CT_EDB, "not a database (not a regular file)");
	if (!exists && mode == CT_STORE_READ)
		return fail_msg(s, CT_EIO, "no such archive (make one with 'claimtrace ingest --db FILE …')");
	if (exists && mode == CT_STORE_WRITE && access(path, W_OK) != 0)
		return fail_msg(s, CT_EDB, "read-only file: the archive cannot be written (no permission)");
	int flags = mode == CT_STORE_WRITE ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
	if (sqlite3_open_v2(path, &s->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		return ct_store_fail(s, "opening");
	s->writable = mode == CT_STORE_WRITE;
	sqlite3_busy_timeout(s->db, 10000);
	long app = 0, ver = 0, ntables = 0;
	if (query_int(s, "PRAGMA application_id", "reading the file's header", &app) ||
	    query_int(s, "PRAGMA user_version", "reading the file's header", &ver) ||
	    query_int(s, "SELECT count(*) FROM sqlite_master", "reading the file's header", &ntables))
		return CT_EDB;
	if (app != CT_STORE_APP_ID && (app || ver || ntables))
		return fail_msg(s, CT_EDB, "not a claimtrace archive (an SQLite database of another program)");
	if (ver > CT_STORE_SCHEMA) {
		snprintf(s->err, sizeof s->err,
			 "%s: made by a newer claimtrace (archive schema %ld; this one reads up to %d): "
			 "upgrade claimtrace",
			 path, ver, CT_STORE_SCHEMA);
		return CT_EDB;
	}
	s->schema = (int)ver;
	if (ver < version) {
		if (!s->writable) {
			snprintf(s->err, sizeof s->err,
				 "%s: archive schema %ld is older than this claimtrace's (%d): open it once for "
				 "writing ('claimtrace ingest --db FILE') to migrate it",
				 path, ver, CT_STORE_SCHEMA);
			return CT_EDB;
		}
		/* WAL is a property of the file, set once; a new file gets it
		 * before its first table */
		if (exec(s, "PRAGMA journal_mode=WAL", "setting the journal mode") ||
		    exec(s, "BEGIN IMMEDIATE", "migrating"))
			return CT_EDB;
		if (ct_store_migrate(s, (int)ver, version) || exec(s, "COMMIT", "migrating")) {
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return CT_EDB;
		}
		s->schema = version;
	}
	if (s->writable) {
		/* a checkpoint syncs the file and stalls the writing thread: one
		 * every 64 MB of log rather than every 4 MB (FNC-1's bodies: 25%
		 * more articles a second) */
		if (exec(s, "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=16384", "setting up") ||
		    (s->schema == CT_STORE_SCHEMA && tune_fts(s)))
			return CT_EDB;
		for (int i = 0; i < NINS && s->schema == CT_STORE_SCHEMA; i++)
			if (sqlite3_prepare_v3(s->db, insert_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->st[i], NULL) !=
			    SQLITE_OK)
				return ct_store_fail(s, "preparing the inserts");
		if (load_hashes(s))
			return CT_EDB;
	} else if (exec(s, "PRAGMA mmap_size=1073741824", "setting up")) {
		/* a reader (the web app's pages) takes pages from the memory map,
		 * not a copy of each through read(), which was a fifth of a
		 * story page's time */
		return CT_EDB;
	}
	return 0;
}

int ct_store_open(ct_store **out, const char *path, ct_store_mode mode)
{
	return open_at(out, path, mode, CT_STORE_SCHEMA);
}

int ct_store_create_at(ct_store **out, const char *path, int version)
{
	return open_at(out, path, CT_STORE_WRITE, version);
}

int ct_store_set_max_pages(ct_store *s, long pages)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA max_page_count=%ld", pages);
	return exec(s, sql, "setting the page limit");
}

int ct_store_close(ct_store *s)
{
	if (!s)
		return 0;
	int rc = 0;
	if (s->in_batch)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	ct_store_pregroup_drop(s);
	for (size_t i = 0; i < sizeof s->st / sizeof *s->st; i++)
		sqlite3_finalize(s->st[i]);
	if (s->db && sqlite3_close(s->db) != SQLITE_OK)
		rc = ct_store_fail(s, "closing");
	free(s->known);
	free(s->added);
	free(s->indexed);
	free(s->path);
	free(s);
	return rc;
}

int ct_store_schema_version(const ct_store *s)
{
	return s->schema;
}

/* ---- batches ----------------------------------------------------------- */

/*
 * The full-text index holds a text once for the sentences lately written
 * with it: the wire's copies of a story repeat the original's sentences
 * word for word, and indexing them is a tenth of an ingest's time. A
 * sentence's text is looked up by its hash among the last INDEXED_SLOTS
 * indexed (a slot a hash, the newer kept): found, its statements name
 * that row; not, it is indexed as its own. A copy written after its
 * original left the slots is indexed again, which costs room, not
 * answers. The slots are forgotten with a rolled-back batch, whose rows
 * they may name.
 */
struct ct_indexed_sent {
	ct_hash128 hash;
	int64_t key; /* its row of the index; 0: an empty slot */
};
enum { INDEXED_SLOTS = 1 << 18 }; /* 6 MB */

static void forget_indexed(ct_store *s)
{
	free(s->indexed);
	s->indexed = NULL;
}

int ct_store_begin(ct_store *s)
{
	if (!s->writable)
		return fail_msg(s, CT_EARG, "opened read-only");
	if (s->in_batch)
		return 0;
	if (exec(s, "BEGIN IMMEDIATE", "starting a batch"))
		return CT_EDB;
	s->in_batch = 1;
	return 0;
}

/* The hashes of a committed batch become known to the workers' set only
 * between runs (the set is read without a lock): within a run the writer
 * checks its own set, which keeps every hash added since opening. */
int ct_store_commit(ct_store *s)
{
	if (!s->in_batch)
		return 0;
	s->in_batch = 0;
	if (exec(s, "COMMIT", "committing a batch")) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		forget_indexed(s);
		ct_store_pregroup_drop(s);
		s->pre_off = 1;
		return CT_EDB;
	}
	return 0;
}

int ct_store_rollback(ct_store *s)
{
	/* the articles grouped beside the writing are not all in the file */
	ct_store_pregroup_drop(s);
	s->pre_off = 1;
	forget_indexed(s);
	if (!s->in_batch)
		return 0;
	s->in_batch = 0;
	/* SQLite may have rolled back already (a full disk, an I/O error) */
	if (sqlite3_get_autocommit(s->db))
		return 0;
	return exec(s, "ROLLBACK", "rolling back a batch");
}

/* ---- records ----------------------------------------------------------- */

struct ct_store_rec {
	ct_hash128 hash;
	ct_buf part;    /* the packed story part */
	ct_buf features; /* the grouper's, packed */
	ct_group_feat *feat; /* and as they were made, for the grouping beside the writing */
	unsigned char sketch[CT_SKETCH_BYTES];
	int has_sketch;  /* a text of three words or more */
	uint8_t *noise; /* per statement (frame): a caption, credit or furniture, as the story sees it */
	size_t nnoise;
};

ct_store_rec *ct_store_rec_new(const ct_ctx *ctx, const ct_doc *doc)
{
	if (!doc || doc->stage < CT_STAGE_CODE)
		return NULL;
	ct_store_rec *r = ct_xcalloc(1, sizeof *r);
	r->hash = ct_store_hash(doc->text, doc->text_len);
	ct_story_part *p = ct_story_part_make(ctx, doc, 0); /* its stance tokens are not kept */
	ct_story_part_pack(p, ctx, &r->part);
	r->has_sketch = p->sketch != NULL;
	if (p->sketch)
		ct_sketch_pack(p->sketch, r->sketch);
	r->feat = ct_group_feat_new(ctx, doc);
	if (r->feat)
		ct_group_feat_pack(r->feat, &r->features);
	r->nnoise = p->nstmt;
	r->noise = ct_xmalloc(p->nstmt + 1);
	for (size_t i = 0; i < p->nstmt; i++)
		r->noise[i] = p->stmts[i].noise;
	ct_story_part_free(p);
	return r;
}

void ct_store_rec_free(ct_store_rec *r)
{
	if (!r)
		return;
	ct_buf_free(&r->part);
	ct_buf_free(&r->features);
	ct_group_feat_free(r->feat);
	free(r->noise);
	free(r);
}

int ct_store_known(const ct_store *s, const ct_doc *doc)
{
	if (!doc || doc->stage < CT_STAGE_NORMALIZE || !s->known_cap)
		return 0;
	return set_has(s->known, s->known_cap, ct_store_hash(doc->text, doc->text_len));
}

/* Binds text, or NULL for a NULL or empty string. */
static void bind_text(sqlite3_stmt *q, int i, const char *v, size_t n)
{
	if (v && n)
		sqlite3_bind_text(q, i, v, (int)n, SQLITE_STATIC);
	else
		sqlite3_bind_null(q, i);
}

static void bind_str(sqlite3_stmt *q, int i, const char *v)
{
	bind_text(q, i, v, v ? strlen(v) : 0);
}

static void bind_span(sqlite3_stmt *q, int i, const ct_doc *doc, uint32_t tok, uint32_t ntok)
{
	if (!ntok) {
		sqlite3_bind_null(q, i);
		sqlite3_bind_null(q, i + 1);
		return;
	}
	ct_span sp = ct_out_tokspan(doc, tok, ntok);
	sqlite3_bind_int64(q, i, sp.off);
	sqlite3_bind_int64(q, i + 1, sp.len);
}

static int step(ct_store *s, sqlite3_stmt *q, const char *what)
{
	int rc = sqlite3_step(q);
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	return rc == SQLITE_DONE ? 0 : ct_store_fail(s, what);
}

static const char *const modality_names[] = {"actual", "future", "possible", "never"};

/* The row of the index that holds this text: a lately indexed one, or
 * `own`, indexed now. */
static int index_sentence(ct_store *s, const char *text, size_t len, int64_t own, int64_t *key)
{
	ct_hash128 h = ct_store_hash(text, len);
	if (!s->indexed)
		s->indexed = ct_xcalloc(INDEXED_SLOTS, sizeof *s->indexed);
	struct ct_indexed_sent *slot = &s->indexed[h.lo & (INDEXED_SLOTS - 1)];
	if (slot->key && hash_eq(slot->hash, h)) {
		*key = slot->key;
		return 0;
	}
	sqlite3_stmt *q = s->st[INS_FTS];
	sqlite3_bind_int64(q, 1, own);
	bind_text(q, 2, text, len);
	int rc = step(s, q, "indexing a sentence");
	if (!rc) {
		*slot = (struct ct_indexed_sent){h, own};
		*key = own;
	}
	return rc;
}

static int add_rows(ct_store *s, const ct_doc *doc, const ct_store_rec *rec, int64_t id)
{
	sqlite3_stmt *q = s->st[INS_ENTITY];
	for (size_t e = 0; e < doc->nent; e++) {
		const ct_ent *en = &doc->ents[e];
		sqlite3_bind_int64(q, 1, id);
		sqlite3_bind_int64(q, 2, (int64_t)e);
		bind_str(q, 3, en->name);
		bind_str(q, 4, ct_actor_type_name(en->type));
		bind_str(q, 5, en->country);
		sqlite3_bind_int64(q, 6, en->mentions);
		if (step(s, q, "writing an entity"))
			return CT_EDB;
	}
	q = s->st[INS_ATT];
	for (size_t i = 0; i < doc->natt; i++) {
		const ct_att *a = &doc->atts[i];
		sqlite3_bind_int64(q, 1, id);
		sqlite3_bind_int64(q, 2, (int64_t)i);
		bind_str(q, 3, ct_attr_kind_name((ct_attr_kind)a->kind));
		bind_span(q, 4, doc, a->src, a->nsrc);
		if (a->entity >= 0)
			sqlite3_bind_int64(q, 6, a->entity);
		bind_span(q, 7, doc, a->cue, a->ncue);
		bind_str(q, 9, a->lemma);
		bind_str(q, 10, a->cue_kind);
		bind_span(q, 11, doc, a->con, a->ncon);
		bind_span(q, 13, doc, a->con2, a->ncon2);
		bind_str(q, 15, a->channel_name);
		if (step(s, q, "writing an attribution"))
			return CT_EDB;
	}
	int64_t *keys = ct_xcalloc(doc->nsent + 1, sizeof *keys); /* each sentence's row of the index, 0 before */
	int rc = 0;
	for (size_t f = 0; f < doc->nframe && !rc; f++) {
		const ct_frame *fr = &doc->frames[f];
		const ct_sentence *se = &doc->sents[fr->sent];
		q = s->st[INS_STMT];
		sqlite3_bind_int64(q, 1, id);
		sqlite3_bind_int64(q, 2, (int64_t)f);
		const ct_att *a = fr->att >= 0 ? &doc->atts[fr->att] : NULL;
		if (a)
			sqlite3_bind_int64(q, 3, fr->att);
		if (fr->speaker >= 0) {
			bind_str(q, 4, doc->ents[fr->speaker].name);
			sqlite3_bind_int64(q, 5, fr->speaker);
		} else if (fr->spk_ntok) {
			ct_span sp = ct_out_tokspan(doc, fr->spk_tok, fr->spk_ntok);
			bind_text(q, 4, doc->text + sp.off, sp.len);
		}
		char cue[96] = "";
		if (a && a->ncue) {
			ct_span c = ct_out_tokspan(doc, a->cue, a->ncue);
			snprintf(cue, sizeof cue, "%s%.*s", fr->cue_neg ? "not " : "", a->lemma ? (int)strlen(a->lemma) : (int)c.len,
				 a->lemma ? a->lemma : doc->text + c.off);
		}
		bind_str(q, 6, cue);
		bind_str(q, 7, ct_story_stance_name(fr->stance));
		sqlite3_bind_int(q, 8, fr->polarity);
		bind_str(q, 9, modality_names[fr->modality < 4 ? fr->modality : 0]);
		if (fr->cameo)
			sqlite3_bind_int(q, 10, fr->cameo);
		char date[11] = "";
		if (fr->when.prec)
			ct_when_iso(&fr->when, date);
		if (!date[0] && doc->meta[CT_META_PUBLISHED])
			snprintf(date, sizeof date, "%s", doc->meta[CT_META_PUBLISHED]);
		bind_str(q, 11, date);
		sqlite3_bind_int64(q, 12, fr->sent);
		sqlite3_bind_int64(q, 13, se->off);
		sqlite3_bind_int64(q, 14, se->len);
		uint32_t coff = se->off, clen = se->len;
		if (fr->ntok) {
			ct_span c = ct_out_tokspan(doc, fr->tok, fr->ntok);
			coff = c.off, clen = c.len;
		}
		sqlite3_bind_int64(q, 15, coff);
		sqlite3_bind_int64(q, 16, clen);
		int noise = f < rec->nnoise && rec->noise[f];
		sqlite3_bind_int(q, 17, noise);
		/* a sentence is indexed for a statement query reads: never for
		 * noise alone (a tenth of the sentences of FNC-1's bodies) */
		if (!noise && fr->sent < (1u << 20)) {
			int64_t own = id << 20 | fr->sent;
			if (!keys[fr->sent] && (rc = index_sentence(s, doc->text + se->off, se->len, own, &keys[fr->sent]))) {
				sqlite3_clear_bindings(q); /* as step() leaves a statement */
				break;
			}
			if (keys[fr->sent] != own)
				sqlite3_bind_int64(q, 18, keys[fr->sent]);
		}
		if ((rc = step(s, q, "writing a statement")) != 0)
			break;
	}
	free(keys);
	return rc;
}

/* The article's statements that are no noise, counted by stance. */
static int add_counts(ct_store *s, const ct_doc *doc, const ct_store_rec *rec, int64_t id)
{
	int64_t n[CT_ST_NKINDS] = {0}, all = 0;
	for (size_t f = 0; f < doc->nframe; f++)
		if (!(f < rec->nnoise && rec->noise[f]) && doc->frames[f].stance < CT_ST_NKINDS) {
			n[doc->frames[f].stance]++;
			all++;
		}
	sqlite3_stmt *q = s->st[INS_COUNTS];
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, all);
	for (int k = 0; k < CT_ST_NKINDS; k++)
		sqlite3_bind_int64(q, 3 + k, n[k]);
	return step(s, q, "writing an article");
}

int ct_store_add(ct_store *s, const ct_doc *doc, const ct_store_rec *rec, int64_t *id)
{
	if (!s->in_batch)
		return fail_msg(s, CT_EARG, "ct_store_add outside a batch (ct_store_begin)");
	if (!doc || !rec)
		return fail_msg(s, CT_EARG, "no record to add");
	if (set_has(s->known, s->known_cap, rec->hash) || set_has(s->added, s->added_cap, rec->hash))
		return 0;
	sqlite3_stmt *q = s->st[INS_ARTICLE];
	bind_str(q, 1, doc->meta[CT_META_ID] ? doc->meta[CT_META_ID] : "article");
	bind_str(q, 2, doc->meta[CT_META_URL]);
	bind_str(q, 3, doc->meta[CT_META_OUTLET]);
	bind_str(q, 4, doc->meta[CT_META_OUTLET] ? ct_outlet_from_name(doc->outlet_from == 1 ? CT_OUTLET_TEXT
									   : doc->outlet_from == 2 ? CT_OUTLET_URL
												    : CT_OUTLET_INPUT)
						 : NULL);
	bind_str(q, 5, doc->meta[CT_META_PUBLISHED]);
	bind_str(q, 6, doc->meta[CT_META_TITLE]);
	bind_str(q, 7, doc->meta[CT_META_AUTHOR]);
	bind_str(q, 8, doc->meta[CT_META_DATELINE]);
	bind_str(q, 9, doc->meta[CT_META_CREDIT]);
	sqlite3_bind_text(q, 10, doc->text ? doc->text : "", (int)doc->text_len, SQLITE_STATIC);
	unsigned char hb[16];
	hash_blob(rec->hash, hb);
	sqlite3_bind_blob(q, 11, hb, 16, SQLITE_STATIC);
	bind_str(q, 12, doc->meta[CT_META_PATH]);
	if (doc->line > 0)
		sqlite3_bind_int64(q, 13, doc->line);
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
	bind_str(q, 14, now);
	if (rec->part.len)
		sqlite3_bind_blob(q, 15, rec->part.data, (int)rec->part.len, SQLITE_STATIC);
	if (rec->features.len)
		sqlite3_bind_blob(q, 16, rec->features.data, (int)rec->features.len, SQLITE_STATIC);
	if (step(s, q, "writing an article"))
		return CT_EDB;
	int64_t row = sqlite3_last_insert_rowid(s->db);
	sqlite3_bind_int64(s->st[INS_PLACE], 1, row);
	if (rec->has_sketch)
		sqlite3_bind_blob(s->st[INS_PLACE], 2, rec->sketch, CT_SKETCH_BYTES, SQLITE_STATIC);
	if (step(s, s->st[INS_PLACE], "writing an article") || add_rows(s, doc, rec, row) || add_counts(s, doc, rec, row))
		return CT_EDB;
	set_put(&s->added, &s->nadded, &s->added_cap, rec->hash);
	ct_store_pregroup_add(s, row, rec->feat);
	if (id)
		*id = row;
	return 1;
}

int64_t ct_store_narticles(ct_store *s)
{
	long n = 0;
	if (query_int(s, "SELECT count(*) FROM articles", "counting the articles", &n))
		return CT_EDB;
	return n;
}
