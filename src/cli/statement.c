/*
 * statement.c — `claimtrace train statement` (the statement stance model,
 * learned from Emergent's headlines) and `claimtrace eval emergent` (the
 * story map tracing each Emergent claim with --claim, scored on its
 * headlines). Uses the public header only.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "claimtrace.h"
#include "cli.h"

static const char usage_train_statement[] =
	"usage: claimtrace train statement --emergent FILE [--out MODEL] [OPTIONS]\n"
	"\n"
	"Learns the statement stance model (for / against / observing a claim) from\n"
	"Emergent's CSV (claimId, claim, articleId, articleHeadline, stance). With\n"
	"--folds N it first reports the accuracy of N-fold cross-validation by\n"
	"claim (a claim's headlines never on two sides). The same data and seed give\n"
	"the same model.\n";

enum { O_EMERGENT = 256, O_FOLDS, O_EXCLUDE, O_EPOCHS, O_SEED, O_DATA, O_STANCE_MODEL, O_STATEMENT_MODEL, O_NO_STANCE };

static const cli_opt train_opts[] = {
	{O_EMERGENT, "emergent", "FILE", "the labelled headlines (required)"},
	{'o', "out", "MODEL", "where to write the model trained on all of them"},
	{O_FOLDS, "folds", "N", "cross-validate first (2 to 20 folds)"},
	{O_EXCLUDE, "exclude", "FILE", "leave out the claims any of whose headlines is a\n"
				       "Headline of this FNC-1 stances file (to keep a\n"
				       "held-out set of stories unseen)"},
	{O_EPOCHS, "epochs", "N", "passes over the data (default 20)"},
	{O_SEED, "seed", "N", "order and folds (default 1)"},
	{O_DATA, "data", "DIR", "word lists (default: $CLAIMTRACE_DATA or built in)"},
	{'q', "quiet", NULL, "no warnings"},
	CLI_OPT_END};

static const cli_spec train_spec = {"train statement", usage_train_statement, train_opts, NULL, NULL, 0};

static const char usage_eval_emergent[] =
	"usage: claimtrace eval emergent --emergent FILE [OPTIONS]\n"
	"\n"
	"Traces each claim of Emergent's CSV through the story map, as a fact-checker\n"
	"would: its articles as records whose title and text are only the headline,\n"
	"with their outlet and url, and the claim given (story --claim). Each\n"
	"article's stance toward the claim is scored against Emergent's label: for =\n"
	"asserts; against = denies or questions; observing = reports or no stance.\n";

static const cli_opt eval_opts[] = {
	{O_EMERGENT, "emergent", "FILE", "the claims and labelled headlines (required)"},
	{O_FOLDS, "folds", "N", "train the statement model on the other folds'\n"
				"claims for each fold (cross-validation by claim),\n"
				"instead of using --statement-model"},
	{O_STATEMENT_MODEL, "statement-model", "FILE", "the statement model (default: the data\n"
						       "directory's)"},
	{O_STANCE_MODEL, "stance-model", "FILE", "the article stance model, as for story"},
	{O_NO_STANCE, "no-stance", NULL, "no model readings, as for story"},
	{O_DATA, "data", "DIR", "lexicons and models (default: $CLAIMTRACE_DATA or built in)"},
	{O_SEED, "seed", "N", "the folds' seed (default 1)"},
	{'j', "threads", "N", "claims traced at once (default 2)"},
	{'q', "quiet", NULL, "no warnings"},
	CLI_OPT_END};

static const cli_spec eval_spec = {"eval emergent", usage_eval_emergent, eval_opts, NULL, NULL, 0};

static int strcmp_ptr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Emergent claims with a headline in the Headline column of `fnc`: use[i] = 0. */
static int exclude_fnc(const ct_claim_data *d, const char *fnc, unsigned char *use, size_t *dropped)
{
	ct_stance_data *s;
	int rc = ct_stance_data_read(&s, NULL, fnc);
	if (rc && rc != CT_EFORMAT) {
		fprintf(stderr, "claimtrace: %s\n", ct_stance_data_error(s));
		ct_stance_data_free(s);
		return EXIT_FATAL;
	}
	size_t n = ct_claim_data_n(d), ns = ct_stance_data_npairs(s);
	/* headlines sorted for lookups */
	const char **heads = malloc((ns + 1) * sizeof *heads);
	for (size_t i = 0; i < ns; i++)
		heads[i] = ct_stance_data_headline(s, i);
	qsort(heads, ns, sizeof *heads, strcmp_ptr);
	*dropped = 0;
	for (size_t i = 0; i < n; i++) {
		const char *h = ct_claim_data_statement(d, i);
		if (!bsearch(&h, heads, ns, sizeof *heads, strcmp_ptr))
			continue;
		/* the whole claim goes */
		const char *id = ct_claim_data_claim_id(d, i);
		for (size_t j = 0; j < n; j++)
			if (use[j] && !strcmp(ct_claim_data_claim_id(d, j), id)) {
				use[j] = 0;
				(*dropped)++;
			}
	}
	free(heads);
	ct_stance_data_free(s);
	return 0;
}

