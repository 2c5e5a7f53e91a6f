# shellcheck shell=bash
# What the two kinds of test guest do once they are set up, sourced by
# scripts/vm/guest-init.sh (PID 1 of a guest) and scripts/vm/systemd-guest.sh
# (the command of a `scripts/vm.sh --systemd` guest); not run.
#
#   guest_run REPO RUNFILE HOME [NAME=VALUE...]
#
# Runs RUNFILE (written by scripts/vm.sh: cd to the checkout, exec CMD) in
# REPO, then prints, for scripts/vm.sh to read on the serial console:
#
#   NETANOM_VM_DMESG_BEGIN / the whole kernel log / NETANOM_VM_DMESG_END
#   NETANOM_VM_EXIT=<exit status of CMD>
#
# and returns: powering off is the caller's.  CMD gets a clean environment
# (PATH, HOME, TERM=dumb, LANG=C.UTF-8, NETANOM_VM=1 and the NAME=VALUEs),
# no terminal on stdin (a test that reads it must not hang the run) and
# the console for its output.
guest_run() {
	local repo=$1 run=$2 home=$3 rc
	shift 3
	cd "$repo" || echo "netanom-vm: cannot cd to $repo"
	env -i PATH="$PATH" HOME="$home" TERM=dumb LANG=C.UTF-8 NETANOM_VM=1 \
		"$@" /bin/bash "$run" </dev/null
	rc=$?
	# The markers start at a line of their own even if CMD's output did
	# not end with a newline.
	echo
	echo NETANOM_VM_DMESG_BEGIN
	dmesg --color=never
	echo NETANOM_VM_DMESG_END
	echo "NETANOM_VM_EXIT=$rc"
}
