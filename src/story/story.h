/*
 * story.h — the story model (`ct_story`): entities merged across
 * articles, claims with their statements and sides, outlet framing and
 * the timeline.
 *
 * Takes: one part per article (ct_story_part_new: metadata, entities,
 *        coded frames of the code stage, the text of only those sentences
 *        that carry a frame or a date, and the article's words as the
 *        stance model's token hashes).
 * Gives: after ct_story_build, the arrays below, which the renderers
 *        (render_*.c) read; nothing refers back to a document.
 */
#ifndef CT_STORY_H
#define CT_STORY_H

#include "../core/doc.h"
#include "../ml/stance.h"

/* ---- what one article gives ---------------------------------------- */

typedef struct {
	char *name;
	ct_actor_type type;
	char cc[4];
	int32_t actor;  /* lexicon index, or -1 */
	char **aliases; /* surface forms in the article */
	size_t nalias;
	int32_t story;  /* set when added: index into ct_story.ents */
	int32_t aff;    /* part entity it speaks for (code stage), or -1 */
} ct_part_ent;

typedef struct {
	int32_t ent;    /* part entity, or -1 */
	char cc[4];
} ct_part_fact;

typedef struct {
	int32_t speaker;      /* part entity, or -1: the outlet */
	char *speaker_name;   /* the source span's text when there is no entity, else NULL */
	char spk_cc[4];
	ct_part_fact src, tgt;
	int32_t topic;        /* part entity, or -1 */
	int32_t verb, topic_verb; /* ctx->verbs indices (topic_verb -1) */
	uint16_t cameo;
	uint8_t proposal, refused, stance, modality, guessed;
	int8_t polarity;
	int32_t cue_lex, channel;
	ct_when when;
	uint32_t sent;        /* index into the part's sentences */
	uint32_t clause_off, clause_len; /* the coded clause within the sentence text */
} ct_part_stmt;

typedef struct {
	uint32_t index;       /* sentence number in the article (0-based) */
	uint32_t para;
	char *text;
	ct_when when;
	uint8_t lead;         /* in the title or the first paragraph of content */
} ct_part_sent;

struct ct_story_part {
	char *meta[CT_META_COUNT];
	uint32_t outlet;      /* index into ct_story.outlets (build) */
	ct_when published;
	ct_part_ent *ents;
	size_t nent;
	ct_part_stmt *stmts;
	size_t nstmt, stmt_cap;
	ct_part_sent *sents;
	size_t nsent, sent_cap;
	/* The whole article as stance tokens, for inference: hashes from the
	 * worker (ct_stance_tokenize), replaced when the part is added by ids
	 * into ct_story.words, half the size — or dropped without a model. */
	uint64_t *stance_tok;
	uint32_t *stance_ids;
	size_t nstance;
};

/* ---- the story ------------------------------------------------------- */

typedef struct {
	char *name;
	ct_actor_type type;
	char cc[4];
	int32_t actor;
	char **aliases;
	size_t nalias, alias_cap;
	size_t mentions;   /* statements that name it as speaker or participant */
	int32_t aff;       /* the story entity it speaks for ("Vesta's ambassador"), or -1 */
} ct_story_ent;

typedef struct {
	uint32_t article;  /* index into parts */
	uint32_t stmt;     /* index into the part's stmts */
	int32_t speaker;   /* story entity, or -1: the outlet */
	int32_t claim;     /* index into claims, or -1 */
} ct_story_stmt;

typedef struct {
	char *key;
	char *summary;
	char *source, *target, *topic; /* display names; "" when unknown */
	char action[48];               /* "120 reject", "062 cooperate" */
	uint16_t cameo;
	uint8_t proposal, symmetric, conflict;
	size_t refused;                /* statements that say the proposal was turned down */
	uint32_t *stmts;               /* indices into ct_story.stmts, in input order */
	size_t nstmt, stmt_cap;
	size_t by_stance[CT_ST_NKINDS];
	size_t narticles;
	uint32_t first;                /* the first statement's index */
	uint32_t rank;                 /* 1-based place in claim_order: its id is "c<rank>" */
	int32_t party[2];              /* its two participants as party keys (story.c) */
	uint32_t inferred, ninferred;  /* its inferred stances: ct_story.inferred[inferred ..] */
} ct_claim;

/* The stance model's reading of an article that has no statement on a
 * claim: never a statement, never counted in the claim's sides. */
typedef struct {
	uint32_t claim;   /* index into claims */
	uint32_t article; /* index into parts */
	uint8_t label;    /* CT_STANCE_AGREE, _DISAGREE or _DISCUSS */
	float confidence; /* the model's probability of the label */
} ct_story_inferred;

typedef struct {
	ct_when when;
	char iso[11];
	uint32_t *stmts;   /* statements dated to it */
	size_t nstmt, stmt_cap;
} ct_tl_entry;

