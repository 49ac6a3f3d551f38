/*
 * segment.c — paragraphs, tokens, quotation state and sentences.
 *
 * Method.
 *  - Paragraphs are the non-blank lines of the normalized text (hard-wrapped
 *    lines were joined by the normalizer).
 *  - Tokens, left to right: URLs, e-mail addresses, @handles and #hashtags
 *    whole; words and numbers with their inner hyphens, apostrophes,
 *    periods between single letters (U.S.) and separators between digits
 *    (1,000.5  9/11  10:30  2014-09-15); a final period joins a word that
 *    the abbreviation lexicon knows, a single capital (an initial) or a
 *    dotted acronym; English clitics split off ('s n't 're 've 'll 'd 'm);
 *    runs of . ! ? and of hyphens are one token; anything else one
 *    character (with its combining marks).
 *  - Quotation marks (all ASCII '"' after normalization) open or close by
 *    what stands beside them, and by the state when both sides agree. A
 *    paragraph that ends inside a quotation carries it on only when the next
 *    paragraph opens with a quotation mark, as news style does; otherwise
 *    the quotation is taken as unclosed and ends with its paragraph, so one
 *    stray mark cannot swallow the article.
 *  - Sentences end at a paragraph's end and after . ! ? (with any closing
 *    quotes and brackets) when the next token opens a sentence: a capital,
 *    a digit, an opening quote or bracket. After an abbreviation that may
 *    end a sentence (U.S., Inc., Sept.) the next word must also be a common
 *    sentence opener (data/starters.txt); after a title or an initial
 *    (Gen., J.) a sentence never ends.
 */
#include "segment.h"

#include <string.h>

#include "../core/uchar.h"

typedef struct {
	const ct_ctx *ctx;
	ct_doc *doc;
	const char *t;
	size_t n;
} seg;

static inline void add_tok(seg *s, size_t off, size_t len, ct_tok_type type, uint8_t flags)
{
	ct_doc *d = s->doc;
	ct_grow((void **)&d->toks, &d->tok_cap, d->ntok + 1, sizeof *d->toks);
	d->toks[d->ntok++] = (ct_token){(uint32_t)off, (uint32_t)len, (uint8_t)type, flags};
}

static ct_uc_class cls(const seg *s, size_t i, size_t *len)
{
	if (i >= s->n) {
		*len = 0;
		return CT_UC_SPACE;
	}
	return ct_uc_at(s->t, s->n, i, len);
}

static inline int is_word_char(const seg *s, size_t i)
{
	size_t l;
	ct_uc_class c = cls(s, i, &l);
	return ct_uc_is_alnum(c) || c == CT_UC_MARK;
}

static int prev_is_word(const seg *s, size_t i, size_t start)
{
	if (i <= start)
		return 0;
	size_t j = i - 1;
	while (j > start && ((unsigned char)s->t[j] & 0xC0) == 0x80)
		j--;
	return is_word_char(s, j);
}

/* Does [i, end) start with `p` (lowercase), in any case, and go on after it? */
static int starts_ci(const seg *s, size_t i, size_t end, const char *p)
{
	for (; *p; p++, i++)
		if (i >= end || ct_ascii_lower(s->t[i]) != *p)
			return 0;
	return i < end;
}

static size_t url_end(const seg *s, size_t i, size_t end)
{
	char c0 = (char)(s->t[i] | 0x20);
	if (c0 != 'h' && c0 != 'w')
		return i;
	if (!starts_ci(s, i, end, "http://") && !starts_ci(s, i, end, "https://") && !starts_ci(s, i, end, "www."))
		return i;
	size_t j = i;
	while (j < end && (unsigned char)s->t[j] > ' ' && s->t[j] != '"')
		j++;
	while (j > i && strchr(".,;:!?)'", s->t[j - 1]))
		j--;
	return j;
}

/* A run of [A-Za-z0-9_] from i. */
static size_t name_end(const seg *s, size_t i, size_t end)
{
	while (i < end) {
		char c = s->t[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
			break;
		i++;
	}
	return i;
}

static int is_digit_at(const seg *s, size_t i, size_t end)
{
	return i < end && s->t[i] >= '0' && s->t[i] <= '9';
}

/* Single letters joined by periods: "U.S", "e.g", "a.m". */
static int dotted_letters(const char *w, size_t n)
{
	if (n < 3)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = w[i];
		int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		if (i % 2 == 0 ? !letter : c != '.')
			return 0;
	}
	return 1;
}

