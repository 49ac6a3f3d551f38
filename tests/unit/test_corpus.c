/*
 * The real text in ../shared/corpus (skipped when absent): offsets map back
 * to the input exactly, and the seed articles split into the sentences a
 * reader finds (counts checked by hand against the articles).
 */
#include <dirent.h>
#include <stdlib.h>

#include "test.h"

/* Every token's input span, normalized on its own, gives the token back. */
static int round_trip(const char *path, size_t *ntok)
{
	size_t len;
	char *raw = t_slurp(path, &len);
	if (!raw)
		return 0;
	ct_doc *d = ct_doc_new("x", raw, len);
	ct_doc_run(t_ctx, d, CT_STAGE_SEGMENT);
	size_t n;
	const ct_token *t = ct_doc_tokens(d, &n);
	const char *text = ct_doc_text(d, NULL);
	int bad = 0;
	for (size_t i = 0; i < n && bad < 3; i++) {
		size_t b[2], c[2];
		ct_doc_input_span(d, t[i].off, t[i].len, b, c);
		ct_doc *piece = ct_doc_new("p", raw + b[0], b[1] - b[0]);
		ct_doc_run(t_ctx, piece, CT_STAGE_NORMALIZE);
		size_t pl;
		const char *pt = ct_doc_text(piece, &pl);
		/* Character offsets agree with the bytes. */
		size_t chars = 0;
		for (size_t k = 0; k < b[0]; k++)
			chars += ((unsigned char)raw[k] & 0xC0) != 0x80;
		if (pl != t[i].len || memcmp(pt, text + t[i].off, pl) || chars != c[0]) {
			printf("FAIL %s: token %zu '%.*s' maps to bytes %zu-%zu '%.*s' (chars %zu, counted %zu)\n", path, i,
			       (int)t[i].len, text + t[i].off, b[0], b[1], (int)pl, pt, c[0], chars);
			bad++;
		}
		ct_doc_free(piece);
	}
	*ntok += n;
	ct_doc_free(d);
	free(raw);
	return !bad;
}

void test_corpus(void)
{
	if (!t_corpus) {
		printf("skip: corpus tests (no ../shared/corpus)\n");
		return;
	}
	/* Sentence counts of the seed articles, verified by reading each one. */
	static const struct {
		const char *name;
		size_t paragraphs, sentences;
	} seeds[] = {{"000_560b16deac020530.txt", 5, 12}, {"001_282f9fa79cb3d0a9.txt", 6, 15},
		     {"002_798b2123373476ee.txt", 20, 22}, {"003_2696b59510ee6b97.txt", 13, 16},
		     {"004_44a3af13d3ba4dd8.txt", 16, 31}};
	char path[512];
	for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++) {
		snprintf(path, sizeof path, "%s/seeds/%s", t_corpus, seeds[i].name);
		size_t len;
		char *raw = t_slurp(path, &len);
		CHECK(raw != NULL, "%s missing", path);
		if (!raw)
			continue;
		ct_doc *d = ct_doc_new("s", raw, len);
		ct_doc_run(t_ctx, d, CT_STAGE_SEGMENT);
		size_t np, ns;
		ct_doc_paragraphs(d, &np);
		ct_doc_sentences(d, &ns);
		CHECK(np == seeds[i].paragraphs && ns == seeds[i].sentences, "%s: %zu paragraphs, %zu sentences",
		      seeds[i].name, np, ns);
		ct_doc_free(d);
		free(raw);
		size_t ntok = 0;
		CHECK(round_trip(path, &ntok), "%s offsets", seeds[i].name);
	}
	/* PolNeAR dev: curly quotes, dashes, odd spaces over 84 articles. */
	snprintf(path, sizeof path, "%s/polnear/dev/text", t_corpus);
	DIR *dir = opendir(path);
	if (!dir) {
		printf("skip: PolNeAR dev (absent)\n");
		return;
	}
	struct dirent *e;
	size_t files = 0, ntok = 0, ok = 0;
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		char p[1024];
		snprintf(p, sizeof p, "%s/%s", path, e->d_name);
		ok += (size_t)round_trip(p, &ntok);
		files++;
	}
	closedir(dir);
	CHECK(files > 0 && ok == files, "PolNeAR dev offsets: %zu of %zu files", ok, files);
	printf("PolNeAR dev: %zu files, %zu tokens map back to their input\n", files, ntok);
}
