#!/bin/bash
# The VM test tier: for every kernel that 'scripts/kernels.sh images' prints,
# boot a guest with scripts/vm.sh and run the guest scenarios
# (tests/vm/run.sh) in it.
#
#   scripts/vm-test.sh RESULTS_DIR
#
# Writes RESULTS_DIR/vm-<release>.tap: the scenarios' TAP lines, and one
# more, "ok|not ok <release> vm boot and clean kernel log", which fails when
# the guest did not report an exit status (boot failure, panic, hang,
# timeout) or its kernel log shows BUG:, WARNING:, Oops or Call Trace.
# The guests run side by side (a TCG guest mostly keeps one host CPU busy);
# VM_TEST_JOBS=1 runs them one after the other.  Each guest's whole output
# is in build/vm/<release>/vm-test.log; the TAP lines are also shown live.
# Exit status: 0 when every check of every kernel passed.
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/help.sh"
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd -P)
[ $# -eq 1 ] || { echo "usage: scripts/vm-test.sh RESULTS_DIR" >&2; exit 2; }
results=$1
mkdir -p "$results"
jobs=${VM_TEST_JOBS:-2}

mapfile -t releases < <("$repo/scripts/kernels.sh" images)
if [ ${#releases[@]} -eq 0 ]; then
	echo "not ok vm tier: no kernel image to boot (scripts/kernels.sh images)" >"$results/vm.tap"
	exit 1
fi

# test_kernel REL: one guest; writes its TAP file; fails when a check did.
test_kernel() {
	local rel=$1 tap=$results/vm-$1.tap dir=$repo/build/vm/$1
	local status token klog rc vm_rc
	mkdir -p "$dir"
	status=$dir/status
	# A status left by an earlier run must not speak for this one.
	rm -f "$status"
	set +e
	# The whole suite runs in one guest: on a host with a load of 15 the
	# scenarios before 95-daemon alone took 481-547 s, and vm.sh's 600 s
	# default killed the guest in 95-daemon (a whole run: 543-560 s of
	# scenarios).  Each scenario has its own timeout (tests/vm/run.sh);
	# this one only catches a hung guest.
	VM_TIMEOUT=${VM_TIMEOUT:-1500} \
	"$repo/scripts/vm.sh" --kernel "$rel" -- tests/vm/run.sh 2>&1 |
		tee "$dir/vm-test.log" |
		grep --line-buffered -E '^(not )?ok |^vm\.sh: '
	vm_rc=${PIPESTATUS[0]}
	set -e
	grep -E '^(not )?ok ' "$dir/vm-test.log" >"$tap" || true
	token=$(sed -n 's/^token=//p' "$status" 2>/dev/null || true)
	klog=$(sed -n 's/^klog=//p' "$status" 2>/dev/null || true)
	rc=$(sed -n 's/^rc=//p' "$status" 2>/dev/null || true)
	if [ "$token" = yes ] && [ "$klog" = clean ]; then
		echo "ok $rel vm boot and clean kernel log" >>"$tap"
	else
		echo "not ok $rel vm boot and clean kernel log" >>"$tap"
		echo "# $rel: exit token: ${token:-none}, kernel log: ${klog:-unknown};" \
			"see $dir/console.log and $dir/vm-test.log" >&2
	fi
	# The runner failed without saying which check: record that too.
	if [ "$token" = yes ] && [ "$rc" != 0 ] && ! grep -q '^not ok ' "$tap"; then
		echo "not ok $rel vm test runner (exit status $rc)" >>"$tap"
	fi
	echo "# vm-test $rel: $(grep -c '^ok ' "$tap" || true) passed," \
		"$(grep -c '^not ok ' "$tap" || true) failed ($tap)"
	! grep -q '^not ok ' "$tap" && [ "$vm_rc" = 0 ]
}

bad=0
pids=()
for rel in "${releases[@]}"; do
	if [ "$jobs" -gt 1 ]; then
		test_kernel "$rel" &
		pids+=($!)
	else
		test_kernel "$rel" || bad=1
	fi
done
for pid in "${pids[@]}"; do
	wait "$pid" || bad=1
done
exit "$bad"
