#!/usr/bin/env bash
# Golden output: the bundled examples, one thread and two, against the
# records in tests/golden/ (read and checked by hand when they were made;
# regenerate with tests/golden/update.sh and review the diff).
set -u
. "$(dirname "$0")/lib.bash"
for fmt in jsonl text; do
	"$bin" extract --threads 1 --format "$fmt" examples >"$tmp/one" 2>"$tmp/err"
	check "examples ($fmt) match tests/golden/examples.$fmt" diff -u "tests/golden/examples.$fmt" "$tmp/one"
	"$bin" extract --threads 2 --format "$fmt" examples >"$tmp/two" 2>&1
	check "examples ($fmt): two threads give the same output in the same order" cmp -s "$tmp/one" "$tmp/two"
done
if [ -d "${CORPUS:-}/fnc-1" ]; then
	"$bin" extract --threads 1 --until segment "$CORPUS/fnc-1/train_bodies.csv" 2>/dev/null | md5sum >"$tmp/a"
	"$bin" extract --threads 2 --until segment "$CORPUS/fnc-1/train_bodies.csv" 2>/dev/null | md5sum >"$tmp/b"
	check "FNC-1 bodies: threads do not change the output" cmp -s "$tmp/a" "$tmp/b"
	n=$("$bin" extract --until read "$CORPUS/fnc-1/train_bodies.csv" 2>/dev/null | grep -c '^{')
	check "FNC-1 bodies: all 1683 read" test "$n" -eq 1683
else
	echo "skip: FNC-1 checks (no ../shared/corpus)"
fi
finish
