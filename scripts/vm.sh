#!/bin/bash
# Run a command as root in a QEMU guest booting an installed Debian kernel,
# or the debug kernel that 'make debug-kernel' builds.
#
# The guest runs the host's own root filesystem (read-only, over virtio-9p)
# with the checkout shared writable at the same path, so every installed tool
# and everything built in the checkout works in the guest.  See --help.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd -P)
me=${0##*/}

usage() {
	cat <<EOF
usage: $me [--kernel RELEASE] [--mem MB] [--overlay] [--systemd]
          [--tag NAME] [--icount[=OPTS]] [--append ARGS]
          [--qemu-arg ARG]... [--] CMD [ARG...]

Boot /boot/vmlinuz-RELEASE under QEMU (TCG, 2 vCPUs on one host thread,
no NIC, serial console), with the host root read-only and the checkout
($repo) writable at the same path, and run CMD as root in the
checkout.  Without --kernel, every release that 'scripts/kernels.sh images'
prints is booted, one after the other.  --kernel debug boots the debug
kernel of 'make debug-kernel' (build/debug-kernel/bzImage: KASAN, UBSAN,
lockdep, kmemleak, failslab; everything built in), by default with 2048
MiB, booted with slab_nomerge acpi=noirq tsc=unstable; build the module
for it with 'make module KDIR=build/debug-kernel/obj'.

The guest has lo up and a veth pair to the network namespace "peer":
  guest  veth0  198.51.100.1/24  2001:db8::1/64
  peer   veth1  198.51.100.2/24  2001:db8::2/64   (ip netns exec peer CMD)
and fresh tmpfs on /tmp, /var/tmp, /run and /dev/shm; HOME=/tmp.

CMD's output is shown live; the whole console (with the guest's kernel log,
dumped after CMD) is kept in build/vm/RELEASE/console.log, the kernel log
alone in build/vm/RELEASE/dmesg.log, and a summary in build/vm/RELEASE/status
(lines rc=, token=yes|no, klog=clean|dirty|missing).  One guest of a
release runs at a time per run directory; --tag gives another one.

Options:
  --kernel RELEASE  boot only this release, or "debug" (may be given more
                    than once)
  --mem MB          guest memory in MiB (default 1024, 2048 for debug)
  --icount[=OPTS]   run with QEMU -icount OPTS (default shift=0,sleep=off,
                    align=off): the guest's clocks advance one nanosecond
                    per guest instruction, so a time measured in the guest
                    is an instruction count, the same from run to run
                    whatever the host is doing (bench/ uses it); implies
                    thread=single.  The 6.1 guest hangs early in boot
                    under -icount (bringing up the second CPU).
  --append ARGS     add ARGS (blank-separated) to the kernel command line
  --qemu-arg ARG    pass ARG to QEMU as one more argument (may be repeated:
                    --qemu-arg -device --qemu-arg virtio-rng-pci)
  --overlay         make the guest's root writable: a tmpfs overlay (in
                    guest memory, gone at power-off) over the read-only
                    host root, so that dpkg, dkms and depmod can write
                    /var, /etc, /usr and /lib/modules in the guest
  --systemd         --overlay, and boot systemd as PID 1 into a target that
                    only runs CMD (as the service netanom-vm.service, its
                    output on the console): for testing units.  No veth
                    pair in this mode.
  --tag NAME        keep this run's files in build/vm/RELEASE-NAME/ instead
                    of build/vm/RELEASE/, so that it can run beside an
                    untagged guest of the same release (make test runs the
                    package test, --tag deb, beside the VM tier)
  -h, --help        this text

Environment:
  VM_TIMEOUT        seconds before QEMU is killed (default 600)
  VM_KEEP_DMESG=1   also print the guest's kernel log after CMD's output
  VM_ACCEL          QEMU -accel value (default tcg,thread=single: see the
                    comment in this script before changing it)

Exit status: CMD's exit status when the guest ran it and the guest's kernel
log is clean; 125 when the guest did not report an exit status (boot
failure, panic, hang, timeout) or its kernel log shows BUG:, WARNING:,
Oops or Call Trace; 2 on a usage error.  With several releases: 0 if every
run succeeded, else the status of the last failing run.
EOF
}

die() {
	echo "$me: $*" >&2
	exit 2
}

