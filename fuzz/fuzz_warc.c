/*
 * fuzz_warc.c — the crawl reader on arbitrary bytes: plain WARC, or gzip
 * members when the bytes start 1f 8b; every page it finds goes through the
 * HTML reader and the normalize stage, and the records it passes over are
 * counted. Built as a libFuzzer target by `make fuzz`, replayed over
 * fuzz/corpus/warc by `make test`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "claimtrace.h"
#include "temp_file.h"

static ct_ctx *ctx;

static void read_as(const char *path, ct_input_format fmt)
{
	ct_reader *r;
	ct_reader_open(&r, ctx, path, fmt);
	ct_doc *doc;
	int rc, guard = 0;
	while ((rc = ct_reader_next(r, &doc)) != 0 && guard++ < 10000) {
		if (rc < 0)
			continue;
		ct_doc_run(ctx, doc, CT_STAGE_NORMALIZE);
		ct_doc_free(doc);
	}
	char why[128];
	ct_reader_skipped(r, why, sizeof why);
	ct_reader_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!ctx && ct_ctx_new(&ctx, NULL))
		abort(); /* the data files must load */
	char path[] = "/tmp/ct-fuzz-warc-XXXXXX";
	if (temp_file(path, data, size))
		return 0;
	read_as(path, CT_IN_WARC);
	unlink(path);
	return 0;
}
