#!/bin/bash
# Stress and fault injection: everything at once, for STRESS_SECONDS
# (default 60; make test-debug runs it longer on the debug kernel).
# On a busy host, setup and checks take minutes in a TCG guest:
# scenario-timeout: 420
#
# Phase 1, all at the same time:
#   - a connect storm pinned to each CPU (TCP to a listener in the guest,
#     UDP to the peer over IPv4 and IPv6);
#   - a stream of short-lived distinct executables (a fresh copy of a small
#     program each time), more of them than max_entries, so the table fills
#     and the rest is counted as dropped;
#   - continuous dumps (netanomctl show --json, checked to be valid JSON);
#   - config changes, exclusion list swaps and resets;
#   - a subscriber of the events group that reads one message a second;
#   - rmmod/insmod every few seconds.
# Resets and reloads stop for the last third, so that the table fills.
# Every connect's return code is checked by the program that made it: none
# may fail, whatever the module is doing.
#
# Phase 2, where the kernel has failslab (the debug kernel): the module's
# own allocations fail at random (failslab limited to tasks marked
# make-it-fail and to call stacks inside the module's text) while fresh
# executables connect.  No connect may fail, and the module's
# alloc_failures counter must account for every injected failure.
#
# At the end, where the kernel has kmemleak: unload, scan, and no leak may
# be reported.  The runner fails the scenario on BUG:, WARNING:, Oops or
# Call Trace in the kernel log, which covers KASAN, UBSAN, lockdep and
# "sleeping function called from invalid context" reports; the scenario
# names those explicitly too.
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
need_built

duration=${STRESS_SECONDS:-60}
# Small, so that the distinct executables overflow it within seconds of
# every reset and reload (the storms and the listener take 3 entries).
max_entries=4
# Fresh executables connecting during failslab injection.
faults_exes=${STRESS_FAULT_EXES:-60}
cycle_s=5
KMEMLEAK=/sys/kernel/debug/kmemleak
FAILSLAB=/sys/kernel/debug/failslab

expect_eq "the guest has 2 CPUs" "$(nproc)" 2
start_peer_server

# Built by make vm-test on the host; compiling in the guest is slow.
prog=$WORK/stress-connect
if [ "$REPO/build/tests/stress-connect" -nt "$REPO/tests/vm/stress-connect.c" ]; then
	cp "$REPO/build/tests/stress-connect" "$prog"
else
	cc -std=c11 -O2 -Wall -Wextra -Werror -o "$prog" "$REPO/tests/vm/stress-connect.c" ||
		bail "tests/vm/stress-connect.c builds"
fi

# Leaks reported before this scenario are not its own.  Two scans, as at
# the end: the first one that sees an object reports nothing.
if [ -w "$KMEMLEAK" ]; then
	echo scan >"$KMEMLEAK"
	echo scan >"$KMEMLEAK"
	echo clear >"$KMEMLEAK"
fi
klog_start=$(dmesg | wc -l)

echo "# ${SECONDS}s: set up, loading the module"
load_module max_entries=$max_entries

listener=$WORK/listener
copy_prog "$prog" "$listener"
"$listener" listen "$WORK/port" &
listener_pid=$!
BG_PIDS+=("$listener_pid")
for _ in $(seq 100); do [ -s "$WORK/port" ] && break; sleep 0.1; done
port=$(cat "$WORK/port" 2>/dev/null) || bail "the listener starts" "no $WORK/port"

stopped() { [ -e "$WORK/stop" ]; }

storms=()
for cpu in 0 1; do
	copy_prog "$prog" "$WORK/storm$cpu"
	# nice: under TCG, two storms at full priority starve the rest.
	taskset -c "$cpu" nice -n 19 "$WORK/storm$cpu" storm "$port" "$PEER4" "$PEER6" "$WORK/progress.$cpu" &
	storms+=($!)
	BG_PIDS+=($!)
done

