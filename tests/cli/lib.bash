# Shared by the CLI test scripts: ok/fail lines and the closing count.
# Each script sources this, runs checks, and calls `finish`.
bin=${CLAIMTRACE_BIN:?set CLAIMTRACE_BIN}
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); echo "ok $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
# check NAME CONDITION-COMMAND...: passes when the command succeeds
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }
finish() { echo "$pass passed, $fail failed"; }
