/*
 * html.c — a web page → its article (html.h).
 *
 * The body is found the way Arc90's Readability taught the field: every
 * paragraph of enough text scores for the elements around it (more for
 * commas and length, less the further up), an element's score falls with
 * the share of its text inside links, and the best-scored element, with
 * those of its siblings that read as the same text, is the article. Before
 * scoring, what is never article text goes: scripts, forms, navigation,
 * hidden elements and elements whose class or id names page furniture
 * (data/html.txt). Inside the article, a list, table or block that is
 * mostly links, images or form fields goes too, and so does a short
 * paragraph that is nearly all link. Pages that split their story into
 * several boxes get the boxes elsewhere that share the best one's tag and
 * class. Last, blocks of the kept text that read as page furniture
 * (data/page_furniture.txt: "Related: …" anywhere, author notes and
 * copyright lines at either end, a lone date or byline at the top) go.
 * When all that leaves less than a short article, the page is read again
 * with fewer of those cuts, and the longest reading kept.
 *
 * The page is flattened once into an array in document order (a node's
 * subtree is the run [i, end)), so every pass is a loop, whatever the
 * nesting depth.
 */
#define _GNU_SOURCE /* memmem */
#include "html.h"

#include <ctype.h>
#include <errno.h>
#include <gumbo.h>
#include <iconv.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../core/date.h"

/* What a name part says (data/html.txt). */
enum { N_UNLIKELY = 1, N_MAYBE, N_NEGATIVE, N_POSITIVE };

static const char *name_entry(void *arg, char **f, int nf, int line)
{
	(void)line;
	ct_ctx *ctx = arg;
	if (nf != 2 || !*f[0])
		return "expected two tab-separated fields: name part, class";
	static const char *const classes[] = {"unlikely", "maybe", "negative", "positive"};
	int cls = 0;
	for (int i = 0; i < 4; i++)
		if (!strcmp(f[1], classes[i]))
			cls = i + 1;
	if (!cls)
		return "unknown class (unlikely, maybe, negative or positive)";
	if (strlen(f[0]) > 64)
		return "name part longer than 64 bytes";
	ctx->html_names = ct_xrealloc(ctx->html_names, (ctx->nhtml_names + 1) * sizeof *ctx->html_names);
	char *p = ct_xstrdup(f[0]);
	for (char *q = p; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	ctx->html_names[ctx->nhtml_names++] = (struct ct_html_name){p, (uint8_t)strlen(p), (uint8_t)cls};
	return NULL;
}

static int cmp_name(const void *a, const void *b)
{
	const struct ct_html_name *x = a, *y = b;
	return (unsigned char)x->part[0] - (unsigned char)y->part[0];
}

static const char *furniture_entry(void *arg, char **f, int nf, int line)
{
	(void)line;
	ct_ctx *ctx = arg;
	if (nf != 2 || !*f[0])
		return "expected two tab-separated fields: phrase, start or edge";
	int edge = !strcmp(f[1], "edge");
	if (!edge && strcmp(f[1], "start"))
		return "unknown place (start or edge)";
	ctx->furniture = ct_xrealloc(ctx->furniture, (ctx->nfurniture + 1) * sizeof *ctx->furniture);
	char *p = ct_xstrdup(f[0]);
	for (char *q = p; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	ctx->furniture[ctx->nfurniture++] = (struct ct_html_phrase){p, strlen(p), edge};
	return NULL;
}

static int cmp_phrase(const void *a, const void *b)
{
	const struct ct_html_phrase *x = a, *y = b;
	return (unsigned char)x->phrase[0] - (unsigned char)y->phrase[0];
}

int ct_html_names_load(ct_ctx *ctx)
{
	char *fpath = ct_xasprintf("%s/page_furniture.txt", ctx->datadir);
	char *ferr = NULL;
	int frc = ct_lex_read(fpath, furniture_entry, ctx, &ferr);
	free(fpath);
	if (frc) {
		snprintf(ctx->err, sizeof ctx->err, "%s", ferr);
		free(ferr);
		return CT_EDATA;
	}
	char *path = ct_xasprintf("%s/html.txt", ctx->datadir);
	char *err = NULL;
	int rc = ct_lex_read(path, name_entry, ctx, &err);
	free(path);
	if (rc) {
		snprintf(ctx->err, sizeof ctx->err, "%s", err);
		free(err);
		return CT_EDATA;
	}
	if (ctx->nhtml_names)
		qsort(ctx->html_names, ctx->nhtml_names, sizeof *ctx->html_names, cmp_name);
	if (ctx->nfurniture)
		qsort(ctx->furniture, ctx->nfurniture, sizeof *ctx->furniture, cmp_phrase);
	for (int b = 0, j = 0; b <= 256; b++) {
		while ((size_t)j < ctx->nfurniture && (unsigned char)ctx->furniture[j].phrase[0] < b)
			j++;
		ctx->furniture_first[b] = (uint32_t)j;
	}
	size_t k = 0;
	for (int b = 0; b <= 256; b++) {
		while (k < ctx->nhtml_names && (unsigned char)ctx->html_names[k].part[0] < b)
			k++;
		ctx->html_first[b] = (uint32_t)k;
	}
	return 0;
}

void ct_html_names_free(ct_ctx *ctx)
{
	for (size_t i = 0; i < ctx->nfurniture; i++)
		free(ctx->furniture[i].phrase);
	free(ctx->furniture);
	ctx->furniture = NULL;
	ctx->nfurniture = 0;
	for (size_t i = 0; i < ctx->nhtml_names; i++)
		free(ctx->html_names[i].part);
	free(ctx->html_names);
	ctx->html_names = NULL;
	ctx->nhtml_names = 0;
}

static int name_delim(char c)
{
	return c == '-' || c == '_' || c == ':' || c == ' ' || c == '\t' || c == '\n' || c == '.' || c == '/';
}

/* Bits 1 << class of the parts in `s` (lowercased by the caller). */
static unsigned name_classes(const ct_ctx *ctx, const char *s, size_t n)
{
	unsigned bits = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		for (uint32_t k = ctx->html_first[c]; k < ctx->html_first[c + 1]; k++) {
			const struct ct_html_name *e = &ctx->html_names[k];
			if (i + e->len > n || memcmp(s + i, e->part, e->len))
				continue;
			if (e->len < 4 && ((i && !name_delim(s[i - 1])) || (i + e->len < n && !name_delim(s[i + e->len]))))
				continue;
			bits |= 1u << e->cls;
		}
	}
	return bits;
}

/* ---- the flat page ---- */

enum {
	F_DROP = 1 << 0,     /* not article text, nor anything inside */
	F_TEXT = 1 << 1,     /* a text node */
	F_LINK = 1 << 2,     /* inside an <a> */
	F_UNLIKELY = 1 << 3, /* its names say page furniture */
	F_SCORED = 1 << 4,   /* a candidate: paragraphs scored for it */
	F_BYLINE = 1 << 5,   /* its names or rel say author or dateline */
	F_SHARE = 1 << 6,    /* its names say share buttons */
	F_PRE = 1 << 7,      /* inside <pre>: whitespace kept */
	F_CUT = 1 << 8,      /* cut from the article after selection */
	F_HASBLOCK = 1 << 9, /* an element child is a block */
	F_HIDDEN = 1 << 10,  /* hidden by attribute or style */
};

typedef struct {
	const GumboNode *g;
	int parent, end;
	GumboTag tag; /* GUMBO_TAG_UNKNOWN for text */
	uint16_t flags;
	int16_t weight; /* from class and id: -50 … 50 */
	/* Of the subtree, what is not dropped: characters of text (a space run
	 * counting one), of that inside links and headings; commas; and the
	 * elements that decide whether a block is article text. */
	uint32_t chars, link_chars, head_chars, commas;
	uint16_t np, nimg, nli, ninput, nembed;
	float score;
} hnode;

typedef struct {
	const ct_ctx *ctx;
	hnode *n;
	size_t nn, cap;
	int body;
	char *title; /* for the headings that repeat it */
	int used;    /* the PASS_ cuts that changed something in the last reading */
} page;

enum { PASS_UNLIKELY = 1, PASS_WEIGHT = 2, PASS_CLEAN = 4 };

static int is_block_tag(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE:
	case GUMBO_TAG_BODY: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIV:
	case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION:
	case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
	case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEADER:
	case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR: case GUMBO_TAG_LI: case GUMBO_TAG_MAIN: case GUMBO_TAG_NAV:
	case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_TABLE:
	case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR: case GUMBO_TAG_TD:
	case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION: case GUMBO_TAG_UL: case GUMBO_TAG_CENTER: case GUMBO_TAG_HTML:
		return 1;
	default:
		return 0;
	}
}

