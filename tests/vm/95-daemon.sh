#!/bin/bash
# netanomd end to end: the daemon (bucket_span 2s, min_buckets 5) learns a
# steady benign workload -- two programs (copies of bash) connecting to the
# peer in every bucket -- and is killed with SIGKILL and restarted on the
# way, which must keep its baseline, and the module is unloaded and
# loaded again under it.  Then a copy of curl under /tmp with
# an innocuous name connects once: exactly one alert, for it, within two
# buckets, with the ECS fields; none for the benign programs; and
# "netanomctl explain" calls it a first occurrence.  The daemon's default
# [exclude] destinations reach the module, reloaded too.  SIGTERM stops the
# daemon with exit status 0.
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
need_built
NETANOMD=${NETANOMD:-$REPO/build/bin/netanomd}
[ -x "$NETANOMD" ] || bail "netanomd built" "$NETANOMD missing (make userspace)"
SPAN=2
DB=$WORK/state/netanom.db
ALERTS=$WORK/alerts.ndjson
LOG=$WORK/netanomd.log
daemon_conf "${SPAN}s" "$ALERTS" "$DB"

start_peer_server
load_module

# The benign workload: two programs of their own, each connecting (with a
# real HTTP exchange) about four times per bucket.
for name in benign-a benign-b; do
	copy_prog "$(readlink -f /bin/bash)" "$WORK/$name"
	"$WORK/$name" -c "while :; do
		exec 3<>/dev/tcp/$PEER4/$HTTP_PORT || exit 1
		printf 'GET / HTTP/1.0\r\n\r\n' >&3; cat <&3 >/dev/null
		exec 3<&-; sleep 0.5
	done" &
	BG_PIDS+=($!)
done

DPID=
start_daemon() {
	"$NETANOMD" --foreground --config "$WORK/netanomd.conf" >>"$LOG" 2>&1 &
	DPID=$!
	BG_PIDS+=("$DPID")
}

# observed: buckets the daemon has scored, from its database.
observed() {
	"$CTL" baseline --json --database "$DB" 2>/dev/null |
		"${PY[@]}" -c 'import json,sys; print(json.load(sys.stdin)["buckets_observed"])' 2>/dev/null ||
		echo 0
}

# wait_observed N SECONDS: until the daemon has scored N buckets.
wait_observed() {
	local i
	for i in $(seq $(($2 * 2))); do
		[ "$(observed)" -ge "$1" ] && return 0
		sleep 0.5
		: "$i"
	done
	return 1
}

# alert_lines: the executable alerts (the rmmod below also raises a
# tamper alert, counted by tamper_lines).
alert_lines() {
	if [ -f "$ALERTS" ]; then grep -vc 'netanom tamper: ' "$ALERTS" || true; else echo 0; fi
}
tamper_lines() {
	if [ -f "$ALERTS" ]; then grep -c 'netanom tamper: ' "$ALERTS" || true; else echo 0; fi
}

start_daemon
check "the daemon scores its first buckets" wait_observed 3 60
before=$(observed)
# It handed its default [exclude] destinations to the module.
check "the module has the daemon's destination list" \
	bash -c "'$CTL' config | grep -qx 'exclude_dests 127.0.0.0/8 ::1/128 ::/128'"

# kill -9 mid-run, and a restart: the baseline continues.
kill -9 "$DPID"
wait "$DPID" 2>/dev/null || true
after_kill=$(observed)
check "after kill -9 the database keeps the buckets scored ($before)" \
	test "$after_kill" -ge "$before"
start_daemon
check "the restarted daemon continues the baseline" \
	wait_observed $((after_kill + 1)) 30
check "the restarted daemon did not start over" \
	test "$(observed)" -gt "$after_kill"

# The module unloaded and loaded again under the running daemon: it says
# so once, says once that it is back, and goes on scoring.
wait_observed 5 60 || true
rmmod netanom || fail "rmmod netanom under the daemon"
sleep $((SPAN * 2 + 1))
load_module
gone=$(observed)
check "scoring goes on after the module came back" wait_observed $((gone + 2)) 60
check "the reloaded module has the daemon's destination list again" \
	bash -c "'$CTL' config | grep -qx 'exclude_dests 127.0.0.0/8 ::1/128 ::/128'"
