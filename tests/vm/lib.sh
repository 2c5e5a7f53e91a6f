# shellcheck shell=bash
# Helpers for the guest scenarios tests/vm/NN-name.sh; sourced, not run.
#
# A scenario reports each check as one TAP line on fd 3 (tests/vm/run.sh
# gives it that fd; run alone, fd 3 is stdout):
#   ok <kernel release> <scenario>: <check>
#   not ok <kernel release> <scenario>: <check>
# and everything else it prints is commentary.  It exits 0 when it ran to its
# end, whatever its checks said; a non-zero exit means it could not go on.

set -eu

# The scenarios load and unload a kernel module: never on the host.
if [ "${NETANOM_VM:-}" != 1 ] || ! grep -q 'netanom_vm_run=' /proc/cmdline; then
	echo "$0: runs inside the test guest only (scripts/vm.sh -- tests/vm/run.sh)" >&2
	exit 2
fi

KREL=$(uname -r)
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
SCENARIO=$(basename "$0" .sh)
# NETANOM_MOD: another netanom.ko to test, e.g. one with a deliberate bug
# (scripts/test-debug-bugs.sh), to see the checks fail.
MOD=${NETANOM_MOD:-$REPO/build/kmod/$KREL/kmod/netanom.ko}
# NETANOMCTL: another netanomctl to test, e.g. a wrapper that falsifies its
# output to see the checks fail (scripts/vm.sh -- env NETANOMCTL=... CMD).
CTL=${NETANOMCTL:-$REPO/build/bin/netanomctl}
NQ=$REPO/tests/vm/nq.py
# shellcheck disable=SC2034 # used by the scenarios
PEER4=198.51.100.2
# shellcheck disable=SC2034
PEER6=2001:db8::2
# shellcheck disable=SC2034
HTTP_PORT=8080
# shellcheck disable=SC2034
UDP_PORT=9999
# Real python3, not the /usr/bin/python3 symlink: entries are keyed by the
# file that runs.
PYTHON=$(readlink -f /usr/bin/python3)
# The scenarios' own helpers in Python: -S skips site, which under TCG
# (every stat over 9p) costs most of python's half-second start.
PY=(python3 -S)
WORK=$(mktemp -d "/tmp/$SCENARIO.XXXXXX")
# Programs copied here also run as uid 65534.
chmod 0755 "$WORK"
FAILED=0

if ! { true >&3; } 2>/dev/null; then
	exec 3>&1
fi

# pass CHECK, fail CHECK [WHY...], check CHECK CMD..., expect_eq CHECK GOT
# WANT: tests/lib/tap.sh, with these two below.
# shellcheck source=tests/lib/tap.sh
. "$REPO/tests/lib/tap.sh"
TAP_ID="$KREL $SCENARIO"

# tap_emit LINE: to the runner (fd 3), and to its tally file when it keeps
# one.
tap_emit() {
	echo "$1" >&3
	if [ -n "${NETANOM_TAP:-}" ]; then echo "$1" >>"$NETANOM_TAP"; fi
}

# tap_why WHY: the reason for a failed check goes to the log as commentary.
tap_why() {
	echo "    $1"
}

# check_alert ALERTS NAME=VALUE... <CHECKS: the checks (Python, see
# tests/vm/alert-fields.py) on the first alert of the NDJSON file ALERTS,
# one TAP line each; on a failure the alert goes to the log.
check_alert() {
	local out=$WORK/fields.out word label
	"${PY[@]}" "$REPO/tests/vm/alert-fields.py" "$@" >"$out" 2>&1 || true
	while read -r word label; do
		case $word in
		PASS) pass "alert: ${label//_/ }" ;;
		FAIL) fail "alert: ${label//_/ }" "$(grep '^# ' "$out")" ;;
		*) echo "$word $label" ;;
		esac
	done <"$out"
	grep -q '^PASS\|^FAIL' "$out" || fail "alert fields checked" "$(cat "$out")"
}

# Stop: the scenario cannot go on (a missing build product, a server that
# does not start).  The runner records the non-zero exit as a failure.
bail() {
	fail "$1" "${2:-}"
	exit 1
}

