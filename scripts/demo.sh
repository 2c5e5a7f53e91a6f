#!/bin/bash
# "make run": boot a test guest (the 6.12 kernel unless --kernel says
# otherwise), load the module, make a few connections with different
# programs to the guest's peer namespace, and print netanomctl show and
# netanomctl stats.
#
#   scripts/demo.sh [--kernel RELEASE]
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd -P)
rel=
case ${1:-} in
--kernel) rel=${2:?--kernel needs a release} ;;
--kernel=*) rel=${1#*=} ;;
-h | --help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
'') ;;
*) echo "usage: scripts/demo.sh [--kernel RELEASE]" >&2; exit 2 ;;
esac
if [ -z "$rel" ]; then
	rel=$("$repo/scripts/kernels.sh" images | grep '^6\.12\.' | tail -n 1 || true)
	[ -n "$rel" ] || rel=$("$repo/scripts/kernels.sh" images | tail -n 1)
fi
[ -n "$rel" ] || { echo "demo: no kernel image to boot" >&2; exit 1; }
for f in "build/kmod/$rel/kmod/netanom.ko" build/bin/netanomctl; do
	[ -e "$repo/$f" ] || { echo "demo: $f is missing; run make first" >&2; exit 1; }
done
exec "$repo/scripts/vm.sh" --kernel "$rel" -- scripts/vm/demo-guest.sh