/* A div holding one of these is a container, not a paragraph. */
static int breaks_paragraph(GumboTag t)
{
	return t == GUMBO_TAG_BLOCKQUOTE || t == GUMBO_TAG_DL || t == GUMBO_TAG_DIV || t == GUMBO_TAG_IMG ||
	       t == GUMBO_TAG_OL || t == GUMBO_TAG_P || t == GUMBO_TAG_PRE || t == GUMBO_TAG_TABLE ||
	       t == GUMBO_TAG_UL || t == GUMBO_TAG_SECTION || t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_FIGURE ||
	       t == GUMBO_TAG_HEADER || t == GUMBO_TAG_FOOTER || t == GUMBO_TAG_ASIDE || t == GUMBO_TAG_NAV ||
	       t == GUMBO_TAG_FORM || t == GUMBO_TAG_MAIN || (t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6);
}

static int is_heading(GumboTag t)
{
	return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6;
}

/* Never article text. */
static int dropped_tag(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_HEAD: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
	case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME:
	case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO:
	case GUMBO_TAG_AUDIO: case GUMBO_TAG_MAP: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT:
	case GUMBO_TAG_INPUT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_OPTION: case GUMBO_TAG_NAV:
	case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_LINK: case GUMBO_TAG_META:
	case GUMBO_TAG_TITLE: case GUMBO_TAG_BASE: case GUMBO_TAG_FIGCAPTION:
	case GUMBO_TAG_MENU: case GUMBO_TAG_LABEL: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FRAMESET:
	case GUMBO_TAG_APPLET: case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK: case GUMBO_TAG_PARAM:
		return 1;
	default:
		return 0;
	}
}

static const char *attr(const GumboNode *g, const char *name)
{
	const GumboAttribute *a = gumbo_get_attribute(&g->v.element.attributes, name);
	return a ? a->value : NULL;
}

/* s contains `needle`, ASCII case ignored. */
static int has_ci(const char *s, const char *needle)
{
	size_t n = strlen(needle);
	for (; s && *s; s++)
		if (!strncasecmp(s, needle, n))
			return 1;
	return 0;
}

static int hidden(const GumboNode *g)
{
	if (attr(g, "hidden"))
		return 1;
	const char *aria = attr(g, "aria-hidden");
	if (aria && !strcasecmp(aria, "true"))
		return 1;
	const char *style = attr(g, "style");
	if (style) {
		/* "display: none", in any spacing */
		char tight[256];
		size_t k = 0;
		for (const char *p = style; *p && k + 1 < sizeof tight; p++)
			if (!isspace((unsigned char)*p))
				tight[k++] = (char)tolower((unsigned char)*p);
		tight[k] = 0;
		if (strstr(tight, "display:none") || strstr(tight, "visibility:hidden"))
			return 1;
	}
	return 0;
}

static int furniture_role(const char *role)
{
	static const char *const roles[] = {"menu", "menubar", "complementary", "navigation", "alert",
					    "alertdialog", "dialog", "banner", "contentinfo", "search"};
	for (size_t i = 0; role && i < sizeof roles / sizeof *roles; i++)
		if (!strcasecmp(role, roles[i]))
			return 1;
	return 0;
}

/* Class weight and furniture flags of an element, from its class and id. */
static void classify(const page *pg, const GumboNode *g, hnode *h)
{
	const char *cls = attr(g, "class"), *id = attr(g, "id");
	unsigned all = 0;
	const char *names[2] = {cls, id};
	for (int k = 0; k < 2; k++) {
		if (!names[k] || !*names[k])
			continue;
		char low[512];
		size_t n = 0;
		for (const char *p = names[k]; *p && n + 1 < sizeof low; p++)
			low[n++] = (char)tolower((unsigned char)*p);
		low[n] = 0;
		unsigned b = name_classes(pg->ctx, low, n);
		all |= b;
		if (b & (1u << N_NEGATIVE))
			h->weight -= 25;
		if (b & (1u << N_POSITIVE))
			h->weight += 25;
		if (strstr(low, "byline") || strstr(low, "author") || strstr(low, "dateline") ||
		    strstr(low, "writtenby"))
			h->flags |= F_BYLINE;
		if (strstr(low, "share") || strstr(low, "sharedaddy"))
			h->flags |= F_SHARE;
	}
	const char *rel = attr(g, "rel"), *itemprop = attr(g, "itemprop");
	if ((rel && !strcasecmp(rel, "author")) || (itemprop && has_ci(itemprop, "author")))
		h->flags |= F_BYLINE;
	if ((all & (1u << N_UNLIKELY)) && !(all & (1u << N_MAYBE)))
		h->flags |= F_UNLIKELY;
}

static void push(page *pg, hnode h)
{
	ct_grow((void **)&pg->n, &pg->cap, pg->nn + 1, sizeof *pg->n);
	pg->n[pg->nn++] = h;
}

/* Characters of text as a reader sees them (a space run one) and commas. */
static void count_text(const char *s, uint32_t *chars, uint32_t *commas)
{
	uint32_t c = 0, k = 0;
	int space = 1;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == '\f') {
			if (!space)
				c++;
			space = 1;
			continue;
		}
		space = 0;
		if ((*p & 0xC0) != 0x80)
			c++;
		if (*p == ',')
			k++;
		else if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C) /* ，fullwidth */
			k++;
		else if (p[0] == 0xD8 && p[1] == 0x8C) /* ، Arabic */
			k++;
	}
	*chars = c;
	*commas = k;
}

/*
 * Flattens the tree under `root` in document order. Inside a dropped
 * element nothing is kept; the rest carries flags from its ancestors.
 */
