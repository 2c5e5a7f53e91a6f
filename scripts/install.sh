#!/bin/sh
# Install (or uninstall) what `make` built.  Called by the Makefile's
# install targets with the directories in the environment; run
# `make help-install` for them and their defaults.
#
#   scripts/install.sh install|install-module|install-userspace|uninstall
#
# Never builds: a missing build output is an error that says to run make.
# Never overwrites the configuration: an existing netanomd.conf is kept,
# and the shipped one goes beside it as netanomd.conf.dist.
# Uninstall removes what install put in place, except the configuration,
# the database and the alert logs, which are the operator's.
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/help.sh"
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}
: "${DESTDIR:=}"
: "${PREFIX:=/usr/local}"
: "${SBINDIR:=$PREFIX/sbin}"
: "${MANDIR:=$PREFIX/share/man}"
: "${BASHCOMPDIR:=$PREFIX/share/bash-completion/completions}"
: "${SYSTEMDUNITDIR:=$PREFIX/lib/systemd/system}"
: "${SYSCONFDIR:=/etc}"
: "${LOCALSTATEDIR:=/var}"
: "${MODULEDIR:=/lib/modules}"
: "${MODULESLOADDIR:=$SYSCONFDIR/modules-load.d}"
: "${LOGROTATEDIR:=$SYSCONFDIR/logrotate.d}"
: "${KRELEASES:=}"
: "${DEPMOD:=depmod}"

say() { printf '  %-8s %s\n' "$1" "$2"; }
die() { echo "netanom install: $*" >&2; exit 1; }

# put MODE SRC DST: install one file, creating its directory.
put() {
	install -D -m "$1" "$2" "$DESTDIR$3"
	say INSTALL "$3"
}

need() {
	[ -f "$1" ] || die "$1 is missing; run 'make' first (as the user who builds, then 'make install' as root)"
}

install_module() {
	[ -n "$KRELEASES" ] || die "no kernel release to install for; install linux-headers-\$(uname -r) or pass KDIR="
	for rel in $KRELEASES; do
		need "$build/kmod/$rel/kmod/netanom.ko"
	done
	for rel in $KRELEASES; do
		put 0644 "$build/kmod/$rel/kmod/netanom.ko" \
			"$MODULEDIR/$rel/updates/netanom.ko"
		# Into a staging DESTDIR the package's postinst runs depmod.
		if [ -z "$DESTDIR" ]; then
			"$DEPMOD" -a "$rel" || die "depmod -a $rel failed"
		fi
	done
	printf 'netanom\n' >"$build/netanom-modules-load.conf"
	put 0644 "$build/netanom-modules-load.conf" \
		"$MODULESLOADDIR/netanom.conf"
}

# The unit names the daemon where it was installed.
unit_file() {
	sed "s|/usr/local/sbin/|$SBINDIR/|g" \
		"$top/etc/systemd/netanomd.service" >"$build/netanomd.service"
	put 0644 "$build/netanomd.service" "$SYSTEMDUNITDIR/netanomd.service"
}

config_file() {
	conf=$SYSCONFDIR/netanom/netanomd.conf
	if [ -e "$DESTDIR$conf" ]; then
		put 0644 "$top/etc/netanomd.conf" "$conf.dist"
		say KEEP "$conf (the shipped one is $conf.dist)"
	else
		put 0640 "$top/etc/netanomd.conf" "$conf"
	fi
}

man_pages() {
	for f in "$top"/man/*.[1-8]; do
		[ -e "$f" ] || continue
		sec=${f##*.}
		put 0644 "$f" "$MANDIR/man$sec/$(basename "$f")"
	done
}

install_userspace() {
	need "$build/bin/netanomd"
	need "$build/bin/netanomctl"
	put 0755 "$build/bin/netanomd" "$SBINDIR/netanomd"
	put 0755 "$build/bin/netanomctl" "$SBINDIR/netanomctl"
	config_file
	# Who ran what over the network is not for every local user.
	for d in "$LOCALSTATEDIR/lib/netanom" "$LOCALSTATEDIR/log/netanom"; do
		install -d -m 0750 "$DESTDIR$d"
		say DIR "$d"
	done
	man_pages
	put 0644 "$top/etc/bash-completion/netanomctl" \
		"$BASHCOMPDIR/netanomctl"
	unit_file
	put 0644 "$top/etc/logrotate.d/netanom" "$LOGROTATEDIR/netanom"
	return 0
}

rm_file() {
	[ -e "$DESTDIR$1" ] || return 0
	rm -f "$DESTDIR$1"
	say REMOVE "$1"
}

uninstall() {
	rm_file "$SBINDIR/netanomd"
	rm_file "$SBINDIR/netanomctl"
	rm_file "$SYSCONFDIR/netanom/netanomd.conf.dist"
	for f in "$top"/man/*.[1-8]; do
		[ -e "$f" ] || continue
		rm_file "$MANDIR/man${f##*.}/$(basename "$f")"
	done
	rm_file "$BASHCOMPDIR/netanomctl"
	rm_file "$SYSTEMDUNITDIR/netanomd.service"
	rm_file "$LOGROTATEDIR/netanom"
	rm_file "$MODULESLOADDIR/netanom.conf"
	for rel in $KRELEASES; do
		rm_file "$MODULEDIR/$rel/updates/netanom.ko"
		if [ -z "$DESTDIR" ] && [ -d "$MODULEDIR/$rel" ]; then
			"$DEPMOD" -a "$rel" || true
		fi
	done
	echo "netanom: kept $SYSCONFDIR/netanom, $LOCALSTATEDIR/lib/netanom and $LOCALSTATEDIR/log/netanom (remove them by hand)"
}

mkdir -p "$build"
case "${1:-}" in
install) install_module; install_userspace ;;
install-module) install_module ;;
install-userspace) install_userspace ;;
uninstall) uninstall ;;
*) die "usage: scripts/install.sh install|install-module|install-userspace|uninstall" ;;
esac
