#!/usr/bin/env bash
# The attribution model: missing, it is one fatal line naming the file the
# run looked for (exit 3), before any article, not one error an article;
# damaged (a byte changed among its weight rows, its end cut off) or of
# another format version, it is refused when loaded, by its checksum.
set -u
. "$(dirname "$0")/lib.bash"

data=${CLAIMTRACE_DATA:-data}
mkdir "$tmp/data"
cp "$data"/*.txt "$data"/*.model "$tmp/data/"
rm "$tmp/data/attribution.model"
for n in 1 2 3; do printf 'Officials said the talks would go on. %s\n' "$n" >"$tmp/a$n.txt"; done

for cmd in extract story; do
	"$bin" $cmd --data "$tmp/data" "$tmp"/a?.txt >"$tmp/out" 2>"$tmp/err"
	rc=$?
	check "$cmd, no attribution model: exit 3 (rc $rc)" test $rc -eq 3
	check "$cmd, no attribution model: one line, naming the path looked at" \
		test "$(wc -l <"$tmp/err")" -eq 1 -a -n "$(grep -F "$tmp/data/attribution.model: cannot open" "$tmp/err")"
	check "$cmd, no attribution model: no output" test ! -s "$tmp/out"
done
"$bin" extract --until resolve --data "$tmp/data" "$tmp"/a?.txt >"$tmp/out" 2>"$tmp/err"
check "the stages before attribution run without it" test $? -eq 0 -a "$(grep -c '^{' "$tmp/out")" -eq 3

model=$data/attribution.model
size=$(stat -c %s "$model")
refused() { # refused NAME PATTERN: the damaged model in $tmp/data is one fatal line matching PATTERN
	"$bin" extract --data "$tmp/data" "$tmp"/a?.txt >"$tmp/out" 2>"$tmp/err"
	local rc=$?
	check "$1: exit 3 (rc $rc)" test $rc -eq 3
	check "$1: one line, naming the model and why" \
		test "$(wc -l <"$tmp/err")" -eq 1 -a -n "$(grep -F "$tmp/data/attribution.model: " "$tmp/err" | grep -E "$2")"
}
# one weight changed, mid-file (among the rows, past the headers)
cp "$model" "$tmp/data/attribution.model"
printf '\x7f\x7f' | dd of="$tmp/data/attribution.model" bs=1 seek=$((size / 2)) conv=notrunc status=none
check "the damaged copy differs" bash -c "! cmp -s '$model' '$tmp/data/attribution.model'"
refused "a weight row changed" "checksum"
# half the rows randomized
cp "$model" "$tmp/data/attribution.model"
head -c $((size / 2)) /dev/urandom | dd of="$tmp/data/attribution.model" bs=1 seek=$((size / 4)) conv=notrunc status=none
refused "half the rows random" "checksum"
head -c $((size - 1000)) "$model" >"$tmp/data/attribution.model"
refused "the end cut off" "checksum|truncated"
# the format before checksums (version 2)
cp "$model" "$tmp/data/attribution.model"
printf '\x02' | dd of="$tmp/data/attribution.model" bs=1 seek=5 conv=notrunc status=none
refused "version 2" "another version"
cp "$model" "$tmp/data/attribution.model"
"$bin" extract --data "$tmp/data" "$tmp"/a?.txt >"$tmp/out" 2>"$tmp/err"
check "the intact model loads and runs" test $? -eq 0 -a "$(grep -c '^{' "$tmp/out")" -eq 3
finish
