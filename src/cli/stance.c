/*
 * stance.c — `claimtrace stance`: split, train, predict and score the
 * stance of article bodies toward headlines (FNC-1). Uses the public
 * header only.
 *
 * Exit codes as for the other commands (main.c): 0 success; 1 some input
 * rows or files failed (each named on stderr; the rest was done); 2 usage;
 * 3 fatal (the model file, writing output).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "claimtrace.h"
#include "cli.h"

static const char usage_split[] =
	"usage: claimtrace stance split --stances S.csv --out-dir DIR [OPTIONS]\n"
	"\n"
	"Writes DIR/train_stances.csv and DIR/holdout_stances.csv. By body (the\n"
	"default): every pair of a held-out body goes to the second; a body is held\n"
	"out when a hash of the seed and its Body ID falls in the first FRACTION of\n"
	"the hash range. By story: headlines and bodies joined by related pairs form\n"
	"stories, a FRACTION of the stories is held out by the same kind of hash,\n"
	"and an unrelated pair across the two sides is dropped, so that no headline\n"
	"or body of the holdout is seen in training. Neither depends on file order.\n"
	"\n"
	"With --match-test-mix (by story only) the holdout has the label mix of FNC-1's\n"
	"competition test set (agree 7.5%, disagree 2.7%, discuss 17.6%, unrelated\n"
	"72.2%): related pairs of the labels over their share are left out, and\n"
	"unrelated pairs are made by pairing held-out headlines with held-out bodies\n"
	"of other stories, chosen by seeded hashes (docs/stance.md). The training\n"
	"file is the same as without it.\n";

static const char usage_train[] =
	"usage: claimtrace stance train --bodies B.csv --stances S.csv --out MODEL [OPTIONS]\n"
	"\n"
	"Trains a model on the labelled pairs of S.csv (bodies from B.csv): networks of\n"
	"one hidden layer over the body's word counts and features of how headline and\n"
	"body meet, their probabilities averaged. The same seed and data give the same\n"
	"model, whatever the number of threads.\n";

static const char usage_predict[] =
	"usage: claimtrace stance predict --bodies B.csv --stances S.csv [OPTIONS] > pred.csv\n"
	"\n"
	"Writes Headline,Body ID,Stance for every pair of S.csv, in input order (a\n"
	"Stance column in S.csv is ignored).\n";

static const char usage_eval[] =
	"usage: claimtrace stance eval --gold S.csv --pred pred.csv\n"
	"\n"
	"Scores predictions row by row against gold labels (both Headline,Body ID,\n"
	"Stance; the rows must pair up): the FNC-1 score (0.25 for telling related from\n"
	"unrelated, 0.75 more for the exact label of a related pair), the relative\n"
	"score (percent of the best possible), accuracy, the confusion matrix and\n"
	"precision, recall and F1 per label with their mean (macro-F1). When the\n"
	"predictions carry the probabilities of 'predict --probs', also how right the\n"
	"related labels are that a confidence threshold keeps.\n";

/* Each command's options: the row's place in its table is the index of its
 * value in the command's opt array. */
enum { R = 256 }; /* long-only ids: R + the row */

static const cli_opt split_opts[] = {
	{R + 0, "stances", "FILE", "Headline,Body ID[,Stance] CSV"},
	{R + 1, "out-dir", "DIR", "where to write (created if missing)"},
	{R + 2, "holdout", "FRACTION", "share of bodies or stories held out (default 0.2)"},
	{R + 3, "seed", "N", "split seed (default 1)"},
	{R + 4, "by", "body|story", "what is held out (default body)"},
	{R + 5, "match-test-mix", NULL, "the holdout at the competition test set's label mix"},
	CLI_OPT_END};

