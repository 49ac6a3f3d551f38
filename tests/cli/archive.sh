#!/usr/bin/env bash
# The archive: `claimtrace ingest` and `claimtrace query` on the bundled
# examples and on articles made from them here; duplicates, a kill -9 at
# several moments of an ingest, and files that are not archives.
set -u
. "$(dirname "$0")/lib.bash"

db=$tmp/a.db
have_sqlite=1
command -v sqlite3 >/dev/null || { have_sqlite=0; echo "archive: sqlite3 is missing (tools/deps.sh --test installs it); the file checks skip"; }
sql() { sqlite3 -batch -noheader "$1" "$2"; }

# ---- ingest and duplicates --------------------------------------------------
"$bin" ingest -j 1 --db "$db" examples >"$tmp/in.out" 2>"$tmp/in.err"
check "ingest: exit 0" test $? -eq 0
check "ingest: says what it added" grep -q "a.db: 4 articles added, 0 already there, 0 failed; 4 in the archive, in 1 story (1 touched), 0 reprints linked in them" "$tmp/in.err"
"$bin" ingest -j 2 --db "$db" examples examples/story.jsonl >"$tmp/in2.out" 2>"$tmp/in2.err"
check "ingest again: exit 0" test $? -eq 0
check "ingest again: nothing added, every article a duplicate" \
	grep -q "a.db: 0 articles added, 7 already there, 0 failed; 4 in the archive, in 1 story (0 touched)" "$tmp/in2.err"
if [ $have_sqlite = 1 ]; then
	check "file: a claimtrace archive in WAL mode" test "$(sql "$db" 'PRAGMA journal_mode')" = wal
	check "file: schema version and application id" \
		test "$(sql "$db" 'PRAGMA user_version; PRAGMA application_id')" = "$(printf '5\n1129599555')"
	check "file: the articles with their metadata" \
		test "$(sql "$db" "SELECT name || '|' || outlet || '|' || published FROM articles WHERE name = 'harbor-02'")" = \
		"harbor-02|Vesta Daily|2025-03-12"
	check "file: entities, attributions and statements" \
		test "$(sql "$db" 'SELECT (SELECT count(*) FROM entities) > 5 AND (SELECT count(*) FROM attributions) > 5 AND (SELECT count(*) FROM statements) > 10')" = 1
	check "file: an attribution's spans index the article's text" \
		test "$(sql "$db" "SELECT substr(a.text, t.cue_off + 1, t.cue_len) FROM attributions t JOIN articles a ON a.id = t.article WHERE a.name = 'harbor-02' AND t.cue_lemma = 'deny' LIMIT 1")" = denied
	check "file: every statement's sentence is in its article" \
		test "$(sql "$db" 'SELECT count(*) FROM statements s JOIN articles a ON a.id = s.article WHERE s.sent_off + s.sent_len > length(CAST(a.text AS BLOB))')" = 0
fi

# ---- query ------------------------------------------------------------------
"$bin" query --db "$db" --speaker lindqvist >"$tmp/q.txt" 2>"$tmp/q.err"
check "query --speaker: exit 0" test $? -eq 0
check "query --speaker: a word of the name, any case" grep -q 'Ada Lindqvist (say, asserts) — Coastal Ledger \[harbor-01\]' "$tmp/q.txt"
check "query --speaker: no one else" bash -c "! grep -E '^[0-9-]{10}  ' '$tmp/q.txt' | grep -v 'Ada Lindqvist'"
check "query --speaker: a word is a whole word" test -z "$("$bin" query --db "$db" --speaker lindq)"
"$bin" query --db "$db" --about "cleanup ships" -f jsonl >"$tmp/q.jsonl"
check "query --about: every word, in JSONL" \
	bash -c "test -s '$tmp/q.jsonl' && ! grep -v '\"sentence\":\"[^\"]*cleanup' '$tmp/q.jsonl' && ! grep -vi 'ships' '$tmp/q.jsonl'"
check "query --about: a quotation mark or an operator is a word" \
	bash -c "'$bin' query --db '$db' --about 'NOT \"ships' >/dev/null"
"$bin" query --db "$db" --outlet "vesta daily" -f csv >"$tmp/q.csv"
check "query --outlet: any case, CSV with a header" \
	bash -c "head -1 '$tmp/q.csv' | grep -q '^statement,article,date,speaker,cue,stance,outlet,url,sentence$' && tail -n +2 '$tmp/q.csv' | grep -q 'Vesta Daily' && ! tail -n +2 '$tmp/q.csv' | grep -q 'Coastal Ledger'"
