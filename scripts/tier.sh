#!/bin/sh
# Run one test tier for `make test`: scripts/tier.sh NAME RESULTS_DIR CMD...
# The tier writes its own RESULTS_DIR/*.tap lines.  When CMD fails without
# having recorded any failed check (a build error, a crashed runner), record
# one failed check "NAME runner" so that the failure is counted, not lost.
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/help.sh"
set -u
name=$1
dir=$2
shift 2
mkdir -p "$dir"
before=$(cat "$dir"/*.tap 2>/dev/null | grep -c '^not ok ')
"$@"
st=$?
after=$(cat "$dir"/*.tap 2>/dev/null | grep -c '^not ok ')
if [ "$st" -ne 0 ] && [ "$after" -le "$before" ]; then
	echo "not ok $name runner (exit $st)" >>"$dir/$name-runner.tap"
fi
exit 0
