/*
 * lexicon.h — the lexicons of data/: cue words, actors, role nouns and
 * channels, loaded once into the context, and a phrase matcher over tokens.
 *
 * Each entry is tokenized with the article tokenizer when it is loaded, so
 * "State Dept." and "U.S. State Department" match exactly the tokens the
 * segmenter makes of them. A phrase is the token texts joined by single
 * spaces; cues, roles and channels match lowercase, actors as written.
 *
 * Matching. Every word of every phrase gets an id in one vocabulary
 * (`words`). The tag stage looks each token up there once, as written and
 * lowercased (ct_lex_words), so a phrase lookup compares word ids and never
 * hashes or lowercases text again. Most tokens are no word of any phrase;
 * a bit per hash value (`word_bits`, a one-hash Bloom filter) tells most of
 * them so without reading the table. A phrase table says per word id
 * whether a phrase starts with the word and the value of the word alone
 * (most phrases are one word); longer phrases and their prefixes are id
 * sequences in a hash table, and the matcher extends a match one token at
 * a time, stopping at the first token no phrase continues with.
 */
#ifndef CT_LEXICON_H
#define CT_LEXICON_H

#include "claimtrace.h"
#include "../core/util.h"

typedef enum {
	CT_CUE_REPORT = 0,
	CT_CUE_CONFIRM,
	CT_CUE_DENY,
	CT_CUE_ACCUSE,
	CT_CUE_CLAIM,
	CT_CUE_QUESTION,
	CT_CUE_BELIEVE,
	CT_CUE_ACCORDING,
	CT_CUE_NKINDS
} ct_cue_kind;

typedef enum {
	CT_ACTOR_PERSON = 0,
	CT_ACTOR_GOVERNMENT,
	CT_ACTOR_ORGANIZATION,
	CT_ACTOR_GROUP,
	CT_ACTOR_OUTLET,
	CT_ACTOR_COUNTRY,
	CT_ACTOR_UNKNOWN,
	CT_ACTOR_NTYPES
} ct_actor_type;

typedef struct {
	char *lemma;
	ct_cue_kind kind;
} ct_lex_cue;

typedef struct {
	char *name;
	ct_actor_type type;
	char country[4];
	char *roles; /* '|'-separated, lowercase, or NULL */
} ct_lex_actor;

/* The longest phrase, in words. */
#define CT_PHRASE_MAXLEN 32
/* Bits of the vocabulary's filter: 4 KB, small enough to stay in cache
 * while the table's slots (16 bytes each) do not. */
#define CT_WORD_BITS 32768

/* How the phrases of a table begin with one word. */
typedef struct {
	int32_t alone;  /* the value of the phrase that is the word alone, or -1 */
	uint8_t starts; /* some phrase starts with the word */
	uint8_t longer; /* some phrase of two words or more does */
} ct_phrase_first;

typedef struct {
	ct_table phrases;       /* phrase text → value, for names looked up as text */
	ct_phrase_first *first; /* per word id; most tokens start no phrase, and one-word
				   phrases (most of them) match, without hashing */
	size_t nfirst, first_cap;
	ct_table seqs;          /* word-id sequence (bytes of uint32_t ids) of each phrase of
				   two words or more → its value (>= 0), and of each such
				   prefix that is no phrase → -1 */
	size_t maxlen;          /* longest phrase, in tokens */
} ct_phrases;

typedef struct {
	ct_table words;     /* every word of every phrase (of the lowercase tables: lowercase) → id */
	size_t word_maxlen; /* the longest, in bytes */
	uint64_t word_bits[CT_WORD_BITS / 64]; /* bit (hash % CT_WORD_BITS) of each word set */
	ct_phrases cue_forms; /* → index into cues */
	ct_lex_cue *cues;
	size_t ncue, cue_cap;
	ct_phrases aliases; /* → index into actors */
	ct_lex_actor *actors;
	size_t nactor, actor_cap;
	ct_table surnames;   /* last word of a person's name or alias → actor, -1 when several share it */
	ct_phrases roles;    /* → 1 person, 2 group */
	ct_phrases channels; /* → index into channel_names */
	ct_phrases pronouns; /* he, they, it, … (built in) → 1 a person, 2 a group, 3 a thing */
	char **channel_names;
	size_t nchannel, channel_cap;
} ct_lexicon;

const char *ct_cue_kind_name(ct_cue_kind k);
const char *ct_actor_type_name(ct_actor_type t);

/* Loads data/{cues,actors,roles,channels}.txt, and the personal pronouns.
 * 0, or CT_EDATA with the message in ctx. The context's abbreviations must
 * be loaded first. */
int ct_lex_load(ct_ctx *ctx);
void ct_lex_free(ct_lexicon *lex);
void ct_phrases_free(ct_phrases *p);

/*
 * Adds a phrase — `len` bytes of words joined by single spaces — to `p`
 * with value `val` (>= 0), its words to lex->words. NULL, or why the
 * phrase was refused (static).
 */
const char *ct_phrases_add(ct_lexicon *lex, ct_phrases *p, const char *text, size_t len, int val);

/*
 * Sets doc->tok_word: each token's word ids in lex->words, as written and
 * lowercased, for ct_lex_match. The tag stage calls it first.
 */
void ct_lex_words(const ct_lexicon *lex, ct_doc *doc);

/* Does a phrase of p start with the word of id w (-1: no word)? Most words
 * start none; inline for callers that ask about every token. */
static inline int ct_phrases_start(const ct_phrases *p, int32_t w)
{
	return w >= 0 && (size_t)w < p->nfirst && p->first[w].starts;
}

/*
 * The longest phrase of `p` starting at token `i` of `doc` (at most `end`):
 * its length in tokens (0 when none) and its value. `lower` matches
 * lowercase. Needs doc->tok_word (ct_lex_words).
 */
size_t ct_lex_match(const ct_phrases *p, const ct_doc *doc, size_t i, size_t end, int lower, int *val);

#endif
