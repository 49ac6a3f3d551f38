/*
 * fuzz_group.c — the packed forms of story discovery on arbitrary bytes:
 * the store keeps an article's grouping features and the grouper's state
 * in the database, and reads them back, so a damaged file must be refused,
 * never read past. The first byte chooses: even, the bytes are features;
 * odd, a grouper's state. What unpacks must pack again to bytes that
 * unpack to the same bytes, and a grouper that unpacks must take another
 * article. The seed corpus is features and a grouper packed from three
 * articles written for it. Built as a libFuzzer target by `make fuzz`,
 * replayed over fuzz/corpus/group by `make test`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/story/group.h"

static int same_after_repack(const ct_buf *a)
{
	ct_group_feat *f = ct_group_feat_unpack(a->data, a->len);
	if (!f)
		return 0;
	ct_buf b = {0};
	ct_group_feat_pack(f, &b);
	int same = b.len == a->len && !memcmp(a->data, b.data, b.len);
	ct_group_feat_free(f);
	ct_buf_free(&b);
	return same;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	const uint8_t *p = data + 1;
	size_t n = size - 1;
	if (!(data[0] & 1)) {
		ct_group_feat *f = ct_group_feat_unpack(p, n);
		if (f) {
			ct_buf a = {0};
			ct_group_feat_pack(f, &a);
			if (!same_after_repack(&a))
				abort(); /* packed bytes must read back as themselves */
			ct_grouper *g = ct_grouper_new();
			ct_grouper_add(g, f);
			ct_grouper_add(g, f);
			if (ct_grouper_nstories(g) < 1)
				abort();
			ct_grouper_free(g);
			ct_buf_free(&a);
		}
		ct_group_feat_free(f);
		return 0;
	}
	ct_grouper *g = ct_grouper_unpack(p, n);
	if (g) {
		static const char text[] = "The harbour at Kamari reopened on Friday after the oil spill was contained.";
		ct_doc *doc = ct_doc_new("fuzz", text, sizeof text - 1);
		ct_group_feat *f = NULL;
		ct_ctx *ctx = NULL;
		if (ct_ctx_new(&ctx, NULL) == 0 && ct_doc_run(ctx, doc, CT_STAGE_SEGMENT) == 0)
			f = ct_group_feat_new(ctx, doc);
		size_t before = ct_grouper_narticles(g);
		if (f && ct_grouper_add(g, f) >= ct_grouper_nstories(g))
			abort();
		if (f && ct_grouper_narticles(g) != before + 1)
			abort();
		for (uint32_t s = 0; s < ct_grouper_nstories(g); s++)
			(void)ct_grouper_story_title(g, s);
		ct_buf b = {0};
		ct_grouper_pack(g, &b);
		ct_grouper *again = ct_grouper_unpack(b.data, b.len);
		if (!again)
			abort(); /* what it packs it must read */
		ct_grouper_free(again);
		ct_buf_free(&b);
		ct_group_feat_free(f);
		ct_doc_free(doc);
		ct_ctx_free(ctx);
	}
	ct_grouper_free(g);
	return 0;
}
