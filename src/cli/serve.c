/*
 * serve.c — `claimtrace serve --db FILE`: the archive as a local web app
 * (src/serve/, docs/api.md). This file reads the options and loads what
 * the story maps need once; the server is src/serve/server.c.
 */
#include <stdio.h>
#include <stdlib.h>

#include "claimtrace.h"
#include "cli.h"
#include "opts.h"
#include "../serve/serve.h"

static const char usage_serve[] =
	"usage: claimtrace serve --db FILE [--bind ADDR] [--port N]\n"
	"\n"
	"Serves the archive FILE, read-only, as web pages and a JSON API: the\n"
	"stories, each story's map, articles with their attributions marked,\n"
	"speakers, outlets and a search of the statements (docs/api.md). One\n"
	"line per request on stderr; SIGINT or SIGTERM stops it.\n";

enum { O_DB = 256, O_BIND, O_PORT, O_THREADS, O_TIME_LIMIT, O_NO_STANCE };

static const cli_opt serve_opts[] = {
	{O_DB, "db", "FILE", "the archive (required)"},
	{O_BIND, "bind", "ADDR", "the address to listen on (default 127.0.0.1: this\n"
				 "machine only; any other is warned about)"},
	{O_PORT, "port", "N", "the port (default 8080; 0: any free one, printed)"},
	{O_THREADS, "threads", "N", "worker threads, each with its own connection\n(default 4)"},
	{O_TIME_LIMIT, "time-limit", "S", "a request's reads of the archive stop after S\n"
					    "seconds with 503 (default 10; 0: no limit)"},
	{O_NO_STANCE, "no-stance", NULL, "story maps without the stance models' readings"},
	CLI_OPT_END};

static const cli_spec serve_spec = {"serve", usage_serve, serve_opts, NULL, NULL, 0};

int cli_serve(int argc, char **argv)
{
	srv_config cfg = {0};
	cfg.port = 8080;
	cfg.threads = 4;
	cfg.time_limit_us = 10 * 1000000u;
	int rc = 0, no_stance = 0;
	long n;
	cli_opts p;
	int o;
	cli_opts_init(&p, &serve_spec, argc, argv);
	while (!rc && (o = cli_opts_next(&p)) > 0) {
		switch (o) {
		case O_DB:
			cfg.db = p.value;
			break;
		case O_BIND:
			cfg.bind = p.value;
			break;
		case O_PORT:
			if (p.value[0] == '0' && !p.value[1])
				cfg.port = 0;
			else if (cli_parse_count(p.value, 65535, &n))
				rc = cli_opts_error(&p, "--port takes a number from 0 to 65535, not '%s'", p.value);
			else
				cfg.port = (unsigned)n;
			break;
		case O_THREADS:
			if (cli_parse_count(p.value, 256, &n))
				rc = cli_opts_error(&p, "--threads takes a number from 1 to 256, not '%s'", p.value);
			else
				cfg.threads = (unsigned)n;
			break;
		case O_TIME_LIMIT:
			if (p.value[0] == '0' && !p.value[1])
				cfg.time_limit_us = 0;
			else if (cli_parse_count(p.value, 3600, &n))
				rc = cli_opts_error(&p, "--time-limit takes seconds from 0 to 3600, not '%s'", p.value);
			else
				cfg.time_limit_us = (uint64_t)n * 1000000u;
			break;
		case O_NO_STANCE:
			no_stance = 1;
			break;
		}
	}
	if (!rc && o < 0)
		return cli_opts_exit(o);
	if (!rc && !cfg.db)
		rc = cli_opts_error(&p, "%s", "--db FILE is required (the archive to serve)");
	if (rc)
		return rc;
	/* for the tests alone (docs/api.md): a limit in microseconds, so
	 * small that any page's reads run past it */
	const char *us = getenv("CLAIMTRACE_TEST_TIME_LIMIT_US");
	if (us && *us)
		cfg.time_limit_us = strtoull(us, NULL, 10);
	ct_ctx *ctx;
	if ((rc = cli_context(NULL, &ctx)) != 0)
		return rc;
	cfg.ctx = ctx;
	ct_stance_model *sm = NULL;
	ct_statement_model *tm = NULL;
	if (!no_stance) {
		/* as `claimtrace story`: without a model the maps are drawn
		 * without its readings, and the user is told so once */
		if (ct_stance_model_load(&sm, NULL, NULL)) {
			fprintf(stderr, "claimtrace: warning: %s; maps have no inferred stances\n", ct_stance_model_error(sm));
			ct_stance_model_free(sm);
			sm = NULL;
		}
		if (ct_statement_model_load(&tm, NULL, NULL)) {
			fprintf(stderr, "claimtrace: warning: %s; statements are not read against claims\n",
				ct_statement_model_error(tm));
			ct_statement_model_free(tm);
			tm = NULL;
		}
	}
	cfg.stance = sm;
	cfg.statement = tm;
	rc = srv_run(&cfg) ? EXIT_FATAL : 0;
	ct_stance_model_free(sm);
	ct_statement_model_free(tm);
	ct_ctx_free(ctx);
	return rc;
}