static void flatten(page *pg, const GumboNode *root, int pass)
{
	typedef struct {
		const GumboNode *g;
		int parent;
		unsigned i; /* next child */
		uint16_t inherit;
		uint8_t in_table;
	} frame;
	frame *st = NULL;
	size_t sn = 0, scap = 0;
	pg->nn = 0;
	pg->body = -1;
	ct_grow((void **)&st, &scap, 1, sizeof *st);
	st[sn++] = (frame){root, -1, 0, 0, 0};
	push(pg, (hnode){.g = root, .parent = -1, .tag = root->v.element.tag});
	st[0].parent = 0;
	while (sn) {
		frame *f = &st[sn - 1];
		const GumboVector *kids = &f->g->v.element.children;
		if (f->i >= kids->length) {
			pg->n[f->parent].end = (int)pg->nn;
			sn--;
			continue;
		}
		const GumboNode *c = kids->data[f->i++];
		int parent = f->parent;
		uint16_t inherit = f->inherit;
		uint8_t in_table = f->in_table;
		if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE || c->type == GUMBO_NODE_CDATA) {
			hnode h = {.g = c, .parent = parent, .end = (int)pg->nn + 1, .tag = GUMBO_TAG_UNKNOWN};
			h.flags = F_TEXT | inherit;
			push(pg, h);
			continue;
		}
		if (c->type != GUMBO_NODE_ELEMENT)
			continue; /* comments, templates */
		GumboTag t = c->v.element.tag;
		hnode h = {.g = c, .parent = parent, .tag = t, .flags = inherit};
		classify(pg, c, &h);
		if (!(pass & PASS_WEIGHT))
			h.weight = 0;
		int keep_anyway = t == GUMBO_TAG_BODY || t == GUMBO_TAG_HTML || t == GUMBO_TAG_A ||
				  t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_MAIN || in_table;
		if (dropped_tag(t) || hidden(c) || furniture_role(attr(c, "role")))
			h.flags |= F_DROP;
		else if ((pass & PASS_UNLIKELY) && (h.flags & F_UNLIKELY) && !keep_anyway)
			h.flags |= F_DROP, pg->used |= PASS_UNLIKELY;
		if (t == GUMBO_TAG_BODY && pg->body < 0)
			pg->body = (int)pg->nn;
		if (is_block_tag(t) || t == GUMBO_TAG_IMG)
			pg->n[parent].flags |= breaks_paragraph(t) ? F_HASBLOCK : 0;
		if (h.flags & F_DROP) {
			h.end = (int)pg->nn + 1;
			push(pg, h);
			continue;
		}
		int self = (int)pg->nn;
		push(pg, h);
		uint16_t down = inherit;
		if (t == GUMBO_TAG_A)
			down |= F_LINK;
		if (t == GUMBO_TAG_PRE)
			down |= F_PRE;
		ct_grow((void **)&st, &scap, sn + 1, sizeof *st);
		st[sn++] = (frame){c, self, 0, down, (uint8_t)(in_table || t == GUMBO_TAG_TABLE || t == GUMBO_TAG_CODE)};
	}
	free(st);
}

static int words_equal_share(const char *a, const char *b);

/* The subtree sums, leaves first; small bylines and share bars go here,
 * since only their own text says they are small. */
static void aggregate(page *pg)
{
	for (size_t k = pg->nn; k-- > 0;) {
		hnode *h = &pg->n[k];
		if (h->flags & F_TEXT) {
			count_text(h->g->v.text.text, &h->chars, &h->commas);
			if (h->flags & F_LINK)
				h->link_chars = h->chars;
		} else if (!(h->flags & F_DROP)) {
			GumboTag t = h->tag;
			h->np += t == GUMBO_TAG_P;
			h->nimg += t == GUMBO_TAG_IMG;
			h->nli += t == GUMBO_TAG_LI;
			h->ninput += t == GUMBO_TAG_INPUT;
			h->nembed += t == GUMBO_TAG_OBJECT || t == GUMBO_TAG_EMBED || t == GUMBO_TAG_IFRAME;
			if (is_heading(t))
				h->head_chars = h->chars;
			if ((h->flags & F_BYLINE) && h->chars < 100 && h->chars)
				h->flags |= F_DROP;
			if ((h->flags & F_SHARE) && h->chars < 500 && t != GUMBO_TAG_BODY)
				h->flags |= F_DROP;
			if ((t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2) && pg->title && h->chars < 300) {
				/* the headline again: it is the title field, not body */
				char *txt = NULL;
				ct_buf b = {0};
				for (int j = (int)k + 1; j < h->end; j++)
					if (pg->n[j].flags & F_TEXT)
						ct_buf_adds(&b, pg->n[j].g->v.text.text), ct_buf_addc(&b, ' ');
				txt = b.data;
				if (txt && words_equal_share(txt, pg->title))
					h->flags |= F_DROP;
				ct_buf_free(&b);
			}
		}
		if ((h->flags & F_DROP) || h->parent < 0)
			continue;
		hnode *p = &pg->n[h->parent];
		p->chars += h->chars;
		p->link_chars += h->link_chars;
		p->head_chars += h->head_chars;
		p->commas += h->commas;
#define ADD16(f) p->f = (uint16_t)(p->f + h->f < 65535 ? p->f + h->f : 65535)
		ADD16(np);
		ADD16(nimg);
		ADD16(nli);
		ADD16(ninput);
		ADD16(nembed);
#undef ADD16
	}
}

static float link_density(const hnode *h)
{
	return h->chars ? (float)h->link_chars / (float)h->chars : 0;
}

static void init_candidate(hnode *h)
{
	float s = 0;
	switch (h->tag) {
	case GUMBO_TAG_DIV:
		s = 5;
		break;
	case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE:
		s = 3;
		break;
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL: case GUMBO_TAG_DD:
	case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM:
		s = -3;
		break;
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
	case GUMBO_TAG_H6: case GUMBO_TAG_TH:
		s = -5;
		break;
	default:
		break;
	}
	h->score = s + h->weight;
	h->flags |= F_SCORED;
}

static void init_scored(page *pg, hnode *h)
{
	init_candidate(h);
	if (h->weight)
		pg->used |= PASS_WEIGHT;
}

/* A paragraph of `chars` characters and `commas` commas, under `parent`:
 * its score goes to five levels of ancestors, less each level up. */
static void score_paragraph(page *pg, int parent, uint32_t chars, uint32_t commas)
{
	if (chars < 25 || parent < 0)
		return;
	float s = 1 + (float)commas + (chars / 100.0f < 3 ? chars / 100.0f : 3);
	int a = parent;
	for (int level = 0; level < 5 && a >= 0 && pg->n[a].parent >= 0; level++, a = pg->n[a].parent) {
		hnode *h = &pg->n[a];
		if (h->tag == GUMBO_TAG_HTML)
			break;
		if (!(h->flags & F_SCORED))
			init_scored(pg, h);
		h->score += level == 0 ? s : level == 1 ? s / 2 : s / (float)(level * 3);
	}
}

static void score_page(page *pg)
{
	for (size_t k = 0; k < pg->nn; k++) {
		hnode *h = &pg->n[k];
		if ((h->flags & (F_DROP | F_TEXT)) || h->parent < 0)
			continue;
		GumboTag t = h->tag;
		int para = t == GUMBO_TAG_P || t == GUMBO_TAG_PRE || t == GUMBO_TAG_TD || t == GUMBO_TAG_SECTION ||
			   (t >= GUMBO_TAG_H2 && t <= GUMBO_TAG_H6);
		if ((t == GUMBO_TAG_DIV || t == GUMBO_TAG_SECTION) && !(h->flags & F_HASBLOCK))
			para = 1; /* a div of text is a paragraph */
		if (para) {
			if (t == GUMBO_TAG_SECTION && (h->flags & F_HASBLOCK))
				continue; /* a section of paragraphs: they score */
			score_paragraph(pg, h->parent, h->chars, h->commas);
			continue;
		}
		if (t == GUMBO_TAG_DIV && (h->flags & F_HASBLOCK)) {
			/* Text between the blocks of a div reads as paragraphs of it. */
			uint32_t chars = 0, commas = 0;
			for (int c = (int)k + 1; c <= h->end; c = pg->n[c].end) {
				if (c == h->end || (!(pg->n[c].flags & F_TEXT) && breaks_paragraph(pg->n[c].tag))) {
					score_paragraph(pg, (int)k, chars, commas);
					chars = commas = 0;
					if (c == h->end)
						break;
					continue;
				}
				if (!(pg->n[c].flags & F_DROP))
					chars += pg->n[c].chars, commas += pg->n[c].commas;
			}
		}
	}
}

/* Is `anc` an ancestor of (or) `k`? */
static int contains(const page *pg, int anc, int k)
{
	return k >= anc && k < pg->n[anc].end;
}

