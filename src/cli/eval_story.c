/*
 * eval_story.c — `claimtrace eval story`: the story map run on FNC-1's
 * stories and scored against the sides FNC-1's labels give each article.
 * Uses the public header only.
 *
 * The stories are built as the held-out ones are: connected components of
 * the graph joining headlines and bodies by related pairs (agree,
 * disagree, discuss), kept at a minimum number of bodies (5). A story's
 * claim is its headline with the most agree + disagree pairs (ties: the
 * most related pairs, then the first in byte order), and each body's gold
 * side is its label toward it. Each story's bodies are mapped as plain-text
 * articles named by Body ID (as the files FNC-1 writes), with no title,
 * outlet or date; the scoring is ct_story_score_map's (docs/story.md).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimtrace.h"
#include "cli.h"

static const char usage_eval_story[] =
	"usage: claimtrace eval story (--fnc DIR | --bodies FILE --stances FILE) [OPTIONS]\n"
	"\n"
	"Maps each of FNC-1's stories (headlines and bodies joined by related pairs,\n"
	"5 bodies or more) from its bodies alone, and scores the map against the side\n"
	"FNC-1's labels give each body toward the story's claim (its headline with the\n"
	"most agree + disagree pairs): opposed-pair F1, contested-story recall, the\n"
	"central claim, junk entities (docs/story.md).\n"
;

enum { O_FNC = 256, O_BODIES, O_STANCES, O_STORIES, O_HOLDOUT, O_SEED, O_MIN_BODIES, O_CLAIM, O_FIRST, O_LIST,
       O_NO_STANCE, O_STANCE_MODEL, O_STATEMENT_MODEL, O_DATA };

static const cli_opt eval_story_opts[] = {
	{O_FNC, "fnc", "DIR", "FNC-1's training data: DIR/train_bodies.csv and\n"
			      "DIR/train_stances.csv"},
	{O_BODIES, "bodies", "FILE", "FNC-1's bodies CSV, with --stances instead of --fnc"},
	{O_STANCES, "stances", "FILE", "its stances CSV (one of whole stories, as stance\n"
				       "split --by story writes, with --stories all)"},
	{O_STORIES, "stories", "SIDE", "holdout (default), training or all: the side of the\n"
				       "story split the stories come from"},
	{O_HOLDOUT, "holdout", "F", "the split's held-out share (default 0.2)"},
	{O_SEED, "seed", "N", "the split's seed (default 1: the shipped stance\n"
			      "model's, so the holdout is stories it never saw)"},
	{O_MIN_BODIES, "min-bodies", "N", "stories with at least N bodies (default 5)"},
	{O_CLAIM, "claim", NULL, "give the map each story's claim (story --claim)"},
	{O_FIRST, "first", NULL, "score the map's first claim only, not the one that\n"
				 "agrees best with gold"},
	{O_LIST, "list", NULL, "a line per story"},
	{O_NO_STANCE, "no-stance", NULL, "as for story"},
	{O_STANCE_MODEL, "stance-model", "FILE", "as for story"},
	{O_STATEMENT_MODEL, "statement-model", "FILE", "as for story"},
	{O_DATA, "data", "DIR", "lexicons and models (default: $CLAIMTRACE_DATA or built in)"},
	{'j', "threads", "N", "stories mapped at once (default 2)"},
	{'q', "quiet", NULL, "no warnings"},
	CLI_OPT_END};

static const cli_spec eval_story_spec = {"eval story", usage_eval_story, eval_story_opts, NULL, NULL, 0};

typedef struct {
	char *id;             /* the story: its smallest Body ID */
	char *claim;
	size_t *bodies;       /* pair indices: one related pair per body, for its id and text */
	int *gold;
	size_t nbody;
	ct_story_score score;
	int rc;
} story_job;

typedef struct {
	const ct_ctx *ctx;
	const ct_stance_model *model;
	const ct_statement_model *smodel;
	const ct_stance_data *d;
	story_job *jobs;
	size_t njobs, next;
	int give_claim, first_only;
	pthread_mutex_t lock;
	size_t done; /* stories mapped, for the meter (under the lock) */
	cli_meter meter;
} eval_state;

