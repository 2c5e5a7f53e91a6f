#!/bin/sh
# Check the ECS documents netanomd writes against the @elastic/ecs field
# definitions (names, types, arrays, allowed values); see ecs-check.js.
# Usage: ecs-check.sh OUT.tap TEST_ECS_BINARY NPM_PREFIX
#
# TEST_ECS_BINARY is the built tests/unit/test_ecs: with NETANOM_ECS_SAMPLE
# set it writes sample alert documents.  NPM_PREFIX is where scripts/deps.sh
# installed @elastic/ecs (build/npm).  The TAP lines are appended to OUT.tap
# and numbered after what is there; anything that keeps the check from
# running is a "not ok" with the reason, never a silent pass.
set -u
out=$1
bin=$2
modules=$3/node_modules
here=$(dirname "$0")
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

check() {
	if ! command -v node >/dev/null 2>&1; then
		echo "not ok ecs-check: node is not installed (run scripts/deps.sh)"
		return
	fi
	if [ ! -f "$modules/@elastic/ecs/package.json" ]; then
		echo "not ok ecs-check: @elastic/ecs is not installed in $modules (run scripts/deps.sh)"
		return
	fi
	if ! NETANOM_ECS_SAMPLE=$tmp/sample.ndjson "$bin" >"$tmp/log" 2>&1 ||
	   [ ! -s "$tmp/sample.ndjson" ]; then
		echo "not ok ecs-check: $bin wrote no sample documents"
		return
	fi
	node "$here/ecs-check.js" "$tmp/sample.ndjson" "$modules" 2>"$tmp/err" ||
		echo "not ok ecs-check: ecs-check.js failed: $(head -c 300 "$tmp/err" | tr '\n' ' ')"
}

check > "$tmp/tap"
# Append, numbered after the lines already in OUT.tap, with one plan at
# the end for the whole file.
n=$(grep -cE '^(not )?ok ' "$out" 2>/dev/null || true)
grep -vE '^1\.\.[0-9]+$' "$out" > "$tmp/old" 2>/dev/null || true
awk -v n="${n:-0}" '
	/^ok /     { sub(/^ok /, "ok " (++n) " - "); print; next }
	/^not ok / { sub(/^not ok /, "not ok " (++n) " - "); print; next }
	END        { }' "$tmp/tap" >> "$tmp/old"
total=$(grep -cE '^(not )?ok ' "$tmp/old")
echo "1..$total" >> "$tmp/old"
cat "$tmp/old" > "$out"
passed=$(grep -c '^ok ' "$tmp/tap")
failed=$(grep -c '^not ok ' "$tmp/tap")
grep '^not ok ' "$tmp/tap" >&2
echo "ecs-check: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