check "query --outlet: a sentence with a comma is one quoted field" grep -q ',"[^"]*,[^"]*"$' "$tmp/q.csv"
"$bin" query --db "$db" --since 2025-03-12 --until 2025-03-12 -f jsonl >"$tmp/q2.jsonl"
check "query --since/--until: only that day" \
	bash -c "test -s '$tmp/q2.jsonl' && ! grep -v '\"date\":\"2025-03-12\"' '$tmp/q2.jsonl'"
check "query --until: a month takes in the whole month" \
	test "$("$bin" query --db "$db" --until 2025-03 -f csv | wc -l)" -gt 10
check "query --limit: at most N" test "$("$bin" query --db "$db" --limit 2 -f jsonl | wc -l)" -eq 2
"$bin" query --db "$db" --since yesterday >/dev/null 2>"$tmp/qd.err"
check "query: a date that is not ISO is a usage error" \
	bash -c "test $? -eq 2 && grep -q \"a date is YYYY-MM-DD (or YYYY-MM, YYYY), not 'yesterday'\" '$tmp/qd.err'"

# ---- stories, reprints and a story's map from the archive --------------------
rdb=$tmp/r.db
"$bin" ingest -q -j 2 --db "$rdb" tests/archive/reprints.jsonl examples 2>"$tmp/r.err"
check "stories: ingest groups what it adds" test $? -eq 0
"$bin" reprints --db "$rdb" >"$tmp/rp.txt"
check "reprints: the trimmed copy is linked to the wire original" \
	bash -c "grep -A3 '^  original wire-original — Harbor Wire, 2025-04-01' '$tmp/rp.txt' | grep -q '^    reprint trimmed-copy — Daily Tide'"
check "reprints: so is the copy with a new top" grep -q '^    reprint new-top-copy — Bay Herald' "$tmp/rp.txt"
check "reprints: an article of the same story in its own words is no reprint" bash -c "! grep -q 'own-reporting' '$tmp/rp.txt'"
check "reprints: the evidence is a shared passage" grep -q '^      "PORT ALDER, April 1 - The port authority of Port Alder said' "$tmp/rp.txt"
"$bin" reprints --db "$rdb" -f jsonl >"$tmp/rp.jsonl"
check "reprints: JSONL with the passages as spans of both texts" \
	bash -c "test \$(wc -l <'$tmp/rp.jsonl') -eq 2 && grep -q '\"original\":\"wire-original\",\"original_outlet\":\"Harbor Wire\"' '$tmp/rp.jsonl' && grep -q '\"passages\":\[{\"original\":\[0,' '$tmp/rp.jsonl'"
