/*
 * doc.h — the article model (`ct_doc`) and the context (`ct_ctx`), the two
 * structures every stage shares. A stage reads what earlier stages left in
 * the document and adds its own part; it never rewrites an earlier part.
 */
#ifndef CT_DOC_H
#define CT_DOC_H

#include <strings.h>

#include "claimtrace.h"
#include "arena.h"
#include "date.h"
#include "util.h"
#include "../lex/lexicon.h"
#include "../ml/seqtag.h"
#include "../lex/verbs.h"

/* Abbreviation classes (data/abbreviations.txt). */
enum {
	CT_ABBR_TITLE = 1, /* Mr., Gen.: a name follows, never a sentence end */
	CT_ABBR_MONTH,     /* Sept.: ends a sentence only before a sentence starter */
	CT_ABBR_OTHER,     /* U.S., Inc.: likewise */
	CT_ABBR_PLACE,     /* St., Mt.: a place's name follows, never a sentence end */
};

/* The classes of data/tagger_words.txt, a bit each. */
enum {
	CT_TW_PARTICLE = 1,  /* inside a person's name: al, bin, van */
	CT_TW_AUX = 2,       /* follows a subject: will, has, could */
	CT_TW_NOUN_NEXT = 4, /* after a plural cue word, makes it a noun: of, from */
};

struct ct_ctx {
	char *datadir;
	int attr_errno; /* why data/attribution.model did not open; 0 when it did */
	char err[512];
	size_t max_article;
	ct_table abbrevs;  /* "Gen" → CT_ABBR_… (key without the period) */
	ct_table starters; /* capitalized words that usually open a sentence */
	ct_table compound_heads; /* "based" of "Seoul-based": an adjective, no name (data/compound_heads.txt) */
	ct_table tagger_words;   /* word → CT_TW_… bits (data/tagger_words.txt) */
	ct_table function_words; /* lowercase: never names, never content (data/function_words.txt) */
	ct_table anaphors;       /* lowercase: words that point back, opening a sentence (data/anaphors.txt) */
	char **boilerplate;      /* lowercase phrases of page furniture (data/boilerplate.txt) */
	size_t nboilerplate;
	/* the phrases' first two bytes, a bit per pair (a phrase of one byte
	 * sets every pair it begins): most words of a sentence start no phrase */
	uint64_t boilerplate_pair[256 * 256 / 64];
	uint32_t boilerplate_at[257];  /* sorted: those starting with byte b are [at[b], at[b + 1]) */
	/* data/html.txt: parts of class and id names, sorted by first byte;
	 * those starting with byte b are [html_first[b], html_first[b + 1]) */
	struct ct_html_name {
		char *part;
		uint8_t len, cls;
	} *html_names;
	size_t nhtml_names;
	uint32_t html_first[257];
	/* data/page_furniture.txt: phrases of blocks that are not article */
	struct ct_html_phrase {
		char *phrase;
		size_t len;
		int edge; /* 0: a block opening with it; 1: a block at an edge holding it */
	} *furniture;
	size_t nfurniture;
	uint32_t furniture_first[257]; /* sorted by first byte, as html_first */
	ct_lexicon lex;
	ct_verbs verbs;    /* data/verbs.txt, data/polarity.txt, data/demonyms.txt (code stage) */
	/* tagger, stacked tagger, content side, content boundaries; q NULL
	 * when data/attribution.model is absent */
	ct_seq_model attr_model[4];
};

/*
 * The offset map: normalized offset `norm` corresponds to input offset
 * `in` (bytes) and `ch` (characters); between two points the two texts run
 * byte for byte in step. A point is recorded wherever normalization changed
 * a length, so an unchanged article has one point.
 */
typedef struct {
	uint32_t norm, in, ch;
	uint32_t ascii; /* the input up to the next point is ASCII: chars = bytes */
} ct_omap_pt;

/* Per-token lexicon layer (tag stage). */
enum {
	CT_LX_CUE = 1 << 0,     /* the first token of a cue phrase */
	CT_LX_CUE_IN = 1 << 1,  /* a later token of one */
	CT_LX_ACTOR = 1 << 2,   /* part of a known actor's name */
	CT_LX_ROLE = 1 << 3,    /* part of a role noun (spokeswoman) */
	CT_LX_PRONOUN = 1 << 4, /* he, she, they, … */
	CT_LX_NAME = 1 << 5,    /* part of a capitalized name the lexicon lacks */
	CT_LX_CHANNEL = 1 << 6, /* part of a channel phrase */
};

typedef enum {
	CT_M_ACTOR = 0, /* val: index into ctx->lex.actors */
	CT_M_NAME,      /* a capitalized name chunk */
	CT_M_ROLE,      /* val: 1 one person, 2 a group */
	CT_M_PRONOUN,   /* val: 1 a person, 2 a group, 3 a thing */
	CT_M_CUE,       /* val: index into ctx->lex.cues */
	CT_M_CHANNEL,   /* val: index into ctx->lex.channel_names */
} ct_mention_kind;

typedef struct {
	uint32_t tok, ntok;
	uint8_t kind; /* ct_mention_kind */
	int32_t val;
	int32_t entity; /* resolve stage: index into doc->ents, or -1 */
} ct_mention;

typedef struct {
	const char *name; /* arena */
	ct_actor_type type;
	char country[4];
	int32_t actor;    /* lexicon index, or -1 */
	uint32_t mentions;
} ct_ent;