/* The end of the word or number starting at i. */
static size_t word_end(const seg *s, size_t i, size_t end)
{
	size_t j = i, l;
	size_t part = i; /* after the last hyphen: "D-N.Y." is D- and a dotted N.Y. */
	/* the bulk of most words, ASCII letters, without the class lookup */
	while (j < end && (s->t[j] | 0x20) >= 'a' && (s->t[j] | 0x20) <= 'z')
		j++;
	int digits_only = j == i;
	while (j < end) {
		ct_uc_class c = cls(s, j, &l);
		if (ct_uc_is_alnum(c) || c == CT_UC_MARK || (c == CT_UC_FORMAT && j > i)) {
			if (c != CT_UC_DIGIT)
				digits_only = 0;
			j += l;
			continue;
		}
		char ch = s->t[j];
		/* U.S.-led: a dotted acronym with a hyphenated word after it. */
		if (ch == '.' && dotted_letters(s->t + i, j - i) && j + 2 < end && s->t[j + 1] == '-' &&
		    is_word_char(s, j + 2)) {
			j += 2;
			continue;
		}
		if (j + 1 >= end || !is_word_char(s, j + 1))
			break;
		if (ch == '-' || ch == '\'' || ch == '&') {
			j++;
			if (ch == '-')
				part = j;
			continue;
		}
		if ((ch == ',' || ch == '.' || ch == '/' || ch == ':') && digits_only &&
		    is_digit_at(s, j + 1, end)) {
			j++;
			continue;
		}
		/* U.S: letter, period, letter, where the part so far is dotted. */
		if (ch == '.' && (j - part == 1 || dotted_letters(s->t + part, j - part)) && j + 2 <= end) {
			char a = s->t[j + 1];
			int letter = (a >= 'a' && a <= 'z') || (a >= 'A' && a <= 'Z');
			char after = j + 2 < end ? s->t[j + 2] : ' ';
			if (letter && (after == '.' || !is_word_char(s, j + 2))) {
				j++;
				continue;
			}
		}
		break;
	}
	return j;
}

/* Splits a clitic off the end of [i, j): returns where it starts, or j. */
static size_t clitic_start(const seg *s, size_t i, size_t j)
{
	const char *w = s->t + i;
	size_t n = j - i;
	/* Every clitic has its apostrophe second or third from the end. */
	if (n < 3 || (w[n - 2] != '\'' && w[n - 3] != '\''))
		return j;
	static const char *const clitics[] = {"n't", "'s", "'re", "'ve", "'ll", "'d", "'m"};
	for (size_t k = 0; k < sizeof clitics / sizeof *clitics; k++) {
		size_t cl = strlen(clitics[k]);
		if (n > cl && !strncasecmp(w + n - cl, clitics[k], cl))
			return j - cl;
	}
	return j;
}

static void tokenize_para(seg *s, size_t start, size_t end)
{
	size_t i = start, l;
	while (i < end) {
		ct_uc_class c = cls(s, i, &l);
		if (c == CT_UC_SPACE || c == CT_UC_FORMAT) {
			i += l;
			continue;
		}
		char ch = s->t[i];
		size_t j = url_end(s, i, end);
		if (j > i) {
			add_tok(s, i, j - i, CT_TOK_URL, 0);
			i = j;
			continue;
		}
		if ((ch == '@' || ch == '#') && !prev_is_word(s, i, start) && i + 1 < end) {
			j = ch == '@' ? name_end(s, i + 1, end) : i + 1;
			if (ch == '#')
				while (j < end && (is_word_char(s, j) || s->t[j] == '_')) {
					cls(s, j, &l);
					j += l;
				}
			if (j > i + 1) {
				add_tok(s, i, j - i, ch == '@' ? CT_TOK_HANDLE : CT_TOK_HASHTAG, 0);
				i = j;
				continue;
			}
		}
		if (ct_uc_is_alnum(c)) {
			j = word_end(s, i, end);
			/* name@example.org */
			if (j + 1 < end && s->t[j] == '@' && is_word_char(s, j + 1)) {
				size_t k = j + 1;
				while (k < end && (is_word_char(s, k) || s->t[k] == '-' ||
						   (s->t[k] == '.' && k + 1 < end && is_word_char(s, k + 1))))
					k++;
				add_tok(s, i, k - i, CT_TOK_EMAIL, 0);
				i = k;
				continue;
			}
			uint8_t flags = 0;
			if (j < end && s->t[j] == '.') {
				int cls_abbr = 0;
				int known = ct_table_get(&s->ctx->abbrevs, s->t + i, j - i, &cls_abbr);
				int initial = j - i == 1 && c == CT_UC_UPPER;
				/* a party and state: "R-Tenn.", "D-N.Y." */
				size_t p = j;
				while (p > i && s->t[p - 1] != '-')
					p--;
				if (p > i && p < j && s->t[p] >= 'A' && s->t[p] <= 'Z')
					known |= ct_table_get(&s->ctx->abbrevs, s->t + p, j - p, &cls_abbr) ||
						 dotted_letters(s->t + p, j - p);
				if (known || initial || dotted_letters(s->t + i, j - i)) {
					j++;
					flags = CT_TF_ABBREV;
				}
			}
			ct_tok_type type = c == CT_UC_DIGIT ? CT_TOK_NUMBER : CT_TOK_WORD;
			size_t k = flags ? j : clitic_start(s, i, j);
			add_tok(s, i, k - i, type, flags);
			if (k < j)
				add_tok(s, k, j - k, CT_TOK_WORD, 0);
			i = j;
			continue;
		}
		if (ch == '"') {
			add_tok(s, i, 1, CT_TOK_QUOTE, 0);
			i++;
			continue;
		}
		if (ch == '.' || ch == '!' || ch == '?' || ch == '-') {
			j = i + 1;
			if (ch == '-')
				while (j < end && s->t[j] == '-')
					j++;
			else
				while (j < end && (s->t[j] == '.' || s->t[j] == '!' || s->t[j] == '?'))
					j++;
			add_tok(s, i, j - i, CT_TOK_PUNCT, 0);
			i = j;
			continue;
		}
		/* One character with any marks or format characters riding on it. */
		j = i + l;
		size_t l2;
		ct_uc_class c2;
		while (j < end && ((c2 = cls(s, j, &l2)) == CT_UC_MARK || c2 == CT_UC_FORMAT))
			j += l2;
		add_tok(s, i, j - i, c == CT_UC_PUNCT ? CT_TOK_PUNCT : CT_TOK_SYMBOL, 0);
		i = j;
	}
}

