#!/usr/bin/env bash
# Output from hostile input: the example story with an outlet that is a
# javascript: link, an outlet with a newline and a heading in it, raw HTML
# in a quotation and terminal escapes in a title, an outlet and the text.
# Markdown must render (CommonMark, raw HTML allowed) to no live markup of
# theirs; text output must hold no control bytes.
set -u
. "$(dirname "$0")/lib.bash"

ex=$(dirname "$0")/../../examples
sed -e 's/"outlet": "Coastal Ledger"/"outlet": "[click](javascript:alert(1))"/' \
	-e 's/"outlet": "Vesta Daily"/"outlet": "Vesta Daily\\n# Injected\\u001b]0;owned\\u0007"/' \
	-e 's/she had rejected an offer from/she had rejected an <script>alert(1)<\/script> offer <img src=x onerror=alert(1)> *from* `code` \\u001b[2J\\u009b31m/' \
	-e 's/"title": "Norland Says/"title": "\\u001b[31mNorland Says/' \
	"$ex/story.jsonl" >"$tmp/hostile.jsonl"
check "the hostile story differs from the example" test -n "$(grep -c 'javascript' "$tmp/hostile.jsonl")"

"$bin" story -q -f markdown "$tmp/hostile.jsonl" "$ex/wire.txt" >"$tmp/map.md" 2>"$tmp/err"
check "markdown: exit 0" test $? -eq 0 -a -s "$tmp/map.md"
check "markdown: the quotation is in the map" test -n "$(grep 'script' "$tmp/map.md")"
check "markdown: no control bytes" test "$(LC_ALL=C grep -c $'[\x01-\x08\x0b-\x1f\x7f]' "$tmp/map.md")" -eq 0
check "markdown: no line starts with a heading but the map's own" \
	test -z "$(grep '^#' "$tmp/map.md" | grep -v -E '^(# Story map|## (Claims|Conflicts|Outlets|Timeline|Speakers)|### c[0-9]+\. )$|^### c[0-9]+\. ')"
check "markdown: no injected heading" test -z "$(grep -E '^#+ *Injected' "$tmp/map.md")"
if command -v cmark >/dev/null; then
	cmark --unsafe "$tmp/map.md" >"$tmp/map.html"
	check "commonmark: no raw HTML from the text" test -z "$(grep -i -E '<script|<img' "$tmp/map.html")"
	check "commonmark: no link from an outlet" test -z "$(grep -i 'href="javascript' "$tmp/map.html")"
	check "commonmark: the outlet is shown as written" test -n "$(grep -F '[click](javascript:alert(1))' "$tmp/map.html")"
	check "commonmark: the quotation is shown as written" test -n "$(grep -F '&lt;script&gt;alert(1)&lt;/script&gt;' "$tmp/map.html")"
	check "commonmark: no emphasis or code from the text" test -z "$(grep -E '<em>from|<code>code' "$tmp/map.html")"
	check "commonmark: no heading from an outlet" test -z "$(grep -i '<h[1-6]>Injected' "$tmp/map.html")"
	check "commonmark: for and against are list items that say so" \
		test -n "$(grep -F '<li>(+) <strong>' "$tmp/map.html")" -a -n "$(grep -F '<li>(-) <strong>' "$tmp/map.html")"
	check "commonmark: no list nested in a statement line" test -z "$(grep -E '<li>[+-]?<?ul' "$tmp/map.html")"
	check "commonmark: a heading per claim, no other" \
		test "$(grep -c '<h3>' "$tmp/map.html")" -eq "$(grep -c '^### c[0-9]' "$tmp/map.md")"
else
	echo "ok skipped: cmark is absent (tools/deps.sh --test), the CommonMark checks"
fi

"$bin" story -q "$tmp/hostile.jsonl" "$ex/wire.txt" >"$tmp/map.txt" 2>"$tmp/err"
check "text: exit 0" test $? -eq 0 -a -s "$tmp/map.txt"
check "text: no escape or other control bytes" test "$(LC_ALL=C grep -c $'[\x01-\x08\x0b-\x1f\x7f]' "$tmp/map.txt")" -eq 0
check "text: no C1 control (U+0080-U+009F)" test "$(LC_ALL=C grep -c $'\xc2[\x80-\x9f]' "$tmp/map.txt")" -eq 0
check "text: the outlet's name, on one line" test -n "$(grep -F 'Vesta Daily # Injected' "$tmp/map.txt")"
"$bin" extract -q -f text "$tmp/hostile.jsonl" >"$tmp/x.txt" 2>"$tmp/err"
check "extract text: exit 0, no control bytes in titles or outlets" test $? -eq 0 -a -s "$tmp/x.txt" -a \
	"$(LC_ALL=C grep -c $'[\x01-\x08\x0b-\x1f\x7f]' "$tmp/x.txt")" -eq 0
finish
