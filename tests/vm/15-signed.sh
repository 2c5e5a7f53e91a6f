#!/bin/bash
# make sign's module loads: a throwaway key (openssl, in the guest's /tmp)
# signs a copy of the built module with scripts/sign.sh, the same script
# `make sign` runs; modinfo shows the signer; the signed copy loads and
# answers netanomctl.  The key is not trusted by the kernel (it is not in
# the kernel's keyring nor enrolled with MOK), and the guest does not
# enforce signatures, so the kernel loads it all the same; it marks the
# module as not verified, which is what an untrusted key gets.
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
need_built

openssl req -new -x509 -newkey rsa:2048 -nodes -days 2 -sha256 \
	-subj "/CN=netanom guest test key/" -outform DER \
	-keyout "$WORK/key.pem" -out "$WORK/cert.der" >/dev/null 2>&1 ||
	bail "openssl makes a key"
mkdir -p "$WORK/build/kmod/$KREL/kmod"
cp "$MOD" "$WORK/build/kmod/$KREL/kmod/netanom.ko"
signed=$WORK/build/kmod/$KREL/kmod/netanom.ko
check "scripts/sign.sh signs the module" env SIGN_KEY="$WORK/key.pem" \
	SIGN_CERT="$WORK/cert.der" KRELEASES="$KREL" BUILD="$WORK/build" \
	"$REPO/scripts/sign.sh"
expect_eq "modinfo shows the signer" "netanom guest test key" \
	"$(modinfo -F signer "$signed")"

if [ -d /sys/module/netanom ]; then rmmod netanom; fi
check "the signed module loads" insmod "$signed"
check "netanomctl stats answers" "$CTL" stats
check "the loaded module is the signed one (its srcversion)" test \
	"$(cat /sys/module/netanom/srcversion 2>/dev/null)" = \
	"$(modinfo -F srcversion "$signed")"
check "rmmod" rmmod netanom
finish
