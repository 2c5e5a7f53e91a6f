#!/bin/bash
# Run a test tier of `make test` in the background, beside the tiers that
# follow it, and collect its results later:
#
#   scripts/tier-bg.sh start NAME DIR CMD...   returns at once
#   scripts/tier-bg.sh wait NAME DIR RESULTS_DIR
#
# start runs CMD with its output in DIR/NAME.log; CMD writes its TAP files
# into DIR (a directory of its own, so that the foreground tiers' counts in
# scripts/tier.sh do not see its failures, nor it theirs).  wait blocks
# until CMD and everything it started have ended, shows CMD's TAP lines
# and "#" commentary, and moves DIR/*.tap into RESULTS_DIR, for
# scripts/summary.sh.  As in scripts/tier.sh, when CMD failed without
# recording a failed check, a failed check "NAME runner" is recorded; so is
# a wait with no start.
#
# CMD holds a lock on DIR/NAME.lock (an inherited file descriptor, released
# by the kernel when the last process holding it ends, however it ends):
# wait takes that lock, so it cannot miss the end nor wait for ever on a
# tier that died.
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/help.sh"
set -u
[ $# -ge 3 ] || { echo "usage: scripts/tier-bg.sh start|wait NAME DIR ..." >&2; exit 2; }
mode=$1
name=$2
dir=$3
shift 3

case $mode in
start)
	[ $# -ge 1 ] || { echo "tier-bg.sh start: no command" >&2; exit 2; }
	mkdir -p "$dir"
	rm -f "$dir"/*.tap "$dir/$name.log" "$dir/$name.status"
	exec 8>"$dir/$name.lock"
	flock 8
	# Nothing of make's own output stays open in it (a pipe to tee would
	# wait for it).
	(
		"$@"
		echo "$?" >"$dir/$name.status"
	) >"$dir/$name.log" 2>&1 </dev/null &
	echo "# $name: running in the background (log $dir/$name.log)"
	;;
wait)
	[ $# -eq 1 ] || { echo "usage: scripts/tier-bg.sh wait NAME DIR RESULTS_DIR" >&2; exit 2; }
	results=$1
	mkdir -p "$results"
	if [ ! -e "$dir/$name.lock" ]; then
		echo "not ok $name runner (never started)" >>"$results/$name-runner.tap"
		exit 0
	fi
	echo "# $name: waiting for the background tier to end"
	flock "$dir/$name.lock" true
	grep -E '^(not )?ok |^#|^vm\.sh: ' "$dir/$name.log" || true
	st=$(cat "$dir/$name.status" 2>/dev/null || echo "none")
	failed=$(cat "$dir"/*.tap 2>/dev/null | grep -c '^not ok ')
	for f in "$dir"/*.tap; do
		[ -e "$f" ] && mv "$f" "$results/"
	done
	if [ "$st" != 0 ] && [ "$failed" -eq 0 ]; then
		echo "not ok $name runner (exit $st; see $dir/$name.log)" >>"$results/$name-runner.tap"
	fi
	;;
*)
	echo "tier-bg.sh: unknown mode '$mode' (start or wait)" >&2
	exit 2
	;;
esac
exit 0