/* The element the article is, or -1 when nothing scored. */
static int top_candidate(page *pg)
{
	enum { NTOP = 5 };
	int top[NTOP];
	int ntop = 0;
	for (size_t k = 0; k < pg->nn; k++) {
		hnode *h = &pg->n[k];
		if (!(h->flags & F_SCORED) || (h->flags & F_DROP))
			continue;
		h->score *= 1 - link_density(h);
		int pos = ntop;
		while (pos > 0 && pg->n[top[pos - 1]].score < h->score)
			pos--;
		if (pos >= NTOP)
			continue;
		if (ntop < NTOP)
			ntop++;
		memmove(top + pos + 1, top + pos, (size_t)(ntop - 1 - pos) * sizeof *top);
		top[pos] = (int)k;
	}
	if (!ntop)
		return -1;
	int best = top[0];
	/* When several near-best candidates sit in one ancestor, the article is
	 * that ancestor: its paragraphs were split into blocks. */
	int alts[NTOP], nalt = 0;
	for (int i = 1; i < ntop; i++)
		if (pg->n[top[i]].score >= 0.75f * pg->n[best].score)
			alts[nalt++] = top[i];
	if (nalt >= 3) {
		for (int p = pg->n[best].parent; p >= 0 && p != pg->body; p = pg->n[p].parent) {
			int in = 0;
			for (int i = 0; i < nalt; i++)
				in += contains(pg, p, alts[i]);
			if (in >= 3) {
				best = p;
				break;
			}
		}
	}
	if (!(pg->n[best].flags & F_SCORED))
		init_candidate(&pg->n[best]);
	/* Up while the parent scores higher still. */
	float last = pg->n[best].score, floor_score = last / 3;
	for (int p = pg->n[best].parent; p >= 0 && p != pg->body; p = pg->n[p].parent) {
		if (!(pg->n[p].flags & F_SCORED))
			continue;
		if (pg->n[p].score < floor_score)
			break;
		if (pg->n[p].score > last) {
			best = p;
			break;
		}
		last = pg->n[p].score;
	}
	/* Up through parents that hold nothing else. */
	for (int p = pg->n[best].parent; p >= 0 && p != pg->body; p = pg->n[p].parent) {
		int elems = 0;
		for (int c = p + 1; c < pg->n[p].end; c = pg->n[c].end)
			elems += !(pg->n[c].flags & F_TEXT) || pg->n[c].chars > 0;
		if (elems != 1)
			break;
		best = p;
	}
	return best;
}

static int ends_sentence_inside(const page *pg, int k)
{
	for (int j = k + 1; j < pg->n[k].end; j++) {
		if (!(pg->n[j].flags & F_TEXT))
			continue;
		const char *s = pg->n[j].g->v.text.text;
		for (const char *d = strchr(s, '.'); d; d = strchr(d + 1, '.'))
			if (d[1] == 0 || d[1] == ' ')
				return 1;
	}
	return 0;
}

/* Whether the article takes sibling k of the top candidate `top`. */
static int sibling_joins(const page *pg, int top, int k)
{
	const hnode *s = &pg->n[k], *t = &pg->n[top];
	if (k == top)
		return 1;
	if (s->flags & (F_DROP | F_TEXT))
		return 0;
	float threshold = t->score * 0.2f > 10 ? t->score * 0.2f : 10, bonus = 0;
	const char *ca = attr(s->g, "class"), *cb = attr(t->g, "class");
	if (ca && cb && *ca && !strcmp(ca, cb))
		bonus = t->score * 0.2f;
	if ((s->flags & F_SCORED) && s->score + bonus >= threshold)
		return 1;
	/* A sibling that wraps a good candidate of its own: another part of
	 * the article, in a container of another depth. */
	if (link_density(s) < 0.25f)
		for (int j = k + 1; j < s->end; j++) {
			const hnode *d = &pg->n[j];
			if (d->flags & F_DROP) {
				j = d->end - 1;
				continue;
			}
			if ((d->flags & F_SCORED) && d->score >= threshold)
				return 1;
		}
	if (s->tag == GUMBO_TAG_P) {
		float ld = link_density(s);
		if (s->chars > 80 && ld < 0.25f)
			return 1;
		if (s->chars && s->chars <= 80 && ld == 0 && ends_sentence_inside(pg, k))
			return 1;
	}
	return 0;
}

/* Inside the article: a block of links, images or form fields goes. */
static void clean(page *pg, int from, int to)
{
	for (int k = from; k < to; k++) {
		hnode *h = &pg->n[k];
		if (h->flags & (F_TEXT | F_DROP))
			continue;
		GumboTag t = h->tag;
		if (t == GUMBO_TAG_P && k != from && link_density(h) > 0.8f && h->chars < 200) {
			/* a paragraph that is one link: a headline of another story */
			h->flags |= F_CUT;
			pg->used |= PASS_CLEAN;
			k = h->end - 1;
			continue;
		}
		if (t != GUMBO_TAG_TABLE && t != GUMBO_TAG_UL && t != GUMBO_TAG_OL && t != GUMBO_TAG_DIV &&
		    t != GUMBO_TAG_SECTION && t != GUMBO_TAG_FORM && t != GUMBO_TAG_HEADER && !is_heading(t))
			continue;
		if (k == from)
			continue;
		int weight = h->weight;
		if (weight)
			pg->used |= PASS_WEIGHT;
		float score = (h->flags & F_SCORED) ? h->score : 0;
		int cut = 0;
		if (is_heading(t)) {
			cut = weight < 0 || link_density(h) > 0.33f;
		} else if (weight + score < 0) {
			cut = 1;
		} else if (h->commas < 10) {
			int list = t == GUMBO_TAG_UL || t == GUMBO_TAG_OL;
			float ld = link_density(h);
			float hd = h->chars ? (float)h->head_chars / (float)h->chars : 0;
			int p = h->np, img = h->nimg, li = h->nli - 100 * list;
			cut = (img > 1 && (float)p / (float)img < 0.5f) || (!list && li > p) ||
			      (h->ninput > p / 3) ||
			      (!list && hd < 0.9f && h->chars < 25 && (img == 0 || img > 2)) ||
			      (!list && weight < 25 && ld > 0.2f) || (weight >= 25 && ld > 0.5f) ||
			      (h->nembed == 1 && h->chars < 75) || h->nembed > 1 || (list && ld > 0.5f);
		}
		if (cut) {
			h->flags |= F_CUT;
			pg->used |= PASS_CLEAN;
			k = h->end - 1;
		}
	}
}

/* ---- writing the text ---- */

typedef struct {
	ct_buf *b;
	int pending; /* 0 nothing, 1 space, 2 line break, 3 paragraph break */
} writer;

static void brk(writer *w, int level)
{
	if (w->pending < level)
		w->pending = level;
}

static void put_text(writer *w, const char *s, int pre)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		int space = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == '\f';
		if (p[0] == 0xC2 && p[1] == 0xA0) /* no-break space: a space */
			space = 1, p++;
		if (space && !(pre && *p == '\n')) {
			brk(w, 1);
			continue;
		}
		if (space) {
			brk(w, 2);
			continue;
		}
		if (w->pending && w->b->len) {
			if (w->pending == 3)
				CT_BUF_LIT(w->b, "\n\n");
			else
				ct_buf_addc(w->b, w->pending == 2 ? '\n' : ' ');
		}
		w->pending = 0;
		ct_buf_addc(w->b, (char)*p);
	}
}

