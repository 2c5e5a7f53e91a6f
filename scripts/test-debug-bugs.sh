#!/bin/bash
# See the stress suite catch deliberate bugs (make test-debug-bugs).
#
#   scripts/test-debug-bugs.sh [RESULTS_DIR] [BUG...]
#
# Each tests/debug/bugs/BUG.patch puts one bug into the module that one
# checker of the debug kernel must catch (KASAN, DEBUG_ATOMIC_SLEEP,
# lockdep, kmemleak, UBSAN, failslab's accounting).  For each: the module's
# sources are copied to build/debug-bugs/BUG/, the patch is applied there
# (never to kmod/), the copy is built for the debug kernel, and a short
# run of tests/vm/60-stress.sh (STRESS_SECONDS, default 10;
# STRESS_FAULT_EXES, default 10) loads it in a debug-kernel guest.  The
# bug counts as caught when the run fails and its output (TAP lines and
# the guest's kernel log) holds the patch's "Expect:" line, a regular
# expression naming the checker's report.
#
# Prints one TAP line per bug ("ok bugs BUG: caught: ..."), writes them
# to RESULTS_DIR/debug-bugs.tap (default build/results) and keeps each
# run's output in build/debug-bugs/BUG/run.log.  NETANOM_BUG_JOBS bugs run
# at once (default 1), each guest with its own files (vm.sh --tag
# bug-BUG).  Exit status 0 when every bug was caught.  Needs make
# debug-kernel, userspace and vm-progs first (the Makefile target does
# that).
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/help.sh"
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd -P)
me=${0##*/}
results=${1:-$repo/build/results}
[ $# -gt 0 ] && shift
kdir=$repo/build/debug-kernel/obj
seconds=${STRESS_SECONDS:-10}
fault_exes=${STRESS_FAULT_EXES:-10}
# The module's extra checks on the debug kernel, as make test-debug has
# them (the kernel itself is built without UBSAN_SHIFT).
kcflags=${NETANOM_DEBUG_KCFLAGS:--fsanitize=shift -fsanitize=integer-divide-by-zero}

[ -f "$repo/build/debug-kernel/bzImage" ] || { echo "$me: no debug kernel (make debug-kernel)" >&2; exit 2; }

bugs=("$@")
if [ ${#bugs[@]} -eq 0 ]; then
	for p in "$repo"/tests/debug/bugs/*.patch; do bugs+=("$(basename "$p" .patch)"); done
fi

mkdir -p "$results"
tap=$results/debug-bugs.tap
: >"$tap"
caught=0 missed=0
report() {
	echo "$1"
	echo "$1" >>"$tap"
	case $1 in ok*) caught=$((caught + 1)) ;; *) missed=$((missed + 1)) ;; esac
}

# run_bug BUG: build and run one bug; writes its TAP line to
# build/debug-bugs/BUG/result.
run_bug() {
	local bug=$1 patch want dir rc hit
	patch=$repo/tests/debug/bugs/$bug.patch
	want=$(sed -n 's/^Expect: //p' "$patch" | head -n 1)
	dir=$repo/build/debug-bugs/$bug
	rm -rf "$dir"
	mkdir -p "$dir"
	cp -r "$repo/kmod" "$repo/include" "$repo/Kbuild" "$dir/"
	if ! patch -s -d "$dir" -p1 <"$patch"; then
		echo "not ok bugs $bug: the patch applies" >"$dir/result"
		return
	fi
	echo "# $bug: building ($(head -n 1 "$patch"))"
	if ! make -s -C "$kdir" M="$dir" CONFIG_NETANOM=m KCFLAGS="$kcflags" modules >"$dir/build.log" 2>&1; then
		cat "$dir/build.log"
		echo "not ok bugs $bug: the module builds" >"$dir/result"
		return
	fi
	echo "# $bug: running the stress suite for ${seconds}s"
	set +e
	VM_TIMEOUT=$((seconds * 3 + 1500)) "$repo/scripts/vm.sh" --kernel debug --tag "bug-$bug" -- \
		env NETANOM_MOD="$dir/kmod/netanom.ko" STRESS_SECONDS="$seconds" \
		STRESS_FAULT_EXES="$fault_exes" SCENARIO_TIMEOUT=$((seconds * 3 + 1200)) \
		tests/vm/run.sh 60-stress >"$dir/run.log" 2>&1
	rc=$?
	set -e
	cp "$repo/build/vm/debug-bug-$bug/dmesg.log" "$dir/dmesg.log" 2>/dev/null || : >"$dir/dmesg.log"
	grep -E '^not ok ' "$dir/run.log" | sed "s/^/#   $bug: /" || true
	hit=$(cat "$dir/run.log" "$dir/dmesg.log" | grep -E -m 1 -- "$want" || true)
	if [ "$rc" = 0 ]; then
		echo "not ok bugs $bug: caught (the suite passed)"
	elif [ -z "$hit" ]; then
		echo "not ok bugs $bug: caught by its checker (the suite failed, status $rc, without /$want/)"
	else
		# Without the kernel log's time stamp.
		echo "ok bugs $bug: caught: ${hit#\[*\] }"
	fi >"$dir/result"
}

for bug in "${bugs[@]}"; do
	patch=$repo/tests/debug/bugs/$bug.patch
	[ -f "$patch" ] || { echo "$me: no $patch" >&2; exit 2; }
	grep -q '^Expect: ' "$patch" || { echo "$me: $patch has no Expect: line" >&2; exit 2; }
done
# Up to NETANOM_BUG_JOBS guests at once (default 1: each debug guest
# takes 2 GiB and a host CPU).
jobs_max=${NETANOM_BUG_JOBS:-1}
running=0
for bug in "${bugs[@]}"; do
	if [ "$running" -ge "$jobs_max" ]; then
		wait -n || true
		running=$((running - 1))
	fi
	run_bug "$bug" &
	running=$((running + 1))
done
wait || true
for bug in "${bugs[@]}"; do
	report "$(cat "$repo/build/debug-bugs/$bug/result" 2>/dev/null ||
		echo "not ok bugs $bug: ran to the end")"
done

echo "# debug-bugs: $caught caught, $missed missed"
[ "$missed" -eq 0 ]
