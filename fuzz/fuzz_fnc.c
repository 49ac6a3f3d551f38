/*
 * fuzz_fnc.c — FNC-1's CSV reader and the splits built on it, on arbitrary
 * bytes. The input is the bodies file, a NUL byte, then the stances file
 * (no NUL: stances only, no bodies); each goes to a file of its own since
 * the reader takes paths, as `stance` does. What reads is split by body,
 * by story and at a label mix, and scored against itself. Built as a
 * libFuzzer target by `make fuzz`, replayed over fuzz/corpus/fnc by
 * `make test`.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "claimtrace.h"
#include "temp_file.h"

static void exercise(const ct_stance_data *d)
{
	size_t n = ct_stance_data_npairs(d);
	int *side = calloc(n + 1, sizeof *side);
	int *gold = calloc(n + 1, sizeof *gold);
	for (size_t i = 0; i < n; i++) {
		int l = ct_stance_data_label(d, i);
		gold[i] = l < 0 ? 0 : l;
		(void)ct_stance_holdout(ct_stance_data_body_id(d, i), 0.2, 1);
	}
	ct_stance_eval e;
	ct_stance_score(&e, gold, gold, n);
	ct_stance_split_counts sc;
	ct_stance_split_story(d, 0.5, 1, side, &sc);
	static const double mix[CT_STANCE_NLABELS] = {1903, 697, 4464, 18349};
	ct_stance_mix_counts mc;
	ct_stance_data *held = ct_stance_mix_holdout(d, side, mix, 1, &mc);
	ct_stance_data_free(held);
	free(side);
	free(gold);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	char bodies[] = "/tmp/ct_fuzz_bodies_XXXXXX", stances[] = "/tmp/ct_fuzz_stances_XXXXXX";
	int have_bodies = nul != NULL;
	const uint8_t *s = nul ? nul + 1 : data;
	size_t slen = size - (size_t)(s - data);
	if (have_bodies && temp_file(bodies, data, (size_t)(nul - data)) != 0)
		return 0;
	if (temp_file(stances, s, slen) == 0) {
		ct_stance_data *d = NULL;
		int rc = ct_stance_data_read(&d, have_bodies ? bodies : NULL, stances);
		if (rc == 0 || rc == CT_EFORMAT) /* a bad row is left out, the rest read */
			exercise(d);
		ct_stance_data_free(d);
		unlink(stances);
	}
	if (have_bodies)
		unlink(bodies);
	return 0;
}