static void write_range(page *pg, writer *w, int from, int to)
{
	/* The blocks still open, to break after them. */
	int stack[256], sn = 0;
	for (int k = from; k < to; k++) {
		while (sn && k >= pg->n[stack[sn - 1]].end) {
			brk(w, 3);
			sn--;
		}
		hnode *h = &pg->n[k];
		if (h->flags & (F_DROP | F_CUT)) {
			k = h->end - 1;
			if (!(h->flags & F_TEXT) && is_block_tag(h->tag))
				brk(w, 3);
			continue;
		}
		if (h->flags & F_TEXT) {
			put_text(w, h->g->v.text.text, (h->flags & F_PRE) != 0);
			continue;
		}
		GumboTag t = h->tag;
		if (t == GUMBO_TAG_BR) {
			brk(w, 2);
		} else if (t == GUMBO_TAG_TD || t == GUMBO_TAG_TH) {
			brk(w, 1);
		} else if (is_block_tag(t)) {
			brk(w, t == GUMBO_TAG_LI || t == GUMBO_TAG_TR || t == GUMBO_TAG_DT || t == GUMBO_TAG_DD ? 2 : 3);
			if (sn < 256)
				stack[sn++] = k;
		} else if (t == GUMBO_TAG_IMG) {
			brk(w, 1);
		}
	}
	brk(w, 3);
}

/* Reads the page's body with the cuts of `pass` into b. */
/* An element outside the article's parent that is another part of the
 * article: the same tag and class as the top candidate, as pages split by
 * asides and ads into several containers of one kind write it, holding
 * text rather than links. */
static int same_kind(const page *pg, int top, int k)
{
	const hnode *a = &pg->n[top], *h = &pg->n[k];
	if ((h->flags & (F_DROP | F_TEXT)) || h->tag != a->tag || h->chars < 50 || link_density(h) > 0.3f)
		return 0;
	const char *ca = attr(a->g, "class"), *cb = attr(h->g, "class");
	return ca && cb && *ca && !strcmp(ca, cb);
}

static void write_part(page *pg, writer *w, int k, int pass)
{
	if (pass & PASS_CLEAN)
		clean(pg, k, pg->n[k].end);
	write_range(pg, w, k, pg->n[k].end);
}

/* Reads the page's body with the cuts of `pass` into b. */
static void extract(page *pg, const GumboNode *html, int pass, ct_buf *b)
{
	flatten(pg, html, pass);
	aggregate(pg);
	score_page(pg);
	int top = top_candidate(pg);
	if (top < 0)
		top = pg->body;
	if (top < 0)
		return;
	writer w = {b, 0};
	int parent = pg->n[top].parent;
	if (parent < 0 || top == pg->body) {
		write_part(pg, &w, top, pass);
		return;
	}
	int pend = pg->n[parent].end;
	for (int k = 0; k < (int)pg->nn;) {
		if (k == parent) { /* the top candidate and the siblings that join it */
			for (int c = parent + 1; c < pend; c = pg->n[c].end)
				if (sibling_joins(pg, top, c))
					write_part(pg, &w, c, pass);
			k = pend;
		} else if (k > parent || pg->n[k].end <= parent) {
			if (same_kind(pg, top, k)) {
				write_part(pg, &w, k, pass);
				k = pg->n[k].end;
			} else {
				k++;
			}
		} else {
			k++; /* an ancestor of the parent */
		}
	}
}

/* ---- page furniture at the block level ---- */

typedef struct {
	size_t start, end; /* bytes of the text; end excludes the break */
} block;

static int word_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* 1: a block of furniture anywhere (it opens with a `start` phrase); 2: a
 * block that holds an `edge` phrase; 0: neither. */
static int furniture(const ct_ctx *ctx, const char *p, size_t n)
{
	if (n > 300)
		return 0;
	char low[301];
	size_t k = 0;
	while (k < n && (p[k] == ' ' || p[k] == '\n'))
		k++;
	size_t m = 0;
	for (size_t i = k; i < n; i++)
		low[m++] = (char)tolower((unsigned char)p[i]);
	low[m] = 0;
	int edge = 0;
	for (size_t i = 0; i < m; i++) {
		unsigned char c = (unsigned char)low[i];
		if (i && word_char(c) && word_char((unsigned char)low[i - 1]))
			continue; /* phrases start at a word's start */
		for (uint32_t j = ctx->furniture_first[c]; j < ctx->furniture_first[c + 1]; j++) {
			const struct ct_html_phrase *ph = &ctx->furniture[j];
			size_t e = i + ph->len;
			if (e > m || memcmp(low + i, ph->phrase, ph->len))
				continue;
			if (e < m && word_char((unsigned char)low[e]) && word_char((unsigned char)ph->phrase[ph->len - 1]))
				continue; /* "more:" is not "moreover" */
			if (!ph->edge && i == 0)
				return 1;
			if (ph->edge)
				edge = 2;
		}
	}
	return edge;
}

/* A line that only says when or by whom: "By Jane Doe", "Updated 11:21 pm
 * CST, Tuesday, November 19, 2019". */
static int stamp(const char *p, size_t n)
{
	if (n > 120)
		return 0;
	int sentence = p[n - 1] == '.' || p[n - 1] == '!' || p[n - 1] == '?';
	size_t words = 1, digits = 0;
	int clock = 0, month = 0;
	for (size_t i = 0; i < n; i++) {
		words += p[i] == ' ';
		digits += isdigit((unsigned char)p[i]) != 0;
		if (i && i + 2 < n && p[i] == ':' && isdigit((unsigned char)p[i - 1]) && isdigit((unsigned char)p[i + 1]) &&
		    isdigit((unsigned char)p[i + 2]))
			clock = 1;
		if (isalpha((unsigned char)p[i]) && (i == 0 || !isalpha((unsigned char)p[i - 1]))) {
			size_t j = i;
			while (j < n && isalpha((unsigned char)p[j]))
				j++;
			month |= ct_month_from_name(p + i, j - i) > 0 && j - i >= 3;
		}
	}
	if (n > 3 && !strncasecmp(p, "by ", 3))
		return words <= 12 && !sentence; /* not "By Tuesday, the council had voted." */
	return (clock && words <= 16) || (month && digits >= 4 && words <= 8 && !sentence);
}

/* Takes furniture out of the text: blocks that open with a `start`
 * phrase anywhere, and from each edge inward, blocks that hold an `edge`
 * phrase or only a date or byline. */
static void drop_furniture(const ct_ctx *ctx, ct_buf *b)
{
	block *bl = NULL;
	size_t nb = 0, cap = 0;
	for (size_t i = 0; i < b->len;) {
		const char *e = strstr(b->data + i, "\n\n");
		size_t end = e ? (size_t)(e - b->data) : b->len;
		ct_grow((void **)&bl, &cap, nb + 1, sizeof *bl);
		bl[nb++] = (block){i, end};
		i = e ? end + 2 : b->len;
	}
	char *keep = ct_xcalloc(nb ? nb : 1, 1);
	int *kind = ct_xcalloc(nb ? nb : 1, sizeof *kind);
	for (size_t i = 0; i < nb; i++) {
		kind[i] = furniture(ctx, b->data + bl[i].start, bl[i].end - bl[i].start);
		keep[i] = kind[i] != 1;
	}
	for (size_t i = 0; i < nb && (kind[i] || stamp(b->data + bl[i].start, bl[i].end - bl[i].start)); i++)
		keep[i] = 0;
	for (size_t i = nb; i-- > 0 && (kind[i] || stamp(b->data + bl[i].start, bl[i].end - bl[i].start));)
		keep[i] = 0;
	size_t kept = 0;
	for (size_t i = 0; i < nb; i++)
		kept += keep[i];
	if (!kept) /* a body of nothing but such blocks: it is what the page says */
		memset(keep, 1, nb);
	ct_buf out = {0};
	for (size_t i = 0; i < nb; i++)
		if (keep[i]) {
			if (out.len)
				CT_BUF_LIT(&out, "\n\n");
			ct_buf_add(&out, b->data + bl[i].start, bl[i].end - bl[i].start);
		}
	free(bl);
	free(keep);
	free(kind);
	ct_buf_free(b);
	*b = out;
}

