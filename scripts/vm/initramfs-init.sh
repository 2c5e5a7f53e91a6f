#!/bin/busybox sh
# shellcheck shell=dash
# PID 1 of the netanom test guest's initramfs (built by scripts/vm.sh).
#
# Its only job is to get the host's root filesystem mounted and hand over to
# it: load the virtio and 9p modules listed in /modules (decompressed, in
# load order), mount the host root read-only and the checkout writable over
# virtio-9p, then switch_root into the host root and run the checkout's
# scripts/vm/guest-init.sh.  Everything after that runs with the host's own
# tools, and the kernel's module autoloading finds the host's modprobe.
#
# Parameters come from the kernel command line:
#   netanom_vm_repo=DIR   the checkout, mounted at the same path as on the host
#   netanom_vm_run=FILE   the command file that guest-init.sh runs
#   netanom_vm_overlay=1  the root is an overlayfs: the host root (read-only)
#                         below, a tmpfs above, so the guest can write it
# (no dot in the names: "name.param" would be taken for a module parameter.)

/bin/busybox mkdir -p /bin /proc /sys /dev /newroot
/bin/busybox --install -s /bin
export PATH=/bin

# Power off without running CMD: the host sees no exit token and fails the
# run, showing this message in the console log.
fail() {
	echo "netanom-vm: initramfs: $*"
	poweroff -f
	echo o >/proc/sysrq-trigger
	sleep 60
}

mount -t proc proc /proc || fail "cannot mount /proc"
mount -t devtmpfs devtmpfs /dev || fail "cannot mount /dev"

repo=
run=
overlay=
read -r cmdline </proc/cmdline
for word in $cmdline; do
	case $word in
	netanom_vm_repo=*) repo=${word#*=} ;;
	netanom_vm_run=*) run=${word#*=} ;;
	netanom_vm_overlay=1) overlay=1 ;;
	esac
done
if [ -z "$repo" ] || [ -z "$run" ]; then
	fail "netanom_vm_repo= or netanom_vm_run= missing"
fi

while read -r m; do
	[ -n "$m" ] || continue
	insmod "/lib/modules/$m" || fail "insmod $m failed"
done </modules

# A large msize makes every 9p round trip (and so every exec under TCG)
# cheaper.  The root is read-only and does not change under us, so cache it
# loosely; the checkout is written on both sides, so only mmap is cached.
opts=trans=virtio,version=9p2000.L,msize=262144
if [ -n "$overlay" ]; then
	# The host root below, read-only; the guest's writes go to a tmpfs.
	mkdir -p /lower /rw
	mount -t 9p -o "$opts,ro,cache=loose" hostroot /lower ||
		fail "cannot mount the host root over 9p"
	mount -t tmpfs -o mode=0755 tmpfs /rw || fail "cannot mount the overlay's tmpfs"
	mkdir -p /rw/upper /rw/work
	mount -t overlay -o lowerdir=/lower,upperdir=/rw/upper,workdir=/rw/work \
		overlay /newroot || fail "cannot mount the overlay root"
else
	mount -t 9p -o "$opts,ro,cache=loose" hostroot /newroot ||
		fail "cannot mount the host root over 9p"
fi
[ -d "/newroot$repo" ] || fail "$repo does not exist in the host root"
mount -t 9p -o "$opts,cache=mmap" checkout "/newroot$repo" ||
	fail "cannot mount the checkout over 9p at $repo"

# guest-init.sh mounts its own /proc and /dev in the new root.
umount /proc
umount /dev
exec switch_root /newroot /bin/bash "$repo/scripts/vm/guest-init.sh" "$repo" "$run"
