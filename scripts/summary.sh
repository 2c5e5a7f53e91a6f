#!/bin/sh
# Sum the results of every test tier and print the closing line.
# Each tier writes build/results/<tier>.tap with one line per check:
# "ok <name>" or "not ok <name>" (TAP; indented and '#' lines are ignored).
# Exit status: 0 when nothing failed and at least one check ran.
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/help.sh"
set -eu
dir=${1:-build/results}
passed=0
failed=0
for f in "$dir"/*.tap; do
	[ -e "$f" ] || continue
	p=$(grep -c '^ok ' "$f" || true)
	n=$(grep -c '^not ok ' "$f" || true)
	printf '%-28s %4d passed, %4d failed\n' "$(basename "$f" .tap)" "$p" "$n"
	grep '^not ok ' "$f" | sed 's/^/    /' || true
	passed=$((passed + p))
	failed=$((failed + n))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
