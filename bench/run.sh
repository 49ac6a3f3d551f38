#!/usr/bin/env bash
# make bench: throughput and peak memory of `claimtrace extract` over the
# FNC-1 article bodies (../shared/corpus) repeated to at least 100 MB, next
# to `wc -w` on the same file as the floor of what reading costs.
# Each figure is the median of $RUNS runs (default 3). BENCH_PARTS names
# the parts to run (default "extract story huge crawl stories ingest reprints serve").
set -eu
bin=${1:-build/rel/claimtrace}
corpus=${CORPUS:-../shared/corpus}
src="$corpus/fnc-1/train_bodies.csv"
runs=${RUNS:-3}
parts=" ${BENCH_PARTS:-extract story huge crawl stories ingest reprints serve} "
. "$(dirname "$0")/../tests/served_port.bash"
part() { case "$parts" in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
if [ ! -f "$src" ]; then
	echo "bench: skipped, $src is absent"
	exit 0
fi
command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time (apt-get install time)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The bodies repeated: header once, then the records again and again.
make_input() { # make_input MB FILE
	head -1 "$src" >"$2"
	while [ "$(stat -c %s "$2")" -lt $(($1 * 1000000)) ]; do tail -n +2 "$src" >>"$2"; done
}
# median SECONDS and max RSS (KB) of a command over $runs runs
measure() {
	local times=() rss=0 t m
	for _ in $(seq "$runs"); do
		/usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
		read -r t m <"$work/t"
		times+=("$t")
		[ "$m" -gt "$rss" ] && rss=$m
	done
	med=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
	all=${times[*]}
	peak=$rss
}
report() { # report LABEL
	awk -v l="$1" -v s="$med" -v b="$bytes" -v a="$articles" -v n="$sentences" -v m="$peak" 'BEGIN {
		if (s <= 0) s = 0.001
		printf "%-44s %7.2f s %8.1f MB/s %9.0f articles/s %10.0f sentences/s %7.1f MB peak RSS\n",
			l, s, b / 1e6 / s, a / s, n / s, m / 1024 }'
}

printf 'machine: %s cores, %s\n\n' "$(nproc)" "$(uname -m)"

if part extract; then
make_input 100 "$work/big.csv"
make_input 25 "$work/small.csv"
bytes=$(stat -c %s "$work/big.csv")
articles=$("$bin" extract --until read "$work/big.csv" | grep -c '^{')
sentences=$("$bin" extract --until segment --format text -j 2 "$work/big.csv" | grep -c '^[0-9]')

printf 'input: %s repeated to %.1f MB: %d articles, %d sentences; median of %d runs\n' \
	"$src" "$(echo "$bytes / 1000000" | bc -l)" "$articles" "$sentences" "$runs"
measure wc -w "$work/big.csv"; report "wc -w (floor)"
for stage in read normalize segment resolve attribute; do
	measure "$bin" extract --until "$stage" -j 1 "$work/big.csv"; report "extract --until $stage -j 1"
done
measure "$bin" extract --until segment -j "$(nproc)" "$work/big.csv"; report "extract --until segment -j $(nproc)"
measure "$bin" extract --until segment -j 1 --format text "$work/big.csv"; report "extract --until segment -j 1 --format text"
measure "$bin" extract -j "$(nproc)" "$work/big.csv"; report "extract (all stages) -j $(nproc)"
echo
measure "$bin" extract -j 1 "$work/small.csv"; small=$peak
measure "$bin" extract -j 1 "$work/big.csv"; big=$peak
printf 'memory as input grows (all stages, -j 1): %.1f MB peak at 25 MB of input, %.1f MB at 100 MB\n' \
	"$(echo "$small / 1024" | bc -l)" "$(echo "$big / 1024" | bc -l)"
echo

fi