static int space_or_edge(const seg *s, size_t i, size_t start, size_t end, int before)
{
	if (before ? i <= start : i >= end)
		return 1;
	size_t l;
	size_t j = before ? i - 1 : i;
	if (before)
		while (j > start && ((unsigned char)s->t[j] & 0xC0) == 0x80)
			j--;
	ct_uc_class c = cls(s, j, &l);
	if (c == CT_UC_SPACE)
		return 1;
	char ch = s->t[j];
	/* An opening bracket or dash before, closing punctuation after. */
	if (before)
		return ch == '(' || ch == '[' || ch == '{' || ch == '-' || ch == '\xE2' /* — */ ||
		       ch == '/';
	return c == CT_UC_PUNCT;
}

/*
 * Marks quotation state on the tokens [t0, t1) of one paragraph. `carried`
 * says a quotation is open from the paragraph before. Returns whether one is
 * still open at the end.
 */
static int quote_para(seg *s, size_t t0, size_t t1, size_t pstart, size_t pend, int carried)
{
	ct_token *tk = s->doc->toks;
	int in = carried;
	for (size_t k = t0; k < t1; k++) {
		if (tk[k].type != CT_TOK_QUOTE) {
			if (in)
				tk[k].flags |= CT_TF_QUOTED;
			continue;
		}
		if (k == t0 && carried) {
			tk[k].flags |= CT_TF_OPEN; /* re-opens the carried quotation */
			continue;
		}
		int may_open = space_or_edge(s, tk[k].off, pstart, pend, 1);
		int may_close = space_or_edge(s, tk[k].off + 1, pstart, pend, 0);
		int opens = may_open && !may_close ? 1 : may_close && !may_open ? 0 : !in;
		if (opens && !in) {
			tk[k].flags |= CT_TF_OPEN;
			in = 1;
		} else if (!opens && in) {
			tk[k].flags |= CT_TF_CLOSE;
			in = 0;
		} else if (opens) {
			/* An opening mark inside a quotation: the last one was never
			 * closed, so this one starts afresh. */
			tk[k].flags |= CT_TF_OPEN;
		} else {
			tk[k].flags |= CT_TF_CLOSE; /* a closing mark with nothing open */
		}
	}
	return in;
}

static int is_terminal(const seg *s, const ct_token *t)
{
	if (t->type != CT_TOK_PUNCT)
		return 0;
	for (uint32_t i = 0; i < t->len; i++) {
		char c = s->t[t->off + i];
		if (c != '.' && c != '!' && c != '?')
			return 0;
	}
	return 1;
}

static int closes(const seg *s, const ct_token *t)
{
	if (t->type == CT_TOK_QUOTE)
		return (t->flags & CT_TF_CLOSE) != 0;
	if (t->type != CT_TOK_PUNCT || t->len != 1)
		return 0;
	char c = s->t[t->off];
	return c == ')' || c == ']' || c == '}' || c == '\'';
}