static int read_claims(const char *path, int quiet, ct_claim_data **d)
{
	int rc = ct_claim_data_read(d, path);
	if (rc && rc != CT_EFORMAT) {
		fprintf(stderr, "claimtrace: %s\n", ct_claim_data_error(*d));
		return EXIT_FATAL;
	}
	if (!quiet)
		for (size_t i = 0; i < ct_claim_data_nwarnings(*d); i++)
			fprintf(stderr, "claimtrace: warning: %s\n", ct_claim_data_warning(*d, i));
	return 0;
}

static void print_confusion(size_t conf[CT_SSTANCE_NLABELS][CT_SSTANCE_NLABELS])
{
	size_t ok = 0, n = 0;
	printf("%-10s %8s %8s %10s   (rows gold, columns predicted)\n", "", "for", "against", "observing");
	for (int g = 0; g < CT_SSTANCE_NLABELS; g++) {
		printf("%-10s", ct_sstance_label_name((ct_sstance_label)g));
		for (int p = 0; p < CT_SSTANCE_NLABELS; p++) {
			printf(p == 2 ? " %10zu" : " %8zu", conf[g][p]);
			n += conf[g][p];
			ok += g == p ? conf[g][p] : 0;
		}
		printf("\n");
	}
	printf("accuracy: %.2f%% (%zu of %zu)\n", n ? 100.0 * (double)ok / (double)n : 0.0, ok, n);
}

