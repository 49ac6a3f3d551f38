#!/usr/bin/env bash
# The stance model's proxy for FNC-1's competition test set (docs/stance.md):
# for each split seed, FNC-1's training pairs split by story with the
# holdout at the test set's label mix (stance split --by story
# --match-test-mix), a model trained on the training side with the given
# recipe, and its relative score and macro-F1 on the holdout; then the mean,
# the sample standard deviation and the range over the seeds.
#
#   tools/stance-proxy.sh                  the shipped recipe, seeds 1-5
#
# Environment:
#   BIN      claimtrace binary (default build/rel/claimtrace)
#   FNC      FNC-1 directory (default ../shared/corpus/fnc-1)
#   STANCES  the pairs to split (default $FNC/train_stances.csv; an inner
#            split for tuning passes a training side here)
#   SEEDS    split seeds (default "1 2 3 4 5")
#   TRAIN    training options (default the shipped recipe, as in the Makefile)
#   MODEL1   a model to score at seed 1 instead of training one (make
#            stance-proxy passes data/stance.model, trained on that split)
#   OUT      where splits, models and predictions go (default build/stance-proxy)
# Prints one line per seed, then "mean", "sd" and "range" lines.
set -eu
bin=${BIN:-build/rel/claimtrace}
fnc=${FNC:-../shared/corpus/fnc-1}
stances=${STANCES:-$fnc/train_stances.csv}
seeds=${SEEDS:-1 2 3 4 5}
train=${TRAIN:---seed 1 --epochs 15 --class-weight 0.5}
out=${OUT:-build/stance-proxy}
[ -r "$fnc/train_bodies.csv" ] || { echo "stance-proxy: no FNC-1 corpus at $fnc" >&2; exit 1; }
[ -r "$stances" ] || { echo "stance-proxy: cannot read $stances" >&2; exit 1; }
mkdir -p "$out"
printf '%-6s %8s %9s %9s %8s\n' seed pairs relative macro-F1 accuracy
rels=() f1s=()
for s in $seeds; do
	d=$out/s$s
	"$bin" stance split --stances "$stances" --out-dir "$d" --by story --holdout 0.2 --seed "$s" --match-test-mix 2>"$d.split.log" ||
		{ echo "stance-proxy: split seed $s failed: $(tail -1 "$d.split.log")" >&2; exit 1; }
	model=$d/stance.model
	if [ "$s" = 1 ] && [ -n "${MODEL1:-}" ]; then
		model=$MODEL1
	else
		# shellcheck disable=SC2086 # TRAIN is a list of options
		"$bin" stance train -q --bodies "$fnc/train_bodies.csv" --stances "$d/train_stances.csv" --out "$model" $train
	fi
	"$bin" stance predict --model "$model" --probs --bodies "$fnc/train_bodies.csv" --stances "$d/holdout_stances.csv" >"$d/pred.csv"
	"$bin" stance eval --gold "$d/holdout_stances.csv" --pred "$d/pred.csv" >"$d/eval.txt"
	n=$(sed -n 's/^pairs: *\([0-9]*\)/\1/p' "$d/eval.txt")
	rel=$(sed -n 's/^relative score: *\([0-9.]*\)%.*/\1/p' "$d/eval.txt")
	f1=$(sed -n 's/^macro-F1: *\([0-9.]*\).*/\1/p' "$d/eval.txt")
	acc=$(sed -n 's/^accuracy: *\([0-9.]*\).*/\1/p' "$d/eval.txt")
	printf '%-6s %8s %8s%% %9s %8s\n' "$s" "$n" "$rel" "$f1" "$acc"
	rels+=("$rel") f1s+=("$f1")
done
# mean, sample standard deviation, min and max of the arguments, to DIGITS places
stats() {
	local digits=$1
	shift
	printf '%s\n' "$@" | awk -v p="$digits" '{ v[NR] = $1; s += $1 } END {
		m = s / NR; ss = 0
		for (i = 1; i <= NR; i++) ss += (v[i] - m) ^ 2
		sd = 0
		if (NR > 1) sd = sqrt(ss / (NR - 1))
		lo = v[1]; hi = v[1]
		for (i = 2; i <= NR; i++) { if (v[i] < lo) lo = v[i]; if (v[i] > hi) hi = v[i] }
		f = "%." p "f %." p "f %." p "f %." p "f\n"
		printf f, m, sd, lo, hi }'
}
read -r rm rsd rlo rhi <<<"$(stats 2 "${rels[@]}")"
read -r fm fsd flo fhi <<<"$(stats 4 "${f1s[@]}")"
printf '%-6s %8s %8s%% %9s\n' mean "" "$rm" "$fm"
printf '%-6s %8s %8s  %9s\n' sd "" "$rsd" "$fsd"
printf '%-6s %8s %s-%s%% %s-%s\n' range "" "$rlo" "$rhi" "$flo" "$fhi"
