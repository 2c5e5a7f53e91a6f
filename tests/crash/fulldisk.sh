#!/bin/bash
# A full disk under the running daemon: netanomd's own loop (against the
# unit tests' model kernel, tests/crash/fake_netanomd.c) keeps its state
# and alert file on a 8 MiB tmpfs, mounted in a private mount namespace
# (unshare -m: nothing is mounted on the host).  After it has learned, the
# disk is filled and a new executable connects once: the daemon keeps running,
# says the disk is full, writes no half line; when space returns, the
# newcomer's alert is written, once, and the database passes
# integrity_check.
#
# Usage: fulldisk.sh FAKE_NETANOMD  (TAP lines on stdout; needs root)
set -u
fake=$1
if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null; then
	echo "not ok - fulldisk: needs root and unshare (util-linux)"
	exit 1
fi
if [ "${FULLDISK_INNER:-}" != 1 ]; then
	FULLDISK_INNER=1 exec unshare -m --propagation private "$0" "$@"
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/netanom-fulldisk.XXXXXX")
disk=$tmp/disk
mkdir -p "$disk"
mount -t tmpfs -o size=8m tmpfs "$disk" || {
	echo "not ok - fulldisk: mount a tmpfs"; rm -rf "$tmp"; exit 1; }
dpid=
cleanup() {
	[ -n "$dpid" ] && kill -9 "$dpid" 2>/dev/null
	umount "$disk"
	rm -rf "$tmp"
}
trap cleanup EXIT

tap() {	# tap 0|1 NAME
	if [ "$1" = 0 ]; then echo "ok - fulldisk: $2"; else echo "not ok - fulldisk: $2"; fi
}
check() {	# check NAME CMD...
	local name=$1
	shift
	"$@"
	tap $? "$name"
}
wait_for() {	# wait_for SECONDS CMD...
	local n=$(($1 * 10)) i
	shift
	for ((i = 0; i < n; i++)); do
		"$@" && return 0
		sleep 0.1
	done
	return 1
}

db=$disk/state/netanom.db
alerts=$disk/alerts.ndjson
log=$tmp/log
cat >"$tmp/conf" <<EOC
[rule]
bucket_span = 1s
min_buckets = 3
realert = 1h
[output]
alerts = $alerts
syslog = off
[state]
database = $db
EOC
printf '/usr/bin/steady-a\n/usr/sbin/steady-b\n' >"$tmp/table"

"$fake" "$tmp/table" --foreground --config "$tmp/conf" >"$log" 2>&1 &
dpid=$!

observed() {	# observed N: the daemon has scored at least N buckets
	local n
	n=$(sqlite3 -readonly "$db" 'SELECT buckets_total FROM host' 2>/dev/null)
	[ "${n:-0}" -ge "$1" ]
}
new_alerts() {	# new_alerts N: N alerts for the newcomer in the file
	[ "$(grep -c '/tmp/newcomer' "$alerts" 2>/dev/null)" = "$1" ]
}
said_full() {
	grep -Eq 'disk is full|database or disk is full' "$log"
}

check "the daemon learns (5 buckets)" wait_for 30 observed 5
# Fill the disk to the last block, then a new program appears.
dd if=/dev/zero of="$disk/filler" bs=4k 2>/dev/null
dd if=/dev/zero of="$disk/filler2" bs=512 2>/dev/null
echo '/tmp/newcomer once' >>"$tmp/table"
check "the log says the disk is full" wait_for 20 said_full
sleep 3
check "the daemon keeps running on a full disk" kill -0 "$dpid"
check "no alert for the newcomer while the disk is full" \
	test "$(grep -c '/tmp/newcomer' "$alerts" 2>/dev/null)" = 0
check "no half line in the alert file" \
	python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$alerts"

rm -f "$disk/filler" "$disk/filler2"
check "space back: the newcomer's alert is written" wait_for 20 new_alerts 1
sleep 2
check "... once" new_alerts 1
check "the log says writing resumed" \
	grep -Eq 'takes buckets again|room again' "$log"
kill -TERM "$dpid"
wait "$dpid"
tap $? "SIGTERM: exit 0"
dpid=
check "the database passes integrity_check" \
	test "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok
grep -E 'full|again|wait' "$log" | head -5 | sed 's/^/# /'
