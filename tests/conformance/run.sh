#!/bin/sh
# Conformance tier, inside a guest where the netanom module is loaded.
# Prints TAP lines "ok conformance <name>" / "not ok conformance <name>";
# exit status 0 iff all passed.
#
# Usage: tests/conformance/run.sh [BIN] [netanom-conformance options...]
#   BIN defaults to build/bin/netanom-conformance next to this checkout;
#   the options (--expect-entries N, --populate N, --destructive) are passed
#   on.  Default options: --populate 40.
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/../../scripts/help.sh"
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=$here/../../build/bin/netanom-conformance
case "${1:-}" in
-*|"") ;;
*) bin=$1; shift ;;
esac
[ $# -eq 0 ] && set -- --populate 40

rc=0

# libnl-utils' own view of the controller must list the family too.
if ! command -v genl-ctrl-list >/dev/null 2>&1; then
	echo "not ok conformance genl_ctrl_list"
	echo "# genl-ctrl-list not installed (libnl-utils)"
	rc=1
elif genl-ctrl-list 2>/dev/null | grep -Eq '^0x[0-9a-f]+ netanom version 1$'; then
	echo "ok conformance genl_ctrl_list"
else
	echo "not ok conformance genl_ctrl_list"
	echo "# genl-ctrl-list does not list \"netanom version 1\""
	rc=1
fi

if [ ! -x "$bin" ]; then
	echo "not ok conformance client"
	echo "# $bin missing (make conformance)"
	exit 1
fi
"$bin" "$@" || rc=1
exit $rc
