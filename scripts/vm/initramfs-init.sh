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
#   netanom_vm_systemd=1  (with the overlay) boot systemd instead, into a
#                         default target that only runs
#                         scripts/vm/systemd-guest.sh (scripts/vm.sh --systemd)
# (no dot in the names: "name.param" would be taken for a module parameter.)

/bin/busybox mkdir -p /bin /proc /sys /dev /newroot
/bin/busybox --install -s /bin
export PATH=/bin

# Power off without running CMD: the host sees no exit token and fails the
# run, showing this message in the console log.
fail() {
	echo "netanom-vm: initramfs: $*"
	# A reboot ends QEMU (-no-reboot) with or without ACPI; a power-off
	# would only halt the debug kernel, which has no ACPI.
	reboot -f
	poweroff -f
	echo o >/proc/sysrq-trigger
	sleep 60
}

mount -t proc proc /proc || fail "cannot mount /proc"
mount -t devtmpfs devtmpfs /dev || fail "cannot mount /dev"

repo=
run=
overlay=
systemd=
read -r cmdline </proc/cmdline
for word in $cmdline; do
	case $word in
	netanom_vm_repo=*) repo=${word#*=} ;;
	netanom_vm_run=*) run=${word#*=} ;;
	netanom_vm_overlay=1) overlay=1 ;;
	netanom_vm_systemd=1) systemd=1 ;;
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
if [ -n "$systemd" ] && [ -n "$overlay" ]; then
	# Only what the test needs boots: nothing from the host's fstab, and a
	# default target that runs the command and powers off.
	u=/newroot/etc/systemd/system
	: >/newroot/etc/fstab
	printf '%s\n' "[Unit]" "Description=netanom VM test command" \
		"After=basic.target" "[Service]" "Type=oneshot" \
		"ExecStart=/bin/bash $repo/scripts/vm/systemd-guest.sh $repo $run" \
		"StandardInput=null" "StandardOutput=tty" \
		"StandardError=inherit" "TTYPath=/dev/ttyS0" \
		>"$u/netanom-vm.service"
	printf '%s\n' "[Unit]" "Description=netanom VM test" \
		"Requires=basic.target netanom-vm.service" \
		"After=basic.target netanom-vm.service" "AllowIsolate=yes" \
		>"$u/netanom-vm.target"
	ln -sf netanom-vm.target "$u/default.target"
	# What a boot does that no test needs and that costs tens of seconds
	# over 9p under TCG (tmpfiles walks all of /var).
	for m in systemd-tmpfiles-setup.service systemd-tmpfiles-clean.timer \
		systemd-udev-trigger.service systemd-udev-settle.service \
		systemd-update-utmp.service systemd-journal-flush.service \
		systemd-timesyncd.service systemd-pstore.service \
		ldconfig.service systemd-hwdb-update.service \
		systemd-random-seed.service systemd-journal-catalog-update.service \
		apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer \
		e2scrub_all.timer fstrim.timer logrotate.timer man-db.timer; do
		ln -sf /dev/null "$u/$m"
	done
	exec switch_root /newroot /lib/systemd/systemd
fi
exec switch_root /newroot /bin/bash "$repo/scripts/vm/guest-init.sh" "$repo" "$run"
