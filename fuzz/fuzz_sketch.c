/*
 * fuzz_sketch.c — wire-reprint sketches on arbitrary bytes: the input is
 * two texts (split at the first NUL byte, else halved); both are
 * sketched, compared, banded, packed and unpacked, and their shared
 * passages found. Aborts when a passage's spans leave their text or do
 * not hold the same words in both texts, or when the binary form does not
 * give the sketch back. Built as a libFuzzer target by `make fuzz`,
 * replayed over fuzz/corpus/sketch by `make test`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/text/sketch.h"

/* The shingles of a span of each text are the same sequence. */
static int same_words(const char *a, size_t an, const char *b, size_t bn)
{
	uint64_t *x = NULL, *y = NULL;
	size_t cx = 0, cy = 0;
	size_t nx = ct_sketch_shingles(a, an, &x, &cx, NULL, NULL);
	size_t ny = ct_sketch_shingles(b, bn, &y, &cy, NULL, NULL);
	int same = nx == ny && (!nx || !memcmp(x, y, nx * sizeof *x));
	free(x);
	free(y);
	return same;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *a = (const char *)data;
	const uint8_t *nul = memchr(data, 0, size);
	size_t an = nul ? (size_t)(nul - data) : size / 2;
	const char *b = a + an + (nul ? 1 : 0);
	size_t bn = size - an - (nul ? 1 : 0);

	ct_sketch sa, sb, back;
	ct_sketch_make(&sa, a, an);
	ct_sketch_make(&sb, b, bn);
	ct_sketch_sim s = ct_sketch_compare(&sa, &sb);
	if (s.jaccard < 0 || s.jaccard > 1 || s.containment < 0 || s.containment > 1)
		abort();
	(void)ct_sketch_is_reprint(&sa, &sb);
	uint64_t keys[CT_SKETCH_BANDS];
	ct_sketch_bands(&sa, keys);
	unsigned char blob[CT_SKETCH_BYTES];
	ct_sketch_pack(&sa, blob);
	if (ct_sketch_unpack(&back, blob, sizeof blob) || memcmp(&back, &sa, sizeof sa))
		abort();
	if (!ct_sketch_unpack(&back, data, size) && size != CT_SKETCH_BYTES)
		abort();

	ct_passage *p;
	size_t n = ct_sketch_passages(a, an, b, bn, 3, &p);
	for (size_t k = 0; k < n; k++) {
		if ((size_t)p[k].a_off + p[k].a_len > an || (size_t)p[k].b_off + p[k].b_len > bn || p[k].words < 3)
			abort();
		if (!same_words(a + p[k].a_off, p[k].a_len, b + p[k].b_off, p[k].b_len))
			abort();
	}
	free(p);
	return 0;
}
