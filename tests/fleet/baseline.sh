#!/bin/sh
# netanomctl baseline export / import, end to end with netanomd --replay:
# a host learns, exports; a new database imports and then knows the
# learned executables (no alert for them) while a newcomer still alerts;
# export, import, export again gives the same file; a broken file, a file
# of another version and a database netanomd holds are clean errors that
# change nothing.  Prints TAP lines without numbers.
# Usage: baseline.sh NETANOMD NETANOMCTL
set -u
netanomd=$1
ctl=$2
here=$(cd "$(dirname "$0")" && pwd)
t=$(mktemp -d "${TMPDIR:-/tmp}/netanom-baseline.XXXXXX")
trap 'rm -rf "$t"' EXIT
conf=$here/../replay/replay.conf

check() {	# check DESCRIPTION COMMAND...
	desc=$1
	shift
	if "$@" >"$t/out" 2>&1; then
		echo "ok baseline: $desc"
	else
		echo "not ok baseline: $desc"
		sed 's/^/# /' "$t/out" | head -20
	fi
}

# Exports without the export time or host, for comparing two exports.
same() {
	python3 - "$1" "$2" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for d in (a, b):
    d.pop('exported_from', None)
sys.exit(0 if a == b else 1)
PY
}

replay() {	# replay DB FILE > alerts
	"$netanomd" --replay "$2" --config "$conf" --database "$1"
}

alerts_for() {	# alerts_for ALERTS EXE: how many alerts name EXE
	grep -c "\"executable\":\"$2\"" "$1"
}

replay "$t/fleet.db" "$here/baseline-learn.ndjson" >/dev/null 2>"$t/err" ||
	echo "not ok baseline: the fleet host learns ($(cat "$t/err"))"
check "export" "$ctl" baseline export "$t/b.json" --database "$t/fleet.db"
check "the export names its format and version" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "netanom-baseline" and d["version"] == 1, d
paths = sorted(e["path"] for e in d["executables"])
assert paths == ["/usr/bin/curl", "/usr/sbin/chronyd"], paths
assert d["host"]["buckets_total"] == 10, d["host"]' "$t/b.json"

# A new host: import into a database that does not exist yet.
check "import into an empty database" "$ctl" baseline import "$t/b.json" \
	--database "$t/new.db"
check "the new host knows curl (baseline --json)" sh -c \
	"'$ctl' baseline --json --database '$t/new.db' | grep -q '\"exe\": \"/usr/bin/curl\"'"
replay "$t/new.db" "$here/baseline-next.ndjson" >"$t/alerts" 2>"$t/err"
check "after import: no alert for curl" test "$(alerts_for "$t/alerts" /usr/bin/curl)" = 0
check "after import: an alert for the newcomer" \
	test "$(alerts_for "$t/alerts" /tmp/.x/dropper)" = 1
# Without the import, the same bucket is the first of a learning host.
replay "$t/fresh.db" "$here/baseline-next.ndjson" >"$t/alerts2" 2>&1
check "without import: learning, no alert at all" test ! -s "$t/alerts2"

# Round trip: export, import, export again.
"$ctl" baseline import "$t/b.json" --database "$t/rt.db" >/dev/null 2>&1
"$ctl" baseline export "$t/b2.json" --database "$t/rt.db" >/dev/null 2>&1
check "round trip: the second export equals the first" same "$t/b.json" "$t/b2.json"

# Importing again into a database that knows them keeps its own state.
check "import again: kept as they were" sh -c \
	"'$ctl' baseline import '$t/b.json' --database '$t/rt.db' | grep -q '0 executables added, 0 replaced, 2 kept'"

# Clean errors, nothing changed.
cp "$t/rt.db" "$t/before.db"
printf '{"format": "netanom-baseline", "version": 1,' > "$t/broken.json"
sed 's/"version": 1/"version": 99/' "$t/b.json" > "$t/v99.json"
for bad in broken v99 missing; do
	"$ctl" baseline import "$t/$bad.json" --database "$t/rt.db" \
		>"$t/bad.out" 2>"$t/bad.err"
	st=$?
	check "bad file ($bad): exit 1 and a message naming the problem" \
		sh -c "test $st = 1 && grep -q 'netanomctl: ' '$t/bad.err' && test ! -s '$t/bad.out'"
done
"$ctl" baseline export "$t/after.json" --database "$t/rt.db" >/dev/null 2>&1
check "bad files changed nothing" same "$t/b.json" "$t/after.json"

# netanomd holds an flock(2) on its database while it runs; flock(1)
# takes the same lock here, standing in for it.
if command -v flock >/dev/null 2>&1; then
	flock "$t/rt.db" "$ctl" baseline import "$t/b.json" --database \
		"$t/rt.db" >"$t/lock.out" 2>"$t/lock.err"
	st=$?
	check "import refused while netanomd holds the database" \
		sh -c "test $st = 1 && grep -q 'in use by a running netanomd: stop it' '$t/lock.err'"
else
	echo "not ok baseline: flock(1) is missing (util-linux)"
fi
check "import: --help" sh -c "'$ctl' baseline --help | grep -q 'baseline import FILE'"
