/* args.c — argument helpers the subcommands share (cli.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "claimtrace: ");
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'claimtrace %s --help' for more information.\n", cmd);
	return EXIT_USAGE;
}

int cli_context(const char *datadir, ct_ctx **ctx)
{
	if (ct_ctx_new(ctx, datadir)) {
		fprintf(stderr, "claimtrace: %s\n", ct_ctx_error(*ctx));
		ct_ctx_free(*ctx);
		*ctx = NULL;
		return EXIT_FATAL;
	}
	return 0;
}

int cli_parse_count(const char *s, long max, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > max)
		return -1;
	*out = v;
	return 0;
}

void cli_path_join(char *buf, size_t cap, const char *dir, const char *name)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	snprintf(buf, cap, "%.*s%s%s", (int)n, dir, n && dir[n - 1] == '/' ? "" : "/", name);
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void meter_show(const cli_meter *m)
{
	if (m->n)
		fprintf(stderr, "\r%s %zu of %zu ", m->what, m->done, m->n);
	else
		fprintf(stderr, "\r%s %zu ", m->what, m->done);
}

void cli_meter_start(cli_meter *m, const char *what, size_t n, int quiet)
{
	*m = (cli_meter){!quiet && isatty(2), what, n, 0, now()};
}

void cli_meter_tick(cli_meter *m, size_t done)
{
	m->done = done;
	if (m->on && now() - m->last >= 0.5) {
		m->last = now();
		meter_show(m);
	}
}

void cli_meter_end(cli_meter *m)
{
	if (m->on) {
		meter_show(m);
		fputc('\n', stderr);
	}
}

int cli_store_open(const char *db, ct_store_mode mode, ct_store **s)
{
	if (!ct_store_open(s, db, mode))
		return 0;
	fprintf(stderr, "claimtrace: %s\n", ct_store_error(*s));
	ct_store_close(*s);
	*s = NULL;
	return EXIT_FATAL;
}

int cli_fnc_read(const char *dir, const char *bodies, const char *stances, int quiet, ct_stance_data **d)
{
	char bodies_buf[4096], stances_buf[4096];
	if (dir) {
		cli_path_join(bodies_buf, sizeof bodies_buf, dir, "train_bodies.csv");
		cli_path_join(stances_buf, sizeof stances_buf, dir, "train_stances.csv");
	}
	int rc = ct_stance_data_read(d, bodies ? bodies : bodies_buf, stances ? stances : stances_buf);
	if (rc && rc != CT_EFORMAT) {
		fprintf(stderr, "claimtrace: %s\n", ct_stance_data_error(*d));
		ct_stance_data_free(*d);
		*d = NULL;
		return EXIT_FATAL;
	}
	if (!quiet)
		for (size_t i = 0; i < ct_stance_data_nwarnings(*d); i++)
			fprintf(stderr, "claimtrace: warning: %s\n", ct_stance_data_warning(*d, i));
	return 0;
}
