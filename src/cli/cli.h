/*
 * cli.h — what the command-line files share: exit codes and the
 * subcommands main.c dispatches to.
 */
#ifndef CT_CLI_H
#define CT_CLI_H

#include "claimtrace.h"
#include "opts.h"

/* 0 success; 1 some inputs failed (named on stderr), the rest done;
 * 2 usage error; 3 fatal (data files, writing output). */
enum { EXIT_PARTIAL = 1, EXIT_USAGE = 2, EXIT_FATAL = 3 };

/* Every command's argv[0] is its word ("eval", "story"). */
int cli_eval(int argc, char **argv);   /* eval.c */
int cli_eval_story(int argc, char **argv); /* eval_story.c: argv[0] is "story" */
int cli_eval_html(int argc, char **argv);  /* eval_html.c: argv[0] is "html" */
int cli_eval_stories(int argc, char **argv); /* eval_stories.c: argv[0] is "stories" */
int cli_train(int argc, char **argv);  /* train.c */
/* statement.c: argv[0] is "statement" / "emergent" */
int cli_train_statement(int argc, char **argv);
int cli_eval_emergent(int argc, char **argv);
/* "claimtrace: <fmt …>" and the --help hint for `cmd`, on stderr; returns
 * EXIT_USAGE. cli_opts_error, while a cli_opts is at hand. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* The context from the data directory (NULL: the default) into *ctx
 * (owned): 0, or EXIT_FATAL with the message printed. */
int cli_context(const char *datadir, ct_ctx **ctx);
/* dir/name into buf (cap bytes, truncated), one slash between however dir
 * ends: "out/" and "out" name the same files in messages. */
void cli_path_join(char *buf, size_t cap, const char *dir, const char *name);
/* The archive `db` opened (*s owned): 0, or EXIT_FATAL with its one-line
 * error printed. */
int cli_store_open(const char *db, ct_store_mode mode, ct_store **s);
/* FNC-1's training data for the evaluations: DIR/train_bodies.csv and
 * DIR/train_stances.csv, or the files `bodies` and `stances` named alone
 * (each NULL when not given). Rows left out are warnings (unless quiet).
 * 0 and *d (owned), or EXIT_FATAL with the message printed. */
int cli_fnc_read(const char *dir, const char *bodies, const char *stances, int quiet, ct_stance_data **d);
/* A whole number from 1 to max: 0 and *out, or -1. */
int cli_parse_count(const char *s, long max, long *out);

/*
 * A progress line on a terminal for a long command: "\r<what> k of n" (or
 * "k" when n is not known, 0), at most twice a second, and the last count
 * with a newline at cli_meter_end. Off when quiet or stderr is not a
 * terminal. Tick from one thread at a time (under the caller's lock).
 */
typedef struct {
	int on;
	const char *what;
	size_t n, done;
	double last;
} cli_meter;
void cli_meter_start(cli_meter *m, const char *what, size_t n, int quiet);
void cli_meter_tick(cli_meter *m, size_t done);
void cli_meter_end(cli_meter *m);

/* `claimtrace stance …` (stance.c); argv starts after "stance". */
int cli_stance(int argc, char **argv);
/* `claimtrace ingest …` (ingest.c) and `claimtrace query …` (query.c): the archive. */
int cli_ingest(int argc, char **argv);
int cli_query(int argc, char **argv);
int cli_reprints(int argc, char **argv); /* reprints.c */
/* `claimtrace story …` (story.c): the story map. */
int cli_story(int argc, char **argv);
/* `claimtrace stories …` (stories.c): articles grouped into stories. */
int cli_stories(int argc, char **argv);
/* `claimtrace serve …` (serve.c): the archive as a web app (src/serve/). */
int cli_serve(int argc, char **argv);

#endif
