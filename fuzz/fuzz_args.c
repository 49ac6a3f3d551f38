/*
 * fuzz_args.c — the option parser (src/cli/opts.c) and the shared input
 * options (src/cli/pool.c) on arbitrary argument lists: the input split at
 * NUL bytes into at most 64 arguments, parsed against a table with every
 * kind of row (short and long, with and without a value, long-only ids,
 * the shared group). Aborts when the parser breaks its contract: a value
 * missing for an option that takes one, operands past the table's
 * maximum, an id that is in no table. What the parser prints (usage
 * errors, --help) goes to /dev/null. Built as a libFuzzer target by
 * `make fuzz`, replayed over fuzz/corpus/args by `make test`.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/cli/cli.h"
#include "../src/cli/opts.h"
#include "../src/cli/pool.h"

enum { O_LONG = 256, O_FLAG };

static const cli_opt opts[] = {
	{'f', "format", "FMT", "a value"},
	{'o', "output", "FILE", "another"},
	{'c', "claim", "TEXT", "repeatable"},
	{'x', "exact", NULL, "a flag"},
	{O_LONG, "long-only", "N", "a long option with a value"},
	{O_FLAG, "long-flag", NULL, "a long flag"},
	CLI_OPT_END};

static const cli_spec spec = {"fuzz", "usage: fuzz\n", opts, cli_input_opts, NULL, 3};

/* The row of option `id`: the command's own (*own set), or the group's. */
static const cli_opt *row(int id, int *own)
{
	for (const cli_opt *o = opts; o->name; o++)
		if (o->id == id)
			return *own = 1, o;
	for (const cli_opt *o = cli_input_opts; o->name; o++)
		if (o->id == id)
			return *own = 0, o;
	abort(); /* an id in no table */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = 0;
	char *argv[66] = {"fuzz"};
	int argc = 1;
	for (size_t i = 0; i <= size && argc < 65;) {
		argv[argc++] = buf + i;
		i += strlen(buf + i) + 1;
	}
	argv[argc] = NULL;
	fflush(stdout);
	int out = dup(1), err = dup(2), null = open("/dev/null", O_WRONLY);
	dup2(null, 1);
	dup2(null, 2);
	cli_input in;
	cli_input_init(&in);
	cli_opts p;
	int o;
	cli_opts_init(&p, &spec, argc, argv);
	while ((o = cli_opts_next(&p)) > 0) {
		int own;
		const cli_opt *r = row(o, &own);
		if (r->arg && !p.value)
			abort(); /* an option with a value came without one */
		if (!own && cli_input_option(&in, &p, o) == -1)
			abort(); /* a shared option the group does not take */
	}
	if (o == 0 && (p.nargs < 0 || p.nargs > 3 || p.nargs > argc))
		abort(); /* operands past the table's maximum */
	fflush(stdout);
	fflush(stderr);
	dup2(out, 1);
	dup2(err, 2);
	close(out);
	close(err);
	close(null);
	free(buf);
	return 0;
}
