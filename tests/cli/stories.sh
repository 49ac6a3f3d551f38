#!/usr/bin/env bash
# `claimtrace stories`: articles grouped into stories — the bundled
# examples (one story), articles written here on two stories, the formats,
# thread independence, bad options, and — when ../shared/corpus is
# present — `eval stories` on FNC-1's training bodies above a floor.
set -u
. "$(dirname "$0")/lib.bash"

# ---- the bundled examples: four articles on one story ----------------------
"$bin" stories -f jsonl -j 1 examples >"$tmp/ex.jsonl" 2>"$tmp/ex.err"
check "examples: exit 0" test $? -eq 0
check "examples: one story" test "$(wc -l <"$tmp/ex.jsonl")" -eq 1
check "examples: all four articles, in input order" \
	grep -q '"articles": \["harbor-01", "harbor-02", "harbor-03", "wire"\]' "$tmp/ex.jsonl"
check "examples: first and last publication dates" \
	grep -q '"first": "2025-03-11", "last": "2025-03-14"' "$tmp/ex.jsonl"
check "examples: outlets once each, in order" \
	grep -q '"outlets": \["Coastal Ledger", "Vesta Daily", "Harbour Watch"\]' "$tmp/ex.jsonl"
check "examples: the title is one of its articles' titles" \
	grep -qE '"title": "(Foreign Ministry: No Aid Offer Was Ever Made to Norland|Spill Row Obscures a Slow Cleanup|[^"]*Norland[^"]*)"' "$tmp/ex.jsonl"
"$bin" stories -j 1 examples >"$tmp/ex.txt"
check "examples: text names the story and its span" grep -q '^story 0: 4 articles, 2025-03-11 to 2025-03-14$' "$tmp/ex.txt"
check "examples: text lists the articles" grep -q '^  articles: harbor-01 harbor-02 harbor-03 wire$' "$tmp/ex.txt"

# ---- articles written here: two stories, and one that starts its own ----------
mkdir -p "$tmp/in"
cat >"$tmp/in/a1.txt" <<'T'
The Varnel bridge over the Osk river collapsed on Tuesday morning, sending two lorries into the water.
Rescue divers pulled four people from the river, the Haldor fire service said. Engineers had warned
last year that the bridge's steel cables were corroded.
T
cat >"$tmp/in/a2.txt" <<'T'
Ilsa Brandt, sixteen, won the Kestrel chess open on Sunday with a queen sacrifice in the final round.
Brandt beat the defending champion Oskar Lind in forty moves.
T
cat >"$tmp/in/a3.txt" <<'T'
Divers searched the Osk river for a missing lorry driver after the Varnel bridge gave way. The Haldor
fire service said four people were rescued from the water. Residents said the bridge's cables had been
rusting for years.
T
cat >"$tmp/in/a4.txt" <<'T'
A queen sacrifice by Ilsa Brandt decided the Kestrel chess open, as the sixteen-year-old beat Oskar
Lind, the defending champion, who resigned after forty moves.
T
cat >"$tmp/in/a5.txt" <<'T'
Apple growers in the Tamsel valley expect a record harvest after a mild spring, with heavy blossom
and few frosts reported across the orchards.
T
"$bin" stories -f jsonl -j 1 "$tmp/in" >"$tmp/two.jsonl"
check "written: three stories" test "$(wc -l <"$tmp/two.jsonl")" -eq 3
check "written: the bridge articles together" grep -q '"articles": \["a1", "a3"\]' "$tmp/two.jsonl"
check "written: the chess articles together" grep -q '"articles": \["a2", "a4"\]' "$tmp/two.jsonl"
check "written: the harvest alone" grep -q '"id": 2, "articles": \["a5"\]' "$tmp/two.jsonl"
check "written: no dates, null first and last" grep -q '"first": null, "last": null' "$tmp/two.jsonl"
"$bin" stories -f jsonl -j 2 "$tmp/in" >"$tmp/two-j2.jsonl"
check "written: the same with two threads" cmp -s "$tmp/two.jsonl" "$tmp/two-j2.jsonl"
"$bin" stories -f jsonl -t 5 "$tmp/in" >"$tmp/apart.jsonl"
check "threshold 5: every article a story" test "$(wc -l <"$tmp/apart.jsonl")" -eq 5
"$bin" stories -f jsonl -o "$tmp/out.jsonl" "$tmp/in"
check "--output writes the file" cmp -s "$tmp/two.jsonl" "$tmp/out.jsonl"

