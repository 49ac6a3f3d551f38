#!/usr/bin/env bash
# claimtrace stance: help and usage errors, error lines and exit codes, CSV
# quoting, and the shipped model on the FNC-1 story holdout (from
# ../shared/corpus; skipped when absent). Prints "ok …" / "FAIL …" and ends
# with "N passed, N failed".
set -u
bin=${CLAIMTRACE_BIN:-build/san/claimtrace}
corpus=${CORPUS:-../shared/corpus}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { echo "ok $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }
# expect NAME CODE CMD...: the command exits with CODE
expect() {
	local name=$1 code=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	local rc=$?
	if [ "$rc" -eq "$code" ]; then ok "$name"; else fail "$name: exit $rc, expected $code: $(head -c 300 "$tmp/err")"; fi
}
# has NAME FILE TEXT: FILE contains TEXT
has() {
	if grep -qF -- "$3" "$2"; then ok "$1"; else fail "$1: no '$3' in: $(head -c 300 "$2")"; fi
}

# ---- help and usage
expect "stance --help" 0 "$bin" stance --help
has "stance --help lists commands" "$tmp/out" "predict"
for c in split train predict eval; do
	expect "stance $c --help" 0 "$bin" stance "$c" --help
	has "stance $c --help is its own" "$tmp/out" "claimtrace stance $c"
done
expect "main usage lists stance" 0 "$bin" --help
has "main usage lists stance (text)" "$tmp/out" "stance"
expect "stance without a command" 2 "$bin" stance
expect "unknown stance command" 2 "$bin" stance guess
expect "predict without --bodies" 2 "$bin" stance predict --stances x.csv
has "predict without --bodies says so" "$tmp/err" "--bodies is required"
expect "unknown option" 2 "$bin" stance eval --gold a --pred b --colour
expect "bad number" 2 "$bin" stance train --bodies a --stances b --out c --epochs lots
expect "bad fraction" 2 "$bin" stance split --stances a --out-dir b --holdout 1.5

# ---- small files written here
printf 'Body ID,articleBody\n1,"A body, with a comma and ""quotes"".\nSecond line."\n2,Another body about the weather.\n' >"$tmp/b.csv"
printf 'Headline,Body ID,Stance\n"Comma, and ""quotes""",1,agree\nWeather today,2,unrelated\n' >"$tmp/s.csv"
printf 'Headline,Body ID\n"Comma, and ""quotes""",1\nWeather today,2\nMissing body,7\n' >"$tmp/s_bad.csv"

# A corrupt model is fatal (3) with the file and the reason.
printf 'not a model at all' >"$tmp/bad.model"
expect "corrupt model exits 3" 3 "$bin" stance predict --model "$tmp/bad.model" --bodies "$tmp/b.csv" --stances "$tmp/s.csv"
has "corrupt model names file and reason" "$tmp/err" "$tmp/bad.model: not a claimtrace stance model"
expect "missing model exits 3" 3 "$bin" stance predict --model "$tmp/none.model" --bodies "$tmp/b.csv" --stances "$tmp/s.csv"

if [ -r "${CLAIMTRACE_DATA:-data}/stance.model" ]; then
	# Predictions in input order, quoted as CSV, readable by eval.
	expect "predict (shipped model)" 0 "$bin" stance predict --bodies "$tmp/b.csv" --stances "$tmp/s.csv"
	cp "$tmp/out" "$tmp/pred.csv"
	if [ "$(sed -n 1p "$tmp/pred.csv")" = "Headline,Body ID,Stance" ] &&
		sed -n 2p "$tmp/pred.csv" | grep -q '^"Comma, and ""quotes""",1,[a-z]*$' &&
		sed -n 3p "$tmp/pred.csv" | grep -q '^Weather today,2,[a-z]*$' &&
		[ "$(wc -l <"$tmp/pred.csv")" -eq 3 ]; then
		ok "predict output is quoted CSV in input order"
	else
		fail "predict output: $(cat "$tmp/pred.csv")"
	fi
	expect "eval reads predict's output" 0 "$bin" stance eval --gold "$tmp/s.csv" --pred "$tmp/pred.csv"
	has "eval prints the relative score" "$tmp/out" "relative score:"
	if grep -q '^confidence' "$tmp/out"; then fail "eval without probabilities has no confidence table"; else ok "eval without probabilities has no confidence table"; fi
	expect "predict --probs" 0 "$bin" stance predict --probs --bodies "$tmp/b.csv" --stances "$tmp/s.csv"
	cp "$tmp/out" "$tmp/pred_p.csv"
	expect "eval reads the probabilities" 0 "$bin" stance eval --gold "$tmp/s.csv" --pred "$tmp/pred_p.csv"
	has "eval with probabilities: the confidence table" "$tmp/out" "confidence (related labels kept at probability >= T)"
	# at T = 0 every related label is kept: as many as the confusion matrix's related columns
	kept=$(awk '$1 == "0.00" { print $2 }' "$tmp/out")
	want=$(awk -F, 'NR > 1 && $(NF - 4) != "unrelated"' "$tmp/pred_p.csv" | wc -l)
	if [ "${kept:-x}" = "$want" ]; then ok "confidence table: T = 0 keeps every related label"; else fail "kept ${kept:-?}, related predictions $want"; fi
	# A row naming an absent body: named with file and line, the rest done, exit 1.
	expect "bad row exits 1" 1 "$bin" stance predict --bodies "$tmp/b.csv" --stances "$tmp/s_bad.csv"
	has "bad row is named" "$tmp/err" "s_bad.csv:4: Body ID \"7\" is not in the bodies file"
	if [ "$(wc -l <"$tmp/out")" -eq 3 ]; then ok "the other rows are predicted"; else fail "rows: $(cat "$tmp/out")"; fi
else
	fail "no shipped model in ${CLAIMTRACE_DATA:-data}/stance.model"
fi

# eval: rows must pair up; a prediction file missing its Stance is refused.
printf 'Headline,Body ID,Stance\nWeather today,2,unrelated\n"Comma, and ""quotes""",1,agree\n' >"$tmp/swapped.csv"
expect "eval refuses rows that do not pair up" 1 "$bin" stance eval --gold "$tmp/s.csv" --pred "$tmp/swapped.csv"
has "eval names the row" "$tmp/err" "swapped.csv:2: pair 1 is not the pair"
printf 'Headline,Body ID,Stance\nWeather today,2,sideways\n' >"$tmp/odd.csv"
expect "eval: unknown label exits 1" 1 "$bin" stance eval --gold "$tmp/s.csv" --pred "$tmp/odd.csv"
has "eval: unknown label named" "$tmp/err" "odd.csv:2: unknown stance"

# split: every pair once, bodies never on both sides, same seed same split.
expect "split" 0 "$bin" stance split --stances "$tmp/s.csv" --out-dir "$tmp/sp" --holdout 0.5 --seed 3
n=$(($(wc -l <"$tmp/sp/train_stances.csv") + $(wc -l <"$tmp/sp/holdout_stances.csv") - 2))
if [ "$n" -eq 2 ]; then ok "split keeps every pair"; else fail "split wrote $n pairs"; fi
expect "split into a directory named with a slash" 0 "$bin" stance split --stances "$tmp/s.csv" --out-dir "$tmp/sp/" --holdout 0.5 --seed 3
has "split names its files with one slash" "$tmp/err" "$tmp/sp/train_stances.csv"

# split --by story: related pairs tie headlines and bodies into stories; no
# headline or body is on both sides, and a pair across them is dropped.
printf 'Headline,Body ID,Stance\nA,1,agree\nA,2,discuss\nB,2,disagree\nC,3,discuss\nC,1,unrelated\nD,4,agree\nD,2,unrelated\n' >"$tmp/st.csv"
expect "split --by story" 0 "$bin" stance split --stances "$tmp/st.csv" --out-dir "$tmp/sps" --by story --holdout 0.5 --seed 2
has "split --by story reports its stories" "$tmp/err" "stories"
both=$(for c in 1 2; do for f in train holdout; do tail -n +2 "$tmp/sps/${f}_stances.csv" | cut -d, -f"$c" | sort -u | sed "s/^/$c /"; done | sort | uniq -d; done)
if [ -z "$both" ]; then ok "split --by story: no headline or body on both sides"; else fail "on both sides: $both"; fi
expect "split --by sentence is a usage error" 2 "$bin" stance split --stances "$tmp/st.csv" --out-dir "$tmp/sps" --by sentence
expect "--match-test-mix without --by story is a usage error" 2 "$bin" stance split --stances "$tmp/st.csv" --out-dir "$tmp/spm" --match-test-mix
has "--match-test-mix without --by story says so" "$tmp/err" "--match-test-mix needs --by story"
# Everything held out: discuss (two pairs, the scarcest for its share of the mix)
# sets the size; the two unrelated pairs and six more made.
expect "split --by story --match-test-mix" 0 "$bin" stance split --stances "$tmp/st.csv" --out-dir "$tmp/spm" --by story --holdout 1 --match-test-mix
has "--match-test-mix reports the mix" "$tmp/err" "at the test mix: agree 1 of 2 held out, disagree 0 of 1, discuss 2 of 2, unrelated 8 (2 held out, 6 made)"

# ---- the shipped model on the FNC-1 story holdout (see docs/stance.md): the
# held-out stories it was not trained on, every pair
fnc=$corpus/fnc-1
if [ -r "$fnc/train_stances.csv" ] && [ -r "$fnc/train_bodies.csv" ]; then
	expect "split the corpus by story (seed 1, 0.2)" 0 "$bin" stance split --stances "$fnc/train_stances.csv" --out-dir "$tmp/fnc" --by story --holdout 0.2 --seed 1
	has "the story split's counts" "$tmp/err" "34343 pairs to"
	# the proxy of the competition test set (docs/stance.md): the same
	# training side; a holdout at the test set's label mix
	expect "split the corpus by story at the test mix" 0 "$bin" stance split --stances "$fnc/train_stances.csv" --out-dir "$tmp/fncm" --by story --holdout 0.2 --seed 1 --match-test-mix
	has "the test-mix split's counts" "$tmp/err" "34343 pairs to $tmp/fncm/train_stances.csv, 6126 to"
	if cmp -s "$tmp/fnc/train_stances.csv" "$tmp/fncm/train_stances.csv"; then ok "--match-test-mix: the same training side"; else fail "--match-test-mix changed the training side"; fi
	mixline=$(tail -n +2 "$tmp/fncm/holdout_stances.csv" | awk -F, '{ n[$NF]++ } END { printf "%d %d %d %d", n["agree"], n["disagree"], n["discuss"], n["unrelated"] }')
	if [ "$mixline" = "459 168 1076 4423" ]; then ok "test-mix holdout: agree, disagree, discuss, unrelated $mixline"; else fail "test-mix holdout labels: $mixline"; fi
	crossing=$(tail -n +2 "$tmp/fncm/holdout_stances.csv" | awk -F, 'NR == FNR { if (FNR > 1) b[$(NF - 1)] = 1; next } ($(NF - 1) in b)' "$tmp/fnc/train_stances.csv" - | wc -l)
	if [ "$crossing" -eq 0 ]; then ok "test-mix holdout: no training body"; else fail "test-mix holdout: $crossing pairs with a training body"; fi
	expect "predict the story holdout" 0 "$bin" stance predict --probs --bodies "$fnc/train_bodies.csv" --stances "$tmp/fnc/holdout_stances.csv"
	cp "$tmp/out" "$tmp/holdout_pred.csv"
	expect "eval the story holdout" 0 "$bin" stance eval --gold "$tmp/fnc/holdout_stances.csv" --pred "$tmp/holdout_pred.csv"
	rel=$(sed -n 's/^relative score: *\([0-9.]*\)%.*/\1/p' "$tmp/out")
	mf1=$(sed -n 's/^macro-F1: *\([0-9.]*\).*/\1/p' "$tmp/out")
	right=$(awk '$1 == "0.80" { print $3 }' "$tmp/out")
	# Floors a little under what the shipped model measured (77.93%, 0.6662,
	# 0.8096 of the labels kept at 0.8 right; predicting "unrelated"
	# everywhere scores 13.5% here, the holdout being mostly related pairs).
	if awk -v r="${rel:-0}" 'BEGIN { exit !(r >= 77.0) }'; then ok "story holdout relative score $rel >= 77.0"; else fail "story holdout relative score ${rel:-?} < 77.0"; fi
	if awk -v f="${mf1:-0}" 'BEGIN { exit !(f >= 0.65) }'; then ok "story holdout macro-F1 $mf1 >= 0.65"; else fail "story holdout macro-F1 ${mf1:-?} < 0.65"; fi
	if awk -v f="${right:-0}" 'BEGIN { exit !(f >= 0.79) }'; then ok "story holdout: labels kept at 0.8 right $right >= 0.79"; else fail "story holdout: labels kept at 0.8 right ${right:-?} < 0.79"; fi
	# The same stories at the test set's mix (the proxy, seed 1): measured
	# 83.56% and 0.6717; "unrelated" everywhere scores 39.4% here.
	expect "predict the test-mix holdout" 0 "$bin" stance predict --bodies "$fnc/train_bodies.csv" --stances "$tmp/fncm/holdout_stances.csv"
	cp "$tmp/out" "$tmp/proxy_pred.csv"
	expect "eval the test-mix holdout" 0 "$bin" stance eval --gold "$tmp/fncm/holdout_stances.csv" --pred "$tmp/proxy_pred.csv"
	rel=$(sed -n 's/^relative score: *\([0-9.]*\)%.*/\1/p' "$tmp/out")
	mf1=$(sed -n 's/^macro-F1: *\([0-9.]*\).*/\1/p' "$tmp/out")
	if awk -v r="${rel:-0}" 'BEGIN { exit !(r >= 83.0) }'; then ok "test-mix holdout relative score $rel >= 83.0"; else fail "test-mix holdout relative score ${rel:-?} < 83.0"; fi
	if awk -v f="${mf1:-0}" 'BEGIN { exit !(f >= 0.66) }'; then ok "test-mix holdout macro-F1 $mf1 >= 0.66"; else fail "test-mix holdout macro-F1 ${mf1:-?} < 0.66"; fi
else
	echo "skip: no FNC-1 corpus at $fnc (the holdout check needs it)"
fi

echo "$passed passed, $failed failed"
