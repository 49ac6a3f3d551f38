/*
 * server.c — the HTTP side of `claimtrace serve` (serve.h), on
 * libmicrohttpd's internal thread pool.
 *
 * Each worker thread takes an archive connection from a pool as large as
 * the thread pool, so SQLite never serializes one request behind another
 * and the store's error message stays the request's own. Limits: MHD
 * bounds a connection's memory (headers and URL must fit in it), the
 * number of connections, per-IP connections and idle time; the handler
 * refuses bodies, methods other than GET and HEAD, long URLs and too many
 * headers before any page is made, and a request's reads of the archive
 * are stopped at the time limit (--time-limit; pages.c answers 503). SIGINT and SIGTERM are waited for with
 * sigwait on the main thread (blocked everywhere else), so shutdown is an
 * ordinary return: MHD stops, the connections close.
 */
#include <arpa/inet.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "serve.h"

enum {
	MAX_URL = 2048,
	MAX_HEADERS = 64,
	CONN_MEMORY = 32 * 1024, /* request line and headers must fit */
	MAX_CONNS = 512,
	TIMEOUT_S = 15,
};

/*
 * Pages are a pure function of the URL and the archive, so a page made
 * once is kept until the archive changes: the cache's version is the
 * database file's and its WAL's identity, size and modification time,
 * which an ingest's commit (or checkpoint) changes. Direct-mapped by the
 * URL's hash, a slot replaced on collision; bounded in bytes. A story map
 * of hundreds of articles takes seconds to build and milliseconds to
 * copy out of here.
 */
enum { CACHE_SLOTS = 512, CACHE_MAX_BODY = 32 << 20 };
#define CACHE_BUDGET ((size_t)256 << 20)

typedef struct {
	struct timespec db_mtime, wal_mtime;
	off_t db_size, wal_size;
	ino_t db_ino, wal_ino;
} db_version;

/* A cached body, shared by the cache and the responses sending it: freed
 * by whichever lets go last (MHD calls blob_release once sent). */
typedef struct {
	pthread_mutex_t *lock;
	int refs;
	unsigned char *gz; /* the body gzipped, for a client that takes it; or NULL */
	size_t gz_len;
	size_t len;
	char data[];
} blob;

/* A page of at least this many bytes is kept gzipped too: a story map of a
 * thousand articles is 14 MB of HTML and about a tenth of that gzipped,
 * which is what a browser then reads, over a slow network too. */
enum { GZIP_MIN = 16 << 10 };

/* b's body gzipped (fast, level 1: made once, sent many times), when
 * that is smaller. */
