#!/bin/sh
# Print the kernel releases to build the module for, one a line.
#   scripts/kernels.sh headers   releases whose headers are installed: the
#                                running kernel's if present, else all of them
#   scripts/kernels.sh images    releases with a bootable image in /boot and
#                                a 6.1 or 6.12 version (for the VM tests)
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/help.sh"
set -eu
case "${1:-headers}" in
headers)
	if [ -d "/lib/modules/$(uname -r)/build" ]; then
		uname -r
		exit 0
	fi
	for d in /lib/modules/*/build; do
		[ -d "$d" ] && basename "$(dirname "$d")"
	done
	;;
images)
	for f in /boot/vmlinuz-6.1.* /boot/vmlinuz-6.12.*; do
		[ -e "$f" ] || continue
		rel=${f#/boot/vmlinuz-}
		[ -d "/lib/modules/$rel/build" ] && echo "$rel"
	done
	;;
*)
	echo "usage: scripts/kernels.sh [headers|images]" >&2
	exit 2
	;;
esac