/* ---- metadata ---- */

/* Most of the shorter one's words are in the longer one: a heading that
 * repeats the title. */
static int words_equal_share(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	const char *s = la <= lb ? a : b, *l = la <= lb ? b : a;
	size_t words = 0, found = 0;
	for (const char *p = s; *p;) {
		while (*p && !isalnum((unsigned char)*p) && !((unsigned char)*p & 0x80))
			p++;
		const char *q = p;
		while (*q && (isalnum((unsigned char)*q) || ((unsigned char)*q & 0x80)))
			q++;
		if (q > p) {
			words++;
			size_t n = (size_t)(q - p);
			for (const char *x = l; *x; x++)
				if (!strncasecmp(x, p, n) && (x == l || !isalnum((unsigned char)x[-1])) &&
				    !isalnum((unsigned char)x[n])) {
					found++;
					break;
				}
		}
		p = q;
	}
	return words >= 2 && found * 4 >= words * 3 && (la <= lb ? lb : la) <= 2 * (la <= lb ? la : lb) + 20;
}

typedef struct {
	char *v[CT_META_COUNT];
	int rank[CT_META_COUNT]; /* the source of each: lower wins */
	ct_buf authors;
	int author_rank;
} meta_set;

static char *collapse(const char *s)
{
	ct_buf b = {0};
	writer w = {&b, 0};
	put_text(&w, s, 0);
	return b.data ? b.data : ct_xstrdup("");
}

static void offer(meta_set *m, ct_meta_key k, const char *v, int rank)
{
	if (!v)
		return;
	char *c = collapse(v);
	if (!*c || (m->v[k] && m->rank[k] <= rank)) {
		free(c);
		return;
	}
	free(m->v[k]);
	m->v[k] = c;
	m->rank[k] = rank;
}

/* An ISO date from a date or timestamp ("2019-11-19T18:07:00Z",
 * "November 19, 2019"). */
static void offer_date(meta_set *m, const char *v, int rank)
{
	if (!v)
		return;
	while (isspace((unsigned char)*v))
		v++;
	ct_date d;
	size_t k = ct_date_parse(v, strlen(v), &d);
	char iso[11] = "";
	if (k)
		ct_date_iso(&d, iso);
	if (*iso)
		offer(m, CT_META_PUBLISHED, iso, rank);
}

static void offer_author(meta_set *m, const char *name, int rank)
{
	if (!name || !*name || strstr(name, "://") || (m->authors.len && rank > m->author_rank))
		return;
	if (rank < m->author_rank || !m->authors.len) {
		ct_buf_clear(&m->authors);
		m->author_rank = rank;
	}
	char *c = collapse(name);
	if (*c && !(m->authors.data && strstr(m->authors.data, c))) {
		if (m->authors.len)
			CT_BUF_LIT(&m->authors, ", ");
		ct_buf_adds(&m->authors, c);
	}
	free(c);
}

static int article_type(json_t *type)
{
	if (json_is_array(type)) {
		size_t i;
		json_t *t;
		json_array_foreach(type, i, t) if (article_type(t)) return 1;
		return 0;
	}
	if (!json_is_string(type))
		return 0;
	const char *s = json_string_value(type);
	size_t n = strlen(s);
	return (n >= 7 && !strcmp(s + n - 7, "Article")) || (n >= 7 && !strcmp(s + n - 7, "Posting")) ||
	       !strcmp(s, "Report");
}

static const char *json_name(json_t *v)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_object(v) && json_is_string(json_object_get(v, "name")))
		return json_string_value(json_object_get(v, "name"));
	return NULL;
}

/* A JSON-LD object of an article type: its headline, date, authors and
 * publisher; its articleBody into *body when there is one. */
static void jsonld_object(meta_set *m, json_t *o, char **body, int depth)
{
	if (depth > 4)
		return;
	if (json_is_array(o)) {
		size_t i;
		json_t *e;
		json_array_foreach(o, i, e) jsonld_object(m, e, body, depth + 1);
		return;
	}
	if (!json_is_object(o))
		return;
	json_t *graph = json_object_get(o, "@graph");
	if (graph)
		jsonld_object(m, graph, body, depth + 1);
	if (!article_type(json_object_get(o, "@type")))
		return;
	json_t *v = json_object_get(o, "headline");
	if (json_is_string(v))
		offer(m, CT_META_TITLE, json_string_value(v), 1);
	v = json_object_get(o, "datePublished");
	if (json_is_string(v))
		offer_date(m, json_string_value(v), 1);
	v = json_object_get(o, "author");
	if (json_is_array(v)) {
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e) offer_author(m, json_name(e), 1);
	} else {
		offer_author(m, json_name(v), 1);
	}
	offer(m, CT_META_OUTLET, json_name(json_object_get(o, "publisher")), 2);
	v = json_object_get(o, "articleBody");
	if (json_is_string(v) && !*body)
		*body = ct_xstrdup(json_string_value(v));
}

static void text_of(const GumboNode *g, ct_buf *b, int depth)
{
	if (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_WHITESPACE || g->type == GUMBO_NODE_CDATA) {
		ct_buf_adds(b, g->v.text.text);
		return;
	}
	if (g->type != GUMBO_NODE_ELEMENT || depth > 32)
		return;
	for (unsigned i = 0; i < g->v.element.children.length; i++)
		text_of(g->v.element.children.data[i], b, depth + 1);
}

/* Walks the whole tree for what the page says about itself. */
static void read_meta(const GumboNode *root, meta_set *m, char **ld_body)
{
	const GumboNode **st = NULL;
	size_t sn = 0, cap = 0;
	ct_grow((void **)&st, &cap, 1, sizeof *st);
	st[sn++] = root;
	int seen_time = 0;
	while (sn) {
		const GumboNode *g = st[--sn];
		if (g->type != GUMBO_NODE_ELEMENT)
			continue;
		GumboTag t = g->v.element.tag;
		if (t == GUMBO_TAG_META) {
			const char *key = attr(g, "property");
			if (!key)
				key = attr(g, "name");
			if (!key)
				key = attr(g, "itemprop");
			const char *v = attr(g, "content");
			if (key && v) {
				if (!strcasecmp(key, "og:title"))
					offer(m, CT_META_TITLE, v, 2);
				else if (!strcasecmp(key, "twitter:title"))
					offer(m, CT_META_TITLE, v, 3);
				else if (!strcasecmp(key, "og:site_name"))
					offer(m, CT_META_OUTLET, v, 1);
				else if (!strcasecmp(key, "og:url"))
					offer(m, CT_META_URL, v, 2);
				else if (!strcasecmp(key, "article:published_time") || !strcasecmp(key, "datePublished"))
					offer_date(m, v, 2);
				else if (!strcasecmp(key, "pubdate") || !strcasecmp(key, "publishdate") ||
					 !strcasecmp(key, "date") || !strcasecmp(key, "dc.date.issued") ||
					 !strcasecmp(key, "dc.date") || !strcasecmp(key, "parsely-pub-date") ||
					 !strcasecmp(key, "sailthru.date") || !strcasecmp(key, "article.published"))
					offer_date(m, v, 3);
				else if (!strcasecmp(key, "author") || !strcasecmp(key, "article:author") ||
					 !strcasecmp(key, "parsely-author") || !strcasecmp(key, "dc.creator"))
					offer_author(m, v, 2);
			}
		} else if (t == GUMBO_TAG_LINK) {
			const char *rel = attr(g, "rel"), *href = attr(g, "href");
			if (rel && href && !strcasecmp(rel, "canonical") && strstr(href, "://"))
				offer(m, CT_META_URL, href, 1);
		} else if (t == GUMBO_TAG_TITLE || t == GUMBO_TAG_SCRIPT || (t == GUMBO_TAG_TIME && !seen_time)) {
			ct_buf b = {0};
			text_of(g, &b, 0);
			if (t == GUMBO_TAG_TITLE && b.data && !m->v[CT_META_TITLE])
				offer(m, CT_META_TITLE, b.data, 9);
			if (t == GUMBO_TAG_TIME) {
				const char *dt = attr(g, "datetime");
				if (dt) {
					offer_date(m, dt, 4);
					seen_time = 1;
				}
			}
			const char *type = t == GUMBO_TAG_SCRIPT ? attr(g, "type") : NULL;
			if (type && !strcasecmp(type, "application/ld+json") && b.data) {
				json_t *o = json_loadb(b.data, b.len, 0, NULL);
				if (o)
					jsonld_object(m, o, ld_body, 0);
				json_decref(o);
			}
			ct_buf_free(&b);
			continue;
		}
		const GumboVector *kids = &g->v.element.children;
		ct_grow((void **)&st, &cap, sn + kids->length, sizeof *st);
		for (unsigned i = kids->length; i-- > 0;)
			st[sn++] = kids->data[i];
	}
	free(st);
	if (m->authors.len)
		m->v[CT_META_AUTHOR] = ct_xstrdup(m->authors.data);
	ct_buf_free(&m->authors);
}

