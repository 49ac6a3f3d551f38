#!/bin/sh
# Makes sure the Debian packages claimtrace builds with are present.
# As root it installs what is missing; otherwise it prints the apt-get line and fails.
#
#   tools/deps.sh            the build's packages
#   tools/deps.sh --install  also scdoc, which makes the man pages
#   tools/deps.sh --test     also scdoc and man-db (the tests install into a
#                            temporary tree and render the man pages with
#                            man -l), sqlite3 (the archive's crash test checks
#                            the file with it), curl (the web server's test),
#                            and the tests' optional jq and cmark (the story JSON
#                            checks; the Markdown rendered), chromium, nodejs
#                            and npm (the browser tests, web/test/): installed
#                            as root, else the optional ones are named in one
#                            line and left out (their checks then skip)
#   tools/deps.sh --bench    also GNU time and bc, which make bench needs, and
#                            wrk and curl (its web server part)
#   tools/deps.sh --fuzz     also clang, for libFuzzer (make fuzz)
set -eu
pkgs="make gcc pkg-config libutf8proc-dev libjansson-dev libgumbo-dev zlib1g-dev libsqlite3-dev libxxhash-dev libmicrohttpd-dev libgoogle-perftools-dev"
optional=""
case "${1:-}" in
--install) pkgs="$pkgs scdoc" ;;
--test) pkgs="$pkgs scdoc man-db sqlite3 curl" optional="jq cmark chromium nodejs npm" ;;
--bench) pkgs="$pkgs time bc wrk curl" ;;
--fuzz) pkgs="$pkgs clang" ;;
esac
missing=""
for p in $pkgs $optional; do
	# node and npm may come from another source than Debian's packages
	# (NodeSource ships npm inside its nodejs): the command is what counts
	case $p in
	nodejs) command -v node >/dev/null && continue ;;
	npm) command -v npm >/dev/null && continue ;;
	esac
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	required=""
	for p in $missing; do
		case " $optional " in *" $p "*) ;; *) required="$required $p" ;; esac
	done
	if [ -z "$required" ]; then
		echo "claimtrace: optional test packages missing:$missing (sudo apt-get install -y$missing); their checks skip" >&2
		exit 0
	fi
	echo "claimtrace: missing packages:$missing" >&2
	echo "install them with: sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "claimtrace: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
required="" wanted=""
for p in $missing; do
	case " $optional " in *" $p "*) wanted="$wanted $p" ;; *) required="$required $p" ;; esac
done
# shellcheck disable=SC2086
[ -z "$required" ] || apt-get install -y -qq --no-install-recommends $required >/dev/null
# an optional package that will not install costs only its checks
for p in $wanted; do
	apt-get install -y -qq --no-install-recommends "$p" >/dev/null 2>&1 ||
		echo "claimtrace: optional package $p could not be installed; its checks skip" >&2
done
