# TAP output for the host-side test scripts (sourced, not run).
#
#   . tests/lib/tap.sh
#   tap_start FILE NAME      start FILE empty; checks are named "NAME: ..."
#   result STATUS TEXT [OUTPUT]
#                            one check: "ok" when STATUS is 0, otherwise
#                            "not ok" followed by the first 30 lines of
#                            OUTPUT as "#" comments
# After the checks, $n is their number and $failed the failed ones.

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