/* A title from <title> alone often ends in the site's name:
 * "Story headline | The Site" → "Story headline". */
static void trim_site_suffix(char *title, const char *site)
{
	static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xBB "};
	for (size_t i = 0; i < sizeof seps / sizeof *seps; i++) {
		char *last = NULL;
		for (char *p = strstr(title, seps[i]); p; p = strstr(p + 1, seps[i]))
			last = p;
		if (!last)
			continue;
		const char *tail = last + strlen(seps[i]);
		size_t words = 1;
		for (const char *p = tail; *p; p++)
			words += *p == ' ';
		if ((site && has_ci(tail, site)) || (site && has_ci(site, tail)) || words <= 3) {
			*last = 0;
			return;
		}
	}
}

/* ---- charsets ---- */

/* The charset a <meta> near the top names, lowercased into out. */
static int declared_charset(const char *p, size_t n, char *out, size_t cap)
{
	size_t lim = n < 4096 ? n : 4096;
	for (size_t i = 0; i + 8 < lim; i++) {
		if (strncasecmp(p + i, "charset", 7))
			continue;
		size_t j = i + 7;
		while (j < lim && (p[j] == ' ' || p[j] == '='))
			j++;
		while (j < lim && (p[j] == '"' || p[j] == '\''))
			j++;
		size_t k = 0;
		while (j < lim && k + 1 < cap && (isalnum((unsigned char)p[j]) || p[j] == '-' || p[j] == '_'))
			out[k++] = (char)tolower((unsigned char)p[j++]);
		out[k] = 0;
		if (k)
			return 1;
	}
	return 0;
}

static int valid_utf8(const char *p, size_t n)
{
	for (size_t i = 0; i < n;) {
		if ((unsigned char)p[i] < 0x80) {
			i++;
			continue;
		}
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)p + i, (utf8proc_ssize_t)(n - i), &c);
		if (k <= 0)
			return 0;
		i += (size_t)k;
	}
	return 1;
}

/* The page in UTF-8: as it is when it is valid UTF-8, else converted from
 * the charset it names (Windows-1252, the web's default, when it names none
 * iconv knows). NULL: the page as it is. */
static char *to_utf8(const char *p, size_t n, const char *transport, size_t *outlen)
{
	if (valid_utf8(p, n))
		return NULL;
	char cs[48] = "";
	if (transport && *transport)
		snprintf(cs, sizeof cs, "%s", transport);
	else if (!declared_charset(p, n, cs, sizeof cs))
		cs[0] = 0;
	if (!*cs || !strcmp(cs, "utf-8") || !strcmp(cs, "utf8") || !strcmp(cs, "iso-8859-1") ||
	    !strcmp(cs, "latin1") || !strcmp(cs, "us-ascii"))
		snprintf(cs, sizeof cs, "windows-1252"); /* as browsers read them */
	iconv_t cd = iconv_open("UTF-8//IGNORE", cs);
	if (cd == (iconv_t)-1)
		cd = iconv_open("UTF-8//IGNORE", "WINDOWS-1252");
	if (cd == (iconv_t)-1)
		return NULL;
	size_t cap = n * 3 + 16;
	char *out = ct_xcalloc(1, cap + 1), *o = out;
	char *in = (char *)p;
	size_t il = n, ol = cap;
	while (il) {
		if (iconv(cd, &in, &il, &o, &ol) == (size_t)-1) {
			if (errno == E2BIG || !il)
				break; /* (//IGNORE ends with EILSEQ after skipping) */
			in++, il--; /* a byte the charset lacks: gone */
		}
	}
	iconv_close(cd);
	*outlen = (size_t)(o - out);
	*o = 0;
	return out;
}

/* ---- the whole page ---- */

int ct_html_sniff(const char *p, size_t n)
{
	size_t i = 0;
	if (n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < n && isspace((unsigned char)p[i]))
		i++;
	static const char *const heads[] = {"<!doctype html", "<html", "<head", "<body", "<?xml", "<!--"};
	for (size_t k = 0; k < sizeof heads / sizeof *heads; k++) {
		size_t m = strlen(heads[k]);
		if (n - i >= m && !strncasecmp(p + i, heads[k], m)) {
			if (k < 4)
				return 1;
			/* an XML prolog or a comment: markup when an <html> follows soon */
			size_t lim = n - i < 2048 ? n - i : 2048;
			for (size_t j = i; j + 5 <= i + lim; j++)
				if (!strncasecmp(p + j, "<html", 5))
					return 1;
			return 0;
		}
	}
	return 0;
}

void ct_html_article_free(ct_html_article *a)
{
	free(a->text);
	for (int k = 0; k < CT_META_COUNT; k++)
		free(a->meta[k]);
	memset(a, 0, sizeof *a);
}

static size_t body_chars(const char *s)
{
	size_t c = 0;
	for (; *s; s++)
		c += ((unsigned char)*s & 0xC0) != 0x80;
	return c;
}

static int void_element(const char *name, size_t n)
{
	static const char *const voids[] = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
					    "meta", "param", "source", "track", "wbr", "keygen"};
	for (size_t i = 0; i < sizeof voids / sizeof *voids; i++)
		if (strlen(voids[i]) == n && !strncasecmp(name, voids[i], n))
			return 1;
	return 0;
}

/* Elements a later start tag or the parent's end closes without an end tag
 * of their own: they do not nest. */
static int implied_end(const char *name, size_t n)
{
	static const char *const tags[] = {"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
					   "thead", "tbody", "tfoot", "colgroup", "rp", "rt", "caption"};
	for (size_t i = 0; i < sizeof tags / sizeof *tags; i++)
		if (strlen(tags[i]) == n && !strncasecmp(name, tags[i], n))
			return 1;
	return 0;
}

/*
 * Gumbo's time grows with the square of the nesting depth (each tag scans
 * the stack of open elements): a page of 200,000 unclosed <div>s takes
 * minutes. Real pages nest a few hundred deep at most, so a page whose
 * markup leaves more than `limit` elements open at once is refused. One
 * pass without parsing keeps a stack of the open elements' names: an end
 * tag closes the nearest open element of its name among the last few, and
 * one that matches none is ignored, as the parser ignores it.
 */