static const cli_opt train_opts[] = {
	{R + 0, "bodies", "FILE", "Body ID,articleBody CSV"},
	{R + 1, "stances", "FILE", "Headline,Body ID,Stance CSV"},
	{R + 2, "out", "FILE", "the model to write"},
	{R + 3, "seed", "N", "random seed (default 1)"},
	{R + 4, "epochs", "N", "passes over the data (default 15)"},
	{R + 5, "hidden", "N", "hidden units (default 200)"},
	{R + 6, "vocab", "N", "count-feature words (default 10000)"},
	{R + 7, "batch", "N", "pairs per update (default 128)"},
	{R + 8, "lr", "X", "Adam step size (default 0.001)"},
	{R + 9, "l2", "X", "weight decay (default 1e-4)"},
	{R + 10, "dropout", "X", "hidden-unit dropout (default 0.4)"},
	{R + 11, "class-weight", "X", "weigh labels by (largest count / count)^X (default 0.5)"},
	{R + 12, "nets", "N", "average N networks, trained from the seed, the seed + 1, ...\n(default 3)"},
	{R + 13, "average", "N", "keep each network's mean weights over its last N epochs\n"
				 "(default 0: the last weights)"},
	{R + 14, "word-dropout", "X", "share of the body's words dropped while training (default 0)"},
	{R + 15, "threads", "N", "networks trained at once (default 1; the model is the same)"},
	{'q', "quiet", NULL, "no progress on stderr"},
	CLI_OPT_END};

static const cli_opt predict_opts[] = {
	{R + 0, "bodies", "FILE", "Body ID,articleBody CSV"},
	{R + 1, "stances", "FILE", "Headline,Body ID[,Stance] CSV"},
	{R + 2, "model", "FILE", "the model (default: stance.model in the data directory)"},
	{R + 3, "data", "DIR", "the data directory (default: $CLAIMTRACE_DATA or built in)"},
	{R + 4, "probs", NULL, "add the four probabilities as columns"},
	{R + 5, "timing", NULL, "print pairs per second (prediction only) on stderr"},
	{R + 6, "no-body-cache", NULL, "read a body anew for each of its pairs (for timing)"},
	CLI_OPT_END};

static const cli_opt eval_opts[] = {
	{R + 0, "gold", "FILE", "the gold labels"},
	{R + 1, "pred", "FILE", "the predictions"},
	CLI_OPT_END};

static const cli_spec split_spec = {"stance split", usage_split, split_opts, NULL, NULL, 0};
static const cli_spec train_spec = {"stance train", usage_train, train_opts, NULL, NULL, 0};
static const cli_spec predict_spec = {"stance predict", usage_predict, predict_opts, NULL, NULL, 0};
static const cli_spec eval_spec = {"stance eval", usage_eval, eval_opts, NULL, NULL, 0};

/* ---- shared ---------------------------------------------------------------- */

typedef struct {
	const cli_opt *row;
	const char *value;
	int set;
} opt;

/* Fills o[row] for each option given (o has a slot per row of the spec's
 * table): 0, or *stop set and the exit code (help, a usage error). */
static int parse(const cli_spec *spec, int argc, char **argv, opt *o, int *stop)
{
	cli_opts p;
	int id;
	for (int k = 0; spec->opts[k].name; k++)
		o[k] = (opt){&spec->opts[k], NULL, 0};
	cli_opts_init(&p, spec, argc, argv);
	while ((id = cli_opts_next(&p)) > 0) {
		int k = 0;
		while (spec->opts[k].id != id)
			k++;
		o[k].set = 1;
		o[k].value = p.value;
	}
	*stop = id < 0;
	return *stop ? cli_opts_exit(id) : 0;
}

static int need(const cli_spec *spec, const opt *o)
{
	if (o->value)
		return 0;
	return cli_usage_error(spec->name, "--%s is required", o->row->name);
}

static int bad_value(const cli_spec *spec, const opt *o, const char *what)
{
	return cli_usage_error(spec->name, "--%s takes %s, not '%s'", o->row->name, what, o->value);
}

static int num(const opt *o, double lo, double hi, double *out)
{
	if (!o->value)
		return 0;
	char *end;
	errno = 0;
	double v = strtod(o->value, &end);
	if (errno || end == o->value || *end || !(v >= lo && v <= hi))
		return -1;
	*out = v;
	return 0;
}

/* Reads a data set; prints its problems. 0 when everything was read, 1
 * when rows were left out, -1 when a file could not be read at all. */
static int read_data(ct_stance_data **d, const char *bodies, const char *stances)
{
	int rc = ct_stance_data_read(d, bodies, stances);
	if (!rc)
		return 0;
	for (size_t i = 0; i < ct_stance_data_nwarnings(*d); i++)
		fprintf(stderr, "claimtrace: %s\n", ct_stance_data_warning(*d, i));
	if (rc != CT_EFORMAT || !ct_stance_data_nwarnings(*d)) {
		fprintf(stderr, "claimtrace: %s\n", ct_stance_data_error(*d));
		return -1;
	}
	return 1;
}

