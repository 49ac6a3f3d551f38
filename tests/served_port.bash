# served_port LOG: the port `claimtrace serve --port 0` names in LOG (its
# standard error) once it listens, waited for up to 30 s; prints nothing
# and fails when it never does. Sourced by tests/cli/serve.sh,
# tests/tsan.sh and bench/run.sh.
served_port() {
	local port _
	for _ in $(seq 300); do
		port=$(sed -n 's|.*serving .* on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$1" 2>/dev/null)
		[ -n "$port" ] && echo "$port" && return 0
		sleep 0.1
	done
	return 1
}
