/*
 * fuzz_csv.c — the CSV reader on arbitrary bytes: a header naming the
 * columns, then records (quoted fields over several lines, doubled quotes,
 * short and long rows), read by the usual column names and by --field text=body.
 * Every article read goes through normalize. Built as a libFuzzer target by
 * `make fuzz`, replayed over fuzz/corpus/csv by `make test`.
 */
#include <stdint.h>

#include "read_records.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return read_records(data, size, CT_IN_CSV, "text", "body");
}
