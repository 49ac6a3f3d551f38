#!/usr/bin/env bash
# What a newcomer meets first: make demo draws the example's story map;
# progress on a terminal; counts in the singular when they are one; a
# --published that is not a date refused; a run that reads no article
# says so and writes no map; every link of the HTML page leads somewhere.
set -u
. "$(dirname "$0")/lib.bash"

# ---- make demo: the story map as text, and the web page's path
env -u MAKEFLAGS -u MAKELEVEL make --no-print-directory -s demo >"$tmp/demo" 2>"$tmp/demo.err"
check "make demo: exit 0" test $? -eq 0
check "make demo: the story map, not a token dump" grep -q '^STORY MAP: 4 articles' "$tmp/demo"
page=$(sed -n 's/^The same map as a web page: //p' "$tmp/demo")
check "make demo: names the HTML file it wrote" test -n "$page" -a -s "$page"
check "make demo: the file is the map's page" grep -q '<h1>Story map</h1>' "${page:-/dev/null}"

# ---- progress on a terminal (script gives the command one), none when quiet
tty() { script -qec "$*" /dev/null </dev/null; }
tty "'$bin' story -j1 -o /dev/null examples/story.jsonl" >"$tmp/tty"
check "story: progress on a terminal" grep -q '3 articles, [0-9.]* MB, [0-9]* articles/s, [0-9.]* MB/s' "$tmp/tty"
tty "'$bin' story -q -o /dev/null examples/story.jsonl" >"$tmp/tty"
check "story -q: no progress" test ! -s "$tmp/tty"
tty "'$bin' extract -f text examples/wire.txt >/dev/null" >"$tmp/tty"
check "extract: progress in the singular for one article" grep -q '1 article, ' "$tmp/tty"
printf 'Body ID,articleBody\n1,The minister said the talks failed.\n2,Rain is expected on Monday.\n' >"$tmp/b.csv"
printf 'Headline,Body ID\nTalks failed,1\nTalks failed,2\n' >"$tmp/s.csv"
tty "'$bin' stance predict --bodies '$tmp/b.csv' --stances '$tmp/s.csv' >/dev/null" >"$tmp/tty"
check "stance predict: progress on a terminal" grep -q 'pairs labelled: 2 of 2' "$tmp/tty"
printf 'claimId,claim,articleId,articleHeadline,stance\nc1,Talks failed,a1,Minister says talks failed,for\nc1,Talks failed,a2,Talks did not fail says aide,against\n' >"$tmp/em.csv"
tty "'$bin' eval emergent --no-stance --emergent '$tmp/em.csv' >/dev/null" >"$tmp/tty"
check "eval emergent: progress on a terminal" grep -q 'claims traced: 1 of 1' "$tmp/tty"
# a message in the middle of a run starts its own line, not the progress line's end
mkdir "$tmp/many"
for i in $(seq 1000 1999); do cp examples/wire.txt "$tmp/many/a$i.txt"; done
: >"$tmp/many/z.txt"
tty "'$bin' extract -j1 -f text '$tmp/many' >/dev/null" >"$tmp/tty"
check "progress: a message mid-run on a line of its own" \
	test -n "$(grep -a 'z.txt: empty' "$tmp/tty")" -a -z "$(grep -aE '(MB/s|left) claimtrace:' "$tmp/tty")"
check "progress: the last count" grep -aq '1000 articles, ' "$tmp/tty"
"$bin" story -o /dev/null examples/story.jsonl 2>"$tmp/err"
check "story: no progress when stderr is not a terminal" test ! -s "$tmp/err"

# ---- singular and plural, in every format
head -1 examples/story.jsonl >"$tmp/one.jsonl"
for f in text markdown html json; do
	"$bin" story -q -f $f -c "Norland refused the offer of help" "$tmp/one.jsonl" >"$tmp/map.$f"
	check "story -f $f on one article: no '1 articles', '1 statements'" \
		test -z "$(grep -oE '\b1 (article|statement|claim|conflict)s\b' "$tmp/map.$f")"
done
check "story on one article: '1 article' said" grep -q '\b1 article\b' "$tmp/map.text"

# ---- --published: a date, or refused in one line
for d in yesterday 2014-9-15 2014-02-29 2014-13-01 "15/09/2014" ""; do
	"$bin" story -q --published "$d" examples/wire.txt >/dev/null 2>"$tmp/err"
	check "--published '$d' refused, one line and the hint" \
		test $? -eq 2 -a "$(head -1 "$tmp/err")" = "claimtrace: --published takes a date as YYYY-MM-DD, not '$d'"
done
"$bin" extract -q -u read --published 2016-02-29 examples/wire.txt >"$tmp/out"
check "--published 2016-02-29 (a leap day) taken" grep -q '"published":"2016-02-29"' "$tmp/out"

# ---- a run that reads no article
(cd "$tmp" && "$bin" story -o nomap.html nonexist.txt >"$tmp/out" 2>"$tmp/err")
rc=$?
check "story nonexist.txt: exit 1" test $rc -eq 1
check "story nonexist.txt: names the file, says no map" \
	test -n "$(grep 'nonexist.txt' "$tmp/err")" -a -n "$(grep 'no article could be read, so no map was written' "$tmp/err")"
check "story nonexist.txt: no map written" test ! -e "$tmp/nomap.html" -a ! -s "$tmp/out"
"$bin" story nonexist.txt >"$tmp/out" 2>/dev/null
check "story nonexist.txt: nothing on stdout" test ! -s "$tmp/out"

# ---- every in-page link of the HTML leads to an element on the page
deadlinks() { # the #targets of FILE with no id="target"
	grep -oE 'href="#[^"]+"' "$1" | sed 's/^href="#//; s/"$//' | sort -u >"$tmp/refs"
	grep -oE ' id="[^"]+"' "$1" | sed 's/^ id="//; s/"$//' | sort -u >"$tmp/ids"
	comm -23 "$tmp/refs" "$tmp/ids"
}
inputs=(examples)
[ -d "$CORPUS/seeds" ] && inputs+=("$CORPUS/seeds")
for in in "${inputs[@]}"; do
	"$bin" story -q -f html -o "$tmp/map.html" "$in"
	dead=$(deadlinks "$tmp/map.html" | head -5 | tr '\n' ' ')
	check "html of $(basename "$in"): $(grep -c 'href="#' "$tmp/map.html") lines of links, none dead${dead:+ ($dead)}" test -z "$dead"
done
finish
