/*
 * fuzz_attr_model.c — the attribution model loader on arbitrary bytes: a
 * model file is user input too (a data directory). The last four bytes are
 * set to the file's FNV-1a checksum, as the writer sets them, so that
 * mutations reach the parser behind the checksum (a wrong one alone is
 * tests/cli/model.sh's). What loads must decode a short sequence with each
 * of its four models into tags it has. The seed corpus holds small models
 * written by ct_seq_save. Built as a libFuzzer target by `make fuzz`,
 * replayed over fuzz/corpus/attr_model by `make test`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/ml/seqtag.h"
#include "temp_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *in, size_t size)
{
	uint8_t *data = malloc(size ? size : 1);
	memcpy(data, in, size);
	if (size >= 14) {
		uint32_t h = 2166136261u;
		for (size_t i = 0; i < size - 4; i++)
			h = (h ^ data[i]) * 16777619u;
		for (int k = 0; k < 4; k++)
			data[size - 4 + k] = (uint8_t)(h >> (8 * k));
	}
	char path[] = "/tmp/ct-fuzz-attr-model-XXXXXX";
	if (temp_file(path, data, size)) {
		free(data);
		return 0;
	}
	ct_seq_model m[4];
	char err[256];
	if (ct_seq_load(m, 4, path, err, sizeof err) == 0) {
		ct_seq_input seq = {0};
		for (uint32_t t = 0; t < 5; t++) {
			ct_seq_input_next(&seq);
			for (uint32_t f = 0; f < 8; f++)
				ct_seq_input_add(&seq, ct_seq_hash(f, (const char *)&t, sizeof t));
		}
		uint8_t tags[5];
		float *scratch = NULL;
		size_t cap = 0;
		for (int k = 0; k < 4; k++) {
			ct_seq_decode(&m[k], &seq, tags, &scratch, &cap);
			for (size_t i = 0; i < seq.n; i++)
				if (tags[i] >= m[k].ntags)
					abort(); /* a tag the model does not have */
		}
		free(scratch);
		ct_seq_input_free(&seq);
		for (int k = 0; k < 4; k++)
			ct_seq_free(&m[k]);
	}
	unlink(path);
	free(data);
	return 0;
}
