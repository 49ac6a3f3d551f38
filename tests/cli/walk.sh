#!/usr/bin/env bash
# The directory walk: a link that loops back, a link to the directory
# itself and a second name for a file are each read once; a FIFO (even one
# named like an article) is passed over with a note instead of waiting for
# a writer forever.
set -u
. "$(dirname "$0")/lib.bash"

d=$tmp/tree
mkdir -p "$d/sub/deeper"
printf 'Officials said the talks would go on.\n' >"$d/a.txt"
printf 'The minister denied the report.\n' >"$d/sub/c.txt"
ln -s .. "$d/sub/deeper/up"          # a loop: sub/deeper/up/sub/deeper/up/...
ln -s . "$d/self"                    # the directory itself
ln -s ../a.txt "$d/sub/also-a.txt"   # a second name for a file
mkfifo "$d/b.txt"
articles() { grep -c '^{' "$tmp/out"; }

timeout 20 "$bin" extract --until read "$d" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "loops, self-link and a FIFO: done, exit 0 (rc $rc)" test $rc -eq 0
check "each article once" test "$(articles)" -eq 2
check "the FIFO is one note" test "$(grep -c 'b.txt: skipped: a FIFO' "$tmp/err")" -eq 1
check "the loop is one note" test "$(grep -c 'deeper/up: skipped: a directory already read' "$tmp/err")" -eq 1
check "the self-link is one note" test "$(grep -c 'tree/self: skipped: a directory already read' "$tmp/err")" -eq 1
check "the second name is one note" test "$(grep -c 'also-a.txt: skipped: a file already read' "$tmp/err")" -eq 1
check "nothing else on stderr" test "$(wc -l <"$tmp/err")" -eq 4
timeout 20 "$bin" extract -q --until read "$d" >"$tmp/out" 2>"$tmp/err"
check "--quiet: no notes" test $? -eq 0 -a ! -s "$tmp/err" -a "$(articles)" -eq 2

# The walk starting at a link to a directory, and a link loop with no way out.
ln -s "$d" "$tmp/link"
mkdir "$tmp/loop" && ln -s ../loop "$tmp/loop/again"
timeout 20 "$bin" extract --until read "$tmp/link" "$tmp/loop" >"$tmp/out" 2>"$tmp/err"
check "a link given, a bare loop: done (rc $?)" test "$(articles)" -eq 2 -a -n "$(grep 'loop: no article files' "$tmp/err")"
finish
