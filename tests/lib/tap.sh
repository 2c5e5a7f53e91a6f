# shellcheck shell=bash
# TAP output for the test scripts (sourced, not run).
#
# The host-side scripts number their checks and write them to a file:
#
#   . tests/lib/tap.sh
#   tap_start FILE NAME      start FILE empty; checks are named "NAME: ..."
#   result STATUS TEXT [OUTPUT]
#                            one check: "ok" when STATUS is 0, otherwise
#                            "not ok" followed by the first 30 lines of
#                            OUTPUT as "#" comments
# After the checks, $n is their number and $failed the failed ones.
#
# The guest tests (tests/vm/lib.sh, tests/systemd/guest.sh) print each
# check as it is made, "ok ID: CHECK" or "not ok ID: CHECK", where ID
# names the kernel release and the test.  Before the first check the
# script sets TAP_ID and FAILED=0 and defines
#   tap_emit LINE            where one TAP line goes
#   tap_why TEXT             how the reason for a failed check is shown
# and then uses
#   pass CHECK               a check that passed
#   fail CHECK [WHY...]      a check that failed; FAILED counts them
#   check CHECK CMD...       passes when CMD succeeds
#   expect_eq CHECK GOT WANT passes when GOT is WANT

tap_start() {
	tap=$1
	tap_name=$2
	: >"$tap"
	n=0
	failed=0
}

result() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $tap_name: $2" >>"$tap"
	else
		failed=$((failed + 1))
		echo "not ok $n - $tap_name: $2" >>"$tap"
		[ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/    # /' | head -30 >>"$tap"
	fi
}

pass() {
	tap_emit "ok $TAP_ID: $1"
}

fail() {
	tap_emit "not ok $TAP_ID: $1"
	shift
	if [ $# -gt 0 ]; then tap_why "$*"; fi
	FAILED=$((FAILED + 1))
}

check() {
	local name=$1
	shift
	if "$@"; then pass "$name"; else fail "$name" "failed: $*"; fi
}

expect_eq() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got '$2', want '$3'"; fi
}