if part story; then
# The story map over 10,000 articles: the bodies repeated (1683 a copy),
# every article through the whole pipeline, then one story built from them.
head -1 "$src" >"$work/story.csv"
while [ "$("$bin" extract --until read "$work/story.csv" | grep -c '^{')" -lt 10000 ]; do
	tail -n +2 "$src" >>"$work/story.csv"
done
sarticles=$("$bin" extract --until read "$work/story.csv" | grep -c '^{')
for fmt in text json html; do
	measure "$bin" story -q -f "$fmt" -j "$(nproc)" "$work/story.csv"
	printf '%-44s %7.2f s %9.0f articles/s %7.1f MB peak RSS\n' "story -f $fmt -j $(nproc) ($sarticles articles)" "$med" \
		"$(echo "$sarticles / $med" | bc -l)" "$(echo "$peak / 1024" | bc -l)"
done
measure "$bin" extract -q --until code -j "$(nproc)" "$work/story.csv"
printf '%-44s %7.2f s   (the pipeline alone, for comparison)\n' "extract --until code -j $(nproc)" "$med"
# How the map scales: 1,000, 10,000 and 50,000 articles (the bodies
# repeated; each copy is read as new articles). The first 1,000 bodies are
# taken as JSONL records of their normalized text.
"$bin" extract --until normalize "$src" | head -1000 >"$work/s1k.jsonl"
head -1 "$src" >"$work/s50k.csv"
for _ in $(seq 30); do tail -n +2 "$src" >>"$work/s50k.csv"; done
for f in s1k.jsonl story.csv s50k.csv; do
	n=$("$bin" extract --until read "$work/$f" | grep -c '^{')
	measure "$bin" story -q -f text -j "$(nproc)" "$work/$f"
	printf '%-44s %7.2f s %9.0f articles/s %7.1f MB peak RSS\n' "story -f text -j $(nproc) ($n articles)" "$med" \
		"$(echo "$n / $med" | bc -l)" "$(echo "$peak / 1024" | bc -l)"
done
# What the map keeps per article: a million tiny JSONL records (13 MB),
# each article an outlet of its own (tests/cli/memory.sh holds it under 500 MB).
awk 'BEGIN { for (i = 0; i < 1000000; i++) print "{\"text\":\"a\"}" }' >"$work/tiny.jsonl"
measure "$bin" story -q -f json -j "$(nproc)" "$work/tiny.jsonl"
printf '%-44s %7.2f s %9.0f articles/s %7.1f MB peak RSS\n' "story -f json -j $(nproc) (1,000,000 tiny records)" "$med" \
	"$(echo "1000000 / $med" | bc -l)" "$(echo "$peak / 1024" | bc -l)"
rm -f "$work/tiny.jsonl"
echo

fi

if part huge; then
# Single articles of 16 MB and 100 MB: the bodies file with its newlines
# made spaces, one line, through every stage (`story`, one article); once
# each, the 100 MB line takes about a minute.
make_line() { # make_line MB FILE
	tail -n +2 "$src" | tr '\n' ' ' >"$work/line"
	: >"$2"
	while [ "$(stat -c %s "$2")" -lt $(($1 * 1000000)) ]; do cat "$work/line" >>"$2"; done
	rm -f "$work/line"
}
for mb in 16 100; do
	make_line "$mb" "$work/line$mb.txt"
	runs_was=$runs; runs=1
	measure "$bin" story -q -f json "$work/line$mb.txt"
	runs=$runs_was
	printf '%-44s %7.2f s %8.1f MB/s %7.1f MB peak RSS\n' "story -f json, one line of $mb MB" "$med" \
		"$(echo "$(stat -c %s "$work/line$mb.txt") / 1000000 / $med" | bc -l)" "$(echo "$peak / 1024" | bc -l)"
	rm -f "$work/line$mb.txt"
done
echo
fi