/* Could this token open a sentence? */
static int opens_sentence(const seg *s, const ct_token *t)
{
	size_t l;
	ct_uc_class c = cls(s, t->off, &l);
	if (c == CT_UC_UPPER || c == CT_UC_DIGIT || c == CT_UC_LETTER)
		return 1;
	if (t->type == CT_TOK_QUOTE)
		return (t->flags & CT_TF_OPEN) != 0;
	if (t->type == CT_TOK_HASHTAG || t->type == CT_TOK_HANDLE || t->type == CT_TOK_SYMBOL)
		return 1;
	char ch = s->t[t->off];
	return ch == '(' || ch == '[' || ch == '\'';
}

static int is_starter(const seg *s, const ct_token *t)
{
	return ct_table_get(&s->ctx->starters, s->t + t->off, t->len, NULL);
}

/* After token k (with closers up to `last`), does a sentence end? */
static int ends_sentence(const seg *s, size_t k, size_t next, size_t t1)
{
	const ct_token *tk = s->doc->toks;
	if (next >= t1)
		return 1;
	const ct_token *t = &tk[k], *n = &tk[next];
	if (is_terminal(s, t))
		return opens_sentence(s, n);
	if (!(t->flags & CT_TF_ABBREV))
		return 0;
	int cls_abbr = CT_ABBR_OTHER;
	ct_table_get(&s->ctx->abbrevs, s->t + t->off, t->len - 1, &cls_abbr);
	if (cls_abbr == CT_ABBR_TITLE || cls_abbr == CT_ABBR_PLACE || t->len == 2)
		return 0; /* a title or an initial: a name follows */
	return is_starter(s, n) || (n->type == CT_TOK_QUOTE && (n->flags & CT_TF_OPEN));
}

static void add_sentence(seg *s, size_t t0, size_t t1, uint32_t para, int quoted)
{
	ct_doc *d = s->doc;
	if (t1 <= t0)
		return;
	const ct_token *a = &d->toks[t0], *b = &d->toks[t1 - 1];
	ct_grow((void **)&d->sents, &d->sent_cap, d->nsent + 1, sizeof *d->sents);
	d->sents[d->nsent++] = (ct_sentence){a->off, b->off + b->len - a->off, (uint32_t)t0,
					     (uint32_t)(t1 - t0), para, (uint8_t)quoted};
	d->toks[t1 - 1].flags |= CT_TF_SENT_END;
}

static void sentences_para(seg *s, size_t t0, size_t t1, uint32_t para)
{
	const ct_token *tk = s->doc->toks;
	size_t start = t0;
	for (size_t k = t0; k < t1; k++) {
		if (!is_terminal(s, &tk[k]) && !(tk[k].flags & CT_TF_ABBREV))
			continue;
		size_t next = k + 1;
		while (next < t1 && closes(s, &tk[next]))
			next++;
		if (next < t1 && ends_sentence(s, k, next, t1)) {
			add_sentence(s, start, next, para, (tk[start].flags & CT_TF_QUOTED) != 0);
			start = next;
			k = next - 1;
		}
	}
	if (start < t1)
		add_sentence(s, start, t1, para, (tk[start].flags & CT_TF_QUOTED) != 0);
}

int ct_seg_run(const ct_ctx *ctx, ct_doc *doc)
{
	seg s = {ctx, doc, doc->text, doc->text_len};
	doc->npara = doc->nsent = doc->ntok = 0;
	size_t pos = 0;
	int carried = 0;
	while (pos < s.n) {
		const char *nl = memchr(s.t + pos, '\n', s.n - pos);
		size_t end = nl ? (size_t)(nl - s.t) : s.n;
		size_t t0 = doc->ntok;
		tokenize_para(&s, pos, end);
		size_t t1 = doc->ntok;
		if (t1 > t0) {
			const ct_token *a = &doc->toks[t0], *b = &doc->toks[t1 - 1];
			/* Does a quotation carried from the last paragraph go on here? */
			int go_on = carried && a->type == CT_TOK_QUOTE;
			int first_quoted = go_on;
			carried = quote_para(&s, t0, t1, pos, end, go_on);
			uint32_t para = (uint32_t)doc->npara;
			size_t s0 = doc->nsent;
			sentences_para(&s, t0, t1, para);
			if (first_quoted)
				doc->sents[s0].quoted = 1;
			ct_grow((void **)&doc->paras, &doc->para_cap, doc->npara + 1, sizeof *doc->paras);
			doc->paras[doc->npara++] = (ct_paragraph){a->off, b->off + b->len - a->off,
								  (uint32_t)s0, (uint32_t)(doc->nsent - s0)};
		}
		pos = end + 1;
	}
	return 0;
}