static void gzip_blob(blob *b)
{
	z_stream z = {0};
	if (b->len < GZIP_MIN || deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return;
	size_t cap = deflateBound(&z, (uLong)b->len);
	unsigned char *out = malloc(cap);
	z.next_in = (unsigned char *)b->data;
	z.avail_in = (uInt)b->len;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	if (out && b->len <= UINT_MAX && deflate(&z, Z_FINISH) == Z_STREAM_END && z.total_out < b->len) {
		b->gz = out;
		b->gz_len = z.total_out;
	} else {
		free(out);
	}
	deflateEnd(&z);
}

typedef struct {
	char *key;
	db_version v;
	const char *type;
	blob *body;
	char stamp[48]; /* a story's page: the story's version when made (below); else "" */
} cache_slot;

typedef struct {
	pthread_mutex_t lock;
	pthread_cond_t freed;
	ct_store **free;
	size_t nfree;
	const srv_config *cfg;
	pthread_mutex_t cache_lock;
	cache_slot cache[CACHE_SLOTS];
	size_t cached_bytes;
	/* held while a page missing from the cache is made, by the URL's
	 * hash: a hundred clients asking for one cold story map wait for
	 * one build, not a hundred */
	pthread_mutex_t making[16];
} pool;

static void blob_release(void *cls)
{
	blob *b = cls;
	pthread_mutex_lock(b->lock);
	int left = --b->refs;
	pthread_mutex_unlock(b->lock);
	if (!left) {
		free(b->gz);
		free(b);
	}
}

static void version_of(const char *db, db_version *v)
{
	char wal[4096];
	struct stat st;
	memset(v, 0, sizeof *v);
	if (!stat(db, &st))
		v->db_mtime = st.st_mtim, v->db_size = st.st_size, v->db_ino = st.st_ino;
	snprintf(wal, sizeof wal, "%s-wal", db);
	if (!stat(wal, &st))
		v->wal_mtime = st.st_mtim, v->wal_size = st.st_size, v->wal_ino = st.st_ino;
}

static int same_version(const db_version *a, const db_version *b)
{
	return a->db_mtime.tv_sec == b->db_mtime.tv_sec && a->db_mtime.tv_nsec == b->db_mtime.tv_nsec &&
	       a->wal_mtime.tv_sec == b->wal_mtime.tv_sec && a->wal_mtime.tv_nsec == b->wal_mtime.tv_nsec &&
	       a->db_size == b->db_size && a->wal_size == b->wal_size && a->db_ino == b->db_ino &&
	       a->wal_ino == b->wal_ino;
}

static enum MHD_Result add_arg_key(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	srv_buf *b = cls;
	srv_put(b, "\x01", 1);
	srv_puts(b, key);
	srv_put(b, "\x02", 1);
	srv_puts(b, value ? value : "");
	return MHD_YES;
}

static size_t hash_key(const char *k)
{
	size_t h = 1469598103934665603u; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)k; *p; p++)
		h = (h ^ *p) * 1099511628211u;
	return h % CACHE_SLOTS;
}

/* The cached page for `key` into r (shared, not copied): 1, or 0. Kept at
 * version v, or, when `stamp` is given, a story's page kept from before
 * the archive changed whose story has not (its version is `stamp`), then
 * brought to version v. */
static int cache_get(pool *p, const char *key, const db_version *v, const char *stamp, srv_resp *r)
{
	int hit = 0;
	pthread_mutex_lock(&p->cache_lock);
	cache_slot *c = &p->cache[hash_key(key)];
	if (c->key && !strcmp(c->key, key)) {
		if (same_version(&c->v, v))
			hit = 1;
		else if (stamp && c->stamp[0] && !strcmp(c->stamp, stamp))
			hit = 2;
	}
	if (hit) {
		c->v = *v;
		c->body->refs++;
		r->status = 200;
		r->type = c->type;
		r->shared = c->body;
		r->cache = hit == 1 ? "hit" : "kept";
	}
	pthread_mutex_unlock(&p->cache_lock);
	return hit != 0;
}

/* Keeps a 200 page, and makes r send the kept copy. */
static void cache_put(pool *p, const char *key, const db_version *v, const char *stamp, srv_resp *r)
{
	if (r->static_body || r->status != 200 || r->body.len > CACHE_MAX_BODY)
		return;
	blob *b = malloc(sizeof *b + r->body.len + 1);
	char *k = strdup(key);
	if (!b || !k) {
		fputs("claimtrace: out of memory\n", stderr);
		abort();
	}
	*b = (blob){&p->cache_lock, 2, NULL, 0, r->body.len}; /* the cache's and r's */
	memcpy(b->data, r->body.data ? r->body.data : "", r->body.len);
	gzip_blob(b);
	pthread_mutex_lock(&p->cache_lock);
	cache_slot *c = &p->cache[hash_key(key)];
	blob *old = c->key ? c->body : NULL;
	size_t after = p->cached_bytes - (old ? old->len : 0) + b->len;
	int kept = after <= CACHE_BUDGET;
	if (kept) {
		free(c->key);
		*c = (cache_slot){k, *v, r->type, b, ""};
		snprintf(c->stamp, sizeof c->stamp, "%s", stamp);
		p->cached_bytes = after;
		k = NULL;
	} else {
		old = NULL;
		b->refs = 1;
	}
	pthread_mutex_unlock(&p->cache_lock);
	free(k);
	if (old)
		blob_release(old);
	srv_buf_free(&r->body);
	r->shared = b;
}

