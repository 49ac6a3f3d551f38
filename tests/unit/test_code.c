/* The code stage: event frames from sentences written for these tests. */
#include <stdlib.h>

#include "test.h"
#include "../../src/core/doc.h"
#include "../../src/extract/code.h"

/* A document with a publication date, run through the code stage. */
static ct_doc *coded(const char *text, const char *published)
{
	ct_doc *doc = ct_doc_new("t", text, strlen(text));
	if (published)
		ct_doc_set_meta(doc, CT_META_PUBLISHED, published);
	int rc = ct_doc_run(t_ctx, doc, CT_STAGE_CODE);
	CHECK(rc == 0, "ct_doc_run: %d", rc);
	return doc;
}

static const char *cls_name(const ct_frame *f)
{
	return ct_verb_class_name((ct_verb_class)t_ctx->verbs.verbs[f->verb].cls);
}

/* The first frame of class `cls` (or any, when NULL), else NULL. */
static const ct_frame *find(const ct_doc *doc, const char *cls)
{
	for (size_t i = 0; i < doc->nframe; i++)
		if (!cls || (doc->frames[i].verb >= 0 && !strcmp(cls_name(&doc->frames[i]), cls)))
			return &doc->frames[i];
	return NULL;
}

/* Statements whose clause begins with `start`: their stances and modalities, as bits. */
static unsigned stances_of(const ct_doc *doc, const char *start, unsigned *modalities)
{
	unsigned st = 0;
	*modalities = 0;
	for (size_t i = 0; i < doc->nframe; i++) {
		const ct_frame *f = &doc->frames[i];
		const ct_token *t = &doc->toks[f->tok];
		if (f->ntok && !strncmp(doc->text + t->off, start, strlen(start))) {
			st |= 1u << f->stance;
			*modalities |= 1u << f->modality;
		}
	}
	return st;
}

/* What a clause says, read whole: a negated wish, a gerund after a
 * preposition, a "but" that corrects a negation, an idiom's "no". */
static void test_readings(void)
{
	unsigned mod;
	ct_doc *doc = coded("The minister did not want Norland to take part in the talks, an aide said.", NULL);
	CHECK(stances_of(doc, "Norland to take part", &mod) == 1u << CT_ST_DENY, "a negated wish is against what it wants");
	ct_doc_free(doc);
	doc = coded("The minister spoke at a conference on fighting piracy in the strait.", NULL);
	CHECK(!find(doc, "fight"), "a conference on fighting piracy: no fight");
	ct_doc_free(doc);
	doc = coded("\"There will be not even cooperation, but sort of moving in the same direction,\" the analyst said.", NULL);
	unsigned st = stances_of(doc, "\"There will be", &mod);
	CHECK(st && !(st & 1u << CT_ST_DENY) && (mod & 1u << CT_MOD_POSSIBLE), "not even X, but Y: one clause, no denial");
	ct_doc_free(doc);
	doc = coded("\"We are not coordinating with them, but as I said, we are open to talks,\" the minister said.", NULL);
	CHECK(stances_of(doc, "\"We are not coordinating", &mod) == 1u << CT_ST_DENY, "not X, but as I said Y: X denied");
	ct_doc_free(doc);
	/* a negation word in an idiom negates nothing */
	doc = coded("The mayor said: \"I have no doubt that the pier will reopen.\"", NULL);
	st = stances_of(doc, "\"I have no doubt", &mod);
	CHECK(st && !(st & 1u << CT_ST_DENY), "no doubt that X: X not denied");
	ct_doc_free(doc);
	doc = coded("The storm not only closed the pier, it flooded the harbour, officials said.", NULL);
	st = stances_of(doc, "The storm not only", &mod);
	CHECK(st && !(st & 1u << CT_ST_DENY), "not only X: X not denied");
	ct_doc_free(doc);
	doc = coded("This is not the first storm to close the pier, the harbour master said.", NULL);
	st = stances_of(doc, "This is not the first", &mod);
	CHECK(st && !(st & 1u << CT_ST_DENY), "not the first storm: there was one");
	ct_doc_free(doc);
	/* ", and" before a name alone joins two names, not two clauses */
	doc = coded("The recording suggests shots were fired in a clash between Okafor, who was unarmed, and Dunmore "
		    "police chief Tobias Renn.",
		    NULL);
	CHECK(!stances_of(doc, "Dunmore police", &mod) && stances_of(doc, "shots were fired", &mod),
	      "a clash between X, …, and Y: one clause");
	ct_doc_free(doc);
}

static int has_cc(const ct_fact *f, const char *cc)
{
	return !strcmp(f->cc, cc);
}

