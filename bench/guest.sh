#!/bin/bash
# The benchmark inside the test guest (run by bench/run.sh through
# scripts/vm.sh; never on the host: it loads the module).
#
#   bench/guest.sh OUTFILE ROUNDS UDP_ITERS TCP_ITERS SCALES
#
# Appends one line per figure to OUTFILE, "key=value" words; bench/report.py
# turns them into bench/results/<kernel>.md.  Any arm that did not see the
# connects it was run for stops the run with an error: no number is written
# for it.  Under QEMU -icount, every *_ns figure is guest instructions.
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/../scripts/help.sh"
set -eu

if [ "${NETANOM_VM:-}" != 1 ] || ! grep -q 'netanom_vm_run=' /proc/cmdline; then
	echo "$0: runs inside the test guest only (bench/run.sh)" >&2
	exit 2
fi
[ $# -eq 5 ] || { echo "usage: $0 OUTFILE ROUNDS UDP_ITERS TCP_ITERS SCALES" >&2; exit 2; }
out=$1 rounds=$2 udp_iters=$3 tcp_iters=$4 scales=$5

repo=$(cd "$(dirname "$0")/.." && pwd -P)
krel=$(uname -r)
mod=$repo/build/kmod/$krel/kmod/netanom.ko
ctl=$repo/build/bin/netanomctl
b=$repo/build/bench
work=$(mktemp -d /tmp/bench.XXXXXX)
for f in "$mod" "$ctl" "$b/connbench" "$b/chain" "$b/dumpbench" "$b/crngstate"; do
	[ -e "$f" ] || { echo "bench: $f missing (make bench builds it)" >&2; exit 1; }
done
# A copy on tmpfs: the hit is on the same file for every arm, not on 9p.
cp "$b/connbench" "$work/connbench"
cb=$work/connbench

emit() { echo "$*" >>"$out"; echo "bench: $*"; }
now() { date +%s%N; }
die() { echo "bench: ERROR: $*" >&2; emit "error=$(echo "$*" | tr ' ' '_')"; exit 1; }

py() { python3 -S -c "$@"; }

# --- CPUs ------------------------------------------------------------------
# bench/run.sh boots some kernels with maxcpus=1 (6.1 hangs bringing up its
# second CPU at boot under -icount); bring the others up now.
for f in /sys/devices/system/cpu/cpu[0-9]*/online; do
	[ -e "$f" ] || continue
	[ "$(cat "$f")" = 1 ] && continue
	c=${f%/online}
	echo 1 >"$f" || die "could not bring up ${c##*/}"
	emit "cpu_onlined=${c##*/}"
done
emit "cpus=$(nproc)"

# --- CRNG ------------------------------------------------------------------
# Every UDP connect calls get_random_u16() (__ip4_datagram_connect sets the
# socket's IP ID); until the kernel's CRNG is seeded, each such call hashes
# the whole input pool: a connect then costs ten times as much
# (bench/README.md).  Measure that once, seed the CRNG by reading
# /dev/random (the kernel's jitter-entropy loop does it in a few seconds of
# guest time) and run every arm seeded.  No Python before this point: its
# start-up reads /dev/urandom, which seeds the CRNG too.
emit "crng_at_start=$("$b/crngstate")"
emit "phase=$("$b/crngstate") test=udp1 $("$cb" udp "$udp_iters" 1)"
t0=$(now)
timeout 600 dd if=/dev/random of=/dev/null bs=1 count=1 status=none ||
	die "the kernel's CRNG was not seeded within 600 s"
emit "crng_wait_ns=$(($(now) - t0)) crng=$("$b/crngstate")"
emit "phase=$("$b/crngstate") test=udp1 $("$cb" udp "$udp_iters" 1)"

# --- the arms --------------------------------------------------------------
stat_of() {
	"$ctl" stats --json | py 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"
}

arm_b_on() { insmod "$mod" max_entries=131072 || die "insmod netanom.ko"; }
arm_b_seen() { stat_of hits; }
arm_b_off() { rmmod netanom; }

bt_out=$work/bpftrace.out
arm_c_on() {
	: >"$bt_out"
	bpftrace -e 'kprobe:security_socket_connect { @[pid, comm] = count(); }' \
		>"$bt_out" 2>&1 &
	bt_pid=$!
	local i
	for i in $(seq 600); do
		grep -q '^Attaching' "$bt_out" && { sleep 1; return 0; }
		kill -0 "$bt_pid" 2>/dev/null || break
		sleep 0.5
	done
	cat "$bt_out" >&2
	echo "bench: bpftrace did not attach to security_socket_connect" >&2
	return 1
}
# Sum of the map's counts for connbench processes: the map is printed on
# SIGUSR1 (and on exit).
arm_c_seen() {
	local before
	before=$(grep -c '^@\[' "$bt_out" || true)
	kill -USR1 "$bt_pid"
	local i
	for i in $(seq 100); do
		[ "$(grep -c '^@\[' "$bt_out" || true)" -gt "$before" ] && break
		sleep 0.2
	done
	sleep 1
	# Only the last printout: a pid seen again starts a new one.
	py '
import sys, re
blocks, cur = [], {}
for line in sys.stdin:
    m = re.match(r"@\[(\d+), (\S+)\]: (\d+)", line)
    if m:
        if m.group(1) in cur:
            blocks.append(cur); cur = {}
        cur[m.group(1)] = (m.group(2), int(m.group(3)))
blocks.append(cur)
print(sum(n for c, n in blocks[-1].values() if c == "connbench"))' <"$bt_out"
}
arm_c_off() { kill -INT "$bt_pid"; wait "$bt_pid" || true; }

audit_dir=$work/audit
audit_log=$audit_dir/audit.log
mkdir -p "$audit_dir"
cat >"$audit_dir/auditd.conf" <<CONF
local_events = yes
write_logs = yes
log_file = $audit_log
log_format = RAW
log_group = root
priority_boost = 0
flush = INCREMENTAL_ASYNC
freq = 50
num_logs = 2
max_log_file = 1024
max_log_file_action = IGNORE
space_left = 2
space_left_action = IGNORE
admin_space_left = 1
admin_space_left_action = IGNORE
disk_full_action = IGNORE
disk_error_action = IGNORE
tcp_client_max_idle = 0
transport = TCP
CONF
chmod 0640 "$audit_dir/auditd.conf"
arm_d_on() {
	# -f: in the foreground, with its messages on stderr.
	auditd -c "$audit_dir" -f >"$work/auditd.out" 2>&1 &
	ad_pid=$!
	local i
	for i in $(seq 101); do
		auditctl -s 2>/dev/null | grep -q "^pid $ad_pid\$" && break
		kill -0 "$ad_pid" 2>/dev/null || { cat "$work/auditd.out" >&2; return 1; }
		[ "$i" -le 100 ] || { auditctl -s >&2; kill "$ad_pid"; return 1; }
		sleep 0.2
	done
	auditctl -D >/dev/null
	auditctl -b 65536 >/dev/null
	auditctl -e 1 >/dev/null
	auditctl -a always,exit -F arch=b64 -S connect >/dev/null
}
# SYSCALL records of connect(2) (syscall 42 on x86_64) by connbench.  In
# the foreground (-f), auditd writes the records to its stderr rather than
# to log_file: auditd.out is the log.
arm_d_seen() {
	local want=${1:-0} n i
	# auditd writes behind the kernel: wait for WANT records, or for the
	# count to stay the same for 10 s (a starved auditd on a busy host may
	# not have written anything yet after half a second).
	local last=-1 still=0
	for i in $(seq 600); do
		n=$(grep -c 'type=SYSCALL.* syscall=42 .*comm="connbench"' "$work/auditd.out" 2>/dev/null || true)
		n=${n:-0}
		[ "$n" -ge "$want" ] && break
		if [ "$n" = "$last" ]; then still=$((still + 1)); else still=0; fi
		[ "$still" -ge 20 ] && break
		last=$n
		sleep 0.5
	done
	echo "$n"
}
# After the arm: no rules, audit off, and "never" for new tasks, or every
# process started later would still take the audited syscall path.
arm_d_off() {
	auditctl -D >/dev/null
	auditctl -a never,task >/dev/null
	auditctl -e 0 >/dev/null
	kill "$ad_pid"; wait "$ad_pid" || true
}

arm_a_on() { :; }
arm_a_seen() { echo 0; }
arm_a_off() { :; }

# run_arm ARM ROUND: the four measurements, then the check that the arm saw
# every connect.  Its figures are written only when it did: an arm that did
# not attach is reported as an error (and not run again), never as a figure.
failed_arms=" "
run_arm() {
	local arm=$1 round=$2 before after ops=0 test mode procs iters line
	local -a lines=()
	case $failed_arms in *" $arm "*) return 0 ;; esac
	if ! "arm_${arm}_on" >&2; then
		arm_error "$arm" "could not be set up"
		return 0
	fi
	before=$("arm_${arm}_seen")
	for test in udp1 udp2 tcp1 tcp2; do
		mode=${test%?}
		procs=${test#???}
		iters=$udp_iters
		[ "$mode" = tcp ] && iters=$tcp_iters
		# Two TCP processes are measured over the whole guest (connbench's
		# all_per_op), bursts of deferred kernel work included, where one
		# process has the median of its blocks: with 4x the operations
		# their rounds scatter under 1% instead of 2-3%.
		[ "$test" = tcp2 ] && iters=$((tcp_iters * 4))
		line=$("$cb" "$mode" "$iters" "$procs") || die "connbench $mode failed in arm $arm"
		ops=$((ops + ${line##*ops=}))
		lines+=("arm=$arm round=$round test=$test iters=$iters ${line}")
	done
	after=$("arm_${arm}_seen" $((before + ops)))
	if [ "$arm" != a ] && [ $((after - before)) -lt "$ops" ]; then
		[ "$arm" = d ] && { auditctl -s; ls -la "$audit_dir"; tail -n 20 "$work/auditd.out"; } >&2
		"arm_${arm}_off" || true
		arm_error "$arm" "saw $((after - before)) of $ops connects: it did not attach"
		return 0
	fi
	"arm_${arm}_off"
	for line in "${lines[@]}"; do emit "$line"; done
	[ "$arm" = a ] || emit "arm=$arm round=$round seen=$((after - before)) ops=$ops"
}

arm_error() {
	echo "bench: ERROR: arm $1 $2" >&2
	emit "arm_error=$1 why=$(echo "$2" | tr ' ' '_')"
	failed_arms+="$1 "
}

[ -d /sys/module/netanom ] && rmmod netanom
t_arms=$(now)
for r in $(seq "$rounds"); do
	# BENCH_ARMS: another sequence, for debugging one arm.
	for arm in ${BENCH_ARMS:-a b a c a d}; do run_arm "$arm" "$r"; done
done
run_arm a "$((rounds + 1))"
emit "arms_wall_ns=$(($(now) - t_arms))"

# --- scale of the table ----------------------------------------------------
[ "$scales" = 0 ] && exit 0
max=${scales##*,}
links=$work/l
mkdir -p "$links"
# Copies, not hard links: an entry is keyed by the file's (dev, ino).
# chain writes them itself, one open/write/close each (a cp or a Python
# copy per file took over 15 minutes for 100k under -icount).
t0=$(now)
"$b/chain" copy "$links" "$max" || die "chain copy $max failed"
emit "copies=$max copy_ns=$(($(now) - t0)) copy_bytes=$(stat -c %s "$links/0")"
sync
echo 3 >/proc/sys/vm/drop_caches
insmod "$mod" max_entries=131072 || die "insmod netanom.ko"
slab() { awk '/^Slab:/ { print $2 * 1024 }' /proc/meminfo; }
slab0=$(slab)
bytes0=$(stat_of bytes)
emit "scale=0 bytes=$bytes0 test=udp1 $("$cb" udp "$udp_iters" 1)"
have=0
for n in ${scales//,/ }; do
	# On one CPU: an mm that only ever ran on one CPU needs no TLB
	# shootdown at exec, and under TCG each IPI to the other, idle vCPU
	# costs the sender a whole time slice of spinning (about 55 M
	# instructions per exec when the chain was free to migrate).
	t0=$(now)
	taskset -c 0 "$links/$have" "$links" "$n" || die "chain $have..$n failed"
	exec_ns=$(($(now) - t0)) execs=$((n - have))
	have=$n
	entries=$(stat_of entries)
	# connbench's own entry, and whatever else connected, are in it too.
	[ "$entries" -ge "$n" ] || die "table holds $entries entries, want >= $n"
	# Elapsed guest time includes loading netanomctl and its libraries
	# over 9p, during which the guest idles and -icount (sleep=off) jumps
	# the clock ahead: the CPU time (user + system, 10 ms steps) is the
	# command's own work.
	t0=$(now)
	/usr/bin/time -f "%U %S" -o "$work/show.time" \
		"$ctl" show --json >"$work/show.json" || die "netanomctl show --json failed"
	show_ns=$(($(now) - t0))
	show_cpu_ns=$(awk '{ printf "%.0f", ($1 + $2) * 1e9 }' "$work/show.time")
	got=$(py 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$work/show.json")
	[ "$got" -eq "$entries" ] || die "show --json listed $got of $entries entries"
	dump=$("$b/dumpbench" 3) || die "dumpbench failed"
	emit "scale=$n entries=$entries bytes=$(stat_of bytes) bytes0=$bytes0" \
		"slab_delta=$(($(slab) - slab0)) dir_len=${#links} show_ns=$show_ns show_cpu_ns=$show_cpu_ns $dump" \
		"execs=$execs exec_ns=$exec_ns"
	emit "scale=$n test=udp1 $("$cb" udp "$udp_iters" 1)"
	emit "scale=$n test=tcp1 $("$cb" tcp "$tcp_iters" 1)"
done
# What unloading gives back: the table's entries are freed at once
# (no reader is left), so the Slab drop is the module's own memory, free
# of whatever else the exec chain left in the caches.
slab1=$(slab)
rmmod netanom
sleep 2
emit "scale=$have rmmod_slab_freed=$((slab1 - $(slab))) entries_freed=$entries"
emit "done=1"