static ct_store *pool_take(pool *p)
{
	pthread_mutex_lock(&p->lock);
	while (!p->nfree)
		pthread_cond_wait(&p->freed, &p->lock);
	ct_store *s = p->free[--p->nfree];
	pthread_mutex_unlock(&p->lock);
	return s;
}

static void pool_give(pool *p, ct_store *s)
{
	pthread_mutex_lock(&p->lock);
	p->free[p->nfree++] = s;
	pthread_cond_signal(&p->freed);
	pthread_mutex_unlock(&p->lock);
}

static const char *get_arg(void *conn, const char *name)
{
	return MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, name);
}

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void client_addr(struct MHD_Connection *c, char *buf, size_t cap)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(buf, cap, "-");
	if (!ci || !ci->client_addr)
		return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf, (socklen_t)cap);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf, (socklen_t)cap);
}

/* One line per request: time, client, method, URL as asked (its control
 * characters and spaces shown as %XX, so a line is always one line),
 * status, bytes, milliseconds. */
static void log_request(struct MHD_Connection *c, const char *method, const char *url, int status, size_t bytes,
			double ms)
{
	char addr[INET6_ADDRSTRLEN + 1], when[32];
	client_addr(c, addr, sizeof addr);
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	char safe[MAX_URL + 1];
	size_t w = 0;
	for (const unsigned char *p = (const unsigned char *)url; *p && w + 4 < sizeof safe; p++) {
		if (*p <= 0x20 || *p == 0x7F || *p == '"')
			w += (size_t)snprintf(safe + w, sizeof safe - w, "%%%02X", *p);
		else
			safe[w++] = (char)*p;
	}
	safe[w] = '\0';
	fprintf(stderr, "%s %s \"%s %s\" %d %zu %.1fms\n", when, addr, method, safe, status, bytes, ms);
}

static enum MHD_Result count_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	return MHD_YES;
}

/* MHD hands the handler the path alone, the query parsed apart: the
 * URL's length is the path's and its arguments' together. */
static enum MHD_Result add_arg_len(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	*(size_t *)cls += strlen(key) + (value ? strlen(value) : 0) + 2;
	return MHD_YES;
}

static size_t url_len(struct MHD_Connection *c, const char *path)
{
	size_t n = strlen(path);
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_arg_len, &n);
	return n;
}

/* The client takes a gzipped body: "gzip" in its Accept-Encoding, not
 * refused with q=0. */
static int takes_gzip(struct MHD_Connection *c)
{
	const char *ae = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING);
	const char *g = ae ? strstr(ae, "gzip") : NULL;
	if (!g)
		return 0;
	const char *q = g + 4;
	while (*q == ' ')
		q++;
	if (*q++ != ';')
		return 1;
	while (*q == ' ')
		q++;
	return strncmp(q, "q=", 2) || strtod(q + 2, NULL) > 0;
}

