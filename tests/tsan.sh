#!/usr/bin/env bash
# make tsan: the ThreadSanitizer build in $1 over what runs on threads — the
# unit tests (the stance model's threaded training and prediction among
# them), extract and story with four workers, whose output must be the
# one worker's, ingest with four workers and its writer thread, and serve
# under concurrent clients. A race report fails the run. Ends "N passed, N failed".
set -u
build=${1:-build/tsan}
export CLAIMTRACE_DATA="$PWD/data"
export CORPUS="${CORPUS:-$PWD/../shared/corpus}"
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 ${TSAN_OPTIONS:-}"
bin=$build/claimtrace
passed=0 failed=0
. "$(dirname "$0")/served_port.bash"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() { # check NAME COMMAND...: passes when the command succeeds
	local name=$1
	shift
	if "$@"; then passed=$((passed + 1)); echo "ok $name"; else failed=$((failed + 1)); echo "FAIL $name"; fi
}

out=$("$build/unit" 2>&1); rc=$?
printf '%s\n' "$out" | grep -E 'FAIL|WARNING: ThreadSanitizer' | head -20
check "unit tests (rc $rc)" test $rc -eq 0

inputs=(examples)
if [ -f "$CORPUS/fnc-1/train_bodies.csv" ]; then
	"$bin" extract -q --until normalize "$CORPUS/fnc-1/train_bodies.csv" 2>/dev/null | head -200 >"$tmp/bodies.jsonl"
	inputs+=("$tmp/bodies.jsonl")
else
	echo "ok skipped: $CORPUS/fnc-1 is absent, the FNC-1 bodies"
fi
for in in "${inputs[@]}"; do
	name=$(basename "$in")
	for cmd in "extract --until code" "story -f json"; do
		$bin $cmd -q -j 1 "$in" >"$tmp/one" 2>"$tmp/err1"; r1=$?
		$bin $cmd -q -j 4 "$in" >"$tmp/four" 2>"$tmp/err4"; r4=$?
		grep -h -A12 'WARNING: ThreadSanitizer' "$tmp/err1" "$tmp/err4" | head -30
		check "$cmd $name: no race, exit 0 (rc $r1, $r4)" test $r1 -eq 0 -a $r4 -eq 0
		check "$cmd $name: four workers give one's output" cmp -s "$tmp/one" "$tmp/four"
	done
	# ingest: four workers and the writer thread, in small batches
	rm -f "$tmp"/a.db*
	$bin ingest -q -j 4 --batch 7 --db "$tmp/a.db" "$in" 2>"$tmp/erri"; ri=$?
	grep -h -A12 'WARNING: ThreadSanitizer' "$tmp/erri" | head -30
	check "ingest $name: no race, exit 0 (rc $ri)" test $ri -eq 0
done

# serve: its worker threads, the shared page cache and the thread that
# makes the largest stories' pages ahead, with clients at once and an
# ingest meanwhile (which makes every kept page stale)
if command -v curl >/dev/null; then
	$bin serve --db "$tmp/a.db" --port 0 2>"$tmp/errs" &
	spid=$!
	port=$(served_port "$tmp/errs")
	fetch_all() { # two clients for each page at once, waited for (not the server)
		local pids=()
		for u in / /api/stories /story/1 /story/1/map /api/story/1 "/search?q=minister" /article/1 /story/2/map; do
			curl -s -o /dev/null "http://127.0.0.1:$port$u" &
			pids+=($!)
			curl -s -o /dev/null "http://127.0.0.1:$port$u" &
			pids+=($!)
		done
		wait "${pids[@]}"
	}
	fetch_all
	$bin ingest -q -j 1 --db "$tmp/a.db" tests/archive/reprints.jsonl 2>/dev/null
	fetch_all
	kill -TERM $spid
	wait $spid; rs=$?
	grep -h -A12 'WARNING: ThreadSanitizer' "$tmp/errs" | head -30
	check "serve: no race among clients, the cache and the warming thread, a clean stop (rc $rs)" test $rs -eq 0
else
	echo "ok skipped: curl is missing, serve"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