int cli_train_statement(int argc, char **argv)
{
	const char *emergent = NULL, *out = NULL, *exclude = NULL, *data = NULL;
	long folds = 0, epochs = 0, seed = 1;
	int quiet = 0, c;
	cli_opts op;
	cli_opts_init(&op, &train_spec, argc, argv);
	while ((c = cli_opts_next(&op)) > 0) {
		const char *v = op.value;
		switch (c) {
		case 'q':
			quiet = 1;
			break;
		case O_EMERGENT:
			emergent = v;
			break;
		case 'o':
			out = v;
			break;
		case O_EXCLUDE:
			exclude = v;
			break;
		case O_DATA:
			data = v;
			break;
		case O_FOLDS:
			if (cli_parse_count(v, 20, &folds) || folds < 2)
				return cli_opts_error(&op, "--folds: 2 to 20, not '%s'", v);
			break;
		case O_EPOCHS:
			if (cli_parse_count(v, 10000, &epochs))
				return cli_opts_error(&op, "--epochs: a whole number from 1, not '%s'", v);
			break;
		case O_SEED:
			if (cli_parse_count(v, 1L << 30, &seed))
				return cli_opts_error(&op, "--seed: a whole number from 1, not '%s'", v);
			break;
		}
	}
	if (c < 0)
		return cli_opts_exit(c);
	if (!emergent || (!out && !folds))
		return cli_opts_error(&op, "%s", "--emergent, and --out or --folds, are required");
	ct_claim_data *d;
	if (read_claims(emergent, quiet, &d)) {
		ct_claim_data_free(d);
		return EXIT_FATAL;
	}
	size_t n = ct_claim_data_n(d);
	unsigned char *use = malloc(n + 1), *part = malloc(n + 1);
	memset(use, 1, n + 1);
	if (exclude) {
		size_t dropped;
		if (exclude_fnc(d, exclude, use, &dropped)) {
			free(use);
			free(part);
			ct_claim_data_free(d);
			return EXIT_FATAL;
		}
		fprintf(stderr, "claimtrace: %zu of %zu statements left out (their claims have headlines in %s)\n", dropped,
			n, exclude);
	}
	ct_statement_train_opts o;
	ct_statement_train_defaults(&o);
	o.seed = (uint64_t)seed;
	if (epochs)
		o.epochs = (int)epochs;
	int rc = 0;
	if (folds) {
		size_t conf[CT_SSTANCE_NLABELS][CT_SSTANCE_NLABELS] = {{0}};
		for (int k = 0; k < folds && !rc; k++) {
			for (size_t i = 0; i < n; i++)
				part[i] = use[i] && ct_claim_data_fold(d, i, (int)folds, (uint64_t)seed) != k;
			ct_statement_model *m;
			if ((rc = ct_statement_train(&m, data, d, part, &o)) != 0) {
				fprintf(stderr, "claimtrace: %s\n", ct_statement_model_error(m));
			} else {
				for (size_t i = 0; i < n; i++)
					if (use[i] && !part[i]) {
						int p = ct_statement_predict(m, ct_claim_data_claim(d, i), ct_claim_data_statement(d, i), NULL);
						conf[ct_claim_data_label(d, i)][p]++;
					}
			}
			ct_statement_model_free(m);
		}
		if (!rc) {
			printf("%ld-fold cross-validation by claim (seed %ld):\n", folds, seed);
			print_confusion(conf);
		}
	}
	if (!rc && out) {
		ct_statement_model *m;
		rc = ct_statement_train(&m, data, d, use, &o);
		if (!rc)
			rc = ct_statement_model_save(m, out);
		if (rc)
			fprintf(stderr, "claimtrace: %s\n", ct_statement_model_error(m));
		ct_statement_model_free(m);
	}
	free(use);
	free(part);
	ct_claim_data_free(d);
	return rc ? (rc == CT_EARG ? EXIT_USAGE : EXIT_FATAL) : 0;
}

/* ---- eval emergent ---------------------------------------------------- */

typedef struct {
	size_t *rows; /* the claim's statements */
	size_t n;
	const ct_statement_model *smodel;
	int *pred;    /* per row: ct_sstance_label from the map */
} emergent_job;

typedef struct {
	const ct_ctx *ctx;
	const ct_stance_model *model;
	const ct_claim_data *d;
	emergent_job *jobs;
	size_t njobs, next;
	pthread_mutex_t lock;
	size_t done; /* claims traced, for the meter (under the lock) */
	cli_meter meter;
} emergent_state;

/* The map of one claim's headlines with the claim given; each headline's
 * stance toward it, read from the map's JSON as a user would. */
