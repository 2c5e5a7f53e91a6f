#!/bin/bash
# netanomd as a systemd service, in a guest booted with systemd as PID 1
# (`make systemd-vm-test`, i.e. scripts/vm.sh --systemd -- tests/systemd/guest.sh).
# The root is a throwaway overlay of the host's, so this installs for real:
#
#   make install; modprobe netanom (modules.dep from install's depmod);
#   systemctl start: returns once netanomd sent READY=1; the status line
#   follows the buckets; the sandbox is in force (capability bounding set
#   of exactly three, no new privileges, seccomp, own mount namespace);
#   systemctl reload keeps the process; a new program run from /tmp, with
#   its working directory in /dev/shm, raises an alert whose file facts
#   come from the program's view, not the daemon's private /tmp (not
#   "deleted", right SHA-256); logrotate rotates the alert file and the
#   next alert, of a program in /dev/shm, lands in the new file; a daemon
#   that stops answering (SIGSTOP) is killed by the watchdog and
#   restarted; systemctl stop ends it cleanly.
#
# One TAP line per check on stdout: "ok RELEASE systemd: CHECK".
set -u
if [ "${NETANOM_VM_SYSTEMD:-}" != 1 ]; then
	echo "$0: runs in a guest booted by scripts/vm.sh --systemd" >&2
	exit 2
fi
REPO=$(cd "$(dirname "$0")/../.." && pwd -P)
KREL=$(uname -r)
CTL=/usr/local/sbin/netanomctl
DB=/var/lib/netanom/netanom.db
ALERTS=/var/log/netanom/alerts.ndjson
FAILED=0

# pass, fail, check, expect_eq (tests/lib/tap.sh): TAP lines on stdout,
# the reason for a failure as "#" lines below its own.
# shellcheck source=tests/lib/tap.sh
. "$REPO/tests/lib/tap.sh"
TAP_ID="$KREL systemd"
tap_emit() { echo "$1"; }
tap_why() {
	if [ -n "$1" ]; then printf '%s\n' "$1" | sed 's/^/#   /' | head -30; fi
}
prop() { systemctl show -P "$1" netanomd.service; }
# until SECONDS CMD...: poll CMD every half second, at most SECONDS.
until_ok() {
	local i n=$(($1 * 2))
	shift
	for ((i = 0; i < n; i++)); do
		"$@" && return 0
		sleep 0.5
	done
	return 1
}

# /tmp on tmpfs, as with Debian's tmp.mount: the overlay root would give
# the files a device number other than the kernel's (see README).
mount -t tmpfs -o mode=1777 tmpfs /tmp
out=$(make -s -C "$REPO" install 2>&1)
check "make install" test $? = 0
echo "$out" | sed 's/^/# /'
check "modprobe finds the installed module" modprobe netanom
check "the module is loaded" test -d /sys/module/netanom

# Short buckets and a learning period of three; a destination that is
# not the local host (no route: the connect fails, after being counted).
cat >/etc/netanom/netanomd.conf <<EOF
[rule]
bucket_span = 2s
min_buckets = 3
[exclude]
destinations = 192.0.2.99/32
EOF
mkdir -p /etc/systemd/system/netanomd.service.d
printf '[Service]\nWatchdogSec=6s\nRestartSec=1s\n' \
	>/etc/systemd/system/netanomd.service.d/test.conf
systemctl daemon-reload

check "systemctl start (waits for READY=1)" systemctl start netanomd
expect_eq "active" "$(prop ActiveState)" active
pid=$(prop MainPID)
status_says_bucket() { prop StatusText | grep -q '^bucket ending .*executables active'; }
check "the status line follows the buckets" until_ok 30 status_says_bucket
echo "# StatusText: $(prop StatusText)"

caps=$(sed -n 's/^CapBnd:\t//p' "/proc/$pid/status")
# CAP_DAC_READ_SEARCH (2), CAP_NET_ADMIN (12), CAP_SYS_PTRACE (19)
expect_eq "capability bounding set is exactly three" "$caps" 0000000000081004
expect_eq "no new privileges" "$(sed -n 's/^NoNewPrivs:\t//p' "/proc/$pid/status")" 1
expect_eq "seccomp filter" "$(sed -n 's/^Seccomp:\t//p' "/proc/$pid/status")" 2
check "its own mount namespace" test "$(readlink "/proc/$pid/ns/mnt")" != \
	"$(readlink /proc/1/ns/mnt)"
touch /tmp/netanom-sd-probe
check "its /tmp is private" test ! -e "/proc/$pid/root/tmp/netanom-sd-probe"

