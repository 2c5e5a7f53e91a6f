#!/bin/bash
# New-executable events (NETANOM_CMD_NEW_EXE on the "events" group), seen
# through 'netanomctl watch --json':
#  - a new program's first connect gives one event whose fields are the
#    program's own (pid, ppid, uid, dev, ino, path, comm, destination,
#    kind, time);
#  - the same program again, even another way, gives no second event;
#  - the rate limit holds exactly: with event_rate=0 and event_burst=4, no
#    more than 4 events ever go out, and every new executable after that
#    is counted as dropped; with event_rate=2 and event_burst=2, events
#    sent <= 2 + 2 * (seconds since the module was loaded);
#  - watch refuses a user without CAP_NET_ADMIN and says the module is
#    not loaded when it is not.
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
need_built
EVQ=$REPO/tests/vm/evq.py
CONN=$WORK/conn
cc -std=c11 -O2 -Wall -Wextra -Werror -o "$CONN" "$REPO/tests/vm/conn.c" ||
	bail "tests/vm/conn.c builds"
bash_bin=$(readlink -f /bin/bash)

evq() { "${PY[@]}" "$EVQ" "$@"; }
# kstat NAME: one line of 'netanomctl stats', without python.
kstat() { "$CTL" stats | awk -v k="$1" '$1 == k { print $2 }'; }
# count FILE PREFIX: events whose exe starts with PREFIX, without starting
# python (watch --json writes compact JSON: "exe":"...").
count() { grep -c -F "\"exe\":\"$2" "$1" || true; }

# start_watch FILE: netanomctl watch --json >FILE in the background, and
# wait until it is subscribed: copies of conn connect until one of their
# events shows up.  Sets CANARIES to the prefix of their paths.
start_watch() {
	local out=$1 i
	"$CTL" watch --json >"$out" 2>"$out.err" &
	WATCH_PID=$!
	BG_PIDS+=("$WATCH_PID")
	CANARIES=$WORK/canary-$(basename "$out")-
	for i in $(seq 60); do
		copy_prog "$CONN" "$CANARIES$i"
		"$CANARIES$i" "$PEER4" "$UDP_PORT"
		sleep 0.2
		if [ "$(count "$out" "$CANARIES")" -gt 0 ]; then return 0; fi
	done
	bail "watch receives events" "no canary event in 12 s: $(cat "$out.err")"
}

# stop_watch: SIGINT, as Ctrl-C; watch must exit 0.
stop_watch() {
	local rc=0
	kill -INT "$WATCH_PID"
	wait "$WATCH_PID" || rc=$?
	expect_eq "watch exits 0 on SIGINT" "$rc" 0
}

# sync_watch FILE: one more new executable, whose event arrives after
# every event caused before it (one queue, one sender, in order).
SYNCS=0
sync_watch() {
	local i
	SYNCS=$((SYNCS + 1))
	copy_prog "$CONN" "$WORK/sync$SYNCS"
	"$WORK/sync$SYNCS" "$PEER4" "$UDP_PORT"
	for i in $(seq 50); do
		[ "$(count "$1" "$WORK/sync$SYNCS\"")" -gt 0 ] && return 0
		sleep 0.1
	done
	fail "sync event $SYNCS arrives" "not within 5 s"
}

# --- 1. the fields of one event ------------------------------------------
load_module
start_watch "$WORK/ev.json"
copy_prog "$bash_bin" "$WORK/fresh"
before=$(date +%s%N)
# shellcheck disable=SC2016 # $$ and $PPID are fresh's own
ids=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$WORK/fresh" -c \
	'echo $$ $PPID; exec 3<>/dev/tcp/'"$PEER4/$HTTP_PORT" 2>/dev/null) || true
after=$(date +%s%N)
read -r pid ppid <<<"$ids"
sync_watch "$WORK/ev.json"
# Every field of fresh's event at once: python starts slowly under TCG.
fields=(kind pid tid ppid uid dev ino comm address port family time_ns)
mapfile -t vals < <(evq "$WORK/ev.json" get "$WORK/fresh" "${fields[@]}")
declare -A EV
for i in "${!fields[@]}"; do EV[${fields[$i]}]=${vals[$i]:-}; done
ev() { echo "${EV[$1]}"; }
expect_eq "one event for the new program" "$(ev kind)" tcp4
expect_eq "event pid is the process" "$(ev pid)" "$pid"
expect_eq "event tid is its only thread" "$(ev tid)" "$pid"
expect_eq "event ppid is its parent" "$(ev ppid)" "$ppid"
expect_eq "event uid is 65534" "$(ev uid)" 65534
expect_eq "event dev is st_dev" "$(ev dev)" "$(stat -c %d "$WORK/fresh")"
expect_eq "event ino is st_ino" "$(ev ino)" "$(stat -c %i "$WORK/fresh")"
expect_eq "event comm" "$(ev comm)" fresh
expect_eq "event address" "$(ev address)" "$PEER4"
expect_eq "event port" "$(ev port)" "$HTTP_PORT"
expect_eq "event family is AF_INET" "$(ev family)" 2
t=$(ev time_ns)
check "event time lies within the run ($before <= $t <= $after)" \
	test "$before" -le "${t:-0}" -a "${t:-0}" -le "$after"