static enum MHD_Result respond(struct MHD_Connection *c, const char *method, const char *url, double t0,
			    srv_resp *r)
{
	struct MHD_Response *resp;
	size_t len;
	int gzipped = 0, vary = 0;
	if (r->static_body) {
		len = r->static_len;
		resp = MHD_create_response_from_buffer(len, (void *)r->static_body, MHD_RESPMEM_PERSISTENT);
	} else if (r->shared) {
		blob *b = r->shared;
		gzipped = b->gz && takes_gzip(c);
		len = gzipped ? b->gz_len : b->len;
		resp = MHD_create_response_from_buffer_with_free_callback_cls(len, gzipped ? (void *)b->gz : b->data,
									       blob_release, b);
		vary = b->gz != NULL;
	} else {
		len = r->body.len;
		/* MHD frees the body with free() once sent */
		resp = MHD_create_response_from_buffer(len, r->body.data, MHD_RESPMEM_MUST_FREE);
		r->body.data = NULL;
	}
	if (!resp) {
		srv_buf_free(&r->body);
		if (r->shared)
			blob_release(r->shared);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", r->type);
	if (gzipped)
		MHD_add_response_header(resp, "Content-Encoding", "gzip");
	if (r->cache) /* where the page came from: for a reader of the logs and the tests */
		MHD_add_response_header(resp, "X-Cache", r->cache);
	if (vary)
		MHD_add_response_header(resp, "Vary", "Accept-Encoding");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	/* nothing from elsewhere, ever: the story map's inline <style> is the
	 * one exception to 'self' */
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
				" frame-ancestors 'self'; form-action 'self'; base-uri 'none'");
	if (r->static_body)
		MHD_add_response_header(resp, "Cache-Control", "max-age=3600");
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	log_request(c, method, url, r->status, len, now_ms() - t0);
	return ret;
}

static void error_resp(srv_resp *r, int status, const char *msg)
{
	r->status = status;
	r->type = "text/plain; charset=utf-8";
	srv_buf_free(&r->body);
	srv_printf(&r->body, "%d %s\n", status, msg);
}

/* The story a story's page is of (/story/ID, /story/ID/map,
 * /api/story/ID), or 0. Its pages read nothing but the story's articles,
 * so they stay right while the archive changes elsewhere. */
static int64_t story_of(const char *url)
{
	const char *rest = !strncmp(url, "/story/", 7) ? url + 7 : !strncmp(url, "/api/story/", 11) ? url + 11 : NULL;
	if (!rest)
		return 0;
	int64_t id = 0;
	size_t n = 0;
	for (; rest[n] >= '0' && rest[n] <= '9' && n < 18; n++)
		id = id * 10 + (rest[n] - '0');
	return n && (!rest[n] || !strcmp(rest + n, "/map")) ? id : 0;
}

/* The page at `url` (cache key `key`) into r: from the cache, else made
 * and kept. A story's page kept from before the archive changed is sent
 * again when its story has not changed: checked once per change of the
 * archive, so an ingest into one story leaves the others' maps made. */
static void page(pool *p, const char *key, const char *url, const char *(*arg)(void *conn, const char *name),
		 void *conn, srv_resp *r)
{
	db_version v;
	version_of(p->cfg->db, &v);
	if (cache_get(p, key, &v, NULL, r))
		return;
	pthread_mutex_t *making = &p->making[hash_key(key) % 16];
	pthread_mutex_lock(making);
	if (!cache_get(p, key, &v, NULL, r)) {
		ct_store *s = pool_take(p);
		char stamp[48] = "";
		int64_t story = story_of(url);
		if (story && ct_store_story_version(s, story, stamp, sizeof stamp))
			stamp[0] = '\0';
		if (!cache_get(p, key, &v, stamp, r)) {
			srv_req req = {url, arg, conn, s, p->cfg};
			r->cache = "miss";
			ct_store_set_time_limit(s, p->cfg->time_limit_us);
			srv_route(&req, r);
			ct_store_set_time_limit(s, 0);
			cache_put(p, key, &v, stamp, r);
		}
		pool_give(p, s);
	}
	pthread_mutex_unlock(making);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			      const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	pool *p = cls;
	/* The first call sees the headers only; calls with a body come next,
	 * and MHD takes a response only after the body's last call. A body
	 * is dropped as it comes (bounded by the connection's memory limit)
	 * and answered with 413. */
	static char seen, had_body;
	if (!*con_cls) {
		*con_cls = &seen;
		return MHD_YES;
	}
	if (*upload_size) {
		*upload_size = 0;
		*con_cls = &had_body;
		return MHD_YES;
	}
	double t0 = now_ms();
	srv_resp r = {200, "text/html; charset=utf-8", {0}, NULL, 0, NULL, NULL};
	int is_get = !strcmp(method, MHD_HTTP_METHOD_GET), is_head = !strcmp(method, MHD_HTTP_METHOD_HEAD);
	if (*con_cls == &had_body) {
		error_resp(&r, 413, "a request has no body here");
	} else if (!is_get && !is_head) {
		error_resp(&r, 405, "GET and HEAD only: the archive is read-only");
	} else if (url_len(c, url) > MAX_URL) {
		error_resp(&r, 414, "URL too long");
	} else if (MHD_get_connection_values(c, MHD_HEADER_KIND, count_header, NULL) > MAX_HEADERS) {
		error_resp(&r, 431, "too many header fields");
	} else {
		srv_buf key = {0};
		srv_puts(&key, url);
		MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_arg_key, &key);
		page(p, key.data, url, get_arg, c, &r);
		srv_buf_free(&key);
	}
	return respond(c, method, url, t0, &r);
}