releases=()
mem=
icount=
append_extra=
qemu_extra=()
overlay=
systemd=
tag=
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) [ $# -ge 2 ] || die "--kernel needs a release"; releases+=("$2"); shift 2 ;;
	--kernel=*) releases+=("${1#*=}"); shift ;;
	--mem) [ $# -ge 2 ] || die "--mem needs a size in MiB"; mem=$2; shift 2 ;;
	--mem=*) mem=${1#*=}; shift ;;
	--icount) icount=shift=0,sleep=off,align=off; shift ;;
	--icount=*) icount=${1#*=}; shift ;;
	--append) [ $# -ge 2 ] || die "--append needs kernel arguments"; append_extra+=" $2"; shift 2 ;;
	--append=*) append_extra+=" ${1#*=}"; shift ;;
	--qemu-arg) [ $# -ge 2 ] || die "--qemu-arg needs an argument"; qemu_extra+=("$2"); shift 2 ;;
	--qemu-arg=*) qemu_extra+=("${1#*=}"); shift ;;
	--overlay) overlay=1; shift ;;
	--tag) [ $# -ge 2 ] || die "--tag needs a name"; tag=$2; shift 2 ;;
	--tag=*) tag=${1#*=}; shift ;;
	--systemd) overlay=1; systemd=1; shift ;;
	-h | --help) usage; exit 0 ;;
	--) shift; break ;;
	-*) die "unknown option $1 (see --help)" ;;
	*) break ;;
	esac
done
[ $# -gt 0 ] || die "no command given (see --help)"
case $mem in *[!0-9]*) die "--mem wants a number of MiB, not '$mem'" ;; esac
case $tag in *[!0-9A-Za-z_.-]*) die "--tag wants letters, digits, '.', '_' or '-', not '$tag'" ;; esac
timeout_s=${VM_TIMEOUT:-600}
# One host thread runs both vCPUs, interleaved.  With QEMU 7.2's
# multi-threaded TCG, live patching of kernel text is not safe: unregistering
# even an empty kprobe on security_socket_connect while both vCPUs connect in
# a loop makes the guest jump to address 0 within a few load/unload cycles,
# on 6.1 and 6.12 alike; with thread=single it never did.  Override with
# VM_ACCEL (e.g. VM_ACCEL=tcg for multi-threaded TCG).  KVM does not work on
# this machine.
accel=${VM_ACCEL:-tcg,thread=single}
# -icount: one instruction, one nanosecond of guest time.  sleep=off: an
# idle guest's timers fire at once instead of after host time; align=off: no
# throttling to host time, so the host's load changes nothing in the guest.
icount_args=()
if [ -n "$icount" ]; then
	icount_args=(-icount "$icount")
	accel=tcg,thread=single
fi
case $timeout_s in '' | *[!0-9]*) die "VM_TIMEOUT wants seconds, not '$timeout_s'" ;; esac

# The paths travel on the kernel command line, which splits at blanks.
case $repo in *[[:space:]]*) die "the checkout path '$repo' contains blanks" ;; esac

if [ ${#releases[@]} -eq 0 ]; then
	mapfile -t releases < <("$repo/scripts/kernels.sh" images)
	[ ${#releases[@]} -gt 0 ] || die "no kernel image found (scripts/kernels.sh images)"
fi

for tool in qemu-system-x86_64 cpio gzip xz modprobe timeout flock; do
	command -v "$tool" >/dev/null || die "$tool not found (run scripts/deps.sh)"
done
busybox=/bin/busybox
# The dynamic busybox would need its libraries in the initramfs.
if [ ! -x "$busybox" ] || readelf -l "$busybox" 2>/dev/null | grep -q 'program interpreter'; then
	die "$busybox is missing or not static (install busybox-static)"
fi

# Modules the initramfs needs to mount 9p over virtio-pci (and overlayfs
# for --overlay); modprobe resolves
# their dependencies from the release's modules.dep, in load order, and
# says "builtin" for what is built in (virtio_pci on 6.12).  A kernel without
# a module tree (the debug kernel) has all of it built in.
initramfs_modules() {
	local rel=$1 m out verb path _ seen=" "
	[ -d "/lib/modules/$rel" ] || return 0
	for m in virtio_pci 9pnet_virtio 9p overlay; do
		out=$(modprobe -S "$rel" --show-depends "$m") ||
			die "$rel: modprobe cannot resolve $m"
		while read -r verb path _; do
			[ "$verb" = insmod ] || continue
			case $seen in *" $path "*) continue ;; esac
			seen="$seen$path "
			echo "$path"
		done <<<"$out"
	done
}

# Build build/vm/REL/initramfs.cpio.gz unless it is up to date: the key is
# made of everything that goes into it.
build_initramfs() {
	local rel=$1 dir=$2 key mods m stage name
	mods=$(initramfs_modules "$rel")
	key=$({
		echo "format 1"
		sha256sum "$repo/scripts/vm/initramfs-init.sh" "$busybox"
		for m in $mods; do stat -c '%n %s %Y' "$m"; done
	} | sha256sum | cut -d' ' -f1)
	if [ -f "$dir/initramfs.cpio.gz" ] && [ "$(cat "$dir/initramfs.key" 2>/dev/null)" = "$key" ]; then
		return 0
	fi
	echo "$me: $rel: building initramfs" >&2
	stage=$(mktemp -d "$dir/initramfs.XXXXXX")
	mkdir -p "$stage/bin" "$stage/dev" "$stage/lib/modules"
	cp "$busybox" "$stage/bin/busybox"
	cp "$repo/scripts/vm/initramfs-init.sh" "$stage/init"
	chmod 0755 "$stage/init"
	# busybox insmod cannot read compressed modules (6.12 ships .ko.xz).
	: >"$stage/modules"
	for m in $mods; do
		name=$(basename "$m")
		case $m in
		*.ko.xz) xz -dc "$m" >"$stage/lib/modules/${name%.xz}"; name=${name%.xz} ;;
		*.ko) cp "$m" "$stage/lib/modules/$name" ;;
		*) die "$rel: cannot use module $m" ;;
		esac
		echo "$name" >>"$stage/modules"
	done
	# The kernel opens /dev/console for init before init can mount
	# devtmpfs; Debian's built-in initramfs has it too, this is for safety.
	if [ "$(id -u)" = 0 ]; then mknod -m 600 "$stage/dev/console" c 5 1; fi
	(cd "$stage" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) |
		gzip -1 >"$dir/initramfs.cpio.gz.tmp"
	mv "$dir/initramfs.cpio.gz.tmp" "$dir/initramfs.cpio.gz"
	echo "$key" >"$dir/initramfs.key"
	rm -rf "$stage"
}

