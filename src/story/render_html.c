#include "story.h"
void ct_story_render_html(const ct_story *st, ct_buf *b)
{
	(void)st;
	ct_buf_adds(b, "<!doctype html>\n");
}