expect_eq "the log says once that the module is gone" \
	"$(grep -cE 'not loaded|lost the netanom module' "$LOG")" 1
expect_eq "the log says once that it is back" \
	"$(grep -c 'reachable again' "$LOG")" 1
expect_eq "rmmod under the daemon: one tamper alert, module unloaded" \
	"$(grep -c '"name":"netanom tamper: module unloaded"' "$ALERTS" 2>/dev/null)" 1
expect_eq "rmmod under the daemon: no other tamper alert" "$(tamper_lines)" 1

# Learning over (5 buckets), and the benign programs learned as common.
check "the daemon has scored 8 buckets" wait_observed 8 60
expect_eq "no alert for the benign workload" "$(alert_lines)" 0

# The newcomer: a copy of curl under /tmp, one connect.
new=$WORK/update-check
copy_prog /usr/bin/curl "$new"
t_connect=$(date +%s.%N)
"$new" -sS --max-time 20 "http://$PEER4:$HTTP_PORT/" >"$WORK/new.out" ||
	echo "the new program's connect failed"
check "the new program gets the peer's answer" body_ok "$WORK/new.out"

for i in $(seq $((SPAN * 2 * 3 + 10))); do
	[ "$(alert_lines)" -ge 1 ] && break
	sleep 0.5
	: "$i"
done
# One more bucket: nothing else may follow.
sleep $((SPAN + 1))
expect_eq "exactly one alert in all" "$(alert_lines)" 1

check_alert "$ALERTS" exe="$new" t_connect="$t_connect" span="$SPAN" \
	krel="$(uname -r)" peer="$PEER4" port="$HTTP_PORT" <<'EOF'
checks = [
    ("the alert is for the new program", get("process.executable") == exe),
    ("process.name is its file name", get("process.name") == exe.rsplit("/", 1)[1]),
    ("process.pid is a number", isinstance(get("process.pid"), int) and get("process.pid") > 0),
    ("user.id is root's", get("user.id") == "0"),
    ("destination.ip and port are the peer's", get("destination.ip") == peer and get("destination.port") == int(port)),
    ("network.type ipv4, transport tcp", get("network.type") == "ipv4" and get("network.transport") == "tcp"),
    ("event.kind alert", get("event.kind") == "alert"),
    ("event.category [network], type [start]", get("event.category") == ["network"] and get("event.type") == ["start"]),
    ("event.module netanom", get("event.module") == "netanom"),
    ("event.severity, risk_score, reason", isinstance(get("event.severity"), int) and isinstance(get("event.risk_score"), (int, float)) and exe in (get("event.reason") or "")),
    ("rule.name and rule.id", get("rule.name") == "Unusual Linux Network Activity" and bool(get("rule.id"))),
    ("host.name, host.os.type linux, host.os.kernel", bool(get("host.name")) and get("host.os.type") == "linux" and get("host.os.kernel") == krel),
    ("netanom.score >= 50 and initial_score", get("netanom.score") >= 50 and get("netanom.initial_score") == get("netanom.score")),
    ("netanom.first_occurrence and connects 1", get("netanom.first_occurrence") is True and get("netanom.connects") == 1),
    ("netanom probability, buckets_active, buckets_observed", get("netanom.probability") < 0.035 and get("netanom.buckets_active") == 0 and get("netanom.buckets_observed") >= 7),
    ("raised within two buckets of the connect", 0 <= ts(get("@timestamp")) - float(t_connect) <= 2 * int(span) + 1),
]
EOF

if "$CTL" explain "$new" --database "$DB" >"$WORK/explain.txt" 2>&1; then
	check "netanomctl explain says first occurrence" grep -q "first occurrence" "$WORK/explain.txt"
else
	fail "netanomctl explain succeeds" "$(cat "$WORK/explain.txt")"
fi
cat "$WORK/explain.txt"
"$CTL" alerts --database "$DB" || true

# SIGTERM: the daemon finishes its bucket and exits 0.
kill -TERM "$DPID"
rc=0
for i in $(seq 40); do
	kill -0 "$DPID" 2>/dev/null || break
	sleep 0.5
	: "$i"
done
wait "$DPID" || rc=$?
expect_eq "SIGTERM: netanomd exits 0" "$rc" 0
check "the log says it stopped" grep -q "stopped" "$LOG"
sed 's/^/netanomd: /' "$LOG"
finish
