#!/usr/bin/env bash
# Stance prediction speed: pairs per second on one core over the FNC-1
# holdout (20% of training bodies, seed 1), the median of 5 runs. "predict"
# counts preparing each body once and labelling every pair (the work
# ct_stance_predict_body does); "end to end" adds reading the CSVs and
# writing the predictions; "body per pair" reads the body again for every
# pair, as ct_stance_predict does.
#
#   bench/stance.sh [BIN]     (default build/rel/claimtrace; needs ../shared/corpus;
#                             CPU=N pins to core N, default 0)
set -eu
bin=${1:-build/rel/claimtrace}
fnc=${CORPUS:-../shared/corpus}/fnc-1
runs=${RUNS:-5}
[ -r "$fnc/train_bodies.csv" ] || { echo "bench/stance.sh: skipped, no FNC-1 corpus at $fnc"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" stance split --stances "$fnc/train_stances.csv" --out-dir "$tmp" --holdout 0.2 --seed 1 2>/dev/null
pin=""
command -v taskset >/dev/null && pin="taskset -c ${CPU:-0}"
cmd="$pin $bin stance predict --bodies $fnc/train_bodies.csv --stances $tmp/holdout_stances.csv --timing"
echo "command: $cmd > /dev/null"
pred=() e2e=() each=()
for _ in $(seq "$runs"); do
	each+=("$($cmd --no-body-cache 2>&1 >/dev/null | sed -n 's/.*: \([0-9]*\) pairs\/s/\1/p')")
	t0=$(date +%s.%N)
	line=$($cmd 2>&1 >/dev/null | grep 'pairs/s')
	t1=$(date +%s.%N)
	n=$(echo "$line" | sed 's/^claimtrace: \([0-9]*\) pairs.*/\1/')
	pred+=("$(echo "$line" | sed 's/.*: \([0-9]*\) pairs\/s/\1/')")
	e2e+=("$(awk -v n="$n" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "pairs: $n (one core, $runs runs)"
echo "predict:       median $(median "${pred[@]}") pairs/s  (runs: ${pred[*]})"
echo "body per pair: median $(median "${each[@]}") pairs/s  (runs: ${each[*]})"
echo "end to end:    median $(median "${e2e[@]}") pairs/s  (runs: ${e2e[*]})"
