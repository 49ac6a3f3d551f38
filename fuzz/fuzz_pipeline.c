/*
 * fuzz_pipeline.c — every per-article stage on arbitrary bytes: read (from
 * memory), normalize, segment, tag, resolve, attribute, and each output
 * format. Built as a libFuzzer target by `make fuzz`, and replayed over
 * fuzz/corpus/pipeline by `make test` through replay.c.
 */
#include <stdint.h>
#include <stdlib.h>

#include "claimtrace.h"

static ct_ctx *ctx;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!ctx && ct_ctx_new(&ctx, NULL))
		abort(); /* the data files must load */
	ct_doc *doc = ct_doc_new("fuzz", (const char *)data, size);
	if (ct_doc_run(ctx, doc, CT_STAGE_LAST) == 0) {
		for (int f = CT_OUT_JSONL; f <= CT_OUT_BRAT; f++) {
			size_t n;
			free(ct_doc_render(doc, (ct_output_format)f, &n));
		}
	}
	ct_doc_free(doc);
	return 0;
}
