#!/usr/bin/env bash
# make bench: throughput and peak memory of `claimtrace extract` over the
# FNC-1 article bodies (../shared/corpus) repeated to at least 100 MB, next
# to `wc -w` on the same file as the floor of what reading costs.
# Each figure is the median of $RUNS runs (default 3). BENCH_PARTS names
# the parts to run (default "extract story crawl reprints").
set -eu
bin=${1:-build/rel/claimtrace}
corpus=${CORPUS:-../shared/corpus}
src="$corpus/fnc-1/train_bodies.csv"
runs=${RUNS:-3}
parts=" ${BENCH_PARTS:-extract story crawl reprints} "
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
echo "command: make bench   (bench/run.sh $bin)"

