#!/bin/bash
# Run the guest scenarios tests/vm/NN-name.sh inside the test guest:
#
#   scripts/vm.sh [--kernel RELEASE] -- tests/vm/run.sh [SCENARIO...]
#
# SCENARIO is a file name or a prefix ("10", "10-programs"); default: all.
# Prints one TAP line per check, "ok <release> <scenario>: <check>" or
# "not ok ...", and commentary as "#" lines.  After every scenario it adds
# the checks that the scenario exited normally and that the kernel log
# gained no BUG:, WARNING:, Oops or Call Trace line.
# Exit status: 0 when every check passed, 1 otherwise, 2 outside the guest.
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/../../scripts/help.sh"
set -eu

here=$(cd "$(dirname "$0")" && pwd -P)
krel=$(uname -r)

# The scenarios load and unload a kernel module: never on the host.
if [ "${NETANOM_VM:-}" != 1 ] || ! grep -q 'netanom_vm_run=' /proc/cmdline; then
	echo "$0: run this inside the test guest: scripts/vm.sh -- tests/vm/run.sh" >&2
	exit 2
fi

KLOG_BAD='BUG:|WARNING:|Oops|Call Trace'
# Per scenario (unless it asks for more, see below); a stuck scenario must
# not eat the whole VM timeout.
SCENARIO_TIMEOUT=${SCENARIO_TIMEOUT:-150}

scenarios=()
if [ $# -eq 0 ]; then
	# A "-lock" scenario (98-lock.sh) leaves the module loaded until
	# reboot: it runs after all the others.
	last=()
	for f in "$here"/[0-9][0-9]-*.sh; do
		case ${f##*/} in
		*-lock.sh) last+=("$f") ;;
		*) scenarios+=("$f") ;;
		esac
	done
	scenarios+=("${last[@]}")
else
	for a in "$@"; do
		found=
		for f in "$here/$a" "$here/$a".sh "$here/$a"-*.sh; do
			if [ -f "$f" ]; then scenarios+=("$f"); found=1; break; fi
		done
		[ -n "$found" ] || { echo "$0: no scenario '$a'" >&2; exit 2; }
	done
fi

# fd 4: the runner's stdout, where the scenarios' TAP lines go unchanged.
exec 4>&1
failed=0
passed=0
# emit LINE: one check of the runner itself.
emit() {
	printf '%s\n' "$1"
	case $1 in
	"ok "*) passed=$((passed + 1)) ;;
	"not ok "*) failed=$((failed + 1)) ;;
	esac
}

# Lines of the kernel log that no scenario may cause.
bad_klog() {
	dmesg --color=never | grep -E "$KLOG_BAD" || true
}

for s in "${scenarios[@]}"; do
	name=$(basename "$s" .sh)
	echo "# ---- $krel $name"
	before=$(bad_klog | wc -l)
	start=$(date +%s)
	# The scenario writes its TAP lines to fd 3 (here: stdout) and, through
	# lib.sh, to $NETANOM_TAP for counting; its stdout and stderr are
	# commentary, marked with "#" so no stray "ok" is taken for a check.
	NETANOM_TAP=$(mktemp)
	export NETANOM_TAP
	# A scenario may ask for more time with a line "# scenario-timeout: N".
	limit=$SCENARIO_TIMEOUT
	want=$(sed -n 's/^# scenario-timeout: \([0-9][0-9]*\)$/\1/p' "$s" | head -n 1)
	if [ -n "$want" ] && [ "$want" -gt "$limit" ]; then limit=$want; fi
	set +e
	timeout -k 5 "$limit" bash "$s" 3>&4 4>&- 2>&1 | sed -u 's/^/#   /'
	rc=${PIPESTATUS[0]}
	set -e
	p=$(grep -c '^ok ' "$NETANOM_TAP" || true)
	n=$(grep -c '^not ok ' "$NETANOM_TAP" || true)
	passed=$((passed + p))
	failed=$((failed + n))
	rm -f "$NETANOM_TAP"
	if [ "$rc" = 124 ]; then
		emit "not ok $krel $name: scenario finished (timed out after ${limit}s)"
	elif [ "$rc" != 0 ]; then
		emit "not ok $krel $name: scenario finished (exit status $rc)"
	elif [ $((p + n)) -eq 0 ]; then
		emit "not ok $krel $name: scenario finished (but ran no checks)"
	else
		emit "ok $krel $name: scenario finished"
	fi
	# Leftovers of a scenario that died must not spoil the next one.
	if [ -d /sys/module/netanom ]; then
		rmmod netanom 2>/dev/null || echo "# rmmod netanom after $name failed"
	fi
	after=$(bad_klog | wc -l)
	if [ "$after" -gt "$before" ]; then
		emit "not ok $krel $name: clean kernel log"
		bad_klog | tail -n "+$((before + 1))" | head -n 20 | sed 's/^/#   /'
	else
		emit "ok $krel $name: clean kernel log"
	fi
	echo "# $name took $(($(date +%s) - start))s"
done

echo "# $krel: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