check "systemctl reload" systemctl reload netanomd
reloaded() { journalctl -q -u netanomd -o cat | grep -q 'configuration reloaded'; }
check "the daemon logged the reload" until_ok 20 reloaded
expect_eq "reload keeps the process" "$(prop MainPID)" "$pid"
expect_eq "active after reload" "$(prop ActiveState)" active

observed() {
	"$CTL" baseline --json --database "$DB" 2>/dev/null |
		python3 -S -c 'import json,sys; print(json.load(sys.stdin)["buckets_observed"])' 2>/dev/null ||
		echo 0
}
learned() { [ "$(observed)" -ge 4 ]; }
check "it learns" until_ok 90 learned

alerts_in() {
	if [ -f "$1" ]; then grep -c . "$1" || true; else echo 0; fi
}
# newcomer PATH: a copy of bash at PATH, started in /dev/shm/work, makes
# one UDP connect out (which fails: no route, but it is counted) and stays
# until the alert about it is out (bash waits for sleep; as its last
# command bash would exec it instead).
mkdir -p /dev/shm/work
newcomer() {
	cp "$(readlink -f /bin/bash)" "$1"
	chmod 0755 "$1"
	(cd /dev/shm/work && exec "$1" -c \
		'true 3<>/dev/udp/192.0.2.1/53; sleep 30; true' 2>/dev/null) &
	NEWPID=$!
}
# fields FILE EXE: check the last alert of FILE.
fields() {
	python3 -S - "$1" "$2" "$(sha256sum "$2" | cut -d' ' -f1)" <<'EOF'
import json, sys
path, exe, digest = sys.argv[1:]
doc = json.loads(open(path).read().splitlines()[-1])
def get(d, dotted):
    for k in dotted.split("."):
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d
for label, ok in [
    ("alert_for_" + exe, get(doc, "process.executable") == exe),
    ("working_directory_/dev/shm/work", get(doc, "process.working_directory") == "/dev/shm/work"),
    ("sha256_of_the_file", get(doc, "process.hash.sha256") == digest),
    ("file_not_called_deleted", get(doc, "netanom.exe.deleted") is False),
    ("file_in_a_temporary_directory", get(doc, "netanom.exe.temp_dir") is True),
    ("arguments", (get(doc, "process.args") or [None])[0] == exe),
]:
    print(("PASS " if ok else "FAIL ") + label)
print("# " + json.dumps(doc))
EOF
}
report_fields() {
	local out
	out=$(fields "$1" "$2")
	while read -r verdict label; do
		case $verdict in
		PASS) pass "alert $label" ;;
		FAIL) fail "alert $label" "$(grep '^# ' <<<"$out")" ;;
		esac
	done <<<"$out"
}

before=$(alerts_in "$ALERTS")
newcomer /tmp/netanom-new
has_alert() { [ "$(alerts_in "$1")" -gt "$2" ]; }
check "a new program in /tmp raises an alert" until_ok 60 has_alert "$ALERTS" "$before"
report_fields "$ALERTS" /tmp/netanom-new
kill "$NEWPID" 2>/dev/null

check "logrotate -f rotates the alert file" logrotate -f /etc/logrotate.d/netanom
check "the rotated file is kept" test -s "$ALERTS.1"
lets_go() { ! ls -l "/proc/$(prop MainPID)/fd" | grep -q "$ALERTS.1"; }
check "netanomd let go of the rotated file" until_ok 20 lets_go
newcomer /dev/shm/netanom-new
check "the next alert lands in the new file" until_ok 60 has_alert "$ALERTS" 0
report_fields "$ALERTS" /dev/shm/netanom-new
expect_eq "the new file's mode" "$(stat -c %a "$ALERTS")" 640
kill "$NEWPID" 2>/dev/null

kill -STOP "$pid"
restarted() { [ "$(prop MainPID)" != "$pid" ] && [ "$(prop MainPID)" != 0 ] &&
	[ "$(prop ActiveState)" = active ]; }
check "a stopped daemon is killed by the watchdog and restarted" until_ok 60 restarted
journalctl -q -u netanomd -o cat | grep -i watchdog | sed 's/^/# /' | head -3
check "systemctl stop" systemctl stop netanomd
expect_eq "inactive after stop" "$(prop ActiveState)" inactive
systemd-analyze security netanomd.service 2>/dev/null | tail -n 1 | sed 's/^/# /'
journalctl -q -u netanomd -o cat | tail -n 15 | sed 's/^/# /'
echo "# systemd: $FAILED failed"
[ "$FAILED" -eq 0 ]
