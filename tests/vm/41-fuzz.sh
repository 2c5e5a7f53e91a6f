#!/bin/bash
# tests/fuzz/netanom-fuzz against the loaded module: generated and mutated
# requests as root, as uid 65534, as root of a user namespace and from
# another network namespace.  Its TAP lines ("ok fuzz ...") are passed on
# under this scenario's name, and its exit status is a check of its own.
# Afterwards the module must still count exactly: the settings the fuzzing
# may have changed are put back, the table emptied with netanomctl reset,
# and a known number of connects must show in a normal dump.
#
# NETANOM_FUZZ_COUNT (default 100000) requests as root, a fifth of that in
# each denied run; NETANOM_FUZZ_SEED (default 1) makes them; make fuzz
# raises the one and changes the other.
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
need_built
fuzz=$REPO/build/bin/netanom-fuzz
[ -x "$fuzz" ] || bail "fuzzer built" "$fuzz missing (make fuzzer)"
count=${NETANOM_FUZZ_COUNT:-100000}
seed=${NETANOM_FUZZ_SEED:-1}
start_peer_server
load_module

# run_fuzz LABEL CMD...: one run of the fuzzer, its checks passed on.
run_fuzz() {
	local label=$1 rc n=0 line name
	shift
	set +e
	"$@" >"$WORK/fuzz-$label.out" 2>"$WORK/fuzz-$label.err"
	rc=$?
	set -e
	while IFS= read -r line; do
		case $line in
		"not ok "*) n=$((n + 1)); name=${line#not ok }
			fail "$label: ${name#fuzz }" ;;
		"ok "*) n=$((n + 1)); name=${line#ok }
			pass "$label: ${name#fuzz }" ;;
		*) echo "$line" ;;
		esac
	done <"$WORK/fuzz-$label.out"
	sed 's/^/stderr: /' "$WORK/fuzz-$label.err" | head -n 20
	expect_eq "$label: netanom-fuzz exits 0" "$rc" 0
	check "$label: netanom-fuzz ran checks" test "$n" -gt 0
}

read -r _ family _ group < <("$fuzz" --ids) || bail "netanom-fuzz --ids"
echo "family $family, events group $group, seed $seed, $count requests as root"
denied=$((count / 5))

run_fuzz root "$fuzz" --seed "$seed" --count "$count" ${NETANOM_FUZZ_RATE:+--rate}
run_fuzz uid-65534 setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$fuzz" --denied EPERM --seed "$((seed + 1))" --count "$denied"
# Root of its own user namespace: CAP_NET_ADMIN there, not in the initial one.
run_fuzz userns-root unshare --user --map-root-user \
	"$fuzz" --denied EPERM --seed "$((seed + 2))" --count "$denied"
# Another network namespace: the family does not resolve there, and a
# request sent to its id must fail all the same.
run_fuzz other-netns unshare --net "$fuzz" --denied ENOENT \
	--family-id "$family" --seed "$((seed + 3))" --count "$denied"

# What the fuzzing may have changed, put back through the normal path.
check "netanomctl config enabled 1 after fuzzing" "$CTL" config enabled 1
check "netanomctl config count_unix 0 after fuzzing" "$CTL" config count_unix 0
check "netanomctl exclude clear after fuzzing" "$CTL" exclude clear
check "netanomctl reset after fuzzing" "$CTL" reset

# A known number of connects from two fresh programs.
copy_prog "$(readlink -f /bin/bash)" "$WORK/five"
copy_prog "$(readlink -f /bin/bash)" "$WORK/three"
"$WORK/five" -c "for i in 1 2 3 4 5; do exec 3<>/dev/tcp/$PEER4/$HTTP_PORT; exec 3>&-; done" ||
	echo "five: a connect failed"
"$WORK/three" -c "for i in 1 2 3; do exec 3<>/dev/tcp/$PEER4/$HTTP_PORT; exec 3>&-; done" ||
	echo "three: a connect failed"
snap after-fuzz
expect <<EOF2
entry five_connects_counted_exactly $WORK/five connects=5 tcp4=5 loopback=0
entry three_connects_counted_exactly $WORK/three connects=3 tcp4=3 loopback=0
shape dump_and_stats_well_formed
EOF2
expect_eq "after-fuzz: stats entries equals the entries dumped" \
	"$("${PY[@]}" -c 'import json,sys; d=sys.argv[1]; print(len(json.load(open(d+"/show.json"))) == json.load(open(d+"/stats.json"))["entries"])' "$SNAP")" \
	True

finish
