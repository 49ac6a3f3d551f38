/*
 * test.h — a small harness: CHECK macros count passes and failures, print
 * "ok …" or "FAIL file:line: …", and main.c ends with "N passed, N failed".
 */
#ifndef CT_TEST_H
#define CT_TEST_H

#include <stdio.h>
#include <string.h>

#include "claimtrace.h"

extern int t_pass, t_fail;

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (cond) {                                                                        \
			t_pass++;                                                                  \
		} else {                                                                           \
			t_fail++;                                                                  \
			printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);                     \
			printf(__VA_ARGS__);                                                       \
			printf("\n");                                                              \
		}                                                                                  \
	} while (0)

#define CHECK_INT(a, b) CHECK((long long)(a) == (long long)(b), "%lld != %lld", (long long)(a), (long long)(b))
static inline const char *t_or_null(const char *s);
static inline int t_streq(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}
#define CHECK_STR(a, b) CHECK(t_streq((a), (b)), "\"%s\" != \"%s\"", t_or_null(a), t_or_null(b))
static inline const char *t_or_null(const char *s)
{
	return s ? s : "(null)";
}

/* The shared context, loaded once by main.c. */
extern ct_ctx *t_ctx;
/* Where ../shared/corpus is, or NULL when it is absent (tests skip). */
extern const char *t_corpus;

/* A document from a string, run to `until`. Owned. */
ct_doc *t_doc(const char *text, ct_stage until);
/* The text of span (off, len) as a new string. Owned. */
char *t_span(const ct_doc *doc, uint32_t off, uint32_t len);
/* Reads a whole file; NULL if absent. Owned. */
char *t_slurp(const char *path, size_t *len);

void test_normalize(void);
void test_segment(void);
void test_date(void);
void test_read(void);
void test_web(void);
void test_corpus(void);
void test_brat(void);
void test_score(void);
void test_stance(void);
void test_attribute(void);
void test_code(void);
void test_sketch(void);
void test_story(void);
void test_story_stance(void);
void test_store(void);
void test_group(void);
void test_serve(void);

#endif
