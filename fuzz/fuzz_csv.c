/*
 * fuzz_csv.c — the CSV reader on arbitrary bytes: a header naming the
 * columns, then records (quoted fields over several lines, doubled quotes,
 * short and long rows), read by the usual column names and by --field text=body.
 * Every article read goes through normalize. Built as a libFuzzer target by
 * `make fuzz`, replayed over fuzz/corpus/csv by `make test`.
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
	char path[] = "/tmp/ct-fuzz-csv-XXXXXX";
	if (temp_file(path, data, size))
		return 0;
	for (int pass = 0; pass < 2; pass++) {
		ct_reader *r;
		ct_reader_open(&r, ctx, path, CT_IN_CSV);
		if (pass && ct_reader_set_field(r, "text", "body"))
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
