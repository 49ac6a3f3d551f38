/* write.c — the public entry points of the renderers (out.h). */
#include <stdlib.h>
#include <string.h>

#include "out.h"

int ct_output_format_from_name(const char *name)
{
	if (!strcmp(name, "jsonl"))
		return CT_OUT_JSONL;
	if (!strcmp(name, "text"))
		return CT_OUT_TEXT;
	if (!strcmp(name, "brat"))
		return CT_OUT_BRAT;
	return -1;
}

char *ct_doc_render(const ct_doc *doc, ct_output_format format, size_t *len)
{
	ct_buf b = {0};
	ct_buf_reserve(&b, 0); /* a record may be empty (brat, no attributions) */
	if (format == CT_OUT_TEXT)
		ct_out_text(doc, &b);
	else if (format == CT_OUT_BRAT)
		ct_out_brat(doc, &b);
	else
		ct_out_jsonl(doc, &b);
	if (len)
		*len = b.len;
	return b.data;
}

int ct_doc_write(const ct_doc *doc, ct_output_format format, FILE *out)
{
	size_t len;
	char *s = ct_doc_render(doc, format, &len);
	int rc = fwrite(s, 1, len, out) == len ? 0 : CT_EIO;
	free(s);
	return rc;
}