static const char *no_arg(void *conn, const char *name)
{
	return NULL;
}

/*
 * The largest stories' pages and maps are made before anyone asks, on a
 * thread of low priority, when the server starts and again after each
 * change of the archive: a map of hundreds of articles takes about a
 * second to draw (the stance models read every article against its
 * claims), which the first visitor then does not wait for. Made through
 * the cache, so a visitor asking for a page being made waits for that one
 * build. At most WARM_STORIES stories, and only while the cache has room.
 */
enum { WARM_STORIES = 8 };

typedef struct {
	pool *p;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	int stop;
	pthread_t thread;
	int started;
} warmer;

static int take_id(void *arg, const ct_story_row *row)
{
	int64_t *ids = arg;
	size_t i = 0;
	while (ids[i])
		i++;
	ids[i] = row->id;
	return 0;
}

static void warm(pool *p, const char *path)
{
	srv_resp r = {200, "text/html; charset=utf-8", {0}, NULL, 0, NULL, NULL};
	page(p, path, path, no_arg, NULL, &r);
	if (r.shared)
		blob_release(r.shared);
	srv_buf_free(&r.body);
}

/* 1 when the warmer is told to stop within `ms`. */
static int warm_wait(warmer *w, int ms)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (long)(ms % 1000) * 1000000;
	if (until.tv_nsec >= 1000000000) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&w->lock);
	while (!w->stop && pthread_cond_timedwait(&w->wake, &w->lock, &until) == 0)
		;
	int stop = w->stop;
	pthread_mutex_unlock(&w->lock);
	return stop;
}

static int warm_stopped(warmer *w)
{
	pthread_mutex_lock(&w->lock);
	int stop = w->stop;
	pthread_mutex_unlock(&w->lock);
	return stop;
}

static void *warm_run(void *arg)
{
	warmer *w = arg;
	pool *p = w->p;
	/* a nice of 10 for this thread alone (Linux: a thread id is a
	 * process id to setpriority), so that visitors' pages go first */
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
	db_version done = {0};
	int first = 1;
	while (!warm_stopped(w)) {
		db_version v;
		version_of(p->cfg->db, &v);
		if (!first && same_version(&v, &done)) {
			if (warm_wait(w, 2000))
				break;
			continue;
		}
		first = 0;
		done = v;
		warm(p, "/");
		int64_t ids[WARM_STORIES + 1] = {0};
		ct_story_filter f = {NULL, NULL, NULL, NULL, 0, WARM_STORIES};
		ct_store *s = pool_take(p);
		ct_store_story_list(s, &f, take_id, ids);
		pool_give(p, s);
		for (size_t i = 0; ids[i] && !warm_stopped(w); i++) {
			pthread_mutex_lock(&p->cache_lock);
			int room = p->cached_bytes < CACHE_BUDGET / 2;
			pthread_mutex_unlock(&p->cache_lock);
			if (!room)
				break;
			char path[64];
			snprintf(path, sizeof path, "/story/%lld/map", (long long)ids[i]);
			warm(p, path);
			snprintf(path, sizeof path, "/story/%lld", (long long)ids[i]);
			warm(p, path);
		}
	}
	return NULL;
}

