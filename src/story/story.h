/*
 * story.h — the story model (`ct_story`): entities merged across
 * articles, claims found from what the coverage says, every statement's
 * and every article's stance toward each claim, outlet framing and the
 * timeline.
 *
 * Takes: one part per article (ct_story_part_new: metadata, entities,
 *        the statements of the code stage — every coded clause, with or
 *        without an event — with their content terms, the text of the
 *        sentences they come from, and the article's words as the stance
 *        model's token hashes); claims a user gives (ct_story_add_claim).
 * Gives: after ct_story_build, the view below — listed claims in rank
 *        order with their statements, article stances, sides and counts;
 *        outlets; the timeline — which the renderers (render_*.c) format
 *        and never compute; nothing refers back to a document.
 *
 * The build runs in steps, one file each: story.c (parts, entities across
 * articles, the order of the steps), claims.c (terms, claims and their
 * summaries and ranks), sides.c (stances toward claims, conflicts,
 * outlets, timeline).
 */
#ifndef CT_STORY_H
#define CT_STORY_H

#include "../core/doc.h"
#include "../ml/stance.h"
#include "../ml/statement.h"
#include "../text/sketch.h"

/* ---- what one article gives ---------------------------------------- */

typedef struct {
	char *name;
	ct_actor_type type;
	char cc[4];
	int32_t actor;  /* lexicon index, or -1 */
	char **aliases; /* surface forms in the article */
	size_t nalias;
	int32_t story;  /* set when added: index into ct_story.ents, or -1 (below) */
	int32_t aff;    /* part entity it speaks for (code stage), or -1 */
	uint8_t caption_only; /* named only in captions, credits and furniture: no story entity */
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
	int32_t verb, topic_verb; /* ctx->verbs indices (-1: none) */
	uint16_t cameo;
	uint8_t proposal, refused, stance, modality, guessed;
	int8_t polarity;
	uint8_t own;          /* in the outlet's own voice (no attribution) */
	int8_t cue_kind;      /* ct_cue_kind of the attribution's cue, or -1 */
	uint8_t cue_neg;      /* the cue is negated ("did not rule out") */
	int32_t cue_lex, channel;
	ct_when when;
	uint32_t sent;        /* index into the part's sentences */
	uint32_t clause_off, clause_len; /* the coded clause within the sentence text */
	uint32_t term, nterm; /* its content terms: the part's terms[term ..], sorted, distinct */
	uint8_t lead;         /* in the title or the first three sentences of content */
	uint8_t noise;        /* a caption, a credit or page furniture: never in a claim */
} ct_part_stmt;

typedef struct {
	uint32_t index;       /* sentence number in the article (0-based) */
	uint32_t para;
	uint32_t off;         /* where text starts in the article's normalized text */
	char *text;
	ct_when when;
	uint8_t lead;         /* in the title or the first paragraph of content */
} ct_part_sent;

struct ct_story_part {
	char *meta[CT_META_COUNT];
	uint32_t outlet;      /* index into ct_story.outlets (build) */
	uint8_t outlet_from;  /* ct_outlet_from of its outlet field */
	ct_when published;
	/* Counts of 32 bits and no spare room: a story may hold a million parts. */
	ct_part_ent *ents;
	uint32_t nent;
	uint32_t nstmt;
	ct_part_stmt *stmts;
	ct_part_sent *sents;
	/* Statement terms: keys made on the worker (claims.c, ct_claims_key),
	 * replaced when the part is added by ids into the story's terms. */
	uint64_t *term_keys;
	uint32_t *terms;
	size_t nterms, term_cap;
	/* The whole article as stance tokens, for the stance model: hashes from
	 * the worker (ct_stance_tokenize), replaced when the part is added by
	 * ids into ct_story.words, half the size — or dropped without a model. */
	uint64_t *stance_tok;
	uint32_t *stance_ids;
	uint32_t nstance, nsent;
	/* Wire reprints (reprints.c): the text's sketch, made on the worker
	 * (a part rebuilt from a store takes its stored one); when built, the earliest copy this
	 * article reprints (index into parts; an original's reprints are
	 * linked to it, never to another reprint), or -1. */
	ct_sketch *sketch;    /* owned; NULL for a text too short for one (under 3 words) */
	int32_t reprint_of;
	uint32_t stmt0;       /* its first statement in ct_story.stmts (added) */
	int64_t archive_id;   /* the archive's id of the article (ct_store_story_add), or 0 */
};

/* ct_story_part_new, the stance model's tokens left out with
 * stance_tokens 0: the archive keeps the text and makes them again from
 * it when the part is read back (part.c). */
ct_story_part *ct_story_part_make(const ct_ctx *ctx, const ct_doc *doc, int stance_tokens);