# distinct_exes DIR OUT: fresh copies of the program connect once each,
# until stopped; OUT gets "<started> <failed>".
distinct_exes() {
	local dir=$1 out=$2 i=0 failed=0
	mkdir -p "$dir"
	while ! stopped; do
		i=$((i + 1))
		cp "$prog" "$dir/x$i"
		"$dir/x$i" once "$port" "$PEER4" || failed=$((failed + 1))
		rm -f "$dir/x$i"
		echo "$i $failed" >"$out"
	done
}
distinct_exes "$WORK/exes" "$WORK/distinct" &
helpers=($!)
BG_PIDS+=($!)

# Dumps, until stopped; one may fail while the module is unloaded.  The
# last ten that succeeded are kept, to be checked as JSON at the end (a
# python per dump would slow the guest down too much).  Out: successes.
(
	ok=0
	while ! stopped; do
		if "$CTL" show --json >"$WORK/dump.tmp" 2>/dev/null; then
			mv "$WORK/dump.tmp" "$WORK/dump.$((ok % 10)).json"
			ok=$((ok + 1))
		fi
		echo "$ok" >"$WORK/dumps"
	done
) &
helpers+=($!)
BG_PIDS+=($!)

# Configuration changes and resets, until stop-config.  Any of them fails
# while the module is unloaded.  Out: "<changes> <resets>" that succeeded.
(
	changes=0 resets=0
	ctl() { "$CTL" "$@" >/dev/null 2>&1; }
	while ! stopped && [ ! -e "$WORK/stop-config" ]; do
		ctl reset && resets=$((resets + 1))
		ctl config count_unix on && changes=$((changes + 1))
		ctl exclude dests 203.0.113.0/24,2001:db8:ffff::/48 uids 65534 && changes=$((changes + 1))
		ctl config enabled off && changes=$((changes + 1))
		ctl config enabled on && changes=$((changes + 1))
		ctl exclude clear && changes=$((changes + 1))
		ctl config count_unix off && changes=$((changes + 1))
		echo "$changes $resets" >"$WORK/config-rounds"
		sleep 1
	done
) &
config_pid=$!
helpers+=($!)
BG_PIDS+=($!)

"${PY[@]}" "$REPO/tests/vm/slow-subscriber.py" "$WORK/stop" "$WORK/subscriber" &
helpers+=($!)
BG_PIDS+=($!)

# rmmod/insmod cycles and resets for the first two thirds of the duration;
# in the last third the table is left alone to fill up.
cycles=0 rmmod_ok=0 insmod_ok=0
echo "# ${SECONDS}s: everything runs; rmmod/insmod every ${cycle_s}s"
end=$((SECONDS + duration))
while [ $((end - SECONDS)) -gt $((duration / 3 + cycle_s)) ]; do
	sleep "$cycle_s"
	cycles=$((cycles + 1))
	if rmmod netanom && [ ! -d /sys/module/netanom ]; then
		rmmod_ok=$((rmmod_ok + 1))
	fi
	sleep 0.5
	if insmod "$MOD" max_entries=$max_entries; then insmod_ok=$((insmod_ok + 1)); fi
done
touch "$WORK/stop-config"
# The config loop may have stopped with counting off: wait for it, then on.
wait "$config_pid" || true
"$CTL" config enabled on >/dev/null
echo "# ${SECONDS}s: no more resets or reloads"
while [ "$SECONDS" -lt "$end" ]; do sleep 1; done
echo "# $cycles rmmod/insmod cycles in ${duration}s"
check "rmmod/insmod cycles ran" test "$cycles" -ge 1
expect_eq "every rmmod under the storm succeeds" "$rmmod_ok" "$cycles"
expect_eq "every insmod under the storm succeeds" "$insmod_ok" "$cycles"

