/*
 * fuzz_jsonl.c — the JSONL reader on arbitrary bytes: records one a line,
 * or one JSON array of them; the scraper's field names and a dotted key
 * (--field title=meta.title) looked up in each. Every article read goes
 * through normalize. Built as a libFuzzer target by `make fuzz`, replayed
 * over fuzz/corpus/jsonl by `make test`.
 */
#include <stdint.h>

#include "read_records.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return read_records(data, size, CT_IN_JSONL, "title", "meta.title");
}
