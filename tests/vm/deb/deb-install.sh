#!/bin/bash
# The Debian packages end to end, in a guest whose root is writable
# (scripts/vm.sh --overlay): "dpkg -i" of netanom-dkms and netanom from
# build/deb/ (make deb), which builds the module through DKMS for the
# guest's kernel; then modprobe finds it under /lib/modules/REL/updates,
# netanomd runs as the installed unit's ExecStart runs it (the guest has no
# systemd as init), with the packaged configuration file set to a short
# learning period (bucket_span 2s, min_buckets 4) and the packaged state
# and log directories, and a new program after learning raises an alert in
# /var/log/netanom/alerts.ndjson.  Finally "dpkg --purge" removes the
# module from the kernel's tree and DKMS.  How long dpkg -i (the DKMS build
# under TCG) took is printed as commentary, never checked.
#
#   scripts/deb-vm-test.sh    (boots the guest; see there)
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"

arch=$(dpkg --print-architecture)
version=$(cat "$REPO/VERSION")
DEB_DKMS=$REPO/build/deb/netanom-dkms_${version}_all.deb
DEB=$REPO/build/deb/netanom_${version}_$arch.deb
for f in "$DEB_DKMS" "$DEB"; do
	[ -f "$f" ] || bail "package built" "$f missing (make deb)"
done
touch /var/lib/dpkg/.netanom-writable 2>/dev/null ||
	bail "the root is writable" "boot with scripts/vm.sh --overlay"
rm -f /var/lib/dpkg/.netanom-writable
# man-db's trigger would index every manual page over 9p under TCG.
rm -f /var/lib/man-db/auto-update
# Headers for the running kernel only, as on a host that has
# linux-headers-$(uname -r): the guest's root is the host's, which has the
# headers of every kernel the tests use, and the package's postinst would
# also build (and depmod) for the newest of them, doubling the slowest
# part of the test under TCG.  The headers of the others stay in /usr/src;
# only their /lib/modules/REL/build links, by which DKMS finds them, are
# removed (in the overlay).  NETANOM_DEB_ALL_KERNELS=1 keeps them.
if [ -z "${NETANOM_DEB_ALL_KERNELS:-}" ]; then
	for b in /lib/modules/*/build; do
		[ "$b" = "/lib/modules/$KREL/build" ] && continue
		[ -L "$b" ] || continue
		rm -f "$b"
		echo "# headers hidden from DKMS: $b"
	done
fi

export DEBIAN_FRONTEND=noninteractive
t0=${EPOCHREALTIME%.*}
# NETANOM_DEB_PROFILE=1: log when make (with kbuild's output), depmod,
# openssl, strip, xz, ldconfig and a few more start and end during dpkg -i,
# through wrappers in the guest's /usr/local/bin (profile-wrap.sh).
prof=
if [ -n "${NETANOM_DEB_PROFILE:-}" ]; then
	prof=$WORK/profile.log
	: >"$prof"
	for c in make depmod openssl strip xz ldconfig pahole modinfo \
		update-initramfs deb-systemd-helper deb-systemd-invoke systemctl; do
		ln -sf "$REPO/tests/vm/deb/profile-wrap.sh" "/usr/local/bin/$c"
	done
	export NETANOM_PROF_LOG=$prof NETANOM_PROF_T0=$t0
fi
# Each line of dpkg's output with the seconds since it started.
stamp() {
	local line
	while IFS= read -r line; do
		echo "dpkg: [$((${EPOCHREALTIME%.*} - t0))s] $line"
	done
}
set +e
dpkg -i "$DEB_DKMS" "$DEB" 2>&1 | stamp
rc=${PIPESTATUS[0]}
set -e
expect_eq "dpkg -i netanom-dkms netanom" "$rc" 0
echo "# dpkg -i with the DKMS build for $KREL took $((${EPOCHREALTIME%.*} - t0))s"
if [ -n "$prof" ]; then
	unset NETANOM_PROF_LOG
	for c in make depmod openssl strip xz ldconfig pahole modinfo \
		update-initramfs deb-systemd-helper deb-systemd-invoke systemctl; do
		rm -f "/usr/local/bin/$c"
	done
	sed 's/^/profile: /' "$prof"
	sed 's/^/make.log: /' /var/lib/dkms/netanom/"$version"/"$KREL"/*/log/make.log 2>/dev/null || true
fi

check "dkms status: netanom/$version installed for $KREL" \
	bash -c "dkms status netanom/$version -k $KREL | grep -q ': installed'"
ko=$(modinfo -n netanom 2>/dev/null || true)
case $ko in
"/lib/modules/$KREL/updates/"*) pass "modinfo finds the DKMS module ($ko)" ;;
*) fail "modinfo finds the DKMS module" "modinfo -n netanom says '$ko'" ;;
esac
expect_eq "its vermagic is $KREL's" "$(modinfo -F vermagic netanom | cut -d' ' -f1)" "$KREL"
check "modules-load.d names it" grep -qx netanom /usr/lib/modules-load.d/netanom.conf
if modprobe netanom; then
	pass "modprobe netanom"