# With resets stopped, the distinct executables have filled the table (a
# slow guest may need a little longer).
for _ in $(seq 240); do
	[[ $("$CTL" stats --json) =~ \"dropped\":\ *([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -gt 0 ] && break
	sleep 0.5
done
snap overflow
expect <<EOF
stats table_full_and_the_rest_dropped entries=$max_entries max_entries=$max_entries dropped>=1
EOF

echo "# ${SECONDS}s: stopping"
touch "$WORK/stop"
rcs=
for pid in "${storms[@]}"; do
	kill -TERM "$pid"
	set +e
	wait "$pid"
	rcs="$rcs $?"
	set -e
done
expect_eq "no storm connect failed" "$rcs" " 0 0"
read -r n0 e0 <"$WORK/progress.0" || n0=0
read -r n1 e1 <"$WORK/progress.1" || n1=0
echo "# storm connects: cpu0 $n0 (errors ${e0:-?}), cpu1 $n1 (errors ${e1:-?})"
check "both storms connected" test "$n0" -gt 0 -a "$n1" -gt 0
wait "${helpers[@]}" || true
read -r started failed <"$WORK/distinct" || started=0
echo "# distinct executables: $started started, $failed failed a connect"
check "more distinct executables than max_entries ($max_entries)" test "$started" -gt "$max_entries"
expect_eq "no distinct executable's connect failed" "$failed" 0
ok=$(cat "$WORK/dumps" 2>/dev/null || echo 0)
echo "# dumps: $ok succeeded"
check "dumps succeeded during the storm" test "$ok" -ge 1
check "the last dumps are JSON arrays" "${PY[@]}" -c '
import glob, json, sys
files = glob.glob(sys.argv[1] + "/dump.*.json")
assert files and all(isinstance(json.load(open(f)), list) for f in files)' "$WORK"
read -r changes resets <"$WORK/config-rounds" || changes=0
echo "# config and exclusion changes: $changes, resets: $resets"
check "config and exclusion changes ran" test "$changes" -ge 1
check "resets ran" test "${resets:-0}" -ge 1
read -r joins messages <"$WORK/subscriber" || joins=0
echo "# events subscriber: $joins joins, $messages messages read"
check "the events subscriber joined the group" test "$joins" -ge 1
check "the events subscriber received events" test "${messages:-0}" -ge 1

# Phase 2: failslab on the module's allocations.
#
# Three filters together make failslab fail the module's allocations and
# nothing else, so that its count of injected failures ("times" going down)
# can be compared with the module's alloc_failures:
#   - task-filter: only tasks marked make-it-fail (the fresh executables
#     below and the listener, whose accepts defer a first sight);
#   - require-start/end: only call stacks through the module's text;
#   - cache-filter: only the kmalloc caches, where every allocation of the
#     module comes from.  Without it, kmemleak's own metadata (allocated
#     from its kmemleak_object cache, on the module's call stack, right
#     after each allocation of the module) fails too, and falls back to
#     kmemleak's pool: injected failures the module never sees.
# The per-cache switch refuses a cache merged with others (EINVAL), hence
# slab_nomerge on the debug kernel's command line (scripts/vm.sh).
if [ -w "$FAILSLAB/probability" ]; then
	echo "# ${SECONDS}s: failslab"
	# knob FILE VALUE: set one fault-injection knob, or stop, naming it.
	knob() {
		local err
		if ! err=$({ echo "$2" >"$1"; } 2>&1); then
			bail "failslab set up: $2 > $1" "$err"
		fi
	}
	load_module
	# (Not "read lo hi": on a line without its newline read fails, and
	# set -e ended the scenario here without a word.)
	text=$(awk '$4 == "[netanom]" && ($2 == "t" || $2 == "T") { print $1 }' /proc/kallsyms | sort)
	text_lo=$(head -n 1 <<<"$text")
	text_hi=$(tail -n 1 <<<"$text")
	if [ -z "$text_lo" ] || [ -z "$text_hi" ]; then
		bail "the module's text is in /proc/kallsyms"
	fi
	kmalloc_caches=(/sys/kernel/slab/kmalloc-*)
	[ -e "${kmalloc_caches[0]}/failslab" ] ||
		bail "the kmalloc caches have a failslab switch" "no ${kmalloc_caches[0]}/failslab"
	times=1000000
	knob "$FAILSLAB/probability" 0
	knob "$FAILSLAB/verbose" 0
	knob "$FAILSLAB/task-filter" Y
	knob "$FAILSLAB/ignore-gfp-wait" Y
	knob "$FAILSLAB/space" 0
	knob "$FAILSLAB/interval" 1
	knob "$FAILSLAB/stacktrace-depth" 32
	knob "$FAILSLAB/require-start" "0x$text_lo"
	# The last function's start plus a page covers its body.
	knob "$FAILSLAB/require-end" "$(printf '0x%x' $((0x$text_hi + 4096)))"
	for c in "${kmalloc_caches[@]}"; do knob "$c/failslab" 1; done
	knob "$FAILSLAB/cache-filter" Y
	knob "$FAILSLAB/times" "$times"
	knob "$FAILSLAB/probability" 50
	af0=$(stat_of alloc_failures)
	# Accepts grafted in the listener defer a first sight; fail those too.
	knob "/proc/$listener_pid/make-it-fail" 1
	rm -f "$WORK/stop" "$WORK/distinct"
	(
		echo 1 >/proc/self/make-it-fail
		i=0 failed=0
		while [ "$i" -lt "$faults_exes" ]; do
			i=$((i + 1))
			cp "$prog" "$WORK/exes/f$i"
			"$WORK/exes/f$i" once "$port" "$PEER4" || failed=$((failed + 1))
			rm -f "$WORK/exes/f$i"
		done
		echo "$i $failed" >"$WORK/faulted"
	)
	knob "$FAILSLAB/probability" 0
	knob "/proc/$listener_pid/make-it-fail" 0
	left=$(cat "$FAILSLAB/times")
	knob "$FAILSLAB/task-filter" N
	knob "$FAILSLAB/cache-filter" N
	for c in "${kmalloc_caches[@]}"; do knob "$c/failslab" 0; done
	injected=$((times - left))
	# Deferred first sights run in a worker; let them finish.
	sleep 1
	af1=$(stat_of alloc_failures)
	read -r started failed <"$WORK/faulted"
	echo "# failslab: $started executables, $injected allocations failed, alloc_failures $af0 -> $af1"
	check "failslab injected failures into the module" test "$injected" -ge 1
	expect_eq "no connect failed under failslab" "$failed" 0
	expect_eq "alloc_failures counts every injected failure" "$((af1 - af0))" "$injected"
	snap after-faults
	expect <<EOF
shape after_failslab_the_dump_is_well_formed
EOF
else
	echo "# $KREL has no failslab: fault injection skipped (make test-debug runs it)"
fi

echo "# ${SECONDS}s: final unload and checks"
rmmod netanom
check "the module unloads at the end" test ! -d /sys/module/netanom

if [ -w "$KMEMLEAK" ]; then
	# kmemleak reports objects at least 5 s old, and only those whose
	# contents did not change since the previous scan: the first scan
	# that sees an object only takes its checksum.  One scan reported
	# nothing with every path buffer of the probe leaked
	# (tests/debug/bugs/kmemleak-leak.patch); hence two.
	sleep 6
	echo scan >"$KMEMLEAK"
	echo scan >"$KMEMLEAK"
	cat "$KMEMLEAK" >"$WORK/kmemleak"
	if [ -s "$WORK/kmemleak" ]; then
		fail "kmemleak reports no leak" "$(head -n 40 "$WORK/kmemleak")"
	else
		pass "kmemleak reports no leak"
	fi
else
	echo "# $KREL has no kmemleak: leak scan skipped (make test-debug runs it)"
fi

dmesg | tail -n +"$((klog_start + 1))" |
	grep -E 'BUG: KASAN|UBSAN:|possible circular locking|inconsistent lock state|lock order detected|possible recursive locking|sleeping function called from invalid context|suspected memory leak' >"$WORK/reports" || true
if [ -s "$WORK/reports" ]; then
	fail "no KASAN, UBSAN, lockdep, sleep-in-atomic or kmemleak report" "$(head -n 20 "$WORK/reports")"
else
	pass "no KASAN, UBSAN, lockdep, sleep-in-atomic or kmemleak report"
fi

finish
