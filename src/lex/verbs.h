/*
 * verbs.h — the lexicons of the code stage: CAMEO verb patterns
 * (data/verbs.txt), polarity and modality words (data/polarity.txt) and
 * demonyms (data/demonyms.txt), loaded once into the context.
 *
 * Phrases are lowercase token sequences (a multi-word form joins its words
 * with '_', as in cues.txt), matched word by word like the other lexicons
 * (lexicon.h).
 */
#ifndef CT_VERBS_H
#define CT_VERBS_H

#include <stdint.h>
#include "../core/util.h"
#include "lexicon.h"

/* Verb classes: synonyms of one class meet in one event key. */
typedef enum {
	CT_VC_STATEMENT = 0, /* 01 make a public statement */
	CT_VC_PROPOSE,       /* 02 appeal / 03 express intent: request, offer, call for, ask */
	CT_VC_CONSULT,       /* 04 consult: discuss, talks, meet */
	CT_VC_COOPERATE,     /* 05/06 cooperation: cooperate, coordinate, collaborate, partner, help */
	CT_VC_AID,           /* 07 provide aid */
	CT_VC_YIELD,         /* 08 yield */
	CT_VC_INVESTIGATE,   /* 09 investigate */
	CT_VC_DEMAND,        /* 10 demand */
	CT_VC_DISAPPROVE,    /* 11 disapprove: criticize, accuse, blame */
	CT_VC_REJECT,        /* 12 reject: reject, refuse, refute, rebuff, dismiss, rule out */
	CT_VC_THREATEN,      /* 13 threaten */
	CT_VC_PROTEST,       /* 14 protest */
	CT_VC_POSTURE,       /* 15 exhibit force posture */
	CT_VC_REDUCE,        /* 16 reduce relations: exclude, cut ties */
	CT_VC_COERCE,        /* 17 coerce */
	CT_VC_ASSAULT,       /* 18 assault */
	CT_VC_FIGHT,         /* 19 fight: fight, attack, air strikes, combat */
	CT_VC_MASSVIOL,      /* 20 unconventional mass violence */
	CT_VC_NCLASSES
} ct_verb_class;

typedef struct {
	char *lemma;         /* the entry's first form, for summaries */
	char *label;         /* what the class is called in output ("cooperate") */
	uint16_t cameo;      /* code as a number, e.g. 40, 62, 120, 1212 */
	uint8_t cls;         /* ct_verb_class */
	uint8_t symmetric;   /* the relation has no direction (consult, cooperate) */
} ct_verb;

/* Polarity and modality words. */
typedef enum {
	CT_PW_NEG = 1,     /* not, no, never, no record of */
	CT_PW_FALSE,       /* not true, untrue, false: negates what came before */
	CT_PW_DENY,        /* deny inside a quotation: negates what follows */
	CT_PW_DOUBT,       /* unclear, less clear: the statement questions */
	CT_PW_FUTURE,      /* will, going to */
	CT_PW_POSSIBLE,    /* may, might, could */
	CT_PW_NEVER,       /* never: negation and modality */
	CT_PW_CLAUSE,      /* but, however: a new clause starts */
	CT_PW_LOCATIVE,    /* in, at: a place follows, not a participant */
	CT_PW_SPEAKER,     /* I, we, me, us: the speaker */
	CT_PW_CONDITION,   /* if, unless, whether: the clause is hypothetical */
	CT_PW_CORRECT,     /* rather, instead, only: after "but", it corrects a negation */
	CT_PW_SCALAR,      /* even: after a negation ("not even X"), a "but Y" corrects it */
	CT_PW_TOPIC,       /* on, about: a gerund after it names a topic, not an action */
	CT_PW_IDIOM,       /* no doubt, not only: a negation word that negates nothing */
	CT_PW_NAMEJOIN,    /* the, of: may stand inside a run of names (the Ministry of Defence) */
} ct_pw_kind;

typedef struct {
	ct_verb *verbs;
	size_t nverb, verb_cap;
	ct_phrases verb_forms; /* → index into verbs */
	ct_phrases polarity;   /* → ct_pw_kind */
	ct_table demonyms;      /* "Iranian" → index into countries (case as written) */
	uint64_t demonym_first[4]; /* the first bytes of the demonyms: most words start with none */
	char (*countries)[4];
	size_t ncountry, country_cap;
} ct_verbs;


/* Loads the three files from ctx->datadir; 0, or CT_EDATA with ctx->err set. */
int ct_verbs_load(ct_ctx *ctx);
void ct_verbs_free(ct_verbs *v);

/* Phrases are matched with ct_lex_match(p, doc, i, end, 1, &val). */

/* A country code for a demonym token ("Iranian", "Americans"), or NULL. */
const char *ct_verbs_demonym(const ct_verbs *v, const char *s, size_t n);

const char *ct_verb_class_name(ct_verb_class c);

#endif