/* The part as bytes, appended to b (part.c): what the archive keeps of an
 * article for its story's map. */
void ct_story_part_pack(const ct_story_part *p, const ct_ctx *ctx, ct_buf *b);
/* The same in an older version of the bytes that unpacking still reads
 * (4, or the current one): for the tests of that reading. */
void ct_story_part_pack_version(const ct_story_part *p, const ct_ctx *ctx, ct_buf *b, uint32_t version);
/* A part from its bytes and its article's normalized text (its sentences
 * are spans of it, and, when `stance_tokens`, the stance model's tokens
 * are made from it again: a map without the model needs none): owned, or
 * NULL when the bytes are damaged or were packed with other data files. */
ct_story_part *ct_story_part_unpack(const ct_ctx *ctx, const void *data, size_t len, const char *text,
				    size_t text_len, int stance_tokens);

/* ---- the story ------------------------------------------------------- */

typedef struct {
	char *name;
	ct_actor_type type;
	char cc[4];
	int32_t actor;
	char **aliases;
	size_t nalias, alias_cap;
	size_t mentions;   /* statements of listed claims that name it as speaker */
	int32_t aff;       /* the story entity it speaks for ("Vesta's ambassador"), or -1 */
} ct_story_ent;

typedef struct {
	uint32_t article;  /* index into parts */
	uint32_t stmt;     /* index into the part's stmts */
	int32_t speaker;   /* story entity, or -1: the outlet */
	int32_t claim;     /* index into claims, or -1 */
	uint8_t stance;    /* toward its claim (ct_stance_kind) */
	/* A reprint's statement that repeats its original's: the original's
	 * statement (index), and it is in no claim; else -1. */
	int32_t dup_of;
	/* An original's statement that reprints repeat: the outlets that
	 * carried it, its own first, each once (ct_story.carry[carry ..]). */
	uint32_t carry, ncarry;
} ct_story_stmt;

/* A term of a claim's centroid: a story term id and its weight. */
typedef struct {
	uint32_t term;
	float w;
} ct_claim_term;

typedef struct {
	char *summary;                 /* the clearest statement of it, or the text given */
	int32_t summary_stmt;          /* the statement the summary is, or -1 (given) */
	uint8_t given;                 /* given by the user (ct_story_add_claim) */
	uint8_t listed, conflict;
	int8_t sign;                   /* -1 when the claim is itself a denial or negated ("X did not …") */
	uint32_t *stmts;               /* indices into ct_story.stmts, in input order */
	size_t nstmt, stmt_cap;
	size_t by_stance[CT_ST_NKINDS];   /* its statements' stances toward it */
	size_t by_article[CT_ST_NKINDS];  /* its articles' stances */
	size_t narticles;              /* articles with a statement in it */
	size_t nlead;                  /* ... of them in the title or lead */
	double score;                  /* the rank's key (claims.c) */
	uint32_t first;                /* the first statement's index */
	uint32_t rank;                 /* 1-based place in claim_order: its id is "c<rank>" */
	ct_claim_term *cent;           /* the centroid, by term id */
	size_t ncent, cent_cap;
	double cnorm;                  /* its length */
	uint32_t astance, nastance;    /* its article stances: ct_story.astances[astance ..] */
	/* who stands against whom: for each side, each speaker's first
	 * statement on it (statement indices), and the outlets whose articles
	 * take it (outlet indices), in input order */
	uint32_t *speakers[2], *outlets[2]; /* [0] for, [1] against */
	size_t nspeakers[2], noutlets[2];
} ct_claim;

/* What decided where an article stands on a claim. */
typedef enum {
	CT_FROM_STATEMENTS, /* its statements in the claim */
	CT_FROM_SENTENCES,  /* the statement model's reading of its sentences (its
			     * statements in the claim listed all the same) */
	CT_FROM_MODEL,      /* the stance model's reading of the article against
			     * the claim's summary */
} ct_stance_from;

/* Where an article stands on a claim, and what decided it. */
typedef struct {
	uint32_t claim;     /* index into claims */
	uint32_t article;   /* index into parts */
	uint8_t stance;     /* ct_stance_kind: asserts, denies, questions, reports */
	uint8_t from;       /* ct_stance_from */
	float confidence;   /* the model's probability of its label; 1 from statements */
	uint32_t stmt0, nstmt; /* its statements in the claim: claim->stmts[stmt0 ..] */
	/* a reprint taking its original's stance (its own, or, when it has
	 * none on the claim, the original's): listed, not counted again */
	uint8_t reprint;
} ct_article_stance;

typedef struct {
	ct_when when;
	char iso[11];
	uint32_t *stmts;   /* statements dated to it */
	size_t nstmt, stmt_cap;
	uint32_t *claims;  /* the claims of its statements, each once, in order (indices) */
	size_t nclaim;
	uint32_t *articles; /* its articles, each once, in order */
	size_t narticle;
	uint8_t conflict;  /* one of its claims is a conflict */
} ct_tl_entry;

