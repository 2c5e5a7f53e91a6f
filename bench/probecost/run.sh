#!/bin/bash
# The bare cost of a probe on security_socket_connect, by way of attaching
# (bench/probecost/probecost.c), inside the test guest; never on the host:
# it loads a module.  Boot it under -icount (bench/probecost/README):
#
#   bench/probecost/run.sh OUTFILE [ROUNDS [UDP_ITERS]]
#
# Seeds the CRNG, brings every CPU up, then in each of ROUNDS (default 7)
# rounds measures nothing loaded before and after each mode in turn
# (n k n f n e n r n p n: kprobe, ftrace, ftrace_pre, ftrace_rec,
# fprobe) with `connbench udp UDP_ITERS 1` (default 5000), and appends one
# line per measurement to OUTFILE:
#   kernel=REL round=R mode=none|kprobe|... hits=H <connbench's words>
# A mode whose probe saw fewer calls than connbench made stops the run with
# an error line; a mode the kernel lacks (fprobe on 6.1) is written once as
# "mode=M unsupported" and skipped.  PROBECOST_ARGS (e.g.
# "symbol=security_socket_bind") are more module parameters for every
# mode: a probe on another function must make the run fail.
# bench/probecost/summary.py OUTFILE prints the table.
# shellcheck source=scripts/help.sh source-path=SCRIPTDIR/../..
. "$(dirname "$0")/../../scripts/help.sh"
set -eu

if [ "${NETANOM_VM:-}" != 1 ] || ! grep -q 'netanom_vm_run=' /proc/cmdline; then
	echo "$0: runs inside the test guest only (see bench/probecost/README)" >&2
	exit 2
fi
if [ $# -lt 1 ] || [ $# -gt 3 ]; then
	echo "usage: $0 OUTFILE [ROUNDS [UDP_ITERS]]" >&2
	exit 2
fi
out=$1 rounds=${2:-7} iters=${3:-5000}

repo=$(cd "$(dirname "$0")/../.." && pwd -P)
krel=$(uname -r)
mod=$repo/build/probecost/$krel/probecost.ko
hits=/sys/module/probecost/parameters/hits
for f in "$mod" "$repo/build/bench/connbench"; do
	[ -e "$f" ] || { echo "probecost: $f missing (README: how to build)" >&2; exit 1; }
done
work=$(mktemp -d /tmp/probecost.XXXXXX)
# On tmpfs, as in bench/guest.sh: the same file for every measurement.
cp "$repo/build/bench/connbench" "$work/connbench"
cb=$work/connbench

emit() { echo "kernel=$krel $*" >>"$out"; echo "probecost: $*"; }
die() { emit "error=$(echo "$*" | tr ' ' '_')"; echo "probecost: ERROR: $*" >&2; exit 1; }

# Every CPU up (the 6.1 guest boots with maxcpus=1 under -icount), as
# bench/guest.sh does, so that nothing loaded costs what it costs there.
for f in /sys/devices/system/cpu/cpu[0-9]*/online; do
	[ -e "$f" ] || continue
	[ "$(cat "$f")" = 1 ] || echo 1 >"$f" || die "could not bring up ${f%/online}"
done
# An unseeded CRNG makes every UDP connect ten times as dear
# (bench/README.md, "The CRNG"): seed it before anything is measured.
timeout 600 dd if=/dev/random of=/dev/null bs=1 count=1 status=none ||
	die "the kernel's CRNG was not seeded within 600 s"
emit "cpus=$(nproc) rounds=$rounds iters=$iters"

measure_none() {
	local line
	line=$("$cb" udp "$iters" 1) || die "connbench failed with nothing loaded"
	emit "round=$1 mode=none $line"
}

skip=" "
measure_mode() { # measure_mode ROUND MODE
	local line seen ops err
	case $skip in *" $2 "*) return 0 ;; esac
	# shellcheck disable=SC2086 # module parameters, split on blanks
	if ! err=$(insmod "$mod" mode="$2" ${PROBECOST_ARGS:-} 2>&1); then
		case $err in
		*"Operation not supported"*)
			emit "mode=$2 unsupported"
			skip+="$2 "
			return 0 ;;
		esac
		die "insmod probecost mode=$2: $err"
	fi
	line=$("$cb" udp "$iters" 1) || die "connbench failed with mode $2"
	seen=$(cat "$hits")
	rmmod probecost || die "rmmod probecost (mode $2)"
	ops=${line##*ops=}
	# Other processes may connect too, so more is fine; fewer means the
	# probe missed some of connbench's connects.
	[ "$seen" -ge "$ops" ] || die "mode $2 saw $seen of $ops connects"
	emit "round=$1 mode=$2 hits=$seen $line"
}

for r in $(seq 1 "$rounds"); do
	for m in kprobe ftrace ftrace_pre ftrace_rec fprobe; do
		measure_none "$r"
		measure_mode "$r" "$m"
	done
done
measure_none "$((rounds + 1))"

if dmesg | grep -E 'BUG:|WARNING:|Oops|Call Trace'; then
	die "the kernel log has a BUG, WARNING, Oops or Call Trace"
fi
emit "done"
