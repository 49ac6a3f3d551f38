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
finish
