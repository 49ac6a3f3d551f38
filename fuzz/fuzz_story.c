/*
 * fuzz_story.c — the story map on arbitrary bytes: the input is split at
 * NUL bytes into articles (at most 8), each run through the pipeline, then
 * the map is built with the shipped stance model at a low threshold (so
 * that inferred stances are made and rendered) and written in every
 * format. Built as a libFuzzer target by `make fuzz`, replayed over
 * fuzz/corpus/story by `make test`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "claimtrace.h"

static ct_ctx *ctx;
static ct_stance_model *model;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!ctx && ct_ctx_new(&ctx, NULL))
		abort(); /* the data files must load */
	if (!model && ct_stance_model_load(&model, NULL, NULL))
		abort(); /* and the shipped model */
	ct_story *st = ct_story_new(ctx);
	if (ct_story_set_stance(st, model, 0.3))
		abort();
	const char *p = (const char *)data, *end = p + size;
	for (int k = 0; k < 8 && p <= end; k++) {
		const char *nul = memchr(p, 0, (size_t)(end - p));
		size_t len = nul ? (size_t)(nul - p) : (size_t)(end - p);
		char name[16] = "fuzz-0";
		name[5] = (char)('0' + k);
		ct_doc *doc = ct_doc_new(name, p, len);
		if (ct_doc_run(ctx, doc, CT_STAGE_CODE) == 0)
			ct_story_add_doc(st, doc);
		ct_doc_free(doc);
		if (!nul)
			break;
		p = nul + 1;
	}
	ct_story_build(st);
	for (int f = CT_STORY_TEXT; f <= CT_STORY_HTML; f++) {
		size_t n;
		free(ct_story_render(st, (ct_story_format)f, &n));
	}
	ct_story_free(st);
	return 0;
}
