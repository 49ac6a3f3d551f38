#!/usr/bin/env bash
# Input checked whole: binary data after a run of text (an executable
# appended, a block of noise mid-file, control bytes deep in a JSONL or CSV
# record) is refused as not text, not read as an article with its bytes
# replaced; text with stray bad bytes through it still reads.
set -u
. "$(dirname "$0")/lib.bash"

run() { "$bin" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }
records() { grep -c '^{' "$tmp/out"; }
good="$tmp/good.txt"
printf 'The minister said on Monday that talks would resume.\n' >"$good"
# 40 KB of text
awk 'BEGIN { while (n < 40000) { s = "Officials said the talks would go on, and the minister agreed. "; printf "%s", s; n += length(s) } print "" }' >"$tmp/text"

cat "$tmp/text" >"$tmp/elf.txt"
head -c 80000 "$bin" >>"$tmp/elf.txt"
run extract --until read "$tmp/elf.txt" "$good"
check "text, then an executable: not text, exit 1 (rc $rc)" \
	test $rc -eq 1 -a "$(records)" -eq 1 -a -n "$(grep 'elf.txt: not text' "$tmp/err")"

{ cat "$tmp/text"; head -c 12000 /dev/urandom; cat "$tmp/text"; } >"$tmp/mid.txt"
run extract --until read "$tmp/mid.txt" "$good"
check "noise between two runs of text: not text (rc $rc)" \
	test $rc -eq 1 -a "$(records)" -eq 1 -a -n "$(grep 'mid.txt: not text' "$tmp/err")"

{ printf '{"id":"j1","text":"'; head -c 30000 "$tmp/text" | tr -d '\n'
  awk 'BEGIN { for (i = 0; i < 3000; i++) printf "\\u0001\\u0002\\u0003" }'; printf '"}\n'
  printf '{"id":"j2","text":"The minister denied it."}\n'; } >"$tmp/rec.jsonl"
run extract --until read "$tmp/rec.jsonl"
check "JSONL: control bytes deep in a record's text: that record refused (rc $rc)" \
	test $rc -eq 1 -a "$(records)" -eq 1 -a -n "$(grep 'rec.jsonl:1: not text' "$tmp/err")" -a -n "$(grep '"id":"j2"' "$tmp/out")"

{ printf 'id,text\nc1,"'; head -c 30000 "$tmp/text" | tr -d '\n'; head -c 12000 /dev/urandom | tr -d '"\0'; printf '"\nc2,The minister denied it.\n'; } >"$tmp/rec.csv"
run extract --until read "$tmp/rec.csv"
check "CSV: noise deep in a record's text: that record refused (rc $rc)" \
	test $rc -eq 1 -a "$(records)" -eq 1 -a -n "$(grep 'rec.csv:2: not text' "$tmp/err")" -a -n "$(grep '"id":"c2"' "$tmp/out")"

# stray bytes all through a long text: repaired, not refused
awk 'BEGIN { for (i = 0; i < 200; i++) printf "Line %d of the report, caf\351 included.\n", i }' >"$tmp/latin.txt"
run extract --until normalize "$tmp/latin.txt"
check "a Latin-1 byte a line through 8 KB and more: read (rc $rc)" test $rc -eq 0 -a "$(records)" -eq 1
cat "$tmp/text" "$tmp/text" >"$tmp/long.txt"; printf 'The end\001\002\003.\n' >>"$tmp/long.txt"
run extract --until read "$tmp/long.txt"
check "a few control bytes at the end of a long text: read (rc $rc)" test $rc -eq 0 -a "$(records)" -eq 1

# Lexicon entries: invalid UTF-8, an empty alias, role or field are refused
# with the file and line, exit 3.
data=${CLAIMTRACE_DATA:-data}
lexicon() { # lexicon NAME LINE PATTERN: data with LINE added to actors.txt refused, naming it
	rm -rf "$tmp/data" && mkdir "$tmp/data" && cp "$data"/* "$tmp/data/"
	printf '%b\n' "$2" >>"$tmp/data/actors.txt"
	local n
	n=$(wc -l <"$tmp/data/actors.txt")
	run extract --data "$tmp/data" "$good"
	check "actors.txt, $1: exit 3, file:line and why (rc $rc)" \
		test $rc -eq 3 -a -n "$(grep -F "actors.txt:$n: " "$tmp/err" | grep -E "$3")"
}
lexicon "invalid UTF-8" 'Jos\xe9 Rivera\tperson\t-\tRivera\t-' "UTF-8"
lexicon "invalid UTF-8 in an alias" 'Jose Rivera\tperson\t-\tJos\xc3\x28|Rivera\t-' "UTF-8"
lexicon "an empty alias" 'Jose Rivera\tperson\t-\tJ. Rivera||Rivera\t-' "empty alias"
lexicon "an alias list ending in |" 'Jose Rivera\tperson\t-\tJ. Rivera|\t-' "empty alias"
lexicon "a blank alias" 'Jose Rivera\tperson\t-\tJ. Rivera|  \t-' "empty alias"
lexicon "an empty role" 'Jose Rivera\tperson\t-\t-\t|mayor' "empty role"
lexicon "an empty name" '\tperson\t-\tRivera\t-' "empty field"
printf 'Jose Rivera\tperson\t-\tJ. Rivera\tmayor\n' >>"$tmp/data/actors.txt"
sed -i '/^\tperson/d' "$tmp/data/actors.txt"
run extract --data "$tmp/data" "$good"
check "a good entry is no error" test $rc -eq 0 -a ! -s "$tmp/err"
finish