# What the guest's kernel log must never show.
KLOG_BAD='BUG:|WARNING:|Oops|Call Trace'

# Boot REL once and run the command; returns the run's exit status as
# documented in usage().
run_one() {
	local rel=$1 dir kernel cmdfile log st rc token klog arg ram=$mem extra=$append_extra
	shift
	dir=$repo/build/vm/$rel${tag:+-$tag}
	kernel=/boot/vmlinuz-$rel
	if [ "$rel" = debug ]; then
		kernel=$repo/build/debug-kernel/bzImage
		[ -r "$kernel" ] || { echo "$me: debug: no $kernel (run: make debug-kernel)" >&2; return 125; }
		# KASAN's shadow and kmemleak's metadata need room.
		ram=${ram:-2048}
		# Unmerged slab caches: failslab's per-cache switch
		# (/sys/kernel/slab/*/failslab) refuses a merged cache, and the
		# stress suite limits injection to the kmalloc caches.
		extra+=" slab_nomerge"
		# ACPI for the CPUs (the MADT), not for interrupts: the debug
		# kernel has no MSI, and evaluating the PCI routing method
		# (_PRT) under KASAN on TCG ran into ACPICA's 30 s loop timeout,
		# twice in the first 100 s of a boot that then made no progress.
		# The MP table routes them instead.
		extra+=" acpi=noirq"
		# The TSC is calibrated against the PIT, which on a loaded host
		# is off by far: 104 MHz for a 2.59 GHz TSC in one boot, so the
		# guest's clock ran 25 times too fast and the scenario's
		# timeout killed it within minutes.  The clocksource watchdog
		# skipped its checks ("Long readout interval").  The HPET
		# counts QEMU's virtual time.
		extra+=" tsc=unstable"
	fi
	ram=${ram:-1024}
	mkdir -p "$dir"
	[ -r "$kernel" ] || { echo "$me: $rel: cannot read $kernel" >&2; return 125; }

	# One guest per release at a time: the run files below are shared.
	exec 9>"$dir/lock"
	if ! flock -n 9; then
		echo "$me: $rel: waiting for another run of this release to end" >&2
		flock 9
	fi

	build_initramfs "$rel" "$dir"

	# The guest runs this file with bash; printf %q quotes for bash.
	cmdfile=$dir/cmd.sh
	{
		echo "# written by scripts/vm.sh, run in the guest by scripts/vm/guest-init.sh"
		printf 'cd %q || exit 125\nexec' "$repo"
		for arg in "$@"; do printf ' %q' "$arg"; done
		echo
	} >"$cmdfile"

	log=$dir/console.log
	rm -f "$log" "$dir/dmesg.log" "$dir/status"
	echo "$me: $rel: booting (timeout ${timeout_s}s, log $log)" >&2

	# The kernel log is read from a full dmesg at the end (so the console
	# stays quiet); stall detectors get more slack because a TCG guest on a
	# busy host can be descheduled for many seconds without being stuck.
	# oops=panic: after an oops the guest is in no state to go on, and a
	# crashed probe can oops on every connect, flooding the console until
	# the timeout; panic=-1 then ends the run at once, without a token.
	local append="console=ttyS0,115200 panic=-1 oops=panic quiet log_buf_len=4M"
	append+=" rcupdate.rcu_cpu_stall_timeout=60 watchdog_thresh=30"
	# The IO-APIC timer check measures ticks against a busy loop; on a
	# loaded host it fails and panics the boot ("IO-APIC + timer doesn't
	# work"), as seen with 6.1 and 6.12 at a load of 19 on two cores.
	append+=" no_timer_check"
	append+=" netanom_vm_repo=$repo netanom_vm_run=$cmdfile$extra"
	if [ -n "$overlay" ]; then append+=" netanom_vm_overlay=1"; fi
	if [ -n "$systemd" ]; then append+=" netanom_vm_systemd=1 systemd.show_status=0"; fi

	# Live view: the console without the kernel log dump and the token,
	# and without the serial line's carriage returns.
	local -a live=(-e 's/\r$//' -e '/^NETANOM_VM_EXIT=/d' -e '/\] reboot: Power down$/d')
	if [ -z "${VM_KEEP_DMESG:-}" ]; then
		live+=(-e '/^NETANOM_VM_DMESG_BEGIN/,/^NETANOM_VM_DMESG_END/d')
	fi
	set +e
	timeout -k 10 "$timeout_s" qemu-system-x86_64 \
		-accel "$accel" ${icount_args[@]+"${icount_args[@]}"} -M pc -smp 2 -m "$ram" \
		-nodefaults -no-user-config -display none -vga none -monitor none \
		-serial stdio -nic none -no-reboot \
		-kernel "$kernel" -initrd "$dir/initramfs.cpio.gz" -append "$append" \
		-virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap" \
		-virtfs "local,path=$repo,mount_tag=checkout,security_model=none,multidevs=remap" \
		${qemu_extra[@]+"${qemu_extra[@]}"} \
		</dev/null 9>&- 2>&1 |
		tee "$log" |
		sed -u "${live[@]}"
	st=${PIPESTATUS[0]}
	set -e

	tr -d '\r' <"$log" | sed -n '/^NETANOM_VM_DMESG_BEGIN/,/^NETANOM_VM_DMESG_END/p' |
		sed '1d;$d' >"$dir/dmesg.log"
	token=$(tr -d '\r' <"$log" | sed -n 's/^NETANOM_VM_EXIT=\([0-9][0-9]*\)$/\1/p' | tail -n 1)
	if ! tr -d '\r' <"$log" | grep -q '^NETANOM_VM_DMESG_END'; then
		klog=missing
	elif grep -Eq "$KLOG_BAD" "$dir/dmesg.log"; then
		klog=dirty
	else
		klog=clean
	fi
	{
		echo "rc=${token:-}"
		echo "token=$([ -n "$token" ] && echo yes || echo no)"
		echo "klog=$klog"
		echo "qemu=$st"
	} >"$dir/status"

	rc=0
	if [ -z "$token" ]; then
		if [ "$st" = 124 ]; then
			echo "$me: $rel: FAIL: timed out after ${timeout_s}s with no exit token" >&2
		else
			echo "$me: $rel: FAIL: the guest stopped without an exit token (QEMU status $st)" >&2
		fi
		# A panic or oops on the way down is on the console, not in dmesg.log.
		tr -d '\r' <"$log" | grep -E "$KLOG_BAD|Kernel panic|netanom-vm:" | head -n 20 | sed 's/^/    /' >&2 || true
		echo "$me: $rel: last console lines:" >&2
		tr -d '\r' <"$log" | tail -n 15 | sed 's/^/    /' >&2
		rc=125
	elif [ "$klog" = dirty ]; then
		echo "$me: $rel: FAIL: the guest kernel log shows BUG:/WARNING:/Oops/Call Trace:" >&2
		grep -E -m 20 "$KLOG_BAD" "$dir/dmesg.log" | sed 's/^/    /' >&2
		echo "$me: $rel: full kernel log in $dir/dmesg.log" >&2
		rc=125
	elif [ "$klog" = missing ]; then
		echo "$me: $rel: FAIL: the guest's kernel log dump is missing" >&2
		rc=125
	else
		rc=$token
		echo "$me: $rel: command exited with status $rc, kernel log clean" >&2
	fi
	exec 9>&-
	return "$rc"
}

final=0
for rel in "${releases[@]}"; do
	run_one "$rel" "$@" || final=$?
done
exit "$final"
