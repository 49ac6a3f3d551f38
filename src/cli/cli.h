/*
 * cli.h — what the command-line files share: exit codes and the
 * subcommands main.c dispatches to.
 */
#ifndef CT_CLI_H
#define CT_CLI_H

/* 0 success; 1 some inputs failed (named on stderr), the rest done;
 * 2 usage error; 3 fatal (data files, writing output). */
enum { EXIT_PARTIAL = 1, EXIT_USAGE = 2, EXIT_FATAL = 3 };

int cli_eval(int argc, char **argv);   /* eval.c */
int cli_train(int argc, char **argv);  /* train.c */
/* `claimtrace stance …` (stance.c); argv starts after "stance". */
int cli_stance(int argc, char **argv);
/* `claimtrace story …` (story.c): the story map. */
int cli_story(int argc, char **argv);

#endif
