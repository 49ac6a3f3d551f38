#!/usr/bin/env bash
# `claimtrace story`: the bundled examples, every output format, and — when
# ../shared/corpus is present — the acceptance items of the reference story
# (corpus/seeds), checked on the JSON output with jq.
set -u
. "$(dirname "$0")/lib.bash"

# ---- the bundled examples -------------------------------------------------
"$bin" story -j 1 examples >"$tmp/ex.txt" 2>"$tmp/ex.err"
check "examples: exit 0" test $? -eq 0
check "examples: the claims, central first" grep -q '^== CLAIMS (the central claim first)' "$tmp/ex.txt"
check "examples: a quotation cited keeps its own marks, not wrapped again" \
	bash -c "grep -q ': \"' '$tmp/ex.txt' && ! grep -q ': \"\"' '$tmp/ex.txt'"
check "examples: the refused offer is the central claim, a conflict" \
	grep -qE '^\[c1\] .*rejected an offer from neighbouring Vesta.*   <conflict>$' "$tmp/ex.txt"
check "examples: Lindqvist backs it" grep -q '^    + Ada Lindqvist asserts' "$tmp/ex.txt"
check "examples: the denial sits on the other side" grep -q '^    - Vesta denies' "$tmp/ex.txt"
check "examples: a hypothesis takes no side" grep -q '^    ~ Marta Quist reports (say) \[may\]' "$tmp/ex.txt"
check "examples: the outlet of the wire copy is its id, and it says so" grep -q 'wire (article id; no outlet given)' "$tmp/ex.txt"
check "examples: Coastal Ledger leads with the refusal" grep -q 'leads with \[c1\] Norland.s prime minister' "$tmp/ex.txt"
check "examples: 'last month' is February" grep -q '^2025-02 .*(month).*fisheries meeting' "$tmp/ex.txt"
check "examples: 'inevitable' cooperation against 'will not coordinate' is a conflict" \
	grep -qE '^\[c[0-9]\] .*cooperation between the two navies was inevitable.*<conflict>' "$tmp/ex.txt"
check "examples: the wire's denial joins the claim across articles" grep -q '^    - Vesta denies (deny) — wire' "$tmp/ex.txt"
check "examples: Harbour Watch doubts the offer" grep -q '^    ? Harbour Watch questions — harbor-03' "$tmp/ex.txt"
check "examples: the conflict says who stands against whom" \
	bash -c "grep -A2 '^  \[c1\]' '$tmp/ex.txt' | grep -q '^      for: .*Ada Lindqvist' && grep -A2 '^  \[c1\]' '$tmp/ex.txt' | grep -q '^      against: Vesta'"
check "examples: articles take sides" grep -q '^  articles (from their statements, or a model.s reading of them):' "$tmp/ex.txt"
check "examples: no dateline or date marker is a claim" bash -c "! grep -qE '^\[c[0-9]+\] (date |KAMARI)' '$tmp/ex.txt'"
check "examples: counts agree with their nouns" bash -c "grep -q '^STORY MAP: 4 articles' '$tmp/ex.txt' && ! grep -qE '(^|[^0-9])1 (articles|statements|claims)' '$tmp/ex.txt'"
"$bin" story -j 2 examples >"$tmp/ex2.txt" 2>/dev/null
check "examples: two threads give the same map" cmp -s "$tmp/ex.txt" "$tmp/ex2.txt"
for f in json markdown html; do
	"$bin" story -f "$f" -o "$tmp/ex.$f" examples 2>/dev/null
	check "examples: --format $f writes a file" test -s "$tmp/ex.$f"
done
check "html: one page, nothing fetched" bash -c "! grep -qiE '<script|<link|<img|<iframe|src=|href=\"https?:|url\\(' '$tmp/ex.html'"
check "html: a timeline picture" grep -q '<svg' "$tmp/ex.html"
check "html: statements link to their sentences" grep -q 'href="#a0-s' "$tmp/ex.html"
check "markdown: headings" grep -q '^## Conflicts' "$tmp/ex.markdown"
"$bin" story -f pdf examples >/dev/null 2>&1
check "unknown format: usage error" test $? -eq 2
"$bin" story >/dev/null 2>&1
check "no files: usage error" test $? -eq 2
"$bin" story examples "$tmp/missing.txt" >"$tmp/part.txt" 2>"$tmp/part.err"
check "a missing file: exit 1, the rest mapped" bash -c "test $? -eq 1 && grep -q CONFLICTS '$tmp/part.txt' && grep -q missing.txt '$tmp/part.err'"