/* An attribution as token ranges (ntok 0: absent). */
typedef struct {
	uint32_t src, nsrc, cue, ncue, con, ncon;
	/* A second piece of the content on the other side of the cue, as in a
	 * split quotation ('"A," he said. "B."'), or ncon2 0. */
	uint32_t con2, ncon2;
	int32_t entity;  /* of the source, or -1 */
	int32_t cue_lex; /* index into ctx->lex.cues, or -1 */
	uint8_t kind;    /* ct_attr_kind */
	int32_t channel; /* index into ctx->lex.channel_names, or -1 */
	/* The same as strings in the document's arena, so that the document can
	 * be rendered without its context: */
	const char *lemma;    /* the cue's lemma, or NULL when the lexicon lacks it */
	const char *cue_kind; /* report, deny, …, or NULL */
	const char *channel_name; /* or NULL */
} ct_att;

/* A participant of an event frame (code stage). */
typedef struct {
	int32_t ent;   /* index into doc->ents, or -1 */
	char cc[4];    /* ISO country the participant stands for, or "" */
	uint32_t tok;  /* where it was found (token), for display */
} ct_fact;

/* Stances a statement takes toward its event (code stage). */
typedef enum {
	CT_ST_ASSERT = 0, /* the speaker says it happened / holds */
	CT_ST_DENY,       /* the speaker says it did not, or denies it */
	CT_ST_QUESTION,   /* the speaker doubts it, or calls it unclear */
	CT_ST_REPORT,     /* the outlet's own narration of it */
	CT_ST_NKINDS
} ct_stance_kind;

/* Modality of an event frame. */
typedef enum { CT_MOD_ACTUAL = 0, CT_MOD_FUTURE, CT_MOD_POSSIBLE, CT_MOD_NEVER } ct_modality;

/* ct_when (core/date.h): a date found in a sentence. */

/* An event frame (code stage): who did what to whom, about what, with the
 * attribution that carries it. */
typedef struct {
	int32_t att;          /* index into doc->atts, or -1: the article's own assertion */
	uint32_t sent;        /* the sentence of the coded clause */
	uint32_t tok, ntok;   /* the coded clause */
	uint32_t pred;        /* the predicate token */
	int32_t speaker;      /* entity of the speaker, or -1 (unknown, or the outlet) */
	uint32_t spk_tok, spk_ntok; /* the source span (ntok 0: none) */
	char spk_cc[4];       /* the speaker's country, or "" */
	int32_t verb;         /* index into ctx->verbs */
	uint16_t cameo;       /* CAMEO code as a number: 40, 51, 120, 1212 */
	uint8_t proposal;     /* a request or offer (possibly refused): the key is the proposal */
	uint8_t refused;      /* the proposal was refused by its addressee */
	uint8_t guessed;      /* participants taken from the sentence, order unknown */
	ct_fact src, tgt;     /* ent -1 and cc "" when unknown */
	int32_t topic;        /* entity the event is about (an armed group, …), or -1 */
	int32_t topic_verb;   /* a nested predicate (the "cooperation" asked for), or -1 */
	int8_t polarity;      /* +1, -1 */
	uint8_t modality;     /* ct_modality */
	uint8_t stance;       /* ct_stance_kind */
	int32_t cue_lex;      /* the attribution's cue, or -1 */
	uint8_t cue_neg;      /* the cue is negated ("did not want", "did not rule out") */
	int32_t channel;      /* the attribution's channel, or -1 */
	ct_when when;         /* a date in the sentence (prec 0: none) */
} ct_frame;

struct ct_doc {
	ct_arena arena;
	const char *meta[CT_META_COUNT]; /* arena strings */
	long line;                       /* input line of the record's start */
	uint8_t outlet_from;             /* CT_META_OUTLET from: 0 the input, 1 the text, 2 the url's host */
	int text_is_file;                /* raw is the file's bytes: lines count on */
	ct_stage stage;
	int read_done;

	char *raw; /* the input text as read (owned) */
	size_t raw_len;
	size_t header_end; /* raw offset where a leading date marker and dateline end, or 0 */

	char *text; /* normalized (owned) */
	size_t text_len;
	ct_omap_pt *omap;
	size_t nomap, omap_cap;
	size_t n_replaced; /* invalid or NUL bytes replaced by U+FFFD */

	ct_paragraph *paras;
	size_t npara, para_cap;
	ct_sentence *sents;
	size_t nsent, sent_cap;
	ct_token *toks;
	size_t ntok, tok_cap;

	uint8_t *tok_lex;     /* CT_LX_… per token (tag) */
	int32_t *tok_word;    /* tag: token i's ids in ctx->lex.words, [2i] as written and
				 [2i + 1] lowercased; -1 for a word no phrase has (ct_lex_words) */
	ct_mention *ments;    /* in token order (tag), entities set by resolve */
	size_t nment, ment_cap;
	ct_ent *ents;         /* resolve */
	size_t nent, ent_cap;
	ct_att *atts;         /* attribute */
	size_t natt, att_cap;
	ct_frame *frames;     /* code */
	size_t nframe, frame_cap;
	ct_when *sent_when;   /* code: per sentence, its first date (prec 0: none) */
	int32_t *ent_aff;     /* code: per entity, the body or country it speaks for (an entity), or -1 */

	const char **warnings; /* arena strings */
	size_t nwarn, warn_cap;
};

/* A new document taking ownership of `raw` (heap, raw_len bytes + NUL). */
ct_doc *ct_doc_adopt(char *raw, size_t raw_len);
void ct_doc_warn(ct_doc *doc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The input line holding normalized offset `off` (for messages). */
long ct_doc_line_of(const ct_doc *doc, uint32_t off);

/* Is token i the word w (any case)? 0 past the last token. Inline, so
 * that strlen of a literal w folds and most calls end at the length test. */
static inline int ct_tok_is(const ct_doc *doc, size_t i, const char *w)
{
	if (i >= doc->ntok)
		return 0;
	const ct_token *t = &doc->toks[i];
	return strlen(w) == t->len && !strncasecmp(doc->text + t->off, w, t->len);
}

#endif
