/*
 * read_records.h — the record readers' fuzz targets (JSONL, CSV): the
 * input written to a temporary file and read twice in the format named,
 * once by the usual field names and once with FIELD read from KEY (as
 * --field FIELD=KEY), every article through normalize.
 */
#ifndef CT_FUZZ_READ_RECORDS_H
#define CT_FUZZ_READ_RECORDS_H

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "claimtrace.h"
#include "temp_file.h"

static inline int read_records(const uint8_t *data, size_t size, ct_input_format format, const char *field,
			       const char *key)
{
	static ct_ctx *ctx;
	if (!ctx && ct_ctx_new(&ctx, NULL))
		abort(); /* the data files must load */
	char path[] = "/tmp/ct-fuzz-records-XXXXXX";
	if (temp_file(path, data, size))
		return 0;
	for (int pass = 0; pass < 2; pass++) {
		ct_reader *r;
		ct_reader_open(&r, ctx, path, format);
		if (pass && ct_reader_set_field(r, field, key))
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

#endif
