#!/usr/bin/env bash
# Options parse as in GNU tools (src/cli/opts.c): --opt=value, -j2, bundled
# flags, unique prefixes, --; a usage error is one line and a hint, exit 2;
# every option a --help lists is one the parser takes.
set -u
. "$(dirname "$0")/lib.bash"

run() { # run ARGS...: sets rc; stdout in $tmp/out, stderr in $tmp/err
	"$bin" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}
# usage_error NAME WANTED-FIRST-LINE HINT-CMD ARGS...: exit 2, exactly two lines
usage_error() {
	local name=$1 first=$2 hint=$3
	shift 3
	run "$@"
	local want="Try 'claimtrace${hint:+ $hint} --help' for more information."
	if [ $rc -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 2 ] && [ "$(sed -n 1p "$tmp/err")" = "claimtrace: $first" ] &&
		[ "$(sed -n 2p "$tmp/err")" = "$want" ] && [ ! -s "$tmp/out" ]; then
		ok "$name"
	else
		bad "$name: exit $rc: $(head -c 300 "$tmp/err")"
	fi
}
# same NAME ARGS-A -- ARGS-B: both exit 0 with the same output
same() {
	local name=$1 a=() b=()
	shift
	while [ "$1" != -- ]; do a+=("$1"); shift; done
	shift
	b=("$@")
	"$bin" "${a[@]}" >"$tmp/a" 2>/dev/null; local ra=$?
	"$bin" "${b[@]}" >"$tmp/b" 2>/dev/null; local rb=$?
	if [ $ra -eq 0 ] && [ $rb -eq 0 ] && [ -s "$tmp/a" ] && cmp -s "$tmp/a" "$tmp/b"; then ok "$name"; else bad "$name: exit $ra/$rb or outputs differ"; fi
}

ex=examples/wire.txt
same "--opt=value as --opt value" extract --format text --until segment $ex -- extract --format=text --until=segment $ex
same "-fVALUE as -f VALUE" extract -f text -u segment $ex -- extract -ftext -usegment $ex
same "-j2 as --threads 2" extract -q --threads 2 -f text $ex -- extract -qj2 -ftext $ex
same "a unique prefix of a long name" extract --format text --until segment $ex -- extract --form text --unt segment $ex
same "operands before options" extract --format text $ex -- extract $ex --format text

mkdir "$tmp/d"
cp $ex "$tmp/d/-x.txt"
(cd "$tmp/d" && "$bin" extract -q -- -x.txt >"$tmp/out" 2>"$tmp/err")
check "-- ends the options: a file named -x.txt is read" test $? -eq 0 -a "$(grep -c '^{' "$tmp/out")" -eq 1
(cd "$tmp/d" && "$bin" extract -q -x.txt >"$tmp/out" 2>"$tmp/err")
check "without --, -x.txt is an unknown option" test $? -eq 2 -a -n "$(grep "unknown option '-x'" "$tmp/err")"

usage_error "unknown command: one line and the hint" "unknown command 'frobnicate'" "" frobnicate
usage_error "unknown option of the program" "unknown option '--frob'" "" --frob
usage_error "unknown subcommand of a group" "unknown command 'stance guess'" "stance" stance guess
usage_error "unknown long option" "unknown option '--bogus'" story story --bogus x
usage_error "unknown long option given a value" "unknown option '--bogus'" story story --bogus=1 x
usage_error "unknown short option in a bundle" "unknown option '-Z'" extract extract -qZ x
usage_error "unknown short option inside a bundle, after a long one" "unknown option '-Z'" extract extract --quiet -Zq x
usage_error "a short option's missing value, in a bundle" "-f needs a value" extract extract x -qf
usage_error "ambiguous prefix" "option '--st' is ambiguous" story story --st x y
usage_error "a flag given a value" "--quiet takes no value" extract extract --quiet=yes x
usage_error "--help given a value" "--help takes no value" story story --help=x
usage_error "a prefix of --help and another" "option '--h' is ambiguous" "stance train" stance train --h
usage_error "a long option without its value" "--format needs a value" extract extract x --format
usage_error "a short option without its value" "-f needs a value" extract extract x -f
usage_error "a bad value" "unknown output format 'xml' (jsonl, text, brat)" extract extract -fxml x
usage_error "an operand where none is taken" "unexpected argument 'x'" "eval attribution" eval attribution --gold g x
usage_error "a nested command's option" "--holdout takes a fraction from 0 to 1, not '2'" "stance split" \
	stance split --stances=s --out-dir=d --holdout=2

# Every command's --help, and every option it lists taken by the parser
# (each tried alone: it may then fail for want of the others, never as unknown).
cmds=("extract" "story" "train attribution" "train statement" "eval attribution" "eval story"
	"eval emergent" "eval html" "stance split" "stance train" "stance predict" "stance eval")
for c in "${cmds[@]}"; do
	read -ra words <<<"$c"
	run "${words[@]}" --help
	check "$c --help: exit 0, its usage line" test $rc -eq 0 -a "$(head -1 "$tmp/out" | grep -c "^usage: claimtrace $c")" -eq 1
	opts=$(grep -oE '^ +(-[a-zA-Z], )?--[a-z0-9-]+( [^ ]+)?' "$tmp/out" | sed -E 's/^ +(-[a-zA-Z], )?//')
	n=0 unknown=""
	while read -r name arg; do
		[ -n "$name" ] && [ "$name" != --help ] || continue
		n=$((n + 1))
		if [ -n "$arg" ]; then run "${words[@]}" "$name=1" </dev/null; else run "${words[@]}" "$name" </dev/null; fi
		grep -qE "unknown option|ambiguous" "$tmp/err" && unknown="$unknown $name"
	done <<<"$opts"
	check "$c: the $n options of its --help all parse" test $n -gt 0 -a -z "$unknown"
done
for g in train eval stance; do
	run $g --help
	check "$g --help lists its commands" test $rc -eq 0 -a -n "$(grep -A9 '^commands:' "$tmp/out" | grep -E '^  [a-z]+ ')"
done
run --help
check "claimtrace --help lists every command" test $rc -eq 0 -a "$(grep -cE '^  (extract|story|train|eval|stance) ' "$tmp/out")" -eq 5
finish
