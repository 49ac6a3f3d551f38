/*
 * fuzz_walk.c — the directory walk over a tree the input describes: each
 * pair of bytes is one step (make a directory and enter it, leave it, write
 * an article file, link to the directory above, to the tree's root or to
 * the directory itself, link to a file, make a FIFO), names taken from a
 * few that look like articles. The tree is read whole, to the read stage,
 * and removed. A loop or a FIFO must not hang the walk, nor a file be read
 * twice. Built as a libFuzzer target by `make fuzz`, replayed over
 * fuzz/corpus/walk by `make test`.
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "claimtrace.h"

static ct_ctx *ctx;

static int rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!ctx && ct_ctx_new(&ctx, NULL))
		abort(); /* the data files must load */
	static const char *const names[] = {"a.txt", "b.jsonl", "c.csv", "d", "e.txt.gz", "f.html", "g", ".h.txt"};
	char root[] = "/tmp/ct-fuzz-walk-XXXXXX";
	if (!mkdtemp(root))
		return 0;
	char dir[512], path[512];
	memcpy(dir, root, sizeof root);
	int depth = 0, files = 0;
	for (size_t i = 0; i + 1 < size && i < 128; i += 2) {
		const char *name = names[data[i + 1] & 7];
		if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
			break;
		switch (data[i] % 8) {
		case 0: /* a directory, entered */
			if (depth < 8 && mkdir(path, 0700) == 0) {
				memcpy(dir, path, strlen(path) + 1);
				depth++;
			}
			break;
		case 1: /* up */
			if (depth > 0) {
				*strrchr(dir, '/') = 0;
				depth--;
			}
			break;
		case 2: { /* an article */
			FILE *f = fopen(path, "wx");
			if (f) {
				fprintf(f, "Officials said the talks would go on (%d).\n", files++);
				fclose(f);
			}
			break;
		}
		case 3: /* not at the root: the walk would leave the tree */
			if (depth > 0)
				symlink("..", path);
			break;
		case 4:
			symlink(root, path);
			break;
		case 5:
			symlink(".", path);
			break;
		case 6: /* a second name for a file beside it */
			symlink(names[data[i + 1] >> 3 & 7], path);
			break;
		case 7:
			mkfifo(path, 0600);
			break;
		}
	}
	ct_reader *r;
	ct_reader_open(&r, ctx, root, CT_IN_AUTO);
	while (ct_reader_note(r))
		;
	ct_doc *doc;
	int rc, n = 0, guard = 0;
	while ((rc = ct_reader_next(r, &doc)) != 0 && guard++ < 10000) {
		if (rc < 0)
			continue;
		n++;
		ct_doc_free(doc);
	}
	ct_reader_free(r);
	if (n > files)
		abort(); /* an article read twice */
	nftw(root, rm, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}
