#!/usr/bin/env bash
# The command line: help, usage errors, and bad input that must cost only
# itself — one line on stderr naming the file (and line) and the reason,
# every other article processed, exit 1 for a partial failure.
set -u
. "$(dirname "$0")/lib.bash"

run() { # run ARGS...: sets rc, out, err
	"$bin" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}
records() { grep -c '^{' "$tmp/out"; }

run --help; check "--help exits 0 and lists extract" test $rc -eq 0 -a -n "$(grep extract "$tmp/out")"
run --version; check "--version" test $rc -eq 0 -a -n "$(grep -E '^claimtrace [0-9]' "$tmp/out")"
run extract --help; check "extract --help" test $rc -eq 0 -a -n "$(grep -- --until "$tmp/out")"
run; check "no command: exit 2" test $rc -eq 2
run frobnicate; check "unknown command: exit 2" test $rc -eq 2
run extract --bogus x; check "unknown option: exit 2, named" test $rc -eq 2 -a -n "$(grep -- "--bogus" "$tmp/err")"
run extract; check "no files: exit 2" test $rc -eq 2
run extract --until nowhere x; check "bad stage: exit 2" test $rc -eq 2 -a -n "$(grep nowhere "$tmp/err")"
run extract --threads 0 x; check "bad thread count: exit 2" test $rc -eq 2
run extract --data /nonexistent examples; check "missing data dir: exit 3, named" test $rc -eq 3 -a -n "$(grep /nonexistent "$tmp/err")"
cp -r "$CLAIMTRACE_DATA" "$tmp/data"
printf 'abu\tprefix\n' >>"$tmp/data/tagger_words.txt"
n=$(wc -l <"$tmp/data/tagger_words.txt")
run extract --data "$tmp/data" examples
check "a data file's unknown class: exit 3, its file and line named" \
	test $rc -eq 3 -a -n "$(grep "tagger_words.txt:$n: unknown class" "$tmp/err")"
rm -r "$tmp/data"

good="$tmp/good.txt"
printf 'The minister said on Monday that talks would resume.\n' >"$good"

: >"$tmp/empty.txt"
run extract "$tmp/empty.txt" "$good"
check "empty file: exit 1" test $rc -eq 1
check "empty file: one line naming it" test "$(grep -c "empty.txt: empty" "$tmp/err")" -eq 1 -a "$(wc -l <"$tmp/err")" -eq 1
check "empty file: the good file still processed" test "$(records)" -eq 1

head -c 4096 /dev/urandom >"$tmp/noise.txt"
printf '\0\0\0\0\1\2\3' >>"$tmp/noise.txt"
run extract "$tmp/noise.txt" "$good"
check "binary file: exit 1, named, good one processed" test $rc -eq 1 -a "$(records)" -eq 1 -a -n "$(grep 'noise.txt: not text' "$tmp/err")"

printf 'Line one.\nLine \377two with a bad byte.\n' >"$tmp/latin.txt"
run extract "$tmp/latin.txt"
check "invalid UTF-8: processed, exit 0" test $rc -eq 0 -a "$(records)" -eq 1
check "invalid UTF-8: warning names file and line" test -n "$(grep 'latin.txt:2: 1 invalid' "$tmp/err")"
check "invalid UTF-8: replaced and counted" test -n "$(grep '"replaced":1' "$tmp/out")"
# The title is taken from the input as read: its bad byte is written as U+FFFD
printf 'Norland Rejects \377 Offer\n\nThe minister said on Monday that talks would resume.\n' >"$tmp/title.txt"
run extract "$tmp/title.txt"
check "invalid UTF-8 in the title: the record's JSON stays whole" test -n "$(grep -F '"title":"Norland Rejects '$'\xef\xbf\xbd'' Offer","path"' "$tmp/out")"

printf 'Before\0after a NUL byte.\n' >"$tmp/nul.txt"
run extract "$tmp/nul.txt"
check "NUL byte: processed with a warning" test $rc -eq 0 -a "$(records)" -eq 1 -a -n "$(grep 'nul.txt:1:' "$tmp/err")"

printf '{"id":"a","text":"First."}\n{"id":"b","text":"Second.\n{"id":"c"}\n{"id":"d","text":"Fourth."}\n' >"$tmp/rows.jsonl"
run extract "$tmp/rows.jsonl"
check "malformed JSONL: exit 1, good rows kept" test $rc -eq 1 -a "$(records)" -eq 2
check "malformed JSONL: file and line named" test -n "$(grep 'rows.jsonl:2: malformed JSON' "$tmp/err")" -a -n "$(grep 'rows.jsonl:3: no text in the record' "$tmp/err")"

printf 'id,text\n1,"Quoted, with a comma."\n2,too,many\n3,"Multi\nline ""quoted"" text."\n' >"$tmp/rows.csv"
run extract "$tmp/rows.csv"
check "malformed CSV row: exit 1, others kept" test $rc -eq 1 -a "$(records)" -eq 2 -a -n "$(grep 'rows.csv:3: expected 2 fields' "$tmp/err")"
check "CSV doubled quotes and line breaks" test -n "$(grep -F 'Multi\nline \"quoted\" text.' "$tmp/out")"

run extract /nonexistent/article.txt "$good"
check "unreadable path: exit 1, named, rest processed" test $rc -eq 1 -a "$(records)" -eq 1 -a -n "$(grep '/nonexistent/article.txt: cannot open' "$tmp/err")"

mkdir -p "$tmp/nothing/sub" && : >"$tmp/nothing/notes.md"
run extract "$tmp/nothing/" "$good"
check "directory with no article file: exit 1, named once, rest processed" test $rc -eq 1 -a "$(records)" -eq 1 -a "$(grep -c "$tmp/nothing: no article files" "$tmp/err")" -eq 1

run extract --max-bytes 10 "$good"
check "over the size limit: exit 1, named" test $rc -eq 1 -a -n "$(grep 'good.txt: article larger than the limit' "$tmp/err")"

printf 'From standard input. Two sentences.\n' | "$bin" extract - >"$tmp/out" 2>"$tmp/err"
check "standard input" test $? -eq 0 -a -n "$(grep '"id":"stdin"' "$tmp/out")"
printf '{"id":"s1","text":"JSONL on stdin."}\n' | "$bin" extract - >"$tmp/out" 2>&1
check "JSONL sniffed on standard input" test -n "$(grep '"id":"s1"' "$tmp/out")"

for stage in read normalize segment; do
	run extract --until "$stage" "$good"
	check "--until $stage" test $rc -eq 0 -a -n "$(grep "\"stage\":\"$stage\"" "$tmp/out")"
done
run extract --until read "$good"
check "--until read has no tokens" test -z "$(grep '"tokens"' "$tmp/out")"

# A 100 MB article on one line: processed whole, nothing lost, no crash.
awk 'BEGIN { s = "Officials said the talks would go on. "; while (length(t) < 1048576) t = t s;
	for (i = 0; i < 100; i++) printf "%s", t }' >"$tmp/huge.txt"
"$bin" extract --until segment --format text "$tmp/huge.txt" "$good" 2>"$tmp/err" | grep -c '^[0-9]' >"$tmp/n"
rc=${PIPESTATUS[0]}
check "100 MB single line: exit 0, every sentence out" test "$rc" -eq 0 -a "$(cat "$tmp/n")" -ge 2700000
rm -f "$tmp/huge.txt"

finish
