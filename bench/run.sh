#!/bin/bash
# make bench: the benchmarks of bench/README.md, on every kernel that
# scripts/kernels.sh images prints, then bench/report.py.
#
#   bench/run.sh [--quick]
#
# --quick: one round, fewer operations, tables of 1k only (checks that the
# whole chain works in a few minutes; its figures are not for BENCHMARKS.md).
# BENCH_ROUNDS, BENCH_UDP, BENCH_TCP (operations per measurement),
# BENCH_SCALES (table sizes, comma-separated) and BENCH_EXES (the daemon's
# executables) override the defaults; the report states what was used.
# BENCH_ONE_CPU_BOOT and BENCH_WALL_ONLY (release patterns) are below.
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/../scripts/help.sh"
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$repo"
rounds=3 udp=5000 tcp=500 scales=1000,10000,100000 wall_rounds=2 nexe=100000
if [ "${1:-}" = --quick ]; then
	rounds=1 udp=2000 tcp=200 scales=1000 wall_rounds=1 nexe=2000
elif [ $# -gt 0 ]; then
	echo "usage: bench/run.sh [--quick]" >&2
	exit 2
fi
rounds=${BENCH_ROUNDS:-$rounds} udp=${BENCH_UDP:-$udp} tcp=${BENCH_TCP:-$tcp}
scales=${BENCH_SCALES:-$scales} nexe=${BENCH_EXES:-$nexe}
for tool in bpftrace auditd auditctl /usr/bin/time; do
	command -v "$tool" >/dev/null ||
		{ echo "bench: $tool missing: run 'scripts/deps.sh --bench'" >&2; exit 1; }
done

raw=$repo/build/bench/raw
rm -rf "$raw"
mkdir -p "$raw"
t_start=$(date +%s)
# no_timer_check: on a busy host, 6.1 can find the emulated timer too slow
# and panic at boot ("IO-APIC + timer doesn't work!").  No RNG device: the
# guest seeds its CRNG itself, after measuring a connect without it
# (bench/guest.sh).
# --mem 2048: 100k copies of bench/chain on the guest's tmpfs take 400 MiB.
vm=(scripts/vm.sh --mem 2048 --append no_timer_check)
# Releases whose guest hangs at boot under -icount while bringing up its
# second CPU (6.1): booted with maxcpus=1; bench/guest.sh brings the second
# CPU up once the system runs, which works.
one_cpu_boot=${BENCH_ONE_CPU_BOOT-6.1.*}
# Releases to measure in wall-clock time only (none by default).
wall_only=${BENCH_WALL_ONLY-}
st=0
# One kernel's runs; the kernels run side by side (one guest each).
one_kernel() {
	local rel=$1
	# shellcheck disable=SC2254 # wall_only is a pattern
	case $rel in
	$wall_only)
		echo "bench: $rel: wall clock only (no -icount on this kernel)" >&2
		VM_TIMEOUT=3600 "${vm[@]}" --kernel "$rel" -- bench/guest.sh \
			"$raw/$rel.wall.txt" "$rounds" "$udp" "$tcp" "$scales"
		return ;;
	esac
	# -cpu qemu64,-cx16: QEMU's cmpxchg16b under -icount now and then
	# leaves garbage in EFLAGS (the trap flag among it), and the guest dies
	# of a double fault in SLUB's per-CPU fast path (bench/README.md);
	# without CX16 the kernel uses its fallback and runs clean.
	# shellcheck disable=SC2054 # "qemu64,-cx16" is one argument
	local icount=(--icount --qemu-arg -cpu --qemu-arg qemu64,-cx16)
	# shellcheck disable=SC2254 # one_cpu_boot is a pattern
	case $rel in $one_cpu_boot) icount+=(--append maxcpus=1) ;; esac
	echo "bench: $rel: instruction counts (${icount[*]})" >&2
	VM_TIMEOUT=3600 "${vm[@]}" --kernel "$rel" "${icount[@]}" -- bench/guest.sh \
		"$raw/$rel.icount.txt" "$rounds" "$udp" "$tcp" "$scales" || return 1
	echo "bench: $rel: wall clock (sanity check)" >&2
	VM_TIMEOUT=1800 "${vm[@]}" --kernel "$rel" -- \
		bench/guest.sh "$raw/$rel.wall.txt" "$wall_rounds" "$udp" "$tcp" 0
}
mapfile -t rels < <(scripts/kernels.sh images)
pids=()
for rel in "${rels[@]}"; do
	one_kernel "$rel" >"$raw/$rel.log" 2>&1 &
	pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || st=1; done

bench/daemon.sh "$nexe" "$raw/daemon.txt" || st=1
# The commit measured, and whether the tree had changes on top of it.
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD 2>/dev/null || commit+=+changes
echo "bench_wall_s=$(($(date +%s) - t_start)) rounds=$rounds udp_ops=$udp" \
	"tcp_ops=$tcp scales=$scales commit=$commit" >"$raw/run.txt"

[ "${1:-}" = --quick ] && out=build/bench/quick || out=.
python3 bench/report.py "$raw" "$out" || st=1
exit "$st"
