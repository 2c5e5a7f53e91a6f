#!/bin/sh
# Replay fixtures: every NAME.ndjson here is fed to `netanomd --replay`
# (with NAME.conf if there is one, else replay.conf) and its alerts are
# compared with NAME.expected (format in check.py).  Prints TAP lines
# ("ok - replay: NAME"), then one replay under valgrind when it is
# installed, and a summary line on stderr.
# Usage: run.sh NETANOMD
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/../../scripts/help.sh"
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d "${TMPDIR:-/tmp}/netanom-replay.XXXXXX")
trap 'rm -rf "$out"' EXIT
pass=0
fail=0

result() {	# result OK|FAIL NAME [DETAIL FILE]
	if [ "$1" = OK ]; then
		echo "ok - replay: $2"
		pass=$((pass + 1))
	else
		echo "not ok - replay: $2"
		[ -n "${3:-}" ] && sed 's/^/# /' "$3"
		fail=$((fail + 1))
	fi
}

conf_of() {
	if [ -f "$here/$1.conf" ]; then echo "$here/$1.conf"; else echo "$here/replay.conf"; fi
}

for f in "$here"/*.ndjson; do
	name=$(basename "$f" .ndjson)
	if ! "$bin" --replay "$f" --config "$(conf_of "$name")" \
		>"$out/$name.out" 2>"$out/$name.err"; then
		result FAIL "$name (netanomd failed)" "$out/$name.err"
	elif python3 "$here/check.py" "$here/$name.expected" \
		<"$out/$name.out" >"$out/$name.diff" 2>&1; then
		result OK "$name"
	else
		result FAIL "$name" "$out/$name.diff"
	fi
done

# A malformed file is an error naming the file and line, exit 1.
printf '{"time":"2026-11-28T10:00:00Z","active":[]}\n{"time":"x"}\n' \
	>"$out/bad.ndjson"
"$bin" --replay "$out/bad.ndjson" --config "$here/replay.conf" \
	>/dev/null 2>"$out/bad.err"
st=$?
if [ "$st" -eq 1 ] && grep -q "bad.ndjson:2: " "$out/bad.err"; then
	result OK "malformed file: exit 1, FILE:LINE"
else
	echo "exit $st" >>"$out/bad.err"
	result FAIL "malformed file: exit 1, FILE:LINE" "$out/bad.err"
fi

if command -v valgrind >/dev/null 2>&1; then
	if valgrind -q --leak-check=full --show-leak-kinds=all \
		--errors-for-leak-kinds=all --error-exitcode=99 \
		"$bin" --replay "$here/learn-then-new.ndjson" \
		--config "$here/replay.conf" >/dev/null 2>"$out/vg.err"; then
		result OK "valgrind: learn-then-new leak-free"
	else
		result FAIL "valgrind: learn-then-new leak-free" "$out/vg.err"
	fi
fi
echo "replay: $pass passed, $fail failed" >&2
[ "$fail" -eq 0 ]