# ---- bad use --------------------------------------------------------------
"$bin" stories --db "$tmp/none.db" >/dev/null 2>"$tmp/err"; rc=$?
check "--db: an archive that is not there, exit 3" test $rc -eq 3
check "--db: says why" grep -q 'none.db: no such archive' "$tmp/err"
"$bin" stories --db "$tmp/none.db" examples >/dev/null 2>"$tmp/err"; rc=$?
check "--db: no input files with it, exit 2" bash -c "test $rc -eq 2 && grep -q -- '--db lists the archive' '$tmp/err'"
"$bin" ingest -q --db "$tmp/a.db" examples
"$bin" stories --db "$tmp/a.db" -f jsonl >"$tmp/db.jsonl" 2>"$tmp/err"
check "--db: the archive's story, its articles by date, outlets by count then name" \
	grep -q '^{"id": 1, "articles": \["harbor-01", "harbor-02", "wire", "harbor-03"\], "title": "[^"]*", "first": "2025-03-11", "last": "2025-03-14", "outlets": \["Coastal Ledger", "Harbour Watch", "Vesta Daily"\], "claim": "[^"]*", "claim_speaker": "[^"]*", "conflicts": [0-9]*}$' "$tmp/db.jsonl"
"$bin" stories -f yaml examples >/dev/null 2>"$tmp/err"; rc=$?
check "unknown format: exit 2" test $rc -eq 2
"$bin" stories -t -1 examples >/dev/null 2>"$tmp/err"; rc=$?
check "threshold out of range: exit 2" test $rc -eq 2
"$bin" stories >/dev/null 2>"$tmp/err"; rc=$?
check "no inputs: exit 2" test $rc -eq 2
"$bin" stories "$tmp/none.txt" >/dev/null 2>"$tmp/err"; rc=$?
check "a missing input: exit 1, named" bash -c "[ $rc -eq 1 ] && grep -q none.txt '$tmp/err'"

# ---- eval stories on FNC-1's training bodies --------------------------------
# Floors under the scores measured at the shipped threshold (0.22, tuned on
# half A of seed 1): half A 0.952, half B 0.961, all bodies 0.894.
fnc=${CORPUS:-../shared/corpus}/fnc-1
if [ -f "$fnc/train_bodies.csv" ]; then
	"$bin" eval stories --fnc "$fnc" --no-tune >"$tmp/eval.txt" 2>&1
	check "eval stories: exit 0" test $? -eq 0
	f1() { awk -v w="$1" 'index($0, w) == 1 { for (i = 1; i <= NF; i++) if ($i == "F1") { print $(i + 1); exit } }' "$tmp/eval.txt"; }
	check "eval stories: half A BCubed F1 >= 0.945 ($(f1 'half A'))" awk -v f="$(f1 'half A')" 'BEGIN { exit !(f >= 0.945) }'
	check "eval stories: half B BCubed F1 >= 0.955 ($(f1 'half B'))" awk -v f="$(f1 'half B')" 'BEGIN { exit !(f >= 0.955) }'
	check "eval stories: all bodies BCubed F1 >= 0.89 ($(f1 'all bodies'))" awk -v f="$(f1 'all bodies')" 'BEGIN { exit !(f >= 0.89) }'
	check "eval stories: 1683 bodies, 191 gold stories" grep -q '^bodies: 1683, gold stories: 191' "$tmp/eval.txt"
else
	echo "skip: eval stories (no $fnc)"
fi
finish