/* One CSV field, quoted when it has to be. */
static void put_field(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\r\n") && s[0] != ' ' && (!*s || s[strlen(s) - 1] != ' ')) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static int finish_output(FILE *f, const char *what)
{
	if (fflush(f) != 0 || ferror(f)) {
		fprintf(stderr, "claimtrace: writing %s: %s\n", what, strerror(errno));
		return EXIT_FATAL;
	}
	return 0;
}

/* ---- split ---------------------------------------------------------------- */

/* The label counts of FNC-1's competition test set (25,413 pairs; published
 * with the data set), the mix --match-test-mix reaches. */
static const double test_mix[CT_STANCE_NLABELS] = {1903, 697, 4464, 18349};

static void put_pair(FILE *f, const ct_stance_data *d, size_t i)
{
	put_field(f, ct_stance_data_headline(d, i));
	fputc(',', f);
	put_field(f, ct_stance_data_body_id(d, i));
	fputc(',', f);
	int l = ct_stance_data_label(d, i);
	fputs(l >= 0 ? ct_stance_label_name((ct_stance_label)l) : "", f);
	fputc('\n', f);
}

static int cmd_split(int argc, char **argv)
{
	opt o[sizeof split_opts / sizeof *split_opts];
	int stop, rc = parse(&split_spec, argc, argv, o, &stop);
	if (stop)
		return rc;
	if ((rc = need(&split_spec, &o[0])) || (rc = need(&split_spec, &o[1])))
		return rc;
	double frac = 0.2, seed = 1;
	if (num(&o[2], 0, 1, &frac))
		return bad_value(&split_spec, &o[2], "a fraction from 0 to 1");
	if (num(&o[3], 0, 1e15, &seed))
		return bad_value(&split_spec, &o[3], "a whole number");
	int by_story = o[4].value && !strcmp(o[4].value, "story");
	if (o[4].value && !by_story && strcmp(o[4].value, "body"))
		return bad_value(&split_spec, &o[4], "body or story");
	int match = o[5].set;
	if (match && !by_story) {
		return cli_usage_error("stance split", "%s", "--match-test-mix needs --by story");
	}
	ct_stance_data *d;
	int got = read_data(&d, NULL, o[0].value);
	if (got < 0) {
		ct_stance_data_free(d);
		return EXIT_PARTIAL;
	}
	mkdir(o[1].value, 0777);
	FILE *f[2];
	const char *names[2] = {"train_stances.csv", "holdout_stances.csv"};
	char path[2][4096];
	for (int s = 0; s < 2; s++) {
		cli_path_join(path[s], sizeof path[s], o[1].value, names[s]);
		f[s] = fopen(path[s], "wb");
		if (!f[s]) {
			fprintf(stderr, "claimtrace: %s: cannot write: %s\n", path[s], strerror(errno));
			if (s)
				fclose(f[0]);
			ct_stance_data_free(d);
			return EXIT_FATAL;
		}
		fputs("Headline,Body ID,Stance\n", f[s]);
	}
	size_t n[2] = {0, 0}, np = ct_stance_data_npairs(d);
	int *sides = calloc(np ? np : 1, sizeof *sides);
	if (!sides) {
		fprintf(stderr, "claimtrace: out of memory\n");
		exit(EXIT_FATAL);
	}
	ct_stance_split_counts sc;
	if (by_story)
		ct_stance_split_story(d, frac, (uint64_t)seed, sides, &sc);
	for (size_t i = 0; i < np; i++) {
		int side = by_story ? sides[i] : ct_stance_holdout(ct_stance_data_body_id(d, i), frac, (uint64_t)seed);
		if (side < 0 || (side == 1 && match))
			continue;
		put_pair(f[side], d, i);
		n[side]++;
	}
	rc = got ? EXIT_PARTIAL : 0;
	ct_stance_mix_counts mc;
	if (match) {
		ct_stance_data *mixed = ct_stance_mix_holdout(d, sides, test_mix, (uint64_t)seed, &mc);
		n[1] = ct_stance_data_npairs(mixed);
		for (size_t i = 0; i < n[1]; i++)
			put_pair(f[1], mixed, i);
		ct_stance_data_free(mixed);
		if (!n[1]) {
			fprintf(stderr, "claimtrace: the held-out stories have no pair of a label the test mix "
					"needs; no holdout at that mix\n");
			rc = EXIT_PARTIAL;
		}
	}
	for (int s = 0; s < 2; s++) {
		int w = finish_output(f[s], path[s]);
		if (fclose(f[s]) != 0 || w)
			rc = EXIT_FATAL;
	}
	fprintf(stderr, "claimtrace: %zu pairs to %s, %zu to %s\n", n[0], path[0], n[1], path[1]);
	if (by_story)
		fprintf(stderr,
			"claimtrace: stories %zu + %zu held out; headlines %zu + %zu; bodies %zu + %zu; "
			"%zu unrelated pairs across the split dropped\n",
			sc.stories[0], sc.stories[1], sc.headlines[0], sc.headlines[1], sc.bodies[0], sc.bodies[1],
			sc.dropped);
	if (match) {
		size_t ru = mc.kept[CT_STANCE_UNRELATED] + mc.made;
		fprintf(stderr,
			"claimtrace: at the test mix: agree %zu of %zu held out, disagree %zu of %zu, discuss %zu of "
			"%zu, unrelated %zu (%zu held out, %zu made)\n",
			mc.kept[CT_STANCE_AGREE], mc.held[CT_STANCE_AGREE], mc.kept[CT_STANCE_DISAGREE],
			mc.held[CT_STANCE_DISAGREE], mc.kept[CT_STANCE_DISCUSS], mc.held[CT_STANCE_DISCUSS], ru,
			mc.kept[CT_STANCE_UNRELATED], mc.made);
		if (ru < mc.target[CT_STANCE_UNRELATED]) {
			fprintf(stderr, "claimtrace: %zu unrelated pairs short of the mix: too few held-out bodies\n",
				mc.target[CT_STANCE_UNRELATED] - ru);
			rc = rc ? rc : EXIT_PARTIAL;
		}
	}
	free(sides);
	ct_stance_data_free(d);
	return rc;
}

/* ---- train ---------------------------------------------------------------- */

static int cmd_train(int argc, char **argv)
{
	opt o[sizeof train_opts / sizeof *train_opts];
	int stop, rc = parse(&train_spec, argc, argv, o, &stop);
	if (stop)
		return rc;
	if ((rc = need(&train_spec, &o[0])) || (rc = need(&train_spec, &o[1])) || (rc = need(&train_spec, &o[2])))
		return rc;
	ct_stance_train_opts t;
	ct_stance_train_defaults(&t);
	double v;
	if (o[3].value) {
		if (num(&o[3], 0, 1e15, &v))
			return bad_value(&train_spec, &o[3], "a whole number");
		t.seed = (uint64_t)v;
	}
	struct {
		int k;
		double lo, hi;
		int *i;
		float *f;
	} nums[] = {{4, 1, 10000, &t.epochs, NULL}, {5, 1, 512, &t.hidden, NULL},     {6, 1, 1000000, &t.vocab, NULL},
		    {7, 1, 1e6, &t.batch, NULL},    {8, 1e-9, 10, NULL, &t.lr},        {9, 0, 10, NULL, &t.l2},
		    {10, 0, 0.95, NULL, &t.dropout}, {11, 0, 4, NULL, &t.weight_pow}, {12, 1, 32, &t.nets, NULL},
		    {13, 0, 10000, &t.average, NULL}, {14, 0, 0.95, NULL, &t.word_dropout}, {15, 1, 64, &t.threads, NULL}};
	for (size_t i = 0; i < sizeof nums / sizeof *nums; i++) {
		if (!o[nums[i].k].value)
			continue;
		char what[64];
		snprintf(what, sizeof what, "a number from %g to %g", nums[i].lo, nums[i].hi);
		if (num(&o[nums[i].k], nums[i].lo, nums[i].hi, &v))
			return bad_value(&train_spec, &o[nums[i].k], what);
		if (nums[i].i)
			*nums[i].i = (int)v;
		else
			*nums[i].f = (float)v;
	}
	t.log = o[16].set ? NULL : stderr;
	ct_stance_data *d;
	int got = read_data(&d, o[0].value, o[1].value);
	if (got < 0) {
		ct_stance_data_free(d);
		return EXIT_PARTIAL;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ct_stance_model *m;
	rc = ct_stance_train(&m, d, &t);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (rc) {
		fprintf(stderr, "claimtrace: %s\n", ct_stance_model_error(m));
		rc = EXIT_PARTIAL;
	} else if (ct_stance_model_save(m, o[2].value)) {
		fprintf(stderr, "claimtrace: %s\n", ct_stance_model_error(m));
		rc = EXIT_FATAL;
	} else {
		if (t.log)
			fprintf(stderr, "claimtrace: trained on %zu pairs in %.1f s; wrote %s\n",
				ct_stance_data_npairs(d),
				(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, o[2].value);
		rc = got ? EXIT_PARTIAL : 0;
	}
	ct_stance_model_free(m);
	ct_stance_data_free(d);
	return rc;
}

/* ---- predict -------------------------------------------------------------- */

static int cmd_predict(int argc, char **argv)
{
	opt o[sizeof predict_opts / sizeof *predict_opts];
	int stop, rc = parse(&predict_spec, argc, argv, o, &stop);
	if (stop)
		return rc;
	if ((rc = need(&predict_spec, &o[0])) || (rc = need(&predict_spec, &o[1])))
		return rc;
	ct_stance_model *m;
	if (ct_stance_model_load(&m, o[2].value, o[3].value)) {
		fprintf(stderr, "claimtrace: %s\n", ct_stance_model_error(m));
		ct_stance_model_free(m);
		return EXIT_FATAL;
	}
	ct_stance_data *d;
	int got = read_data(&d, o[0].value, o[1].value);
	if (got < 0) {
		ct_stance_data_free(d);
		ct_stance_model_free(m);
		return EXIT_PARTIAL;
	}
	size_t n = ct_stance_data_npairs(d);
	int *label = calloc(n ? n : 1, sizeof *label);
	float (*probs)[CT_STANCE_NLABELS] = calloc(n ? n : 1, sizeof *probs);
	if (!label || !probs) {
		fprintf(stderr, "claimtrace: out of memory\n");
		exit(EXIT_FATAL);
	}
	/* Each body is read once for all its headlines. Pairs come grouped by
	 * headline in FNC-1, so prepared bodies are kept by body text pointer
	 * in a small table rather than assuming any order. */
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	size_t cap = 1024;
	const char **keys = calloc(cap, sizeof *keys);
	ct_stance_body **vals = calloc(cap, sizeof *vals);
	size_t used = 0;
	cli_meter meter;
	cli_meter_start(&meter, "pairs labelled:", n, 0);
	for (size_t i = 0; i < n; i++) {
		cli_meter_tick(&meter, i);
		const char *text = ct_stance_data_body(d, i);
		if (o[6].set) {
			label[i] = (int)ct_stance_predict(m, ct_stance_data_headline(d, i), text, probs[i]);
			continue;
		}
		if (2 * (used + 1) > cap) {
			size_t ncap = cap * 2;
			const char **nk = calloc(ncap, sizeof *nk);
			ct_stance_body **nv = calloc(ncap, sizeof *nv);
			if (!nk || !nv) {
				fprintf(stderr, "claimtrace: out of memory\n");
				exit(EXIT_FATAL);
			}
			for (size_t j = 0; j < cap; j++) {
				if (!keys[j])
					continue;
				size_t s = ((uintptr_t)keys[j] >> 4) & (ncap - 1);
				while (nk[s])
					s = (s + 1) & (ncap - 1);
				nk[s] = keys[j], nv[s] = vals[j];
			}
			free(keys), free(vals);
			keys = nk, vals = nv, cap = ncap;
		}
		size_t s = ((uintptr_t)text >> 4) & (cap - 1);
		while (keys[s] && keys[s] != text)
			s = (s + 1) & (cap - 1);
		if (!keys[s]) {
			keys[s] = text;
			vals[s] = ct_stance_body_new(m, text);
			used++;
		}
		label[i] = (int)ct_stance_predict_body(m, ct_stance_data_headline(d, i), vals[s], probs[i]);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	cli_meter_tick(&meter, n);
	cli_meter_end(&meter);
	for (size_t j = 0; j < cap; j++)
		ct_stance_body_free(vals[j]);
	free(keys), free(vals);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (o[5].set)
		fprintf(stderr, "claimtrace: %zu pairs (%zu bodies) in %.3f s: %.0f pairs/s\n", n, used, secs,
			secs > 0 ? (double)n / secs : 0.0);

	fputs(o[4].set ? "Headline,Body ID,Stance,agree,disagree,discuss,unrelated\n" : "Headline,Body ID,Stance\n",
	      stdout);
	for (size_t i = 0; i < n; i++) {
		put_field(stdout, ct_stance_data_headline(d, i));
		fputc(',', stdout);
		put_field(stdout, ct_stance_data_body_id(d, i));
		fputc(',', stdout);
		fputs(ct_stance_label_name((ct_stance_label)label[i]), stdout);
		if (o[4].set)
			for (int k = 0; k < CT_STANCE_NLABELS; k++)
				printf(",%.4f", (double)probs[i][k]);
		fputc('\n', stdout);
	}
	rc = finish_output(stdout, "output");
	if (!rc && got)
		rc = EXIT_PARTIAL;
	free(label);
	free(probs);
	ct_stance_data_free(d);
	ct_stance_model_free(m);
	return rc;
}

/* ---- eval ------------------------------------------------------------------ */

/*
 * With the probabilities of `predict --probs`: how good the related labels
 * are that a confidence threshold keeps (a story map keeps an inferred
 * stance only at or above one). Per threshold: the pairs kept (label agree,
 * disagree or discuss with at least that probability), the share whose
 * label is right (overall and per predicted label), the share that is
 * related at all, and the share of gold related pairs kept with the right
 * label.
 */
static void confidence_table(const ct_stance_data *g, const ct_stance_data *p, size_t n)
{
	float pr[CT_STANCE_NLABELS];
	size_t gold_related = 0;
	for (size_t i = 0; i < n; i++) {
		if (!ct_stance_data_probs(p, i, pr))
			return;
		gold_related += ct_stance_data_label(g, i) != CT_STANCE_UNRELATED;
	}
	static const double ts[] = {0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95};
	printf("\nconfidence (related labels kept at probability >= T)\n");
	printf("%6s %8s %9s %16s %16s %16s %8s %8s\n", "T", "kept", "right", "agree", "disagree", "discuss", "related",
	       "found");
	for (size_t t = 0; t < sizeof ts / sizeof *ts; t++) {
		size_t kept = 0, right = 0, related = 0, by[3] = {0}, by_right[3] = {0};
		for (size_t i = 0; i < n; i++) {
			ct_stance_data_probs(p, i, pr);
			int l = 0;
			for (int k = 1; k < CT_STANCE_NLABELS; k++)
				if (pr[k] > pr[l])
					l = k;
			if (l == CT_STANCE_UNRELATED || pr[l] < ts[t])
				continue;
			int gl = ct_stance_data_label(g, i);
			kept++;
			right += gl == l;
			related += gl != CT_STANCE_UNRELATED;
			by[l]++;
			by_right[l] += gl == l;
		}
		printf("%6.2f %8zu %9.4f", ts[t], kept, kept ? (double)right / (double)kept : 0.0);
		for (int k = 0; k < 3; k++)
			printf("  %6.4f (%6zu)", by[k] ? (double)by_right[k] / (double)by[k] : 0.0, by[k]);
		printf(" %8.4f %8.4f\n", kept ? (double)related / (double)kept : 0.0,
		       gold_related ? (double)right / (double)gold_related : 0.0);
	}
}

static int cmd_eval(int argc, char **argv)
{
	opt o[sizeof eval_opts / sizeof *eval_opts];
	int stop, rc = parse(&eval_spec, argc, argv, o, &stop);
	if (stop)
		return rc;
	if ((rc = need(&eval_spec, &o[0])) || (rc = need(&eval_spec, &o[1])))
		return rc;
	ct_stance_data *g, *p;
	int gg = read_data(&g, NULL, o[0].value);
	int pg = gg < 0 ? -1 : read_data(&p, NULL, o[1].value);
	if (gg < 0 || pg < 0 || gg || pg) {
		/* Left-out rows would pair the wrong rows up; nothing to score. */
		if (gg >= 0)
			ct_stance_data_free(p);
		ct_stance_data_free(g);
		return EXIT_PARTIAL;
	}
	size_t n = ct_stance_data_npairs(g);
	rc = 0;
	if (ct_stance_data_npairs(p) != n) {
		fprintf(stderr, "claimtrace: %s has %zu pairs, %s has %zu; they must pair up row by row\n", o[0].value,
			n, o[1].value, ct_stance_data_npairs(p));
		rc = EXIT_PARTIAL;
	}
	int *gl = calloc(n ? n : 1, sizeof *gl), *pl = calloc(n ? n : 1, sizeof *pl);
	if (!gl || !pl) {
		fprintf(stderr, "claimtrace: out of memory\n");
		exit(EXIT_FATAL);
	}
	for (size_t i = 0; i < n && !rc; i++) {
		gl[i] = ct_stance_data_label(g, i);
		pl[i] = ct_stance_data_label(p, i);
		const char *why = NULL;
		if (strcmp(ct_stance_data_headline(g, i), ct_stance_data_headline(p, i)) ||
		    strcmp(ct_stance_data_body_id(g, i), ct_stance_data_body_id(p, i)))
			why = "is not the pair on the same row of the gold file";
		else if (gl[i] < 0)
			why = "has no gold Stance";
		else if (pl[i] < 0)
			why = "has no predicted Stance";
		if (why) {
			fprintf(stderr, "claimtrace: %s:%ld: pair %zu %s (%s:%ld)\n", o[1].value,
				ct_stance_data_line(p, i), i + 1, why, o[0].value, ct_stance_data_line(g, i));
			rc = EXIT_PARTIAL;
		}
	}
	if (!rc) {
		ct_stance_eval e;
		ct_stance_score(&e, gl, pl, n);
		printf("pairs:          %zu\n", e.n);
		printf("FNC-1 score:    %.2f of %.2f\n", e.score, e.max_score);
		printf("relative score: %.2f%%\n", e.relative);
		printf("accuracy:       %.4f\n", e.accuracy);
		printf("macro-F1:       %.4f\n", e.macro_f1);
		printf("\nconfusion (rows: gold, columns: predicted)\n%-10s", "");
		for (int k = 0; k < CT_STANCE_NLABELS; k++)
			printf(" %10s", ct_stance_label_name((ct_stance_label)k));
		printf("\n");
		for (int gk = 0; gk < CT_STANCE_NLABELS; gk++) {
			printf("%-10s", ct_stance_label_name((ct_stance_label)gk));
			for (int pk = 0; pk < CT_STANCE_NLABELS; pk++)
				printf(" %10zu", e.confusion[gk][pk]);
			printf("\n");
		}
		printf("\n%-10s %10s %10s %10s\n", "", "precision", "recall", "F1");
		for (int k = 0; k < CT_STANCE_NLABELS; k++)
			printf("%-10s %10.4f %10.4f %10.4f\n", ct_stance_label_name((ct_stance_label)k), e.precision[k],
			       e.recall[k], e.f1[k]);
		confidence_table(g, p, n);
		rc = finish_output(stdout, "output");
	}
	free(gl);
	free(pl);
	ct_stance_data_free(g);
	ct_stance_data_free(p);
	return rc;
}

static const cli_command stance_commands[] = {
	{"split", cmd_split, "hold out a share of the bodies: write train and holdout stance files"},
	{"train", cmd_train, "train a model on labelled pairs"},
	{"predict", cmd_predict, "label pairs with a model (default: the shipped one)"},
	{"eval", cmd_eval, "score predictions against gold labels (the official FNC-1 score)"},
	{NULL, NULL, NULL}};

static const cli_group stance_group = {
	"stance",
	"usage: claimtrace stance COMMAND [OPTIONS]\n"
	"\n"
	"The stance of an article body toward a headline: agree, disagree, discuss or\n"
	"unrelated, as in the Fake News Challenge (FNC-1), whose CSV files it reads.\n",
	stance_commands,
	"\n"
	"'claimtrace stance COMMAND --help' for a command's options.\n"};

int cli_stance(int argc, char **argv)
{
	return cli_dispatch(&stance_group, argc, argv);
}