/* A listed claim an outlet's articles took a stance on. */
typedef struct {
	uint32_t claim;                 /* index into claims */
	uint32_t nart[CT_ST_NKINDS];    /* its articles by stance */
	uint32_t nfor, nagainst;        /* its statements for and against */
} ct_outlet_claim;

/* Where an outlet's name comes from. */
typedef enum {
	CT_OUTLET_INPUT = 0, /* the input's field, or --outlet */
	CT_OUTLET_TEXT,      /* the text names it at its head ("(CNN) —", "PARIS (Reuters) -") */
	CT_OUTLET_URL,       /* the host of the article's url */
	CT_OUTLET_ID         /* none: the article id stands in */
} ct_outlet_from;
const char *ct_outlet_from_name(int from); /* "input", "text", "url", "id" */

typedef struct {
	char *name;        /* owned, or borrowed from its first article when inferred */
	int inferred;      /* no outlet given: the article id stands in */
	uint8_t from;      /* ct_outlet_from */
	uint32_t *articles; /* in ct_story.outlet_articles */
	size_t narticle;
	int32_t lead_stmt; /* the statement it leads with, or -1 */
	ct_outlet_claim *claims; /* in rank order */
	size_t nclaim, claim_cap;
} ct_story_outlet;

struct ct_story {
	const ct_ctx *ctx;
	ct_story_part **parts;
	size_t npart, part_cap;
	ct_story_ent *ents;
	size_t nent, ent_cap;
	ct_table ent_keys;    /* "A:actor" / "N:lower name" → entity */
	ct_table ent_first;   /* "F:first word|initial of last" → a chain head, see story.c */
	int32_t *ent_next;    /* chain of persons in one ent_first bucket */
	ct_table ent_sur;     /* "S:surname" → a chain head of persons with that surname */
	int32_t *ent_snext;   /* chain of persons in one ent_sur bucket */
	ct_table lex_first;   /* the same buckets over the lexicon's persons → a chain head */
	int32_t *lex_next;    /* chain of lexicon persons (actor indices) */
	size_t ent_next_cap;
	ct_story_stmt *stmts;
	size_t nstmt, stmt_cap;
	/* terms (claims.c): key → id; per id the statements and articles
	 * that have it, and its weight */
	ct_stance_map term_ids;
	uint32_t *term_sf, *term_af, *term_last;
	uint8_t *term_kind;   /* 0 a word, 1 a frame's action or event, 2 a name, country or number */
	float *term_w;
	size_t nterm, term_cap;
	/* claims given by the user, in order: their text and terms */
	char **given;
	uint32_t **given_terms;
	size_t *given_nterm;
	int8_t *given_sign;
	size_t ngiven;
	ct_claim *claims;
	size_t nclaim, claim_cap;
	uint32_t *claim_order; /* claims by rank */
	size_t nlisted;        /* the first nlisted of claim_order are listed */
	size_t nconflict;      /* listed claims that are conflicts */
	size_t nid_outlet;     /* articles whose outlet is their id (none given) */
	ct_article_stance *astances; /* by claim rank, then article */
	size_t nastance;
	ct_tl_entry *timeline;
	size_t ntl;
	ct_story_outlet *outlets;
	size_t noutlet;
	uint32_t *outlet_articles; /* every outlet's articles, one after another */
	ct_table outlet_keys;
	/* the stance model (ct_story_set_stance); NULL: none */
	const ct_stance_model *stance;
	const ct_statement_model *statement;
	double stance_min;
	int threads;                /* for the stance pass of the build */
	/* the HTML map served from an archive (ct_story_set_html_links):
	 * borrowed, NULL for a self-contained page */
	const char *html_article_prefix, *html_script;
	ct_stance_map word_ids;     /* token hash → id into words */
	uint64_t *words;
	size_t nword, word_cap;
	size_t nmodel;              /* article stances from the model */
	/* wire reprints (reprints.c) */
	int links_given;            /* each part's reprint_of set by its maker (an archive's links) */
	size_t nreprint;            /* articles that reprint an earlier one */
	size_t ndup;                /* statements that repeat their original's */
	uint32_t *carry;            /* the outlets of ct_story_stmt.carry */
	size_t ncarry_all;
	uint32_t *reprints, *reprints_at; /* an original's reprints: reprints[reprints_at[a] .. reprints_at[a + 1]) */
	int built;
};

/* ---- the steps of the build (claims.c, sides.c) ---------------------- */

/* The terms of statement `ps` of `doc`'s frame `fr`, appended to the
 * part's term keys (on the worker). */
