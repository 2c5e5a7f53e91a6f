#!/bin/bash
# PID 1 of the netanom test guest after switch_root into the host root
# (started by scripts/vm/initramfs-init.sh; see scripts/vm.sh).
#
#   guest-init.sh REPO RUNFILE
#
# Mounts the pseudo filesystems and fresh tmpfs over the places the host root
# (read-only) would need to be written, sets up the test network, runs
# RUNFILE and reports on the console as scripts/vm/guest-run.sh says (with
# HOME=/tmp), and powers the machine off.
#
# Network: lo up, and a veth pair to the network namespace "peer":
#   guest  veth0  198.51.100.1/24  2001:db8::1/64
#   peer   veth1  198.51.100.2/24  2001:db8::2/64
#
# No "set -e": this is PID 1, and if it exits the kernel panics before the
# reason is printed.  Every step that must work goes through must().
set -u

repo=$1
run=$2
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

off() {
	sync
	# Without ACPI (the debug kernel) power-off would only halt; a reboot
	# ends QEMU, which runs with -no-reboot.
	[ -d /sys/firmware/acpi ] || /bin/busybox reboot -f
	/bin/busybox poweroff -f
	echo o >/proc/sysrq-trigger
	sleep 60
}

# A setup step failed: say which, and power off without an exit token, so
# that the host reports the run as a harness failure.
must() {
	"$@" && return 0
	echo "netanom-vm: guest setup failed: $*"
	off
}

# shellcheck source=scripts/vm/guest-run.sh
must . "$repo/scripts/vm/guest-run.sh"

must mount -t proc -o nosuid,nodev,noexec proc /proc
must mount -t sysfs -o nosuid,nodev,noexec sysfs /sys
must mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
must mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts /dev/pts
ln -sf pts/ptmx /dev/ptmx
# What udev or systemd would make; bash process substitution needs /dev/fd.
ln -sf /proc/self/fd /dev/fd
ln -sf /proc/self/fd/0 /dev/stdin
ln -sf /proc/self/fd/1 /dev/stdout
ln -sf /proc/self/fd/2 /dev/stderr
must mount -t tmpfs -o mode=1777 tmpfs /dev/shm
must mount -t tmpfs -o mode=1777 tmpfs /tmp
must mount -t tmpfs -o mode=1777 tmpfs /var/tmp
must mount -t tmpfs -o mode=0755 tmpfs /run
# For looking at kprobes while debugging; not needed by the tests.
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
hostname netanom-vm

# Module autoloading runs the host's modprobe, which works now that the host
# root is /; load veth explicitly anyway so a failure is reported here.  A
# kernel without a module tree (the debug kernel) has veth built in.
if [ -d "/lib/modules/$(uname -r)" ]; then
	must modprobe veth
fi
must ip link set lo up
must ip netns add peer
must ip link add veth0 type veth peer name veth1 netns peer
must ip addr add 198.51.100.1/24 dev veth0
# nodad: the address is usable at once instead of after duplicate detection.
must ip -6 addr add 2001:db8::1/64 dev veth0 nodad
must ip link set veth0 up
must ip -n peer link set lo up
must ip -n peer addr add 198.51.100.2/24 dev veth1
must ip -n peer -6 addr add 2001:db8::2/64 dev veth1 nodad
must ip -n peer link set veth1 up

guest_run "$repo" "$run" /tmp
off