int srv_run(const srv_config *cfg)
{
	int status = -1;
	unsigned n = cfg->threads ? cfg->threads : 4;
	static pool p; /* large (the cache), and one per process */
	static warmer w;
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.freed, NULL);
	pthread_mutex_init(&p.cache_lock, NULL);
	for (size_t i = 0; i < 16; i++)
		pthread_mutex_init(&p.making[i], NULL);
	p.free = calloc(n, sizeof(ct_store *));
	p.cfg = cfg;
	struct MHD_Daemon *d = NULL;
	if (!p.free) {
		fputs("claimtrace: out of memory\n", stderr);
		abort();
	}
	for (unsigned i = 0; i < n; i++) {
		ct_store *s;
		if (ct_store_open(&s, cfg->db, CT_STORE_READ)) {
			fprintf(stderr, "claimtrace: %s\n", ct_store_error(s));
			ct_store_close(s);
			goto out;
		}
		p.free[p.nfree++] = s;
	}

	struct sockaddr_storage ss = {0};
	const char *bind = cfg->bind ? cfg->bind : "127.0.0.1";
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
	struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
	if (inet_pton(AF_INET, bind, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)cfg->port);
	} else if (inet_pton(AF_INET6, bind, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)cfg->port);
		flags |= MHD_USE_IPv6;
	} else {
		fprintf(stderr, "claimtrace: --bind takes an IP address, not '%s'\n", bind);
		goto out;
	}
	if (strcmp(bind, "127.0.0.1") && strcmp(bind, "::1"))
		fprintf(stderr, "claimtrace: warning: listening on %s: anyone who can reach this address can read the archive\n",
			bind);

	/* SIGINT and SIGTERM wait for sigwait below, in every thread MHD makes */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	d = MHD_start_daemon(flags, (uint16_t)cfg->port, NULL, NULL, handle, &p,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
			     MHD_OPTION_THREAD_POOL_SIZE, n,
			     MHD_OPTION_CONNECTION_LIMIT, (unsigned)MAX_CONNS,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)TIMEOUT_S,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONN_MEMORY,
			     MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "claimtrace: cannot listen on %s port %u (in use, or not an address of this machine)\n",
			bind, cfg->port);
		goto out;
	}
	w.p = &p;
	pthread_mutex_init(&w.lock, NULL);
	pthread_cond_init(&w.wake, NULL);
	w.started = pthread_create(&w.thread, NULL, warm_run, &w) == 0;
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	unsigned port = info ? info->port : cfg->port;
	fprintf(stderr, "claimtrace: serving %s on http://%s%s%s:%u/ (Ctrl-C stops)\n", cfg->db,
		strchr(bind, ':') ? "[" : "", bind, strchr(bind, ':') ? "]" : "", port);
	int sig;
	sigwait(&sigs, &sig);
	fprintf(stderr, "claimtrace: %s: stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
	status = 0;
out:
	if (w.started) {
		pthread_mutex_lock(&w.lock);
		w.stop = 1;
		pthread_cond_signal(&w.wake);
		pthread_mutex_unlock(&w.lock);
		pthread_join(w.thread, NULL);
	}
	if (d)
		MHD_stop_daemon(d);
	for (size_t i = 0; i < p.nfree; i++)
		ct_store_close(p.free[i]);
	free(p.free);
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		free(p.cache[i].key);
		if (p.cache[i].body)
			blob_release(p.cache[i].body);
	}
	return status;
}
