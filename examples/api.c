/*
 * api.c — the story map of some articles through libclaimtrace's public
 * API: read, run each article through the pipeline, add it to the story,
 * build, write.
 *
 *	cc api.c $(pkg-config --cflags --libs claimtrace) -o api
 *	./api examples/story.jsonl
 *
 * The lexicons and models come from $CLAIMTRACE_DATA, else the installed
 * share/claimtrace. Exit codes as claimtrace's: 1 when an article failed,
 * 3 when the data could not be loaded.
 */
#include <claimtrace.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	ct_ctx *ctx;
	if (ct_ctx_new(&ctx, NULL)) {
		fprintf(stderr, "api: %s\n", ct_ctx_error(ctx));
		ct_ctx_free(ctx);
		return 3;
	}
	ct_story *story = ct_story_new(ctx);
	int failed = 0;
	for (int i = 1; i < argc; i++) {
		ct_reader *r;
		ct_doc *doc;
		int rc;
		ct_reader_open(&r, ctx, argv[i], CT_IN_AUTO);
		while ((rc = ct_reader_next(r, &doc)) != 0) {
			if (rc < 0) {
				fprintf(stderr, "api: %s\n", ct_reader_error(r));
				failed = 1;
				continue;
			}
			if ((rc = ct_doc_run(ctx, doc, CT_STAGE_CODE)) == 0)
				ct_story_add_doc(story, doc);
			else
				fprintf(stderr, "api: %s: %s\n", argv[i], ct_strerror(rc)), failed = 1;
			ct_doc_free(doc);
		}
		ct_reader_free(r);
	}
	ct_story_build(story);
	printf("%zu articles, %zu claims, %zu statements\n\n", ct_story_narticles(story), ct_story_nclaims(story),
	       ct_story_nstatements(story));
	int rc = ct_story_write(story, CT_STORY_TEXT, stdout);
	ct_story_free(story);
	ct_ctx_free(ctx);
	return rc ? 3 : failed;
}
