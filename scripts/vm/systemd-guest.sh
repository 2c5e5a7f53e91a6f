#!/bin/bash
# The command of a `scripts/vm.sh --systemd` guest, run by systemd as
# netanom-vm.service (written by scripts/vm/initramfs-init.sh):
#
#   systemd-guest.sh REPO RUNFILE
#
# Runs RUNFILE, then prints what guest-init.sh prints for scripts/vm.sh
# (the kernel log between NETANOM_VM_DMESG_BEGIN/END, NETANOM_VM_EXIT=) and
# powers the machine off at once, without a clean shutdown: the root is a
# throwaway overlay.
set -u
repo=$1
run=$2
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
hostname netanom-vm
cd "$repo" || echo "netanom-vm: cannot cd to $repo"
env -i PATH="$PATH" HOME=/root TERM=dumb LANG=C.UTF-8 NETANOM_VM=1 \
	NETANOM_VM_SYSTEMD=1 /bin/bash "$run" </dev/null
rc=$?
echo
echo NETANOM_VM_DMESG_BEGIN
dmesg --color=never
echo NETANOM_VM_DMESG_END
echo "NETANOM_VM_EXIT=$rc"
sync
/bin/busybox poweroff -f
echo o >/proc/sysrq-trigger
