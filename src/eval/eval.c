/*
 * eval.c — the public evaluation object: finds a PolNeAR split's articles,
 * pairs each with its prediction, and pools the scorer's counts.
 *
 * Method. An article is named by its .txt; its gold file is the first of
 * its annotators' NAME_ANNOTATOR.ann files in byte order (the README's
 * "first by name"), so a run is reproducible whatever order the directory
 * lists. One failing article is a warning and a skip, never the end of the
 * run: a score over 83 of 84 articles, with the 84th named, is more use
 * than no score.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "brat.h"
#include "score.h"

struct ct_eval {
	ct_eval_result res;
	char err[1024];
	char **warn;
	size_t nwarn, warncap;
};

ct_eval *ct_eval_new(void)
{
	return ct_xcalloc(1, sizeof(ct_eval));
}

void ct_eval_free(ct_eval *ev)
{
	if (!ev)
		return;
	for (size_t i = 0; i < ev->nwarn; i++)
		free(ev->warn[i]);
	free(ev->warn);
	free(ev);
}

const ct_eval_result *ct_eval_get(const ct_eval *ev)
{
	return &ev->res;
}

const char *ct_eval_error(const ct_eval *ev)
{
	return ev->err;
}

size_t ct_eval_nwarnings(const ct_eval *ev)
{
	return ev->nwarn;
}

const char *ct_eval_warning(const ct_eval *ev, size_t i)
{
	return i < ev->nwarn ? ev->warn[i] : NULL;
}

static void warn(ct_eval *ev, char *msg /* owned */)
{
	ct_grow((void **)&ev->warn, &ev->warncap, ev->nwarn + 1, sizeof *ev->warn);
	ev->warn[ev->nwarn++] = msg;
}

static int slurp(const char *path, ct_buf *b)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return CT_EIO;
	char chunk[65536];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		ct_buf_add(b, chunk, got);
	int bad = ferror(f);
	fclose(f);
	return bad ? CT_EIO : 0;
}

int ct_eval_add_files(ct_eval *ev, const char *txt_path, const char *gold_path, const char *pred_path)
{
	ct_buf text = {0};
	ct_score_text st = {0};
	ct_brat_doc *gold = NULL, *pred = NULL;
	ev->err[0] = 0;
	int rc = slurp(txt_path, &text);
	if (rc) {
		snprintf(ev->err, sizeof ev->err, "%s: cannot read", txt_path);
		goto out;
	}
	if ((rc = ct_brat_read(&gold, gold_path, ev->err, sizeof ev->err)))
		goto out;
	if (pred_path)
		rc = ct_brat_read(&pred, pred_path, ev->err, sizeof ev->err);
	else
		rc = ct_brat_parse(&pred, "", 0, "(no predictions)", ev->err, sizeof ev->err);
	if (rc)
		goto out;
	ct_score_text_init(&st, text.data ? text.data : "", text.len);
	rc = ct_score_article(&ev->res, &st, gold, gold_path, pred, pred_path ? pred_path : "-", ev->err,
			      sizeof ev->err);
out:
	ct_score_text_free(&st);
	ct_brat_doc_free(gold);
	ct_brat_doc_free(pred);
	ct_buf_free(&text);
	return rc;
}

/* ---- directories -------------------------------------------------------- */

typedef struct {
	char **v;
	size_t n, cap;
} names;

static void names_free(names *ns)
{
	for (size_t i = 0; i < ns->n; i++)
		free(ns->v[i]);
	free(ns->v);
	*ns = (names){0};
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in `dir` ending in `ext`, sorted bytewise. */
static int list(names *out, const char *dir, const char *ext)
{
	DIR *d = opendir(dir);
	if (!d)
		return CT_EIO;
	size_t el = strlen(ext);
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n <= el || strcmp(e->d_name + n - el, ext) || e->d_name[0] == '.')
			continue;
		ct_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v);
		out->v[out->n++] = ct_xstrdup(e->d_name);
	}
	closedir(d);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, cmp_str);
	return 0;
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The first annotator's file for article `stem` among sorted .ann names:
 * "STEM_ANNOTATOR.ann" where ANNOTATOR has no '_'. NULL when none. */
static const char *first_annotator(const names *anns, const char *stem)
{
	size_t sl = strlen(stem);
	/* Binary search for the first name >= stem, then scan the names that
	 * begin with it. */
	size_t lo = 0, hi = anns->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(anns->v[mid], stem) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < anns->n && !strncmp(anns->v[i], stem, sl); i++) {
		const char *rest = anns->v[i] + sl;
		if (rest[0] != '_')
			continue;
		const char *dot = rest + strlen(rest) - 4;
		if (dot > rest + 1 && !memchr(rest + 1, '_', (size_t)(dot - rest - 1)))
			return anns->v[i];
	}
	return NULL;
}

int ct_eval_dirs(ct_eval *ev, const char *gold_dir, const char *pred_dir)
{
	names txts = {0}, gold_anns = {0}, pred_anns = {0};
	char *text_dir = ct_xasprintf("%s/text", gold_dir);
	char *gann_dir = ct_xasprintf("%s/attributions", gold_dir);
	char *pann_dir = ct_xasprintf("%s/attributions", pred_dir);
	int pred_layout = is_dir(pann_dir);
	int rc = 0;
	ev->err[0] = 0;
	if (list(&txts, text_dir, ".txt") || list(&gold_anns, gann_dir, ".ann")) {
		snprintf(ev->err, sizeof ev->err, "%s: not a PolNeAR split (expected text/ and attributions/)", gold_dir);
		rc = CT_EIO;
		goto out;
	}
	if (!is_dir(pred_dir) || (pred_layout && list(&pred_anns, pann_dir, ".ann"))) {
		snprintf(ev->err, sizeof ev->err, "%s: cannot read the directory", pred_dir);
		rc = CT_EIO;
		goto out;
	}
	size_t found = 0;
	for (size_t i = 0; i < txts.n; i++) {
		char *stem = ct_xstrndup(txts.v[i], strlen(txts.v[i]) - 4);
		const char *g = first_annotator(&gold_anns, stem);
		if (!g) {
			free(stem);
			continue; /* text without annotation: not part of the split's gold */
		}
		found++;
		char *txt = ct_xasprintf("%s/%s", text_dir, txts.v[i]);
		char *gold = ct_xasprintf("%s/%s", gann_dir, g);
		char *pred = NULL;
		if (pred_layout) {
			const char *p = first_annotator(&pred_anns, stem);
			if (p)
				pred = ct_xasprintf("%s/%s", pann_dir, p);
		} else {
			pred = ct_xasprintf("%s/%s.ann", pred_dir, stem);
			if (access(pred, F_OK)) {
				free(pred);
				pred = NULL;
			}
		}
		if (!pred) {
			warn(ev, ct_xasprintf("%s: no prediction in %s; article skipped", stem, pred_dir));
			ev->res.skipped++;
		} else if (ct_eval_add_files(ev, txt, gold, pred)) {
			warn(ev, ct_xasprintf("%s; article skipped", ev->err));
			ev->res.skipped++;
		}
		free(pred);
		free(gold);
		free(txt);
		free(stem);
	}
	ev->err[0] = 0;
	if (!found) {
		snprintf(ev->err, sizeof ev->err, "%s: no annotated articles", gold_dir);
		rc = CT_EEMPTY;
	}
out:
	names_free(&txts);
	names_free(&gold_anns);
	names_free(&pred_anns);
	free(text_dir);
	free(gann_dir);
	free(pann_dir);
	return rc;
}
