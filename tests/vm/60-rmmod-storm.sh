#!/bin/bash
# Unload under load: two connect storms, one pinned to each CPU, and a loop
# that keeps starting new executables (so entries are being inserted) run
# while the module is unloaded and loaded again four times.  Every rmmod
# must succeed, the storms' connects must keep working throughout and after,
# and the kernel log must stay clean (the runner checks that).
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
need_built
start_peer_server
storm=$WORK/storm-py
copy_prog "$PYTHON" "$storm"
ncpu=$(nproc)
expect_eq "the guest has 2 CPUs" "$ncpu" 2

load_module

# New executables, one after the other, each a new file: inserts.
(
	i=0
	while [ ! -e "$WORK/stop" ]; do
		i=$((i + 1))
		cp "$(readlink -f /bin/bash)" "$WORK/new$i"
		"$WORK/new$i" -c "exec 3<>/dev/udp/$PEER4/$UDP_PORT" 2>/dev/null || true
		rm -f "$WORK/new$i"
	done
	echo "$i new executables started"
) &
inserter=$!
BG_PIDS+=("$inserter")

storms=()
for cpu in 0 1; do
	# nice: under TCG, two storms at full priority starve the scenario's
	# own commands for many seconds.
	taskset -c "$cpu" nice -n 19 "$storm" "$REPO/tests/vm/storm.py" "$WORK/progress.$cpu" "$PEER4" "$PEER6" &
	storms+=($!)
	BG_PIDS+=($!)
done

# progress: the storms' total connects so far.
progress() {
	local total=0 n cpu
	for cpu in 0 1; do
		read -r n _ <"$WORK/progress.$cpu" || n=0
		total=$((total + n))
	done
	echo "$total"
}
for _ in $(seq 100); do
	[ -e "$WORK/progress.0" ] && [ -e "$WORK/progress.1" ] && break
	sleep 0.1
done
check "both storms run" test -e "$WORK/progress.0" -a -e "$WORK/progress.1"

h1=$(stat_of hits)
sleep 1
h2=$(stat_of hits)
echo "hits $h1 -> $h2"
check "the probe sees the storm (hits grow)" test "$h2" -gt "$h1"

# Dumps while the table is being updated.
dumps_ok=0
for _ in 1 2 3; do
	if "$CTL" show --json >"$WORK/dump.json" &&
		"${PY[@]}" -c 'import json,sys; assert isinstance(json.load(open(sys.argv[1])), list)' "$WORK/dump.json"; then
		dumps_ok=$((dumps_ok + 1))
	fi
done
expect_eq "show --json during the storm succeeds 3 of 3 times" "$dumps_ok" 3
snap during
expect <<EOF
entry storm_counted_during_the_storm $storm connects>=100 udp4>=1 udp6>=1 tcp4>=1 loopback>=1
EOF

rmmod_ok=0
insmod_ok=0
for cycle in 1 2 3 4; do
	if rmmod netanom && [ ! -d /sys/module/netanom ]; then
		rmmod_ok=$((rmmod_ok + 1))
	fi
	[ "$cycle" = 4 ] && break
	sleep 0.5
	if insmod "$MOD"; then insmod_ok=$((insmod_ok + 1)); fi
	sleep 0.5
done
expect_eq "rmmod under the storm succeeds 4 of 4 times" "$rmmod_ok" 4
expect_eq "insmod under the storm succeeds 3 of 3 times" "$insmod_ok" 3

# After the last unload the storms go on.
p1=$(progress)
sleep 1
p2=$(progress)
echo "storm connects $p1 -> $p2 after the last rmmod"
check "connects keep working after rmmod" test "$p2" -gt "$p1"
curl -sS --max-time 20 "http://$PEER4:$HTTP_PORT/" >"$WORK/curl.out"
check "curl works after rmmod" body_ok "$WORK/curl.out"

touch "$WORK/stop"
rcs=
for pid in "${storms[@]}"; do
	kill -TERM "$pid"
	set +e
	wait "$pid"
	rcs="$rcs $?"
	set -e
done
expect_eq "no storm connect failed unexpectedly" "$rcs" " 0 0"
cat "$WORK/progress.0" "$WORK/progress.1"
wait "$inserter" || true

finish
