/* Normalization: canonical characters, repairs, hard wrap, offset map. */
#include <stdlib.h>

#include "test.h"

static void check_norm(const char *in, const char *want)
{
	ct_doc *d = t_doc(in, CT_STAGE_NORMALIZE);
	CHECK_STR(ct_doc_text(d, NULL), want);
	ct_doc_free(d);
}

/* The input span of normalized (off, len), in bytes and characters. */
static void check_span(const char *in, uint32_t off, uint32_t len, size_t b0, size_t b1, size_t c0, size_t c1)
{
	ct_doc *d = t_doc(in, CT_STAGE_NORMALIZE);
	size_t b[2], c[2];
	ct_doc_input_span(d, off, len, b, c);
	CHECK(b[0] == b0 && b[1] == b1 && c[0] == c0 && c[1] == c1,
	      "%s [%u+%u]: bytes %zu-%zu chars %zu-%zu, want %zu-%zu %zu-%zu", in, off, len, b[0], b[1], c[0],
	      c[1], b0, b1, c0, c1);
	ct_doc_free(d);
}

void test_normalize(void)
{
	check_norm("\xE2\x80\x9CHello,\xE2\x80\x9D she said. It\xE2\x80\x99s", "\"Hello,\" she said. It's");
	check_norm("war\xE2\x80\x94or peace \xE2\x80\x93 maybe", "war\xE2\x80\x94or peace \xE2\x80\x94 maybe");
	check_norm("wait\xE2\x80\xA6 no", "wait... no");
	check_norm("a\xC2\xA0" "b\xE2\x80\x8B" "c\xC2\xAD" "d", "a bcd");
	check_norm("line\r\nnext\rlast", "line\nnext\nlast");
	check_norm("tab\there", "tab here");
	/* NFC: e + combining acute composes; an already composed one stays. */
	check_norm("cafe\xCC\x81 caf\xC3\xA9", "caf\xC3\xA9 caf\xC3\xA9");
	check_norm("\xE2\x84\xAB", "\xC3\x85"); /* ANGSTROM SIGN → Å */
	/* Doubled apostrophes and backquotes are double quotation marks; one
	 * apostrophe stays one. */
	check_norm("''Go,'' he said. ``Now.'' Jones' car", "\"Go,\" he said. \"Now.\" Jones' car");
	check_norm("'''", "\"'");

	/* Invalid bytes and NUL become U+FFFD, counted, with a warning naming the line. */
	const char bad[] = "ok\nbad \xFF here\n";
	ct_doc *d = t_doc(bad, CT_STAGE_NORMALIZE);
	CHECK_STR(ct_doc_text(d, NULL), "ok\nbad \xEF\xBF\xBD here\n");
	CHECK_INT(ct_doc_nwarnings(d), 1);
	CHECK(ct_doc_nwarnings(d) && strstr(ct_doc_warning(d, 0), ":2: 1 invalid"), "%s",
	      ct_doc_nwarnings(d) ? ct_doc_warning(d, 0) : "no warning");
	ct_doc_free(d);
	d = ct_doc_new("nul", "a\0b", 3);
	CHECK_INT(ct_doc_run(t_ctx, d, CT_STAGE_NORMALIZE), 0);
	CHECK_STR(ct_doc_text(d, NULL), "a\xEF\xBF\xBD" "b");
	ct_doc_free(d);
	/* An empty document's text is "" (terminated: later stages and the
	 * story's stance tokens scan it as a string). */
	check_norm("", "");
	d = ct_doc_new("empty", "", 0);
	CHECK_INT(ct_doc_run(t_ctx, d, CT_STAGE_LAST), 0);
	size_t tlen = 99;
	const char *t = ct_doc_text(d, &tlen);
	CHECK(t && tlen == 0 && t[0] == 0, "empty document: text of %zu bytes", tlen);
	ct_doc_free(d);
	check_norm("\xC0\xAF trunc \xE2\x80", "\xEF\xBF\xBD\xEF\xBF\xBD trunc \xEF\xBF\xBD\xEF\xBF\xBD");

	/* Offsets: the word inside curly quotes maps to its input bytes and chars. */
	check_span("\xE2\x80\x9CHello\xE2\x80\x9D", 1, 5, 3, 8, 1, 6);
	/* The closing quote: 1 byte normalized, 3 bytes of input. */
	check_span("\xE2\x80\x9CHello\xE2\x80\x9D", 6, 1, 8, 11, 6, 7);
	/* A span ending before a deleted CR ends before it; one starting after starts after. */
	check_span("ab\r\ncd", 0, 2, 0, 2, 0, 2);
	check_span("ab\r\ncd", 2, 1, 3, 4, 3, 4);
	/* The word after an opening '' maps back past both apostrophes. */
	check_span("''Go''", 1, 2, 2, 4, 2, 4);
	check_span("''Go''", 3, 1, 4, 6, 4, 6);
	/* Characters after a multi-byte one. */
	check_span("\xC3\xA9t\xC3\xA9 ok", 6, 2, 6, 8, 4, 6);
	/* A composed cluster covers both input code points. */
	check_span("cafe\xCC\x81!", 3, 2, 3, 6, 3, 5);

	/* Hard wrap: a wrapped block is joined; a sentence end before a capital
	 * keeps its paragraph break; a hyphenated word is rejoined. */
	const char *wrapped = "The minister said on Monday that the talks\n"
			      "would go on, though no date was set for the\n"
			      "next round of the negotiations in Geneva.\n"
			      "Officials on both sides called the meeting\n"
			      "useful and said a self-\n"
			      "sustaining process had begun in earnest.\n";
	check_norm(wrapped, "The minister said on Monday that the talks would go on, though no date was set for the "
			    "next round of the negotiations in Geneva.\nOfficials on both sides called the meeting "
			    "useful and said a self-sustaining process had begun in earnest.\n");
	/* Lines of very different lengths are not a wrapped block. */
	const char *plain = "A headline\nThe first paragraph is a long line of text that runs on well past any "
			    "wrapping width a wire service would use, as web copy does.\nShort one.\n";
	check_norm(plain, plain);
}
