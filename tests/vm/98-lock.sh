#!/bin/bash
# Module parameter lock: without it rmmod works; with lock=1 rmmod fails
# with "in use", the module keeps counting, and stats say locked.  The
# module then stays until the guest reboots: tests/vm/run.sh runs this
# scenario after all the others.
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
need_built

load_module
expect_eq "lock=0: stats say not locked" "$(stat_of locked)" False
check "lock=0: rmmod works" rmmod netanom
check "lock=0: the module is gone" test ! -d /sys/module/netanom

load_module lock=1
expect_eq "lock=1: the parameter reads Y" "$(cat /sys/module/netanom/parameters/lock)" Y
expect_eq "lock=1: stats say locked" "$(stat_of locked)" True
if rmmod netanom 2>"$WORK/rmmod.err"; then
	fail "lock=1: rmmod fails"
else
	pass "lock=1: rmmod fails"
fi
cat "$WORK/rmmod.err"
check "lock=1: rmmod says the module is in use" grep -q "in use" "$WORK/rmmod.err"
check "lock=1: the module is still there" test -d /sys/module/netanom

# Still counting: one more connect of a program of its own.
prog=$WORK/locked-probe
copy_prog "$(readlink -f /bin/bash)" "$prog"
"$prog" -c "exec 3<>/dev/udp/$PEER4/$UDP_PORT" || true
"$prog" -c "exec 3<>/dev/udp/$PEER4/$UDP_PORT" || true
snap locked
expect_eq "lock=1: the module keeps counting" "$(getv "$prog" udp4)" 2
finish
