/*
 * statement.h — the stance of one statement (a sentence or a headline)
 * toward a claim: for it, against it (denies, debunks, doubts), or
 * observing it (reports it without taking a side) — Emergent's labels.
 *
 * Takes: a claim and a statement, as text; a model (statement.c loads it,
 *        statement_train.c trains it on Emergent's headlines).
 * Gives: the three probabilities.
 *
 * The model is a multinomial logistic regression over features that say
 * nothing about the topic, only about how the statement is put: the word
 * classes of data/stance_cues.txt (refute, negation, hedge, support,
 * report) counted in the statement, at its start, near the words it
 * shares with the claim, and in the claim itself (a claim that is itself
 * a denial); a question mark, a source before a colon ("Report: …"), a
 * quotation; and how much of the claim the statement shares. So it
 * carries over to claims it never saw, and to the sentences of an
 * article read against a claim, not only to headlines.
 */
#ifndef CT_STATEMENT_H
#define CT_STATEMENT_H

#include "claimtrace.h"
#include "stance.h"

#define CT_STATEMENT_MAGIC "CTSTMT01"
#define CT_STATEMENT_VERSION 1u

/* Word classes (data/stance_cues.txt), one bit each. */
enum {
	CT_SC_REFUTE = 0,
	CT_SC_NEGATION,
	CT_SC_HEDGE,
	CT_SC_SUPPORT,
	CT_SC_REPORT,
	CT_SC_NCLASSES,
	CT_SC_FUNCTION = CT_SC_NCLASSES, /* function words: never shared content */
	CT_SC_NLISTS
};

/* Per class: count, any, at the start, near a shared word, in the claim,
 * in the statement and not the claim. */
#define CT_STATEMENT_PER_CLASS 6
#define CT_STATEMENT_NFEAT (1 + CT_SC_NCLASSES * CT_STATEMENT_PER_CLASS + 5)

struct ct_statement_model {
	char err[1024];
	ct_stance_map cls;  /* word hash → class bits */
	uint64_t *words[CT_SC_NLISTS]; /* each list's hashes, as the file keeps them */
	size_t nwords[CT_SC_NLISTS];
	float w[CT_SSTANCE_NLABELS][CT_STATEMENT_NFEAT];
};

/* The features of (claim, statement) into f[CT_STATEMENT_NFEAT]. */
void ct_statement_features(const ct_statement_model *m, const char *claim, const char *statement, float *f);

/* An empty model with the word lists of data/stance_cues.txt and
 * data/function_words.txt in `datadir` (the trainer's start): 0, or
 * CT_EDATA / CT_EIO with the message in m->err. */
int ct_statement_model_lists(ct_statement_model *m, const char *datadir);
ct_statement_model *ct_statement_model_empty(void);

#endif
