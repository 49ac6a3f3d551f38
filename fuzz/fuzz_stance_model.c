/*
 * fuzz_stance_model.c — the stance model loader on arbitrary bytes: a
 * model file is user input too (--model, --stance-model, a data
 * directory). The last four bytes are set to the file's FNV-1a checksum,
 * as the writer sets them, so that mutations reach the parser behind the
 * checksum (a wrong checksum alone is tests/unit/test_stance.c's). What
 * loads must label a pair, both ways, to the same probabilities. The seed
 * corpus is a tiny model trained here on made-up pairs. Built as a libFuzzer target by `make fuzz`, replayed over
 * fuzz/corpus/stance_model by `make test`.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "claimtrace.h"
#include "temp_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *in, size_t size)
{
	uint8_t *data = malloc(size ? size : 1);
	memcpy(data, in, size);
	if (size >= 16) {
		uint32_t h = 2166136261u;
		for (size_t i = 0; i < size - 4; i++)
			h = (h ^ data[i]) * 16777619u;
		for (int k = 0; k < 4; k++)
			data[size - 4 + k] = (uint8_t)(h >> (8 * k));
	}
	char path[] = "/tmp/ct_fuzz_model_XXXXXX";
	if (temp_file(path, data, size)) {
		free(data);
		return 0;
	}
	ct_stance_model *m = NULL;
	if (ct_stance_model_load(&m, path, NULL) == 0) {
		static const char headline[] = "Harbor closed", body[] = "Officials said the harbor closed on Monday.";
		float a[CT_STANCE_NLABELS], b[CT_STANCE_NLABELS];
		ct_stance_label la = ct_stance_predict(m, headline, body, a);
		ct_stance_body *pb = ct_stance_body_new(m, body);
		ct_stance_label lb = ct_stance_predict_body(m, headline, pb, b);
		ct_stance_body_free(pb);
		if (la != lb || memcmp(a, b, sizeof a) != 0)
			abort(); /* the prepared body must answer as the plain call */
	}
	ct_stance_model_free(m);
	unlink(path);
	free(data);
	return 0;
}