if part crawl; then
# Web crawls: the same bodies as news pages (scripts, navigation, share
# buttons, footer) in a WARC.gz, a gzip member per record and a request
# record before each response, as crawlers write them (bench/mkwarc.c),
# read next to the bodies as CSV; memory at four times the crawl.
mkwarc=$(dirname "$bin")/mkwarc
head -1 "$src" >"$work/w.csv"
for _ in 1 2 3 4; do tail -n +2 "$src" >>"$work/w.csv"; done
"$mkwarc" "$src" "$work/w.warc.gz" 4
"$mkwarc" "$src" "$work/w16.warc.gz" 16
wn=$("$bin" extract --until read "$work/w.csv" | grep -c '^{')
printf 'crawl: %d pages, %.1f MB gzipped (%s); the same bodies as CSV, %.1f MB\n' "$wn" \
	"$(echo "$(stat -c %s "$work/w.warc.gz") / 1000000" | bc -l)" "bench/mkwarc.c" \
	"$(echo "$(stat -c %s "$work/w.csv") / 1000000" | bc -l)"
for until in normalize attribute; do
	measure "$bin" extract -q --until "$until" -j 1 "$work/w.csv"; csv=$med
	printf '%-44s %7.2f s %9.0f articles/s %7.1f MB peak RSS\n' "CSV  extract --until $until -j 1" "$med" \
		"$(echo "$wn / $med" | bc -l)" "$(echo "$peak / 1024" | bc -l)"
	measure "$bin" extract -q --until "$until" -j 1 "$work/w.warc.gz"
	printf '%-44s %7.2f s %9.0f articles/s %7.1f MB peak RSS   (%.2f of the CSV speed)\n' \
		"WARC extract --until $until -j 1" "$med" "$(echo "$wn / $med" | bc -l)" \
		"$(echo "$peak / 1024" | bc -l)" "$(echo "$csv / $med" | bc -l)"
done
measure "$bin" extract -q --until normalize -j 1 "$work/w.warc.gz"; small=$peak
measure "$bin" extract -q --until normalize -j 1 "$work/w16.warc.gz"; big=$peak
printf 'crawl memory (--until normalize -j 1): %.1f MB peak at %d pages, %.1f MB at %d\n' \
	"$(echo "$small / 1024" | bc -l)" "$wn" "$(echo "$big / 1024" | bc -l)" "$((wn * 4))"
echo
fi
if part stories; then
# Story discovery: the bodies repeated to 10,000 and 100,000 articles, each
# copy with a different seventh of the lines that hold no quotation mark
# left out (so that copies differ and CSV records stay whole), read,
# segmented and grouped by `claimtrace stories`; then the grouping alone
# at its worst, with every article a story of its own (-t 5).
make_copies() { # make_copies N FILE
	head -1 "$src" >"$2"
	for c in $(seq 0 $(($1 - 1))); do
		awk -v c="$c" 'NR > 1 && (index($0, "\"") > 0 || (NR + c) % 7 != 0)' "$src" >>"$2"
	done
}
make_copies 6 "$work/st10k.csv"
make_copies 60 "$work/st100k.csv"
for f in st10k st100k; do
	n=$("$bin" extract --until read "$work/$f.csv" | grep -c '^{')
	measure "$bin" stories -q -f jsonl -j "$(nproc)" "$work/$f.csv"
	ns=$("$bin" stories -q -f jsonl -j "$(nproc)" "$work/$f.csv" | wc -l)
	printf '%-44s %7.2f s %9.0f articles/s %7.1f MB peak RSS   (%d stories)\n' "stories -j $(nproc) ($n articles)" "$med" \
		"$(echo "$n / $med" | bc -l)" "$(echo "$peak / 1024" | bc -l)" "$ns"
	measure "$bin" extract -q --until segment -j "$(nproc)" "$work/$f.csv"
	printf '%-44s %7.2f s   (the pipeline alone, for comparison)\n' "extract --until segment -j $(nproc)" "$med"
