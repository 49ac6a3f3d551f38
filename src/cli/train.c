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
	"       claimtrace train statement --emergent FILE --out MODEL   (see --help there)\n"
	"\n"
	"Learns the attribution tagger (an averaged perceptron over paragraphs) from\n"
	"DIR/text/NAME.txt and DIR/attributions/NAME_ANNOTATOR.ann (PolNeAR's layout;\n"
	"the first annotator by name). The same data and seed give the same model.\n"
	"\n"
	"options:\n"
	"  -g, --gold DIR      the training split (required)\n"
	"  -o, --out MODEL     where to write the model (required)\n"
	"      --epochs N      passes over the data (default 10)\n"
	"      --seed N        shuffling seed (default 1)\n"
	"      --data DIR      lexicons (default: $CLAIMTRACE_DATA or built in)\n"
	"  -q, --quiet         no progress on stderr\n"
	"  -h, --help          this help\n";

int cli_train(int argc, char **argv)
{
	if (argc < 1 || !strcmp(argv[0], "-h") || !strcmp(argv[0], "--help")) {
		fputs(usage_train, argc < 1 ? stderr : stdout);
		return argc < 1 ? EXIT_USAGE : 0;
	}
	if (!strcmp(argv[0], "statement"))
		return cli_train_statement(argc, argv);
	if (strcmp(argv[0], "attribution"))
		return cli_usage_error("train", "unknown model '%s' (attribution, statement)", argv[0]);
	const char *gold = NULL, *out = NULL, *data = NULL;
	long epochs = 10, seed = 1;
	int quiet = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		char *end;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage_train, stdout);
			return 0;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			quiet = 1;
		} else if (!v) {
			return cli_usage_error("train", "%s needs a value or is unknown", a);
		} else if (!strcmp(a, "-g") || !strcmp(a, "--gold")) {
			gold = argv[++i];
		} else if (!strcmp(a, "-o") || !strcmp(a, "--out")) {
			out = argv[++i];
		} else if (!strcmp(a, "--data")) {
			data = argv[++i];
		} else if (!strcmp(a, "--epochs") || !strcmp(a, "--seed")) {
			errno = 0;
			long n = strtol(v, &end, 10);
			if (errno || *end || end == v || n < (a[2] == 'e'))
				return cli_usage_error("train", "bad number '%s'", v);
			*(a[2] == 'e' ? &epochs : &seed) = n;
			i++;
		} else {
			return cli_usage_error("train", "unknown option '%s'", a);
		}
	}
	if (!gold || !out)
		return cli_usage_error("train", "%s", "--gold and --out are required");
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