# wire reprints through the binary: a trimmed copy of the wire story,
# carried by another paper, is linked to it and its statements count once,
# listing both outlets (docs/reprints.md); another paper's own article is no copy
cat >"$tmp/pier.jsonl" <<'JSONL'
{"id": "trim", "outlet": "Daily Bugle", "published": "2014-09-17", "text": "PORT ELLIS - The harbour authority of Port Ellis closed the northern pier on Tuesday after inspectors found cracks in three of its concrete pillars, officials said.\n\nHarbour master Lena Okafor said the pier would stay shut for at least two weeks while engineers assessed the damage. \"We are not taking any chances with the safety of dock workers,\" she told reporters at the harbour office.\n\nAbout forty fishing boats that normally unload at the northern pier were sent to the southern basin, where space is limited during the autumn season."}
{"id": "wire", "outlet": "Wire Service", "published": "2014-09-16", "text": "PORT ELLIS (Wire) - The harbour authority of Port Ellis closed the northern pier on Tuesday after inspectors found cracks in three of its concrete pillars, officials said.\n\nHarbour master Lena Okafor said the pier would stay shut for at least two weeks while engineers assessed the damage. \"We are not taking any chances with the safety of dock workers,\" she told reporters at the harbour office.\n\nAbout forty fishing boats that normally unload at the northern pier were sent to the southern basin, where space is limited during the autumn season.\n\nThe fishermen's union said its members would lose money every day the pier stayed closed and asked the city for compensation.\n\nMayor Anton Vitek said the council would meet on Friday to discuss emergency funding for the repairs."}
{"id": "own", "outlet": "Harbour Times", "published": "2014-09-17", "text": "Cracked pillars have forced the closure of the northern pier in Port Ellis, leaving dozens of fishing crews scrambling for a place to land their catch.\n\nLena Okafor, who runs the harbour, said the pier would stay shut for two weeks while engineers assessed the damage.\n\nUnion leaders want the city to pay for lost days."}
JSONL
"$bin" story -f json -j 2 "$tmp/pier.jsonl" >"$tmp/pier.json" 2>/dev/null
check "reprints: exit 0" test $? -eq 0
check "reprints: the trim reprints the earlier wire copy, the other paper's article nothing" \
	jq -e '[.articles[] | {(.id): .reprint_of}] | add == {"trim": "wire", "wire": null, "own": null}' "$tmp/pier.json"
check "reprints: a claim's statement carried by both outlets, none of the trim's counted" \
	jq -e '[.claims[].statements[]] | (map(select(.carried_by == ["Wire Service", "Daily Bugle"])) | length >= 1) and
		(map(select(.article == "trim")) | length == 0)' "$tmp/pier.json"
check "reprints: the trim's stance listed as a reprint's, not in the counts" \
	jq -e '[.claims[] | ([.article_stances[] | select(.reprint_of == null)] | length) == ([.article_sides[]] | add)] | all' "$tmp/pier.json"
"$bin" story -j 2 "$tmp/pier.jsonl" >"$tmp/pier.txt" 2>/dev/null
check "reprints: the text names both outlets" grep -q 'carried by Wire Service, Daily Bugle' "$tmp/pier.txt"