static int too_deep(const char *p, size_t n, size_t limit)
{
	uint32_t *open = ct_xcalloc(limit + 1, sizeof *open);
	size_t depth = 0;
	int deep = 0;
	for (size_t i = 0; i + 1 < n && !deep; i++) {
		if (p[i] != '<')
			continue;
		if (n - i >= 4 && !memcmp(p + i, "<!--", 4)) {
			const char *e = memmem(p + i + 4, n - i - 4, "-->", 3);
			if (!e)
				break;
			i = (size_t)(e - p) + 2;
			continue;
		}
		int end = p[i + 1] == '/';
		size_t a = i + 1 + (size_t)end, b = a;
		while (b < n && (isalnum((unsigned char)p[b]) || p[b] == '-'))
			b++;
		if (b == a || !isalpha((unsigned char)p[a]))
			continue;
		uint32_t h = CT_HASH_INIT;
		for (size_t k = a; k < b; k++)
			h = ct_hash_byte(h, (unsigned char)tolower((unsigned char)p[k]));
		if (end) {
			for (size_t k = depth, seen = 0; k-- > 0 && seen < 64; seen++)
				if (open[k] == h) {
					depth = k;
					break;
				}
			continue;
		}
		size_t c = b;
		while (c < n && p[c] != '>')
			c++;
		int self_closing = c > b && c < n && p[c - 1] == '/';
		if ((b - a == 6 && !strncasecmp(p + a, "script", 6)) || (b - a == 5 && !strncasecmp(p + a, "style", 5))) {
			/* raw text to its end tag: markup inside is not markup */
			char close[10];
			snprintf(close, sizeof close, "</%.*s", (int)(b - a), p + a);
			size_t k = c, m = b - a + 2;
			while (k + m <= n && strncasecmp(p + k, close, m))
				k++;
			i = k;
			continue;
		}
		if (!self_closing && !void_element(p + a, b - a) && !implied_end(p + a, b - a)) {
			if (depth == limit)
				deep = 1;
			else
				open[depth++] = h;
		}
		i = c;
	}
	free(open);
	return deep;
}

/* At p: "<script" or "<style" opening a tag; the name's length, else 0. */
static size_t raw_text_tag(const char *p, size_t n)
{
	size_t k = n >= 7 && !strncasecmp(p, "<script", 7) ? 6 : n >= 6 && !strncasecmp(p, "<style", 6) ? 5 : 0;
	if (!k || k + 1 >= n)
		return 0;
	char c = p[k + 1];
	return c == '>' || c == '/' || isspace((unsigned char)c) ? k : 0;
}

/*
 * The page without what scripts and style sheets hold, which is half the
 * bytes of a news page and never its text: gumbo then tokenizes half as
 * much. The tags stay, and a JSON-LD script keeps its content, which the
 * metadata is read from. Comments are copied whole, so a tag inside one
 * stays inert. NULL when there is nothing to take out.
 */
static char *strip_raw_text(const char *p, size_t n, size_t *outlen)
{
	ct_buf b = {0};
	size_t copied = 0; /* p[copied..i) is still to copy */
	for (size_t i = 0; i < n; i++) {
		if (p[i] != '<')
			continue;
		if (n - i >= 4 && !memcmp(p + i, "<!--", 4)) {
			const char *e = memmem(p + i + 4, n - i - 4, "-->", 3);
			if (!e)
				break;
			i = (size_t)(e - p) + 2;
			continue;
		}
		size_t k = raw_text_tag(p + i, n - i);
		if (!k)
			continue;
		const char *gt = memchr(p + i, '>', n - i);
		if (!gt)
			break;
		size_t body = (size_t)(gt - p) + 1;
		/* the type is in the start tag: "application/ld+json" */
		int keep = k == 6 && memmem(p + i, body - i, "ld+json", 7);
		size_t e = body;
		while (e + k + 2 <= n && !(p[e] == '<' && p[e + 1] == '/' && !strncasecmp(p + e + 2, p + i + 1, k)))
			e++;
		if (e + k + 2 > n)
			e = n;
		if (!keep) {
			ct_buf_add(&b, p + copied, body - copied);
			copied = e;
		}
		i = e > 0 ? e - 1 : e;
	}
	if (!b.data)
		return NULL;
	ct_buf_add(&b, p + copied, n - copied);
	*outlen = b.len;
	return b.data;
}

int ct_html_read(const ct_ctx *ctx, const char *src, size_t n, const char *charset, ct_html_article *out)
{
	memset(out, 0, sizeof *out);
	if (too_deep(src, n, 4000)) {
		out->error = "markup nested more than 4000 elements deep (not read: parsing it would take minutes)";
		return CT_EFORMAT;
	}
	size_t ulen = n, slen = 0;
	char *conv = to_utf8(src, n, charset, &ulen);
	const char *p = conv ? conv : src;
	char *stripped = strip_raw_text(p, ulen, &slen);
	if (stripped) {
		free(conv);
		conv = stripped;
		p = conv;
		ulen = slen;
	}
	GumboOptions opt = kGumboDefaultOptions;
	opt.max_errors = 0;
	GumboOutput *g = gumbo_parse_with_options(&opt, p, ulen);
	if (!g) {
		free(conv);
		out->error = "not a web page";
		return CT_EFORMAT;
	}
	meta_set m = {0};
	for (int k = 0; k < CT_META_COUNT; k++)
		m.rank[k] = 100;
	m.author_rank = 100;
	char *ld_body = NULL;
	read_meta(g->root, &m, &ld_body);
	if (m.v[CT_META_TITLE] && m.rank[CT_META_TITLE] == 9)
		trim_site_suffix(m.v[CT_META_TITLE], m.v[CT_META_OUTLET]);

	page pg = {.ctx = ctx, .title = m.v[CT_META_TITLE]};
	/* Each pass cuts less; the first that keeps a short article's worth
	 * wins, else the longest. */
	static const int passes[] = {PASS_UNLIKELY | PASS_WEIGHT | PASS_CLEAN, PASS_WEIGHT | PASS_CLEAN, PASS_CLEAN,
				     0};
	ct_buf best = {0};
	size_t best_chars = 0;
	for (size_t i = 0; i < sizeof passes / sizeof *passes; i++) {
		if (i && !(pg.used & passes[i - 1] & ~passes[i]))
			continue; /* the cut this pass leaves out changed nothing: the same reading */
		ct_buf b = {0};
		pg.used = 0;
		extract(&pg, g->root, passes[i], &b);
		size_t c = b.data ? body_chars(b.data) : 0;
		if (c > best_chars) {
			ct_buf_free(&best);
			best = b;
			best_chars = c;
		} else {
			ct_buf_free(&b);
		}
		if (best_chars >= 500)
			break;
	}
	free(pg.n);
	if (best.len)
		drop_furniture(ctx, &best);
	/* A page whose markup hides its text (rendered by script) may still
	 * state the body in its JSON-LD. */
	if (ld_body && body_chars(ld_body) > best_chars * 2 && body_chars(ld_body) >= 200) {
		ct_buf_free(&best);
		ct_buf_adds(&best, ld_body);
	}
	free(ld_body);
	if (best.len) {
		while (best.len && (best.data[best.len - 1] == '\n' || best.data[best.len - 1] == ' '))
			best.data[--best.len] = 0;
		out->text = best.data;
		out->len = best.len;
	} else {
		ct_buf_free(&best);
	}
	for (int k = 0; k < CT_META_COUNT; k++)
		out->meta[k] = m.v[k];
	gumbo_destroy_output(&opt, g);
	free(conv);
	return 0;
}
