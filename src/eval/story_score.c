/*
 * story_score.c — one story map scored against gold sides (`claimtrace
 * eval story`, docs/story.md "Measured on FNC-1's stories").
 *
 * The map is read from its own JSON, the output a user sees: each listed
 * claim's `article_stances` place an article on the + side (asserts), the
 * − side (denies, questions) or neither (reports, or no entry). Gold is
 * each article's FNC-1 label toward the story's claim: agree (+),
 * disagree (−), discuss or none (neither).
 *
 * Per story, the map claim that agrees best with gold is taken, in
 * either orientation: the most gold agree/disagree articles on the side
 * gold gives them less those on the other side (ties: the higher-ranked
 * claim). Over every pair of gold agree/disagree articles, gold says
 * "opposite sides" or "the same side"; the map says opposite only when it
 * places the two on different sides of that claim. The counts pool over
 * stories into the F1 of "opposite". A contested story (gold has an agree
 * and a disagree article) is found when that claim puts an agree article
 * and a disagree article on the sides gold gives them. The central claim
 * is right when the map's first claim shares two content words or more
 * with the gold claim.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../core/doc.h"
#include "../core/uchar.h"
#include "../story/story.h"

/* The distinct content words of s, lowercase, into *words (a buffer of
 * NUL-separated words) — what "shares two content words" compares. */
static size_t content_words(const ct_ctx *ctx, const char *s, ct_buf *words)
{
	ct_buf_clear(words);
	ct_table seen = {0};
	size_t n = 0;
	ct_buf w = {0};
	for (const unsigned char *p = (const unsigned char *)s;; p++) {
		if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x98 || p[2] == 0x99)) {
			/* a typographic apostrophe is one: "Putin’s" is "putin" */
			if (w.len)
				ct_buf_addc(&w, '\'');
			p += 2;
			continue;
		}
		int letter = *p && (*p >= 0x80 || ct_uc_is_alnum((ct_uc_class)ct_uc_ascii[*p]) || (*p == '\'' && w.len));
		if (letter) {
			ct_buf_addc(&w, (char)(*p < 0x80 ? ct_ascii_lower((char)*p) : (char)*p));
			continue;
		}
		size_t len = w.len;
		if (len >= 2 && w.data[len - 2] == '\'' && w.data[len - 1] == 's')
			len -= 2; /* "Pope's" is "pope" */
		while (len && w.data[len - 1] == '\'')
			len--;
		if (len >= 2 && !ct_table_get(&ctx->function_words, w.data, len, NULL) &&
		    !ct_table_get(&seen, w.data, len, NULL)) {
			ct_table_put(&seen, w.data, len, 1);
			ct_buf_add(words, w.data, len);
			ct_buf_addc(words, 0);
			n++;
		}
		ct_buf_clear(&w);
		if (!*p)
			break;
	}
	ct_buf_free(&w);
	ct_table_free(&seen);
	return n;
}

static size_t shared_words(const ct_ctx *ctx, const char *a, const char *b)
{
	ct_buf wa = {0}, wb = {0};
	size_t na = content_words(ctx, a, &wa), nb = content_words(ctx, b, &wb), shared = 0;
	ct_table t = {0};
	const char *w = wa.data;
	for (size_t i = 0; i < na; i++, w += strlen(w) + 1)
		ct_table_put(&t, w, strlen(w), 1);
	w = wb.data;
	for (size_t i = 0; i < nb; i++, w += strlen(w) + 1)
		shared += ct_table_get(&t, w, strlen(w), NULL);
	ct_table_free(&t);
	ct_buf_free(&wa);
	ct_buf_free(&wb);
	return shared;
}

/* +1, -1 or 0: the side an article_stances entry puts its article on. */
static int side_of(const char *stance)
{
	if (!strcmp(stance, "asserts"))
		return 1;
	if (!strcmp(stance, "denies") || !strcmp(stance, "questions"))
		return -1;
	return 0;
}

/* Is the article's name one function word ("The", "In")? */
static int junk_name(const ct_ctx *ctx, const char *name)
{
	char low[64];
	size_t n = strlen(name);
	if (!n || n >= sizeof low)
		return 0;
	for (size_t i = 0; i < n; i++)
		low[i] = ct_ascii_lower(name[i]);
	return ct_table_get(&ctx->function_words, low, n, NULL);
}