static void map_one(eval_state *es, story_job *j)
{
	ct_story *st = ct_story_new(es->ctx);
	if (es->model)
		ct_story_set_stance(st, es->model, CT_STORY_STANCE_MIN);
	if (es->smodel)
		ct_story_set_statement(st, es->smodel);
	if (es->give_claim)
		ct_story_add_claim(st, j->claim);
	const char **ids = calloc(j->nbody + 1, sizeof *ids);
	for (size_t k = 0; k < j->nbody; k++) {
		const char *bid = ct_stance_data_body_id(es->d, j->bodies[k]);
		const char *text = ct_stance_data_body(es->d, j->bodies[k]);
		ids[k] = bid;
		ct_doc *doc = ct_doc_new(bid, text, strlen(text));
		if (ct_doc_run(es->ctx, doc, CT_STAGE_LAST) == 0)
			ct_story_add_doc(st, doc);
		ct_doc_free(doc);
	}
	ct_story_build(st);
	j->rc = ct_story_score_map(st, j->claim, ids, j->gold, j->nbody, es->first_only, &j->score);
	free(ids);
	ct_story_free(st);
}

static void *worker(void *arg)
{
	eval_state *es = arg;
	for (;;) {
		pthread_mutex_lock(&es->lock);
		size_t i = es->next++;
		pthread_mutex_unlock(&es->lock);
		if (i >= es->njobs)
			return NULL;
		map_one(es, &es->jobs[i]);
		pthread_mutex_lock(&es->lock);
		cli_meter_tick(&es->meter, ++es->done);
		pthread_mutex_unlock(&es->lock);
	}
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* The stories of the data set on the chosen side, with their claims and gold. */
static size_t make_jobs(const ct_stance_data *d, int want_side, double fraction, unsigned long seed,
			long min_bodies, story_job **out)
{
	size_t np = ct_stance_data_npairs(d);
	uint32_t *story = malloc((np + 1) * sizeof *story);
	int *side = malloc((np + 1) * sizeof *side);
	size_t *order = malloc((np + 1) * sizeof *order);
	if (!story || !side || !order) {
		fprintf(stderr, "claimtrace: out of memory\n");
		exit(EXIT_FATAL);
	}
	size_t ns = ct_stance_stories(d, story);
	ct_stance_split_story(d, fraction, seed, side, NULL);
	/* the related pairs grouped by story, in input order within each */
	size_t nrel = 0;
	for (size_t i = 0; i < np; i++) {
		int l = ct_stance_data_label(d, i);
		if (l >= 0 && l != CT_STANCE_UNRELATED)
			order[nrel++] = (size_t)story[i] << 32 | i;
	}
	qsort(order, nrel, sizeof *order, cmp_size);
	story_job *jobs = calloc(ns + 1, sizeof *jobs);
	size_t nj = 0;
	for (size_t a = 0; a < nrel;) {
		size_t b = a;
		uint32_t s = (uint32_t)(order[a] >> 32);
		while (b < nrel && (uint32_t)(order[b] >> 32) == s)
			b++;
		size_t first = order[a] & 0xffffffffu;
		int keep = want_side < 0 || side[first] == want_side;
		/* the claim: the headline with the most agree + disagree pairs,
		 * then the most related pairs, then the first in byte order */
		const char *claim = NULL;
		size_t best_ad = 0, best_rel = 0;
		for (size_t x = a; keep && x < b; x++) {
			const char *h = ct_stance_data_headline(d, order[x] & 0xffffffffu);
			size_t ad = 0, rel = 0;
			for (size_t y = a; y < b; y++) {
				size_t i = order[y] & 0xffffffffu;
				if (strcmp(ct_stance_data_headline(d, i), h))
					continue;
				int l = ct_stance_data_label(d, i);
				rel++;
				ad += l == CT_STANCE_AGREE || l == CT_STANCE_DISAGREE;
			}
			if (!claim || ad > best_ad || (ad == best_ad && (rel > best_rel || (rel == best_rel && strcmp(h, claim) < 0)))) {
				claim = h;
				best_ad = ad;
				best_rel = rel;
			}
		}
		/* its bodies, each once, in input order of their first pair */
		story_job j = {0};
		j.bodies = malloc((b - a + 1) * sizeof *j.bodies);
		j.gold = malloc((b - a + 1) * sizeof *j.gold);
		for (size_t x = a; keep && x < b; x++) {
			size_t i = order[x] & 0xffffffffu;
			const char *bid = ct_stance_data_body_id(d, i);
			int dup = 0;
			for (size_t k = 0; k < j.nbody && !dup; k++)
				dup = !strcmp(ct_stance_data_body_id(d, j.bodies[k]), bid);
			if (dup)
				continue;
			int g = -1;
			for (size_t y = a; y < b; y++) {
				size_t p = order[y] & 0xffffffffu;
				if (!strcmp(ct_stance_data_body_id(d, p), bid) && !strcmp(ct_stance_data_headline(d, p), claim))
					g = ct_stance_data_label(d, p);
			}
			j.bodies[j.nbody] = i;
			j.gold[j.nbody++] = g;
		}
		if (keep && (long)j.nbody >= min_bodies) {
			const char *low = NULL;
			for (size_t k = 0; k < j.nbody; k++) {
				const char *bid = ct_stance_data_body_id(d, j.bodies[k]);
				if (!low || atol(bid) < atol(low))
					low = bid;
			}
			j.id = strdup(low);
			j.claim = strdup(claim);
			jobs[nj++] = j;
		} else {
			free(j.bodies);
			free(j.gold);
		}
		a = b;
	}
	free(story);
	free(side);
	free(order);
	*out = jobs;
	return nj;
}

static double pct(size_t a, size_t b)
{
	return b ? 100.0 * (double)a / (double)b : 0.0;
}

static double f1(size_t both, size_t pred, size_t gold)
{
	return pred && gold && both ? 200.0 * (double)both / (double)(pred + gold) : 0.0;
}

int cli_eval_story(int argc, char **argv)
{
	const char *fnc = NULL, *bodies_path = NULL, *stances_path = NULL, *data = NULL, *model_path = NULL, *stories = "holdout";
	const char *smodel_path = NULL;
	double fraction = 0.2;
	long seed = 1, min_bodies = 5, threads = 2;
	int give_claim = 0, first_only = 0, list = 0, no_stance = 0, quiet = 0;
	int o;
	cli_opts op;
	cli_opts_init(&op, &eval_story_spec, argc, argv);
	while ((o = cli_opts_next(&op)) > 0) {
		const char *v = op.value;
		char *end;
		switch (o) {
		case O_FNC:
			fnc = v;
			break;
		case O_BODIES:
			bodies_path = v;
			break;
		case O_STANCES:
			stances_path = v;
			break;
		case O_STORIES:
			stories = v;
			if (strcmp(stories, "holdout") && strcmp(stories, "training") && strcmp(stories, "all"))
				return cli_opts_error(&op, "--stories: holdout, training or all, not '%s'", stories);
			break;
		case O_HOLDOUT:
			fraction = strtod(v, &end);
			if (end == v || *end || !(fraction > 0 && fraction < 1))
				return cli_opts_error(&op, "--holdout: a share between 0 and 1, not '%s'", v);
			break;
		case O_SEED:
			if (cli_parse_count(v, 1L << 30, &seed))
				return cli_opts_error(&op, "--seed: a whole number from 1, not '%s'", v);
			break;
		case O_MIN_BODIES:
			if (cli_parse_count(v, 1L << 20, &min_bodies))
				return cli_opts_error(&op, "--min-bodies: a whole number from 1, not '%s'", v);
			break;
		case 'j':
			if (cli_parse_count(v, 256, &threads))
				return cli_opts_error(&op, "--threads: a whole number from 1 to 256, not '%s'", v);
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
		case O_NO_STANCE:
			no_stance = 1;
			break;
		case O_CLAIM:
			give_claim = 1;
			break;
		case O_FIRST:
			first_only = 1;
			break;
		case O_LIST:
			list = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		}
	}
	if (o < 0)
		return cli_opts_exit(o);
	if (!fnc && (!bodies_path || !stances_path))
		return cli_opts_error(&op, "%s", "--fnc DIR, or --bodies FILE and --stances FILE, are required");
	ct_stance_data *d;
	if (cli_fnc_read(fnc, bodies_path, stances_path, quiet, &d))
		return EXIT_FATAL;
	ct_ctx *ctx;
	if (cli_context(data, &ctx)) {
		ct_stance_data_free(d);
		return EXIT_FATAL;
	}
	ct_stance_model *model = NULL;
	if (!no_stance && ct_stance_model_load(&model, model_path, data)) {
		fprintf(stderr, "claimtrace: %s\n", ct_stance_model_error(model));
		ct_stance_model_free(model);
		ct_ctx_free(ctx);
		ct_stance_data_free(d);
		return EXIT_FATAL;
	}
	ct_statement_model *smodel = NULL;
	if (!no_stance && ct_statement_model_load(&smodel, smodel_path, data)) {
		fprintf(stderr, "claimtrace: %s\n", ct_statement_model_error(smodel));
		ct_statement_model_free(smodel);
		ct_stance_model_free(model);
		ct_ctx_free(ctx);
		ct_stance_data_free(d);
		return EXIT_FATAL;
	}
	int want = !strcmp(stories, "holdout") ? 1 : !strcmp(stories, "training") ? 0 : -1;
	eval_state es = {ctx, model, smodel, d, NULL, 0, 0, give_claim, first_only, PTHREAD_MUTEX_INITIALIZER, 0, {0}};
	es.njobs = make_jobs(d, want, fraction, (unsigned long)seed, min_bodies, &es.jobs);
	cli_meter_start(&es.meter, "stories mapped:", es.njobs, quiet);
	pthread_t *tid = calloc((size_t)threads, sizeof *tid);
	long started = 0;
	for (long t = 1; t < threads; t++)
		started += !pthread_create(&tid[started], NULL, worker, &es);
	worker(&es);
	for (long t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	free(tid);
	cli_meter_end(&es.meter);

	ct_story_score sum = {0};
	size_t contested = 0, found = 0, central = 0, failed = 0;
	for (size_t k = 0; k < es.njobs; k++) {
		const story_job *j = &es.jobs[k];
		const ct_story_score *s = &j->score;
		if (j->rc) {
			fprintf(stderr, "claimtrace: story %s: the map's JSON does not parse\n", j->id);
			failed++;
			continue;
		}
		sum.articles += s->articles;
		sum.agree += s->agree;
		sum.disagree += s->disagree;
		sum.discuss += s->discuss;
		sum.pairs += s->pairs;
		sum.gold_opposite += s->gold_opposite;
		sum.pred_opposite += s->pred_opposite;
		sum.both_opposite += s->both_opposite;
		sum.entities += s->entities;
		sum.junk_entities += s->junk_entities;
		contested += (size_t)s->contested;
		found += (size_t)s->found;
		central += (size_t)s->central;
		if (list)
			printf("%-6s %3zu bodies %2zu+ %2zu- %2zu~  claim c%-3d%s pairs %zu/%zu/%zu%s%s\n"
			       "       gold:  %s\n       first: %s\n       best:  %s\n",
			       j->id, s->articles, s->agree, s->disagree, s->discuss, s->best_rank, s->flipped ? "'" : " ",
			       s->both_opposite, s->pred_opposite, s->gold_opposite, s->contested ? (s->found ? "  contested, found" : "  contested, missed") : "",
			       s->central ? "  central" : "", j->claim, s->first, s->best);
	}
	if (list)
		printf("\n");
	double p = sum.pred_opposite ? 100.0 * (double)sum.both_opposite / (double)sum.pred_opposite : 0;
	double r = pct(sum.both_opposite, sum.gold_opposite);
	/* Random sides (each article + or - with even odds) put a pair on
	 * opposite sides half the time, whatever gold says. */
	double rp = pct(sum.gold_opposite, sum.pairs);
	double rf = rp > 0 ? 2 * rp * 50 / (rp + 50) : 0;
	printf("stories: %zu %s stories of FNC-1's training data (split seed %ld, held out %.2f), %zu bodies or more%s\n",
	       es.njobs - failed, stories, seed, fraction, (size_t)min_bodies, give_claim ? "; the claim given" : "");
	printf("articles: %zu (gold agree %zu, disagree %zu, discuss %zu)\n", sum.articles, sum.agree, sum.disagree,
	       sum.discuss);
	printf("opposed-pair F1: %.1f (P %.1f, R %.1f; %zu of %zu pairs opposite in gold, %zu in the map, %zu both; random sides %.1f)\n",
	       f1(sum.both_opposite, sum.pred_opposite, sum.gold_opposite), p, r, sum.gold_opposite, sum.pairs,
	       sum.pred_opposite, sum.both_opposite, rf);
	printf("contested-story recall: %.1f%% (%zu of %zu)\n", pct(found, contested), found, contested);
	if (!give_claim)
		printf("central claim first: %.1f%% (%zu of %zu)\n", pct(central, es.njobs - failed), central,
		       es.njobs - failed);
	printf("junk entities: %.1f%% (%zu of %zu)\n", pct(sum.junk_entities, sum.entities), sum.junk_entities,
	       sum.entities);
	for (size_t k = 0; k < es.njobs; k++) {
		free(es.jobs[k].id);
		free(es.jobs[k].claim);
		free(es.jobs[k].bodies);
		free(es.jobs[k].gold);
	}
	free(es.jobs);
	ct_stance_model_free(model);
	ct_statement_model_free(smodel);
	ct_ctx_free(ctx);
	ct_stance_data_free(d);
	return failed ? EXIT_PARTIAL : 0;
}
