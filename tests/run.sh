#!/usr/bin/env bash
# Runs every test against the build in $1 (the sanitizer build for `make test`)
# and ends with the line "N passed, N failed".
set -u
build=${1:-build/san}
export CLAIMTRACE_BIN="$PWD/$build/claimtrace"
export CLAIMTRACE_DATA="$PWD/data"
export CORPUS="${CORPUS:-$PWD/../shared/corpus}"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
passed=0 failed=0
tally() { # reads "N passed, M failed" lines from a test program's output
	local out=$1
	local p f
	p=$(printf '%s\n' "$out" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed.*/\1/p' | tail -1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed.*/\2/p' | tail -1)
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-1}))
}
echo "== unit tests"
out=$("$build/unit" 2>&1); rc=$?
printf '%s\n' "$out" | grep -v '^ok ' | sed '$d'
tally "$out"
[ $rc -eq 0 ] || [ "$(printf '%s\n' "$out" | tail -1 | grep -c 'passed')" -eq 1 ] || failed=$((failed + 1))
for t in fuzz/fuzz_*.c; do
	name=$(basename "$t" .c)
	echo "== $name corpus"
	out=$("$build/$name" fuzz/corpus/"${name#fuzz_}"/* 2>&1)
	printf '%s\n' "$out" | grep -v '^ok ' | sed '$d'
	tally "$out"
done
for t in tests/cli/*.sh; do
	[ -e "$t" ] || continue
	echo "== $(basename "$t" .sh)"
	out=$(bash "$t" 2>&1)
	printf '%s\n' "$out" | grep -v '^ok ' | sed '$d'
	tally "$out"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
