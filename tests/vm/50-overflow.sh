#!/bin/bash
# Memory is bounded: with max_entries=2, four executables connect in turn;
# the first two get entries, the connects of the other two are counted as
# dropped, and entries already in the table keep counting.  After a reset
# there is room again.
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
need_built
# No peer server: its accepts would take an entry.  A refused connect is
# counted all the same (the hook runs before the SYN is sent).
for i in 1 2 3 4; do copy_prog "$(readlink -f /bin/bash)" "$WORK/ov$i"; done
load_module max_entries=2

connect_as() {
	"$1" -c "exec 3<>/dev/tcp/$PEER4/$HTTP_PORT" 2>/dev/null || echo "connect by $1 refused, as it should be"
}

expect_eq "max_entries parameter is 2" "$(cat /sys/module/netanom/parameters/max_entries)" 2
for i in 1 2 3 4; do connect_as "$WORK/ov$i"; done

snap full
expect <<EOF
only the_first_two_executables_have_entries $WORK/ov1 $WORK/ov2
entry ov1_counted $WORK/ov1 connects=1 tcp4=1
entry ov2_counted $WORK/ov2 connects=1 tcp4=1
stats table_full_and_two_connects_dropped entries=2 max_entries=2 dropped>=2 alloc_failures=0
stats exactly_the_two_connects_of_ov3_and_ov4_dropped dropped=2
EOF

# A full table still counts its own entries, and drops one more new one.
dropped=$(stat_of dropped)
connect_as "$WORK/ov1"
connect_as "$WORK/ov3"
snap still-full
expect <<EOF
entry ov1_still_counting $WORK/ov1 connects=2 tcp4=2
absent ov3_still_has_no_entry $WORK/ov3
stats one_more_drop entries=2 dropped=$((dropped + 1))
EOF

if "$CTL" reset; then pass "netanomctl reset succeeds"; else fail "netanomctl reset succeeds"; fi
snap after-reset
expect <<EOF
empty reset_empties_the_table
EOF
connect_as "$WORK/ov3"
connect_as "$WORK/ov4"
snap refilled
expect <<EOF
only after_a_reset_new_executables_get_entries $WORK/ov3 $WORK/ov4
entry ov3_counts_from_zero $WORK/ov3 connects=1 tcp4=1
stats refilled_to_the_limit entries=2 max_entries=2
EOF

finish
