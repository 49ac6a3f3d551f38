/*
 * serve.h — `claimtrace serve`: the archive as a local web app.
 *
 * Takes: an archive opened read-only (one connection per worker thread)
 *        and a loaded context with the story models, shared read-only.
 * Gives: HTML pages and a JSON API (docs/api.md) over HTTP, GET and HEAD
 *        only: nothing a request can do writes to the archive.
 *
 * server.c owns the HTTP side (libmicrohttpd, limits, the access log,
 * shutdown); pages.c maps a request to a response; buf.c escapes.
 */
#ifndef CT_SERVE_H
#define CT_SERVE_H

#include "claimtrace.h"
#include "buf.h"

typedef struct {
	const char *db;
	const char *bind;  /* an IPv4 or IPv6 address; NULL: 127.0.0.1 */
	unsigned port;     /* 0: any free port (printed) */
	unsigned threads;  /* worker threads, each with its own connection */
	uint64_t time_limit_us; /* a request's archive reads, at most; 0: none */
	const ct_ctx *ctx;
	const ct_stance_model *stance;       /* may be NULL */
	const ct_statement_model *statement; /* may be NULL */
} srv_config;

/* Serves until SIGINT or SIGTERM: 0, or -1 with the reason printed. */
int srv_run(const srv_config *cfg);

/* A request, as pages.c sees it. */
typedef struct {
	const char *path;  /* decoded, without the query */
	const char *(*arg)(void *conn, const char *name); /* a decoded query value, or NULL */
	void *conn;
	ct_store *store;   /* this worker's connection */
	const srv_config *cfg;
} srv_req;

/* A response being made: status, content type and body. */
typedef struct {
	int status;
	const char *type; /* a static string */
	srv_buf body;
	const char *static_body; /* instead of body: a constant (an asset) */
	size_t static_len;
	void *shared; /* server.c's: instead of body, a cached one */
	const char *cache; /* server.c's: "hit", "kept" (a story's page kept across a change elsewhere), "miss" */
} srv_resp;

/* Fills `resp` for `req`. */
void srv_route(const srv_req *req, srv_resp *resp);

#endif
