#!/bin/sh
# Makes sure the Debian packages claimtrace builds with are present.
# As root it installs what is missing; otherwise it prints the apt-get line and fails.
#
#   tools/deps.sh            the build's packages
#   tools/deps.sh --test     also the tests' own (jq, for the story JSON checks; cmark, to render the Markdown):
#                            installed as root, else named in one line and left
#                            out (those checks then skip with a message)
#   tools/deps.sh --bench    also GNU time and bc, which make bench needs
#   tools/deps.sh --fuzz     also clang, for libFuzzer (make fuzz)
set -eu
pkgs="make gcc pkg-config libutf8proc-dev libjansson-dev libgumbo-dev zlib1g-dev"
optional=""
case "${1:-}" in
--test) optional="jq cmark" ;;
--bench) pkgs="$pkgs time bc" ;;
--fuzz) pkgs="$pkgs clang" ;;
esac
missing=""
for p in $pkgs $optional; do
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
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