done
n=$("$bin" extract --until read "$work/st10k.csv" | grep -c '^{')
measure "$bin" stories -q -f jsonl -t 5 -j "$(nproc)" "$work/st10k.csv"
printf '%-44s %7.2f s %9.0f articles/s %7.1f MB peak RSS   (every article a story)\n' "stories -t 5 -j $(nproc) ($n articles)" \
	"$med" "$(echo "$n / $med" | bc -l)" "$(echo "$peak / 1024" | bc -l)"
"$bin" eval stories --fnc "$corpus/fnc-1" --no-tune | tail -1
echo
fi
if part ingest; then
# The archive: FNC-1's bodies made into distinct articles ("Copy K. " before
# each text, so none is a duplicate and each runs the whole pipeline), into
# a new archive at 10,000 and 100,000 articles (grouping into stories and
# reprint links included); peak memory at both. Then the same ingest
# again, where every article is a duplicate.
"$bin" extract -q --until normalize -j "$(nproc)" "$src" >"$work/bodies.jsonl"
copies() { # copies FROM TO: the bodies, copy FROM .. TO
	for k in $(seq "$1" "$2"); do
		sed -e "s/\"id\":\"\([^\"]*\)\"/\"id\":\"\1-$k\"/" -e "s/\"text\":\"/\"text\":\"Copy $k. /" "$work/bodies.jsonl"
	done
}
copies 1 6 >"$work/i10k.jsonl"
copies 1 60 >"$work/i100k.jsonl"
# Each run's time is printed beside the median: on a shared machine the
# same build has taken from 45 to 61 s for the 100k.
for n in 10k 100k; do
	na=$(wc -l <"$work/i$n.jsonl")
	measure bash -c "rm -f '$work'/i.db*; exec '$bin' ingest -q -j $(nproc) --db '$work/i.db' '$work/i$n.jsonl'"
	printf '%-44s %7.2f s %9.0f articles/s %7.1f MB peak RSS  (%d articles, %.0f MB archive; runs: %s s)\n' \
		"ingest -j $(nproc), $n new articles" "$med" "$(echo "$na / $med" | bc -l)" "$(echo "$peak / 1024" | bc -l)" \
		"$na" "$(echo "$(stat -c %s "$work/i.db") / 1000000" | bc -l)" "$all"
done
measure "$bin" ingest -q -j "$(nproc)" --db "$work/i.db" "$work/i100k.jsonl"
printf '%-44s %7.2f s %9.0f articles/s\n' "ingest again, 100k duplicates" "$med" "$(echo "$(wc -l <"$work/i100k.jsonl") / $med" | bc -l)"
# story discovery across the archive alone: every article ungrouped, then
# grouped again from the features the archive kept (reprints linked too)
if command -v sqlite3 >/dev/null; then
	measure bash -c "sqlite3 '$work/i.db' 'UPDATE placements SET story = NULL, reprint_of = NULL, reprint_containment = NULL; DELETE FROM stories; DELETE FROM story_outlets; DELETE FROM grouper' &&
		exec '$bin' stories -q --db '$work/i.db'"
	printf '%-44s %7.2f s %9.0f articles/s %7.1f MB peak RSS  (%d stories)\n' "stories --db, 100k articles grouped anew" "$med" \
		"$(echo "$(wc -l <"$work/i100k.jsonl") / $med" | bc -l)" "$(echo "$peak / 1024" | bc -l)" \
		"$(sqlite3 "$work/i.db" 'SELECT count(*) FROM stories')"
fi
echo
fi
if part reprints; then
# Wire reprints: the sketch of each body and its LSH band keys, one
# thread (tools/reprints.c --speed; `make reprint-eval` measures the rest).
eval_bin=$(dirname "$bin")/reprint-eval
if [ -x "$eval_bin" ]; then
	"$eval_bin" "$src" --speed | sed 's/^/reprints: /'
	echo "  ($eval_bin $src --speed)"
