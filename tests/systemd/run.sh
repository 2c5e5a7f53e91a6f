#!/bin/bash
# The systemd unit, host-side:   tests/systemd/run.sh TAP_FILE
#  - `systemd-analyze verify` of the unit as `make install` writes it (its
#    ExecStart pointed at the staged netanomd, its Documentation= looked up
#    among the staged man pages): no message at all;
#  - `systemd-analyze security --offline=true`: the exposure level is the
#    one the README states, so the README cannot drift from the unit.
# Needs a finished `make` (install is staged into a temporary DESTDIR).
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/../../scripts/help.sh"
set -u
tap=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$top/tests/lib/tap.sh"
tap_start "$tap" systemd

d=$tmp/root
out=$(make -s -C "$top" install-userspace DESTDIR="$d" 2>&1)
result $? "staged install for the checks" "$out"
unit=$d/usr/local/lib/systemd/system/netanomd.service
grep -qx 'ExecStart=/usr/local/sbin/netanomd' "$unit"
result $? "installed unit runs SBINDIR/netanomd"

# The staged copy, runnable where it is.
mkdir -p "$tmp/units"
sed "s|^ExecStart=/usr/local/sbin/|ExecStart=$d/usr/local/sbin/|" "$unit" \
	>"$tmp/units/netanomd.service"
out=$(MANPATH=$d/usr/local/share/man SYSTEMD_LOG_COLOR=0 \
	systemd-analyze verify "$tmp/units/netanomd.service" 2>&1)
st=$?
[ $st = 0 ] && [ -z "$out" ]
result $? "systemd-analyze verify: no message" "$out"

out=$(systemd-analyze security --offline=true --no-pager "$unit" 2>&1)
level=$(printf '%s\n' "$out" | sed -n 's/.*Overall exposure level for netanomd.service: \([0-9.]*\).*/\1/p')
[ -n "$level" ]
result $? "systemd-analyze security gives an exposure level" "$out"
echo "# exposure level $level" >>"$tap"
grep -q "exposure level of $level " "$top/README.md"
result $? "README states the exposure level ($level)" \
	"$(grep -n 'exposure level' "$top/README.md")"

echo "systemd: $((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
