/*
 * fuzz_brat.c — the brat standoff parser on arbitrary bytes. Built as a
 * libFuzzer target by `make fuzz`, replayed over fuzz/corpus/brat by
 * `make test`.
 */
#include <stdint.h>
#include <stdlib.h>

#include "../src/eval/brat.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ct_brat_doc *doc = NULL;
	char err[256];
	if (ct_brat_parse(&doc, (const char *)data, size, "fuzz", err, sizeof err) == 0)
		ct_brat_doc_free(doc);
	return 0;
}