# article stances: from statements or the models; --no-stance; the models'
# files; --claim. A story written for the test: a and b tell the offer's
# two sides, c names both parties and says nothing on it, d names one.
cat >"$tmp/flood.jsonl" <<'JSONL'
{"id": "a", "outlet": "Daily A", "published": "2024-05-02", "text": "Arland Says It Refused Borvian Offer\n\nArland's prime minister, Ines Moro, said on Tuesday that she had refused an offer from Borvia to send engineers after the flood in Port Vell.\n\n\"We thanked them and said no,\" Moro told reporters."}
{"id": "b", "outlet": "Daily B", "published": "2024-05-03", "text": "Borvia Denies Making Any Offer\n\nBorvia's foreign ministry denied on Wednesday that it had offered engineers to Arland. \"No offer was made,\" spokesman Karel Dunn said."}
{"id": "c", "outlet": "Daily C", "published": "2024-05-04", "text": "Flood Row Between Arland and Borvia Grows\n\nThe quarrel between Arland and Borvia over the engineers has drawn more attention than the flood itself. Prime minister Ines Moro and the Borvian foreign ministry tell different stories about the engineers, and the record of the telephone call between the two capitals has not been published."}
{"id": "d", "outlet": "Daily D", "published": "2024-05-04", "text": "Port Vell Counts the Cost\n\nThe flood in Port Vell has closed the harbour for a week, and the quarrel over the engineers goes on. Arland's insurers expect claims to pass last year's record."}
JSONL
"$bin" story -j 1 "$tmp/flood.jsonl" >"$tmp/fl.txt" 2>"$tmp/fl.err"
check "flood: exit 0" test $? -eq 0
check "flood: the offer is the central claim" grep -qE '^\[c1\] .*refused an offer from Borvia.*<conflict>' "$tmp/fl.txt"
check "flood: a asserts it, b denies it" bash -c "grep -q '^    + Daily A (a) asserts' '$tmp/fl.txt' && grep -q '^    - Daily B (b) denies' '$tmp/fl.txt'"
check "flood: a model's reading says so, with its confidence" grep -qE '— the stance model, confidence (0\.[0-9]{2}|1\.00)$' "$tmp/fl.txt"
"$bin" story -j 1 --no-stance "$tmp/flood.jsonl" >"$tmp/ns.txt" 2>"$tmp/ns.err"
check "--no-stance: exit 0, no model readings" bash -c "test $? -eq 0 && ! grep -q 'the stance model, confidence' '$tmp/ns.txt' && ! grep -q 'read against the claim' '$tmp/ns.txt'"
check "--no-stance: the statements are the same" \
	bash -c "diff <(grep -E '^    [-+?~] [^(]* (asserts|denies|questions|reports) \(' '$tmp/fl.txt') <(grep -E '^    [-+?~] [^(]* (asserts|denies|questions|reports) \(' '$tmp/ns.txt') >/dev/null"
"$bin" story -j 2 "$tmp/flood.jsonl" >"$tmp/fl2.txt" 2>/dev/null
check "flood: two threads give the same map" cmp -s "$tmp/fl.txt" "$tmp/fl2.txt"
"$bin" story -j 1 --claim "Borvia offered to send engineers to Arland" "$tmp/flood.jsonl" >"$tmp/cl.txt" 2>/dev/null
check "--claim: listed first, marked given" grep -qE '^\[c1\] Borvia offered to send engineers to Arland   <given>' "$tmp/cl.txt"
check "--claim: a asserts it, b denies it" bash -c "grep -A30 '^\[c1\]' '$tmp/cl.txt' | grep -q '^    + Daily A (a) asserts' && grep -A30 '^\[c1\]' '$tmp/cl.txt' | grep -q '^    - Daily B (b) denies'"
"$bin" story --claim "" "$tmp/flood.jsonl" >/dev/null 2>&1
check "--claim with no text: usage error" test $? -eq 2
"$bin" story --stance-model "$tmp/none.model" examples >/dev/null 2>"$tmp/sm.err"
check "--stance-model FILE that is missing: exit 3, named" bash -c "test $? -eq 3 && grep -q 'none.model' '$tmp/sm.err'"
printf 'not a model' >"$tmp/bad.model"
"$bin" story --stance-model "$tmp/bad.model" examples >/dev/null 2>"$tmp/sm.err"
check "--stance-model FILE that is corrupt: exit 3, one line with the reason" \
	bash -c "test $? -eq 3 && test \$(wc -l <'$tmp/sm.err') -eq 1 && grep -q 'bad.model: not a claimtrace stance model' '$tmp/sm.err'"
"$bin" story --statement-model "$tmp/bad.model" examples >/dev/null 2>"$tmp/sm.err"
check "--statement-model FILE that is corrupt: exit 3, one line with the reason" \
	bash -c "test $? -eq 3 && test \$(wc -l <'$tmp/sm.err') -eq 1 && grep -q 'bad.model: not a claimtrace statement model' '$tmp/sm.err'"
