#!/bin/bash
# `make install` into temporary DESTDIRs, checked file by file:
#   tests/install/run.sh TAP_FILE
# Every installed path and its mode is compared with the list below (and
# nothing else may appear), the installed programs with the built ones, the
# unit's ExecStart with SBINDIR; a second install must keep an edited
# configuration; PREFIX=/usr moves what belongs under the prefix and
# nothing else; uninstall removes all but the operator's files; and a
# missing build is refused with a message saying to run make.
# Needs a finished `make` (module and userspace).
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/../../scripts/help.sh"
set -u
tap=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: >"$tap"
n=0
failed=0

ok() {
	n=$((n + 1))
	echo "ok $n - install: $1" >>"$tap"
}

not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - install: $1" >>"$tap"
	[ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/    # /' | head -40 >>"$tap"
}

check() {
	local what=$1
	shift
	local out
	if out=$("$@" 2>&1); then ok "$what"; else not_ok "$what" "$out"; fi
}

releases=$(cd "$top" && scripts/kernels.sh headers)

# expected PREFIX: "MODE PATH" for every file and directory install makes
# (directories are listed only where install sets their mode).
expected() {
	local p=$1 rel f
	echo "755 $p/sbin/netanomd"
	echo "755 $p/sbin/netanomctl"
	echo "640 /etc/netanom/netanomd.conf"
	echo "750 /var/lib/netanom"
	echo "750 /var/log/netanom"
	echo "644 /etc/modules-load.d/netanom.conf"
	echo "644 /etc/logrotate.d/netanom"
	echo "644 $p/lib/systemd/system/netanomd.service"
	echo "644 $p/share/bash-completion/completions/netanomctl"
	for rel in $releases; do
		echo "644 /lib/modules/$rel/updates/netanom.ko"
	done
	for f in "$top"/man/*.[1-8]; do
		[ -e "$f" ] || continue
		echo "644 $p/share/man/man${f##*.}/$(basename "$f")"
	done
}

# listing DESTDIR: the same form for what is there (files, and the two
# directories whose mode install sets).
listing() {
	(cd "$1" && find . \( -type f -o -path ./var/lib/netanom \
		-o -path ./var/log/netanom \) -printf '%m %p\n') |
		sed 's|^\([0-9]*\) \./|\1 /|' | sort
}

same_list() {
	diff <(expected "$1" | sort) <(listing "$2")
}

inst() {
	make -s -C "$top" "$@"
}

d1=$tmp/d1
check "make install DESTDIR (PREFIX /usr/local)" inst install DESTDIR="$d1"
check "every file in place with its mode, nothing else" same_list /usr/local "$d1"
same_modules() {
	local rel
	for rel in $releases; do
		cmp "$top/build/kmod/$rel/kmod/netanom.ko" \
			"$1/lib/modules/$rel/updates/netanom.ko" || return 1
	done
}
check "each release's module is the built one" same_modules "$d1"
check "programs are the built ones" bash -c "
	cmp '$top/build/bin/netanomd' '$d1/usr/local/sbin/netanomd' &&
	cmp '$top/build/bin/netanomctl' '$d1/usr/local/sbin/netanomctl'"
check "the unit runs the installed netanomd" grep -qx \
	"ExecStart=/usr/local/sbin/netanomd" \
	"$d1/usr/local/lib/systemd/system/netanomd.service"
check "modules-load.d names the module" \
	grep -qx netanom "$d1/etc/modules-load.d/netanom.conf"
check "configuration is etc/netanomd.conf" \
	cmp "$top/etc/netanomd.conf" "$d1/etc/netanom/netanomd.conf"

# An operator's edit survives a second install.
conf=$d1/etc/netanom/netanomd.conf
echo "edited by the operator" >>"$conf"
chmod 600 "$conf"
check "second install succeeds" inst install DESTDIR="$d1"
check "second install keeps the edited configuration" bash -c "
	tail -n1 '$conf' | grep -qx 'edited by the operator' &&
	[ \$(stat -c %a '$conf') = 600 ]"
check "second install puts the shipped configuration beside it" \
	cmp "$top/etc/netanomd.conf" "$conf.dist"

# PREFIX moves what belongs to the prefix; /etc, /var and the module stay.
d2=$tmp/d2
check "make install PREFIX=/usr" inst install DESTDIR="$d2" PREFIX=/usr
check "PREFIX=/usr: every file in place, nothing else" same_list /usr "$d2"
check "PREFIX=/usr: the unit runs /usr/sbin/netanomd" grep -qx \
	"ExecStart=/usr/sbin/netanomd" \
	"$d2/usr/lib/systemd/system/netanomd.service"

# Uninstall leaves configuration, database and logs.
check "make uninstall" inst uninstall DESTDIR="$d2" PREFIX=/usr
operators_files() {
	diff <(printf '%s\n' "640 /etc/netanom/netanomd.conf" \
		"750 /var/lib/netanom" "750 /var/log/netanom") <(listing "$1")
}
check "uninstall leaves only the operator's files" operators_files "$d2"

# Without a build, install refuses and says what to do.
d3=$tmp/d3
check "install without a build is refused, saying to run make" bash -c "
	out=\$(make -s -C '$top' install DESTDIR='$d3' BUILD='$tmp/nobuild' 2>&1)
	st=\$?
	[ \$st -ne 0 ] && printf '%s' \"\$out\" | grep -q \"run 'make' first\" &&
	! [ -e '$d3/usr/local/sbin/netanomd' ]"

echo "install: $((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
