#!/usr/bin/env bash
# The story map on inner folds of FNC-1's training side (docs/story.md,
# "Measured on FNC-1's stories"): for each split seed, the training side
# of the shipped stance model's story split (seed 1) is split again by
# story; a stance model is trained on that split's training side with the
# shipped recipe, and `eval story` maps that split's held-out stories with
# it — stories no model of theirs saw. The figures pool over the seeds.
# This is where the story stage's constants were chosen; the seed-1
# holdout itself (`make story-eval`) played no part.
#
#   tools/story-folds.sh                 the map, seeds 2-8
#   tools/story-folds.sh --claim --first the given claim's own sides
#
# Arguments go to `eval story`. Environment:
#   BIN    claimtrace binary (default build/rel/claimtrace)
#   FNC    FNC-1 directory (default ../shared/corpus/fnc-1)
#   SEEDS  inner split seeds (default "2 3 4 5 6 7 8")
#   TRAIN  training options (default the shipped recipe, as in the Makefile)
#   OUT    splits and models (default build/story-folds; a model is trained
#          once, about two minutes on one core, then reused)
set -eu
bin=${BIN:-build/rel/claimtrace}
fnc=${FNC:-../shared/corpus/fnc-1}
seeds=${SEEDS:-2 3 4 5 6 7 8}
train=${TRAIN:---seed 1 --epochs 15 --class-weight 0.5 --hidden 200 --vocab 10000 --l2 1e-4 --nets 3}
out=${OUT:-build/story-folds}
outer=build/stance-story-split/train_stances.csv
[ -r "$fnc/train_bodies.csv" ] || { echo "story-folds: no FNC-1 corpus at $fnc" >&2; exit 1; }
mkdir -p "$out"
if [ ! -r "$outer" ]; then
	"$bin" stance split --stances "$fnc/train_stances.csv" --out-dir build/stance-story-split --by story \
		--holdout 0.2 --seed 1 >/dev/null
fi
for k in $seeds; do
	if [ ! -r "$out/f$k.model" ]; then
		"$bin" stance split --stances "$outer" --out-dir "$out/f$k" --by story --holdout 0.2 --seed "$k" >/dev/null
		# shellcheck disable=SC2086
		"$bin" stance train --bodies "$fnc/train_bodies.csv" --stances "$out/f$k/train_stances.csv" \
			--out "$out/f$k.model" $train >/dev/null
	fi
	"$bin" eval story --bodies "$fnc/train_bodies.csv" --stances "$out/f$k/holdout_stances.csv" --stories all \
		--stance-model "$out/f$k.model" -q "$@" | sed "s/^/seed $k: /"
done | tee "$out/last.txt" | grep 'opposed-pair F1'
# pooled over the seeds: the counts of each line, summed (plain sed and awk)
sed -n 's/.* \([0-9]*\) of [0-9]* pairs opposite in gold, \([0-9]*\) in the map, \([0-9]*\) both.*/pairs \1 \2 \3/p;
	s/.*contested-story recall: .*(\([0-9]*\) of \([0-9]*\)).*/contested \1 \2/p;
	s/.*central claim first: .*(\([0-9]*\) of \([0-9]*\)).*/central \1 \2/p' "$out/last.txt" | awk '
	$1 == "pairs" { gold += $2; map += $3; both += $4 }
	$1 == "contested" { found += $2; contested += $3 }
	$1 == "central" { central += $2; stories += $3 }
	END {
		f1 = both ? 200 * both / (gold + map) : 0
		printf "pooled: opposed-pair F1 %.1f (P %.1f, R %.1f); contested %d of %d", f1,
			map ? 100 * both / map : 0, gold ? 100 * both / gold : 0, found, contested
		if (stories)
			printf "; central claim %d of %d (%.0f%%)", central, stories, 100 * central / stories
		printf "\n"
	}'
