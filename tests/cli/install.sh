#!/usr/bin/env bash
# make install into temporary trees: the files where they belong, the
# shared library's soname and exports, the man pages rendered without
# warnings and naming every option, examples/api.c built through
# pkg-config (shared and static) and run, and the installed binary finding
# its data from any directory. Needs a built tree (make test builds it).
set -u
. "$(dirname "$0")/lib.bash"
repo=$PWD
mk() { env -u MAKEFLAGS -u MAKELEVEL make --no-print-directory -s "$@" >"$tmp/make.log" 2>&1; }

# ---- staged under DESTDIR, as a package build does
root=$tmp/root prefix=/usr/local
mk install DESTDIR="$root" PREFIX=$prefix
check "make install DESTDIR=…: exit 0" test $? -eq 0 || cat "$tmp/make.log"
p=$root$prefix
for f in bin/claimtrace lib/libclaimtrace.a lib/libclaimtrace.so lib/pkgconfig/claimtrace.pc \
	include/claimtrace.h share/claimtrace/actors.txt share/claimtrace/attribution.model \
	share/claimtrace/stance.model share/man/man1/claimtrace.1 share/man/man1/claimtrace-story.1; do
	check "installed: $f" test -s "$p/$f"
done
so=$(readlink -f "$p/lib/libclaimtrace.so")
check "libclaimtrace.so: its soname is libclaimtrace.so.0" \
	test "$(readelf -d "$so" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')" = libclaimtrace.so.0
check "libclaimtrace.so.0 links to the library" test "$(readlink -f "$p/lib/libclaimtrace.so.0")" = "$so"
nm -D --defined-only "$so" | awk '$2 ~ /[A-Z]/ {print $3}' | sort >"$tmp/exported"
grep -oE '^CT_EXPORT [^(]*\bct_[a-z0-9_]+\(' include/claimtrace.h | grep -oE 'ct_[a-z0-9_]+\($' | tr -d '(' | sort >"$tmp/public"
check "the .so exports exactly the CT_EXPORT functions of claimtrace.h ($(wc -l <"$tmp/public"))" \
	cmp -s "$tmp/exported" "$tmp/public"
check "claimtrace.pc: private requirements and libraries" \
	grep -q '^Requires.private: .*jansson' "$p/lib/pkgconfig/claimtrace.pc"
check "claimtrace.pc: Libs.private" grep -q '^Libs.private: .*-lm' "$p/lib/pkgconfig/claimtrace.pc"

# ---- examples/api.c through pkg-config, shared and static
export PKG_CONFIG_PATH=$p/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$root
flags=$(pkg-config --cflags --libs claimtrace)
check "pkg-config --cflags --libs claimtrace" test -n "$flags" -a $? -eq 0
# shellcheck disable=SC2086
cc -std=c11 -Wall -Wextra -Wpedantic -Werror -o "$tmp/api" examples/api.c $flags 2>"$tmp/cc.err"
check "examples/api.c builds against the installed tree" test $? -eq 0 || cat "$tmp/cc.err"
LD_LIBRARY_PATH=$p/lib CLAIMTRACE_DATA=$p/share/claimtrace "$tmp/api" examples/story.jsonl >"$tmp/api.out" 2>"$tmp/api.err"
check "api: runs on the shared library, the map of the example" \
	test $? -eq 0 -a "$(head -1 "$tmp/api.out" | grep -cE '^3 articles, [1-9][0-9]* claims')" -eq 1
check "api: linked to libclaimtrace.so.0" grep -q 'libclaimtrace.so.0' <(LD_LIBRARY_PATH=$p/lib ldd "$tmp/api")
static=$(pkg-config --static --libs claimtrace | sed 's/-lclaimtrace//')
# shellcheck disable=SC2086
cc -std=c11 -o "$tmp/api-static" examples/api.c $(pkg-config --cflags claimtrace) \
	-L"$p/lib" -Wl,-Bstatic -lclaimtrace -Wl,-Bdynamic $static 2>"$tmp/cc.err"