# Everything a scenario starts in the background is killed on exit, and
# the module is unloaded so that the next scenario starts from scratch.
BG_PIDS=()
cleanup() {
	local pid
	for pid in "${BG_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${BG_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
	if [ -d /sys/module/netanom ]; then rmmod netanom || true; fi
	rm -rf "$WORK"
}
trap cleanup EXIT

need_built() {
	[ -f "$MOD" ] || bail "module built" "$MOD missing (make module)"
	[ -x "$CTL" ] || bail "netanomctl built" "$CTL missing (make userspace)"
}

# load_module [PARAM=VALUE...]: a fresh module, so an empty table.
# shellcheck disable=SC2120 # most scenarios load it without parameters
load_module() {
	if [ -d /sys/module/netanom ]; then rmmod netanom; fi
	insmod "$MOD" "$@" || bail "insmod netanom.ko $*"
}

# daemon_conf SPAN ALERTS DB: $WORK/netanomd.conf for the scenarios that
# run netanomd: buckets of SPAN, learning over after 5 of them, one alert
# per executable an hour, alerts to the file ALERTS (no syslog), state in
# the database DB.
daemon_conf() {
	cat >"$WORK/netanomd.conf" <<EOC
[rule]
bucket_span = $1
min_buckets = 5
realert = 1h
[output]
alerts = $2
syslog = off
[state]
database = $3
EOC
}

# Copy a program to another path: a separate file, so a separate entry.
copy_prog() {
	cp "$1" "$2"
	chmod 0755 "$2"
}

# The servers of tests/vm/peer-server.py in the peer namespace, run by a
# copy of python3 so that nothing they do is counted under python3 itself.
# They make no connect(2), but their accepts and their UDP echoes (sendto
# with an address) are counted under $PEER_SERVER.  Started before the
# module is loaded, so their listen(2) is not.
# shellcheck disable=SC2034 # used by the scenarios
PEER_SERVER=$WORK/peer-server
start_peer_server() {
	local server=$PEER_SERVER i
	copy_prog "$PYTHON" "$server"
	ip netns exec peer "$server" "$REPO/tests/vm/peer-server.py" "$WORK/ready" &
	BG_PIDS+=($!)
	for i in $(seq 100); do
		[ -e "$WORK/ready" ] && return 0
		sleep 0.1
		: "$i"
	done
	bail "peer server starts" "no $WORK/ready after 10 s"
}

# snap NAME: netanomctl show --json and stats --json into $WORK/NAME/, the
# directory that expect reads.  Both must succeed.
snap() {
	SNAP=$WORK/$1
	mkdir -p "$SNAP"
	if ! "$CTL" show --json >"$SNAP/show.json" 2>"$SNAP/show.err"; then
		fail "$1: netanomctl show --json succeeds" "$(cat "$SNAP/show.err")"
	fi
	if ! "$CTL" stats --json >"$SNAP/stats.json" 2>"$SNAP/stats.err"; then
		fail "$1: netanomctl stats --json succeeds" "$(cat "$SNAP/stats.err")"
	fi
}

# expect <<EOF ... EOF: checks of tests/vm/nq.py against the last snap, one a
# line; each becomes one TAP line, named after the snapshot and its label.
expect() {
	local word label rest
	while read -r word label rest; do
		[ -n "$word" ] || continue
		label=${label%:}
		if [ "$word" = PASS ]; then
			pass "${SNAP##*/}: ${label//_/ }"
		else
			fail "${SNAP##*/}: ${label//_/ }" "$rest"
		fi
	done < <("${PY[@]}" "$NQ" "$SNAP")
}

# getv PATH KEY: one value of PATH's entry in the last snap.
getv() {
	echo "get $1 $2" | "${PY[@]}" "$NQ" "$SNAP" 2>/dev/null
}

# stat_of KEY: one value of stats --json, read now.
stat_of() {
	"$CTL" stats --json | "${PY[@]}" -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"
}

# body_ok FILE: FILE holds the peer's HTTP body "ok", so the connect that
# fetched it really worked.
body_ok() {
	grep -q '^ok$' "$1"
}

finish() {
	echo "# $SCENARIO: $FAILED failed"
	exit 0
}