static void trace_claim(emergent_state *es, emergent_job *j)
{
	const ct_claim_data *d = es->d;
	ct_story *st = ct_story_new(es->ctx);
	if (es->model)
		ct_story_set_stance(st, es->model, CT_STORY_STANCE_MIN);
	if (j->smodel)
		ct_story_set_statement(st, j->smodel);
	ct_story_add_claim(st, ct_claim_data_claim(d, j->rows[0]));
	for (size_t k = 0; k < j->n; k++) {
		size_t i = j->rows[k];
		char id[32];
		snprintf(id, sizeof id, "h%zu", i);
		const char *h = ct_claim_data_statement(d, i);
		ct_doc *doc = ct_doc_new(id, h, strlen(h));
		ct_doc_set_meta(doc, CT_META_TITLE, h);
		if (*ct_claim_data_outlet(d, i))
			ct_doc_set_meta(doc, CT_META_OUTLET, ct_claim_data_outlet(d, i));
		if (*ct_claim_data_url(d, i))
			ct_doc_set_meta(doc, CT_META_URL, ct_claim_data_url(d, i));
		if (ct_doc_run(es->ctx, doc, CT_STAGE_LAST) == 0)
			ct_story_add_doc(st, doc);
		ct_doc_free(doc);
		j->pred[k] = CT_SSTANCE_OBSERVING;
	}
	size_t len;
	char *js = ct_story_render(st, CT_STORY_JSON, &len);
	json_t *root = json_loadb(js, len, 0, NULL);
	json_t *as = json_object_get(json_array_get(json_object_get(root, "claims"), 0), "article_stances");
	for (size_t e = 0; e < json_array_size(as); e++) {
		json_t *o = json_array_get(as, e);
		const char *id = json_string_value(json_object_get(o, "article"));
		const char *s = json_string_value(json_object_get(o, "stance"));
		if (!id || !s || id[0] != 'h')
			continue;
		size_t i = (size_t)strtoul(id + 1, NULL, 10);
		for (size_t k = 0; k < j->n; k++)
			if (j->rows[k] == i)
				j->pred[k] = !strcmp(s, "asserts") ? CT_SSTANCE_FOR
					   : !strcmp(s, "denies") || !strcmp(s, "questions") ? CT_SSTANCE_AGAINST
											    : CT_SSTANCE_OBSERVING;
	}
	json_decref(root);
	free(js);
	ct_story_free(st);
}

static void *emergent_worker(void *arg)
{
	emergent_state *es = arg;
	for (;;) {
		pthread_mutex_lock(&es->lock);
		size_t i = es->next++;
		pthread_mutex_unlock(&es->lock);
		if (i >= es->njobs)
			return NULL;
		trace_claim(es, &es->jobs[i]);
		pthread_mutex_lock(&es->lock);
		cli_meter_tick(&es->meter, ++es->done);
		pthread_mutex_unlock(&es->lock);
	}
}

