/*
 * fuzz_jsonl.c — the JSONL reader on arbitrary bytes: records one a line,
 * or one JSON array of them; the scraper's field names and a dotted key
 * (--field title=meta.title) looked up in each. Every article read goes
 * through normalize. Built as a libFuzzer target by `make fuzz`, replayed
 * over fuzz/corpus/jsonl by `make test`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "claimtrace.h"
#include "temp_file.h"

static ct_ctx *ctx;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!ctx && ct_ctx_new(&ctx, NULL))
		abort(); /* the data files must load */
	char path[] = "/tmp/ct-fuzz-jsonl-XXXXXX";
	if (temp_file(path, data, size))
		return 0;
	for (int pass = 0; pass < 2; pass++) {
		ct_reader *r;
		ct_reader_open(&r, ctx, path, CT_IN_JSONL);
		if (pass && ct_reader_set_field(r, "title", "meta.title"))
			abort(); /* a known field */
		ct_doc *doc;
		int rc, guard = 0;
		while ((rc = ct_reader_next(r, &doc)) != 0 && guard++ < 100000) {
			if (rc < 0)
				continue;
			ct_doc_run(ctx, doc, CT_STAGE_NORMALIZE);
			ct_doc_free(doc);
		}
		ct_reader_free(r);
	}
	unlink(path);
	return 0;
}
