#!/bin/bash
# Build the Debian packages netanom and netanom-dkms into build/deb/, from a
# copy of the checkout (its tracked and unignored files) in
# build/deb/netanom-VERSION/, so that dpkg-buildpackage writes nothing into
# the checkout or next to it.  Then run lintian on them.
#
#   scripts/deb.sh           build, then lintian (output in build/deb/lintian.txt)
#
# Fails when debian/changelog's version is not the VERSION file's, when the
# build fails, or when lintian reports an error or warning that no
# debian/*.lintian-overrides entry explains.
# Prints the paths of the two .deb files on its last two lines.
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/help.sh"
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$repo"
version=$(cat VERSION)
changelog=$(dpkg-parsechangelog -S Version)
if [ "$changelog" != "$version" ]; then
	echo "deb.sh: debian/changelog is at $changelog but VERSION says $version;" \
		"add a debian/changelog entry for $version (by hand, or dch -v $version from devscripts)" >&2
	exit 1
fi

out=$repo/build/deb
src=$out/netanom-$version
rm -rf "$out"
mkdir -p "$src"
git ls-files -z --cached --others --exclude-standard |
	tar --null -T - --ignore-failed-read -cf - 2>/dev/null | tar -xf - -C "$src"

echo "deb.sh: dpkg-buildpackage in $src (log in $out/build.log)" >&2
if ! (cd "$src" && dpkg-buildpackage -us -uc -b) >"$out/build.log" 2>&1; then
	tail -n 30 "$out/build.log" >&2
	echo "deb.sh: dpkg-buildpackage failed; the whole log is $out/build.log" >&2
	exit 1
fi

arch=$(dpkg --print-architecture)
debs=("$out/netanom_${version}_$arch.deb" "$out/netanom-dkms_${version}_all.deb")
for d in "${debs[@]}"; do
	[ -f "$d" ] || { echo "deb.sh: $d was not built" >&2; exit 1; }
done

# --fail-on warning: an unexplained warning fails like an error; info and
# pedantic tags are shown, not fatal.
st=0
lintian --fail-on error,warning --info --display-info --pedantic \
	"$out/netanom_${version}_$arch.changes" >"$out/lintian.txt" 2>&1 || st=$?
cat "$out/lintian.txt" >&2
if [ "$st" != 0 ]; then
	echo "deb.sh: lintian found errors or warnings (above; $out/lintian.txt)" >&2
	exit 1
fi
printf '%s\n' "${debs[@]}"