if [ $have_sqlite = 1 ]; then
	check "stories: the port story, the school story, the spill story" \
		test "$(sql "$rdb" "SELECT group_concat(n, ',') FROM (SELECT count(*) n FROM placements GROUP BY story ORDER BY story)")" = "4,1,4"
	check "stories: the school board is a story of its own" \
		test "$(sql "$rdb" "SELECT count(*) FROM placements WHERE story = (SELECT story FROM placements JOIN articles ON id = article WHERE name = 'school-board')")" = 1
	spill=$(sql "$rdb" "SELECT story FROM placements JOIN articles ON id = article WHERE name = 'harbor-01'")
	"$bin" story --db "$rdb" --story "$spill" -f json >"$tmp/db.json" 2>/dev/null
	check "story --db: the map of a story of the archive" test $? -eq 0
	"$bin" story -f json examples >"$tmp/files.json" 2>/dev/null
	check "story --db: the same claims as the map of the files" \
		bash -c "diff <(grep -o '\"summary\":\"[^\"]*\"' '$tmp/db.json') <(grep -o '\"summary\":\"[^\"]*\"' '$tmp/files.json')"
	cp "$rdb" "$tmp/noparts.db"
	sql "$tmp/noparts.db" "UPDATE articles SET part = NULL"
	"$bin" story --db "$tmp/noparts.db" --story "$spill" -f json >"$tmp/rerun.json" 2>/dev/null
	check "story --db: articles kept without their part run again from their text, with their metadata" \
		bash -c "diff <(grep -o '\"summary\":\"[^\"]*\"\|\"outlet\":\"[^\"]*\"' '$tmp/db.json') <(grep -o '\"summary\":\"[^\"]*\"\|\"outlet\":\"[^\"]*\"' '$tmp/rerun.json')"
	port=$(sql "$rdb" "SELECT story FROM placements JOIN articles ON id = article WHERE name = 'wire-original'")
	"$bin" story --db "$rdb" --story "$port" >"$tmp/port.txt" 2>/dev/null
	check "story --db: a reprinted statement is counted once, its outlets listed" grep -q 'carried by' "$tmp/port.txt"
	# each story's summary (docs/store.md): its central claim is what the
	# map drawn from the statements alone ranks first
	"$bin" story --no-stance -f json examples >"$tmp/ns.json" 2>/dev/null
	if command -v jq >/dev/null; then
		check "summary: the central claim is the first claim of the map from the statements" \
			test "$(jq -r '.claims[0].summary' "$tmp/ns.json")" = "$(sql "$rdb" "SELECT claim FROM stories WHERE id = $spill")"
		check "summary: each outlet's side of the central claim, and whether it leads with it, as in the map" \
			test "$(jq -r '[.outlets[] | select(.from != "id") | "\(.name):\((.claims[] | select(.claim == "c1") | "\(.for):\(.against)") // "0:0"):\(if .leads_with.claim == "c1" then 1 else 0 end)"] | sort | join(",")' "$tmp/ns.json")" = \
			"$(sql "$rdb" "SELECT group_concat(k, ',') FROM (SELECT outlet || ':' || claim_for || ':' || claim_against || ':' || leads k FROM story_outlets WHERE story = $spill ORDER BY outlet)")"
		check "summary: the conflicts counted are the map's" \
			test "$(jq '[.claims[] | select(.conflict)] | length' "$tmp/ns.json")" = "$(sql "$rdb" "SELECT conflicts FROM stories WHERE id = $spill")"
	fi
	check "summary: statements counted by stance, as the statements table has them" \
		test "$(sql "$rdb" "SELECT group_concat(statements || '/' || asserts || '/' || denies, ',') FROM (SELECT * FROM stories ORDER BY id)")" = \
		"$(sql "$rdb" "SELECT group_concat(n, ',') FROM (SELECT count(t.id) || '/' || coalesce(sum(t.stance = 'asserts'), 0) || '/' || coalesce(sum(t.stance = 'denies'), 0) n FROM placements p LEFT JOIN statements t ON t.article = p.article AND t.noise = 0 GROUP BY p.story ORDER BY p.story)")"
	check "summary: every story's outlets, by articles" \
		test "$(sql "$rdb" "SELECT group_concat(story || ':' || outlet || ':' || articles, ',') FROM (SELECT * FROM story_outlets ORDER BY story, outlet)")" = \
		"$(sql "$rdb" "SELECT group_concat(k, ',') FROM (SELECT story || ':' || outlet || ':' || count(*) k FROM articles JOIN placements ON article = id WHERE outlet IS NOT NULL GROUP BY story, outlet ORDER BY story, outlet)")"
	check "summary: found for every story at its size" test "$(sql "$rdb" "SELECT count(*) FROM stories WHERE summarized IS NOT narticles")" = 0
	"$bin" stories --db "$rdb" -f jsonl >"$tmp/st.jsonl"
	check "stories --db: the central claim in the JSONL" grep -q '"claim": "' "$tmp/st.jsonl"
fi
"$bin" story --db "$rdb" --story 99 2>"$tmp/s99.err"
check "story --db: a story that is not there, one line" bash -c "test $? -eq 1 && grep -q 'r.db: no story 99 in the archive' '$tmp/s99.err'"
"$bin" story --db "$rdb" examples 2>"$tmp/s0.err"
check "story --db: no input files with it" bash -c "test $? -eq 2 && grep -q -- '--db draws a story of the archive' '$tmp/s0.err'"

# ---- files that are not archives -------------------------------------------
"$bin" query --db "$tmp/none.db" 2>"$tmp/e1"
check "a missing archive: one line, exit 3" \
	bash -c "test $? -eq 3 && test \$(wc -l <'$tmp/e1') -eq 1 && grep -q 'none.db: no such archive' '$tmp/e1' && test ! -e '$tmp/none.db'"
echo "plain text, not a database at all, but long enough to be read as a header by SQLite..........." >"$tmp/text.db"
"$bin" ingest --db "$tmp/text.db" examples 2>"$tmp/e2"
check "a text file: not a database, exit 3, untouched" \
	bash -c "test $? -eq 3 && grep -q 'text.db: .*not a database' '$tmp/e2' && grep -q '^plain text' '$tmp/text.db'"
if [ $have_sqlite = 1 ]; then
	sql "$tmp/other.db" "CREATE TABLE t(x); INSERT INTO t VALUES(1);"
	"$bin" ingest --db "$tmp/other.db" examples 2>"$tmp/e3"
	check "another program's database: refused by name, untouched" \
		bash -c "test $? -eq 3 && grep -q 'other.db: not a claimtrace archive' '$tmp/e3' && test \"\$(sqlite3 '$tmp/other.db' 'SELECT count(*) FROM sqlite_master')\" = 1"
	cp "$db" "$tmp/new.db"
	sql "$tmp/new.db" "PRAGMA user_version=99"
	"$bin" query --db "$tmp/new.db" 2>"$tmp/e4"
	check "a newer schema: refused, naming both versions" \
		bash -c "test $? -eq 3 && grep -q 'new.db: made by a newer claimtrace (archive schema 99; this one reads up to 5)' '$tmp/e4'"
fi
cp "$db" "$tmp/ro.db"
chmod 444 "$tmp/ro.db"
if [ ! -w "$tmp/ro.db" ]; then
	"$bin" ingest --db "$tmp/ro.db" examples 2>"$tmp/e5"
	check "a read-only archive: refused before any work" bash -c "test $? -eq 3 && grep -q 'ro.db: read-only file' '$tmp/e5'"
elif command -v setpriv >/dev/null; then # root writes anything: try as nobody
	chmod 755 "$tmp"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$bin" ingest --db "$tmp/ro.db" examples 2>"$tmp/e5"
	check "a read-only archive: refused before any work (as nobody)" \
		bash -c "test $? -eq 3 && grep -q 'ro.db: read-only file' '$tmp/e5' && cmp -s '$db' '$tmp/ro.db'"
else
	echo "archive: root writes a read-only file and setpriv is missing; the read-only check skips"
fi
"$bin" ingest examples 2>"$tmp/e6"
check "ingest without --db: usage error" bash -c "test $? -eq 2 && grep -q -- '--db FILE is required' '$tmp/e6'"

# ---- a kill -9 at several moments, then the same ingest again ---------------
# 600 articles made here from the examples, each text its own
"$bin" extract --until normalize examples >"$tmp/base.jsonl" 2>/dev/null
for i in $(seq 1 150); do
	sed -e "s/\"id\":\"\([^\"]*\)\"/\"id\":\"\1-$i\"/" -e "s/\"text\":\"/\"text\":\"Dispatch $i of the week. /" "$tmp/base.jsonl"
done >"$tmp/many.jsonl"
"$bin" ingest -q -j 2 --db "$tmp/whole.db" "$tmp/many.jsonl"
check "crash: the whole ingest in one go" test $? -eq 0
if [ $have_sqlite = 1 ]; then
	whole=$(sql "$tmp/whole.db" 'SELECT count(*), (SELECT count(*) FROM statements), (SELECT count(*) FROM entities) FROM articles')
	check "crash: 600 articles" test "${whole%%|*}" = 600
	for at in 0.3 0.9 1.6 2.5; do
		rm -f "$tmp"/k.db*
		"$bin" ingest -q -j 2 --batch 40 --db "$tmp/k.db" "$tmp/many.jsonl" &
		pid=$!
		sleep "$at"
		kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		partial=$(sql "$tmp/k.db" 'SELECT count(*) FROM articles' 2>/dev/null || echo none)
		check "crash: killed at ${at}s ($partial articles in): the file passes integrity_check" \
			test "$(sql "$tmp/k.db" 'PRAGMA integrity_check')" = ok
		"$bin" ingest -q -j 2 --db "$tmp/k.db" "$tmp/many.jsonl"
		check "crash: killed at ${at}s, the same ingest again: nothing lost, nothing doubled" \
			test "$(sql "$tmp/k.db" 'SELECT count(*), (SELECT count(*) FROM statements), (SELECT count(*) FROM entities) FROM articles')" = "$whole"
		check "crash: killed at ${at}s: each text once" \
			test "$(sql "$tmp/k.db" 'SELECT count(*) = count(DISTINCT hash) FROM articles')" = 1
	done
fi
finish