static void copy_text(char *dst, size_t cap, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n >= cap) {
		n = cap - 1;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--; /* not in the middle of a character */
	}
	if (n)
		memcpy(dst, s, n);
	dst[n] = 0;
}

int ct_story_score_map(ct_story *st, const char *claim, const char *const *ids, const int *gold, size_t n,
		       int first_only, ct_story_score *out)
{
	memset(out, 0, sizeof *out);
	size_t len;
	char *js = ct_story_render(st, CT_STORY_JSON, &len);
	json_error_t err;
	json_t *root = json_loadb(js, len, 0, &err);
	free(js);
	if (!root)
		return CT_EFORMAT;
	const ct_ctx *ctx = st->ctx;
	ct_table index = {0}; /* article id → gold position */
	for (size_t k = 0; k < n; k++) {
		ct_table_put(&index, ids[k], strlen(ids[k]), (int)k);
		out->articles++;
		out->agree += gold[k] == CT_STANCE_AGREE;
		out->disagree += gold[k] == CT_STANCE_DISAGREE;
		out->discuss += gold[k] == CT_STANCE_DISCUSS;
	}
	out->contested = out->agree && out->disagree;
	int *gside = ct_xcalloc(n + 1, sizeof *gside), *mside = ct_xcalloc(n + 1, sizeof *mside),
	    *best = ct_xcalloc(n + 1, sizeof *best);
	for (size_t k = 0; k < n; k++)
		gside[k] = gold[k] == CT_STANCE_AGREE ? 1 : gold[k] == CT_STANCE_DISAGREE ? -1 : 0;
	json_t *claims = json_object_get(root, "claims");
	long best_score = 0;
	for (size_t c = 0; c < json_array_size(claims) && !(first_only && c > 0); c++) {
		json_t *cl = json_array_get(claims, c);
		if (c == 0) {
			const char *sum = json_string_value(json_object_get(cl, "summary"));
			copy_text(out->first, sizeof out->first, sum);
			out->central = sum && shared_words(ctx, sum, claim) >= 2;
		}
		json_t *as = json_object_get(cl, "article_stances");
		memset(mside, 0, n * sizeof *mside);
		for (size_t k = 0; k < json_array_size(as); k++) {
			json_t *e = json_array_get(as, k);
			const char *id = json_string_value(json_object_get(e, "article"));
			const char *s = json_string_value(json_object_get(e, "stance"));
			int at;
			if (id && s && ct_table_get(&index, id, strlen(id), &at))
				mside[at] = side_of(s);
		}
		long agree = 0;
		for (size_t k = 0; k < n; k++)
			agree += gside[k] * mside[k];
		for (int o = 1; o >= -1; o -= 2) {
			if (agree * o > best_score) {
				best_score = agree * o;
				out->best_rank = (int)c + 1;
				out->flipped = o < 0;
				for (size_t k = 0; k < n; k++)
					best[k] = mside[k] * o;
				copy_text(out->best, sizeof out->best, json_string_value(json_object_get(cl, "summary")));
			}
		}
	}
	int found_agree = 0, found_disagree = 0;
	for (size_t i = 0; i < n; i++) {
		found_agree |= gside[i] == 1 && best[i] == 1;
		found_disagree |= gside[i] == -1 && best[i] == -1;
		for (size_t j = i + 1; j < n; j++) {
			if (!gside[i] || !gside[j])
				continue;
			int g = gside[i] != gside[j], m = best[i] && best[j] && best[i] != best[j];
			out->pairs++;
			out->gold_opposite += (size_t)g;
			out->pred_opposite += (size_t)m;
			out->both_opposite += (size_t)(g && m);
		}
	}
	out->found = out->contested && found_agree && found_disagree;
	json_t *ents = json_object_get(root, "entities");
	for (size_t e = 0; e < json_array_size(ents); e++) {
		const char *name = json_string_value(json_object_get(json_array_get(ents, e), "name"));
		out->entities++;
		out->junk_entities += name && junk_name(ctx, name);
	}
	free(gside);
	free(mside);
	free(best);
	ct_table_free(&index);
	json_decref(root);
	return 0;
}