/* The two participants of a frame are these countries, in either order. */
static int pair_is(const ct_frame *f, const char *a, const char *b)
{
	return f && ((has_cc(&f->src, a) && has_cc(&f->tgt, b)) || (has_cc(&f->src, b) && has_cc(&f->tgt, a)));
}

static void check_when(const char *text, const char *published, const char *iso, int prec)
{
	ct_doc *doc = coded(text, published);
	char buf[11] = "";
	int got = 0;
	for (size_t s = 0; s < doc->nsent && !got; s++)
		if (doc->sent_when[s].prec) {
			ct_when_iso(&doc->sent_when[s], buf);
			got = doc->sent_when[s].prec;
		}
	CHECK(!strcmp(buf, iso) && got == prec, "%s (published %s): %s precision %d, want %s %d", text,
	      published ? published : "-", buf, got, iso, prec);
	ct_doc_free(doc);
}

static void test_synonyms(void)
{
	/* request / offer / call meet as one proposal; reject / refuse / rebuff as its refusal */
	const char *texts[] = {
		"Turkey rejected a Russian request for cooperation against the rebels.",
		"Turkey refused an unspecified Russian offer of collaboration.",
		"Turkey rebuffed the Russian calls for coordination on the border.",
	};
	for (size_t i = 0; i < 3; i++) {
		ct_doc *doc = coded(texts[i], "2015-01-10");
		const ct_frame *f = find(doc, "propose");
		CHECK(f != NULL, "%s: no proposal frame", texts[i]);
		if (f) {
			CHECK(has_cc(&f->src, "RUS") && has_cc(&f->tgt, "TUR"), "%s: %s → %s", texts[i], f->src.cc, f->tgt.cc);
			CHECK(f->refused && f->polarity > 0, "%s: refused %d polarity %d", texts[i], f->refused, f->polarity);
			CHECK(f->topic_verb >= 0 && t_ctx->verbs.verbs[f->topic_verb].cls == CT_VC_COOPERATE, "%s: topic", texts[i]);
		}
		ct_doc_free(doc);
	}
}

static void test_polarity(void)
{
	ct_doc *doc = coded("Egypt will not coordinate militarily with Israel.", NULL);
	const ct_frame *f = find(doc, "cooperate");
	CHECK(pair_is(f, "EGY", "ISR"), "participants");
	CHECK(f && f->polarity < 0 && f->modality == CT_MOD_FUTURE && f->stance == CT_ST_DENY, "will not coordinate");
	ct_doc_free(doc);

	doc = coded("There is no record of Britain requesting help from France.", NULL);
	f = find(doc, "propose");
	CHECK(f && has_cc(&f->src, "GBR") && has_cc(&f->tgt, "FRA"), "no record of: participants");
	CHECK(f && f->polarity < 0 && f->stance == CT_ST_DENY, "no record of: denied");
	ct_doc_free(doc);

	doc = coded("The report that Syria and Iraq discussed the border is not true.", NULL);
	f = find(doc, "consult");
	CHECK(pair_is(f, "SYR", "IRQ"), "not true: participants");
	CHECK(f && f->polarity < 0 && f->stance == CT_ST_DENY, "not true: denied");
	ct_doc_free(doc);

	doc = coded("Saudi Arabia will never partner with Iran.", NULL);
	f = find(doc, "cooperate");
	CHECK(f && f->polarity < 0 && f->modality == CT_MOD_NEVER, "never partner");
	ct_doc_free(doc);

	doc = coded("Germany may cooperate with France on the matter.", NULL);
	f = find(doc, "cooperate");
	CHECK(f && f->polarity > 0 && f->modality == CT_MOD_POSSIBLE && pair_is(f, "DEU", "FRA"), "may cooperate");
	ct_doc_free(doc);

	/* a negation far from the event does not negate it */
	doc = coded("China is not going to describe each of its diplomatic discussions with Russia.", NULL);
	f = find(doc, "consult");
	CHECK(f && f->polarity > 0, "distant negation");
	ct_doc_free(doc);

	/* a hypothetical clause denies nothing */
	doc = coded("It would surprise everyone if Egypt and Turkey did not discuss the canal.", NULL);
	f = find(doc, "consult");
	CHECK(f && f->polarity > 0 && f->modality == CT_MOD_POSSIBLE, "hypothetical");
	ct_doc_free(doc);
}

static void test_doubt(void)
{
	ct_doc *doc = coded("Russia rejected a Chinese offer. Which offer Russia meant remained unclear.", NULL);
	const ct_frame *last = NULL;
	for (size_t i = 0; i < doc->nframe; i++)
		if (doc->frames[i].sent == 1)
			last = &doc->frames[i];
	CHECK(last && last->stance == CT_ST_QUESTION, "unclear: questions");
	CHECK(last && last->proposal && has_cc(&last->src, "CHN") && has_cc(&last->tgt, "RUS"),
	      "unclear: the offer told before");
	ct_doc_free(doc);
}