check "api: links statically with pkg-config --static's libraries" test $? -eq 0 || cat "$tmp/cc.err"
CLAIMTRACE_DATA=$p/share/claimtrace "$tmp/api-static" examples/story.jsonl >"$tmp/api-static.out" 2>/dev/null
check "api, static: the same output" cmp -s "$tmp/api.out" "$tmp/api-static.out"
unset PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR

# ---- the man pages
for m in "$p"/share/man/man1/*.1; do
	out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l --warnings "$m" 2>"$tmp/man.err")
	check "man -l $(basename "$m"): renders, no warnings" test -n "$out" -a ! -s "$tmp/man.err"
done
# every option a command's --help lists is in its man page
for c in extract story "train attribution" "train statement" "eval attribution" "eval story" \
	"eval emergent" "eval html" "stance split" "stance train" "stance predict" "stance eval" serve; do
	read -ra w <<<"$c"
	page=$p/share/man/man1/claimtrace-${w[0]}.1
	missing=""
	for o in $("$bin" "${w[@]}" --help | grep -oE '^ +(-[a-zA-Z], )?--[a-z0-9-]+' | grep -oE -- '--[a-z0-9-]+$'); do
		[ "$o" = --help ] || LC_ALL=C.UTF-8 MANWIDTH=200 man -l "$page" 2>/dev/null | grep -q -- "$o\b" || missing="$missing $o"
	done
	check "claimtrace-${w[0]}(1) names every option of '$c --help'${missing:+ (missing:$missing)}" test -z "$missing"
done

# ---- installed under a prefix: the binary finds its data from anywhere
pre=$tmp/prefix
mk install PREFIX="$pre" LDCONFIG=true # the system's loader cache is none of a test's business
check "make install PREFIX=…: exit 0" test $? -eq 0 || cat "$tmp/make.log"
(cd / && env -u CLAIMTRACE_DATA "$pre/bin/claimtrace" story -q "$repo/examples/story.jsonl" >"$tmp/map" 2>"$tmp/err")
check "installed binary, run from /, no CLAIMTRACE_DATA: the map" test $? -eq 0 -a -n "$(grep -i claim "$tmp/map")"
check "man claimtrace-story finds the installed page" \
	test "$(MANPATH=$pre/share/man man -w claimtrace-story 2>/dev/null)" = "$pre/share/man/man1/claimtrace-story.1"
check "the installed binary's --version" test "$("$pre/bin/claimtrace" --version)" = "claimtrace $(sed -n 's/^#define CT_VERSION "\(.*\)"/\1/p' include/claimtrace.h)"
(cd / && CLAIMTRACE_DATA=/nonexistent "$pre/bin/claimtrace" story -q "$repo/examples/story.jsonl" >/dev/null 2>"$tmp/err")
check "CLAIMTRACE_DATA still overrides" test $? -eq 3 -a -n "$(grep /nonexistent "$tmp/err")"
(cd / && env -u CLAIMTRACE_DATA "$pre/bin/claimtrace" story -q --data /nowhere "$repo/examples/story.jsonl" >/dev/null 2>"$tmp/err")
check "--data still overrides" test $? -eq 3 -a -n "$(grep /nowhere "$tmp/err")"
# the tree moved elsewhere (unpacked from an archive): data beside bin/
cp -a "$pre" "$tmp/moved"
mv "$pre" "$tmp/gone"
(cd / && env -u CLAIMTRACE_DATA "$tmp/moved/bin/claimtrace" story -q "$repo/examples/story.jsonl" >"$tmp/map" 2>"$tmp/err")
check "a moved installed tree: its binary finds share/claimtrace beside bin/" test $? -eq 0 -a -n "$(grep -i claim "$tmp/map")"
mv "$tmp/gone" "$pre"
mk uninstall PREFIX="$pre"
check "make uninstall leaves no file" test -z "$(find "$pre" -type f -o -type l)"
finish
