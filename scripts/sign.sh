#!/bin/bash
# Sign the built module for each kernel release with the operator's key:
#   SIGN_KEY=key.pem SIGN_CERT=cert.der [SIGN_HASH=sha256] \
#       KRELEASES="..." BUILD=build scripts/sign.sh
# (`make sign SIGN_KEY=... SIGN_CERT=...` sets the rest.)  Uses the
# kernel's own scripts/sign-file from the release's headers.  A module
# signed before is stripped of that signature first, so signing again
# (another key) replaces the signature rather than stacking a second one.
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/help.sh"
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}
hash=${SIGN_HASH:-sha256}
die() { echo "netanom sign: $*" >&2; exit 1; }

[ -n "${SIGN_KEY:-}" ] && [ -n "${SIGN_CERT:-}" ] ||
	die "name the key and its certificate: make sign SIGN_KEY=key.pem SIGN_CERT=cert.der (README, \"Signing the module\", says how to make them)"
[ -r "$SIGN_KEY" ] || die "cannot read the key $SIGN_KEY"
[ -r "$SIGN_CERT" ] || die "cannot read the certificate $SIGN_CERT"
[ -n "${KRELEASES:-}" ] || die "no kernel release; install linux-headers-\$(uname -r) or pass KDIR="

# sign-file of RELEASE: its headers' tree, else Debian's kbuild package.
sign_file() {
	local rel=$1 f kdir=${KDIR:-/lib/modules/$1/build} ver
	ver=$(echo "$rel" | sed -n 's/^\([0-9]*\.[0-9]*\).*/\1/p')
	for f in "$kdir/scripts/sign-file" \
		"/usr/src/linux-headers-$rel/scripts/sign-file" \
		/usr/lib/linux-kbuild-"$ver"*/scripts/sign-file; do
		[ -x "$f" ] && { echo "$f"; return 0; }
	done
	return 1
}

MAGIC='~Module signature appended~'
# Drop an appended signature: the file ends with struct module_signature
# (12 bytes, the signature's length big-endian in its last 4) and MAGIC.
strip_signature() {
	local ko=$1 size siglen
	[ "$(tail -c 28 "$ko" | head -c 27)" = "$MAGIC" ] || return 0
	size=$(stat -c %s "$ko")
	siglen=$(tail -c 32 "$ko" | head -c 4 | od -An -tu1 |
		awk '{ print ($1 * 16777216) + ($2 * 65536) + ($3 * 256) + $4 }')
	truncate -s $((size - 28 - 12 - siglen)) "$ko"
}

for rel in $KRELEASES; do
	ko=$build/kmod/$rel/kmod/netanom.ko
	[ -f "$ko" ] || die "$ko is missing; run 'make' first"
	sf=$(sign_file "$rel") ||
		die "$rel: no scripts/sign-file; install linux-headers-$rel (or linux-kbuild)"
	strip_signature "$ko"
	"$sf" "$hash" "$SIGN_KEY" "$SIGN_CERT" "$ko" ||
		die "$rel: sign-file failed (is $SIGN_KEY the key of $SIGN_CERT?)"
	printf '  %-8s %s (%s)\n' SIGN "$ko" "$(modinfo -F signer "$ko")"
done
