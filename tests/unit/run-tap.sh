#!/bin/sh
# Run cmocka test binaries and gather their TAP lines.
# Usage: run-tap.sh OUT.tap BINARY...
#
# Each binary runs with CMOCKA_MESSAGE_OUTPUT=TAP; its full output is kept
# in OUT's directory as unit-logs/<binary>.log.  OUT.tap gets its "ok" and
# "not ok" lines, renumbered and prefixed with the binary's name.  A binary
# that exits non-zero without a "not ok" line (a crash, a sanitizer report)
# gets "not ok <binary> crashed".  Prints "N passed, N failed"; exits 1 if
# anything failed or nothing ran.
set -u
out=$1
shift
logs=$(dirname "$out")/unit-logs
mkdir -p "$logs"
: > "$out"
n=0
for bin in "$@"; do
	name=$(basename "$bin")
	log=$logs/$name.log
	CMOCKA_MESSAGE_OUTPUT=TAP "$bin" > "$log" 2>&1
	rc=$?
	grep -E '^(not )?ok ' "$log" |
		sed -E "s/^(not ok|ok) [0-9]+ - /\\1 $name: /" >> "$out"
	if [ "$rc" -ne 0 ] && ! grep -q '^not ok ' "$log"; then
		echo "not ok $name crashed (exit $rc, see $log)" >> "$out"
	fi
	if [ "$rc" -ne 0 ]; then
		echo "--- $name (exit $rc):" >&2
		grep -E '^(not ok|#)|ERROR|Sanitizer|runtime error' "$log" | head -40 >&2
	fi
done
passed=$(grep -c '^ok ' "$out")
failed=$(grep -c '^not ok ' "$out")
# Renumber: one plan for the whole file.
awk '{ sub(/^ok /, "ok " NR " - "); sub(/^not ok /, "not ok " NR " - "); print }' \
	"$out" > "$out.tmp" && mv "$out.tmp" "$out"
echo "1..$((passed + failed))" >> "$out"
echo "unit: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