# --- 2. a known program: no second event ---------------------------------
"$WORK/fresh" -c "exec 3<>/dev/tcp/$PEER4/$HTTP_PORT" 2>/dev/null || true
"$WORK/fresh" -c "echo x >/dev/udp/$PEER4/$UDP_PORT" 2>/dev/null || true
sync_watch "$WORK/ev.json"
expect_eq "a known program gives no second event" \
	"$(count "$WORK/ev.json" "$WORK/fresh\"")" 1
expect_eq "every line is a JSON object" "$(evq "$WORK/ev.json" bad)" 0
stop_watch
n=$(wc -l <"$WORK/ev.json")
expect_eq "stats: events_sent is the lines watch printed" "$(kstat events_sent)" "$n"
expect_eq "stats: nothing dropped" "$(kstat events_dropped)" 0

# --- 3. the rate limit, exactly -----------------------------------------
# No refill: the burst is all there ever is.  Canaries and the ten new
# programs are the only new executables while watch listens.
load_module event_rate=0 event_burst=4
start_watch "$WORK/limit.json"
for i in $(seq 10); do
	copy_prog "$CONN" "$WORK/new$i"
	"$WORK/new$i" "$PEER4" "$UDP_PORT"
done
# Wait (no more than 15 s) until every event is sent or dropped: one the
# worker has not sent yet when watch stops would be neither.
settled() {
	[ $(($(kstat events_sent) + $(kstat events_dropped))) -eq \
		$(($(count "$1" "$CANARIES") + $2)) ]
}
wait_settled() {
	local i
	for i in $(seq 75); do settled "$1" "$2" && return 0; sleep 0.2; done
	fail "events settle" "sent + dropped never reached canaries + $2"
}
wait_settled "$WORK/limit.json" 10
canaries=$(count "$WORK/limit.json" "$CANARIES")
stop_watch
expect_eq "burst 4, rate 0: 4 events sent" "$(kstat events_sent)" 4
expect_eq "watch printed those 4" "$(wc -l <"$WORK/limit.json")" 4
expect_eq "every other new executable counted as dropped" \
	"$(kstat events_dropped)" $((canaries + 10 - 4))

# Refill at 2/s from a bucket of 2, full when the module was loaded.
loaded=$(date +%s%N)
load_module event_rate=2 event_burst=2
start_watch "$WORK/rate.json"
for i in $(seq 12); do
	copy_prog "$CONN" "$WORK/r$i"
	"$WORK/r$i" "$PEER4" "$UDP_PORT"
done
wait_settled "$WORK/rate.json" 12
done_at=$(date +%s%N)
canaries=$(count "$WORK/rate.json" "$CANARIES")
stop_watch
sent=$(kstat events_sent)
dropped=$(kstat events_dropped)
# Whole seconds, rounded up: the bound may only be generous.
secs=$(((done_at - loaded + 999999999) / 1000000000))
check "rate 2, burst 2: sent $sent <= 2 + 2 * ${secs}s" test "$sent" -le $((2 + 2 * secs))
expect_eq "sent + dropped = new executables while listened to" \
	$((sent + dropped)) $((canaries + 12))

# --- 4. errors -----------------------------------------------------------
set +e
setpriv --reuid=65534 --regid=65534 --clear-groups "$CTL" watch \
	>"$WORK/out" 2>"$WORK/err"
rc=$?
set -e
expect_eq "watch as uid 65534 exits 1" "$rc" 1
check "and names CAP_NET_ADMIN" grep -q CAP_NET_ADMIN "$WORK/err"
rmmod netanom
set +e
"$CTL" watch >"$WORK/out" 2>"$WORK/err"
rc=$?
set -e
expect_eq "watch without the module exits 1" "$rc" 1
check "and says it is not loaded" grep -q "not loaded" "$WORK/err"

finish