/* A question put by no one named ("Asked whether …, the minister
 * confirmed …") is no event anyone states; the answer is. */
static void test_question_put(void)
{
	ct_doc *doc = coded("Asked whether Greece had rejected a Turkish offer, the Greek foreign minister confirmed "
			    "that the two countries met in Vienna.",
			    NULL);
	for (size_t i = 0; i < doc->nframe; i++)
		CHECK(doc->frames[i].speaker >= 0, "frame %zu (%s) in no one's voice: the question put coded", i,
		      cls_name(&doc->frames[i]));
	const ct_frame *meet = find(doc, "consult");
	CHECK(meet && meet->stance == CT_ST_ASSERT && meet->speaker >= 0, "the minister's answer: met, asserted");
	ct_doc_free(doc);
}

/* A clause after a clause word, or left after an attribution, starts at
 * its first word, not at the comma ("However, the two …"; ", a move …"). */
static void test_clause_starts(void)
{
	ct_doc *doc = coded("However, Greece and Turkey met in Vienna, the Greek foreign minister said. Greece "
			    "rejected a Turkish offer on Monday, according to officials, a move that Turkey condemned.",
			    NULL);
	CHECK(doc->nframe >= 2, "%zu frames", doc->nframe);
	for (size_t i = 0; i < doc->nframe; i++) {
		const ct_frame *f = &doc->frames[i];
		CHECK(!f->ntok || doc->toks[f->tok].type != CT_TOK_PUNCT, "frame %zu (%s) starts at \"%.*s\"", i,
		      cls_name(f), (int)doc->toks[f->tok].len, doc->text + doc->toks[f->tok].off);
	}
	ct_doc_free(doc);
}

static void test_dates(void)
{
	check_when("The talks were held on Monday.", "2014-09-17", "2014-09-15", 1);
	check_when("The talks were held on Monday.", "2014-09-15", "2014-09-15", 1);
	check_when("They met two weeks ago in Vienna.", "2014-12-04", "2014-11-20", 2);
	check_when("They met in June in Vienna.", "2014-09-15", "2014-06", 3);
	check_when("They met in November in Vienna.", "2015-01-10", "2014-11", 3);
	check_when("The ministers meet in Muscat November 10.", "2014-12-04", "2014-11-10", 1);
	check_when("The ministers met on Nov. 10 in Muscat.", "2015-01-04", "2014-11-10", 1);
	check_when("It was signed on September 15, 2014 in Paris.", NULL, "2014-09-15", 1);
	check_when("It was signed on 2014-09-15 in Paris.", NULL, "2014-09-15", 1);
	check_when("Talks go on later this week in New York.", "2014-09-15", "2014-09-17", 2);
	check_when("Kerry said last week it was too early.", "2014-09-15", "2014-09-08", 2);
	check_when("Kerry said on Monday it was too early.", NULL, "", 0);
	long d = ct_date_days(2014, 9, 15);
	int y, m, dd;
	ct_date_civil(d, &y, &m, &dd);
	CHECK(y == 2014 && m == 9 && dd == 15, "civil round trip");
	CHECK_INT(ct_date_days(1970, 1, 1), 0);
}

static void test_robust(void)
{
	test_readings();
	/* no attribution, no predicate, no actors: statements without an event, no crash */
	ct_doc *doc = coded("Nothing happened here. \"Quoted words without an end.", NULL);
	int valid = 1;
	for (size_t f = 0; f < doc->nframe; f++)
		valid &= doc->frames[f].verb == -1 && doc->frames[f].cameo == 0 && doc->frames[f].src.ent < 0 &&
			 doc->frames[f].ntok > 0 && doc->frames[f].stance < CT_ST_NKINDS;
	CHECK(doc->nframe >= 1 && valid, "frames valid: %zu", doc->nframe);
	ct_doc_free(doc);
	/* a long run of predicates and negations */
	ct_buf b = {0};
	for (int i = 0; i < 2000; i++)
		ct_buf_adds(&b, "not cooperate but no talks, and ");
	ct_buf_adds(&b, "Iran.");
	doc = coded(b.data, "2014-01-01");
	CHECK(doc->nframe > 0, "long sentence coded");
	ct_doc_free(doc);
	ct_buf_free(&b);
}

void test_code(void)
{
	test_question_put();
	test_clause_starts();
	test_synonyms();
	test_polarity();
	test_doubt();
	test_dates();
	test_robust();
}
