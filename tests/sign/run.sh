#!/bin/bash
# make sign, host-side:   tests/sign/run.sh TAP_FILE
# A throwaway key and certificate (openssl) sign copies of the built
# modules (BUILD= a temporary tree, so the build itself stays unsigned):
# modinfo shows the signer, key id and hash; signing again with another
# key replaces the signature instead of stacking one; a missing key is
# refused with a message saying what to pass.  That the signed module
# loads is tests/vm/15-signed.sh, in the guest.
# shellcheck source=scripts/help.sh
. "$(dirname "$0")/../../scripts/help.sh"
set -u
tap=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$top/tests/lib/tap.sh"
tap_start "$tap" sign

# key NAME CN: a throwaway RSA key and its DER certificate.
key() {
	openssl req -new -x509 -newkey rsa:2048 -nodes -days 2 -sha256 \
		-subj "/CN=$2/" -outform DER -keyout "$tmp/$1.key" \
		-out "$tmp/$1.der" >/dev/null 2>&1
}

releases=$(cd "$top" && scripts/kernels.sh headers)
for rel in $releases; do
	mkdir -p "$tmp/build/kmod/$rel/kmod"
	cp "$top/build/kmod/$rel/kmod/netanom.ko" "$tmp/build/kmod/$rel/kmod/"
done
key a "netanom test key A" && key b "netanom test key B"
result $? "openssl makes throwaway keys"

sign() {
	make -s -C "$top" sign BUILD="$tmp/build" SIGN_KEY="$tmp/$1.key" \
		SIGN_CERT="$tmp/$1.der" 2>&1
}

out=$(sign a)
result $? "make sign with key A" "$out"
for rel in $releases; do
	ko=$tmp/build/kmod/$rel/kmod/netanom.ko
	out=$(modinfo "$ko" 2>&1)
	grep -q '^signer: *netanom test key A$' <<<"$out" &&
		grep -q '^sig_hashalgo: *sha256$' <<<"$out" &&
		grep -q '^sig_key:' <<<"$out"
	result $? "$rel: modinfo shows signer, key and hash" "$out"
	size_a=$(stat -c %s "$ko")
	ckey=$(openssl x509 -inform DER -in "$tmp/a.der" -noout -serial |
		sed 's/^serial=//')
	got=$(modinfo -F sig_key "$ko" | tr -d ':')
	[ "${got^^}" = "${ckey^^}" ]
	result $? "$rel: sig_key is the certificate's serial" "$got vs $ckey"
	echo "$size_a" >"$tmp/size-$rel"
done

out=$(sign b)
result $? "make sign again with key B" "$out"
for rel in $releases; do
	ko=$tmp/build/kmod/$rel/kmod/netanom.ko
	[ "$(modinfo -F signer "$ko")" = "netanom test key B" ] &&
		[ "$(grep -c 'Module signature appended' "$ko")" = 1 ] &&
		[ "$(stat -c %s "$ko")" = "$(cat "$tmp/size-$rel")" ]
	result $? "$rel: the second signature replaced the first" \
		"$(modinfo -F signer "$ko"); size $(stat -c %s "$ko")"
	# The build's own module is untouched.
	! modinfo -F signer "$top/build/kmod/$rel/kmod/netanom.ko" | grep -q .
	result $? "$rel: the build's module was not signed by the test"
done

out=$(make -s -C "$top" sign BUILD="$tmp/build" 2>&1)
[ $? -ne 0 ] && grep -q 'SIGN_KEY=key.pem SIGN_CERT=cert.der' <<<"$out"
result $? "make sign without a key says what to pass" "$out"
out=$(make -s -C "$top" sign BUILD="$tmp/build" SIGN_KEY="$tmp/a.key" \
	SIGN_CERT="$tmp/b.der" 2>&1)
[ $? -ne 0 ]
result $? "a key that is not the certificate's is refused" "$out"

echo "sign: $((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
