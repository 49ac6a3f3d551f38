#!/bin/sh
# Regenerates the golden records from the current build; review the diff.
set -e
cd "$(dirname "$0")/../.."
for fmt in jsonl text; do
	build/rel/claimtrace extract --threads 1 --format "$fmt" examples >"tests/golden/examples.$fmt"
done
