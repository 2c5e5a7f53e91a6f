#!/bin/sh
# Lay out the module's DKMS source tree, what /usr/src/netanom-VERSION/
# holds: dkms.conf (its #MODULE_VERSION# replaced), Kbuild, kmod/ without
# the KUnit tests, and the uapi header the module includes.
#
#   scripts/dkms-src.sh DIR      DIR is created (its parent must exist)
#
# Used by the DKMS test (scripts/dkms-test.sh) and by debian/rules for the
# netanom-dkms package, so both ship the same files.  The version is the
# top-level VERSION file's.
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/help.sh"
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd -P)
[ $# -eq 1 ] || { echo "usage: scripts/dkms-src.sh DIR" >&2; exit 2; }
dir=$1
version=$(cat "$repo/VERSION")
case $version in
'' | *[!0-9A-Za-z.+~-]*)
	echo "dkms-src.sh: $repo/VERSION holds '$version', not a version" >&2
	exit 1
	;;
esac
mkdir -p "$dir/kmod" "$dir/include/uapi/linux"
cp "$repo/Kbuild" "$dir/"
for f in "$repo"/kmod/*; do
	[ -f "$f" ] && cp "$f" "$dir/kmod/"
done
cp "$repo/include/uapi/linux/netanom.h" "$dir/include/uapi/linux/"
sed "s/#MODULE_VERSION#/$version/" "$repo/dkms.conf" >"$dir/dkms.conf"
