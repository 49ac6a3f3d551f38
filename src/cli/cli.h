/*
 * cli.h — subcommands of the claimtrace command line that live in their own
 * file. Each takes the arguments after its name and returns the exit code.
 */
#ifndef CT_CLI_H
#define CT_CLI_H

int cli_eval(int argc, char **argv);  /* eval.c */
int cli_train(int argc, char **argv); /* train.c */

#endif
