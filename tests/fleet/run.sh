#!/bin/sh
# Fleet export, end to end on the host (no module needed):
#   events    netanomd --replay with [output] events on: the documents are
#             checked against the @elastic/ecs field definitions and
#             against the datafeed of Elastic's
#             v3_linux_anomalous_network_activity job (datafeed-check.js)
#   metrics   the files test_metrics writes, through prom-check.py (whose
#             self-test first shows it rejects broken files)
#   baseline  netanomctl baseline export / import (baseline.sh)
# Prints TAP lines ("ok - fleet: ..."), a summary on stderr.
# Usage: run.sh NETANOMD NETANOMCTL TEST_METRICS NPM_PREFIX
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/../../scripts/help.sh"
set -u
netanomd=$1
netanomctl=$2
test_metrics=$3
modules=$4/node_modules
here=$(cd "$(dirname "$0")" && pwd)
unit=$here/../unit
out=$(mktemp -d "${TMPDIR:-/tmp}/netanom-fleet.XXXXXX")
trap 'rm -rf "$out"' EXIT
pass=0
fail=0

# Relabel TAP lines from a checker as ours; a checker that printed no
# "ok" line at all is a failure, never a silent pass.
relabel() {	# relabel WHAT FILE
	if ! grep -q '^ok ' "$2"; then
		echo "not ok - fleet: $1: no check ran"
		sed 's/^/# /' "$2"
		fail=$((fail + 1))
	fi
	while IFS= read -r line; do
		case $line in
		"ok "*) echo "ok - fleet: ${line#ok }"; pass=$((pass + 1)) ;;
		"not ok "*) echo "not ok - fleet: ${line#not ok }"; fail=$((fail + 1)) ;;
		*) echo "# $line" ;;
		esac
	done < "$2"
}

events() {
	cat > "$out/events.conf" <<CONF
[rule]
bucket_span = 1m
min_buckets = 5
[output]
syslog = off
alerts =
events = $out/ev/events.ndjson
CONF
	if ! "$netanomd" --replay "$here/events.ndjson" --config "$out/events.conf" \
		>/dev/null 2>"$out/events.err"; then
		echo "netanomd --replay failed: $(head -c 300 "$out/events.err")"
		return
	fi
	if ! command -v node >/dev/null 2>&1 ||
	   [ ! -f "$modules/@elastic/ecs/package.json" ]; then
		echo "not ok events: node or @elastic/ecs missing (run scripts/deps.sh)"
		return
	fi
	node "$unit/ecs-check.js" "$out/ev/events.ndjson" "$modules" event 2>&1
	node "$here/datafeed-check.js" "$out/ev/events.ndjson" /usr/bin/curl \
		/usr/lib/systemd/systemd-resolved /opt/tool/bin/fetch 2>&1
}

metrics() {
	python3 "$here/prom-check.py" --self-test 2>&1
	mkdir -p "$out/prom"
	if ! NETANOM_PROM_SAMPLE="$out/prom" "$test_metrics" >"$out/prom.log" 2>&1; then
		echo "not ok metrics: $test_metrics failed"
		return
	fi
	python3 "$here/prom-check.py" "$out/prom/up.prom" "$out/prom/down.prom" 2>&1
}

events > "$out/events.tap"
relabel events "$out/events.tap"
metrics > "$out/metrics.tap"
relabel metrics "$out/metrics.tap"
if [ -f "$here/baseline.sh" ]; then
	sh "$here/baseline.sh" "$netanomd" "$netanomctl" > "$out/baseline.tap" 2>&1
	relabel baseline "$out/baseline.tap"
fi
echo "fleet: $pass passed, $fail failed" >&2
[ "$fail" -eq 0 ]