else
	bail "modprobe netanom" "$(dmesg | tail -n 5)"
fi
check "netanomctl (the package's) talks to it" /usr/sbin/netanomctl stats

# The daemon as the unit starts it.
unit=/lib/systemd/system/netanomd.service
if [ -f "$unit" ]; then
	pass "the package installs $unit"
	if command -v systemd-analyze >/dev/null; then
		check "systemd-analyze verify $unit" systemd-analyze verify "$unit"
	fi
	exec_start=$(sed -n 's/^ExecStart=[-@:+!]*//p' "$unit")
elif [ -f "$REPO/etc/systemd/netanomd.service" ]; then
	fail "the package installs $unit"
	exec_start=/usr/sbin/netanomd
else
	echo "# no unit in the checkout yet: starting /usr/sbin/netanomd"
	exec_start=/usr/sbin/netanomd
fi
[ -n "$exec_start" ] || bail "the unit has an ExecStart"

CONF=/etc/netanom/netanomd.conf
check "the package installs $CONF" test -f "$CONF"
check "dpkg knows $CONF as a conffile" \
	bash -c "dpkg-query -W -f='\${Conffiles}' netanom | grep -q ' $CONF '"
cat >>"$CONF" <<EOC

; deb-install.sh: a short learning period
[rule]
bucket_span = 2s
min_buckets = 4
realert = 1h
EOC

start_peer_server
copy_prog "$(readlink -f /bin/bash)" "$WORK/benign"
"$WORK/benign" -c "while :; do
	exec 3<>/dev/tcp/$PEER4/$HTTP_PORT || exit 1
	printf 'GET / HTTP/1.0\r\n\r\n' >&3; cat <&3 >/dev/null
	exec 3<&-; sleep 0.5
done" &
BG_PIDS+=($!)

# ExecStart's words, as systemd splits them (no quoting in ours).
read -r -a argv <<<"$exec_start"
"${argv[@]}" >"$WORK/netanomd.log" 2>&1 &
DPID=$!
BG_PIDS+=("$DPID")

DB=/var/lib/netanom/netanom.db
ALERTS=/var/log/netanom/alerts.ndjson
observed() {
	/usr/sbin/netanomctl baseline --json --database "$DB" 2>/dev/null |
		"${PY[@]}" -c 'import json,sys; print(json.load(sys.stdin)["buckets_observed"])' 2>/dev/null ||
		echo 0
}
for i in $(seq 120); do
	[ "$(observed)" -ge 6 ] && break
	kill -0 "$DPID" 2>/dev/null || break
	sleep 0.5
	: "$i"
done
check "netanomd learns in /var/lib/netanom (6 buckets)" test "$(observed)" -ge 6

new=$WORK/fetch-updates
copy_prog /usr/bin/curl "$new"
"$new" -sS --max-time 20 "http://$PEER4:$HTTP_PORT/" >"$WORK/new.out" ||
	echo "the new program's connect failed"
# alert_for EXE: an alert in the packaged alerts file names EXE.
alert_for() {
	[ -f "$ALERTS" ] && "${PY[@]}" -c '
import json, sys
for line in open(sys.argv[1]):
    if json.loads(line).get("process", {}).get("executable") == sys.argv[2]:
        sys.exit(0)
sys.exit(1)' "$ALERTS" "$1"
}
for i in $(seq 40); do
	alert_for "$new" && break
	sleep 0.5
	: "$i"
done
check "an alert for the new program in $ALERTS" alert_for "$new"
check "no alert for the benign program" bash -c "! grep -q '\"$WORK/benign\"' '$ALERTS' 2>/dev/null"

kill -TERM "$DPID"
rc=0
wait "$DPID" || rc=$?
expect_eq "netanomd exits 0 on SIGTERM" "$rc" 0
sed 's/^/netanomd: /' "$WORK/netanomd.log"

# Removal: the module leaves the kernel's tree and DKMS.
rmmod netanom || fail "rmmod netanom"
t0=${EPOCHREALTIME%.*}
if dpkg --purge netanom netanom-dkms >"$WORK/purge.log" 2>&1; then
	pass "dpkg --purge netanom netanom-dkms"
else
	fail "dpkg --purge netanom netanom-dkms" "$(tail -n 20 "$WORK/purge.log")"
fi
echo "# dpkg --purge (dkms remove, depmod) took $((${EPOCHREALTIME%.*} - t0))s"
check "the module is gone from /lib/modules/$KREL" \
	bash -c "! modinfo -n netanom >/dev/null 2>&1"
check "dkms no longer knows netanom" bash -c "[ -z \"\$(dkms status netanom)\" ]"
check "purge removed /var/lib/netanom" test ! -e /var/lib/netanom
finish