void ct_claims_terms(const ct_ctx *ctx, const ct_doc *doc, const int32_t *tok_ment, const ct_frame *fr,
		     ct_story_part *p, ct_part_stmt *ps);
/* The terms of a text the user gives, as story term ids (owned, sorted,
 * distinct; *n of them). Adds terms the story lacks. */
uint32_t *ct_claims_text_terms(ct_story *st, const char *text, size_t *n, int8_t *sign);
/* The sign of what statement i says: -1 when it is negated or carried by
 * a denial ("X denied that …"), else 1. */
int ct_claims_stmt_sign(const ct_story *st, size_t i);
/* The length of lowercase word w[0..n) without its ending: the light
 * stemmer of the claims' terms, shared with the speaker page's groups
 * (src/store/speaker.c), so both read words alike. */
size_t ct_claims_stem(const char *w, size_t n);
/* Term key → story term id (added when new). */
uint32_t ct_claims_intern(ct_story *st, uint64_t key);
/* Entity key: the story entity e as a term key. */
uint64_t ct_claims_entity_key(int32_t e);
/* Claim c's own terms: its summary statement's, or the given text's
 * (owned, sorted, distinct; *n of them). */
uint32_t *ct_claims_own_terms(const ct_story *st, const ct_claim *c, size_t *n);
/* Groups the statements into claims, ranks them and chooses summaries. */
void ct_claims_build(ct_story *st);
/* Stances toward the listed claims: statements', articles' (with the
 * stance model), conflicts; then outlets and the timeline. */
void ct_sides_build(ct_story *st);
/* Wire reprints, before the claims: each article that reprints an
 * earlier one linked to it (unless links_given), the statements it
 * repeats marked. */
void ct_reprints_link(ct_story *st);
/* The links themselves, for a map and for an archive alike: sk[0..n) the
 * texts' sketches in the story's order, earliest first (NULL: too short
 * for one); orig[i] gets the original (a text that reprints none) of the
 * earliest text before i that text i reprints, or -1. */
void ct_reprints_earliest(const ct_sketch *const *sk, size_t n, int32_t *orig);
/* After the outlets: each repeated statement's outlets. */
void ct_reprints_outlets(ct_story *st);

/* ---- what the renderers read ---------------------------------------- */

const char *ct_story_stance_name(int stance); /* "asserts", "denies", "questions", "reports" */
/* The speaker's name of statement i: the entity, the source span, or the outlet. */
const char *ct_story_speaker_name(const ct_story *st, size_t i);
/* The side statement i takes on its claim: 1 for it (asserts), -1 against
 * it (denies, questions), 0 none (reports: carries it without a side). */
int ct_story_side(const ct_story *st, size_t i);
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
/* The cue of statement i as the views name it: its lemma, after "not"
 * when negated ("not rule out"); "" for none. Into buf (cap bytes). */
const char *ct_story_cue(const ct_story *st, size_t i, char *buf, size_t cap);
/* The channel name of statement i ("" none). */
const char *ct_story_channel(const ct_story *st, size_t i);
/* The outlet of article a. */
const ct_story_outlet *ct_story_outlet_of(const ct_story *st, size_t a);
/* The listed claim of rank r (1-based). */
static inline const ct_claim *ct_story_ranked(const ct_story *st, size_t r)
{
	return &st->claims[st->claim_order[r - 1]];
}
/* The headline the stance model reads for claim c (borrowed): the
 * sentence of its summary, or the text given. */
const char *ct_story_claim_headline(const ct_story *st, const ct_claim *c);
/* The action of statement i's event ("reject"; "" when it has none), and
 * a participant's display name (a country's, an entity's, or ""). */
const char *ct_story_event_action(const ct_story *st, size_t i);
const char *ct_story_fact_name(const ct_story *st, size_t article, const ct_part_fact *f);
/* The article stance of article a on claim c, or NULL. */
const ct_article_stance *ct_story_article_stance(const ct_story *st, const ct_claim *c, uint32_t a);
/* The outlets that carried statement i (indices into outlets, borrowed;
 * its own first): more than one when reprints repeat it, else 0. */
size_t ct_story_carried_by(const ct_story *st, size_t i, const uint32_t **outlets);
/* The id of the earlier article that article a reprints, or NULL. */
const char *ct_story_reprint_of(const ct_story *st, size_t a);
/* How an article stance is worded in the views: "asserts", …, with the
 * mark the text views give its side ("+", "-", "?", "~"). */
const char *ct_story_side_mark(int stance);

/* The renderers: each writes the map into the sink, spilling as it goes. */
void ct_story_render_text(const ct_story *st, ct_sink *out, int markdown);
void ct_story_render_json(const ct_story *st, ct_sink *out);
void ct_story_render_html(const ct_story *st, ct_sink *out);

#endif
