#!/bin/bash
# netanomd alerts from the module's new-executable events, within seconds.
# The baseline is learned beforehand by replaying ten hours of a benign
# program into the database (bucket_span 1h, so no bucket ends during the
# test: the only way to an alert in seconds is the event).  Then a new
# program (a copy of bash, with an argument, in a working directory of
# its own) connects: an alert appears in the NDJSON file within 2 seconds
# of the connect, with process.args, process.parent.pid and .executable,
# process.hash.sha256 and process.working_directory read from the live
# process.
# Then a flood: NETANOM_FLOOD (default 1000) distinct new executables
# (copies of a small program on tmpfs) connect as fast as they can, with
# event_rate=5 and event_burst=20: the module sends no more events than
# 20 + 5 * (seconds since it was loaded), every new entry is either sent
# or dropped, and the daemon stays alive and stops cleanly.
# scenario-timeout: 400
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
need_built
NETANOMD=${NETANOMD:-$REPO/build/bin/netanomd}
[ -x "$NETANOMD" ] || bail "netanomd built" "$NETANOMD missing (make userspace)"
FLOOD=${NETANOM_FLOOD:-1000}
RATE=5
BURST=20
DB=$WORK/state/netanom.db
ALERTS=$WORK/alerts.ndjson
LOG=$WORK/netanomd.log
CONN=$WORK/conn
cc -std=c11 -O2 -Wall -Wextra -Werror -o "$CONN" "$REPO/tests/vm/conn.c" ||
	bail "tests/vm/conn.c builds"
daemon_conf "1h" "$ALERTS" "$DB"

# Ten past hours of a benign program, replayed into the database.
"${PY[@]}" - "$WORK/learn.ndjson" <<'EOF_PY'
import json, sys, time
now = int(time.time()) // 3600 * 3600
with open(sys.argv[1], "w") as f:
    for h in range(12, 2, -1):
        t = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now - h * 3600))
        f.write(json.dumps({"time": t, "active": [{"exe": "/usr/bin/curl",
                "connects": 3, "uid": 0, "pid": 100,
                "dest": "198.51.100.2:443", "transport": "tcp"}]}) + "\n")
EOF_PY
"$NETANOMD" --replay "$WORK/learn.ndjson" --config "$WORK/netanomd.conf" --database "$DB" \
	--alerts "" >"$WORK/replay.out" 2>&1 || bail "replay of the baseline" "$(cat "$WORK/replay.out")"

load_module event_rate=$RATE event_burst=$BURST
loaded=$(date +%s%N)
"$NETANOMD" --foreground --config "$WORK/netanomd.conf" >>"$LOG" 2>&1 &
DPID=$!
BG_PIDS+=("$DPID")
for i in $(seq 100); do
	grep -q "subscribed to new-executable events" "$LOG" && break
	sleep 0.1
	: "$i"
done
check "the daemon subscribes to events" grep -q "subscribed to new-executable events" "$LOG"

alert_lines() {
	if [ -f "$ALERTS" ]; then grep -c . "$ALERTS" || true; else echo 0; fi
}

# --- the new program ------------------------------------------------------
new=$WORK/nightly-sync
copy_prog "$(readlink -f /bin/bash)" "$new"
mkdir -p "$WORK/cwd"
t_connect=$(date +%s.%N)
# The trailing ':' keeps the shell from exec'ing sleep in its place, so
# the process still runs the new program while netanomd reads it.
# shellcheck disable=SC2016 # expanded by the new program
(cd "$WORK/cwd" && exec "$new" -c ': 3<>/dev/tcp/'"$PEER4/$HTTP_PORT"' 2>/dev/null; sleep 4; :' \
	nightly-sync --marker-arg) &
NEW_PID=$!
BG_PIDS+=("$NEW_PID")
for i in $(seq 100); do
	[ "$(alert_lines)" -ge 1 ] && break
	sleep 0.1
	: "$i"
done
expect_eq "one alert, from the event" "$(alert_lines)" 1
[ "$(alert_lines)" = 1 ] || sed 's/^/netanomd: /' "$LOG"

check_alert "$ALERTS" exe="$new" t_connect="$t_connect" pid="$NEW_PID" \
	ppid="$$" pexe="$(readlink -f /bin/bash)" \
	sha="$(sha256sum "$new" | cut -d' ' -f1)" cwd="$WORK/cwd" <<'EOF'
checks = [
    ("it is for the new program", get("process.executable") == exe),
    ("process.pid is the program's", get("process.pid") == int(pid)),
    ("process.args are its arguments", (get("process.args") or [None])[0] == exe and "--marker-arg" in (get("process.args") or [])),
    ("process.parent.pid is the shell that started it", get("process.parent.pid") == int(ppid)),
    ("process.parent.executable is that shell's", get("process.parent.executable") == pexe),
    ("process.hash.sha256 is the file's", get("process.hash.sha256") == sha),
    ("process.working_directory is its own", get("process.working_directory") == cwd),
    ("netanom.first_occurrence", get("netanom.first_occurrence") is True),
    ("raised within 2 seconds of the connect", 0 <= ts(get("@timestamp")) - float(t_connect) <= 2),
]
EOF

# --- the flood ------------------------------------------------------------
kstat() { "$CTL" stats | awk -v k="$1" '$1 == k { print $2 }'; }
entries0=$(kstat entries)
sent0=$(kstat events_sent)
dropped0=$(kstat events_dropped)
mkdir -p "$WORK/flood"
for i in $(seq "$FLOOD"); do cp "$CONN" "$WORK/flood/f$i"; done
flood_start=$(date +%s)
for i in $(seq "$FLOOD"); do "$WORK/flood/f$i" "$PEER4" "$UDP_PORT"; done
echo "# $FLOOD new executables in $(($(date +%s) - flood_start)) s"
# Every use is counted in the probe; a queued event is sent within a
# moment.  Wait (at most 20 s) until the sent and dropped add up.
new_entries=$(($(kstat entries) - entries0))
for i in $(seq 100); do
	sent=$(kstat events_sent)
	dropped=$(kstat events_dropped)
	[ $((sent - sent0 + dropped - dropped0)) -ge "$new_entries" ] && break
	sleep 0.2
	: "$i"
done
secs=$((($(date +%s%N) - loaded + 999999999) / 1000000000))
expect_eq "the flood made $FLOOD new entries" "$new_entries" "$FLOOD"
check "events sent $sent <= $BURST + $RATE * ${secs}s" \
	test "$sent" -le $((BURST + RATE * secs))
expect_eq "every new entry's event was sent or dropped" \
	$((sent - sent0 + dropped - dropped0)) "$new_entries"
check "the daemon is alive after the flood" kill -0 "$DPID"
echo "# alerts written: $(alert_lines); events sent $sent, dropped $dropped"

kill -TERM "$DPID"
rc=0
wait "$DPID" || rc=$?
expect_eq "SIGTERM: netanomd exits 0" "$rc" 0
sed 's/^/netanomd: /' "$LOG" | tail -n 20
finish
