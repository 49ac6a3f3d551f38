#!/usr/bin/env bash
# Outputs are opened before the work: a map that cannot be written fails at
# once (exit 3, one line), before a single article is read.
set -u
. "$(dirname "$0")/lib.bash"

ex=$(dirname "$0")/../../examples
: >"$tmp/empty.txt" # reading it would say so on stderr
"$bin" story -o "$tmp/no/such/dir/map.html" -f html "$tmp/empty.txt" "$ex" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "story -o into a missing directory: exit 3 (rc $rc)" test $rc -eq 3
check "... one line naming it, no article read" \
	test "$(wc -l <"$tmp/err")" -eq 1 -a -n "$(grep -F "$tmp/no/such/dir/map.html" "$tmp/err")"
"$bin" story -q -o "$tmp/map.html" -f html "$ex" >"$tmp/out" 2>"$tmp/err"
check "story -o into a directory that is there: exit 0" test $? -eq 0
check "... the map written" grep -qi '<html' "$tmp/map.html"
finish
