/*
 * train.c — 'claimtrace train attribution': learns the attribution tagger
 * from brat gold in PolNeAR's layout. Uses the public header only.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimtrace.h"
#include "cli.h"


static const char usage_train[] =
	"usage: claimtrace train attribution --gold DIR --out MODEL [OPTIONS]\n"
	"\n"
	"Learns the attribution tagger (an averaged perceptron over paragraphs) from\n"
	"DIR/text/NAME.txt and DIR/attributions/NAME_ANNOTATOR.ann (PolNeAR's layout;\n"
	"the first annotator by name). The same data and seed give the same model.\n";

enum { O_EPOCHS = 256, O_SEED, O_DATA };

static const cli_opt train_opts[] = {
	{'g', "gold", "DIR", "the training split (required)"},
	{'o', "out", "MODEL", "where to write the model (required)"},
	{O_EPOCHS, "epochs", "N", "passes over the data (default 10)"},
	{O_SEED, "seed", "N", "shuffling seed (default 1)"},
	{O_DATA, "data", "DIR", "lexicons (default: $CLAIMTRACE_DATA or built in)"},
	{'q', "quiet", NULL, "no progress on stderr"},
	CLI_OPT_END};

static const cli_spec train_spec = {"train attribution", usage_train, train_opts, NULL, NULL, 0};

static int train_attribution(int argc, char **argv)
{
	const char *gold = NULL, *out = NULL, *data = NULL;
	long epochs = 10, seed = 1;
	int quiet = 0, o;
	cli_opts p;
	cli_opts_init(&p, &train_spec, argc, argv);
	while ((o = cli_opts_next(&p)) > 0) {
		char *end;
		long n;
		switch (o) {
		case 'g':
			gold = p.value;
			break;
		case 'o':
			out = p.value;
			break;
		case O_DATA:
			data = p.value;
			break;
		case 'q':
			quiet = 1;
			break;
		default: /* --epochs, --seed */
			errno = 0;
			n = strtol(p.value, &end, 10);
			if (errno || *end || end == p.value || n < (o == O_EPOCHS))
				return cli_opts_error(&p, "bad number '%s'", p.value);
			*(o == O_EPOCHS ? &epochs : &seed) = n;
		}
	}
	if (o < 0)
		return cli_opts_exit(o);
	if (!gold || !out)
		return cli_opts_error(&p, "%s", "--gold and --out are required");
	ct_ctx *ctx;
	if (cli_context(data, &ctx))
		return EXIT_FATAL;
	char err[512];
	int rc = ct_train_attribution(ctx, gold, out, (int)epochs, (unsigned)seed, quiet ? NULL : stderr, err, sizeof err);
	ct_ctx_free(ctx);
	if (rc) {
		fprintf(stderr, "claimtrace: %s\n", err);
		return rc == CT_EARG ? EXIT_USAGE : EXIT_FATAL;
	}
	return 0;
}

static const cli_command train_commands[] = {
	{"attribution", train_attribution, "the attribution tagger, from PolNeAR's brat gold"},
	{"statement", cli_train_statement, "the statement stance model, from Emergent's headlines"},
	{NULL, NULL, NULL}};

static const cli_group train_group = {
	"train",
	"usage: claimtrace train attribution --gold DIR --out MODEL [OPTIONS]\n"
	"       claimtrace train statement --emergent FILE --out MODEL [OPTIONS]\n"
	"\n"
	"Learns a model from annotated data; 'claimtrace train COMMAND --help' for its\n"
	"options.\n",
	train_commands, NULL};

int cli_train(int argc, char **argv)
{
	return cli_dispatch(&train_group, argc, argv);
}