mkdir -p "$tmp/data"
cp "${CLAIMTRACE_DATA:-data}"/*.txt "${CLAIMTRACE_DATA:-data}"/attribution.model "$tmp/data/"
"$bin" story -j 1 --data "$tmp/data" "$tmp/flood.jsonl" >"$tmp/nm.txt" 2>"$tmp/nm.err"
check "no models in --data: exit 0, one warning naming each" \
	bash -c "test $? -eq 0 && test \$(wc -l <'$tmp/nm.err') -eq 2 && grep -q 'warning: .*data/stance.model' '$tmp/nm.err' && grep -q 'warning: .*data/statement.model' '$tmp/nm.err'"
check "no models in --data: the map of --no-stance" cmp -s "$tmp/nm.txt" "$tmp/ns.txt"
"$bin" story -q --data "$tmp/data" examples >/dev/null 2>"$tmp/nm.err"
check "no models, -q: no warning" test ! -s "$tmp/nm.err"
"$bin" story --stance-confidence 1.5 examples >/dev/null 2>&1
check "--stance-confidence above 1: usage error" test $? -eq 2
"$bin" story -j 1 --stance-confidence 0 "$tmp/flood.jsonl" examples >"$tmp/c0.txt" 2>/dev/null
"$bin" story -j 1 --stance-confidence 0.99 "$tmp/flood.jsonl" examples >"$tmp/c9.txt" 2>/dev/null
check "--stance-confidence: a higher floor keeps no more of the models' readings" \
	test "$(grep -c 'the stance model, confidence' "$tmp/c9.txt")" -le "$(grep -c 'the stance model, confidence' "$tmp/c0.txt")"

# one long paragraph of attributed sentences: linear, not quadratic
s='Iran said the US will not cooperate with Iraq, but such talks happened on Monday. "We deny the reports on cooperation," according to Egypt. '
for _ in $(seq 1500); do printf '%s' "$s"; done >"$tmp/long.txt"
timeout 120 "$bin" story -q -f json -o "$tmp/long.json" "$tmp/long.txt"
check "one 200 KB paragraph: mapped in time" test $? -eq 0

if ! command -v jq >/dev/null; then
	echo "skip: JSON checks (no jq)"
	finish
	exit 0
fi
jq -e '.articles | length == 4' "$tmp/ex.json" >/dev/null
check "examples json: four articles" test $? -eq 0
jq -e '[.articles[] | select(.outlet_from == "id")] | length == 1' "$tmp/ex.json" >/dev/null
check "examples json: one outlet stands in by id" test $? -eq 0

# article stances in the JSON: one per article that speaks to a claim,
# well formed, the statements they rest on in their claim
stances_ok() { # FILE
	jq -e '[.claims[] | . as $c | .article_stances[] |
		(.stance | IN("asserts", "denies", "questions", "reports")) and (.from | IN("statements", "sentences", "model")) and
		(.confidence > 0 and .confidence <= 1) and ([.statements[] | . < ($c.statements | length)] | all) and
		(.article as $a | [$c.statements[.statements[]] | .article == $a] | all)] | all' "$1" >/dev/null &&
	# "from": "statements" only where its statements give that stance (a
	# model's reading of them is "sentences" or "model")
	jq -e '[.claims[] | . as $c | .article_stances[] | select(.from == "statements" and (has("reprint_of") | not)) |
		[$c.statements[.statements[]].stance] as $ss |
		if .stance == "denies" then ($ss | index("denies")) != null
		elif .stance == "questions" then ($ss | index("questions")) != null
		elif .stance == "asserts" then ($ss | index("asserts")) != null or ($ss | index("reports")) != null
		else true end] | all' "$1" >/dev/null
}
"$bin" story -f json "$tmp/flood.jsonl" >"$tmp/fl.json" 2>/dev/null
check "flood json: article stances well formed, in their place" stances_ok "$tmp/fl.json"
jq -e '.claims[0].sides | (.for.speakers | index("Ines Moro")) and (.against.speakers | length >= 1) and (.against.outlets | index("Daily B"))' "$tmp/fl.json" >/dev/null
check "flood json: sides name the speakers and outlets on each" test $? -eq 0
jq -e '[.claims[0].article_stances[] | .article] | (. == unique) and (length >= 2)' "$tmp/fl.json" >/dev/null
check "flood json: one stance per article" test $? -eq 0
jq -e '.stance_model.article_stances == ([.claims[].article_stances[] | select(.from == "model")] | length)' "$tmp/fl.json" >/dev/null
check "flood json: the model's readings are counted" test $? -eq 0
jq -e '[.claims[] | .stance_headline | strings] | length >= 1' "$tmp/fl.json" >/dev/null
check "flood json: the headline the model read is given" test $? -eq 0
"$bin" story -f json --no-stance "$tmp/flood.jsonl" >"$tmp/ns.json" 2>/dev/null
jq -e '.stance_model == null and ([.claims[].article_stances[] | select(.from == "model")] | length == 0)' "$tmp/ns.json" >/dev/null
check "flood json --no-stance: stance_model null, no model readings" test $? -eq 0
jq -e --slurpfile ns "$tmp/ns.json" '([.claims[] | {summary, statements}] | sort_by(.summary)) ==
	($ns[0] | [.claims[] | {summary, statements}] | sort_by(.summary))' "$tmp/fl.json" >/dev/null
check "flood json: the models change no statement" test $? -eq 0
"$bin" story -f json -j 2 "$tmp/flood.jsonl" >"$tmp/fl2.json" 2>/dev/null
check "flood json: two threads give the same map" cmp -s "$tmp/fl.json" "$tmp/fl2.json"
"$bin" story -f json --claim "Borvia offered to send engineers to Arland" "$tmp/flood.jsonl" >"$tmp/cl.json" 2>/dev/null
jq -e '(.claims[0].given == true) and (.claims[1:] | map(.given) | any | not) and (.claims[0].article_stances | length >= 3)' "$tmp/cl.json" >/dev/null
check "flood json --claim: given first, with the articles' stances" test $? -eq 0
check "examples json: article stances in their place" stances_ok "$tmp/ex.json"

seeds="${CORPUS:-}/seeds"
if [ ! -d "$seeds" ]; then
	echo "skip: reference story checks (no ../shared/corpus)"
	finish
	exit 0
fi

# ---- the reference story (acceptance) --------------------------------------
"$bin" story -f json "$seeds" >"$tmp/s.json" 2>/dev/null
q() { jq -e "$1" "$tmp/s.json" >/dev/null; }
check "seeds: exit 0, valid JSON" q '.claims | length > 0'
# each claim is found by a statement a careful reader files under it
claim_of() { printf '(.claims[] | select([.statements[] | select(.speaker_name == "%s" and (.clause | test("%s")))] | length > 0))' "$1" "$2"; }
a=$(claim_of "Jen Psaki" "no record of the US requesting")
b=$(claim_of "Marie Harf" "such conversations had taken place")
c=$(claim_of "Jen Psaki" "will not coordinate")

# (a) the US asked Iran to cooperate against IS and Khamenei refused
check "(a) the request and the refusal are one claim, a conflict, the central one" \
	q "[$a] | length == 1 and (.[0] | .conflict and .id == \"c1\" and ([.statements[] | select(.event.refused == true)] | length >= 1))"
check "(a) backed by Khamenei's statements in at least four of the five articles" \
	q "[$a | .statements[] | select(.speaker_name == \"Ali Khamenei\" and .stance == \"asserts\") | .article] | unique | length >= 4"
check "(a) denied or doubted by the State Department side" \
	q "[$a | .statements[] | select((.speaker_name | test(\"Psaki|Harf|Kerry|State Department\")) and (.stance == \"denies\" or .stance == \"questions\"))] | length >= 1"
check "(a) doubted by the outlets that call the context unclear" \
	q "[$a | .statements[] | select(.stance == \"questions\" and (.clause | test(\"unclear|less clear|difficult to explain\"))) | .article] | unique | length >= 2"

# (b) US and Iranian officials discussed IS on the sidelines of the nuclear talks
for who in "Jen Psaki" "Marie Harf" "John Kerry"; do
	check "(b) asserted by $who" q "[$b | .statements[] | select(.speaker_name == \"$who\" and .stance == \"asserts\")] | length >= 1"
done
check "(b) denied from the Iranian side" \
	q "[$b | .statements[] | select((.speaker_name | test(\"Iran\")) and .stance == \"denies\")] | length >= 1"
check "(b) a conflict of its own" q "([$a][0].id) as \$aid | [$b] | length == 1 and .[0].conflict and .[0].id != \$aid"

# (c) the US is not and will not coordinate militarily with Iran — against "inevitable"
check "(c) denied by the US side (Psaki, Kerry)" \
	q "[$c | .statements[] | select((.speaker_name | test(\"Psaki|Kerry\")) and .stance == \"denies\") | .speaker_name] | unique | length >= 2"
check "(c) \"will not coordinate\" is in it, future" \
	q "[$c | .statements[] | select(.stance == \"denies\" and .modality == \"future\" and (.clause | test(\"will not coordinate\")))] | length >= 1"
check "(c) set against the voices that call coordination inevitable" \
	q "[$c] | length == 1 and .[0].conflict and ([.[0].statements[] | select(.stance == \"asserts\" and (.text | test(\"inevitable\")))] | length >= 1)"

# the timeline
tl() { q "[.timeline[] | select($1)] | length >= 1"; }
check "timeline: the June Vienna talks (2014-06)" tl '.date == "2014-06" and ([.statements[].clause] | join(" ") | test("Vienna"))'
check "timeline: Khamenei's statements on 15 September 2014" tl '.date == "2014-09-15" and ([.statements[].speaker_name] | index("Ali Khamenei"))'
check "timeline: the Paris conference on 15 September 2014" tl '.date == "2014-09-15" and ([.statements[].clause] | join(" ") | test("Paris"))'
check "timeline: the Muscat meeting on 10 November 2014" tl '.date == "2014-11-10" and ([.statements[].clause] | join(" ") | test("Muscat"))'
check "timeline: the late-November Vienna round" tl '(.date >= "2014-11-17" and .date <= "2014-11-30") and ([.statements[].clause] | join(" ") | test("Vienna"))'
check "timeline: the 3 December 2014 briefing" tl '.date == "2014-12-03" and ([.statements[].speaker_name] | index("Marie Harf"))'
check "timeline: in date order" q '[.timeline[].date] as $d | $d == ($d | sort)'

# entities across articles
check "entities: Khamenei under his names" q '[.entities[] | select(.name == "Ali Khamenei") | .aliases[]] | (index("Ayatollah Seyed Ali Khamenei") and index("Khamenei"))'
check "entities: Paski is Psaki" q '[.entities[] | select(.name == "Jen Psaki") | .aliases[]] | index("Jen Paski")'
check "entities: IS, ISIS, ISIL are one" q '[.entities[] | select(.name == "Islamic State") | .aliases[]] | (index("ISIS") and index("ISIL") and index("IS"))'
check "entities: Cordesman and Codesman are one" q '[.entities[] | select(.name == "Anthony Cordesman") | .aliases[]] | index("Codesman")'
check "outlets: none given, the article ids stand in" q '[.articles[] | select(.outlet_from == "id")] | length == 5'

# article stances on the seeds: in their place; what they are is printed
# (docs/story.md says what a careful reader makes of them)
check "seeds: article stances well formed, in their place" stances_ok "$tmp/s.json"
echo "seeds: article stances on the first three claims:"
jq -r '.claims[0:3][] | .id as $id | .article_stances[] | "  \($id): \(.article[0:3]) \(.stance) (\(.from), \(.confidence))"' "$tmp/s.json"
"$bin" story -f json -j 1 "$seeds" >"$tmp/s1.json" 2>/dev/null
check "seeds: one thread gives the same map" cmp -s "$tmp/s.json" "$tmp/s1.json"

"$bin" story -f html "$seeds" >"$tmp/s.html" 2>/dev/null
check "seeds html: every cited sentence is in the page" bash -c "grep -o 'href=\"#a[0-9]*-s[0-9]*\"' '$tmp/s.html' | sed 's/href=\"#//; s/\"//' | sort -u | while read -r id; do grep -q \"id=\\\"\$id\\\"\" '$tmp/s.html' || exit 1; done"
finish
