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

void ct_out_brat(const ct_doc *doc, ct_buf *b)
{
	if (doc->stage < CT_STAGE_ATTRIBUTE || !doc->natt)
		return;
	ct_brat_range *r = ct_xmalloc(doc->natt * 3 * sizeof *r);
	ct_brat_out *o = ct_xmalloc(doc->natt * sizeof *o);
	size_t n = 0;
	for (size_t i = 0; i < doc->natt; i++) {
		const ct_att *a = &doc->atts[i];
		if (!a->ncue)
			continue; /* a quotation continuing its speaker: brat anchors on cues */
		ct_brat_range *ri = r + 3 * n;
		ri[0] = a->nsrc ? range_of(doc, a->src, a->nsrc) : (ct_brat_range){0, 0};
		ri[1] = range_of(doc, a->cue, a->ncue);
		ri[2] = a->ncon ? range_of(doc, a->con, a->ncon) : (ct_brat_range){0, 0};
		o[n++] = (ct_brat_out){&ri[0], a->nsrc ? 1 : 0, &ri[1], 1, &ri[2], a->ncon ? 1 : 0};
	}
	char err[256];
	/* The writer refuses only malformed ranges, which spans of tokens are not. */
	ct_brat_write(b, o, n, doc->raw, doc->raw_len, err, sizeof err);
	free(o);
	free(r);
}