else
	echo "reprints: skipped, $eval_bin is not built (make build/rel/reprint-eval)"
fi
fi
echo
if part serve; then
# claimtrace serve under load: an archive of 16,690 articles (the bodies
# ten times, each copy its own text: "Edition K." at its head, so none is a
# duplicate; the largest story then has 1,060 articles), then wrk with 100 connections for $SERVE_SECONDS seconds per
# route on 127.0.0.1: requests/s, p50 and p99 latency, errors (socket
# errors and responses other than 2xx).
if ! command -v wrk >/dev/null || ! command -v curl >/dev/null; then
	echo "bench serve: skipped, needs wrk and curl (tools/deps.sh --bench)"
else
secs=${SERVE_SECONDS:-10}
head -1 "$src" >"$work/serve.csv"
for k in 1 2 3 4 5 6 7 8 9 10; do
	tail -n +2 "$src" | sed -E "s/^([0-9]+),(\"?)/\1$k,\2Edition $k. /" >>"$work/serve.csv"
done
"$bin" ingest -j "$(nproc)" --db "$work/serve.db" "$work/serve.csv" 2>"$work/ingest.err"
narticles=$(sed -n 's/.* \([0-9]*\) in the archive.*/\1/p' "$work/ingest.err" | tail -1)
"$bin" serve --db "$work/serve.db" --port 0 2>"$work/serve.log" &
spid=$!
port=$(served_port "$work/serve.log") || { echo "bench: the server did not start:"; cat "$work/serve.log"; exit 1; }
base=http://127.0.0.1:$port
# the largest story is the first listed
big=$(curl -s "$base/api/stories" | tr -d '\n' | grep -o '"id":[0-9]*' | head -1 | grep -o '[0-9]*')
bign=$(curl -s "$base/api/stories" | tr -d '\n' | grep -o '"articles":[0-9]*' | head -1 | grep -o '[0-9]*')
printf 'serve: %s articles, %s stories, the largest (story %s) of %s articles; wrk -t2 -c100 -d%ss per route\n' \
	"$narticles" "$(curl -s "$base/api/stories" | grep -c '"id":')" "$big" "$bign" "$secs"
# "first": one request before the load, made from the archive (or waiting
# for the server's own build of it: it makes the largest stories' pages
# when it starts); the load then mostly reads the server's cache of pages
# (kept until the file changes)
printf '%-34s %9s %11s %10s %10s %8s\n' route first requests/s p50 p99 errors
for route in / /api/stories "/story/$big" "/api/story/$big" "/story/$big/map" /article/100 "/search?q=government" \
	"/entity/Obama"; do
	# as a browser asks: gzip taken (the server keeps large pages gzipped too)
	first=$(curl -s -o /dev/null -H 'Accept-Encoding: gzip' -w '%{time_total}' "$base$route")
	wrk -t2 -c100 -d"${secs}s" --latency --timeout 10s -H 'Accept-Encoding: gzip' "$base$route" >"$work/wrk.out" 2>&1
	rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\)/\1/p' "$work/wrk.out")
	p50=$(sed -n 's/^ *50% *\([0-9.]*[a-z]*\)/\1/p' "$work/wrk.out")
	p99=$(sed -n 's/^ *99% *\([0-9.]*[a-z]*\)/\1/p' "$work/wrk.out")
	sock=$(sed -n 's/^ *Socket errors: connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\)/\1+\2+\3+\4/p' "$work/wrk.out")
	non2xx=$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\)/\1/p' "$work/wrk.out")
	printf '%-34s %8.0fms %11s %10s %10s %8s\n' "$route" "$(echo "$first * 1000" | bc -l)" "${rps:--}" "${p50:--}" "${p99:--}" "$(( ${sock:-0} + ${non2xx:-0} ))"
done
kill -TERM "$spid"
wait "$spid" || true
echo
fi
fi
echo "command: make bench   (bench/run.sh $bin)"

