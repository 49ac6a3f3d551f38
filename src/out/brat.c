/*
 * brat.c — an article's attributions as brat standoff (.ann) in PolNeAR's
 * scheme, so any brat-based scorer or viewer reads them. Offsets are
 * character offsets into the article's text as read, which the offset map
 * gives for every span.
 */
#include <stdlib.h>

#include "out.h"
#include "../eval/brat.h"

static ct_brat_range range_of(const ct_doc *doc, uint32_t tok, uint32_t ntok)
{
	const ct_token *a = &doc->toks[tok], *b = &doc->toks[tok + ntok - 1];
	size_t ch[2];
	ct_doc_input_span(doc, a->off, b->off + b->len - a->off, NULL, ch);
	return (ct_brat_range){(uint32_t)ch[0], (uint32_t)ch[1]};
}

/* Is a's cue inside another attribution's content? PolNeAR gives each
 * token one role of one attribution, so the scheme has no nested speech:
 * "Reuters reported that the minister said X" is Reuters' alone. */
static int nested(const ct_doc *doc, const ct_att *a)
{
	for (size_t i = 0; i < doc->natt; i++) {
		const ct_att *o = &doc->atts[i];
		if (o != a && ((o->ncon && a->cue >= o->con && a->cue < o->con + o->ncon) ||
			       (o->ncon2 && a->cue >= o->con2 && a->cue < o->con2 + o->ncon2)))
			return 1;
	}
	return 0;
}

void ct_out_brat(const ct_doc *doc, ct_buf *b)
{
	if (doc->stage < CT_STAGE_ATTRIBUTE || !doc->natt)
		return;
	/* at most source, cue and, over all attributions, one content range each */
	ct_brat_range *r = ct_xmalloc(doc->natt * 4 * sizeof *r);
	ct_brat_out *o = ct_xmalloc(doc->natt * sizeof *o);
	size_t n = 0, used = 0;
	for (size_t i = 0; i < doc->natt; i++) {
		const ct_att *a = &doc->atts[i];
		if (!a->ncue) {
			/* A quotation going on in its speaker's voice has no cue to anchor
			 * on: PolNeAR makes it part of the content it continues, which is
			 * the last written (its ranges are the last in r). */
			if (n && a->ncon && o[n - 1].ncontent && r[used - 1].end <= range_of(doc, a->con, a->ncon).start) {
				r[used++] = range_of(doc, a->con, a->ncon);
				o[n - 1].ncontent++;
			}
			continue;
		}
		if (nested(doc, a))
			continue;
		ct_brat_range *ri = r + used;
		ri[0] = a->nsrc ? range_of(doc, a->src, a->nsrc) : (ct_brat_range){0, 0};
		ri[1] = range_of(doc, a->cue, a->ncue);
		size_t nc = 0;
		if (a->ncon)
			ri[2 + nc++] = range_of(doc, a->con, a->ncon);
		if (a->ncon2)
			ri[2 + nc++] = range_of(doc, a->con2, a->ncon2);
		/* a split content is one discontinuous span, as PolNeAR writes it */
		o[n++] = (ct_brat_out){&ri[0], a->nsrc ? 1 : 0, &ri[1], 1, &ri[2], nc};
		used += 2 + nc;
	}
	char err[256];
	/* The writer refuses only malformed ranges, which spans of tokens are not. */
	ct_brat_write(b, o, n, doc->raw, doc->raw_len, err, sizeof err);
	free(o);
	free(r);
}
