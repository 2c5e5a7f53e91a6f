#!/bin/bash
# The JSON of show and stats, the last_* fields, reset and config:
#   - show --json: an array of objects with exactly the documented keys and
#     types, RFC 3339 UTC times; stats --json: the six documented counters;
#   - last_pid, last_uid and last_dest follow the latest connect;
#     first_seen stays, last_seen moves on; comm is the first process's,
#     cut to 15 bytes;
#   - reset empties the table; config prints and changes settings, and with
#     "enabled" off connects are seen (hits) but not counted;
#   - show --json > /dev/full fails with exit status 1 and says why.
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
need_built
start_peer_server
long=$WORK/a-very-long-executable-name
copy_prog "$PYTHON" "$long"
load_module

# connect_py UID FAMILY-ADDRESS: one TCP connect by the python3 copy as UID,
# with an HTTP exchange, so the peer server has accepted it (and counted
# the accept, when counting is on) by the time this returns; prints the
# connecting process's pid.
connect_py() {
	setpriv --reuid="$1" --regid="$1" --clear-groups "$long" -c '
import socket, sys, os
host, port = sys.argv[1], int(sys.argv[2])
fam = socket.AF_INET6 if ":" in host else socket.AF_INET
with socket.socket(fam, socket.SOCK_STREAM) as s:
    s.settimeout(20)
    s.connect((host, port))
    s.sendall(b"GET / HTTP/1.0\r\n\r\n")
    s.makefile("rb").read()
print(os.getpid())
' "$2" "$HTTP_PORT"
}

pid1=$(connect_py 65534 "$PEER6") || pid1=none
snap first
expect <<EOF
shape json_shape_with_the_entry_and_the_peer_server
entry last_fields_of_an_IPv6_connect_by_uid_65534 $long connects=1 tcp6=1 last_pid=$pid1 last_uid=65534 last_dest=[$PEER6]:$HTTP_PORT exe=@real
entry comm_is_the_first_15_bytes_of_the_name $long comm=a-very-long-exe
entry the_peer_server_accepted_it $PEER_SERVER accept=1 connects=0
stats stats_after_one_connect_and_its_accept entries=2 dropped=0 alloc_failures=0 hits>=1 bytes>=1
EOF
first_seen=$(getv "$long" first_seen)
last_seen1=$(getv "$long" last_seen)
max=$(cat /sys/module/netanom/parameters/max_entries)
expect <<EOF
stats max_entries_is_the_module_parameter max_entries=$max
EOF

# Time moves on between the two connects; the clock is read in ns, so a
# second is plenty.
sleep 1.1
pid2=$(connect_py 0 "$PEER4") || pid2=none
snap second
expect <<EOF
shape json_shape_after_a_second_connect
entry last_fields_follow_the_latest_connect $long connects=2 tcp6=1 tcp4=1 last_pid=$pid2 last_uid=0 last_dest=$PEER4:$HTTP_PORT
entry first_seen_stays $long first_seen=$first_seen
EOF
last_seen2=$(getv "$long" last_seen)
check "last_seen moves on ($last_seen1 -> $last_seen2)" test "$last_seen2" \> "$last_seen1"
check "the pids of the two connects differ" test "$pid1" != "$pid2"

# A failed write is an error, not a quiet success: the output is small
# enough to sit in the buffers until the final flush.
set +e
"$CTL" show --json >/dev/full 2>"$WORK/full.err"
rc=$?
set -e
expect_eq "show --json > /dev/full exits 1" "$rc" 1
check "show --json > /dev/full says why" grep -q "error writing the output" "$WORK/full.err"

# The text outputs work too.
check "netanomctl stats prints the counters" sh -c "'$CTL' stats | grep -q entries"
check "netanomctl show prints the entry" sh -c "'$CTL' show | grep -q '$long'"

# config: text, JSON, and changes.
"$CTL" config | tee "$WORK/config.txt"
check "config shows enabled on" grep -Eq '^enabled +on$' "$WORK/config.txt"
check "config shows count_unix off" grep -Eq '^count_unix +off$' "$WORK/config.txt"
config_json() {
	"$CTL" config --json | "${PY[@]}" -c 'import json,sys; d=json.load(sys.stdin); print(sorted(d.items()))'
}
expect_eq "config --json" "$(config_json)" "[('count_unix', False), ('enabled', True), ('exclude_dests', []), ('exclude_uids', [])]"
check "config count_unix 1 succeeds" "$CTL" config count_unix 1
expect_eq "config --json after count_unix 1" "$(config_json)" "[('count_unix', True), ('enabled', True), ('exclude_dests', []), ('exclude_uids', [])]"
check "config count_unix off succeeds" "$CTL" config count_unix off
check "config enabled 0 succeeds" "$CTL" config enabled 0
expect_eq "config --json after enabled 0" "$(config_json)" "[('count_unix', False), ('enabled', False), ('exclude_dests', []), ('exclude_uids', [])]"
set +e
"$CTL" config no_such_key 1 2>"$WORK/err"
rc=$?
set -e
expect_eq "config with an unknown key is a usage error (exit 2)" "$rc" 2

# Disabled: the connect is seen (hits) but not counted.
hits=$(stat_of hits)
connect_py 0 "$PEER4" >/dev/null || echo "connect failed"
snap disabled
expect <<EOF
entry disabled_counts_nothing $long connects=2
stats disabled_still_counts_hits hits>=$((hits + 1))
EOF
check "config enabled 1 succeeds" "$CTL" config enabled 1
connect_py 0 "$PEER4" >/dev/null || echo "connect failed"
snap enabled-again
expect <<EOF
entry enabled_again_counts $long connects=3 tcp4=2
entry the_peer_server_accept_while_disabled_was_not_counted $PEER_SERVER accept=3
EOF

# reset empties the table; the next connect starts from zero.
check "netanomctl reset succeeds" "$CTL" reset
snap reset
expect <<EOF
empty reset_empties_the_table
EOF
check "show --json after reset is exactly []" "${PY[@]}" -c 'import json,sys; sys.exit(json.load(open(sys.argv[1])) != [])' "$SNAP/show.json"
connect_py 0 "$PEER4" >/dev/null || echo "connect failed"
snap after-reset
expect <<EOF
entry counts_restart_after_reset $long connects=1 tcp4=1 tcp6=0
EOF

finish