int cli_eval_emergent(int argc, char **argv)
{
	const char *emergent = NULL, *data = NULL, *model_path = NULL, *smodel_path = NULL;
	long folds = 0, seed = 1, threads = 2;
	int quiet = 0, no_stance = 0, c;
	cli_opts op;
	cli_opts_init(&op, &eval_spec, argc, argv);
	while ((c = cli_opts_next(&op)) > 0) {
		const char *v = op.value;
		switch (c) {
		case 'q':
			quiet = 1;
			break;
		case O_NO_STANCE:
			no_stance = 1;
			break;
		case O_EMERGENT:
			emergent = v;
			break;
		case O_DATA:
			data = v;
			break;
		case O_STANCE_MODEL:
			model_path = v;
			break;
		case O_STATEMENT_MODEL:
			smodel_path = v;
			break;
		case O_FOLDS:
			if (cli_parse_count(v, 20, &folds) || folds < 2)
				return cli_opts_error(&op, "--folds: 2 to 20, not '%s'", v);
			break;
		case O_SEED:
			if (cli_parse_count(v, 1L << 30, &seed))
				return cli_opts_error(&op, "--seed: a whole number from 1, not '%s'", v);
			break;
		case 'j':
			if (cli_parse_count(v, 256, &threads))
				return cli_opts_error(&op, "--threads: 1 to 256, not '%s'", v);
			break;
		}
	}
	if (c < 0)
		return cli_opts_exit(c);
	if (!emergent)
		return cli_opts_error(&op, "%s", "--emergent FILE is required");
	ct_claim_data *d;
	if (read_claims(emergent, quiet, &d)) {
		ct_claim_data_free(d);
		return EXIT_FATAL;
	}
	ct_ctx *ctx;
	if (cli_context(data, &ctx)) {
		ct_claim_data_free(d);
		return EXIT_FATAL;
	}
	int rc = 0;
	ct_stance_model *model = NULL;
	if (!no_stance && ct_stance_model_load(&model, model_path, data)) {
		fprintf(stderr, "claimtrace: %s\n", ct_stance_model_error(model));
		rc = EXIT_FATAL;
	}
	size_t n = ct_claim_data_n(d), nfold = folds ? (size_t)folds : 1;
	ct_statement_model **smodels = calloc(nfold, sizeof *smodels);
	unsigned char *use = malloc(n + 1);
	for (size_t k = 0; k < nfold && !rc; k++) {
		if (folds) {
			for (size_t i = 0; i < n; i++)
				use[i] = ct_claim_data_fold(d, i, (int)folds, (uint64_t)seed) != (int)k;
			ct_statement_train_opts o;
			ct_statement_train_defaults(&o);
			if (ct_statement_train(&smodels[k], data, d, use, &o))
				rc = EXIT_FATAL;
		} else if (!no_stance && ct_statement_model_load(&smodels[k], smodel_path, data)) {
			rc = EXIT_FATAL;
		}
		if (rc)
			fprintf(stderr, "claimtrace: %s\n", ct_statement_model_error(smodels[k]));
	}
	/* one job per claim, its statements in input order */
	emergent_state es = {ctx, model, d, calloc(n + 1, sizeof(emergent_job)), 0, 0, PTHREAD_MUTEX_INITIALIZER, 0, {0}};
	unsigned char *done = calloc(n + 1, 1);
	for (size_t i = 0; i < n && !rc; i++) {
		if (done[i])
			continue;
		emergent_job *j = &es.jobs[es.njobs++];
		j->rows = malloc((n - i) * sizeof *j->rows);
		j->pred = malloc((n - i) * sizeof *j->pred);
		for (size_t q = i; q < n; q++)
			if (!done[q] && !strcmp(ct_claim_data_claim_id(d, q), ct_claim_data_claim_id(d, i))) {
				done[q] = 1;
				j->rows[j->n++] = q;
			}
		j->smodel = smodels[folds ? (size_t)ct_claim_data_fold(d, i, (int)folds, (uint64_t)seed) : 0];
	}
	if (!rc) {
		cli_meter_start(&es.meter, "claims traced:", es.njobs, quiet);
		pthread_t *tid = calloc((size_t)threads, sizeof *tid);
		long started = 0;
		for (long t = 1; t < threads; t++)
			started += !pthread_create(&tid[started], NULL, emergent_worker, &es);
		emergent_worker(&es);
		for (long t = 0; t < started; t++)
			pthread_join(tid[t], NULL);
		free(tid);
		cli_meter_end(&es.meter);
		size_t conf[CT_SSTANCE_NLABELS][CT_SSTANCE_NLABELS] = {{0}};
		for (size_t k = 0; k < es.njobs; k++)
			for (size_t q = 0; q < es.jobs[k].n; q++)
				conf[ct_claim_data_label(d, es.jobs[k].rows[q])][es.jobs[k].pred[q]]++;
		printf("%zu claims, %zu headlines traced with the claim given; statement model %s\n", es.njobs, n,
		       folds ? "trained on the other folds' claims (cross-validation by claim)" : "as loaded");
		print_confusion(conf);
	}
	for (size_t k = 0; k < es.njobs; k++) {
		free(es.jobs[k].rows);
		free(es.jobs[k].pred);
	}
	free(es.jobs);
	free(done);
	free(use);
	for (size_t k = 0; k < nfold; k++)
		ct_statement_model_free(smodels[k]);
	free(smodels);
	ct_stance_model_free(model);
	ct_ctx_free(ctx);
	ct_claim_data_free(d);
	return rc;
}
