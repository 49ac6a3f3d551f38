#!/usr/bin/env bash
# Pathological inputs: every stage linear in the article's length. One line
# of 8 MB (2 MB each of four kinds of sentence that once made attribution
# quadratic: pronoun speakers with no named one before them, quotations
# going on, nested speech, plain statements) must go through the whole
# pipeline in well under the time a quadratic stage takes (160 s before,
# 5 s after, one core of a shared machine). Timing runs on the optimized
# binary, since a sanitizer build measures the sanitizer; the sanitizer
# build reads a smaller line of the same kinds.
set -u
. "$(dirname "$0")/lib.bash"

rel=${CLAIMTRACE_REL:-$(dirname "$bin")/../rel/claimtrace}

# line MB FILE: MB/4 megabytes of each kind of sentence, on one line
line() {
	awk -v mb="$1" 'BEGIN { n = split("He said it was over. |\"It is over,\" he said. \"We will go on.\" |" \
		"They said that he said that she said that. |Officials said the talks would go on. ", p, "|")
		for (k = 1; k <= n; k++) { t = ""; while (length(t) < 65536) t = t p[k]; for (i = 0; i < mb * 4; i++) printf "%s", t } }' >"$2"
}
statements() { local n; n=$(sed -n 's/^STORY MAP: 1 article, \([0-9]*\) statements.*/\1/p' "$1"); echo "${n:-0}"; }

line 1 "$tmp/small.txt"
"$bin" story -q "$tmp/small.txt" >"$tmp/out" 2>"$tmp/err"
check "1 MB line, sanitizer build: the whole pipeline, exit 0" test $? -eq 0 -a "$(statements "$tmp/out")" -gt 30000

if [ -x "$rel" ]; then
	line 8 "$tmp/big.txt"
	timeout 40 "$rel" story -q "$tmp/big.txt" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	check "8 MB line through every stage within 40 s (rc $rc)" test $rc -eq 0 -a "$(statements "$tmp/out")" -gt 300000
else
	echo "ok skipped: the 8 MB timing needs the optimized build at $rel"
fi

# 8 MB of sentences each naming two new people, a role and a date: the
# entities an article holds grow with it (resolve once scanned them all at
# each role), and so do its statements on one date (the timeline once
# compared each with all before it). 13.5 s of CPU before, 4.1 s after;
# CPU time, since the machine may be shared.
if [ -x "$rel" ] && [ -x /usr/bin/time ]; then
	awk 'BEGIN { split("ka lo mi ra te su no vi ba de", y, " ")
		for (i = 0; n < 8000000; i++) { a = ""; b = ""; x = i
			for (k = 0; k < 3; k++) { a = a y[x % 10 + 1]; x = int(x / 10) }
			for (k = 0; k < 3; k++) { b = b y[x % 10 + 1]; x = int(x / 10) }
			a = toupper(substr(a, 1, 1)) substr(a, 2); b = toupper(substr(b, 1, 1)) substr(b, 2)
			s = a " " b " of the ministry said on March " (i % 28 + 1) ", 2014 that " b " had met " a " in Vienna. "
			printf "%s", s; n += length(s) } }' >"$tmp/names.txt"
	/usr/bin/time -f '%U' -o "$tmp/cpu" "$rel" story -q -j 1 "$tmp/names.txt" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	cpu=$(tail -1 "$tmp/cpu")
	check "8 MB of new names, roles and dates: every stage in under 8 s of CPU ($cpu s, rc $rc)" \
		awk -v c="$cpu" -v rc="$rc" 'BEGIN { exit !(rc == 0 && c + 0 < 8) }'
else
	echo "ok skipped: the names timing needs the optimized build at $rel and GNU time"
fi
finish
