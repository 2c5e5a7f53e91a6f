#!/bin/bash
# The DKMS tier: build the module through DKMS, as the netanom-dkms package
# does on a server, for every kernel whose headers are installed
# (scripts/kernels.sh headers), without touching the host's /usr/src or
# /var/lib/dkms: the source tree, the DKMS tree, the install tree and a
# throwaway module signing key all live in build/dkms/.  Nothing is loaded.
#
#   scripts/dkms-test.sh RESULTS_DIR
#
# Writes RESULTS_DIR/dkms.tap: per release, that "dkms build" succeeds, that
# it left netanom.ko (or .ko.xz, as the kernel compresses its own modules)
# in the DKMS tree, and that the module's vermagic names that release.
# Each build's output is in build/dkms/RELEASE.log.
# Exit status: 0 when every check passed.
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/help.sh"
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd -P)
[ $# -eq 1 ] || { echo "usage: scripts/dkms-test.sh RESULTS_DIR" >&2; exit 2; }
results=$1
tap=$results/dkms.tap
mkdir -p "$results"
: >"$tap"
command -v dkms >/dev/null || { echo "not ok dkms installed (run scripts/deps.sh)" >>"$tap"; exit 1; }

version=$(cat "$repo/VERSION")
top=$repo/build/dkms
rm -rf "$top"
mkdir -p "$top/src" "$top/tree" "$top/install"
"$repo/scripts/dkms-src.sh" "$top/src/netanom-$version"

# dkms signs what it builds when the kernel has sign-file; without these
# it would create /var/lib/dkms/mok.key on the host.
export mok_signing_key=$top/mok.key mok_certificate=$top/mok.pub
trees=(--sourcetree "$top/src" --dkmstree "$top/tree" --installtree "$top/install")

ok() { echo "ok dkms $*" >>"$tap"; echo "ok dkms $*"; }
notok() { echo "not ok dkms $*" >>"$tap"; echo "not ok dkms $*"; }

if dkms add -m netanom -v "$version" "${trees[@]}" >"$top/add.log" 2>&1; then
	ok "add netanom/$version"
else
	notok "add netanom/$version"
	sed 's/^/#   /' "$top/add.log"
	exit 1
fi

mapfile -t releases < <("$repo/scripts/kernels.sh" headers)
[ ${#releases[@]} -gt 0 ] || { notok "kernel headers installed"; exit 1; }
for rel in "${releases[@]}"; do
	log=$top/$rel.log
	if dkms build -m netanom -v "$version" -k "$rel" "${trees[@]}" >"$log" 2>&1; then
		ok "$rel: dkms build"
	else
		notok "$rel: dkms build"
		tail -n 20 "$log" | sed 's/^/#   /'
		# The make log dkms keeps has the compiler's errors.
		tail -n 20 "$top/tree/netanom/$version/build/make.log" 2>/dev/null | sed 's/^/#   /' || true
		continue
	fi
	ko=
	for f in "$top/tree/netanom/$version/$rel"/*/module/netanom.ko{,.xz,.zst,.gz}; do
		[ -f "$f" ] && ko=$f && break
	done
	if [ -z "$ko" ]; then
		notok "$rel: netanom.ko in the DKMS tree"
		continue
	fi
	ok "$rel: netanom.ko in the DKMS tree (${ko#"$top"/})"
	vermagic=$(modinfo -F vermagic "$ko" 2>/dev/null || true)
	if [ "${vermagic%% *}" = "$rel" ]; then
		ok "$rel: vermagic '$vermagic'"
	else
		notok "$rel: vermagic is '$vermagic', not for $rel"
	fi
done
! grep -q '^not ok ' "$tap"
