#!/bin/bash
# The independent libnl-genl-3 client checks the wire protocol against the
# loaded module, through tests/conformance/run.sh (which also asks
# genl-ctrl-list for the family).  Its TAP lines ("ok conformance ..." /
# "not ok conformance ...") are passed on under this scenario's name, and
# its exit status is a check of its own.
#
# Two runs: the default table (16384 buckets, so nearly one entry per
# bucket), and max_entries=64, where 40-odd entries share 64 buckets and a
# dump through small buffers has to stop and resume inside a bucket.
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
conf=$REPO/build/bin/netanom-conformance
# make vm-test builds it first; a missing client is a failure, not a skip.
[ -x "$conf" ] || bail "conformance client built" "$conf missing (make conformance)"
[ -f "$MOD" ] || bail "module built" "$MOD missing (make module)"
start_peer_server

# run_conformance LABEL OPTIONS...: one run of the client, its checks passed on.
run_conformance() {
	local label=$1 rc n=0 line name
	shift
	set +e
	"$REPO/tests/conformance/run.sh" "$conf" "$@" \
		>"$WORK/conf-$label.out" 2>"$WORK/conf-$label.err"
	rc=$?
	set -e
	while IFS= read -r line; do
		case $line in
		"not ok "*) n=$((n + 1)); name=${line#not ok }
			fail "$label: ${name#conformance }" ;;
		"ok "*) n=$((n + 1)); name=${line#ok }
			pass "$label: ${name#conformance }" ;;
		*) echo "$line" ;;
		esac
	done <"$WORK/conf-$label.out"
	sed 's/^/stderr: /' "$WORK/conf-$label.err"
	expect_eq "$label: netanom-conformance exits 0" "$rc" 0
	check "$label: netanom-conformance ran checks" test "$n" -gt 0
}

load_module
# Something real to dump besides the client's own throw-away executables.
bash -c "exec 3<>/dev/tcp/$PEER4/$HTTP_PORT" || true
curl -sS --max-time 20 "http://[$PEER6]:$HTTP_PORT/" >/dev/null || true
run_conformance conformance --populate 40

load_module max_entries=64
run_conformance conformance-small-table --populate 40 --destructive

finish
