#!/bin/bash
# The packages' end-to-end test: for each kernel release, boot a guest with
# a writable overlay root (scripts/vm.sh --overlay --tag deb) and run
# tests/vm/deb/deb-install.sh in it: dpkg -i of build/deb/*.deb (make deb
# first), the DKMS build for the guest's kernel, modprobe, netanomd, an
# alert, dpkg --purge.
#
#   scripts/deb-vm-test.sh RESULTS_DIR [RELEASE...]
#
# RELEASE defaults to every release 'scripts/kernels.sh images' prints;
# "6.12" or "6.1" picks the installed release of that series.  Writes
# RESULTS_DIR/deb-vm-RELEASE.tap, with one more line "ok|not ok RELEASE
# deb-vm boot and clean kernel log".  The guest's files are in
# build/vm/RELEASE-deb/ (its output in deb-vm-test.log there), so that it
# can run beside the VM tier's guest of the same release (make test runs
# the 6.1 one that way).  One guest at a time: each one builds the module,
# which keeps a CPU busy.  The scenario may take up to SCENARIO_TIMEOUT
# (default 1800 seconds, 3600 with NETANOM_DEB_ALL_KERNELS=1) and the guest
# VM_TIMEOUT (300 more): on the
# 2-core machine, shared with other guests and a kernel build, dpkg -i
# took 257 s in the 6.1 guest and 429 s in the 6.12 guest (xz-compressed
# modules make its depmod three times as slow, and kbuild also compiles
# .module-common.o), and the whole guest 7 and 10 minutes.
#
# Passed on to the guest's scenario when set:
#   NETANOM_DEB_PROFILE=1      log when make (with kbuild's output), depmod,
#                              openssl, strip, xz... start and end in dpkg -i
#   NETANOM_DEB_ALL_KERNELS=1  leave DKMS the headers of every kernel, so
#                              that the postinst also builds for the newest
# Exit status: 0 when every check passed.
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/help.sh"
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd -P)
[ $# -ge 1 ] || { echo "usage: scripts/deb-vm-test.sh RESULTS_DIR [RELEASE...]" >&2; exit 2; }
results=$1
shift
mkdir -p "$results"

mapfile -t images < <("$repo/scripts/kernels.sh" images)
releases=()
if [ $# -eq 0 ]; then
	releases=("${images[@]}")
fi
for want in "$@"; do
	found=
	for rel in "${images[@]}"; do
		case $rel in "$want" | "$want".*) releases+=("$rel"); found=1; break ;; esac
	done
	if [ -z "$found" ]; then
		echo "not ok deb-vm $want: no such kernel image (scripts/kernels.sh images)" >"$results/deb-vm-$want.tap"
		exit 1
	fi
done
[ ${#releases[@]} -gt 0 ] || {
	echo "not ok deb-vm: no kernel image to boot (scripts/kernels.sh images)" >"$results/deb-vm.tap"
	exit 1
}

scenario_timeout=${SCENARIO_TIMEOUT:-$([ -n "${NETANOM_DEB_ALL_KERNELS:-}" ] && echo 3600 || echo 1800)}
vm_timeout=${VM_TIMEOUT:-$((scenario_timeout + 300))}

bad=0
for rel in "${releases[@]}"; do
	tap=$results/deb-vm-$rel.tap
	dir=$repo/build/vm/$rel-deb
	mkdir -p "$dir"
	rm -f "$dir/status"
	set +e
	VM_TIMEOUT=$vm_timeout "$repo/scripts/vm.sh" --overlay --tag deb --kernel "$rel" -- \
		env SCENARIO_TIMEOUT="$scenario_timeout" \
		NETANOM_DEB_PROFILE="${NETANOM_DEB_PROFILE:-}" \
		NETANOM_DEB_ALL_KERNELS="${NETANOM_DEB_ALL_KERNELS:-}" \
		tests/vm/run.sh deb/deb-install 2>&1 |
		tee "$dir/deb-vm-test.log" |
		grep --line-buffered -E '^(not )?ok |^vm\.sh: |^#.*took'
	set -e
	grep -E '^(not )?ok ' "$dir/deb-vm-test.log" >"$tap" || true
	token=$(sed -n 's/^token=//p' "$dir/status" 2>/dev/null || true)
	klog=$(sed -n 's/^klog=//p' "$dir/status" 2>/dev/null || true)
	rc=$(sed -n 's/^rc=//p' "$dir/status" 2>/dev/null || true)
	if [ "$token" = yes ] && [ "$klog" = clean ]; then
		echo "ok $rel deb-vm boot and clean kernel log" >>"$tap"
	else
		echo "not ok $rel deb-vm boot and clean kernel log" >>"$tap"
	fi
	if [ "$token" = yes ] && [ "$rc" != 0 ] && ! grep -q '^not ok ' "$tap"; then
		echo "not ok $rel deb-vm test runner (exit status $rc)" >>"$tap"
	fi
	grep -q '^not ok ' "$tap" && bad=1
done
exit "$bad"
