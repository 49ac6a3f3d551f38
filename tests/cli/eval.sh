#!/usr/bin/env bash
# 'claimtrace eval attribution' through the binary: help, usage errors
# (exit 2), a small split written here (scores, a missing and a malformed
# prediction), JSON, and PolNeAR dev gold against itself (100 everywhere;
# skipped when ../shared/corpus is absent). Ends with "N passed, N failed".
set -u
bin=${CLAIMTRACE_BIN:-build/san/claimtrace}
corpus=${CORPUS:-../shared/corpus}
pass=0 fail=0
ok() { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
# expect NAME RC PATTERN -- CMD...: exit code RC and PATTERN in stdout+stderr
expect() {
	local name=$1 want=$2 pat=$3
	shift 4
	local out rc
	out=$("$@" 2>&1)
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		bad "$name: exit $rc, wanted $want: $(printf '%s' "$out" | head -3)"
	elif ! printf '%s\n' "$out" | grep -q -- "$pat"; then
		bad "$name: no '$pat' in: $(printf '%s' "$out" | head -5)"
	else
		ok "$name"
	fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

expect "main help lists eval" 0 "eval  *score attributions" -- "$bin" --help
expect "eval --help" 0 "usage: claimtrace eval attribution --gold DIR" -- "$bin" eval --help
expect "eval attribution --help" 0 "Jaccard >= 0.5" -- "$bin" eval attribution --help
expect "eval alone" 2 "usage: claimtrace eval" -- "$bin" eval
expect "unknown evaluation" 2 "unknown command 'eval stance'" -- "$bin" eval stance
expect "no --gold" 2 "--gold DIR is required" -- "$bin" eval attribution
expect "--gold without a value" 2 "--gold needs a value" -- "$bin" eval attribution --gold
expect "bad format" 2 "unknown format 'xml'" -- "$bin" eval attribution --gold "$tmp" --pred "$tmp" --format xml
expect "unknown option" 2 "unknown option '--bogus'" -- "$bin" eval attribution --bogus
expect "gold not a split" 3 "not a PolNeAR split" -- "$bin" eval attribution --gold "$tmp/none" --pred "$tmp"

# A split of two articles, written here.
mkdir -p "$tmp/split/text" "$tmp/split/attributions" "$tmp/pred"
printf 'Smith said taxes will rise. Jones told reporters that the plan failed.\n' >"$tmp/split/text/a.txt"
printf 'The mayor denied it.\n' >"$tmp/split/text/b.txt"
printf 'T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 26\ttaxes will rise\nT4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\nT5\tSource 28 33\tJones\nT6\tCue 34 38\ttold\nT7\tContent 49 69\tthat the plan failed\nT8\tAttribution 34 38\ttold\nE2\tAttribution:T8 Source:T5 Cue:T6 Content:T7\n' >"$tmp/split/attributions/a_x1.ann"
# A second annotator of a: not the gold (the first by name is).
printf 'T1\tCue 6 10\tsaid\nT2\tAttribution-no-source 6 10\tsaid\nE1\tAttribution-no-source:T2 Cue:T1\n' >"$tmp/split/attributions/a_x2.ann"
printf 'T1\tSource 0 9\tThe mayor\nT2\tCue 10 16\tdenied\nT3\tContent 17 19\tit\nT4\tAttribution 10 16\tdenied\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n' >"$tmp/split/attributions/b_x1.ann"
# Predictions: a has its first attribution exact, its second's content cut to 3 of 4 words.
printf 'T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 27\ttaxes will rise.\nT4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\nT5\tSource 28 33\tJones\nT6\tCue 34 38\ttold\nT7\tContent 54 69\tthe plan failed\nT8\tAttribution 34 38\ttold\nE2\tAttribution:T8 Source:T5 Cue:T6 Content:T7\n' >"$tmp/pred/a.ann"

expect "without --pred: claimtrace's own extraction" 0 "predictions: claimtrace's own extraction" -- "$bin" eval attribution --gold "$tmp/split"
expect "gold against itself" 0 "^attribution  *100.00 100.00 100.00       3       3       3" -- "$bin" eval attribution --gold "$tmp/split" --pred "$tmp/split"
expect "missing prediction: partial" 1 "b: no prediction in" -- "$bin" eval attribution --gold "$tmp/split" --pred "$tmp/pred"
expect "missing prediction: scores the rest" 1 "^content      exact     50.00  50.00  50.00       2       2       1" -- "$bin" eval attribution --gold "$tmp/split" --pred "$tmp/pred"
printf 'T1\tCue 10 16\tdenied\nE1\tAttribution:T9 Cue:T1\n' >"$tmp/pred/b.ann"
expect "malformed prediction named" 1 "pred/b.ann:2: T9 is not defined; article skipped" -- "$bin" eval attribution --gold "$tmp/split" --pred "$tmp/pred"
printf 'T1\tSource 0 9\tThe mayor\nT2\tCue 10 16\tdenied\nT4\tAttribution 10 16\tdenied\nE1\tAttribution:T4 Source:T1 Cue:T2\n' >"$tmp/pred/b.ann"
expect "content overlap: 2 of 3 found" 0 "^content      overlap  100.00  66.67  80.00       3       2       2" -- "$bin" eval attribution --gold "$tmp/split" --pred "$tmp/pred"
expect "attribution 2 of 3" 0 '^attribution  *66.67  66.67  66.67       3       3       2' -- "$bin" eval attribution --gold "$tmp/split" --pred "$tmp/pred"
expect "json" 0 '"attribution":{"precision":0.6667,"recall":0.6667,"f1":0.6667,"gold":3,"pred":3,"match":2}}' -- "$bin" eval attribution --gold "$tmp/split" --pred "$tmp/pred" --format json
if command -v python3 >/dev/null; then
	expect "json parses" 0 "^3$" -- sh -c "'$bin' eval attribution -g '$tmp/split' -p '$tmp/pred' -f json | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"roles\"][\"cue\"][\"exact\"][\"gold\"])'"
fi

# ---- eval story, train statement, eval emergent: on data written here ----
cat >"$tmp/bodies.csv" <<'CSV'
Body ID,articleBody
1,"The mayor of Port Vell resigned on Monday after the flood inquiry, her office said. She had led the city for ten years."
2,"Port Vell's mayor resigned on Monday, the city council confirmed. The mayor resigned after the flood inquiry found failures."
3,"The mayor resigned after the flood inquiry. Council members said the mayor resigned on Monday evening."
4,"Reports that the mayor of Port Vell resigned are false, her office said. The mayor did not resign and will stay in office."
5,"The mayor has not resigned, despite reports that she resigned on Monday. Her spokesman called the reports a hoax."
CSV
cat >"$tmp/stances.csv" <<'CSV'
Headline,Body ID,Stance
Port Vell mayor resigns after flood inquiry,1,agree
Port Vell mayor resigns after flood inquiry,2,agree
Port Vell mayor resigns after flood inquiry,3,agree
Port Vell mayor resigns after flood inquiry,4,disagree
Port Vell mayor resigns after flood inquiry,5,disagree
CSV
expect "eval story: no input is a usage error" 2 "--fnc DIR" -- "$bin" eval story
expect "eval story: bad --stories" 2 "holdout, training or all" -- "$bin" eval story --fnc x --stories some
expect "eval story: a story written here, scored" 0 "contested-story recall: .* of 1)" -- \
	"$bin" eval story --bodies "$tmp/bodies.csv" --stances "$tmp/stances.csv" --stories all -q
expect "eval story --claim --list: a line per story" 0 "^1  *5 bodies  3+  2-" -- \
	"$bin" eval story --bodies "$tmp/bodies.csv" --stances "$tmp/stances.csv" --stories all --claim --list -q
expect "eval story: a missing file is fatal, named" 3 "nothere.csv" -- \
	"$bin" eval story --bodies "$tmp/nothere.csv" --stances "$tmp/stances.csv"
cat >"$tmp/emergent.csv" <<'CSV'
claimId,claim,articleId,articleHeadline,stance,outlet,url
c1,The mayor of Port Vell resigned,a1,Port Vell mayor resigns after flood inquiry,for,ledger,http://example.org/1
c1,The mayor of Port Vell resigned,a2,Mayor resignation reports are a hoax,against,watch,http://example.org/2
c1,The mayor of Port Vell resigned,a3,Has the Port Vell mayor resigned?,observing,daily,http://example.org/3
c2,A spider lived under a man's skin,a4,Spider lived under man's skin for three days,for,ledger,http://example.org/4
c2,A spider lived under a man's skin,a5,Experts debunk the skin spider story,against,watch,http://example.org/5
c2,A spider lived under a man's skin,a6,Man reportedly had spider under his skin,observing,daily,http://example.org/6
c3,The bridge closed for repairs,a7,Bridge closed for repairs,for,ledger,http://example.org/7
c3,The bridge closed for repairs,a8,City denies the bridge closed,against,watch,http://example.org/8
c3,The bridge closed for repairs,a9,Bridge may close for repairs,observing,daily,http://example.org/9
CSV
expect "train statement: cross-validated and written" 0 "accuracy: " -- \
	"$bin" train statement --emergent "$tmp/emergent.csv" --folds 3 --out "$tmp/st.model"
expect "train statement: the same data, the same bytes" 0 "" -- bash -c \
	"'$bin' train statement --emergent '$tmp/emergent.csv' --out '$tmp/st2.model' && cmp '$tmp/st.model' '$tmp/st2.model'"
expect "eval emergent: the claims traced, scored" 0 "3 claims, 9 headlines traced" -- \
	"$bin" eval emergent --emergent "$tmp/emergent.csv" --statement-model "$tmp/st.model" -q
printf 'claimId,claim\nc1,x\n' >"$tmp/badem.csv"
expect "train statement: a file without the columns, named" 3 "badem.csv:1: no \"articleId\" column" -- \
	"$bin" train statement --emergent "$tmp/badem.csv" --out "$tmp/x.model"
printf 'not a model' >"$tmp/bad.model"
expect "eval emergent: a corrupt statement model, named" 3 "bad.model: not a claimtrace statement model" -- \
	"$bin" eval emergent --emergent "$tmp/emergent.csv" --statement-model "$tmp/bad.model"

dev="$corpus/polnear/dev"
if [ -d "$dev/attributions" ]; then
	out=$("$bin" eval attribution --gold "$dev" --pred "$dev" 2>&1)
	rc=$?
	rows=$(printf '%s\n' "$out" | grep -c ' 100.00 100.00 100.00 ')
	if [ $rc -eq 0 ] && [ "$rows" -eq 7 ] && printf '%s\n' "$out" | grep -q '84 scored, 0 skipped'; then
		ok "PolNeAR dev gold against itself: 100 everywhere"
	else
		bad "PolNeAR dev gold against itself (exit $rc): $out"
	fi
else
	echo "skip: PolNeAR dev gold against itself (no $dev)"
fi
echo "$pass passed, $fail failed"
