#!/bin/bash
# The command of a `scripts/vm.sh --systemd` guest, run by systemd as
# netanom-vm.service (written by scripts/vm/initramfs-init.sh):
#
#   systemd-guest.sh REPO RUNFILE
#
# Runs RUNFILE and reports on the console as guest-init.sh does
# (scripts/vm/guest-run.sh; here with HOME=/root and NETANOM_VM_SYSTEMD=1),
# and powers the machine off at once, without a clean shutdown: the root
# is a throwaway overlay.
set -u
repo=$1
run=$2
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
hostname netanom-vm
# shellcheck source=scripts/vm/guest-run.sh
. "$repo/scripts/vm/guest-run.sh" ||
	echo "netanom-vm: cannot read $repo/scripts/vm/guest-run.sh"
guest_run "$repo" "$run" /root NETANOM_VM_SYSTEMD=1
sync
/bin/busybox poweroff -f
echo o >/proc/sysrq-trigger
