/* main.c — runs the unit tests of every stage. */
#include <stdlib.h>
#include <sys/stat.h>

#include "test.h"

int t_pass, t_fail;
ct_ctx *t_ctx;
const char *t_corpus;

ct_doc *t_doc(const char *text, ct_stage until)
{
	ct_doc *doc = ct_doc_new("t", text, strlen(text));
	int rc = ct_doc_run(t_ctx, doc, until);
	CHECK(rc == 0, "ct_doc_run: %d", rc);
	return doc;
}

char *t_span(const ct_doc *doc, uint32_t off, uint32_t len)
{
	const char *t = ct_doc_text(doc, NULL);
	char *s = malloc(len + 1);
	memcpy(s, t + off, len);
	s[len] = 0;
	return s;
}

char *t_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *p = malloc((size_t)n + 1);
	size_t got = fread(p, 1, (size_t)n, f);
	fclose(f);
	p[got] = 0;
	if (len)
		*len = got;
	return p;
}

int main(void)
{
	if (ct_ctx_new(&t_ctx, NULL)) {
		printf("FAIL loading data: %s\n0 passed, 1 failed\n", ct_ctx_error(t_ctx));
		return 1;
	}
	const char *c = getenv("CORPUS");
	struct stat st;
	if (c && stat(c, &st) == 0 && S_ISDIR(st.st_mode))
		t_corpus = c;
	test_date();
	test_normalize();
	test_segment();
	test_read();
	test_web();
	test_corpus();
	test_brat();
	test_score();
	test_stance();
	test_attribute();
	test_code();
	test_sketch();
	test_story();
	test_story_stance();
	test_store();
	test_group();
	test_serve();
	ct_ctx_free(t_ctx);
	printf("%d passed, %d failed\n", t_pass, t_fail);
	return t_fail ? 1 : 0;
}
