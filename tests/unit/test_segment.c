/* Segmentation: tokens, sentences, paragraphs and quotation state. */
#include <stdlib.h>

#include "test.h"

/* The sentences of `text`, joined by " | ". */
static char *sentences(const char *text)
{
	ct_doc *d = t_doc(text, CT_STAGE_SEGMENT);
	size_t n;
	const ct_sentence *s = ct_doc_sentences(d, &n);
	size_t cap = strlen(text) + 4 * n + 1, len = 0;
	char *out = calloc(1, cap);
	for (size_t i = 0; i < n; i++) {
		len += (size_t)snprintf(out + len, cap - len, "%s%.*s", i ? " | " : "", (int)s[i].len,
					ct_doc_text(d, NULL) + s[i].off);
	}
	ct_doc_free(d);
	return out;
}

static void check_sents(const char *text, const char *want)
{
	char *got = sentences(text);
	CHECK_STR(got, want);
	free(got);
}

/* The tokens of `text` as "text/type" joined by spaces. */
static void check_toks(const char *text, const char *want)
{
	ct_doc *d = t_doc(text, CT_STAGE_SEGMENT);
	size_t n;
	const ct_token *t = ct_doc_tokens(d, &n);
	char out[1024];
	size_t len = 0;
	for (size_t i = 0; i < n && len < sizeof out; i++)
		len += (size_t)snprintf(out + len, sizeof out - len, "%s%.*s/%s", i ? " " : "", (int)t[i].len,
					ct_doc_text(d, NULL) + t[i].off, ct_tok_type_name((ct_tok_type)t[i].type));
	out[len < sizeof out ? len : sizeof out - 1] = 0;
	CHECK_STR(out, want);
	ct_doc_free(d);
}

void test_segment(void)
{
	/* Abbreviations, titles, initials, months. */
	check_sents("Gen. Smith spoke on Sept. 15 in Washington. He left.",
		    "Gen. Smith spoke on Sept. 15 in Washington. | He left.");
	check_sents("The U.S. State Department said so. It did.", "The U.S. State Department said so. | It did.");
	check_sents("He moved to the U.S. The move was quiet.", "He moved to the U.S. | The move was quiet.");
	check_sents("John F. Kennedy and Mr. Jones met Dr. No.", "John F. Kennedy and Mr. Jones met Dr. No.");
	check_sents("Shares of Apple Inc. rose. Others fell!", "Shares of Apple Inc. rose. | Others fell!");
	check_sents("Really? Yes. 3 people came... Then none.", "Really? | Yes. | 3 people came... | Then none.");
	check_sents("It ended at 3 p.m. The officials left.", "It ended at 3 p.m. | The officials left.");
	check_sents("It ended at 3 p.m. Eastern time.", "It ended at 3 p.m. Eastern time.");
	/* Quotes: a closing quote stays with its sentence; a lowercase word after does not start one. */
	check_sents("\"We will not go.\" Then he left.", "\"We will not go.\" | Then he left.");
	check_sents("\"Go home.\" she said. Fine.", "\"Go home.\" she said. | Fine.");
	check_sents("He said: (It was over.) Then silence.", "He said: (It was over.) | Then silence.");
	/* A paragraph always ends a sentence. */
	check_sents("No period here\nNext line", "No period here | Next line");

	check_toks("Iran's leader didn't say", "Iran/word 's/word leader/word did/word n't/word say/word");
	check_toks("U.S.-led talks on 2014-09-15, 9/11 and 1,000.5 cases",
		   "U.S.-led/word talks/word on/word 2014-09-15/number ,/punct 9/11/number and/word 1,000.5/number "
		   "cases/word");
	check_toks("See #ISIS, @StateDept and https://example.org/a?b=1.",
		   "See/word #ISIS/hashtag ,/punct @StateDept/handle and/word https://example.org/a?b=1/url ./punct");
	check_toks("Mail a.b@example.org now", "Mail/word a.b@example.org/email now/word");
	check_toks("self-serving O'Brien $5 10% 10th", "self-serving/word O'Brien/word $/symbol 5/number 10/number %/symbol 10th/number");
	check_toks("Gen. J. Smith", "Gen./word J./word Smith/word");
	/* a party and a state after a name: one token, no sentence end */
	check_toks("Crowley (D-N.Y.) and Corker, R-Tenn., said", "Crowley/word (/punct D-N.Y./word )/punct and/word "
		   "Corker/word ,/punct R-Tenn./word ,/punct said/word");
	check_sents("Sen. Lindsey Graham, R-S.C., said so. Then he left.", "Sen. Lindsey Graham, R-S.C., said so. | Then he left.");

	/* Quotation state across sentences and paragraphs. */
	const char *q = "\"I am here. I am there,\" he said. Then:\n\n"
			"\"First part of a long quote.\n\n"
			"\"Second part,\" she added.\n\n"
			"He said \"never.\n\n"
			"Unquoted again.";
	ct_doc *d = t_doc(q, CT_STAGE_SEGMENT);
	size_t ns, nt, np;
	const ct_sentence *s = ct_doc_sentences(d, &ns);
	const ct_token *t = ct_doc_tokens(d, &nt);
	ct_doc_paragraphs(d, &np);
	CHECK_INT(np, 5);
	CHECK_INT(ns, 7);
	if (ns == 7) {
		CHECK(!s[0].quoted && s[1].quoted, "second sentence carries the quote");
		CHECK(!s[2].quoted, "after the closing quote");
		CHECK(!s[3].quoted && s[4].quoted, "the quote goes on in the next paragraph");
		CHECK(!s[6].quoted, "an unclosed quote ends with its paragraph");
		CHECK((t[s[4].tok].flags & CT_TF_OPEN) != 0, "the re-opening mark");
	}
	/* "I" is quoted, "he" is not. */
	CHECK((t[1].flags & CT_TF_QUOTED) && (t[0].flags & CT_TF_OPEN), "first quote opens");
	ct_doc_free(d);

	/* Every token lies inside its sentence, sentences inside paragraphs, in order. */
	d = t_doc("A. B. \"C\" d. E!\n\nF? \"G.\nH", CT_STAGE_SEGMENT);
	s = ct_doc_sentences(d, &ns);
	t = ct_doc_tokens(d, &nt);
	size_t covered = 0;
	for (size_t i = 0; i < ns; i++) {
		covered += s[i].ntok;
		CHECK(t[s[i].tok].off == s[i].off, "sentence %zu starts at its first token", i);
		const ct_token *last = &t[s[i].tok + s[i].ntok - 1];
		CHECK(last->off + last->len == s[i].off + s[i].len && (last->flags & CT_TF_SENT_END), "sentence %zu end", i);
	}
	CHECK_INT(covered, nt);
	ct_doc_free(d);

	/* Pathological input: one huge paragraph of unclosed quotes and periods. */
	size_t big = 1 << 20;
	char *p = malloc(big + 1);
	for (size_t i = 0; i < big; i++)
		p[i] = "\"a. "[i % 4];
	p[big] = 0;
	d = t_doc(p, CT_STAGE_SEGMENT);
	ct_doc_sentences(d, &ns);
	CHECK(ns > 1000, "%zu sentences", ns);
	ct_doc_free(d);
	free(p);
}
