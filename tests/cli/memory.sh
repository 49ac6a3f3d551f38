#!/usr/bin/env bash
# Story memory: what the map keeps per article is small and exact. One
# million tiny JSONL records (13 MB; every article an outlet of its own,
# since none names one) through `story -f json` stay under 500 MB peak
# (664 MB before, 445 MB after, two threads). Measured on the optimized
# binary with GNU time, since the sanitizers' own memory would swamp it.
set -u
. "$(dirname "$0")/lib.bash"

rel=${CLAIMTRACE_REL:-$(dirname "$bin")/../rel/claimtrace}
if [ ! -x "$rel" ] || [ ! -x /usr/bin/time ]; then
	echo "ok skipped: needs the optimized build at $rel and GNU time (tools/deps.sh --bench)"
	finish
	exit 0
fi
awk 'BEGIN { for (i = 0; i < 1000000; i++) print "{\"text\":\"a\"}" }' >"$tmp/tiny.jsonl"
/usr/bin/time -f '%M' -o "$tmp/rss" "$rel" story -q -f json -j 2 "$tmp/tiny.jsonl" >"$tmp/out" 2>"$tmp/err"
rc=$?
kb=$(tail -1 "$tmp/rss")
check "1,000,000 tiny records: exit 0, every article in the map" test $rc -eq 0 -a \
	"$(grep -c '^{"id":' "$tmp/out")" -ge 1000000
check "1,000,000 tiny records: $((kb / 1024)) MB peak, under 500 MB" test "$kb" -lt 512000
finish