typedef struct {
	char *name;
	int inferred;      /* no outlet given: the article id stands in */
	uint32_t *articles;
	size_t narticle, article_cap;
	int32_t lead_stmt; /* the statement it leads with, or -1 */
	uint32_t *stmts;   /* its statements on claims, in input order */
	size_t nstmt, stmt_cap;
	uint32_t *infer;   /* its articles' inferred stances (into ct_story.inferred), by claim rank */
	size_t ninfer, infer_cap;
} ct_story_outlet;

/* A claim an outlet carried, with its statements for and against. */
typedef struct {
	uint32_t claim; /* index into claims */
	uint32_t nfor, nagainst;
} ct_outlet_claim;

struct ct_story {
	const ct_ctx *ctx;
	ct_story_part **parts;
	size_t npart, part_cap;
	ct_story_ent *ents;
	size_t nent, ent_cap;
	ct_table ent_keys;    /* "A:actor" / "N:lower name" → entity */
	ct_table ent_first;   /* "F:first word|initial of last" → a chain head, see story.c */
	int32_t *ent_next;    /* chain of persons in one ent_first bucket */
	ct_table lex_first;   /* the same buckets over the lexicon's persons → a chain head */
	int32_t *lex_next;    /* chain of lexicon persons (actor indices) */
	size_t ent_next_cap;
	ct_story_stmt *stmts;
	size_t nstmt, stmt_cap;
	ct_claim *claims;
	size_t nclaim, claim_cap;
	uint32_t *claim_order; /* claims, conflicts first */
	ct_table claim_keys;
	ct_tl_entry *timeline;
	size_t ntl;
	ct_story_outlet *outlets;
	size_t noutlet, outlet_cap;
	ct_table outlet_keys;
	/* stance inference (ct_story_set_stance); model NULL: none */
	const ct_stance_model *stance;
	double stance_min;
	int threads;                /* for the stance pass of the build */
	ct_stance_map word_ids;     /* token hash → id into words */
	uint64_t *words;
	size_t nword, word_cap;
	ct_story_inferred *inferred; /* by claim rank, then article */
	size_t ninferred;
	int built;
};

/* Display helpers shared by the renderers. */
const char *ct_story_stance_name(int stance); /* "asserts", "denies", "questions", "reports" */
/* The speaker's name of statement i: the entity, the source span, or the outlet. */
const char *ct_story_speaker_name(const ct_story *st, size_t i);
/* 1 when statement i is on the side of the claim (asserts, reports), 0 against. */
int ct_story_for(const ct_story *st, size_t i);
/* The statement's date as ISO ("" when none): its sentence's, else the article's. */
void ct_story_stmt_date(const ct_story *st, size_t i, char buf[11]);
/* The statement's clause (borrowed pointer into the sentence, *n bytes) and sentence. */
const char *ct_story_stmt_clause(const ct_story *st, size_t i, size_t *n);
/* The clause as the views cite it: without a quotation mark left over at
 * either end from a quotation that began or ends in another sentence
 * ('… you're in combat."'), so that wrapping it in marks pairs them;
 * *own is set when it is a whole quotation, which brings its own marks. */
const char *ct_story_stmt_cited(const ct_story *st, size_t i, size_t *n, int *own);
const ct_part_sent *ct_story_stmt_sent(const ct_story *st, size_t i);
const ct_part_stmt *ct_story_pstmt(const ct_story *st, size_t i);
const char *ct_story_article_id(const ct_story *st, size_t a);
/* The cue lemma ("" none) and channel name ("" none) of statement i. */
const char *ct_story_cue(const ct_story *st, size_t i);
const char *ct_story_channel(const ct_story *st, size_t i);
/* The claims outlet o carried, in claim order (owned array, *n entries). */
ct_outlet_claim *ct_story_outlet_claims(const ct_story *st, size_t o, size_t *n);
/* The headline the stance model reads for claim c (borrowed from the story):
 * the sentence of its first statement for it, else its summary. */
const char *ct_story_claim_headline(const ct_story *st, const ct_claim *c);
/* The outlet of article a. */
const ct_story_outlet *ct_story_outlet_of(const ct_story *st, size_t a);
/* Is claim c one the views list (a conflict, or two statements or more)?
 * The others are counted, and the stance model reads only these. */
static inline int ct_story_listed(const ct_claim *c)
{
	return c->conflict || c->nstmt >= 2;
}
/* An inferred stance as the views word it: "agrees", "disagrees",
 * "discusses it". */
const char *ct_story_infer_verb(const ct_story_inferred *in);

void ct_story_render_text(const ct_story *st, ct_buf *b, int markdown);
void ct_story_render_json(const ct_story *st, ct_buf *b);
void ct_story_render_html(const ct_story *st, ct_buf *b);

#endif
